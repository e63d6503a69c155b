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
import { LazyDfa, type ExprId } from "../regex/index.js";
import type { TokenTrie } from "../vocab/token-trie.js";
import { sliceFits, type VocabSlice } from "./slices.js";

export interface StateTokens {
  /** tokens allowed from this lexer state whatever the parser state */
  always: Uint32Array;
  /** the trie the boundary nodes belong to: the whole vocabulary's, or the rest of a slice's */
  trie: TokenTrie;
  /** trie nodes where the pending lexeme must end before the node's byte, in DFS order */
  boundaryNodes: Int32Array;
  /** path bytes from the root to each boundary node's parent: `pathBytes[pathStart[k]..pathStart[k+1])` */
  pathStart: Int32Array;
  pathBytes: Uint8Array;
}

export class TokenTables {
  private readonly dfa: LazyDfa;
  private readonly trie: TokenTrie;
  private readonly words: number;
  private byState: (StateTokens | undefined)[] = [];
  private bytes = 0;
  /** DFA state per trie depth during a precomputation walk */
  private readonly stateAt: Int32Array;

  private readonly slices: readonly VocabSlice[];
  private readonly sliceExprs: readonly ExprId[];

  constructor(dfa: LazyDfa, trie: TokenTrie, slices: readonly VocabSlice[] = []) {
    this.dfa = dfa;
    this.trie = trie;
    this.slices = slices;
    this.sliceExprs = slices.map((sl) => dfa.exprSet.fromRegex(sl.source, "", "whole"));
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
    let trie = this.trie;
    const always = new Uint32Array(this.words);
    const exprs = dfa.stateExpressions(s);
    for (let k = 0; k < this.slices.length; k++) {
      if (!sliceFits(dfa.exprSet, this.sliceExprs[k]!, exprs)) continue;
      always.set(this.slices[k]!.mask);
      trie = this.slices[k]!.rest;
      break;
    }
    const nodes: number[] = [];
    const pathStart: number[] = [0];
    const pathBytes: number[] = [];
    const stateAt = this.stateAt;
    const path = new Uint8Array(this.trie.maxDepth + 1);
    stateAt[0] = s;
    const n = trie.nodeCount;
    let m = 1;
    while (m < n) {
      const d = trie.depth(m);
      const q = stateAt[d - 1]!;
      const b = trie.byteOf(m);
      const q2 = dfa.next(q, b);
      if (q2 !== LazyDfa.DEAD) {
        stateAt[d] = q2;
        path[d - 1] = b;
        trie.addTokensOf(m, always);
        m++;
        continue;
      }
      if (dfa.isAccepting(q)) {
        nodes.push(m);
        for (let k = 0; k < d - 1; k++) pathBytes.push(path[k]!);
        pathStart.push(pathBytes.length);
      }
      m = trie.subtreeEnd(m);
    }
    const entry: StateTokens = {
      always,
      trie,
      boundaryNodes: Int32Array.from(nodes),
      pathStart: Int32Array.from(pathStart),
      pathBytes: Uint8Array.from(pathBytes),
    };
    this.bytes += always.byteLength + entry.boundaryNodes.byteLength + entry.pathStart.byteLength + entry.pathBytes.byteLength;
    this.byState[s] = entry;
    return entry;
  }
}
