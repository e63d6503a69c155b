/**
 * CheckStats: the counts over a latency a benchmark pools over generations agree with the quantiles
 * of the same checks (a p99 ≤ x exactly when at most n − ⌈0.99 n⌉ checks took over x).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckStats } from "../../src/decode/diffusion-canvas.js";

/** A CheckStats whose checks took `times` (recorded as they are timed: the clock is stubbed). */
function statsOf(times: number[]): CheckStats {
  const cs = new CheckStats();
  const now = performance.now;
  try {
    for (const t of times) {
      let first = true;
      performance.now = () => (first ? ((first = false), 0) : t);
      cs.time(() => true);
    }
  } finally {
    performance.now = now;
  }
  return cs;
}

describe("CheckStats.countOver", () => {
  it("counts the checks over a latency, in agreement with the quantiles (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 50, noNaN: true }), fc.constantFrom(0.5, 0.99), (times, x, q) => {
        const cs = statsOf(times);
        expect(cs.countOver(x)).toBe(times.filter((t) => t > x).length);
        const n = times.length;
        expect(cs.quantile(q) <= x).toBe(cs.countOver(x) <= n - Math.ceil(q * n));
      }),
    );
  });

  it("an example: 3 of 200 checks over 5 ms is a p99 over 5 ms, 2 of 200 is not", () => {
    const fast = new Array<number>(197).fill(0.1);
    expect(statsOf([...fast, 6, 7, 8]).quantile(0.99)).toBeGreaterThan(5);
    expect(statsOf([...fast, 6, 7, 8]).countOver(5)).toBe(3);
    expect(statsOf([...fast, 0.1, 7, 8]).quantile(0.99)).toBeLessThanOrEqual(5);
  });
});
