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

export interface Costs {
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

/** The least byte lengths of a grammar's symbols and rule suffixes (computed once per grammar). */
export function costsOf(g: CompiledGrammar): Costs {
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

/**
 * The chart walk behind a close-out. W(set, A), the least bytes to finish after A completes with
 * origin `set`, and the item it continues (its parent), are memoized in typed arrays by slot (a
 * map from the key to the slot): a close-out runs for most failed local repairs of a session, and
 * objects and closures per item visited were most of its planning time.
 */
class Planner {
  private readonly c: Costs;
  private readonly symbols: Int32Array | number[];
  private readonly ruleLhs: Int32Array | number[];
  private readonly ruleOfPos: Int32Array | number[];
  private readonly nt: number;
  /** W's slot by key `set * nt + A` */
  private readonly slotOf = new Map<number, number>();
  private cost = new Float64Array(64);
  /** the parent item of each slot (dot -1: none) */
  private parentDot = new Int32Array(64);
  private parentOrigin = new Int32Array(64);
  private slots = 0;

  constructor(
    private readonly p: Parser,
    private readonly g: CompiledGrammar,
  ) {
    this.c = costsOf(g);
    this.symbols = g.bnf.symbols;
    this.ruleLhs = g.bnf.ruleLhs;
    this.ruleOfPos = g.bnf.ruleOfPos;
    this.nt = g.bnf.numNonterminals;
  }

  plan(): Uint8Array | undefined {
    const { p, g, c } = this;
    const set = p.currentSet;
    const e = p.chart;
    const end = e.setEnd(set);
    const block = e.predictions.blocks[e.setBlock[set]!]!;
    const dots = block.dots;
    let best = Infinity;
    let bestDot = -1;
    let bestOrigin = -1;
    let prefix: Uint8Array = new Uint8Array(0);
    // every item of the set: its explicit items, then its prediction block (origin `set`)
    if (p.atLexemeStart) {
      for (let i = e.setStart[set]!; i < end; i++) {
        const dot = e.itemDot[i]!;
        const origin = e.itemOrigin[i]!;
        const cost = c.suffix[dot]! + this.finish(origin, this.lhs(dot));
        if (cost < best) [best, bestDot, bestOrigin] = [cost, dot, origin];
      }
      for (let j = 0; j < dots.length; j++) {
        const dot = dots[j]!;
        const cost = c.suffix[dot]! + this.finish(set, this.lhs(dot));
        if (cost < best) [best, bestDot, bestOrigin] = [cost, dot, set];
      }
    } else {
      // complete the pending lexeme as one of the terminals it may still become
      const q = p.lexerState;
      const pats = g.dfa.livePatterns(q);
      const exprs = g.dfa.stateExpressions(q);
      for (let k = 0; k < pats.length; k++) {
        const t = pats[k]!;
        const rest = shortestOf(g.exprs, exprs[k]!);
        if (!rest) continue;
        const ignored = g.ignoredMask[t] !== 0;
        // an ignored lexeme: any item goes on after it; else the items waiting on t move over it
        const want = this.nt + t;
        const step = ignored ? 0 : 1;
        for (let i = e.setStart[set]!; i < end; i++) {
          const dot = e.itemDot[i]!;
          if (!ignored && this.symbols[dot] !== want) continue;
          const origin = e.itemOrigin[i]!;
          const cost = rest.length + c.suffix[dot + step]! + this.finish(origin, this.lhs(dot));
          if (cost < best) [best, bestDot, bestOrigin, prefix] = [cost, dot + step, origin, rest];
        }
        for (let j = 0; j < dots.length; j++) {
          const dot = dots[j]!;
          if (!ignored && this.symbols[dot] !== want) continue;
          const cost = rest.length + c.suffix[dot + step]! + this.finish(set, this.lhs(dot));
          if (cost < best) [best, bestDot, bestOrigin, prefix] = [cost, dot + step, set, rest];
        }
      }
    }
    if (bestDot < 0 || best === Infinity) return undefined;
    const out: number[] = [...prefix];
    for (let dot = bestDot, origin = bestOrigin; dot >= 0; ) {
      this.emitFrom(dot, out);
      const slot = this.slotOf.get(origin * this.nt + this.lhs(dot));
      if (slot === undefined) break;
      [dot, origin] = [this.parentDot[slot]!, this.parentOrigin[slot]!];
    }
    return Uint8Array.from(out);
  }

  private lhs(dot: number): number {
    return this.ruleLhs[this.ruleOfPos[dot]!]!;
  }

  /** Least bytes to finish the parse once nonterminal `a` completes with origin `set`. */
  private finish(set: number, a: number): number {
    if (a === 0) return set === 0 ? 0 : Infinity; // S' only finishes the parse from the start
    const k = set * this.nt + a;
    const known = this.slotOf.get(k);
    if (known !== undefined) return this.cost[known]!;
    const slot = this.newSlot();
    this.slotOf.set(k, slot); // cycles (unit rules) cost nothing extra: Infinity while open
    const e = this.p.chart;
    const c = this.c;
    let cost = Infinity;
    let pDot = -1;
    let pOrigin = -1;
    const end = e.setEnd(set);
    for (let i = e.setStart[set]!; i < end; i++) {
      const dot = e.itemDot[i]!;
      if (this.symbols[dot] !== a) continue;
      const origin = e.itemOrigin[i]!;
      const w = c.suffix[dot + 1]! + this.finish(origin, this.lhs(dot));
      if (w < cost) [cost, pDot, pOrigin] = [w, dot + 1, origin];
    }
    const dots = e.predictions.blocks[e.setBlock[set]!]!.dots;
    for (let j = 0; j < dots.length; j++) {
      const dot = dots[j]!;
      if (this.symbols[dot] !== a) continue;
      const w = c.suffix[dot + 1]! + this.finish(set, this.lhs(dot));
      if (w < cost) [cost, pDot, pOrigin] = [w, dot + 1, set];
    }
    this.cost[slot] = cost;
    this.parentDot[slot] = pDot;
    this.parentOrigin[slot] = pOrigin;
    return cost;
  }

  /** A new memo slot, open (cost Infinity, no parent). */
  private newSlot(): number {
    const slot = this.slots++;
    if (slot >= this.cost.length) {
      const n = this.cost.length * 2;
      const cost = new Float64Array(n);
      cost.set(this.cost);
      this.cost = cost;
      const d = new Int32Array(n);
      d.set(this.parentDot);
      this.parentDot = d;
      const o = new Int32Array(n);
      o.set(this.parentOrigin);
      this.parentOrigin = o;
    }
    this.cost[slot] = Infinity;
    this.parentDot[slot] = -1;
    return slot;
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
