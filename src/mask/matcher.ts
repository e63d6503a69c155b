/**
 * The grammar's token matcher for left-to-right decoding: after each committed token, which
 * vocabulary tokens keep the output a viable prefix (and EOS exactly when it is complete).
 *
 * A mask is the cached "always" set of the current lexer state plus parser walks of the trie under
 * that state's boundary nodes (see token-tables.ts). Tokens may span lexemes, end inside a lexeme
 * or inside a UTF-8 character: the parser works on bytes, so none of these is special.
 */
import type { CompiledGrammar } from "../parser/compile.js";
import type { Parser } from "../parser/parser.js";
import type { TokenTrie } from "../vocab/token-trie.js";
import type { Vocabulary } from "../vocab/vocabulary.js";
import { JsonKeyTracker } from "../schema/json-keys.js";
import { LazyDfa } from "../regex/lazy_dfa.js";
import type { Monitor } from "./monitor.js";
import { plainTextIndex } from "./slices.js";
import { TokenTables, writeAlways, type StateTokens } from "./token-tables.js";

/** What matchers of one grammar and vocabulary share: the trie and the per-state token tables. */
export class MaskContext {
  readonly grammar: CompiledGrammar;
  readonly vocab: Vocabulary;
  readonly trie: TokenTrie;
  readonly tables: TokenTables;
  /** outputs are JSON texts whose objects may not repeat a key (JSON Schema grammars) */
  readonly distinctKeys: boolean;
  /** tokens by their `"` bytes (for the distinct-keys filter) */
  readonly quoteTokens: QuoteTokens | undefined;

  constructor(grammar: CompiledGrammar, vocab: Vocabulary) {
    this.grammar = grammar;
    this.vocab = vocab;
    this.trie = vocab.trie();
    this.tables = new TokenTables(grammar.dfa, this.trie, plainTextIndex(vocab, this.trie));
    this.distinctKeys = grammar.distinctObjectKeys;
    this.quoteTokens = this.distinctKeys ? quoteTokens(vocab) : undefined;
  }

  matcher(): GrammarMatcher {
    return new GrammarMatcher(this);
  }
}

export class GrammarMatcher implements Monitor {
  readonly ctx: MaskContext;
  private parser: Parser;
  /** byte length of each accepted token, for rollback by tokens; -1 marks an accepted EOS */
  private tokenLens: number[] = [];
  private finished = false;
  /** the object keys written so far (grammars with distinct keys only) */
  private keys: JsonKeyTracker | undefined;
  /** parser steps left to the current key look-ahead */
  private lookaheadBudget = 0;
  /** look-ahead answers of the current mask, by lexer state and key text */
  private finishMemo = new Map<string, boolean>();
  private memoObject = -1;
  private memoKeyCount = 0;

  constructor(ctx: MaskContext, parser?: Parser, keys?: JsonKeyTracker) {
    this.ctx = ctx;
    this.parser = parser ?? ctx.grammar.newParser();
    if (ctx.distinctKeys) {
      this.keys = keys ?? new JsonKeyTracker();
      if (!keys && parser && parser.position > 0) throw new Error("internal: a matcher with distinct keys needs the key tracker of its parser's input");
    }
  }

  /** Number of bitmask words for this vocabulary. */
  get maskWords(): number {
    return (this.ctx.vocab.size + 31) >>> 5;
  }

  /** Writes the mask of allowed next tokens into `bits` (bit i = token i). */
  fillMask(bits: Uint32Array): void {
    if (this.finished) {
      bits.fill(0);
      return;
    }
    const entry = this.ctx.tables.forState(this.parser.lexerState);
    writeAlways(entry, bits);
    this.walkBoundaries(entry, bits);
    if (this.parser.isAccepting()) for (const eos of this.ctx.vocab.eosIds) bits[eos >>> 5]! |= 1 << (eos & 31);
    if (this.keys) this.refuseRepeatedKeys(bits);
  }

