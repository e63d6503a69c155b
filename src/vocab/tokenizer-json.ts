/**
 * Reading a Hugging Face `tokenizer.json` (and the `tokenizer_config.json`, `config.json`,
 * `generation_config.json` beside it) into the exact byte string of every token id.
 *
 * The bytes of a token are what the detokenizer emits for it in the middle of a sequence: the
 * token's string is pushed through the per-token steps of the `decoder` (ByteLevel, Replace,
 * ByteFallback, Metaspace, Strip before Fuse), and the steps that only touch the start of a sequence
 * (Metaspace's and Strip-after-Fuse's removal of the leading space) are left out.
 *
 * Supported: BPE and Unigram models whose decoder is byte-level (GPT-2, Llama 3, Qwen) or
 * SentencePiece-like (Llama 2, Mistral, Gemma: `▁` for space, `<0xNN>` byte fallback). Everything
 * else fails with a GramfillError naming the file and what is unsupported.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { GramfillError } from "../util/errors.js";

/** How token strings spell bytes. */
export type VocabularyKind =
  | "byte-level" // GPT-2 byte↔unicode map
  | "sentencepiece" // ▁ for space (Replace or Metaspace decoder), usually with <0xNN> byte fallback
  | "plain"; // token strings are the text (only Fuse/Strip/ByteFallback in the decoder)

/** What `readTokenizerJson` extracts: plain arrays, packed by `Vocabulary`. */
export interface TokenizerData {
  kind: VocabularyKind;
  /** `BPE` or `Unigram` */
  model: string;
  /** the model has byte-fallback `<0xNN>` tokens that the decoder turns into bytes */
  byteFallback: boolean;
  /** max id + 1 */
  size: number;
  /** bytes of each id (`null` for holes); special tokens hold the UTF-8 of their content */
  bytes: (Uint8Array | null)[];
  /** the token strings as the file spells them (`Ġhello`, `▁the`, `<0x0A>`), `null` for holes */
  names: (string | null)[];
  /** ascending */
  specialIds: number[];
  /** ascending; always a subset of `specialIds` */
  eosIds: number[];
  /** `vocab_size` of `config.json`, when there is one (the logits width, often > size) */
  modelVocabSize: number | undefined;
  /** the tokenizer.json path, when read from a file */
  file: string | undefined;
  /** things that did not stop loading (an EOS token name that matches no token, ...) */
  warnings: string[];
}

/** Extra inputs for `readTokenizerJson`; file paths or parsed JSON. Missing ones are looked up next to the tokenizer file. */
export interface TokenizerJsonOptions {
  tokenizerConfig?: string | object | null;
  /** `config.json` (for `eos_token_id`, `vocab_size`) */
  modelConfig?: string | object | null;
  /** `generation_config.json` (for `eos_token_id`) */
  generationConfig?: string | object | null;
  /** more EOS ids (they become special too) */
  eosIds?: number[];
  /** more special ids */
  specialIds?: number[];
  /**
   * Accept a model that cannot spell every byte (Unigram or non-byte-level BPE without byte
   * fallback, which map unknown text to <unk>). Default false: such a model fails to load.
   */
  allowPartialByteCoverage?: boolean;
}

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// GPT-2 byte ↔ unicode map

const BYTE_TO_CHAR: string[] = [];
/** code point → byte, -1 where the code point is not in the map (all of them are below 0x144) */
const CHAR_TO_BYTE = new Int16Array(0x200).fill(-1);
{
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    const cp = printable ? b : 256 + extra++;
    BYTE_TO_CHAR.push(String.fromCharCode(cp));
    CHAR_TO_BYTE[cp] = b;
  }
}

/** The byte that a GPT-2 ByteLevel character stands for (Ġ → 0x20), or -1. */
export function byteLevelByte(codePoint: number): number {
  return codePoint >= 0 && codePoint < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[codePoint]! : -1;
}

/** The GPT-2 ByteLevel spelling of a byte (0x20 → "Ġ"). */
export function byteLevelChar(byte: number): string {
  const c = BYTE_TO_CHAR[byte];
  if (c === undefined) throw new RangeError(`not a byte: ${byte}`);
  return c;
}

// ---------------------------------------------------------------------------------------------
// decoder steps

type Step =
  | { type: "ByteLevel" }
  | { type: "Replace"; pattern: string; content: string }
  | { type: "ByteFallback" }
  | { type: "Fuse" }
  | { type: "Strip"; content: string; start: number; stop: number }
  | { type: "Metaspace"; replacement: string };

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const BYTE_TOKEN = /^<0x([0-9A-Fa-f]{2})>$/;

function fail(file: string | undefined, message: string): never {
  throw new GramfillError("io", message, file !== undefined ? { file } : undefined);
}

