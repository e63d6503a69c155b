/**
 * Code point ranges → UTF-8 byte-range sequences (the classic splitting of Rust's `utf8-ranges` and
 * RE2): every code point in the input is encoded by exactly one sequence, every byte string a
 * sequence matches is the UTF-8 encoding of an input code point. Surrogates (U+D800–U+DFFF) are
 * never encoded: they are not valid UTF-8.
 */
import type { RangeSet } from "./charset.js";

/** An inclusive byte range. */
export type ByteRange = readonly [number, number];
/** A sequence of 1–4 byte ranges; matches the concatenation. */
export type ByteSeq = readonly ByteRange[];

const MAX_BY_LENGTH = [0x7f, 0x7ff, 0xffff, 0x10ffff] as const;

export function encodeUtf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

/**
 * Splits each range until both ends have the same encoded length and, for every continuation
 * byte position, either share all higher bits or span full 6-bit blocks, so the range is exactly
 * the cross product of per-byte ranges. Output is in code point order.
 */
export function utf8Sequences(set: RangeSet): ByteSeq[] {
  const out: ByteSeq[] = [];
  // Work stack in reverse so pops come out in ascending order.
  const stack: [number, number][] = [];
  for (let i = set.length - 1; i >= 0; i--) {
    const [lo, hi] = set[i]!;
    // Drop surrogates; the two halves are pushed high first.
    if (hi > 0xdfff) stack.push([Math.max(lo, 0xe000), hi]);
    if (lo < 0xd800) stack.push([lo, Math.min(hi, 0xd7ff)]);
  }
  outer: while (stack.length > 0) {
    const [s, e] = stack.pop()!;
    if (s > e) continue;
    for (const max of MAX_BY_LENGTH) {
      if (s <= max && e > max) {
        stack.push([max + 1, e], [s, max]);
        continue outer;
      }
    }
    if (e <= 0x7f) {
      out.push([[s, e]]);
      continue;
    }
    for (let i = 1; i < 4; i++) {
      const m = (1 << (6 * i)) - 1;
      if ((s & ~m) !== (e & ~m)) {
        if ((s & m) !== 0) {
          stack.push([(s | m) + 1, e], [s, s | m]);
          continue outer;
        }
        if ((e & m) !== m) {
          stack.push([e & ~m, e], [s, (e & ~m) - 1]);
          continue outer;
        }
      }
    }
    const a = encodeUtf8(s);
    const b = encodeUtf8(e);
    out.push(a.map((byte, k) => [byte, b[k]!] as const));
  }
  return out;
}
