/**
 * The lexeme lattice of a canvas: which terminal can read which stretch of the canvas, with the
 * greedy lexer's rule "a lexeme ends only where the next byte cannot extend it".
 *
 * A boundary (between two lexemes) is a pair (node, fc): a node of the canvas' byte graph and a set
 * of bytes the next lexeme may not start with (fc = "forbidden continuation", the bytes that would
 * have extended the previous lexeme). fc is resolved at once when the next byte is a known fragment
 * byte, so only boundaries inside holes carry one.
 *
 * Lexer context (the one over-approximation of the lexing, see README of this folder / checker.ts):
 * the real lexer runs from the terminals the Earley parser expects next, plus the ignored ones. That
 * set depends on every parse of the whole prefix, which a chart over automaton states cannot track.
 * A lexeme read as terminal t is lexed here with the context {t} ∪ ignored — a subset of the real
 * one (t is expected wherever a derivation reads it). Fewer candidates can only end a lexeme earlier
 * or at the same place, never later, so every real lexing is also a lexing here (sound: no false
 * "infeasible"); the converse can fail when a terminal outside {t} ∪ ignored but expected by the
 * parser would have extended the lexeme (e.g. keyword `int` vs identifier `intx`). Witnesses are
 * therefore always verified by the real parser.
 */
import { LazyDfa } from "../regex/index.js";
import type { CompiledGrammar } from "../parser/compile.js";
import type { ByteGraph } from "./canvas.js";

const DEAD = LazyDfa.DEAD;
/**
 * Loops of holes with room for more than this many bytes get relaxed classes (`endBoundary`): in
 * a small hole the ignored bytes that witnesses need to keep such lexemes apart would not fit, the
 * candidates would fail and the check escalate to costlier tiers.
 */
const RELAX_MIN_BYTES = 64;

/** Per compiled grammar: lexer start states, live-byte classes, successor lists. Shared by all canvases. */
export class LexTables {
  readonly dfa: LazyDfa;
  /** number of terminals; lexeme kind `T` means "any ignored terminal" */
  readonly T: number;
  private readonly ignored: Uint8Array;
  private readonly starts: Int32Array;
  private fcOfState = new Int32Array(256).fill(-1);
  /** per class, 256 flags; class 0 = no byte forbidden */
  readonly fcBits: Uint8Array[] = [new Uint8Array(256)];
  private readonly fcByKey = new Map<string, number>([["", 0]]);
  private readonly succs: (Int32Array | undefined)[] = [];

  constructor(g: CompiledGrammar) {
    this.dfa = g.dfa;
    this.T = g.bnf.numTerminals;
    this.ignored = g.ignoredMask;
    const ign = g.bnf.ignoredTerminals;
    this.starts = new Int32Array(this.T + 1).fill(-1);
    this.starts[this.T] = ign.length ? this.dfa.startState(ign) : DEAD;
    this.ignList = ign;
  }
  private readonly ignList: readonly number[];

  /** Lexer state a lexeme of kind k starts in (context {k} ∪ ignored). */
  start(k: number): number {
    let s = this.starts[k]!;
    if (s < 0) {
      s = this.dfa.startState(this.ignored[k] ? this.ignList : [k, ...this.ignList]);
      this.starts[k] = s;
    }
    return s;
  }

  accepts(k: number, s: number): boolean {
    const acc = this.dfa.acceptingPatterns(s);
    if (k === this.T) {
      for (const p of acc) if (this.ignored[p]) return true;
      return false;
    }
    return acc.includes(k);
  }

  live(k: number, s: number): boolean {
    if (s === DEAD) return false;
    return k === this.T || this.dfa.livePatterns(s).includes(k);
  }

  /** The class of bytes that extend state s (the bytes a following lexeme may not start with). */
  fcOf(s: number): number {
    if (s >= this.fcOfState.length) {
      const a = new Int32Array(Math.max(s + 1, this.fcOfState.length * 2)).fill(-1);
      a.set(this.fcOfState);
      this.fcOfState = a;
    }
    let c = this.fcOfState[s]!;
    if (c < 0) {
      const bits = new Uint8Array(256);
      let key = "";
      for (let b = 0; b < 256; b++) {
        if (this.dfa.next(s, b) !== DEAD) {
          bits[b] = 1;
          key += String.fromCharCode(b);
        }
      }
      c = this.fcByKey.get(key) ?? -1;
      if (c < 0) {
        c = this.fcBits.length;
        this.fcBits.push(bits);
        this.fcByKey.set(key, c);
      }
      this.fcOfState[s] = c;
    }
    return c;
  }

