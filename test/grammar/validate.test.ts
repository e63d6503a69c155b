import { describe, expect, it } from "vitest";
import { assertValidGrammar, validateGrammar } from "../../src/grammar/validate.js";
import { parseLark } from "../../src/grammar/lark.js";
import { parseGrammar } from "../../src/grammar/load.js";
import type { Grammar } from "../../src/grammar/ir.js";
import { catchError } from "./helpers.js";

const lark = (text: string) => parseLark(text, { file: "v.lark" });
const errors = (g: Grammar) => validateGrammar(g).filter((d) => d.severity === "error");
const warnings = (g: Grammar) => validateGrammar(g).filter((d) => d.severity === "warning");

describe("validateGrammar", () => {
  it("accepts a clean grammar", () => {
    expect(validateGrammar(lark(`start: a B\na: "x"\nB: "b"\n`))).toEqual([]);
  });

  it("finds undefined rules and terminals at the reference's location", () => {
    const d = errors(lark(`start: a\n  | b NUM\na: "x"\n`));
    expect(d.map((x) => x.message)).toEqual(["undefined rule 'b' (used in 'start')", "undefined terminal 'NUM' (used in 'start')"]);
    expect(d[0]!.loc).toMatchObject({ file: "v.lark", line: 2, col: 5 });
    expect(d[1]!.loc).toMatchObject({ file: "v.lark", line: 2, col: 7 });
    const d2 = errors(lark(`start: A\nA: B "x"\n`));
    expect(d2[0]!.message).toBe("undefined terminal 'B' (used in terminal 'A')");
    expect(d2[0]!.loc).toMatchObject({ line: 2, col: 4 });
  });

  it("reports a missing start rule", () => {
    const d = errors(lark(`a: "x"\n`));
    expect(d[0]!.message).toMatch(/start rule 'start' is not defined \(rules defined: a\)/);
    expect(d[0]!.loc).toEqual({ file: "v.lark" });
  });

  it("reports duplicate definitions in an IR", () => {
    const g: Grammar = {
      start: "s",
      rules: [
        { name: "s", expr: { type: "terminal", name: "T" }, loc: { line: 1, col: 1 } },
        { name: "s", expr: { type: "terminal", name: "T" }, loc: { line: 2, col: 1 } },
      ],
      terminals: [
        { name: "T", expr: { type: "literal", value: "t" } },
        { name: "T", expr: { type: "literal", value: "u" }, loc: { line: 3, col: 1 } },
      ],
      diagnostics: [],
    };
    const d = errors(g);
    expect(d.map((x) => x.message)).toEqual([
      "rule 's' is defined more than once (first at line 1, col 1)",
      "terminal 'T' is defined more than once",
    ]);
    expect(d[0]!.loc).toMatchObject({ line: 2, col: 1 });
  });

  it("warns about rules and terminals never used from the start", () => {
    const g = lark(`start: a\na: "x"\nlonely: "y" OTHER\nOTHER: "o"\nUNUSED: "u"\nWS: " "\n%ignore WS\n`);
    const w = warnings(g);
    expect(w.map((x) => x.message)).toEqual([
      "rule 'lonely' is never used from start rule 'start'",
      "terminal 'OTHER' is never used from start rule 'start'",
      "terminal 'UNUSED' is never used from start rule 'start'",
    ]);
    expect(w[0]!.loc).toMatchObject({ line: 3, col: 1 });
    expect(errors(g)).toEqual([]);
  });

  it("finds unproductive rules (no finite string)", () => {
    const g = lark(`start: a | "z"\na: "x" a\nb: b\nc: b?\n`);
    const d = errors(g);
    expect(d.map((x) => x.message)).toEqual([
      "rule 'a' cannot produce any finite string (every alternative needs infinite recursion)",
      "rule 'b' cannot produce any finite string (every alternative needs infinite recursion)",
    ]);
    expect(d[0]!.loc).toMatchObject({ line: 2, col: 1 });
  });

  it("finds terminal reference cycles", () => {
    const d = errors(lark(`start: A\nA: B\nB: "x" A\nC: C\n`));
    expect(d.map((x) => x.message)).toEqual([
      "terminal 'A' is defined in terms of itself (A -> B -> A)",
      "terminal 'C' is defined in terms of itself (C -> C)",
    ]);
    expect(d[0]!.loc).toMatchObject({ line: 2, col: 1 });
  });

  it("assertValidGrammar throws the first error as grammar_invalid and returns warnings", () => {
    const e = catchError(() => assertValidGrammar(lark(`start: nope\n`)));
    expect(e.code).toBe("grammar_invalid");
    expect(e.format()).toBe("v.lark:1:8: undefined rule 'nope' (used in 'start')");
    const w = assertValidGrammar(lark(`start: "a"\nx: "b"\n`));
    expect(w).toHaveLength(1);
  });

  it("parseGrammar keeps warnings in grammar.diagnostics", () => {
    const g = parseGrammar(`start: "a"\nx: "b"\n`, "lark");
    expect(g.diagnostics).toEqual([expect.objectContaining({ severity: "warning", message: "rule 'x' is never used from start rule 'start'" })]);
  });

  it("handles long reference chains without recursion", () => {
    let text = "start: r0\n";
    const n = 20000;
    for (let i = 0; i < n; i++) text += `r${i}: "a" r${i + 1}\n`;
    text += `r${n}: "end"\n`;
    expect(errors(lark(text))).toEqual([]);
  });
});
