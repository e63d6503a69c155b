/**
 * The same MaskBench walk with XGrammar (`@mlc-ai/web-xgrammar`, its C++ core compiled to WASM), in
 * the same process, on the same schemas, tokenizer and token sequences, so the two engines are
 * compared as ratios on one noisy machine. An optional peer: the package is a devDependency.
 *
 * XGrammar runs with separators ", " / ": " and no flexible whitespace, as our instances are
 * serialized, and strict mode off (additionalProperties as the schema says), so both engines
 * are asked for the same language.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { GramfillError } from "../util/errors.js";
import { cpuMicros, percentiles, type MaskBenchCase, type Percentiles, type SchemaStatus } from "./maskbench.js";

export interface PeerSummary {
  engine: string;
  schemas: number;
  passing: number;
  compile_errors: number;
  timeouts: number;
  validation_errors: number;
  invalidation_errors: number;
  compile_ms: Percentiles;
  mask_us: Percentiles;
  /** CPU time of the process while the worker compiles / computes a mask (this thread waits) */
  compile_cpu_ms: Percentiles;
  mask_cpu_us: Percentiles;
  tokens: number;
  per_schema: Array<{ file: string; status: SchemaStatus; reason?: string }>;
}

interface XgModule {
  TokenizerInfo: { createTokenizerInfo(vocab: string[], type?: string, prependSpace?: boolean, size?: number, stop?: number[]): Promise<Handle> };
  GrammarCompiler: { createGrammarCompiler(info: Handle, cache?: boolean): Promise<XgCompiler> };
  GrammarMatcher: { createGrammarMatcher(compiled: Handle): Promise<XgMatcher> };
}
interface Handle {
  dispose(): void;
}
interface XgCompiler extends Handle {
  compileJSONSchema(schema: string, anyWhitespace?: boolean, indent?: number, separators?: [string, string], strict?: boolean): Promise<Handle>;
}
interface XgMatcher extends Handle {
  getNextTokenBitmask(): Promise<Int32Array>;
  acceptToken(id: number): boolean;
}

/** Token strings by id as tokenizer.json stores them (what XGrammar's TokenizerInfo decodes). */
function encodedVocab(tokenizerJson: string): { vocab: string[]; type: string } {
  const t = JSON.parse(readFileSync(tokenizerJson, "utf8")) as {
    model: { vocab: Record<string, number> | Array<[string, number]>; byte_fallback?: boolean };
    added_tokens?: Array<{ id: number; content: string }>;
    decoder?: { type?: string; decoders?: Array<{ type?: string }> };
  };
  const vocab: string[] = [];
  const entries: Array<[string, number]> = Array.isArray(t.model.vocab)
    ? t.model.vocab.map(([piece], i) => [piece, i])
    : Object.entries(t.model.vocab);
  for (const [piece, id] of entries) vocab[id] = piece;
  for (const a of t.added_tokens ?? []) vocab[a.id] = a.content;
  for (let i = 0; i < vocab.length; i++) vocab[i] ??= "";
  const decoders = [t.decoder?.type, ...(t.decoder?.decoders ?? []).map((d) => d.type)];
  const type = decoders.includes("ByteLevel") ? "byte_level" : t.model.byte_fallback || decoders.includes("ByteFallback") ? "byte_fallback" : "raw";
  return { vocab, type };
}

/** One schema as the worker gets it: the token sequences are ours (same tokenizer, same texts). */
interface PeerJob {
  file: string;
  schema: string;
  /** per labelled instance: its validity and the token sequences (EOS appended) of its texts */
  tests: Array<{ valid: boolean; seqs: number[][] }>;
}
interface PeerResult {
  status: SchemaStatus;
  reason?: string;
  compile_ms?: number;
  compile_cpu_ms?: number;
  mask_us: number[];
  mask_cpu_us?: number[];
}

export interface PeerOptions {
  /** per-schema budget in ms (compile + walks); XGrammar's compile is one synchronous WASM call,
   * so it runs in a worker thread that is terminated (and replaced) when the budget runs out */
  timeoutMs: number;
  onProgress?: (done: number, total: number, current: string) => void;
}

