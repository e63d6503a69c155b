/**
 * Masks on random grammars with random small vocabularies: tokens that span lexemes, end inside a
 * lexeme or inside a UTF-8 character, ignored whitespace, ambiguity. The mask must equal the
 * brute-force one (feed each token's bytes to a parser) at every prefix of sampled words.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TerminalDef } from "../../src/grammar/ir.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { MaskContext } from "../../src/mask/matcher.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { GramfillError } from "../../src/util/errors.js";
import { bruteMask, makeVocab, rulesArb, rulesGrammar } from "./helpers.js";

const TERMINALS: TerminalDef[] = [
  { name: "A", expr: { type: "literal", value: "a" } },
  { name: "AB", expr: { type: "literal", value: "ab" } },
  { name: "WORD", expr: { type: "regex", source: "[a-cé]+", flags: "" } },
  { name: "NUM", expr: { type: "regex", source: "-?[0-9]+(\\.[0-9]+)?", flags: "" } },
  { name: "STR", expr: { type: "regex", source: '"[^"\\\\]*"', flags: "" } },
  { name: "COMMA", expr: { type: "literal", value: "," } },
  { name: "LP", expr: { type: "literal", value: "(" } },
  { name: "RP", expr: { type: "literal", value: ")" } },
  { name: "WS", expr: { type: "regex", source: "[ \\n]+", flags: "" }, ignored: true },
];
const USABLE = TERMINALS.filter((t) => !t.ignored).map((t) => t.name);

const grammarArb = rulesArb(USABLE);


/** text pieces are UTF-8; `raw:` pieces are bytes given as latin-1 (halves of "é" = c3 a9) */
const PIECES = ["a", "b", "c", "ab", "ba", "abc", ",", "(", ")", ", ", " (", "),", "1", "12", "-", ".5", '"', '"a', 'a"', '",', " ", "\n", "é", "raw:\xc3", "raw:\xa9", "raw:a\xc3", "raw:\xa9b", "x", "0.", '"é"'];
const vocabArb = fc.uniqueArray(fc.constantFrom(...PIECES), { minLength: 8, maxLength: PIECES.length });



describe("masks on random grammars and vocabularies", () => {
  it("equal the brute-force mask at every prefix of sampled words", () => {
    let compared = 0;
    fc.assert(
      fc.property(grammarArb, vocabArb, fc.integer(), (rules, pieces, seed) => {
        let g: CompiledGrammar;
        try {
          g = compileGrammar(rulesGrammar(rules, TERMINALS));
        } catch (e) {
          if (e instanceof GramfillError && /no finite string/.test(e.message)) return;
          throw e;
        }
        const vocab = makeVocab(pieces);
        const ctx = new MaskContext(g, vocab);
        let state = seed >>> 0;
        const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
        const word = sampleWord(g, { random, maxDepth: 6 });
        if (!word) return;
        const bits = new Uint32Array((vocab.size + 31) >>> 5);
        for (let cut = 0; cut <= Math.min(word.length, 30); cut++) {
          const m = ctx.matcher();
          expect(m.acceptBytes(word.subarray(0, cut))).toBe(true);
          m.fillMask(bits);
          const got: number[] = [];
          for (let id = 0; id < vocab.size; id++) if ((bits[id >>> 5]! >>> (id & 31)) & 1) got.push(id);
          expect({ cut, got }).toEqual({ cut, got: bruteMask(g, word.subarray(0, cut), vocab) });
          compared++;
        }
      }),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThan(500);
  });
});
