/**
 * A smaller repair budget after a hole's repairs kept failing (session 8, C++ constraint cost;
 * `SessionOptions.repairStreak` / `repairStreakPasses`): after n failed local repairs in a row in one
 * hole, that hole's repairs search with fewer passes, until one succeeds or a token is committed
 * into the hole. It only changes which candidates a cheap try can show feasible: proofs
 * ("infeasible") stay the same, every "feasible" still carries a verified token witness, and the
 * failed-repair memo stays invisible (its key carries the budget).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { InfillChecker, InfillSession, WITNESS_EOS, type Canvas, type InfillResult, type SessionOptions } from "../../src/infill/index.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { bruteFeasible, oneHoleCut, tokenCaseArb, vocabOf, type Slot } from "./token-cases.js";

const enc = new TextEncoder();

describe("repair budget after failures in a row (repairStreak)", () => {
  const json = compileGrammar(loadGrammarFile("grammars/json.lark"));

  it("after a failed repair in a hole, its repairs get the streak's budget until a commit into the hole", () => {
    const v = vocabOf([..."[]0123456789, "]);
    const sp = new TokenSpeller(v, { maxTokenBytes: 1 });
    // a long rest (≈ 400 bytes): with 0 passes after a failure, a repair cannot even read it
    const rest = ", " + Array.from({ length: 130 }, () => "1").join(", ") + "]";
    const canvas: Canvas = [{ text: "[" }, { hole: { tokens: 4, maxTokenBytes: 1 } }, { text: rest }];
    const session = (opts: SessionOptions) => {
      const s = new InfillSession(new InfillChecker(json, { maxTokenBytes: 1 }), canvas, 1, { speller: sp, repairItems: 0, repairQuickPasses: 2, tryTightenAttempts: 0, ...opts });
      expect(s.check().status).toBe("feasible");
      return s;
    };
    const plain = session({});
    const streaky = session({ repairStreak: 1, repairStreakPasses: 0 });
    // `]` at position 0: the array closes, and no filling of the other positions repairs that (the rest goes on after it)
    for (const s of [plain, streaky]) expect(s.tryCommit(0, enc.encode("]"), true).status).toBe("unknown");
    // a digit at position 0 that the witness does not hold there: a repair finds it in both
    // sessions as long as the hole has no failure in a row...
    const digitNotInWitness = (s: InfillSession) => [..."123456789"].find((d) => new TextDecoder().decode(v.tokenBytes(s.witnessTokenAt(0))) !== d)!;
    const repairOk = (s: InfillSession, d: string): InfillResult => {
      const before = s.counts.repair;
      const r = s.tryCommit(0, enc.encode(d), true);
      if (r.status === "feasible") expect(s.counts.repair).toBe(before + 1);
      return r;
    };
    const d = digitNotInWitness(plain);
    expect(repairOk(plain, d).status).toBe("feasible");
    // ...but after the failure above, the streaky session's repair has no budget for the rest
    expect(repairOk(streaky, d).status).toBe("unknown");
    expect(streaky.counts.skipped).toBeGreaterThanOrEqual(2);
    // a commit into the hole (the witness's own token at its last position) starts the count over
    const w3 = streaky.witnessTokenAt(3);
    expect(w3).toBeGreaterThan(0);
    expect(streaky.tryCommit(3, v.tokenBytes(w3)).status).toBe("feasible");
    streaky.commit(3, v.tokenBytes(w3));
    expect(repairOk(streaky, digitNotInWitness(streaky)).status).toBe("feasible");
  });

  it("a repair that failed on the streak's budget is searched again once a success in the hole ends the streak (the memo keys the budget)", () => {
    const tokens = [..."[]{}0123456789,: \"atrufelsn"];
    const v = vocabOf(tokens);
    const sp = new TokenSpeller(v, { maxTokenBytes: 1 });
    const rest = ", " + Array.from({ length: 20 }, () => "1").join(", ") + "]";
    const canvas: Canvas = [{ text: "[" }, { hole: { tokens: 4, maxTokenBytes: 1 } }, { text: rest }];
    const s = new InfillSession(new InfillChecker(json, { maxTokenBytes: 1 }), canvas, 1, { speller: sp, repairItems: 0, repairQuickPasses: 2, tryTightenAttempts: 0, repairStreak: 1, repairStreakPasses: 0 });
    expect(s.check().status).toBe("feasible");
    const at = (p: number, t: string) => s.tryCommit(p, enc.encode(t), true).status;
    // `]` first: no repair helps (the rest goes on after the closed array) — one failure in a row
    expect(at(0, "]")).toBe("unknown");
    // `t` at 1 needs the word `true` and some search: not within 256 bytes over this rest, so refused...
    expect(at(1, "t")).toBe("unknown");
    // ...a quick success in the hole ends the streak...
    const repairs = s.counts.repair;
    expect(at(1, "0")).toBe("feasible");
    expect(s.counts.repair).toBe(repairs + 1);
    // ...and `t` is searched again on the full budget, not answered by the failure remembered on the small one
    expect(at(1, "t")).toBe("feasible");
  });

  it("same proofs as without it; feasible answers verified; memo on or off gives the same answers (random grammars)", () => {
    const tally = { tries: 0, differ: 0, infeasible: 0, feasible: 0 };
    fc.assert(
      fc.property(tokenCaseArb(4), fc.integer({ min: 0, max: 2 }), (tc, n) => {
        if (!tc) return;
        const { g, random, vocab: v, speller: sp, tokens: toks } = tc;
        const { tail, k, before, after, canvas } = oneHoleCut(tc);
        const base = { speller: sp, repairItems: 0, repairQuickPasses: 2, tryTightenAttempts: 0 };
        const streak = { ...base, repairStreak: n, repairStreakPasses: 0 };
        const sessions = [base, streak, { ...streak, rememberRepairs: false }].map((o) => new InfillSession(new InfillChecker(g, { maxTokenBytes: 3 }), canvas, 3, o));
        if (sessions.some((s) => s.check().status !== "feasible")) return;
        const slots: Slot[] = new Array(k).fill(null);
        for (let step = 0; step < k; step++) {
          const open = slots.flatMap((x, i) => (x === null ? [i] : []));
          if (open.length === 0) break;
          // random cheap tries (some twice: the memo answers the second), then a commit of the plain session's witness token
          for (let t = 0; t < 4; t++) {
            const p = open[Math.floor(random() * open.length)]!;
            const tok = toks[Math.floor(random() * toks.length)]!;
            const [rPlain, rStreak, rNoMemo] = sessions.map((s) => s.tryCommit(p, tok, true));
            tally.tries++;
            expect(rNoMemo!.status).toBe(rStreak!.status);
            if (rPlain!.status === "infeasible" || rStreak!.status === "infeasible") {
              expect(rStreak!.status).toBe(rPlain!.status);
              tally.infeasible++;
            }
            if (rStreak!.status !== rPlain!.status) tally.differ++;
            if (rStreak!.status === "feasible") {
              tally.feasible++;
              const next = slots.slice();
              next[p] = tok;
              expect(bruteFeasible(g, toks, before, next, after, tail)).toBe(true);
            }
          }
          const p = open[0]!;
          const w = sessions[0]!.witnessTokenAt(p);
          if (w < 0) break;
          for (const s of sessions) {
            if (w === WITNESS_EOS) {
              if (s.tryEnd(p).status !== "feasible") return;
              s.end(p);
            } else {
              if (s.tryCommit(p, v.tokenBytes(w)).status !== "feasible") return;
              s.commit(p, v.tokenBytes(w));
            }
          }
          if (w === WITNESS_EOS) for (let q = p; q < k; q++) slots[q] = "eos";
          else slots[p] = v.tokenBytes(w);
        }
      }),
      { numRuns: 250 },
    );
    expect(tally.feasible).toBeGreaterThan(40);
    expect(tally.infeasible).toBeGreaterThan(20);
  });
});
