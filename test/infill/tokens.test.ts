/**
 * Token-exact runs (`TokenSpeller`): "can exactly k tokens spell s" and the spellings agree with a
 * brute-force enumeration of token sequences on small random vocabularies, with the interval
 * shortcut (facts verified) and with the plain dynamic programme.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Every token count c ≤ kMax such that c allowed tokens spell s exactly (by enumeration). */
function bruteCounts(tokens: string[], s: string, kMax: number): Set<number> {
  const out = new Set<number>();
  const go = (at: number, c: number) => {
    if (c > kMax) return;
    if (at === s.length) {
      out.add(c);
      return;
    }
    for (const t of tokens) if (t.length > 0 && s.startsWith(t, at)) go(at + t.length, c + 1);
  };
  go(0, 0);
  return out;
}

const vocabArb = fc.uniqueArray(fc.stringMatching(/^[abc]{1,4}$/), { minLength: 1, maxLength: 12 });

function speller(tokens: string[], useIntervals: boolean, maxTokenBytes?: number): { v: Vocabulary; sp: TokenSpeller } {
  // id 0 is EOS (special), never used in a spelling
  const v = new Vocabulary({ kind: "custom", bytes: ["</s>", ...tokens], specialIds: [0], eosIds: [0] });
  return { v, sp: new TokenSpeller(v, { useIntervals, ...(maxTokenBytes !== undefined ? { maxTokenBytes } : {}) }) };
}

describe("TokenSpeller", () => {
  it("agrees with brute-force enumeration (exact k, tail ≤ k), with and without intervals", () => {
    fc.assert(
      fc.property(vocabArb, fc.stringMatching(/^[abc]{0,9}$/), fc.integer({ min: 0, max: 10 }), fc.boolean(), fc.integer({ min: 1, max: 4 }), (tokens, s, k, useIntervals, M) => {
        const { v, sp } = speller(tokens, useIntervals, M);
        const allowed = tokens.filter((t) => t.length <= M);
        const counts = bruteCounts(allowed, s, k);
        const bytes = enc.encode(s);
        const exact = counts.has(k);
        const tailOk = [...counts].some((c) => c <= k);
        expect(sp.canSpell(bytes, k)).toBe(exact);
        expect(sp.canSpell(bytes, k, true)).toBe(tailOk);
        const min = counts.size === 0 && bruteCounts(allowed, s, 99).size === 0 ? Infinity : Math.min(...bruteCounts(allowed, s, 99));
        expect(sp.minTokens(bytes)).toBe(min);
        for (const tail of [false, true]) {
          const ids = sp.spell(bytes, k, tail);
          expect(ids !== null).toBe(tail ? tailOk : exact);
          if (ids === null) continue;
          if (tail) expect(ids.length).toBeLessThanOrEqual(k);
          else expect(ids.length).toBe(k);
          for (const id of ids) {
            expect(v.isNormal(id)).toBe(true);
            expect(v.tokenLength(id)).toBeLessThanOrEqual(M);
          }
          expect(ids.map((id) => dec.decode(v.tokenBytes(id))).join("")).toBe(s);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("verifies the split fact: every multi-byte token splits into two tokens", () => {
    expect(speller(["a", "b", "ab", "aba"], true).sp.splitClosed).toBe(true);
    // "abc" has no split into two tokens ("ab"+"c" lacks "c" ... "a"+"bc" lacks "bc")
    expect(speller(["a", "b", "ab", "abc"], true).sp.splitClosed).toBe(false);
    // the fact is about allowed tokens: with maxTokenBytes 2, "abc" is not one
    expect(speller(["a", "b", "ab", "abc"], true, 2).sp.splitClosed).toBe(true);
  });

  it("the issue's example: `\": \"` is two tokens, not one", () => {
    const { sp } = speller(['"', ":", " ", '":', ' "', "a"], true);
    const s = enc.encode('": "');
    expect(sp.minTokens(s)).toBe(2);
    expect(sp.canSpell(s, 1)).toBe(false);
    expect(sp.canSpell(s, 2)).toBe(true);
    expect(sp.canSpell(s, 4)).toBe(true);
    expect(sp.canSpell(s, 5)).toBe(false);
    expect(sp.canSpell(s, 5, true)).toBe(true);
    expect(sp.canSpell(new Uint8Array(0), 0)).toBe(true);
    expect(sp.canSpell(new Uint8Array(0), 2)).toBe(false);
    expect(sp.canSpell(new Uint8Array(0), 2, true)).toBe(true);
  });

  it("the plain DP handles counts beyond one bitset word (k > 32)", () => {
    const { sp } = speller(["a", "aa", "b"], false);
    const s = enc.encode("a".repeat(40) + "b");
    // counts: 21..41 (20 "aa" + "b" .. 40 "a" + "b")
    for (const k of [20, 21, 33, 40, 41, 42]) expect(sp.canSpell(s, k)).toBe(k >= 21 && k <= 41);
    expect(sp.spell(s, 33)!.length).toBe(33);
    expect(sp.spell(s, 64, true)!.length).toBe(21);
  });

  it("holds on the bundled MDM vocabulary: intervals apply to every byte JSON uses", () => {
    const v = Vocabulary.load("json-code-mdm-9m");
    const sp = new TokenSpeller(v, { maxTokenBytes: 16 });
    expect(sp.splitClosed).toBe(true);
    const s = enc.encode('{"clientId": "x", "n": [1, 2.5, null]}');
    const t = sp.minTokens(s);
    expect(t).toBeLessThan(s.length);
    const ids = sp.spell(s, t + 3)!;
    expect(ids.length).toBe(t + 3);
    expect(dec.decode(v.decodeBytes(ids))).toBe(dec.decode(s));
  });
});
