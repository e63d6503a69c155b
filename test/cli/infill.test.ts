/** `gramfill infill` and `gramfill generate --model mdm`: examples, output formats, bad input. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ajvValidator } from "../../src/cli/commands/schema.js";
import { run } from "../../src/cli/main.js";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";

const dir = mkdtempSync(join(tmpdir(), "gramfill-infill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const infill = (...args: string[]) => run(["infill", ...args]);
const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
const person = JSON.parse(readFileSync("schemas/examples/person.json", "utf8")) as object;
type Out = { text: string; fills: string[]; valid: boolean; stats: Record<string, number | boolean> };

describe("gramfill infill", () => {
  it("--schema with the AR model (default), --format json: valid by ajv, the known text kept", async () => {
    const input = file("person.txt", '{"name": <|hole|>, "age": <|hole|>, "email": "a@b.cd"}');
    const r = await infill("--schema", "schemas/examples/person.json", "--input", input, "--hole-tokens", "8", "--format", "json");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as Out;
    expect(Object.keys(o)).toEqual(["text", "fills", "valid", "stats"]);
    for (const k of ["model_ms", "constraint_ms", "checks", "rejections", "fallback_used", "check_ms_p50", "check_ms_p99"]) expect(o.stats).toHaveProperty(k);
    expect(o.valid).toBe(true);
    expect(ajvValidator(person)!(JSON.parse(o.text))).toBe(true);
    expect(o.text).toBe(`{"name": ${o.fills[0]}, "age": ${o.fills[1]}, "email": "a@b.cd"}`);
  }, 60_000);

  it("--model ar with token budgets: each hole ends within --hole-tokens by the model's decoding, no fallback", async () => {
    const input = file("budget.txt", '{"a": [1, <|hole|>], "b": <|hole|>}');
    const r = await infill("--grammar", "grammars/json.lark", "--input", input, "--hole-tokens", "4", "--format", "json");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as Out;
    for (const k of ["last_resort", "budget_refusals", "stretched_holes", "bounded_plans", "unchanged_states"]) expect(o.stats).toHaveProperty(k);
    expect(o.valid).toBe(true);
    expect(() => JSON.parse(o.text)).not.toThrow();
    expect(o.stats.fallback_used).toBe(false);
    expect(o.stats.tokens).toBeLessThanOrEqual(8);
  }, 60_000);

  it("--model mdm, a custom --hole marker, text output", async () => {
    const input = file("list.txt", "[1, ??, 3, ??]");
    const r = await infill("--grammar", "grammars/json.lark", "--input", input, "--hole", "??", "--model", "mdm", "--hole-tokens", "4", "--seed", "1");
    expect(r.code).toBe(0);
    const text = r.stdout!.replace(/\n$/, "");
    expect(json.check(text).ok).toBe(true);
    expect(text.startsWith("[1, ")).toBe(true);
    expect(Array.isArray(JSON.parse(text))).toBe(true);
  }, 60_000);

  it("--model mdm with several holes: token-exact checks in every hole (EOS may end a middle hole early), no fallback", async () => {
    const input = file("holes.txt", '{"a": <|hole|>, "b": [<|hole|>], "c": <|hole|>}');
    const r = await infill("--grammar", "grammars/json.lark", "--input", input, "--model", "mdm", "--hole-tokens", "5", "--format", "json");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as Out;
    expect(o.valid).toBe(true);
    expect(json.check(o.text).ok).toBe(true);
    expect(o.text).toBe(`{"a": ${o.fills[0]}, "b": [${o.fills[1]}], "c": ${o.fills[2]}}`);
    // a token-level witness from the first check on: every commit kept one, so nothing dead-ends
    expect(o.stats.token_witness).toBe(true);
    expect(o.stats.fallback_used).toBe(false);
    expect(o.stats.tokens).toBeLessThanOrEqual(15);
  }, 60_000);

  it("a hole inside a lexeme is filled across it", async () => {
    const input = file("lexeme.txt", '{"na<|hole|>": tr<|hole|>}');
    const r = await infill("--grammar", "grammars/json.lark", "--input", input, "--hole-tokens", "4", "--format", "json");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as Out;
    expect(o.text.startsWith('{"na')).toBe(true);
    expect(JSON.parse(o.text)).toBeTypeOf("object");
  }, 60_000);

  it("only holes: the whole text is generated", async () => {
    const input = file("only.txt", "<|hole|><|hole|>");
    const r = await infill("--grammar", "grammars/arithmetic.lark", "--input", input, "--hole-tokens", "6", "--format", "json");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as Out;
    expect(o.fills.length).toBe(1);
    expect(compileGrammar(loadGrammarFile("grammars/arithmetic.lark")).check(o.text).ok).toBe(true);
  }, 60_000);

  it("an input longer than the MDM's context: the model sees a window, the output is checked whole", async () => {
    const long = "[" + Array.from({ length: 300 }, (_, i) => String(i)).join(", ") + ", <|hole|>]";
    const input = file("long.txt", long);
    const r = await infill("--grammar", "grammars/json.lark", "--input", input, "--model", "mdm", "--hole-tokens", "2", "--format", "json");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as Out;
    expect(o.valid).toBe(true);
    expect((JSON.parse(o.text) as unknown[]).length).toBeGreaterThanOrEqual(300);
  }, 60_000);

  describe("bad input: a clear line and exit 1, or a defined answer", () => {
    it("no hole", async () => {
      const r = await infill("--grammar", "grammars/json.lark", "--input", file("none.txt", '{"a": 1}'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/none\.txt: no hole in the input: mark each hole with "<\|hole\|>"/);
      expect(r.stderr!.trim().split("\n").length).toBe(1);
    });
    it("known text no word starts with: its location", async () => {
      const r = await infill("--grammar", "grammars/json.lark", "--input", file("bad.txt", '{"a": 1,\n  ]]<|hole|>'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/bad\.txt:2:3: no word of the language starts like this/);
    });
    it("no filling of the holes works", async () => {
      const r = await infill("--grammar", "grammars/json.lark", "--input", file("nofill.txt", '{"a": 1}<|hole|>}'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/nofill\.txt: no filling of the hole makes the text a word of the language/);
    });
    it("a grammar with an empty language", async () => {
      const g = file("empty.lark", 'start: "a" start\n');
      const r = await infill("--grammar", g, "--input", file("e.txt", "<|hole|>"));
      expect(r.code).toBe(1);
      expect(r.stderr!.trim().split("\n").length).toBe(1);
      expect(r.stderr).toMatch(/empty/);
    });
    it("holes too small for the MDM, provably", async () => {
      // one masked position holds one token of at most 16 bytes: not 60 closing brackets
      const r = await infill("--grammar", "grammars/json.lark", "--input", file("small.txt", "[".repeat(60) + "<|hole|>"), "--model", "mdm", "--hole-tokens", "1");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/small\.txt: 1 masked positions per hole cannot complete the text \(give more with --hole-tokens\)/);
    });
    it("holes too small for the model's tokens: the checker's completion finishes the text (fallback_used)", async () => {
      // 12 closing brackets fit one position's byte budget (≤ 16 bytes) but no token spells them
      const r = await infill("--grammar", "grammars/json.lark", "--input", file("small12.txt", "[".repeat(12) + "<|hole|>"), "--model", "mdm", "--hole-tokens", "1", "--format", "json");
      expect(r.code).toBe(0);
      const o = JSON.parse(r.stdout!) as Out;
      expect(o.valid).toBe(true);
      expect(o.stats.fallback_used).toBe(true);
      expect(json.check(o.text).ok).toBe(true);
    });
  });

  describe("usage errors (exit 2)", () => {
    it.each([
      [["--input", "x.txt"], /give --grammar FILE or --schema FILE/],
      [["--grammar", "grammars/json.lark", "--schema", "schemas/examples/person.json", "--input", "x.txt"], /not both/],
      [["--grammar", "grammars/json.lark"], /missing --input/],
      [["--grammar", "grammars/json.lark", "--input", "x.txt", "--hole-tokens", "0"], /--hole-tokens must be an integer in 1\.\.4096/],
      [["--grammar", "grammars/json.lark", "--input", "x.txt", "--format", "xml"], /--format must be text or json/],
      [["--grammar", "grammars/json.lark", "--input", "x.txt", "--hole", ""], /non-empty marker/],
    ])("%j", async (args, msg) => {
      const r = await infill(...(args as string[]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg as RegExp);
    });
    it("--steps with a causal model", async () => {
      const r = await infill("--grammar", "grammars/json.lark", "--input", file("s.txt", "[<|hole|>]"), "--steps", "4");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--steps applies to masked-diffusion models/);
    });
  });

  it("--help has the synopsis and examples; infill is listed", async () => {
    const r = await infill("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gramfill infill \(--grammar FILE \| --schema FILE\) --input FILE \[--hole STRING\]/);
    expect(r.stdout).toMatch(/Examples:/);
    expect((await run(["--help"])).stdout).toMatch(/infill/);
  });
});

describe("gramfill generate --model mdm (constrained diffusion)", () => {
  it("--schema, --format json with diffusion stats, --validate", async () => {
    const r = await run(["generate", "--model", "mdm", "--schema", "schemas/examples/person.json", "--prompt", '{"name": ', "--max-tokens", "24", "--block-length", "8", "--format", "json", "--validate"]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as { text: string; valid: boolean; stats: Record<string, number | boolean> };
    // the diffusion decoder's fields, as `infill --format json` prints them
    for (const k of ["model_ms", "constraint_ms", "sample_ms", "steps", "checks", "rejections", "check_ms_p50", "check_ms_p99", "fallback_used", "prophet_exits", "last_resort", "unknown_refused", "token_witness", "skipped", "deep_searches", "prefiltered"]) expect(o.stats).toHaveProperty(k);
    expect(o.stats.token_witness).toBe(true);
    expect(o.stats.fallback_used).toBe(false);
    expect(o.stats.steps).toBeGreaterThan(0);
    expect(o.stats.checks).toBeGreaterThanOrEqual(o.stats.rejections as number);
    expect(o.valid).toBe(true);
    expect(ajvValidator(person)!(JSON.parse(o.text))).toBe(true);
  }, 60_000);

  it("flags for causal models only are refused", async () => {
    const r = await run(["generate", "--model", "mdm", "--grammar", "grammars/json.lark", "--top-k", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--top-k applies to causal models/);
    const s = await run(["generate", "--grammar", "grammars/json.lark", "--threshold", "0.5"]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--threshold applies to masked-diffusion models/);
  });
});
