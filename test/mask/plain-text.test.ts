/**
 * Plain-text skipping in token tables (slices.ts): a lexer state's table built with the plain-text
 * index (short plain tokens put in "always" unwalked, their subtrees skipped) must equal the table
 * of a full trie walk — same "always" set, same boundary nodes and groups — for every lexer state
 * met, with any depth cap and search budget. And the depth itself must be sound: every plain text
 * of at most that many characters keeps the DFA alive.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Grammar, TerminalDef } from "../../src/grammar/ir.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { PlainTextIndex, TextDepths, UNBOUNDED_TEXT, plainChars } from "../../src/mask/slices.js";
import { TokenTables, writeAlways, type StateTokens } from "../../src/mask/token-tables.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { LazyDfa } from "../../src/regex/lazy_dfa.js";
import { GramfillError } from "../../src/util/errors.js";
import { makeVocab } from "./helpers.js";

/** string-like terminals: free, bounded (counters), with a format-like shape, keys */
const STRING_TERMINALS = [
  '"[^"\\\\]*"',
  '"[^"\\\\]{0,3}"',
  '"[^"\\\\]{2,6}"',
  '"[a-zé]{1,4}"',
  '"[a-z]+@[a-z]+"',
  '"([^"\\\\]|\\\\n)*"',
  '"(ab|cd|[^"\\\\x]{0,2})"',
  '"key"',
  '"[0-9]{4}-[0-9]{2}"',
];

/** plain and non-plain token pieces: quotes, backslashes, multi-byte characters, cut UTF-8 */
const PIECES = ["a", "b", "ab", "abc", "abcd", "abcdefg", "é", "aé", "日本", "😀", "x", "@", "-", "12", "2024", " ", " a", "a b", '"', '",', 'a"', '"a', "\\", "\\n", ":", ", ", "{", "}", "raw:\xc3", "raw:\xa9", "raw:a\xc3", "\n", "key", "\t", "ke", "y\""];


function grammarOf(strings: string[]): Grammar {
  const terminals: TerminalDef[] = [
    ...strings.map((source, i): TerminalDef => ({ name: `S${i}`, expr: { type: "regex", source, flags: "" } })),
    { name: "COLON", expr: { type: "literal", value: ": " } },
    { name: "COMMA", expr: { type: "literal", value: ", " } },
    { name: "LB", expr: { type: "literal", value: "{" } },
    { name: "RB", expr: { type: "literal", value: "}" } },
  ];
  const str = { type: "alt" as const, alts: strings.map((_, i) => ({ type: "terminal" as const, name: `S${i}` })) };
  return {
    start: "obj",
    rules: [
      { name: "value", expr: str },
      { name: "pair", expr: { type: "seq", items: [str, { type: "terminal", name: "COLON" }, { type: "rule", name: "value" }] } },
      {
        name: "obj",
        expr: {
          type: "seq",
          items: [
            { type: "terminal", name: "LB" },
            { type: "rule", name: "pair" },
            { type: "repeat", min: 0, max: Infinity, expr: { type: "seq", items: [{ type: "terminal", name: "COMMA" }, { type: "rule", name: "pair" }] } },
            { type: "terminal", name: "RB" },
          ],
        },
      },
    ],
    terminals,
    diagnostics: [],
  } as Grammar;
}

/** lexer states at every byte of a few sampled words */
function lexerStates(g: CompiledGrammar, seed: number): number[] {
  let state = seed >>> 0 || 1;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out = new Set<number>();
  for (let w = 0; w < 3; w++) {
    const word = sampleWord(g, { random, maxDepth: 5 });
    if (!word) continue;
    const p = g.newParser();
    out.add(p.lexerState);
    for (const b of word) {
      if (!p.feedByte(b)) break;
      out.add(p.lexerState);
    }
  }
  out.delete(LazyDfa.DEAD);
  return [...out];
}

function alwaysOf(entry: StateTokens): number[] {
  const bits = new Uint32Array((entry.trie.vocabSize + 31) >>> 5);
  writeAlways(entry, bits);
  return Array.from(bits);
}

