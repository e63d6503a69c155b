/**
 * Fill-in-the-middle with a causal LM, several holes, constrained by a grammar.
 *
 * Holes are filled left to right. For hole h the model sees the PSM template
 *   <fim_prefix> text before h (earlier holes filled) <fim_suffix> the fragment after h <fim_middle>
 * and writes the middle token by token until it ends it (EOS or the template's end token). The
 * suffix is the fragment up to the next hole only: text beyond an unfilled hole would read as
 * contiguous. When prefix + suffix do not fit the context, the far ends are cut (¾ of the room to
 * the prefix).
 *
 * Constraint: a token t is kept iff the canvas
 *   [text before h + middle so far + t] [unbounded hole] [rest, later holes unbounded]
 * stays feasible (the whole text, not only the prefix); ending the middle is kept iff the canvas
 * with hole h closed is feasible. A refused token gets −∞ and the model's next choice is tried.
 * Before any check, the left-to-right mask of the known prefix removes tokens that cannot
 * continue it (sound: every completion has that prefix). After `maxHoleTokens` tokens, or when
 * `maxRejectionsPerToken` choices in a row are refused, the hole is finished with the checker's
 * witness (`fallback_used`, the "Con." case).
 */
import type { CausalLM } from "../backend/causal-lm.js";
import { logitsRow } from "../backend/causal-lm.js";
import type { Canvas, CanvasPart } from "../infill/index.js";
import { GrammarMatcher, MaskContext } from "../mask/matcher.js";
import type { CompiledGrammar } from "../parser/compile.js";
import { GramfillError } from "../util/errors.js";
import { concatBytes, type Vocabulary } from "../vocab/vocabulary.js";
import { CheckStats, round2, wholeCanvasChecker, type FeasibilityChecker, type InfillPart } from "./diffusion-canvas.js";
import { Rng, sampleMasked, validateSampling, type SamplingOptions } from "./sampler.js";

/** The special tokens of a fill-in-the-middle vocabulary, in prefix-suffix-middle order. */
export interface FimTemplate {
  name: string;
  prefix: number;
  suffix: number;
  middle: number;
  /** ids that end the middle (EOS and the template's own end tokens) */
  end: number[];
}

