/**
 * Prediction blocks: the items an Earley set predicts are determined by the nonterminals its other
 * items wait on (the "seeds"), so they are computed once per distinct seed set and shared, instead
 * of being re-derived and stored item by item in every set (Aycock & Horspool's observation; for a
 * C++ expression grammar most of a set's ~100 items are such predictions).
 *
 * A block holds the closure's dotted positions grouped by postdot symbol, so a scan or a completion
 * finds the block items that advance over a symbol with one binary search. All its items have the
 * same origin: the set that owns the block.
 */
import { RULE_END, type BnfGrammar } from "../grammar/normalize.js";

export interface PredictionBlock {
  /** postdot symbols present (nonterminals and terminals, ascending), and their dots, CSR */
  keys: Int32Array;
  keyStart: Int32Array;
  dots: Int32Array;
  /** terminals expected after the block's items (ascending) */
  terminals: Int32Array;
  /** contains the completed augmented start rule `S' → start •` */
  acceptsStart: boolean;
}

export class PredictionTable {
  readonly blocks: PredictionBlock[] = [];
  private byHash = new Map<number, number[]>();
  private seedsOf: Int32Array[] = [];
  private readonly g: BnfGrammar;
  private readonly acceptDot: number;
  // scratch for closure computation
  private ntMark: Int32Array;
  private dotMark: Int32Array;
  private stamp = 0;

  constructor(g: BnfGrammar) {
    this.g = g;
    this.acceptDot = g.ruleStart[g.ntRules[g.ntRuleStart[0]!]!]! + 1;
    this.ntMark = new Int32Array(g.numNonterminals).fill(-1);
    this.dotMark = new Int32Array(g.symbols.length).fill(-1);
  }

  /**
   * The block for the seed nonterminals `n` with `mark[n] === stamp` (`count` of them, with the
   * order-independent `hash`); built on first request.
   */
  intern(hash: number, count: number, mark: Int32Array, stamp: number): number {
    const candidates = this.byHash.get(hash);
    if (candidates) {
      for (const id of candidates) {
        const seeds = this.seedsOf[id]!;
        if (seeds.length !== count) continue;
        let same = true;
        for (let k = 0; k < seeds.length && same; k++) same = mark[seeds[k]!] === stamp;
        if (same) return id;
      }
    }
    const seeds: number[] = [];
    for (let n = 0; n < mark.length; n++) if (mark[n] === stamp) seeds.push(n);
    const id = this.blocks.length;
    this.blocks.push(this.build(seeds));
    this.seedsOf.push(Int32Array.from(seeds));
    if (candidates) candidates.push(id);
    else this.byHash.set(hash, [id]);
    return id;
  }

  private build(seeds: number[]): PredictionBlock {
    const g = this.g;
    const stamp = ++this.stamp;
    const dots: number[] = [];
    const predict = (n: number) => {
      if (this.ntMark[n] === stamp) return;
      this.ntMark[n] = stamp;
      for (let k = g.ntRuleStart[n]!, e = g.ntRuleStart[n + 1]!; k < e; k++) addDot(g.ruleStart[g.ntRules[k]!]!);
    };
    const addDot = (d: number) => {
      if (this.dotMark[d] === stamp) return;
      this.dotMark[d] = stamp;
      dots.push(d);
    };
    for (const n of seeds) predict(n);
    for (let i = 0; i < dots.length; i++) {
      const sym = g.symbols[dots[i]!]!;
      if (sym === RULE_END || sym >= g.numNonterminals) continue;
      predict(sym);
      if (g.nullable[sym]) addDot(dots[i]! + 1);
    }
    const key = (d: number) => g.symbols[d]!;
    const live = dots.filter((d) => key(d) !== RULE_END).sort((a, b) => key(a) - key(b) || a - b);
    const keys: number[] = [];
    const keyStart: number[] = [];
    live.forEach((d, i) => {
      if (i === 0 || key(live[i - 1]!) !== key(d)) {
        keys.push(key(d));
        keyStart.push(i);
      }
    });
    keyStart.push(live.length);
    return {
      keys: Int32Array.from(keys),
      keyStart: Int32Array.from(keyStart),
      dots: Int32Array.from(live),
      terminals: Int32Array.from(keys.filter((k) => k >= g.numNonterminals).map((k) => k - g.numNonterminals)),
      acceptsStart: dots.includes(this.acceptDot),
    };
  }
}

/** Index into `block.keyStart` of postdot symbol `sym`, or -1. */
export function findKey(block: PredictionBlock, sym: number): number {
  const keys = block.keys;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < sym) lo = mid + 1;
    else hi = mid;
  }
  return lo < keys.length && keys[lo] === sym ? lo : -1;
}
