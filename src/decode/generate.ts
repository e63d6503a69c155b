/**
 * Constrained generation, left to right. Each step: the grammar's mask (and every monitor's) is
 * ANDed, the model's logits are masked (ids beyond the vocabulary always), a token is chosen; EOS is
 * allowed exactly when the output is complete. Jump-forward: when the grammar forces bytes, their
 * greedy tokenization is appended without sampling and reaches the model in the next forward pass
 * together with the token before it. When `maxTokens` runs out first, the shortest completion the
 * grammar allows is appended (close-out) so the output is still a word of the language.
 */
import { GrammarMatcher, MaskContext } from "../mask/matcher.js";
import type { Monitor } from "../mask/monitor.js";
import type { CompiledGrammar } from "../parser/compile.js";
import { GramfillError } from "../util/errors.js";
import { concatBytes, type Vocabulary } from "../vocab/vocabulary.js";
import { keyRepairedCompletion, shortestCompletion, type CompletionOptions } from "./closeout.js";
import type { Parser } from "../parser/parser.js";
import { chartCompletion } from "../parser/completion.js";
import { Rng, sampleMasked, validateSampling, type SamplingOptions } from "./sampler.js";
import type { DecoderModel } from "./session.js";

export interface TokenEvent {
  /** index of the token in the output */
  index: number;
  id: number;
  /** the token's bytes */
  bytes: Uint8Array;
  /** newly decodable text (UTF-8 sequences split across tokens arrive with the token that ends them) */
  text: string;
  /** appended by jump-forward (not sampled) */
  forced: boolean;
  /** appended by close-out */
  closeOut: boolean;
}

export interface GenerateOptions extends SamplingOptions {
  /** text before the output, or its ids (default: empty, i.e. the model's start token) */
  prompt?: string | number[];
  /** tokens to generate before close-out (default 256) */
  maxTokens?: number;
  /** append forced tokens without sampling (default true) */
  jumpForward?: boolean;
  /** at maxTokens, complete the output with the grammar's shortest completion (default true) */
  closeOut?: boolean;
  closeOutSearch?: CompletionOptions;
  /**
   * when the byte search finds no completion, at most this many more tokens are generated under
   * the masks (default 512; temperature 0.7, top-k 20, repetition penalty), with the search retried
   * every 32 tokens
   */
  closeOutTokens?: number;
  /**
   * more constraints, ANDed with the grammar's mask at every sampled step; forced (jump-forward)
   * tokens are offered to them and not forced when one refuses. Close-out follows the grammar only:
   * monitors are not consulted for the completion.
   */
  monitors?: Monitor[];
  onToken?: (e: TokenEvent) => void;
}

export interface GenerateStats {
  /** time waiting for the model (forward passes overlap mask computation) */
  model_ms: number;
  /** time in masks, accepts, forced-byte scans and close-out */
  constraint_ms: number;
  forced_tokens: number;
  forward_passes: number;
  total_ms: number;
  tokens_per_s: number;
}

export interface GenerateResult {
  text: string;
  bytes: Uint8Array;
  tokens: number[];
  /** with a grammar: the output is a complete word (EOS accepted or accepting at the end); null without one */
  complete: boolean | null;
  closedOut: boolean;
  stoppedBy: "eos" | "max_tokens" | "context" | "dead_end";
  stats: GenerateStats;
}

/** A model plus (optionally) a grammar over its vocabulary; reuse it across generations to keep mask tables warm. */
export class Generator {
  readonly model: DecoderModel;
  readonly vocab: Vocabulary;
  readonly grammar: CompiledGrammar | undefined;
  readonly maskContext: MaskContext | undefined;
  private readonly freeMask: Uint32Array;

  constructor(model: DecoderModel, vocab: Vocabulary, grammar?: CompiledGrammar) {
    this.model = model;
    this.vocab = vocab;
    this.grammar = grammar;
    this.maskContext = grammar ? new MaskContext(grammar, vocab) : undefined;
    // unconstrained: every normal token and EOS
    this.freeMask = vocab.classMask();
    for (const e of vocab.eosIds) this.freeMask[e >>> 5]! |= 1 << (e & 31);
  }

