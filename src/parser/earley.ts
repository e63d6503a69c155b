/**
 * Earley recognizer over lexemes, built for incremental use: sets are appended one per lexeme and
 * dropped from the end on rollback, and the whole state is a handful of typed arrays, so the inner
 * loop allocates nothing.
 *
 * An item is (dot, origin): `dot` indexes `BnfGrammar.symbols`, `origin` is the set where the item's
 * rule was predicted. A set stores only its explicit items (made by scanning and completion, all with
 * an earlier origin); the items it predicts are one shared `PredictionBlock` chosen by the
 * nonterminals the explicit items wait on (see prediction.ts). Nullable nonterminals are handled as
 * Aycock & Horspool do: waiting on a nullable B also moves the dot over B, so completion never has
 * to revisit the set under construction.
 */
import { RULE_END, type BnfGrammar } from "../grammar/normalize.js";
import { findKey, type PredictionTable } from "./prediction.js";

/** Returned by `scan` when no item can take the lexeme. */
export const NO_SET = -1;

export class EarleyCore {
  readonly g: BnfGrammar;
  /** items of all sets, set `s` spans `[setStart[s], setStart[s + 1])`; the last set ends at `numItems` */
  itemDot = new Int32Array(1024);
  itemOrigin = new Int32Array(1024);
  numItems = 0;
  setStart = new Int32Array(256);
  /** interned terminal set a set expects next (see `allowedTerminals`) */
  setAllowed = new Int32Array(256);
  /** the prediction block of each set */
  setBlock = new Int32Array(256);
  numSets = 0;
  /** a fresh number each time a set index is (re)built: tells whether a remembered scan is still valid */
  private setGen = new Int32Array(256);
  private genCounter = 0;
  /** per set s, the last scan from s: its key, the generation of s then, and what it produced */
  private redoKey = new Int32Array(256).fill(-1);
  private redoGen = new Int32Array(256).fill(-1);
  private redoEnd = new Int32Array(256);
  private redoChildGen = new Int32Array(256);
  private redoResult = new Int32Array(256);

  /** dedup table for the set under construction: open addressing, entries valid when stamp matches */
  private hashDot = new Int32Array(1 << 10);
  private hashOrigin = new Int32Array(1 << 10);
  private hashStamp = new Int32Array(1 << 10);
  private stamp = 0;
  /** nonterminal → stamp, collecting a set's seeds */
  private ntMark: Int32Array;
  private ntStamp = 0;
  /** terminal → stamp, for scans and for collecting the expected terminals */
  private termMark: Int32Array;
  private termStamp = 0;
  private readonly acceptDot: number;
  private readonly nt: number;

  readonly allowed: TerminalSetTable;
  readonly predictions: PredictionTable;

  constructor(g: BnfGrammar, allowed: TerminalSetTable, predictions: PredictionTable) {
    this.g = g;
    this.allowed = allowed;
    this.predictions = predictions;
    this.nt = g.numNonterminals;
    this.ntMark = new Int32Array(g.numNonterminals).fill(-1);
    this.termMark = new Int32Array(g.numTerminals).fill(-1);
    this.acceptDot = g.ruleStart[g.ntRules[g.ntRuleStart[0]!]!]! + 1;
    this.reset();
  }

  /** Back to the empty input: one set, predicting the start symbol. */
  reset(): void {
    this.numItems = 0;
    this.numSets = 0;
    this.openSet();
    this.closeSet(0);
  }

  /** Drops every set after `set` (rollback). */
  truncate(set: number): void {
    if (set + 1 < this.numSets) {
      this.numItems = this.setStart[set + 1]!;
      this.numSets = set + 1;
    }
  }

  /** End (exclusive) of set `s`'s items. */
  setEnd(s: number): number {
    return s + 1 < this.numSets ? this.setStart[s + 1]! : this.numItems;
  }

  get lastSet(): number {
    return this.numSets - 1;
  }

