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
 * With a grammar (and no custom checker) the checks share one parse of the committed text
 * (`PrefixChecker`): each check feeds only the token (a rejected byte is a proof) and the chart
 * starts from the parser's state, so a check costs the token plus the rest of the canvas, not the
 * whole text; and a token that begins the open hole's fill of the last verified witness is kept at
 * once (the witness text itself fills the new canvas).
 * Before any check, the left-to-right mask of the known prefix removes tokens that cannot
 * continue it (sound: every completion has that prefix). After `maxHoleTokens` tokens, or when
 * `maxRejectionsPerToken` choices in a row are refused, the hole is finished with the checker's
 * witness (`fallback_used`, the "Con." case).
 */
import type { CausalLM } from "../backend/causal-lm.js";
import { logitsRow } from "../backend/causal-lm.js";
import { segmentsOf } from "../infill/canvas.js";
import { InfillChecker, type InfillResult } from "../infill/checker.js";
import type { Canvas, CanvasPart, HoleSpec } from "../infill/index.js";
import { PrefixParse } from "../infill/prefix.js";
import { onlyRepeatingWitnesses, repeatsKey } from "../infill/distinct-keys.js";
import { GrammarMatcher, MaskContext } from "../mask/matcher.js";
import type { CompiledGrammar } from "../parser/compile.js";
import { GramfillError } from "../util/errors.js";
import { tokenSpeller } from "../infill/tokens.js";
import { concatBytes, type Vocabulary } from "../vocab/vocabulary.js";
import { FimPlanner, HoleBudget } from "./fim-budget.js";
import { CheckStats, round2, wholeCanvasChecker, type FeasibilityChecker, type FimCheckOptions, type InfillPart } from "./diffusion-canvas.js";
import { Rng, sampleMasked, topIds, validateSampling, type SamplingOptions } from "./sampler.js";

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

/** A part of a fill-in-the-middle input: a hole may set its own token budget (default `maxHoleTokens`). */
export type FimPart = InfillPart | { hole: true; maxTokens?: number };

/** A hole's token budget. */
function holeTokensOf(p: FimPart, fallback: number): number {
  const n = "maxTokens" in p && p.maxTokens !== undefined ? p.maxTokens : fallback;
  if (!Number.isInteger(n) || n < 1) throw new GramfillError("usage", `max tokens per hole must be ≥ 1, not ${n}`);
  return n;
}

