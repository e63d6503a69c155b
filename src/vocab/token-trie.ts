/**
 * A byte trie over the tokens of a vocabulary, laid out for a depth-first walk (llguidance's toktrie):
 * nodes are numbered in DFS pre-order, children by ascending byte, and each node stores its byte, its
 * depth, the token ending there and the index just past its subtree. Descending into the first
 * child is `node + 1`; skipping a subtree is `subtreeEnd(node)`. No per-node objects.
 *
 * Node 0 is the root (the empty string, depth 0, no token). Several ids can share the same bytes
 * (`<0x0A>` and a `\n` token, say): such a node keeps them all, in ascending id order.
 */
import { setBit, createBitmask } from "./bitmask.js";

/**
 * What a trie walk asks of the lexer/parser: push one byte onto its state stack if the output
 * stays viable (returning false and pushing nothing otherwise), and pop pushed bytes.
 */
export interface ByteRecognizer {
  tryPushByte(byte: number): boolean;
  popBytes(count: number): void;
}

/** Statistics, for reports. */
export interface TokenTrieStats {
  nodes: number;
  tokens: number;
  /** nodes with more than one token id */
  duplicateNodes: number;
  maxDepth: number;
}

/**
 * A sub-trie laid out like the trie (DFS pre-order, one index per node) for walks that leave out
 * subtrees known in advance not to matter: index i is trie node `nodes[i]`, `ends[i]` the index just past its subtree, `depths`/`bytes` the node's, and
 * `subtreeMax[i]` and `subtreeMin[i]` per-subtree numbers the walker may skip on (the most plain
 * characters of a token under it, and the fewest whole ones, slices.ts).
 * A walk visits indices `start .. length - 1`.
 */
export interface TrieSkeleton {
  start: number;
  length: number;
  nodes: Int32Array;
  ends: Int32Array;
  depths: Uint32Array;
  bytes: Uint8Array;
  subtreeMax: Uint8Array;
  subtreeMin: Uint8Array;
}

export class TokenTrie {
  /** number of nodes, root included */
  readonly nodeCount: number;
  /** the bitmask width: token ids are < vocabSize */
  readonly vocabSize: number;
  /** token ids in the trie (duplicates counted) */
  readonly tokenCount: number;
  readonly maxDepth: number;

  private readonly nodeByte: Uint8Array;
  private readonly nodeDepth: Uint32Array;
  private readonly nodeEnd: Int32Array;
  /** -1: no token; >= 0: the token id; <= -2: duplicate group -(g + 2) */
  private readonly nodeToken: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly groupIds: Int32Array;
  /** node of each token id, -1 for ids not in the trie */
  private readonly tokenNode: Int32Array;
  /** node i at index i, for `asSkeleton` (made on first use) */
  private identity: Int32Array | undefined;

  /**
   * Builds the trie of the ids for which `bytesOf` returns a non-empty byte string (`null` or empty
   * leaves the id out).
   */
  constructor(vocabSize: number, bytesOf: (id: number) => Uint8Array | null) {
    this.vocabSize = vocabSize;
    const keys: string[] = new Array(vocabSize);
    const ids: number[] = [];
    let totalBytes = 0;
    for (let id = 0; id < vocabSize; id++) {
      const b = bytesOf(id);
      if (b === null || b.length === 0) continue;
      keys[id] = latin1(b);
      ids.push(id);
      totalBytes += b.length;
    }
    ids.sort((a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });

    const cap = totalBytes + 1;
    const nodeByte = new Uint8Array(cap);
    const nodeDepth = new Uint32Array(cap);
    const nodeEnd = new Int32Array(cap);
    const nodeToken = new Int32Array(cap).fill(-1);
    const tokenNode = new Int32Array(vocabSize).fill(-1);
    const groupStart: number[] = [];
    const groupIds: number[] = [];
    const open: number[] = [0]; // open[d] = the open node at depth d
    let count = 1;
    let maxDepth = 0;
    let prev = "";
    for (let i = 0; i < ids.length; ) {
      const key = keys[ids[i]!]!;
      let j = i + 1;
      while (j < ids.length && keys[ids[j]!] === key) j++;
      let lcp = 0;
      const lim = Math.min(prev.length, key.length);
      while (lcp < lim && prev.charCodeAt(lcp) === key.charCodeAt(lcp)) lcp++;
      for (let d = prev.length; d > lcp; d--) nodeEnd[open[d]!] = count;
      for (let d = lcp + 1; d <= key.length; d++) {
        nodeByte[count] = key.charCodeAt(d - 1);
        nodeDepth[count] = d;
        open[d] = count;
        count++;
      }
      const node = count - 1;
      if (key.length > maxDepth) maxDepth = key.length;
      if (j - i === 1) {
        nodeToken[node] = ids[i]!;
      } else {
        nodeToken[node] = -(groupStart.length + 2);
        groupStart.push(groupIds.length);
        for (let k = i; k < j; k++) groupIds.push(ids[k]!);
      }
      for (let k = i; k < j; k++) tokenNode[ids[k]!] = node;
      prev = key;
      i = j;
    }
    for (let d = prev.length; d >= 0; d--) nodeEnd[open[d]!] = count;
    nodeEnd[0] = count;
    groupStart.push(groupIds.length);

    this.nodeCount = count;
    this.tokenCount = ids.length;
    this.maxDepth = maxDepth;
    this.nodeByte = nodeByte.slice(0, count);
    this.nodeDepth = nodeDepth.slice(0, count);
    this.nodeEnd = nodeEnd.slice(0, count);
    this.nodeToken = nodeToken.slice(0, count);
    this.groupStart = Int32Array.from(groupStart);
    this.groupIds = Int32Array.from(groupIds);
    this.tokenNode = tokenNode;
  }