  /** Does set `s` contain the completed start rule? */
  accepts(s: number): boolean {
    if (s === 0 && this.predictions.blocks[this.setBlock[0]!]!.acceptsStart) return true;
    const end = this.setEnd(s);
    for (let i = this.setStart[s]!; i < end; i++) {
      if (this.itemDot[i] === this.acceptDot && this.itemOrigin[i] === 0) return true;
    }
    return false;
  }

  /**
   * Scans a lexeme that matched the terminals `terms` (ascending) at the end of set `s`, which must be
   * the last set. Returns the new set, `s` itself when only ignored terminals matched (the parser
   * state does not change), or NO_SET when nothing can take the lexeme.
   *
   * `key` identifies `terms` (the caller passes the lexer state the lexeme ended in). When the same
   * scan from the same set was done before and only rolled back since, the old set is still in the
   * arrays and is revived instead of rebuilt: token-mask walks repeat such scans thousands of times.
   */
  scan(s: number, terms: readonly number[], ignored: Uint8Array, key = -1): number {
    if (key >= 0 && s === this.numSets - 1 && this.redoKey[s] === key && this.redoGen[s] === this.setGen[s]) {
      const kind = this.redoResult[s]!;
      if (kind !== 1) return kind === 0 ? s : NO_SET;
      this.numSets = s + 2;
      this.numItems = this.redoEnd[s]!;
      this.setGen[s + 1] = this.redoChildGen[s]!;
      return s + 1;
    }
    const result = this.scanFresh(s, terms, ignored);
    if (key >= 0) this.remember(s, key, result);
    return result;
  }

  private remember(s: number, key: number, result: number): void {
    if (s >= this.redoKey.length) {
      const n = Math.max(s + 1, this.redoKey.length * 2);
      this.redoKey = growFilled(this.redoKey, n, -1);
      this.redoGen = growFilled(this.redoGen, n, -1);
      this.redoEnd = growFilled(this.redoEnd, n, 0);
      this.redoChildGen = growFilled(this.redoChildGen, n, 0);
      this.redoResult = growFilled(this.redoResult, n, 0);
    }
    this.redoKey[s] = key;
    this.redoGen[s] = this.setGen[s]!;
    this.redoResult[s] = result === NO_SET ? 2 : result === s ? 0 : 1;
    if (result === s + 1) {
      this.redoEnd[s] = this.numItems;
      this.redoChildGen[s] = this.setGen[s + 1]!;
    }
  }