export interface FimOptions extends SamplingOptions {
  parts: readonly FimPart[];
  grammar?: CompiledGrammar;
  /** default: `wholeCanvasChecker(grammar)` */
  checker?: FeasibilityChecker;
  /** default: from the vocabulary's special tokens */
  template?: FimTemplate;
  /** tokens per hole (default 32; a hole's `maxTokens` overrides it) */
  maxHoleTokens?: number;
  /**
   * keep every hole within its budget (default true, with a grammar and a checker that answers with
   * witnesses): a token is kept only with a witness whose fills fit the tokens left (fim-budget.ts),
   * so the model's decoding ends every hole and the fallback is not needed; false: tokens are
   * checked for feasibility only, and a hole still open after its budget is finished by the witness
   */
  tokenBudget?: boolean;
  /** refused choices in a row before the witness finishes the hole (default 32) */
  maxRejectionsPerToken?: number;
  /** with a token budget and a plan held: refused choices before the plan's next token is taken (default 8) */
  maxRefusalsWithPlan?: number;
  /** use the left-to-right mask before checks (default true) */
  prefilter?: boolean;
  /**
   * keep the parse of the committed text between checks and re-use witnesses (default true; false:
   * every check runs `InfillChecker.check` on the whole canvas, as before — for comparisons)
   */
  reusePrefix?: boolean;
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
  /** checks over 0.2 ms and over 5 ms (pooled over generations: the share of all checks above each) */
  checks_over_0_2ms: number;
  checks_over_5ms: number;
  fallback_used: boolean;
  /** holes the witness finished */
  fallback_holes: number;
  /** tokens (or ends of a hole) taken from the plan because the model's choices ran out or were refused */
  last_resort: number;
  /** feasible tokens refused because their witness did not fit the hole's tokens left */
  budget_refusals: number;
  /** holes whose budget was raised to the tokens their first witness needs (then `fallback_used`) */
  stretched_holes: number;
  /** holes whose first plan came from a check with holes bounded to their budgets in bytes (the plain witness did not fit) */
  bounded_plans: number;
  /** holes whose first plan is the plain witness without the spaces between its lexemes (it did not fit with them) */
  compacted_plans: number;
  /** holes whose first plan came from a later candidate of the chart in cost order (its first witness needed more tokens than the budget) */
  candidate_plans: number;
  /** checks answered by the last witness, without a chart */
  witness_reuses: number;
  /** "unknown" answers asked again without relaxed loops (see PrefixChecker) */
  unknown_retries: number;
  /** checks that ran the checker's search (quick search, then charts) and its ms; `quick_only`: of them, without charts */
  searches: number;
  search_ms: number;
  quick_only: number;
  /** ms of the left-to-right pre-filter's masks */
  mask_ms: number;
  /** checks answered because the token left the parser's state unchanged (no parse of the rest) */
  unchanged_states: number;
  /**
   * the output writes a key twice in one object (grammars with `distinctObjectKeys`; `JSON.parse`
   * keeps one value): only a fallback that found no repeat-free witness leaves one
   */
  repeated_key: boolean;
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
  const incremental =
    opts.checker === undefined && opts.grammar !== undefined && (opts.reusePrefix ?? true)
      ? new PrefixChecker(new InfillChecker(opts.grammar), new InfillChecker(opts.grammar, { relaxLoops: false }))
      : undefined;
  const checker = incremental ?? opts.checker ?? (opts.grammar ? wholeCanvasChecker(opts.grammar) : undefined);
  const maxHoleTokens = opts.maxHoleTokens ?? 32;
  if (!Number.isInteger(maxHoleTokens) || maxHoleTokens < 1) throw new GramfillError("usage", `max tokens per hole must be ≥ 1, not ${maxHoleTokens}`);
  const maxRejections = opts.maxRejectionsPerToken ?? 32;
  const maxPlanRefusals = opts.maxRefusalsWithPlan ?? 8;
  const maxTightRefusals = Math.min(maxPlanRefusals, 3);
  const greedy = (opts.temperature ?? 0) === 0;
  const rng = new Rng(opts.seed ?? 0);
  const cs = new CheckStats();
  const stats: FimStats = { tokens: 0, forward_passes: 0, model_ms: 0, constraint_ms: 0, checks: 0, rejections: 0, check_ms_p50: 0, check_ms_p99: 0, checks_over_0_2ms: 0, checks_over_5ms: 0, fallback_used: false, fallback_holes: 0, last_resort: 0, budget_refusals: 0, stretched_holes: 0, bounded_plans: 0, compacted_plans: 0, candidate_plans: 0, witness_reuses: 0, unknown_retries: 0, searches: 0, search_ms: 0, quick_only: 0, mask_ms: 0, unchanged_states: 0, repeated_key: false, total_ms: 0 };
  const parts = opts.parts;
  const fills: Uint8Array[] = [];
  const ends = new Set(template.end);
  let matcher: GrammarMatcher | undefined = opts.grammar && (opts.prefilter ?? true) ? new MaskContext(opts.grammar, vocab).matcher() : undefined;
  const normal = vocab.classMask();
  const bits = new Uint32Array(matcher ? matcher.maskWords : normal.length);
  const ctx = model.maxContext ?? Infinity;