  /**
   * Distinct keys: clears the tokens that would close a key already written in the same object,
   * and those that leave a key every completion of which was written already (the look-ahead).
   * Which tokens can do either (the rest pass untouched, so the common step costs a scan of the
   * quote-bearing ids): while the current key could still become a written one (`atRisk`), those
   * spelling onward along it, found by a trie walk; beyond that walk a token must open a key and
   * reach the risk, or close one: one `"` after a value (`,"a"`), two inside a string with more
   * after the second (`","a`; `","` leaves a key with no character yet, which needs no look-ahead)
   * or three (`","a"`), three where a key is next (`"b":1,"`) or a value is (`"x","`), where a
   * token not starting with `"` still needs only one (`1,"a"`). Escaped quotes only add to a count.
   */
  private refuseRepeatedKeys(bits: Uint32Array): void {
    const t = this.keys!;
    const q = this.ctx.quoteTokens!;
    this.finishMemo.clear();
    this.memoObject = t.objectId;
    this.memoKeyCount = t.keyCount;
    const risk = t.atRisk();
    if (risk) this.walkRisky(0, bits);
    if (t.inString) this.checkTokens(q.inString, bits);
    else if (risk) this.checkTokens(q.three, bits);
    else if (t.atValueStart) {
      this.checkTokens(q.three, bits);
      this.checkTokens(q.oneNotLeading, bits);
    } else this.checkTokens(q.one, bits);
  }

  private checkTokens(list: Int32Array, bits: Uint32Array): void {
    for (let i = 0; i < list.length; i++) {
      const id = list[i]!;
      if ((bits[id >>> 5]! & (1 << (id & 31))) !== 0 && !this.keyTokenOk(id)) bits[id >>> 5]! &= ~(1 << (id & 31));
    }
  }

  /** Does token `id` (allowed by the grammar) keep the keys distinct and the current key completable? */
  private keyTokenOk(id: number): boolean {
    const t = this.keys!;
    const bytes = this.ctx.vocab.tokenBytes(id);
    const n = t.feed(bytes);
    let ok = n === bytes.length;
    if (ok && t.readingKey && t.atRisk() && !(t.keyText === "" && t.keyComplete)) {
      const fed = this.parser.feed(bytes);
      ok = fed < bytes.length || this.keyCanFinish();
      this.parser.rollback(fed);
    }
    t.rollback(n);
    return ok;
  }

  /**
   * The trie walk of `refuseRepeatedKeys`: from the root, parser and tracker fed along each path
   * while at risk, following only the bytes that can keep it so (`riskyBytes`: the written keys'
   * spellings); a token leaving that path has left the risk for this key.
   */
  private walkRisky(node: number, bits: Uint32Array): void {
    const trie = this.ctx.trie;
    const p = this.parser;
    const t = this.keys!;
    const risky: number[] = [];
    const some = t.riskyBytes(risky);
    const end = trie.subtreeEnd(node);
    for (let c = node + 1; c < end; c = trie.subtreeEnd(c)) {
      const b = trie.byteOf(c);
      if (some && !risky.includes(b)) continue;
      if (!p.feedByte(b)) continue;
      if (!t.feedByte(b)) {
        // closes a written key: so does every token through here
        p.rollback(1);
        for (let k = c, e = trie.subtreeEnd(c); k < e; k++) clearTokensOf(trie, k, bits);
        continue;
      }
      if (t.atRisk()) {
        if (t.readingKey && anyTokenOf(trie, c, bits) && !this.keyCanFinish()) clearTokensOf(trie, c, bits);
        this.walkRisky(c, bits);
      }
      t.rollback(1);
      p.rollback(1);
    }
  }

  /**
   * Can the key being read (its text so far a prefix of a written key) still end as a new key?
   * A depth-first search over next bytes the lexer allows; it succeeds as soon as the key closes
   * as a new one or its text stops being a prefix of a written key (the grammar then guarantees
   * some completion, and every one differs). The search follows written keys' spellings only, so
   * it is short; past a budget (2,000 steps) it answers yes: an over-approximation that can only
   * let a dead end through, never a repeated key. A key with no character yet is not searched:
   * like a `,` before it, it is only a dead end when every key the object may have is written.
   */
  private keyCanFinish(): boolean {
    const t = this.keys!;
    if (t.keyText === "" && t.keyComplete) return true;
    // The answer depends on the lexer state and the key so far only: a schema grammar's key is one
    // terminal (`"name":`), so the search never leaves the lexeme and each byte is a DFA step.
    // Only for the object the mask started in, with the keys it had then (a token may write keys
    // or enter another object).
    const state = this.parser.lexerState;
    const memoKey = t.keyComplete && t.objectId === this.memoObject && t.keyCount === this.memoKeyCount ? `${state}\u0000${t.keyText}` : undefined;
    const known = memoKey !== undefined ? this.finishMemo.get(memoKey) : undefined;
    if (known !== undefined) return known;
    this.lookaheadBudget = 2_000;
    const ok = this.keySearch(state);
    if (memoKey !== undefined) this.finishMemo.set(memoKey, ok);
    return ok;
  }

