/**
 * ExprSet: a hash-consed store of byte-level regular expressions with Brzozowski derivatives,
 * extended with intersection, complement, symbolic bounded repetition and a lazy prefix-closure
 * node (as in llguidance's `derivre`).
 *
 * Why this shape:
 * - Hash-consing + smart constructors (ACI normalisation of `or`/`and`, unit/absorbing elements)
 *   make structurally equal expressions share one id, so the set of derivatives of any expression
 *   is finite and derivative-based DFAs converge.
 * - Bounded repeats stay symbolic (d(e{m,n}) = d(e)·e{m-1,n-1}), so `a{0,10000}` costs one node
 *   until someone actually walks 10,000 bytes.
 * - Every node caches its byte-equivalence classes (intervals of 0..255 on which its derivative
 *   is the same), so computing all 256 transitions of a state needs one derivative per class.
 */
import { GramfillError, isGramfillError } from "../util/errors.js";
import { complement, foldClass, normalize, rangeSetKey, type RangeSet } from "./charset.js";
import { compileRegex, type RegexMode } from "./compile.js";
import { parseRegex } from "./parse.js";
import { encodeUtf8, utf8Sequences, type ByteSeq } from "./utf8.js";
import { mulberry32 } from "../util/random.js";

export type ExprId = number;

const K_EMPTY = 0;
const K_EPS = 1;
const K_BYTES = 2;
const K_CONCAT = 3;
const K_OR = 4;
const K_AND = 5;
const K_NOT = 6;
const K_REPEAT = 7;
const K_PREFIX = 8;

const F_NULLABLE = 1;
/** contains `and`/`not`: emptiness is no longer syntactic */
const F_BOOL = 2;
const F_KNOWN_EMPTY = 4;
const F_KNOWN_NONEMPTY = 8;

/** Boundary mask with only byte 0 set: a single class covering all bytes. */
/** Node ids stay below 2^26 so a concat's (head, tail) pair packs into one exact float key. */
const MAX_NODES = 1 << 26;

const MASK_ONE_CLASS = Uint32Array.of(1, 0, 0, 0, 0, 0, 0, 0);
const ALL_BYTES = new Uint32Array(8).fill(0xffffffff);
const NO_BYTES = new Uint32Array(8);

const WITNESS_UNKNOWN = -2;
const WITNESS_NONE = -1;
/** longest witness word tried (longer ones count as none: verifying them would cost too much) */
const WITNESS_MAX = 1 << 14;
/** alternatives of a union kid of an `and` tried as witness candidates (see computeWitness) */
const AND_WITNESS_ALTS = 16;
/** randomized depth-first witness searches before the exact search, and the states each may visit */
const WITNESS_WALKS = 8;
const WITNESS_WALK_STATES = 80;
/** searches with a smaller state budget skip the walks */
const WITNESS_WALK_MIN_BUDGET = 5000;
/** its deepest path (bytes) */
const WITNESS_WALK_DEPTH = 400;

/**
 * The process-wide interner of structural ids: node key (kind + its kids' structural ids) → id.
 * Bounded: past STRUCTURAL_CAP keys it starts over in a new epoch (ids of older epochs are never
 * compared with newer ones: structuralKey prefixes the epoch).
 */
const STRUCTURAL = { ids: new Map<string, number>(), epoch: 1 };
const STRUCTURAL_CAP = 1 << 18;

interface ClassMap {
  /** the boundary mask it was made from */
  mask: Uint32Array;
  /** byte → class index */
  map: Uint8Array;
  /** class index → smallest byte of the class */
  reps: Uint8Array;
}

export interface ExprSetOptions {
  /** cap on derivative states explored by isEmpty/shortestMember/suffixes (default 50,000) */
  maxExplore?: number;
}

export class ExprSet {
  readonly EMPTY: ExprId;
  readonly EPSILON: ExprId;
  /** all byte strings: not(EMPTY) */
  readonly FULL: ExprId;

  private readonly maxExplore: number;
  /**
   * performance.now() after which emptiness searches give up with a `timeout` error (a caller's
   * time budget, e.g. the JSON Schema compiler's; Infinity = none). Checked every 256 states.
   */
  deadline = Infinity;
  /**
   * Extra witness searches for emptiness checks (union alternatives as `and` witnesses,
   * randomized walks before the breadth-first search). They pay off where most questions have a
   * member that is hard to find (the JSON Schema compiler turns them on); lexer and infill checks
   * mostly ask about empty languages, where they are pure overhead.
   */
  extraWitnesses = false;
  /** number of nodes; the typed per-node arrays below have room for more (grown by doubling) */
  private count = 0;
  private kind = new Int32Array(1024);
  /** concat head; child of not/repeat/prefix */
  private argA = new Int32Array(1024);
  /** concat tail */
  private argB = new Int32Array(1024);
  /** repeat min */
  private argM = new Float64Array(1024);
  /** repeat max (may be Infinity) */
  private argC = new Float64Array(1024);
  private readonly kids: (readonly ExprId[] | undefined)[] = [];
  private readonly bits: (Uint32Array | undefined)[] = [];
  private flags = new Uint8Array(1024);
  /**
   * Hash-consing: one chained hash table over all nodes (numeric hashes of kind, arguments, kids
   * or byte bits; no key strings). `buckets[h & mask]` is the first node of a chain, `chain[id]`
   * the next one, `hashes[id]` the node's hash (kept for rehashing).
   */
  private buckets = new Int32Array(1 << 12).fill(-1);
  private chain = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  /** byte → its singleton byte-set node (-1 until built) */
  private readonly singleBytes = new Int32Array(256).fill(-1);

  private readonly masks: (Uint32Array | undefined)[] = [];
  private readonly classMaps: (ClassMap | undefined)[] = [];
  /** class maps by the hash of their boundary mask (collisions share a bucket list) */
  private readonly classMapByMask = new Map<number, ClassMap[]>();
  private readonly derivs: (Int32Array | undefined)[] = [];
  /**
   * Witnesses (a cheap sufficient test of non-emptiness, see `witnessLen`): per node, the length
   * of a known member of its language, WITNESS_NONE if none was found, WITNESS_UNKNOWN before
   * the first try; `wpick` says how the member is spelled (or/and: the kid it comes from; not:
   * its one byte, -1 for the empty word).
   */
  private wlen = new Int32Array(1024);
  private wpick = new Int32Array(1024);

  private readonly finiteMemo = new Map<ExprId, boolean>();
  private readonly infiniteMemo = new Map<ExprId, boolean>();
  private readonly relaxMemo = new Map<ExprId, ExprId>();
  private readonly alphabetMemo: (Uint32Array | undefined)[] = [];
  /** per node: its structural id + 1 (0 = not computed), valid for interner epoch `sidEpoch` */
  private sids = new Int32Array(0);
  private sidEpoch = 0;
  private readonly codePointCache = new Map<string, ExprId>();
  private readonly regexCache = new Map<string, ExprId>();

  constructor(opts: ExprSetOptions = {}) {
    this.maxExplore = opts.maxExplore ?? 50_000;
    this.EMPTY = this.add(K_EMPTY, 0, 0, 0, undefined, undefined, 0, 0);
    this.EPSILON = this.add(K_EPS, 0, 0, 0, undefined, undefined, F_NULLABLE, 1);
    this.FULL = this.not(this.EMPTY);
  }

  get size(): number {
    return this.count;
  }

  // ---- construction ----

  /** Interns a node without kids or bits (concat, not, repeat, prefix). */
  private mkSimple(kind: number, a: number, b: number, c: number, flags: number): ExprId {
    const h = hashSimple(kind, a, b, c);
    for (let id = this.buckets[h & (this.buckets.length - 1)]!; id >= 0; id = this.chain[id]!) {
      if (this.hashes[id] !== h || this.kind[id] !== kind || this.argA[id] !== a || this.argC[id] !== c) continue;
      if (kind === K_REPEAT ? this.argM[id] === b : this.argB[id] === b) return id;
    }
    return this.add(kind, a, b, c, undefined, undefined, flags, h);
  }

