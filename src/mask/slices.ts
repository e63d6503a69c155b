/**
 * Plain-text slicing (after llguidance's "slicer"): most of a vocabulary is plain text that fits
 * inside a JSON string. If every plain text of up to d characters keeps a lexer state alive, every
 * plain-text token of up to d characters is allowed from that state whatever the parser does, and
 * the table walk can skip every trie subtree made only of such tokens.
 *
 * Two halves:
 * - per vocabulary (`PlainTextIndex`): each token's length in plain characters, per trie node the
 *   longest plain token under it (or "not plain"), and the masks "plain, at most d characters";
 * - per lexer state (`textDepth`): the largest d such that every plain text of d characters keeps
 *   the lexer DFA alive from that state — found by a breadth-first walk of the DFA itself, one level
 *   per character, so it is exact (a non-dead DFA state can always complete) and reuses the DFA
 *   states the table walk needs anyway. Bounded counters (`maxLength`) give each counter value its
 *   own exact depth instead of the best of a few fixed slices.
 * - and the other side (`deathBound`): when every plain text of D + 1 characters kills the state and
 *   none of the states on the way accepts, every plain token of more than D whole characters is
 *   rejected outright (never a boundary), so the walk skips subtrees made only of such tokens. A
 *   `maxLength` string with 7 characters left then walks the tokens with a quote or an escape in
 *   them, not every token of up to 8 characters.
 */
import { LazyDfa } from "../regex/lazy_dfa.js";
import { isGramfillError } from "../util/errors.js";
import type { TokenTrie, TrieSkeleton } from "../vocab/token-trie.js";
import type { Vocabulary } from "../vocab/vocabulary.js";

/** Subtree marker: some token under the node is not plain text (or longer than this counts). */
export const NOT_PLAIN = 255;
/** Depth of a state that survives every plain text (its depth search closed on itself). */
export const UNBOUNDED_TEXT = 254;
/** Death bound of a state without one (above every token's plain length). */
export const NO_BOUND = 255;

/**
 * Per vocabulary and trie: plain-text lengths by token and by subtree. "Plain text" is whole UTF-8
 * characters, none of them `"`, `\` or below U+0020 (what a JSON string holds unescaped).
 */
export class PlainTextIndex {
  /** per trie node: the most plain characters of a token under it; NOT_PLAIN if any is not plain */
  readonly subtreeMax: Uint8Array;
  /** per trie node: the fewest whole plain characters of a token under it; 0 if any is not plain */
  readonly subtreeMin: Uint8Array;
  /** the most plain characters of any token */
  readonly maxChars: number;
  /** per token id: its plain characters, NOT_PLAIN if it is not plain text */
  readonly charsOf: Uint8Array;
  private readonly words: number;
  private readonly trie: TokenTrie;
  private readonly masks = new Map<number, Uint32Array>();
  private readonly skeletons = new Map<number, TrieSkeleton>();

  constructor(vocab: Vocabulary, trie: TokenTrie) {
    const charsOf = new Uint8Array(vocab.size).fill(NOT_PLAIN);
    /** whole plain characters (a character cut at the token's end not counted); 0 if not plain */
    const wholeOf = new Uint8Array(vocab.size);
    let maxChars = 0;
    for (let id = 0; id < vocab.size; id++) {
      if (!trie.contains(id)) continue;
      const bytes = vocab.tokenBytes(id);
      const n = plainChars(bytes);
      if (n > 0 && n < UNBOUNDED_TEXT) {
        charsOf[id] = n;
        wholeOf[id] = endsInsideCharacter(bytes) ? n - 1 : n;
        if (n > maxChars) maxChars = n;
      }
    }
    const n = trie.nodeCount;
    const sub = new Uint8Array(n);
    const subMin = new Uint8Array(n).fill(NOT_PLAIN);
    const parent = new Int32Array(n);
    const open = new Int32Array(trie.maxDepth + 1);
    for (let m = 1; m < n; m++) {
      const d = trie.depth(m);
      parent[m] = open[d - 1]!;
      open[d] = m;
      if (trie.hasToken(m)) {
        for (const id of trie.tokensOf(m)) {
          if (charsOf[id]! > sub[m]!) sub[m] = charsOf[id]!;
          const whole = charsOf[id] === NOT_PLAIN ? 0 : wholeOf[id]!;
          if (whole < subMin[m]!) subMin[m] = whole;
        }
      }
    }
    // children follow their parent in pre-order: a backward pass sees a node after its subtree
    for (let m = n - 1; m >= 1; m--) {
      if (sub[m]! > sub[parent[m]!]!) sub[parent[m]!] = sub[m]!;
      if (subMin[m]! < subMin[parent[m]!]!) subMin[parent[m]!] = subMin[m]!;
    }
    this.subtreeMax = sub;
    this.subtreeMin = subMin;
    this.maxChars = maxChars;
    this.charsOf = charsOf;
    this.words = (vocab.size + 31) >>> 5;
    this.trie = trie;
    // all levels now, with the index (once per vocabulary): built lazily, a level's ~10 ms landed
    // in the mask that first needed it
    for (const level of [0, ...SKELETON_LEVELS]) this.skeleton(level);
  }