function flattenDecoder(decoder: unknown, file: string | undefined, out: Step[]): Step[] {
  if (decoder === null || decoder === undefined) return out;
  const d = decoder as Json;
  switch (d.type) {
    case "Sequence":
      for (const inner of (d.decoders as unknown[]) ?? []) flattenDecoder(inner, file, out);
      return out;
    case "ByteLevel":
    case "ByteFallback":
    case "Fuse":
      out.push({ type: d.type });
      return out;
    case "Replace": {
      const pattern = d.pattern as Json | undefined;
      if (!pattern || typeof pattern.String !== "string") {
        fail(file, `unsupported tokenizer: a Replace decoder with a regex pattern (${JSON.stringify(pattern)})`);
      }
      out.push({ type: "Replace", pattern: pattern.String, content: String(d.content ?? "") });
      return out;
    }
    case "Strip":
      out.push({ type: "Strip", content: String(d.content ?? " "), start: Number(d.start ?? 0), stop: Number(d.stop ?? 0) });
      return out;
    case "Metaspace":
      out.push({ type: "Metaspace", replacement: String(d.replacement ?? "▁") });
      return out;
    default:
      fail(file, `unsupported tokenizer: decoder type '${String(d.type)}' (supported: ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace)`);
  }
}

/** The first node of `type` in a (possibly nested) Sequence of decoders or pre-tokenizers. */
function findType(node: unknown, type: string): Json | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const n = node as Json;
  if (n.type === type) return n;
  for (const key of ["decoders", "pretokenizers"]) {
    const list = n[key];
    if (!Array.isArray(list)) continue;
    for (const x of list) {
      const found = findType(x, type);
      if (found) return found;
    }
  }
  return undefined;
}

function hasType(node: unknown, type: string): boolean {
  return findType(node, type) !== undefined;
}

/** The bytes a GPT-2 ByteLevel token string spells, or null if a character is outside the map. */
function byteLevelBytes(token: string): Uint8Array | null {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const b = c < 0x200 ? CHAR_TO_BYTE[c]! : -1;
    if (b < 0) return null;
    out[i] = b;
  }
  return out;
}

/**
 * Applies the per-token decoder steps to one token string. `added` tokens skip ByteLevel (their
 * content is text, not GPT-2 spelled bytes).
 */
function decodeToken(token: string, steps: Step[], added: boolean): Uint8Array {
  if (steps.length === 1 && steps[0]!.type === "ByteLevel" && !added) return byteLevelBytes(token) ?? utf8.encode(token);
  let text: string | null = token;
  let bytes: Uint8Array | null = null;
  let fused = false;
  const asText = (): string | null => {
    if (text !== null) return text;
    try {
      return utf8Strict.decode(bytes!);
    } catch {
      return null; // a fragment of a UTF-8 sequence: string steps cannot match in it
    }
  };
  for (const step of steps) {
    switch (step.type) {
      case "ByteLevel": {
        fused = true;
        if (added || text === null) break;
        // HF: a token with a character outside the map is taken as its UTF-8
        bytes = byteLevelBytes(text) ?? utf8.encode(text);
        text = null;
        break;
      }
      case "ByteFallback": {
        const m = text !== null ? BYTE_TOKEN.exec(text) : null;
        if (m) {
          bytes = Uint8Array.of(parseInt(m[1]!, 16));
          text = null;
        }
        break;
      }
      case "Fuse":
        fused = true;
        break;
      case "Replace":
      case "Metaspace": {
        const from = step.type === "Replace" ? step.pattern : step.replacement;
        const to = step.type === "Replace" ? step.content : " ";
        const s = asText();
        if (s === null || from === "" || !s.includes(from)) break;
        text = s.split(from).join(to);
        bytes = null;
        break;
      }
      case "Strip": {
        // after Fuse the token list is the whole sequence: stripping then touches only its ends
        if (fused) break;
        const s = asText();
        if (s === null) break;
        const chars = Array.from(s);
        let start = 0;
        while (start < step.start && start < chars.length && chars[start] === step.content) start++;
        let end = chars.length;
        while (chars.length - end < step.stop && end > start && chars[end - 1] === step.content) end--;
        if (start === 0 && end === chars.length) break;
        text = chars.slice(start, end).join("");
        bytes = null;
        break;
      }
    }
  }
  return text !== null ? utf8.encode(text) : bytes!;
}

// ---------------------------------------------------------------------------------------------
// reading

function readJsonFile(file: string, what: string): Json {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.message;
    fail(file, `cannot read ${what}: ${reason}`);
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== "object" || Array.isArray(v)) fail(file, `${what} is not a JSON object`);
    return v as Json;
  } catch (e) {
    if (e instanceof GramfillError) throw e;
    fail(file, `${what} is not valid JSON: ${(e as Error).message}`);
  }
}

