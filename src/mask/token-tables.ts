/**
 * Per-lexer-state token tables, shared by every matcher of one (compiled grammar, vocabulary) pair.
 *
 * From a lexer DFA state s, walking a token's bytes through the DFA alone tells one of three things:
 * - the DFA stays alive on every byte: the token only extends the pending lexeme, so it is allowed
 *   whatever the parser's state (a non-dead DFA state can always complete) — "always";
 * - the DFA dies on some byte right after an accepting state: the pending lexeme ends there and the
 *   parser must judge the rest — a "boundary" node, walked at mask time with the real parser;
 * - the DFA dies after a non-accepting state: rejected whatever the parser's state.
 * So a mask is the `always` set plus short parser walks under the boundary nodes (XGrammar's
 * context-independent tokens, computed lazily per lexer state instead of per grammar position).
 *
 * Sharing: a DFA state is a list of (terminal, derivative) pairs, and everything the walk sees —
 * which paths stay alive, where a state accepts, which paths lead to the same state — depends only
 * on the set of distinct derivatives, not on which terminals carry them (the state after a path is a
 * function of the derivatives of each distinct expression by that path, and determines them back).
 * States with the same set of distinct derivatives (a string value of property A and of property B,
 * a key after `{` in two objects with the same keys) therefore share one table "shape"; only the
 * lexer state of each boundary group differs, and it is found by running the group's path (kept in
 * the shape) through the DFA from the new state.
 *
 * Across grammars: the same languages come back in other grammars (a plain string, a date-time, a
 * key list), each with its own expression store. A state's distinct derivatives also have a
 * structural key that is the same in every store (`ExprSet.structuralKey`: equal keys, equal
 * languages), and shapes are kept per vocabulary under it, so a grammar's first use of a state
 * another grammar has walked costs its group paths only. The group states are this grammar's
 * own (the paths are run through its DFA); a walk's grouping is an optimisation only, so groups
 * that land on one state here are simply walked one after the other.
 *
 * Memory: the always set is stored as the plain-text mask it starts from (shared per vocabulary,
 * see slices.ts) plus a list of the other token ids, or as one bitmask when that list would be
 * longer; identical bitmasks of one grammar are stored once.
 */
import { LazyDfa } from "../regex/index.js";
import type { TokenTrie, TrieSkeleton } from "../vocab/token-trie.js";
import { NO_BOUND, NOT_PLAIN, TextDepths, UNBOUNDED_TEXT, type PlainTextIndex } from "./slices.js";

/** What a table holds that is the same for every state with the same distinct derivatives. */
interface TableShape {
  /** the always set as one bitmask, or null when it is `base` plus `extra` */
  dense: Uint32Array | null;
  /** plain tokens of at most `textDepth` characters (shared per vocabulary), or null for none */
  base: Uint32Array | null;
  /** always-allowed token ids outside `base` (when `dense` is null) */
  extra: Int32Array;
  boundaryNodes: Int32Array;
  groupStart: Int32Array;
  /** the bytes from the table's state to each group's parent state: group g is `groupPath[groupPathStart[g] .. groupPathStart[g + 1])` */
  groupPath: Uint8Array;
  groupPathStart: Int32Array;
  textDepth: number;
  /** bytes held by the shape (the always set's arrays counted by whoever made them) */
  bytes: number;
}

/**
 * Shapes by structural key, shared by all grammars with one vocabulary trie and one set of walk
 * parameters. Bounded: past CROSS_GRAMMAR_BYTES it starts over.
 */
interface CrossGrammarShapes {
  shapes: Map<string, TableShape>;
  bytes: number;
}
const CROSS_GRAMMAR_BYTES = 32 << 20;
const crossGrammar = new WeakMap<TokenTrie, Map<string, CrossGrammarShapes>>();

/** Bytes of the cross-grammar shapes kept for `trie` (all walk parameters), for memory reports. */
export function crossGrammarBytes(trie: TokenTrie): number {
  let b = 0;
  for (const c of crossGrammar.get(trie)?.values() ?? []) b += c.bytes;
  return b;
}

export interface StateTokens {
  /** the trie the boundary nodes belong to */
  trie: TokenTrie;
  /** tokens allowed from this lexer state whatever the parser state: `dense`, or `base` ∪ `extra` (see `writeAlways`) */
  dense: Uint32Array | null;
  base: Uint32Array | null;
  extra: Int32Array;
  /**
   * trie nodes where the pending lexeme must end before the node's byte, grouped by the lexer state
   * at the node's parent: group g is `boundaryNodes[groupStart[g] .. groupStart[g + 1])`, all with
   * parent state `groupState[g]`. The parser's behaviour under a node depends on its path only
   * through that state, so a group is walked from one pushed state, with no path bytes fed.
   */
  boundaryNodes: Int32Array;
  groupState: Int32Array;
  groupStart: Int32Array;
  /** plain characters this state survives (see slices.ts): its short plain tokens were not walked */
  textDepth: number;
}

