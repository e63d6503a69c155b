/**
 * Cheap tries at the left frontier (session 7, C++ check cost): a token-exact session's cheap try
 * (`tryCommit(p, bytes, true)`, no full check) whose new leading fragment the real parser rejects is
 * "infeasible" — a proof, where it used to be skipped ("unknown") and paid for again at every step.
 * Checked against brute force over token fillings and against the same try without `cheap` on a twin
 * session: a cheap "infeasible" is never wrong, and the full check says so too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { InfillChecker, InfillSession } from "../../src/infill/index.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { bruteFeasible, commitWitnessToken, oneHoleCut, tokenCaseArb, vocabOf } from "./token-cases.js";

const enc = new TextEncoder();

describe("cheap tries at the left frontier", () => {
  const json = compileGrammar(loadGrammarFile("grammars/json.lark"));

  it("a token the parser rejects after the committed prefix is infeasible (via the parser), also when cheap", () => {
    const v = vocabOf([..."[]{}0123456789,: \"a"]);
    const c = new InfillChecker(json, { maxTokenBytes: 1 });
    const s = new InfillSession(c, [{ text: "[1" }, { hole: { tokens: 4, maxTokenBytes: 1 } }, { text: "]" }], 1, { speller: new TokenSpeller(v, { maxTokenBytes: 1 }), repairItems: 0, repairQuickPasses: 2, tryTightenAttempts: 0 });
    expect(s.check().status).toBe("feasible");
    const charts = s.counts.chart;
    const r = s.tryCommit(0, enc.encode(":"), true);
    expect(r.status).toBe("infeasible");
    expect(s.counts.parser).toBe(1);
    expect(s.counts.skipped).toBe(0);
    expect(s.counts.chart).toBe(charts);
    // not at the frontier: the parser is not asked
    s.tryCommit(2, enc.encode(":"), true);
    expect(s.counts.parser).toBe(1);
    // EOS is not a token of this hole (it cannot end early): a cheap tryEnd is infeasible too
    expect(s.tryEnd(0, true).status).toBe("infeasible");
  });

  it("cheap infeasible answers agree with brute force and with the full check (random grammars)", () => {
    const tally = { parserProofs: 0, cheapUnknown: 0, tries: 0 };
    fc.assert(
      fc.property(tokenCaseArb(4), (tc) => {
        if (!tc) return;
        const { g, random, vocab: v, speller: sp, tokens: toks } = tc;
        const { tail, k, before, after, canvas } = oneHoleCut(tc);
        const opts = { speller: sp, repairItems: 0, repairQuickPasses: 2, tryTightenAttempts: 0 };
        const cheapS = new InfillSession(new InfillChecker(g, { maxTokenBytes: 3 }), canvas, 3, opts);
        const fullS = new InfillSession(new InfillChecker(g, { maxTokenBytes: 3 }), canvas, 3, opts);
        if (cheapS.check().status !== "feasible" || fullS.check().status !== "feasible") return;
        const fixed: (Uint8Array | null)[] = new Array(k).fill(null);
        for (let step = 0; step < k; step++) {
          const p = fixed.indexOf(null);
          if (p < 0) break;
          // a few random tokens at the frontier position, cheap and full
          for (let t = 0; t < 3; t++) {
            const tok = toks[Math.floor(random() * toks.length)]!;
            const parser0 = cheapS.counts.parser;
            const cheap = cheapS.tryCommit(p, tok, true);
            const full = fullS.tryCommit(p, tok);
            tally.tries++;
            const next = fixed.slice();
            next[p] = tok;
            if (cheap.status === "infeasible") {
              expect(bruteFeasible(g, toks, before, next, after, tail)).toBe(false);
              expect(full.status).toBe("infeasible");
            }
            if (cheapS.counts.parser > parser0) {
              tally.parserProofs++;
              expect(cheap.status).toBe("infeasible");
            }
            if (cheap.status === "unknown") tally.cheapUnknown++;
            if (cheap.status === "feasible") expect(full.status).not.toBe("infeasible");
          }
          // go on with the witness's own token (feasible by construction) in both sessions
          const w = commitWitnessToken(cheapS, p, v);
          if (w < 0) break;
          expect(fullS.tryCommit(p, v.tokenBytes(w)).status).toBe("feasible");
          fullS.commit(p, v.tokenBytes(w));
          fixed[p] = v.tokenBytes(w);
        }
      }),
      { numRuns: 150 },
    );
    expect(tally.parserProofs).toBeGreaterThan(20);
  });
});
