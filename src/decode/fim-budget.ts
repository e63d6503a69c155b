/**
 * Token budgets of fill-in-the-middle holes: a hole gets at most `budget` tokens of the model, and
 * the decoder keeps a *plan* — verified fills of the current canvas (the open hole's remainder,
 * then every later hole) that fit the tokens left. A token is kept only with a witness that fits
 * (`fits`), so when the model's choices run out the plan's next token is always there to commit
 * (`nextToken`), and a hole whose budget is spent is closed by its plan: the model's own decoding
 * ends every hole, no fallback completion is needed (the "Con.−" case).
 *
 * Fitting is judged on the witness the check returned: its fewest-token spelling (TokenSpeller) per
 * fill. That is sound (the plan is a real completion within budget) but not complete: a token whose
 * witness does not fit may have another completion that does. Such a token is refused — a choice
 * lost, never validity — as the diffusion decoder refuses what its witness cannot show.
 */
import type { Canvas, InfillResult } from "../infill/index.js";
import { onlyRepeatingWitnesses } from "../infill/distinct-keys.js";
import { compactFills } from "../infill/spacing.js";
import type { TokenSpeller } from "../infill/tokens.js";
import type { CheckStats, FimCheckOptions } from "./diffusion-canvas.js";

export class HoleBudget {
  constructor(
    private readonly speller: TokenSpeller,
    /** tokens per hole, in canvas order (`stretch` raises them) */
    private readonly budgets: number[],
  ) {}

  /**
   * Raises the budgets of hole `hole` and the ones after it to what `fills` (one per hole from
   * `hole` on) need, up to `most` tokens each; true if any was raised. A fill no token spells
   * (Infinity) or that needs more than `most` is left as it is (the hole then has no plan).
   */
  stretch(fills: readonly Uint8Array[], hole: number, most = Infinity): boolean {
    let raised = false;
    for (let k = 0; k < fills.length && hole + k < this.budgets.length; k++) {
      const need = this.need(fills[k]!);
      if (need > this.budgets[hole + k]! && need !== Infinity && need <= most) {
        this.budgets[hole + k] = need;
        raised = true;
      }
    }
    return raised;
  }

  /** Hole `hole`'s budget (0 past the last hole). */
  budgetOf(hole: number): number {
    return this.budgets[hole] ?? 0;
  }

  /**
   * Do `fills` (hole `hole` first, then the holes after it) fit: the first in `left` tokens, each
   * later one in its own budget?
   */
  fits(fills: readonly Uint8Array[], hole: number, left: number): boolean {
    for (let k = 0; k < fills.length; k++) {
      const room = k === 0 ? left : this.budgets[hole + k];
      if (room === undefined) return false;
      if (fills[k]!.length > 0 && this.speller.minTokens(fills[k]!) > room) return false;
    }
    return true;
  }

  /** Fewest tokens spelling a fill. */
  need(fill: Uint8Array): number {
    return fill.length === 0 ? 0 : this.speller.minTokens(fill);
  }

  /** The first token of the fewest-token spelling of a non-empty fill. */
  nextToken(fill: Uint8Array): number {
    // at most the fewest count: the rest of the fill then fits in one token less
    const ids = this.speller.spell(fill, this.speller.minTokens(fill), true);
    if (ids === null || ids.length === 0) throw new Error("internal: a plan's fill has no spelling");
    return ids[0]!;
  }
}

/**
 * The fills of `canvas`'s holes without the spaces that keep no two names apart (`; } }` → `;}}`,
 * `A (` → `A(`, `a b` kept; judged with the canvas text around each hole: spacing.ts, as the diffusion
 * decoder's sessions compact their candidates); `fills` itself when no space goes.
 */
function compactOf(canvas: Canvas, fills: Uint8Array[]): Uint8Array[] {
  return compactFills(canvas, fills, "names", () => true) ?? fills;
}

/** `canvas` with its holes replaced by `fills` (a canvas without holes: its check is one parse). */
function filled(canvas: Canvas, fills: readonly Uint8Array[]): Canvas {
  let k = 0;
  return canvas.map((p) => ("hole" in p ? { text: fills[k++]! } : p));
}