function optionalJson(given: string | object | null | undefined, dir: string | undefined, name: string): Json | undefined {
  if (given === null) return undefined;
  if (typeof given === "string") return readJsonFile(given, name);
  if (given !== undefined) return given as Json;
  if (dir === undefined) return undefined;
  const file = join(dir, name);
  return existsSync(file) ? readJsonFile(file, name) : undefined;
}

/** The content of a token entry in tokenizer_config.json: a string or `{content}` (AddedToken). */
function tokenContent(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v !== null && typeof v === "object" && typeof (v as Json).content === "string") return (v as Json).content as string;
  return undefined;
}

function idList(v: unknown): number[] {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return [v];
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0);
  return [];
}

/** Resolves a tokenizer path: a `tokenizer.json` file or a folder holding one. */
export function resolveTokenizerPath(path: string): string {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    fail(path, "cannot read tokenizer: no such file or folder");
  }
  if (!isDir) return path;
  const file = join(path, "tokenizer.json");
  if (!existsSync(file)) fail(path, "folder has no tokenizer.json");
  return file;
}

/**
 * Reads a tokenizer. `source` is a path (a `tokenizer.json` or a folder holding one) or the parsed
 * JSON. With a path, `tokenizer_config.json`, `config.json` and `generation_config.json` are read
 * from the same folder unless `options` gives them (or `null` to skip one).
 */
