/**
 * Session 9: a session asks the token bound only "does every word need more than n tokens?"
 * (`needsMoreTokens`), which costs the terminals of the cheapest derivations only (the others count
 * 0, a lower bound, until a cheapest derivation uses them). Same answer as `leastTokens(g) > n` for
 * every n, asked in any order on one grammar (the partial costs are kept between questions), on
 * random grammars and vocabularies, each side with its own speller (no shared cache); a terminal
 * that follows words already too long for n is not costed; past its rounds (a fixpoint each) it
 * costs every terminal at once, with the same answer.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leastTokens, needsMoreTokens } from "../../src/infill/token-bound.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { tokenCaseArb, vocabOf } from "./token-cases.js";

describe("the token bound asked as a threshold", () => {
  it("needsMoreTokens(g, n) = leastTokens(g) > n for every n, in any order (random grammars, vocabularies)", () => {
    let above = 0;
    let below = 0;
    fc.assert(
      fc.property(tokenCaseArb(5), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }), (tc, ns) => {
        if (!tc) return;
        const lazy = new TokenSpeller(tc.vocab, { maxTokenBytes: 3 });
        const full = leastTokens(tc.g, new TokenSpeller(tc.vocab, { maxTokenBytes: 3 }));
        for (const n of ns) {
          const a = needsMoreTokens(tc.g, lazy, n);
          expect(a).toBe(full > n);
          if (a) above++;
          else below++;
        }
        // once it has said "no" it knows the least exactly: leastTokens over the same pair agrees
        expect(leastTokens(tc.g, lazy)).toBe(full);
      }),
      { numRuns: 300 },
    );
    // both answers are common (over 30 seeds: "more" 60–110 times, "not more" 600–700 in 300 runs)
    expect(above).toBeGreaterThan(25);
    expect(below).toBeGreaterThan(200);
  });

  it("costs only what a cheapest derivation needs: a terminal after words already too long is never searched", () => {
    // single-byte tokens: "abcabc" costs 6; every word has two of them and then LONG or a third
    const g = compileGrammar(parseGrammar('start: "abcabc" "abcabc" LONG | "abcabc" "abcabc" "abcabc"\nLONG: "' + "c".repeat(40) + '"', "lark"));
    const sp = new TokenSpeller(vocabOf(["a", "b", "c", "cc"]), { maxTokenBytes: 4 });
    const asked: string[] = [];
    const tokensStartingIn = sp.tokensStartingIn.bind(sp);
    sp.tokensStartingIn = (w: Uint8Array) => {
      asked.push(new TextDecoder().decode(w));
      return tokensStartingIn(w);
    };
    expect(needsMoreTokens(g, sp, 11)).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).not.toContain("c".repeat(40));
    // a larger n needs LONG's cost (12 + 0 would fit 17): then it is the least, 18
    expect(needsMoreTokens(g, sp, 17)).toBe(true);
    expect(asked).toContain("c".repeat(40));
    expect(needsMoreTokens(g, sp, 18)).toBe(false);
    expect(leastTokens(g, new TokenSpeller(vocabOf(["a", "b", "c", "cc"]), { maxTokenBytes: 4 }))).toBe(18);
  });

  it("past its rounds it costs every terminal at once: the same answer (100 alternatives, each looking free until costed)", () => {
    const alts = Array.from({ length: 100 }, (_, i) => `"${String.fromCharCode(97 + (i % 3))}${String.fromCharCode(97 + Math.floor(i / 3) % 3)}${i}"`);
    const g = compileGrammar(parseGrammar(`start: ${alts.join(" | ")}`, "lark"));
    const tokens = ["a", "b", "c", ..."0123456789"];
    const full = leastTokens(g, new TokenSpeller(vocabOf(tokens), { maxTokenBytes: 4 }));
    expect(full).toBe(3);
    const sp = new TokenSpeller(vocabOf(tokens), { maxTokenBytes: 4 });
    expect(needsMoreTokens(g, sp, 2)).toBe(true);
    expect(needsMoreTokens(g, sp, 3)).toBe(false);
    expect(leastTokens(g, sp)).toBe(3);
  });
});
