import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLark } from "../../src/grammar/lark.js";
import { parseGrammar } from "../../src/grammar/load.js";
import type { Grammar, RuleExpr, TermExpr } from "../../src/grammar/ir.js";
import { catchError, fullMatch } from "./helpers.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/grammars/${name}`, import.meta.url), "utf8");

/** Strips locations so expressions can be compared structurally. */
function bare<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === "loc" ? undefined : v === Infinity ? "Inf" : v))) as T;
}
const rule = (g: Grammar, n: string): RuleExpr => bare(g.rules.find((r) => r.name === n)!.expr);
const term = (g: Grammar, n: string): TermExpr => g.terminals.find((t) => t.name === n)!.expr;
const T = (name: string) => ({ type: "terminal", name });
const R = (name: string) => ({ type: "rule", name });

describe("Lark front-end: JSON grammar", () => {
  const g = parseGrammar(fixture("json.lark"), "lark", { file: "json.lark" });

  it("has the rules in source order and start = start", () => {
    expect(g.start).toBe("start");
    expect(g.rules.map((r) => r.name)).toEqual(["start", "value", "array", "object", "pair", "string"]);
    expect(g.diagnostics).toEqual([]);
  });

  it("turns literals into shared anonymous terminals named by the quoted literal", () => {
    const names = g.terminals.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['"true"', '"false"', '"null"', '"["', '"]"', '"{"', '"}"', '","', '":"']),
    );
    expect(names.filter((n) => n === '","')).toHaveLength(1);
    expect(term(g, '"{"')).toEqual({ type: "literal", value: "{" });
  });

  it("builds the expected rule shape (aliases dropped, [..] optional)", () => {
    expect(rule(g, "array")).toEqual({
      type: "seq",
      items: [
        T('"["'),
        {
          type: "repeat",
          min: 0,
          max: 1,
          expr: { type: "seq", items: [R("value"), { type: "repeat", min: 0, max: "Inf", expr: { type: "seq", items: [T('","'), R("value")] } }] },
        },
        T('"]"'),
      ],
    });
    expect(rule(g, "value")).toEqual({
      type: "alt",
      alts: [R("object"), R("array"), R("string"), T("SIGNED_NUMBER"), T('"true"'), T('"false"'), T('"null"')],
    });
  });

  it("imports common terminals and marks %ignore", () => {
    const ws = g.terminals.find((t) => t.name === "WS")!;
    expect(ws.ignored).toBe(true);
    expect(g.terminals.filter((t) => t.ignored).map((t) => t.name)).toEqual(["WS"]);
    expect(fullMatch(term(g, "SIGNED_NUMBER"), "-1.5e3")).toBe(true);
    expect(fullMatch(term(g, "ESCAPED_STRING"), '"a\\"b"')).toBe(true);
  });

  it("records locations of definitions", () => {
    const pair = g.rules.find((r) => r.name === "pair")!;
    expect(pair.loc).toMatchObject({ file: "json.lark", line: 14, col: 1 });
  });
});