/** Writes the always set of `entry` into `bits` (all other bits cleared). */
export function writeAlways(entry: StateTokens, bits: Uint32Array): void {
  if (entry.dense !== null) {
    bits.set(entry.dense);
    return;
  }
  if (entry.base !== null) bits.set(entry.base);
  else bits.fill(0);
  const extra = entry.extra;
  for (let k = 0; k < extra.length; k++) {
    const id = extra[k]!;
    bits[id >>> 5]! |= 1 << (id & 31);
  }
}

const NO_TOKENS = new Int32Array(0);

export class TokenTables {
  private readonly dfa: LazyDfa;
  private readonly trie: TokenTrie;
  private readonly words: number;
  private byState: (StateTokens | undefined)[] = [];
  /** shapes by the sorted distinct derivatives of a state */
  private readonly shapes = new Map<string, TableShape>();
  /** dense always sets by a hash of their words, to store identical ones once */
  private readonly denseByHash = new Map<number, Uint32Array[]>();
  private bytes = 0;
  private shapeCount = 0;
  /** DFA state and trie node per trie depth during a precomputation walk */
  private readonly stateAt: Int32Array;
  private readonly nodeAt: Int32Array;
  /** always-allowed ids, boundary nodes and their parent states found by a walk (grown as needed, reused) */
  private found = new Int32Array(1024);
  private boundaryScratch = new Int32Array(256);
  private parentScratch = new Int32Array(256);

  private readonly plain: PlainTextIndex | undefined;
  private readonly depths: TextDepths;
  /** without a plain-text index: the walk's skeleton (every node, none skipped) and "no token is plain" */
  private wholeTrie: TrieSkeleton | undefined;
  private noPlainChars: Uint8Array | undefined;
  /** shapes walked by other grammars with this trie and walk parameters (undefined: not shared) */
  private readonly cross: CrossGrammarShapes | undefined;

  /**
   * `plain`: the trie's plain-text index, to skip short plain tokens of wide states (optional);
   * `textDepth`: the cap and budget of the per-state plain-text depth search (tests use tiny ones);
   * `crossGrammar`: share shapes with other grammars' tables (default true; tests turn it off to
   * get a state's own walk)
   */
  constructor(dfa: LazyDfa, trie: TokenTrie, plain?: PlainTextIndex, textDepth: { cap?: number; budget?: number } = {}, crossGrammar = true) {
    this.dfa = dfa;
    this.trie = trie;
    this.plain = plain;
    this.depths = new TextDepths(dfa, textDepth.cap, textDepth.budget);
    if (crossGrammar) this.cross = crossGrammarShapes(trie, plain, textDepth.cap, textDepth.budget);
    this.words = (trie.vocabSize + 31) >>> 5;
    this.stateAt = new Int32Array(trie.maxDepth + 1);
    this.nodeAt = new Int32Array(trie.maxDepth + 1);
  }

  /** The table of lexer state `s`, computed on first use. */
  forState(s: number): StateTokens {
    return this.byState[s] ?? this.compute(s);
  }

  /** Memory held by the tables, in bytes (shared arrays counted once; the per-vocabulary plain masks not at all). */
  get memoryBytes(): number {
    return this.bytes;
  }

  get statesComputed(): number {
    let n = 0;
    for (const e of this.byState) if (e) n++;
    return n;
  }

  /** Number of distinct table shapes (trie walks made); `statesComputed` minus this were shared. */
  get shapesComputed(): number {
    return this.shapeCount;
  }

  private compute(s: number): StateTokens {
    const exprs = this.dfa.stateExpressions(s);
    const key = shapeKey(exprs);
    let shape = this.shapes.get(key);
    let groupState: Int32Array;
    if (shape === undefined) {
      const cross = this.cross;
      const crossKey = cross === undefined ? "" : this.dfa.exprSet.structuralKey(exprs);
      shape = cross?.shapes.get(crossKey);
      if (shape === undefined) {
        const walked = this.walk(s);
        shape = walked.shape;
        groupState = walked.groupState;
        this.shapeCount++;
        if (cross !== undefined) {
          if (cross.bytes + shape.bytes > CROSS_GRAMMAR_BYTES) {
            cross.shapes.clear();
            cross.bytes = 0;
          }
          cross.shapes.set(crossKey, shape);
          cross.bytes += shape.bytes;
        }
      } else {
        groupState = this.groupStatesFrom(s, shape);
        // this grammar holds on to the shape as if it had walked it
        this.bytes += shape.bytes;
      }
      this.shapes.set(key, shape);
    } else {
      groupState = this.groupStatesFrom(s, shape);
    }
    const entry: StateTokens = {
      trie: this.trie,
      dense: shape.dense,
      base: shape.base,
      extra: shape.extra,
      boundaryNodes: shape.boundaryNodes,
      groupState,
      groupStart: shape.groupStart,
      textDepth: shape.textDepth,
    };
    this.bytes += groupState.byteLength + 64;
    this.byState[s] = entry;
    return entry;
  }