  /** Interns an or/and node with the sorted, duplicate-free kids `buf[0..n)` (copied on a miss). */
  private mkKids(kind: number, buf: readonly ExprId[], n: number, flags: number): ExprId {
    let h = kind;
    for (let i = 0; i < n; i++) h = mix(h, buf[i]!);
    h = finish(h);
    for (let id = this.buckets[h & (this.buckets.length - 1)]!; id >= 0; id = this.chain[id]!) {
      if (this.hashes[id] !== h || this.kind[id] !== kind) continue;
      const ks = this.kids[id]!;
      if (ks.length !== n) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = ks[i] === buf[i];
      if (same) return id;
    }
    return this.add(kind, 0, 0, 0, buf.length === n ? buf : buf.slice(0, n), undefined, flags, h);
  }

  /** Interns a byte-set node (`bits` is kept on a miss: callers pass a fresh array). */
  private bytesNode(bits: Uint32Array): ExprId {
    let h = K_BYTES;
    let any = 0;
    for (let i = 0; i < 8; i++) {
      any |= bits[i]!;
      h = mix(h, bits[i]!);
    }
    if (any === 0) return this.EMPTY;
    h = finish(h);
    for (let id = this.buckets[h & (this.buckets.length - 1)]!; id >= 0; id = this.chain[id]!) {
      if (this.hashes[id] !== h || this.kind[id] !== K_BYTES) continue;
      const bs = this.bits[id]!;
      let same = true;
      for (let i = 0; i < 8 && same; i++) same = bs[i] === bits[i];
      if (same) return id;
    }
    return this.add(K_BYTES, 0, 0, 0, undefined, bits, 0, h);
  }

  private add(
    kind: number,
    a: number,
    b: number,
    c: number,
    kids: readonly ExprId[] | undefined,
    bits: Uint32Array | undefined,
    flags: number,
    hash: number,
  ): ExprId {
    const id = this.count;
    if (id >= MAX_NODES) throw new GramfillError("automaton_too_large", `regex store exceeded ${MAX_NODES} nodes`);
    if (id >= this.kind.length) this.grow();
    this.count = id + 1;
    this.kind[id] = kind;
    this.argA[id] = a;
    if (kind === K_REPEAT) this.argM[id] = b;
    else this.argB[id] = b;
    this.argC[id] = c;
    this.kids.push(kids);
    this.bits.push(bits);
    this.masks.push(undefined);
    this.classMaps.push(undefined);
    this.derivs.push(undefined);
    this.wlen[id] = WITNESS_UNKNOWN;
    this.wpick[id] = -1;
    this.flags[id] = flags;
    this.hashes[id] = hash;
    if (id >= this.buckets.length) this.rehash(this.buckets.length * 2, id);
    const slot = hash & (this.buckets.length - 1);
    this.chain[id] = this.buckets[slot]!;
    this.buckets[slot] = id;
    return id;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const g32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const g64 = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.kind = g32(this.kind);
    this.argA = g32(this.argA);
    this.argB = g32(this.argB);
    this.argM = g64(this.argM);
    this.argC = g64(this.argC);
    this.chain = g32(this.chain);
    this.hashes = g32(this.hashes);
    this.wlen = g32(this.wlen);
    this.wpick = g32(this.wpick);
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
  }

  /** Rebuilds the chains of nodes 0..n-1 over `size` buckets. */
  private rehash(size: number, n: number): void {
    const buckets = new Int32Array(size).fill(-1);
    for (let id = 0; id < n; id++) {
      const slot = this.hashes[id]! & (size - 1);
      this.chain[id] = buckets[slot]!;
      buckets[slot] = id;
    }
    this.buckets = buckets;
  }

  fromRegex(source: string, flags = "", mode: RegexMode = "whole"): ExprId {
    const key = `${mode}/${flags}/${source}`;
    let id = this.regexCache.get(key);
    if (id === undefined) {
      id = compileRegex(this, parseRegex(source, flags), mode);
      this.regexCache.set(key, id);
    }
    return id;
  }

  /** A literal string (UTF-8 encoded; lone surrogates become U+FFFD as with TextEncoder). */
  literal(text: string | Uint8Array, ignoreCase = false): ExprId {
    if (typeof text !== "string") return this.concat(Array.from(text, (b) => this.byte(b)));
    const parts: ExprId[] = [];
    for (const ch of text) {
      let cp = ch.codePointAt(0)!;
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      if (ignoreCase) {
        const cls = foldClass(cp);
        if (cls.length > 1) {
          parts.push(this.codePoints(cls.map((c) => [c, c] as const)));
          continue;
        }
      }
      for (const b of encodeUtf8(cp)) parts.push(this.byte(b));
    }
    return this.concat(parts);
  }

