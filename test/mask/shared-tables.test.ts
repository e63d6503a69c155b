/**
 * Token tables shared between lexer states with the same distinct derivatives (token-tables.ts):
 * grammars whose terminals repeat the same language under other names (a string value of two
 * properties, the same key in two objects) give lexer states that differ only in which terminals
 * carry the derivatives. Such a state reuses another's table shape with its own group states. Its
 * table must be what a walk from that state alone gives, and its masks the brute-force ones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TerminalDef } from "../../src/grammar/ir.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { MaskContext } from "../../src/mask/matcher.js";
import { plainTextIndex } from "../../src/mask/slices.js";
import { TokenTables, writeAlways, type StateTokens } from "../../src/mask/token-tables.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { LazyDfa } from "../../src/regex/lazy_dfa.js";
import { mulberry32 } from "../../src/util/random.js";
import { GramfillError } from "../../src/util/errors.js";
import { bruteMask, makeVocab, rulesArb, rulesGrammar } from "./helpers.js";

const regex = (name: string, source: string): TerminalDef => ({ name, expr: { type: "regex", source, flags: "" } });
/** pairs of terminals with the same language, and a few others */
const TERMINALS: TerminalDef[] = [
  regex("STR1", '"[^"\\\\]*"'),
  regex("STR2", '"[^"\\\\]*"'),
  regex("SHORT1", '"[a-zé]{0,3}"'),
  regex("SHORT2", '"[a-zé]{0,3}"'),
  regex("NUM1", "-?[0-9]+"),
  regex("NUM2", "-?[0-9]+"),
  { name: "KEY1", expr: { type: "literal", value: '"k"' } },
  { name: "KEY2", expr: { type: "literal", value: '"k"' } },
  { name: "COLON", expr: { type: "literal", value: ": " } },
  { name: "COMMA", expr: { type: "literal", value: ", " } },
  { name: "LB", expr: { type: "literal", value: "{" } },
  { name: "RB", expr: { type: "literal", value: "}" } },
];
const NAMES = TERMINALS.map((t) => t.name);

const grammarArb = rulesArb(NAMES);


const PIECES = ['"', '"k"', '"k', "k", 'k"', '",', '"}', ": ", ", ", "{", "}", '{"', "ab", "abcd", "é", "raw:\xc3", "raw:\xa9", "1", "-1", "12", '1,', "x", '\\', '"a"'];



/** A table as sets: the always bits, and the boundary nodes of each group state. */
function tableOf(e: StateTokens): { always: number[]; groups: Record<number, number[]> } {
  const bits = new Uint32Array((e.trie.vocabSize + 31) >>> 5);
  writeAlways(e, bits);
  const groups: Record<number, number[]> = {};
  for (let g = 0; g < e.groupState.length; g++) groups[e.groupState[g]!] = Array.from(e.boundaryNodes.subarray(e.groupStart[g]!, e.groupStart[g + 1]!));
  return { always: Array.from(bits), groups };
}

