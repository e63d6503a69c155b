/**
 * MaskBench, as guidance-ai/jsonschemabench runs it: for every schema, compile (time to first mask),
 * then walk every labelled instance token by token, computing the full mask before each token and
 * checking the token is in it; at the end, EOS must be allowed. A valid instance stopped on the way
 * is a validation error; an invalid instance that reaches an allowed EOS is an invalidation error.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { MaskContext, quoteTokens } from "../mask/matcher.js";
import { plainTextIndex } from "../mask/slices.js";
import { crossGrammarBytes } from "../mask/token-tables.js";
import { compileSchema } from "../schema/index.js";
import { parseJsonKeepingNumbers } from "../schema/json-source.js";
import { isGramfillError } from "../util/errors.js";
import type { Vocabulary } from "../vocab/vocabulary.js";

/** MaskBench's classes, plus `internal_error` for a bug of ours (counted, never hidden). */
export type SchemaStatus = "passing" | "compile_error" | "timeout" | "validation_error" | "invalidation_error" | "internal_error";

export interface MaskBenchCase {
  file: string;
  subset: string;
  schema: unknown;
  tests: Array<{ valid: boolean; data: unknown; description?: string }>;
}

export interface SchemaResult {
  file: string;
  subset: string;
  status: SchemaStatus;
  reason?: string;
  compile_ms?: number;
  /** the same in CPU time of the process (what compile_cpu_ms's percentiles are made of) */
  compile_cpu_ms?: number;
  tokens: number;
  /** the slowest mask of this schema, in µs */
  max_mask_us?: number;
  /** token tables built for this grammar × vocabulary by the end, in bytes */
  tables_bytes?: number;
  /** the largest matcher (parser state) of this schema's walks, in bytes */
  matcher_bytes?: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  p999?: number;
  max: number;
  mean?: number;
}

export interface MaskBenchOptions {
  /** text → token ids, as the model's tokenizer encodes it */
  encode: (text: string) => number[];
  /** per-schema time budget in ms (compile + all instances) */
  timeoutMs: number;
  /** lexer DFA state cap of each schema's grammar (compileSchema's default when unset) */
  maxLexerStates?: number;
  onProgress?: (done: number, total: number, current: string) => void;
}

export interface MaskBenchSummary {
  schemas: number;
  passing: number;
  compile_errors: number;
  compile_error_reasons: Record<string, number>;
  timeouts: number;
  validation_errors: number;
  invalidation_errors: number;
  internal_errors: number;
  compile_ms: Percentiles;
  mask_us: Percentiles;
  /**
   * the same in CPU time of the process (process.cpuUsage around each mask and compile): on a loaded
   * machine wall times carry the waits for a core; CPU times do not (each includes ~1 µs of the call)
   */
  compile_cpu_ms: Percentiles;
  mask_cpu_us: Percentiles;
  /** what every grammar shares per vocabulary (trie, plain-text index and its masks, table shapes kept across grammars), in MB */
  vocab_mb: number;
  /**
   * CPU ms to build what every grammar of the vocabulary shares (trie, plain-text index), once before
   * the first schema: per vocabulary, like XGrammar's TokenizerInfo, so not in any time to first mask
   */
  vocab_setup_cpu_ms: number;
  /** token tables per grammar × vocabulary, and the largest matcher, in MB */
  tables_mb: Percentiles;
  matcher_mb: Percentiles;
  tokens: number;
  subsets: Record<string, { schemas: number; passing: number; compile_errors: number; timeouts: number; validation_errors: number; invalidation_errors: number }>;
  per_schema: SchemaResult[];
}

/** Reads `DIR/tests/<Subset>.jsonl.gz` with the schemas from `DIR/<Subset>/<file>.json`. */
export function loadMaskBenchCases(dir: string, subsets?: readonly string[]): MaskBenchCase[] {
  const testsDir = join(dir, "tests");
  const files = readdirSync(testsDir).filter((f) => f.endsWith(".jsonl.gz")).sort();
  const out: MaskBenchCase[] = [];
  for (const f of files) {
    const subset = f.replace(/\.jsonl\.gz$/, "");
    if (subsets && !subsets.includes(subset)) continue;
    const lines = gunzipSync(readFileSync(join(testsDir, f))).toString("utf8").split("\n");
    for (const line of lines) {
      if (!line.trim()) continue;
      // numbers keep their spelling (9223372036854776001 is not walked as ...6000): the walked text is the instance's
      const row = parseJsonKeepingNumbers(line) as { file: string; tests: MaskBenchCase["tests"] };
      const schema = JSON.parse(readFileSync(join(dir, row.file), "utf8")) as unknown;
      out.push({ file: row.file, subset, schema, tests: row.tests });
    }
  }
  return out;
}