export function readTokenizerJson(source: string | object, options: TokenizerJsonOptions = {}): TokenizerData {
  let file: string | undefined;
  let tok: Json;
  if (typeof source === "string") {
    file = resolveTokenizerPath(source);
    tok = readJsonFile(file, "tokenizer.json");
  } else {
    tok = source as Json;
  }
  const dir = file !== undefined ? dirname(file) : undefined;
  const tokenizerConfig = optionalJson(options.tokenizerConfig, dir, "tokenizer_config.json");
  const modelConfig = optionalJson(options.modelConfig, dir, "config.json");
  const generationConfig = optionalJson(options.generationConfig, dir, "generation_config.json");
  const warnings: string[] = [];

  // --- model
  const model = tok.model as Json | undefined;
  if (!model || typeof model !== "object") fail(file, "not a Hugging Face tokenizer.json: no 'model'");
  const modelType = String(model.type ?? (Array.isArray(model.vocab) ? "Unigram" : model.merges ? "BPE" : "unknown"));
  const vocab: [string, number][] = [];
  if (modelType === "BPE") {
    if (model.vocab === null || typeof model.vocab !== "object" || Array.isArray(model.vocab)) fail(file, "BPE model without a vocab object");
    const entries = model.vocab as Record<string, number>;
    for (const s in entries) vocab.push([s, entries[s]!]);
    const prefix = model.continuing_subword_prefix;
    const suffix = model.end_of_word_suffix;
    if ((typeof prefix === "string" && prefix !== "") || (typeof suffix === "string" && suffix !== "")) {
      fail(file, `unsupported tokenizer: BPE with a continuing_subword_prefix/end_of_word_suffix (${JSON.stringify(prefix ?? suffix)})`);
    }
  } else if (modelType === "Unigram") {
    if (!Array.isArray(model.vocab)) fail(file, "Unigram model without a vocab list");
    (model.vocab as unknown[]).forEach((entry, id) => {
      const s = Array.isArray(entry) ? entry[0] : undefined;
      if (typeof s !== "string") fail(file, `Unigram vocab entry ${id} is not [piece, score]`);
      vocab.push([s, id]);
    });
  } else {
    fail(file, `unsupported tokenizer: model type '${modelType}' (supported: BPE, Unigram)`);
  }

  // --- decoder → kind
  const decoder = tok.decoder;
  let steps = flattenDecoder(decoder, file, []);
  let kind: VocabularyKind;
  if (steps.some((s) => s.type === "ByteLevel")) {
    kind = "byte-level";
  } else if (steps.length === 0 && hasType(tok.pre_tokenizer, "ByteLevel")) {
    kind = "byte-level";
    steps = [{ type: "ByteLevel" }];
    warnings.push("no decoder: assumed ByteLevel from the pre-tokenizer");
  } else if (steps.length === 0 && hasType(tok.pre_tokenizer, "Metaspace")) {
    kind = "sentencepiece";
    const meta = findType(tok.pre_tokenizer, "Metaspace");
    steps = [{ type: "ByteFallback" }, { type: "Metaspace", replacement: String(meta?.replacement ?? "▁") }];
    warnings.push("no decoder: assumed Metaspace and ByteFallback from the pre-tokenizer");
  } else if (steps.some((s) => s.type === "Metaspace" || (s.type === "Replace" && s.pattern === "▁" && s.content === " "))) {
    kind = "sentencepiece";
  } else if (steps.length === 0) {
    fail(file, "unsupported tokenizer: no decoder (tokens would be joined with spaces)");
  } else {
    kind = "plain";
  }
  const byteFallback = steps.some((s) => s.type === "ByteFallback") && vocab.some(([s]) => BYTE_TOKEN.test(s));
  if (kind !== "byte-level" && !byteFallback && !options.allowPartialByteCoverage) {
    fail(
      file,
      `unsupported tokenizer: a ${modelType} model without byte fallback cannot spell every byte (pass allowPartialByteCoverage to load it anyway)`,
    );
  }

  // --- tokens
  let size = 0;
  for (const [, id] of vocab) {
    if (!Number.isInteger(id) || id < 0) fail(file, `token id ${String(id)} is not a non-negative integer`);
    if (id + 1 > size) size = id + 1;
  }
  const addedTokens = Array.isArray(tok.added_tokens) ? (tok.added_tokens as Json[]) : [];
  for (const a of addedTokens) {
    const id = a.id;
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || typeof a.content !== "string") {
      fail(file, `added token ${JSON.stringify(a)} has no integer id or string content`);
    }
    if (id + 1 > size) size = id + 1;
  }
  const bytes: (Uint8Array | null)[] = new Array(size).fill(null);
  const names: (string | null)[] = new Array(size).fill(null);
  const special = new Set<number>();
  const addedIdOf = new Map<string, number>();
  for (const [s, id] of vocab) {
    names[id] = s;
    bytes[id] = decodeToken(s, steps, false);
  }
  for (const a of addedTokens) {
    const id = a.id as number;
    const content = a.content as string;
    names[id] = content;
    addedIdOf.set(content, id);
    if (a.special === true) {
      special.add(id);
      bytes[id] = utf8.encode(content);
    } else {
      bytes[id] = decodeToken(content, steps, true);
    }
  }

  // --- special tokens named elsewhere (an added token first, then the model's vocab)
  let vocabIds: Map<string, number> | undefined;
  const vocabIdOf = (content: string): number | undefined => {
    if (!vocabIds) {
      vocabIds = new Map();
      for (const [s, id] of vocab) if (!vocabIds.has(s)) vocabIds.set(s, id);
    }
    return vocabIds.get(content);
  };
  const named = (what: string, content: string | undefined, mark: Set<number>): number | undefined => {
    if (content === undefined) return undefined;
    const id = addedIdOf.get(content) ?? vocabIdOf(content);
    if (id === undefined) warnings.push(`${what} '${content}' matches no token`);
    else mark.add(id);
    return id;
  };
  if (modelType === "BPE" && typeof model.unk_token === "string") named("model unk_token", model.unk_token, special);
  if (modelType === "Unigram") for (const id of idList(model.unk_id)) if (id < size) special.add(id);
  const eos = new Set<number>();
  if (tokenizerConfig) {
    for (const key of ["bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token"]) {
      const id = named(`tokenizer_config ${key}`, tokenContent(tokenizerConfig[key]), special);
      if (key === "eos_token" && id !== undefined) eos.add(id);
    }
    const extra = tokenizerConfig.additional_special_tokens;
    if (Array.isArray(extra)) for (const t of extra) named("tokenizer_config additional_special_tokens entry", tokenContent(t), special);
    const decoderMap = tokenizerConfig.added_tokens_decoder;
    if (decoderMap && typeof decoderMap === "object") {
      for (const [key, entry] of Object.entries(decoderMap as Record<string, Json>)) {
        const id = Number(key);
        if (Number.isInteger(id) && id >= 0 && id < size && entry?.special === true && names[id] !== null) special.add(id);
      }
    }
  }
  for (const cfg of [modelConfig, generationConfig]) {
    if (!cfg) continue;
    for (const id of idList(cfg.eos_token_id)) {
      if (id < size && names[id] !== null) eos.add(id);
      else warnings.push(`eos_token_id ${id} is not a token id`);
    }
  }
  for (const id of options.eosIds ?? []) {
    if (!(Number.isInteger(id) && id >= 0 && id < size && names[id] !== null)) fail(file, `EOS id ${id} is not a token id`);
    eos.add(id);
  }
  for (const id of options.specialIds ?? []) {
    if (!(Number.isInteger(id) && id >= 0 && id < size && names[id] !== null)) fail(file, `special id ${id} is not a token id`);
    special.add(id);
  }
  for (const id of eos) special.add(id);
  // a special token's bytes are its content as text, whatever the decoder would make of it
  for (const id of special) bytes[id] = utf8.encode(names[id]!);

  const vocabSize = modelConfig?.vocab_size;
  return {
    kind,
    model: modelType,
    byteFallback,
    size,
    bytes,
    names,
    specialIds: [...special].sort((a, b) => a - b),
    eosIds: [...eos].sort((a, b) => a - b),
    modelVocabSize: typeof vocabSize === "number" && Number.isInteger(vocabSize) ? vocabSize : undefined,
    file,
    warnings,
  };
}
