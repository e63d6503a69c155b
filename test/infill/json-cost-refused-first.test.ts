/**
 * Session 10: a hole's words are tried from one parser state, so the quick search charges a word
 * whose first byte was refused already in that hole call the refused feed's one unit without
 * feeding it (`refuseFirstBytes`), and reads words' first bytes and lengths from typed arrays.
 * Against the search that feeds every word (`refuseFirstBytes: false`): the same fills (or none) and
 * the same budget spent, on random grammars, canvases of 1–2 holes, budgets and spelling hooks, and
 * on JSON with a distinct-keys tracker (a refused quote there goes on to fresh key endings, so it is
 * never skipped). Mutants tried: skipping without charging the unit (budget spent differs), and
 * marking a refused quote with a tracker (the JSON case finds fewer fillings).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { segmentsOf, type Canvas } from "../../src/infill/canvas.js";
import { QuickWitness } from "../../src/infill/quick.js";
import { JsonKeyTracker } from "../../src/schema/json-keys.js";
import { compile, grammarArb, lcg } from "./grammars.js";

const show = (r: { fills: Uint8Array[] | null; spent: number }) => `${r.fills === null ? "-" : r.fills.map((f) => Array.from(f).join(",")).join("|")} @${r.spent}`;
const enc = new TextEncoder();

/** A canvas cut from `word`: a lead, then 1–2 holes of random byte ranges with text between and after. */
function canvasOf(word: Uint8Array, random: () => number): { canvas: Canvas; lead: number } {
  const lead = Math.floor(random() * (word.length + 1));
  const parts: Canvas[number][] = [{ text: word.subarray(0, lead) }];
  let at = lead;
  const holes = 1 + Math.floor(random() * 2);
  for (let h = 0; h < holes; h++) {
    const cut = at + Math.floor(random() * (word.length - at + 1));
    const min = Math.floor(random() * 3);
    parts.push({ hole: { minBytes: min, maxBytes: min + Math.floor(random() * 8) } });
    const next = Math.min(word.length, cut + Math.floor(random() * 4));
    parts.push({ text: word.subarray(cut, next) });
    at = next;
  }
  return { canvas: parts, lead };
}

/** Both searches over the canvas from a parser (and tracker) that read its lead; their answers. */
function both(g: CompiledGrammar, pad: number, canvas: Canvas, lead: Uint8Array, budget: number, tracked: boolean, accept?: (fills: Uint8Array[]) => boolean): [string, string] | null {
  const p = g.newParser();
  if (p.feed(lead) < lead.length) return null;
  const keys = tracked ? new JsonKeyTracker() : null;
  if (keys !== null && keys.feed(lead) < lead.length) return null;
  const { segments, holeCount } = segmentsOf(canvas, 1);
  const from = segments[0]!.kind === "text" && lead.length > 0 ? 1 : 0;
  if (from === 1 && (segments[0] as { bytes: Uint8Array }).bytes.length !== lead.length) return null;
  const a = new QuickWitness(g, pad).search(segments, from, 0, holeCount, p, budget, keys, accept, 3);
  expect(p.position).toBe(lead.length);
  const b = new QuickWitness(g, pad, { refuseFirstBytes: false }).search(segments, from, 0, holeCount, p, budget, keys, accept, 3);
  return [show(a), show(b)];
}

describe("quick search: a first byte refused once in a hole is not fed again", () => {
  it("same fills and budget as feeding every word (random grammars, canvases, budgets, hooks)", () => {
    let found = 0;
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.integer(), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 2 }), (rules, ws, seed, budget, hook) => {
        const g = compile(rules, ws);
        if (!g) return;
        const random = lcg(seed);
        const word = sampleWord(g, { random, maxDepth: 6, maxTerminalBytes: 4 });
        if (!word || word.length > 30) return;
        const { canvas, lead } = canvasOf(word, random);
        const accept = hook === 0 ? undefined : (fills: Uint8Array[]) => fills.reduce((h, f) => f.reduce((x, b) => x * 31 + b, h), hook) % 3 !== 0;
        const r = both(g, ws ? 0x20 : -1, canvas, word.subarray(0, lead), budget, false, accept);
        if (r === null) return;
        expect(r[0]).toBe(r[1]);
        if (!r[0].startsWith("-")) found++;
      }),
      { numRuns: 600 },
    );
    expect(found).toBeGreaterThan(100);
  });

  it("the same on JSON with a distinct-keys tracker (refused quotes go on to fresh keys)", () => {
    const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
    let found = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("a", "b", "ab", "id", "x"), fc.oneof(fc.integer({ min: -9, max: 99 }), fc.constantFrom("", "a", true, null)), { minKeys: 1, maxKeys: 4 }),
        fc.integer(),
        fc.integer({ min: 50, max: 800 }),
        (obj, seed, budget) => {
          const word = enc.encode(JSON.stringify(obj));
          const random = lcg(seed);
          const { canvas, lead } = canvasOf(word, random);
          const r = both(json, 0x20, canvas, word.subarray(0, lead), budget, true);
          if (r === null) return;
          expect(r[0]).toBe(r[1]);
          if (!r[0].startsWith("-")) found++;
        },
      ),
      { numRuns: 400 },
    );
    expect(found).toBeGreaterThan(50);
  });

  it("the same with the lead cut inside a key that begins a key written before it (the tracker refuses its quote)", () => {
    const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
    let found = 0;
    fc.assert(
      fc.property(fc.shuffledSubarray(["a", "ab", "abc", "b", "ba", "c"], { minLength: 2 }), fc.integer({ min: 1, max: 5 }), fc.integer(), fc.integer({ min: 50, max: 800 }), (keys, cutIn, seed, budget) => {
        const word = enc.encode(`{${keys.map((k, i) => `"${k}": ${i}`).join(", ")}}`);
        // the lead ends inside the last key's text, `cutIn` bytes after its opening quote
        const open = word.lastIndexOf(0x22, word.lastIndexOf(0x22, word.lastIndexOf(0x3a) - 1) - 1);
        const lead = Math.min(open + cutIn, word.length);
        const random = lcg(seed);
        const after = lead + Math.floor(random() * 4);
        const min = Math.floor(random() * 2);
        // the text after the hole: the word's, or one no fill reaches (the search spends its budget)
        const tail = random() < 0.7 ? word.subarray(after) : enc.encode(random() < 0.5 ? "x" : '"a": 1}');
        const canvas: Canvas = [{ text: word.subarray(0, lead) }, { hole: { minBytes: min, maxBytes: min + 1 + Math.floor(random() * 6) } }, { text: tail }];
        const r = both(json, 0x20, canvas, word.subarray(0, lead), budget, true);
        if (r === null) return;
        expect(r[0]).toBe(r[1]);
        if (!r[0].startsWith("-")) found++;
      }),
      { numRuns: 400 },
    );
    expect(found).toBeGreaterThan(30);
  });
});
