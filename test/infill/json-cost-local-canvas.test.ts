/**
 * Session 9: a local repair's canvas and segments are built in one go from its run's context (the
 * text before and after the run, joined once per witness) instead of by `segmentsOf` over parts
 * joined per repair. The segments must be `segmentsOf`'s exactly (empty text left out, text joined,
 * each hole's byte range, hole numbers), on random texts, splits, token widths and end-early flags;
 * and the filled canvas the same bytes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillCanvas, segmentsOf } from "../../src/infill/canvas.js";
import { localCanvas } from "../../src/infill/session.js";

const bytes = fc.uint8Array({ maxLength: 6 });

describe("a local repair's canvas built from its run's context", () => {
  it("has the segments segmentsOf gives (random contexts, splits, widths, end-early flags)", () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 4 }), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 16 }), fc.boolean(), bytes, (before, j, token, k2, m, mayEnd, after) => {
        const built = localCanvas(before, j, token, k2, m, mayEnd, after);
        const ref = segmentsOf(built.canvas, 1);
        expect(built.segments).toEqual(ref.segments);
        expect(built.holeCount).toBe(ref.holeCount);
        // and the canvas is the run's: before, j positions, the token, k' positions, after
        const first = new Uint8Array(j).fill(0x61);
        const second = new Uint8Array(mayEnd ? 0 : k2).fill(0x62);
        const fills = [...(j > 0 ? [first] : []), ...(k2 > 0 ? [second] : [])];
        expect(Array.from(fillCanvas(built.canvas, fills))).toEqual([...before, ...first, ...token, ...(k2 > 0 ? second : []), ...after]);
        const ranges = built.segments.filter((s) => s.kind === "hole").map((s) => (s.kind === "hole" ? [s.range.min, s.range.max] : []));
        expect(ranges).toEqual([...(j > 0 ? [[j, j * m]] : []), ...(k2 > 0 ? [[mayEnd ? 0 : k2, k2 * m]] : [])]);
      }),
      { numRuns: 500 },
    );
  });
});
