/**
 * Fill-in-the-middle token budgets (fim-budget.ts): a hole gets at most its budget of tokens, the
 * model's own decoding (with the plan's tokens as the last resort) ends every hole, and later holes'
 * budgets count when an earlier token is kept.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fimGenerate, type FimModel, type FimPart } from "../../src/decode/fim.js";
import { Rng, sampleMasked, topIds } from "../../src/decode/sampler.js";
import { HoleBudget } from "../../src/decode/fim-budget.js";
import { compactFill } from "../../src/infill/spacing.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { tokenSpeller } from "../../src/infill/tokens.js";
import { InfillChecker, type Canvas } from "../../src/infill/index.js";
import type { FeasibilityChecker, FimCheckOptions } from "../../src/decode/diffusion-canvas.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { fakeFimModel } from "./fake-fim-model.js";

const list = compileGrammar(parseGrammar('start: list\nlist: "[" (item ("," item)*)? "]"\n?item: NUM | list\nNUM: /[0-9]+/\n%ignore " "', "lark"));
// id 0 EOS, 1-3 FIM tokens, then ordinary tokens (some of two bytes)
const TOKENS = ["<eos>", "<pre>", "<suf>", "<mid>", "[", "]", ",", " ", ..."0123456789", "[[", "]]", ",1", "1]"];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1, 2, 3], eosIds: [0] });
const template = { name: "test", prefix: 1, suffix: 2, middle: 3, end: [0] };
const enc = new TextEncoder();

/** An independent reader of the list language: tokens "[", "]", ",", digit runs; spaces between tokens. */
function isList(text: string): boolean {
  const toks = text.match(/[0-9]+|\S/g) ?? [];
  if (text.replace(/[0-9]+|[[\],]| /g, "") !== "") return false;
  let i = 0;
  const list = (): boolean => {
    if (toks[i] !== "[") return false;
    i++;
    if (toks[i] === "]") return (i++, true);
    for (;;) {
      if (toks[i] === "[") {
        if (!list()) return false;
      } else if (toks[i] !== undefined && /^[0-9]+$/.test(toks[i]!)) i++;
      else return false;
      if (toks[i] === "]") return (i++, true);
      if (toks[i] !== ",") return false;
      i++;
    }
  };
  return list() && i === toks.length;
}

/** Logits from a seeded hash of the ids so far, with a bias towards opening brackets (the hard case). */
function hashModel(seed: number, openBias: number): FimModel {
  return fakeFimModel(vocab, (seen) => {
    const r = new Float32Array(TOKENS.length);
    let h = (seed ^ (seen.length * 0x9e3779b1)) >>> 0;
    for (const x of seen.slice(-6)) h = Math.imul(h ^ x, 0x85ebca6b) >>> 0;
    for (let t = 0; t < TOKENS.length; t++) r[t] = ((Math.imul(h ^ (t + 1), 0xc2b2ae35) >>> 0) % 1000) / 100;
    r[TOKENS.indexOf("[")]! += openBias;
    r[TOKENS.indexOf("[[")]! += openBias;
    return r;
  });
}

/** Parts of `input` (holes marked `_`) with these budgets in order. */
function partsOf(input: string, budgets: number[]): FimPart[] {
  const parts: FimPart[] = [];
  let b = 0;
  input.split(/(_)/).forEach((t) => {
    if (t === "_") parts.push({ hole: true, maxTokens: budgets[b++]! });
    else if (t !== "") parts.push({ text: t });
  });
  return parts;
}

describe("HoleBudget", () => {
  const speller = tokenSpeller(vocab);
  it("fits: the first fill in the tokens left, each later one in its own budget (fewest tokens)", () => {
    const b = new HoleBudget(speller, [4, 1, 2]);
    expect(b.fits([enc.encode("]]")], 0, 1)).toBe(true); // one token "]]"
    expect(b.fits([enc.encode("]]]")], 0, 1)).toBe(false);
    expect(b.fits([enc.encode(""), enc.encode("1]")], 0, 0)).toBe(true);
    expect(b.fits([enc.encode(""), enc.encode("1,1")], 0, 0)).toBe(false); // "1" ",1": two tokens, hole 1 has one
    expect(b.fits([enc.encode("1"), enc.encode("2"), enc.encode(",1")], 0, 1)).toBe(true);
    expect(b.fits([enc.encode("1"), enc.encode("2"), enc.encode(",1"), enc.encode("1")], 0, 1)).toBe(false); // no fourth hole
    expect(b.fits([enc.encode("a")], 0, 9)).toBe(false); // no token spells it
  });
  it("nextToken begins a fewest-token spelling", () => {
    const b = new HoleBudget(speller, [4]);
    for (const fill of ["]]]", "1]", "[[1,1]", ",1,1,1"]) {
      const bytes = enc.encode(fill);
      const first = TOKENS[b.nextToken(bytes)]!;
      expect(fill.startsWith(first)).toBe(true);
      expect(speller.minTokens(bytes.subarray(first.length))).toBe(speller.minTokens(bytes) - 1);
    }
    expect(TOKENS[b.nextToken(enc.encode("1]"))]).toBe("1]");
  });
});

