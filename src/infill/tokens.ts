/**
 * Token-exact runs: can a byte string be spelled by exactly k tokens of a vocabulary (the bytes a
 * run of k masked diffusion positions holds), and with which tokens?
 *
 * The checker reasons in bytes ("k positions hold k..k·M bytes"); a fill in that range may still
 * need more tokens than the run has (`": "` in one position) or be spellable by none. The session
 * asks this module about every witness it keeps, so that its answers hold at the token level.
 *
 * Spellings use the *allowed* tokens only (the decoder's action space: normal tokens of at most
 * `maxTokenBytes` bytes, optionally filtered further). Two facts make the set of achievable counts
 * for a string s an interval, [T(s), |s|] with T(s) the fewest tokens:
 *   (a) every byte of s is an allowed single-byte token (then |s| tokens spell s), and
 *   (b) every allowed multi-byte token is the concatenation of two allowed tokens (so a spelling
 *       with c < |s| tokens has a multi-byte token to split, giving c + 1).
 * (b) is verified once per speller over the whole vocabulary; (a) per string (a bitset of the
 * bytes with a single-byte token). When either fails, a plain dynamic programme decides it:
 * reach[i] = bitset of the token counts that spell s[0..i), cost |s|·M·(k/32) words.
 *
 * A tail run (EOS padding may end it early) holds at most k tokens followed by EOS.
 */
import type { Vocabulary } from "../vocab/vocabulary.js";
import type { TokenTrie } from "../vocab/token-trie.js";

export interface TokenSpellerOptions {
  /** longest token the decoder commits, in bytes (default: no limit) */
  maxTokenBytes?: number;
  /** further restriction of the allowed ids (default: every normal token) */
  allowed?: (id: number) => boolean;
  /** verify fact (b) and use intervals when it holds (default true; false forces the plain DP, for tests) */
  useIntervals?: boolean;
}

const NONE = 0x7fffffff;

export class TokenSpeller {
  readonly maxTokenBytes: number;
  /** fact (b): every allowed multi-byte token splits into two allowed tokens */
  readonly splitClosed: boolean;
  private readonly trie: TokenTrie;
  /** per trie node, the smallest allowed id ending there, or -1 */
  private readonly nodeAllowed: Int32Array;
  /** per byte, its allowed single-byte token, or -1 */
  private readonly byteToken = new Int32Array(256).fill(-1);
  /** per byte, the root's child along it (-1 if none): the first step of every walk */
  private readonly rootChild = new Int32Array(256).fill(-1);
  /** per allowed multi-byte token, the length of its first half in a split into two allowed tokens */
  private readonly splitAt = new Map<number, number>();
  private readonly vocab: Vocabulary;
  // scratch for the min-count DP
  private best = new Int32Array(64);
  private back = new Int32Array(64);

  constructor(vocab: Vocabulary, opts: TokenSpellerOptions = {}) {
    this.vocab = vocab;
    this.maxTokenBytes = opts.maxTokenBytes ?? Infinity;
    const trie = (this.trie = vocab.trie());
    const allowed = (id: number) => vocab.isNormal(id) && vocab.tokenLength(id) <= this.maxTokenBytes && (opts.allowed?.(id) ?? true);
    this.nodeAllowed = new Int32Array(trie.nodeCount).fill(-1);
    for (let n = 1; n < trie.nodeCount; n++) {
      if (!trie.hasToken(n)) continue;
      for (const id of trie.tokensOf(n)) {
        if (allowed(id)) {
          this.nodeAllowed[n] = id;
          break;
        }
      }
    }
    for (let c = trie.firstChild(0); c >= 0; c = trie.nextSibling(c)) {
      this.rootChild[trie.byteOf(c)] = c;
      this.byteToken[trie.byteOf(c)] = this.nodeAllowed[c]!;
    }
    let closed = opts.useIntervals ?? true;
    for (let n = 1; n < trie.nodeCount && closed; n++) {
      const id = this.nodeAllowed[n]!;
      if (id < 0 || trie.depth(n) < 2) continue;
      const b = vocab.tokenBytes(id);
      let at = 0;
      for (let i = 1; i < b.length && at === 0; i++) if (this.tokenAt(b, 0, i) >= 0 && this.tokenAt(b, i, b.length) >= 0) at = i;
      if (at === 0) closed = false;
      else this.splitAt.set(id, at);
    }
    this.splitClosed = closed;
  }

