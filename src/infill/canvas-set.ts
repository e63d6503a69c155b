/**
 * A bounded set of canvases, exact and allocation-free to query: a session remembers the local
 * repairs that failed (session.ts), and the same local canvas comes back step after step.
 *
 * A canvas is written out as one byte string: a tag byte, then its text with the parts' bytes run
 * together (so a canvas is the same however its text was split into parts; 0xFF written FF 00),
 * and each hole as FF 01 followed by its spec's five fields as float64 (absent: NaN). Two canvases
 * are equal iff their strings are (the encoding decodes unambiguously left to right). Members are
 * found by a hash of the string and confirmed byte by byte, so a hash collision costs nothing.
 */
import type { CanvasPart, HoleSpec } from "./canvas.js";

const enc = new TextEncoder();

export class CanvasSet {
  /** the string of the canvas last asked about (`has`), `n` bytes */
  private buf = new Uint8Array(1024);
  private n = 0;
  private hash = 0;
  private readonly buckets = new Map<number, Uint8Array[]>();
  private count = 0;
  private readonly num = new Float64Array(1);
  private readonly numBytes = new Uint8Array(this.num.buffer);

  /** `maxSize`: members kept; past it the set starts over */
  constructor(private readonly maxSize = 4096) {}

  get size(): number {
    return this.count;
  }

  /** Is this canvas (with `tag`, 0–255: what else the answer depends on) a member? It is kept for `addLast`. */
  has(parts: readonly CanvasPart[], tag: number): boolean {
    this.n = 0;
    this.byte(tag & 0xff);
    for (const part of parts) {
      if ("text" in part) {
        const b = typeof part.text === "string" ? enc.encode(part.text) : part.text;
        for (let i = 0; i < b.length; i++) {
          const x = b[i]!;
          this.byte(x);
          if (x === 0xff) this.byte(0);
        }
      } else this.hole(part.hole);
    }
    let h = 0x811c9dc5;
    const buf = this.buf;
    for (let i = 0; i < this.n; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    // 30 bits: a small integer key (a 32-bit one would be a heap number, allocated per lookup)
    this.hash = (h ^ this.n) & 0x3fffffff;
    const list = this.buckets.get(this.hash);
    if (list === undefined) return false;
    for (const m of list) if (this.equalsLast(m)) return true;
    return false;
  }

  /** Adds the canvas of the last `has` call (which answered false). */
  addLast(): void {
    if (this.count >= this.maxSize) this.clear();
    const copy = this.buf.slice(0, this.n);
    const list = this.buckets.get(this.hash);
    if (list === undefined) this.buckets.set(this.hash, [copy]);
    else list.push(copy);
    this.count++;
  }

  clear(): void {
    this.buckets.clear();
    this.count = 0;
  }

  private equalsLast(m: Uint8Array): boolean {
    if (m.length !== this.n) return false;
    const buf = this.buf;
    for (let i = 0; i < m.length; i++) if (m[i] !== buf[i]) return false;
    return true;
  }

  private byte(x: number): void {
    if (this.n === this.buf.length) {
      const b = new Uint8Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.n++] = x;
  }

  private hole(h: HoleSpec): void {
    this.byte(0xff);
    this.byte(1);
    this.field(h.tokens);
    this.field(h.maxTokenBytes);
    this.field(h.minBytes);
    this.field(h.maxBytes);
    this.field(h.tailMayEnd === undefined ? undefined : h.tailMayEnd ? 1 : 0);
  }

  private field(v: number | undefined): void {
    this.num[0] = v === undefined ? NaN : v;
    for (let i = 0; i < 8; i++) this.byte(this.numBytes[i]!);
  }
}