/** Known FIM vocabularies: token names of prefix, suffix, middle, and extra end tokens. */
const TEMPLATES: Array<{ name: string; prefix: string; suffix: string; middle: string; end: string[] }> = [
  // CodeGemma uses the Qwen/SantaCoder names and ends a file with <|file_separator|>
  { name: "codegemma", prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>", end: ["<|file_separator|>"] },
  { name: "psm", prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>", end: ["<|endoftext|>", "<|fim_pad|>"] },
  { name: "starcoder", prefix: "<fim_prefix>", suffix: "<fim_suffix>", middle: "<fim_middle>", end: ["<|endoftext|>"] },
  { name: "deepseek", prefix: "<｜fim▁begin｜>", suffix: "<｜fim▁hole｜>", middle: "<｜fim▁end｜>", end: ["<｜end▁of▁sentence｜>"] },
  { name: "codellama", prefix: "▁<PRE>", suffix: "▁<SUF>", middle: "▁<MID>", end: ["▁<EOT>"] },
];

/** The FIM template of a vocabulary, from its special tokens; undefined when it has none. */
export function fimTemplateOf(idOf: (token: string) => number | undefined, eosIds: readonly number[]): FimTemplate | undefined {
  for (const t of TEMPLATES) {
    const prefix = idOf(t.prefix);
    const suffix = idOf(t.suffix);
    const middle = idOf(t.middle);
    if (prefix === undefined || suffix === undefined || middle === undefined) continue;
    if (t.name === "codegemma" && idOf(t.end[0]!) === undefined) continue;
    const end = new Set(eosIds);
    for (const e of t.end) {
      const id = idOf(e);
      if (id !== undefined) end.add(id);
    }
    return { name: t.name, prefix, suffix, middle, end: [...end] };
  }
  return undefined;
}

/** What fill-in-the-middle needs of a causal model. */
export interface FimModel {
  readonly maxContext: number | undefined;
  encode(text: string): number[];
  idOf(token: string): number | undefined;
  /** a fresh sequence: `feed` appends ids and returns the logits that predict the next one */
  session(): { feed(ids: readonly number[]): Promise<Float32Array> };
}

/** A `CausalLM` (ONNX, KV cache) as a `FimModel`. */
export function arModel(lm: CausalLM): FimModel {
  return {
    maxContext: lm.maxContext,
    encode: (t) => lm.tokenizer.encode(t),
    idOf: (t) => lm.tokenizer.idOf(t),
    session() {
      const cache = lm.newCache(1);
      return {
        async feed(ids) {
          const out = await lm.forward(cache, [ids as number[]]);
          return logitsRow(out, 0, out.seq - 1).slice();
        },
      };
    },
  };
}

export interface FimOptions extends SamplingOptions {
  parts: readonly InfillPart[];
  grammar?: CompiledGrammar;
  /** default: `wholeCanvasChecker(grammar)` */
  checker?: FeasibilityChecker;
  /** default: from the vocabulary's special tokens */
  template?: FimTemplate;
  /** tokens per hole before the witness finishes it (default 32) */
  maxHoleTokens?: number;
  /** refused choices in a row before the witness finishes the hole (default 32) */
  maxRejectionsPerToken?: number;
  /** use the left-to-right mask before checks (default true) */
  prefilter?: boolean;
}

export interface FimStats {
  tokens: number;
  forward_passes: number;
  model_ms: number;
  constraint_ms: number;
  checks: number;
  rejections: number;
  check_ms_p50: number;
  check_ms_p99: number;
  fallback_used: boolean;
  /** holes the witness finished */
  fallback_holes: number;
  total_ms: number;
}

export interface FimResult {
  text: string;
  bytes: Uint8Array;
  fills: string[];
  valid: boolean | null;
  fallbackUsed: boolean;
  template: string;
  stats: FimStats;
}

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8");

/** Fills the holes of `opts.parts` left to right with `model`. */
export async function fimGenerate(model: FimModel, vocab: Vocabulary, opts: FimOptions): Promise<FimResult> {
  validateSampling(opts);
  const t0 = performance.now();
  const template = opts.template ?? fimTemplateOf((t) => model.idOf(t), vocab.eosIds);
  if (!template) throw new GramfillError("usage", "the model's vocabulary has no fill-in-the-middle tokens (<|fim_prefix|>, <fim_prefix>, <｜fim▁begin｜>, ▁<PRE>)");
  const checker = opts.checker ?? (opts.grammar ? wholeCanvasChecker(opts.grammar) : undefined);
  const maxHoleTokens = opts.maxHoleTokens ?? 32;
  if (!Number.isInteger(maxHoleTokens) || maxHoleTokens < 1) throw new GramfillError("usage", `max tokens per hole must be ≥ 1, not ${maxHoleTokens}`);
  const maxRejections = opts.maxRejectionsPerToken ?? 32;
  const rng = new Rng(opts.seed ?? 0);
  const cs = new CheckStats();
  const stats: FimStats = { tokens: 0, forward_passes: 0, model_ms: 0, constraint_ms: 0, checks: 0, rejections: 0, check_ms_p50: 0, check_ms_p99: 0, fallback_used: false, fallback_holes: 0, total_ms: 0 };
  const parts = opts.parts;
  const fills: Uint8Array[] = [];
  const ends = new Set(template.end);
  let matcher: GrammarMatcher | undefined = opts.grammar && (opts.prefilter ?? true) ? new MaskContext(opts.grammar, vocab).matcher() : undefined;
  const normal = vocab.classMask();
  const bits = new Uint32Array(matcher ? matcher.maskWords : normal.length);
  const ctx = model.maxContext ?? Infinity;

  /** feeds known bytes to the pre-filter; a refusal turns it off (the canvas check still decides) */
  const feedMatcher = (b: Uint8Array) => {
    if (matcher && b.length > 0 && !matcher.acceptBytes(b)) matcher = undefined;
  };
  const textOf = (i: number, holeIndex: number): Uint8Array => {
    const p = parts[i]!;
    return "text" in p ? enc.encode(p.text) : fills[holeIndex]!;
  };
  /** canvas: parts before part `partIdx` (a hole) filled, then `middle`, then (open: an unbounded hole), then the rest with later holes unbounded */
  const canvasOf = (partIdx: number, middle: Uint8Array, open: boolean): Canvas => {
    const c: CanvasPart[] = [];
    let h = 0;
    for (let i = 0; i < partIdx; i++) {
      const p = parts[i]!;
      if ("text" in p) c.push({ text: p.text });
      else c.push({ text: fills[h++]! });
    }
    c.push({ text: middle });
    if (open) c.push({ hole: {} });
    for (let i = partIdx + 1; i < parts.length; i++) {
      const p = parts[i]!;
      c.push("text" in p ? { text: p.text } : { hole: {} });
    }
    return c;
  };

  let h = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if ("text" in part) {
      feedMatcher(enc.encode(part.text));
      continue;
    }
    // the prompt: prefix (all before this hole) and suffix (the next fragment)
    const before: Uint8Array[] = [];
    for (let j = 0, hh = 0; j < i; j++) before.push(textOf(j, "hole" in parts[j]! ? hh++ : -1));
    const prefixText = dec.decode(concatBytes(before));
    const next = parts[i + 1];
    const suffixText = next && "text" in next ? next.text : "";
    let pre = prefixText === "" ? [] : model.encode(prefixText);
    let suf = suffixText === "" ? [] : model.encode(suffixText);
    const room = ctx - maxHoleTokens - 3;
    if (pre.length + suf.length > room) {
      if (room < 2) throw new GramfillError("usage", `the model's context (${ctx}) is too small for ${maxHoleTokens} tokens per hole`);
      const sufKeep = Math.min(suf.length, Math.max(room - pre.length, Math.floor(room / 4)));
      suf = suf.slice(0, sufKeep);
      pre = pre.slice(pre.length - (room - sufKeep));
    }
    const session = model.session();
    let m0 = performance.now();
    let logits = await session.feed([template.prefix, ...pre, template.suffix, ...suf, template.middle]);
    stats.model_ms += performance.now() - m0;
    stats.forward_passes++;
    const middle: Uint8Array[] = [];
    let fill: Uint8Array | null = null;
    for (let count = 0; fill === null; ) {
      const c0 = performance.now();
      const mid = concatBytes(middle);
      let chosen = -1;
      let closes = false;
      if (count < maxHoleTokens) {
        if (matcher) {
          matcher.fillMask(bits);
          for (const e of vocab.eosIds) bits[e >>> 5]! &= ~(1 << (e & 31));
        } else bits.set(normal);
        for (const e of ends) bits[e >>> 5]! |= 1 << (e & 31);
        const row = logits.slice();
        for (let refused = 0; refused <= maxRejections; refused++) {
          const id = sampleMasked(row, bits, vocab.size, opts, rng);
          if (id < 0 || row[id] === -Infinity) break;
          const end = ends.has(id);
          const ok = !checker || cs.run(checker, end ? canvasOf(i, mid, false) : canvasOf(i, concatBytes([mid, vocab.tokenBytes(id)]), true));
          if (ok) {
            chosen = id;
            closes = end;
            break;
          }
          row[id] = -Infinity;
          bits[id >>> 5]! &= ~(1 << (id & 31));
        }
      } else if (!checker || cs.run(checker, canvasOf(i, mid, false))) closes = true;
      if (closes) fill = mid;
      else if (chosen < 0) {
        // out of tokens or choices: the checker's witness finishes this hole
        const w = checker?.witness(canvasOf(i, mid, true));
        fill = w ? concatBytes([mid, w[0]!]) : mid;
        if (w) {
          stats.fallback_used = true;
          stats.fallback_holes++;
          feedMatcher(w[0]!);
        }
      } else {
        middle.push(vocab.tokenBytes(chosen));
        if (matcher && !matcher.accept(chosen)) matcher = undefined;
        count++;
        stats.tokens++;
      }
      stats.constraint_ms += performance.now() - c0;
      if (fill === null) {
        m0 = performance.now();
        logits = await session.feed([chosen]);
        stats.model_ms += performance.now() - m0;
        stats.forward_passes++;
      }
    }
    fills.push(fill);
    h++;
  }
  const out: Uint8Array[] = [];
  for (let i = 0, hh = 0; i < parts.length; i++) out.push(textOf(i, "hole" in parts[i]! ? hh++ : -1));
  const bytes = concatBytes(out);
  stats.checks = cs.checks;
  stats.rejections = cs.rejections;
  stats.check_ms_p50 = round2(cs.quantile(0.5));
  stats.check_ms_p99 = round2(cs.quantile(0.99));
  stats.total_ms = performance.now() - t0;
  return {
    text: dec.decode(bytes),
    bytes,
    fills: fills.map((f) => dec.decode(f)),
    valid: opts.grammar ? opts.grammar.check(bytes).ok : null,
    fallbackUsed: stats.fallback_used,
    template: template.name,
    stats,
  };
}
