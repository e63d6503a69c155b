/**
 * What the JSONSchemaBench runner needs from a decoder: prompt ids and (optionally) a compiled
 * grammar in, the output and its timings out. The left-to-right decoder (`Generator`) serves causal
 * models and, position by position, masked-diffusion ones; a decoder that fills a diffusion window
 * out of order implements the same interface and reports whether it fell back (Con.− vs Con.).
 */
import type { MaskedDiffusionLM } from "../../backend/diffusion-lm.js";
import { diffusionGenerate, mdmModel, type DiffusionModel } from "../../decode/diffusion.js";
import { Generator } from "../../decode/generate.js";
import type { DecoderModel } from "../../decode/session.js";
import type { CompiledGrammar } from "../../parser/compile.js";
import type { Vocabulary } from "../../vocab/vocabulary.js";

export interface BenchDecodeRequest {
  promptIds: number[];
  /** undefined: unconstrained (`--engine none`) */
  grammar: CompiledGrammar | undefined;
  maxTokens: number;
  seed: number;
  /** true once the generation limit is spent (wall or CPU clock): the decoder then gives up with DecodeTimeout */
  timeUp: () => boolean;
}

export interface BenchDecodeResult {
  text: string;
  /** generated tokens, EOS excluded */
  outputTokens: number;
  /** with a grammar: the output is a complete word; null without one */
  complete: boolean | null;
  /** the constraint alone did not finish the output: close-out (or the decoder's fallback) did */
  closedOut: boolean;
  stoppedBy: string;
  /** performance.now() when the first output token was produced (undefined: none was) */
  firstTokenAt: number | undefined;
  endAt: number;
  /** where the time went (the diffusion decoder): forward passes, model / constraint / sampler ms, checks */
  work?: DecodeWork;
}

export interface DecodeWork {
  forwards: number;
  model_ms: number;
  constraint_ms: number;
  sample_ms: number;
  checks: number;
  check_ms_p99: number;
  /** the positions provably hold no document of the schema (`DiffusionStats.no_room`): the close-out was the only way */
  no_room?: boolean;
}

export class DecodeTimeout extends Error {
  constructor() {
    super("generation time limit reached");
  }
}

export interface BenchDecoder {
  /** "left-to-right" or the diffusion decoder's name, recorded in the report */
  readonly name: string;
  readonly maxContext: number | undefined;
  encode(text: string): number[];
  decode(req: BenchDecodeRequest): Promise<BenchDecodeResult>;
}

/** `Generator` (greedy, jump-forward, close-out) behind the bench interface. */
export class LeftToRightDecoder implements BenchDecoder {
  readonly name = "left-to-right";
  constructor(
    readonly model: DecoderModel,
    readonly vocab: Vocabulary,
  ) {}

  get maxContext(): number | undefined {
    return this.model.maxContext;
  }

  encode(text: string): number[] {
    return this.model.tokenizer.encode(text);
  }

  async decode(req: BenchDecodeRequest): Promise<BenchDecodeResult> {
    const gen = new Generator(this.model, this.vocab, req.grammar);
    let firstTokenAt: number | undefined;
    const r = await gen.generate({
      prompt: req.promptIds,
      maxTokens: req.maxTokens,
      temperature: 0,
      seed: req.seed,
      onToken: () => {
        const now = performance.now();
        firstTokenAt ??= now;
        // the only hook inside the loop: a throw here ends generation (a mask in progress finishes first)
        if (req.timeUp()) throw new DecodeTimeout();
      },
    });
    const outputTokens = r.tokens.filter((t) => !this.vocab.isEos(t)).length;
    return { text: r.text, outputTokens, complete: r.complete, closedOut: r.closedOut, stoppedBy: r.stoppedBy, firstTokenAt, endAt: performance.now() };
  }
}

/**
 * The constrained diffusion decoder (`diffusionGenerate`, issue 6): one hole of `maxTokens` masked
 * positions after the prompt, filled in confidence order with every commit checked against the
 * grammar; `closedOut` = the checker's witness finished the output (`fallback_used`: Con. but not
 * Con.−). TTFT is the first commit, TPOT the time per committed token after it.
 */
export class DiffusionDecoder implements BenchDecoder {
  readonly name = "diffusion";
  private readonly model: DiffusionModel;
  /** the request being decoded: its limit is checked before every forward pass */
  private current: BenchDecodeRequest | undefined;
  constructor(
    readonly lm: MaskedDiffusionLM,
    readonly vocab: Vocabulary,
    /** forward passes planned per output (`diffusionGenerate`'s `steps`; default one per masked position) */
    readonly steps?: number,
  ) {
    const inner = mdmModel(lm);
    // a step that commits nothing (every candidate refused) reports no commit, so the limit is also
    // checked here: forward passes dominate the cost, and a run past its limit stops at the next one
    this.model = {
      maskTokenId: inner.maskTokenId,
      maxContext: inner.maxContext,
      encode: (t) => inner.encode(t),
      forward: (ids) => {
        if (this.current?.timeUp()) throw new DecodeTimeout();
        return inner.forward(ids);
      },
    };
  }

  get maxContext(): number | undefined {
    return this.lm.maxContext;
  }

  encode(text: string): number[] {
    return this.lm.tokenizer.encode(text);
  }

  async decode(req: BenchDecodeRequest): Promise<BenchDecodeResult> {
    let firstTokenAt: number | undefined;
    this.current = req;
    let r;
    try {
      r = await diffusionGenerate(this.model, this.vocab, {
        prompt: req.promptIds,
        parts: [{ masks: req.maxTokens }],
        ...(req.grammar ? { grammar: req.grammar } : {}),
        ...(this.steps !== undefined ? { steps: this.steps } : {}),
        temperature: 0,
        seed: req.seed,
        // Con. as with the AR model's close-out: a schema whose shortest document needs more bytes than
        // the positions hold is finished past them (Con.), not left unfinished
        pastCanvas: true,
        onCommit: () => {
          firstTokenAt ??= performance.now();
          if (req.timeUp()) throw new DecodeTimeout();
        },
      });
    } finally {
      this.current = undefined;
    }
    return {
      text: r.text,
      outputTokens: r.stats.tokens,
      complete: req.grammar ? r.complete && r.valid === true : null,
      closedOut: r.fallbackUsed,
      stoppedBy: r.complete ? "eos" : "unfinished",
      firstTokenAt,
      endAt: performance.now(),
      work: {
        forwards: r.stats.steps,
        model_ms: Math.round(r.stats.model_ms),
        constraint_ms: Math.round(r.stats.constraint_ms),
        sample_ms: Math.round(r.stats.sample_ms),
        checks: r.stats.checks,
        check_ms_p99: r.stats.check_ms_p99,
        ...(r.stats.no_room ? { no_room: true } : {}),
      },
    };
  }
}
