/**
 * The token bound's two substring questions (`TokenSpeller.isInnerInfix` / `isProperSuffix`, one
 * binary search over the allowed tokens' sorted proper suffixes) against their definitions over
 * the token strings: w occurs in an allowed token after at least one of its bytes; s is an allowed
 * token's bytes after at least its first one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { vocabOf } from "./token-cases.js";

const enc = new TextEncoder();

describe("token bound's substring search", () => {
  it("isInnerInfix and isProperSuffix agree with a scan of the allowed tokens", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[ab"\\]{1,6}$/), { minLength: 1, maxLength: 12 }),
        fc.array(fc.stringMatching(/^[ab"\\]{1,5}$/), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        (tokens, words, M) => {
          const sp = new TokenSpeller(vocabOf(tokens), { maxTokenBytes: M });
          const allowed = tokens.filter((t) => t.length <= M);
          // words cut from the tokens too, so that "yes" answers are common
          const asked = [...words, ...allowed.flatMap((t) => [t.slice(1), t.slice(1, -1), t.slice(2)]).filter((w) => w.length > 0)];
          for (const w of asked) {
            expect(sp.isInnerInfix(enc.encode(w)), `inner ${JSON.stringify(w)}`).toBe(allowed.some((t) => t.slice(1).includes(w)));
            expect(sp.isProperSuffix(enc.encode(w)), `suffix ${JSON.stringify(w)}`).toBe(allowed.some((t) => t.length > w.length && t.endsWith(w)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers for multi-byte tokens byte by byte", () => {
    const sp = new TokenSpeller(vocabOf(["é!", "xé"]), { maxTokenBytes: 4 });
    // "é" is 0xC3 0xA9: its second byte alone sits inside "é!" and ends "xé"
    expect(sp.isInnerInfix(Uint8Array.of(0xa9))).toBe(true);
    expect(sp.isProperSuffix(Uint8Array.of(0xa9))).toBe(true);
    expect(sp.isProperSuffix(Uint8Array.of(0xa9, 0x21))).toBe(true);
    expect(sp.isProperSuffix(enc.encode("é!"))).toBe(false);
    expect(sp.isInnerInfix(enc.encode("!"))).toBe(true);
    expect(sp.isInnerInfix(enc.encode("x"))).toBe(false);
  });
});