describe("Lark front-end: atoms and operators", () => {
  it("decodes string escapes and the i flag", () => {
    const g = parseLark(String.raw`start: "a\"b\\c\n\t\r\u00e9\x41" "Select"i`);
    expect(term(g, String.raw`"a\"b\\c\n\t\ré\x41"`.replace("\\x41", "A"))).toEqual({ type: "literal", value: 'a"b\\c\n\t\r\u00e9A' });
    expect(g.terminals.find((t) => t.name === '"Select"i')!.expr).toEqual({ type: "literal", value: "Select", ignoreCase: true });
  });

  it("keeps regex source as ECMA text (\\/ becomes /) with flags", () => {
    const g = parseLark(String.raw`start: /a\/b\d+/i NAME
NAME: /[a-z]+/x`);
    expect(term(g, String.raw`/a\/b\d+/i`)).toEqual({ type: "regex", source: String.raw`a/b\d+`, flags: "i" });
    expect(term(g, "NAME")).toMatchObject({ type: "regex", source: "[a-z]+", flags: "x" });
  });

  it("handles ranges, ~ repetition, ? * + and priorities", () => {
    const g = parseLark(`start.2: LOW ~ 3 DIGIT ~ 1..2 "a".."c" x? x* x+
x: "x"
LOW.5: "a".."z"
DIGIT: "0".."9"`);
    expect(bare(term(g, "LOW"))).toEqual({ type: "charset", ranges: [[97, 122]] });
    expect(bare(term(g, '"a".."c"'))).toEqual({ type: "charset", ranges: [[97, 99]] });
    const s = rule(g, "start") as { items: unknown[] };
    expect(s.items.slice(0, 2)).toEqual([
      { type: "repeat", expr: T("LOW"), min: 3, max: 3 },
      { type: "repeat", expr: T("DIGIT"), min: 1, max: 2 },
    ]);
    expect(s.items.slice(3)).toEqual([
      { type: "repeat", expr: R("x"), min: 0, max: 1 },
      { type: "repeat", expr: R("x"), min: 0, max: "Inf" },
      { type: "repeat", expr: R("x"), min: 1, max: "Inf" },
    ]);
  });

  it("accepts ?rule, !rule, _names, continuation lines, comments and newlines inside brackets", () => {
    const g = parseLark(`// comment
?start: _item
      | bang   # also a comment
!bang: ( "a"
   "b" )
_item: _X
_X: "x"
`);
    expect(g.rules.map((r) => r.name)).toEqual(["start", "bang", "_item"]);
    expect(rule(g, "start")).toEqual({ type: "alt", alts: [R("_item"), R("bang")] });
    expect(rule(g, "bang")).toEqual({ type: "seq", items: [T('"a"'), T('"b"')] });
  });

  it("builds terminal expressions from seq/alt/repeat/ref", () => {
    const g = parseLark(`start: NUM
NUM: INT ("." INT)? | "-"+ INT
INT: /[0-9]+/`);
    expect(bare(term(g, "NUM"))).toEqual({
      type: "alt",
      alts: [
        { type: "seq", items: [{ type: "ref", name: "INT" }, { type: "repeat", min: 0, max: 1, expr: { type: "seq", items: [{ type: "literal", value: "." }, { type: "ref", name: "INT" }] } }] },
        { type: "seq", items: [{ type: "repeat", min: 1, max: "Inf", expr: { type: "literal", value: "-" } }, { type: "ref", name: "INT" }] },
      ],
    });
  });

  it("reuses a named terminal defined as exactly the literal", () => {
    const g = parseLark(`start: "(" LPAR
LPAR: "("`);
    expect(rule(g, "start")).toEqual({ type: "seq", items: [T("LPAR"), T("LPAR")] });
    expect(g.terminals.map((t) => t.name)).toEqual(["LPAR"]);
  });

  it("supports %import forms, aliases and %ignore of literals and regexes", () => {
    const g = parseLark(`start: NUM WORD INT
%import common.NUMBER -> NUM
%import common (WORD, INT)
%ignore " "
%ignore /\\t+/
%ignore COMMENT
COMMENT: /#[^\\n]*/`);
    expect(g.terminals.map((t) => t.name)).toEqual(expect.arrayContaining(["NUM", "WORD", "INT", '" "', "/\\t+/", "COMMENT"]));
    expect(g.terminals.filter((t) => t.ignored).map((t) => t.name).sort()).toEqual(['" "', "/\\t+/", "COMMENT"].sort());
    expect(fullMatch(term(g, "NUM"), "1.5")).toBe(true);
  });

  it("supports %override and %extend", () => {
    const g = parseLark(`start: a
a: "x"
%override a: "y"
%extend a: "z"`);
    expect(rule(g, "a")).toEqual({ type: "alt", alts: [T('"y"'), T('"z"')] });
  });

  it("expands template rules", () => {
    const g = parseGrammar(`start: _sep{item, ","} _sep{NAME, ";"}
_sep{x, sep}: x (sep x)*
item: NAME
NAME: /[a-z]+/`, "lark");
    const names = g.rules.map((r) => r.name);
    expect(names).toContain('_sep{item, ","}');
    expect(names).toContain('_sep{NAME, ";"}');
    expect(rule(g, '_sep{item, ","}')).toEqual({
      type: "seq",
      items: [R("item"), { type: "repeat", min: 0, max: "Inf", expr: { type: "seq", items: [T('","'), R("item")] } }],
    });
    expect(names).not.toContain("_sep");
  });

  it("uses the caller's start rule", () => {
    expect(parseGrammar(`a: "x"`, "lark", { start: "a" }).start).toBe("a");
  });
});