  /** The class forbidding only byte b. */
  singleByteClass(b: number): number {
    const key = String.fromCharCode(b);
    let c = this.fcByKey.get(key);
    if (c === undefined) {
      const bits = new Uint8Array(256);
      bits[b] = 1;
      c = this.fcBits.length;
      this.fcBits.push(bits);
      this.fcByKey.set(key, c);
    }
    return c;
  }

  private pad = -2;
  /** A byte that alone is an ignored lexeme (a space if that is one), or -1. */
  padByte(): number {
    if (this.pad === -2) {
      this.pad = -1;
      const s = this.start(this.T);
      if (s !== DEAD) {
        for (const b of [0x20, 0x0a, 0x09, ...Array.from({ length: 256 }, (_, i) => i)]) {
          if (this.accepts(this.T, this.dfa.next(s, b))) {
            this.pad = b;
            break;
          }
        }
      }
    }
    return this.pad;
  }

  /** words of a terminal bitset */
  get words(): number {
    return (this.T + 31) >>> 5;
  }
  private readonly firstByByte: (Uint32Array | undefined)[] = [];
  private readonly anyFirstByFc: (Uint32Array | undefined)[] = [];

  /** Terminals t (bitset) whose lexer, in context {t} ∪ ignored, survives reading b first. */
  firstBits(b: number): Uint32Array {
    let r = this.firstByByte[b];
    if (r === undefined) {
      r = new Uint32Array(this.words);
      for (let t = 0; t < this.T; t++) {
        const s = this.start(t);
        if (s !== DEAD && this.live(t, this.dfa.next(s, b))) r[t >>> 5]! |= 1 << (t & 31);
      }
      this.firstByByte[b] = r;
    }
    return r;
  }

  /** Union of `firstBits(b)` over the bytes b not in forbidden class fc. */
  anyFirstBits(fc: number): Uint32Array {
    let r = this.anyFirstByFc[fc];
    if (r === undefined) {
      r = new Uint32Array(this.words);
      const forbidden = this.fcBits[fc]!;
      for (let b = 0; b < 256; b++) {
        if (forbidden[b]) continue;
        const f = this.firstBits(b);
        for (let i = 0; i < r.length; i++) r[i]! |= f[i]!;
      }
      this.anyFirstByFc[fc] = r;
    }
    return r;
  }

  /** Distinct live successors of s over all bytes, as pairs (state, a byte leading there). */
  succ(s: number): Int32Array {
    let r = this.succs[s];
    if (r === undefined) {
      const seen = new Map<number, number>();
      for (let b = 0; b < 256; b++) {
        const n = this.dfa.next(s, b);
        if (n !== DEAD && !seen.has(n)) seen.set(n, b);
      }
      r = new Int32Array(seen.size * 2);
      let i = 0;
      for (const [n, b] of seen) {
        r[i++] = n;
        r[i++] = b;
      }
      this.succs[s] = r;
    }
    return r;
  }
}

/**
 * The lexemes of one kind starting at one boundary: their end boundaries, and a search tree over
 * (node, lexer state) to read back the bytes of each.
 */
export interface EdgeSet {
  targets: number[];
  /** per target, the search-tree entry where the lexeme ended */
  ends: number[];
  /** per target, the lexeme's bytes read in holes (a cost-ordered chart's edge weight) */
  holeBytes: number[];
  /** search tree: the node a byte was read at, the byte, the parent entry (-1 at the root) */
  readAt: number[];
  byte: number[];
  prev: number[];
}

const NO_EDGES: EdgeSet = Object.freeze({ targets: [], ends: [], holeBytes: [], readAt: [], byte: [], prev: [] }) as unknown as EdgeSet;

export interface IgnoreClosure {
  /** boundaries reachable by zero or more ignored lexemes, the start first */
  members: number[];
  /** member → [previous member, edge set, target index] */
  parent: Map<number, [number, EdgeSet, number]>;
  /** per member, the hole bytes of the ignored lexemes leading to it (along `parent`) */
  holeBytes: number[];
}

