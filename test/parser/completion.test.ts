import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { chartCompletion } from "../../src/parser/completion.js";

const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
const dec = new TextDecoder();

function complete(text: string): string | undefined {
  const p = json.newParser();
  expect(p.feed(new TextEncoder().encode(text))).toBe(new TextEncoder().encode(text).length);
  const c = chartCompletion(p, json);
  return c === undefined ? undefined : dec.decode(c);
}

describe("chartCompletion", () => {
  it("closes JSON with the fewest bytes", () => {
    expect(complete(`{"a": [1, {"b": "x`)).toBe(`"}]}`);
    expect(complete(`[`)).toBe(`]`);
    expect(complete(`{`)).toBe(`}`);
    expect(complete(`{"k`)).toBe(`":0}`);
    expect(complete(`[tr`)).toBe(`ue]`);
    expect(complete(`-`)).toBe(`0`);
    expect(complete(`[1`)).toBe(`]`);
    expect(complete(`"\\u00`)).toBe(`00"`);
    expect(complete(`[1]`)).toBe(``);
  });

  it("always yields a completion the parser accepts, on any prefix of a JSON document", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.double({ min: 0, max: 1, noNaN: true }), (v, cut) => {
        const text = JSON.stringify(v, null, 1);
        const prefix = text.slice(0, Math.floor(cut * text.length));
        const p = json.newParser();
        const bytes = new TextEncoder().encode(prefix);
        p.feed(bytes);
        const c = chartCompletion(p, json);
        expect(c).toBeDefined();
        expect(json.check(new Uint8Array([...bytes, ...c!])).ok).toBe(true);
        expect(p.position).toBe(bytes.length); // the parser is left where it was
      }),
      { numRuns: 300 },
    );
  });

  it("finishes C++ code", () => {
    const cpp = compileGrammar(loadGrammarFile("grammars/cpp.lark"));
    const p = cpp.newParser();
    const src = "int main() { for (int i = 0; i < n; i++) { if (a[i] > 0";
    expect(p.feed(new TextEncoder().encode(src))).toBe(src.length);
    const c = chartCompletion(p, cpp);
    if (c !== undefined) expect(cpp.check(src + dec.decode(c)).ok).toBe(true);
    expect(c).toBeDefined();
  });
});
