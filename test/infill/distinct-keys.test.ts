/**
 * Distinct object keys in the infill checks (infill/distinct-keys.ts): on schema grammars every
 * "feasible" answer's witness writes each key once per object — judged by `firstDuplicateKey` (our
 * reader of JSON texts) and ajv (theirs) — the guided quick search finds repeat-free witnesses where
 * the unguided one wrote a key again, and a repeat in fixed text is infeasible only when certain.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InfillChecker, InfillSession, tokenSpeller, type Canvas, type CanvasPart, type HoleSpec } from "../../src/infill/index.js";
import { fillCanvas } from "../../src/infill/canvas.js";
import { onlyRepeatingWitnesses } from "../../src/infill/distinct-keys.js";
import { compileSchema } from "../../src/schema/index.js";
import { firstDuplicateKey } from "../../src/schema/json-source.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { ajvFor } from "../schema/helpers.js";

const dec = new TextDecoder();
const KEYS = ["", "a", "b", "ab", "ba", "0"];
const flat = fc.dictionary(fc.constantFrom(...KEYS), fc.integer({ min: 0, max: 2 }), { minKeys: 0, maxKeys: 4 });

/** Schemas whose objects take keys from open sets, with documents of their shape (ajv filters them). */
const CASES: Array<{ schema: object; doc: fc.Arbitrary<unknown> }> = [
  { schema: { type: "object", additionalProperties: { type: "integer" }, minProperties: 2 }, doc: flat },
  { schema: { type: "object", properties: { a: { type: "integer" } }, additionalProperties: { type: "integer", maximum: 2 }, minProperties: 1 }, doc: flat },
  { schema: { type: "object", patternProperties: { "^[ab]*$": { type: "integer" } }, additionalProperties: false, minProperties: 2 }, doc: flat },
  { schema: { type: "object", additionalProperties: { type: "object", additionalProperties: { type: "integer" }, minProperties: 1 } }, doc: fc.dictionary(fc.constantFrom(...KEYS), flat, { maxKeys: 3 }) },
  { schema: { type: "array", items: { type: "object", additionalProperties: { type: "integer" }, minProperties: 2 } }, doc: fc.array(flat, { maxLength: 3 }) },
];
const compiled = CASES.map((c) => compileSchema(c.schema).compiled);
const validators = CASES.map((c) => ajvFor(c.schema));

/** Cuts 1–3 holes out of `text` at the given cut points (each hole one of a few shapes, sized around the bytes it replaced). */
function cut(text: string, points: number[], shapes: number[]): Canvas {
  // cut points within the text (p = 1 once gave text.length + 1: a hole wider than what it replaced)
  const at = [...new Set(points.map((p) => Math.min(text.length, Math.floor(p * (text.length + 1)))))].sort((a, b) => a - b);
  const canvas: CanvasPart[] = [];
  let from = 0;
  for (let i = 0; i + 1 < at.length; i += 2) {
    const [s, e] = [at[i]!, at[i + 1]!];
    if (s > from) canvas.push({ text: text.slice(from, s) });
    const n = e - s;
    const shape = shapes[(i / 2) % shapes.length]!;
    const hole: HoleSpec = shape === 0 ? {} : shape === 1 ? { minBytes: 0, maxBytes: n + 3 } : shape === 2 ? { minBytes: n, maxBytes: n } : { minBytes: Math.max(0, n - 2) };
    canvas.push({ hole });
    from = e;
  }
  if (from < text.length) canvas.push({ text: text.slice(from) });
  if (!canvas.some((p) => "hole" in p)) canvas.push({ hole: {} });
  return canvas;
}

function expectRepeatFreeWitness(si: number, canvas: Canvas, r: ReturnType<InfillChecker["check"]>): void {
  const text = dec.decode(r.text!);
  expect(firstDuplicateKey(text)).toBeUndefined();
  expect(compiled[si]!.check(text).ok).toBe(true);
  expect(validators[si]!(JSON.parse(text))).toBe(true);
  // the witness fills the canvas' holes within their ranges
  expect(dec.decode(fillCanvas(canvas, r.witness!))).toBe(text);
  let h = 0;
  for (const part of canvas) {
    if (!("hole" in part)) continue;
    const f = r.witness![h++]!;
    expect(f.length).toBeGreaterThanOrEqual(part.hole.minBytes ?? 0);
    expect(f.length).toBeLessThanOrEqual(part.hole.maxBytes ?? Infinity);
  }
}