  /**
   * The trie without the subtrees that hold only plain tokens of at most L characters, for the
   * largest level L in SKELETON_LEVELS that is at most `d` (the whole trie when there is none). A
   * table walk for a state of text depth ≥ L visits only these nodes: what it leaves out is in
   * `maskUpTo(d)` already. For a JSON string state that is ~4% of a 128k vocabulary's nodes.
   */
  skeleton(d: number): TrieSkeleton {
    let level = 0;
    for (const l of SKELETON_LEVELS) if (l <= d) level = l;
    let sk = this.skeletons.get(level);
    if (sk === undefined) {
      sk = level === 0 ? this.trie.asSkeleton(this.subtreeMax, this.subtreeMin) : buildSkeleton(this.trie, this.subtreeMax, this.subtreeMin, level);
      this.skeletons.set(level, sk);
    }
    return sk;
  }

  /** The plain-text tokens of at most `d` characters (a shared array: do not modify). */
  maskUpTo(d: number): Uint32Array {
    const key = Math.min(d, this.maxChars);
    let mask = this.masks.get(key);
    if (!mask) {
      mask = new Uint32Array(this.words);
      const chars = this.charsOf;
      for (let id = 0; id < chars.length; id++) if (chars[id]! <= key) mask[id >>> 5]! |= 1 << (id & 31);
      this.masks.set(key, mask);
    }
    return mask;
  }

  get memoryBytes(): number {
    let b = this.subtreeMax.byteLength + this.subtreeMin.byteLength + this.charsOf.byteLength;
    for (const m of this.masks.values()) b += m.byteLength;
    for (const sk of this.skeletons.values()) if (sk.start === 0) b += sk.nodes.byteLength + sk.ends.byteLength + sk.depths.byteLength + sk.bytes.byteLength + sk.subtreeMax.byteLength + sk.subtreeMin.byteLength;
    return b;
  }
}

/** Skeleton levels: the depths of JSON strings are mostly the cap (32) or unbounded. */
const SKELETON_LEVELS = [8, 16, 32, UNBOUNDED_TEXT];