describe("token tables shared between lexer states", () => {
  it("equal each state's own walk, and give brute-force masks", () => {
    let states = 0;
    let shared = 0;
    fc.assert(
      fc.property(grammarArb, fc.uniqueArray(fc.constantFrom(...PIECES), { minLength: 8, maxLength: PIECES.length }), fc.integer(), (rules, pieces, seed) => {
        let g: CompiledGrammar;
        try {
          g = compileGrammar(rulesGrammar(rules, TERMINALS));
        } catch (e) {
          if (e instanceof GramfillError) return;
          throw e;
        }
        const vocab = makeVocab(pieces);
        const ctx = new MaskContext(g, vocab);
        const random = mulberry32(seed);
        const bits = new Uint32Array((vocab.size + 31) >>> 5);
        for (let w = 0; w < 3; w++) {
          const word = sampleWord(g, { random, maxDepth: 6 });
          if (!word) continue;
          const m = ctx.matcher();
          for (let i = 0; i <= Math.min(word.length, 40); i++) {
            if (i > 0) m.acceptBytes(word.subarray(i - 1, i));
            const s = ctx.grammar.newParser();
            s.feed(word.subarray(0, i));
            if (s.lexerState !== LazyDfa.DEAD) {
              const alone = new TokenTables(g.dfa, ctx.trie, plainTextIndex(vocab, ctx.trie), {}, false);
              expect(tableOf(ctx.tables.forState(s.lexerState))).toEqual(tableOf(alone.forState(s.lexerState)));
            }
            m.fillMask(bits);
            const got = [...Array(vocab.size).keys()].filter((id) => (bits[id >>> 5]! >>> (id & 31)) & 1);
            expect(got).toEqual(bruteMask(g, word.subarray(0, i), vocab));
          }
        }
        states += ctx.tables.statesComputed;
        shared += ctx.tables.statesComputed - ctx.tables.shapesComputed;
      }),
      { numRuns: 60 },
    );
    // the random grammars do make states that share (how many varies from run to run)
    expect(shared).toBeGreaterThan(0);
    expect(states).toBeGreaterThan(shared);
  });

  it("are shared across grammars (each with its own expression store) and give brute-force masks there", () => {
    let borrowed = 0;
    fc.assert(
      fc.property(grammarArb, fc.uniqueArray(fc.constantFrom(...PIECES), { minLength: 8, maxLength: PIECES.length }), fc.integer(), (rules, pieces, seed) => {
        let first: CompiledGrammar;
        let second: CompiledGrammar;
        try {
          first = compileGrammar(rulesGrammar(rules, TERMINALS));
          second = compileGrammar(rulesGrammar(rules, TERMINALS));
        } catch (e) {
          if (e instanceof GramfillError) return;
          throw e;
        }
        expect(second.exprs).not.toBe(first.exprs);
        // a fresh vocabulary: no shapes from earlier runs
        const vocab = makeVocab(pieces);
        const words: Uint8Array[] = [];
        const random = mulberry32(seed);
        for (let w = 0; w < 3; w++) {
          const word = sampleWord(first, { random, maxDepth: 6 });
          if (word) words.push(word.subarray(0, 40));
        }
        const bits = new Uint32Array((vocab.size + 31) >>> 5);
        const ctx1 = new MaskContext(first, vocab);
        for (const word of words) {
          const m = ctx1.matcher();
          m.acceptBytes(word.subarray(0, word.length - 1));
          m.fillMask(bits);
        }
        const ctx2 = new MaskContext(second, vocab);
        for (const word of words) {
          const m = ctx2.matcher();
          for (let i = 0; i <= word.length; i++) {
            if (i > 0) m.acceptBytes(word.subarray(i - 1, i));
            m.fillMask(bits);
            const got = [...Array(vocab.size).keys()].filter((id) => (bits[id >>> 5]! >>> (id & 31)) & 1);
            expect(got).toEqual(bruteMask(second, word.subarray(0, i), vocab));
          }
        }
        borrowed += ctx2.tables.statesComputed - ctx2.tables.shapesComputed;
      }),
      { numRuns: 40 },
    );
    expect(borrowed).toBeGreaterThan(0);
  });

  it("are shared by the twin keys and string values of one object, with brute-force masks", () => {
    // r0: LB KEY1 COLON STR1 COMMA KEY2 COLON STR2 RB: the second key and value states differ from the first ones only in their terminals
    const g = compileGrammar(rulesGrammar([[["LB", "KEY1", "COLON", "STR1", "COMMA", "KEY2", "COLON", "STR2", "RB"]]], TERMINALS));
    const vocab = makeVocab(PIECES);
    const ctx = new MaskContext(g, vocab);
    const m = ctx.matcher();
    const bits = new Uint32Array((vocab.size + 31) >>> 5);
    const text = new TextEncoder().encode('{"k": "ab", "k": "abcd"}');
    for (let i = 0; i <= text.length; i++) {
      if (i > 0) m.acceptBytes(text.subarray(i - 1, i));
      m.fillMask(bits);
      const got = [...Array(vocab.size).keys()].filter((id) => (bits[id >>> 5]! >>> (id & 31)) & 1);
      expect(got).toEqual(bruteMask(g, text.subarray(0, i), vocab));
    }
    expect(ctx.tables.shapesComputed).toBeLessThan(ctx.tables.statesComputed);
  });
});
