/**
 * A bounded set of canvases (or of keys the caller writes out itself), exact and allocation-free to
 * query: a session remembers the local repairs that failed (session.ts), and the same local canvas
 * comes back step after step.
 *
 * A canvas is written out as one byte string: a tag byte, then its text with the parts' bytes run
 * together (so a canvas is the same however its text was split into parts; 0xFF written FF 00),
 * and each hole as FF 01 followed by its spec's five fields as float64 (absent: NaN). Two canvases
 * are equal iff their strings are (the encoding decodes unambiguously left to right). Members are
 * found by a hash of the string and confirmed byte by byte, so a hash collision costs nothing.
 *
 * A raw key (`begin`, `int`, `bytes`, then `find`) is any byte string the caller makes
 * unambiguous (fixed-width fields, lengths before variable parts); members are numbered in the
 * order they were added (`addLast`), so the set also interns keys as small integers. The two kinds
 * should not share one set unless the caller's tags keep them apart.
 */
import type { CanvasPart, HoleSpec } from "./canvas.js";

const enc = new TextEncoder();

export class CanvasSet {
  /** the string of the canvas or key last asked about, `n` bytes */
  private buf = new Uint8Array(1024);
  private n = 0;
  private hash = 0;
  /** hash → member numbers */
  private readonly buckets = new Map<number, number[]>();
  private readonly members: Uint8Array[] = [];
  private readonly num = new Float64Array(1);
  private readonly numBytes = new Uint8Array(this.num.buffer);

  /** `maxSize`: members kept; past it the set starts over (`addLast` then answers 0 again) */
  constructor(private readonly maxSize = 4096) {}

  get size(): number {
    return this.members.length;
  }

  /** Is this canvas (with `tag`, 0–255: what else the answer depends on) a member? It is kept for `addLast`. */
  has(parts: readonly CanvasPart[], tag: number): boolean {
    this.begin(tag);
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
    return this.find() >= 0;
  }

  /** Starts a raw key with a tag byte (0–255). */
  begin(tag: number): void {
    this.n = 0;
    this.byte(tag & 0xff);
  }

  /** Writes a 32-bit integer field of the raw key. */
  int(v: number): void {
    this.byte(v & 0xff);
    this.byte((v >>> 8) & 0xff);
    this.byte((v >>> 16) & 0xff);
    this.byte((v >>> 24) & 0xff);
  }

  /** Writes bytes as they are (the caller writes their length first, or puts them last). */
  bytes(b: Uint8Array): void {
    if (this.n + b.length > this.buf.length) this.grow(this.n + b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  /** The number of the member equal to the key or canvas written since `begin`, or -1. The key is kept for `addLast`. */
  find(): number {
    let h = 0x811c9dc5;
    const buf = this.buf;
    for (let i = 0; i < this.n; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    // 30 bits: a small integer key (a 32-bit one would be a heap number, allocated per lookup)
    this.hash = (h ^ this.n) & 0x3fffffff;
    const list = this.buckets.get(this.hash);
    if (list === undefined) return -1;
    for (const k of list) if (this.equalsLast(this.members[k]!)) return k;
    return -1;
  }

  /** Adds the canvas or key of the last `has`/`find` (which found none); returns its member number. */
  addLast(): number {
    if (this.members.length >= this.maxSize) this.clear();
    const k = this.members.length;
    this.members.push(this.buf.slice(0, this.n));
    const list = this.buckets.get(this.hash);
    if (list === undefined) this.buckets.set(this.hash, [k]);
    else list.push(k);
    return k;
  }

  clear(): void {
    this.buckets.clear();
    this.members.length = 0;
  }

  private equalsLast(m: Uint8Array): boolean {
    if (m.length !== this.n) return false;
    const buf = this.buf;
    for (let i = 0; i < m.length; i++) if (m[i] !== buf[i]) return false;
    return true;
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }

  private byte(x: number): void {
    if (this.n === this.buf.length) this.grow(this.n + 1);
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
