/**
 * A short completion read off the Earley chart, for closing out an output cut off by a token limit.
 *
 * Every symbol has a least byte length (a terminal: its shortest member; a nonterminal: its
 * cheapest rule, by fixpoint). An item (A → α • β, j) finishes with β's least length plus the cheapest
 * way to finish some item of set j that waits on A — a recursion down the chart to `S' → start •`.
 * The cheapest item of the current set (after completing the pending lexeme) gives the completion:
 * the shortest words of its remaining symbols, then its parent's, and so on.
 *
 * Concatenated shortest lexemes may lex differently under greedy lexing (two adjacent numbers
 * merge), so the result is checked with the parser and `undefined` is returned when it fails;
 * callers then fall back to a search. When it succeeds it is minimal in the byte-length model
 * above (exact shortest completion whenever greedy lexing does not interfere).
 */
import type { ExprSet, ExprId } from "../regex/index.js";
import { RULE_END } from "../grammar/normalize.js";
import type { CompiledGrammar } from "./compile.js";
import type { Parser } from "./parser.js";

interface Costs {
  /** least bytes of each terminal, and one shortest word */
  termLen: Float64Array;
  termWord: Uint8Array[];
  /** least bytes of each nonterminal, and the rule achieving it (-1: none finite) */
  ntLen: Float64Array;
  ntRule: Int32Array;
  /** least bytes of the rest of a rule from each dot */
  suffix: Float64Array;
}

const costsCache = new WeakMap<CompiledGrammar, Costs>();

function costsOf(g: CompiledGrammar): Costs {
  let c = costsCache.get(g);
  if (c) return c;
  const b = g.bnf;
  const termWord = g.patterns.map((p) => g.exprs.shortestMember(p) ?? new Uint8Array(0));
  const termLen = Float64Array.from(termWord, (w, t) => (g.exprs.isEmpty(g.patterns[t]!) ? Infinity : w.length));
  const ntLen = new Float64Array(b.numNonterminals).fill(Infinity);
  const ntRule = new Int32Array(b.numNonterminals).fill(-1);
  const symLen = (s: number) => (s < b.numNonterminals ? ntLen[s]! : termLen[s - b.numNonterminals]!);
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < b.ruleStart.length; r++) {
      let len = 0;
      for (let p = b.ruleStart[r]!; b.symbols[p] !== RULE_END; p++) len += symLen(b.symbols[p]!);
      const lhs = b.ruleLhs[r]!;
      if (len < ntLen[lhs]!) {
        ntLen[lhs] = len;
        ntRule[lhs] = r;
        changed = true;
      }
    }
  }
  const suffix = new Float64Array(b.symbols.length);
  for (let p = b.symbols.length - 1; p >= 0; p--) {
    const s = b.symbols[p]!;
    suffix[p] = s === RULE_END ? 0 : symLen(s) + suffix[p + 1]!;
  }
  c = { termLen, termWord, ntLen, ntRule, suffix };
  costsCache.set(g, c);
  return c;
}

/** An item of the chart: its dot and origin. */
interface Item {
  dot: number;
  origin: number;
}

/**
 * The close-out of `p`'s input (bytes that make it a word), or undefined. `p` is left as it was: the
 * plan is verified on `p` itself and rolled back (a parser's state after a rollback is the state it
 * had, `Parser.rollback`), not on a clone — a clone allocates a new Earley core and copies the chart,
 * about half of a close-out's time in a session's quick searches (bench/RESULTS.md, session 10).
 */
export function chartCompletion(p: Parser, g: CompiledGrammar): Uint8Array | undefined {
  if (p.isAccepting()) return new Uint8Array(0);
  let plan: Uint8Array | undefined;
  try {
    plan = new Planner(p, g).plan();
  } catch (e) {
    if (e instanceof RangeError) return undefined; // a chart nested too deeply for the recursion
    throw e;
  }
  if (!plan) return undefined;
  const at = p.position;
  try {
    return p.feed(plan) === plan.length && p.isAccepting() ? plan : undefined;
  } catch (e) {
    if (e instanceof RangeError) return undefined; // as when the clone's feed threw it
    throw e;
  } finally {
    p.rollback(p.position - at);
  }
}

