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

/**
 * A small seeded generator (SplitMix32-style mixing over a 32-bit counter). Counter-based: the
 * i-th draw after state s is a function of s + (i+1)·φ alone, so a block of draws can be skipped
 * and any of them read back later (`skip`, `drawAt`) — the diffusion sampler's Gumbel noise
 * computes only the draws of tokens that can matter.
 */
export class Rng {
  private state: number;
  constructor(seed = 0) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    this.state = (this.state + GOLDEN) >>> 0;
    return mix32(this.state);
  }
  /** Advances past n draws as if `next` had been called n times; returns the state before them (for `drawAt`). */
  skip(n: number): number {
    const before = this.state;
    this.state = (before + Math.imul(n, GOLDEN)) >>> 0;
    return before;
  }
}

const GOLDEN = 0x9e3779b9;

function mix32(state: number): number {
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return z / 2 ** 32;
}

/** The i-th draw (0-based) that `next` would give after the state `before` (as returned by `skip`). */
export function drawAt(before: number, i: number): number {
  return mix32((before + Math.imul(i + 1, GOLDEN)) >>> 0);
}

/** Gumbel noise −log(−log u) of the i-th draw after `before`, rounded to float32 (as the decoder always stored it). */
export function gumbelAt(before: number, i: number): number {
  return Math.fround(-Math.log(-Math.log(drawAt(before, i) || 1e-300)));
}

/** The draw's bits behind `drawAt` (u = bits / 2³²). */
function bitsAt(before: number, i: number): number {
  let z = (before + Math.imul(i + 1, GOLDEN)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

const BUCKET_BITS = 12;

/**
 * Per bucket of draws (the top BUCKET_BITS bits of u), a bound above the noise of every draw in it:
 * −log(−log u) increases with u, so the bucket's largest u gives it, plus a margin far above any
 * rounding. 4095 of 4096 buckets bound the noise by ≤ 8.3 (the last one by `GUMBEL_BOUND`), so a
 * token's three integer multiplications usually show that its noise cannot matter, without logs.
 */
const BUCKET_BOUND: Float64Array = (() => {
  const n = 1 << BUCKET_BITS;
  const b = new Float64Array(n);
  for (let k = 0; k < n; k++) b[k] = Math.fround(-Math.log(-Math.log(((k + 1) * 2 ** (32 - BUCKET_BITS) - 1) / 2 ** 32))) + 1e-3;
  return b;
})();

/** A bound above `gumbelAt(before, i)` from its draw's bucket (see BUCKET_BOUND). */
export function gumbelBoundAt(before: number, i: number): number {
  return BUCKET_BOUND[bitsAt(before, i) >>> (32 - BUCKET_BITS)]!;
}

/**
 * Above every `gumbelAt` value: the noise of the largest draw, 1 − 2⁻³², plus a margin far above
 * any rounding (−log(−log u) increases with u; u = 0 is read as 1e-300, far below).
 */
export const GUMBEL_BOUND = Math.fround(-Math.log(-Math.log((2 ** 32 - 1) / 2 ** 32))) + 1e-3;

export function validateSampling(o: SamplingOptions): void {
  const t = o.temperature ?? 0;
  if (!(Number.isFinite(t) && t >= 0)) throw new GramfillError("usage", `temperature must be a number ≥ 0, not ${t}`);
  if (o.topK !== undefined && !(Number.isInteger(o.topK) && o.topK >= 0)) throw new GramfillError("usage", `top-k must be an integer ≥ 0, not ${o.topK}`);
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) throw new GramfillError("usage", `top-p must be in (0, 1], not ${o.topP}`);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new GramfillError("usage", `seed must be an integer, not ${o.seed}`);
}

/**
 * The (at most) m ids allowed by `bits` with the highest finite logits, best first (ties: the lower
 * id first, as `sampleMasked` at temperature 0): one pass instead of one per refused choice.
 */
export function topIds(row: Float32Array, bits: Uint32Array, n: number, m: number): Int32Array {
  const ids = new Int32Array(m);
  let len = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const low = word & -word;
      const id = (w << 5) + (31 - Math.clz32(low));
      word ^= low;
      if (id >= n) continue;
      const x = row[id]!;
      if (!(x > -Infinity)) continue;
      if (len === m && !(x > row[ids[m - 1]!]!)) continue;
      // insertion: after every id with a logit ≥ x (those come first, or are lower ids at a tie)
      let at = len < m ? len++ : m - 1;
      while (at > 0 && row[ids[at - 1]!]! < x) {
        ids[at] = ids[at - 1]!;
        at--;
      }
      ids[at] = id;
    }
  }
  return ids.subarray(0, len);
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