  private scanFresh(s: number, terms: readonly number[], ignored: Uint8Array): number {
    let anyIgnored = false;
    let anyGrammar = false;
    const mark = ++this.termStamp;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      this.termMark[t] = mark;
      if (ignored[t]) anyIgnored = true;
      else anyGrammar = true;
    }
    if (!anyGrammar) return anyIgnored ? s : NO_SET;
    const start = this.setStart[s]!;
    const end = this.numItems;
    const base = this.nt;
    this.openSet();
    const dots = this.itemDot;
    const origins = this.itemOrigin;
    const syms = this.g.symbols;
    for (let i = start; i < end; i++) {
      const sym = syms[dots[i]!]!;
      if (sym >= base && this.termMark[sym - base] === mark) this.add(dots[i]! + 1, origins[i]!);
    }
    const block = this.predictions.blocks[this.setBlock[s]!]!;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      if (ignored[t]) continue;
      const key = findKey(block, t + base);
      if (key < 0) continue;
      for (let j = block.keyStart[key]!, e = block.keyStart[key + 1]!; j < e; j++) this.add(block.dots[j]! + 1, s);
    }
    // an ignored reading of the same lexeme leaves the parser where it was: keep those items too
    if (anyIgnored) {
      for (let i = start; i < end; i++) this.add(this.itemDot[i]!, this.itemOrigin[i]!);
      for (let j = 0; j < block.dots.length; j++) this.add(block.dots[j]!, s);
      if (block.acceptsStart && s === 0) this.add(this.acceptDot, 0);
    }
    if (this.numItems === this.setStart[this.numSets - 1]!) {
      this.numSets--;
      return NO_SET;
    }
    this.closeSet(-1);
    return this.numSets - 1;
  }

  private openSet(): void {
    if (this.numSets + 1 >= this.setStart.length) {
      this.setStart = grow(this.setStart, this.numSets + 2);
      this.setAllowed = grow(this.setAllowed, this.numSets + 2);
      this.setBlock = grow(this.setBlock, this.numSets + 2);
      this.setGen = grow(this.setGen, this.numSets + 2);
    }
    this.setGen[this.numSets] = ++this.genCounter;
    this.setStart[this.numSets++] = this.numItems;
    this.stamp++;
  }

  /** Adds an item to the set under construction unless present. */
  private add(dot: number, origin: number): void {
    const mask = this.hashDot.length - 1;
    let h = (Math.imul(dot, 0x9e3779b1) ^ Math.imul(origin + 1, 0x85ebca77)) >>> 0;
    for (;;) {
      h &= mask;
      if (this.hashStamp[h] !== this.stamp) break;
      if (this.hashDot[h] === dot && this.hashOrigin[h] === origin) return;
      h++;
    }
    this.hashStamp[h] = this.stamp;
    this.hashDot[h] = dot;
    this.hashOrigin[h] = origin;
    const n = this.numItems++;
    if (n >= this.itemDot.length) {
      this.itemDot = grow(this.itemDot, n + 1);
      this.itemOrigin = grow(this.itemOrigin, n + 1);
    }
    this.itemDot[n] = dot;
    this.itemOrigin[n] = origin;
    if ((n - this.setStart[this.numSets - 1]!) * 2 > mask) this.rehash();
  }

  /** The dedup table is sized for the largest set seen; grow it and re-enter the current set. */
  private rehash(): void {
    const size = this.hashDot.length * 4;
    this.hashDot = new Int32Array(size);
    this.hashOrigin = new Int32Array(size);
    this.hashStamp = new Int32Array(size);
    this.stamp++;
    const saved = this.numItems;
    const from = this.setStart[this.numSets - 1]!;
    const mask = size - 1;
    for (let i = from; i < saved; i++) {
      let h = (Math.imul(this.itemDot[i]!, 0x9e3779b1) ^ Math.imul(this.itemOrigin[i]! + 1, 0x85ebca77)) >>> 0;
      for (;;) {
        h &= mask;
        if (this.hashStamp[h] !== this.stamp) break;
        h++;
      }
      this.hashStamp[h] = this.stamp;
      this.hashDot[h] = this.itemDot[i]!;
      this.hashOrigin[h] = this.itemOrigin[i]!;
    }
  }

  /**
   * Completes the explicit items to a fixpoint, collecting the nonterminals they wait on (plus
   * `seed`, if any) as the seeds of the set's prediction block, then records the terminals the set
   * expects: those after explicit items and those of the block.
   */
  private closeSet(seed: number): void {
    const g = this.g;
    const syms = g.symbols;
    const base = this.nt;
    const cur = this.numSets - 1;
    const nmark = ++this.ntStamp;
    let numSeeds = 0;
    let seedHash = 0;
    if (seed >= 0) {
      this.ntMark[seed] = nmark;
      numSeeds = 1;
      seedHash = Math.imul((seed + 1) ^ 0x5bd1e995, 0x9e3779b1);
    }
    let numTerms = 0;
    let hash = 0;
    const tmark = ++this.termStamp;
    for (let i = this.setStart[cur]!; i < this.numItems; i++) {
      const dot = this.itemDot[i]!;
      const sym = syms[dot]!;
      if (sym === RULE_END) {
        this.complete(g.ruleLhs[g.ruleOfPos[dot]!]!, this.itemOrigin[i]!);
      } else if (sym < base) {
        if (this.ntMark[sym] !== nmark) {
          this.ntMark[sym] = nmark;
          numSeeds++;
          seedHash = (seedHash + Math.imul((sym + 1) ^ 0x5bd1e995, 0x9e3779b1)) | 0;
        }
        if (g.nullable[sym]) this.add(dot + 1, this.itemOrigin[i]!);
      } else if (this.termMark[sym - base] !== tmark) {
        this.termMark[sym - base] = tmark;
        numTerms++;
        hash = (hash + Math.imul((sym - base + 1) ^ 0x5bd1e995, 0x9e3779b1)) | 0;
      }
    }
    const blockId = this.predictions.intern(seedHash, numSeeds, this.ntMark, nmark);
    this.setBlock[cur] = blockId;
    const blockTerms = this.predictions.blocks[blockId]!.terminals;
    for (let k = 0; k < blockTerms.length; k++) {
      const t = blockTerms[k]!;
      if (this.termMark[t] !== tmark) {
        this.termMark[t] = tmark;
        numTerms++;
        hash = (hash + Math.imul((t + base + 1) ^ 0x5bd1e995, 0x9e3779b1)) | 0;
      }
    }
    this.setAllowed[cur] = this.allowed.internMarked(hash, numTerms, this.termMark, tmark);
  }

  /** Advances every item of set `origin` (explicit or predicted) that waits on `lhs`. */
  private complete(lhs: number, origin: number): void {
    const syms = this.g.symbols;
    const end = this.setStart[origin + 1]!;
    for (let j = this.setStart[origin]!; j < end; j++) {
      const dot = this.itemDot[j]!;
      if (syms[dot] === lhs) this.add(dot + 1, this.itemOrigin[j]!);
    }
    const block = this.predictions.blocks[this.setBlock[origin]!]!;
    const key = findKey(block, lhs);
    if (key < 0) return;
    for (let j = block.keyStart[key]!, e = block.keyStart[key + 1]!; j < e; j++) this.add(block.dots[j]! + 1, origin);
  }

  /** Terminals set `s` expects next (not counting ignored ones). */
  allowedTerminals(s: number): Int32Array {
    return this.allowed.sets[this.setAllowed[s]!]!;
  }

  /** Bytes held by this parse's arrays (the shared grammar tables not included). */
  get memoryBytes(): number {
    let n = 0;
    for (const a of [this.itemDot, this.itemOrigin, this.setStart, this.setAllowed, this.setBlock, this.setGen, this.redoKey, this.redoGen, this.redoEnd, this.redoChildGen, this.redoResult, this.hashDot, this.hashOrigin, this.hashStamp]) n += a.byteLength;
    return n;
  }

  /** A deep copy sharing only the immutable grammar and the interned allowed sets. */
  copyStateFrom(other: EarleyCore): void {
    this.itemDot = other.itemDot.slice(0, Math.max(other.numItems, 16));
    this.itemOrigin = other.itemOrigin.slice(0, Math.max(other.numItems, 16));
    this.numItems = other.numItems;
    this.setStart = other.setStart.slice();
    this.setAllowed = other.setAllowed.slice();
    this.setBlock = other.setBlock.slice();
    this.setGen = other.setGen.slice();
    this.genCounter = other.genCounter;
    this.numSets = other.numSets;
  }
}