/** The nodes whose subtree holds a token that is not plain or longer than `level` characters. */
function buildSkeleton(trie: TokenTrie, subtreeMax: Uint8Array, subtreeMin: Uint8Array, level: number): TrieSkeleton {
  // typed arrays filled in two passes (count, then fill): a 128k vocabulary's level-8 skeleton
  // has ~120k nodes, and its build lands in the mask that first needs it
  const n = trie.nodeCount;
  let count = 0;
  for (let m = 1; m < n; m++) if (subtreeMax[m]! > level) count++;
  const nodes = new Int32Array(count);
  const ends = new Int32Array(count);
  const depths = new Uint32Array(count);
  const bytes = new Uint8Array(count);
  const maxima = new Uint8Array(count);
  const minima = new Uint8Array(count);
  // a kept node's parent is kept too (a subtree maximum is at least each child's), so the kept
  // nodes are a trie in the same order; a node's subtree ends at the first kept node past its own
  const open = new Int32Array(trie.maxDepth + 1);
  let top = 0;
  let i = 0;
  for (let m = 1; m < n; m++) {
    if (subtreeMax[m]! <= level) continue;
    while (top > 0 && trie.subtreeEnd(nodes[open[top - 1]!]!) <= m) ends[open[--top]!] = i;
    open[top++] = i;
    nodes[i] = m;
    depths[i] = trie.depth(m);
    bytes[i] = trie.byteOf(m);
    maxima[i] = subtreeMax[m]!;
    minima[i] = subtreeMin[m]!;
    i++;
  }
  while (top > 0) ends[open[--top]!] = count;
  return { start: 0, length: count, nodes, ends, depths, bytes, subtreeMax: maxima, subtreeMin: minima };
}

const cache = new WeakMap<Vocabulary, WeakMap<TokenTrie, PlainTextIndex>>();

/** The plain-text index of a vocabulary's trie (built once per trie). */
export function plainTextIndex(vocab: Vocabulary, trie: TokenTrie): PlainTextIndex {
  let byTrie = cache.get(vocab);
  if (!byTrie) cache.set(vocab, (byTrie = new WeakMap()));
  let index = byTrie.get(trie);
  if (!index) byTrie.set(trie, (index = new PlainTextIndex(vocab, trie)));
  return index;
}

/**
 * Number of plain-text characters of `b`, or 0 when `b` is not plain text. A token may end inside a
 * character (byte-level vocabularies split CJK and emoji): a valid start of a plain character counts
 * as one more character, since the token is then a prefix of a plain text that long, which keeps a
 * state of at least that text depth alive as well.
 */
export function plainChars(b: Uint8Array): number {
  let chars = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0) return 0;
    if (len === 1 && (c < 0x20 || c === 0x22 || c === 0x5c)) return 0;
    if (len > 1 && !validContinuation(b, i, Math.min(len, b.length - i))) return 0;
    i += len;
    chars++;
  }
  return chars;
}

/** Does `b` (plain text, see plainChars) end inside a character? */
function endsInsideCharacter(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (i + len > b.length) return true;
    i += len;
  }
  return false;
}

/** Are the `n - 1` bytes after the lead byte `b[i]` a valid (start of a) continuation? */
function validContinuation(b: Uint8Array, i: number, n: number): boolean {
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return false;
  if (n < 2) return true;
  const c0 = b[i]!;
  const c1 = b[i + 1]!;
  if (c0 === 0xe0 && c1 < 0xa0) return false; // overlong
  if (c0 === 0xed && c1 >= 0xa0) return false; // surrogates
  if (c0 === 0xf0 && c1 < 0x90) return false; // overlong
  if (c0 === 0xf4 && c1 >= 0x90) return false; // above U+10FFFF
  return true;
}

/**
 * The byte shapes of one plain character: a lead-byte range, then for each following byte its
 * range (UTF-8 as RFC 3629 restricts it: no overlongs, no surrogates, nothing above U+10FFFF).
 */
const CHAR_SHAPES: ReadonlyArray<ReadonlyArray<readonly [number, number]>> = [
  [[0x20, 0x21]],
  [[0x23, 0x5b]],
  [[0x5d, 0x7f]],
  [[0xc2, 0xdf], [0x80, 0xbf]],
  [[0xe0, 0xe0], [0xa0, 0xbf], [0x80, 0xbf]],
  [[0xe1, 0xec], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xed, 0xed], [0x80, 0x9f], [0x80, 0xbf]],
  [[0xee, 0xef], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xf0, 0xf0], [0x90, 0xbf], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xf1, 0xf3], [0x80, 0xbf], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xf4, 0xf4], [0x80, 0x8f], [0x80, 0xbf], [0x80, 0xbf]],
];

/**
 * Per lexer DFA: how many plain characters each state survives. `depth(s)` is the largest d ≤ cap
 * such that every plain text of d characters keeps the DFA alive from s (so does every shorter one:
 * DEAD absorbs), or UNBOUNDED_TEXT when every plain text of any length does.
 */
