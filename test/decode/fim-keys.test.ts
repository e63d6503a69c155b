/**
 * Distinct object keys across a fill-in-the-middle hole's junction: the left-to-right mask keeps the
 * prefix repeat-free, but a key written in the hole can repeat one of the next fragment (same
 * object). The whole-canvas check's witness writes each key once, so such a token is refused.
 */
import { describe, expect, it } from "vitest";
import { fimGenerate, type FimModel } from "../../src/decode/fim.js";
import { splitHoles } from "../../src/decode/diffusion-canvas.js";
import { compileSchema } from "../../src/schema/index.js";
import { firstDuplicateKey } from "../../src/schema/json-source.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { ajvFor } from "../schema/helpers.js";
import { fakeFimModel } from "./fake-fim-model.js";

// id 0 EOS, 1-3 FIM tokens, then JSON pieces (whole keys among them)
const TOKENS = ["<eos>", "<pre>", "<suf>", "<mid>", "{", "}", '"', "a", "b", ":", ",", "1", "2", '"a"', '"b"', '"c"'];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1, 2, 3], eosIds: [0] });
const id = (t: string) => TOKENS.indexOf(t);
const template = { name: "test", prefix: 1, suffix: 2, middle: 3, end: [0] };
const schema = { type: "object", additionalProperties: { type: "integer" } };

/** In the hole: a whole key (`first` in order of preference), `:`, `1`, then the end. */
function keyModel(first: string[] = ['"a"', '"b"']): FimModel {
  return fakeFimModel(vocab, (seen) => {
    const mid = seen.lastIndexOf(3);
    const written = seen.slice(mid + 1).map((i) => TOKENS[i]);
    const r = new Float32Array(TOKENS.length).fill(-20);
    const want: Array<[string, number]> =
      written.length === 0 ? first.map((t, k): [string, number] => [t, 9 - 2 * k]) : written[written.length - 1]!.startsWith('"') ? [[":", 9]] : written[written.length - 1] === ":" ? [["1", 9]] : [["<eos>", 9]];
    for (const [t, l] of want) r[id(t)] = l;
    return r;
  });
}

describe("fill-in-the-middle with distinct keys", () => {
  it('the model wants "a" in the hole while the suffix already has "a": refused, the next choice kept', async () => {
    const compiled = compileSchema(schema).compiled;
    const r = await fimGenerate(keyModel(), vocab, { parts: splitHoles('{<|hole|>,"a":2}', "<|hole|>"), grammar: compiled, template });
    expect(r.text).toBe('{"b":1,"a":2}');
    expect(r.valid).toBe(true);
    expect(r.fallbackUsed).toBe(false);
    expect(r.stats.rejections).toBeGreaterThanOrEqual(1);
    expect(r.stats.repeated_key).toBe(false);
    expect(firstDuplicateKey(r.text)).toBeUndefined();
    expect(ajvFor(schema)(JSON.parse(r.text))).toBe(true);
  });

  it("without the rule the same model writes the key again (the grammar alone cannot refuse it)", async () => {
    const compiled = compileSchema(schema).compiled;
    compiled.distinctObjectKeys = false;
    const r = await fimGenerate(keyModel(), vocab, { parts: splitHoles('{<|hole|>,"a":2}', "<|hole|>"), grammar: compiled, template });
    expect(r.text).toBe('{"a":1,"a":2}');
  });

  it("each fill is checked against the fragment after it and the fills before it (no left-to-right mask)", async () => {
    const compiled = compileSchema(schema).compiled;
    for (const reusePrefix of [true, false]) {
      // hole 1 may not write "b" (the next fragment has it); hole 2 neither "b" nor hole 1's "a"
      const r = await fimGenerate(keyModel(['"b"', '"a"', '"c"']), vocab, { parts: splitHoles('{<|hole|>,"b":2,<|hole|>}', "<|hole|>"), grammar: compiled, template, reusePrefix, prefilter: false });
      expect(r.text).toBe('{"a":1,"b":2,"c":1}');
      expect(r.fallbackUsed).toBe(false);
      expect(r.stats.repeated_key).toBe(false);
      expect(ajvFor(schema)(JSON.parse(r.text))).toBe(true);
    }
  });
});