/** `chartCompletion` as it was before session 10: the plan verified on a clone of `p` (the tests' oracle). */
export function chartCompletionOnClone(p: Parser, g: CompiledGrammar): Uint8Array | undefined {
  if (p.isAccepting()) return new Uint8Array(0);
  try {
    const plan = new Planner(p, g).plan();
    if (!plan) return undefined;
    const q = p.clone();
    return q.feed(plan) === plan.length && q.isAccepting() ? plan : undefined;
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

class Planner {
  private readonly c: Costs;
  /** W(set, A): least bytes to finish after A completes with origin `set`, and the parent item */
  private memo = new Map<number, { cost: number; parent: Item | null }>();

  constructor(
    private readonly p: Parser,
    private readonly g: CompiledGrammar,
  ) {
    this.c = costsOf(g);
  }

  plan(): Uint8Array | undefined {
    const { p, g, c } = this;
    const set = p.currentSet;
    const nt = g.bnf.numNonterminals;
    let best = Infinity;
    let bestItem: Item | null = null;
    let prefix: Uint8Array = new Uint8Array(0);
    if (p.atLexemeStart) {
      this.forItems(set, (it) => {
        const cost = c.suffix[it.dot]! + this.finish(it.origin, this.lhs(it.dot));
        if (cost < best) [best, bestItem] = [cost, it];
      });
    } else {
      // complete the pending lexeme as one of the terminals it may still become
      const q = p.lexerState;
      const pats = g.dfa.livePatterns(q);
      const exprs = g.dfa.stateExpressions(q);
      pats.forEach((t, k) => {
        const rest = shortestOf(g.exprs, exprs[k]!);
        if (!rest) return;
        if (g.ignoredMask[t]) {
          this.forItems(set, (it) => {
            const cost = rest.length + c.suffix[it.dot]! + this.finish(it.origin, this.lhs(it.dot));
            if (cost < best) [best, bestItem, prefix] = [cost, it, rest];
          });
          return;
        }
        this.forItems(set, (it) => {
          if (g.bnf.symbols[it.dot] !== nt + t) return;
          const next = { dot: it.dot + 1, origin: it.origin };
          const cost = rest.length + c.suffix[next.dot]! + this.finish(it.origin, this.lhs(it.dot));
          if (cost < best) [best, bestItem, prefix] = [cost, next, rest];
        });
      });
    }
    if (!bestItem || best === Infinity) return undefined;
    const out: number[] = [...prefix];
    for (let it: Item | null = bestItem; it; ) {
      this.emitFrom(it.dot, out);
      it = this.memo.get(this.key(it.origin, this.lhs(it.dot)))?.parent ?? null;
    }
    return Uint8Array.from(out);
  }

  private lhs(dot: number): number {
    return this.g.bnf.ruleLhs[this.g.bnf.ruleOfPos[dot]!]!;
  }

  private key(set: number, a: number): number {
    return set * this.g.bnf.numNonterminals + a;
  }

  /** Least bytes to finish the parse once nonterminal `a` completes with origin `set`. */
  private finish(set: number, a: number): number {
    if (a === 0) return set === 0 ? 0 : Infinity; // S' only finishes the parse from the start
    const k = this.key(set, a);
    const known = this.memo.get(k);
    if (known) return known.cost;
    this.memo.set(k, { cost: Infinity, parent: null }); // cycles (unit rules) cost nothing extra
    let cost = Infinity;
    let parent: Item | null = null;
    this.forItems(set, (it) => {
      if (this.g.bnf.symbols[it.dot] !== a) return;
      const c = this.c.suffix[it.dot + 1]! + this.finish(it.origin, this.lhs(it.dot));
      if (c < cost) [cost, parent] = [c, { dot: it.dot + 1, origin: it.origin }];
    });
    this.memo.set(k, { cost, parent });
    return cost;
  }

  /** Every item of set `s`: its explicit items and its prediction block (origin `s`). */
  private forItems(s: number, f: (it: Item) => void): void {
    const e = this.p.chart;
    const end = e.setEnd(s);
    for (let i = e.setStart[s]!; i < end; i++) f({ dot: e.itemDot[i]!, origin: e.itemOrigin[i]! });
    const block = e.predictions.blocks[e.setBlock[s]!]!;
    for (let j = 0; j < block.dots.length; j++) f({ dot: block.dots[j]!, origin: s });
  }

  /** The shortest words of the symbols from `dot` to the end of its rule. */
  private emitFrom(dot: number, out: number[]): void {
    const b = this.g.bnf;
    for (let p = dot; b.symbols[p] !== RULE_END; p++) this.emitSymbol(b.symbols[p]!, out, 0);
  }

  private emitSymbol(s: number, out: number[], depth: number): void {
    const b = this.g.bnf;
    if (depth > 10_000) throw new RangeError("completion too deep");
    if (s >= b.numNonterminals) {
      for (const x of this.c.termWord[s - b.numNonterminals]!) out.push(x);
      return;
    }
    const r = this.c.ntRule[s]!;
    for (let p = b.ruleStart[r]!; b.symbols[p] !== RULE_END; p++) this.emitSymbol(b.symbols[p]!, out, depth + 1);
  }
}

function shortestOf(exprs: ExprSet, e: ExprId): Uint8Array | null {
  return exprs.nullable(e) ? new Uint8Array(0) : exprs.shortestMember(e);
}