/** A lattice would grow the lexer DFA past its `dfaGrowth`: the checker tries a bounded model of the holes instead. */
export class LatticeTooLarge extends Error {
  constructor() {
    super("the lexeme lattice would grow the lexer automaton past its budget");
  }
}

/** The lattice of one canvas: boundaries are created lazily, lexeme edges cached per (boundary, kind). */
export class Lattice {
  readonly g: ByteGraph;
  readonly lt: LexTables;
  private readonly bKey = new Map<number, number>();
  readonly bNode: number[] = [];
  readonly bFc: number[] = [];
  private readonly edgeCache = new Map<number, EdgeSet>();
  private readonly icCache = new Map<number, IgnoreClosure>();
  edgesBuilt = 0;
  productStates = 0;
  /** lexeme ends whose forbidden class was relaxed (`endBoundary`) */
  relaxedEnds = 0;

  /** relax forbidden classes at unbounded holes' loop nodes (see `endBoundary`) */
  private readonly relaxLoops: boolean;

  /**
   * the lexer DFA may hold at most this many states while this lattice is built: a counting
   * terminal (a string with maxLength 65535) walked round an unbounded hole's loop would otherwise
   * create every counter state and fill the grammar's shared DFA to its cap
   */
  private readonly dfaLimit: number;

  /** product states (lexer state × byte-graph node) the lattice may visit, over all its edges */
  private readonly productLimit: number;

  constructor(g: ByteGraph, lt: LexTables, relaxLoops = true, dfaGrowth = Infinity, maxProductStates = Infinity) {
    this.g = g;
    this.lt = lt;
    this.dfaLimit = lt.dfa.numStates + dfaGrowth;
    this.productLimit = maxProductStates;
    // the relaxation stands for "an ignored byte in between"; without one it would only lose proofs
    this.relaxLoops = relaxLoops && lt.padByte() >= 0;
  }

  get numBoundaries(): number {
    return this.bNode.length;
  }

  boundary(node: number, fc: number): number {
    const key = fc * (this.g.end + 1) + node;
    let id = this.bKey.get(key);
    if (id === undefined) {
      id = this.bNode.length;
      this.bNode.push(node);
      this.bFc.push(fc);
      this.bKey.set(key, id);
    }
    return id;
  }

  /** The start boundary: node 0, nothing forbidden. */
  startBoundary(): number {
    return this.boundary(this.g.canon(0), 0);
  }

  accepting(q: number): boolean {
    return this.g.accepting(this.bNode[q]!);
  }

  /**
   * Boundary after a lexeme that ended at node m in lexer state s; -1 if the lexer would not stop there.
   *
   * At the loop node of a large hole (room for more than RELAX_MIN_BYTES) the forbidden class is relaxed to the one byte that
   * matters for leaving the hole (the next fragment's first byte, if the lexeme could extend over
   * it), when the grammar has a one-byte ignored lexeme: inside the loop, any byte the class
   * forbids could be preceded by that ignored byte, so the
   * class only multiplied boundaries — every fc class met in the hole was its own boundary, and
   * each pair of them an origin × position of every dotted rule. A relaxation (more lexings), so
   * "infeasible" stays a proof; witnesses space such lexemes apart (checker.ts, readWitness).
   */
  private endBoundary(m: number, s: number): number {
    const g = this.g;
    const n = g.canon(m);
    if (n === g.end) return this.boundary(n, 0);
    const fc = this.lt.fcOf(s);
    const b = g.byte[n]!;
    if (b >= 0) return this.lt.fcBits[fc]![b] ? -1 : this.boundary(n, 0);
    if (this.relaxLoops && g.anyNext[n] === n && (g.segments[g.holeSeg[n]!] as { range: { max: number } }).range.max > RELAX_MIN_BYTES) {
      const exit = g.canon(g.exitTo[n]!);
      const bx = exit >= 0 && exit !== g.end ? g.byte[exit]! : -1;
      const relaxed = bx >= 0 && this.lt.fcBits[fc]![bx] ? this.lt.singleByteClass(bx) : 0;
      if (relaxed !== fc) this.relaxedEnds++;
      return this.boundary(n, relaxed);
    }
    return this.boundary(n, fc);
  }