const WORKER_ROLE = "gramfill-xgrammar-peer";

export async function runXGrammarMaskBench(
  cases: readonly MaskBenchCase[],
  texts: (c: MaskBenchCase, data: unknown) => string[],
  encode: (text: string) => number[],
  tokenizerJson: string,
  eosIds: readonly number[],
  opts: PeerOptions = { timeoutMs: 60_000 },
): Promise<PeerSummary> {
  loadXGrammar(); // fail early, in this thread, if the package is missing
  const eos = eosIds[0]!;
  const maskUs: number[] = [];
  const compileMs: number[] = [];
  const maskCpuUs: number[] = [];
  const compileCpuMs: number[] = [];
  const results: PeerSummary["per_schema"] = [];
  let worker: PeerWorker | undefined;
  try {
    for (const [i, c] of cases.entries()) {
      opts.onProgress?.(i, cases.length, c.file);
      const job: PeerJob = {
        file: c.file,
        schema: JSON.stringify(c.schema),
        tests: c.tests.map((t) => ({ valid: t.valid, seqs: texts(c, t.data).map((text) => [...encode(text), eos]) })),
      };
      worker ??= await PeerWorker.start(tokenizerJson, eosIds);
      const r = await worker.run(job, opts.timeoutMs);
      if (r === "timeout") {
        await worker.stop();
        worker = undefined;
        results.push({ file: c.file, status: "timeout" });
        continue;
      }
      for (const us of r.mask_us) maskUs.push(us);
      for (const us of r.mask_cpu_us ?? []) maskCpuUs.push(us);
      if (r.compile_ms !== undefined) compileMs.push(r.compile_ms);
      if (r.compile_cpu_ms !== undefined) compileCpuMs.push(r.compile_cpu_ms);
      results.push({ file: c.file, status: r.status, ...(r.reason ? { reason: r.reason } : {}) });
    }
  } finally {
    await worker?.stop();
  }
  opts.onProgress?.(cases.length, cases.length, "");
  const count = (s: SchemaStatus) => results.filter((r) => r.status === s).length;
  return {
    engine: "xgrammar (@mlc-ai/web-xgrammar 0.1.27, WASM)",
    schemas: results.length,
    passing: count("passing"),
    compile_errors: count("compile_error"),
    timeouts: count("timeout"),
    validation_errors: count("validation_error"),
    invalidation_errors: count("invalidation_error"),
    compile_ms: percentiles(compileMs),
    mask_us: percentiles(maskUs, true),
    compile_cpu_ms: percentiles(compileCpuMs),
    mask_cpu_us: percentiles(maskCpuUs, true),
    tokens: maskUs.length,
    per_schema: results,
  };
}

/** A worker thread holding XGrammar's tokenizer info and compiler. */
class PeerWorker {
  private constructor(private readonly w: Worker) {}

  static start(tokenizerJson: string, eosIds: readonly number[]): Promise<PeerWorker> {
    const w = new Worker(workerScript(), { workerData: { role: WORKER_ROLE, tokenizerJson, eosIds: [...eosIds] } });
    return new Promise((resolve, reject) => {
      w.once("message", () => resolve(new PeerWorker(w)));
      w.once("error", reject);
    });
  }

  run(job: PeerJob, timeoutMs: number): Promise<PeerResult | "timeout"> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.w.off("message", done);
        this.w.off("error", fail);
        resolve("timeout");
      }, timeoutMs);
      const done = (r: PeerResult) => {
        clearTimeout(timer);
        this.w.off("error", fail);
        resolve(r);
      };
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.w.off("message", done);
        reject(e);
      };
      this.w.once("message", done);
      this.w.once("error", fail);
      this.w.postMessage(job);
    });
  }

  async stop(): Promise<void> {
    await this.w.terminate();
  }
}