  /** The bytes of token `id` (a view: do not modify). */
  bytesOf(id: number): Uint8Array {
    return this.vocab.tokenBytes(id);
  }

  /** The allowed token whose bytes are s[from..to), or -1. */
  tokenAt(s: Uint8Array, from: number, to: number): number {
    if (to <= from || to - from > this.maxTokenBytes) return -1;
    let node = this.rootChild[s[from]!]!;
    for (let i = from + 1; i < to && node >= 0; i++) node = this.trie.child(node, s[i]!);
    return node < 0 ? -1 : this.nodeAllowed[node]!;
  }

  /** Fewest allowed tokens that spell s (Infinity when none does; 0 for the empty string). */
  minTokens(s: Uint8Array): number {
    const n = s.length;
    if (n === 0) return 0;
    this.minDp(s);
    const t = this.best[n]!;
    return t === NONE ? Infinity : t;
  }

  /** Can exactly k allowed tokens spell s (with `tail`: at most k, the rest EOS)? */
  canSpell(s: Uint8Array, k: number, tail = false): boolean {
    const n = s.length;
    if (n === 0) return tail || k === 0;
    if (k <= 0) return false;
    if (this.intervalsHold(s)) {
      const t = this.minTokens(s);
      return t <= k && (tail || k <= n);
    }
    return this.countsDp(s, k, tail) !== null;
  }

  /**
   * Allowed token ids spelling s: exactly k of them (with `tail`: at most k; the caller pads with
   * EOS), or null when there is no such spelling.
   */
  spell(s: Uint8Array, k: number, tail = false): number[] | null {
    const n = s.length;
    if (n === 0) return tail || k === 0 ? [] : null;
    if (k <= 0) return null;
    if (this.intervalsHold(s)) {
      const t = this.minTokens(s);
      if (t > k || (!tail && k > n)) return null;
      const ids: number[] = [];
      for (let i = n; i > 0; i -= this.back[i]!) ids.push(this.tokenAt(s, i - this.back[i]!, i));
      ids.reverse();
      if (tail) return ids;
      // split multi-byte tokens until there are k (fact (b) guarantees a split while count < n)
      for (let i = 0; ids.length < k; ) {
        const id = ids[i]!;
        const at = this.splitAt.get(id);
        if (at === undefined) {
          i++;
          continue;
        }
        const b = this.vocab.tokenBytes(id);
        ids.splice(i, 1, this.tokenAt(b, 0, at), this.tokenAt(b, at, b.length));
      }
      return ids;
    }
    const reach = this.countsDp(s, k, tail);
    if (reach === null) return null;
    const W = (k >>> 5) + 1;
    const has = (i: number, c: number) => (reach[i * W + (c >>> 5)]! & (1 << (c & 31))) !== 0;
    let c = -1;
    for (let x = tail ? 1 : k; x <= k && c < 0; x++) if (has(n, x)) c = x;
    const ids: number[] = [];
    const M = Math.min(this.maxTokenBytes, n);
    for (let i = n; i > 0; c--) {
      let found = false;
      for (let l = 1; l <= M && l <= i && !found; l++) {
        const id = this.tokenAt(s, i - l, i);
        if (id >= 0 && has(i - l, c - 1)) {
          ids.push(id);
          i -= l;
          found = true;
        }
      }
      if (!found) throw new Error("internal: token spelling back-trace lost its way");
    }
    return ids.reverse();
  }

