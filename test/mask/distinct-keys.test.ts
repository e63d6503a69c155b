/**
 * Distinct object keys in JSON Schema masks (the rule the grammar cannot state). Oracles not ours:
 * ajv on the parsed text, and `firstDuplicateKey` (its own recursive-descent parser) for repeats.
 *  - soundness: random walks over the masks (uniform among allowed tokens) end in texts that repeat
 *    no key and that ajv accepts, and never reach an empty mask on schemas without dead ends;
 *  - completeness: every valid document, keys spelled with random escapes, is allowed token by
 *    token (greedy tokenization) and ends with EOS allowed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MaskContext } from "../../src/mask/matcher.js";
import { compileSchema } from "../../src/schema/index.js";
import { firstDuplicateKey } from "../../src/schema/json-source.js";
import { ajvFor } from "../schema/helpers.js";
import { makeVocab } from "./helpers.js";

const PIECES = ["{", "}", "[", "]", '"', '"a', 'a"', '"a"', "a", "b", "ab", '":', ":", ",", ',"', '","', '"}', '{"', "0", "1", "\\", "/", "\\/", '"/', '/"', '"a":0,"a"', '":0,"', "0,", '""', "x", '0,"a"', '0,"', '1,"b":1,"', ' ', '":[],"a"', ',"a', '","a'];

function allowed(ctx: MaskContext, bits: Uint32Array): number[] {
  const out: number[] = [];
  for (let id = 0; id < ctx.vocab.size; id++) if ((bits[id >>> 5]! >>> (id & 31)) & 1) out.push(id);
  return out;
}

const FREE = { type: "object", additionalProperties: { type: "integer", minimum: 0, maximum: 1 }, minProperties: 3, maxProperties: 4 };
// three possible keys: after "a" is written, `"a` must go on to "ab"; after both, `"a` is a dead end
const FINITE = { type: "object", patternProperties: { "^(a|ab|b)$": { type: "integer", minimum: 0, maximum: 1 } }, additionalProperties: false, minProperties: 2, maxProperties: 3 };
const FINITE_STRINGS = { ...FINITE, patternProperties: { "^(a|ab|b)$": { enum: ["", "x"] } } };
const NESTED = {
  type: "object",
  properties: { x: { type: "object", additionalProperties: { type: "integer", minimum: 0, maximum: 1 }, minProperties: 2, maxProperties: 3 } },
  required: ["x"],
  additionalProperties: { type: "array", maxItems: 2, items: { type: "object", additionalProperties: { type: "integer", minimum: 0, maximum: 1 }, maxProperties: 2 } },
  maxProperties: 3,
};

describe("distinct object keys in masks", () => {
  const vocab = makeVocab(PIECES);
  const id = (piece: string) => {
    const i = PIECES.indexOf(piece);
    if (i < 0) throw new Error(`no piece ${piece}`);
    return i + 1;
  };

  it("refuses a token that closes a key written before in the same object, escapes decoded", () => {
    const ctx = new MaskContext(compileSchema(FREE).compiled, vocab);
    const m = ctx.matcher();
    for (const p of ['{"', "a", '":', "0", ',"']) expect(m.accept(id(p))).toBe(true);
    const bits = new Uint32Array(m.maskWords);
    m.fillMask(bits);
    const ok = allowed(ctx, bits);
    expect(ok).not.toContain(id('a"')); // "a" again
    expect(ok).toContain(id("b")); // "b..." is new
    expect(ok).toContain(id("a")); // "a..." can still become "ab"
    expect(ok).toContain(id('""'.slice(1))); // `"`: the key "" is new
    expect(m.accept(id('a"'))).toBe(false);
    for (const p of ["/", '":', "0", ',"', "\\/"]) expect(m.accept(id(p))).toBe(true); // "\/" is "/": fine until the key closes
    expect(m.accept(id('"'))).toBe(false);
    // a whole key inside one token, and two keys in one token
    const m2 = ctx.matcher();
    expect(m2.accept(id("{"))).toBe(true);
    m2.fillMask(bits);
    expect(allowed(ctx, bits)).not.toContain(id('"a":0,"a"'));
    expect(m2.accept(id('"a":0,"a"'))).toBe(false);
  });

  it("looks ahead in a key: a prefix whose every completion is written is refused", () => {
    const ctx = new MaskContext(compileSchema(FINITE).compiled, vocab);
    const m = ctx.matcher();
    for (const p of ['{"', "a", '":', "0", ',"']) expect(m.accept(id(p))).toBe(true);
    const bits = new Uint32Array(m.maskWords);
    m.fillMask(bits);
    expect(allowed(ctx, bits)).toContain(id("a")); // → "ab"
    for (const p of ["ab", '":', "0", ',"']) expect(m.accept(id(p))).toBe(true);
    m.fillMask(bits);
    const ok = allowed(ctx, bits);
    expect(ok).not.toContain(id("a")); // "a" and "ab" are both written
    expect(ok).not.toContain(id("ab"));
    expect(ok).toContain(id("b"));
  });

  it("close-out finishes an object whose minProperties needs fresh keys", async () => {
    const { Generator } = await import("../../src/decode/generate.js");
    const compiled = compileSchema({ type: "object", additionalProperties: { type: "integer", minimum: 0, maximum: 0 }, minProperties: 4 }).compiled;
    const model = fixedModel(PIECES.length + 256, id('{"'));
    const bytes = makeVocab([...PIECES, ...Array.from({ length: 255 }, (_, b) => "raw:" + String.fromCharCode(b + 1))]);
    const gen = new Generator(model, bytes, compiled);
    const r = await gen.generate({ maxTokens: 1, temperature: 0 });
    expect(r.closedOut).toBe(true);
    const dup = firstDuplicateKey(r.text);
    expect(dup, r.text).toBeUndefined();
    const keys = Object.keys(JSON.parse(r.text) as object);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.every((k) => /^[0-9a-z]{0,2}$/.test(k)), r.text).toBe(true); // repaired with short keys, not a byte search's oddities
  });

  for (const [name, schema, deadEndFree, docs] of [
    ["free keys", FREE, true, objArb(fc.integer({ min: 0, max: 1 }), 3, 4)],
    ["a finite key set", FINITE, true, objArb(fc.integer({ min: 0, max: 1 }), 2, 3)],
    ["a finite key set, string values", FINITE_STRINGS, true, objArb(fc.constantFrom("", "x"), 2, 3)],
    // no maxProperties: the grammar itself stops after the three keys the pattern allows
    ["a finite key set, no maxProperties", { ...FINITE, maxProperties: undefined, minProperties: 1 }, true, objArb(fc.integer({ min: 0, max: 1 }), 1, 3)],
    ["nested objects and arrays", NESTED, true, nestedArb],
  ] as const) {
    it.each(["compact", "python", "flexible"] as const)(`random walks over the masks repeat no key and validate (${name}, %s whitespace)`, (whitespace) => {
      const ctx = new MaskContext(compileSchema(schema, { whitespace }).compiled, vocab);
      const validate = ajvFor(schema);
      const bits = new Uint32Array(ctx.matcher().maskWords);
      let finished = 0;
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), (choices) => {
          const m = ctx.matcher();
          let text = "";
          for (const c of choices) {
            m.fillMask(bits);
            const ok = allowed(ctx, bits);
            if (deadEndFree) expect(ok.length, `dead end after ${JSON.stringify(text)}`).toBeGreaterThan(0);
            if (ok.length === 0) return;
            const t = ok[c % ok.length]!;
            expect(m.accept(t)).toBe(true);
            if (vocab.isEos(t)) break;
            text += new TextDecoder().decode(vocab.tokenBytes(t));
          }
          if (!m.isFinished()) return;
          finished++;
          expect(firstDuplicateKey(text), text).toBeUndefined();
          expect(validate(JSON.parse(text)), text).toBe(true);
        }),
        { numRuns: 100 },
      );
      expect(finished).toBeGreaterThan(10);
    });

    it(`every valid document is allowed token by token (${name})`, () => {
      const ctx = new MaskContext(compileSchema(schema).compiled, vocab);
      const validate = ajvFor(schema);
      const bits = new Uint32Array(ctx.matcher().maskWords);
      let checked = 0;
      fc.assert(
        fc.property(docs, fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), (doc, escapes) => {
          if (!validate(doc)) return;
          const text = spell(doc, escapes);
          const bytes = new TextEncoder().encode(text);
          const m = ctx.matcher();
          let at = 0;
          while (at < bytes.length) {
            const [t, len] = ctx.trie.longestMatch(bytes, at);
            expect(t, text).toBeGreaterThanOrEqual(0);
            m.fillMask(bits);
            expect(allowed(ctx, bits), `${text} at ${at}`).toContain(t);
            expect(m.accept(t)).toBe(true);
            at += len;
          }
          m.fillMask(bits);
          expect(allowed(ctx, bits), text).toContain(0);
          checked++;
        }),
        { numRuns: 300 },
      );
      expect(checked).toBeGreaterThan(5);
    });
  }
});

const KEYS = ["a", "b", "ab", "/", "a/", ""];
function objArb(value: fc.Arbitrary<unknown>, minKeys: number, maxKeys: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys, maxKeys });
}
const ints = objArb(fc.integer({ min: 0, max: 1 }), 0, 2);
const nestedArb = fc.tuple(objArb(fc.integer({ min: 0, max: 1 }), 2, 3), objArb(fc.array(ints, { maxLength: 2 }), 0, 2)).map(([x, rest]) => ({ x, ...rest }));

/** Compact JSON with the `/` of keys written `\/` where `escapes` says so (the one other spelling the grammar allows). */
function spell(v: unknown, escapes: boolean[]): string {
  let k = 0;
  const key = (s: string) => '"' + [...s].map((ch) => (ch === "/" && escapes[k++ % escapes.length] ? "\\/" : ch)).join("") + '"';
  const go = (x: unknown): string => {
    if (Array.isArray(x)) return "[" + x.map(go).join(",") + "]";
    if (x !== null && typeof x === "object") return "{" + Object.entries(x).map(([kk, vv]) => key(kk) + ":" + go(vv)).join(",") + "}";
    return JSON.stringify(x);
  };
  return go(v);
}

/** A model whose logits always favour one token (the rest tie at 0). */
function fixedModel(vocabSize: number, favourite: number) {
  return {
    tokenizer: { encode: () => [1] },
    eosIds: [0],
    kind: "causal",
    startId: 1,
    maxContext: 1 << 20,
    newSession() {
      let n = 0;
      return {
        get length() {
          return n;
        },
        append(ids: number[]) {
          n += ids.length;
        },
        async logits() {
          const l = new Float32Array(vocabSize);
          l[favourite] = 10;
          return l;
        },
      };
    },
  } as never;
}
