/**
 * `gramfill bench test-suite` (JSON Schema Test Suite pass rate) and `gramfill bench schemas`
 * (JSONSchemaBench: compile every schema, check every labelled instance).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { compileSchema, type Draft } from "../../schema/index.js";
import { isGramfillError } from "../../util/errors.js";
import { ajvValidator } from "./schema.js";
import { UsageError, optionalString, parseCommandArgs, requireString, type OptionSpec } from "../args.js";
import type { CommandResult } from "../main.js";
import { maskbenchHelp, runMaskbench } from "./maskbench.js";
import { jsonschemabenchHelp, runJsonSchemaBench } from "./jsonschemabench.js";

export const benchHelp = `Usage: gramfill bench test-suite --suite DIR [--draft D|all] [--json OUT]
       gramfill bench schemas --data DIR [--limit N] [--subset NAME] [--json OUT]
       gramfill bench maskbench --data DIR --tokenizer NAME|PATH [...]   (see 'gramfill bench maskbench --help')
       gramfill bench jsonschemabench --data DIR [...]   (see 'gramfill bench jsonschemabench --help')

test-suite: for every case of the JSON Schema Test Suite (DIR = the suite checkout; optional/
excluded), compile the schema, check the instance serialized canonically, and count a pass when
the verdict equals the suite's. A schema that does not compile fails all its cases.
Drafts: draft4, draft6, draft7, 2019-09, 2020-12 (default), all.

schemas: compile every schema of DIR/<Subset>/*.json, check every instance of
DIR/tests/<Subset>.jsonl.gz; report compiled, compile errors by reason, valid rejected, invalid
accepted and compile time percentiles, per subset.

Options:
      --mode M         strict (default) | lenient
      --json OUT       write the full results as JSON
  -h, --help           this help`;

const options: OptionSpec = {
  suite: { type: "string" },
  data: { type: "string" },
  draft: { type: "string" },
  json: { type: "string" },
  limit: { type: "string" },
  subset: { type: "string" },
  mode: { type: "string" },
};

const DRAFT_DIRS: Record<string, Draft> = { draft4: "draft4", draft6: "draft6", draft7: "draft7", "draft2019-09": "2019-09", "draft2020-12": "2020-12" };

export function benchHelpFor(argv: string[]): string | undefined {
  return argv[0] === "maskbench" ? maskbenchHelp : argv[0] === "jsonschemabench" ? jsonschemabenchHelp : undefined;
}

/** What `gramfill bench` without arguments prints: each bench and what it needs. */
export const benchList = `Benches (gramfill bench <name> --help for options):
  jsonschemabench  JSONSchemaBench with a model: declared/empirical coverage, compliance, GCT/TTFT/TPOT,
                   HTML report, CI gates.      needs: --data DIR (JSONSchemaBench layout, e.g.
                   ../shared/jsonschemabench); the bundled models (models/) or a model folder
  maskbench        MaskBench: token masks along labelled instances, mask-time percentiles.
                   needs: --data DIR with tests/<Subset>.jsonl.gz, --tokenizer NAME|PATH
                   (--vs xgrammar: the @mlc-ai/web-xgrammar devDependency)
  schemas          compile every schema of a JSONSchemaBench folder, check its labelled instances.
                   needs: --data DIR (with tests/ for instances)
  test-suite       JSON Schema Test Suite pass rate per draft.
                   needs: --suite DIR (a JSON-Schema-Test-Suite checkout, e.g. ../shared/json-schema-test-suite)`;

export function runBench(argv: string[]): CommandResult | Promise<CommandResult> {
  const [what, ...rest] = argv;
  if (what === undefined) return { code: 0, stdout: benchList + "\n" };
  if (what === "maskbench") return runMaskbench(rest);
  if (what === "jsonschemabench") return runJsonSchemaBench(rest);
  const p = parseCommandArgs("bench", rest, options);
  const mode = (optionalString(p, "mode") ?? "strict") as "strict" | "lenient";
  if (mode !== "strict" && mode !== "lenient") throw new UsageError("--mode must be strict or lenient", "bench");
  if (what === "test-suite") return testSuite(requireString(p, "suite", "bench"), optionalString(p, "draft") ?? "2020-12", mode, optionalString(p, "json"));
  if (what === "schemas") {
    const limit = optionalString(p, "limit");
    return schemas(requireString(p, "data", "bench"), limit ? Number(limit) : Infinity, optionalString(p, "subset"), mode, optionalString(p, "json"));
  }
  throw new UsageError(`unknown bench '${what}' (benches: jsonschemabench, maskbench, schemas, test-suite; 'gramfill bench' lists them)`, "bench");
}

function remoteResolver(suite: string) {
  return (uri: string) => {
    const m = /^http:\/\/localhost:1234\/(.*)$/.exec(uri);
    if (!m) return undefined;
    try {
      return JSON.parse(readFileSync(join(suite, "remotes", m[1]!), "utf8"));
    } catch {
      return undefined;
    }
  };
}