/** The counters a `FimPlanner` keeps (fimGenerate's stats). */
export interface PlannerStats {
  budget_refusals: number;
  stretched_holes: number;
  bounded_plans: number;
  compacted_plans: number;
  /** first plans from a later candidate of the chart in cost order (its first witness did not fit) */
  candidate_plans: number;
  fallback_used: boolean;
}

/**
 * Chart items for a hole's plan with the holes bounded to their budgets in bytes (asked only when the
 * plain witness does not fit): on the AR's C++ canvases an unbounded ask took 2.5 s and found none
 */
const BOUNDED_PLAN_ITEMS = 120_000;
/** Chart items for a hole's plan from the later candidates of the chart in cost order (asked when its first witness does not fit). */
const CANDIDATE_PLAN_ITEMS = 300_000;

/**
 * The plan of one fill-in-the-middle generation and the checks that keep it (fim.ts). `plan` is the
 * verified fills of the current canvas (the open hole's rest, then the later holes) within their
 * budgets, or null when none is known.
 */
export class FimPlanner {
  plan: Uint8Array[] | null = null;
  /** the last `keeps` answer was a proof of infeasibility */
  refuted = false;

  constructor(
    readonly budget: HoleBudget,
    /** a check that answers with a witness (`PrefixChecker.check`, or a whole-canvas check ignoring the options) */
    private readonly check: (canvas: Canvas, opts?: FimCheckOptions) => InfillResult,
    private readonly cs: CheckStats,
    private readonly stats: PlannerStats,
    /** the checker's last witness is not taken (`PrefixChecker.forget`) */
    private readonly forget: () => void,
    /** the most tokens a stretched hole may get */
    private readonly maxStretch: number,
  ) {}

  /**
   * A check that, while a plan is held, keeps the token only with a witness within budget (which
   * becomes the plan), found without a chart (re-use, carry, the quick search): what those cannot
   * verify is refused, a choice lost (the plan's own next token is always there, so no chart is
   * needed to go on). Without a plan (no witness has fitted yet: a vocabulary that cannot spell
   * the checker's fills), the full check decides feasibility as without a budget, and its first
   * witness that fits becomes the plan. `end`: the canvas closes hole `hole − 1` (`left` is then
   * hole `hole`'s budget).
   */
  keeps(canvas: Canvas, hole: number, left: number, end: boolean): boolean {
    this.refuted = false;
    const plan = this.plan;
    // the end of the hole where the plan ends it: its later fills are the witness
    if (end && plan !== null && plan[0]!.length === 0) {
      this.plan = plan.slice(1);
      return true;
    }
    const fits = (w: Uint8Array[]) => this.budget.fits(w, hole, left);
    // without a plan, the check as without a budget (its "unknown" must keep meaning what it did: a
    // budget filter on its candidates would hide that they all repeat a key)
    const r = this.check(canvas, plan !== null ? { accept: fits, search: end ? "quick" : this.searchWithPlan(left) } : {});
    this.refuted = r.status === "infeasible";
    if (this.refuted) return false;
    const usable = r.witness !== null && !onlyRepeatingWitnesses(r);
    if (usable && fits(r.witness!)) {
      this.plan = r.witness;
      return true;
    }
    if (plan === null) return r.status === "feasible" ? usable : !onlyRepeatingWitnesses(r);
    this.stats.budget_refusals++;
    this.forget();
    return false;
  }

  /**
   * With a plan, no chart; and no quick search either when the plan needs every token left (the
   * model's token must then shorten the plan's remainder, which re-use and carry see): on C++ the
   * quick search found a fitting witness for 14 of 1,279 such tokens at 2.5 ms each, against 22
   * of 140 with a token to spare (bench/RESULTS.md, session 9).
   */
  private searchWithPlan(left: number): "quick" | "none" {
    return left - this.budget.need(this.plan![0]!) >= 0 ? "quick" : "none";
  }

  /** Does the plan need every one of `left` tokens (then few of the model's tokens fit)? */
  tight(left: number): boolean {
    return this.plan !== null && left < this.budget.need(this.plan[0]!);
  }

