/**
 * What the decoder needs from a model: append tokens, then ask for the logits that predict the next
 * position. Causal models feed everything appended since the last call in one forward pass (so
 * jump-forward tokens cost one pass); masked-diffusion models are decoded left to right, one
 * position at a time, with the rest of the window masked.
 */
import { CausalLM, logitsRow, type KvCache } from "../backend/causal-lm.js";
import { MaskedDiffusionLM } from "../backend/diffusion-lm.js";
import { isDiffusionConfig, readModelFolder } from "../backend/folder.js";
import type { TextTokenizer } from "../backend/tokenizer.js";
import { Vocabulary } from "../vocab/vocabulary.js";

export interface ModelSession {
  /** tokens in the context so far (prompt included) */
  readonly length: number;
  append(ids: readonly number[]): void;
  /** logits predicting the next position; `remaining` = how many more tokens may follow (a hint) */
  logits(remaining: number): Promise<Float32Array>;
}

export interface DecoderModel {
  readonly tokenizer: TextTokenizer;
  readonly eosIds: readonly number[];
  readonly maxContext: number | undefined;
  readonly kind: "causal" | "diffusion";
  /** the id that starts an empty prompt (BOS, else EOS) */
  readonly startId: number;
  newSession(): ModelSession;
}

export function causalModel(lm: CausalLM): DecoderModel {
  const bos = typeof lm.folder.config.bos_token_id === "number" ? lm.folder.config.bos_token_id : lm.eosIds[0] ?? 0;
  return {
    tokenizer: lm.tokenizer,
    eosIds: lm.eosIds,
    maxContext: lm.maxContext,
    kind: "causal",
    startId: bos,
    newSession: () => new CausalSession(lm),
  };
}

class CausalSession implements ModelSession {
  private readonly cache: KvCache;
  private pending: number[] = [];
  private last: Float32Array | undefined;
  constructor(private readonly lm: CausalLM) {
    this.cache = lm.newCache(1);
  }
  get length(): number {
    return this.cache.length + this.pending.length;
  }
  append(ids: readonly number[]): void {
    this.pending.push(...ids);
  }
  async logits(): Promise<Float32Array> {
    if (this.pending.length === 0) {
      if (!this.last) throw new RangeError("no tokens to predict from");
      return this.last;
    }
    const ids = this.pending;
    this.pending = [];
    const out = await this.lm.forward(this.cache, [ids]);
    this.last = logitsRow(out, 0, out.seq - 1).slice();
    return this.last;
  }
}

export function diffusionModel(lm: MaskedDiffusionLM): DecoderModel {
  const bos = typeof lm.folder.config.bos_token_id === "number" ? lm.folder.config.bos_token_id : lm.eosIds[0] ?? 0;
  return {
    tokenizer: lm.tokenizer,
    eosIds: lm.eosIds,
    maxContext: lm.maxContext,
    kind: "diffusion",
    startId: bos,
    newSession: () => new DiffusionSession(lm),
  };
}

class DiffusionSession implements ModelSession {
  private tokens: number[] = [];
  constructor(private readonly lm: MaskedDiffusionLM) {}
  get length(): number {
    return this.tokens.length;
  }
  append(ids: readonly number[]): void {
    this.tokens.push(...ids);
  }
  async logits(remaining: number): Promise<Float32Array> {
    const room = (this.lm.maxContext ?? Infinity) - this.tokens.length;
    const window = Math.max(1, Math.min(remaining, room));
    const seq = [...this.tokens, ...new Array<number>(window).fill(this.lm.maskTokenId)];
    const out = await this.lm.forward([seq]);
    return this.lm.predictionRow(out, 0, this.tokens.length).slice();
  }
}

/** Loads `ar`, `mdm` or a model folder (its kind from config.json) with its exact-bytes vocabulary. */
export async function loadModel(spec: string): Promise<{ model: DecoderModel; vocab: Vocabulary; dir: string }> {
  const folder = readModelFolder(spec);
  const model = isDiffusionConfig(folder.config) ? diffusionModel(await MaskedDiffusionLM.load(spec)) : causalModel(await CausalLM.load(spec));
  const vocab = Vocabulary.fromTokenizerJson(folder.dir);
  return { model, vocab, dir: folder.dir };
}