interface Case {
  description: string;
  data: unknown;
  valid: boolean;
}
interface Group {
  description: string;
  schema: unknown;
  tests: Case[];
}

function testSuite(suite: string, draftArg: string, mode: "strict" | "lenient", jsonOut?: string): CommandResult {
  const dirs = draftArg === "all" ? Object.keys(DRAFT_DIRS) : [draftArg.startsWith("draft") ? draftArg : `draft${draftArg}`];
  for (const d of dirs) if (!DRAFT_DIRS[d]) throw new UsageError(`unknown draft '${draftArg}'`, "bench");
  const resolver = remoteResolver(suite);
  const report: Record<string, unknown> = {};
  const lines: string[] = [];
  let totalPass = 0;
  let totalCases = 0;
  for (const d of dirs) {
    const draft = DRAFT_DIRS[d]!;
    const dir = join(suite, "tests", d);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
    const perFile: Record<string, { pass: number; cases: number; failures: string[] }> = {};
    let pass = 0;
    let cases = 0;
    const errors = new Map<string, number>();
    for (const f of files) {
      const groups = JSON.parse(readFileSync(join(dir, f), "utf8")) as Group[];
      const r = { pass: 0, cases: 0, failures: [] as string[] };
      for (const g of groups) {
        let compiled;
        let err: string | undefined;
        try {
          compiled = compileSchema(g.schema, { mode, draft, resolver, formats: "ignore" /* the suite's required tests treat format as an annotation; optional/ is excluded */, baseUri: "https://gramfill.invalid/root.json" });
        } catch (e) {
          if (isGramfillError(e) && e.code === "schema_empty") {
            // the compiler's verdict: no instance is valid
            for (const t of g.tests) {
              r.cases++;
              if (!t.valid) r.pass++;
              else r.failures.push(`${g.description} / ${t.description} [schema_empty: valid instance exists]`);
            }
            continue;
          }
          err = isGramfillError(e) ? `${e.code}: ${e.message}` : `crash: ${(e as Error).message}`;
          const reason = isGramfillError(e) ? `${e.code}: ${e.message.split(":")[0]}` : "crash";
          errors.set(reason, (errors.get(reason) ?? 0) + g.tests.length);
        }
        for (const t of g.tests) {
          r.cases++;
          let ok = false;
          if (compiled) {
            try {
              ok = compiled.accepts(t.data) === t.valid;
            } catch (e) {
              err = `check crash: ${(e as Error).message}`;
            }
          }
          if (ok) r.pass++;
          else r.failures.push(`${g.description} / ${t.description}${err ? ` [${err}]` : ` [expected ${t.valid ? "valid" : "invalid"}]`}`);
        }
      }
      perFile[f] = r;
      pass += r.pass;
      cases += r.cases;
    }
    totalPass += pass;
    totalCases += cases;
    report[d] = { pass, cases, rate: pass / cases, perFile, compileErrors: Object.fromEntries(errors) };
    lines.push(`${d}: ${pass}/${cases} cases pass (${((100 * pass) / cases).toFixed(1)}%)`);
    for (const [f, r] of Object.entries(perFile)) if (r.pass < r.cases) lines.push(`  ${f.padEnd(34)} ${r.pass}/${r.cases}`);
  }
  if (dirs.length > 1) lines.push(`total: ${totalPass}/${totalCases} (${((100 * totalPass) / totalCases).toFixed(1)}%)`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ suite, mode, totalPass, totalCases, drafts: report }, null, 2));
  return { code: 0, stdout: lines.join("\n") + "\n" };
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function schemas(data: string, limit: number, only: string | undefined, mode: "strict" | "lenient", jsonOut?: string): CommandResult {
  const subsets = readdirSync(data).filter((d) => d !== "tests" && statSync(join(data, d)).isDirectory() && (!only || d === only)).sort();
  const lines: string[] = [];
  const all = { schemas: 0, compiled: 0, validRejected: 0, invalidAccepted: 0, valid: 0, invalid: 0, ajvValidRejected: 0, ajvInvalidAccepted: 0, labelVsAjv: 0, times: [] as number[], errors: new Map<string, number>() };
  const report: Record<string, unknown> = {};
  const problems: Array<{ file: string; kind: string; detail: string }> = [];
  let budget = limit;
  for (const sub of subsets) {
    const tests = new Map<string, Case[]>();
    try {
      const raw = gunzipSync(readFileSync(join(data, "tests", `${sub}.jsonl.gz`))).toString("utf8");
      for (const line of raw.split("\n")) {
        if (!line.trim()) continue;
        const o = JSON.parse(line) as { file: string; tests: Case[] };
        tests.set(o.file, o.tests);
      }
    } catch {
      // no tests for this subset
    }
    const s = { schemas: 0, compiled: 0, validRejected: 0, invalidAccepted: 0, valid: 0, invalid: 0, ajvValidRejected: 0, ajvInvalidAccepted: 0, labelVsAjv: 0, times: [] as number[], errors: new Map<string, number>() };
    for (const f of readdirSync(join(data, sub)).filter((x) => x.endsWith(".json")).sort()) {
      if (budget-- <= 0) break;
      const file = `${sub}/${f}`;
      s.schemas++;
      let schema: unknown;
      try {
        schema = JSON.parse(readFileSync(join(data, sub, f), "utf8"));
      } catch {
        s.errors.set("invalid JSON", (s.errors.get("invalid JSON") ?? 0) + 1);
        continue;
      }
      const t0 = performance.now();
      let compiled;
      try {
        compiled = compileSchema(schema, { mode, draft: "2020-12" });
      } catch (e) {
        const reason = isGramfillError(e) ? `${e.code}: ${e.message.split(":")[0]}` : `crash: ${(e as Error).message.slice(0, 60)}`;
        s.errors.set(reason, (s.errors.get(reason) ?? 0) + 1);
        if (!isGramfillError(e)) problems.push({ file, kind: "crash", detail: (e as Error).stack?.split("\n").slice(0, 3).join(" ") ?? "" });
        continue;
      }
      s.times.push(performance.now() - t0);
      if (process.env.GRAMFILL_BENCH_PROGRESS) process.stderr.write(`${file} ${(performance.now() - t0).toFixed(0)} ms\n`);
      s.compiled++;
      const ajv = ajvValidator(schema);
      for (const t of tests.get(file) ?? []) {
        if (t.valid) s.valid++;
        else s.invalid++;
        let ok: boolean;
        try {
          ok = compiled.accepts(t.data);
        } catch (e) {
          problems.push({ file, kind: "check crash", detail: (e as Error).message });
          continue;
        }
        const a = ajv ? ajv(t.data) : undefined;
        if (a !== undefined && a !== t.valid) s.labelVsAjv++;
        if (t.valid && !ok) {
          s.validRejected++;
          problems.push({ file, kind: "valid rejected", detail: `${a === undefined ? "ajv n/a" : `ajv ${a ? "valid" : "invalid"}`}: ${JSON.stringify(t.data).slice(0, 300)}` });
        }
        if (!t.valid && ok) {
          s.invalidAccepted++;
          problems.push({ file, kind: "invalid accepted", detail: `${a === undefined ? "ajv n/a" : `ajv ${a ? "valid" : "invalid"}`}: ${JSON.stringify(t.data).slice(0, 300)}` });
        }
        if (a === true && !ok) {
          s.ajvValidRejected++;
          if (t.valid !== a) problems.push({ file, kind: "ajv valid, rejected", detail: JSON.stringify(t.data).slice(0, 300) });
        }
        if (a === false && ok) {
          s.ajvInvalidAccepted++;
          if (t.valid !== a) problems.push({ file, kind: "ajv invalid, accepted", detail: JSON.stringify(t.data).slice(0, 300) });
        }
      }
    }
    for (const k of ["schemas", "compiled", "validRejected", "invalidAccepted", "valid", "invalid", "ajvValidRejected", "ajvInvalidAccepted", "labelVsAjv"] as const) all[k] += s[k];
    all.times.push(...s.times);
    for (const [k, v] of s.errors) all.errors.set(k, (all.errors.get(k) ?? 0) + v);
    report[sub] = { ...s, times: undefined, errors: Object.fromEntries(s.errors), p50: pct(s.times, 50), p90: pct(s.times, 90), p99: pct(s.times, 99), max: Math.max(0, ...s.times) };
    lines.push(
      `${sub.padEnd(16)} compiled ${s.compiled}/${s.schemas}  valid rejected ${s.validRejected}/${s.valid}  invalid accepted ${s.invalidAccepted}/${s.invalid}  (vs ajv: ${s.ajvValidRejected} / ${s.ajvInvalidAccepted}; labels≠ajv ${s.labelVsAjv})  compile ms p50 ${pct(s.times, 50).toFixed(1)} p90 ${pct(s.times, 90).toFixed(1)} p99 ${pct(s.times, 99).toFixed(1)} max ${Math.max(0, ...s.times).toFixed(0)}`,
    );
  }
  lines.push(
    `${"total".padEnd(16)} compiled ${all.compiled}/${all.schemas}  valid rejected ${all.validRejected}/${all.valid}  invalid accepted ${all.invalidAccepted}/${all.invalid}  (vs ajv: ${all.ajvValidRejected} / ${all.ajvInvalidAccepted}; labels≠ajv ${all.labelVsAjv})  compile ms p50 ${pct(all.times, 50).toFixed(1)} p90 ${pct(all.times, 90).toFixed(1)} p99 ${pct(all.times, 99).toFixed(1)} max ${Math.max(0, ...all.times).toFixed(0)}`,
  );
  lines.push("compile errors by reason:");
  for (const [k, v] of [...all.errors].sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`  ${String(v).padStart(5)}  ${k}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ data: relative(process.cwd(), data), mode, total: { ...all, times: undefined, errors: Object.fromEntries(all.errors) }, subsets: report, problems }, null, 2));
  return { code: 0, stdout: lines.join("\n") + "\n" };
}
