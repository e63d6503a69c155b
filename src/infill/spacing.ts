/**
 * Witness fills with fewer spaces. A chart reads a candidate's lexemes back as they were read
 * (adjacent lexemes may then run together for the real lexer: `auto` `A` → `autoA`, refused by the
 * parser) and with a space at every lexeme boundary (`; } } ; auto A :: operator = ( )`), which
 * may need more tokens than a run of masked positions holds (C++ MDM, 006/3, 019/1, 036/1 of the
 * 60-generation run: 28 tokens for 27 positions, where the text with only `auto A` and `class A`
 * spaced needs 22). `compactFills` drops the spaces of a fill that keep no two lexemes apart,
 * judged by the bytes on either side of each space (the canvas text around the hole included).
 *
 * The result is only a candidate: the caller verifies it (the real parser reads the filled text, the
 * speller spells each run), so a dropped space that did keep two lexemes apart (`a - -b` → `a--b`)
 * costs a parse and nothing else. Two spacings, fewest bytes first:
 * - "names": a space stays only between two name bytes (letters, digits, `_`, bytes ≥ 0x80);
 * - "apart": a space goes only next to a byte no lexeme continues through — brackets, `;`, `,`,
 *   whitespace, or the text's edge — so operators (`- -`, `/ /`, `< <`) and quotes stay apart too.
 * Only spaces (0x20) are dropped: newlines end `//` comments and preprocessor lines.
 */
import type { Canvas } from "./canvas.js";

export type Spacing = "names" | "apart";

/** The spacings `compactFills` is tried with, fewest bytes first. */
export const SPACINGS: readonly Spacing[] = ["names", "apart"];

const SPACE = 0x20;
const enc = new TextEncoder();

/** letters, digits, `_`, and every byte of a multi-byte UTF-8 character */
export function isNameByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
}

/** Bytes no lexeme of C-like languages reads on through: brackets, `;`, `,`, whitespace, none (-1). */
function isClosedByte(c: number): boolean {
  return c < 0 || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x3b || c === 0x2c || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Does a space between `prev` and `next` (-1: none) stay under `spacing`? */
function keepsApart(prev: number, next: number, spacing: Spacing): boolean {
  if (spacing === "names") return isNameByte(prev) && isNameByte(next);
  return !isClosedByte(prev) && !isClosedByte(next);
}

/**
 * `fill` without the spaces `spacing` drops; `before` / `after`: the byte before the fill and after
 * it in the text (-1: none). A run of spaces is judged as one: its last space stays when it keeps
 * the bytes around the run apart.
 */
export function compactFill(fill: Uint8Array, before: number, after: number, spacing: Spacing): Uint8Array {
  const out = new Uint8Array(fill.length);
  let n = 0;
  for (let i = 0; i < fill.length; i++) {
    const c = fill[i]!;
    if (c !== SPACE) {
      out[n++] = c;
      continue;
    }
    const next = i + 1 < fill.length ? fill[i + 1]! : after;
    // a space followed by another space: the run's last one decides
    if (next === SPACE) continue;
    const prev = n > 0 ? out[n - 1]! : before;
    if (keepsApart(prev, next, spacing)) out[n++] = c;
  }
  return n === fill.length ? fill : out.slice(0, n);
}

/**
 * The fills of `canvas`'s holes with the holes `which` selects compacted (each judged with the
 * bytes around it in the filled text: the canvas text, or the neighbouring fill as compacted so
 * far); null when no space was dropped.
 */
export function compactFills(canvas: Canvas, fills: readonly Uint8Array[], spacing: Spacing, which: (hole: number) => boolean): Uint8Array[] | null {
  const parts: Uint8Array[] = canvas.map((p, i) => ("text" in p ? (typeof p.text === "string" ? enc.encode(p.text) : p.text) : new Uint8Array(0)));
  const holeAt: number[] = [];
  canvas.forEach((p, i) => {
    if ("hole" in p) {
      parts[i] = fills[holeAt.length]!;
      holeAt.push(i);
    }
  });
  const lastByte = (i: number): number => {
    for (let j = i - 1; j >= 0; j--) if (parts[j]!.length > 0) return parts[j]![parts[j]!.length - 1]!;
    return -1;
  };
  const firstByte = (i: number): number => {
    for (let j = i + 1; j < parts.length; j++) if (parts[j]!.length > 0) return parts[j]![0]!;
    return -1;
  };
  let changed = false;
  const out = fills.slice();
  holeAt.forEach((at, h) => {
    if (!which(h)) return;
    const f = compactFill(parts[at]!, lastByte(at), firstByte(at), spacing);
    if (f === parts[at]) return;
    parts[at] = f;
    out[h] = f;
    changed = true;
  });
  return changed ? out : null;
}
