import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { interleaveBySubset } from "../../src/cli/commands/jsonschemabench.js";
import { stratifiedSample, seededRandom, listSchemaFiles } from "../../src/bench/jsonschemabench/data.js";
import { bootstrapProportion, percentile } from "../../src/bench/jsonschemabench/stats.js";
import { buildPrompt } from "../../src/bench/jsonschemabench/prompt.js";
import { coverageRows } from "../../src/bench/report/html.js";
import { runOne, summarize, validate, type SchemaRun } from "../../src/bench/jsonschemabench/runner.js";
import type { BenchDecoder } from "../../src/bench/jsonschemabench/decoder.js";
import { GramfillError } from "../../src/util/errors.js";

const DATA = "test/fixtures/jsonschemabench";

describe("gramfill bench jsonschemabench (tiny fixture, bundled AR model)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gramfill-jsb-"));
  const jsonOut = join(dir, "r.json");
  const htmlOut = join(dir, "r.html");
  let result: Awaited<ReturnType<typeof run>>;
  let report: Record<string, any>;

  beforeAll(async () => {
    result = await run(["bench", "jsonschemabench", "--data", DATA, "--engine", "gramfill,none", "--max-tokens", "24", "--json", jsonOut, "--html", htmlOut]);
    report = JSON.parse(readFileSync(jsonOut, "utf8"));
  }, 120_000);

  it("runs every schema and prints the per-subset table", () => {
    expect(result.stderr ?? "").toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^JSONSchemaBench, engine gramfill, model ar \(json-code-ar-9m\), left-to-right, few-shot, all 5 schemas/);
    expect(result.stdout).toMatch(/^Alpha\s+3 /m);
    expect(result.stdout).toMatch(/^overall\s+5\s+60\.0%/m);
    expect(result.stdout).toMatch(/^baseline \(none\)\s+5 /m);
    expect(result.stdout).toMatch(/not OK: .*UNSUPPORTED_SCHEMA 1/);
  });

  it("writes the JSON in the issue's shape", () => {
    const group = {
      schemas: expect.any(Number),
      declared_coverage: expect.any(Number),
      empirical_coverage: expect.any(Number),
      compliance: expect.any(Number),
      gct_ms: { p50: expect.any(Number), p90: expect.any(Number) },
      ttft_ms: { p50: expect.any(Number), p90: expect.any(Number) },
      tpot_ms: { p50: expect.any(Number), p90: expect.any(Number) },
    };
    expect(report.overall).toMatchObject(group);
    expect(Object.keys(report.subsets)).toEqual(["Alpha", "Beta"]);
    for (const g of Object.values(report.subsets)) expect(g).toMatchObject(group);
    expect(report.per_schema).toHaveLength(5);
    const status = Object.fromEntries(report.per_schema.map((s: { file: string; status: string }) => [s.file, s.status]));
    expect(status).toEqual({
      "Alpha/color.json": "OK",
      "Alpha/person.json": "OK",
      "Alpha/unsupported.json": "UNSUPPORTED_SCHEMA",
      "Beta/broken.json": "INVALID_SCHEMA",
      "Beta/date.json": "OK",
    });
    // declared 3 of 5; every compiled schema's output validated by ajv
    expect(report.overall).toMatchObject({ declared_coverage: 0.6, empirical_coverage: 0.6, compliance: 1 });
    expect(report.overall.ci95.compliance).toEqual({ lo: 1, hi: 1 });
    for (const s of report.per_schema.filter((x: { status: string }) => x.status === "OK")) {
      expect(s.valid).toBe(true);
      expect(s.gct_ms).toBeGreaterThan(0);
      expect(s.ttft_ms).toBeGreaterThanOrEqual(s.gct_ms);
      expect(() => JSON.parse(s.output)).not.toThrow();
    }
    // the baseline ran on the same schemas without compiling them
    expect(report.baseline.per_schema.map((s: { file: string }) => s.file)).toEqual(report.per_schema.map((s: { file: string }) => s.file));
    expect(report.baseline.overall.declared_coverage).toBe(0.8); // only the broken file fails
  });

  it("writes a self-contained HTML page with the charts inline", () => {
    const html = readFileSync(htmlOut, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).not.toMatch(/<script|<link |src="http/);
    expect(html).toContain("Alpha/unsupported.json");
    expect(html).toContain("no published numbers for these subsets");
    // published peers appear for the subsets the paper's figure covers, labelled as published
    const renamed = { ...report, subsets: { Github_easy: report.subsets.Alpha, Beta: report.subsets.Beta } };
    const rows = coverageRows(renamed as never);
    expect(rows.filter((r) => r.kind === "published").map((r) => r.series)).toEqual(["Guidance (published)", "Llamacpp (published)", "Outlines (published)", "XGrammar (published)", "OpenAI (published)"]);
    expect(rows.filter((r) => r.kind !== "published").map((r) => r.series)).toEqual(["gramfill (this run)", "gramfill (this run)", "model alone (this run)", "model alone (this run)"]);
  });

  it("gates: exit 1 below --min-coverage / --min-compliance, 0 at or above", async () => {
    const pass = await run(["bench", "jsonschemabench", "--from", jsonOut, "--min-coverage", "0.6", "--min-compliance", "100%"]);
    expect(pass.code).toBe(0);
    const low = await run(["bench", "jsonschemabench", "--from", jsonOut, "--min-coverage", "61%"]);
    expect(low.code).toBe(1);
    expect(low.stderr).toBe("gramfill bench jsonschemabench: declared coverage 60.0% is below --min-coverage 61.0%\n");
    // a report whose compliance dropped
    const worse = structuredClone(report);
    worse.overall.compliance = 0.99;
    const f = join(dir, "worse.json");
    writeFileSync(f, JSON.stringify(worse));
    const bad = await run(["bench", "jsonschemabench", "--from", f, "--min-compliance", "1"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/compliance 99\.0% is below --min-compliance 100\.0%/);
  });

  it("refuses bad arguments with one line and exit 2", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--data", DATA, "--limit", "1", "--sample", "2"], /give --limit or --sample, not both/],
      [["--data", DATA, "--engine", "xgrammar"], /--engine must be gramfill, none or gramfill,none/],
      [["--data", DATA, "--prompt", "chat"], /--prompt must be few-shot or zero-shot/],
      [["--data", DATA, "--limit", "0"], /--limit must be a positive integer/],
      [["--data", DATA, "--timeout-compile", "0"], /--timeout-compile must be a positive number of seconds/],
      [["--data", DATA, "--min-coverage", "lots"], /--min-coverage must be a rate/],
      [[], /missing --data \(or --from REPORT.json\)/],
      [["--from", jsonOut, "--model", "mdm"], /--model does not apply with --from/],
      [["--data", DATA, "--decoder", "diffusion"], /--decoder diffusion needs a masked-diffusion model/],
      [["--data", DATA, "--model", "mdm", "--decoder", "sideways"], /--decoder must be diffusion or left-to-right/],
      [["--data", DATA, "--timeout-clock", "sundial"], /--timeout-clock must be wall or cpu/],
      [["--data", DATA, "--context", "4"], /--context must be at least 8 tokens/],
      [["--data", DATA, "--steps", "8"], /--steps applies to the diffusion decoder only/],
      [["--from", jsonOut, "--timeout-clock", "cpu"], /--timeout-clock does not apply with --from/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(["bench", "jsonschemabench", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr!.trim().split("\n")).toHaveLength(1);
    }
    const sub = await run(["bench", "jsonschemabench", "--data", DATA, "--subsets", "Gamma"]);
    expect(sub.code).not.toBe(0);
    expect(sub.stderr).toMatch(/unknown subset Gamma in test\/fixtures\/jsonschemabench \(have: Alpha, Beta\)/);
    const missing = await run(["bench", "jsonschemabench", "--from", join(dir, "nope.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the report/);
  });

  it("--resume keeps a checkpoint's results and runs only the rest; other options are refused", async () => {
    const part = join(dir, "part.json");
    const first = await run(["bench", "jsonschemabench", "--data", DATA, "--limit", "2", "--engine", "gramfill,none", "--max-tokens", "24", "--json", part]);
    expect(first.code).toBe(0);
    const saved = JSON.parse(readFileSync(part, "utf8"));
    // a kept result must come back as it was, not re-run: mark it so a re-run would show
    saved.per_schema[0].output = "KEPT";
    writeFileSync(part, JSON.stringify(saved));
    const full = join(dir, "full.json");
    const r = await run(["bench", "jsonschemabench", "--data", DATA, "--engine", "gramfill,none", "--max-tokens", "24", "--json", full, "--resume", part]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/resumed from .*part\.json: 2 kept, 3 run now/);
    const rep = JSON.parse(readFileSync(full, "utf8"));
    expect(rep.per_schema.map((x: SchemaRun) => x.file)).toEqual(report.per_schema.map((x: SchemaRun) => x.file));
    expect(rep.per_schema.find((x: SchemaRun) => x.file === saved.per_schema[0].file).output).toBe("KEPT");
    expect(rep.baseline.per_schema).toHaveLength(5);
    const other = await run(["bench", "jsonschemabench", "--data", DATA, "--max-tokens", "24", "--resume", part]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/--resume .*part\.json was made with other options: engines/);
  }, 120_000);

  it("--shard K/N splits a run; --resume A,B merges the shards into the whole run", async () => {
    const a = join(dir, "s1.json");
    const b = join(dir, "s2.json");
    const r1 = await run(["bench", "jsonschemabench", "--data", DATA, "--max-tokens", "8", "--shard", "1/2", "--json", a]);
    const r2 = await run(["bench", "jsonschemabench", "--data", DATA, "--max-tokens", "8", "--shard", "2/2", "--json", b]);
    expect([r1.code, r2.code]).toEqual([0, 0]);
    const f1 = JSON.parse(readFileSync(a, "utf8")).per_schema.map((x: SchemaRun) => x.file);
    const f2 = JSON.parse(readFileSync(b, "utf8")).per_schema.map((x: SchemaRun) => x.file);
    expect(f1).toHaveLength(3);
    expect(f2).toHaveLength(2);
    expect([...f1, ...f2].sort()).toEqual(report.per_schema.map((x: SchemaRun) => x.file));
    const merged = join(dir, "merged.json");
    const m = await run(["bench", "jsonschemabench", "--data", DATA, "--max-tokens", "8", "--resume", `${a},${b}`, "--json", merged]);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/5 kept, 0 run now/);
    expect(JSON.parse(readFileSync(merged, "utf8")).overall.schemas).toBe(5);
    // --from A,B merges without running anything (a run stopped early: its shards' checkpoints)
    const fromBoth = join(dir, "from-both.json");
    const f = await run(["bench", "jsonschemabench", "--from", `${a},${b}`, "--json", fromBoth]);
    expect(f.code).toBe(0);
    expect(f.stdout).toMatch(/all 5 schemas; merged from 2 reports: 5 schemas/);
    const fb = JSON.parse(readFileSync(fromBoth, "utf8"));
    expect(fb.per_schema).toEqual(JSON.parse(readFileSync(merged, "utf8")).per_schema);
    const clash = await run(["bench", "jsonschemabench", "--from", `${a},${jsonOut}`]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/--from .*r\.json was made with other options: max tokens 24 vs 8, engines/);
    const bad = await run(["bench", "jsonschemabench", "--data", DATA, "--shard", "3/2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard must be K\/N with 1 ≤ K ≤ N, not '3\/2'/);
  }, 60_000);

  it("runs the masked-diffusion model with the constrained diffusion decoder", async () => {
    const out = join(dir, "mdm.json");
    const r = await run(["bench", "jsonschemabench", "--data", DATA, "--model", "mdm", "--limit", "1", "--max-tokens", "6", "--json", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/model mdm \(json-code-mdm-9m\), diffusion,/);
    const rep = JSON.parse(readFileSync(out, "utf8"));
    expect(rep.decoder).toBe("diffusion");
    expect(rep.per_schema[0]).toMatchObject({ file: "Alpha/color.json", status: "OK", valid: true });
    expect(["\"red\"", "\"green\"", "\"blue\""]).toContain(rep.per_schema[0].output);
    expect(rep.overall.con).toBe(1);
    expect(rep.overall.con_minus).toBe(rep.per_schema[0].closed_out ? 0 : 1);
    // where the time went, per schema: forward passes (at most one per masked position by default)
    const w = rep.per_schema[0].work;
    expect(w.forwards).toBeGreaterThanOrEqual(1);
    expect(w.forwards).toBeLessThanOrEqual(6);
    expect(w.model_ms).toBeGreaterThanOrEqual(0);
    expect(rep.per_schema[0].generate_cpu_ms).toBeGreaterThan(0);
  }, 120_000);

  it("MDM: a schema whose shortest document does not fit the positions is closed out (no room), and the report says so", async () => {
    const out = join(dir, "mdm-past.json");
    // person.json's least document `{"name":"","age":0}` needs more than 3 tokens
    const r = await run(["bench", "jsonschemabench", "--data", DATA, "--subsets", "Alpha", "--model", "mdm", "--limit", "2", "--max-tokens", "3", "--json", out]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(out, "utf8"));
    const person = rep.per_schema.find((x: SchemaRun) => x.file === "Alpha/person.json");
    expect(person).toMatchObject({ valid: true, closed_out: true, work: { no_room: true } });
    const color = rep.per_schema.find((x: SchemaRun) => x.file === "Alpha/color.json");
    expect(color.work.no_room).toBeUndefined();
    expect(rep.overall.no_room).toBe(1);
    expect(rep.overall.closed_out).toBeGreaterThanOrEqual(1);
    expect(r.stdout).toMatch(/close-outs \(Con\. but not Con\.-\): \d+, 1 of them because the positions provably hold no document/);
  }, 120_000);

  it("MDM with --context, --steps and the CPU clock: the window, the plan and the limit are what was asked", async () => {
    const out = join(dir, "mdm-cut.json");
    const r = await run(["bench", "jsonschemabench", "--data", DATA, "--model", "mdm", "--limit", "2", "--max-tokens", "8", "--context", "40", "--steps", "2", "--timeout-clock", "cpu", "--json", out]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(out, "utf8"));
    expect(rep).toMatchObject({ context: 40, steps: 2, timeout_clock: "cpu" });
    for (const x of rep.per_schema.filter((x: SchemaRun) => x.prompt_tokens !== undefined)) {
      // the prompt is cut so that prompt + output fit the 40 positions
      expect(x.prompt_tokens + 8).toBeLessThanOrEqual(40);
      expect(x.prompt_truncated).toBe(true);
    }
    const color = rep.per_schema.find((x: SchemaRun) => x.file === "Alpha/color.json");
    expect(color.status).toBe("OK");
    expect(color.work.forwards).toBeGreaterThanOrEqual(1);
    // a resume with another window is another experiment
    const other = await run(["bench", "jsonschemabench", "--data", DATA, "--model", "mdm", "--limit", "2", "--max-tokens", "8", "--steps", "2", "--resume", out]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/made with other options: context 40 vs the model's/);
  }, 120_000);

  it("a generation limit on the CPU clock stops the diffusion decoder before its next forward pass", async () => {
    const out = join(dir, "mdm-timeout.json");
    const r = await run(["bench", "jsonschemabench", "--data", DATA, "--model", "mdm", "--limit", "1", "--max-tokens", "8", "--timeout-generate", "0.000001", "--timeout-clock", "cpu", "--json", out]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(out, "utf8"));
    expect(rep.per_schema[0]).toMatchObject({ file: "Alpha/color.json", status: "DECODING_TIMEOUT", reason: "over the 0.001 ms CPU limit" });
  }, 60_000);

  it("'gramfill bench' lists the benches and what each needs", async () => {
    const r = await run(["bench"]);
    expect(r.code).toBe(0);
    for (const b of ["jsonschemabench", "maskbench", "schemas", "test-suite"]) expect(r.stdout).toMatch(new RegExp(`^  ${b} `, "m"));
    expect(r.stdout).toMatch(/needs: --data DIR/);
    const help = await run(["bench", "jsonschemabench", "--help"]);
    expect(help.stdout).toMatch(/--min-compliance X/);
  });
});

describe("selection", () => {
  it("lists subsets (tests/ excluded) in file order", () => {
    expect(listSchemaFiles(DATA).map((x) => x.file)).toEqual(["Alpha/color.json", "Alpha/person.json", "Alpha/unsupported.json", "Beta/broken.json", "Beta/date.json"]);
  });

  it("stratified sample: n items, every subset its share ±1, deterministic per seed", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 120 }), fc.integer(), (sizes, n, seed) => {
        const items = sizes.flatMap((k, s) => Array.from({ length: k }, (_, i) => ({ subset: `S${s}`, i })));
        const a = stratifiedSample(items, n, seed);
        expect(a).toEqual(stratifiedSample(items, n, seed));
        expect(a).toHaveLength(Math.min(n, items.length));
        expect(new Set(a).size).toBe(a.length);
        if (n < items.length && n >= sizes.length) {
          sizes.forEach((k, s) => {
            const got = a.filter((x) => x.subset === `S${s}`).length;
            expect(got).toBeGreaterThanOrEqual(Math.min(1, k));
            expect(Math.abs(got - (k * n) / items.length)).toBeLessThanOrEqual(sizes.length);
          });
        }
      }),
    );
  });

  it("interleaves subsets in proportion: every prefix is close to stratified, nothing lost", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const items = sizes.flatMap((k, s) => Array.from({ length: k }, (_, i) => ({ subset: `S${s}`, i })));
        const order = interleaveBySubset(items);
        expect([...order].sort((a, b) => (a.subset < b.subset ? -1 : a.subset > b.subset ? 1 : a.i - b.i))).toEqual(items);
        for (let m = 1; m <= order.length; m++) {
          sizes.forEach((k, s) => {
            const got = order.slice(0, m).filter((x) => x.subset === `S${s}`).length;
            expect(Math.abs(got - (k * m) / items.length)).toBeLessThanOrEqual(1 + sizes.length / 2);
          });
        }
      }),
    );
  });

  it("seeded random numbers are in [0, 1)", () => {
    const r = seededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("cuts a long schema to fit the budget, keeping its head", () => {
    const enc = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    const long = `{"a":"${"x".repeat(500)}"}`;
    const p = buildPrompt(long, "few-shot", enc, 200);
    expect(p.truncated).toBe(true);
    expect(p.ids.length).toBeLessThanOrEqual(200);
    const text = String.fromCharCode(...p.ids);
    expect(text).toContain('Schema:\n{"a":"xxx');
    expect(text.endsWith("\nJSON:\n")).toBe(true);
    expect(buildPrompt('{"type":"string"}', "zero-shot", enc, 1000)).toMatchObject({ truncated: false });
  });
});