  /** The plan of the canvas as it stands, when none is held (no check gave one yet); null when its witness does not fit. */
  ensure(canvas: Canvas, hole: number, left: number): Uint8Array[] | null {
    if (this.plan !== null) return this.plan;
    const r = this.cs.timeValue(() => this.check(canvas));
    this.plan = r.witness !== null && !onlyRepeatingWitnesses(r) && this.budget.fits(r.witness, hole, left) ? r.witness : null;
    return this.plan;
  }

  /**
   * The plan of hole h's start (`open`: the canvas with h open and unbounded; `bounded`: the same
   * with every hole from h bounded to its budget in bytes). In order, the first that fits:
   * - the check's witness from the chart in cost order (`order: "shortest"`: the fewest bytes in
   *   holes; the quick search still answers first when it finds a filling), then that witness
   *   without its spaces. The chart's first candidate in worklist order is short only in the
   *   chart's own measure: asked first, it left 6 of 120 AR C++ generations with a stretched hole,
   *   and its plans took twice the last resorts (bench/RESULTS.md, session 10);
   * - the same chart's later candidates, until one fits as is or without spaces (`candidate_plans`);
   * - a check with the holes bounded to their budgets in bytes (a fill of at most that many bytes
   *   needs no more tokens, a byte-level vocabulary spelling any byte alone);
   * - else the holes' budgets are stretched to the first witness (`stretched_holes`; the output
   *   counts as a fallback, "Con.", as the diffusion decoder's close-out past its canvas): the model
   *   still writes the hole, the plan still ends it.
   */
  start(open: Canvas, bounded: () => Canvas, h: number): void {
    const r = this.cs.timeValue(() => this.check(open, { order: "shortest" }));
    if (r.witness === null || onlyRepeatingWitnesses(r)) return;
    const b = this.budget;
    const fits = (w: Uint8Array[]) => b.fits(w, h, b.budgetOf(h));
    if (fits(r.witness)) {
      this.plan = r.witness;
      return;
    }
    if (this.compacted(open, r.witness, fits)) return;
    const s = this.cs.timeValue(() => this.check(open, { order: "shortest", maxItems: CANDIDATE_PLAN_ITEMS, accept: (w) => fits(w) || fits(compactOf(open, w)) }));
    if (s.witness !== null && !onlyRepeatingWitnesses(s) && (fits(s.witness) ? (this.plan = s.witness) : this.compacted(open, s.witness, fits))) {
      this.stats.candidate_plans++;
      return;
    }
    const q = this.cs.timeValue(() => this.check(bounded(), { maxItems: BOUNDED_PLAN_ITEMS }));
    if (q.witness !== null && !onlyRepeatingWitnesses(q) && fits(q.witness)) {
      this.stats.bounded_plans++;
      this.plan = q.witness;
      return;
    }
    if (b.stretch(r.witness, h, this.maxStretch)) {
      this.stats.stretched_holes++;
      this.stats.fallback_used = true;
    }
    // a fill no token spells (a vocabulary without some byte) stays too long: no plan
    if (fits(r.witness)) this.plan = r.witness;
  }

  /**
   * The chart's witness writes its lexemes apart (`; } } }`): without the spaces that separate no
   * names it may fit, if the parser still accepts the text (one parse). True when that became the plan.
   */
  private compacted(open: Canvas, witness: Uint8Array[], fits: (w: Uint8Array[]) => boolean): boolean {
    const compact = compactOf(open, witness);
    if (compact === witness || !fits(compact) || this.cs.timeValue(() => this.check(filled(open, compact))).status !== "feasible") return false;
    this.stats.compacted_plans++;
    this.plan = compact;
    return true;
  }

  /** A token taken from the plan (the last resort) or the plan's end of the hole: the plan moves past it. */
  advance(bytes: Uint8Array | null): void {
    const plan = this.plan!;
    this.plan = bytes === null ? plan.slice(1) : [plan[0]!.subarray(bytes.length), ...plan.slice(1)];
  }
}