  /** A shared shape's group states for state `s`: each group's path run from `s`. */
  private groupStatesFrom(s: number, shape: TableShape): Int32Array {
    const dfa = this.dfa;
    const { groupPath, groupPathStart } = shape;
    const out = new Int32Array(groupPathStart.length - 1);
    for (let g = 0; g < out.length; g++) {
      let q = s;
      for (let k = groupPathStart[g]!, e = groupPathStart[g + 1]!; k < e; k++) q = dfa.next(q, groupPath[k]!);
      out[g] = q;
    }
    return out;
  }

  /** The trie walk from state `s` (see the file comment). */
  private walk(s: number): { shape: TableShape; groupState: Int32Array } {
    const dfa = this.dfa;
    const trie = this.trie;
    const plain = this.plain;
    // every plain token of at most `depth` characters keeps the DFA alive (no boundary, no death):
    // all of them are "always", and a subtree holding only such tokens needs no walk
    const depth = plain ? this.depths.depth(s) : 0;
    const skipUpTo = depth >= UNBOUNDED_TEXT ? UNBOUNDED_TEXT : depth;
    const base = skipUpTo > 0 ? plain!.maskUpTo(skipUpTo) : null;
    // and every plain token of more than `deadAbove` whole characters is rejected (no boundary):
    // a subtree of only such tokens needs no walk either
    const deadAbove = plain ? this.depths.deathBound(s) : NO_BOUND;
    // the walk visits the nodes of a skeleton trie: the trie without subtrees of plain tokens short
    // enough for some depth at most `skipUpTo` (their tokens are in `base`); or all nodes
    const sk = plain !== undefined ? plain.skeleton(skipUpTo) : (this.wholeTrie ??= trie.asSkeleton(new Uint8Array(trie.nodeCount).fill(NOT_PLAIN), new Uint8Array(trie.nodeCount)));
    const { nodes: skNodes, ends: skEnds, depths: skDepth, bytes: skByte, subtreeMax: skMax, subtreeMin: skMin } = sk;
    const charsOf = plain?.charsOf ?? (this.noPlainChars ??= new Uint8Array(trie.vocabSize).fill(NOT_PLAIN));
    const stateAt = this.stateAt;
    const nodeAt = this.nodeAt;
    let found = this.found;
    let nFound = 0;
    let bNodes = this.boundaryScratch;
    let bParents = this.parentScratch;
    let nBoundary = 0;
    const parentList: number[] = [];
    const pathOf: Uint8Array[] = [];
    stateAt[0] = s;
    const n = sk.length;
    let i = sk.start;
    while (i < n) {
      if (skMax[i]! <= skipUpTo || skMin[i]! > deadAbove) {
        i = skEnds[i]!;
        continue;
      }
      const d = skDepth[i]!;
      const q = stateAt[d - 1]!;
      const q2 = dfa.next(q, skByte[i]!);
      if (q2 !== LazyDfa.DEAD) {
        stateAt[d] = q2;
        nodeAt[d] = i;
        const m = skNodes[i]!;
        const code = trie.tokenCode(m);
        // tokens of `base` are already in
        if (code >= 0) {
          if (charsOf[code]! > skipUpTo) {
            if (nFound === found.length) this.found = found = grown(found);
            found[nFound++] = code;
          }
        } else if (code !== -1) {
          for (let k = 0, c = trie.tokenCountAt(m); k < c; k++) {
            const id = trie.tokenAt(m, k);
            if (charsOf[id]! <= skipUpTo) continue;
            if (nFound === found.length) this.found = found = grown(found);
            found[nFound++] = id;
          }
        }
        i++;
        continue;
      }
      if (dfa.isAccepting(q)) {
        if (nBoundary === bNodes.length) {
          this.boundaryScratch = bNodes = grown(bNodes);
          this.parentScratch = bParents = grown(bParents);
        }
        bNodes[nBoundary] = skNodes[i]!;
        bParents[nBoundary++] = q;
        if (!parentList.includes(q)) {
          parentList.push(q);
          const path = new Uint8Array(d - 1);
          for (let k = 1; k < d; k++) path[k - 1] = skByte[nodeAt[k]!]!;
          pathOf.push(path);
        }
      }
      i = skEnds[i]!;
    }
    return this.shapeOf(depth, base, nFound, nBoundary, parentList, pathOf);
  }

