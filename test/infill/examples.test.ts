/** The infill checker on the bundled JSON and C++ grammars, and on degenerate canvases. */
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import type { Grammar } from "../../src/grammar/ir.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { InfillChecker, fillCanvas, tokenHole, type Canvas } from "../../src/infill/index.js";

const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
const cpp = compileGrammar(loadGrammarFile("grammars/cpp.lark"));
const dec = new TextDecoder();

function expectFeasible(g: CompiledGrammar, c: InfillChecker, canvas: Canvas): string {
  const r = c.check(canvas);
  expect(r.status).toBe("feasible");
  const text = fillCanvas(canvas, r.witness!);
  expect(g.check(text).ok).toBe(true);
  expect(dec.decode(r.text!)).toBe(dec.decode(text));
  return dec.decode(text);
}

describe("infill on JSON", () => {
  const c = new InfillChecker(json, { maxTokenBytes: 8 });

  it("fills a value after a key", () => {
    expectFeasible(json, c, [{ text: '{"a": ' }, { hole: {} }]);
    expectFeasible(json, c, [{ text: '{"a": ' }, { hole: {} }, { text: "}" }]);
    expectFeasible(json, c, [{ text: '{"a": ' }, tokenHole(3, 8), { text: ', "b": [1, 2' }, tokenHole(2, 8, true)]);
  });

  it("a lexeme may span a hole", () => {
    expect(expectFeasible(json, c, [{ text: "nu" }, { hole: {} }, { text: "ll" }])).toBe("null");
    expect(c.feasible([{ text: "nul" }, { hole: { minBytes: 1 } }, { text: "ull" }])).toBe(false);
    // "12" + hole + "34": the hole may be empty, a fraction, an exponent... but not a separator
    expectFeasible(json, c, [{ text: "[12" }, { hole: { minBytes: 1, maxBytes: 3 } }, { text: "34]" }]);
    expect(c.feasible([{ text: '"ab' }, { hole: { maxBytes: 4 } }, { text: "cd" }])).toBe(false);
  });

  it("unclosed brackets need enough masked positions", () => {
    expect(c.feasible([{ text: "[[[[" }, { hole: { tokens: 2, maxTokenBytes: 1, tailMayEnd: true } }])).toBe(false);
    expect(c.feasible([{ text: "[[[[" }, { hole: { tokens: 3, maxTokenBytes: 1, tailMayEnd: true } }])).toBe(false);
    expect(expectFeasible(json, c, [{ text: "[[[[" }, { hole: { tokens: 4, maxTokenBytes: 1, tailMayEnd: true } }])).toBe("[[[[]]]]");
    expectFeasible(json, c, [{ text: '{"a": [{"b": [' }, { hole: { tokens: 3, maxTokenBytes: 2, tailMayEnd: true } }]);
    expectFeasible(json, c, [{ text: '{"a": [{"b": [' }, { hole: { tokens: 2, maxTokenBytes: 2, tailMayEnd: true } }]);
    expect(c.feasible([{ text: '{"a": [{"b": [' }, { hole: { tokens: 1, maxTokenBytes: 3, tailMayEnd: true } }])).toBe(false);
  });

  it("a middle hole of k positions needs at least k bytes", () => {
    // k = 5 masked positions between '[' and ']': "[1,2,3]"-like fills or whitespace padding
    const w = expectFeasible(json, c, [{ text: "[" }, tokenHole(5, 8), { text: "]" }]);
    expect(w.length).toBeGreaterThanOrEqual(7);
    // nothing fits exactly between "tru" and "e" with at least one byte
    expect(c.feasible([{ text: "tru" }, tokenHole(1, 8), { text: "e" }])).toBe(false);
  });

  it("a fill short of a hole's minimum is padded with whitespace in the cheapest tier", () => {
    const canvas: Canvas = [{ text: '{"a": ' }, tokenHole(4, 8), { text: ', "b": ' }, tokenHole(3, 8), { text: "}" }];
    // the chart's tiers only: the quick witness search (quick.ts) would answer before them
    const r = new InfillChecker(json, { maxTokenBytes: 8, quickBudget: 0 }).check(canvas);
    expect(r.status).toBe("feasible");
    expect(r.stats.tiers).toBe(1);
    expect(r.witness![0]!.length).toBeGreaterThanOrEqual(4);
    expect(r.witness![1]!.length).toBeGreaterThanOrEqual(3);
    expect(json.check(fillCanvas(canvas, r.witness!)).ok).toBe(true);
    // no padding inside a string: the fill must really be 4 bytes of string content or a longer value
    expectFeasible(json, c, [{ text: '["' }, tokenHole(4, 1), { text: '"]' }]);
  });

  it("fragments that no filling can repair", () => {
    expect(c.feasible([{ text: "{]" }, { hole: {} }])).toBe(false);
    expect(c.feasible([{ hole: {} }, { text: ",}" }])).toBe(false);
    expect(c.feasible([{ text: "[1 2" }, { hole: {} }])).toBe(false);
  });
});

