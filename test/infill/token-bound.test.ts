/**
 * Token lower bounds (token-bound.ts, `TokenSpeller.tokensStartingIn`): never above the truth.
 * Oracles: every tokenization of a random text (brute force) for the per-lexeme bound, and the
 * fewest tokens of sampled words for the grammar bound; a session over too few positions says
 * "no token filling" without a search.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InfillChecker, InfillSession } from "../../src/infill/index.js";
import { finiteMembers, leastTokens } from "../../src/infill/token-bound.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { tokenCaseArb, vocabOf } from "./token-cases.js";

const enc = new TextEncoder();

/** The least number of tokens starting in s[from..to) over every tokenization of s (Infinity if none). */
function bruteStartingIn(tokens: string[], s: string, from: number, to: number): number {
  let best = Infinity;
  const go = (at: number, inside: number) => {
    if (inside >= best) return;
    if (at === s.length) {
      best = inside;
      return;
    }
    for (const t of tokens) if (t.length > 0 && s.startsWith(t, at)) go(at + t.length, inside + (at >= from && at < to ? 1 : 0));
  };
  go(0, 0);
  return best;
}

describe("token lower bounds", () => {
  it("tokensStartingIn(w) is at most the tokens starting inside w in any tokenization of x·w·y", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[abc]{1,4}$/), { minLength: 1, maxLength: 10 }),
        fc.stringMatching(/^[abc]{0,4}$/),
        fc.stringMatching(/^[abc]{1,6}$/),
        fc.stringMatching(/^[abc]{0,4}$/),
        fc.integer({ min: 1, max: 4 }),
        (tokens, x, w, y, M) => {
          const sp = new TokenSpeller(vocabOf(tokens), { maxTokenBytes: M });
          const allowed = tokens.filter((t) => t.length <= M);
          const truth = bruteStartingIn(allowed, x + w + y, x.length, x.length + w.length);
          expect(sp.tokensStartingIn(enc.encode(w))).toBeLessThanOrEqual(truth);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("leastTokens(g) is at most the fewest tokens of every sampled word", () => {
    let positive = 0;
    fc.assert(
      fc.property(tokenCaseArb(5), (tc) => {
        if (!tc) return;
        const b = leastTokens(tc.g, tc.speller);
        if (b > 0) positive++;
        expect(b).toBeLessThanOrEqual(tc.speller.minTokens(tc.word));
      }),
      { numRuns: 200 },
    );
    // 17–43 positive bounds per 200 runs over 30 seeds (mean 29): 20 failed about one run in 30
    expect(positive).toBeGreaterThan(8);
  });

  it("finite members: all of a small literal language, null for an unbounded one", () => {
    const g = compileGrammar(parseGrammar('start: KEY NUM\nKEY: "ab" | "abc"\nNUM: /[0-9]+/', "lark"));
    const names = g.grammar.terminals.map((t) => t.name);
    const key = finiteMembers(g.exprs, g.patterns[names.indexOf("KEY")]!)!;
    expect(key.map((m) => new TextDecoder().decode(m)).sort()).toEqual(["ab", "abc"]);
    expect(finiteMembers(g.exprs, g.patterns[names.indexOf("NUM")]!)).toBeNull();
  });

  it("a session over fewer positions than every word needs: no token filling, answered without a chart", () => {
    // single-byte tokens only: "abcabc" "abcabc" needs 12
    const g = compileGrammar(parseGrammar('start: "abcabc" "abcabc"', "lark"));
    const sp = new TokenSpeller(vocabOf(["a", "b", "c"]), { maxTokenBytes: 4 });
    expect(leastTokens(g, sp)).toBe(12);
    const c = new InfillChecker(g, { maxTokenBytes: 4 });
    const short = new InfillSession(c, [{ hole: { tokens: 11, maxTokenBytes: 4, tailMayEnd: true } }], 4, { speller: sp });
    expect(short.check().status).toBe("unknown");
    expect(short.noTokenFilling).toBe(true);
    expect(short.counts.chart).toBe(0);
    const enough = new InfillSession(c, [{ hole: { tokens: 12, maxTokenBytes: 4, tailMayEnd: true } }], 4, { speller: sp });
    expect(enough.check().status).toBe("feasible");
    expect(enough.noTokenFilling).toBe(false);
  });
});
