/**
 * The diffusion decoder over several holes that EOS may end early uses a token-exact session for
 * every hole (not whole-canvas byte checks): a scripted model that prefers EOS everywhere ends holes
 * early where the grammar allows it, never dead-ends, and needs no fallback.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffusionGenerate, type DiffusionModel, type DiffusionPart } from "../../src/decode/diffusion.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

const TOKENS = ["<eos>", "<mask>", "[", "]", ",", "1", "2", "12", " ", "[1", "],", "0"];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1], eosIds: [0] });
const EOS = 0;
const list = compileGrammar(parseGrammar('start: list\nlist: "[" (item ("," item)*)? "]"\n?item: NUM | list\nNUM: /[0-9]+/\n%ignore " "', "lark"));

/** Logits per position from `score(token)`; the same row at every position, plus per-position noise. */
function model(score: (t: number, pos: number) => number): DiffusionModel {
  return {
    maskTokenId: 1,
    maxContext: undefined,
    encode: (t) => vocab.tokenizeGreedy(t),
    async forward() {
      return {
        row(i: number) {
          const r = new Float32Array(TOKENS.length);
          for (let t = 0; t < TOKENS.length; t++) r[t] = t === 1 ? -50 : score(t, i);
          return r;
        },
      };
    },
  };
}

describe("diffusion decoding with EOS inside middle holes (token-exact sessions)", () => {
  it("a model that prefers EOS: holes end early where the text allows it, every commit checked by the session", async () => {
    const parts: DiffusionPart[] = [{ text: "[" }, { masks: 3 }, { text: ", " }, { masks: 3 }, { text: "]" }];
    const r = await diffusionGenerate(model((t) => (t === EOS ? 8 : t === 5 ? 4 : 0)), vocab, { parts, grammar: list, eosPenalty: 1 });
    expect(r.checkMode).toBe("session");
    expect(r.stats.token_witness).toBe(true);
    expect(r.fallbackUsed).toBe(false);
    expect(r.valid).toBe(true);
    expect(r.text).toBe("[1, 1]"); // EOS right after the first token of each hole
    expect(r.fills).toEqual(["1", "1"]);
    expect(r.stats.tokens).toBe(2);
  });

  it("property: random logits over 1-3 holes — always a word, never the fallback, EOS only ends holes", async () => {
    const words = ["[]", "[1]", "[1,2]", "[[1],12]", "[ 1 , [ ] ]"];
    let early = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...words), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1000 }), async (word, cuts, masks, seed) => {
        const at = [...new Set(cuts.map((c) => c % (word.length + 1)))].sort((a, b) => a - b);
        const parts: DiffusionPart[] = [];
        let from = 0;
        for (const c of at) {
          if (c > from) parts.push({ text: word.slice(from, c) });
          if (parts.length > 0 && "masks" in parts[parts.length - 1]!) (parts[parts.length - 1] as { masks: number }).masks += masks;
          else parts.push({ masks });
          from = c;
        }
        if (from < word.length) parts.push({ text: word.slice(from) });
        let s = seed;
        const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
        let r;
        try {
          r = await diffusionGenerate(model(() => rnd() * 10), vocab, { parts, grammar: list, blockLength: 1 + (seed % 4), seed });
        } catch (e) {
          // too few positions for any word: refused up front, never mid-way
          expect(String(e)).toMatch(/no filling of the masked positions/);
          return;
        }
        expect(r.checkMode).toBe("session");
        expect(r.valid).toBe(true);
        expect(list.check(r.text).ok).toBe(true);
        if (r.stats.token_witness) expect(r.fallbackUsed).toBe(false);
        const positions = parts.reduce((n, p) => n + ("masks" in p ? p.masks : 0), 0);
        if (!r.fallbackUsed && r.stats.tokens < positions) early++;
      }),
      { numRuns: 40 },
    );
    expect(early).toBeGreaterThan(5);
  });
});