/**
 * The diffusion decoder's per-position pick over one forward pass's logits rows (LLaDA's noisy
 * argmax): for masked position p, the best allowed normal token by score — logit/T + Gumbel noise
 * (T > 0), else the logit; ties to the lower id — with the top-2 gap of the allowed logits and the
 * row's log-sum-exp. The step's first pick of p scans the row and keeps the `listSize` best normal
 * tokens by score (ties by id, bans and masks aside); a re-pick after a refusal walks that list for
 * the first token still allowed, which is the scan's answer (every token outside the list scores
 * below it, or ties and has a larger id), and scans again only when it runs out.
 *
 * No per-step allocation: lists, log-sum-exps and noise live in arrays by position, stamped with
 * the step. Noise is not drawn per token: p's block of draws is skipped on the generator
 * (`Rng.skip`, the same stream as drawing them) and a token's noise is computed only when its
 * score could matter — when logit/T + `GUMBEL_BOUND`, then logit/T + its draw's bucket bound
 * (three integer multiplications, no logs), could enter the list or beat the best so far, or the
 * logit could change the gap. Same picks, noise and log-sum-exps as drawing every token's
 * noise up front (fast-check against that reference, `test/decode/sampler-rows.test.ts`).
 */
export class MaskedRowSampler {
  /** the last pick: best id (-1 if no allowed normal token), its score, the two largest allowed logits */
  best = -1;
  bestScore = -Infinity;
  top1 = -Infinity;
  top2 = -Infinity;
  /** the last pick was p's first in this step (its gap is the step's) */
  fresh = false;
  /** the last pick scanned the row (rather than reading p's list) */
  scanned = false;

  private step = 0;
  private readonly lse: Float64Array;
  private readonly lseStep: Int32Array;
  private readonly noiseBase: Float64Array;
  private readonly noiseWidth: Int32Array;
  private readonly noiseStep: Int32Array;
  private readonly lists: Int32Array;
  private readonly listLen: Int32Array;
  private readonly listStep: Int32Array;
  private readonly listScore: Float64Array;

  /**
   * @param positions positions are 0 ≤ p < positions
   * @param normal 1 for the ids that may be picked (the scan covers ids below its length and the row's)
   * @param listSize tokens kept per position for re-picks (0: every re-pick scans)
   * @param temperature Gumbel-noise temperature (0: argmax of the logits)
   */
  constructor(
    positions: number,
    private readonly normal: Uint8Array,
    private readonly listSize: number,
    private readonly temperature: number,
    private readonly rng: Rng,
  ) {
    // stamps start below every step, so a pick before the first `beginStep` is fresh too
    this.lse = new Float64Array(positions);
    this.lseStep = new Int32Array(positions).fill(-1);
    this.noiseBase = new Float64Array(positions);
    this.noiseWidth = new Int32Array(positions);
    this.noiseStep = new Int32Array(positions).fill(-1);
    this.lists = new Int32Array(positions * listSize);
    this.listLen = new Int32Array(positions);
    this.listStep = new Int32Array(positions).fill(-1);
    this.listScore = new Float64Array(listSize);
  }

  /** A new forward pass: every position's log-sum-exp, noise and list are stale. */
  beginStep(): void {
    this.step++;
  }

  /** log-sum-exp of p's row, as of p's first pick in this step. */
  logSumExp(p: number): number {
    return this.lse[p]!;
  }

  /**
   * The score `pick` gives token id at p: logit/T plus p's noise when p has noise this step and id
   * is within its width, else the logit.
   */
  score(p: number, id: number, logit: number): number {
    if (this.temperature > 0 && this.noiseStep[p] === this.step && id < this.noiseWidth[p]!) return logit / this.temperature + gumbelAt(this.noiseBase[p]!, id);
    return logit;
  }

