/** Random cases for the token-exact session tests: a grammar, one of its words, a small vocabulary. */
import fc from "fast-check";
import { sampleWord } from "../../src/grammar/sample.js";
import type { CompiledGrammar } from "../../src/parser/compile.js";
import { expect } from "vitest";
import { WITNESS_EOS, type InfillSession } from "../../src/infill/session.js";
import type { Canvas } from "../../src/infill/canvas.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { ALPHABET, compile, grammarArb, lcg } from "./grammars.js";

const enc = new TextEncoder();

/** Position state for the brute force: committed token bytes, "eos" padding, or null (masked). */
export type Slot = Uint8Array | "eos" | null;

/**
 * Is there a filling of the masked slots with tokens (and, in a tail, EOS padding: EOS at q makes
 * every later slot padding) whose text is a word? `before`/`after`: fixed text around the slots.
 * EOS may go at a masked slot only when every later slot is masked or padding.
 */
export function bruteFeasible(g: CompiledGrammar, tokens: Uint8Array[], before: Uint8Array, slots: Slot[], after: Uint8Array, tail: boolean): boolean {
  const go = (i: number, acc: number[]): boolean => {
    if (i === slots.length) return g.check(Uint8Array.from([...before, ...acc, ...after])).ok;
    const s = slots[i];
    if (s === "eos") return go(slots.length, acc);
    if (s) return go(i + 1, [...acc, ...s]);
    if (tail && slots.slice(i + 1).every((x) => x === null || x === "eos") && go(slots.length, acc)) return true;
    for (const t of tokens) if (go(i + 1, [...acc, ...t])) return true;
    return false;
  };
  return go(0, []);
}

/** A vocabulary of these tokens, EOS (`</s>`, id 0) first. */
export function vocabOf(tokens: string[]): Vocabulary {
  return new Vocabulary({ kind: "custom", bytes: ["</s>", ...tokens], specialIds: [0], eosIds: [0] });
}

export interface TokenCase {
  g: CompiledGrammar;
  /** seeded: the test's further random choices */
  random: () => number;
  /** a word of g of at most 14 bytes */
  word: Uint8Array;
  vocab: Vocabulary;
  /** the vocabulary's tokens of at most 3 bytes */
  speller: TokenSpeller;
  /** the normal tokens' bytes */
  tokens: Uint8Array[];
}

/**
 * A random grammar over the test alphabet, a sampled word, and a vocabulary of every alphabet byte
 * (or a random part of them) plus up to `maxMulti` multi-byte tokens; null when the grammar is empty
 * or the word too long.
 */
export function tokenCaseArb(maxMulti: number): fc.Arbitrary<TokenCase | null> {
  return fc
    .tuple(grammarArb, fc.boolean(), fc.integer(), fc.uniqueArray(fc.stringMatching(/^[ab01,() ]{2,3}$/), { maxLength: maxMulti }), fc.boolean())
    .map(([rules, ws, seed, multi, allSingles]) => {
      const g = compile(rules, ws);
      if (!g) return null;
      const random = lcg(seed);
      const word = sampleWord(g, { random, maxDepth: 6, maxTerminalBytes: 4 });
      if (!word || word.length > 14) return null;
      const singles = ALPHABET.map((b) => String.fromCharCode(b)).filter(() => allSingles || random() < 0.6);
      const vocab = vocabOf([...singles, ...multi]);
      return { g, random, word, vocab, speller: new TokenSpeller(vocab, { maxTokenBytes: 3 }), tokens: [...singles, ...multi].map((t) => enc.encode(t)) };
    });
}

/**
 * One hole cut out of the case's word (random draws from its `random`): a run of k = 1–3 positions of
 * ≤ 3 bytes between `before` and `after`; in half the cases a tail (the rest of the word cut off, EOS may end the run).
 */
export function oneHoleCut(tc: TokenCase): { tail: boolean; k: number; before: Uint8Array; after: Uint8Array; canvas: Canvas } {
  const { random, word } = tc;
  const tail = random() < 0.5;
  const lo = Math.floor(random() * (word.length + 1));
  const hi = tail ? word.length : Math.min(word.length, lo + Math.floor(random() * 4));
  const k = 1 + Math.floor(random() * 3);
  const before = word.slice(0, lo);
  const after = tail ? new Uint8Array(0) : word.slice(hi);
  const canvas: Canvas = [{ text: before }, { hole: { tokens: k, maxTokenBytes: 3, tailMayEnd: tail } }, ...(after.length ? [{ text: after }] : [])];
  return { tail, k, before, after, canvas };
}

/**
 * After a refused try at masked position p: commits the session's own witness token there (or EOS),
 * which must be feasible; returns it (`WITNESS_EOS` for EOS, which pads the rest of p's hole).
 */
export function commitWitnessToken(s: InfillSession, p: number, vocab: Vocabulary): number {
  const w = s.witnessTokenAt(p);
  expect(w === WITNESS_EOS || w > 0).toBe(true);
  const r = w === WITNESS_EOS ? s.tryEnd(p) : s.tryCommit(p, vocab.tokenBytes(w));
  expect(r.status).toBe("feasible");
  if (w === WITNESS_EOS) s.end(p);
  else s.commit(p, vocab.tokenBytes(w));
  return w;
}
