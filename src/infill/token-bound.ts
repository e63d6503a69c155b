/**
 * A lower bound on the tokens any word of a grammar needs, for a speller's vocabulary: a canvas of
 * masked positions only, fewer than this many, has no filling by tokens at all, so the session can
 * say so without searching (schemas whose least document needs 36–134 tokens of the bundled
 * vocabulary spent a 1M-item first check, 70–370 ms, to find nothing; bench/RESULTS.md).
 *
 * Every token of a text starts inside exactly one lexeme, so the tokens are at least the sum over
 * the lexemes of `TokenSpeller.tokensStartingIn` (a bound per lexeme that holds wherever it stands).
 * Per terminal, the least of that over its members when it has at most MAX_MEMBERS members of at
 * most MAX_MEMBER_BYTES bytes (keys and other literals; found by walking derivatives), else 0;
 * ignored terminals 0. Then the cheapest derivation of the start symbol, by fixpoint.
 */
import { RULE_END } from "../grammar/normalize.js";
import type { CompiledGrammar } from "../parser/compile.js";
import type { ExprId, ExprSet } from "../regex/index.js";
import type { TokenSpeller } from "./tokens.js";

const MAX_MEMBERS = 32;
const MAX_MEMBER_BYTES = 64;
/** derivative steps one terminal's enumeration may take */
const MAX_STEPS = 20_000;

const bounds = new WeakMap<CompiledGrammar, WeakMap<TokenSpeller, number>>();

/** Tokens of `sp` that every word of `g` needs at least (cached per pair). */
export function leastTokens(g: CompiledGrammar, sp: TokenSpeller): number {
  let m = bounds.get(g);
  if (m === undefined) bounds.set(g, (m = new WeakMap()));
  let b = m.get(sp);
  if (b === undefined) {
    b = computeLeastTokens(g, sp);
    m.set(sp, b);
  }
  return b;
}

function computeLeastTokens(g: CompiledGrammar, sp: TokenSpeller): number {
  const termCost = g.patterns.map((p, t) => {
    if (g.ignoredMask[t]) return 0;
    const words = finiteMembers(g.exprs, p);
    if (words === null || words.length === 0) return 0;
    let c = Infinity;
    for (const w of words) c = Math.min(c, sp.tokensStartingIn(w));
    return c;
  });
  return cheapestDerivation(g, termCost);
}

/**
 * The least total cost of a word of g, terminals costing `termCost` each (by fixpoint over the
 * rules; Infinity for an empty language). The checker's least word length uses it with shortest
 * members' lengths, the token bound with per-lexeme token counts.
 */
export function cheapestDerivation(g: CompiledGrammar, termCost: readonly number[]): number {
  const bnf = g.bnf;
  const NT = bnf.numNonterminals;
  const ntCost = new Float64Array(NT).fill(Infinity);
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < bnf.ruleStart.length; r++) {
      let c = 0;
      for (let q = bnf.ruleStart[r]!; bnf.symbols[q] !== RULE_END; q++) {
        const sym = bnf.symbols[q]!;
        c += sym < NT ? ntCost[sym]! : termCost[sym - NT]!;
      }
      const lhs = bnf.ruleLhs[r]!;
      if (c < ntCost[lhs]!) {
        ntCost[lhs] = c;
        changed = true;
      }
    }
  }
  // nonterminal 0 is the augmented start S' → start
  return ntCost[0]!;
}

/** Every member of e when there are few short ones (see the limits above), else null. */
export function finiteMembers(x: ExprSet, e: ExprId): Uint8Array[] | null {
  return x.finiteWords(e, MAX_MEMBERS, MAX_STEPS, MAX_MEMBER_BYTES) ?? null;
}