  /** feeds known bytes to the pre-filter; a refusal turns it off (the canvas check still decides) */
  // the pre-filter reads the committed text only when a mask is made (without a plan: rare with
  // token budgets), so the bytes wait here (session 9: feeding it every fragment was 5 % of the constraint time)
  let unread: Uint8Array[] = [];
  const feedMatcher = (b: Uint8Array) => {
    if (matcher && b.length > 0) unread.push(b);
    incremental?.commit(b);
  };
  const textOf = (i: number, holeIndex: number): Uint8Array => {
    const p = parts[i]!;
    return "text" in p ? enc.encode(p.text) : fills[holeIndex]!;
  };
  // the known texts as bytes once, and the text before the open hole once per hole: a check's canvas
  // then costs one copy of the lead (re-encoding the rest for every check was 7 % of the constraint time)
  const partBytes = parts.map((p) => ("text" in p ? enc.encode(p.text) : null));
  let leadCache: { partIdx: number; bytes: Uint8Array } = { partIdx: -1, bytes: new Uint8Array(0) };
  const textBefore = (partIdx: number): Uint8Array => {
    if (leadCache.partIdx !== partIdx) {
      const pieces: Uint8Array[] = [];
      for (let i = 0, h = 0; i < partIdx; i++) pieces.push(partBytes[i] ?? fills[h++]!);
      leadCache = { partIdx, bytes: concatBytes(pieces) };
    }
    return leadCache.bytes;
  };
  /**
   * canvas: parts before part `partIdx` (a hole) filled, then `middle` (and `token`), then (open: an
   * unbounded hole, or bounded to `maxBytes(hole)`), then the rest with later holes unbounded
   */
  const canvasOf = (partIdx: number, middle: Uint8Array, open: boolean, maxBytes?: (hole: number) => number, token?: Uint8Array): Canvas => {
    const c: CanvasPart[] = [{ text: concatBytes(token ? [textBefore(partIdx), middle, token] : [textBefore(partIdx), middle]) }];
    let h = fills.length;
    const holeOf = (k: number): { hole: HoleSpec } => {
      const mb = maxBytes ? maxBytes(k) : Infinity;
      return { hole: mb !== Infinity ? { maxBytes: mb } : {} };
    };
    if (open) c.push(holeOf(h));
    h++;
    for (let i = partIdx + 1; i < parts.length; i++) c.push(partBytes[i] !== null ? { text: partBytes[i]! } : holeOf(h++));
    return c;
  };

  const budgets = parts.filter((p) => "hole" in p).map((p) => holeTokensOf(p, maxHoleTokens));
  // token budgets need a witness with every answer
  const checkOf = checker?.check?.bind(checker);
  const planner =
    (opts.tokenBudget ?? true) && checkOf
      ? new FimPlanner(new HoleBudget(tokenSpeller(vocab), [...budgets]), checkOf, cs, stats, () => incremental?.forget(), Math.floor(ctx / 2))
      : undefined;
  const budget = planner?.budget;

  /** `bits` := the left-to-right mask of the committed text (EOS out; the caller adds the ends), or every normal token */
  const fillBits = () => {
    if (matcher && unread.length > 0) {
      if (!matcher.acceptBytes(concatBytes(unread))) matcher = undefined;
      unread = [];
    }
    if (!matcher) return void bits.set(normal);
    const k0 = performance.now();
    matcher.fillMask(bits);
    stats.mask_ms += performance.now() - k0;
    for (const e of vocab.eosIds) bits[e >>> 5]! &= ~(1 << (e & 31));
  };