  /**
   * The table shape from what a walk found (in the scratch arrays). Kept out of `walk`: its
   * array calls met other maps from call to call, and each deoptimization took the hot loop's
   * optimized code with it (~180 times on one MaskBench schema).
   */
  private shapeOf(depth: number, base: Uint32Array | null, nFound: number, nBoundary: number, parentList: number[], pathOf: Uint8Array[]): { shape: TableShape; groupState: Int32Array } {
    const found = this.found;
    const bNodes = this.boundaryScratch;
    const bParents = this.parentScratch;
    // groups by parent state (ascending), nodes in trie order within a group
    const groups = parentList.length;
    const groupOrder = new Int32Array(groups);
    for (let g = 0; g < groups; g++) {
      let j = g;
      while (j > 0 && parentList[groupOrder[j - 1]!]! > parentList[g]!) {
        groupOrder[j] = groupOrder[j - 1]!;
        j--;
      }
      groupOrder[j] = g;
    }
    const groupState = new Int32Array(groups);
    const groupStart = new Int32Array(groups + 1);
    const groupPathStart = new Int32Array(groups + 1);
    const boundaryNodes = new Int32Array(nBoundary);
    for (let j = 0; j < groups; j++) {
      const q = parentList[groupOrder[j]!]!;
      groupState[j] = q;
      let at = groupStart[j]!;
      for (let k = 0; k < nBoundary; k++) if (bParents[k] === q) boundaryNodes[at++] = bNodes[k]!;
      groupStart[j + 1] = at;
      groupPathStart[j + 1] = groupPathStart[j]! + pathOf[groupOrder[j]!]!.length;
    }
    const groupPath = new Uint8Array(groupPathStart[groups]!);
    for (let j = 0; j < groups; j++) groupPath.set(pathOf[groupOrder[j]!]!, groupPathStart[j]!);
    // a list of ids costs 4 bytes each and a bit set per id at mask time; a bitmask costs 4 bytes
    // per 32 ids and one copy: lists up to half the bitmask's size
    let dense: Uint32Array | null = null;
    let extra = NO_TOKENS;
    let bytes = boundaryNodes.byteLength + groupStart.byteLength + groupPath.byteLength + groupPathStart.byteLength + 128;
    if (nFound * 2 > this.words) {
      dense = base === null ? new Uint32Array(this.words) : Uint32Array.from(base);
      for (let k = 0; k < nFound; k++) dense[found[k]! >>> 5]! |= 1 << (found[k]! & 31);
      dense = this.internDense(dense);
      bytes += dense.byteLength;
    } else if (nFound > 0) {
      extra = found.slice(0, nFound);
      bytes += extra.byteLength;
    }
    const shape: TableShape = { dense, base, extra, boundaryNodes, groupStart, groupPath, groupPathStart, textDepth: depth, bytes };
    this.bytes += bytes - (dense === null ? 0 : dense.byteLength);
    return { shape, groupState };
  }

  /** `mask`, or an identical bitmask stored before. */
  private internDense(mask: Uint32Array): Uint32Array {
    let h = 0x811c9dc5;
    for (let w = 0; w < mask.length; w++) h = Math.imul(h ^ mask[w]!, 0x01000193);
    const same = this.denseByHash.get(h);
    if (same !== undefined) {
      for (const other of same) if (equalWords(other, mask)) return other;
      same.push(mask);
    } else this.denseByHash.set(h, [mask]);
    this.bytes += mask.byteLength;
    return mask;
  }
}

/** The cross-grammar shapes for a trie, plain-text index and depth-search parameters. */
function crossGrammarShapes(trie: TokenTrie, plain: PlainTextIndex | undefined, cap: number | undefined, budget: number | undefined): CrossGrammarShapes {
  let byParams = crossGrammar.get(trie);
  if (byParams === undefined) crossGrammar.set(trie, (byParams = new Map()));
  // a plain-text index belongs to one trie (slices.ts caches it per vocabulary and trie)
  const params = `${plain === undefined ? "-" : "plain"},${cap ?? ""},${budget ?? ""}`;
  let c = byParams.get(params);
  if (c === undefined) byParams.set(params, (c = { shapes: new Map(), bytes: 0 }));
  return c;
}

/** The sorted distinct derivatives of a state, as a map key. */
function shapeKey(exprs: readonly number[]): string {
  if (exprs.length === 1) return String(exprs[0]);
  return [...new Set(exprs)].sort((a, b) => a - b).join(",");
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function equalWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}
