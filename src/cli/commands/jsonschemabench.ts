/** `gramfill bench jsonschemabench`: JSONSchemaBench with a model, JSON and HTML reports, CI gates. */
import { readFileSync, writeFileSync } from "node:fs";
import cliProgress from "cli-progress";
import { listSchemaFiles, readSchemaText, stratifiedSample } from "../../bench/jsonschemabench/data.js";
import { DiffusionDecoder, LeftToRightDecoder, type BenchDecoder } from "../../bench/jsonschemabench/decoder.js";
import { MaskedDiffusionLM } from "../../backend/diffusion-lm.js";
import { isDiffusionConfig, readModelFolder } from "../../backend/folder.js";
import { Vocabulary } from "../../vocab/vocabulary.js";
import { bySubset, runOne, summarize, type BenchReport, type Engine, type GroupSummary, type RunOptions, type SchemaRun } from "../../bench/jsonschemabench/runner.js";
import type { PromptStyle } from "../../bench/jsonschemabench/prompt.js";
import { renderHtmlReport } from "../../bench/report/html.js";
import { loadModel } from "../../decode/session.js";
import { GramfillError } from "../../util/errors.js";
import { UsageError, optionalString, parseCommandArgs, type OptionSpec, type Parsed } from "../args.js";
import type { CommandResult } from "../main.js";

const CMD = "bench jsonschemabench";

export const jsonschemabenchHelp = `Usage: gramfill bench jsonschemabench --data DIR [--subsets A,B] [--limit N | --sample N]
         [--model ar|mdm|DIR] [--decoder D] [--engine gramfill|none|gramfill,none] [--prompt few-shot|zero-shot]
         [--seed S] [--max-tokens N] [--context N] [--steps N] [--timeout-compile S] [--timeout-generate S] [--timeout-clock wall|cpu]
         [--json OUT] [--resume REPORT.json[,…]] [--shard K/N] [--html OUT] [--min-coverage X] [--min-compliance X]
       gramfill bench jsonschemabench --from REPORT.json [--html OUT] [--min-coverage X] [--min-compliance X]

JSONSchemaBench (Geng et al. 2025) with a language model. For each schema of DIR
(<Subset>/<name>.json): compile it (GCT; limit --timeout-compile), generate greedily with the model
under its token masks (TTFT, TPOT; limit --timeout-generate), and validate the output with ajv for
the schema's draft, formats on. Per subset and overall: declared coverage (schemas compiled),
empirical coverage (outputs valid), compliance (valid among compiled) with 95% bootstrap intervals,
GCT/TTFT/TPOT p50 and p90, and Con.- / Con. (valid without / with close-out). An output ajv cannot
judge (it cannot compile the schema) has status VALIDATOR_ERROR: a failure for coverage, left out
of compliance.

Options:
      --data DIR             the data folder (e.g. ../shared/jsonschemabench)
      --subsets A,B          only these subsets
      --limit N              the first N schemas (subset, file order)
      --sample N             N schemas, stratified by subset, drawn with --seed
  -m, --model M              ar (default) | mdm | a Hugging Face model folder
      --decoder D            for a masked-diffusion model: diffusion (default: the constrained
                             diffusion decoder, out of order with a feasibility check per commit;
                             Con.- counts outputs finished without its fallback) | left-to-right
      --engine E             gramfill (default: constrained) | none (the model alone, the baseline)
                             | gramfill,none (both on the same schemas; the report shows both)
      --prompt P             few-shot (default: instruction, 2 examples, the schema) | zero-shot
      --seed S               sampling seed (default 1)
  -n, --max-tokens N         output tokens before close-out (default 256; at most a quarter of the
                             model's context, the prompt gets the rest and is cut when longer)
      --timeout-compile S    seconds (default 10)
      --timeout-generate S   seconds (default 60)
      --timeout-clock C      wall (default, the benchmark's) | cpu: the limits count this process's CPU
                             time, so a run on a shared machine is not cut by the other jobs' load
      --context N            prompt + output tokens shown to the model (default: its context); a
                             forward pass of the masked-diffusion model costs about linearly in it
      --steps N              diffusion decoder: forward passes planned per output (default: one per
                             output token; confident candidates beyond the schedule still commit)
      --json OUT             {"overall","subsets","per_schema"} (plus "baseline" with both engines)
      --html OUT             a self-contained HTML report (charts as inline SVG)
      --from REPORT.json     re-render / re-gate a saved --json report instead of running; several
                             (comma-separated, made with the same options, e.g. the shards of a run
                             stopped early) are merged into one report, nothing is run
      --shard K/N            run only every N-th schema of the (interleaved) selection, from the K-th
                             (1..N): N processes with shards 1/N..N/N split one run; merge their
                             --json reports with --resume A.json,B.json,… over the whole selection
      --resume REPORT.json   continue a run stopped early: schemas whose results REPORT.json (a
                             --json checkpoint, with the same options) holds for every engine are
                             kept, not re-run; the rest run as usual (a full run can span sessions);
                             several reports (comma-separated) are merged
      --min-coverage X       exit 1 when declared coverage < X (0..1, or a percentage like 95%)
      --min-compliance X     exit 1 when compliance < X
  -h, --help                 this help

A progress bar goes to stderr when it is a terminal.`;

