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
import type { TokenSpeller } from "../infill/tokens.js";

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

  budgetOf(hole: number): number {
    return this.budgets[hole]!;
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
