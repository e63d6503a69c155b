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
  return cheapestDerivation(
    g,
    g.patterns.map((_, t) => terminalCost(g, sp, t)),
  );
}

/** Terminal t's bound: tokens of `sp` starting inside any member of its language, at least. */
function terminalCost(g: CompiledGrammar, sp: TokenSpeller, t: number): number {
  if (g.ignoredMask[t]) return 0;
  const p = g.patterns[t]!;
  const words = finiteMembers(g.exprs, p);
  if (words === null) return searchedCost(g.exprs, p, sp);
  let c = Infinity;
  for (const w of words) c = Math.min(c, sp.tokensStartingIn(w));
  return c;
}

/** `needsMoreTokens`' terminal costs so far: exact where `exact` says so, else 0 (a bound too) */
const partial = new WeakMap<CompiledGrammar, WeakMap<TokenSpeller, { cost: Float64Array; exact: Uint8Array }>>();

/**
 * `leastTokens(g, sp) > n`, computing only the terminal costs the answer needs (same answer). A
 * session asks only this (are there fewer positions than every word needs?), and a grammar's
 * terminals are many (every key of a schema, strings of every format) while the words that decide
 * are few: the terminals not yet costed count 0 (a lower bound), the cheapest derivation under
 * these costs is found, and its first terminal not yet costed gets its real cost, until the cheapest derivation
 * costs more than n (then every word does: its costs are lower bounds) or uses only costed
 * terminals (then its cost is the least, cached as `leastTokens`' value). Costs stay cached per
 * pair across calls.
 */
export function needsMoreTokens(g: CompiledGrammar, sp: TokenSpeller, n: number): boolean {
  const known = bounds.get(g)?.get(sp);
  if (known !== undefined) return known > n;
  let pm = partial.get(g);
  if (pm === undefined) partial.set(g, (pm = new WeakMap()));
  let st = pm.get(sp);
  if (st === undefined) pm.set(sp, (st = { cost: new Float64Array(g.patterns.length), exact: new Uint8Array(g.patterns.length) }));
  const { cost, exact } = st;
  const settle = (least: number): number => {
    let m = bounds.get(g);
    if (m === undefined) bounds.set(g, (m = new WeakMap()));
    m.set(sp, least);
    pm.delete(sp);
    return least;
  };
  for (let rounds = 0; ; rounds++) {
    const d = rounds < MAX_LAZY_ROUNDS ? cheapestDerivationTerminals(g, cost) : null;
    if (d === null) {
      // past the rounds (each a fixpoint over every rule: a large grammar would pay it per
      // terminal), or a cycle among the chosen rules (not expected: costs are non-negative and only
      // strictly better rules are chosen): every terminal costed, then the least, as leastTokens
      for (let t = 0; t < cost.length; t++) if (!exact[t]) cost[t] = terminalCost(g, sp, t);
      return settle(cheapestDerivation(g, cost)) > n;
    }
    if (d.cost > n) return true;
    // one terminal at a time, the first not yet costed (its cost may already lift this derivation,
    // and every other that holds it, above n: the rest of them are then never costed)
    const t = d.terminals.find((x) => !exact[x]);
    if (t === undefined) return settle(d.cost) > n; // every terminal of the cheapest derivation costed: the least over all words
    cost[t] = terminalCost(g, sp, t);
    exact[t] = 1;
  }
}

/** `needsMoreTokens`' rounds before it costs every terminal at once */
const MAX_LAZY_ROUNDS = 64;

/**
 * The least total cost of a word of g, terminals costing `termCost` each (by fixpoint over the
 * rules; Infinity for an empty language). The checker's least word length uses it with shortest
 * members' lengths, the token bound with per-lexeme token counts.
 */
export function cheapestDerivation(g: CompiledGrammar, termCost: ArrayLike<number>): number {
  return cheapestCosts(g, termCost, null)[0]!;
}

/** Per nonterminal its least cost (by fixpoint); `chosen` (if given) gets per nonterminal the rule that last lowered it. */
function cheapestCosts(g: CompiledGrammar, termCost: ArrayLike<number>, chosen: Int32Array | null): Float64Array {
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
        if (chosen !== null) chosen[lhs] = r;
        changed = true;
      }
    }
  }
  // nonterminal 0 is the augmented start S' → start
  return ntCost;
}

/**
 * The cheapest derivation's cost and the terminals it uses (the chosen rules from the start
 * symbol; at the fixpoint each chosen rule costs its nonterminal's least, so the derivation costs
 * the start's); null when the chosen rules form a cycle.
 */
function cheapestDerivationTerminals(g: CompiledGrammar, termCost: ArrayLike<number>): { cost: number; terminals: number[] } | null {
  const bnf = g.bnf;
  const NT = bnf.numNonterminals;
  const chosen = new Int32Array(NT).fill(-1);
  const ntCost = cheapestCosts(g, termCost, chosen);
  if (ntCost[0] === Infinity) return { cost: Infinity, terminals: [] };
  // depth first over the chosen rules, left to right (an explicit stack: no recursion limit);
  // mark 1 on the path, 2 done; a nonterminal met again on the path is a cycle
  const mark = new Uint8Array(NT);
  const seenT = new Uint8Array(g.patterns.length);
  const terminals: number[] = [];
  const stackNt: number[] = [0];
  const stackAt: number[] = [bnf.ruleStart[chosen[0]!]!];
  mark[0] = 1;
  while (stackNt.length > 0) {
    const top = stackNt.length - 1;
    const q = stackAt[top]!;
    const sym = bnf.symbols[q]!;
    if (sym === RULE_END) {
      mark[stackNt[top]!] = 2;
      stackNt.pop();
      stackAt.pop();
      continue;
    }
    stackAt[top] = q + 1;
    if (sym >= NT) {
      if (!seenT[sym - NT]) {
        seenT[sym - NT] = 1;
        terminals.push(sym - NT);
      }
    } else if (mark[sym] === 1) return null;
    else if (mark[sym] === 0) {
      mark[sym] = 1;
      stackNt.push(sym);
      stackAt.push(bnf.ruleStart[chosen[sym]!]!);
    }
  }
  return { cost: ntCost[0]!, terminals };
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
