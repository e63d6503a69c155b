/**
 * Token bitmasks: bit i of a `Uint32Array` is token i (word i >>> 5, bit i & 31), the layout
 * llguidance and the logits processors use. Plain functions over the array, no wrapper object, so a
 * mask can be handed to a backend (or a Web Worker) as it is.
 */

/** A mask of `size` bits, all clear. */
export function createBitmask(size: number): Uint32Array {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`bitmask size must be a non-negative integer, not ${size}`);
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(mask: Uint32Array, i: number): void {
  mask[i >>> 5] |= 1 << (i & 31);
}

export function clearBit(mask: Uint32Array, i: number): void {
  mask[i >>> 5] &= ~(1 << (i & 31));
}

export function getBit(mask: Uint32Array, i: number): boolean {
  return ((mask[i >>> 5] >>> (i & 31)) & 1) !== 0;
}

/** Number of set bits. */
export function countBits(mask: Uint32Array): number {
  let n = 0;
  for (let w = 0; w < mask.length; w++) {
    let v = mask[w];
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** Number of bits set in both a and b (over the common length). */
export function countBitsAnd(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let w = 0; w < len; w++) {
    let v = (a[w]! & b[w]!) >>> 0;
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return n;
}

/** dst &= src (over the common length); returns dst. */
export function andInto(dst: Uint32Array, src: Uint32Array): Uint32Array {
  const n = Math.min(dst.length, src.length);
  for (let w = 0; w < n; w++) dst[w] &= src[w];
  dst.fill(0, n);
  return dst;
}

/** dst |= src (over the common length); returns dst. */
export function orInto(dst: Uint32Array, src: Uint32Array): Uint32Array {
  const n = Math.min(dst.length, src.length);
  for (let w = 0; w < n; w++) dst[w] |= src[w];
  return dst;
}

/** dst &= ~src (over the common length); returns dst. */
export function andNotInto(dst: Uint32Array, src: Uint32Array): Uint32Array {
  const n = Math.min(dst.length, src.length);
  for (let w = 0; w < n; w++) dst[w] &= ~src[w];
  return dst;
}

/** Calls `fn` with each set bit, ascending. */
export function forEachBit(mask: Uint32Array, fn: (i: number) => void): void {
  for (let w = 0; w < mask.length; w++) {
    let v = mask[w];
    while (v !== 0) {
      const low = v & -v;
      fn((w << 5) + (31 - Math.clz32(low)));
      v ^= low;
    }
  }
}

/** The set bits, ascending. */
export function* iterateBits(mask: Uint32Array): IterableIterator<number> {
  for (let w = 0; w < mask.length; w++) {
    let v = mask[w];
    while (v !== 0) {
      const low = v & -v;
      yield (w << 5) + (31 - Math.clz32(low));
      v ^= low;
    }
  }
}

/** The set bits as an array, ascending. */
export function bitsToArray(mask: Uint32Array): number[] {
  const out: number[] = [];
  forEachBit(mask, (i) => out.push(i));
  return out;
}

/** A mask of `size` bits with the given bits set. */
export function bitmaskOf(size: number, bits: Iterable<number>): Uint32Array {
  const mask = createBitmask(size);
  for (const i of bits) setBit(mask, i);
  return mask;
}