export class TextDepths {
  private readonly dfa: LazyDfa;
  private readonly cap: number;
  private readonly budget: number;
  /** per state: the states one plain character leads to, or null if some character kills it */
  private readonly steps: (Int32Array | null | undefined)[] = [];
  private readonly bounds: (Uint32Array | undefined)[] = [];
  private readonly memo: number[] = [];
  private readonly boundMemo: number[] = [];
  /** per expression: its depth alone, and its derivatives after one plain character (null: one kills it) */
  private readonly exprMemo = new Map<number, number>();
  private readonly exprSteps = new Map<number, number[] | null>();
  /** per state: the states one plain character leads to (the live ones), and whether it or a state inside a character accepts */
  private readonly liveSteps: ({ targets: Int32Array; accepting: boolean } | undefined)[] = [];
  private seen = new Int32Array(64);
  private stamp = 0;

  /**
   * `cap`: depths above it are reported as `cap` unless the search closes (unbounded); `budget`:
   * states visited per search, beyond which the depth reached so far is reported (a lower bound:
   * the table then walks more of the trie, with the same result).
   */
  constructor(dfa: LazyDfa, cap = 32, budget = 128) {
    this.dfa = dfa;
    this.cap = cap;
    this.budget = budget;
  }

  depth(s: number): number {
    const known = this.memo[s];
    if (known !== undefined) return known;
    let d = this.search(s);
    // A state of several distinct derivatives survives whatever one of them survives alone. Its
    // own search meets one state per combination of the others' prefixes (a free key beside 30
    // named keys: every prefix of every name) and stops at the budget with a low depth; one
    // derivative's search does not.
    const exprs = this.dfa.stateExpressions(s);
    if (d < this.cap && exprs.length > 1) {
      for (const e of new Set(exprs)) {
        d = Math.max(d, this.exprDepthOrZero(e));
        if (d >= this.cap) break;
      }
    }
    this.memo[s] = d;
    return d;
  }

  /**
   * exprDepth, or 0 when an emptiness check on the way is over its budget: the search may ask
   * about derivatives the lexer never meets, and the depth is only a shortcut (0 is always sound).
   */
  private exprDepthOrZero(e: number): number {
    try {
      return this.exprDepth(e);
    } catch (err) {
      if (isGramfillError(err) && err.code === "automaton_too_large") {
        this.exprMemo.set(e, 0);
        return 0;
      }
      throw err;
    }
  }

  /** `search` for one expression alone: breadth-first over its derivatives by plain characters. */
  private exprDepth(e: number): number {
    const known = this.exprMemo.get(e);
    if (known !== undefined) return known;
    if (this.provenUnbounded(e)) {
      this.exprMemo.set(e, UNBOUNDED_TEXT);
      return UNBOUNDED_TEXT;
    }
    let level = [e];
    const seen = new Set(level);
    let result = this.cap;
    search: for (let d = 0; d < this.cap; d++) {
      const nextLevel: number[] = [];
      for (const x of level) {
        const st = this.exprStepsOf(x);
        if (st === null) {
          result = d;
          break search;
        }
        for (const t of st) {
          if (seen.has(t)) continue;
          seen.add(t);
          nextLevel.push(t);
        }
      }
      if (nextLevel.length === 0) {
        result = UNBOUNDED_TEXT;
        break;
      }
      if (seen.size > this.budget) {
        result = d + 1;
        break;
      }
      level = nextLevel;
    }
    this.exprMemo.set(e, result);
    return result;
  }

