/**
 * The monitor's behaviour outside the evaluation set: inert outside member access (strings,
 * comments, numbers, template text, regexes), `?.`, `new`, rollback, the mask against a brute
 * force (every token offered to accept), and the scanner alone (fast-check).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TsMemberMonitor } from "../../src/monitors/typescript/member-monitor.js";
import { TsProject } from "../../src/monitors/typescript/project.js";
import { Ctx, ScanState } from "../../src/monitors/typescript/scan.js";
import { allOnes, bundledVocab, has, serviceIdentifiers, tokenText } from "./helpers.js";

let dir: string;
let project: TsProject;
const FILE = "src/main.ts";
const HEAD = `import { Circle, Point } from "./shapes.js";
const c = new Circle(new Point(1, 2), 3);
const arr: number[] = [1, 2];
const s = "abc";
abstract class Base {}
const nope = 5;
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gramfill-monitor-"));
  mkdirSync(path.join(dir, "src"));
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022"], types: [], strict: true, module: "ESNext", moduleResolution: "bundler" } }));
  writeFileSync(
    path.join(dir, "src/shapes.ts"),
    `export class Point { constructor(public x: number, public y: number) {} }
export class Circle { #id = 1; constructor(public center: Point, public radius: number) {} area(): number { return this.radius; } same(o: Circle) { return o.#id === this.#id; } }
`,
  );
  project = TsProject.open(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const monitor = (prefix: string, opts: { lookahead?: boolean } = {}) => new TsMemberMonitor(project, FILE, bundledVocab(), { prefix, ...opts });
const mask = (m: TsMemberMonitor) => {
  const bits = allOnes(bundledVocab().size);
  m.restrictMask(bits);
  return bits;
};
const allowedTexts = (bits: Uint32Array) => {
  const v = bundledVocab();
  const out = new Set<string>();
  for (let id = 0; id < v.size; id++) if (v.isNormal(id) && has(bits, id)) out.add(tokenText(v, id));
  return out;
};
/** Feeds `text` (greedy tokens); the number of tokens accepted before a refusal, or -1 if all were. */
const feed = (m: TsMemberMonitor, text: string) => {
  const ids = bundledVocab().tokenizeGreedy(text);
  for (let i = 0; i < ids.length; i++) if (!m.accept(ids[i]!)) return i;
  return -1;
};

