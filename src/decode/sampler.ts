/**
 * Choosing the next token from logits under a mask: greedy (temperature 0), or temperature
 * sampling with top-k and top-p, from a seeded generator (same seed, same choices).
 */
import { GramfillError } from "../util/errors.js";

export interface SamplingOptions {
  /** 0 (default) = greedy; > 0 divides the logits */
  temperature?: number;
  /** keep the k most likely allowed tokens (0 or undefined = all) */
  topK?: number;
  /** keep the smallest set of most likely tokens whose probability reaches p (1 or undefined = all) */
  topP?: number;
  /** seed of the random generator (default 0) */
  seed?: number;
}

/** A small seeded generator (SplitMix32-style mixing over a 32-bit counter). */
export class Rng {
  private state: number;
  constructor(seed = 0) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    let z = (this.state = (this.state + 0x9e3779b9) >>> 0);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 2 ** 32;
  }
}

export function validateSampling(o: SamplingOptions): void {
  const t = o.temperature ?? 0;
  if (!(Number.isFinite(t) && t >= 0)) throw new GramfillError("usage", `temperature must be a number ≥ 0, not ${t}`);
  if (o.topK !== undefined && !(Number.isInteger(o.topK) && o.topK >= 0)) throw new GramfillError("usage", `top-k must be an integer ≥ 0, not ${o.topK}`);
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) throw new GramfillError("usage", `top-p must be in (0, 1], not ${o.topP}`);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new GramfillError("usage", `seed must be an integer, not ${o.seed}`);
}

/**
 * The chosen id among those whose bit is set in `mask` (ids ≥ `maskSize` or ≥ the logits width are
 * never chosen); -1 when the mask allows nothing. Allowed tokens with -∞/NaN logits are chosen only
 * when every allowed token has one (the lowest id then).
 */
export function sampleMasked(logits: Float32Array, mask: Uint32Array, maskSize: number, opts: SamplingOptions, rng: Rng): number {
  const n = Math.min(maskSize, logits.length);
  const ids: number[] = [];
  let fallback = -1;
  for (let w = 0; w < mask.length; w++) {
    let bits = mask[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      const id = (w << 5) + (31 - Math.clz32(low));
      bits ^= low;
      if (id >= n) continue;
      if (fallback < 0) fallback = id;
      const x = logits[id]!;
      if (x === -Infinity || Number.isNaN(x)) continue;
      ids.push(id);
    }
  }
  if (ids.length === 0) return fallback;
  const t = opts.temperature ?? 0;
  if (t === 0) {
    let best = ids[0]!;
    for (const id of ids) if (logits[id]! > logits[best]!) best = id;
    return best;
  }
  let cand = ids;
  const k = opts.topK ?? 0;
  const p = opts.topP ?? 1;
  if ((k > 0 && k < ids.length) || p < 1) {
    cand = ids.slice().sort((a, b) => logits[b]! - logits[a]! || a - b);
    if (k > 0 && k < cand.length) cand = cand.slice(0, k);
  }
  let max = -Infinity;
  for (const id of cand) max = Math.max(max, logits[id]!);
  const w = new Float64Array(cand.length);
  let sum = 0;
  for (let i = 0; i < cand.length; i++) sum += w[i] = Math.exp((logits[cand[i]!]! - max) / t);
  let count = cand.length;
  if (p < 1) {
    let acc = 0;
    for (let i = 0; i < cand.length; i++) {
      acc += w[i]! / sum;
      if (acc >= p) {
        count = i + 1;
        break;
      }
    }
    sum = 0;
    for (let i = 0; i < count; i++) sum += w[i]!;
  }
  let r = rng.next() * sum;
  for (let i = 0; i < count; i++) {
    r -= w[i]!;
    if (r < 0) return cand[i]!;
  }
  return cand[count - 1]!;
}