  /**
   * A lower bound on the tokens that start inside w, wherever w stands in a text spelled by allowed
   * tokens: either no token starts in w (then one token holds all of w after at least one byte of
   * its own: 0), or the first one starts at j — w[0..j) is then a proper suffix of the token before
   * (or j = 0) — and the ones from j on spell w[j..) exactly except the last, which may run on past
   * w's end (w[i..) a prefix of a token). The minimum over those readings; the tokens of a whole text
   * are at least the sum over its lexemes (each token starts in exactly one).
   */
  tokensStartingIn(w: Uint8Array): number {
    const n = w.length;
    if (n === 0) return 0;
    // one pass over the sorted suffixes, narrowing to those that begin with w[0..j): w[0..j) is a
    // proper suffix when the range's first one is exactly it, w sits inside a token when the range
    // stays non-empty to the end
    const sfx = this.sortedSuffixes();
    if (this.suffixEnds.length <= n) this.suffixEnds = new Uint8Array(2 * (n + 1));
    const suffixEnds = this.suffixEnds;
    let lo = 0;
    let hi = sfx.length;
    let j = 0;
    for (; j < n && lo < hi; j++) {
      [lo, hi] = narrowRange(sfx, lo, hi, j, w[j]!);
      suffixEnds[j + 1] = lo < hi && sfx[lo]!.length === j + 1 ? 1 : 0;
    }
    if (lo < hi && n < this.maxTokenBytes) return 0;
    const known = j; // suffixEnds[1..known] are set; no longer prefix is a suffix
    // from[i]: fewest tokens starting at i, i+… covering w[i..n)
    const from = new Float64Array(n + 1).fill(Infinity);
    from[n] = 0;
    const trie = this.trie;
    for (let i = n - 1; i >= 0; i--) {
      let node = this.rootChild[w[i]!]!;
      for (let j = i + 1; node >= 0; ) {
        // w[i..j) is a path of the trie: a token, or a token's prefix when j = n
        if (j === n || this.nodeAllowed[node]! >= 0) from[i] = Math.min(from[i]!, 1 + from[j]!);
        if (j >= n || j - i >= this.maxTokenBytes) break;
        node = trie.child(node, w[j]!);
        j++;
      }
    }
    let best = from[0]!;
    for (let k = 1; k < n && k <= known; k++) if (from[k]! < best && suffixEnds[k] === 1) best = from[k]!;
    return best;
  }

  /**
   * min over the words w of `a` of `tokensStartingIn(w)`, by a cheapest-path search (0-1 BFS,
   * costs are tokens started) over pairs of a's state and where w stands among the tokens: still
   * inside a token begun before w (the bytes so far are a prefix of one of its proper suffixes: a
   * range of the sorted suffixes) or inside a token begun in w (a trie node). A token begins at a
   * byte where the one before it ends (a suffix read whole, or a node with an allowed token) or at
   * w's first byte. Past `budget` states found, the cost level reached: every cheaper reading has
   * been searched, so it is still a lower bound. Infinity when a has no word.
   */
  fewestTokensStartingIn(a: ByteAutomaton, budget: number): number {
    const sfx = this.sortedSuffixes();
    const trie = this.trie;
    const M = this.maxTokenBytes;
    // a state is (kind, q, lo, hi, len): kind 0 = before-token, the range [lo, hi) of sfx whose
    // first len chars are the bytes so far; kind 1 = the trie node lo. Keys number a's states
    // densely (qIndex) so that they stay exact doubles.
    const qIndex = new Map<number, number>();
    const seen = new Set<number>();
    const restarted = new Set<number>();
    const span0 = (sfx.length + 1) * 128;
    const key = (kind: number, q: number, lo: number, len: number): number => {
      let qi = qIndex.get(q);
      if (qi === undefined) qIndex.set(q, (qi = qIndex.size));
      return kind === 1 ? -1 - (qi * trie.nodeCount + lo) : qi * span0 + lo * 128 + Math.min(len, 127);
    };
    let cur: number[] = [0, a.start, 0, sfx.length, 0];
    let next: number[] = [];
    seen.add(key(0, a.start, 0, 0));
    for (let level = 0; cur.length > 0; level++) {
      let found = false;
      for (let i = 0; i < cur.length; i += 5) {
        // every state of a lower level has been expanded
        if (seen.size > budget) return level;
        const kind = cur[i]!;
        const q = cur[i + 1]!;
        const lo = cur[i + 2]!;
        const hi = cur[i + 3]!;
        const len = cur[i + 4]!;
        if (a.accepting(q)) return level;
        // a token begins at the next byte: the same successors from every state of q
        const ends = kind === 1 ? this.nodeAllowed[lo]! >= 0 : len === 0 || sfx[lo]!.length === len;
        if (ends && !found && !restarted.has(q)) {
          restarted.add(q);
          for (let b = 0; b < 256; b++) {
            const c = this.rootChild[b]!;
            if (c < 0) continue;
            const d = a.next(q, b);
            if (d < 0) continue;
            if (a.accepting(d)) found = true;
            const k = key(1, d, c, 1);
            if (!seen.has(k)) {
              seen.add(k);
              next.push(1, d, c, 0, 1);
            }
          }
        }
        if (kind === 1) {
          if (trie.depth(lo) >= M) continue;
          for (let c = trie.firstChild(lo); c >= 0; c = trie.nextSibling(c)) {
            const d = a.next(q, trie.byteOf(c));
            if (d < 0) continue;
            const k = key(1, d, c, 0);
            if (!seen.has(k)) {
              seen.add(k);
              cur.push(1, d, c, 0, 0);
            }
          }
          continue;
        }
        // before-token: extend the range by each next byte its suffixes have at depth len
        let j = lo;
        if (j < hi && sfx[j]!.length === len) j++;
        while (j < hi) {
          const b = sfx[j]!.charCodeAt(len);
          const end = rangeEnd(sfx, j, hi, len, b);
          const d = a.next(q, b);
          if (d >= 0) {
            const k = key(0, d, j, len + 1);
            if (!seen.has(k)) {
              seen.add(k);
              cur.push(0, d, j, end, len + 1);
            }
          }
          j = end;
        }
      }
      if (found) return level + 1;
      cur = next;
      next = [];
    }
    return Infinity;
  }

