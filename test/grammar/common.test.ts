import { describe, expect, it } from "vitest";
import { COMMON_TERMINAL_NAMES, commonTerminal } from "../../src/grammar/common.js";
import { fullMatch } from "./helpers.js";

const cases: Record<string, { yes: string[]; no: string[] }> = {
  DIGIT: { yes: ["0", "9"], no: ["a", "10", ""] },
  HEXDIGIT: { yes: ["a", "F", "7"], no: ["g", ""] },
  INT: { yes: ["0", "0123", "42"], no: ["", "-1", "1.0"] },
  SIGNED_INT: { yes: ["+1", "-12", "7"], no: ["+", "--1"] },
  DECIMAL: { yes: ["1.", "1.5", ".5"], no: [".", "1"] },
  FLOAT: { yes: ["1e5", "1.5E-3", ".5", "2.", "3.e+1"], no: ["1", "e5", "1e"] },
  SIGNED_FLOAT: { yes: ["-1.5", "+.5e1"], no: ["-1"] },
  NUMBER: { yes: ["1", "1.5", "1e9"], no: ["-1", "abc"] },
  SIGNED_NUMBER: { yes: ["-1", "+2.5e-3", "3"], no: ["--3", ""] },
  ESCAPED_STRING: { yes: ['""', '"abc"', '"a\\"b"', '"\\\\"', '"é"'], no: ['"a"b"', '"\\"', '"a\nb"', "abc", '"'] },
  LCASE_LETTER: { yes: ["q"], no: ["Q"] },
  UCASE_LETTER: { yes: ["Q"], no: ["q"] },
  LETTER: { yes: ["a", "Z"], no: ["1", "_"] },
  WORD: { yes: ["Hello"], no: ["he llo", "a1"] },
  CNAME: { yes: ["_x", "a1_b", "X"], no: ["1a", "a-b", ""] },
  WS_INLINE: { yes: [" ", "\t \t"], no: ["\n", ""] },
  WS: { yes: [" \n\t\r\f"], no: ["", "a"] },
  CR: { yes: ["\r"], no: ["\n"] },
  LF: { yes: ["\n"], no: ["\r"] },
  NEWLINE: { yes: ["\n", "\r\n\n"], no: ["\r", ""] },
  SH_COMMENT: { yes: ["# hi", "#"], no: ["# a\nb"] },
  CPP_COMMENT: { yes: ["// x"], no: ["/ x", "// a\nb"] },
  C_COMMENT: { yes: ["/**/", "/* a\n * b */", "/***/"], no: ["/* a */ b */", "/* a", "/*/"] },
  SQL_COMMENT: { yes: ["-- x"], no: ["- x"] },
};

describe("common terminals", () => {
  it("has every documented name", () => {
    for (const n of Object.keys(cases)) expect(COMMON_TERMINAL_NAMES).toContain(n);
    expect(COMMON_TERMINAL_NAMES).toContain("_EXP");
    expect(COMMON_TERMINAL_NAMES).toContain("_STRING_INNER");
    expect(COMMON_TERMINAL_NAMES).toContain("_STRING_ESC_INNER");
  });
  for (const [name, { yes, no }] of Object.entries(cases)) {
    it(`${name} matches its documented language`, () => {
      const e = commonTerminal(name)!;
      expect(e).toBeDefined();
      for (const s of yes) expect(fullMatch(e, s), JSON.stringify(s)).toBe(true);
      for (const s of no) expect(fullMatch(e, s), JSON.stringify(s)).toBe(false);
    });
  }
  it("inlines references (an imported terminal needs no other definitions)", () => {
    expect(JSON.stringify(commonTerminal("SIGNED_NUMBER"))).not.toContain('"ref"');
    expect(commonTerminal("NOPE")).toBeUndefined();
  });
});
