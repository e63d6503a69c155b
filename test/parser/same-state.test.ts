/**
 * `Parser.sameStateAt`: when the parser after a bytes and after b bytes is in the same state, every
 * continuation is accepted after both or after neither (fill-in-the-middle skips re-parsing the rest
 * on it). Oracle: feeding the continuation to fresh parsers of both prefixes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGrammar } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";

const enc = new TextEncoder();
// comments and strings loop in the lexer; names and spaces too; parentheses nest (equal lexer
// states, different Earley sets)
const g = compileGrammar(
  parseGrammar('start: item*\nitem: NAME "=" value ";"\n?value: NAME | STRING | "(" value ")"\nNAME: /[a-z]+/\nSTRING: /"[^"]*"/\nCOMMENT: /#[^\\n]*\\n/\n%ignore " "\n%ignore COMMENT', "lark"),
);
const piece = fc.constantFrom("a", "b", "ab", "=", ";", " ", "  ", '"', 'x"', "# c", "\n", "#", "zz", "(", ")", "((");
const text = fc.array(piece, { maxLength: 10 }).map((a) => a.join(""));

const accepts = (s: string) => g.check(enc.encode(s)).ok;
/** continuations that tell nesting depths apart (random ones rarely close exactly) */
const CLOSINGS = ["x;", "x);", "x));", 'a";', 'a");', "\n", "\nx;", " x);"];

describe("Parser.sameStateAt", () => {
  it("equal states accept the same continuations (fast-check)", () => {
    let equalPairs = 0;
    fc.assert(
      fc.property(text, text, fc.array(text, { minLength: 1, maxLength: 4 }), (head, more, conts) => {
        const p = g.newParser();
        const bytes = enc.encode(head + more);
        const n = p.feed(bytes);
        for (let a = 0; a < n; a++)
          for (let b = a + 1; b <= n; b++) {
            if (!p.sameStateAt(a, b)) continue;
            equalPairs++;
            const sa = new TextDecoder().decode(bytes.subarray(0, a));
            const sb = new TextDecoder().decode(bytes.subarray(0, b));
            for (const c of [...conts, ...CLOSINGS]) expect(accepts(sb + c)).toBe(accepts(sa + c));
          }
      }),
      { numRuns: 200, seed: 3 },
    );
    expect(equalPairs).toBeGreaterThan(50);
  });

  it("inside a comment or a string the state repeats; across a lexeme it does not", () => {
    const p = g.newParser();
    const s = enc.encode('a = "xyz";');
    expect(p.feed(s)).toBe(s.length);
    // after `a = "x` and `a = "xy`: inside the string
    expect(p.sameStateAt(6, 7)).toBe(true);
    // `a = (` and `a = ((`: the same lexer state at a lexeme's start, another Earley set
    const q = g.newParser();
    expect(q.feed(enc.encode("a = (("))).toBe(6);
    expect(q.sameStateAt(5, 6)).toBe(false);
    // `a` then ` =`: a lexeme ended between them
    expect(p.sameStateAt(1, 3)).toBe(false);
    expect(p.sameStateAt(3, 1)).toBe(false);
  });
});
