/**
 * LazyDfa: one lazily built DFA over many patterns (a lexer). A state is the sorted list of
 * (pattern index, derivative) pairs still alive; pairs whose derivative is exactly empty are
 * dropped, so every state except DEAD can still reach acceptance (the parser relies on this for
 * exact viable-prefix checks).
 *
 * Hot path: `next` is one Int32Array load; -1 means "not computed yet". The slow path computes
 * one derivative per pattern and fills the whole byte class (an interval of bytes on which every
 * pattern's derivative is the same), so each state costs one slow call per class, not per byte.
 */
import { GramfillError, isGramfillError } from "../util/errors.js";
import type { ExprId, ExprSet } from "./expr.js";

export interface LazyDfaOptions {
  /** default 50,000 */
  maxStates?: number;
  /** pattern names for error messages (terminal names) */
  names?: readonly string[];
}

const EMPTY_LIST: readonly number[] = Object.freeze([]);

export class LazyDfa {
  static readonly DEAD = 0;

  private readonly set: ExprSet;
  private readonly patterns: readonly ExprId[];
  private readonly maxStates: number;
  private readonly names: readonly string[] | undefined;

  /** 256 entries per state; -1 = not computed */
  private trans: Int32Array;
  private readonly statePats: (readonly number[])[] = [];
  private readonly stateExprs: (readonly ExprId[])[] = [];
  private readonly stateAccepting: (readonly number[])[] = [];
  /** boundary mask of the union of the state's byte classes (8 words per state) */
  private classMasks: Uint32Array;
  /** interning of states by a numeric hash of their (pattern, derivative) pairs, chained */
  private stateBuckets = new Int32Array(1 << 10).fill(-1);
  private readonly stateChain: number[] = [];
  private readonly stateHash: number[] = [];
  private readonly startByKey = new Map<string, number>();
  private readonly startByArray = new WeakMap<readonly number[], { copy: number[]; state: number }>();

  constructor(set: ExprSet, patterns: readonly ExprId[], opts: LazyDfaOptions = {}) {
    this.set = set;
    this.patterns = [...patterns];
    this.maxStates = opts.maxStates ?? 50_000;
    this.names = opts.names;
    this.trans = new Int32Array(256 * 64).fill(-1);
    this.classMasks = new Uint32Array(8 * 64);
    // DEAD: no pattern alive, loops on every byte.
    this.addState([], []);
    this.trans.fill(LazyDfa.DEAD, 0, 256);
  }

  get numStates(): number {
    return this.statePats.length;
  }

  /** The state for "any of these patterns" (cached per set of indices); DEAD if none can match. */
  startState(allowed: readonly number[]): number {
    // Fast path, allocation-free: the parser passes the same arrays again and again. The stored
    // copy guards against callers that mutate an array between calls.
    const hit = this.startByArray.get(allowed);
    if (hit !== undefined && sameContents(hit.copy, allowed)) return hit.state;
    const state = this.startStateSlow(allowed);
    this.startByArray.set(allowed, { copy: [...allowed], state });
    return state;
  }

  private startStateSlow(allowed: readonly number[]): number {
    const sorted = [...new Set(allowed)].sort((a, b) => a - b);
    const key = sorted.join(",");
    let s = this.startByKey.get(key);
    if (s !== undefined) return s;
    const pats: number[] = [];
    const exprs: ExprId[] = [];
    for (const p of sorted) {
      if (!Number.isInteger(p) || p < 0 || p >= this.patterns.length) {
        throw new RangeError(`LazyDfa: no pattern ${p} (have ${this.patterns.length})`);
      }
      const e = this.patterns[p]!;
      if (this.isEmptyNamed(e, p)) continue;
      pats.push(p);
      exprs.push(e);
    }
    s = this.intern(pats, exprs, pats);
    this.startByKey.set(key, s);
    return s;
  }

  next(state: number, byte: number): number {
    const t = this.trans[state * 256 + byte]!;
    return t >= 0 ? t : this.computeNext(state, byte);
  }

  isAccepting(state: number): boolean {
    return this.stateAccepting[state]!.length > 0;
  }

  acceptingPatterns(state: number): readonly number[] {
    return this.stateAccepting[state]!;
  }

  livePatterns(state: number): readonly number[] {
    return this.statePats[state]!;
  }

  /** The derivatives still alive in `state`, parallel to `livePatterns(state)`. */
  stateExpressions(state: number): readonly ExprId[] {
    return this.stateExprs[state]!;
  }

  /** The expression store the patterns live in. */
  get exprSet(): ExprSet {
    return this.set;
  }

  // ---- slow path ----