describe("fimGenerate with token budgets", () => {
  it("every hole ends within its budget by the model's decoding: valid, no fallback (fast-check)", async () => {
    let lastResorts = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom("[_]", "[1,_,[_]]", "[_,2_]", "_,_]", "[[_", "_"),
        // at least 2: each canvas' cheapest fills fit ("_" needs "[" "]")
        fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 3, maxLength: 3 }),
        fc.constantFrom(0, 3, 8),
        fc.boolean(),
        fc.constantFrom(0, 2, 32),
        async (seed, input, budgets, openBias, reusePrefix, maxRejectionsPerToken) => {
          const parts = partsOf(input, budgets);
          const r = await fimGenerate(hashModel(seed, openBias), vocab, { parts, grammar: list, template, reusePrefix, maxRejectionsPerToken });
          expect(isList(r.text)).toBe(true);
          expect(r.fallbackUsed).toBe(false);
          // each fill is spelled by at most its budget's tokens (what the model and the plan wrote)
          r.fills.forEach((f, k) => expect(tokenSpeller(vocab).minTokens(enc.encode(f))).toBeLessThanOrEqual(budgets[k]!));
          expect(r.stats.tokens).toBeLessThanOrEqual(budgets.slice(0, r.fills.length).reduce((a, b) => a + b, 0));
          lastResorts += r.stats.last_resort;
        },
      ),
      { numRuns: 60, seed: 9 },
    );
    // the property met the last resort, not only models that close by themselves
    expect(lastResorts).toBeGreaterThan(0);
  });

  it("a hole whose cheapest fill needs more than its budget is stretched to it, and the output counts as a fallback", async () => {
    // "_" alone: the least list "[]" is two tokens, the budget one
    const open = fakeFimModel(vocab, () => {
      const r = new Float32Array(TOKENS.length).fill(-20);
      r[TOKENS.indexOf("1")] = 9;
      return r;
    });
    const r = await fimGenerate(open, vocab, { parts: partsOf("_", [1]), grammar: list, template });
    expect(isList(r.text)).toBe(true);
    expect(r.stats.stretched_holes).toBe(1);
    expect(r.fallbackUsed).toBe(true);
    expect(r.stats.fallback_holes).toBe(0); // no witness completion: the plan ended it
    expect(r.stats.tokens).toBeLessThanOrEqual(2);
  });

  it("a first witness too long in tokens: the plan comes from a check with the holes bounded to their budgets in bytes", async () => {
    // a checker whose unbounded answer is a valid but long fill ("[[[]]]" in "[_]"), as the chart's
    // relaxed candidates can be on C++; bounded holes get the real checker's answer
    const real = new InfillChecker(list);
    const asked: boolean[] = [];
    const long: FeasibilityChecker = {
      feasible: (c) => real.check(c).status !== "infeasible",
      witness: (c) => real.check(c).witness,
      check: (c: Canvas) => {
        const bounded = c.some((p) => "hole" in p && p.hole.maxBytes !== undefined);
        asked.push(bounded);
        const r = real.check(c);
        const w = r.witness;
        if (bounded || w === null || !c.some((p) => "hole" in p)) return r;
        return { ...r, witness: [enc.encode("[[[]]]"), ...w.slice(1)] };
      },
    };
    const ender = fakeFimModel(vocab, () => {
      const r = new Float32Array(TOKENS.length).fill(-20);
      r[0] = 9; // EOS: end the middle at once
      return r;
    });
    const r = await fimGenerate(ender, vocab, { parts: partsOf("[_]", [2]), grammar: list, template, checker: long });
    expect(r.stats.bounded_plans).toBe(1);
    expect(r.stats.candidate_plans).toBe(0);
    expect(r.stats.stretched_holes).toBe(0);
    expect(r.fallbackUsed).toBe(false);
    // the first check, its later candidates (long here too), then the bounded one
    expect(asked.slice(0, 3)).toEqual([false, false, true]);
    expect(isList(r.text)).toBe(true);
  });

  it("a first witness too long in tokens: the plan comes from a later candidate of the chart in cost order", async () => {
    // the first answer is long ("[[[]]]" in "[_]"); asked for candidates that fit, the real
    // checker's shortest witness ("]") fits the 2 tokens, and no bounded check is needed
    const real = new InfillChecker(list);
    const shortest = real.with({ witnessOrder: "shortest", quickBudget: 0 });
    const orders: Array<string | undefined> = [];
    const long: FeasibilityChecker = {
      feasible: (c) => real.check(c).status !== "infeasible",
      witness: (c) => real.check(c).witness,
      check: (c: Canvas, opts?: FimCheckOptions) => {
        orders.push(opts?.order);
        if (opts?.accept !== undefined) return shortest.check(c);
        const r = real.check(c);
        if (r.witness === null || !c.some((p) => "hole" in p && p.hole.maxBytes === undefined)) return r;
        return { ...r, witness: [enc.encode("[[[]]]"), ...r.witness.slice(1)] };
      },
    };
    const ender = fakeFimModel(vocab, () => {
      const r = new Float32Array(TOKENS.length).fill(-20);
      r[0] = 9;
      return r;
    });
    const r = await fimGenerate(ender, vocab, { parts: partsOf("[_]", [2]), grammar: list, template, checker: long });
    expect(r.stats.candidate_plans).toBe(1);
    expect(r.stats.bounded_plans).toBe(0);
    expect(r.stats.stretched_holes).toBe(0);
    expect(r.fallbackUsed).toBe(false);
    expect(orders.slice(0, 2)).toEqual(["shortest", "shortest"]); // the first check, then its candidates that fit
    expect(isList(r.text)).toBe(true);
  });

  it("a first witness whose lexemes stand apart: without the spaces it fits, and the parser accepts it", async () => {
    const real = new InfillChecker(list);
    const spaced: FeasibilityChecker = {
      feasible: (c) => real.check(c).status !== "infeasible",
      witness: (c) => real.check(c).witness,
      check: (c: Canvas) => {
        const r = real.check(c);
        // the unbounded answer in "[_]": "[ [ ] ]" (four tokens; "[[" "]]" without the spaces)
        if (r.witness === null || !c.some((p) => "hole" in p && p.hole.maxBytes === undefined)) return r;
        return { ...r, witness: [enc.encode("[ [ ] ]"), ...r.witness.slice(1)] };
      },
    };
    const ender = fakeFimModel(vocab, () => {
      const r = new Float32Array(TOKENS.length).fill(-20);
      r[0] = 9;
      return r;
    });
    const r = await fimGenerate(ender, vocab, { parts: partsOf("[_]", [2]), grammar: list, template, checker: spaced });
    expect(r.stats.compacted_plans).toBe(1);
    expect(r.stats.bounded_plans).toBe(0);
    expect(r.fallbackUsed).toBe(false);
    expect(isList(r.text)).toBe(true);
  });

  it("a later hole's budget counts: brackets the next hole cannot close in its 2 tokens are refused", async () => {
    // the model always opens; "_,_]" with budgets 8 and 2: after "[[[" in hole 0, hole 1 would need "0]]" (2 tokens: "0", "]]")
    const open = fakeFimModel(vocab, () => {
      const r = new Float32Array(TOKENS.length).fill(-20);
      r[TOKENS.indexOf("[")] = 9;
      return r;
    });
    const r = await fimGenerate(open, vocab, { parts: partsOf("_,_]", [8, 1]), grammar: list, template });
    expect(isList(r.text)).toBe(true);
    expect(r.fallbackUsed).toBe(false);
    expect(tokenSpeller(vocab).minTokens(enc.encode(r.fills[1]!))).toBeLessThanOrEqual(1);
    expect(r.stats.budget_refusals).toBeGreaterThan(0);
    // without budgets the same model opens all 8 and the witness has to finish hole 1
    const free = await fimGenerate(open, vocab, { parts: partsOf("_,_]", [8, 1]), grammar: list, template, tokenBudget: false });
    expect(free.fallbackUsed).toBe(true);
  });
});