  /** A bound at or above `score(p, id, logit)` that needs no logs (the noise's bucket bound). */
  scoreBound(p: number, id: number, logit: number): number {
    if (this.temperature > 0 && this.noiseStep[p] === this.step && id < this.noiseWidth[p]!) return logit / this.temperature + gumbelBoundAt(this.noiseBase[p]!, id);
    return logit;
  }

  /** Picks at p over `row` among the normal ids `allowed` accepts; the answer is in `best`, `bestScore`, `top1`, `top2`. */
  pick(p: number, row: Float32Array, allowed: (id: number) => boolean): number {
    const normal = this.normal;
    const W = Math.min(row.length, normal.length);
    const step = this.step;
    const fresh = this.lseStep[p] !== step;
    if (fresh) {
      this.lseStep[p] = step;
      let max = -Infinity;
      for (let i = 0; i < row.length; i++) if (row[i]! > max) max = row[i]!;
      let s = 0;
      for (let i = 0; i < row.length; i++) s += Math.exp(row[i]! - max);
      this.lse[p] = max + Math.log(s);
    }
    const T = this.temperature;
    const noisy = T > 0;
    let base = 0;
    let width = 0;
    if (noisy) {
      if (this.noiseStep[p] !== step) {
        this.noiseStep[p] = step;
        this.noiseWidth[p] = W;
        this.noiseBase[p] = this.rng.skip(W);
      }
      base = this.noiseBase[p]!;
      width = this.noiseWidth[p]!;
    }
    // a token past the noise width has no noise: NaN, as reading past the old per-token array gave
    const scoreOf = (id: number, l: number) => (!noisy ? l : id < width ? l / T + gumbelAt(base, id) : NaN);
    const K = this.listSize;
    let best = -1;
    let bestScore = -Infinity;
    let top1 = -Infinity;
    let top2 = -Infinity;
    let fromList = false;
    if (!fresh && this.listStep[p] === step) {
      const off = p * K;
      const len = this.listLen[p]!;
      for (let i = 0; i < len; i++) {
        const id = this.lists[off + i]!;
        if (!allowed(id)) continue;
        best = id;
        bestScore = scoreOf(id, row[id]!);
        fromList = true;
        break;
      }
      // the list held every scorable normal token and none is allowed: no normal token is
      if (!fromList && len < K) fromList = true;
    }
    this.scanned = !fromList;
    if (!fromList) {
      const keep = fresh && K > 0;
      const list = this.lists;
      const off = p * K;
      const listScore = this.listScore;
      let listed = 0;
      for (let id = 0; id < W; id++) {
        if (normal[id] === 0) continue;
        const l = row[id]!;
        if (!(l > -Infinity)) continue; // NaN, -∞
        let score: number;
        if (noisy) {
          // the noise is computed only when the score could matter (its bound does)
          const lt = l / T;
          if (!(keep && listed < K) && !(l > top2)) {
            // first a bound without the draw, then the draw's bucket's bound
            let bound = lt + GUMBEL_BOUND;
            if (!(keep && bound > listScore[K - 1]!) && !(bound > bestScore)) continue;
            if (id < width) {
              bound = lt + gumbelBoundAt(base, id);
              if (!(keep && bound > listScore[K - 1]!) && !(bound > bestScore)) continue;
            }
          }
          score = id < width ? lt + gumbelAt(base, id) : NaN;
        } else score = l;
        if (keep && (listed < K || score > listScore[K - 1]!)) {
          let at = listed < K ? listed++ : K - 1;
          while (at > 0 && listScore[at - 1]! < score) {
            list[off + at] = list[off + at - 1]!;
            listScore[at] = listScore[at - 1]!;
            at--;
          }
          list[off + at] = id;
          listScore[at] = score;
        }
        // the bans, deferrals and mask are asked only of a token that could change the answer
        if (!(score > bestScore) && !(l > top2)) continue;
        if (!allowed(id)) continue;
        if (l > top1) {
          top2 = top1;
          top1 = l;
        } else if (l > top2) top2 = l;
        if (score > bestScore) {
          bestScore = score;
          best = id;
        }
      }
      if (keep) {
        this.listLen[p] = listed;
        this.listStep[p] = step;
      }
    }
    this.fresh = fresh;
    this.best = best;
    this.bestScore = bestScore;
    this.top1 = top1;
    this.top2 = top2;
    return best;
  }
}
