/** Bitmask helpers against a Set model. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  andInto,
  andNotInto,
  bitmaskOf,
  bitsToArray,
  clearBit,
  countBits,
  countBitsAnd,
  createBitmask,
  forEachBit,
  getBit,
  iterateBits,
  orInto,
  setBit,
} from "../../src/vocab/bitmask.js";

const sized = fc.integer({ min: 0, max: 300 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    a: fc.uniqueArray(fc.nat({ max: Math.max(0, size - 1) }), { maxLength: size }),
    b: fc.uniqueArray(fc.nat({ max: Math.max(0, size - 1) }), { maxLength: size }),
  }),
);

const sorted = (xs: Iterable<number>) => [...xs].sort((x, y) => x - y);

describe("bitmask", () => {
  it("has one 32-bit word per 32 ids", () => {
    expect(createBitmask(0).length).toBe(0);
    expect(createBitmask(1).length).toBe(1);
    expect(createBitmask(32).length).toBe(1);
    expect(createBitmask(33).length).toBe(2);
    expect(createBitmask(262145).length).toBe(8193);
    expect(() => createBitmask(-1)).toThrow(RangeError);
  });

  it("countBitsAnd counts the ids in both sets", () => {
    fc.assert(
      fc.property(sized, ({ size, a, b }) => {
        const inB = new Set(b);
        expect(countBitsAnd(bitmaskOf(size, a), bitmaskOf(size, b))).toBe(a.filter((i) => inB.has(i)).length);
      }),
    );
    expect(countBitsAnd(new Uint32Array([0xffffffff, 1]), new Uint32Array([0xffffffff]))).toBe(32); // over the common length
  });

  it("set/get/clear/count/iterate agree with a set", () => {
    fc.assert(
      fc.property(sized, ({ size, a, b }) => {
        if (size === 0) return;
        const m = bitmaskOf(size, a);
        expect(countBits(m)).toBe(a.length);
        expect(bitsToArray(m)).toEqual(sorted(a));
        expect([...iterateBits(m)]).toEqual(sorted(a));
        const seen: number[] = [];
        forEachBit(m, (i) => seen.push(i));
        expect(seen).toEqual(sorted(a));
        for (let i = 0; i < size; i++) expect(getBit(m, i)).toBe(a.includes(i));
        for (const i of b) clearBit(m, i);
        expect(bitsToArray(m)).toEqual(sorted(a.filter((i) => !b.includes(i))));
        for (const i of b) setBit(m, i);
        expect(bitsToArray(m)).toEqual(sorted(new Set([...a, ...b])));
      }),
    );
  });

  it("and/or/andNot agree with set algebra", () => {
    fc.assert(
      fc.property(sized, ({ size, a, b }) => {
        const A = new Set(a);
        const B = new Set(b);
        expect(bitsToArray(andInto(bitmaskOf(size, a), bitmaskOf(size, b)))).toEqual(sorted(a.filter((i) => B.has(i))));
        expect(bitsToArray(orInto(bitmaskOf(size, a), bitmaskOf(size, b)))).toEqual(sorted(new Set([...A, ...B])));
        expect(bitsToArray(andNotInto(bitmaskOf(size, a), bitmaskOf(size, b)))).toEqual(sorted(a.filter((i) => !B.has(i))));
      }),
    );
  });

  it("uses bit 31 without sign trouble", () => {
    const m = bitmaskOf(64, [31, 63, 0]);
    expect(bitsToArray(m)).toEqual([0, 31, 63]);
    expect(countBits(m)).toBe(3);
    expect(m[0]).toBe(0x80000001);
  });
});
