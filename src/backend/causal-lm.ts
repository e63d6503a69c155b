/**
 * A causal language model from an ONNX export (optimum / transformers.js layout: GPT-2, Llama,
 * Qwen2, ...). Input and output names are read from the session: `input_ids` (required),
 * `attention_mask`, `position_ids`, `use_cache_branch` (each optional), `past_key_values.N.key|value`
 * paired with `present.N.key|value` (optional: without them every call recomputes the whole
 * sequence). Rows of a batch advance together (same length, no padding).
 */
import type * as ort from "onnxruntime-node";
import { GramfillError } from "../util/errors.js";
import { eosIdsOf, isDiffusionConfig, readModelFolder, type ModelFolder } from "./folder.js";
import { boolTensor, configNumber, emptyTensor, floatData, inputInfos, intTensor, openSession, type InputInfo } from "./onnx.js";
import { TextTokenizer } from "./tokenizer.js";

/** The model's state for one batch: the KV cache (or the tokens so far, when the graph has none). */
export class KvCache {
  readonly batch: number;
  /** tokens seen per row */
  length = 0;
  past = new Map<string, ort.Tensor>();
  /** all tokens per row (kept for graphs without a cache, and for inspection) */
  readonly tokens: number[][];

  constructor(batch: number) {
    this.batch = batch;
    this.tokens = Array.from({ length: batch }, () => []);
  }
}

/** Logits of the positions just fed: row-major [batch, seq, width]. */
export interface Logits {
  data: Float32Array;
  batch: number;
  seq: number;
  width: number;
}

/** The logits row of (batch b, position i) of a forward pass. */
export function logitsRow(l: Logits, b: number, i: number): Float32Array {
  const at = (b * l.seq + i) * l.width;
  return l.data.subarray(at, at + l.width);
}

interface PastPair {
  input: string;
  output: string;
  info: InputInfo;
}

export class CausalLM {
  readonly folder: ModelFolder;
  readonly tokenizer: TextTokenizer;
  readonly eosIds: number[];
  /** tokens the context can hold (n_positions / max_position_embeddings), if known */
  readonly maxContext: number | undefined;
  private readonly session: ort.InferenceSession;
  private readonly inputs: Map<string, InputInfo>;
  private readonly pasts: PastPair[];
  private readonly pastDims: [number, number];

  private constructor(folder: ModelFolder, session: ort.InferenceSession) {
    this.folder = folder;
    this.session = session;
    this.tokenizer = new TextTokenizer(folder.tokenizerJson, folder.tokenizerConfig);
    this.eosIds = eosIdsOf(folder);
    this.maxContext = configNumber(folder.config, "n_positions", "max_position_embeddings", "n_ctx");
    this.inputs = inputInfos(session);
    const names = [...this.inputs.keys()];
    if (!this.inputs.has("input_ids")) {
      throw new GramfillError("io", `${folder.onnxPath}: the ONNX graph has no input 'input_ids' (inputs: ${names.join(", ")})`);
    }
    if (!session.outputNames.includes("logits")) {
      throw new GramfillError("io", `${folder.onnxPath}: the ONNX graph has no output 'logits' (outputs: ${session.outputNames.join(", ")})`);
    }
    const known = new Set(["input_ids", "attention_mask", "position_ids", "use_cache_branch"]);
    this.pasts = [];
    for (const name of names) {
      if (known.has(name)) continue;
      const m = /^past_key_values\.(\d+)\.(key|value)$/.exec(name);
      if (!m) throw new GramfillError("io", `${folder.onnxPath}: the ONNX graph has an input this backend cannot fill: '${name}' (inputs: ${names.join(", ")})`);
      const output = [`present.${m[1]}.${m[2]}`, `present_key_values.${m[1]}.${m[2]}`].find((o) => session.outputNames.includes(o));
      if (!output) throw new GramfillError("io", `${folder.onnxPath}: the ONNX graph has input '${name}' but no output 'present.${m[1]}.${m[2]}'`);
      this.pasts.push({ input: name, output, info: this.inputs.get(name)! });
    }
    const c = folder.config;
    const heads = configNumber(c, "num_key_value_heads", "num_attention_heads", "n_head");
    const hidden = configNumber(c, "hidden_size", "n_embd");
    const headDim = configNumber(c, "head_dim") ?? (hidden !== undefined && configNumber(c, "num_attention_heads", "n_head") !== undefined ? hidden / configNumber(c, "num_attention_heads", "n_head")! : undefined);
    const shape = this.pasts[0]?.info.shape ?? [];
    const h = typeof shape[1] === "number" ? shape[1] : heads;
    const d = typeof shape[3] === "number" ? shape[3] : headDim;
    if (this.pasts.length > 0 && (h === undefined || d === undefined)) {
      throw new GramfillError("io", `${folder.dir}: cannot tell the KV cache shape (config.json has no num_attention_heads / hidden_size)`);
    }
    this.pastDims = [h ?? 0, d ?? 0];
  }