describe("topIds (the greedy candidate order of one step)", () => {
  it("equals greedy sampleMasked with each pick removed, ties and -∞ included (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }).map((x) => x / 2), fc.constant(-Infinity)), { minLength: 1, maxLength: 80 }),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        fc.integer({ min: 1, max: 12 }),
        (logits, allowed, m) => {
          const row = Float32Array.from(logits);
          const bits = new Uint32Array(3);
          allowed.forEach((a, id) => a && (bits[id >>> 5]! |= 1 << (id & 31)));
          const fast = [...topIds(row, bits, row.length, m)];
          const slow: number[] = [];
          const r = row.slice();
          const b = bits.slice();
          for (let k = 0; k < m; k++) {
            const id = sampleMasked(r, b, row.length, {}, new Rng(0));
            if (id < 0 || r[id] === -Infinity) break;
            slow.push(id);
            r[id] = -Infinity;
            b[id >>> 5]! &= ~(1 << (id & 31));
          }
          expect(fast).toEqual(slow);
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });
});

describe("a first witness's lexemes brought together (spacing.ts, \"names\", nothing around the fill)", () => {
  const str = (t: string) => new TextDecoder().decode(compactFill(enc.encode(t), -1, -1, "names"));
  it("drops the spaces that separate no two name characters", () => {
    expect(str(" ; } } } ; template < > class A < > { operator int ( ) { //")).toBe(";}}};template<>class A<>{operator int(){//");
    expect(str("a b")).toBe("a b");
    expect(str("x  y")).toBe("x y"); // one space still keeps the names apart
    expect(str("\n  }")).toBe("\n}");
  });
  it("only removes spaces, and never joins two name characters (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "_", "9", " ", " ", ";", "(", "\n", "é"), { maxLength: 30 }), (parts) => {
        const t = parts.join("");
        const out = str(t);
        expect(out.replace(/ /g, "")).toBe(t.replace(/ /g, ""));
        // two name characters apart in the input stay apart
        const words = (x: string) => x.split(/[^A-Za-z0-9_\u0080-\uffff]+/).filter((w) => w !== "");
        expect(words(out)).toEqual(words(t));
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});
