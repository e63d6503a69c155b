/**
 * The exact parse of a canvas' leading fragment (the text before its first hole), kept by the real
 * `Parser` and extended byte by byte as the fragment grows.
 *
 * Two uses:
 * - a byte of the leading fragment the parser rejects proves the canvas infeasible (every filled
 *   text starts with the fragment, and `compiled.check` feeds bytes in order);
 * - the chart starts at the last lexeme boundary of the fragment with the parser's Earley set there
 *   (`PrefixSeed`) instead of re-deriving the fragment's items over the lattice.
 *
 * Boundaries used are the ones the parser marks itself: after a lexeme that cannot grow (`,` `{`
 * `;` `"abc"`) was scanned, the next lexeme starts fresh whatever follows, so the Earley set there
 * is exact for every continuation. Later bytes of the fragment are re-read by the chart's lattice.
 */
import type { EarleyCore } from "../parser/earley.js";
import type { Parser } from "../parser/parser.js";
import type { CompiledGrammar } from "../parser/compile.js";

/** An Earley state at a lexeme boundary `bytes` into the canvas: set `set` of `core`. */
export interface PrefixSeed {
  readonly core: EarleyCore;
  readonly set: number;
  readonly bytes: number;
}

export class PrefixParse {
  readonly parser: Parser;
  /** per parser position i: the last boundary ≤ i (its byte offset and Earley set) */
  private bPos = new Int32Array(256);
  private bSet = new Int32Array(256);

  constructor(compiled: CompiledGrammar) {
    this.parser = compiled.newParser();
    this.bPos[0] = 0;
    this.bSet[0] = this.parser.currentSet;
  }

  get position(): number {
    return this.parser.position;
  }

  /** Feeds `bytes[from..to)` until one is rejected; returns how many were taken. */
  feed(bytes: Uint8Array, from = 0, to = bytes.length): number {
    const p = this.parser;
    for (let i = from; i < to; i++) {
      if (!p.feedByte(bytes[i]!)) return i - from;
      const pos = p.position;
      if (pos >= this.bPos.length) {
        const a = new Int32Array(this.bPos.length * 2);
        a.set(this.bPos);
        this.bPos = a;
        const s = new Int32Array(this.bSet.length * 2);
        s.set(this.bSet);
        this.bSet = s;
      }
      if (p.atLexemeStart) {
        this.bPos[pos] = pos;
        this.bSet[pos] = p.currentSet;
      } else {
        this.bPos[pos] = this.bPos[pos - 1]!;
        this.bSet[pos] = this.bSet[pos - 1]!;
      }
    }
    return to - from;
  }

  rollback(n: number): void {
    this.parser.rollback(n);
  }

  /** The chart's starting point for the bytes read so far. */
  seed(): PrefixSeed {
    const pos = this.parser.position;
    return { core: this.parser.chart, set: this.bSet[pos]!, bytes: this.bPos[pos]! };
  }

  /**
   * Does the text read so far followed by `rest[from..)` form a word of the language? The parser
   * is left as it was (O(1) rollback).
   */
  acceptsRest(rest: Uint8Array, from: number): boolean {
    const n = rest.length - from;
    const took = this.parser.feed(rest, from);
    const ok = took === n && this.parser.isAccepting();
    this.parser.rollback(took);
    return ok;
  }
}
