/**
 * Lexeme conflicts: where greedy lexing can make the viable-prefix check optimistic.
 *
 * If terminal B can come right after terminal A and some first byte of B would instead extend A
 * (A's lexeme is a proper prefix of a longer A-lexeme), then after reading an A-lexeme the parser
 * reports "viable" although greedy lexing will swallow B's first byte into A. When an ignored
 * terminal can sit between them (whitespace), the output can still be completed that way; when
 * none can, a prefix may be reported viable that no continuation completes. This module finds
 * such pairs so `gramfill compile` can say so; grammars meant for decoding should have none.
 */
import type { ExprSet, ExprId } from "../regex/index.js";
import { RULE_END, type BnfGrammar } from "./normalize.js";

export interface LexemeConflict {
  /** terminal that can be extended */
  first: number;
  /** terminal that can follow it, whose first byte extends `first` */
  next: number;
  /** an ignored terminal can separate the two (so the conflict cannot dead-end decoding) */
  separable: boolean;
  /** the check ran out of budget: a conflict is possible, not shown */
  undecided: boolean;
}

/** Budget for each emptiness check: a conflict that needs more to decide is reported as one. */
const CHECK_BUDGET = 2000;

export function lexemeConflicts(g: BnfGrammar, exprs: ExprSet, patterns: readonly ExprId[]): LexemeConflict[] {
  const follow = terminalFollow(g);
  const firstBytes = patterns.map((p) => firstBytesOf(exprs, p));
  const ignored = g.ignoredTerminals;
  const out: LexemeConflict[] = [];
  const extendedBy = new Map<string, boolean | undefined>();
  /** true: some byte extends `a`; false: none does; undefined: undecided within the budget */
  const extends_ = (a: number, bytes: number[]): boolean | undefined => {
    if (bytes.length === 0) return false;
    const key = `${a}:${bytes.join(",")}`;
    if (!extendedBy.has(key)) {
      const e = exprs.and([exprs.concat([patterns[a]!, exprs.byteSet(bytes)]), exprs.prefixes(patterns[a]!)]);
      const empty = exprs.isEmptyWithin(e, CHECK_BUDGET);
      extendedBy.set(key, empty === undefined ? undefined : !empty);
    }
    return extendedBy.get(key);
  };
  for (let a = 0; a < g.numTerminals; a++) {
    if (g.ignoredTerminals.includes(a)) continue;
    const separable = ignored.some((i) => extends_(a, firstBytes[i]!) === false);
    for (const b of follow[a]!) {
      const r = extends_(a, firstBytes[b]!);
      if (r !== false) out.push({ first: a, next: b, separable, undecided: r === undefined });
    }
  }
  return out;
}

function firstBytesOf(exprs: ExprSet, e: ExprId): number[] {
  const out: number[] = [];
  for (let b = 0; b < 256; b++) if (!exprs.isEmpty(exprs.derivative(e, b))) out.push(b);
  return out;
}

/**
 * For every terminal, the terminals that can come right after it in some sentential form
 * (ignoring `%ignore`d ones): the classic FIRST/FOLLOW fixpoints over the BNF.
 */
export function terminalFollow(g: BnfGrammar): Set<number>[] {
  const nt = g.numNonterminals;
  const first: Set<number>[] = Array.from({ length: nt }, () => new Set());
  const follow: Set<number>[] = Array.from({ length: nt }, () => new Set());
  const rules = g.ruleStart.length;
  const symsOf = (r: number): number[] => {
    const out: number[] = [];
    for (let p = g.ruleStart[r]!; g.symbols[p] !== RULE_END; p++) out.push(g.symbols[p]!);
    return out;
  };
  const ruleSyms = Array.from({ length: rules }, (_, r) => symsOf(r));
  const firstOfSeq = (seq: number[], from: number, into: Set<number>): boolean => {
    for (let i = from; i < seq.length; i++) {
      const s = seq[i]!;
      if (s >= nt) {
        into.add(s - nt);
        return false;
      }
      for (const t of first[s]!) into.add(t);
      if (!g.nullable[s]) return false;
    }
    return true; // the rest is nullable
  };
  const addAll = (to: Set<number>, from: Iterable<number>): boolean => {
    const before = to.size;
    for (const x of from) to.add(x);
    return to.size !== before;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < rules; r++) {
      const s = new Set<number>();
      firstOfSeq(ruleSyms[r]!, 0, s);
      if (addAll(first[g.ruleLhs[r]!]!, s)) changed = true;
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < rules; r++) {
      const seq = ruleSyms[r]!;
      for (let i = 0; i < seq.length; i++) {
        const s = seq[i]!;
        if (s >= nt) continue;
        const f = new Set<number>();
        if (firstOfSeq(seq, i + 1, f)) for (const t of follow[g.ruleLhs[r]!]!) f.add(t);
        if (addAll(follow[s]!, f)) changed = true;
      }
    }
  }
  const out: Set<number>[] = Array.from({ length: g.numTerminals }, () => new Set());
  for (let r = 0; r < rules; r++) {
    const seq = ruleSyms[r]!;
    for (let i = 0; i < seq.length; i++) {
      const s = seq[i]!;
      if (s < nt) continue;
      const f = out[s - nt]!;
      if (firstOfSeq(seq, i + 1, f)) for (const t of follow[g.ruleLhs[r]!]!) f.add(t);
    }
  }
  return out;
}
