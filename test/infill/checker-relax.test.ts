/**
 * Relaxed forbidden-continuation classes at unbounded holes' loop nodes (lexemes.ts,
 * `Lattice.endBoundary`): a relaxation of the chart, so with it on or off the chart never
 * contradicts itself, and its witnesses still fit and parse. The quick witness search is off here,
 * so every answer comes from the chart.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleWord } from "../../src/grammar/sample.js";
import { InfillChecker, fillCanvas, type Canvas } from "../../src/infill/index.js";
import { ALPHABET, compile, grammarArb, lcg } from "./grammars.js";

describe("relaxed classes in unbounded holes", () => {
  it("agree with the unrelaxed chart on random grammars; witnesses fit and parse", () => {
    const tally = { feasible: 0, infeasible: 0, unknown: 0 };
    const pieceArb = fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.array(fc.tuple(pieceArb, fc.nat(2)), { minLength: 1, maxLength: 3 }), pieceArb, fc.integer(), (rules, ws, parts, tail, seed) => {
        const g = compile(rules, ws);
        if (!g) return;
        const random = lcg(seed);
        const word = seed & 1 ? sampleWord(g, { random, maxDepth: 5, maxTerminalBytes: 4 }) : undefined;
        const canvas: Canvas[number][] = [];
        const mins: number[] = [];
        let pos = 0;
        for (const [text, min] of parts) {
          if (word) {
            const at = pos + Math.floor(random() * (word.length - pos + 1));
            canvas.push({ text: word.slice(pos, at) });
            pos = Math.min(word.length, at + Math.floor(random() * 3));
          } else canvas.push({ text: Uint8Array.from(text) });
          canvas.push({ hole: { minBytes: min } });
          mins.push(min);
        }
        canvas.push({ text: word ? word.slice(pos) : Uint8Array.from(tail) });
        const relaxed = new InfillChecker(g, { quickBudget: 0 }).check(canvas);
        const strict = new InfillChecker(g, { quickBudget: 0, relaxLoops: false }).check(canvas);
        tally[relaxed.status]++;
        if (relaxed.status === "feasible") {
          relaxed.witness!.forEach((f, i) => expect(f.length).toBeGreaterThanOrEqual(mins[i]!));
          expect(g.check(fillCanvas(canvas, relaxed.witness!)).ok).toBe(true);
          expect(strict.status).not.toBe("infeasible");
        }
        if (relaxed.status === "infeasible") expect(strict.status).not.toBe("feasible");
        if (strict.status === "feasible") expect(relaxed.status).not.toBe("infeasible");
      }),
      { numRuns: 300 },
    );
    console.log("relaxed loops:", tally);
    expect(tally.feasible).toBeGreaterThan(30);
    expect(tally.infeasible).toBeGreaterThan(10);
    expect(tally.unknown).toBeLessThan(tally.feasible / 10);
  });
});