  private computeNext(state: number, byte: number): number {
    if (!(byte >= 0 && byte < 256 && Number.isInteger(byte))) throw new RangeError(`not a byte: ${byte}`);
    if (!(state >= 0 && state < this.statePats.length)) throw new RangeError(`no state ${state}`);
    const pats = this.statePats[state]!;
    const exprs = this.stateExprs[state]!;
    const nextPats: number[] = [];
    const nextExprs: ExprId[] = [];
    for (let i = 0; i < pats.length; i++) {
      const d = this.set.derivative(exprs[i]!, byte);
      if (d === this.set.EMPTY || this.isEmptyNamed(d, pats[i]!)) continue;
      nextPats.push(pats[i]!);
      nextExprs.push(d);
    }
    const target = this.intern(nextPats, nextExprs, pats);
    // Fill the class of `byte`: the interval between the surrounding class boundaries.
    const m = this.classMasks;
    const base = state * 8;
    let lo = byte;
    while (lo > 0 && !(m[base + (lo >> 5)]! & (1 << (lo & 31)))) lo--;
    let hi = byte + 1;
    while (hi < 256 && !(m[base + (hi >> 5)]! & (1 << (hi & 31)))) hi++;
    this.trans.fill(target, state * 256 + lo, state * 256 + hi);
    return target;
  }

  private isEmptyNamed(e: ExprId, pat: number): boolean {
    try {
      return this.set.isEmpty(e);
    } catch (err) {
      if (isGramfillError(err) && err.code === "automaton_too_large") {
        throw new GramfillError("automaton_too_large", `${this.describe([pat])}: ${err.message}`);
      }
      throw err;
    }
  }

  private intern(pats: readonly number[], exprs: readonly ExprId[], involved: readonly number[]): number {
    if (pats.length === 0) return LazyDfa.DEAD;
    const h = hashPairs(pats, exprs);
    for (let s = this.stateBuckets[h & (this.stateBuckets.length - 1)]!; s >= 0; s = this.stateChain[s]!) {
      if (this.stateHash[s] === h && samePairs(this.statePats[s]!, this.stateExprs[s]!, pats, exprs)) return s;
    }
    if (this.statePats.length >= this.maxStates) {
      throw new GramfillError(
        "automaton_too_large",
        `${this.describe(involved)}: lexer automaton exceeded ${this.maxStates} states`,
      );
    }
    return this.addState(pats, exprs, h);
  }

  private addState(pats: readonly number[], exprs: readonly ExprId[], hash = -1): number {
    const s = this.statePats.length;
    if ((s + 1) * 256 > this.trans.length) {
      const grown = new Int32Array(this.trans.length * 2).fill(-1);
      grown.set(this.trans);
      this.trans = grown;
      const masks = new Uint32Array(this.classMasks.length * 2);
      masks.set(this.classMasks);
      this.classMasks = masks;
    }
    const accepting: number[] = [];
    for (let i = 0; i < pats.length; i++) {
      const e = exprs[i]!;
      if (this.set.nullable(e)) accepting.push(pats[i]!);
      const mask = this.set.byteClassMask(e);
      for (let w = 0; w < 8; w++) this.classMasks[s * 8 + w]! |= mask[w]!;
    }
    this.classMasks[s * 8]! |= 1;
    // pats is a fresh array of computeNext/startStateSlow: frozen as is
    this.statePats.push(pats.length === 0 ? EMPTY_LIST : Object.freeze(pats as number[]));
    this.stateExprs.push(exprs);
    this.stateAccepting.push(accepting.length === 0 ? EMPTY_LIST : Object.freeze(accepting));
    // hash-chain the state (DEAD, with hash -1, is never looked up: intern returns it directly)
    this.stateHash.push(hash);
    if (s >= this.stateBuckets.length) {
      const size = this.stateBuckets.length * 2;
      const buckets = new Int32Array(size).fill(-1);
      for (let t = 0; t < s; t++) {
        const slot = this.stateHash[t]! & (size - 1);
        this.stateChain[t] = buckets[slot]!;
        buckets[slot] = t;
      }
      this.stateBuckets = buckets;
    }
    const slot = hash & (this.stateBuckets.length - 1);
    this.stateChain.push(this.stateBuckets[slot]!);
    this.stateBuckets[slot] = s;
    return s;
  }

  private describe(pats: readonly number[]): string {
    const names = pats.map((p) => this.names?.[p] ?? `pattern ${p}`);
    const shown = names.length > 5 ? [...names.slice(0, 5), `and ${names.length - 5} more`] : names;
    return `${names.length === 1 ? "terminal" : "terminals"} ${shown.join(", ")}`;
  }
}

function hashPairs(pats: readonly number[], exprs: readonly ExprId[]): number {
  let h = pats.length;
  for (let i = 0; i < pats.length; i++) {
    h = Math.imul(h ^ pats[i]!, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ exprs[i]!, 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h | 0;
}

function samePairs(p1: readonly number[], e1: readonly ExprId[], p2: readonly number[], e2: readonly ExprId[]): boolean {
  if (p1.length !== p2.length) return false;
  for (let i = 0; i < p1.length; i++) if (p1[i] !== p2[i] || e1[i] !== e2[i]) return false;
  return true;
}

function sameContents(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
