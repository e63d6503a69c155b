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
import type { Monitor } from "./monitor.js";
import { plainTextIndex } from "./slices.js";
import { TokenTables, writeAlways, type StateTokens } from "./token-tables.js";

/** What matchers of one grammar and vocabulary share: the trie and the per-state token tables. */
export class MaskContext {
  readonly grammar: CompiledGrammar;
  readonly vocab: Vocabulary;
  readonly trie: TokenTrie;
  readonly tables: TokenTables;

  constructor(grammar: CompiledGrammar, vocab: Vocabulary) {
    this.grammar = grammar;
    this.vocab = vocab;
    this.trie = vocab.trie();
    this.tables = new TokenTables(grammar.dfa, this.trie, plainTextIndex(vocab, this.trie));
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

  constructor(ctx: MaskContext, parser?: Parser) {
    this.ctx = ctx;
    this.parser = parser ?? ctx.grammar.newParser();
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
    const n = this.parser.feed(bytes);
    if (n < bytes.length) {
      this.parser.rollback(n);
      return false;
    }
    this.tokenLens.push(bytes.length);
    return true;
  }

  /** Commits raw bytes (e.g. a prompt's forced prefix); returns how many were accepted (all or nothing). */
  acceptBytes(bytes: Uint8Array): boolean {
    const n = this.parser.feed(bytes);
    if (n < bytes.length) {
      this.parser.rollback(n);
      return false;
    }
    return true;
  }

  /** Forgets the last `tokens` accepted tokens. */
  rollback(tokens: number): void {
    if (tokens > this.tokenLens.length) throw new RangeError(`cannot roll back ${tokens} of ${this.tokenLens.length} tokens`);
    for (let i = 0; i < tokens; i++) {
      const len = this.tokenLens.pop()!;
      if (len < 0) this.finished = false;
      else this.parser.rollback(len);
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
    const c = new GrammarMatcher(this.ctx, this.parser.clone());
    c.tokenLens = this.tokenLens.slice();
    c.finished = this.finished;
    return c;
  }

  /** Bytes held by this matcher (its parser); the shared tables are `ctx.tables.memoryBytes`. */
  get memoryBytes(): number {
    return this.parser.memoryBytes + this.tokenLens.length * 8;
  }

  /** Bytes of output accepted so far. */
  get position(): number {
    return this.parser.position;
  }
}