  /** The byte on the edge into `node` (0 for the root). */
  byteOf(node: number): number {
    return this.nodeByte[node]!;
  }

  /** Length of the byte path from the root to `node`. */
  depth(node: number): number {
    return this.nodeDepth[node]!;
  }

  /** One past the last node of `node`'s subtree: where a walk goes when it skips the subtree. */
  subtreeEnd(node: number): number {
    return this.nodeEnd[node]!;
  }

  /** The (smallest) token id ending at `node`, or -1. */
  tokenOf(node: number): number {
    const t = this.nodeToken[node]!;
    return t >= -1 ? t : this.groupIds[this.groupStart[-t - 2]!]!;
  }

  /** Whether some token ends at `node`. */
  hasToken(node: number): boolean {
    return this.nodeToken[node] !== -1;
  }

  /** All token ids ending at `node`, ascending. */
  tokensOf(node: number): number[] {
    const t = this.nodeToken[node]!;
    if (t === -1) return [];
    if (t >= 0) return [t];
    const g = -t - 2;
    return Array.from(this.groupIds.subarray(this.groupStart[g]!, this.groupStart[g + 1]!));
  }

  /**
   * The whole trie as a skeleton, with a per-node `subtreeMax` of the caller's. Only the identity
   * node map is new (made once): walkers then see one shape of skeleton, which keeps them
   * monomorphic (a null map for this one case made V8 deoptimize the table walk again and again).
   */
  asSkeleton(subtreeMax: Uint8Array, subtreeMin: Uint8Array = new Uint8Array(this.nodeCount)): TrieSkeleton {
    if (subtreeMax.length !== this.nodeCount) throw new RangeError(`subtreeMax has ${subtreeMax.length} entries for ${this.nodeCount} nodes`);
    if (subtreeMin.length !== this.nodeCount) throw new RangeError(`subtreeMin has ${subtreeMin.length} entries for ${this.nodeCount} nodes`);
    if (this.identity === undefined) {
      this.identity = new Int32Array(this.nodeCount);
      for (let i = 0; i < this.nodeCount; i++) this.identity[i] = i;
    }
    return { start: 1, length: this.nodeCount, nodes: this.identity, ends: this.nodeEnd, depths: this.nodeDepth, bytes: this.nodeByte, subtreeMax, subtreeMin };
  }

  /**
   * The token at `node` in one number, for hot loops: ≥ 0 the one id ending there, -1 none, ≤ -2
   * several (then `tokenCountAt`/`tokenAt`).
   */
  tokenCode(node: number): number {
    return this.nodeToken[node]!;
  }

  /** Number of token ids ending at `node` (no allocation, unlike `tokensOf`). */
  tokenCountAt(node: number): number {
    const t = this.nodeToken[node]!;
    if (t === -1) return 0;
    if (t >= 0) return 1;
    const g = -t - 2;
    return this.groupStart[g + 1]! - this.groupStart[g]!;
  }

  /** The k-th (ascending) token id ending at `node`, for k < `tokenCountAt(node)`. */
  tokenAt(node: number, k: number): number {
    const t = this.nodeToken[node]!;
    return t >= 0 ? t : this.groupIds[this.groupStart[-t - 2]! + k]!;
  }

  /** Sets the bits of the tokens ending at `node`. */
  addTokensOf(node: number, mask: Uint32Array): void {
    const t = this.nodeToken[node]!;
    if (t >= 0) {
      mask[t >>> 5] |= 1 << (t & 31);
    } else if (t !== -1) {
      const g = -t - 2;
      for (let k = this.groupStart[g]!, e = this.groupStart[g + 1]!; k < e; k++) setBit(mask, this.groupIds[k]!);
    }
  }

  /** The node whose path is the bytes of token `id`, or -1 when the id is not in the trie. */
  nodeOfToken(id: number): number {
    return id >= 0 && id < this.vocabSize ? this.tokenNode[id]! : -1;
  }

  /** Whether token `id` is in the trie. */
  contains(id: number): boolean {
    return this.nodeOfToken(id) >= 0;
  }

  /** First child of `node`, or -1. */
  firstChild(node: number): number {
    const c = node + 1;
    return c < this.nodeEnd[node]! ? c : -1;
  }

