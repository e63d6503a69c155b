/**
 * Distinct object keys in the constrained diffusion decoder (token-exact sessions on schema
 * grammars): a commit is kept only with a witness that writes no key twice in one object, so
 * outputs finished without the fallback never repeat a key (judged by `firstDuplicateKey`, our
 * reader, and ajv, theirs), and a model that "wants" to repeat a key is refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffusionGenerate, type DiffusionModel } from "../../src/decode/diffusion.js";
import { InfillChecker, InfillSession, tokenSpeller } from "../../src/infill/index.js";
import { repeatsKey } from "../../src/infill/distinct-keys.js";
import { compileSchema } from "../../src/schema/index.js";
import { firstDuplicateKey } from "../../src/schema/json-source.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { ajvFor } from "../schema/helpers.js";

// id 0 EOS, 1 the mask; single bytes of JSON objects with keys over {a, b} and digit values, and a
// few longer tokens (a whole repeated key among them)
const TOKENS = ["<eos>", "<mask>", "{", "}", '"', "a", "b", ":", ",", "0", "1", "2", '"a"', '":', 'a"', '{"', ',"'];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1], eosIds: [0] });
const id = (t: string) => {
  const i = TOKENS.indexOf(t);
  if (i < 0) throw new Error(`no token ${t}`);
  return i;
};
const MASK = 1;
const enc = new TextEncoder();

/** A model whose logits at position i come from `script(i)` (others −20). */
function fakeModel(script: (pos: number) => Array<[number, number]>): DiffusionModel {
  return {
    maskTokenId: MASK,
    maxContext: undefined,
    encode: (t) => vocab.tokenizeGreedy(t),
    async forward() {
      return {
        row(i: number) {
          const r = new Float32Array(TOKENS.length).fill(-20);
          for (const [t, l] of script(i)) r[t] = l;
          return r;
        },
      };
    },
  };
}

const SCHEMAS = [
  { type: "object", additionalProperties: { type: "integer" }, minProperties: 2 },
  { type: "object", additionalProperties: { type: "integer" } },
  { type: "object", properties: { a: { type: "integer" } }, additionalProperties: { type: "integer", maximum: 2 }, minProperties: 1 },
  { type: "object", patternProperties: { "^[ab]+$": { type: "integer" } }, additionalProperties: false, minProperties: 2 },
  { type: "object", additionalProperties: { type: "object", additionalProperties: { type: "integer" }, minProperties: 1 } },
];
const compiled = SCHEMAS.map((s) => compileSchema(s).compiled);
const validators = SCHEMAS.map((s) => ajvFor(s));

