/**
 * The diffusion decoder's row sampler (`MaskedRowSampler`): lazily computed Gumbel noise, lists and
 * log-sum-exps in arrays by position. Oracle: the decoder's pick as it was before (`ReferencePicker`
 * below, copied from diffusion.ts at c6a7755: every token's noise drawn up front into a fresh
 * array per position and step, a fresh list per scan), on random rows (ties, NaN, −∞, large
 * spreads), normal masks, bans changing between re-picks, temperatures, seeds and list sizes: same
 * picks, scores, gaps and log-sum-exps, and the generator left in the same state.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GUMBEL_BOUND, MaskedRowSampler, Rng, drawAt, gumbelAt, gumbelBoundAt } from "../../src/decode/sampler.js";

/** The generator as it was (one mixing step per draw), to check the counter-based one's stream. */
class OldRng {
  private state: number;
  constructor(seed = 0) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }
  next(): number {
    let z = (this.state = (this.state + 0x9e3779b9) >>> 0);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 2 ** 32;
  }
}

/** diffusion.ts's pick before the row sampler (its row part: no EOS, no confidence). */
class ReferencePicker {
  lse = new Map<number, number>();
  noise = new Map<number, Float32Array>();
  topOf = new Map<number, Int32Array>();
  lseStep = new Map<number, number>();
  step = 0;
  constructor(
    private normal: Uint8Array,
    private K: number,
    private T: number,
    private rng: OldRng,
  ) {}
  beginStep(): void {
    this.step++;
    this.noise.clear();
    this.topOf.clear();
  }
  pick(p: number, row: Float32Array, allowed: (id: number) => boolean) {
    const W = Math.min(row.length, this.normal.length);
    const fresh = this.lseStep.get(p) !== this.step;
    if (fresh) {
      this.lseStep.set(p, this.step);
      let max = -Infinity;
      for (let i = 0; i < row.length; i++) if (row[i]! > max) max = row[i]!;
      let s = 0;
      for (let i = 0; i < row.length; i++) s += Math.exp(row[i]! - max);
      this.lse.set(p, max + Math.log(s));
    }
    const T = this.T;
    let noise: Float32Array | undefined;
    if (T > 0) {
      noise = this.noise.get(p);
      if (!noise) {
        noise = new Float32Array(W);
        for (let i = 0; i < W; i++) noise[i] = -Math.log(-Math.log(this.rng.next() || 1e-300));
        this.noise.set(p, noise);
      }
    }
    let best = -1;
    let bestScore = -Infinity;
    const K = this.K;
    const top = fresh ? undefined : this.topOf.get(p);
    let fromList = false;
    let top1 = -Infinity;
    let top2 = -Infinity;
    if (top !== undefined) {
      for (let i = 0; i < top.length; i++) {
        const id = top[i]!;
        if (!allowed(id)) continue;
        best = id;
        bestScore = noise ? row[id]! / T + noise[id]! : row[id]!;
        fromList = true;
        break;
      }
      if (!fromList && top.length < K) fromList = true;
    }
    if (!fromList) {
      const list = new Int32Array(K);
      const listScore = new Float64Array(K);
      let listed = 0;
      for (let id = 0; id < W; id++) {
        if (this.normal[id] === 0) continue;
        const l = row[id]!;
        if (!(l > -Infinity)) continue;
        const score = noise ? l / T + noise[id]! : l;
        if (fresh && K > 0 && (listed < K || score > listScore[K - 1]!)) {
          let at = listed < K ? listed++ : K - 1;
          while (at > 0 && listScore[at - 1]! < score) {
            list[at] = list[at - 1]!;
            listScore[at] = listScore[at - 1]!;
            at--;
          }
          list[at] = id;
          listScore[at] = score;
        }
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
      if (fresh && K > 0) this.topOf.set(p, list.subarray(0, listed));
    }
    return { best, bestScore, top1, top2, fresh, scanned: !fromList, lse: this.lse.get(p)!, noiseOfBest: noise && best >= 0 ? noise[best]! : undefined };
  }
}

/** A logits row: values on a coarse grid (ties), spread by `scale`, with a few NaN / −∞ / +∞. */
const rowArb = (width: number) =>
  fc.tuple(fc.array(fc.integer({ min: -40, max: 40 }), { minLength: width, maxLength: width }), fc.constantFrom(0.05, 0.5, 3), fc.array(fc.tuple(fc.nat(width - 1), fc.constantFrom(NaN, -Infinity, Infinity)), { maxLength: 3 })).map(([xs, scale, odd]) => {
    const r = Float32Array.from(xs, (x) => x * scale);
    for (const [i, v] of odd) if (v !== Infinity || odd.length === 1) r[i] = v;
    return r;
  });

describe("MaskedRowSampler", () => {
  it("the counter-based generator gives the old stream; skip and drawAt read it back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(50), fc.nat(50), (seed, a, b) => {
        const o = new OldRng(seed);
        const n = new Rng(seed);
        for (let i = 0; i < a; i++) expect(n.next()).toBe(o.next());
        const before = n.skip(b);
        for (let i = 0; i < b; i++) expect(drawAt(before, i)).toBe(o.next());
        expect(n.next()).toBe(o.next());
      }),
    );
  });

  it("a pick before the first beginStep is a fresh one (its own log-sum-exp and noise)", () => {
    const row = Float32Array.of(0, 3, 1, 2);
    const smp = new MaskedRowSampler(2, new Uint8Array(4).fill(1), 2, 0.5, new Rng(3));
    expect(smp.pick(1, row, () => true)).toBeGreaterThanOrEqual(0);
    expect(smp.fresh).toBe(true);
    expect(smp.logSumExp(1)).toBeCloseTo(Math.log(1 + Math.exp(3) + Math.exp(1) + Math.exp(2)), 12);
    expect(smp.score(1, 1, 3)).not.toBe(3); // noisy: p has noise this step
  });

  it("every Gumbel value is below GUMBEL_BOUND and its bucket's bound, the largest draw's included", () => {
    // the state whose next draw is the largest, 1 − 2⁻³², found by the mixer's inverse would do; a
    // direct bound check over many draws and the extreme u both
    expect(Math.fround(-Math.log(-Math.log((2 ** 32 - 1) / 2 ** 32)))).toBeLessThan(GUMBEL_BOUND);
    expect(Math.fround(-Math.log(-Math.log(1e-300)))).toBeLessThan(GUMBEL_BOUND);
    let max = -Infinity;
    let broken = 0;
    let tight = 0;
    for (let i = 0; i < 200_000; i++) {
      const g = gumbelAt(12345, i);
      const b = gumbelBoundAt(12345, i);
      max = Math.max(max, g);
      // the bucket bound holds, and is tight enough to matter (within 0.05 for most draws)
      if (!(b >= g && b <= GUMBEL_BOUND)) broken++;
      if (b - g < 0.05) tight++;
    }
    expect(max).toBeLessThan(GUMBEL_BOUND);
    expect(broken).toBe(0);
    expect(tight).toBeGreaterThan(150_000);
  });

  it("same picks, scores, gaps, log-sum-exps and generator state as drawing every token's noise", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }).chain((width) =>
          fc.record({
            width: fc.constant(width),
            normalWidth: fc.integer({ min: Math.max(1, width - 4), max: width + 4 }),
            abnormal: fc.array(fc.nat(width + 3), { maxLength: 6 }),
            rows: fc.array(rowArb(width), { minLength: 1, maxLength: 4 }),
            steps: fc.array(fc.array(fc.tuple(fc.nat(3), fc.array(fc.nat(width - 1), { maxLength: 6 })), { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }),
          }),
        ),
        fc.constantFrom(0, 0, 0.2, 1, 1e-3),
        fc.constantFrom(0, 1, 2, 4, 32),
        fc.integer({ min: 0, max: 1e6 }),
        (c, T, K, seed) => {
          const normal = new Uint8Array(c.normalWidth).fill(1);
          for (const a of c.abnormal) if (a < normal.length) normal[a] = 0;
          const ref = new ReferencePicker(normal, K, T, new OldRng(seed));
          const rng = new Rng(seed);
          const smp = new MaskedRowSampler(4, normal, K, T, rng);
          for (const picks of c.steps) {
            ref.beginStep();
            smp.beginStep();
            const bans = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()];
            for (const [p, banNow] of picks) {
              const row = c.rows[p % c.rows.length]!;
              const allowed = (id: number) => !bans[p]!.has(id);
              const want = ref.pick(p, row, allowed);
              const got = smp.pick(p, row, allowed);
              expect(got).toBe(want.best);
              expect({ best: smp.best, bestScore: smp.bestScore, top1: smp.top1, top2: smp.top2, fresh: smp.fresh, scanned: smp.scanned, lse: smp.logSumExp(p) }).toEqual({
                best: want.best,
                bestScore: want.bestScore,
                top1: want.top1,
                top2: want.top2,
                fresh: want.fresh,
                scanned: want.scanned,
                lse: want.lse,
              });
              if (want.best >= 0) expect(smp.score(p, want.best, row[want.best]!)).toBe(T > 0 ? row[want.best]! / T + want.noiseOfBest! : row[want.best]!);
              // the decoder bans the refused pick, and sometimes more
              if (want.best >= 0) bans[p]!.add(want.best);
              for (const b of banNow) bans[p]!.add(b);
            }
          }
          // both generators have drawn the same number of values
          expect(rng.next()).toBe((ref as unknown as { rng: OldRng }).rng.next());
        },
      ),
      { numRuns: 400 },
    );
  });
});
