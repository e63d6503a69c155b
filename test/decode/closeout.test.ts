import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shortestCompletion } from "../../src/decode/closeout.js";
import { Rng } from "../../src/decode/sampler.js";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { compileSchema } from "../../src/schema/index.js";

const enc = new TextEncoder();

function completes(g: CompiledGrammar, prefix: Uint8Array): Uint8Array | undefined {
  const p = g.newParser();
  expect(p.feed(prefix)).toBe(prefix.length);
  const c = shortestCompletion(p);
  expect(p.position).toBe(prefix.length); // the parser is left where it was
  if (c) expect(g.check(new Uint8Array([...prefix, ...c])).ok).toBe(true);
  return c;
}

describe("shortestCompletion", () => {
  const json = compileGrammar(loadGrammarFile("grammars/json.lark"));

  it("closes JSON structures with the shortest bytes when they are short", () => {
    const dec = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
    expect(dec(completes(json, enc.encode('{"a": [1, {"b": "x')))).toBe('"}]}');
    expect(dec(completes(json, enc.encode('{"a": [1, {"b": tr')))).toBe("ue}]}");
    expect(dec(completes(json, enc.encode("[")))).toBe("]");
    expect(dec(completes(json, enc.encode("[1, 2]")))).toBe("");
  });

  it("property: every prefix of a JSON document completes to a document", () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), (doc, cut) => {
        const bytes = enc.encode(doc);
        const prefix = bytes.subarray(0, Math.floor(cut * bytes.length));
        expect(completes(json, prefix)).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });

  it("completes prefixes of sampled words of the C grammar", () => {
    const c = compileGrammar(loadGrammarFile("grammars/c.lark"));
    let found = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rng = new Rng(seed);
      const w = sampleWord(c, { random: () => rng.next() });
      if (!w) continue;
      const prefix = w.subarray(0, Math.floor(w.length * 0.6));
      if (completes(c, prefix)) found++;
    }
    expect(found).toBeGreaterThanOrEqual(10);
  });

  it("schema prefixes: patterns, required keys, minItems, formats", () => {
    const s = compileSchema(
      {
        type: "object",
        properties: {
          email: { type: "string", pattern: "^[a-z]+@[a-z]+\\.com$" },
          n: { type: "integer", minimum: 100 },
          list: { type: "array", minItems: 3, items: { enum: ["alpha", "beta"] } },
          id: { type: "string", format: "uuid" },
        },
        required: ["email", "n", "list", "id"],
      },
      { whitespace: "python" },
    ).compiled;
    for (const prefix of ['{"em', '{"email": "ab', '{"email": "ab@x.com", "n": 1', '{"email": "a@b.com", "n": 100, "list": ["al', '{"email": "a@b.com", "n": 100, "list": []'.slice(0, -1)]) {
      expect(completes(s, enc.encode(prefix)), prefix).toBeDefined();
    }
  });
});
