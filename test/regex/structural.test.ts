/**
 * Structural keys (`ExprSet.structuralKey`): the same in every ExprSet for the same structure,
 * whatever order the nodes were made in, and equal keys mean equal languages — the mask's token
 * tables are shared across grammars on them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExprSet } from "../../src/regex/index.js";
import { allStrings, matches } from "./helpers.js";

/** small patterns over a, b, c whose languages often coincide under different spellings */
const PIECES = ["a", "b", "c", "a*", "b+", "(a|b)", "(b|a)", "[ab]", "a{0,2}", "a?a?", "(ab)*", "c?", "[^a]", "(a|bc)", "()"];
const patternArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((ps) => ps.join(""));
const WORDS = allStrings(["a", "b", "c"], 4);

describe("structural keys", () => {
  it("are the same in two stores built in different orders, and equal keys mean equal languages", () => {
    fc.assert(
      fc.property(fc.array(patternArb, { minLength: 2, maxLength: 6 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }), (patterns, noise) => {
        const x = new ExprSet();
        const y = new ExprSet();
        // y gets other nodes first and the patterns in reverse order: its ids differ from x's
        for (const n of noise) y.fromRegex(n);
        const ex = patterns.map((p) => x.fromRegex(p));
        const ey = [...patterns].reverse().map((p) => y.fromRegex(p)).reverse();
        for (let i = 0; i < patterns.length; i++) {
          expect(x.structuralKey([ex[i]!])).toBe(y.structuralKey([ey[i]!]));
          // a set of expressions: order and duplicates do not matter
          expect(x.structuralKey([ex[i]!, ex[0]!, ex[i]!])).toBe(y.structuralKey([ey[0]!, ey[i]!]));
          for (let j = 0; j < patterns.length; j++) {
            if (patterns[i] === patterns[j] || x.structuralKey([ex[i]!]) !== y.structuralKey([ey[j]!])) continue;
            for (const w of WORDS) expect([patterns[i], patterns[j], w, matches(x, ex[i]!, w)]).toEqual([patterns[i], patterns[j], w, matches(y, ey[j]!, w)]);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it("tell different languages apart, derivatives included", () => {
    const x = new ExprSet();
    const y = new ExprSet();
    const a = x.fromRegex("[0-9]{2,4}-x");
    const b = y.fromRegex("[0-9]{2,3}-x");
    expect(x.structuralKey([a])).not.toBe(y.structuralKey([b]));
    // "12" leads both to languages that differ ({0,2} vs {0,1} more digits)
    const da = x.derivative(x.derivative(a, 0x31), 0x32);
    const db = y.derivative(y.derivative(b, 0x31), 0x32);
    expect(x.structuralKey([da])).not.toBe(y.structuralKey([db]));
    // after "123" both need "-x" … or one more digit in a only
    const da3 = x.derivative(da, 0x33);
    const db3 = y.derivative(db, 0x33);
    expect(matches(x, da3, "4-x")).toBe(true);
    expect(matches(y, db3, "4-x")).toBe(false);
    expect(x.structuralKey([da3])).not.toBe(y.structuralKey([db3]));
    // and the same pattern's derivatives by the same bytes meet again
    const c = y.fromRegex("[0-9]{2,4}-x");
    expect(y.structuralKey([y.derivative(y.derivative(c, 0x31), 0x32)])).toBe(x.structuralKey([da]));
  });

  it("finite / infinite by structure: one-sided, never both, right on examples", () => {
    const x = new ExprSet();
    const finite = ["", "abc", "(ab|c){0,3}", "[a-c]{2}x?", "(a*){0}"];
    const infinite = ["a*", "a*b", "(ab|c)+", "x(a|b*)", "[^a]{2,}"];
    for (const src of finite) expect([src, x.provablyFinite(x.fromRegex(src)), x.provablyInfinite(x.fromRegex(src))]).toEqual([src, true, false]);
    for (const src of infinite) expect([src, x.provablyFinite(x.fromRegex(src)), x.provablyInfinite(x.fromRegex(src))]).toEqual([src, false, true]);
    expect(x.provablyFinite(x.and([x.fromRegex("a*"), x.fromRegex("b")]))).toBe(true);
    const names = x.fromRegex("ab|abc|k");
    expect(x.provablyInfinite(x.not(names))).toBe(true);
    fc.assert(
      fc.property(patternArb, patternArb, (p, q) => {
        for (const e of [x.fromRegex(p), x.and([x.fromRegex(p), x.not(x.fromRegex(q))])]) {
          expect(x.provablyFinite(e) && x.provablyInfinite(e)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("keep deep literal spines off the call stack", () => {
    const x = new ExprSet();
    const long = x.literal("k".repeat(100_000));
    expect(x.structuralKey([long])).toMatch(/^\d+:\d+$/);
  });
});