  /** Inclusive code point ranges (optionally complemented within U+0000..U+10FFFF) as UTF-8. */
  codePoints(ranges: ReadonlyArray<readonly [number, number]>, negated = false): ExprId {
    for (const [lo, hi] of ranges) {
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > 0x10ffff) {
        throw new RangeError(`not a code point range: [${lo}, ${hi}]`);
      }
    }
    let set: RangeSet = normalize(ranges);
    if (negated) set = complement(set);
    const key = rangeSetKey(set);
    let id = this.codePointCache.get(key);
    if (id === undefined) {
      id = this.byteSeqs(utf8Sequences(set), 0);
      this.codePointCache.set(key, id);
    }
    return id;
  }

  /** Sequences sharing a leading byte range are factored (a trie), keeping `or`s small. */
  private byteSeqs(seqs: readonly ByteSeq[], depth: number): ExprId {
    const groups = new Map<number, ByteSeq[]>();
    for (const s of seqs) {
      const r = s[depth]!;
      const k = r[0] * 256 + r[1];
      let g = groups.get(k);
      if (g === undefined) groups.set(k, (g = []));
      g.push(s);
    }
    const alts: ExprId[] = [];
    for (const [k, g] of groups) {
      const head = this.byteRange(Math.floor(k / 256), k % 256);
      const rest = g.filter((s) => s.length > depth + 1);
      // Sequences with the same lead byte have the same length, so rest is all or nothing.
      alts.push(rest.length === 0 ? head : this.concat([head, this.byteSeqs(rest, depth + 1)]));
    }
    return this.or(alts);
  }

  private byteRange(lo: number, hi: number): ExprId {
    const bits = new Uint32Array(8);
    for (let b = lo; b <= hi; b++) bits[b >> 5]! |= 1 << (b & 31);
    return this.bytesNode(bits);
  }

  /** The one-byte string `b` (cached: literals are made of these). */
  byte(b: number): ExprId {
    let id = this.singleBytes[b]!;
    if (id < 0) {
      id = this.byteSet([b]);
      this.singleBytes[b] = id;
    }
    return id;
  }

  byteSet(bytes: Iterable<number>): ExprId {
    const bits = new Uint32Array(8);
    for (const b of bytes) {
      if (!Number.isInteger(b) || b < 0 || b > 255) throw new RangeError(`not a byte: ${b}`);
      bits[b >> 5]! |= 1 << (b & 31);
    }
    return this.bytesNode(bits);
  }

  concat(parts: readonly ExprId[]): ExprId {
    let r = this.EPSILON;
    for (let i = parts.length - 1; i >= 0; i--) r = this.cat2(parts[i]!, r);
    return r;
  }

  /** Right-nested binary concatenation: heads are never concats. */
  private cat2(a: ExprId, b: ExprId): ExprId {
    if (a === this.EMPTY || b === this.EMPTY) return this.EMPTY;
    if (a === this.EPSILON) return b;
    if (b === this.EPSILON) return a;
    if (this.kind[a] === K_CONCAT) return this.cat2(this.argA[a]!, this.cat2(this.argB[a]!, b));
    const fa = this.flags[a]!;
    const fb = this.flags[b]!;
    const flags = (fa & fb & F_NULLABLE) | ((fa | fb) & F_BOOL);
    return this.mkSimple(K_CONCAT, a, b, 0, flags);
  }

  or(alts: readonly ExprId[]): ExprId {
    const n = alts.length;
    // or({e}) is e itself (an or/byte-set node is rebuilt into the same node)
    if (n === 1) return alts[0]!;
    if (n === 2) return this.or2(alts[0]!, alts[1]!);
    return this.orOf(alts, n);
  }

  /** or([a, b]) without the array. */
  private or2(a: ExprId, b: ExprId): ExprId {
    if (a === b || b === this.EMPTY) return a;
    if (a === this.EMPTY) return b;
    const buf = [a, b];
    return this.orOf(buf, 2);
  }

  /** The union of `alts[0..n)` (n ≥ 0): flattened, byte sets merged, sorted, deduplicated. */
  private orOf(alts: readonly ExprId[], n: number): ExprId {
    const buf: ExprId[] = [];
    // byte-set parts: the first one's node, and the union of their bits once there are several
    let bytesFrom = -1;
    let bytes: Uint32Array | undefined;
    const kind = this.kind;
    for (let i = 0; i < n; i++) {
      const e = alts[i]!;
      const k = kind[e];
      if (k === K_OR) {
        // kids of an or are never ors or EMPTY
        for (const x of this.kids[e]!) {
          if (kind[x] !== K_BYTES) buf.push(x);
          else if (bytesFrom === -1) bytesFrom = x;
          else if (bytesFrom !== x) bytes = this.unionBits(bytes, bytesFrom, x);
        }
      } else if (k === K_BYTES) {
        if (bytesFrom === -1) bytesFrom = e;
        else if (bytesFrom !== e) bytes = this.unionBits(bytes, bytesFrom, e);
      } else if (e !== this.EMPTY) buf.push(e);
    }
    let m = sortUnique(buf);
    for (let i = 0; i < m; i++) if (buf[i] === this.FULL) return this.FULL;
    if (bytesFrom >= 0) {
      buf.push(bytes === undefined ? bytesFrom : this.bytesNode(bytes));
      m = sortUnique(buf);
    }
    for (let i = 0; i < m; i++) {
      const e = buf[i]!;
      if (this.kind[e] === K_NOT && hasSorted(buf, m, this.argA[e]!)) return this.FULL;
    }
    if (m === 0) return this.EMPTY;
    if (m === 1) return buf[0]!;
    let flags = 0;
    for (let i = 0; i < m; i++) flags |= this.flags[buf[i]!]! & (F_NULLABLE | F_BOOL);
    return this.mkKids(K_OR, buf, m, flags);
  }

  /** acc ∪ bits(y), starting from bits(first) when acc is not there yet (a fresh array). */
  private unionBits(acc: Uint32Array | undefined, first: ExprId, y: ExprId): Uint32Array {
    if (acc === undefined) acc = Uint32Array.from(this.bits[first]!);
    const b = this.bits[y]!;
    for (let i = 0; i < 8; i++) acc[i]! |= b[i]!;
    return acc;
  }

  and(parts: readonly ExprId[]): ExprId {
    const n = parts.length;
    if (n === 1) return parts[0]!; // and({e}) is e itself
    if (n === 2 && parts[0] === parts[1]) return parts[0]!;
    const buf: ExprId[] = [];
    let bytes: Uint32Array | undefined;
    const kind = this.kind;
    for (let i = 0; i < n; i++) {
      const e = parts[i]!;
      const k = kind[e];
      if (e === this.EMPTY) return this.EMPTY;
      if (k === K_AND) {
        // kids of an and are never ands, byte sets, EMPTY or FULL
        for (const x of this.kids[e]!) buf.push(x);
      } else if (k === K_BYTES) {
        const bs = this.bits[e]!;
        if (bytes === undefined) bytes = Uint32Array.from(bs);
        else for (let w = 0; w < 8; w++) bytes[w]! &= bs[w]!;
      } else if (e !== this.FULL) buf.push(e);
    }
    const m = sortUnique(buf);
    for (let i = 0; i < m; i++) {
      const e = buf[i]!;
      if (this.kind[e] !== K_NOT) continue;
      // x ∧ ¬x, and the shapes a flattened conjunction hides it in: (x ∧ y ∧ …) ∧ ¬(x ∧ y),
      // x ∧ ¬(x ∨ z) — schema complements of a shared sub-schema meet it like this, and an
      // emptiness search would otherwise walk the whole automaton of x
      const y = this.argA[e]!;
      if (hasSorted(buf, m, y)) return this.EMPTY;
      const ky = this.kind[y];
      if (ky === K_AND) {
        let all = true;
        for (const k of this.kids[y]!) if (!hasSorted(buf, m, k)) all = false;
        if (all) return this.EMPTY;
      } else if (ky === K_OR) {
        for (const k of this.kids[y]!) if (hasSorted(buf, m, k)) return this.EMPTY;
      }
    }
    if (hasSorted(buf, m, this.EPSILON)) {
      // Only "" can survive: it does iff everything else is nullable.
      if (bytes !== undefined) return this.EMPTY;
      for (let i = 0; i < m; i++) if (!this.nullable(buf[i]!)) return this.EMPTY;
      return this.EPSILON;
    }
    if (bytes !== undefined) {
      // Only single bytes survive: keep b iff every other part accepts the one-byte string b.
      if (m > 0) {
        for (let b = 0; b < 256; b++) {
          if (!(bytes[b >> 5]! & (1 << (b & 31)))) continue;
          for (let i = 0; i < m; i++) {
            if (!this.nullable(this.derivative(buf[i]!, b))) {
              bytes[b >> 5]! &= ~(1 << (b & 31));
              break;
            }
          }
        }
      }
      return this.bytesNode(bytes);
    }
    if (m === 0) return this.FULL;
    if (m === 1) return buf[0]!;
    let nullable = F_NULLABLE;
    for (let i = 0; i < m; i++) nullable &= this.flags[buf[i]!]!;
    return this.mkKids(K_AND, buf, m, nullable | F_BOOL);
  }

  /** Complement with respect to all byte strings (not only valid UTF-8). */
  not(e: ExprId): ExprId {
    if (this.kind[e] === K_NOT) return this.argA[e]!;
    const nullable = this.flags[e]! & F_NULLABLE ? 0 : F_NULLABLE;
    return this.mkSimple(K_NOT, e, 0, 0, nullable | F_BOOL);
  }

  repeat(e: ExprId, min: number, max: number): ExprId {
    if (!Number.isInteger(min) || min < 0 || !(max === Infinity || Number.isInteger(max)) || max < min) {
      throw new RangeError(`bad repeat bounds {${min},${max}}`);
    }
    if (max === 0) return this.EPSILON;
    if (e === this.EMPTY) return min === 0 ? this.EPSILON : this.EMPTY;
    if (e === this.EPSILON) return this.EPSILON;
    if (min === 1 && max === 1) return e;
    // e nullable: the required copies may all be empty, so e{m,n} = e{0,n}.
    if (this.nullable(e)) min = 0;
    // (x*){m,n} = x* (n ≥ 1)
    if (this.kind[e] === K_REPEAT && this.argM[e] === 0 && this.argC[e] === Infinity) return e;
    const flags = (min === 0 ? F_NULLABLE : this.flags[e]! & F_NULLABLE) | (this.flags[e]! & F_BOOL);
    return this.mkSimple(K_REPEAT, e, min, max, flags);
  }

  // ---- queries ----

  /** The (head, tail) of a concatenation, or null. */
  asConcat(e: ExprId): readonly [ExprId, ExprId] | null {
    return this.kind[e] === K_CONCAT ? [this.argA[e]!, this.argB[e]!] : null;
  }

  /** The kids of a union, or null. */
  asOr(e: ExprId): readonly ExprId[] | null {
    return this.kind[e] === K_OR ? this.kids[e]! : null;
  }

  /** The kids of an intersection, or null. */
  asAnd(e: ExprId): readonly ExprId[] | null {
    return this.kind[e] === K_AND ? this.kids[e]! : null;
  }

  /** The body of a complement, or null. */
  asNot(e: ExprId): ExprId | null {
    return this.kind[e] === K_NOT ? this.argA[e]! : null;
  }

  /** True only if e's language is finite (a structural, one-sided test: false may be finite too). */
  provablyFinite(e: ExprId): boolean {
    const known = this.finiteMemo.get(e);
    if (known !== undefined) return known;
    let r: boolean;
    switch (this.kind[e]) {
      case K_EMPTY:
      case K_EPS:
      case K_BYTES:
        r = true;
        break;
      case K_OR:
        r = this.kids[e]!.every((k) => this.provablyFinite(k));
        break;
      case K_AND:
        r = this.kids[e]!.some((k) => this.provablyFinite(k));
        break;
      case K_CONCAT:
        r = (this.provablyFinite(this.argA[e]!) && this.provablyFinite(this.argB[e]!)) || this.isEmpty(this.argA[e]!) || this.isEmpty(this.argB[e]!);
        break;
      case K_REPEAT:
        r = (this.argC[e]! !== Infinity && this.provablyFinite(this.argA[e]!)) || !this.hasNonEmptyWord(this.argA[e]!);
        break;
      case K_PREFIX:
        r = this.provablyFinite(this.argA[e]!);
        break;
      default:
        r = false;
    }
    this.finiteMemo.set(e, r);
    return r;
  }

  /** True only if e's language is infinite (a structural, one-sided test). */
  provablyInfinite(e: ExprId): boolean {
    const known = this.infiniteMemo.get(e);
    if (known !== undefined) return known;
    let r: boolean;
    switch (this.kind[e]) {
      case K_OR:
        r = this.kids[e]!.some((k) => this.provablyInfinite(k));
        break;
      case K_CONCAT: {
        const a = this.argA[e]!;
        const b = this.argB[e]!;
        r = (this.provablyInfinite(a) && !this.isEmpty(b)) || (this.provablyInfinite(b) && !this.isEmpty(a));
        break;
      }
      case K_REPEAT: {
        const x = this.argA[e]!;
        r = (this.argC[e]! === Infinity && this.hasNonEmptyWord(x)) || (this.argC[e]! >= 1 && this.provablyInfinite(x));
        break;
      }
      case K_NOT:
        r = this.provablyFinite(this.argA[e]!);
        break;
      case K_PREFIX:
        r = this.provablyInfinite(this.argA[e]!);
        break;
      default:
        r = false;
    }
    this.infiniteMemo.set(e, r);
    return r;
  }

  /** Does e hold a word of at least one byte? */
  private hasNonEmptyWord(e: ExprId): boolean {
    const reps = this.classRepresentatives(e);
    for (let i = 0; i < reps.length; i++) if (!this.isEmpty(this.derivative(e, reps[i]!))) return true;
    return false;
  }

  nullable(e: ExprId): boolean {
    return (this.flags[e]! & F_NULLABLE) !== 0;
  }

  /**
   * Boundary mask of e's byte classes: bit b set iff a class starts at byte b (bit 0 always).
   * The derivative of e is the same for all bytes of one class. Exposed for LazyDfa.
   */
  byteClassMask(e: ExprId): Uint32Array {
    let m = this.masks[e];
    if (m !== undefined) return m;
    switch (this.kind[e]) {
      case K_EMPTY:
      case K_EPS:
        m = MASK_ONE_CLASS;
        break;
      case K_BYTES: {
        m = new Uint32Array(8);
        const bs = this.bits[e]!;
        m[0] = 1;
        for (let b = 1; b < 256; b++) {
          const cur = (bs[b >> 5]! >>> (b & 31)) & 1;
          const prev = (bs[(b - 1) >> 5]! >>> ((b - 1) & 31)) & 1;
          if (cur !== prev) m[b >> 5]! |= 1 << (b & 31);
        }
        break;
      }
      case K_CONCAT: {
        const a = this.argA[e]!;
        m = this.byteClassMask(a);
        if (this.nullable(a)) m = orMask2(m, this.byteClassMask(this.argB[e]!));
        break;
      }
      case K_OR:
      case K_AND: {
        const ks = this.kids[e]!;
        m = this.byteClassMask(ks[0]!);
        for (let i = 1; i < ks.length; i++) m = orMask2(m, this.byteClassMask(ks[i]!));
        break;
      }
      default: // not, repeat, prefix
        m = this.byteClassMask(this.argA[e]!);
    }
    this.masks[e] = m;
    return m;
  }

  private classMap(e: ExprId): ClassMap {
    let cm = this.classMaps[e];
    if (cm !== undefined) return cm;
    const mask = this.byteClassMask(e);
    let h = 0;
    for (let i = 0; i < 8; i++) h = mix(h, mask[i]!);
    h = finish(h);
    let list = this.classMapByMask.get(h);
    if (list === undefined) this.classMapByMask.set(h, (list = []));
    for (const x of list) if (x.mask === mask || sameMask(x.mask, mask)) cm = x;
    if (cm === undefined) {
      cm = classMapOf(mask);
      list.push(cm);
    }
    this.classMaps[e] = cm;
    return cm;
  }

  /** The byte classes of e: `map[b]` is byte b's class, `reps[c]` class c's smallest byte; bytes of one class have one derivative. */
  byteClasses(e: ExprId): { readonly map: Uint8Array; readonly reps: Uint8Array } {
    return this.classMap(e);
  }

  /** Smallest byte of each byte class of e (one representative per distinct derivative). */
  classRepresentatives(e: ExprId): Uint8Array {
    return this.classMap(e).reps;
  }

  derivative(e: ExprId, byte: number): ExprId {
    if (e <= 1) return this.EMPTY; // EMPTY, EPSILON
    let d = this.derivs[e];
    const cm = this.classMap(e);
    if (d === undefined) {
      d = new Int32Array(cm.reps.length).fill(-1);
      this.derivs[e] = d;
    }
    const ci = cm.map[byte]!;
    let r = d[ci]!;
    if (r < 0) {
      r = this.computeDerivative(e, byte);
      d[ci] = r;
    }
    return r;
  }

  private computeDerivative(e: ExprId, b: number): ExprId {
    switch (this.kind[e]) {
      case K_BYTES:
        return this.bits[e]![b >> 5]! & (1 << (b & 31)) ? this.EPSILON : this.EMPTY;
      case K_CONCAT: {
        const a = this.argA[e]!;
        const tail = this.argB[e]!;
        const first = this.cat2(this.derivative(a, b), tail);
        return this.nullable(a) ? this.or2(first, this.derivative(tail, b)) : first;
      }
      case K_OR: {
        const ks = this.kids[e]!;
        const ds: ExprId[] = new Array<ExprId>(ks.length);
        for (let i = 0; i < ks.length; i++) ds[i] = this.derivative(ks[i]!, b);
        return this.orOf(ds, ds.length);
      }
      case K_AND: {
        // Kids without and/not first (cheap): once one derivative is EMPTY, so is the whole, and
        // the costly ones (derivatives of prefix nodes check emptiness) need not be built.
        const ks = this.kids[e]!;
        const ds: ExprId[] = new Array<ExprId>(ks.length);
        for (let pass = 0; pass < 2; pass++) {
          for (let i = 0; i < ks.length; i++) {
            const k = ks[i]!;
            if (((this.flags[k]! & F_BOOL) === 0) === (pass === 1)) continue;
            const d = this.derivative(k, b);
            if (d === this.EMPTY) return this.EMPTY;
            ds[i] = d;
          }
        }
        return this.and(ds);
      }
      case K_NOT:
        return this.not(this.derivative(this.argA[e]!, b));
      case K_REPEAT: {
        const x = this.argA[e]!;
        const min = this.argM[e]!;
        const max = this.argC[e]!;
        return this.cat2(this.derivative(x, b), this.repeat(x, Math.max(min - 1, 0), max - 1));
      }
      case K_PREFIX:
        return this.prefixes(this.derivative(this.argA[e]!, b));
      default:
        return this.EMPTY;
    }
  }

  /**
   * Exact emptiness. Without and/not, smart constructors make EMPTY the only empty expression;
   * otherwise we search the derivative graph for a nullable state (memoised both ways). `budget`
   * caps the states explored (default: the set's maxExplore); past it, `automaton_too_large`.
   */
  isEmpty(e: ExprId, budget: number = this.maxExplore): boolean {
    const r = this.isEmptyWithin(e, budget);
    if (r === undefined) this.tooLarge(e, "checking emptiness of", budget);
    return r;
  }

  /** `isEmpty` that answers undefined instead of throwing when `budget` states do not suffice. */
  isEmptyWithin(e: ExprId, budget: number): boolean | undefined {
    const f = this.flags[e]!;
    if (!(f & F_BOOL)) return e === this.EMPTY;
    if (f & F_KNOWN_EMPTY) return true;
    if (f & F_KNOWN_NONEMPTY) return false;
    if (this.witnessLen(e) >= 0) {
      this.flags[e]! |= F_KNOWN_NONEMPTY;
      return false;
    }
    // (only for unbudgeted-size searches: callers with a small budget, like the mask tables'
    // slice checks, ask often and mostly about empty languages, where walks are pure overhead)
    if (this.extraWitnesses && budget >= WITNESS_WALK_MIN_BUDGET && this.walkWitness(e)) return false;
    const parent = new Map<ExprId, ExprId>([[e, -1]]);
    const queue: ExprId[] = [e];
    for (let qi = 0; qi < queue.length; qi++) {
      const x = queue[qi]!;
      if ((qi & 255) === 255 && performance.now() > this.deadline) throw new GramfillError("timeout", `time budget ran out while checking whether a language is empty (${queue.length} states searched)`);
      let witness = -1;
      if (this.nullable(x)) witness = x;
      else {
        for (const b of this.classRepresentatives(x)) {
          const d = this.derivative(x, b);
          const fd = this.flags[d]!;
          if (d === this.EMPTY || fd & F_KNOWN_EMPTY || parent.has(d)) continue;
          parent.set(d, x);
          if (fd & F_KNOWN_NONEMPTY || !(fd & F_BOOL) || this.nullable(d)) {
            witness = d;
            break;
          }
          queue.push(d);
          if (parent.size > budget) return undefined;
        }
      }
      if (witness >= 0) {
        for (let y = witness; y >= 0; y = parent.get(y)!) this.flags[y]! |= F_KNOWN_NONEMPTY;
        return false;
      }
    }
    for (const x of queue) this.flags[x]! |= F_KNOWN_EMPTY;
    return true;
  }

  /**
   * A depth-first walk of the derivative graph in random byte-class order (seeded by e), within
   * WITNESS_WALK_STATES states, that stops at the first state known to be non-empty (nullable,
   * flagged, or free of and/not). Breadth-first search finds the shortest member and so walks every
   * state up to its length: for a date-time ∧ /.+T[^Z]/ (a member needs "T", not the least
   * separator byte " ") that is most of the date-time automaton; a walk that is not tied to byte
   * order reaches a member after a few dead ends. Marks the path non-empty when it succeeds.
   */
  private walkWitness(e: ExprId): boolean {
    const rng = mulberry32(e ^ 0x5bd1e995);
    const path: ExprId[] = [];
    let seen = new Set<ExprId>();
    let cap = 0;
    const dfs = (x: ExprId): boolean => {
      const f = this.flags[x]!;
      if (f & (F_NULLABLE | F_KNOWN_NONEMPTY) || !(f & F_BOOL)) return x !== this.EMPTY;
      if (f & F_KNOWN_EMPTY || path.length >= WITNESS_WALK_DEPTH) return false;
      path.push(x);
      const order = Uint8Array.from(this.classRepresentatives(x));
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      for (const b of order) {
        if (seen.size > cap) break;
        const d = this.derivative(x, b);
        if (d === this.EMPTY || seen.has(d)) continue;
        seen.add(d);
        if (dfs(d)) return true;
      }
      path.pop();
      return false;
    };
    // restarts: one walk that enters a dead region (a wrong early choice) would spend the whole
    // budget there; several small walks each take other early choices
    for (let attempt = 0; attempt < WITNESS_WALKS; attempt++) {
      seen = new Set<ExprId>([e]);
      cap = WITNESS_WALK_STATES;
      path.length = 0;
      if (dfs(e)) {
        for (const y of path) this.flags[y]! |= F_KNOWN_NONEMPTY;
        return true;
      }
    }
    return false;
  }

  /**
   * The length of some member of L(e) found without searching the derivative graph, or
   * WITNESS_NONE. Structural: ε for nullable e, the least byte of a byte set, head·tail for a
   * concat, the shortest kid's member for an or, x^min for a repeat, a one-byte word outside x for
   * not(x) when there is one; for an and, a kid's member that every other kid accepts (checked by
   * derivatives). Sound (a found word is a member), so `isEmpty` may answer "non-empty" with it and
   * search only when it fails; e.g. a long counter intersected with a format no longer costs a
   * search per counter value.
   */
  private witnessLen(e: ExprId): number {
    const known = this.wlen[e]!;
    if (known !== WITNESS_UNKNOWN) return known;
    if (this.nullable(e)) {
      this.wlen[e] = 0;
      return 0;
    }
    let len: number;
    try {
      len = this.computeWitness(e);
    } catch (err) {
      // a nested emptiness check (a derivative of a prefix node) gave up: no witness, no error
      if (!(isGramfillError(err) && err.code === "automaton_too_large")) throw err;
      len = WITNESS_NONE;
    }
    if (len > WITNESS_MAX) len = WITNESS_NONE;
    this.wlen[e] = len;
    return len;
  }

  private computeWitness(e: ExprId): number {
    this.wlen[e] = WITNESS_NONE; // while in progress (a nested query on e itself sees "none")
    switch (this.kind[e]) {
      case K_BYTES:
        return 1;
      case K_CONCAT: {
        // along the right-nested spine, iteratively (long literals are long spines)
        const spine: ExprId[] = [e];
        let y = this.argB[e]!;
        while (this.kind[y] === K_CONCAT && this.wlen[y] === WITNESS_UNKNOWN && !this.nullable(y)) {
          spine.push(y);
          this.wlen[y] = WITNESS_NONE; // in progress
          y = this.argB[y]!;
        }
        let tail = this.witnessLen(y);
        for (let i = spine.length - 1; i >= 0; i--) {
          const c = spine[i]!;
          const head = tail < 0 ? WITNESS_NONE : this.witnessLen(this.argA[c]!);
          tail = head < 0 || head + tail > WITNESS_MAX ? WITNESS_NONE : head + tail;
          this.wlen[c] = tail;
        }
        return tail;
      }
      case K_OR: {
        let best = WITNESS_NONE;
        let pick = -1;
        for (const k of this.kids[e]!) {
          const l = this.witnessLen(k);
          if (l >= 0 && (best < 0 || l < best)) {
            best = l;
            pick = k;
            if (l === 0) break;
          }
        }
        this.wpick[e] = pick;
        return best;
      }
      case K_AND: {
        const ks = this.kids[e]!;
        // candidates: the kids' own members and, for kids that are unions, their alternatives'
        // members (`(null|"…") ∧ (0|null|"date…")` meets at null, not at either side's shortest),
        // shortest first; the first one all kids accept wins
        const cands: ExprId[] = [];
        for (const k of ks) {
          if (this.witnessLen(k) < 0) continue;
          cands.push(k);
          if (!this.extraWitnesses || this.kind[k] !== K_OR) continue;
          const alts = this.kids[k]!;
          for (let i = 0; i < alts.length && i < AND_WITNESS_ALTS; i++) if (alts[i] !== this.wpick[k] && this.witnessLen(alts[i]!) >= 0) cands.push(alts[i]!);
        }
        cands.sort((x, y) => this.wlen[x]! - this.wlen[y]!);
        for (const c of cands) {
          const word = this.witnessWord(c);
          let ok = true;
          for (const k of ks) if (k !== c && !this.accepts(k, word)) ok = false;
          if (ok) {
            this.wpick[e] = c;
            return word.length;
          }
        }
        return WITNESS_NONE;
      }
      case K_NOT: {
        // e is not nullable, so x is: look for a byte b with b ∉ L(x)
        const x = this.argA[e]!;
        for (const b of this.classRepresentatives(x)) {
          if (!this.nullable(this.derivative(x, b))) {
            this.wpick[e] = b;
            return 1;
          }
        }
        return WITNESS_NONE;
      }
      case K_REPEAT: {
        const l = this.witnessLen(this.argA[e]!);
        const min = this.argM[e]!;
        return l < 0 || l * min > WITNESS_MAX ? WITNESS_NONE : l * min;
      }
      default: // EMPTY (EPSILON and prefix nodes are nullable)
        return WITNESS_NONE;
    }
  }

  /** The member of L(e) that witnessLen(e) found (e must have one). */
  private witnessWord(e: ExprId): Uint8Array {
    const out = new Uint8Array(this.wlen[e]!);
    const end = this.writeWitness(e, out, 0);
    if (end !== out.length) throw new Error(`internal: witness of length ${out.length} wrote ${end}`);
    return out;
  }

  private writeWitness(e: ExprId, out: Uint8Array, pos: number): number {
    for (;;) {
      if (this.wlen[e] === 0) return pos;
      switch (this.kind[e]) {
        case K_BYTES: {
          const bs = this.bits[e]!;
          let b = 0;
          while (!(bs[b >> 5]! & (1 << (b & 31)))) b++;
          out[pos] = b;
          return pos + 1;
        }
        case K_CONCAT:
          pos = this.writeWitness(this.argA[e]!, out, pos);
          e = this.argB[e]!;
          continue;
        case K_OR:
        case K_AND:
          e = this.wpick[e]!;
          continue;
        case K_NOT:
          out[pos] = this.wpick[e]!;
          return pos + 1;
        case K_REPEAT: {
          const x = this.argA[e]!;
          for (let i = this.argM[e]!; i > 0; i--) pos = this.writeWitness(x, out, pos);
          return pos;
        }
        default:
          throw new Error("internal: no witness to write");
      }
    }
  }

  /** Is `word` in L(e)? (by derivatives) */
  private accepts(e: ExprId, word: Uint8Array): boolean {
    let x = e;
    for (let i = 0; i < word.length; i++) {
      x = this.derivative(x, word[i]!);
      if (x === this.EMPTY) return false;
    }
    return this.nullable(x);
  }

  private tooLarge(e: ExprId, doing: string, cap: number = this.maxExplore): never {
    const text = this.toString(e);
    const shown = text.length > 80 ? text.slice(0, 77) + "..." : text;
    throw new GramfillError(
      "automaton_too_large",
      `automaton exceeded ${cap} states while ${doing} ${shown}`,
    );
  }

  /**
   * Every word of L(e) when there are at most `limit` words, none longer than `maxLength` bytes;
   * undefined otherwise (more words, a longer one, more than `budget` derivatives visited, or, with
   * no length bound, e not provably finite). Depth first over byte classes: a class's bytes share
   * one derivative, so each byte of it extends the class representative's words.
   */
  finiteWords(e: ExprId, limit: number, budget = 20_000, maxLength = Infinity): Uint8Array[] | undefined {
    if (maxLength === Infinity && !this.provablyFinite(e)) return undefined;
    const out: Uint8Array[] = [];
    const path: number[] = [];
    let left = budget;
    const walk = (x: ExprId): boolean => {
      if (x === this.EMPTY) return true;
      if (--left < 0) return false;
      if (this.nullable(x)) {
        if (out.length >= limit) return false;
        out.push(Uint8Array.from(path));
      }
      if (path.length >= maxLength) return this.classRepresentatives(x).every((r) => this.derivative(x, r) === this.EMPTY);
      const mask = this.byteClassMask(x);
      for (const r of this.classRepresentatives(x)) {
        const d = this.derivative(x, r);
        if (d === this.EMPTY) continue;
        let end = r + 1;
        while (end < 256 && !((mask[end >> 5]! >>> (end & 31)) & 1)) end++;
        for (let b = r; b < end; b++) {
          path.push(b);
          const ok = walk(d);
          path.pop();
          if (!ok) return false;
        }
      }
      return true;
    };
    return walk(e) ? out : undefined;
  }

  /**
   * A shortest byte string in L(e), or null if L(e) is empty: of the shortest members spelled by
   * class representatives (each byte class's least byte), the lexicographically least — the word a
   * breadth-first search over derivatives with bytes in ascending order finds. Searched by iterative
   * deepening on the length L from a structural lower bound (`memberLengthBound`): a depth-first
   * walk in ascending byte order through live derivatives whose bound fits the bytes left, with the
   * (state, bytes left) pairs known to have no member memoized. Breadth-first search visited every
   * state within the shortest length: 29k derivatives for a date-time string (~2 s on a loaded
   * machine, once per grammar), where this walks about one path. Past `maxExplore` entered states
   * (a loose bound can make deepening revisit much), the breadth-first search. Cached per expression.
   */
  shortestMember(e: ExprId): Uint8Array | null {
    if (this.isEmpty(e)) return null;
    let w = this.shortest.get(e);
    if (w === undefined) {
      w = this.searchShortest(e) ?? this.shortestByBreadth(e);
      this.shortest.set(e, w);
    }
    return w.slice();
  }

  /** The breadth-first search `shortestMember` falls back to (e is known non-empty). */
  private shortestByBreadth(e: ExprId): Uint8Array {
    const parent = new Map<ExprId, [ExprId, number]>([[e, [-1, 0]]]);
    const queue: ExprId[] = [e];
    for (let qi = 0; qi < queue.length; qi++) {
      const x = queue[qi]!;
      if (this.nullable(x)) {
        const bytes: number[] = [];
        for (let y = x; y !== e; ) {
          const [p, b] = parent.get(y)!;
          bytes.push(b);
          y = p;
        }
        return Uint8Array.from(bytes.reverse());
      }
      for (const b of this.classRepresentatives(x)) {
        const d = this.derivative(x, b);
        if (parent.has(d) || this.isEmpty(d)) continue;
        parent.set(d, [x, b]);
        queue.push(d);
        if (parent.size > this.maxExplore) this.tooLarge(e, "searching a member of");
      }
    }
    throw new Error("internal: no member of a language known to be non-empty");
  }

  private shortest = new Map<ExprId, Uint8Array>();

  /** Iterative deepening for `shortestMember`; undefined past `maxExplore` entered states. */
  private searchShortest(e: ExprId): Uint8Array | undefined {
    // (state, bytes left) with no member of exactly that length, as state · 2^27 + left
    const none = new Set<number>();
    const states: ExprId[] = [];
    const next: number[] = [];
    const path: number[] = [];
    let visits = 0;
    for (let L = this.memberLengthBound(e); ; L++) {
      states.length = 0;
      next.length = 0;
      path.length = 0;
      states.push(e);
      next.push(-1);
      while (states.length > 0) {
        const depth = states.length - 1;
        const x = states[depth]!;
        const left = L - depth;
        let i = next[depth]!;
        if (i < 0) {
          // entering x with `left` bytes to spell
          if (left === 0 ? this.nullable(x) : false) return Uint8Array.from(path);
          if (left === 0 || this.memberLengthBound(x) > left || none.has(x * 2 ** 27 + left)) {
            states.pop();
            next.pop();
            path.pop();
            continue;
          }
          if (++visits > this.maxExplore) return undefined;
          if ((visits & 255) === 0 && performance.now() > this.deadline) throw new GramfillError("timeout", `time budget ran out while searching a shortest member (${visits} states searched)`);
          i = 0;
        }
        const reps = this.classRepresentatives(x);
        let child = -1;
        for (; i < reps.length; i++) {
          const d = this.derivative(x, reps[i]!);
          if (d === this.EMPTY || this.isEmpty(d)) continue;
          child = d;
          break;
        }
        if (child < 0) {
          none.add(x * 2 ** 27 + left);
          states.pop();
          next.pop();
          path.pop();
          continue;
        }
        next[depth] = i + 1;
        states.push(child);
        next.push(-1);
        path.push(reps[i]!);
      }
      // no member of length L: the next length (L(e) is not empty, so some L has one)
    }
  }

  /**
   * A lower bound on the length of every member of e (structural: a byte set 1, concat the sum,
   * or the least kid, and the largest kid, a repeat min × its body's, nullable or not(…) 0 or 1,
   * the empty language a huge value). Memoized.
   */
  memberLengthBound(e: ExprId): number {
    const known = this.lengthBounds.get(e);
    if (known !== undefined) return known;
    let n: number;
    if (this.nullable(e)) n = 0;
    else
      switch (this.kind[e]) {
        case K_EMPTY:
          n = 2 ** 30;
          break;
        case K_BYTES:
          n = 1;
          break;
        case K_CONCAT: {
          // along the right-nested spine, iteratively (long literals are long spines)
          n = 0;
          let y = e;
          while (this.kind[y] === K_CONCAT && !this.lengthBounds.has(y)) {
            n += this.memberLengthBound(this.argA[y]!);
            y = this.argB[y]!;
          }
          n = Math.min(2 ** 30, n + this.memberLengthBound(y));
          break;
        }
        case K_OR: {
          n = 2 ** 30;
          for (const k of this.kids[e]!) n = Math.min(n, this.memberLengthBound(k));
          break;
        }
        case K_AND: {
          n = 0;
          for (const k of this.kids[e]!) n = Math.max(n, this.memberLengthBound(k));
          break;
        }
        case K_REPEAT:
          n = Math.min(2 ** 30, this.argM[e]! * this.memberLengthBound(this.argA[e]!));
          break;
        default:
          // not (non-nullable: every member has a byte), a prefix node (nullable), epsilon (nullable)
          n = 1;
      }
    this.lengthBounds.set(e, n);
    return n;
  }

  private lengthBounds = new Map<ExprId, number>();

  /** { u | ∃v: uv ∈ L(e) }, lazily: d(Prefix e) = Prefix(d e), nullable iff L(e) ≠ ∅. */
  prefixes(e: ExprId): ExprId {
    if (this.isEmpty(e)) return this.EMPTY;
    if (e === this.EPSILON || this.kind[e] === K_PREFIX) return e;
    return this.mkSimple(K_PREFIX, e, 0, 0, F_NULLABLE);
  }

  /** { v | ∃u: uv ∈ L(e) }: the union of all derivatives of e (explored up to the cap). */
  suffixes(e: ExprId): ExprId {
    return this.or(this.allDerivatives(e));
  }

  /** { v | ∃u,w: uvw ∈ L(e) } = suffixes(prefixes(e)). */
  infixes(e: ExprId): ExprId {
    return this.suffixes(this.prefixes(e));
  }

  /**
   * The bytes e's words may contain, over-approximated from its structure alone (no derivatives):
   * the union of its byte sets, except that an intersection keeps the bytes all its kids have and
   * a complement may hold any byte. 256 bits. A word's bytes are each matched by some byte set of
   * the expression, so no byte of a word is missing; linear in the expression's nodes (memoized).
   */
  byteAlphabet(e: ExprId): Uint32Array {
    const memo = this.alphabetMemo[e];
    if (memo !== undefined) return memo;
    // post-order without recursion (literal spines are thousands of nodes deep)
    const stack: ExprId[] = [e];
    while (stack.length > 0) {
      const x = stack[stack.length - 1]!;
      if (this.alphabetMemo[x] !== undefined) {
        stack.pop();
        continue;
      }
      const kids = this.alphabetKids(x);
      let ready = true;
      for (const k of kids) {
        if (this.alphabetMemo[k] === undefined) {
          stack.push(k);
          ready = false;
        }
      }
      if (!ready) continue;
      stack.pop();
      this.alphabetMemo[x] = this.alphabetOf(x, kids);
    }
    return this.alphabetMemo[e]!;
  }

  private alphabetKids(x: ExprId): readonly ExprId[] {
    switch (this.kind[x]) {
      case K_CONCAT:
        return [this.argA[x]!, this.argB[x]!];
      case K_OR:
      case K_AND:
        return this.kids[x]!;
      case K_REPEAT:
      case K_PREFIX:
        return [this.argA[x]!];
      default: // empty, epsilon, bytes, not (any byte)
        return [];
    }
  }

  private alphabetOf(x: ExprId, kids: readonly ExprId[]): Uint32Array {
    const k = this.kind[x];
    if (k === K_BYTES) return this.bits[x]!;
    if (k === K_NOT) return ALL_BYTES;
    if (kids.length === 0) return NO_BYTES;
    if (kids.length === 1) return this.alphabetMemo[kids[0]!]!;
    const out = Uint32Array.from(this.alphabetMemo[kids[0]!]!);
    for (let i = 1; i < kids.length; i++) {
      const a = this.alphabetMemo[kids[i]!]!;
      for (let w = 0; w < 8; w++) out[w] = k === K_AND ? out[w]! & a[w]! : out[w]! | a[w]!;
    }
    return out;
  }

  /**
   * A superset of e's language with no `and`/`not` inside (but FULL): an intersection keeps one
   * of its kids, a complement becomes FULL. Without them EMPTY is the only empty expression and
   * derivatives stay few, so a cheapest-path search over them is cheap where e's own derivatives
   * multiply (intersections of unions, as in the `time` format); a lower bound over the superset
   * is one over e.
   */
  relaxed(e: ExprId): ExprId {
    if ((this.flags[e]! & F_BOOL) === 0 || e === this.FULL) return e;
    let r = this.relaxMemo.get(e);
    if (r !== undefined) return r;
    switch (this.kind[e]) {
      case K_CONCAT: {
        // iterative along the spine (literal spines are thousands of nodes deep)
        const heads: ExprId[] = [];
        let t = e;
        while (this.kind[t] === K_CONCAT && (this.flags[t]! & F_BOOL) !== 0) {
          heads.push(this.relaxed(this.argA[t]!));
          t = this.argB[t]!;
        }
        heads.push(this.relaxed(t));
        r = this.concat(heads);
        break;
      }
      case K_OR:
        r = this.or(this.kids[e]!.map((k) => this.relaxed(k)));
        break;
      case K_AND: {
        // a kid that is no complement keeps the most of the intersection's shape
        const ks = this.kids[e]!;
        const kept = ks.find((k) => this.kind[k] !== K_NOT) ?? ks[0]!;
        r = this.relaxed(kept);
        break;
      }
      case K_NOT:
        r = this.FULL;
        break;
      case K_REPEAT:
        r = this.repeat(this.relaxed(this.argA[e]!), this.argM[e]!, this.argC[e]!);
        break;
      case K_PREFIX:
        r = this.prefixes(this.relaxed(this.argA[e]!));
        break;
      default:
        r = e;
    }
    this.relaxMemo.set(e, r);
    return r;
  }

  private allDerivatives(e: ExprId): ExprId[] {
    const seen = new Set<ExprId>([e]);
    const queue: ExprId[] = [e];
    for (let qi = 0; qi < queue.length; qi++) {
      const x = queue[qi]!;
      for (const b of this.classRepresentatives(x)) {
        const d = this.derivative(x, b);
        if (d === this.EMPTY || seen.has(d)) continue;
        seen.add(d);
        queue.push(d);
        if (seen.size > this.maxExplore) this.tooLarge(e, "collecting the suffixes of");
      }
    }
    return queue;
  }

  // ---- structural ids (shared by every ExprSet of the process) ----

  /**
   * A key for the set of languages of `exprs` that is the same in every ExprSet: the sorted,
   * duplicate-free structural ids of the expressions, prefixed with the interner's epoch. Equal
   * keys mean equal sets of languages (equal structure up to the order of or/and kids, which
   * are sets), so caches across grammars can key on it (the mask's token tables). Costs one
   * interner lookup per node never keyed before in this set.
   */
  structuralKey(exprs: readonly ExprId[]): string {
    if (STRUCTURAL.ids.size > STRUCTURAL_CAP) {
      STRUCTURAL.ids = new Map();
      STRUCTURAL.epoch++;
    }
    const ids: number[] = [];
    for (const e of exprs) ids.push(this.structuralId(e));
    ids.sort((a, b) => a - b);
    let key = `${STRUCTURAL.epoch}:`;
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) key += (i === 0 ? "" : ",") + ids[i];
    return key;
  }

  /** The structural id of `e` (iterative post-order: literal spines are thousands of nodes deep). */
  private structuralId(e: ExprId): number {
    if (this.sidEpoch !== STRUCTURAL.epoch || this.sids.length < this.count) {
      const grown = new Int32Array(Math.max(1024, this.count * 2));
      if (this.sidEpoch === STRUCTURAL.epoch) grown.set(this.sids);
      this.sids = grown;
      this.sidEpoch = STRUCTURAL.epoch;
    }
    const sids = this.sids;
    if (sids[e] !== 0) return sids[e]! - 1;
    const stack = [e];
    while (stack.length > 0) {
      const x = stack[stack.length - 1]!;
      if (sids[x] !== 0) {
        stack.pop();
        continue;
      }
      const k = this.kind[x]!;
      let pending = false;
      if (k === K_CONCAT || k === K_NOT || k === K_REPEAT || k === K_PREFIX) {
        const a = this.argA[x]!;
        if (sids[a] === 0) (stack.push(a), (pending = true));
        if (k === K_CONCAT) {
          const b = this.argB[x]!;
          if (sids[b] === 0) (stack.push(b), (pending = true));
        }
      } else if (k === K_OR || k === K_AND) {
        for (const kid of this.kids[x]!) if (sids[kid] === 0) (stack.push(kid), (pending = true));
      }
      if (pending) continue;
      stack.pop();
      let key: string;
      switch (k) {
        case K_EMPTY:
          key = "0";
          break;
        case K_EPS:
          key = "e";
          break;
        case K_BYTES:
          key = "b" + this.bits[x]!.join(",");
          break;
        case K_CONCAT:
          key = `c${sids[this.argA[x]!]! - 1},${sids[this.argB[x]!]! - 1}`;
          break;
        case K_NOT:
          key = `n${sids[this.argA[x]!]! - 1}`;
          break;
        case K_PREFIX:
          key = `p${sids[this.argA[x]!]! - 1}`;
          break;
        case K_REPEAT:
          key = `r${sids[this.argA[x]!]! - 1},${this.argM[x]!},${this.argC[x]!}`;
          break;
        default: {
          // or/and: kids are a set; their local order (by local id) is not structure
          const ks = this.kids[x]!.map((kid) => sids[kid]! - 1).sort((a, b) => a - b);
          key = (k === K_OR ? "o" : "a") + ks.join(",");
        }
      }
      let id = STRUCTURAL.ids.get(key);
      if (id === undefined) STRUCTURAL.ids.set(key, (id = STRUCTURAL.ids.size));
      sids[x] = id + 1;
    }
    return sids[e]! - 1;
  }

  // ---- printing ----

  toString(e: ExprId): string {
    const out: string[] = [];
    let budget = 10_000;
    const go = (x: ExprId, prec: number): void => {
      if (--budget < 0) {
        if (budget === -1) out.push("…");
        return;
      }
      const paren = (p: number, f: () => void): void => {
        if (prec > p) out.push("(");
        f();
        if (prec > p) out.push(")");
      };
      switch (this.kind[x]) {
        case K_EMPTY:
          out.push("∅");
          return;
        case K_EPS:
          out.push("ε");
          return;
        case K_BYTES:
          out.push(showBytes(this.bits[x]!));
          return;
        case K_CONCAT:
          paren(2, () => {
            // iterate along the right-nested spine: long literals must not recurse per byte
            let y = x;
            for (; this.kind[y] === K_CONCAT && budget >= 0; y = this.argB[y]!) go(this.argA[y]!, 3);
            if (this.kind[y] !== K_CONCAT) go(y, 3);
          });
          return;
        case K_OR:
          paren(0, () => this.kids[x]!.forEach((k, i) => (i > 0 && out.push("|"), go(k, 1))));
          return;
        case K_AND:
          paren(1, () => this.kids[x]!.forEach((k, i) => (i > 0 && out.push("&"), go(k, 2))));
          return;
        case K_NOT:
          out.push("~");
          go(this.argA[x]!, 4);
          return;
        case K_REPEAT: {
          go(this.argA[x]!, 4);
          const min = this.argM[x]!;
          const max = this.argC[x]!;
          if (min === 0 && max === Infinity) out.push("*");
          else if (min === 1 && max === Infinity) out.push("+");
          else if (min === 0 && max === 1) out.push("?");
          else if (min === max) out.push(`{${min}}`);
          else out.push(`{${min},${max === Infinity ? "" : max}}`);
          return;
        }
        case K_PREFIX:
          out.push("prefixes(");
          go(this.argA[x]!, 0);
          out.push(")");
          return;
      }
    };
    go(e, 0);
    return out.join("");
  }
}

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b);
  return (h ^ (h >>> 16)) | 0;
}

