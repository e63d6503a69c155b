/**
 * The diffusion decoder's first check in cost order (session 10): when the session's first check
 * finds no token-level witness, the canvas is checked again by a session whose charts run in cost
 * order (`InfillOptions.witnessOrder` "shortest"), which replaces the first when it answers.
 * - C++, the MDM run's last fallback (036.cpp, 2 holes of 21 and 30 positions): the worklist order's
 *   first fill needs 22 tokens for 21 positions (`this){}}}};template<>class A<>{…`), its tightened
 *   re-checks run out of items, and the generation used to be finished by the fallback witness; in
 *   cost order the first candidate is `0){` + `){`.
 * - Random lists (fast-check, the behaviour before the change as oracle): with a token-level witness
 *   from the first check the decoding is the same with and without the option (same text, same
 *   checks); without one, the option only ever adds a witness; every complete output is a word.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffusionGenerate, type DiffusionModel, type DiffusionPart } from "../../src/decode/diffusion.js";
import { loadGrammarFile, parseGrammar } from "../../src/grammar/load.js";
import { readModelFolder } from "../../src/backend/folder.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

/** A model with the same logits at every position (ties: the sampler takes the smallest id). */
function flatModel(vocab: Vocabulary, logit: (t: number) => number = () => 0): DiffusionModel {
  const row = Float32Array.from({ length: vocab.size }, (_, t) => logit(t));
  return { maskTokenId: vocab.size + 1, maxContext: undefined, encode: (t) => vocab.tokenizeGreedy(t), forward: async () => ({ row: () => row }) };
}

describe("the diffusion decoder's first check in cost order", () => {
  it("036.cpp with 2 holes (21 and 30 positions): a token-level witness in cost order, no fallback", async () => {
    const text = readFileSync("bench/data/cpp-heldout/036.cpp", "utf8");
    // the benchmark's canvas (bench/infill-cpp.mjs, seed 6): the originals' places and the token budgets
    const o1 = " level[edges[id].to] < 0) {\n ";
    const o2 = "(s, t)) {\n            fill(it.begin(), it.end(), 0);\n      ";
    const a = 749;
    const b = a + o1.length + 803;
    expect(text.slice(a, a + o1.length)).toBe(o1);
    expect(text.slice(b, b + o2.length)).toBe(o2);
    const parts: DiffusionPart[] = [{ text: text.slice(0, a) }, { masks: 21 }, { text: text.slice(a + o1.length, b) }, { masks: 30 }, { text: text.slice(b + o2.length) }];
    const vocab = Vocabulary.fromTokenizerJson(readModelFolder("mdm").dir);
    const grammar = compileGrammar(loadGrammarFile("grammars/cpp.lark"));
    const r = await diffusionGenerate(flatModel(vocab), vocab, { parts, grammar, seed: 0 });
    expect(r.stats.cost_order_session).toBe(true);
    expect(r.stats.token_witness).toBe(true);
    expect(r.stats.fallback_used).toBe(false);
    expect(r.complete).toBe(true);
    expect(r.valid).toBe(true);
    expect(grammar.check(r.bytes).ok).toBe(true);
  }, 120_000);

  // id 0 EOS, then ordinary tokens
  const TOKENS = ["<eos>", "[", "]", ",", "1", "2", "12", " ", "[1", "],", "0", "[]"];
  const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0], eosIds: [0] });
  const list = compileGrammar(parseGrammar('start: list\nlist: "[" (item ("," item)*)? "]"\n?item: NUM | list\nNUM: /[0-9]+/\n%ignore " "', "lark"));

  it("property: the same decoding as without it when the first check has a token witness; outputs are words", async () => {
    const tally = { same: 0, added: 0, none: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("", "[", "[1,", "[[", "[ 12", "[[1],"), fc.integer({ min: 1, max: 6 }), fc.constantFrom("", "]", "]]", ",2]"), fc.integer({ min: 0, max: 1000 }), async (prefix, masks, suffix, seed) => {
        const parts: DiffusionPart[] = [...(prefix ? [{ text: prefix }] : []), { masks }, ...(suffix ? [{ text: suffix }] : [])];
        const run = async (costOrderFirstCheck: boolean) => {
          let s = seed;
          const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
          const model: DiffusionModel = { maskTokenId: TOKENS.length, maxContext: undefined, encode: (t) => vocab.tokenizeGreedy(t), forward: async () => ({ row: () => Float32Array.from(TOKENS, () => rnd() * 10) }) };
          try {
            return await diffusionGenerate(model, vocab, { parts, grammar: list, blockLength: 3, costOrderFirstCheck });
          } catch {
            return null;
          }
        };
        const before = await run(false);
        const after = await run(true);
        // an infeasible start (too few positions) is infeasible for both
        expect(after === null).toBe(before === null);
        if (before === null || after === null) return;
        if (after.complete) expect(list.check(after.bytes).ok).toBe(true);
        if (before.stats.token_witness) {
          tally.same++;
          expect(after.text).toBe(before.text);
          expect(after.stats.checks).toBe(before.stats.checks);
          expect(after.stats.cost_order_session).toBe(false);
        } else if (after.stats.token_witness) {
          tally.added++;
          expect(after.stats.cost_order_session).toBe(true);
        } else tally.none++;
      }),
      { numRuns: 60 },
    );
    expect(tally.same).toBeGreaterThan(0);
  });
});
