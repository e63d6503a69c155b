/**
 * Token-exact sessions (`InfillSession` with a `TokenSpeller`): a run of k masked positions holds
 * exactly k tokens of the vocabulary. Checked against a brute-force enumeration of token fillings
 * on random grammars and small random vocabularies: "infeasible" is never wrong, every "feasible"
 * carries a token-level witness (a token per position) that spells a word of the grammar, and
 * "unknown" (refused at the token level) stays rare.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { InfillChecker, InfillSession, WITNESS_EOS, type Canvas } from "../../src/infill/index.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { readModelFolder } from "../../src/backend/folder.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { bruteFeasible, commitWitnessToken, oneHoleCut, tokenCaseArb, vocabOf, type Slot } from "./token-cases.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

describe("token-exact sessions", () => {
  const json = compileGrammar(loadGrammarFile("grammars/json.lark"));

  it("refuses a run whose byte-level fill no token sequence of its length spells (the issue's example)", () => {
    // single bytes, plus `"` `:` ` ` — but no `": ` token: `{"a` + 1 position + ` 1}` needs `":` in one token
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const noColon = vocabOf(ascii);
    const c = new InfillChecker(json, { maxTokenBytes: 4 });
    const canvas: Canvas = [{ text: '{"a' }, { hole: { tokens: 1, maxTokenBytes: 4 } }, { text: " 1}" }];
    // byte level: feasible (`":` fits one position of ≤ 4 bytes)
    expect(c.session(canvas).check().status).toBe("feasible");
    const s = new InfillSession(c, canvas, 4, { speller: new TokenSpeller(noColon, { maxTokenBytes: 4 }) });
    const r = s.check();
    expect(r.status).toBe("unknown");
    expect(s.counts.tokenUnknown).toBe(1);
    // with a `":` token it is feasible, and the witness is that token
    const withColon = vocabOf([...ascii, '":']);
    const s2 = new InfillSession(c, canvas, 4, { speller: new TokenSpeller(withColon, { maxTokenBytes: 4 }) });
    expect(s2.check().status).toBe("feasible");
    expect(dec.decode(withColon.tokenBytes(s2.witnessTokenAt(0)))).toBe('":');
  });

  it("a long run whose byte-level witness is too dense is re-checked with a tightened range", () => {
    // the chart's cheapest fill closes the array in few bytes; 6 single-byte positions need ≥ 6 bytes
    const v = vocabOf([..."[]{}0123456789,: \"abtrueflsn"].filter((x, i, a) => a.indexOf(x) === i).concat(["true", "false", "null", '":', ", "]));
    const c = new InfillChecker(json, { maxTokenBytes: 5 });
    const s = new InfillSession(c, [{ text: "[" }, { hole: { tokens: 6, maxTokenBytes: 5 } }, { text: "]" }], 5, { speller: new TokenSpeller(v, { maxTokenBytes: 5 }) });
    const r = s.check();
    expect(r.status).toBe("feasible");
    const ids = Array.from({ length: 6 }, (_, p) => s.witnessTokenAt(p));
    expect(ids.every((id) => id > 0)).toBe(true);
    const text = "[" + ids.map((id) => dec.decode(v.tokenBytes(id))).join("") + "]";
    expect(json.check(enc.encode(text)).ok).toBe(true);
    // committing the witness's own token is answered at once
    const t0 = s.counts.token;
    expect(s.tryCommit(3, v.tokenBytes(ids[3]!)).status).toBe("feasible");
    expect(s.counts.token).toBe(t0 + 1);
  });

  it("cheap tries answer from the parser and the witness only; a full check they would need is skipped (unknown, reason budget)", () => {
    const v = vocabOf([..."[]0123456789, "]);
    const c = new InfillChecker(json, { maxTokenBytes: 1 });
    const s = new InfillSession(c, [{ text: "[" }, { hole: { tokens: 5, maxTokenBytes: 1 } }, { text: "]" }], 1, { speller: new TokenSpeller(v, { maxTokenBytes: 1 }) });
    expect(s.check().status).toBe("feasible");
    const w = s.witnessTokenAt(2);
    // the witness's own token: answered at once, also when cheap
    expect(s.tryCommit(2, v.tokenBytes(w), true).status).toBe("feasible");
    // "[" at the last position: "[" + 4 positions + "[]" can never close the outer bracket. Neither the
    // witness nor a local repair shows that, so a cheap try leaves it undecided, without a chart
    const charts = s.counts.chart;
    const r = s.tryCommit(4, enc.encode("["), true);
    expect(r.status).toBe("unknown");
    expect(r.reason).toBe("budget");
    expect(s.counts.skipped).toBe(1);
    expect(s.counts.chart).toBe(charts);
    // the full check proves it
    expect(s.tryCommit(4, enc.encode("[")).status).toBe("infeasible");
  });

  it("agrees with brute force over token fillings on random grammars and vocabularies; witnesses are token sequences of words", () => {
    const tally = { feasible: 0, infeasible: 0, unknown: 0, unknownButFeasible: 0 };
    fc.assert(
      // half the runs with the diffusion decoder's session options: chart-free repairs whose quick
      // search is scaled to the canvas (0 passes: 256 bytes), no tightened re-checks in tries
      fc.property(tokenCaseArb(5), fc.boolean(), fc.integer({ min: 0, max: 2 }), (tc, decoderOpts, passes) => {
          if (!tc) return;
          const { g, random, vocab: v, speller: sp, tokens: toks } = tc;
          const { tail, k, before, after, canvas } = oneHoleCut(tc);
          const c = new InfillChecker(g, { maxTokenBytes: 3 });
          const s = new InfillSession(c, canvas, 3, { speller: sp, ...(decoderOpts ? { repairItems: 0, repairQuickPasses: passes, tryTightenAttempts: 0 } : {}) });
          const slots: Slot[] = new Array(k).fill(null);
          const judge = (status: string, sl: Slot[], witness: number[] | null) => {
            const truth = bruteFeasible(g, toks, before, sl, after, tail);
            tally[status as "feasible"]++;
            if (status === "infeasible") expect(truth).toBe(false);
            if (status === "unknown" && truth) tally.unknownButFeasible++;
            if (status === "feasible") {
              expect(truth).toBe(true);
              // the token witness: committed slots as they are, masked ones from the witness
              const bytes: number[] = [...before];
              let ended = false;
              sl.forEach((x, q) => {
                if (ended || x === "eos") return (ended = true);
                if (x) return bytes.push(...x);
                const id = witness![q]!;
                if (id === WITNESS_EOS) return (ended = true);
                expect(id).toBeGreaterThan(0);
                expect(v.tokenLength(id)).toBeLessThanOrEqual(3);
                bytes.push(...v.tokenBytes(id));
              });
              if (!tail) expect(ended).toBe(false);
              bytes.push(...after);
              expect(g.check(Uint8Array.from(bytes)).ok).toBe(true);
            }
          };
          const r0 = s.check();
          judge(r0.status, slots, r0.status === "feasible" ? slots.map((_, q) => s.witnessTokenAt(q)) : null);
          if (r0.status !== "feasible") return;
          // random commits: a random token (or EOS in a tail) at a random masked position, kept when feasible
          for (let step = 0; step < k; step++) {
            const masked = slots.map((x, q) => (x === null ? q : -1)).filter((q) => q >= 0);
            if (masked.length === 0) break;
            const p = masked[Math.floor(random() * masked.length)]!;
            const eos = tail && random() < 0.2 && slots.slice(p + 1).every((x) => x === null || x === "eos");
            const t = toks[Math.floor(random() * toks.length)]!;
            const r = eos ? s.tryEnd(p) : s.tryCommit(p, t);
            const next = slots.slice();
            if (eos) for (let q = p; q < k; q++) next[q] = "eos";
            else next[p] = t;
            let witness: number[] | null = null;
            if (r.status === "feasible") {
              if (eos) s.end(p);
              else s.commit(p, t);
              witness = next.map((x, q) => (x === null ? s.witnessTokenAt(q) : -1));
            }
            judge(r.status, next, witness);
            if (r.status === "feasible") slots.splice(0, k, ...next);
            else {
              // move on with the witness's own token at p: always feasible
              const w = commitWitnessToken(s, p, v);
              if (w === WITNESS_EOS) for (let q = p; q < k; q++) slots[q] = "eos";
              else slots[p] = v.tokenBytes(w);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    console.log("token-exact session vs brute force:", tally);
    expect(tally.feasible).toBeGreaterThan(80);
    expect(tally.infeasible).toBeGreaterThan(30);
    // refusals of feasible commits (the documented incompleteness) stay rare: 2-9 per ~145
    // feasible answers over many random runs, so the bar sits well above that spread
    expect(tally.unknownButFeasible).toBeLessThan(tally.feasible / 8);
  });

  it("the first check bounds every run whose fill did not spell: a 2-hole C++ canvas gets a token witness", () => {
    // held-out 001.cpp with `, u] = ` (7 positions) and 9 spaces (4 positions) cut out, both may end
    // early: the chart's cheapest fills comment the code between the holes out (18 tokens for the
    // first run), and only with both runs bounded does a spelled fill (`]{};}{{` + `}{//`) appear
    const text = readFileSync("bench/data/cpp-heldout/001.cpp", "utf8");
    const a = text.indexOf(", u] = ");
    const b = text.indexOf(" ".repeat(9), a + 7);
    const hole = (tokens: number) => ({ hole: { tokens, maxTokenBytes: 16, minBytes: 0 } });
    const canvas: Canvas = [{ text: text.slice(0, a) }, hole(7), { text: text.slice(a + 7, b) }, hole(4), { text: text.slice(b + 9) }];
    const cpp = compileGrammar(loadGrammarFile("grammars/cpp.lark"));
    const vocab = Vocabulary.fromTokenizerJson(readModelFolder("mdm").dir);
    const s = new InfillSession(new InfillChecker(cpp, { maxTokenBytes: 16 }), canvas, 16, { speller: new TokenSpeller(vocab, { maxTokenBytes: 16 }) });
    expect(s.check().status).toBe("feasible");
    expect(s.counts.tightened).toBeGreaterThanOrEqual(1);
    const ids = Array.from({ length: 11 }, (_, p) => s.witnessTokenAt(p));
    const fill = (from: number, to: number) => ids.slice(from, to).filter((id) => id !== WITNESS_EOS).map((id) => dec.decode(vocab.tokenBytes(id))).join("");
    expect(cpp.check(text.slice(0, a) + fill(0, 7) + text.slice(a + 7, b) + fill(7, 11) + text.slice(b + 9), { prefix: false }).ok).toBe(true);
  });
});