function hashSimple(kind: number, a: number, b: number, c: number): number {
  return finish(mix(mix(mix(kind, a), b | 0), c === Infinity ? 0x7fffffff : c | 0));
}

/** Sorts `buf` ascending and drops duplicates in place; returns the new length. */
function sortUnique(buf: ExprId[]): number {
  const n = buf.length;
  if (n < 2) return n;
  if (n <= 16) {
    for (let i = 1; i < n; i++) {
      const x = buf[i]!;
      let j = i - 1;
      while (j >= 0 && buf[j]! > x) {
        buf[j + 1] = buf[j]!;
        j--;
      }
      buf[j + 1] = x;
    }
  } else buf.sort((x, y) => x - y);
  let m = 1;
  for (let i = 1; i < n; i++) if (buf[i] !== buf[m - 1]) buf[m++] = buf[i]!;
  buf.length = m;
  return m;
}

/** Is x among the sorted `buf[0..n)`? */
function hasSorted(buf: readonly ExprId[], n: number, x: ExprId): boolean {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = buf[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** a | b, as `a` or `b` itself when that one already holds every boundary of the other */
function orMask2(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a === b) return a;
  let aHasB = true;
  let bHasA = true;
  for (let i = 0; i < 8; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ((x | y) !== x) aHasB = false;
    if ((x | y) !== y) bHasA = false;
  }
  if (aHasB) return a;
  if (bHasA) return b;
  const m = new Uint32Array(8);
  for (let i = 0; i < 8; i++) m[i] = a[i]! | b[i]!;
  return m;
}

function sameMask(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < 8; i++) if (a[i] !== b[i]) return false;
  return true;
}

