/**
 * The incremental recognizer: bytes in, "still a viable prefix?" out. A contextual greedy lexer (one
 * lazy DFA over all terminals, started from the set of terminals the Earley parser expects) feeds
 * lexemes to the Earley core. Every byte pushes one history entry (lexer state, Earley set), so
 * rolling back N bytes is popping N entries and truncating the sets.
 *
 * Invariant: after every successful `feedByte`, the bytes read so far are a viable prefix, up to the
 * one documented approximation of greedy lexing (a lexeme that must end where a longer match of
 * the same lexer state could continue — see ARCHITECTURE.md).
 */
import { LazyDfa } from "../regex/index.js";
import { NO_SET, type EarleyCore } from "./earley.js";

/** What the parser needs from a compiled grammar (kept narrow so the core is testable alone). */
export interface ParserTables {
  readonly dfa: LazyDfa;
  readonly ignoredMask: Uint8Array;
  /** lexer start state for an interned allowed-terminal set (ignored terminals added) */
  lexerStart(allowedId: number): number;
  /** an accepting lexer state with no live transition: the lexeme cannot grow */
  isFinalState(state: number): boolean;
  newEarley(): EarleyCore;
  readonly terminalNames: readonly string[];
}

export class Parser {
  private readonly t: ParserTables;
  private readonly earley: EarleyCore;
  /**
   * history[k] = state after k bytes: the lexer state, the Earley set, and whether the pending
   * lexeme is empty (at the start, or after a lexeme that could not grow was scanned eagerly).
   */
  private lexState: Int32Array;
  private setOf: Int32Array;
  private boundary: Uint8Array;
  private pos = 0;

  constructor(t: ParserTables, earley?: EarleyCore) {
    this.t = t;
    this.earley = earley ?? t.newEarley();
    this.lexState = new Int32Array(256);
    this.setOf = new Int32Array(256);
    this.boundary = new Uint8Array(256);
    this.lexState[0] = t.lexerStart(this.earley.setAllowed[0]!);
    this.setOf[0] = 0;
    this.boundary[0] = 1;
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.pos;
  }

  /** The Earley sets (read-only use: completion search). */
  get chart(): EarleyCore {
    return this.earley;
  }

  /** The Earley set the input so far ends in. */
  get currentSet(): number {
    return this.setOf[this.pos]!;
  }

  /** Whether the pending lexeme is empty (at the start, or right after a lexeme that could not grow). */
  get atLexemeStart(): boolean {
    return this.boundary[this.pos] === 1;
  }

  /** The lexer DFA state after the bytes read so far (the pending lexeme's state). */
  get lexerState(): number {
    return this.lexState[this.pos]!;
  }

  /**
   * Is the parser after `a` bytes in the same state as after `b` (both ≤ position, `a` < `b`): the same
   * Earley set, lexer state and lexeme boundary, no set added between them? Then every continuation
   * is accepted after `b` exactly when after `a` (the parser's future depends on nothing else).
   */
  sameStateAt(a: number, b: number): boolean {
    if (a > b || b > this.pos) return false;
    // sets only grow along the input (a scan gives the same set or the next), so equal sets mean none was added
    return this.setOf[a] === this.setOf[b] && this.lexState[a] === this.lexState[b] && this.boundary[a] === this.boundary[b];
  }

  /** Bytes held by this parser (history and Earley sets; shared grammar tables not included). */
  get memoryBytes(): number {
    return this.lexState.byteLength + this.setOf.byteLength + this.boundary.byteLength + this.earley.memoryBytes;
  }

  /**
   * Pushes a history entry with lexer state `state` inside the pending lexeme, as if the bytes that
   * lead there had been read; `rollback(1)` undoes it. For mask walks: the caller guarantees that
   * `state` is reachable from the current lexer state by bytes that only extend the lexeme. As
   * with a byte, a state that cannot grow is scanned at once; false (nothing pushed) if the parser
   * cannot take that lexeme.
   */
  pushLexerState(state: number): boolean {
    if (this.t.isFinalState(state)) return this.finishLexeme(state, this.setOf[this.pos]!);
    return this.push(state, this.setOf[this.pos]!, 0);
  }

  /** An independent parser in the same state (shares only immutable tables). */
  clone(): Parser {
    const earley = this.t.newEarley();
    earley.copyStateFrom(this.earley);
    const c = new Parser(this.t, earley);
    c.lexState = this.lexState.slice();
    c.setOf = this.setOf.slice();
    c.boundary = this.boundary.slice();
    c.pos = this.pos;
    return c;
  }

