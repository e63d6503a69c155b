/**
 * The quick search's early end (session 8, C++ constraint cost): a search whose budget can no longer
 * pay for the text it still has to feed ends at once instead of spending the rest on fills that
 * cannot finish (`QuickWitness` with `stopWhenHopeless`, the default). It must change no answer:
 * against the search without it, on random grammars, canvases, budgets and spelling hooks, the
 * fills found are the same (or none in both) and the budget spent is never more. The bytes a search
 * read for its answer (`foundBytes`, which the checker compares instead of parsing the text again)
 * are the filled canvas after the lead, and the filled canvas is a word.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { fillCanvas, segmentsOf, type Canvas } from "../../src/infill/canvas.js";
import { QuickWitness } from "../../src/infill/quick.js";
import { compile, grammarArb, lcg } from "./grammars.js";

const enc = new TextEncoder();

/** Both searches over one canvas from the same parser state: their fills (joined, or null) and budgets spent. */
function searchBoth(g: CompiledGrammar, pad: number, canvas: Canvas, budget: number, accept?: (fills: Uint8Array[]) => boolean, maxAccepts = 1) {
  const { segments, holeCount } = segmentsOf(canvas, 1);
  const p = g.newParser();
  let from = 0;
  if (segments[0]!.kind === "text") {
    const lead = segments[0]!.bytes;
    for (let i = 0; i < lead.length; i++) if (!p.feedByte(lead[i]!)) return null;
    from = 1;
  }
  const at = p.position;
  const out = [new QuickWitness(g, pad), new QuickWitness(g, pad, { stopWhenHopeless: false })].map((q) => {
    const r = q.search(segments, from, 0, holeCount, p, budget, null, accept, maxAccepts);
    expect(p.position).toBe(at);
    if (r.fills !== null) {
      // what the search read is the filled canvas after the lead, and a word (the checker takes it without a second parse)
      const text = fillCanvas(canvas, r.fills);
      expect(Array.from(q.foundBytes)).toEqual(Array.from(text.subarray(at)));
      expect(g.check(text).ok).toBe(true);
    }
    return { fills: r.fills === null ? null : r.fills.map((f) => Array.from(f).join(",")).join("|"), spent: r.spent };
  });
  return { cut: out[0]!, full: out[1]! };
}

describe("quick search: the early end when the budget cannot pay for the rest", () => {
  it("finds the same fills as the search without it, spending no more (random grammars, canvases, budgets, hooks)", () => {
    const tally = { cases: 0, found: 0, failed: 0, saved: 0 };
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.integer(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 3 }), (rules, ws, seed, holes, budget, hook) => {
        const g = compile(rules, ws);
        if (!g) return;
        const random = lcg(seed);
        const word = sampleWord(g, { random, maxDepth: 6, maxTerminalBytes: 4 });
        if (!word || word.length > 40) return;
        // holes cut out of the word (mostly fillable), some bytes of the text changed (mostly not)
        const text = word.slice();
        if (random() < 0.5 && text.length > 0) text[Math.floor(random() * text.length)] = enc.encode("ab01,() ")[Math.floor(random() * 8)]!;
        const cuts = Array.from({ length: holes }, () => Math.floor(random() * (text.length + 1))).sort((a, b) => a - b);
        const canvas: Canvas[number][] = [];
        let pos = 0;
        for (const c of cuts) {
          const at = Math.max(pos, c);
          canvas.push({ text: text.slice(pos, at) });
          const len = Math.min(text.length - at, Math.floor(random() * 3));
          canvas.push({ hole: { minBytes: random() < 0.5 ? 0 : len, maxBytes: len + Math.floor(random() * 4) } });
          pos = at + len;
        }
        canvas.push({ text: text.slice(pos) });
        // a spelling hook that refuses some fillings (by their bytes: the same in both searches)
        const accept = hook === 0 ? undefined : (fills: Uint8Array[]) => fills.reduce((h, f) => f.reduce((x, b) => x * 31 + b, h), hook) % 3 !== 0;
        const r = searchBoth(g, ws ? 0x20 : -1, canvas, budget, accept, hook + 1);
        if (r === null) return;
        tally.cases++;
        expect(r.cut.fills).toBe(r.full.fills);
        expect(r.cut.spent).toBeLessThanOrEqual(r.full.spent);
        if (r.cut.fills === null) tally.failed++;
        else tally.found++;
        if (r.cut.spent < r.full.spent) tally.saved++;
      }),
      { numRuns: 1000 },
    );
    expect(tally.found).toBeGreaterThan(30);
    expect(tally.failed).toBeGreaterThan(30);
    expect(tally.saved).toBeGreaterThan(25);
  });

  it("a C++ repair that cannot succeed ends once the budget cannot pay for the rest of the file (same answer)", () => {
    const cpp = compileGrammar(loadGrammarFile("grammars/cpp.lark"));
    // `(` is never closed: no short fill of the hole helps, and every try feeds the rest until it is rejected
    const fn = (k: number) => `int f${k}(int a, int b) {\n  int s = 0;\n  for (int i = a; i < b; i++) s += i * ${k};\n  return s;\n}\n`;
    const rest = `;\n  return x;\n}\n${Array.from({ length: 12 }, (_, k) => fn(k)).join("")}`;
    const canvas: Canvas = [{ text: "int main() {\n  int x = (1 + " }, { hole: { minBytes: 0, maxBytes: 16 } }, { text: rest }];
    const restBytes = enc.encode(rest).length;
    const budget = 256 + 2 * restBytes;
    const r = searchBoth(cpp, 0x20, canvas, budget)!;
    expect(r.full.fills).toBeNull();
    expect(r.cut.fills).toBeNull();
    // without the early end the search spends its whole budget; with it, it stops once what is
    // left could not pay for the rest of the file (after the try under way, which may read far)
    expect(r.full.spent).toBeGreaterThanOrEqual(budget);
    expect(r.cut.spent).toBeLessThan(budget - restBytes / 2);
    // and a hole that can be filled is found the same way by both
    const fixable: Canvas = [{ text: "int main() {\n  int x = (1 " }, { hole: { minBytes: 1, maxBytes: 16 } }, { text: ` 2);\n  return x;\n}\n${fn(0)}` }];
    const ok = searchBoth(cpp, 0x20, fixable, 256 + 2 * 200)!;
    expect(ok.cut.fills).not.toBeNull();
    expect(ok.cut.fills).toBe(ok.full.fills);
  });
});