/**
 * Interned sets of terminals, shared by every parser of one compiled grammar, so that "which lexer
 * start state does this set of expected terminals have" is computed once per distinct set.
 */
export class TerminalSetTable {
  /** id → sorted terminal list */
  readonly sets: Int32Array[] = [];
  /** order-independent hash of a set → ids with that hash */
  private byHash = new Map<number, number[]>();

  /**
   * Interns the set of terminals `t` with `mark[t] === stamp` (there are `count` of them, with the
   * order-independent `hash`), without materializing it unless it is new.
   */
  internMarked(hash: number, count: number, mark: Int32Array, stamp: number): number {
    const candidates = this.byHash.get(hash);
    if (candidates) {
      for (const id of candidates) {
        const set = this.sets[id]!;
        if (set.length !== count) continue;
        let same = true;
        for (let k = 0; k < set.length && same; k++) same = mark[set[k]!] === stamp;
        if (same) return id;
      }
    }
    const terms: number[] = [];
    for (let t = 0; t < mark.length; t++) if (mark[t] === stamp) terms.push(t);
    const id = this.sets.length;
    this.sets.push(Int32Array.from(terms));
    if (candidates) candidates.push(id);
    else this.byHash.set(hash, [id]);
    return id;
  }
}

function growFilled(a: Int32Array, n: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n).fill(fill);
  b.set(a);
  return b;
}

function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