describe("inert outside member access", () => {
  const ones = allOnes(bundledVocab().size);
  for (const tail of ['s + "abc.', "// c.", "/* c.", "const x = 1.", "const y = 1.5", "const t = `c.", "const r = /c./", "const z = [...", "c.radius + 2", "arr.map((v) => v", "x.y;\n"]) {
    it(`after ${JSON.stringify(tail)} the mask is untouched and nothing is asked`, () => {
      const m = monitor(HEAD + tail);
      expect(m.phase).toBe("idle");
      const bits = mask(m);
      const v = bundledVocab();
      // only tokens that open a member access inside themselves may go (`.x`, `"./`, `}.{` after
      // an expression: a dot and then something the service has not checked)
      let refused = 0;
      for (let id = 0; id < v.size; id++) {
        if (has(ones, id) && !has(bits, id)) {
          refused++;
          expect(tokenText(v, id).includes("."), JSON.stringify(tokenText(v, id))).toBe(true);
        }
      }
      expect(refused).toBeLessThan(200);
      if (/\.$|`c\.$/.test(tail) && !tail.startsWith("const x")) expect(m.stats.queries).toBe(0);
    });
  }

  it("writing inside a string, comment or template text is never refused", () => {
    const m = monitor(HEAD);
    expect(feed(m, 'const q = "c.zzz arr.nope";\n// c.zzz\n/* arr.zzz */\nconst u = `c.zzz`;\n')).toBe(-1);
    expect(m.stats.queries).toBe(0);
    expect(m.phase).toBe("idle");
  });

  it("but inside a template substitution the member access is checked", () => {
    const m = monitor(HEAD + "const u = `${c.");
    expect(m.phase).toBe("triggered");
    expect(new Set(m.currentNames())).toEqual(new Set(["area", "center", "radius", "same"]));
    expect(feed(m, "zzz")).toBe(0);
    expect(feed(m, "radius}`;\nc.area();")).toBe(-1);
  });
});

describe("contexts", () => {
  it("member access: only the members, EOS refused until the name is complete", () => {
    const m = monitor(HEAD + "c.");
    const bits = mask(m);
    expect(new Set(m.currentNames())).toEqual(new Set(["area", "center", "radius", "same"]));
    const texts = allowedTexts(bits);
    expect(texts.has("are")).toBe(true);
    expect(texts.has(" ")).toBe(false);
    expect(texts.has("(")).toBe(false);
    expect(has(bits, 0)).toBe(false);
    expect(feed(m, "rad")).toBe(-1);
    expect(m.phase).toBe("constrained");
    expect(has(mask(m), 0)).toBe(false);
    expect(feed(m, "ius")).toBe(-1);
    expect(has(mask(m), 0)).toBe(true); // `c.radius` is complete
    expect(feed(m, "es")).toBe(0); // `c.radiuses` is not a member
    expect(feed(m, ";")).toBe(-1);
    expect(m.phase).toBe("idle");
  });

  it("a prompt ending inside a member name: the rest of it follows the names offered at the dot", () => {
    const m = monitor(HEAD + "c.ra");
    expect(m.phase).toBe("constrained");
    expect(m.stats.queries).toBe(1);
    expect(feed(m, "zz")).toBe(0);
    expect(feed(m, "dius;")).toBe(-1);
    // a prefix no member has: left free (the prompt is the user's)
    const free = monitor(HEAD + "c.zq");
    expect(free.phase).toBe("idle");
    expect(feed(free, "x;")).toBe(-1);
  });

  it("a prompt with what the monitor would refuse (`c. radius`, `c.(`) is read on", () => {
    const m = monitor(HEAD + "const q = c. radius;\nconst w = [c.(1)];\nc.");
    expect(m.phase).toBe("triggered");
    expect(new Set(m.currentNames())).toEqual(new Set(["area", "center", "radius", "same"]));
  });

  it("chains follow the types: c.center.x, arr.length.toFixed", () => {
    const m = monitor(HEAD);
    expect(feed(m, "c.center.")).toBe(-1);
    expect(new Set(m.currentNames())).toEqual(new Set(["x", "y"]));
    expect(feed(m, "x;\narr.length.")).toBe(-1);
    expect(m.currentNames()).toContain("toFixed");
    expect(m.currentNames()).not.toContain("push");
    expect(feed(m, "push")).toBe(0);
  });

  it("private names and optional chaining", () => {
    const inside = monitor(HEAD + "class K { #k = 2; m() { return this.");
    expect(inside.currentNames()).toContain("#k");
    expect(allowedTexts(mask(inside)).has("#")).toBe(true);
    expect(feed(inside, "#k")).toBe(-1);
    const optional = monitor(HEAD + "const f = (g?: () => number) => g?.");
    expect(allowedTexts(mask(optional)).has("(")).toBe(true); // g?.() is an optional call
    const optionalMember = monitor(HEAD + "const oc: Circle | undefined = c;\noc?.");
    expect(new Set(optionalMember.currentNames())).toEqual(new Set(["area", "center", "radius", "same"]));
    expect(feed(optionalMember, "zz")).toBe(0);
  });

  it("new: constructable names only (no abstract class, no plain value)", () => {
    const m = monitor(HEAD + "const d = new ");
    const bits = mask(m);
    const names = new Set(m.currentNames());
    for (const n of ["Circle", "Point", "Map", "Date"]) expect(names.has(n), n).toBe(true);
    for (const n of ["Base", "nope", "arr", "Math"]) expect(names.has(n), n).toBe(false);
    expect(allowedTexts(bits).has("nope")).toBe(false);
    expect(feed(m, "Circle(c.center, 2);")).toBe(-1);
    // a space-prefixed token right after `new` is checked against the same names
    const m2 = monitor(HEAD + "const e = new");
    const t2 = allowedTexts(mask(m2));
    expect(t2.has(" Map")).toBe(true);
    expect(t2.has(" nope")).toBe(false);
    expect(t2.has("er")).toBe(true); // `newer`: not the keyword
  });

  it("new: offered exactly when the checker accepts `new X()` (every value in scope, one file of them)", () => {
    const head = HEAD + "namespace NS { export class Inner {} }\nfunction plain() { return 1; }\nconst ctor: new () => object = Object;\n";
    const m = monitor(head + "const d = new ");
    mask(m);
    const offered = new Set(m.currentNames());
    const candidates = serviceIdentifiers(project, FILE, head + "const d = new ");
    // namespaces are offered for `new NS.Inner()` (`new NS()` itself is an error): compared apart
    project.setText(FILE, head + "const d = new ");
    const info = project.languageService.getCompletionsAtPosition(FILE, (head + "const d = new ").length, {});
    const namespaces = new Set(info!.entries.filter((e) => e.kind === "module").map((e) => e.name));
    expect(namespaces.has("NS")).toBe(true);
    for (const n of namespaces) expect(offered.has(n), n).toBe(true);
    const values = [...candidates.names].filter((n) => !namespaces.has(n) && n !== "d");
    expect(values.length).toBeGreaterThan(50);
    // one statement per name; errors that say "not constructable" by position
    const lines = values.map((n) => `new ${n}();`);
    const text = head + lines.join("\n") + "\n";
    project.setText(FILE, text);
    const starts = new Map<number, string>();
    let at = head.length;
    for (const [i, l] of lines.entries()) {
      starts.set(at, values[i]!); // some errors point at `new`, some at the name
      starts.set(at + 4, values[i]!);
      at += l.length + 1;
    }
    const NOT_CONSTRUCTABLE = new Set([2351, 2511, 2693, 2708, 7009, 2350, 2304, 2585, 18050]);
    const rejected = new Set<string>();
    const codes = new Map<string, number[]>();
    for (const d of project.diagnostics(FILE)) {
      if (d.start === undefined || !starts.has(d.start)) continue;
      const n = starts.get(d.start)!;
      codes.set(n, [...(codes.get(n) ?? []), d.code]);
      if (NOT_CONSTRUCTABLE.has(d.code)) rejected.add(n);
    }
    project.removeFile(FILE);
    const wrong = values.filter((n) => offered.has(n) === rejected.has(n)).map((n) => `${n} ${offered.has(n) ? "offered" : "not offered"} ${JSON.stringify(codes.get(n) ?? [])}`);
    expect(wrong, "offered but rejected, or accepted but not offered").toEqual([]);
  });

  it("lookahead: `.x` tokens are checked with one more query instead of refused", () => {
    const v = bundledVocab();
    const dotUnderscore = v.tokenizeGreedy("._")[0]!;
    expect(tokenText(v, dotUnderscore)).toBe("._");
    const plain = monitor(HEAD + "c");
    expect(has(mask(plain), dotUnderscore)).toBe(false);
    const look = monitor(HEAD + "const o = { _x: 1 };\no", { lookahead: true });
    expect(has(mask(look), dotUnderscore)).toBe(true);
    const look2 = monitor(HEAD + "c", { lookahead: true });
    expect(has(mask(look2), dotUnderscore)).toBe(false); // Circle has no member starting with _
  });

  it("rollback restores the state and the text", () => {
    const m = monitor(HEAD);
    feed(m, "c.");
    expect(m.phase).toBe("triggered");
    const n = bundledVocab().tokenizeGreedy("radius;\ns.").length;
    feed(m, "radius;\ns.");
    expect(m.currentNames()).toContain("charAt");
    m.rollback(n);
    expect(m.text).toBe("c.");
    expect(new Set(m.currentNames())).toEqual(new Set(["area", "center", "radius", "same"]));
  });
});

describe("the mask equals accepting each token (brute force)", () => {
  const fragments = ["c.", "c.center.", "arr.", "s.", "c?.", "new ", "new", "const v = ", "s + \"x.", "// c.", "1.", "`${c.", "`c.", "(c).", "arr[0].", "\n", " ", "x", "c.ra", "c.radius", "arr.length", "c.center.x "];
  it("on random prefixes built from fragments, with and without lookahead", () => {
    const v = bundledVocab();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 3 }), fc.boolean(), (parts, lookahead) => {
        const m = monitor(HEAD + parts.join(""), { lookahead });
        const bits = mask(m);
        for (let id = 0; id < v.size; id++) {
          if (!v.isNormal(id)) continue;
          const ok = m.accept(id);
          if (ok) m.rollback(1);
          if (ok !== has(bits, id)) throw new Error(`${JSON.stringify(parts.join(""))} + ${JSON.stringify(tokenText(v, id))} (lookahead ${lookahead}): mask ${has(bits, id)}, accept ${ok}`);
        }
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});

describe("scanner", () => {
  /** the state after `text`, or null if a byte was refused (a member dot followed by a non-identifier) */
  const scan = (text: string) => {
    const s = new ScanState();
    for (const b of new TextEncoder().encode(text)) if (!s.step(b, -1, () => null)) return null;
    return s;
  };
  it("finds contexts only after a member dot or `new `", () => {
    expect(scan("a.")?.ctx).toBe(Ctx.Member);
    expect(scan("a?.")?.ctx).toBe(Ctx.OptionalMember);
    expect(scan("f().")?.ctx).toBe(Ctx.Member);
    expect(scan("x[0]\n  .")?.ctx).toBe(Ctx.Member);
    expect(scan("new ")?.ctx).toBe(Ctx.New);
    for (const t of ["1.", "x = .", "[...", "'a.", '"a.', "`a.", "// a.", "/* a.", "x = /a./", "newer ", "a.b", "new.target"]) expect(scan(t)?.ctx, t).toBe(Ctx.None);
    expect(scan("`${a.")?.ctx).toBe(Ctx.Member);
    expect(scan("`${ {a: 1}.a }`; b.")?.ctx).toBe(Ctx.Member);
    expect(scan("`${ `${x}` }` + a.")?.ctx).toBe(Ctx.Member);
    expect(scan("a. b")).toBeNull();
    expect(scan("a.(")).toBeNull();
  });

  it("never throws and ends in a context only right after `.` or `new` + whitespace (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "1", ".", "?", " ", "\n", "'", '"', "`", "$", "{", "}", "/", "*", "(", ")", "new", "\\", "#"), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const s = scan(text);
        if (s === null) return; // refused: a member dot without an identifier after it
        if (s.ctx === Ctx.Member || s.ctx === Ctx.OptionalMember) expect(text.endsWith(".")).toBe(true);
        if (s.ctx === Ctx.New) expect(/new\s+$/.test(text)).toBe(true);
      }),
      { numRuns: 400, seed: 3 },
    );
  });
});