  /**
   * Every proper suffix (a token's bytes after at least its first one) of every allowed token, as
   * latin-1 strings, sorted and deduplicated. w sits inside a token after a byte of it iff it is a
   * prefix of one of them, and ends at that token's end iff it is one of them: the range of those
   * that begin with w narrows byte by byte (`narrowRange`, two binary searches a byte; a substring
   * scan of all tokens joined cost ~4 ms per grammar's token bound). Built on first use.
   */
  private suffixes: string[] | null = null;
  /** scratch of tokensStartingIn: suffixEnds[j] = 1 when the word's first j bytes are a proper suffix */
  private suffixEnds = new Uint8Array(64);

  private sortedSuffixes(): string[] {
    let sorted = this.suffixes;
    if (sorted === null) {
      const all = new Set<string>();
      for (let id = 0; id < this.vocab.size; id++) {
        if (!this.isAllowed(id)) continue;
        const t = latin1(this.vocab.tokenBytes(id));
        for (let i = 1; i < t.length; i++) all.add(t.slice(i));
      }
      // the default order compares UTF-16 code units, i.e. bytes here
      sorted = this.suffixes = [...all].sort();
    }
    return sorted;
  }

  /** Does w occur in an allowed token after at least one of its bytes — ending exactly at the token's end when `atEnd`? */
  private insideToken(w: Uint8Array, atEnd: boolean): boolean {
    const sorted = this.sortedSuffixes();
    let lo = 0;
    let hi = sorted.length;
    for (let j = 0; j < w.length && lo < hi; j++) [lo, hi] = narrowRange(sorted, lo, hi, j, w[j]!);
    // the suffixes beginning with w; w itself, if there, sorts first
    return lo < hi && (!atEnd || sorted[lo]!.length === w.length);
  }

  /** Is s an allowed token's bytes after at least its first one? */
  isProperSuffix(s: Uint8Array): boolean {
    return this.insideToken(s, true);
  }

  /** Is w inside an allowed token after at least one byte of it? */
  isInnerInfix(w: Uint8Array): boolean {
    return this.insideToken(w, false);
  }

  private isAllowed(id: number): boolean {
    const n = this.vocab.tokenLength(id);
    if (n === 0 || n > this.maxTokenBytes) return false;
    const b = this.vocab.tokenBytes(id);
    let node = this.rootChild[b[0]!]!;
    for (let i = 1; i < n && node >= 0; i++) node = this.trie.child(node, b[i]!);
    return node >= 0 && this.nodeAllowed[node] === id;
  }

  /** Fact (a) for s, with fact (b) for the vocabulary. */
  private intervalsHold(s: Uint8Array): boolean {
    if (!this.splitClosed) return false;
    for (let i = 0; i < s.length; i++) if (this.byteToken[s[i]!]! < 0) return false;
    return true;
  }