class Deadline extends Error {}

/** Runs the bench over `cases` with `vocab`; mask times are per token (mask + commit), in µs. */
export function runMaskBench(cases: readonly MaskBenchCase[], vocab: Vocabulary, opts: MaskBenchOptions): MaskBenchSummary {
  const maskUs: Timings = { wall: [], cpu: [] };
  const compileMs: Timings = { wall: [], cpu: [] };
  const results: SchemaResult[] = [];
  const eos = vocab.eosIds[0];
  if (eos === undefined) throw new Error("the vocabulary has no EOS token");
  const setup0 = cpuMicros();
  const trie = vocab.trie();
  plainTextIndex(vocab, trie);
  quoteTokens(vocab);
  const setupCpuMs = (cpuMicros() - setup0) / 1000;
  cases.forEach((c, i) => {
    opts.onProgress?.(i, cases.length, c.file);
    results.push(benchSchema(c, vocab, eos, opts, maskUs, compileMs));
  });
  opts.onProgress?.(cases.length, cases.length, "");
  const vocabBytes = trie.memoryBytes + plainTextIndex(vocab, trie).memoryBytes + crossGrammarBytes(trie);
  return { ...summarize(results, maskUs, compileMs), vocab_mb: round(vocabBytes / 1e6), vocab_setup_cpu_ms: round(setupCpuMs) };
}

/** Wall-clock and CPU times of the same events, in step. */
interface Timings {
  wall: number[];
  cpu: number[];
}

/** CPU time of this process so far, in µs. */
export function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function benchSchema(c: MaskBenchCase, vocab: Vocabulary, eos: number, opts: MaskBenchOptions, maskUs: Timings, compileMs: Timings): SchemaResult {
  const base = { file: c.file, subset: c.subset, tokens: 0 };
  const deadline = performance.now() + opts.timeoutMs;
  const c0 = cpuMicros();
  const t0 = performance.now();
  let ctx: MaskContext;
  let schema: ReturnType<typeof compileSchema>;
  const bits = new Uint32Array((vocab.size + 31) >>> 5);
  try {
    schema = compileSchema(c.schema, { whitespace: "python", maxLexerStates: opts.maxLexerStates });
    ctx = new MaskContext(schema.compiled, vocab);
    ctx.matcher().fillMask(bits);
  } catch (e) {
    if (!isGramfillError(e)) return { ...base, status: "internal_error", reason: `compile: ${(e as Error).message}` };
    if (e.code === "timeout") return { ...base, status: "timeout", reason: "compile" };
    return { ...base, status: "compile_error", reason: reasonOf(e.message) };
  }
  const ms = performance.now() - t0;
  const cpuMs = (cpuMicros() - c0) / 1000;
  compileMs.wall.push(ms);
  compileMs.cpu.push(cpuMs);
  let tokens = 0;
  const firstMask = maskUs.wall.length;
  const mem = { matcher: 0 };
  const slowest = () => round(Math.max(0, ...maskUs.wall.slice(firstMask)));
  const extra = () => ({ max_mask_us: slowest(), tables_bytes: ctx.tables.memoryBytes, matcher_bytes: mem.matcher });
  try {
    for (const t of c.tests) {
      const texts = schema.serialize(t.data);
      // the grammar fixes key order: walk the serialization it accepts (valid), or any (invalid)
      const walks = texts.map((text) => walk(ctx, opts.encode(text), eos, bits, maskUs, deadline, mem));
      tokens += walks.reduce((n, w) => n + w.tokens, 0);
      const reached = walks.some((w) => w.reachedEos);
      if (t.valid && !reached) return { ...base, status: "validation_error", reason: t.description ?? "", compile_ms: ms, compile_cpu_ms: round(cpuMs), tokens, ...extra() };
      if (!t.valid && reached) return { ...base, status: "invalidation_error", reason: t.description ?? "", compile_ms: ms, compile_cpu_ms: round(cpuMs), tokens, ...extra() };
    }
  } catch (e) {
    if (e instanceof Deadline) return { ...base, status: "timeout", compile_ms: ms, compile_cpu_ms: round(cpuMs), tokens, ...extra() };
    // a size limit met while the lazy lexer grows during the walk: a refusal, like one at compile
    if (isGramfillError(e) && e.code === "automaton_too_large") return { ...base, status: "compile_error", reason: `walk: ${reasonOf(e.message)}`, compile_ms: ms, compile_cpu_ms: round(cpuMs), tokens };
    return { ...base, status: "internal_error", reason: (e as Error).message, compile_ms: ms, compile_cpu_ms: round(cpuMs), tokens };
  }
  return { ...base, status: "passing", compile_ms: ms, compile_cpu_ms: round(cpuMs), tokens, ...extra() };
}