describe("Lark front-end: errors carry file:line:col", () => {
  const cases: Array<[string, string, RegExp, number, number]> = [
    ["unterminated string", 'start: "a" | b\nb: "x\n', /unterminated string literal/, 2, 4],
    ["missing colon", "start: a\nfoo\n", /expected ':' but found end of line/, 2, 4],
    ["stray token", "start: a b c\n  | )\n", /found '\)'/, 2, 5],
    ["unexpected character", "start: a $ b\n", /unexpected character "\$"/, 1, 10],
    ["unclosed paren", "start: ((a)", /expected '\)' but found end of input/, 1, 12],
    ["bad import module", "start: A\n%import foo.A\n", /only the built-in 'common' module/, 2, 9],
    ["unknown common name", "start: A\n%import common.NOPE\n", /'NOPE' is not in common/, 2, 16],
    ["duplicate", 'a: "x"\nstart: a\na: "y"\n', /'a' is defined twice \(first at line 1, col 1\)/, 3, 1],
    ["%declare", "start: A\n%declare A\n", /%declare is not supported/, 2, 1],
    ["unknown directive", "start: A\n%foo A\n", /unknown directive '%foo'/, 2, 1],
    ["range bound", 'start: "ab".."c"\n', /range bound must be a single character/, 1, 8],
    ["terminal uses rule", "start: A\nA: b\nb: \"x\"\n", /terminal A cannot refer to rule 'b'/, 2, 4],
    ["empty repetition", 'start: "a" ~ 3..1\n', /empty/, 1, 17],
    ["template arity", "start: _t{a}\n_t{x, y}: x y\na: \"a\"\n", /takes 2 argument\(s\) but got 1/, 1, 8],
    ["%ignore rule", "start: a\na: \"a\"\n%ignore a\n", /%ignore needs a terminal/, 3, 9],
    ["%extend undefined", "start: a\n%extend a: \"a\"\n", /cannot %extend 'a'/, 2, 9],
  ];
  for (const [what, text, msg, line, col] of cases) {
    it(what, () => {
      const e = catchError(() => parseGrammar(text, "lark", { file: "g.lark" }));
      expect(e.message).toMatch(msg);
      expect(e.location).toMatchObject({ file: "g.lark", line, col });
      expect(e.format()).toBe(`g.lark:${line}:${col}: ${e.message}`);
      expect(["grammar_syntax", "grammar_invalid"]).toContain(e.code);
    });
  }

  it("reports columns in code points", () => {
    const e = catchError(() => parseLark('start: "😀😀" $'));
    expect(e.location).toMatchObject({ line: 1, col: 13 });
  });

  it("fails cleanly on deeply nested brackets, accepts the limit", () => {
    const deep = "start: " + "(".repeat(5000) + '"a"' + ")".repeat(5000);
    const e = catchError(() => parseLark(deep));
    expect(e.code).toBe("grammar_syntax");
    expect(e.message).toMatch(/nested too deeply/);
    expect(e.location).toMatchObject({ line: 1, col: 8 + 100 });
    const ok = parseLark("start: " + "(".repeat(100) + '"a"' + ")".repeat(100));
    expect(ok.terminals.map((t) => t.name)).toEqual(['"a"']);
  });
});