  let h = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if ("text" in part) {
      feedMatcher(enc.encode(part.text));
      continue;
    }
    // the plan of the hole's start (one check, whose witness also serves the first token's re-use),
    // unless closing the hole before left one
    const p0 = performance.now();
    if (planner && planner.plan === null) planner.start(canvasOf(i, new Uint8Array(0), true), () => canvasOf(i, new Uint8Array(0), true, (k) => budget!.budgetOf(k)), h);
    if (planner?.plan) incremental?.adopt(canvasOf(i, new Uint8Array(0), true), planner.plan);
    stats.constraint_ms += performance.now() - p0;
    const holeBudget = budget ? budget.budgetOf(h) : budgets[h]!;
    // the prompt: prefix (all before this hole) and suffix (the next fragment)
    const prefixText = dec.decode(textBefore(i));
    const next = parts[i + 1];
    const suffixText = next && "text" in next ? next.text : "";
    let pre = prefixText === "" ? [] : model.encode(prefixText);
    let suf = suffixText === "" ? [] : model.encode(suffixText);
    const room = ctx - holeBudget - 3;
    if (pre.length + suf.length > room) {
      if (room < 2) throw new GramfillError("usage", `the model's context (${ctx}) is too small for ${holeBudget} tokens per hole`);
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
      let checked = false; // `chosen`/`closes` passed a check (with a budget: the plan is its witness)
      const plan = planner?.plan ?? null;
      if (count < holeBudget) {
        // while a plan is held, the mask waits: the prefix parser refutes a token that cannot continue
        // the text as cheaply (bench/RESULTS.md, session 9: the masks were a quarter of the constraint time)
        let masked = plan === null || !matcher;
        if (masked) fillBits();
        else bits.set(normal);
        for (const e of ends) bits[e >>> 5]! |= 1 << (e & 31);
        const row = logits.slice();
        // while a plan is held its next token ends the search (cheaply: no chart runs), so fewer tries,
        // and fewer still when the plan needs every token left (few of the model's tokens fit then)
        const tries = plan === null ? maxRejections : Math.min(maxRejections, planner!.tight(holeBudget - count - 1) ? maxTightRefusals : maxPlanRefusals);
        // greedy: the candidates in order from one pass over the vocabulary
        const ranked = greedy ? topIds(row, bits, Math.min(vocab.size, row.length), tries + MAX_PROOFS_UNMASKED + 2) : null;
        let next = 0;
        let proofs = 0;
        for (let refused = 0; refused <= tries; refused++) {
          let id = -1;
          if (ranked !== null) while (next < ranked.length && id < 0) if ((bits[ranked[next]! >>> 5]! & (1 << (ranked[next]! & 31))) !== 0) id = ranked[next++]!; else next++;
          if (id < 0) id = sampleMasked(row, bits, vocab.size, opts, rng);
          if (id < 0 || row[id] === -Infinity) break;
          const end = ends.has(id);
          const canvas = end ? canvasOf(i, mid, false) : canvasOf(i, mid, true, undefined, vocab.tokenBytes(id));
          const ok = !checker || (planner ? cs.time(() => planner.keeps(canvas, end ? h + 1 : h, end ? planner.budget.budgetOf(h + 1) : holeBudget - count - 1, end)) : cs.run(checker, canvas));
          if (ok) {
            chosen = id;
            closes = end;
            checked = true;
            break;
          }
          row[id] = -Infinity;
          bits[id >>> 5]! &= ~(1 << (id & 31));
          if (!masked && planner?.refuted) {
            // a token the mask would have removed: not one of the model's tries; many of them, the mask after all
            refused--;
            if (++proofs > MAX_PROOFS_UNMASKED) {
              masked = true;
              fillBits();
              for (const e of ends) if (row[e] !== -Infinity) bits[e >>> 5]! |= 1 << (e & 31);
            }
          }
        }
        if (chosen < 0 && planner) {
          // the model's choices ran out: the plan's next token, or its end of the hole, is feasible by construction
          const p = planner.ensure(canvasOf(i, mid, true), h, holeBudget - count);
          if (p !== null) {
            stats.last_resort++;
            if (p[0]!.length === 0) closes = true;
            else chosen = planner.budget.nextToken(p[0]!);
          }
        }
      } else if (plan !== null && plan[0]!.length === 0) closes = true; // the budget is spent: the plan closes the hole
      else if (!checker || cs.run(checker, canvasOf(i, mid, false))) closes = true;
      if (closes) {
        fill = mid;
        if (!checked && planner?.plan) planner.advance(null);
      } else if (chosen < 0) {
        // out of tokens or choices: the checker's witness finishes this hole
        let w = checker?.witness(canvasOf(i, mid, true));
        // no filling that writes each key once was found: one that repeats a key still ends a
        // valid text (`repeated_key` says so)
        if (!w && opts.checker === undefined && opts.grammar?.distinctObjectKeys) w = new InfillChecker(opts.grammar, { distinctKeys: false }).witness(canvasOf(i, mid, true));
        fill = w ? concatBytes([mid, w[0]!]) : mid;
        if (planner) planner.plan = w && planner.budget.fits(w.slice(1), h + 1, planner.budget.budgetOf(h + 1)) ? w.slice(1) : null;
        if (w) {
          stats.fallback_used = true;
          stats.fallback_holes++;
          feedMatcher(w[0]!);
        }
      } else {
        const bytes = vocab.tokenBytes(chosen);
        // the last resort's token begins the plan's fill: the rest of it is the new plan
        if (!checked && planner?.plan) planner.advance(bytes);
        middle.push(bytes);
        incremental?.commit(bytes);
        if (matcher) unread.push(bytes);
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
  stats.witness_reuses = incremental?.witnessReuses ?? 0;
  stats.unknown_retries = incremental?.retries ?? 0;
  stats.searches = incremental?.searches ?? 0;
  stats.search_ms = round2(incremental?.searchMs ?? 0);
  stats.quick_only = incremental?.quickOnly ?? 0;
  stats.mask_ms = round2(stats.mask_ms);
  stats.unchanged_states = incremental?.unchangedStates ?? 0;
  stats.rejections = cs.rejections;
  stats.repeated_key = opts.grammar?.distinctObjectKeys === true && repeatsKey(bytes);
  stats.check_ms_p50 = round2(cs.quantile(0.5));
  stats.check_ms_p99 = round2(cs.quantile(0.99));
  stats.checks_over_0_2ms = cs.countOver(0.2);
  stats.checks_over_5ms = cs.countOver(5);
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


/** witnesses `PrefixChecker.carry` tries (one parse of the rest each, ~0.3 ms on 2–3 kB of C++, against a chart's ~18 ms) */
const RECENT_FILLS = 8;
/**
 * Bytes a quick-only search may feed (a check while a plan is held: its "unknown" is a refusal with
 * the plan to fall back on): about one try over a C++ canvas' rest, so no such check takes the
 * 3–10 ms that made the AR's per-check p99 (the default budget is 8,000)
 */
const QUICK_ONLY_BYTES = 4000;
/** tokens refuted in one step without the mask before the mask is made after all */
const MAX_PROOFS_UNMASKED = 16;
/**
 * What `carry` puts before the newest fill when no fill completes the text as it is: the ends of
 * what a token of C-like code opens (a line comment, a call, a statement, an operand). On the AR's
 * C++ canvases they answered 87 of the 190 checks left to charts (bench/RESULTS.md); each is one
 * parse, and a wrong one only costs that.
 */
const CLOSERS: readonly string[] = ["\n", ")", ";", "0", "0)", "0;", ")) ", "\n}"];

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Checks of one fill-in-the-middle generation with the parse of the committed text kept between
 * them. The caller commits bytes in text order (fragments, accepted tokens, witness fills); every
 * canvas checked must start with the committed bytes. A check feeds the rest of the canvas' leading
 * fragment (usually one token) to the `PrefixParse` — a rejected byte is a proof of infeasibility —
 * runs `InfillChecker.solve` from the parser's state (the chart starts at the last lexeme boundary,
 * witnesses are verified by feeding only the rest), and rolls the parser back. So a check costs the
 * token plus the rest of the canvas instead of the whole text (the committed prefix is not re-parsed).
 *
 * Witness re-use: when the last feasible canvas was [lead] [hole] [rest…] with fills F, and the new
 * one is [lead + δ] [hole] [same rest…] with δ a prefix of F[0], the same text fills it (F[0] minus
 * δ, the other fills unchanged): feasible without a chart. When δ does not begin F[0], the same
 * fills are tried after δ (`carry`: one parse of the rest), again without a chart. Every answer stays
 * exact.
 *
 * "unknown" (candidates found, none verified) is asked again of `retry` when given: a checker
 * without the relaxed loop classes at unbounded holes (lexemes.ts). On C++ canvases with an
 * unbounded hole the relaxed chart's candidates can all fail verification, and every tier has the
 * same unbounded graph, so nothing escalates: the answer stayed "unknown", the decoder kept tokens
 * it could not complete and its fallback witness was null (an invalid output without fallback_used).
 */
export class PrefixChecker implements FeasibilityChecker {
  private readonly prefix: PrefixParse;
  /** committed bytes (to check that each canvas starts with them) */
  private committed = new Uint8Array(1024);
  private length = 0;
  /** a committed byte was rejected: every canvas is infeasible */
  private refuted = false;
  private last: { lead: Uint8Array; rest: ReturnType<typeof segmentsOf>["segments"]; fills: Uint8Array[] } | null = null;
  /** `last` before the latest check replaced it (`forget`) */
  private previous: PrefixChecker["last"] = null;
  /** the latest check replaced `last` */
  private replaced = false;
  /** the fills of the last few witnesses of canvases with the last one's rest, newest first (`carry` tries each) */
  private recent: Uint8Array[][] = [];
  witnessReuses = 0;

  /** "unknown" answers given again by `retry` */
  retries = 0;
  /** checks answered because the token left the parser's state as the committed text did (`unchanged`) */
  unchangedStates = 0;
  /** checks that reached the checker's search, their ms, and those of them without charts */
  searches = 0;
  searchMs = 0;
  quickOnly = 0;

  private readonly closers: Uint8Array[];

  /** `closers`: texts tried before the newest witness's fill when no recent fill completes a token's text as it is (default CLOSERS) */
  constructor(
    private readonly checker: InfillChecker,
    private readonly retry?: InfillChecker,
    closers: readonly string[] = CLOSERS,
  ) {
    this.prefix = new PrefixParse(checker.compiled);
    this.closers = closers.map((c) => enc.encode(c));
  }

  /** Appends bytes to the committed text. */
  commit(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.committed.length) {
      const c = new Uint8Array(Math.max(this.committed.length * 2, this.length + bytes.length));
      c.set(this.committed.subarray(0, this.length));
      this.committed = c;
    }
    this.committed.set(bytes, this.length);
    this.length += bytes.length;
    if (!this.refuted && this.prefix.feed(bytes) < bytes.length) this.refuted = true;
  }

  /**
   * A verified filling of `canvas` ([committed text] [one unbounded hole] [rest]) the caller knows
   * (fimGenerate's plan at a hole's start): re-use and carry start from it, as from a check's witness.
   */
  adopt(canvas: Canvas, fills: Uint8Array[]): void {
    const { segments } = segmentsOf(canvas, 16);
    const first = segments[0];
    const lead = first?.kind === "text" ? first.bytes : new Uint8Array(0);
    const hole = segments[1];
    if (hole?.kind !== "hole" || hole.holes.length !== 1 || hole.range.max !== Infinity || hole.range.min !== 0) return;
    this.last = { lead, rest: segments.slice(2), fills };
    this.previous = null;
    this.replaced = false;
    this.recent = [fills];
  }

  /**
   * The caller did not take the latest feasible canvas (fimGenerate's budget refused its witness):
   * the witness before it stands for the committed text again, so re-use and carry start from it.
   * Its fills stay among the recent ones (they fill the same rest).
   */
  forget(): void {
    if (this.replaced) this.last = this.previous;
    this.replaced = false;
  }

  feasible(canvas: Canvas): boolean {
    const r = this.check(canvas);
    return r.status !== "infeasible" && !onlyRepeatingWitnesses(r);
  }

  witness(canvas: Canvas): Uint8Array[] | null {
    return this.check(canvas).witness;
  }

  /**
   * `accept` (fimGenerate's token budget): witnesses re-used or carried must pass it, and so must the
   * search's candidates. `search`: what runs after re-use and carry ("quick": no chart; "none":
   * nothing) — "unknown" when it finds nothing (the decoder holds a plan and refuses what it cannot
   * verify).
   */
  check(canvas: Canvas, opts: FimCheckOptions = {}): InfillResult {
    const t0 = performance.now();
    this.replaced = false;
    const { segments, holeCount } = segmentsOf(canvas, 16);
    const first = segments[0];
    const lead = first?.kind === "text" ? first.bytes : new Uint8Array(0);
    if (lead.length < this.length || !sameBytes(lead.subarray(0, this.length), this.committed.subarray(0, this.length))) {
      return this.checker.check(canvas); // not an extension of the committed text (not met by fimGenerate)
    }
    if (this.refuted) return this.checker.refuted(t0);
    // [last lead + δ] [one unbounded hole] [the last canvas' rest]: what re-use and carry need (compared once)
    const shaped = this.last !== null && this.sameShape(segments, lead);
    const accept = opts.accept;
    let reused = shaped ? this.reuse(lead) : null;
    if (reused !== null && accept !== undefined && !accept(reused)) reused = null;
    if (reused !== null) {
      this.witnessReuses++;
      return { status: "feasible", witness: reused, text: null, stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } };
    }
    const took = this.prefix.feed(lead, this.length);
    try {
      if (took < lead.length - this.length) return this.checker.refuted(t0);
      let r: InfillResult;
      if (holeCount === 0) {
        // no holes left: a key written twice in one object is certain (the checker's witnesses write each once)
        const ok = this.prefix.acceptsRest(lead, lead.length) && !(this.checker.distinctKeys && repeatsKey(lead));
        r = { status: ok ? "feasible" : "infeasible", witness: ok ? [] : null, text: ok ? lead : null, stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } };
      } else {
        const carried = shaped ? (this.unchanged(lead, took, accept) ?? this.carry(lead, accept)) : null;
        if (carried !== null) {
          this.witnessReuses++;
          r = { status: "feasible", witness: carried, text: null, stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } };
        } else if (opts.search === "none") {
          r = { status: "unknown", witness: null, text: null, reason: "budget", stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } };
        } else {
          const s0 = performance.now();
          this.searches++;
          if (opts.search === "quick") {
            // the quick search alone (a bound below the local-search size): its filling must pass `accept`
            this.quickOnly++;
            r = this.checker.solve(canvas, segments, holeCount, this.prefix, t0, 1, undefined, QUICK_ONLY_BYTES);
            if (r.status === "feasible" && accept !== undefined && !accept(r.witness!)) r = { status: "unknown", witness: null, text: null, reason: "budget", stats: r.stats };

          } else r = this.checkerFor(opts.order).solve(canvas, segments, holeCount, this.prefix, t0, opts.maxItems, accept);
          this.searchMs += performance.now() - s0;
        }
        if (r.status === "unknown" && r.reason === "unverified" && this.retry !== undefined && (opts.search ?? "chart") === "chart") {
          this.retries++;
          r = this.retry.solve(canvas, segments, holeCount, this.prefix, t0, undefined, accept);
        }
      }
      if (r.status === "feasible" && r.witness && segments.length > 1 && segments[1]!.kind === "hole" && segments[1]!.holes.length === 1) {
        if (!shaped) this.recent = [];
        this.previous = this.last;
        this.replaced = true;
        this.last = { lead, rest: segments.slice(2), fills: r.witness };
        this.remember(r.witness);
      }
      return r;
    } finally {
      if (took > 0) this.prefix.rollback(took);
    }
  }

  private shortest: InfillChecker | null = null;

  /** The checker whose chart returns witnesses in `order` (the shortest one made when first asked). */
  private checkerFor(order: FimCheckOptions["order"]): InfillChecker {
    if (order !== "shortest") return this.checker;
    return (this.shortest ??= this.checker.with({ witnessOrder: "shortest" }));
  }

  /** The last witness' fills for this canvas' lead up to `end` (of the last one's shape: the caller checked) when δ is a prefix of the hole's fill. */
  private reuse(lead: Uint8Array, end = lead.length): Uint8Array[] | null {
    const last = this.last!;
    const d = end - last.lead.length;
    const fill0 = last.fills[0]!;
    if (d < 0 || d > fill0.length || !sameBytes(lead.subarray(last.lead.length, end), fill0.subarray(0, d))) return null;
    return [fill0.subarray(d), ...last.fills.slice(1)];
  }

  /**
   * The last witness carried past a token that does not begin its fill: on [last lead + δ] [hole]
   * [same rest], the same fills after δ (the model's token inserted before the fill), if the real
   * parser, already past the lead, accepts the rest so filled (the last witness first, then the few
   * before it: the model often comes back to a shape an earlier fill closed). Most tokens the AR model proposes on
   * C++ are feasible, and each cost a chart over the 1–3 kB after the hole (bench/RESULTS.md);
   * inside an expression or a comment, a token usually leaves the cheapest closing valid. Exact: a
   * witness only when the parser accepts the whole text. The caller checked the shape; the parser
   * must stand after the lead.
   */
  private carry(lead: Uint8Array, accept?: (fills: Uint8Array[]) => boolean): Uint8Array[] | null {
    if (lead.length === this.last!.lead.length) return null;
    for (const fills of this.recent) {
      if (accept !== undefined && !accept(fills)) continue;
      const r = this.tryFills(lead, fills);
      if (r !== null) return r;
    }
    // a token that opens something (`(`, `//`, `=`) the fills do not close: a closer before the newest
    const newest = this.recent[0];
    if (newest !== undefined) {
      for (const c of this.closers) {
        const fills = [concatBytes([c, newest[0]!]), ...newest.slice(1)];
        if (accept !== undefined && !accept(fills)) continue;
        const r = this.tryFills(lead, fills);
        if (r !== null) return r;
      }
    }
    return null;
  }

  /**
   * The token left the parser where the committed text left it (inside a comment, a string, a run
   * of spaces or a long name: the lexer state loops, no lexeme ended): the fills that complete the
   * committed text complete this one too, with no parse (the parser's future is the same). Exact;
   * not with distinct keys (the token may write a key the parser does not see).
   */
  private unchanged(lead: Uint8Array, took: number, accept?: (fills: Uint8Array[]) => boolean): Uint8Array[] | null {
    if (took === 0 || this.checker.distinctKeys || !this.prefix.parser.sameStateAt(this.length, this.length + took)) return null;
    // the last witness's fills, as they fill the committed text
    const fills = this.reuse(lead, this.length);
    if (fills === null || (accept !== undefined && !accept(fills))) return null;
    this.unchangedStates++;
    return fills;
  }

  /** `fills` for the open hole and the later ones, if the parser (standing after `lead`) accepts the rest so filled. */
  private tryFills(lead: Uint8Array, fills: Uint8Array[]): Uint8Array[] | null {
    const parts: Uint8Array[] = [fills[0]!];
    let f = 1;
    for (const seg of this.last!.rest) {
      if (seg.kind === "text") parts.push(seg.bytes);
      else if (seg.holes.length === 1 && f < fills.length) parts.push(fills[f++]!);
      else return null;
    }
    const rest = concatBytes(parts);
    if (!this.prefix.acceptsRest(rest, 0)) return null;
    if (this.checker.distinctKeys && repeatsKey(concatBytes([lead, rest]))) return null;
    return fills.slice();
  }

  /** Keeps a witness's fills among the recent ones (newest first, distinct, at most RECENT_FILLS). */
  private remember(fills: Uint8Array[]): void {
    const i = this.recent.findIndex((f) => f.length === fills.length && f.every((x, k) => sameBytes(x, fills[k]!)));
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.unshift(fills);
    if (this.recent.length > RECENT_FILLS) this.recent.pop();
  }

  /** Is the canvas [last lead + δ] [one unbounded hole] [the last canvas' rest]? */
  private sameShape(segments: ReturnType<typeof segmentsOf>["segments"], lead: Uint8Array): boolean {
    const last = this.last!;
    if (segments.length !== last.rest.length + 2) return false;
    const hole = segments[1]!;
    if (hole.kind !== "hole" || hole.holes.length !== 1 || hole.range.min !== 0 || hole.range.max !== Infinity) return false;
    if (lead.length < last.lead.length || !sameBytes(lead.subarray(0, last.lead.length), last.lead)) return false;
    for (let k = 0; k < last.rest.length; k++) {
      const a = segments[k + 2]!;
      const b = last.rest[k]!;
      if (a.kind !== b.kind) return false;
      if (a.kind === "text" ? !sameBytes(a.bytes, (b as typeof a).bytes) : a.range.min !== (b as typeof a).range.min || a.range.max !== (b as typeof a).range.max || a.holes.length !== (b as typeof a).holes.length) return false;
    }
    return true;
  }
}
