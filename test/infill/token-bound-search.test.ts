/**
 * The per-terminal token search (`TokenSpeller.fewestTokensStartingIn`, `ExprSet.relaxed`) that
 * lets the token bound see formats. Oracles: `tokensStartingIn` word by word (itself checked
 * against every tokenization in token-bound.test.ts) over enumerated members, membership by
 * derivatives, ajv for the real schema's document.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExprSet, type ExprId } from "../../src/regex/index.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { derivativeAutomaton, leastTokens } from "../../src/infill/token-bound.js";
import { InfillChecker, InfillSession } from "../../src/infill/index.js";
import { compileSchema } from "../../src/schema/index.js";
import { readModelFolder } from "../../src/backend/index.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { maxTokenBytesOf } from "../../src/decode/diffusion-canvas.js";
import { allStrings, buildShape as build, matches, shapeArb } from "../regex/helpers.js";
import { ajvFor } from "../schema/helpers.js";
import { vocabOf } from "./token-cases.js";

const enc = new TextEncoder();
const ABC = ["a", "b", "c"];

const members = (x: ExprSet, e: ExprId, maxLen: number) => allStrings(ABC, maxLen).filter((w) => matches(x, e, w));
const vocabArb = fc.uniqueArray(fc.stringMatching(/^[abc]{1,4}$/), { minLength: 1, maxLength: 10 });

describe("the per-terminal token search", () => {
  it("relaxed(e) holds every member of e and has no intersection or complement left", () => {
    fc.assert(
      fc.property(shapeArb(true), (shape) => {
        const x = new ExprSet();
        const e = build(x, shape);
        const r = x.relaxed(e);
        expect(x.toString(r).replaceAll("~∅", "")).not.toMatch(/[&~]/);
        for (const w of members(x, e, 5)) expect(matches(x, r, w)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("isProperSuffix and isInnerInfix agree with the token strings", () => {
    fc.assert(
      fc.property(vocabArb, fc.stringMatching(/^[abc]{1,5}$/), fc.integer({ min: 1, max: 5 }), (tokens, x, M) => {
        const sp = new TokenSpeller(vocabOf(tokens), { maxTokenBytes: M });
        const allowed = tokens.filter((t) => t.length <= M);
        expect(sp.isProperSuffix(enc.encode(x))).toBe(allowed.some((t) => t.length > x.length && t.endsWith(x)));
        expect(sp.isInnerInfix(enc.encode(x))).toBe(allowed.some((t) => t.length > 1 && t.slice(1).includes(x)));
      }),
      { numRuns: 500 },
    );
  });

  it("tokensStartingIn equals its definition (a DP over the tokens, isInnerInfix, isProperSuffix)", () => {
    fc.assert(
      fc.property(vocabArb, fc.stringMatching(/^[abc]{1,9}$/), fc.integer({ min: 1, max: 5 }), (tokens, w, M) => {
        const sp = new TokenSpeller(vocabOf(tokens), { maxTokenBytes: M });
        const allowed = tokens.filter((t) => t.length <= M);
        const n = w.length;
        // from[i]: fewest tokens starting at i.. that cover w[i..n); the last one may run past the end
        // (w[i..n), at most M bytes, a prefix of any token: the speller walks its trie there)
        const from: number[] = new Array(n + 1).fill(Infinity);
        from[n] = 0;
        for (let i = n - 1; i >= 0; i--) {
          for (const t of allowed) if (w.startsWith(t, i)) from[i] = Math.min(from[i]!, 1 + from[i + t.length]!);
          if (n - i <= M && tokens.some((t) => t.startsWith(w.slice(i)))) from[i] = Math.min(from[i]!, 1);
        }
        let want = from[0]!;
        for (let j = 1; j < n; j++) if (sp.isProperSuffix(enc.encode(w.slice(0, j)))) want = Math.min(want, from[j]!);
        if (n < M && sp.isInnerInfix(enc.encode(w))) want = 0;
        expect(sp.tokensStartingIn(enc.encode(w))).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it("on a finite language: exactly the least tokensStartingIn over its members", () => {
    fc.assert(
      fc.property(vocabArb, fc.uniqueArray(fc.stringMatching(/^[abc]{1,6}$/), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 4 }), (tokens, words, M) => {
        const sp = new TokenSpeller(vocabOf(tokens), { maxTokenBytes: M });
        const x = new ExprSet();
        const e = x.or(words.map((w) => x.literal(w)));
        const truth = Math.min(...words.map((w) => sp.tokensStartingIn(enc.encode(w))));
        expect(sp.fewestTokensStartingIn(derivativeAutomaton(x, e), 100_000)).toBe(truth);
      }),
      { numRuns: 400 },
    );
  });

  it("on any regular language: at most tokensStartingIn of each member", () => {
    let finiteAnswers = 0;
    fc.assert(
      fc.property(vocabArb, shapeArb(false), fc.integer({ min: 1, max: 4 }), fc.constantFrom(5, 50, 100_000), (tokens, shape, M, budget) => {
        const sp = new TokenSpeller(vocabOf(tokens), { maxTokenBytes: M });
        const x = new ExprSet();
        const e = build(x, shape);
        const bound = sp.fewestTokensStartingIn(derivativeAutomaton(x, e), budget);
        if (bound < Infinity) finiteAnswers++;
        for (const w of members(x, e, 5)) expect(bound).toBeLessThanOrEqual(sp.tokensStartingIn(enc.encode(w)));
        if (e === x.EMPTY) expect(bound).toBe(Infinity);
      }),
      { numRuns: 400 },
    );
    expect(finiteAnswers).toBeGreaterThan(200);
  });

  it("a schema of a date and two times: more tokens than 32 positions hold, yet no more than a valid document's", () => {
    const schema = {
      type: "object",
      properties: { title: { type: "string" }, date: { type: "string", format: "date" }, start_time: { type: "string", format: "time" }, end_time: { type: "string", format: "time" } },
      required: ["title", "date", "start_time", "end_time"],
    };
    // python whitespace (`", "`, `": "`), as bench/diffusion-compare.mjs decodes it
    const g = compileSchema(schema, { whitespace: "python" }).compiled;
    const vocab = Vocabulary.fromTokenizerJson(readModelFolder("mdm").dir);
    const sp = new TokenSpeller(vocab, { maxTokenBytes: maxTokenBytesOf(vocab) });
    const doc = '{"title": "", "date": "2024-01-01", "start_time": "10:00:00Z", "end_time": "11:00:00Z"}';
    expect(ajvFor(schema)(JSON.parse(doc))).toBe(true);
    expect(g.check(enc.encode(doc)).ok).toBe(true);
    const bound = leastTokens(g, sp);
    expect(bound).toBeGreaterThan(32);
    expect(bound).toBeLessThanOrEqual(sp.minTokens(enc.encode(doc)));
    // so a session over 32 positions knows at once, without a chart
    const s = new InfillSession(new InfillChecker(g, { maxTokenBytes: sp.maxTokenBytes }), [{ hole: { tokens: 32, maxTokenBytes: sp.maxTokenBytes, tailMayEnd: true } }], sp.maxTokenBytes, { speller: sp });
    s.check();
    expect(s.noTokenFilling).toBe(true);
    expect(s.counts.chart).toBe(0);
  });
});