const PLAIN_POOL = ["a", "z", "é", "日", "😀", " ", "@", "-", "0", "x", "~", "\x7f"];

describe("plain-text skipping in token tables", () => {
  it("gives the same tables as a full walk, for any depth cap and budget", () => {
    let states = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...STRING_TERMINALS), { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.constantFrom(...PIECES), { minLength: 10, maxLength: PIECES.length }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 2, max: 600 }),
        fc.integer(),
        (strings, pieces, cap, budget, seed) => {
          let g: CompiledGrammar;
          try {
            g = compileGrammar(grammarOf(strings));
          } catch (e) {
            if (e instanceof GramfillError) return;
            throw e;
          }
          const vocab = makeVocab(pieces);
          const trie = vocab.trie();
          const plain = new PlainTextIndex(vocab, trie);
          const full = new TokenTables(g.dfa, trie);
          const skipping = new TokenTables(g.dfa, trie, plain, { cap, budget });
          for (const s of lexerStates(g, seed)) {
            const a = full.forState(s);
            const b = skipping.forState(s);
            expect(alwaysOf(b)).toEqual(alwaysOf(a));
            expect(Array.from(b.boundaryNodes)).toEqual(Array.from(a.boundaryNodes));
            expect(Array.from(b.groupState)).toEqual(Array.from(a.groupState));
            expect(Array.from(b.groupStart)).toEqual(Array.from(a.groupStart));
            states++;
          }
        },
      ),
      { numRuns: 100 },
    );
    expect(states).toBeGreaterThan(300);
  });

  it("reports depths every plain text of that many characters survives", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRING_TERMINALS), fc.array(fc.array(fc.constantFrom(...PLAIN_POOL), { maxLength: 8 }), { minLength: 20, maxLength: 20 }), (source, texts) => {
        const g = compileGrammar(grammarOf([source]));
        const depths = new TextDepths(g.dfa, 8);
        const p = g.newParser();
        p.feedByte(0x7b); // "{"
        p.feedByte(0x22); // the key's opening quote: inside a string lexeme
        const s = p.lexerState;
        const d = depths.depth(s);
        for (const chars of texts) {
          if (d !== UNBOUNDED_TEXT && chars.length > d) continue;
          let q = s;
          for (const b of new TextEncoder().encode(chars.join(""))) q = g.dfa.next(q, b);
          expect({ source, text: chars.join(""), alive: q !== LazyDfa.DEAD }).toEqual({ source, text: chars.join(""), alive: true });
        }
      }),
      { numRuns: 100 },
    );
  });

  it("finds free keys beside named ones unbounded, soundly, with full-walk tables", () => {
    const NAMES = ["a", "ab", "abc", "b", "ba", "key", "k", "ke", "name", "nam", "é", "日本"];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length }),
        fc.boolean(),
        fc.array(fc.array(fc.constantFrom(...PLAIN_POOL, "a", "b", "k", "e"), { maxLength: 40 }), { minLength: 10, maxLength: 10 }),
        fc.integer(),
        (names, finite, texts, seed) => {
          const lit = (value: string) => ({ type: "literal" as const, value });
          // the complement of the names (finite), or of every key starting with "a" (not finite: no shortcut)
          const out = finite ? { type: "alt" as const, alts: names.map((n) => lit(`"${n}"`)) } : { type: "regex" as const, source: '"a[^"\\\\]*"', flags: "" };
          const terminals: TerminalDef[] = [
            { name: "FREE", expr: { type: "seq", items: [{ type: "and", items: [{ type: "regex", source: '"[^"\\\\]*"', flags: "" }, { type: "not", expr: out }] }, lit(": ")] } },
            ...names.map((n, i): TerminalDef => ({ name: `N${i}`, expr: lit(`"${n}": `) })),
            { name: "STR", expr: { type: "regex", source: '"[^"\\\\]{0,3}"', flags: "" } },
            { name: "COMMA", expr: lit(", ") },
            { name: "LB", expr: lit("{") },
            { name: "RB", expr: lit("}") },
          ];
          const key = { type: "alt" as const, alts: ["FREE", ...names.map((_, i) => `N${i}`)].map((name) => ({ type: "terminal" as const, name })) };
          const pair = { type: "seq" as const, items: [key, { type: "terminal" as const, name: "STR" }] };
          const g = compileGrammar({
            start: "obj",
            rules: [{ name: "obj", expr: { type: "seq", items: [{ type: "terminal", name: "LB" }, pair, { type: "repeat", min: 0, max: Infinity, expr: { type: "seq", items: [{ type: "terminal", name: "COMMA" }, pair] } }, { type: "terminal", name: "RB" }] } }],
            terminals,
            diagnostics: [],
          } as Grammar);
          const p = g.newParser();
          p.feedByte(0x7b); // "{"
          p.feedByte(0x22); // inside a key: the free key and every name alive
          const s = p.lexerState;
          const depths = new TextDepths(g.dfa, 32, 8); // a budget the names' prefixes exceed
          const d = depths.depth(s);
          if (finite) expect(d).toBe(UNBOUNDED_TEXT);
          for (const chars of texts) {
            if (d !== UNBOUNDED_TEXT && chars.length > d) continue;
            let q = s;
            for (const b of new TextEncoder().encode(chars.join(""))) q = g.dfa.next(q, b);
            expect({ names, finite, text: chars.join(""), alive: q !== LazyDfa.DEAD }).toEqual({ names, finite, text: chars.join(""), alive: true });
          }
          const vocab = makeVocab([...PIECES, "name", "abcdefgh", '": ', '": "', "key\""]);
          const trie = vocab.trie();
          const full = new TokenTables(g.dfa, trie, undefined, {}, false);
          const skipping = new TokenTables(g.dfa, trie, new PlainTextIndex(vocab, trie), { cap: 32, budget: 8 }, false);
          for (const q of [s, ...lexerStates(g, seed)]) {
            const a = full.forState(q);
            const b = skipping.forState(q);
            expect(alwaysOf(b)).toEqual(alwaysOf(a));
            expect(Array.from(b.boundaryNodes)).toEqual(Array.from(a.boundaryNodes));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("measures plain characters and subtree maxima", () => {
    expect(plainChars(new TextEncoder().encode("aé日😀"))).toBe(4);
    expect(plainChars(new TextEncoder().encode('a"'))).toBe(0);
    expect(plainChars(new TextEncoder().encode("a\\"))).toBe(0);
    expect(plainChars(Uint8Array.of(0xed, 0xa0, 0x80))).toBe(0); // a surrogate
    // a token ending inside a character is a prefix of a text with one more character
    expect(plainChars(Uint8Array.of(0x61, 0xc3))).toBe(2);
    expect(plainChars(Uint8Array.of(0xc3, 0xa9, 0xe6, 0x97))).toBe(2);
    expect(plainChars(Uint8Array.of(0xf0, 0x9f))).toBe(1);
    expect(plainChars(Uint8Array.of(0xe0, 0x80))).toBe(0); // only an overlong could follow
    expect(plainChars(Uint8Array.of(0xf4, 0x90))).toBe(0); // above U+10FFFF
    expect(plainChars(Uint8Array.of(0xa9))).toBe(0); // a continuation byte first
    expect(plainChars(Uint8Array.of(0xc3, 0x61))).toBe(0);
    const vocab = makeVocab(["a", "ab", "abc", 'a"', "b"]);
    const trie = vocab.trie();
    const plain = new PlainTextIndex(vocab, trie);
    expect(plain.maxChars).toBe(3);
    expect(plain.subtreeMax[trie.lookup(new TextEncoder().encode("a"))]).toBe(255); // 'a"' under it
    expect(plain.subtreeMax[trie.lookup(new TextEncoder().encode("ab"))]).toBe(3);
    expect(plain.subtreeMax[trie.lookup(new TextEncoder().encode("b"))]).toBe(1);
    const ids = (m: Uint32Array) => [...Array(vocab.size).keys()].filter((i) => (m[i >>> 5]! >>> (i & 31)) & 1);
    expect(ids(plain.maskUpTo(2))).toEqual([1, 2, 5]);
    expect(ids(plain.maskUpTo(99))).toEqual([1, 2, 3, 5]);
  });
});