  private keySearch(state: number): boolean {
    const dfa = this.ctx.grammar.dfa;
    const t = this.keys!;
    const risky: number[] = [];
    const some = t.riskyBytes(risky);
    for (let i = 0; i < 256; i++) {
      const b = KEY_SEARCH_ORDER[i]!;
      if (--this.lookaheadBudget < 0) return true;
      const next = dfa.next(state, b);
      if (next === LazyDfa.DEAD || !t.feedByte(b)) continue;
      const ok = !t.readingKey || (some && !risky.includes(b)) || !t.atRisk() || this.keySearch(next);
      t.rollback(1);
      if (ok) return true;
    }
    return false;
  }

  /** Monitor interface: AND the grammar's mask into `bits`. */
  restrictMask(bits: Uint32Array): void {
    const own = new Uint32Array(bits.length);
    this.fillMask(own);
    for (let i = 0; i < bits.length; i++) bits[i]! &= own[i]!;
  }

  /**
   * For each group of boundary nodes: put the parser in the group's lexer state (as if the path to
   * the nodes' parent had been read: those bytes only extend the pending lexeme), then walk each
   * node's subtree with it.
   */
  private walkBoundaries(entry: StateTokens, bits: Uint32Array): void {
    const p = this.parser;
    const { trie, boundaryNodes, groupState, groupStart } = entry;
    for (let g = 0; g < groupState.length; g++) {
      if (!p.pushLexerState(groupState[g]!)) continue;
      for (let k = groupStart[g]!, e = groupStart[g + 1]!; k < e; k++) this.walkSubtree(trie, boundaryNodes[k]!, bits);
      p.rollback(1);
    }
  }

  /** Depth-first walk of the subtree rooted at `node` with the parser positioned at its parent. */
  private walkSubtree(trie: TokenTrie, node: number, bits: Uint32Array): void {
    const p = this.parser;
    const end = trie.subtreeEnd(node);
    const base = trie.depth(node) - 1;
    let fed = 0;
    let m = node;
    while (m < end) {
      const d = trie.depth(m) - base;
      if (fed >= d) {
        p.rollback(fed - d + 1);
        fed = d - 1;
      }
      if (p.feedByte(trie.byteOf(m))) {
        fed = d;
        trie.addTokensOf(m, bits);
        m++;
      } else {
        m = trie.subtreeEnd(m);
      }
    }
    if (fed > 0) p.rollback(fed);
  }

  /** Commits a token; false (and no change) if the grammar does not allow it. */
  accept(token: number): boolean {
    if (this.finished) return false;
    const vocab = this.ctx.vocab;
    if (vocab.isEos(token)) {
      if (!this.parser.isAccepting()) return false;
      this.finished = true;
      this.tokenLens.push(-1);
      return true;
    }
    if (!vocab.isNormal(token)) return false;
    const bytes = vocab.tokenBytes(token);
    if (!this.feedBoth(bytes)) return false;
    this.tokenLens.push(bytes.length);
    return true;
  }

  /** Commits raw bytes (e.g. a prompt's forced prefix); returns how many were accepted (all or nothing). */
  acceptBytes(bytes: Uint8Array): boolean {
    return this.feedBoth(bytes);
  }

  /** Feeds the parser and the key tracker all of `bytes`, or neither any. */
  private feedBoth(bytes: Uint8Array): boolean {
    const n = this.parser.feed(bytes);
    if (n < bytes.length) {
      this.parser.rollback(n);
      return false;
    }
    if (this.keys) {
      const k = this.keys.feed(bytes);
      if (k < bytes.length) {
        this.keys.rollback(k);
        this.parser.rollback(n);
        return false;
      }
    }
    return true;
  }

  /** Forgets the last `tokens` accepted tokens. */
  rollback(tokens: number): void {
    if (tokens > this.tokenLens.length) throw new RangeError(`cannot roll back ${tokens} of ${this.tokenLens.length} tokens`);
    for (let i = 0; i < tokens; i++) {
      const len = this.tokenLens.pop()!;
      if (len < 0) this.finished = false;
      else {
        this.parser.rollback(len);
        this.keys?.rollback(len);
      }
    }
  }

  /** Is the output so far complete (EOS allowed)? */
  isAccepting(): boolean {
    return !this.finished && this.parser.isAccepting();
  }

  /** Has EOS been accepted? */
  isFinished(): boolean {
    return this.finished;
  }

