/**
 * Fill-in-the-middle checks that keep the parse of the committed text (`PrefixChecker`): the same
 * answers as whole-canvas `InfillChecker.check` calls, whatever is committed and however the canvas
 * goes on; witness re-use only where the last witness really fills the new canvas; and `fimGenerate`
 * decides every token the same way with and without it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fimGenerate, PrefixChecker, type FimModel } from "../../src/decode/fim.js";
import { splitHoles } from "../../src/decode/diffusion-canvas.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { InfillChecker, fillCanvas, type Canvas } from "../../src/infill/index.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { fakeFimModel } from "./fake-fim-model.js";

const list = compileGrammar(parseGrammar('start: list\nlist: "[" (item ("," item)*)? "]"\n?item: NUM | list\nNUM: /[0-9]+/\n%ignore " "', "lark"));
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Random text over the grammar's bytes (mostly near-words: brackets, commas, digits, spaces). */
const piece = fc.array(fc.constantFrom("[", "]", ",", "1", "2", " ", "[1", ",2]"), { maxLength: 6 }).map((a) => a.join(""));

describe("PrefixChecker", () => {
  it("answers as InfillChecker.check on canvases that extend the committed text (fast-check)", () => {
    fc.assert(
      fc.property(piece, fc.array(piece, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 3 }), (committed, leads, rest) => {
        const whole = new InfillChecker(list);
        const pc = new PrefixChecker(new InfillChecker(list));
        pc.commit(enc.encode(committed));
        // a growing lead (as tokens are accepted), the same rest: exercises the parse and witness re-use
        let lead = committed;
        for (const extra of leads) {
          const canvas: Canvas = [{ text: lead + extra }, { hole: {} }, ...rest.flatMap(([t, hole]) => (hole ? [{ text: t }, { hole: {} }] : [{ text: t }]))];
          const a = pc.check(canvas);
          const b = whole.check(canvas);
          if (a.status !== "unknown" && b.status !== "unknown") expect(a.status).toBe(b.status);
          if (a.status === "feasible") {
            // a witness (fresh or re-used) fills this canvas to a word of the grammar
            expect(list.check(fillCanvas(canvas, a.witness!)).ok).toBe(true);
          }
          if (a.status === "feasible" && extra !== "") {
            pc.commit(enc.encode(extra));
            lead += extra;
          }
        }
      }),
      { numRuns: 150, seed: 6 },
    );
  });

  it("re-uses the last witness when the new token begins its fill, and only then", () => {
    const pc = new PrefixChecker(new InfillChecker(list));
    pc.commit(enc.encode("[1,"));
    const first = pc.check([{ text: "[1," }, { hole: {} }, { text: "]" }]);
    expect(first.status).toBe("feasible");
    const fill = dec.decode(first.witness![0]!);
    expect(fill.length).toBeGreaterThan(0);
    // the witness's own first byte: answered without a chart
    const reused = pc.check([{ text: "[1," + fill[0] }, { hole: {} }, { text: "]" }]);
    expect(reused.status).toBe("feasible");
    expect(pc.witnessReuses).toBe(1);
    expect(dec.decode(reused.witness![0]!)).toBe(fill.slice(1));
    // a different rest: a real check
    pc.check([{ text: "[1," + fill[0] }, { hole: {} }, { text: ",2]" }]);
    expect(pc.witnessReuses).toBe(1);
    // a byte the parser rejects after the committed text: infeasible (a proof), no re-use
    expect(pc.check([{ text: "[1,]" }, { hole: {} }, { text: "]" }]).status).toBe("infeasible");
  });

  it("forget: after a refused candidate's check, re-use starts from the witness before it again", () => {
    const pc = new PrefixChecker(new InfillChecker(list));
    pc.commit(enc.encode("[1,"));
    const first = pc.check([{ text: "[1," }, { hole: {} }, { text: "]" }]);
    const fill = dec.decode(first.witness![0]!);
    // a candidate "[" is checked (its witness replaces the last one) and then not taken
    expect(pc.check([{ text: "[1,[" }, { hole: {} }, { text: "]" }]).status).toBe("feasible");
    pc.forget();
    // the first witness's own first byte is answered by re-use again
    const before = pc.witnessReuses;
    expect(pc.check([{ text: "[1," + fill[0] }, { hole: {} }, { text: "]" }]).status).toBe("feasible");
    expect(pc.witnessReuses).toBe(before + 1);
    // forget twice is forget once (a check answered by re-use replaced nothing)
    pc.forget();
    expect(pc.check([{ text: "[1," + fill[0] }, { hole: {} }, { text: "]" }]).status).toBe("feasible");
    expect(pc.witnessReuses).toBe(before + 2);
  });

  it("a token that leaves the parser's state as it was (more spaces in a run) keeps the last fills, no parse", () => {
    const pc = new PrefixChecker(new InfillChecker(list));
    pc.commit(enc.encode("[1,  "));
    const first = pc.check([{ text: "[1,  " }, { hole: {} }, { text: "]" }]);
    expect(first.status).toBe("feasible");
    const r = pc.check([{ text: "[1,   " }, { hole: {} }, { text: "]" }]);
    expect(r.status).toBe("feasible");
    expect(pc.unchangedStates).toBe(1);
    expect(r.witness).toEqual(first.witness);
    expect(list.check(enc.encode("[1,   " + dec.decode(r.witness![0]!) + "]")).ok).toBe(true);
    // a digit ends the run: the state changes, no such answer
    pc.check([{ text: "[1,  2" }, { hole: {} }, { text: "]" }]);
    expect(pc.unchangedStates).toBe(1);
  });

  it("adopt: a verified filling handed in is re-used as a check's witness would be", () => {
    const pc = new PrefixChecker(new InfillChecker(list));
    pc.commit(enc.encode("[1,"));
    pc.adopt([{ text: "[1," }, { hole: {} }, { text: "]" }], [enc.encode("22")]);
    const r = pc.check([{ text: "[1,2" }, { hole: {} }, { text: "]" }]);
    expect(r.status).toBe("feasible");
    expect(pc.witnessReuses).toBe(1);
    expect(dec.decode(r.witness![0]!)).toBe("2");
  });

  it("carries the last witness past a token that does not begin its fill, when the parser accepts the text so filled", () => {
    const pc = new PrefixChecker(new InfillChecker(list));
    pc.commit(enc.encode("[1,"));
    const first = pc.check([{ text: "[1," }, { hole: {} }, { text: "]" }]);
    expect(first.status).toBe("feasible");
    const fill = dec.decode(first.witness![0]!);
    // a digit before the fill (a longer number, or a new item before the fill's own): the same fill
    // completes it, no chart
    const digit = fill.startsWith("9") ? "8" : "9";
    const canvas: Canvas = [{ text: "[1," + digit }, { hole: {} }, { text: "]" }];
    const carried = pc.check(canvas);
    expect(carried.status).toBe("feasible");
    expect(carried.stats.items).toBe(0);
    expect(pc.witnessReuses).toBe(1);
    expect(list.check(fillCanvas(canvas, carried.witness!)).ok).toBe(true);
    // "[" before the fill leaves a bracket open: no carry, a real check (still feasible)
    pc.commit(enc.encode(digit));
    const open: Canvas = [{ text: "[1," + digit + "," + "[" }, { hole: {} }, { text: "]" }];
    expect(list.check(enc.encode("[1," + digit + ",[" + dec.decode(carried.witness![0]!) + "]")).ok).toBe(false);
    const real = pc.check(open);
    expect(real.status).toBe("feasible");
    expect(pc.witnessReuses).toBe(1);
    expect(list.check(fillCanvas(open, real.witness!)).ok).toBe(true);
  });

  it("puts a closer before the newest fill when no recent fill completes the token's text", () => {
    const pc = new PrefixChecker(new InfillChecker(list), undefined, [")", "0"]);
    pc.commit(enc.encode("[1"));
    const first = pc.check([{ text: "[1" }, { hole: {} }, { text: "]" }]);
    expect(first.status).toBe("feasible");
    const fill = dec.decode(first.witness![0]!);
    // "," after "[1": the fill alone leaves "[1," + fill + "]"; ")" is refused by the parser, "0" is taken
    expect(fill).toBe("");
    const canvas: Canvas = [{ text: "[1," }, { hole: {} }, { text: "]" }];
    const r = pc.check(canvas);
    expect(r.status).toBe("feasible");
    expect(r.stats.items).toBe(0);
    expect(dec.decode(r.witness![0]!)).toBe("0");
    expect(pc.witnessReuses).toBe(1);
    expect(list.check(fillCanvas(canvas, r.witness!)).ok).toBe(true);
    // without closers the checker searches (here its quick search finds the same filling)
    const plain = new PrefixChecker(new InfillChecker(list), undefined, []);
    plain.commit(enc.encode("[1"));
    plain.check([{ text: "[1" }, { hole: {} }, { text: "]" }]);
    expect(plain.check(canvas).status).toBe("feasible");
    expect(plain.witnessReuses).toBe(0);
  });

  it("a canvas that does not extend the committed text falls back to a whole check", () => {
    const pc = new PrefixChecker(new InfillChecker(list));
    pc.commit(enc.encode("[1"));
    expect(pc.check([{ text: "[2" }, { hole: {} }]).status).toBe("feasible");
    expect(pc.check([{ text: "]" }, { hole: {} }]).status).toBe("infeasible");
  });

  it("a rejected committed byte makes every later canvas infeasible", () => {
    const pc = new PrefixChecker(new InfillChecker(list));
    pc.commit(enc.encode("]"));
    expect(pc.feasible([{ text: "]" }, { hole: {} }])).toBe(false);
  });
});

