/**
 * A lower bound on the tokens any word of a grammar needs, for a speller's vocabulary: a canvas of
 * masked positions only, fewer than this many, has no filling by tokens at all, so the session can
 * say so without searching (schemas whose least document needs 36–134 tokens of the bundled
 * vocabulary spent a 1M-item first check, 70–370 ms, to find nothing; bench/RESULTS.md).
 *
 * Every token of a text starts inside exactly one lexeme, so the tokens are at least the sum over
 * the lexemes of `TokenSpeller.tokensStartingIn` (a bound per lexeme that holds wherever it stands).
 * Per terminal, the least of that over its members: listed when it has at most MAX_MEMBERS members
 * of at most MAX_MEMBER_BYTES bytes (keys and other literals), else by a cheapest-path search over
 * the derivatives of a superset without intersections (`ExprSet.relaxed`: the `time` format's own
 * derivatives run into thousands) and the tokens (`TokenSpeller.fewestTokensStartingIn`, within
 * SEARCH_STATES states); ignored terminals 0. Then the cheapest derivation of the start symbol, by
 * fixpoint. Formats are what this is for: a date or a time costs several tokens of a vocabulary
 * without multi-digit tokens, and a schema of three of them cannot fit 32 positions.
 */
import { RULE_END } from "../grammar/normalize.js";
import { isGramfillError } from "../util/errors.js";
import type { CompiledGrammar } from "../parser/compile.js";
import type { ExprId, ExprSet } from "../regex/index.js";
import type { ByteAutomaton, TokenSpeller } from "./tokens.js";

const MAX_MEMBERS = 32;
const MAX_MEMBER_BYTES = 64;
/** derivative steps one terminal's enumeration may take */
const MAX_STEPS = 20_000;
/** states one terminal's token search may find (the `time` format needs ~20k of the bundled vocabulary's) */
const SEARCH_STATES = 20_000;

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
    if (words === null) return searchedCost(g.exprs, p, sp);
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

/** searched bounds by the structural key of the language searched (the same string and format terminals recur across a schema's grammar and across schemas) */
const searched = new WeakMap<TokenSpeller, Map<string, number>>();
const SEARCHED_CAP = 4096;

/** The token search's bound for e, over `searchable(e)`. */
function searchedCost(x: ExprSet, e: ExprId, sp: TokenSpeller): number {
  const r = searchable(x, e, { ands: MAX_SPLIT_ANDS });
  let m = searched.get(sp);
  if (m === undefined) searched.set(sp, (m = new Map()));
  const key = x.structuralKey([r]);
  let c = m.get(key);
  if (c === undefined) {
    try {
      c = sp.fewestTokensStartingIn(derivativeAutomaton(x, r), SEARCH_STATES);
    } catch (err) {
      // a derivative past the set's limits (its deadline, its size): 0 is a bound too
      if (!isGramfillError(err)) throw err;
      c = 0;
    }
    if (m.size >= SEARCHED_CAP) m.clear();
    m.set(key, c);
  }
  return c;
}

/** intersections `searchable` may build while it distributes one terminal */
const MAX_SPLIT_ANDS = 256;

/**
 * A superset of e whose derivatives stay few: `ExprSet.relaxed`, except that intersections at the
 * top (through unions) are kept, over their relaxed kids, and distributed over a union kid first.
 * A schema's string terminal with a format is "any string" ∩ ((any value ∩ ¬any string) ∪ (any
 * string ∩ "the format")): distributing finds the first part empty (x ∩ ¬x), and the second keeps
 * the format, which relaxing either kid alone would lose.
 */
function searchable(x: ExprSet, e: ExprId, budget: { ands: number }): ExprId {
  const alts = x.asOr(e);
  if (alts !== null) return x.or(alts.map((a) => searchable(x, a, budget)));
  const kids = x.asAnd(e);
  if (kids === null) return x.relaxed(e);
  const split = kids.findIndex((k) => x.asOr(k) !== null);
  if (split >= 0 && budget.ands > 0) {
    const rest = kids.filter((_, i) => i !== split);
    const parts: ExprId[] = [];
    for (const a of x.asOr(kids[split]!)!) {
      budget.ands--;
      parts.push(searchable(x, x.and([...rest, a]), budget));
    }
    return x.or(parts);
  }
  return x.and(kids.filter((k) => x.asNot(k) === null).map((k) => x.relaxed(k)));
}

/** e's derivatives as an automaton (states whose language is empty but not EMPTY only cost the search time). */
export function derivativeAutomaton(x: ExprSet, e: ExprId): ByteAutomaton {
  return {
    start: e,
    next: (q, b) => {
      const d = x.derivative(q, b);
      return d === x.EMPTY ? -1 : d;
    },
    accepting: (q) => x.nullable(q),
  };
}