  /** Next sibling of `node` (the next child of its parent), or -1. */
  nextSibling(node: number): number {
    const s = this.nodeEnd[node]!;
    return s < this.nodeCount && this.nodeDepth[s] === this.nodeDepth[node] ? s : -1;
  }

  /** The children of `node`, by ascending byte. */
  *children(node: number): IterableIterator<number> {
    const end = this.nodeEnd[node]!;
    for (let c = node + 1; c < end; c = this.nodeEnd[c]!) yield c;
  }

  /** The child of `node` along `byte`, or -1. */
  child(node: number, byte: number): number {
    const end = this.nodeEnd[node]!;
    for (let c = node + 1; c < end; c = this.nodeEnd[c]!) {
      const b = this.nodeByte[c]!;
      if (b === byte) return c;
      if (b > byte) return -1;
    }
    return -1;
  }

  /** The node reached by `bytes[start..end)` from the root, or -1. */
  lookup(bytes: Uint8Array, start = 0, end = bytes.length): number {
    let node = 0;
    for (let i = start; i < end && node >= 0; i++) node = this.child(node, bytes[i]!);
    return node;
  }

  /** The byte path from the root to `node` (a backward scan: for tests and debugging). */
  pathTo(node: number): Uint8Array {
    const d = this.nodeDepth[node]!;
    const out = new Uint8Array(d);
    let want = d;
    for (let n = node; n > 0 && want > 0; n--) {
      if (this.nodeDepth[n] === want) {
        out[want - 1] = this.nodeByte[n]!;
        want--;
      }
    }
    return out;
  }

  /**
   * Longest token that is a prefix of `bytes[start..]`: `[id, length]`, or `[-1, 0]` when no token
   * starts there. The id is the smallest one with those bytes.
   */
  longestMatch(bytes: Uint8Array, start = 0): [number, number] {
    let node = 0;
    let best = -1;
    let bestLen = 0;
    for (let i = start; i < bytes.length; i++) {
      node = this.child(node, bytes[i]!);
      if (node < 0) break;
      if (this.nodeToken[node] !== -1) {
        best = this.tokenOf(node);
        bestLen = i - start + 1;
      }
    }
    return [best, bestLen];
  }

  /**
   * The depth-first walk a mask engine does: every node whose byte the recognizer accepts adds its
   * tokens to `mask` and is descended into; a rejected byte skips the node's subtree. The
   * recognizer ends with as many bytes pushed as it started with. Returns the number of nodes
   * visited (accepted or not).
   */
  walk(recognizer: ByteRecognizer, mask: Uint32Array): number {
    const n = this.nodeCount;
    const nodeByte = this.nodeByte;
    const nodeDepth = this.nodeDepth;
    const nodeEnd = this.nodeEnd;
    const nodeToken = this.nodeToken;
    let pushed = 0;
    let visited = 0;
    let p = 1;
    while (p < n) {
      const d = nodeDepth[p]!;
      if (pushed >= d) {
        recognizer.popBytes(pushed - d + 1);
        pushed = d - 1;
      }
      visited++;
      if (recognizer.tryPushByte(nodeByte[p]!)) {
        pushed = d;
        const t = nodeToken[p]!;
        if (t >= 0) mask[t >>> 5] |= 1 << (t & 31);
        else if (t !== -1) this.addTokensOf(p, mask);
        p++;
      } else {
        p = nodeEnd[p]!;
      }
    }
    if (pushed > 0) recognizer.popBytes(pushed);
    return visited;
  }

  /**
   * The tokens all of whose non-empty prefixes `accept` accepts, as a bitmask (bit i = token i).
   * `accept` sees the byte path from the root (a view valid during the call); a rejected prefix
   * prunes its subtree. For a prefix-closed predicate this is {tokens t : accept(bytes(t))}.
   */
  allowedTokens(accept: (prefix: Uint8Array) => boolean, mask: Uint32Array = createBitmask(this.vocabSize)): Uint32Array {
    const path = new Uint8Array(this.maxDepth);
    let len = 0;
    this.walk(
      {
        tryPushByte(byte) {
          path[len] = byte;
          if (accept(path.subarray(0, len + 1))) {
            len++;
            return true;
          }
          return false;
        },
        popBytes(count) {
          len -= count;
        },
      },
      mask,
    );
    return mask;
  }

  /** Bytes held by the trie's arrays. */
  get memoryBytes(): number {
    const arrays = [this.nodeByte, this.nodeDepth, this.nodeEnd, this.nodeToken, this.groupStart, this.groupIds, this.tokenNode, this.identity];
    return arrays.reduce((n, a) => n + (a?.byteLength ?? 0), 0);
  }

  stats(): TokenTrieStats {
    return { nodes: this.nodeCount, tokens: this.tokenCount, duplicateNodes: this.groupStart.length - 1, maxDepth: this.maxDepth };
  }
}

/** Bytes as a string of char codes 0..255, so that string order is byte order. */
function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode.apply(null, b.subarray(i, i + 4096) as unknown as number[]);
  return s;
}
