/**
 * Per-lexer-state token tables, shared by every matcher of one (compiled grammar, vocabulary) pair.
 *
 * From a lexer DFA state s, walking a token's bytes through the DFA alone tells one of three things:
 * - the DFA stays alive on every byte: the token only extends the pending lexeme, so it is allowed
 *   whatever the parser's state (a non-dead DFA state can always complete) — "always";
 * - the DFA dies on some byte right after an accepting state: the pending lexeme ends there and the
 *   parser must judge the rest — a "boundary" node, walked at mask time with the real parser;
 * - the DFA dies after a non-accepting state: rejected whatever the parser's state.
 * So a mask is a copy of `always` plus short parser walks under the boundary nodes (XGrammar's
 * context-independent tokens, computed lazily per lexer state instead of per grammar position).
 */
import { LazyDfa } from "../regex/index.js";
import type { TokenTrie } from "../vocab/token-trie.js";
import { TextDepths, UNBOUNDED_TEXT, type PlainTextIndex } from "./slices.js";

export interface StateTokens {
  /** tokens allowed from this lexer state whatever the parser state */
  always: Uint32Array;
  /** the trie the boundary nodes belong to */
  trie: TokenTrie;
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

export class TokenTables {
  private readonly dfa: LazyDfa;
  private readonly trie: TokenTrie;
  private readonly words: number;
  private byState: (StateTokens | undefined)[] = [];
  private bytes = 0;
  /** DFA state per trie depth during a precomputation walk */
  private readonly stateAt: Int32Array;

  private readonly plain: PlainTextIndex | undefined;
  private readonly depths: TextDepths;

  /**
   * `plain`: the trie's plain-text index, to skip short plain tokens of wide states (optional);
   * `textDepth`: the cap and budget of the per-state plain-text depth search (tests use tiny ones)
   */
  constructor(dfa: LazyDfa, trie: TokenTrie, plain?: PlainTextIndex, textDepth: { cap?: number; budget?: number } = {}) {
    this.dfa = dfa;
    this.trie = trie;
    this.plain = plain;
    this.depths = new TextDepths(dfa, textDepth.cap, textDepth.budget);
    this.words = (trie.vocabSize + 31) >>> 5;
    this.stateAt = new Int32Array(trie.maxDepth + 1);
  }

  /** The table of lexer state `s`, computed on first use. */
  forState(s: number): StateTokens {
    return this.byState[s] ?? this.compute(s);
  }

  /** Memory held by the tables, in bytes. */
  get memoryBytes(): number {
    return this.bytes;
  }

  get statesComputed(): number {
    let n = 0;
    for (const e of this.byState) if (e) n++;
    return n;
  }

  private compute(s: number): StateTokens {
    const dfa = this.dfa;
    const trie = this.trie;
    const always = new Uint32Array(this.words);
    // every plain token of at most `depth` characters keeps the DFA alive (no boundary, no death):
    // all of them are "always", and a subtree holding only such tokens needs no walk
    const depth = this.plain ? this.depths.depth(s) : 0;
    const skipUpTo = depth >= UNBOUNDED_TEXT ? UNBOUNDED_TEXT : depth;
    if (skipUpTo > 0) always.set(this.plain!.maskUpTo(skipUpTo));
    const subtreeMax = this.plain?.subtreeMax;
    const nodes: number[] = [];
    const parents: number[] = [];
    const stateAt = this.stateAt;
    stateAt[0] = s;
    const n = trie.nodeCount;
    let m = 1;
    while (m < n) {
      if (skipUpTo > 0 && subtreeMax![m]! <= skipUpTo) {
        m = trie.subtreeEnd(m);
        continue;
      }
      const d = trie.depth(m);
      const q = stateAt[d - 1]!;
      const b = trie.byteOf(m);
      const q2 = dfa.next(q, b);
      if (q2 !== LazyDfa.DEAD) {
        stateAt[d] = q2;
        trie.addTokensOf(m, always);
        m++;
        continue;
      }
      if (dfa.isAccepting(q)) {
        nodes.push(m);
        parents.push(q);
      }
      m = trie.subtreeEnd(m);
    }
    const order = nodes.map((_, i) => i).sort((a, b) => parents[a]! - parents[b]! || a - b);
    const groupState: number[] = [];
    const groupStart: number[] = [];
    order.forEach((i, k) => {
      if (k === 0 || parents[order[k - 1]!] !== parents[i]) {
        groupState.push(parents[i]!);
        groupStart.push(k);
      }
    });
    groupStart.push(order.length);
    const entry: StateTokens = {
      always,
      trie,
      boundaryNodes: Int32Array.from(order, (i) => nodes[i]!),
      groupState: Int32Array.from(groupState),
      groupStart: Int32Array.from(groupStart),
      textDepth: depth,
    };
    this.bytes += always.byteLength + entry.boundaryNodes.byteLength + entry.groupState.byteLength + entry.groupStart.byteLength;
    this.byState[s] = entry;
    return entry;
  }
}