describe("infill on C++", () => {
  const c = new InfillChecker(cpp, { maxTokenBytes: 8 });

  it("fills statements and expressions", () => {
    expectFeasible(cpp, c, [{ text: "int main() { int x = " }, tokenHole(4, 8), { text: "; return x; }" }]);
    expectFeasible(cpp, c, [{ text: "int main() { for (int i = 0; " }, tokenHole(6, 8), { text: ") {} }" }]);
    expectFeasible(cpp, c, [{ text: "struct S { int a; " }, { hole: {} }, { text: "};" }]);
  });

  it("rejects what no filling repairs", () => {
    expect(c.feasible([{ text: "int main() { return 0; }}" }, { hole: {} }, { text: "}" }])).toBe(false);
    expect(c.feasible([{ text: "int main() { return (((" }, { hole: { maxBytes: 2 } }, { text: "; }" }])).toBe(false);
  });
});

describe("degenerate canvases", () => {
  const c = new InfillChecker(json);

  it("no holes: the text itself is checked", () => {
    expect(c.check([{ text: "[1]" }])).toMatchObject({ status: "feasible", witness: [] });
    expect(c.check([{ text: "[1" }])).toMatchObject({ status: "infeasible", witness: null });
    expect(c.check([]).status).toBe("infeasible"); // JSON has no empty word
  });

  it("only holes", () => {
    expectFeasible(json, c, [{ hole: {} }]);
    expectFeasible(json, c, [{ hole: { minBytes: 20 } }, { hole: { maxBytes: 3 } }]);
    expect(c.feasible([{ hole: { maxBytes: 0 } }])).toBe(false);
  });

  it("adjacent holes are merged and the fill split back", () => {
    const canvas: Canvas = [{ text: "[" }, { hole: { minBytes: 2, maxBytes: 2 } }, { hole: { minBytes: 3, maxBytes: 3 } }, { text: "]" }];
    const r = c.check(canvas);
    expect(r.status).toBe("feasible");
    expect(r.witness!.map((f) => f.length)).toEqual([2, 3]);
  });

  it("bad input is an error", () => {
    expect(() => c.check([{ hole: { tailMayEnd: true } }, { text: "1" }])).toThrow(/tailMayEnd/);
    expect(() => c.check([{ hole: { minBytes: 3, maxBytes: 2 } }])).toThrow(/bounds/);
  });

  it("lexemes the relaxed lexer keeps apart are spaced apart in the witness", () => {
    // s: IF ID | ID ID; the chart reads "if" + "a" as IF ID (or "a" + "a" as ID ID), the real
    // lexer, expecting IF and ID at the start, reads "ifa" (or "aa") as one ID
    const t = (name: string) => ({ type: "terminal", name }) as const;
    const g: Grammar = {
      start: "s",
      rules: [{ name: "s", expr: { type: "alt", alts: [{ type: "seq", items: [t("IF"), t("ID")] }, { type: "seq", items: [t("ID"), t("ID")] }] } }],
      terminals: [
        { name: "IF", expr: { type: "literal", value: "if" } },
        { name: "ID", expr: { type: "regex", source: "[a-z]+", flags: "" } },
        { name: "WS", expr: { type: "regex", source: " +", flags: "" }, ignored: true },
      ],
      diagnostics: [],
    };
    const cg = compileGrammar(g);
    const r = new InfillChecker(cg).check([{ hole: { maxBytes: 40 } }]);
    expect(r.status).toBe("feasible");
    expect(cg.check(r.text!).ok).toBe(true);
    expect(dec.decode(r.text!)).toMatch(/^ *[a-z]+ +[a-z]+ *$/);
    // without an ignored terminal there is nothing to space lexemes apart with: never a false "infeasible"
    const bare = compileGrammar({ ...g, terminals: g.terminals.slice(0, 2) });
    expect(new InfillChecker(bare).check([{ hole: { maxBytes: 40 } }]).status).not.toBe("infeasible");
  });

  it("a language that lexing makes empty", () => {
    // S: A B with A = /a+/ and B = "a": greedy lexing never ends A before an "a"
    const g: Grammar = {
      start: "s",
      rules: [{ name: "s", expr: { type: "seq", items: [{ type: "terminal", name: "A" }, { type: "terminal", name: "B" }] } }],
      terminals: [
        { name: "A", expr: { type: "regex", source: "a+", flags: "" } },
        { name: "B", expr: { type: "literal", value: "a" } },
      ],
      diagnostics: [],
    };
    const cg = compileGrammar(g);
    const ci = new InfillChecker(cg);
    expect(ci.feasible([{ hole: {} }])).toBe(false);
    expect(ci.feasible([{ text: "a" }, { hole: {} }])).toBe(false);
  });
});