/** One instance: mask before every token, then EOS. */
function walk(ctx: MaskContext, ids: number[], eos: number, bits: Uint32Array, maskUs: Timings, deadline: number, mem: { matcher: number }): { reachedEos: boolean; tokens: number } {
  const m = ctx.matcher();
  try {
    return walkWith(m, ids, eos, bits, maskUs, deadline);
  } finally {
    mem.matcher = Math.max(mem.matcher, m.memoryBytes);
  }
}

function walkWith(m: ReturnType<MaskContext["matcher"]>, ids: number[], eos: number, bits: Uint32Array, maskUs: Timings, deadline: number): { reachedEos: boolean; tokens: number } {
  let n = 0;
  for (const id of [...ids, eos]) {
    const c0 = cpuMicros();
    const t0 = performance.now();
    m.fillMask(bits);
    const allowed = ((bits[id >>> 5]! >>> (id & 31)) & 1) === 1;
    if (allowed && !m.accept(id)) throw new Error(`token ${id} is in the mask but the matcher refused it`);
    maskUs.wall.push((performance.now() - t0) * 1000);
    maskUs.cpu.push(cpuMicros() - c0);
    n++;
    if (!allowed) return { reachedEos: false, tokens: n };
    if (performance.now() > deadline) throw new Deadline();
  }
  return { reachedEos: true, tokens: n };
}

/** "unsupported keyword 'x' at /a/b" → "unsupported keyword 'x'": group compile errors by cause. */
function reasonOf(message: string): string {
  return message.replace(/ at (#|\/)\S*/g, "").replace(/\s*\(.*$/, "").slice(0, 120);
}

export function percentiles(values: number[], withTail = false): Percentiles {
  if (values.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0 };
  const v = Float64Array.from(values).sort();
  const at = (q: number) => round(v[Math.min(v.length - 1, Math.floor(q * v.length))]!);
  const out: Percentiles = { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(v[v.length - 1]!) };
  if (withTail) {
    out.p999 = at(0.999);
    out.mean = round(values.reduce((a, b) => a + b, 0) / values.length);
  }
  return out;
}

const round = (x: number) => Math.round(x * 100) / 100;

function summarize(results: SchemaResult[], maskUs: Timings, compileMs: Timings): Omit<MaskBenchSummary, "vocab_mb" | "vocab_setup_cpu_ms"> {
  const count = (rs: SchemaResult[], s: SchemaStatus) => rs.filter((r) => r.status === s).length;
  const reasons: Record<string, number> = {};
  for (const r of results) if (r.status === "compile_error") reasons[r.reason ?? "?"] = (reasons[r.reason ?? "?"] ?? 0) + 1;
  const subsets: MaskBenchSummary["subsets"] = {};
  for (const name of [...new Set(results.map((r) => r.subset))].sort()) {
    const rs = results.filter((r) => r.subset === name);
    subsets[name] = {
      schemas: rs.length,
      passing: count(rs, "passing"),
      compile_errors: count(rs, "compile_error"),
      timeouts: count(rs, "timeout"),
      validation_errors: count(rs, "validation_error"),
      invalidation_errors: count(rs, "invalidation_error"),
    };
  }
  return {
    schemas: results.length,
    passing: count(results, "passing"),
    compile_errors: count(results, "compile_error"),
    compile_error_reasons: reasons,
    timeouts: count(results, "timeout"),
    validation_errors: count(results, "validation_error"),
    invalidation_errors: count(results, "invalidation_error"),
    internal_errors: count(results, "internal_error"),
    compile_ms: percentiles(compileMs.wall),
    mask_us: percentiles(maskUs.wall, true),
    compile_cpu_ms: percentiles(compileMs.cpu),
    mask_cpu_us: percentiles(maskUs.cpu, true),
    tables_mb: percentiles(results.flatMap((r) => (r.tables_bytes === undefined ? [] : [r.tables_bytes / 1e6]))),
    matcher_mb: percentiles(results.flatMap((r) => (r.matcher_bytes === undefined ? [] : [r.matcher_bytes / 1e6]))),
    tokens: maskUs.wall.length,
    subsets,
    per_schema: results,
  };
}