const options: OptionSpec = {
  data: { type: "string" },
  subsets: { type: "string" },
  limit: { type: "string" },
  sample: { type: "string" },
  model: { type: "string", short: "m" },
  decoder: { type: "string" },
  engine: { type: "string" },
  prompt: { type: "string" },
  seed: { type: "string" },
  "max-tokens": { type: "string", short: "n" },
  "timeout-compile": { type: "string" },
  "timeout-generate": { type: "string" },
  "timeout-clock": { type: "string" },
  context: { type: "string" },
  steps: { type: "string" },
  json: { type: "string" },
  html: { type: "string" },
  from: { type: "string" },
  resume: { type: "string" },
  shard: { type: "string" },
  "min-coverage": { type: "string" },
  "min-compliance": { type: "string" },
};

function positiveInt(p: Parsed, name: string): number | undefined {
  const v = optionalString(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, not '${v}'`, CMD);
  return n;
}

function seconds(p: Parsed, name: string, dflt: number): number {
  const v = optionalString(p, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (v.trim() === "" || !(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${name} must be a positive number of seconds, not '${v}'`, CMD);
  return n;
}

/** 0.95, 95% or 95 → 0.95 */
export function parseRate(v: string, name: string): number {
  const t = v.trim();
  const pct = t.endsWith("%");
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === "" || t === "%" || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a rate in 0..1 or a percentage, not '${v}'`, CMD);
  const r = pct || n > 1 ? n / 100 : n;
  if (r > 1) throw new UsageError(`--${name} must be at most 1 (100%), not '${v}'`, CMD);
  return r;
}

export async function runJsonSchemaBench(argv: string[]): Promise<CommandResult> {
  const p = parseCommandArgs(CMD, argv, options);
  const minCoverage = optionalString(p, "min-coverage");
  const minCompliance = optionalString(p, "min-compliance");
  const gates = {
    coverage: minCoverage !== undefined ? parseRate(minCoverage, "min-coverage") : undefined,
    compliance: minCompliance !== undefined ? parseRate(minCompliance, "min-compliance") : undefined,
  };
  const from = optionalString(p, "from");
  let report: BenchReport;
  let stderr = "";
  if (from !== undefined) {
    for (const k of ["data", "resume", "shard", "subsets", "limit", "sample", "model", "decoder", "engine", "prompt", "seed", "max-tokens", "context", "steps", "timeout-compile", "timeout-generate", "timeout-clock"]) {
      if (p.values[k] !== undefined) throw new UsageError(`--${k} does not apply with --from (the report is not re-run)`, CMD);
    }
    const files = from.split(",").filter((f) => f !== "");
    report = files.length === 1 ? readReport(files[0]!) : mergeReports(files);
  } else {
    const data = optionalString(p, "data");
    if (data === undefined || data === "") throw new UsageError("missing --data (or --from REPORT.json)", CMD);
    report = await runFromArgs(p, data);
  }
  const jsonOut = optionalString(p, "json");
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 1) + "\n");
  const htmlOut = optionalString(p, "html");
  if (htmlOut) writeFileSync(htmlOut, await renderHtmlReport(report));
  let code = 0;
  const o = report.overall;
  if (gates.coverage !== undefined && o.declared_coverage < gates.coverage) {
    code = 1;
    stderr += `gramfill ${CMD}: declared coverage ${pct(o.declared_coverage)} is below --min-coverage ${pct(gates.coverage)}\n`;
  }
  if (gates.compliance !== undefined && o.compliance < gates.compliance) {
    code = 1;
    stderr += `gramfill ${CMD}: compliance ${pct(o.compliance)} is below --min-compliance ${pct(gates.compliance)}\n`;
  }
  return { code, stdout: textReport(report), stderr };
}

/**
 * The results a checkpoint already holds, per schema file, one run per engine in `engines` order.
 * A checkpoint made with other options would mix two experiments, so they must match.
 */
function resumedRuns(r: BenchReport, meta: RunMeta, engines: Engine[], file: string, flag = "--resume"): Map<string, SchemaRun[]> {
  const mismatch: string[] = [];
  if (r.engine !== meta.engine) mismatch.push(`engine ${r.engine} vs ${meta.engine}`);
  if (r.model !== meta.model) mismatch.push(`model ${r.model} vs ${meta.model}`);
  if (r.decoder !== meta.decoder) mismatch.push(`decoder ${r.decoder} vs ${meta.decoder}`);
  if (r.prompt !== meta.prompt) mismatch.push(`prompt ${r.prompt} vs ${meta.prompt}`);
  if (r.seed !== meta.seed) mismatch.push(`seed ${r.seed} vs ${meta.seed}`);
  if (r.max_tokens !== meta.maxTokens) mismatch.push(`max tokens ${r.max_tokens} vs ${meta.maxTokens}`);
  if (r.context !== meta.context) mismatch.push(`context ${r.context ?? "the model's"} vs ${meta.context ?? "the model's"}`);
  if (r.steps !== meta.steps) mismatch.push(`steps ${r.steps ?? "default"} vs ${meta.steps ?? "default"}`);
  if (engines.includes("none") !== (r.baseline !== undefined)) mismatch.push(`engines (the report ${r.baseline ? "has" : "has no"} --engine none runs)`);
  if (mismatch.length > 0) throw new GramfillError("input_invalid", `${flag} ${file} was made with other options: ${mismatch.join(", ")}`);
  const byEngine = engines.map((e) => new Map((e === r.engine ? r.per_schema : r.baseline!.per_schema).map((x) => [x.file, x])));
  const out = new Map<string, SchemaRun[]>();
  for (const [f, first] of byEngine[0]!) {
    const all = [first, ...byEngine.slice(1).map((m) => m.get(f))];
    if (all.every((x) => x !== undefined)) out.set(f, all as SchemaRun[]);
  }
  return out;
}

/** One report from several made with the same options (shards, or parts of a run): nothing is re-run. */
function mergeReports(files: string[]): BenchReport {
  const reports = files.map(readReport);
  const r0 = reports[0]!;
  const meta: RunMeta = { engine: r0.engine, model: r0.model, decoder: r0.decoder, prompt: r0.prompt, seed: r0.seed, maxTokens: r0.max_tokens, context: r0.context, steps: r0.steps, clock: r0.timeout_clock ?? "wall", date: r0.date };
  const engines: Engine[] = r0.baseline ? [r0.engine, "none"] : [r0.engine];
  const runs = new Map<Engine, SchemaRun[]>(engines.map((e) => [e, []]));
  const seen = new Set<string>();
  reports.forEach((r, i) => {
    for (const [f, rs] of resumedRuns(r, meta, engines, files[i]!, "--from")) {
      if (seen.has(f)) continue;
      seen.add(f);
      rs.forEach((x, e) => runs.get(engines[e]!)!.push(x));
    }
  });
  // the selection of the whole run, without a shard's or a checkpoint's note
  const base = r0.selection.replace(/; (shard|PARTIAL|resumed).*$/, "");
  return assemble(meta, runs, `${base}; merged from ${files.length} reports: ${seen.size} schemas`);
}

function readReport(file: string): BenchReport {
  let r: BenchReport;
  try {
    r = JSON.parse(readFileSync(file, "utf8")) as BenchReport;
  } catch (e) {
    throw new GramfillError("io", `cannot read the report ${file}: ${(e as Error).message}`);
  }
  if (!r || typeof r !== "object" || !r.overall || !r.subsets || !Array.isArray(r.per_schema)) throw new GramfillError("input_invalid", `${file}: not a 'bench jsonschemabench --json' report (needs overall, subsets, per_schema)`);
  return r;
}

async function runFromArgs(p: Parsed, data: string): Promise<BenchReport> {
  const limit = positiveInt(p, "limit");
  const sample = positiveInt(p, "sample");
  if (limit !== undefined && sample !== undefined) throw new UsageError("give --limit or --sample, not both", CMD);
  const engineArg = optionalString(p, "engine") ?? "gramfill";
  const engines = engineArg.split(",").map((e) => e.trim());
  if (engines.length === 0 || engines.length > 2 || engines.some((e) => e !== "gramfill" && e !== "none") || new Set(engines).size !== engines.length) {
    throw new UsageError(`--engine must be gramfill, none or gramfill,none, not '${engineArg}'`, CMD);
  }
  const prompt = (optionalString(p, "prompt") ?? "few-shot") as PromptStyle;
  if (prompt !== "few-shot" && prompt !== "zero-shot") throw new UsageError(`--prompt must be few-shot or zero-shot, not '${prompt}'`, CMD);
  const seedArg = optionalString(p, "seed") ?? "1";
  const seed = Number(seedArg);
  if (!/^-?\d+$/.test(seedArg.trim()) || !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, not '${seedArg}'`, CMD);
  const maxTokens = positiveInt(p, "max-tokens") ?? 256;
  const subsets = optionalString(p, "subsets")
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  let items = listSchemaFiles(data, subsets);
  let selection = `all ${items.length} schemas${subsets ? ` of ${subsets.join(", ")}` : ""}`;
  if (limit !== undefined) {
    items = items.slice(0, limit);
    selection = `the first ${items.length} schemas${subsets ? ` of ${subsets.join(", ")}` : ""}`;
  } else if (sample !== undefined) {
    const total = items.length;
    items = stratifiedSample(items, sample, seed);
    selection = `a sample of ${items.length} of ${total} schemas, stratified by subset (seed ${seed})`;
  }
  const modelSpec = optionalString(p, "model") ?? "ar";
  const decoderArg = optionalString(p, "decoder");
  if (decoderArg !== undefined && decoderArg !== "diffusion" && decoderArg !== "left-to-right") throw new UsageError(`--decoder must be diffusion or left-to-right, not '${decoderArg}'`, CMD);
  const context = positiveInt(p, "context");
  const steps = positiveInt(p, "steps");
  const clock = optionalString(p, "timeout-clock") ?? "wall";
  if (clock !== "wall" && clock !== "cpu") throw new UsageError(`--timeout-clock must be wall or cpu, not '${clock}'`, CMD);
  if (context !== undefined && context < 8) throw new UsageError(`--context must be at least 8 tokens, not ${context}`, CMD);
  const folder = readModelFolder(modelSpec);
  const diffusion = isDiffusionConfig(folder.config);
  if (decoderArg === "diffusion" && !diffusion) throw new UsageError("--decoder diffusion needs a masked-diffusion model (--model mdm)", CMD);
  const onDiffusion = diffusion && decoderArg !== "left-to-right";
  if (steps !== undefined && !onDiffusion) throw new UsageError("--steps applies to the diffusion decoder only (--model mdm)", CMD);
  let decoder: BenchDecoder;
  if (onDiffusion) {
    decoder = new DiffusionDecoder(await MaskedDiffusionLM.load(modelSpec), Vocabulary.fromTokenizerJson(folder.dir), steps);
  } else {
    const { model, vocab } = await loadModel(modelSpec);
    decoder = new LeftToRightDecoder(model, vocab);
  }
  const base: Omit<RunOptions, "engine"> = {
    prompt,
    seed,
    maxTokens,
    compileTimeoutMs: seconds(p, "timeout-compile", 10) * 1000,
    generateTimeoutMs: seconds(p, "timeout-generate", 60) * 1000,
    clock,
    ...(context !== undefined ? { context } : {}),
  };

  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: "{bar} {value}/{total} schemas {percentage}% | ETA {eta_formatted} | {file}", hideCursor: true, clearOnComplete: true, barsize: 30 }, cliProgress.Presets.shades_classic)
    : undefined;
  const meta = {
    engine: engines[0] as Engine,
    model: modelSpec === "ar" || modelSpec === "mdm" ? `${modelSpec} (${folder.dir.split("/").pop()})` : folder.dir,
    decoder: decoder.name,
    prompt,
    seed,
    maxTokens,
    context: context !== undefined && context < (decoder.maxContext ?? Infinity) ? context : undefined,
    steps,
    clock: clock as "wall" | "cpu",
    date: new Date().toISOString(),
  };
  // Subsets take turns in proportion, and each schema runs under every engine before the next: a
  // run stopped early (the checkpoint below) is still a paired sample spread over the subsets.
  const runs = new Map<Engine, SchemaRun[]>(engines.map((e) => [e as Engine, []]));
  const resumeFrom = optionalString(p, "resume");
  const done = new Map<string, SchemaRun[]>();
  for (const f of resumeFrom?.split(",").filter((x) => x !== "") ?? []) for (const [k, v] of resumedRuns(readReport(f), meta, engines as Engine[], f)) done.set(k, v);
  const shardArg = optionalString(p, "shard");
  let shard: { k: number; n: number } | undefined;
  if (shardArg !== undefined) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shardArg);
    shard = m ? { k: Number(m[1]), n: Number(m[2]) } : undefined;
    if (!shard || shard.n < 1 || shard.k < 1 || shard.k > shard.n) throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N, not '${shardArg}'`, CMD);
  }
  // a shard is a slice of the interleaved order, so it is itself close to stratified
  const interleaved = interleaveBySubset(items);
  const mine = shard ? interleaved.filter((_, i) => i % shard!.n === shard!.k - 1) : interleaved;
  if (shard) {
    items = mine;
    selection += `; shard ${shard.k}/${shard.n}: ${mine.length} of them`;
  }
  const order = mine.filter((it) => {
    const kept = done.get(it.file);
    if (kept === undefined) return true;
    kept.forEach((r, e) => runs.get(engines[e] as Engine)!.push(r));
    return false;
  });
  if (done.size > 0) selection += `; resumed from ${resumeFrom}: ${items.length - order.length} kept, ${order.length} run now`;
  const checkpoint = optionalString(p, "json");
  const started = performance.now();
  let lastSave = started;
  bar?.start(order.length, 0, { file: "" });
  try {
    for (let i = 0; i < order.length; i++) {
      const it = order[i]!;
      bar?.update(i, { file: it.file.slice(0, 40) });
      const text = readSchemaText(data, it.file);
      for (const engine of engines as Engine[]) runs.get(engine)!.push(await runOne({ ...it, text }, decoder, { ...base, engine }));
      // a long run leaves a usable partial report behind (every 5 minutes)
      if (checkpoint && performance.now() - lastSave > 300_000 && i + 1 < order.length) {
        lastSave = performance.now();
        writeFileSync(checkpoint, JSON.stringify(assemble(meta, runs, `${selection}; PARTIAL: ${items.length - order.length + i + 1} of ${items.length} done (subsets interleaved in proportion)`), null, 1) + "\n");
      }
    }
    bar?.update(order.length, { file: "" });
  } finally {
    bar?.stop();
  }
  return assemble(meta, runs, selection);
}

/**
 * Items reordered so that subsets take turns in proportion to their size (item i of a subset of n
 * comes at fraction (i + ½)/n of the run; each subset's own order kept): every prefix of the run is
 * close to a stratified sample of the whole.
 */
export function interleaveBySubset<T extends { subset: string }>(items: readonly T[]): T[] {
  const size = new Map<string, number>();
  for (const it of items) size.set(it.subset, (size.get(it.subset) ?? 0) + 1);
  const seen = new Map<string, number>();
  const keyed = items.map((it, at) => {
    const i = seen.get(it.subset) ?? 0;
    seen.set(it.subset, i + 1);
    return { it, key: (i + 0.5) / size.get(it.subset)!, at };
  });
  return keyed.sort((x, y) => x.key - y.key || x.at - y.at).map((x) => x.it);
}

interface RunMeta {
  engine: Engine;
  model: string;
  decoder: string;
  prompt: PromptStyle;
  seed: number;
  maxTokens: number;
  context: number | undefined;
  steps: number | undefined;
  clock: "wall" | "cpu";
  date: string;
}

function assemble(meta: RunMeta, runs: Map<Engine, SchemaRun[]>, selection: string): BenchReport {
  const sorted = (rs: SchemaRun[]) => [...rs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const first = sorted(runs.get(meta.engine)!);
  const report: BenchReport = {
    bench: "jsonschemabench",
    engine: meta.engine,
    model: meta.model,
    decoder: meta.decoder,
    prompt: meta.prompt,
    seed: meta.seed,
    max_tokens: meta.maxTokens,
    ...(meta.context !== undefined ? { context: meta.context } : {}),
    ...(meta.steps !== undefined ? { steps: meta.steps } : {}),
    ...(meta.clock === "cpu" ? { timeout_clock: "cpu" as const } : {}),
    date: meta.date,
    selection,
    overall: summarize(first),
    subsets: bySubset(first),
    per_schema: first,
  };
  const other = runs.get("none");
  if (meta.engine === "gramfill" && other) {
    const o = sorted(other);
    report.baseline = { engine: "none", overall: summarize(o), subsets: bySubset(o), per_schema: o };
  }
  return report;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function row(name: string, g: GroupSummary): string {
  const ci = (i: { lo: number; hi: number }) => `[${(100 * i.lo).toFixed(0)}–${(100 * i.hi).toFixed(0)}]`;
  return [
    name.padEnd(16),
    String(g.schemas).padStart(5),
    `${pct(g.declared_coverage)} ${ci(g.ci95.declared_coverage)}`.padStart(16),
    `${pct(g.empirical_coverage)} ${ci(g.ci95.empirical_coverage)}`.padStart(16),
    `${pct(g.compliance)} ${ci(g.ci95.compliance)}`.padStart(17),
    `${g.gct_ms.p50}/${g.gct_ms.p90}`.padStart(14),
    `${g.ttft_ms.p50}/${g.ttft_ms.p90}`.padStart(16),
    `${g.tpot_ms.p50}/${g.tpot_ms.p90}`.padStart(12),
    `${pct(g.con_minus)}/${pct(g.con)}`.padStart(14),
  ].join(" ");
}

export function textReport(r: BenchReport): string {
  const head = [
    "subset".padEnd(16),
    "n".padStart(5),
    "declared [95%]".padStart(16),
    "empirical [95%]".padStart(16),
    "compliance [95%]".padStart(17),
    "GCT ms p50/90".padStart(14),
    "TTFT ms p50/90".padStart(16),
    "TPOT p50/90".padStart(12),
    "Con.-/Con.".padStart(14),
  ].join(" ");
  const lines = [`JSONSchemaBench, engine ${r.engine}, model ${r.model}, ${r.decoder}, ${r.prompt}, ${r.selection}`, head];
  for (const [s, g] of Object.entries(r.subsets)) lines.push(row(s, g));
  lines.push(row("overall", r.overall));
  if (r.baseline) lines.push(row("baseline (none)", r.baseline.overall));
  const failures: Record<string, number> = {};
  for (const x of r.per_schema) if (x.status !== "OK") failures[x.status] = (failures[x.status] ?? 0) + 1;
  if (Object.keys(failures).length > 0) lines.push(`not OK: ${Object.entries(failures).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const noRoom = r.overall.no_room ?? 0;
  if (noRoom > 0) lines.push(`close-outs (Con. but not Con.-): ${r.overall.closed_out}, ${noRoom} of them because the positions provably hold no document (no_room)`);
  const repeats = [`${r.overall.repeated_keys ?? 0} of gramfill's`, ...(r.baseline ? [`${r.baseline.overall.repeated_keys ?? 0} of the model's alone`] : [])];
  if ((r.overall.repeated_keys ?? 0) + (r.baseline?.overall.repeated_keys ?? 0) > 0) lines.push(`outputs repeating a key in one object (JSON.parse keeps the last value, the check cannot see it): ${repeats.join(", ")}`);
  return lines.join("\n") + "\n";
}
