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
import { GramfillError } from "../util/errors.js";
import { complement, foldClass, normalize, rangeSetKey, type RangeSet } from "./charset.js";
import { compileRegex, type RegexMode } from "./compile.js";
import { parseRegex } from "./parse.js";
import { encodeUtf8, utf8Sequences, type ByteSeq } from "./utf8.js";

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

interface ClassMap {
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
  private readonly kind: number[] = [];
  /** concat head; child of not/repeat/prefix */
  private readonly argA: number[] = [];
  /** concat tail; repeat min */
  private readonly argB: number[] = [];
  /** repeat max (may be Infinity) */
  private readonly argC: number[] = [];
  private readonly kids: (readonly ExprId[] | undefined)[] = [];
  private readonly bits: (Uint32Array | undefined)[] = [];
  private flags = new Uint8Array(1024);
  private readonly interned = new Map<string, ExprId>();
  private readonly concatIds = new Map<number, ExprId>();
  private readonly notIds = new Map<number, ExprId>();
  private readonly prefixIds = new Map<number, ExprId>();
  /** byte → its singleton byte-set node (-1 until built) */
  private readonly singleBytes = new Int32Array(256).fill(-1);

  private readonly masks: (Uint32Array | undefined)[] = [];
  private readonly classMaps: (ClassMap | undefined)[] = [];
  private readonly classMapByMask = new Map<string, ClassMap>();
  private readonly derivs: (Int32Array | undefined)[] = [];

  private readonly codePointCache = new Map<string, ExprId>();
  private readonly regexCache = new Map<string, ExprId>();

  constructor(opts: ExprSetOptions = {}) {
    this.maxExplore = opts.maxExplore ?? 50_000;
    this.EMPTY = this.mk("0", K_EMPTY, 0, 0, 0, undefined, undefined, 0);
    this.EPSILON = this.mk("e", K_EPS, 0, 0, 0, undefined, undefined, F_NULLABLE);
    this.FULL = this.not(this.EMPTY);
  }

  get size(): number {
    return this.kind.length;
  }

  // ---- construction ----

  /** Interns by string key (or/and/repeat/byte sets: rarer nodes with compound keys). */
  private mk(
    key: string,
    kind: number,
    a: number,
    b: number,
    c: number,
    kids: readonly ExprId[] | undefined,
    bits: Uint32Array | undefined,
    flags: number,
  ): ExprId {
    const found = this.interned.get(key);
    if (found !== undefined) return found;
    const id = this.add(kind, a, b, c, kids, bits, flags);
    this.interned.set(key, id);
    return id;
  }

  /** Interns by a numeric key (concat/not/prefix: the bulk of all nodes; no string building). */
  private mkNum(map: Map<number, ExprId>, key: number, kind: number, a: number, b: number, flags: number): ExprId {
    const found = map.get(key);
    if (found !== undefined) return found;
    const id = this.add(kind, a, b, 0, undefined, undefined, flags);
    map.set(key, id);
    return id;
  }

