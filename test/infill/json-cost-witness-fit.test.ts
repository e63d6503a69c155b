/**
 * Session 9: a try answered by the last witness (the token found in its fill, `fitWitness`) has the
 * speller check only the split run's two parts: the other runs keep fills the token witness spells
 * with their counts, and `canSpell` is exact, so asking it again could only say yes. Against a
 * session that asks for every run (`spellKeptRuns`): the same answers (status, witness text, the
 * token witness at every position) on random grammars, vocabularies and canvases of two runs, with
 * every token tried at every open place and commits between them (fits are rare there: the quick
 * search's witness fills are short), and an example where the fit answers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InfillChecker, InfillSession, type Canvas } from "../../src/infill/index.js";
import { WITNESS_EOS } from "../../src/infill/session.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { tokenCaseArb, vocabOf } from "./token-cases.js";
import { show, twoRunSessions } from "./json-cost-cases.js";


describe("a witness fit asks the speller for the split run only", () => {
  it("answers as a session that asks for every run (random grammars, vocabularies, two-run canvases)", () => {
    let tries = 0;
    fc.assert(
      fc.property(tokenCaseArb(3), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (tc, cutA, cutB) => {
        if (tc === null) return;
        const { random, vocab } = tc;
        const { a: lean, b: full } = twoRunSessions(tc, cutA, cutB, 4, { spellKeptRuns: true });
        const n = lean.positions;
        const sameTokens = () => {
          for (let p = 0; p < n; p++) if (lean.isMasked(p)) expect(lean.witnessTokenAt(p)).toBe(full.witnessTokenAt(p));
        };
        for (let round = 0; round < 5; round++) {
          const open = Array.from({ length: n }, (_, p) => p).filter((p) => lean.isMasked(p));
          if (open.length === 0 || lean.witnessTokenAt(open[0]!) === -1) break;
          sameTokens();
          // every token, tried at every open place (a fit finds one inside the witness's fill, shifted)
          let committed = false;
          const feasible: Array<[number, Uint8Array]> = [];
          for (const p of open) {
            for (const t of tc.tokens) {
              tries++;
              const r = lean.tryCommit(p, t, true);
              expect(show(r)).toBe(show(full.tryCommit(p, t, true)));
              if (r.status === "feasible") feasible.push([p, t]);
            }
          }
          if (feasible.length > 0 && random() < 0.7) {
            const [p, t] = feasible[Math.floor(random() * feasible.length)]!;
            expect(show(lean.tryCommit(p, t, true))).toBe(show(full.tryCommit(p, t, true)));
            lean.commit(p, t);
            full.commit(p, t);
            committed = true;
          }
          if (committed) continue;
          // else the witness's own token (or EOS) at a random open place, in both
          const p = open[Math.floor(random() * open.length)]!;
          const w = lean.witnessTokenAt(p);
          if (w === WITNESS_EOS) {
            expect(show(lean.tryEnd(p))).toBe(show(full.tryEnd(p)));
            lean.end(p);
            full.end(p);
          } else if (w >= 0) {
            const bytes = vocab.tokenBytes(w);
            expect(show(lean.tryCommit(p, bytes))).toBe(show(full.tryCommit(p, bytes)));
            lean.commit(p, bytes);
            full.commit(p, bytes);
          }
        }
      }),
      { numRuns: 100 },
    );
    // many tries (fits are rare here: the quick search's witness fills are short; the example below has them)
    expect(tries).toBeGreaterThan(2000);
  });

  it("an example with fits: a witness spelled with a two-byte token, its next token tried one place on", () => {
    const g = compileGrammar(parseGrammar('start: item item\nitem: "(" WORD ")"\nWORD: /(ab)+/', "lark"));
    const vocab = vocabOf(["a", "b", "(", ")", "ab"]);
    const speller = new TokenSpeller(vocab, { maxTokenBytes: 3 });
    const c = new InfillChecker(g, { maxTokenBytes: 3 });
    const canvas: Canvas = [{ text: "(" }, { hole: { tokens: 3, maxTokenBytes: 3 } }, { text: "(" }, { hole: { tokens: 3, maxTokenBytes: 3, tailMayEnd: true } }];
    const opts = { speller, repairItems: 0, repairQuickPasses: 2 };
    const lean = new InfillSession(c, canvas, 3, opts);
    const full = new InfillSession(c, canvas, 3, { ...opts, spellKeptRuns: true });
    expect(show(lean.check())).toBe(show(full.check()));
    for (const t of ["a", "b", "(", ")", "ab"]) {
      for (let p = 0; p < lean.positions; p++) {
        const bytes = new TextEncoder().encode(t);
        expect(show(lean.tryCommit(p, bytes, true))).toBe(show(full.tryCommit(p, bytes, true)));
        for (let q = 0; q < lean.positions; q++) expect(lean.witnessTokenAt(q)).toBe(full.witnessTokenAt(q));
      }
    }
    expect(lean.counts.witness).toBeGreaterThan(0);
    expect(lean.counts.witness).toBe(full.counts.witness);
  });
});
