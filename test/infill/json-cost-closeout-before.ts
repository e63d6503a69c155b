/**
 * The close-out as it was before session 10 (52e0ef0's src/parser/completion.ts, verbatim but for
 * the name): a planner with an object per item visited and a closure per set walked, its plan
 * verified on a clone of the parser. The oracle of json-cost-closeout-in-place.test.ts.
 */
import type { ExprSet, ExprId } from "../../src/regex/index.js";
import { RULE_END } from "../../src/grammar/normalize.js";
import type { CompiledGrammar } from "../../src/parser/compile.js";
import { costsOf, type Costs } from "../../src/parser/completion.js";
import type { Parser } from "../../src/parser/parser.js";

/** An item of the chart: its dot and origin. */
interface Item {
  dot: number;
  origin: number;
}

export function chartCompletionBefore(p: Parser, g: CompiledGrammar): Uint8Array | undefined {
  if (p.isAccepting()) return new Uint8Array(0);
  try {
    const plan = new Planner(p, g).plan();
    if (!plan) return undefined;
    const q = p.clone();
    return q.feed(plan) === plan.length && q.isAccepting() ? plan : undefined;
  } catch (e) {
    if (e instanceof RangeError) return undefined; // a chart nested too deeply for the recursion
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
