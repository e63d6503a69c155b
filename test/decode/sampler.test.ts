import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, sampleMasked } from "../../src/decode/sampler.js";

const maskOf = (size: number, ids: number[]) => {
  const m = new Uint32Array((size + 31) >>> 5);
  for (const i of ids) m[i >>> 5]! |= 1 << (i & 31);
  return m;
};

describe("sampleMasked", () => {
  const logits = Float32Array.from([1, 5, 3, 9, 2, 8, 0, 7]);

  it("greedy picks the best allowed token", () => {
    expect(sampleMasked(logits, maskOf(8, [0, 1, 2, 4]), 8, {}, new Rng(1))).toBe(1);
    expect(sampleMasked(logits, maskOf(8, [0, 1, 2, 3, 4, 5, 6, 7]), 8, { temperature: 0 }, new Rng(1))).toBe(3);
  });

  it("never picks ids at or beyond the mask size or the logits width", () => {
    // mask narrower than the logits: id 3 (the best) is outside the vocabulary
    expect(sampleMasked(logits, maskOf(32, [1, 3, 5]), 3, {}, new Rng(1))).toBe(1);
    expect(sampleMasked(logits.subarray(0, 4), maskOf(8, [1, 5, 7]), 8, {}, new Rng(1))).toBe(1);
  });

  it("empty mask → -1; all allowed logits -∞ → the lowest allowed id", () => {
    expect(sampleMasked(logits, maskOf(8, []), 8, {}, new Rng(1))).toBe(-1);
    const inf = Float32Array.from([-Infinity, -Infinity, NaN, 1]);
    expect(sampleMasked(inf, maskOf(4, [1, 2]), 4, { temperature: 1 }, new Rng(1))).toBe(1);
  });

  it("top-k 1 and a tiny top-p are greedy", () => {
    const m = maskOf(8, [0, 2, 4, 5, 6]);
    for (let s = 0; s < 20; s++) {
      expect(sampleMasked(logits, m, 8, { temperature: 1.5, topK: 1, seed: s }, new Rng(s))).toBe(5);
      expect(sampleMasked(logits, m, 8, { temperature: 1.5, topP: 0.01 }, new Rng(s))).toBe(5);
    }
  });

  it("top-k restricts to the k best allowed tokens", () => {
    const m = maskOf(8, [0, 1, 2, 5, 7]);
    const seen = new Set<number>();
    const rng = new Rng(3);
    for (let s = 0; s < 300; s++) seen.add(sampleMasked(logits, m, 8, { temperature: 5, topK: 2 }, rng));
    expect([...seen].sort()).toEqual([5, 7]);
  });

  it("property: sampled ids are always allowed; the same seed gives the same choices", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -20, max: 20 }), { minLength: 1, maxLength: 70 }),
        fc.array(fc.boolean(), { minLength: 70, maxLength: 70 }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.integer({ min: 0, max: 10 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer(),
        (ls, allow, temperature, topK, topP, seed) => {
          const l = Float32Array.from(ls);
          const ids = allow.map((a, i) => (a ? i : -1)).filter((i) => i >= 0);
          const m = maskOf(70, ids);
          const a = sampleMasked(l, m, 70, { temperature, topK, topP }, new Rng(seed));
          const b = sampleMasked(l, m, 70, { temperature, topK, topP }, new Rng(seed));
          expect(a).toBe(b);
          const inRange = ids.filter((i) => i < l.length);
          if (inRange.length === 0) expect(a).toBe(-1);
          else expect(inRange).toContain(a);
        },
      ),
    );
  });

  it("Rng is deterministic per seed and in [0, 1)", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(xs).not.toEqual(Array.from({ length: 100 }, () => c.next()));
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
