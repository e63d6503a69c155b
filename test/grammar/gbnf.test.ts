import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGbnf } from "../../src/grammar/gbnf.js";
import { parseGrammar } from "../../src/grammar/load.js";
import type { Grammar, TermExpr } from "../../src/grammar/ir.js";
import { catchError } from "./helpers.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/grammars/${name}`, import.meta.url), "utf8");
const bare = <T>(x: T): T => JSON.parse(JSON.stringify(x, (k, v) => (k === "loc" ? undefined : v === Infinity ? "Inf" : v))) as T;
const T = (name: string) => ({ type: "terminal", name });

/** true when the terminal matches exactly one code point */
function singleCodePoint(e: TermExpr): boolean {
  if (e.type === "literal") return [...e.value].length === 1 && !e.ignoreCase;
  return e.type === "charset";
}

function assertSingleCodePoint(g: Grammar) {
  for (const t of g.terminals) expect(singleCodePoint(t.expr), t.name).toBe(true);
}

describe("GBNF front-end", () => {
  const g = parseGrammar(fixture("json.gbnf"), "gbnf", { file: "json.gbnf" });

  it("parses llama.cpp's JSON grammar with start = root", () => {
    expect(g.start).toBe("root");
    expect(g.rules.map((r) => r.name)).toEqual(["root", "value", "object", "array", "string", "number", "ws"]);
    expect(g.diagnostics).toEqual([]);
  });

  it("makes every terminal match exactly one code point, deduplicated", () => {
    assertSingleCodePoint(g);
    const names = g.terminals.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('"t"');
    expect(names).toContain("[0-9]");
    // "true" is a sequence of four one-letter terminals
    const value = bare(g.rules.find((r) => r.name === "value")!.expr) as { alts: Array<{ items: unknown[] }> };
    const group = value.alts[4]!.items[0] as { alts: unknown[] };
    expect(group.alts[0]).toEqual({ type: "seq", items: [T('"t"'), T('"r"'), T('"u"'), T('"e"')] });
  });

  it("decodes escapes in literals and classes", () => {
    const g2 = parseGbnf(String.raw`root ::= "\x41\u00e9\U0001F600\n\t\r\\\"\[\]" [^"\\\x7F\x00-\x1F] [a-cx] .`);
    const lits = g2.terminals.filter((t) => t.expr.type === "literal").map((t) => (t.expr as { value: string }).value);
    expect(lits).toEqual(["A", "é", "😀", "\n", "\t", "\r", "\\", '"', "[", "]"]);
    expect(g2.terminals.find((t) => t.name.startsWith("[^"))!.expr).toEqual({
      type: "charset",
      negated: true,
      ranges: [[0x00, 0x1f], [0x22, 0x22], [0x5c, 0x5c], [0x7f, 0x7f]],
    });
    expect(g2.terminals.find((t) => t.name === "[a-cx]")!.expr).toEqual({ type: "charset", ranges: [[97, 99], [120, 120]] });
    expect(g2.terminals.find((t) => t.name === "[^]")!.expr).toEqual({ type: "charset", ranges: [], negated: true });
    assertSingleCodePoint(g2);
  });

  it("dedupes identical classes and maps one-character classes to the literal terminal", () => {
    const g2 = parseGbnf(`root ::= [b-c] [cb] [a] "a" [^x]\n`);
    expect(g2.terminals.map((t) => t.name)).toEqual(["[bc]", '"a"', "[^x]"]);
  });

  it("parses repetitions and postfix operators", () => {
    const g2 = parseGbnf(`root ::= "a"{2} "b"{2,} "c"{1,3} "d"{,4} "e"* "f"+ "g"?`);
    const items = (bare(g2.rules[0]!.expr) as { items: Array<{ min: number; max: number | string }> }).items;
    expect(items.map((i) => [i.min, i.max])).toEqual([[2, 2], [2, "Inf"], [1, 3], [0, 4], [0, "Inf"], [1, "Inf"], [0, 1]]);
  });

  it("ends rules at newlines except inside parens or before a continuing |", () => {
    const g2 = parseGbnf(`root ::= a
  | b # comment
  | (
     "x"
     "y"
  )
a ::= "a"
b ::= "b"
empty ::= ""
`);
    expect(g2.rules.map((r) => r.name)).toEqual(["root", "a", "b", "empty"]);
    expect(bare(g2.rules[0]!.expr)).toEqual({
      type: "alt",
      alts: [{ type: "rule", name: "a" }, { type: "rule", name: "b" }, { type: "seq", items: [T('"x"'), T('"y"')] }],
    });
    expect(g2.rules[3]!.expr).toEqual({ type: "seq", items: [] });
  });

  it("allows dashes in names", () => {
    const g2 = parseGrammar(`root ::= my-rule\nmy-rule ::= "x"\n`, "gbnf");
    expect(g2.rules[1]!.name).toBe("my-rule");
  });

  const errors: Array<[string, string, RegExp, number, number]> = [
    ["missing ::=", 'root ::= "a"\nfoo = "b"\n', /expected '::=' after rule name 'foo' but found '='/, 2, 5],
    ["unterminated literal", 'root ::= "abc\n', /unterminated string literal/, 1, 10],
    ["unterminated class", "root ::= [a-\n", /unterminated character class/, 1, 10],
    ["unknown escape", 'root ::= "a\\q"', /unknown escape '\\q'/, 1, 12],
    ["bad hex escape", 'root ::= "\\x4"', /expected 2 hex digits/, 1, 11],
    ["unclosed group", 'root ::= ("a" | "b"', /expected '\)' to close the group opened at 1:10/, 1, 20],
    ["garbage after rule", 'root ::= "a" )\n', /expected end of line after the definition of 'root' but found '\)'/, 1, 14],
    ["bad repetition", 'root ::= "a"{3,1}', /empty/, 1, 13],
    ["reversed range", "root ::= [z-a]", /out of order/, 1, 11],
    ["missing rule name", '::= "a"', /expected a rule name/, 1, 1],
    ["duplicate rule", 'root ::= "a"\nroot ::= "b"\n', /rule 'root' is defined twice \(first at line 1, col 1\)/, 2, 1],
  ];
  for (const [what, text, msg, line, col] of errors) {
    it(`error: ${what}`, () => {
      const e = catchError(() => parseGrammar(text, "gbnf", { file: "g.gbnf" }));
      expect(e.message).toMatch(msg);
      expect(e.location).toMatchObject({ file: "g.gbnf", line, col });
    });
  }

  it("fails cleanly on deeply nested parens", () => {
    const e = catchError(() => parseGbnf("root ::= " + "(".repeat(100000) + '"a"' + ")".repeat(100000)));
    expect(e.code).toBe("grammar_syntax");
    expect(e.message).toMatch(/nested too deeply/);
    expect(e.location).toMatchObject({ line: 1, col: 110 });
  });
});