/** This module as a worker script: itself when built; from TypeScript sources (tests), the build of it. */
function workerScript(): URL {
  const self = new URL(import.meta.url);
  if (self.pathname.endsWith(".js")) return self;
  const built = new URL("../../dist/bench/xgrammar-peer.js", import.meta.url);
  if (!existsSync(built)) throw new GramfillError("usage", "--vs xgrammar run from TypeScript sources needs the build (npm run build)");
  return built;
}

/** The worker's side: set XGrammar up once, then compile and walk each job it is sent. */
async function serveXGrammarJobs(tokenizerJson: string, eosIds: number[]): Promise<void> {
  const xg = loadXGrammar();
  const { vocab, type } = encodedVocab(tokenizerJson);
  const info = await xg.TokenizerInfo.createTokenizerInfo(vocab, type, false, vocab.length, eosIds);
  const compiler = await xg.GrammarCompiler.createGrammarCompiler(info, false);
  const port = parentPort!;
  port.on("message", (job: PeerJob) => {
    void runJob(xg, compiler, job).then(
      (r) => port.postMessage(r),
      (e: unknown) => port.postMessage({ status: "internal_error", reason: String((e as Error)?.message ?? e).slice(0, 120), mask_us: [] } satisfies PeerResult),
    );
  });
  port.postMessage("ready");
}

async function runJob(xg: XgModule, compiler: XgCompiler, job: PeerJob): Promise<PeerResult> {
  const maskUs: number[] = [];
  const maskCpuUs: number[] = [];
  const c0 = cpuMicros();
  const t0 = performance.now();
  let compiled: Handle;
  try {
    // indent -1: no indentation (undefined would mean 2 in the JS binding)
    compiled = await compiler.compileJSONSchema(job.schema, false, -1, [", ", ": "], false);
    const first = await xg.GrammarMatcher.createGrammarMatcher(compiled);
    await first.getNextTokenBitmask();
    first.dispose();
  } catch (e) {
    return { status: "compile_error", reason: String((e as Error).message ?? e).slice(0, 120), mask_us: [] };
  }
  const compileMs = performance.now() - t0;
  const compileCpuMs = (cpuMicros() - c0) / 1000;
  let status: SchemaStatus = "passing";
  for (const t of job.tests) {
    let reached = false;
    for (const ids of t.seqs) {
      const m = await xg.GrammarMatcher.createGrammarMatcher(compiled);
      reached ||= await walk(m, ids, maskUs, maskCpuUs);
      m.dispose();
    }
    if (t.valid && !reached) status = "validation_error";
    if (!t.valid && reached) status = "invalidation_error";
    if (status !== "passing") break;
  }
  compiled.dispose();
  return { status, compile_ms: compileMs, compile_cpu_ms: compileCpuMs, mask_us: maskUs, mask_cpu_us: maskCpuUs };
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  const { tokenizerJson, eosIds } = workerData as { tokenizerJson: string; eosIds: number[] };
  void serveXGrammarJobs(tokenizerJson, eosIds);
}

/**
 * The package is a UMD bundle inside a `"type": "module"` package, so neither `import` nor
 * `require` loads it in Node: evaluate it as the CommonJS module its wrapper expects.
 */
function loadXGrammar(): XgModule {
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve("@mlc-ai/web-xgrammar");
  } catch {
    throw new GramfillError("usage", "--vs xgrammar needs the devDependency @mlc-ai/web-xgrammar (npm install)");
  }
  const mod = { exports: {} as unknown };
  new Function("exports", "module", "require", "__filename", "__dirname", readFileSync(file, "utf8"))(mod.exports, mod, require, file, dirname(file));
  return mod.exports as XgModule;
}

async function walk(m: XgMatcher, ids: number[], maskUs: number[], maskCpuUs: number[]): Promise<boolean> {
  for (const id of ids) {
    const c0 = cpuMicros();
    const t0 = performance.now();
    const bits = await m.getNextTokenBitmask();
    const allowed = ((bits[id >>> 5]! >>> (id & 31)) & 1) === 1;
    if (allowed) m.acceptToken(id);
    maskUs.push((performance.now() - t0) * 1000);
    maskCpuUs.push(cpuMicros() - c0);
    if (!allowed) return false;
  }
  return true;
}