  edges(q: number, k: number): EdgeSet {
    const key = q * (this.lt.T + 1) + k;
    let es = this.edgeCache.get(key);
    if (es === undefined) {
      es = this.buildEdges(q, k);
      this.edgeCache.set(key, es);
      this.edgesBuilt++;
    }
    return es;
  }

  /**
   * Terminals (bitset over terminal ids) that may have a lexeme from q or from a boundary after
   * ignored lexemes: those whose lexer does not die on some first byte readable there. A superset
   * of the terminals with a lexeme (it only prunes predictions), found without building edges.
   */
  viable(q: number): Uint32Array {
    let v = this.viableCache.get(q);
    if (v === undefined) {
      const lt = this.lt;
      const g = this.g;
      v = new Uint32Array(lt.words);
      for (const q1 of this.ignoreClosure(q).members) {
        const n0 = this.bNode[q1]!;
        const fc = this.bFc[q1]!;
        for (let x = n0; x >= 0; x = x === n0 ? g.exitTo[n0]! : -1) {
          const fb = g.byte[x]!;
          let bits: Uint32Array | null = null;
          if (fb >= 0) {
            if (!lt.fcBits[fc]![fb]) bits = lt.firstBits(fb);
          } else if (g.anyNext[x]! >= 0) bits = lt.anyFirstBits(fc);
          if (bits !== null) for (let i = 0; i < v.length; i++) v[i]! |= bits[i]!;
        }
      }
      this.viableCache.set(q, v);
    }
    return v;
  }
  private readonly viableCache = new Map<number, Uint32Array>();
  /** (lexer state, node) pairs met by the edge search under way (`buildEdges`), reused */
  private readonly seen = new PairSet();

  private buildEdges(q: number, k: number): EdgeSet {
    const lt = this.lt;
    const dfa = lt.dfa;
    const g = this.g;
    const st = lt.start(k);
    if (st === DEAD) return NO_EDGES;
    {
      // fast path: a fragment byte that no lexeme of this kind starts with
      const n0 = this.bNode[q]!;
      const b0 = g.byte[n0]!;
      if (b0 >= 0 && !lt.live(k, dfa.next(st, b0))) return NO_EDGES;
    }
    const es: EdgeSet = { targets: [], ends: [], holeBytes: [], readAt: [], byte: [], prev: [] };
    /** per search-tree entry, the bytes read in holes on its path */
    const inHoles: number[] = [];
    const seen = this.seen;
    seen.clear();
    const atNode: number[] = [];
    const atState: number[] = [];
    const visit = (node: number, s: number, readAt: number, b: number, prev: number) => {
      if (!seen.add(s, node)) return;
      if (dfa.numStates > this.dfaLimit || this.productStates + atNode.length > this.productLimit) throw new LatticeTooLarge();
      es.readAt.push(readAt);
      es.byte.push(b);
      es.prev.push(prev);
      inHoles.push((prev >= 0 ? inHoles[prev]! : 0) + (g.holeSeg[readAt]! >= 0 ? 1 : 0));
      atNode.push(node);
      atState.push(s);
    };
    const n0 = this.bNode[q]!;
    const fcb = lt.fcBits[this.bFc[q]!]!;
    for (let x = n0; x >= 0; x = x === n0 ? g.exitTo[n0]! : -1) {
      const fb = g.byte[x]!;
      if (fb >= 0) {
        if (!fcb[fb]) {
          const s1 = dfa.next(st, fb);
          if (lt.live(k, s1)) visit(x + 1, s1, x, fb, -1);
        }
      } else if (g.anyNext[x]! >= 0) {
        const nx = g.anyNext[x]!;
        const succ = lt.succ(st);
        for (let i = 0; i < succ.length; i += 2) {
          const s1 = succ[i]!;
          if (!lt.live(k, s1)) continue;
          let b = succ[i + 1]!;
          if (fcb[b]) {
            // another byte with the same successor that is not forbidden
            b = -1;
            for (let c = 0; c < 256; c++) if (!fcb[c] && dfa.next(st, c) === s1) {
              b = c;
              break;
            }
            if (b < 0) continue;
          }
          visit(nx, s1, x, b, -1);
        }
      }
    }
    const targetSeen = new Set<number>();
    for (let i = 0; i < atNode.length; i++) {
      const m = atNode[i]!;
      const s = atState[i]!;
      if (lt.accepts(k, s)) {
        const t = this.endBoundary(m, s);
        if (t >= 0 && !targetSeen.has(t)) {
          targetSeen.add(t);
          es.targets.push(t);
          es.ends.push(i);
          es.holeBytes.push(inHoles[i]!);
        }
      }
      for (let x = m; x >= 0; x = x === m ? g.exitTo[m]! : -1) {
        const fb = g.byte[x]!;
        if (fb >= 0) {
          const s2 = dfa.next(s, fb);
          if (lt.live(k, s2)) visit(x + 1, s2, x, fb, i);
        } else if (g.anyNext[x]! >= 0) {
          const nx = g.anyNext[x]!;
          const succ = lt.succ(s);
          for (let j = 0; j < succ.length; j += 2) {
            const s2 = succ[j]!;
            if (lt.live(k, s2)) visit(nx, s2, x, succ[j + 1]!, i);
          }
        }
      }
    }
    this.productStates += atNode.length;
    return es;
  }

