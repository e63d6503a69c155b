import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";

describe("gramfill bench maskbench", () => {
  it("classifies schemas and writes the JSON report", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gramfill-mb-")), "mb.json");
    const r = await run(["bench", "maskbench", "--data", "test/fixtures/maskbench", "-t", "bundled", "--json", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MaskBench: 3 schemas, tokenizer bundled \(8192 ids\)/);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json).toMatchObject({ tokenizer: "bundled", vocab_size: 8192, schemas: 3, passing: 1, compile_errors: 1, invalidation_errors: 1, validation_errors: 0 });
    expect(json.mask_us).toEqual(expect.objectContaining({ p50: expect.any(Number), p99: expect.any(Number), p999: expect.any(Number) }));
    const status = Object.fromEntries(json.per_schema.map((s: { file: string; status: string }) => [s.file, s.status]));
    expect(status).toEqual({ "Tiny/person.json": "passing", "Tiny/unsupported.json": "compile_error", "Tiny/wrong-label.json": "invalidation_error" });
    expect(json.tokens).toBeGreaterThan(10);
  });

  it("runs XGrammar on the same schemas with --vs xgrammar, with a per-schema timeout", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gramfill-mb-")), "mb.json");
    const r = await run(["bench", "maskbench", "--data", "test/fixtures/maskbench", "-t", "bundled", "--vs", "xgrammar", "--timeout", "60", "--json", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vs xgrammar .*same schemas/);
    expect(r.stdout).toMatch(/timeouts +0 +0/);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json.xgrammar).toMatchObject({ schemas: 3, timeouts: 0 });
    expect(json.xgrammar.passing + json.xgrammar.compile_errors + json.xgrammar.validation_errors + json.xgrammar.invalidation_errors).toBe(3);
    expect(json.xgrammar.tokens).toBeGreaterThan(10);
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
});
