/**
 * JSONSchemaBench with a model: per schema compile (GCT), generate (TTFT, TPOT), validate with ajv
 * for the schema's draft with formats; per subset and overall declared coverage, empirical coverage
 * and compliance (with bootstrap intervals), latency percentiles, and Con.− / Con. (outputs valid
 * without / with close-out).
 *
 * Status codes follow the benchmark's runner (epfl-dlab/jsonschemabench `core/utils.py`): compile
 * OK | UNSUPPORTED_SCHEMA | INVALID_SCHEMA | COMPILE_TIMEOUT | COMPILE_ERROR; decode OK |
 * DECODING_TIMEOUT | EXCEEDING_MAX_CTX | UNFINISHED | DECODING_ERROR. The per-schema `status` is
 * the first failure on the way (or INVALID_OUTPUT when the output does not validate), else OK.
 * VALIDATOR_ERROR (ours, not the benchmark's) marks an output ajv cannot judge because it cannot
 * compile the schema: it is not valid (coverage counts it as a failure) but it is left out of
 * compliance, which measures the engine, not the validator.
 */
import { compileSchema } from "../../schema/index.js";
import { firstDuplicateKey } from "../../schema/json-source.js";
import { isGramfillError } from "../../util/errors.js";
import { ajvValidator } from "../../cli/commands/schema.js";
import type { BenchSchema } from "./data.js";
import { DecodeTimeout, type BenchDecoder, type DecodeWork } from "./decoder.js";
import { buildPrompt, type PromptStyle } from "./prompt.js";
import { bootstrapProportion, p50p90, round2, round4, type Interval } from "./stats.js";

export type Engine = "gramfill" | "none";
export type CompileStatus = "OK" | "UNSUPPORTED_SCHEMA" | "INVALID_SCHEMA" | "COMPILE_TIMEOUT" | "COMPILE_ERROR";
export type DecodeStatus = "OK" | "DECODING_TIMEOUT" | "EXCEEDING_MAX_CTX" | "UNFINISHED" | "DECODING_ERROR";
export type SchemaStatus = CompileStatus | DecodeStatus | "INVALID_OUTPUT" | "VALIDATOR_ERROR";

export interface SchemaRun {
  file: string;
  subset: string;
  status: SchemaStatus;
  compile_status: CompileStatus;
  decode_status?: DecodeStatus;
  /** the output parses as JSON and ajv accepts it */
  valid: boolean;
  /** why it is not OK: the compiler's or the validator's message */
  reason?: string;
  gct_ms?: number;
  ttft_ms?: number;
  tpot_ms?: number;
  output_tokens?: number;
  /** CPU time of the generation (this process, every thread), ms */
  generate_cpu_ms?: number;
  prompt_tokens?: number;
  prompt_truncated?: boolean;
  closed_out?: boolean;
  /** the diffusion decoder's forward passes and time split (CPU cost per schema) */
  work?: DecodeWork;
  /** the output (first 400 characters) */
  output?: string;
  /**
   * a key the output writes twice in one object (the first such): `JSON.parse` keeps the last
   * value, so the benchmark's check cannot see it; gramfill's left-to-right masks never allow it
   */
  repeated_key?: string;
}

export interface RunOptions {
  engine: Engine;
  prompt: PromptStyle;
  seed: number;
  maxTokens: number;
  compileTimeoutMs: number;
  generateTimeoutMs: number;
  /**
   * the clock the limits are read on: "wall" (the benchmark's) or "cpu" (this process's CPU time, for
   * a shared machine, where wall time measures the other jobs); default wall
   */
  clock?: "wall" | "cpu";
  /** prompt + output tokens the model is shown (default and cap: the model's context) */
  context?: number;
}

