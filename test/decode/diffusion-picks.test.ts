/**
 * The sampler's re-pick list (`pickListSize`): a position's best tokens are kept per step, and a
 * re-pick after a refusal reads the list instead of scanning the row. Property: with a list of 1–3
 * tokens (so it runs out often) the decoder commits exactly what it commits when every pick scans
 * the whole row — same positions, tokens and steps, same text and check counts — for random logits
 * with ties (pre-filter off, so refusals and re-picks are frequent), with and without Gumbel noise;
 * a list ordered with ties by descending id fails it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffusionGenerate, type DiffusionModel } from "../../src/decode/diffusion.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

// id 0 EOS, 1 the mask, then every string of 1–2 characters over "[],12 a": 64 normal tokens
const CHARS = ["[", "]", ",", "1", "2", " ", "a"];
const TOKENS = ["<eos>", "<mask>", ...CHARS, ...CHARS.flatMap((a) => CHARS.map((b) => a + b))];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1], eosIds: [0] });
const list = compileGrammar(parseGrammar('start: list\nlist: "[" (item ("," item)*)? "]"\n?item: NUM | list\nNUM: /[0-9]+/\n%ignore " "', "lark"));

/** Logits from a seeded hash of (seed, position, step): small integers, so ties are common. */
function hashedModel(seed: number): DiffusionModel {
  let calls = 0;
  return {
    maskTokenId: 1,
    maxContext: undefined,
    encode: (t) => vocab.tokenizeGreedy(t),
    async forward() {
      const call = calls++;
      return {
        row(i: number) {
          const r = new Float32Array(TOKENS.length);
          let h = (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 7, 0x85ebca77) ^ Math.imul(call + 3, 0xc2b2ae35)) >>> 0;
          for (let t = 0; t < r.length; t++) {
            h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
            r[t] = (h % 3) - 1;
          }
          return r;
        },
      };
    },
  };
}

describe("diffusion sampler: re-pick lists", () => {
  it("picks with a short list equal picks that scan every row (random logits with ties, T = 0 and T > 0)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 0.7), fc.constantFrom(1, 4), async (seed, K, temperature, blockLength) => {
        const run = async (pickListSize: number) => {
          const commits: Array<[number, number, number]> = [];
          const r = await diffusionGenerate(hashedModel(seed), vocab, {
            parts: [{ text: "[" }, { masks: 6 }],
            grammar: list,
            blockLength,
            temperature,
            seed,
            pickListSize,
            prefilter: false,
            onCommit: (p, t, s) => commits.push([p, t, s]),
          });
          return { commits, text: r.text, checks: r.stats.checks, rejections: r.stats.rejections, valid: r.valid };
        };
        const scan = await run(0);
        const listed = await run(K);
        expect(listed).toEqual(scan);
        expect(scan.valid).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
