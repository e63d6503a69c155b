/**
 * Projects the service can only half understand still work and never crash: type errors, files
 * that do not exist (listed in tsconfig, imported, or the file being written), no tsconfig, a
 * broken tsconfig; plus the CLI: usage errors, and short runs with the bundled model (monitor
 * alone, and with the lexical TypeScript grammar).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { TsMemberMonitor } from "../../src/monitors/typescript/member-monitor.js";
import { TsProject } from "../../src/monitors/typescript/project.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { isGramfillError } from "../../src/util/errors.js";
import { allOnes, bundledVocab } from "./helpers.js";

const root = mkdtempSync(path.join(tmpdir(), "gramfill-monitor-robust-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function makeProject(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const CONFIG = JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022"], types: [], strict: true, module: "ESNext", moduleResolution: "bundler" } });
const LOCAL = "class Box { size = 1; open(): boolean { return true; } }\nconst b = new Box();\n";

/** Opens the project, writes `file` up to `b.` and asks for the mask: the members of Box. */
function membersOfBox(dir: string, file: string, head = ""): readonly string[] | null {
  const p = TsProject.open(dir);
  const m = new TsMemberMonitor(p, file, bundledVocab(), { prefix: head + LOCAL + "b." });
  m.restrictMask(allOnes(bundledVocab().size));
  return m.currentNames();
}

describe("projects the service half understands", () => {
  it("type errors elsewhere in the project and in the file", () => {
    const dir = makeProject("errors", {
      "tsconfig.json": CONFIG,
      "src/bad.ts": "export const n: number = 'not a number';\nexport function f(): string { return 1 }\nundefinedName.foo;\n",
    });
    expect(membersOfBox(dir, "src/main.ts", "const x: string = 5;\nimport { f } from './bad.js';\nf().length;\n")).toEqual(["open", "size"]);
  });

  it("missing files: listed in tsconfig, imported, and the file being written itself", () => {
    const dir = makeProject("missing", {
      "tsconfig.json": JSON.stringify({ compilerOptions: JSON.parse(CONFIG).compilerOptions, files: ["src/gone.ts", "src/here.ts"] }),
      "src/here.ts": "export const here = 1;\n",
    });
    expect(membersOfBox(dir, "src/not-yet-written.ts", "import { nothing } from './nowhere.js';\n")).toEqual(["open", "size"]);
  });

  it("no tsconfig: the folder's files with default options", () => {
    const dir = makeProject("bare", { "lib/util.ts": "export class Tool { use(): void {} }\n" });
    const p = TsProject.open(dir);
    expect(p.tsconfig).toBeUndefined();
    expect(p.rootFiles.map((f) => path.relative(dir, f))).toEqual([path.join("lib", "util.ts")]);
    const m = new TsMemberMonitor(p, "main.ts", bundledVocab(), { prefix: "import { Tool } from './lib/util.js';\nnew Tool()." });
    m.restrictMask(allOnes(bundledVocab().size));
    expect(m.currentNames()).toEqual(["use"]);
  });

  it("a broken tsconfig: a warning, then defaults", () => {
    const dir = makeProject("broken", { "tsconfig.json": "{ compilerOptions: [", "a.ts": "export const a = 1;\n" });
    const p = TsProject.open(dir);
    expect(p.warnings.join("\n")).toMatch(/tsconfig\.json/);
    expect(membersOfBox(dir, "main.ts")).toEqual(["open", "size"]);
  });

  it("an unknown compiler option: a warning, the rest applies", () => {
    const dir = makeProject("unknown-option", { "tsconfig.json": JSON.stringify({ compilerOptions: { ...JSON.parse(CONFIG).compilerOptions, notAnOption: true } }), "a.ts": "export {};\n" });
    const p = TsProject.open(dir);
    expect(p.warnings.join("\n")).toMatch(/notAnOption/);
    expect(membersOfBox(dir, "main.ts")).toEqual(["open", "size"]);
  });

  it("a receiver the service knows nothing about leaves the identifier free", () => {
    const dir = makeProject("free", { "tsconfig.json": CONFIG });
    const p = TsProject.open(dir);
    const m = new TsMemberMonitor(p, "main.ts", bundledVocab(), { prefix: "declare const anything: any;\nanything." });
    const bits = allOnes(bundledVocab().size);
    m.restrictMask(bits);
    expect(m.currentNames()).toBeNull();
    const v = bundledVocab();
    for (const w of ["whatever", "x", "foo"]) expect(m.accept(v.tokenizeGreedy(w)[0]!), w).toBe(true), m.rollback(1);
  });

  it("a project folder that does not exist is an io error", () => {
    expect(() => TsProject.open(path.join(root, "no-such-dir"))).toThrow(expect.objectContaining({ code: "io" }));
    try {
      TsProject.open(path.join(root, "no-such-dir"));
    } catch (e) {
      expect(isGramfillError(e)).toBe(true);
    }
  });
});

describe("gramfill generate --monitor ts-members", () => {
  const gen = (...args: string[]) => run(["generate", ...args]);
  const geometry = "bench/monitor-eval/geometry";
  const main = `${geometry}/src/main.ts`;
  const cut = path.join(root, "cut.ts");
  const text = readFileSync(main, "utf8");
  const prompt = text.slice(0, text.indexOf("rect.diagonal") + "rect.".length);
  writeFileSync(cut, prompt);

  it("usage errors: one line, exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--monitor", "ts-members", "--file", main], /needs --project/],
      [["--monitor", "ts-members", "--project", geometry], /needs --file/],
      [["--monitor", "lsp"], /--monitor must be ts-members/],
      [["--project", geometry], /--project applies to --monitor only/],
      [["--lookahead"], /--lookahead applies to --monitor only/],
    ];
    for (const [args, msg] of cases) {
      const r = await gen(...args, "--prompt", "x");
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    const missing = await gen("--monitor", "ts-members", "--project", path.join(root, "nope"), "--file", "x.ts", "--prompt", "x");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/project folder not found/);
  });

  it("--help documents the monitor", async () => {
    const r = await gen("--help");
    expect(r.stdout).toMatch(/--monitor ts-members/);
    expect(r.stdout).toMatch(/--project DIR/);
  });

  it("the identifier after `rect.` is a member of Rectangle (monitor alone, then with the lexical grammar)", async () => {
    const members = ["area", "corner", "diagonal", "height", "name", "perimeter", "width"];
    const r = await gen("--monitor", "ts-members", "--project", geometry, "--file", main, "--prompt-file", cut, "--max-tokens", "3", "--format", "json");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!);
    const ident = (o.text as string).match(/^[A-Za-z_$][\w$]*/)?.[0];
    expect(members).toContain(ident);
    expect(o.monitor.queries).toBeGreaterThanOrEqual(1);

    const g = await gen("--monitor", "ts-members", "--project", geometry, "--file", main, "--prompt-file", cut, "--max-tokens", "3", "--format", "json", "--grammar", "grammars/typescript-lexical.lark", "--start", "continuation");
    expect(g.code).toBe(0);
    const og = JSON.parse(g.stdout!);
    expect(members).toContain((og.text as string).match(/^[A-Za-z_$][\w$]*/)?.[0]);
    expect(og.valid).toBe(true);
    expect(compileGrammar(loadGrammarFile("grammars/typescript-lexical.lark", { start: "continuation" })).check(og.text).ok).toBe(true);
  });
});
