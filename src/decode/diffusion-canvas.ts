/**
 * Shared pieces of the infilling decoders (diffusion and fill-in-the-middle): the feasibility
 * checker behind a small adapter, input parts, check-time statistics.
 *
 * The adapter is where the incremental checker plugs in: today each call runs
 * `InfillChecker.check` on the whole canvas (nothing reused between calls).
 */
import { InfillChecker, type Canvas, type InfillOptions, type InfillResult } from "../infill/index.js";
import { onlyRepeatingWitnesses } from "../infill/distinct-keys.js";
import type { CompiledGrammar } from "../parser/compile.js";
import type { Vocabulary } from "../vocab/vocabulary.js";

/** A piece of the text to complete: known text, or a hole the decoder fills. */
export type InfillPart = { text: string } | { hole: true };

/** What the decoders ask of a checker. */
export interface FeasibilityChecker {
  /**
   * false when no filling of the canvas' holes is a word of the language (a proof), or, on grammars
   * whose objects write each key once, when the search found only fillings that repeat a key
   */
  feasible(canvas: Canvas): boolean;
  /** a verified filling (one byte string per hole), or null when none was found */
  witness(canvas: Canvas): Uint8Array[] | null;
  /** both in one answer (fill-in-the-middle's token budgets need the witness of every check); `opts` may be ignored */
  check?(canvas: Canvas, opts?: FimCheckOptions): InfillResult;
}

/** What fill-in-the-middle's token budget asks of a check (`PrefixChecker.check`). */
export interface FimCheckOptions {
  /** a witness must pass this (its fills fit the tokens left) */
  accept?: (fills: Uint8Array[]) => boolean;
  /**
   * after re-use and carry: "chart" the full check (default), "quick" the quick witness search only,
   * "none" nothing — "unknown" when what runs finds no witness
   */
  search?: "chart" | "quick" | "none";
  /** chart items the search may use (default: the checker's) */
  maxItems?: number;
  /** the chart's witness: its first candidate (default) or the one with the fewest hole bytes (`InfillOptions.witnessOrder`) */
  order?: "first" | "shortest";
}

/** `InfillChecker` (whole-canvas checks) as a `FeasibilityChecker`. */
export function wholeCanvasChecker(compiled: CompiledGrammar, opts: InfillOptions = {}): FeasibilityChecker {
  return wholeCanvasAdapter(new InfillChecker(compiled, opts));
}

/**
 * A checker's whole-canvas checks as a `FeasibilityChecker`: "unknown" passes (never a false dead
 * end), except one whose candidates all wrote a key twice in one object (distinct-keys.ts).
 */
export function wholeCanvasAdapter(c: InfillChecker): FeasibilityChecker {
  return {
    feasible: (canvas) => {
      const r = c.check(canvas);
      return r.status !== "infeasible" && !onlyRepeatingWitnesses(r);
    },
    witness: (canvas) => c.witness(canvas),
    check: (canvas) => c.check(canvas),
  };
}

/** The longest normal token of the vocabulary in bytes (the most bytes one masked position can hold). */
export function maxTokenBytesOf(vocab: Vocabulary): number {
  let m = 1;
  for (let id = 0; id < vocab.size; id++) if (vocab.isNormal(id)) m = Math.max(m, vocab.tokenLength(id));
  return m;
}

/**
 * Check timings and counts, kept the same way by both decoders. `check_ms_p50`/`p99` are over all
 * checks of one generation.
 */
export class CheckStats {
  checks = 0;
  rejections = 0;
  ms = 0;
  private times: number[] = [];

  /** Runs one check and records it; a false answer counts as a rejection. */
  run(checker: FeasibilityChecker, canvas: Canvas): boolean {
    return this.time(() => checker.feasible(canvas));
  }

  /** Times one check answered by `f` (true = feasible) and records it. */
  time(f: () => boolean): boolean {
    const t0 = performance.now();
    const ok = f();
    const dt = performance.now() - t0;
    this.times.push(dt);
    this.ms += dt;
    this.checks++;
    if (!ok) this.rejections++;
    return ok;
  }

  /** Runs `f` inside the constraint time without counting a check (session look-ups). */
  timeValue<T>(f: () => T): T {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      this.ms += performance.now() - t0;
    }
  }

  /**
   * Checks that took more than `ms` milliseconds: with the count of checks, what a benchmark pools
   * over generations to bound the latency quantiles of all its checks (p99 ≤ 5 ms: at most 1 % over 5)
   */
  countOver(ms: number): number {
    let n = 0;
    for (const t of this.times) if (t > ms) n++;
    return n;
  }

  /** The `q` quantile (0..1) of the check times in ms (0 with no checks). */
  quantile(q: number): number {
    if (this.times.length === 0) return 0;
    const s = Float64Array.from(this.times).sort();
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  }
}

/** Splits `input` at every `marker`; adjacent markers and empty texts between them vanish. */
export function splitHoles(input: string, marker: string): InfillPart[] {
  if (marker === "") throw new RangeError("the hole marker is empty");
  const parts: InfillPart[] = [];
  const pieces = input.split(marker);
  pieces.forEach((t, i) => {
    if (i > 0 && !(parts.length > 0 && "hole" in parts[parts.length - 1]!)) parts.push({ hole: true });
    if (t !== "") parts.push({ text: t });
  });
  return parts;
}

/** Rounds to 0.01 (for stats printed as JSON). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