  /**
   * The bytes the grammar forces next: while exactly one byte can follow and the output cannot end
   * here, that byte is forced (for jump-forward decoding). Changes nothing.
   */
  forcedBytes(limit = 1024): Uint8Array {
    const out: number[] = [];
    const p = this.parser;
    while (out.length < limit && !p.isAccepting()) {
      let only = -1;
      for (let b = 0; b < 256; b++) {
        if (!p.feedByte(b)) continue;
        p.rollback(1);
        if (only >= 0) {
          only = -2;
          break;
        }
        only = b;
      }
      if (only < 0) break;
      p.feedByte(only);
      out.push(only);
    }
    if (out.length > 0) p.rollback(out.length);
    return Uint8Array.from(out);
  }

  /**
   * The forced bytes and a tokenization of them (greedy longest match over the vocabulary), for
   * jump-forward decoding: every token returned is allowed in turn, since its bytes are forced.
   */
  forced(): { bytes: Uint8Array; tokens: number[] } {
    const bytes = this.forcedBytes();
    const trie = this.ctx.trie;
    const tokens: number[] = [];
    let at = 0;
    while (at < bytes.length) {
      const [id, len] = trie.longestMatch(bytes, at);
      if (id < 0) break;
      tokens.push(id);
      at += len;
    }
    return { bytes, tokens };
  }

  /** An independent matcher in the same state. */
  clone(): GrammarMatcher {
    const c = new GrammarMatcher(this.ctx, this.parser.clone(), this.keys?.clone());
    c.tokenLens = this.tokenLens.slice();
    c.finished = this.finished;
    return c;
  }

  /** Bytes held by this matcher (its parser); the shared tables are `ctx.tables.memoryBytes`. */
  get memoryBytes(): number {
    return this.parser.memoryBytes + this.tokenLens.length * 8;
  }

  /**
   * A copy of the key tracker (grammars with distinct keys), for searches that extend the output
   * past this matcher (close-out); undefined when keys need not be distinct.
   */
  keyTracker(): JsonKeyTracker | undefined {
    return this.keys?.clone();
  }

  /** Bytes of output accepted so far. */
  get position(): number {
    return this.parser.position;
  }
}

/** `"` (the key may close now), then bytes keys are usually made of, then the rest. */
const KEY_SEARCH_ORDER: Uint8Array = (() => {
  const first = Array.from('"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-', (c) => c.charCodeAt(0));
  const rest = Array.from({ length: 256 }, (_, b) => b).filter((b) => !first.includes(b));
  return Uint8Array.from([...first, ...rest]);
})();

function clearTokensOf(trie: TokenTrie, node: number, bits: Uint32Array): void {
  for (let k = 0, n = trie.tokenCountAt(node); k < n; k++) {
    const id = trie.tokenAt(node, k);
    bits[id >>> 5]! &= ~(1 << (id & 31));
  }
}

function anyTokenOf(trie: TokenTrie, node: number, bits: Uint32Array): boolean {
  for (let k = 0, n = trie.tokenCountAt(node); k < n; k++) {
    const id = trie.tokenAt(node, k);
    if ((bits[id >>> 5]! & (1 << (id & 31))) !== 0) return true;
  }
  return false;
}

/** Ids of a vocabulary's normal tokens by how many `"` bytes they hold. */
export interface QuoteTokens {
  /** at least one */
  one: Int32Array;
  three: Int32Array;
  /** three or more, or two with bytes after the second (what can matter inside a string) */
  inString: Int32Array;
  /** at least one, not as the first byte */
  oneNotLeading: Int32Array;
}

const quoteTokenCache = new WeakMap<Vocabulary, QuoteTokens>();

/** The quote-bearing tokens of `vocab` (cached per vocabulary). */
export function quoteTokens(vocab: Vocabulary): QuoteTokens {
  let lists = quoteTokenCache.get(vocab);
  if (lists) return lists;
  const one: number[] = [];
  const three: number[] = [];
  const inString: number[] = [];
  const notLeading: number[] = [];
  for (let id = 0; id < vocab.size; id++) {
    if (!vocab.isNormal(id)) continue;
    const bytes = vocab.tokenBytes(id);
    let q = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x22) q++;
    if (q >= 1) one.push(id);
    if (q >= 3) three.push(id);
    if (q >= 3 || (q === 2 && bytes[bytes.length - 1] !== 0x22)) inString.push(id);
    if (q >= 1 && bytes[0] !== 0x22) notLeading.push(id);
  }
  lists = { one: Int32Array.from(one), three: Int32Array.from(three), inString: Int32Array.from(inString), oneNotLeading: Int32Array.from(notLeading) };
  quoteTokenCache.set(vocab, lists);
  return lists;
}