// id 0 EOS, 1-3 FIM tokens, then ordinary tokens
const TOKENS = ["<eos>", "<pre>", "<suf>", "<mid>", "[", "]", ",", " ", ..."0123456789"];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1, 2, 3], eosIds: [0] });
const template = { name: "test", prefix: 1, suffix: 2, middle: 3, end: [0] };

/** A causal model with logits from a seeded hash of the ids so far: arbitrary but repeatable choices. */
function hashModel(seed: number): FimModel {
  return fakeFimModel(vocab, (seen) => {
    const r = new Float32Array(TOKENS.length);
    let h = (seed ^ (seen.length * 0x9e3779b1)) >>> 0;
    for (const x of seen.slice(-6)) h = Math.imul(h ^ x, 0x85ebca6b) >>> 0;
    for (let t = 0; t < TOKENS.length; t++) r[t] = ((Math.imul(h ^ (t + 1), 0xc2b2ae35) >>> 0) % 1000) / 100;
    return r;
  });
}

describe("fimGenerate with PrefixChecker", () => {
  it("keeps and refuses the same tokens as whole-canvas checks (fast-check over models and canvases)", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom("[<|hole|>]", "[1,<|hole|>,[<|hole|>]]", "[<|hole|>,2<|hole|>]", "<|hole|>,<|hole|>]"), async (seed, input) => {
        const parts = splitHoles(input, "<|hole|>");
        // without token budgets: with them, which tokens fit depends on the witness each checker found
        const opts = { parts, grammar: list, template, maxHoleTokens: 8, tokenBudget: false };
        const a = await fimGenerate(hashModel(seed), vocab, { ...opts, reusePrefix: true });
        const b = await fimGenerate(hashModel(seed), vocab, { ...opts, reusePrefix: false });
        expect(a.valid).toBe(true);
        expect(b.valid).toBe(true);
        // a fallback witness may differ (a re-used one is as good), and later holes then see other text
        if (a.fallbackUsed || b.fallbackUsed) return;
        compared++;
        expect(a.text).toBe(b.text);
        expect([a.stats.tokens, a.stats.checks, a.stats.rejections]).toEqual([b.stats.tokens, b.stats.checks, b.stats.rejections]);
      }),
      { numRuns: 30, seed: 6 },
    );
    expect(compared).toBeGreaterThanOrEqual(5);
  });
});
