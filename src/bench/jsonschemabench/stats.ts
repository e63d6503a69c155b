/**
 * Statistics for JSONSchemaBench: percentiles and bootstrap intervals for proportions.
 *
 * The paper bootstraps each metric 100 times. For a proportion k/n the bootstrap distribution of
 * the resampled proportion is exactly Binomial(n, k/n)/n, so instead of drawing resamples we take
 * its quantiles from the binomial CDF: the bootstrap with infinitely many resamples, deterministic
 * and exact (no seed, no Monte Carlo noise in a CI gate).
 */

export interface Interval {
  lo: number;
  hi: number;
}

/** Quantiles (nearest rank) of `values`; 0 for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const v = Float64Array.from(values).sort();
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))]!;
}

export function p50p90(values: readonly number[]): { p50: number; p90: number } {
  return { p50: round2(percentile(values, 0.5)), p90: round2(percentile(values, 0.9)) };
}

/**
 * The central `level` bootstrap interval of the proportion k/n: the (1−level)/2 and (1+level)/2
 * quantiles of Binomial(n, k/n), divided by n. Contains k/n (the binomial median is ⌊np⌋ or ⌈np⌉).
 */
export function bootstrapProportion(k: number, n: number, level = 0.95): Interval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0 || k < 0 || k > n) throw new RangeError(`bootstrapProportion: need integers 0 ≤ k ≤ n, got ${k}/${n}`);
  if (n === 0) return { lo: 0, hi: 0 };
  if (k === 0 || k === n) return { lo: k / n, hi: k / n };
  const p = k / n;
  const tail = (1 - level) / 2;
  // pmf by the log-gamma-free recurrence pmf(i+1) = pmf(i)·(n−i)/(i+1)·p/(1−p), started at the mode
  // in log space so that large n neither underflows nor overflows
  const logPmf = new Float64Array(n + 1);
  const lp = Math.log(p);
  const lq = Math.log(1 - p);
  logPmf[0] = n * lq;
  for (let i = 0; i < n; i++) logPmf[i + 1] = logPmf[i]! + Math.log((n - i) / (i + 1)) + lp - lq;
  let max = -Infinity;
  for (let i = 0; i <= n; i++) if (logPmf[i]! > max) max = logPmf[i]!;
  let total = 0;
  const pmf = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) total += pmf[i] = Math.exp(logPmf[i]! - max);
  let cdf = 0;
  let lo = -1;
  let hi = n;
  for (let i = 0; i <= n; i++) {
    cdf += pmf[i]! / total;
    if (lo < 0 && cdf >= tail) lo = i;
    if (cdf >= 1 - tail - 1e-12) {
      hi = i;
      break;
    }
  }
  return { lo: lo / n, hi: hi / n };
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