  /**
   * Consumes one byte if the result is still a viable prefix; returns false (and changes nothing)
   * otherwise.
   */
  feedByte(b: number): boolean {
    const dfa = this.t.dfa;
    const pos = this.pos;
    const s = this.lexState[pos]!;
    const s2 = dfa.next(s, b);
    if (s2 !== LazyDfa.DEAD) {
      if (this.t.isFinalState(s2)) return this.finishLexeme(s2, this.setOf[pos]!);
      return this.push(s2, this.setOf[pos]!, 0);
    }
    if (this.boundary[pos] || !dfa.isAccepting(s)) return false;
    // the pending lexeme cannot grow: it ends here, and `b` starts the next one
    const set = this.setOf[pos]!;
    const next = this.earley.scan(set, dfa.acceptingPatterns(s), this.t.ignoredMask, s);
    if (next === NO_SET) return false;
    const s3 = dfa.next(this.t.lexerStart(this.earley.setAllowed[next]!), b);
    if (s3 === LazyDfa.DEAD) {
      if (next !== set) this.earley.truncate(set);
      return false;
    }
    if (this.t.isFinalState(s3)) {
      if (this.finishLexeme(s3, next)) return true;
      if (next !== set) this.earley.truncate(set);
      return false;
    }
    return this.push(s3, next, 0);
  }

  /**
   * A lexeme that cannot grow is scanned right away, so the history entry holds the next lexeme's
   * start state: masks then see one lexer state for "after `,`" whatever came before.
   */
  private finishLexeme(state: number, set: number): boolean {
    const next = this.earley.scan(set, this.t.dfa.acceptingPatterns(state), this.t.ignoredMask, state);
    if (next === NO_SET) return false;
    return this.push(this.t.lexerStart(this.earley.setAllowed[next]!), next, 1);
  }

  /** Feeds bytes until one is rejected; returns how many were consumed. */
  feed(bytes: Uint8Array, from = 0, to = bytes.length): number {
    for (let i = from; i < to; i++) if (!this.feedByte(bytes[i]!)) return i - from;
    return to - from;
  }

  /** Forgets the last `n` bytes. */
  rollback(n: number): void {
    if (n < 0 || n > this.pos) throw new RangeError(`cannot roll back ${n} of ${this.pos} bytes`);
    this.pos -= n;
    this.earley.truncate(this.setOf[this.pos]!);
  }

  /** Is the input read so far a complete word of the language? */
  isAccepting(): boolean {
    const set = this.setOf[this.pos]!;
    if (this.boundary[this.pos]) return this.earley.accepts(set);
    const s = this.lexState[this.pos]!;
    if (!this.t.dfa.isAccepting(s)) return false;
    const next = this.earley.scan(set, this.t.dfa.acceptingPatterns(s), this.t.ignoredMask, s);
    if (next === NO_SET) return false;
    const ok = this.earley.accepts(next);
    if (next !== set) this.earley.truncate(set);
    return ok;
  }

  /**
   * Names of the terminals that could continue the input here: those the pending lexeme may still
   * become, and (when it could also end here) those the parser expects after it. Ignored terminals
   * are left out.
   */
  expectedTerminals(): string[] {
    const names = this.t.terminalNames;
    const out = new Set<number>();
    const set = this.setOf[this.pos]!;
    if (this.boundary[this.pos]) {
      for (const t of this.earley.allowedTerminals(set)) out.add(t);
    } else {
      const s = this.lexState[this.pos]!;
      for (const t of this.t.dfa.livePatterns(s)) out.add(t);
      if (this.t.dfa.isAccepting(s)) {
        const next = this.earley.scan(set, this.t.dfa.acceptingPatterns(s), this.t.ignoredMask, s);
        if (next !== NO_SET) {
          for (const t of this.earley.allowedTerminals(next)) out.add(t);
          if (next !== set) this.earley.truncate(set);
        }
      }
    }
    // ignored terminals fit almost anywhere; listing them would only hide what is missing
    return [...out]
      .filter((t) => !this.t.ignoredMask[t])
      .sort((a, b) => a - b)
      .map((t) => names[t]!);
  }

  /** The bytes that `feedByte` would accept next, as a 256-entry 0/1 array. */
  allowedBytes(): Uint8Array {
    const out = new Uint8Array(256);
    for (let b = 0; b < 256; b++) {
      if (this.feedByte(b)) {
        out[b] = 1;
        this.rollback(1);
      }
    }
    return out;
  }

  private push(lex: number, set: number, boundary: number): boolean {
    const p = ++this.pos;
    if (p >= this.lexState.length) {
      const n = this.lexState.length * 2;
      const a = new Int32Array(n);
      a.set(this.lexState);
      this.lexState = a;
      const c = new Int32Array(n);
      c.set(this.setOf);
      this.setOf = c;
      const f = new Uint8Array(n);
      f.set(this.boundary);
      this.boundary = f;
    }
    this.lexState[p] = lex;
    this.setOf[p] = set;
    this.boundary[p] = boundary;
    return true;
  }
}
