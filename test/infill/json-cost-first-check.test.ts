/**
 * Session 8: the first check of a canvas of masked positions only runs the quick witness search on
 * a small budget before the token bound (`firstQuickBudget`), so a canvas with room does not pay for
 * the bound. Same answers as the bound first (`firstQuickBudget: 0`): status, witness text, the
 * token witness at every position and the no-room flag, on random grammars, vocabularies and
 * canvases (a tail that may end early, or a fixed run), for budgets from 1 byte up (a search cut
 * short finds the same first filling or none: the full check then decides as before).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InfillChecker, InfillSession, type Canvas } from "../../src/infill/index.js";
import { tokenCaseArb } from "./token-cases.js";

const dec = new TextDecoder();

describe("the first check's quick search before the token bound", () => {
  it("answers as the bound first (random grammars, vocabularies, canvases, budgets)", () => {
    let spared = 0;
    fc.assert(
      fc.property(tokenCaseArb(3), fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.constantFrom(1, 8, 40, 1024), (tc, n, tail, budget) => {
        if (tc === null) return;
        const { g, speller } = tc;
        const canvas: Canvas = [{ hole: { tokens: n, maxTokenBytes: 3, ...(tail ? { tailMayEnd: true } : {}) } }];
        const c = new InfillChecker(g, { maxTokenBytes: 3 });
        const first = new InfillSession(c, canvas, 3, { speller, firstQuickBudget: budget });
        const bound = new InfillSession(c, canvas, 3, { speller, firstQuickBudget: 0 });
        const a = first.check();
        const b = bound.check();
        expect(`${a.status}:${a.text === null ? "" : dec.decode(a.text)}`).toBe(`${b.status}:${b.text === null ? "" : dec.decode(b.text)}`);
        expect(first.noTokenFilling).toBe(bound.noTokenFilling);
        for (let p = 0; p < n; p++) expect(first.witnessTokenAt(p)).toBe(bound.witnessTokenAt(p));
        expect(first.counts.chart).toBe(bound.counts.chart);
        if (a.status === "feasible" && a.stats.items === 0) spared++;
      }),
      { numRuns: 300 },
    );
    // the property is only worth something if the quick search answered some first checks
    expect(spared).toBeGreaterThan(30);
  });
});