describe("decoder failures", () => {
  const failing = (e: Error): BenchDecoder => ({
    name: "fake",
    maxContext: 64,
    encode: (t) => Array.from(t, (c) => c.charCodeAt(0) % 50),
    decode: async () => {
      throw e;
    },
  });
  const item = { file: "S/x.json", subset: "S", text: '{"type":"string"}' };
  const opts = { engine: "gramfill" as const, prompt: "zero-shot" as const, seed: 1, maxTokens: 8, compileTimeoutMs: 10_000, generateTimeoutMs: 60_000 };

  it("a lexer state cap hit while the decoder explores holes is a DECODING_ERROR naming the checker (Snowplow/sp_400)", async () => {
    const r = await runOne(item, failing(new GramfillError("automaton_too_large", "terminal VALUE_33: lexer automaton exceeded 50000 states")), opts);
    expect(r).toMatchObject({ status: "DECODING_ERROR", compile_status: "OK", valid: false, reason: "the decoder's feasibility checker: terminal VALUE_33: lexer automaton exceeded 50000 states" });
    expect(r.generate_cpu_ms).toBeGreaterThanOrEqual(0);
  });

  it("a decoder that proves no output fits the token budget ends UNFINISHED, saying so (Github_hard/o21288: shortest document ~660 bytes, 32 positions)", async () => {
    const r = await runOne(item, failing(new GramfillError("input_invalid", "no filling of the masked positions makes the text a word of the grammar")), opts);
    expect(r).toMatchObject({ status: "UNFINISHED", decode_status: "UNFINISHED", valid: false });
    expect(r.reason).toMatch(/^no output fits in 8 tokens: no filling/);
  });

  it("an output that repeats a key in one object is flagged (valid by the benchmark's check, which parses first)", async () => {
    const text = '{"a":1,"a":2}';
    const fake: BenchDecoder = {
      name: "fake",
      maxContext: 64,
      encode: (t) => Array.from(t, (c) => c.charCodeAt(0) % 50),
      decode: async () => ({ text, outputTokens: text.length, complete: true, closedOut: false, stoppedBy: "eos", firstTokenAt: performance.now(), endAt: performance.now() }),
    };
    const r = await runOne({ ...item, text: '{"type":"object","minProperties":1}' }, fake, { ...opts, engine: "none" });
    expect(r).toMatchObject({ status: "OK", valid: true, repeated_key: "a" });
    expect(summarize([r, { ...r, repeated_key: undefined }]).repeated_keys).toBe(1);
  });

  it("any other decoder error is a DECODING_ERROR with its message", async () => {
    const r = await runOne(item, failing(new Error("boom")), opts);
    expect(r).toMatchObject({ status: "DECODING_ERROR", reason: "boom" });
  });
});

