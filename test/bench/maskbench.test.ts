import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMaskBench } from "../../src/bench/maskbench.js";
import { run } from "../../src/cli/main.js";
import { compileSchema, serialize } from "../../src/schema/index.js";
import { JsonNumber, parseJsonKeepingNumbers } from "../../src/schema/json-source.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

describe("gramfill bench maskbench", () => {
  it("classifies schemas and writes the JSON report", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gramfill-mb-")), "mb.json");
    const r = await run(["bench", "maskbench", "--data", "test/fixtures/maskbench", "-t", "bundled", "--json", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MaskBench: 3 schemas, tokenizer bundled \(8192 ids\)/);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json).toMatchObject({ tokenizer: "bundled", vocab_size: 8192, schemas: 3, passing: 1, compile_errors: 1, invalidation_errors: 1, validation_errors: 0 });
    expect(json.mask_us).toEqual(expect.objectContaining({ p50: expect.any(Number), p99: expect.any(Number), p999: expect.any(Number) }));
    // CPU times of the same masks: the tail of a mask is CPU work, never below zero
    expect(json.mask_cpu_us).toEqual(expect.objectContaining({ p50: expect.any(Number), p99: expect.any(Number), p999: expect.any(Number) }));
    expect(json.mask_cpu_us.max).toBeGreaterThan(0);
    expect(json.compile_cpu_ms.p50).toBeGreaterThan(0);
    expect(json.vocab_mb).toBeGreaterThan(0.1);
    expect(r.stdout).toMatch(/the same, CPU time +first mask p50 [\d.]+ ms, p90 [\d.]+, p99 [\d.]+, max [\d.]+;/);
    expect(r.stdout).toMatch(/per vocabulary \(trie, plain-text index, table shapes shared across grammars\) [\d.]+ MB/);
    // the per-vocabulary setup is timed on its own, before the first schema's time to first mask
    expect(json.vocab_setup_cpu_ms).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/trie and plain-text index built once before the first schema: [\d.]+ ms CPU/);
    const status = Object.fromEntries(json.per_schema.map((s: { file: string; status: string }) => [s.file, s.status]));
    expect(status).toEqual({ "Tiny/person.json": "passing", "Tiny/unsupported.json": "compile_error", "Tiny/wrong-label.json": "invalidation_error" });
    expect(r.stdout).toMatch(/slowest first masks +Tiny\/\S+ [\d.]+ ms/);
    // per schema: time to first mask in CPU time too (which schemas make the compile tail)
    expect(json.per_schema.find((s: { file: string }) => s.file === "Tiny/person.json").compile_cpu_ms).toBeGreaterThan(0);
    expect(json.tokens).toBeGreaterThan(10);
  });

  it("runs XGrammar on the same schemas with --vs xgrammar, with a per-schema timeout", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gramfill-mb-")), "mb.json");
    const r = await run(["bench", "maskbench", "--data", "test/fixtures/maskbench", "-t", "bundled", "--vs", "xgrammar", "--timeout", "60", "--json", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vs xgrammar .*same schemas/);
    expect(r.stdout).toMatch(/timeouts +0 +0/);
    expect(r.stdout).toMatch(/first mask CPU p99 +[\d.]+ ms +[\d.]+ ms/);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json.xgrammar).toMatchObject({ schemas: 3, timeouts: 0 });
    expect(json.xgrammar.passing + json.xgrammar.compile_errors + json.xgrammar.validation_errors + json.xgrammar.invalidation_errors).toBe(3);
    expect(json.xgrammar.tokens).toBeGreaterThan(10);
    expect(json.xgrammar.mask_cpu_us.max).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/mask CPU p99 /);
    // a budget nothing fits in: each XGrammar worker is terminated and replaced, every schema a timeout
    const tight = await run(["bench", "maskbench", "--data", "test/fixtures/maskbench", "-t", "bundled", "--vs", "xgrammar", "--timeout", "0.001", "--json", out]);
    expect(tight.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).xgrammar).toMatchObject({ schemas: 3, timeouts: 3, passing: 0 });
  }, 120_000);

  it("refuses bad arguments with a hint", async () => {
    const r = await run(["bench", "maskbench", "--data", "test/fixtures/maskbench", "-t", "bundled", "--limit", "1", "--sample", "2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--limit or --sample/);
    const help = await run(["bench", "maskbench", "--help"]);
    expect(help.stdout).toMatch(/--tokenizer/);
  });

  it("walks a big integer as spelled: above the maximum is rejected, not rounded onto it", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gramfill-mb-")), "mb.json");
    const r = await run(["bench", "maskbench", "--data", "test/fixtures/maskbench/numbers", "-t", "bundled", "--json", out]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, "utf8"));
    // 9223372036854776001 as a double is 9223372036854776000, the schema's maximum
    expect(json).toMatchObject({ schemas: 1, passing: 1, invalidation_errors: 0, validation_errors: 0, internal_errors: 0 });
  });

  it("keeps a number's spelling where the double loses it, in the output form only", () => {
    const v = parseJsonKeepingNumbers('{"a": [9223372036854776001, 1.5, 1e5, 1.50, -0, 0.1], "__proto__": 1}') as { a: unknown[] };
    expect(v.a[0]).toEqual(new JsonNumber("9223372036854776001"));
    expect(v.a[1]).toBe(1.5);
    expect(Object.keys(v)).toEqual(["a", "__proto__"]);
    expect(serialize(v)).toBe('{"a":[9223372036854776001,1.5,100000,1.5,0,0.1],"__proto__":1}');
    const schema = compileSchema({ type: "integer", maximum: 9223372036854776000 });
    expect(schema.serialize(parseJsonKeepingNumbers("9223372036854776001"))).toEqual(["9223372036854776001"]);
    expect(schema.accepts(parseJsonKeepingNumbers("9223372036854776001"))).toBe(false);
    expect(schema.accepts(parseJsonKeepingNumbers("9223372036854775999"))).toBe(true);
    expect(() => parseJsonKeepingNumbers("[1,]")).toThrow(SyntaxError);
    expect(() => parseJsonKeepingNumbers("01")).toThrow(SyntaxError);
  });

  it("counts a lexer size limit met during the walk as a compile error 'walk: ...'", () => {
    const vocab = Vocabulary.load("bundled");
    const schema = { type: "object", properties: { a: { type: "string", pattern: "^[a-z]{0,60}$" } }, required: ["a"] };
    const cases = [{ file: "S/long.json", subset: "S", schema, tests: [{ valid: true, data: { a: "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm" } }] }];
    const opts = { encode: (t: string) => vocab.tokenizeGreedy(t), timeoutMs: 10_000 };
    expect(runMaskBench(cases, vocab, opts).passing).toBe(1);
    const capped = runMaskBench(cases, vocab, { ...opts, maxLexerStates: 60 });
    expect(capped).toMatchObject({ compile_errors: 1, internal_errors: 0, passing: 0 });
    expect(capped.per_schema[0]!.reason).toMatch(/^walk: .*lexer automaton exceeded 60 states/);
    expect(Object.keys(capped.compile_error_reasons)).toEqual([capped.per_schema[0]!.reason]);
  });
});