describe("distinct object keys in diffusion decoding", () => {
  it("repeatsKey reads whole texts as firstDuplicateKey does", () => {
    for (const t of ['{"a":1,"a":2}', '{"a":{"b":1},"b":{"a":1,"b":2}}', '{"a":[{"a":1},{"a":2}]}', '{"\\u0061":1,"a":2}', '[{"x":1,"y":2,"x":3}]'])
      expect(repeatsKey(enc.encode(t))).toBe(firstDuplicateKey(t) !== undefined);
  });

  it("a session finds no witness that repeats a key: a try that only such a witness would allow is refused", () => {
    const g = compiled[0]!;
    const speller = tokenSpeller(vocab, 3);
    const canvas = [{ text: '{"a":1,' }, { hole: { tokens: 6, maxTokenBytes: 3, tailMayEnd: true } }];
    const s = new InfillSession(new InfillChecker(g, { maxTokenBytes: 3 }), canvas, 3, { speller });
    expect(s.check().status).toBe("feasible");
    expect(repeatsKey(enc.encode('{"a":1,' + new TextDecoder().decode(s.currentWitness()![0])))).toBe(false);
    // the whole repeated key at the first position: the committed prefix repeats "a" (a proof)
    expect(s.tryCommit(0, enc.encode('"a"')).status).toBe("infeasible");
    // `a"` at the second position: the first must be `"` (the only token opening a key there), so
    // every filling writes "a" again; the chart's candidates do, and are refused
    const r = s.tryCommit(1, enc.encode('a"'));
    expect(r.status).not.toBe("feasible");
    expect(s.counts.repeatedKey).toBeGreaterThan(0);
    // the same session without the rule accepts both (the grammar alone cannot refuse them)
    const loose = new InfillSession(new InfillChecker(g, { maxTokenBytes: 3 }), canvas, 3, { speller, distinctKeys: false });
    expect(loose.tryCommit(0, enc.encode('"a"')).status).toBe("feasible");
    expect(loose.tryCommit(1, enc.encode('a"')).status).toBe("feasible");
  });

  it("a model that wants to write a key again is refused, and the output validates", async () => {
    // after {"a":1, the model writes "a and then wants `"` closing that key: {"a":1,"a":2}; without
    // the left-to-right pre-filter (which keeps keys distinct at the first masked position) only
    // the session can refuse it
    const want = ['"', "a", '"', ":", "2", "}"];
    const lead = vocab.tokenizeGreedy('{"a":1,').length;
    const model = fakeModel((i) => {
      const pos = i - lead;
      const w = want[pos];
      if (w === undefined) return [[0, 9]];
      const alts: Array<[number, number]> = [[id(w), 12 - pos]];
      for (const t of ["b", "1", "0"]) if (t !== w) alts.push([id(t), 1]);
      return alts;
    });
    const r = await diffusionGenerate(model, vocab, { parts: [{ text: '{"a":1,' }, { masks: 8 }], grammar: compiled[0]!, threshold: 2, maxTokenBytes: 3, prefilter: false });
    expect(r.fallbackUsed).toBe(false);
    expect(r.valid).toBe(true);
    expect(firstDuplicateKey(r.text)).toBeUndefined();
    expect(r.stats.repeated_key).toBe(false);
    expect(validators[0]!(JSON.parse(r.text))).toBe(true);
    // the guided searches end the key the model began as a new one rather than refuse every try
    expect(Object.keys(JSON.parse(r.text) as object)).not.toContain("");
    // the same decode without the rule writes the key again (the grammar alone cannot refuse it)
    const keysFree = compileSchema(SCHEMAS[0]).compiled;
    keysFree.distinctObjectKeys = false;
    const loose = await diffusionGenerate(model, vocab, { parts: [{ text: '{"a":1,' }, { masks: 8 }], grammar: keysFree, threshold: 2, maxTokenBytes: 3, prefilter: false });
    expect(loose.text).toBe('{"a":1,"a":2}');
  });

  it("property: for random logits on schemas with open keys, outputs finished without the fallback repeat no key and validate with ajv", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: SCHEMAS.length - 1 }),
        fc.constantFrom("", "{", '{"a":1,', '{"b":', '{"a":1,"b'),
        fc.integer({ min: 6, max: 12 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        async (si, prefix, masks, seed, prefilter) => {
          let st = seed;
          const rnd = () => ((st = (Math.imul(st, 1103515245) + 12345) >>> 0) / 2 ** 32);
          // keys, quotes and colons are likely, so random texts write keys again and again
          const bias = new Map([['"', 3], ["a", 3], ['"a"', 4], ['":', 2], [",", 2], ['a"', 2]]);
          const model = fakeModel(() => TOKENS.map((t, i) => [i, rnd() * 6 + (bias.get(t) ?? 0)] as [number, number]));
          const parts = prefix === "" ? [{ masks }] : [{ text: prefix }, { masks }];
          let r;
          try {
            r = await diffusionGenerate(model, vocab, { parts, grammar: compiled[si]!, seed, temperature: seed % 2, prefilter, maxTokenBytes: 3 });
          } catch (e) {
            // a canvas no filling completes (too few positions for the prefix) is an input error, not a decode
            expect(String(e)).toMatch(/no filling of the masked positions/);
            return;
          }
          expect(r.valid).toBe(true);
          expect(r.stats.repeated_key).toBe(firstDuplicateKey(r.text) !== undefined);
          if (!r.fallbackUsed) {
            expect(firstDuplicateKey(r.text)).toBeUndefined();
            expect(validators[si]!(JSON.parse(r.text))).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