/** CPU time of this process (user + system, all threads), ms */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One schema, start to end; never throws for a bad schema or a decoder failure. */
export async function runOne(item: BenchSchema, decoder: BenchDecoder, opts: RunOptions): Promise<SchemaRun> {
  const base = { file: item.file, subset: item.subset, valid: false };
  let schema: unknown;
  try {
    schema = JSON.parse(item.text);
  } catch (e) {
    return { ...base, status: "INVALID_SCHEMA", compile_status: "INVALID_SCHEMA", reason: `not JSON: ${(e as Error).message}` };
  }
  const cpu = opts.clock === "cpu";
  const t0 = performance.now();
  const c0 = cpuMs();
  let grammar;
  if (opts.engine === "gramfill") {
    try {
      // the compiler's own budget is wall time: on the CPU clock it is only a backstop (5× the limit)
      const budgetMs = cpu ? 5 * opts.compileTimeoutMs : opts.compileTimeoutMs;
      grammar = compileSchema(schema, { whitespace: "compact", refSiblings: "intersect" /* generation: valid for the spec and for ajv */, budgetMs }).compiled;
    } catch (e) {
      const gct_ms = round2(performance.now() - t0);
      if (!isGramfillError(e)) return { ...base, status: "COMPILE_ERROR", compile_status: "COMPILE_ERROR", reason: `internal: ${(e as Error).message}`.slice(0, 300), gct_ms };
      const status: CompileStatus = e.code === "timeout" ? "COMPILE_TIMEOUT" : e.code === "schema_invalid" ? "INVALID_SCHEMA" : e.code === "schema_empty" ? "INVALID_SCHEMA" : "UNSUPPORTED_SCHEMA";
      return { ...base, status, compile_status: status, reason: reasonOf(e.message), gct_ms };
    }
  }
  const gctEnd = performance.now();
  const gct_ms = round2(gctEnd - t0);
  const compileSpent = cpu ? cpuMs() - c0 : gctEnd - t0;
  // the compiler is synchronous: a compile past the limit is reported as a timeout after it returns
  if (compileSpent > opts.compileTimeoutMs) return { ...base, status: "COMPILE_TIMEOUT", compile_status: "COMPILE_TIMEOUT", reason: `compiled in ${round2(compileSpent)} ms${cpu ? " CPU" : ""}, over the ${opts.compileTimeoutMs} ms limit`, gct_ms };

  const ctx = Math.min(decoder.maxContext ?? Infinity, opts.context ?? Infinity);
  const room = Math.min(opts.maxTokens, Number.isFinite(ctx) ? Math.floor(ctx / 4) : opts.maxTokens);
  const budget = Number.isFinite(ctx) ? ctx - room - 1 : Infinity;
  const prompt = buildPrompt(item.text, opts.prompt, (s) => decoder.encode(s), budget);
  const common = { ...base, compile_status: "OK" as const, gct_ms, prompt_tokens: prompt.ids.length, prompt_truncated: prompt.truncated };
  if (prompt.ids.length + 1 >= ctx) return { ...common, status: "EXCEEDING_MAX_CTX", decode_status: "EXCEEDING_MAX_CTX", reason: "no room for the output" };
  let r;
  const g0 = cpuMs();
  const deadline = gctEnd + opts.generateTimeoutMs;
  const timeUp = cpu ? () => cpuMs() - g0 > opts.generateTimeoutMs : () => performance.now() > deadline;
  try {
    r = await decoder.decode({ promptIds: prompt.ids, grammar, maxTokens: room, seed: opts.seed, timeUp });
  } catch (e) {
    const generate_cpu_ms = Math.round(cpuMs() - g0);
    if (e instanceof DecodeTimeout) return { ...common, status: "DECODING_TIMEOUT", decode_status: "DECODING_TIMEOUT", reason: `over the ${opts.generateTimeoutMs} ms${cpu ? " CPU" : ""} limit`, generate_cpu_ms };
    // a lexer automaton past its state cap while the decoder explores holes (the infill checker walks
    // every state a hole's bytes can reach: a string of maxLength 65535 has that many) is a limit of
    // the decoder's checker, not of the schema's compile: say so
    // the diffusion decoder proves up front that no output of `room` tokens exists (the schema's
    // shortest document is longer): the output cannot be finished, which is what UNFINISHED means
    if (isGramfillError(e) && e.code === "input_invalid") {
      return { ...common, status: "UNFINISHED", decode_status: "UNFINISHED", reason: `no output fits in ${room} tokens: ${e.message}`.slice(0, 300), generate_cpu_ms };
    }
    const why = isGramfillError(e) && e.code === "automaton_too_large" ? `the decoder's feasibility checker: ${e.message}` : (e as Error).message;
    return { ...common, status: "DECODING_ERROR", decode_status: "DECODING_ERROR", reason: why.slice(0, 300), generate_cpu_ms };
  }
  const generate_cpu_ms = Math.round(cpuMs() - g0);
  const timing = {
    ttft_ms: r.firstTokenAt !== undefined ? round2(r.firstTokenAt - t0) : undefined,
    tpot_ms: r.firstTokenAt !== undefined && r.outputTokens > 1 ? round2((r.endAt - r.firstTokenAt) / (r.outputTokens - 1)) : undefined,
    output_tokens: r.outputTokens,
    generate_cpu_ms,
    closed_out: r.closedOut,
    ...(r.work ? { work: r.work } : {}),
    output: r.text.slice(0, 400),
  };
  if (grammar && r.complete !== true) {
    const status: DecodeStatus = r.stoppedBy === "context" ? "EXCEEDING_MAX_CTX" : "UNFINISHED";
    return { ...common, ...timing, status, decode_status: status, reason: r.stoppedBy === "dead_end" ? "no token allowed (dead end)" : "close-out found no completion" };
  }
  const verdict = validate(schema, r.text);
  const status = verdict.valid ? "OK" : verdict.unjudged ? "VALIDATOR_ERROR" : "INVALID_OUTPUT";
  const repeated = firstDuplicateKey(r.text);
  return { ...common, ...timing, decode_status: "OK", status, valid: verdict.valid, ...(verdict.reason ? { reason: verdict.reason } : {}), ...(repeated ? { repeated_key: repeated.key } : {}) };
}