  /** Boundaries reachable from q by ignored lexemes (q itself included). */
  ignoreClosure(q: number): IgnoreClosure {
    let ic = this.icCache.get(q);
    if (ic !== undefined) return ic;
    ic = { members: [q], parent: new Map(), holeBytes: [0] };
    const seen = new Set<number>([q]);
    for (let i = 0; i < ic.members.length; i++) {
      const p = ic.members[i]!;
      const es = this.edges(p, this.lt.T);
      for (let j = 0; j < es.targets.length; j++) {
        const t = es.targets[j]!;
        if (seen.has(t)) continue;
        seen.add(t);
        ic.members.push(t);
        ic.parent.set(t, [p, es, j]);
        ic.holeBytes.push(ic.holeBytes[i]! + es.holeBytes[j]!);
      }
    }
    this.icCache.set(q, ic);
    return ic;
  }

  /** The ignored lexemes leading from q to `to` (a member of q's closure), in order. */
  ignorePath(q: number, to: number): Array<[EdgeSet, number]> {
    const ic = this.ignoreClosure(q);
    const out: Array<[EdgeSet, number]> = [];
    for (let x = to; x !== q; ) {
      const p = ic.parent.get(x)!;
      out.push([p[1], p[2]]);
      x = p[0];
    }
    return out.reverse();
  }

  /** Bytes of a lexeme as (node read at, byte) pairs, in order. */
  lexemeBytes(es: EdgeSet, j: number, out: Array<[number, number]>): void {
    const rev: Array<[number, number]> = [];
    for (let i = es.ends[j]!; i >= 0; i = es.prev[i]!) rev.push([es.readAt[i]!, es.byte[i]!]);
    for (let i = rev.length - 1; i >= 0; i--) out.push(rev[i]!);
  }
}

/**
 * A set of pairs of non-negative ints (open addressing, cleared in O(1) by a generation stamp): the
 * (lexer state, node) pairs of one edge search. A `Map` keyed by state × nodes + node cost more
 * than the rest of the search on long canvases (every boundary walks the string lexemes to its end).
 */
class PairSet {
  private ka = new Int32Array(1024);
  private kb = new Int32Array(1024);
  private stamp = new Int32Array(1024);
  private gen = 1;
  private size = 0;

  clear(): void {
    this.gen++;
    this.size = 0;
    if (this.gen === 0x7fffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  /** Adds (a, b); false if it was there. */
  add(a: number, b: number): boolean {
    const mask = this.ka.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    for (;;) {
      h &= mask;
      if (this.stamp[h] !== this.gen) break;
      if (this.ka[h] === a && this.kb[h] === b) return false;
      h++;
    }
    this.stamp[h] = this.gen;
    this.ka[h] = a;
    this.kb[h] = b;
    if (++this.size * 2 > this.ka.length) this.grow();
    return true;
  }

  private grow(): void {
    const { ka, kb, stamp, gen } = this;
    const n = ka.length * 2;
    this.ka = new Int32Array(n);
    this.kb = new Int32Array(n);
    this.stamp = new Int32Array(n);
    this.size = 0;
    this.gen = 1;
    for (let i = 0; i < ka.length; i++) if (stamp[i] === gen) this.add(ka[i]!, kb[i]!);
  }
}
