/**
 * The quick witness search (src/infill/quick.ts): the real parser tries short fills before any
 * chart. It may only ever answer "feasible", with a witness the grammar accepts and whose hole
 * lengths are in range; with it on or off, the checker never contradicts itself.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { InfillChecker, fillCanvas, tokenHole, type Canvas } from "../../src/infill/index.js";
import { segmentsOf } from "../../src/infill/canvas.js";
import { PrefixParse } from "../../src/infill/prefix.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { ALPHABET, compile, grammarArb, lcg } from "./grammars.js";

const dec = new TextDecoder();

describe("quick witness search", () => {
  it("agrees with the chart alone on random grammars and canvases; its witnesses fit and parse", () => {
    const tally = { quick: 0, chart: 0, infeasible: 0 };
    const pieceArb = fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 4 });
    const holeArb = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([a, b, open]) => [Math.min(a, b), open ? Infinity : Math.max(a, b)] as [number, number]);
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.array(fc.tuple(pieceArb, holeArb), { minLength: 1, maxLength: 3 }), pieceArb, fc.integer(), (rules, ws, parts, tail, seed) => {
        const g = compile(rules, ws);
        if (!g) return;
        const canvas: Canvas[number][] = [];
        const ranges: Array<[number, number]> = [];
        // odd seeds: holes cut out of a sampled word (mostly feasible); even: random pieces (mostly not)
        const random = lcg(seed);
        const word = seed & 1 ? sampleWord(g, { random, maxDepth: 5, maxTerminalBytes: 4 }) : undefined;
        let pos = 0;
        for (const [text, range] of parts) {
          if (word) {
            const at = pos + Math.floor(random() * (word.length - pos + 1));
            canvas.push({ text: word.slice(pos, at) });
            pos = Math.min(word.length, at + range[0]);
          } else canvas.push({ text: Uint8Array.from(text) });
          canvas.push({ hole: { minBytes: range[0], maxBytes: range[1] } });
          ranges.push(range);
        }
        canvas.push({ text: word ? word.slice(pos) : Uint8Array.from(tail) });
        const withQuick = new InfillChecker(g).check(canvas);
        const chartOnly = new InfillChecker(g, { quickBudget: 0 }).check(canvas);
        if (withQuick.status === "feasible") {
          const fills = withQuick.witness!;
          fills.forEach((f, i) => {
            expect(f.length).toBeGreaterThanOrEqual(ranges[i]![0]);
            expect(f.length).toBeLessThanOrEqual(ranges[i]![1]);
          });
          expect(g.check(fillCanvas(canvas, fills)).ok).toBe(true);
          expect(chartOnly.status).not.toBe("infeasible");
          if (withQuick.stats.tiers === 0) tally.quick++;
          else tally.chart++;
        }
        if (withQuick.status === "infeasible") {
          tally.infeasible++;
          expect(chartOnly.status).not.toBe("feasible");
        }
        if (chartOnly.status === "feasible") expect(withQuick.status).not.toBe("infeasible");
      }),
      { numRuns: 300 },
    );
    console.log("quick vs chart alone:", tally);
    expect(tally.quick).toBeGreaterThan(30);
    expect(tally.infeasible).toBeGreaterThan(10);
  });

  const json = compileGrammar(loadGrammarFile("grammars/json.lark"));

  it("answers typical JSON canvases without a chart", () => {
    const c = new InfillChecker(json, { maxTokenBytes: 8 });
    const canvases: Canvas[] = [
      [{ text: '{"a": 1' }, tokenHole(1, 8), { text: ' "b": [1, 2' }, tokenHole(4, 8, true)],
      [{ text: '{"name": "x' }, tokenHole(2, 8), { text: 'y", "n": ' }, tokenHole(1, 8), { text: "}" }],
      [{ text: "[tr" }, tokenHole(1, 8), { text: ", nu" }, tokenHole(6, 8, true)],
    ];
    for (const canvas of canvases) {
      const r = c.check(canvas);
      expect(r.status).toBe("feasible");
      expect(r.stats.tiers).toBe(0);
      expect(r.stats.quickBytes).toBeGreaterThan(0);
      expect(json.check(fillCanvas(canvas, r.witness!)).ok).toBe(true);
      expect(dec.decode(r.text!)).toBe(dec.decode(fillCanvas(canvas, r.witness!)));
    }
  });

  it("a canvas it cannot fill within its budget goes to the chart (same answer)", () => {
    // the second hole must close a string opened in the first: a 2-word fill cannot
    const canvas: Canvas = [{ text: "[" }, { hole: { minBytes: 1, maxBytes: 8 } }, { text: "abc def" }, { hole: { minBytes: 1, maxBytes: 8 } }, { text: "]" }];
    const on = new InfillChecker(json, { quickBudget: 50 }).check(canvas);
    const off = new InfillChecker(json, { quickBudget: 0 }).check(canvas);
    expect(off.status).toBe("feasible");
    expect(on.status).toBe("feasible");
    expect(on.stats.quickBytes).toBeGreaterThan(0);
    expect(json.check(fillCanvas(canvas, on.witness!)).ok).toBe(true);
    for (const f of on.witness!) expect(f.length >= 1 && f.length <= 8).toBe(true);
  });

  it("a bounded local search (a session's repair) gets the quick search only", () => {
    const canvas: Canvas = [{ text: "[" }, { hole: { minBytes: 1, maxBytes: 8 } }, { text: "abc def" }, { hole: { minBytes: 1, maxBytes: 8 } }, { text: "]" }];
    const c = new InfillChecker(json, { quickBudget: 50 });
    const solve = (maxItems: number) => {
      const { segments, holeCount } = segmentsOf(canvas, 8);
      const prefix = new PrefixParse(json);
      prefix.feed(new TextEncoder().encode("["));
      return c.solve(canvas, segments, holeCount, prefix, performance.now(), maxItems);
    };
    const local = solve(20_000);
    expect(local.status).toBe("unknown");
    expect(local.stats.tiers).toBe(0);
    expect(solve(200_000).status).toBe("feasible");
  });
});
