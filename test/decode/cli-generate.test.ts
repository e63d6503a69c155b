import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runGenerate } from "../../src/cli/commands/generate.js";
import { ajvValidator } from "../../src/cli/commands/schema.js";
import { run } from "../../src/cli/main.js";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";

const dir = mkdtempSync(join(tmpdir(), "gramfill-generate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gen = (...args: string[]) => run(["generate", ...args]);
const json = (stdout: string | undefined) => JSON.parse(stdout!) as { text: string; tokens: number; valid: boolean | null; closed_out: boolean; stats: Record<string, number> };

describe("gramfill generate", () => {
  it("--schema (default model, --format json, --validate)", async () => {
    const r = await gen("--schema", "schemas/examples/person.json", "--max-tokens", "40", "--format", "json", "--validate");
    expect(r.code).toBe(0);
    const o = json(r.stdout);
    expect(Object.keys(o)).toEqual(["text", "tokens", "valid", "closed_out", "stats"]);
    expect(Object.keys(o.stats)).toEqual(["model_ms", "constraint_ms", "forced_tokens", "tokens_per_s"]);
    expect(o.valid).toBe(true);
    expect(ajvValidator(JSON.parse(readFileSync("schemas/examples/person.json", "utf8")))!(JSON.parse(o.text))).toBe(true);
  });

  it("text format is streamed to the sink as produced", async () => {
    const chunks: string[] = [];
    const r = await runGenerate(["--grammar", "grammars/json.lark", "--prompt", '{"name": ', "--max-tokens", "20"], { write: (s) => chunks.push(s) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(chunks.length).toBeGreaterThan(2);
    const text = chunks.join("").replace(/\n$/, "");
    expect(compileGrammar(loadGrammarFile("grammars/json.lark")).check(text).ok).toBe(true);
  });

  it("--format ndjson: one event per token, then a summary", async () => {
    const r = await gen("--regex", "[a-z]+(-[a-z]+)*", "--max-tokens", "6", "--format", "ndjson", "--temperature", "0.9", "--top-k", "5", "--seed", "4");
    expect(r.code).toBe(0);
    const lines = r.stdout!.trim().split("\n").map((l) => JSON.parse(l));
    const last = lines.pop();
    expect(last.done).toBe(true);
    expect(lines.map((e) => e.text).join("")).toBe(last.text);
    expect(lines.every((e) => typeof e.id === "number" && typeof e.forced === "boolean")).toBe(true);
    expect(/^[a-z]+(-[a-z]+)*$/.test(last.text)).toBe(true);
  });

  it("--seed: same seed same output", async () => {
    const args = ["--schema", "schemas/examples/package.json", "--max-tokens", "30", "--temperature", "1", "--top-p", "0.9", "--format", "json"];
    const a = json((await gen(...args, "--seed", "5")).stdout);
    const b = json((await gen(...args, "--seed", "5")).stdout);
    expect(a.text).toBe(b.text);
    expect(a.valid).toBe(true);
  });

  it("--max-tokens reached: closed out (valid), or with --no-close-out the prefix and exit 1", async () => {
    const a = await gen("--schema", "schemas/examples/person.json", "--max-tokens", "4", "--format", "json", "--validate", "--whitespace", "pretty");
    expect(a.code).toBe(0);
    const o = json(a.stdout);
    expect(o.closed_out).toBe(true);
    expect(o.valid).toBe(true);
    expect(a.stderr).toMatch(/closed out/);
    const b = await gen("--schema", "schemas/examples/person.json", "--max-tokens", "4", "--no-close-out", "--format", "json");
    expect(b.code).toBe(1);
    expect(json(b.stdout).valid).toBe(false);
    expect(json(b.stdout).closed_out).toBe(false);
    expect(b.stderr).toMatch(/unfinished prefix/);
  });

  it("--grammar with --start, --prompt-file, --no-jump-forward", async () => {
    const pf = join(dir, "prompt.txt");
    writeFileSync(pf, "[1, 2, ");
    // (--model mdm decodes by diffusion: see test/cli/infill.test.ts)
    const r = await gen("--grammar", "grammars/json.lark", "--start", "start", "--prompt-file", pf, "--max-tokens", "12", "--no-jump-forward", "--format", "json", "--validate");
    expect(r.code).toBe(0);
    const o = json(r.stdout);
    expect(o.valid).toBe(true);
    expect(o.stats.forced_tokens).toBe(0);
  });

  it("unconstrained: valid is null", async () => {
    const r = await gen("--prompt", '{"name": ', "--max-tokens", "5", "--format", "json", "--model", "ar");
    expect(r.code).toBe(0);
    expect(json(r.stdout).valid).toBeNull();
    expect(json(r.stdout).tokens).toBe(5);
  });

  it("help", async () => {
    const r = await gen("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--max-tokens/);
    expect((await run(["--help"])).stdout).toMatch(/generate/);
  });

  it.each([
    [["--max-tokens", "0"], /--max-tokens must be a positive integer/],
    [["--max-tokens", "abc"], /--max-tokens must be/],
    [["--max-tokens", "5000"], /does not fit the model's context of 1024/],
    [["--temperature=-1"], /--temperature must be a number ≥ 0/],
    [["--top-k", "0"], /--top-k must be a positive integer/],
    [["--top-p", "1.5"], /--top-p must be a number in/],
    [["--top-p", "0"], /--top-p must be a number in/],
    [["--seed", "1.5"], /--seed must be an integer/],
    [["--format", "xml"], /--format must be text, json or ndjson/],
    [["--schema", "schemas/examples/person.json", "--grammar", "grammars/json.lark"], /give one of/],
    [["--prompt", "a", "--prompt-file", "b"], /not both/],
    [["--validate"], /--validate needs/],
    [["--no-close-out"], /--no-close-out needs/],
    [["--whitespace", "pretty"], /applies to --schema only/],
    [["--schema", "schemas/examples/person.json", "--whitespace", "wide"], /--whitespace must be/],
    [["--start", "x"], /applies to --grammar only/],
    [["--bogus"], /unknown option/],
  ])("usage error %j → exit 2", async (args, msg) => {
    const r = await gen(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg as RegExp);
  });

  it.each([
    [["--model", join(dir, "no-such-model")], /does not exist/],
    [["--model", dir], /not a model folder/],
    [["--schema", join(dir, "missing.json")], /cannot read|no such file/],
    [["--grammar", join(dir, "missing.lark")], /no such file/],
    [["--prompt-file", join(dir, "missing.txt")], /no such file/],
    [["--regex", "("], /regex/i],
  ])("error %j → exit 1", async (args, msg) => {
    const r = await gen(...(args as string[]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg as RegExp);
  });
});