  /** Loads a model folder (`ar`, a bundled name, or a path). */
  static async load(spec: string): Promise<CausalLM> {
    const folder = readModelFolder(spec);
    if (isDiffusionConfig(folder.config)) throw new GramfillError("io", `${folder.dir} is a masked-diffusion model, not a causal LM`);
    return new CausalLM(folder, await openSession(folder.onnxPath));
  }

  /** Does the graph keep a KV cache? */
  get hasCache(): boolean {
    return this.pasts.length > 0;
  }

  newCache(batch = 1): KvCache {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be ≥ 1, not ${batch}`);
    return new KvCache(batch);
  }

  /**
   * Feeds `ids` (one equally long row per batch row) after what the cache holds; returns the logits
   * of the new positions and advances the cache.
   */
  async forward(cache: KvCache, ids: number[][]): Promise<Logits> {
    if (ids.length !== cache.batch) throw new RangeError(`expected ${cache.batch} rows, got ${ids.length}`);
    const seq = ids[0]!.length;
    if (seq === 0 || ids.some((r) => r.length !== seq)) throw new RangeError("rows must be non-empty and equally long");
    const B = cache.batch;
    const useCache = this.hasCache;
    const rows = useCache ? ids : ids.map((r, b) => [...cache.tokens[b]!, ...r]);
    const n = rows[0]!.length;
    const past = useCache ? cache.length : 0;
    const feeds: Record<string, ort.Tensor> = {};
    const type = (name: string) => this.inputs.get(name)!.type;
    feeds.input_ids = intTensor(type("input_ids"), rows.flat(), [B, n]);
    if (this.inputs.has("attention_mask")) feeds.attention_mask = intTensor(type("attention_mask"), new Array<number>(B * (past + n)).fill(1), [B, past + n]);
    if (this.inputs.has("position_ids")) {
      const pos: number[] = [];
      for (let b = 0; b < B; b++) for (let i = 0; i < n; i++) pos.push(past + i);
      feeds.position_ids = intTensor(type("position_ids"), pos, [B, n]);
    }
    if (this.inputs.has("use_cache_branch")) feeds.use_cache_branch = boolTensor(past > 0);
    for (const p of this.pasts) feeds[p.input] = cache.past.get(p.input) ?? emptyTensor(p.info.type, [B, this.pastDims[0], 0, this.pastDims[1]]);
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await this.session.run(feeds);
    } catch (e) {
      throw new GramfillError("io", `${this.folder.onnxPath}: forward pass failed: ${(e as Error).message}`);
    }
    const logits = out.logits as ort.Tensor;
    const width = logits.dims[2]!;
    let data = floatData(logits);
    if (!useCache && n !== seq) {
      const sliced = new Float32Array(B * seq * width);
      for (let b = 0; b < B; b++) sliced.set(data.subarray((b * n + n - seq) * width, (b * n + n) * width), b * seq * width);
      data = sliced;
    }
    for (const p of this.pasts) cache.past.set(p.input, out[p.output] as ort.Tensor);
    cache.length += seq;
    ids.forEach((r, b) => cache.tokens[b]!.push(...r));
    return { data, batch: B, seq, width };
  }
}