  /** best[i] = fewest tokens spelling s[0..i), back[i] = the length of the last one. */
  private minDp(s: Uint8Array): void {
    const n = s.length;
    if (this.best.length <= n) {
      this.best = new Int32Array(2 * n + 2);
      this.back = new Int32Array(2 * n + 2);
    }
    const best = this.best;
    const back = this.back;
    best.fill(NONE, 0, n + 1);
    best[0] = 0;
    const trie = this.trie;
    const M = this.maxTokenBytes;
    for (let i = 0; i < n; i++) {
      const b0 = best[i]!;
      if (b0 === NONE) continue;
      let node = this.rootChild[s[i]!]!;
      for (let j = i + 1; node >= 0; ) {
        const id = this.nodeAllowed[node]!;
        if (id >= 0 && b0 + 1 < best[j]!) {
          best[j] = b0 + 1;
          back[j] = j - i;
        }
        if (j >= n || j - i >= M) break;
        node = trie.child(node, s[j]!);
        j++;
      }
    }
  }

  /** reach[i·W ..] = bitset of token counts ≤ k that spell s[0..i), or null when s[0..n) has no admissible count. */
  private countsDp(s: Uint8Array, k: number, tail: boolean): Uint32Array | null {
    const n = s.length;
    const W = (k >>> 5) + 1;
    const reach = new Uint32Array((n + 1) * W);
    reach[0] = 1;
    const trie = this.trie;
    const M = this.maxTokenBytes;
    for (let i = 0; i < n; i++) {
      let any = false;
      for (let w = 0; w < W && !any; w++) any = reach[i * W + w] !== 0;
      if (!any) continue;
      let node = this.rootChild[s[i]!]!;
      for (let j = i + 1; node >= 0; ) {
        if (this.nodeAllowed[node]! >= 0) {
          // reach[j] |= reach[i] << 1 (counts ≤ k)
          let carry = 0;
          for (let w = 0; w < W; w++) {
            const v = reach[i * W + w]!;
            reach[j * W + w]! |= (v << 1) | carry;
            carry = v >>> 31;
          }
          const top = k & 31;
          reach[j * W + W - 1]! &= top === 31 ? 0xffffffff : 2 ** (top + 1) - 1;
        }
        if (j >= n || j - i >= M) break;
        node = trie.child(node, s[j]!);
        j++;
      }
    }
    const at = n * W;
    if (!tail) return (reach[at + (k >>> 5)]! & (1 << (k & 31))) !== 0 ? reach : null;
    for (let w = 0; w < W; w++) if (reach[at + w]! !== 0) return reach;
    return null;
  }
}

/** A byte-level automaton as `fewestTokensStartingIn` walks it (states are numbers; `next` gives -1 where no word continues). */
export interface ByteAutomaton {
  readonly start: number;
  next(state: number, byte: number): number;
  accepting(state: number): boolean;
}

/**
 * The part of sorted[lo..hi) (strings sharing their first `at` chars, sorted) whose char at `at` is
 * b: the ones of length `at` come first, then the rest by that char.
 */
function narrowRange(sorted: readonly string[], lo: number, hi: number, at: number, b: number): [number, number] {
  let a = lo;
  let z = hi;
  while (a < z) {
    const mid = (a + z) >>> 1;
    const s = sorted[mid]!;
    if (s.length <= at || s.charCodeAt(at) < b) a = mid + 1;
    else z = mid;
  }
  if (a === hi || sorted[a]!.length <= at || sorted[a]!.charCodeAt(at) !== b) return [a, a];
  return [a, rangeEnd(sorted, a, hi, at, b)];
}

/** The end of the run of sorted[from..hi) whose char at `at` is b (they share their first `at` chars). */
function rangeEnd(sorted: readonly string[], from: number, hi: number, at: number, b: number): number {
  let lo = from + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.charCodeAt(at) === b) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bytes as a latin-1 string (one char per byte), a hashable key. */
function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const spellers = new WeakMap<Vocabulary, Map<number, TokenSpeller>>();

/** The speller of a vocabulary's normal tokens up to `maxTokenBytes` (built once per pair). */
export function tokenSpeller(vocab: Vocabulary, maxTokenBytes = Infinity): TokenSpeller {
  let m = spellers.get(vocab);
  if (m === undefined) spellers.set(vocab, (m = new Map()));
  let s = m.get(maxTokenBytes);
  if (s === undefined) m.set(maxTokenBytes, (s = new TokenSpeller(vocab, { maxTokenBytes })));
  return s;
}