describe("distinct keys in infill checks", () => {
  it("property: holes cut from valid documents — never infeasible; every witness repeat-free, valid by ajv, fitting the canvas (quick search on and off)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CASES.length - 1 }).chain((si) => fc.tuple(fc.constant(si), CASES[si]!.doc)),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        ([si, doc], points, shapes, quick) => {
          fc.pre(validators[si]!(doc));
          const text = JSON.stringify(doc);
          fc.pre(compiled[si]!.check(text).ok);
          const canvas = cut(text, points, shapes);
          const r = new InfillChecker(compiled[si]!, quick ? {} : { quickBudget: 0 }).check(canvas);
          // the document itself fills the holes: never infeasible
          expect(r.status).not.toBe("infeasible");
          if (r.status === "feasible") expectRepeatFreeWitness(si, canvas, r);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the guided quick search finds a fresh key where the unguided search wrote one again (a hole inside a key, a tail)", () => {
    const g = compiled[0]!;
    const inKey: Canvas = [{ text: '{"":1,"' }, { hole: {} }, { text: '":2}' }];
    const tail: Canvas = [{ text: '{"":1,' }, { hole: {} }];
    for (const canvas of [inKey, tail]) {
      const loose = new InfillChecker(g, { distinctKeys: false }).check(canvas);
      expect(loose.status).toBe("feasible");
      expect(firstDuplicateKey(dec.decode(loose.text!))).toBeDefined();
      const r = new InfillChecker(g).check(canvas);
      expect(r.status).toBe("feasible");
      expect(r.stats.tiers).toBe(0); // the quick search's own witness
      expectRepeatFreeWitness(0, canvas, r);
    }
    expect(dec.decode(new InfillChecker(g).check(inKey).text!)).toBe('{"":1,"a":2}');
  });

  it("the chart's candidates: a key its fills close again is made new; one the canvas' text closes is refused ('unknown', which decoders refuse)", () => {
    const g = compiled[0]!;
    const chartOnly = new InfillChecker(g, { quickBudget: 0 });
    // the chart's completion writes "" again; the quote is the fill's: mended to a fresh key
    const tail: Canvas = [{ text: '{"":1,' }, { hole: {} }];
    const loose = new InfillChecker(g, { quickBudget: 0, distinctKeys: false }).check(tail);
    expect(firstDuplicateKey(dec.decode(loose.text!))).toBeDefined();
    const r = chartOnly.check(tail);
    expect(r.status).toBe("feasible");
    expect(r.stats.tiers).toBeGreaterThan(0);
    expectRepeatFreeWitness(0, tail, r);
    // the quote that closes "" again is the canvas' own: refused, nothing else is offered
    const inKey: Canvas = [{ text: '{"":1,"' }, { hole: {} }, { text: '":2}' }];
    const r2 = chartOnly.check(inKey);
    expect(r2.status).toBe("unknown");
    expect(r2.stats.keyRepeats).toBeGreaterThan(0);
    expect(onlyRepeatingWitnesses(r2)).toBe(true);
    // a candidate that does not repeat is taken as it is (the chart's own, a space)
    const room: Canvas = [{ text: '{"":1,"' }, { hole: { minBytes: 1, maxBytes: 2 } }, { text: '":2}' }];
    const r3 = chartOnly.check(room);
    expect(r3.status).toBe("feasible");
    expectRepeatFreeWitness(0, room, r3);
  });

  it("fixed text that repeats a key: infeasible when certain (before the first hole, or no hole), else not claimed", () => {
    const g = compiled[0]!;
    const c = new InfillChecker(g);
    expect(c.check([{ text: '{"a":1,"a":2,' }, { hole: {} }]).status).toBe("infeasible");
    expect(c.check([{ text: '{"a":1,"a":2}' }]).status).toBe("infeasible");
    expect(c.check([{ text: '{"a":1,"b":2}' }]).status).toBe("feasible");
    // after a hole the repeat is not certain: the hole may open an object the second "a" is in
    const nested = compileSchema({ type: "object", additionalProperties: {} }).compiled;
    const r = new InfillChecker(nested).check([{ text: '{"a":1,' }, { hole: {} }, { text: '"a":2}}' }]);
    expect(r.status).toBe("feasible");
    expect(firstDuplicateKey(dec.decode(r.text!))).toBeUndefined();
    // without the rule the fixed repeats are words of the grammar
    expect(new InfillChecker(g, { distinctKeys: false }).check([{ text: '{"a":1,"a":2,' }, { hole: {} }]).status).toBe("feasible");
  });

  it("byte-level and token-exact sessions: the first check's witness is repeat-free", () => {
    const TOKENS = ["<eos>", "<mask>", "{", "}", '"', "a", "b", ":", ",", "0", "1", "2", '"":', '"a":'];
    const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1], eosIds: [0] });
    const g = compiled[0]!;
    const canvas: Canvas = [{ text: '{"":1,' }, { hole: { tokens: 5, maxTokenBytes: 4, tailMayEnd: true } }];
    for (const speller of [undefined, tokenSpeller(vocab, 4)]) {
      const s = new InfillSession(new InfillChecker(g, { maxTokenBytes: 4 }), canvas, 4, speller ? { speller } : {});
      const r = s.check();
      expect(r.status).toBe("feasible");
      expect(firstDuplicateKey(dec.decode(r.text!))).toBeUndefined();
    }
  });
});