  /**
   * Does every plain text survive e, by its structure? A·B (B not empty) survives what A does; and
   * X ∩ ¬F with F finite survives every plain text after which X is still infinite (then X's
   * derivative is not inside F's finite one). That is a free key beside named ones, `content* "`
   * ∩ ¬(the names): its search alone meets every prefix of every name, this one X's few states.
   */
  private provenUnbounded(e: number): boolean {
    const set = this.dfa.exprSet;
    const cat = set.asConcat(e);
    if (cat !== null) return !set.isEmpty(cat[1]) && this.provenUnbounded(cat[0]);
    const kids = set.asAnd(e);
    if (kids === null) return false;
    const rest: number[] = [];
    let finiteOut = false;
    for (const k of kids) {
      const f = set.asNot(k);
      if (f !== null && set.provablyFinite(f)) finiteOut = true;
      else rest.push(k);
    }
    if (!finiteOut || rest.length === 0) return false;
    const closure = this.plainClosure(rest.length === 1 ? rest[0]! : set.and(rest));
    return closure !== null && closure.every((r) => set.provablyInfinite(r));
  }

  /** The derivatives of x by all plain texts, when no character empties one and there are few; else null. */
  private plainClosure(x: number): number[] | null {
    const seen = new Set([x]);
    let level = [x];
    while (level.length > 0) {
      const nextLevel: number[] = [];
      for (const y of level) {
        const st = this.exprStepsOf(y);
        if (st === null) return null;
        for (const t of st) {
          if (seen.has(t)) continue;
          if (seen.size >= 32) return null;
          seen.add(t);
          nextLevel.push(t);
        }
      }
      level = nextLevel;
    }
    return [...seen];
  }

  /** The distinct derivatives of expression x after one plain character, or null if one character empties it. */
  private exprStepsOf(x: number): number[] | null {
    const cached = this.exprSteps.get(x);
    if (cached !== undefined) return cached;
    const set = this.dfa.exprSet;
    const dead = -1;
    const step = (p: number, b: number) => {
      const t = set.derivative(p, b);
      return t === set.EMPTY || set.isEmpty(t) ? dead : t;
    };
    const { targets, killed } = plainStep(x, (p) => set.byteClassMask(p), step, dead, true);
    const r = killed ? null : targets;
    this.exprSteps.set(x, r);
    return r;
  }

  /**
   * D such that every plain text of D + 1 characters kills the DFA from s, and no state met on
   * the way by plain text (s, the states after each character, the states inside a character)
   * accepts: then a plain text of more than D whole characters dies without passing a boundary.
   * NO_BOUND when there is none within the cap and budget, and for states of depth ≥ the cap
   * (their walk skips almost every plain token already).
   */
  deathBound(s: number): number {
    const known = this.boundMemo[s];
    if (known !== undefined) return known;
    const d = this.depth(s);
    const bound = d >= this.cap || d >= UNBOUNDED_TEXT ? NO_BOUND : this.searchBound(s);
    this.boundMemo[s] = bound;
    return bound;
  }

  /** Breadth-first by plain characters; a level holds each state once (not once per search: the longest path counts). */
  private searchBound(s: number): number {
    if (s === LazyDfa.DEAD) return NO_BOUND;
    let level = [s];
    let visited = 1;
    for (let d = 0; d <= this.cap; d++) {
      const nextLevel: number[] = [];
      for (const q of level) {
        const st = this.liveStepsOf(q);
        if (st.accepting) return NO_BOUND;
        for (const t of st.targets) if (!nextLevel.includes(t)) nextLevel.push(t);
      }
      if (nextLevel.length === 0) return d;
      visited += nextLevel.length;
      if (visited > this.budget) return NO_BOUND;
      level = nextLevel;
    }
    return NO_BOUND;
  }

  /** The live states after one plain character from q, and whether q or a state inside a character accepts. */
  private liveStepsOf(q: number): { targets: Int32Array; accepting: boolean } {
    const cached = this.liveSteps[q];
    if (cached !== undefined) return cached;
    const dfa = this.dfa;
    let accepting = dfa.isAccepting(q);
    // a state inside a character: a token cut there ends on it
    const { targets } = plainStep(q, (p) => this.classBounds(p), (p, b) => dfa.next(p, b), LazyDfa.DEAD, false, (t) => {
      if (dfa.isAccepting(t)) accepting = true;
    });
    const r = { targets: Int32Array.from(targets), accepting };
    this.liveSteps[q] = r;
    return r;
  }