  private add(
    kind: number,
    a: number,
    b: number,
    c: number,
    kids: readonly ExprId[] | undefined,
    bits: Uint32Array | undefined,
    flags: number,
  ): ExprId {
    const id = this.kind.length;
    if (id >= MAX_NODES) throw new GramfillError("automaton_too_large", `regex store exceeded ${MAX_NODES} nodes`);
    this.kind.push(kind);
    this.argA.push(a);
    this.argB.push(b);
    this.argC.push(c);
    this.kids.push(kids);
    this.bits.push(bits);
    this.masks.push(undefined);
    this.classMaps.push(undefined);
    this.derivs.push(undefined);
    if (id >= this.flags.length) {
      const grown = new Uint8Array(this.flags.length * 2);
      grown.set(this.flags);
      this.flags = grown;
    }
    this.flags[id] = flags;
    return id;
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

  private bytesNode(bits: Uint32Array): ExprId {
    if (bits.every((w) => w === 0)) return this.EMPTY;
    return this.mk(`b${bits.join(",")}`, K_BYTES, 0, 0, 0, undefined, bits, 0);
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
    return this.mkNum(this.concatIds, a * MAX_NODES + b, K_CONCAT, a, b, flags);
  }

  or(alts: readonly ExprId[]): ExprId {
    const set = new Set<ExprId>();
    let bytes: Uint32Array | undefined;
    const add = (e: ExprId): void => {
      const k = this.kind[e];
      if (k === K_OR) for (const x of this.kids[e]!) add(x);
      else if (k === K_BYTES) {
        bytes ??= new Uint32Array(8);
        const bs = this.bits[e]!;
        for (let i = 0; i < 8; i++) bytes[i]! |= bs[i]!;
      } else if (e !== this.EMPTY) set.add(e);
    };
    for (const e of alts) add(e);
    if (set.has(this.FULL)) return this.FULL;
    if (bytes !== undefined) set.add(this.bytesNode(bytes));
    for (const e of set) if (this.kind[e] === K_NOT && set.has(this.argA[e]!)) return this.FULL;
    if (set.size === 0) return this.EMPTY;
    if (set.size === 1) return set.values().next().value!;
    const kids = [...set].sort((x, y) => x - y);
    let flags = 0;
    for (const e of kids) flags |= this.flags[e]! & (F_NULLABLE | F_BOOL);
    return this.mk(`|${kids.join(",")}`, K_OR, 0, 0, 0, kids, undefined, flags);
  }

  and(parts: readonly ExprId[]): ExprId {
    const set = new Set<ExprId>();
    let bytes: Uint32Array | undefined;
    let empty = false;
    const add = (e: ExprId): void => {
      const k = this.kind[e];
      if (e === this.EMPTY) empty = true;
      else if (k === K_AND) for (const x of this.kids[e]!) add(x);
      else if (k === K_BYTES) {
        const bs = this.bits[e]!;
        if (bytes === undefined) bytes = Uint32Array.from(bs);
        else for (let i = 0; i < 8; i++) bytes[i]! &= bs[i]!;
      } else if (e !== this.FULL) set.add(e);
    };
    for (const e of parts) add(e);
    if (empty) return this.EMPTY;
    for (const e of set) if (this.kind[e] === K_NOT && set.has(this.argA[e]!)) return this.EMPTY;
    if (set.has(this.EPSILON)) {
      // Only "" can survive: it does iff everything else is nullable.
      if (bytes !== undefined) return this.EMPTY;
      for (const e of set) if (!this.nullable(e)) return this.EMPTY;
      return this.EPSILON;
    }
    if (bytes !== undefined) {
      // Only single bytes survive: keep b iff every other part accepts the one-byte string b.
      const keep: number[] = [];
      for (let b = 0; b < 256; b++) {
        if (!(bytes[b >> 5]! & (1 << (b & 31)))) continue;
        let ok = true;
        for (const e of set) if (!this.nullable(this.derivative(e, b))) ok = false;
        if (ok) keep.push(b);
      }
      return this.byteSet(keep);
    }
    if (set.size === 0) return this.FULL;
    if (set.size === 1) return set.values().next().value!;
    const kids = [...set].sort((x, y) => x - y);
    let nullable = F_NULLABLE;
    for (const e of kids) nullable &= this.flags[e]!;
    return this.mk(`&${kids.join(",")}`, K_AND, 0, 0, 0, kids, undefined, nullable | F_BOOL);
  }

  /** Complement with respect to all byte strings (not only valid UTF-8). */
  not(e: ExprId): ExprId {
    if (this.kind[e] === K_NOT) return this.argA[e]!;
    const nullable = this.flags[e]! & F_NULLABLE ? 0 : F_NULLABLE;
    return this.mkNum(this.notIds, e, K_NOT, e, 0, nullable | F_BOOL);
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
    if (this.kind[e] === K_REPEAT && this.argB[e] === 0 && this.argC[e] === Infinity) return e;
    const flags = (min === 0 ? F_NULLABLE : this.flags[e]! & F_NULLABLE) | (this.flags[e]! & F_BOOL);
    return this.mk(`*${e},${min},${max}`, K_REPEAT, e, min, max, undefined, undefined, flags);
  }

  // ---- queries ----

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
        m = this.nullable(a) ? orMasks([this.byteClassMask(a), this.byteClassMask(this.argB[e]!)]) : this.byteClassMask(a);
        break;
      }
      case K_OR:
      case K_AND:
        m = orMasks(this.kids[e]!.map((k) => this.byteClassMask(k)));
        break;
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
    const key = mask.join(",");
    cm = this.classMapByMask.get(key);
    if (cm === undefined) {
      cm = classMapOf(mask);
      this.classMapByMask.set(key, cm);
    }
    this.classMaps[e] = cm;
    return cm;
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
        return this.nullable(a) ? this.or([first, this.derivative(tail, b)]) : first;
      }
      case K_OR:
        return this.or(this.kids[e]!.map((k) => this.derivative(k, b)));
      case K_AND:
        return this.and(this.kids[e]!.map((k) => this.derivative(k, b)));
      case K_NOT:
        return this.not(this.derivative(this.argA[e]!, b));
      case K_REPEAT: {
        const x = this.argA[e]!;
        const min = this.argB[e]!;
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
    const parent = new Map<ExprId, ExprId>([[e, -1]]);
    const queue: ExprId[] = [e];
    for (let qi = 0; qi < queue.length; qi++) {
      const x = queue[qi]!;
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

  private tooLarge(e: ExprId, doing: string, cap: number = this.maxExplore): never {
    const text = this.toString(e);
    const shown = text.length > 80 ? text.slice(0, 77) + "..." : text;
    throw new GramfillError(
      "automaton_too_large",
      `automaton exceeded ${cap} states while ${doing} ${shown}`,
    );
  }

  /** A shortest byte string in L(e) (the least bytes at each step), or null if L(e) is empty. */
  shortestMember(e: ExprId): Uint8Array | null {
    if (this.isEmpty(e)) return null;
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
    return null; // unreachable: isEmpty(e) was false
  }

  /** { u | ∃v: uv ∈ L(e) }, lazily: d(Prefix e) = Prefix(d e), nullable iff L(e) ≠ ∅. */
  prefixes(e: ExprId): ExprId {
    if (this.isEmpty(e)) return this.EMPTY;
    if (e === this.EPSILON || this.kind[e] === K_PREFIX) return e;
    return this.mkNum(this.prefixIds, e, K_PREFIX, e, 0, F_NULLABLE);
  }

  /** { v | ∃u: uv ∈ L(e) }: the union of all derivatives of e (explored up to the cap). */
  suffixes(e: ExprId): ExprId {
    return this.or(this.allDerivatives(e));
  }

  /** { v | ∃u,w: uvw ∈ L(e) } = suffixes(prefixes(e)). */
  infixes(e: ExprId): ExprId {
    return this.suffixes(this.prefixes(e));
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
          const min = this.argB[x]!;
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

function orMasks(masks: readonly Uint32Array[]): Uint32Array {
  const m = new Uint32Array(8);
  for (const x of masks) for (let i = 0; i < 8; i++) m[i]! |= x[i]!;
  return m;
}

function classMapOf(mask: Uint32Array): ClassMap {
  const map = new Uint8Array(256);
  const reps: number[] = [];
  for (let b = 0; b < 256; b++) {
    if (mask[b >> 5]! & (1 << (b & 31))) reps.push(b);
    map[b] = reps.length - 1;
  }
  return { map, reps: Uint8Array.from(reps) };
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