function classMapOf(mask: Uint32Array): ClassMap {
  const map = new Uint8Array(256);
  const reps: number[] = [];
  for (let b = 0; b < 256; b++) {
    if (mask[b >> 5]! & (1 << (b & 31))) reps.push(b);
    map[b] = reps.length - 1;
  }
  return { mask, map, reps: Uint8Array.from(reps) };
}

function showByte(b: number): string {
  if (b >= 0x21 && b < 0x7f) return /[\\\]\[^\-.|()*+?{}&~]/.test(String.fromCharCode(b)) ? "\\" + String.fromCharCode(b) : String.fromCharCode(b);
  return `\\x${b.toString(16).padStart(2, "0")}`;
}

function showBytes(bits: Uint32Array): string {
  const ranges: [number, number][] = [];
  for (let b = 0; b < 256; b++) {
    if (!(bits[b >> 5]! & (1 << (b & 31)))) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === b - 1) last[1] = b;
    else ranges.push([b, b]);
  }
  if (ranges.length === 1 && ranges[0]![0] === ranges[0]![1]) return showByte(ranges[0]![0]);
  if (ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === 255) return "\\C";
  const body = ranges.map(([lo, hi]) => (lo === hi ? showByte(lo) : `${showByte(lo)}-${showByte(hi)}`)).join("");
  return `[${body}]`;
}