  async generate(opts: GenerateOptions = {}): Promise<GenerateResult> {
    validateSampling(opts);
    const maxTokens = opts.maxTokens ?? 256;
    if (!Number.isInteger(maxTokens) || maxTokens < 0) throw new GramfillError("usage", `max-tokens must be an integer ≥ 0, not ${maxTokens}`);
    const vocab = this.vocab;
    const eos = new Set<number>(vocab.eosIds);
    if (eos.size === 0) throw new GramfillError("io", "the vocabulary has no EOS token: generation could never end");
    const rng = new Rng(opts.seed ?? 0);
    const monitors = opts.monitors ?? [];
    const jumpForward = opts.jumpForward ?? true;
    const m: GrammarMatcher | undefined = this.maskContext?.matcher();
    const session = this.model.newSession();
    let promptIds = typeof opts.prompt === "string" ? this.model.tokenizer.encode(opts.prompt) : (opts.prompt ?? []);
    if (promptIds.length === 0) promptIds = [this.model.startId];
    const ctxMax = this.model.maxContext ?? Infinity;
    if (promptIds.length >= ctxMax) throw new GramfillError("usage", `the prompt (${promptIds.length} tokens) fills the model's context of ${ctxMax}`);
    session.append(promptIds);

    const stats: GenerateStats = { model_ms: 0, constraint_ms: 0, forced_tokens: 0, forward_passes: 0, total_ms: 0, tokens_per_s: 0 };
    const t0 = performance.now();
    const tokens: number[] = [];
    const parts: Uint8Array[] = [];
    const decoder = new TextDecoder("utf-8");
    const emit = (id: number, forced: boolean, closeOut: boolean) => {
      const bytes = eos.has(id) ? new Uint8Array(0) : vocab.tokenBytes(id);
      tokens.push(id);
      parts.push(bytes);
      if (opts.onToken) opts.onToken({ index: tokens.length - 1, id, bytes, text: decoder.decode(bytes, { stream: true }), forced, closeOut: closeOut || closing });
    };
    const words = m ? m.maskWords : this.freeMask.length;
    const bits = new Uint32Array(words);
    let stoppedBy = "max_tokens" as GenerateResult["stoppedBy"];
    let ended = false;

    /** commits a token to the matcher and the monitors; false (nothing changed) if one refuses */
    const commit = (id: number): boolean => {
      if (m && !m.accept(id)) return false;
      for (let i = 0; i < monitors.length; i++) {
        if (!monitors[i]!.accept(id)) {
          for (let j = 0; j < i; j++) monitors[j]!.rollback(1);
          m?.rollback(1);
          return false;
        }
      }
      return true;
    };

    let limit = maxTokens;
    let sampling: SamplingOptions = opts;
    let closing = false;
    const loop = async () => {
    while (!ended) {
      if (tokens.length >= limit) break;
      if (session.length >= ctxMax) {
        stoppedBy = "context";
        break;
      }
      let c0 = performance.now();
      if (m && jumpForward) {
        const f = m.forced();
        let n = 0;
        const room = Math.min(limit - tokens.length, ctxMax - session.length);
        for (const id of f.tokens.slice(0, room)) {
          if (!commit(id)) break;
          emit(id, true, false);
          session.append([id]);
          n++;
        }
        stats.forced_tokens += n;
        stats.constraint_ms += performance.now() - c0;
        if (n > 0) continue;
        c0 = performance.now();
      }
      // the mask does not depend on the logits: compute it while the forward pass runs, except at
      // a possible end (then the mask may allow only EOS and the pass is not needed at all)
      let logitsP: Promise<Float32Array> | undefined;
      let m0 = 0;
      const start = () => {
        m0 = performance.now();
        stats.forward_passes++;
        logitsP = session.logits(Math.max(1, limit - tokens.length));
      };
      const atEnd = m ? m.isAccepting() : false;
      if (!atEnd) start();
      c0 = performance.now();
      if (m) m.fillMask(bits);
      else bits.set(this.freeMask);
      // a monitor's analysis (a language-service query) is slow: unless the grammar leaves only
      // EOS, let the forward pass run while it works
      if (!logitsP && monitors.length > 0 && !onlyEos(bits, eos)) start();
      for (const mon of monitors) await mon.restrictMask(bits);
      stats.constraint_ms += performance.now() - c0;
      if (atEnd && onlyEos(bits, eos)) {
        const id = firstSet(bits);
        if (id < 0 || !commit(id)) {
          stoppedBy = "dead_end";
          break;
        }
        emit(id, true, false);
        stoppedBy = "eos";
        break;
      }
      if (!logitsP) start();
      const logits = await logitsP!;
      stats.model_ms += performance.now() - m0;
      if (closing) penalize(logits, tokens.slice(-64));
      const id = sampleMasked(logits, bits, vocab.size, sampling, rng);
      if (id < 0) {
        stoppedBy = "dead_end";
        break;
      }
      c0 = performance.now();
      if (!commit(id)) throw new Error(`internal: token ${id} allowed by the mask but refused on accept`);
      stats.constraint_ms += performance.now() - c0;
      emit(id, false, false);
      if (eos.has(id)) {
        stoppedBy = "eos";
        ended = true;
      } else session.append([id]);
    }

    };
    await loop();

    let closedOut = false;
    /** appends the completion the byte search finds; false if it finds none */
    const searchClose = (budget?: number): boolean => {
      const c0 = performance.now();
      try {
        const p = this.grammar!.newParser();
        const sofar = concat(parts);
        if (p.feed(sofar) !== sofar.length) throw new Error("internal: the output so far is not a viable prefix");
        // the chart's shortest completion first (exact unless greedy lexing merges its lexemes),
        // then the byte search
        // distinct keys: the chart's completion, repaired where it would repeat a key; the
        // byte search checks every byte
        const guard = m!.keyTracker();
        const plan = (q: Parser) => chartCompletion(q, this.grammar!);
        let tail = guard ? keyRepairedCompletion(p, guard, plan) : plan(p);
        tail ??= shortestCompletion(p, { ...opts.closeOutSearch, ...(budget !== undefined ? { budget } : {}), guard });
        if (!tail) return false;
        for (const id of tail.length > 0 ? vocab.tokenizeGreedy(tail) : []) {
          if (!m!.accept(id)) throw new Error("internal: a close-out token was refused");
          emit(id, false, true);
          closedOut = true;
        }
        return true;
      } finally {
        stats.constraint_ms += performance.now() - c0;
      }
    };
    if (m && !m.isFinished() && !m.isAccepting() && opts.closeOut !== false && stoppedBy !== "dead_end" && !searchClose()) {
      // the byte search found nothing (e.g. many required keys behind an open object): let the
      // model write on under the same masks, in rounds of 32 tokens, trying the search again
      // after each round
      closing = true;
      // a repetition penalty and some randomness (seeded) to break the loops models fall into
      sampling = { temperature: 0.7, topK: 20 };
      const extra = opts.closeOutTokens ?? 512;
      const stop = tokens.length + extra;
      const stopped = (): GenerateResult["stoppedBy"] => stoppedBy;
      while (!m.isFinished() && !m.isAccepting() && tokens.length < stop && stopped() !== "dead_end" && stopped() !== "context") {
        limit = Math.min(stop, tokens.length + 32);
        await loop();
        if (m.isFinished() || m.isAccepting()) break;
        if (searchClose(200_000)) break;
      }
      closedOut = m.isFinished() || m.isAccepting();
    }
    const bytes = concat(parts);
    stats.total_ms = performance.now() - t0;
    const generated = tokens.filter((t) => !eos.has(t)).length;
    stats.tokens_per_s = stats.total_ms > 0 ? (generated * 1000) / stats.total_ms : 0;
    const complete = m ? m.isFinished() || m.isAccepting() : null;
    return { text: new TextDecoder("utf-8").decode(bytes), bytes, tokens, complete, closedOut, stoppedBy, stats };
  }
}

/** CTRL-style repetition penalty (1.3) on the tokens of `recent` (modifies `logits`, a copy). */
function penalize(logits: Float32Array, recent: number[]): void {
  for (const id of new Set(recent)) {
    if (id >= logits.length) continue;
    const x = logits[id]!;
    logits[id] = x > 0 ? x / 1.3 : x * 1.3;
  }
}

function firstSet(bits: Uint32Array): number {
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) return (w << 5) + (31 - Math.clz32(bits[w]! & -bits[w]!));
  return -1;
}

function onlyEos(bits: Uint32Array, eos: Set<number>): boolean {
  for (let w = 0; w < bits.length; w++) {
    let b = bits[w]!;
    while (b !== 0) {
      const low = b & -b;
      if (!eos.has((w << 5) + (31 - Math.clz32(low)))) return false;
      b ^= low;
    }
  }
  return true;
}

const concat = concatBytes;
