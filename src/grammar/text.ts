/**
 * Helpers shared by the grammar front-ends: source positions (line/col in code points), strict
 * UTF-8 decoding, escape decoding, code-point sets and the names of anonymous terminals.
 */
import { GramfillError, type ErrorCode, type SourceLocation } from "../util/errors.js";
import type { RuleExpr } from "./ir.js";

type RuleRef = Extract<RuleExpr, { type: "rule" }>;
type TerminalRef = Extract<RuleExpr, { type: "terminal" }>;

/** Makes rule and terminal references with a lazily computed `loc` (see `SourceText.refs`). */
export interface RefFactory {
  rule(name: string, offset: number): RuleRef;
  terminal(name: string, offset: number): TerminalRef;
}

/** Deepest nesting of `( [ {` a grammar may use; deeper input fails with a clear error. */
export const MAX_NESTING = 100;

/** Largest code point. */
export const MAX_CODE_POINT = 0x10ffff;

/**
 * Maps 0-based UTF-16 offsets of a source text to 1-based lines and code-point columns in
 * O(log n) per query. Lines end at `\n`, `\r\n` or a lone `\r`.
 */
export class SourceText {
  readonly text: string;
  readonly file: string | undefined;
  private readonly lineStarts: number[];
  /** sorted UTF-16 offsets of the high surrogates of astral characters */
  private readonly astral: number[];

  constructor(text: string, file?: string) {
    this.text = text;
    this.file = file;
    const starts = [0];
    const astral: number[] = [];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          astral.push(i);
          i++;
        }
      }
    }
    this.lineStarts = starts;
    this.astral = astral;
  }

  /** `offset` is a 0-based UTF-16 offset; it is also reported as `offset` in the location. */
  loc(offset: number): SourceLocation {
    if (!Number.isFinite(offset) || offset < 0) offset = this.text.length;
    if (offset > this.text.length) offset = this.text.length;
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    const line = lo + 1;
    const col = offset - lineStart - countBetween(this.astral, lineStart, offset) + 1;
    // one literal per shape: adding `file` afterwards would give every location a property array
    return this.file === undefined ? { line, col, offset } : { line, col, offset, file: this.file };
  }

  /**
   * A factory of rule and terminal references whose `loc` is computed from a stored offset only
   * when read (an error or a warning needs it): a huge grammar then pays no line/col lookup and no
   * location object per reference. `loc` is a getter returning a fresh plain SourceLocation; the
   * offset is a private field, so references compare and serialize as `{ type, name }`.
   */
  refs(): RefFactory {
    const src = this;
    class Ref {
      readonly type: "rule" | "terminal";
      readonly name: string;
      readonly #offset: number;
      constructor(type: "rule" | "terminal", name: string, offset: number) {
        this.type = type;
        this.name = name;
        this.#offset = offset;
      }
      get loc(): SourceLocation {
        return src.loc(this.#offset);
      }
    }
    return {
      rule: (name, offset) => new Ref("rule", name, offset) as RuleRef,
      terminal: (name, offset) => new Ref("terminal", name, offset) as TerminalRef,
    };
  }

  error(code: ErrorCode, message: string, offset: number): GramfillError {
    return new GramfillError(code, message, this.loc(offset));
  }
}

/** number of sorted values v with lo <= v < hi */
function countBetween(sorted: number[], lo: number, hi: number): number {
  if (sorted.length === 0 || hi <= lo) return 0;
  return lowerBound(sorted, hi) - lowerBound(sorted, lo);
}

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Location that only names the file (when nothing better is known). */
export function fileLoc(file: string | undefined): SourceLocation | undefined {
  return file === undefined ? undefined : { file };
}

/**
 * Returns the byte offset of the first invalid UTF-8 sequence in `bytes`, or -1 if the bytes are
 * well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const c = bytes[i + k]!;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 strictly (dropping a leading BOM); throws a `grammar_syntax` error whose location
 * has the line/col of the bad byte and `offset` = its 0-based BYTE offset, naming the byte
 * offset of the first invalid sequence.
 */
export function decodeUtf8Strict(bytes: Uint8Array, file?: string): string {
  const bad = findInvalidUtf8(bytes);
  if (bad >= 0) {
    // line and column of the bad byte, from the (valid) text before it
    const before = Buffer.from(bytes.buffer, bytes.byteOffset, bad).toString("utf8");
    const loc: SourceLocation = { ...new SourceText(before, file).loc(before.length), offset: bad };
    const hex = bytes[bad]!.toString(16).padStart(2, "0");
    throw new GramfillError(
      "grammar_syntax",
      `grammar file is not valid UTF-8: invalid byte 0x${hex} at byte offset ${bad}`,
      loc,
    );
  }
  let s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Code-point sets

export type Ranges = Array<[number, number]>;

/** Sorts and merges overlapping or adjacent ranges. */
export function normalizeRanges(ranges: Ranges): Ranges {
  const sorted = ranges.map((r) => [r[0], r[1]] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

/** Complement within [0, MAX_CODE_POINT]; the input must be normalized. */
export function complementRanges(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [a, b] of ranges) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function showCodePoint(cp: number, inClass: boolean): string {
  if (cp === 0x5c) return "\\\\";
  if (cp === 0x22 && !inClass) return '\\"';
  if (inClass && (cp === 0x5d || cp === 0x5b || cp === 0x2d || cp === 0x5e)) return "\\" + String.fromCodePoint(cp);
  if (cp === 10) return "\\n";
  if (cp === 13) return "\\r";
  if (cp === 9) return "\\t";
  if (cp < 0x20 || cp === 0x7f) return "\\x" + cp.toString(16).padStart(2, "0");
  if (cp >= 0xd800 && cp <= 0xdfff) return "\\u" + cp.toString(16).padStart(4, "0");
  if (cp > 0x7f && (inClass || cp <= 0xa0)) return cp > 0xffff ? `\\u{${cp.toString(16)}}` : "\\u" + cp.toString(16).padStart(4, "0");
  return String.fromCodePoint(cp);
}

/** The name of an anonymous literal terminal: the literal as a double-quoted string (`"{"`). */
export function literalTerminalName(value: string, ignoreCase = false): string {
  let s = '"';
  for (const ch of value) s += showCodePoint(ch.codePointAt(0)!, false);
  return s + '"' + (ignoreCase ? "i" : "");
}

/** The name of an anonymous character-class terminal, canonical for its (normalized) set. */
export function charsetTerminalName(ranges: Ranges, negated = false): string {
  let s = negated ? "[^" : "[";
  for (const [a, b] of ranges) {
    s += showCodePoint(a, true);
    if (b > a) s += (b > a + 1 ? "-" : "") + showCodePoint(b, true);
  }
  return s + "]";
}

/** Decodes `\u{...}`-free hex digits; returns NaN when `s` is not all hex. */
export function parseHex(s: string): number {
  return /^[0-9a-fA-F]+$/.test(s) ? parseInt(s, 16) : NaN;
}