  private search(s: number): number {
    if (s === LazyDfa.DEAD) return 0;
    const stamp = ++this.stamp;
    let level = [s];
    this.mark(s, stamp);
    let visited = 1;
    for (let d = 0; d < this.cap; d++) {
      const nextLevel: number[] = [];
      for (const q of level) {
        const st = this.stepsOf(q);
        if (st === null) return d;
        for (const t of st) {
          if (this.isMarked(t, stamp)) continue;
          this.mark(t, stamp);
          nextLevel.push(t);
        }
      }
      // every state reachable is already checked: all plain texts of any length survive
      if (nextLevel.length === 0) return UNBOUNDED_TEXT;
      visited += nextLevel.length;
      if (visited > this.budget) return d + 1;
      level = nextLevel;
    }
    return this.cap;
  }

  private mark(q: number, stamp: number): void {
    if (q >= this.seen.length) {
      const grown = new Int32Array(Math.max(q + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    this.seen[q] = stamp;
  }

  private isMarked(q: number, stamp: number): boolean {
    return q < this.seen.length && this.seen[q] === stamp;
  }

  /**
   * The byte-class boundaries of state q (bit b set: a class starts at b), the union of its
   * derivatives' classes, as the lazy DFA itself fills its transitions.
   */
  private classBounds(q: number): Uint32Array {
    let m = this.bounds[q];
    if (m === undefined) {
      m = new Uint32Array(8);
      m[0] = 1;
      const set = this.dfa.exprSet;
      for (const e of this.dfa.stateExpressions(q)) {
        const em = set.byteClassMask(e);
        for (let w = 0; w < 8; w++) m[w]! |= em[w]!;
      }
      this.bounds[q] = m;
    }
    return m;
  }

  /** The distinct states after one plain character from q, or null if one character kills q. */
  private stepsOf(q: number): Int32Array | null {
    const cached = this.steps[q];
    if (cached !== undefined) return cached;
    const dfa = this.dfa;
    const { targets, killed } = plainStep(q, (p) => this.classBounds(p), (p, b) => dfa.next(p, b), LazyDfa.DEAD, true);
    const r = killed ? null : Int32Array.from(targets);
    this.steps[q] = r;
    return r;
  }
}

/**
 * The distinct states one plain character leads to from `start`: each CHAR_SHAPES range byte by
 * byte, one byte per byte class of the state at hand (`bounds`; a move is the same on all bytes of
 * a class). A move to `dead` ends the walk with `killed` when `stopAtDeath`, else it is left out;
 * `inner` sees each state met inside a character.
 */
function plainStep(
  start: number,
  bounds: (p: number) => Uint32Array,
  step: (p: number, b: number) => number,
  dead: number,
  stopAtDeath: boolean,
  inner?: (t: number) => void,
): { targets: number[]; killed: boolean } {
  const targets: number[] = [];
  for (const shape of CHAR_SHAPES) {
    let layer = [start];
    for (let k = 0; k < shape.length && layer.length > 0; k++) {
      const [lo, hi] = shape[k]!;
      const nextLayer: number[] = [];
      for (const p of layer) {
        const classes = bounds(p);
        for (let b = lo; b <= hi; b = nextBound(classes, b + 1)) {
          const t = step(p, b);
          if (t === dead) {
            if (stopAtDeath) return { targets, killed: true };
            continue;
          }
          if (nextLayer.includes(t)) continue;
          nextLayer.push(t);
          if (inner !== undefined && k < shape.length - 1) inner(t);
        }
      }
      layer = nextLayer;
    }
    for (const t of layer) if (!targets.includes(t)) targets.push(t);
  }
  return { targets, killed: false };
}

/** The least class boundary at or after byte `from` (256 when none is left). */
function nextBound(bounds: Uint32Array, from: number): number {
  for (let w = from >> 5; w < 8; w++) {
    const bits = w === from >> 5 ? bounds[w]! & (~0 << (from & 31)) : bounds[w]!;
    if (bits !== 0) return (w << 5) + (31 - Math.clz32(bits & -bits));
  }
  return 256;
}
