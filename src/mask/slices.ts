/**
 * Token slices (llguidance's "slicer"): most of a vocabulary is plain text that fits inside a JSON
 * string. When every such text keeps the current lexer state alive, all those tokens are allowed at
 * once (a precomputed mask) and only the rest of the vocabulary — a much smaller trie — needs a walk.
 * That turns the widest lexer states, the costliest to tabulate, into the cheapest.
 */
import { GramfillError } from "../util/errors.js";
import type { ExprId, ExprSet } from "../regex/index.js";
import { TokenTrie } from "../vocab/token-trie.js";
import type { Vocabulary } from "../vocab/vocabulary.js";

/** A slice over a vocabulary: its tokens as a mask, and the trie of all other normal tokens. */
export interface VocabSlice {
  /** the slice's language, as an ECMA regex over code points */
  source: string;
  mask: Uint32Array;
  rest: TokenTrie;
  size: number;
}

/** Plain JSON-string text: no quote, no backslash, no control character. */
const TEXT = String.raw`[^"\\\u0000-\u001f]`;
/** Widest first, each inside the one before: a state takes the widest slice that fits it. */
const SLICES: ReadonlyArray<{ source: string; maxChars: number }> = [
  { source: `${TEXT}+`, maxChars: Infinity },
  { source: `${TEXT}{1,32}`, maxChars: 32 },
  { source: `${TEXT}{1,12}`, maxChars: 12 },
  { source: `${TEXT}{1,6}`, maxChars: 6 },
];

const cache = new WeakMap<Vocabulary, VocabSlice[]>();
const SLICE_CHECK_BUDGET = 200;

/** The slices of a vocabulary (built once per vocabulary). */
export function vocabSlices(vocab: Vocabulary): VocabSlice[] {
  let slices = cache.get(vocab);
  if (!slices) {
    slices = SLICES.map(({ source, maxChars }) => buildSlice(vocab, source, maxChars));
    cache.set(vocab, slices);
  }
  return slices;
}

function buildSlice(vocab: Vocabulary, source: string, maxChars: number): VocabSlice {
  const mask = new Uint32Array((vocab.size + 31) >>> 5);
  let size = 0;
  const inSlice = new Uint8Array(vocab.size);
  for (let id = 0; id < vocab.size; id++) {
    if (!vocab.isNormal(id)) continue;
    if (isPlainText(vocab.tokenBytes(id), maxChars)) {
      inSlice[id] = 1;
      mask[id >>> 5]! |= 1 << (id & 31);
      size++;
    }
  }
  const rest = new TokenTrie(vocab.size, (id) => (vocab.isNormal(id) && !inSlice[id] ? vocab.tokenBytes(id) : null));
  return { source, mask, rest, size };
}

/** Whole UTF-8 characters, 1..maxChars of them, none of them `"`, `\` or below U+0020. */
function isPlainText(b: Uint8Array, maxChars: number): boolean {
  let chars = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > b.length) return false;
    if (len === 1 && (c < 0x20 || c === 0x22 || c === 0x5c)) return false;
    if (len > 1 && !validContinuation(b, i, len)) return false;
    i += len;
    if (++chars > maxChars) return false;
  }
  return chars > 0;
}

function validContinuation(b: Uint8Array, i: number, len: number): boolean {
  for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return false;
  const c0 = b[i]!;
  const c1 = b[i + 1]!;
  if (len === 3) {
    if (c0 === 0xe0 && c1 < 0xa0) return false; // overlong
    if (c0 === 0xed && c1 >= 0xa0) return false; // surrogates
  }
  if (len === 4) {
    if (c0 === 0xf0 && c1 < 0x90) return false; // overlong
    if (c0 === 0xf4 && c1 >= 0x90) return false; // above U+10FFFF
  }
  return true;
}

/**
 * Does every word of the slice keep a lexer state with these live derivatives alive? That is,
 * slice ⊆ prefixes(∪ exprs). Decided exactly by an emptiness check; if the check itself would be
 * too large, the answer is no (the state then just gets a full walk).
 */
export function sliceFits(set: ExprSet, slice: ExprId, exprs: readonly ExprId[]): boolean {
  if (exprs.length === 0) return false;
  try {
    // a small budget: a slice that fits is decided in a few states; a long counter (maxLength:
    // 1024) would make the search walk the whole counter just to say no
    return set.isEmptyWithin(set.and([slice, set.not(set.prefixes(set.or(exprs)))]), SLICE_CHECK_BUDGET) === true;
  } catch (e) {
    if (e instanceof GramfillError && e.code === "automaton_too_large") return false;
    throw e;
  }
}