describe("validation of outputs", () => {
  it("is ajv for the declared draft with formats, on the whole output", () => {
    const s = { type: "object", properties: { d: { type: "string", format: "date" } }, required: ["d"] };
    expect(validate(s, '{"d":"2024-02-29"}')).toEqual({ valid: true });
    expect(validate(s, '{"d":"2023-02-29"}')).toEqual({ valid: false, reason: "ajv: does not match the schema" });
    expect(validate(s, '{"d":"2024-02-29"} x').reason).toMatch(/^not JSON/);
  });

  it("reads a schema with draft-04 'id' and no $schema as draft-04 (ajv's 2020-12 refuses it)", () => {
    const s = { id: "#/definitions/x", type: "object", properties: { a: { type: "integer", minimum: 1, exclusiveMinimum: true } } };
    expect(validate(s, '{"a":2}')).toEqual({ valid: true });
    expect(validate(s, '{"a":1}').valid).toBe(false);
    expect(validate({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", id: "x" }, "{}")).toEqual({ valid: false, reason: "ajv cannot compile the schema", unjudged: true });
  });
});

describe("summaries", () => {
  it("leave outputs ajv cannot judge out of compliance but count them as failures for coverage", () => {
    const run = (status: SchemaRun["status"], valid: boolean): SchemaRun => ({ file: "f", subset: "s", status, compile_status: "OK", decode_status: "OK", valid });
    const runs = [run("OK", true), run("OK", true), run("VALIDATOR_ERROR", false), run("INVALID_OUTPUT", false)];
    const g = summarize(runs);
    expect(g).toMatchObject({ schemas: 4, declared_coverage: 1, empirical_coverage: 0.5, compliance: 0.6667 });
    expect(g.statuses).toEqual({ OK: 2, VALIDATOR_ERROR: 1, INVALID_OUTPUT: 1 });
    expect(summarize(runs.slice(0, 3)).compliance).toBe(1);
  });
});

describe("bootstrap intervals for proportions", () => {
  const kn = fc.integer({ min: 1, max: 400 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it("contain the point estimate and stay in [0, 1]", () => {
    fc.assert(
      fc.property(kn, ([k, n]) => {
        const i = bootstrapProportion(k, n);
        expect(i.lo).toBeLessThanOrEqual(k / n);
        expect(i.hi).toBeGreaterThanOrEqual(k / n);
        expect(i.lo).toBeGreaterThanOrEqual(0);
        expect(i.hi).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("narrow as n grows (same proportion, 4× the schemas)", () => {
    fc.assert(
      fc.property(kn, ([k, n]) => {
        const a = bootstrapProportion(k, n);
        const b = bootstrapProportion(4 * k, 4 * n);
        expect(b.hi - b.lo).toBeLessThanOrEqual(a.hi - a.lo + 1e-12);
      }),
    );
  });

  it("agree with resampling (2000 resamples) within a step of 1/n", () => {
    const rnd = seededRandom(3);
    for (const [k, n] of [[37, 50], [120, 200], [5, 30], [290, 300]] as const) {
      const means: number[] = [];
      for (let b = 0; b < 2000; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) if (rnd() * n < k) s++;
        means.push(s / n);
      }
      const exact = bootstrapProportion(k, n);
      expect(Math.abs(percentile(means, 0.025) - exact.lo)).toBeLessThanOrEqual(1.5 / n);
      expect(Math.abs(percentile(means, 0.975) - exact.hi)).toBeLessThanOrEqual(1.5 / n);
    }
  });

  it("is a point for 0 or all successes and refuses impossible counts", () => {
    expect(bootstrapProportion(0, 10)).toEqual({ lo: 0, hi: 0 });
    expect(bootstrapProportion(10, 10)).toEqual({ lo: 1, hi: 1 });
    expect(bootstrapProportion(0, 0)).toEqual({ lo: 0, hi: 0 });
    expect(() => bootstrapProportion(3, 2)).toThrow(RangeError);
  });
});