/** The benchmark's check: the whole output is one JSON value and the validator accepts it. */
export function validate(schema: unknown, text: string): { valid: boolean; reason?: string; unjudged?: true } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { valid: false, reason: `not JSON: ${(e as Error).message.slice(0, 120)}` };
  }
  const v = validatorFor(schema);
  if (!v) return { valid: false, reason: "ajv cannot compile the schema", unjudged: true };
  return v(data) ? { valid: true } : { valid: false, reason: "ajv: does not match the schema" };
}

/**
 * ajv for the schema's draft; a schema without `$schema` that ajv's 2020-12 refuses (mostly draft-04
 * style `id`, which ajv rejects where Python's jsonschema, the benchmark's validator, ignores it) is
 * read as draft-04, the draft such schemas were written for.
 */
export function validatorFor(schema: unknown): ((data: unknown) => boolean) | undefined {
  const v = ajvValidator(schema);
  if (v || typeof schema !== "object" || schema === null || Array.isArray(schema) || "$schema" in schema) return v;
  return ajvValidator({ $schema: "http://json-schema.org/draft-04/schema#", ...schema });
}

/** "unsupported keyword 'x' at /a/b (...)" → "unsupported keyword 'x'": failures grouped by cause. */
export function reasonOf(message: string): string {
  return message.replace(/ at (#|\/)\S*/g, "").replace(/\s*\(.*$/, "").slice(0, 160);
}

export interface Metric {
  value: number;
  ci95: Interval;
}

export interface GroupSummary {
  schemas: number;
  declared_coverage: number;
  empirical_coverage: number;
  compliance: number;
  /** 95% bootstrap intervals of the three rates */
  ci95: { declared_coverage: Interval; empirical_coverage: Interval; compliance: Interval };
  gct_ms: { p50: number; p90: number };
  ttft_ms: { p50: number; p90: number };
  tpot_ms: { p50: number; p90: number };
  /** Con.−: share of schemas whose output is valid without close-out; Con.: valid at all (= empirical coverage) */
  con_minus: number;
  con: number;
  closed_out: number;
  /** of those closed out, how many because the positions provably hold no document (`work.no_room`) */
  no_room: number;
  /** outputs that write a key twice in one object (valid or not by the benchmark's check) */
  repeated_keys: number;
  statuses: Record<string, number>;
}

export function summarize(runs: readonly SchemaRun[]): GroupSummary {
  const n = runs.length;
  const declared = runs.filter((r) => r.compile_status === "OK");
  const judged = declared.filter((r) => r.status !== "VALIDATOR_ERROR");
  const valid = runs.filter((r) => r.valid).length;
  const validDeclared = declared.filter((r) => r.valid).length;
  const validNoCloseOut = runs.filter((r) => r.valid && !r.closed_out).length;
  const statuses: Record<string, number> = {};
  for (const r of runs) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const ci = (k: number, m: number) => {
    const i = bootstrapProportion(k, m);
    return { lo: round4(i.lo), hi: round4(i.hi) };
  };
  const nums = (f: (r: SchemaRun) => number | undefined) => runs.flatMap((r) => (f(r) === undefined ? [] : [f(r)!]));
  return {
    schemas: n,
    declared_coverage: rate(declared.length, n),
    empirical_coverage: rate(valid, n),
    compliance: rate(validDeclared, judged.length),
    ci95: { declared_coverage: ci(declared.length, n), empirical_coverage: ci(valid, n), compliance: ci(validDeclared, judged.length) },
    gct_ms: p50p90(nums((r) => (r.compile_status === "OK" ? r.gct_ms : undefined))),
    ttft_ms: p50p90(nums((r) => r.ttft_ms)),
    tpot_ms: p50p90(nums((r) => r.tpot_ms)),
    con_minus: rate(validNoCloseOut, n),
    con: rate(valid, n),
    closed_out: runs.filter((r) => r.closed_out).length,
    no_room: runs.filter((r) => r.closed_out && r.work?.no_room === true).length,
    repeated_keys: runs.filter((r) => r.repeated_key !== undefined).length,
    statuses,
  };
}

function rate(k: number, n: number): number {
  return n === 0 ? 0 : round4(k / n);
}

export interface BenchReport {
  bench: "jsonschemabench";
  engine: Engine;
  model: string;
  decoder: string;
  prompt: PromptStyle;
  seed: number;
  max_tokens: number;
  /** prompt + output tokens shown to the model, when cut below its context (`--context`) */
  context?: number;
  /** forward passes planned per output (diffusion decoder, `--steps`) */
  steps?: number;
  /** what the limits were measured on (absent: wall) */
  timeout_clock?: "wall" | "cpu";
  date: string;
  selection: string;
  overall: GroupSummary;
  subsets: Record<string, GroupSummary>;
  per_schema: SchemaRun[];
  /** the unconstrained run over the same schemas, when both engines ran */
  baseline?: { engine: "none"; overall: GroupSummary; subsets: Record<string, GroupSummary>; per_schema: SchemaRun[] };
}

export function bySubset(runs: readonly SchemaRun[]): Record<string, GroupSummary> {
  const out: Record<string, GroupSummary> = {};
  for (const s of [...new Set(runs.map((r) => r.subset))].sort()) out[s] = summarize(runs.filter((r) => r.subset === s));
  return out;
}
