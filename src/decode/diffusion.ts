/**
 * Constrained decoding of a masked-diffusion LM (LLaDA style): the canvas is prompt + parts, where a
 * part is known text or a hole of masked positions; each forward pass predicts every masked
 * position, and a sampler decides which predictions to commit.
 *
 * Sampler (research/dllm-decoding.md §3): blocks of `blockLength` masked positions, left to right
 * (semi-autoregressive; one block = pure diffusion). Per step, for every masked position of the
 * active block: x0 = argmax of logits/T + Gumbel noise (T = 0: plain argmax) over the tokens still
 * allowed there, confidence = the *unconstrained* softmax probability of x0. The step commits at
 * least k_i candidates (LLaDA's linear schedule: ⌊M/S⌋ + [i < M mod S] for M masks and S steps per
 * block, at least 1) and, beyond that, every candidate with confidence ≥ τ (Fast-dLLM's threshold,
 * default 0.9). Prophet (optional): when the mean top-1/top-2 logit gap over the block reaches
 * 7.5 / 5.0 / 2.5 (by progress < ⅓, < ⅔, rest), every masked position in view is committed at
 * once, left to right, each checked; more than 4 substitutions cancel the all-in.
 *
 * Constraint: candidates are checked one at a time in confidence order against the whole canvas
 * (every other masked run a budget-aware hole: r positions hold r..r·M bytes, or 0..r·M when EOS
 * may still end the hole there). A rejected (position, token) is banned for good (commits only
 * shrink the set of completions, so it can never become feasible again), the position re-picks its
 * next best token with the same noise, and the queue moves on. Nothing is ever un-committed.
 * EOS at a position ends its hole: the rest of the hole becomes EOS padding (the tail of the canvas,
 * or, with `holesMayEnd`, any hole). EOS where a committed token follows in the same hole is
 * refused without a check (EOS early rejection).
 *
 * Budgets: a masked position holds one token of at most `maxTokenBytes` (16) bytes. With an
 * incremental session the checks are token-exact (`tokenExact`, default): a commit is kept only
 * with a witness whose every masked run is spelled by exactly that many tokens of the vocabulary
 * (infill/tokens.ts); "unknown" is then a refusal (banned like a proof: it can only cost the model
 * a choice, never validity). On schema grammars every check's witness writes each key once per
 * object (infill/distinct-keys.ts: the checker's searches skip fills that repeat one), so outputs
 * repeat no key unless the fallback found no repeat-free witness and took one that does
 * (`repeated_key` says so). The session's token-level witness gives every masked position a token
 * that is feasible by construction, so a step never fails to commit: when all top candidates are
 * refused, the first masked position goes down its distribution to that token (`last_resort`).
 * While the session holds a token-level witness, a step runs no full charts by default
 * (`maxFullChecksPerStep` 0): candidates are answered by the session's cheap ways (the prefix
 * parser, bytes no word has, the witness, a local repair by the quick search) and one those cannot
 * decide is skipped for the step (`skipped`, not banned). Charts rarely accepted a candidate the
 * witness did not (4 of 540 full checks in 7 block-32 generations) and were 80–95 % of the constraint time
 * (bench/RESULTS.md, "Constrained diffusion decoding", session 5). Without a witness, 1 per step.
 * Without token-exact checks, a planning budget (`planBytesPerPosition`, default 4 then): a
 * commit must leave every masked run fillable at ≤ 4 bytes per position (verified witness), else
 * it is deferred to a later step — a policy against out-of-order dead ends, not a proof, so no ban.
 * EOSER scales EOS's confidence by γ rising from 0.4 to 1 (the "EOS trap").
 *
 * Pre-filter (sound): while everything left of the first masked position is known, the
 * left-to-right grammar mask of that prefix excludes tokens at that position before they are
 * checked (a token that breaks the viable prefix cannot be completed either).
 *
 * If nothing can be committed in a step (every candidate refused within `maxChecksPerStep`, or no
 * token left, and no token-level witness: whole-canvas checks, `tokenExact: false`, or a first
 * check that found none), the output is finished with the checker's witness for the remaining
 * masks: `fallback_used` (the "Con." case; without it "Con.−"). The same happens when `shouldStop` (a time limit)
 * says so before a forward pass or between checks (`stopped`); a session's last verified witness
 * then finishes the text without a new check.
 *
 * Canvases longer than the model's context: each pass shows the model a window of `maxContext`
 * positions centred on the active block's masked positions; the checker always sees the whole text.
 */
import type { MaskedDiffusionLM } from "../backend/diffusion-lm.js";
import { InfillChecker, InfillSession, WITNESS_EOS, tokenSpeller, fillCanvas, tokenHole, type Canvas, type CanvasPart, type InfillResult, type SessionOptions } from "../infill/index.js";
import { recordSessionCalls, sessionLogFile, type SessionLogHeader } from "../infill/session-log.js";
import { onlyRepeatingWitnesses, repeatsKey } from "../infill/distinct-keys.js";
import { GrammarMatcher, MaskContext } from "../mask/matcher.js";
import type { CompiledGrammar } from "../parser/compile.js";
import { GramfillError } from "../util/errors.js";
import { countBits, countBitsAnd, setBit } from "../vocab/bitmask.js";
import { concatBytes, type Vocabulary } from "../vocab/vocabulary.js";
import { CheckStats, maxTokenBytesOf, round2, wholeCanvasAdapter, type FeasibilityChecker } from "./diffusion-canvas.js";
import { MaskedRowSampler, Rng } from "./sampler.js";

/** A session log's header as the decoder writes it (session-log.ts). */
type LogHeader = Omit<SessionLogHeader, "kind" | "id" | "canvas">;

/** Logits of one forward pass; `row(i)` predicts position i of the ids passed in. */
export interface DiffusionLogits {
  row(i: number): Float32Array;
}

/** What the decoder needs of a masked-diffusion model. */
export interface DiffusionModel {
  readonly maskTokenId: number;
  /** positions the model takes at once (the window), if limited */
  readonly maxContext: number | undefined;
  forward(ids: readonly number[]): Promise<DiffusionLogits>;
  encode(text: string): number[];
}

/** A `MaskedDiffusionLM` (ONNX) as a `DiffusionModel`. */
export function mdmModel(lm: MaskedDiffusionLM): DiffusionModel {
  return {
    maskTokenId: lm.maskTokenId,
    maxContext: lm.maxContext,
    encode: (t) => lm.tokenizer.encode(t),
    async forward(ids) {
      const out = await lm.forward([ids as number[]]);
      return { row: (i) => lm.predictionRow(out, 0, i) };
    },
  };
}

/** Known text, or a hole of `masks` masked positions. */
export type DiffusionPart = { text: string } | { masks: number };

export interface DiffusionOptions {
  /** unconstrained context before the parts (text or ids; default none) */
  prompt?: string | readonly number[];
  /** the output: its text must be a word of the grammar */
  parts: readonly DiffusionPart[];
  grammar?: CompiledGrammar;
  /**
   * checks the whole canvas anew at every call (default: an incremental `InfillSession` over every
   * hole; EOS may end any hole early there too, each hole's last masked run holding at most its
   * count of tokens)
   */
  checker?: FeasibilityChecker;
  /** forward passes planned (default: one per masked position); blocks may need more after rejections */
  steps?: number;
  /** masked positions per block (default 32) */
  blockLength?: number;
  /** Gumbel-noise temperature (default 0: argmax) */
  temperature?: number;
  /** Fast-dLLM threshold τ: also commit every candidate at least this confident (default 0.9; > 1 turns it off) */
  threshold?: number;
  /** Prophet early commit (default false) */
  prophet?: boolean;
  /**
   * EOSER: EOS's confidence is scaled by γ = γ_min + (1 − γ_min)·progress, so that EOS padding is
   * committed late (the "EOS trap"); this is γ_min (default 0.4; 1 turns it off)
   */
  eosPenalty?: number;
  seed?: number;
  /** checks in one step before giving up on it (default 100) */
  maxChecksPerStep?: number;
  /** refusals of one position in one step before the step moves on to others (default 8) */
  maxRejectionsPerPosition?: number;
  /** EOS may end any hole early, not only the tail (default true) */
  holesMayEnd?: boolean;
  /** use the left-to-right mask at the first masked position (default true) */
  prefilter?: boolean;
  /**
   * the longest token (bytes) the decoder commits (default 16): a masked position then holds 1..M
   * bytes, which is what the checker's budget assumes, so a smaller M makes the budget tighter
   * (fewer commits that only an impossible long token could complete); longer tokens are not offered
   */
  maxTokenBytes?: number;
  /**
   * planning budget (default 4): a commit must leave every masked run fillable with at most this
   * many bytes per position (only when no candidate passes that, the first masked position is
   * committed under the checker's exact budget). A decoding policy, not a proof
   * (a candidate it refuses is only deferred to a later step, never banned): the checker's budget
   * (1..M bytes per position, any bytes) lets a lone masked position stand for 16 bytes no real
   * token spells, which is how out-of-order commits walk into dead ends. ≥ maxTokenBytes: off.
   */
  planBytesPerPosition?: number;
  /**
   * token-exact checks (default true; sessions only): a run of r masked positions must be
   * spellable by exactly r tokens of the vocabulary (infill/tokens.ts), a commit is kept only with
   * such a witness, and the session's token-level witness is every position's last resort, so
   * decoding never gets stuck. The planning budget is then off unless `planBytesPerPosition` is given.
   */
  tokenExact?: boolean;
  /** checks spent going down one position's distribution when a step committed nothing (default 24) */
  maxDeepChecks?: number;
  /**
   * token-exact: full checks (charts over the whole canvas) one step may run while the session
   * holds a token-level witness (default 0); past it, candidates are asked only of the session's
   * cheap answers (parser, alphabet, witness, local repair), and one those cannot decide is skipped
   * for this step (not banned; `skipped`). While it holds none (its first check found none), a full
   * check is the only way to find one: then `maxFullChecksWithoutWitness` (default 6)
   */
  maxFullChecksPerStep?: number;
  /**
   * token-exact: full checks per step while the session holds no token-level witness (default 1:
   * in the generations of bench/RESULTS.md whose first check found none — mostly schemas with no
   * document of that many tokens — a later full check never found one)
   */
  maxFullChecksWithoutWitness?: number;
  /**
   * token-exact: chart items one check (a session's full check, its tightened re-check, a local
   * repair; not the fallback witness, nor the session's first check with its larger budget) may
   * use over all its tiers (default 60,000; each tier's chart keeps its own bound: 50k in a full
   * check, 20k in a repair). Past it the answer is "unknown", a
   * refusal. Of 27 full checks that found a token-level witness in 34 generations (blocks 8 and 32),
   * 26 used at most 18k items and one 72k; the others ran tier after tier to 50k items each.
   */
  maxCheckItems?: number;
  /**
   * token-exact: tightened re-checks a try may run after its chart offered only witnesses no token
   * sequence spells (default 0; the session's first check keeps its own; see `SessionOptions`)
   */
  tryTightenAttempts?: number;
  /**
   * token-exact: chart items of a local witness repair (default 0: the quick witness search only,
   * no chart: in 7 block-32 generations the repairs' charts were ~30 % of the constraint time and
   * found 17 witnesses the quick search did not, of ~4,000 tries; see `SessionOptions.repairItems`)
   */
  repairItems?: number;
  /** token-exact: bytes a local repair's quick witness search may feed (default: the checker's 8,000; `SessionOptions.repairQuickBytes`) */
  repairQuickBytes?: number;
  /**
   * token-exact: a repair's quick-search budget scaled to the canvas (`SessionOptions.repairQuickPasses`;
   * default 2: twice the canvas after the committed prefix, plus 256 bytes, at most 8,000 — on 49
   * JSON schemas at block 32 constraint / model 0.21 → 0.19, on 9 C++ canvases 0.21 → 0.09, the same
   * validity; the quick search was most of what the chart-free tries cost)
   */
  repairQuickPasses?: number;
  /**
   * token-exact: after this many failed repairs in a row in one hole, its repairs get
   * `repairStreakPasses` (`SessionOptions.repairStreak`; default 2, passes 1 — C++, 60 generations:
   * check CPU by replay −42 % (10,820 → 6,223 ms), the real run's constraint / model 0.099 → 0.082
   * with 43 / 60 outputs identical and validity unchanged within one output; bench/RESULTS.md session 8)
   */
  repairStreak?: number;
  /** token-exact: the passes of those repairs (default 1: one pass over the canvas after the prefix, plus 256 bytes) */
  repairStreakPasses?: number;
  /** best tokens per position kept for re-picks within a step (default 32; 0: every pick scans the row — same picks, for comparisons) */
  pickListSize?: number;
  /**
   * token-exact: when the first check finds no token-level witness, check the canvas again with the
   * chart in cost order and keep that session if it answers (default true; see `firstCheck`)
   */
  costOrderFirstCheck?: boolean;
  /** when stuck, finish with the checker's witness (default true); without it the result is incomplete */
  fallback?: boolean;
  /**
   * generation (default false): when no text of the last hole's positions completes the output (the
   * grammar's shortest word needs more bytes than they can hold), the fallback may write past them,
   * as the left-to-right close-out writes past `--max-tokens`; `past_canvas` says so. Infilling a
   * user's holes keeps to their sizes (an error instead)
   */
  pastCanvas?: boolean;
  /**
   * asked before every forward pass and between checks (a time limit, say): when it returns true
   * the decoder stops committing and finishes like a stuck run — the session's last verified
   * witness (free), else the checker's — so a limit ends in Con., not in an unfinished text
   * (`stopped`); a check already running is not interrupted
   */
  shouldStop?: () => boolean;
  /** called on every commit (region position, token id; EOS padding is reported as one commit) */
  onCommit?: (pos: number, id: number, step: number) => void;
}

export interface DiffusionStats {
  steps: number;
  /** tokens the model committed (EOS padding and fallback text not counted) */
  tokens: number;
  model_ms: number;
  /** checks, the left-to-right pre-filter's masks and the fallback witness */
  constraint_ms: number;
  /** the sampler: softmax normalizers, (noisy) argmax and re-picks over the logits rows */
  sample_ms: number;
  checks: number;
  rejections: number;
  /** candidates excluded by the left-to-right pre-filter (no check needed) */
  prefiltered: number;
  /** candidates the planning budget deferred to a later step (counted in checks and rejections too) */
  deferred: number;
  /** token-exact: the first check found no token-level witness, a session whose charts run in cost order did (`firstCheck`) */
  cost_order_session: boolean;
  /** token-exact: candidates refused because no token-level witness was found (not a proof; counted in rejections) */
  unknown_refused: number;
  /**
   * token-exact: the first check found a token-level witness (every later state keeps one, so the
   * decoder cannot get stuck); false when none was found — often none exists (the shortest word
   * needs more tokens than there are positions), and the fallback may then finish the text with
   * bytes no token sequence of that length spells. Always false without token-exact checks.
   */
  token_witness: boolean;
  /** token-exact: candidates left undecided because the step's full-check budget was spent (not banned) */
  skipped: number;
  /** steps that committed nothing from the top candidates, so one position went down its whole distribution */
  deep_searches: number;
  /**
   * positions where the session's token-level witness token was committed after every token ranked
   * above it was refused or the deep search's check budget ran out: a model choice under the
   * constraint (not the fallback)
   */
  last_resort: number;
  check_ms_p50: number;
  check_ms_p99: number;
  /** checks over 0.2 ms and over 5 ms (pooled over generations: the share of all checks above each) */
  checks_over_0_2ms: number;
  checks_over_5ms: number;
  fallback_used: boolean;
  /**
   * the output writes a key twice in one object (grammars with `distinctObjectKeys`, complete
   * outputs; `JSON.parse` keeps one value). Every check's witness is repeat-free (sessions and
   * whole-canvas checks alike), so only a fallback that found no repeat-free witness and took one
   * that repeats a key can leave one. Said, not hidden
   */
  repeated_key: boolean;
  /** candidate witnesses the checks dropped because their text repeated a key (the search then looked on; infill/distinct-keys.ts) */
  key_repeat_witnesses: number;
  /** `shouldStop` ended the decoding early (the fallback finished the text, when it could) */
  stopped: boolean;
  /** the fallback wrote past the last hole's positions (`pastCanvas`: no text of their size completes the output) */
  past_canvas: boolean;
  /**
   * the positions provably hold no completion: the first check found the canvas infeasible, or no
   * token sequence of the masked runs' lengths spells a word (the token bound). The fallback then
   * finishes a text the model had no room to write (Con. by necessity, not a dead end)
   */
  no_room: boolean;
  prophet_exits: number;
  total_ms: number;
}

export interface DiffusionResult {
  /** the parts with every hole filled (the prompt is not included) */
  text: string;
  bytes: Uint8Array;
  /** per hole, its fill */
  fills: string[];
  /** with a grammar: the text is a word of it (checked by the parser); null without one */
  valid: boolean | null;
  /** every masked position was decided (by the model, or by the fallback witness) */
  complete: boolean;
  fallbackUsed: boolean;
  /** how commits were checked: an incremental session, whole-canvas checks, or none (no grammar) */
  checkMode: "session" | "whole" | "none";
  stats: DiffusionStats;
}

const FIXED = 0;
const MASK = 1;
const TOKEN = 2;
const PAD = 3;

const dec = new TextDecoder("utf-8");
/** token-exact full checks: chart items per check, over all tiers (see `maxCheckItems`) */
const MAX_CHECK_ITEMS = 60_000;
/** normal tokens per position kept in score order for re-picks within a step (see `pick`) */
const PICK_LIST = 32;

/** Decodes `opts.parts` with `model`; the vocabulary gives the exact bytes of every token. */
export async function diffusionGenerate(model: DiffusionModel, vocab: Vocabulary, opts: DiffusionOptions): Promise<DiffusionResult> {
  return new DiffusionRun(model, vocab, opts).run();
}

class DiffusionRun {
  private readonly vocab: Vocabulary;
  private readonly model: DiffusionModel;
  private readonly o: DiffusionOptions;
  private readonly checker: FeasibilityChecker | undefined;
  /** the InfillChecker behind the default checker (its three-way answers), when it is ours */
  private readonly checkerFull: InfillChecker | undefined;
  /** the incremental checker (positions: masked positions of the region in order) */
  private session: InfillSession | undefined;
  /** how the session was made (checker options, session options, log header): `firstCheck` may make another in cost order */
  private sessionMade: { perCheck: { maxItemsPerCheck?: number }; so: SessionOptions; header: LogHeader | null } | null = null;
  /** the same canvas under the planning budget (see `planBytesPerPosition`) */
  private planSession: InfillSession | undefined;
  private readonly planBytes: number;
  /** sessions check runs at the token level (see `tokenExact`) */
  private readonly tokenExact: boolean;
  /** full checks (charts) the current step may still run (token-exact; see `maxFullChecksPerStep`) */
  private fullChecksLeft = Infinity;
  /** the last `check` was not decided: the full check it needed was over the step's budget */
  private lastSkipped = false;
  /** candidates the planning budget deferred in this step, by position */
  private deferred = new Map<number, Set<number>>();
  private sessionPos: Int32Array;
  private readonly grammar: CompiledGrammar | undefined;
  private readonly eosId: number;
  private readonly maxTokenBytes: number;
  private readonly temperature: number;
  private readonly threshold: number;
  private readonly holesMayEnd: boolean;
  private readonly eosPenalty: number;
  /** steps done / steps planned, for EOSER and Prophet */
  private progress = 0;
  private readonly rng: Rng;
  private readonly cs = new CheckStats();

  /** whole canvas (prompt + parts): ids, kind, hole index (-1 outside holes) */
  private ids: Int32Array;
  private kind: Uint8Array;
  private holeOf: Int32Array;
  private regionStart: number;
  private holeEnd: number[] = [];
  private holeIsTail: boolean[] = [];
  /** normal tokens (1) by id, over the model's logits width once known */
  private normal: Uint8Array;
  private banned = new Map<number, Set<number>>();

  // per-step candidate state, by position
  private x0: Int32Array;
  private conf: Float64Array;
  private gap: Float64Array;
  private rows = new Map<number, Float32Array>();
  /** per position: noisy argmax, log-sum-exp, the step's best tokens for re-picks (see `pick`) */
  private sampler: MaskedRowSampler;
  private readonly pickList: number;

  // left-to-right pre-filter
  private matcher: GrammarMatcher | undefined;
  private fedTo: number;
  private frontierBits: Uint32Array | undefined;
  private frontierPos = -1;

  private stats: DiffusionStats = {
    steps: 0,
    tokens: 0,
    model_ms: 0,
    constraint_ms: 0,
    sample_ms: 0,
    checks: 0,
    rejections: 0,
    prefiltered: 0,
    deferred: 0,
    unknown_refused: 0,
    cost_order_session: false,
    token_witness: false,
    skipped: 0,
    deep_searches: 0,
    last_resort: 0,
    check_ms_p50: 0,
    check_ms_p99: 0,
    checks_over_0_2ms: 0,
    checks_over_5ms: 0,
    fallback_used: false,
    past_canvas: false,
    no_room: false,
    repeated_key: false,
    key_repeat_witnesses: 0,
    stopped: false,
    prophet_exits: 0,
    total_ms: 0,
  };

  constructor(model: DiffusionModel, vocab: Vocabulary, opts: DiffusionOptions) {
    this.model = model;
    this.vocab = vocab;
    this.o = opts;
    this.grammar = opts.grammar;
    // token-exact sessions refuse "unknown": one check's tiers share an item budget (see `maxCheckItems`)
    const perCheck = (opts.tokenExact ?? true) ? { maxItemsPerCheck: opts.maxCheckItems ?? MAX_CHECK_ITEMS } : {};
    this.checkerFull = !opts.checker && opts.grammar ? new InfillChecker(opts.grammar, { maxTokenBytes: maxTokenBytesOf(vocab), ...perCheck }) : undefined;
    const full = this.checkerFull;
    this.checker = opts.checker ?? (full ? wholeCanvasAdapter(full) : undefined);
    if (vocab.eosIds.length === 0) throw new GramfillError("io", "the vocabulary has no EOS token: diffusion decoding pads with it");
    this.eosId = vocab.eosIds[0]!;
    this.maxTokenBytes = Math.min(maxTokenBytesOf(vocab), opts.maxTokenBytes ?? 16);
    if (!(this.maxTokenBytes >= 1)) throw new GramfillError("usage", `maxTokenBytes must be ≥ 1, not ${opts.maxTokenBytes}`);
    this.tokenExact = (opts.tokenExact ?? true) && this.checkerFull !== undefined;
    this.planBytes = Math.min(this.maxTokenBytes, opts.planBytesPerPosition ?? (this.tokenExact ? this.maxTokenBytes : 4));
    if (!(this.planBytes >= 1)) throw new GramfillError("usage", `planBytesPerPosition must be ≥ 1, not ${opts.planBytesPerPosition}`);
    this.temperature = opts.temperature ?? 0;
    if (!(this.temperature >= 0 && Number.isFinite(this.temperature))) throw new GramfillError("usage", `temperature must be a number ≥ 0, not ${opts.temperature}`);
    this.threshold = opts.threshold ?? 0.9;
    if (!(this.threshold >= 0)) throw new GramfillError("usage", `threshold must be ≥ 0, not ${opts.threshold}`);
    this.holesMayEnd = opts.holesMayEnd ?? true;
    this.eosPenalty = opts.eosPenalty ?? 0.4;
    if (!(this.eosPenalty >= 0 && this.eosPenalty <= 1)) throw new GramfillError("usage", `eosPenalty must be in [0, 1], not ${opts.eosPenalty}`);
    this.rng = new Rng(opts.seed ?? 0);
    this.pickList = opts.pickListSize ?? PICK_LIST;
    if (!(Number.isInteger(this.pickList) && this.pickList >= 0)) throw new GramfillError("usage", `pickListSize must be an integer ≥ 0, not ${opts.pickListSize}`);

    const prompt = typeof opts.prompt === "string" ? model.encode(opts.prompt) : [...(opts.prompt ?? [])];
    const ids: number[] = [...prompt];
    const kind: number[] = prompt.map(() => FIXED);
    const holeOf: number[] = prompt.map(() => -1);
    let h = 0;
    opts.parts.forEach((part, i) => {
      if ("text" in part) {
        for (const id of model.encode(part.text)) {
          ids.push(id);
          kind.push(FIXED);
          holeOf.push(-1);
        }
      } else {
        if (!Number.isInteger(part.masks) || part.masks < 1) throw new GramfillError("usage", `a hole needs at least 1 masked position, not ${part.masks}`);
        for (let k = 0; k < part.masks; k++) {
          ids.push(model.maskTokenId);
          kind.push(MASK);
          holeOf.push(h);
        }
        this.holeEnd.push(ids.length);
        this.holeIsTail.push(i === opts.parts.length - 1);
        h++;
      }
    });
    this.ids = Int32Array.from(ids);
    this.kind = Uint8Array.from(kind);
    this.holeOf = Int32Array.from(holeOf);
    this.regionStart = prompt.length;
    const n = ids.length;
    this.x0 = new Int32Array(n).fill(-1);
    this.conf = new Float64Array(n);
    this.gap = new Float64Array(n);
    this.normal = new Uint8Array(vocab.size);
    for (let id = 0; id < vocab.size; id++) if (vocab.isNormal(id) && vocab.tokenLength(id) <= this.maxTokenBytes) this.normal[id] = 1;
    this.sampler = new MaskedRowSampler(n, this.normal, this.pickList, this.temperature, this.rng);
    this.fedTo = this.regionStart;
    this.sessionPos = new Int32Array(n).fill(-1);
    // the session reads a hole that may end early from the canvas (`minBytes: 0`, or `tailMayEnd`)
    if (this.checkerFull) {
      const ic = this.checkerFull!;
      // the decoder's action space (normal tokens of ≤ maxTokenBytes) is the speller's default one
      const speller = this.tokenExact ? tokenSpeller(vocab, this.maxTokenBytes) : undefined;
      const so = speller ? { speller, tryTightenAttempts: this.o.tryTightenAttempts ?? 0, repairItems: this.o.repairItems ?? 0, ...(this.o.repairQuickBytes !== undefined ? { repairQuickBytes: this.o.repairQuickBytes } : {}), repairQuickPasses: this.o.repairQuickPasses ?? 2, repairStreak: this.o.repairStreak ?? 2, repairStreakPasses: this.o.repairStreakPasses ?? 1 } : {};
      this.session = new InfillSession(ic, this.canvas(-1, -1).canvas, this.maxTokenBytes, so);
      if (this.planBytes < this.maxTokenBytes) this.planSession = new InfillSession(ic, this.canvas(-1, -1, this.planBytes).canvas, this.planBytes, so);
      // GRAMFILL_INFILL_LOG=FILE: every session call to a JSONL log, for bench/infill-replay.mjs (session-log.ts)
      const logFile = sessionLogFile();
      let header: LogHeader | null = null;
      if (logFile) {
        const { speller: _sp, ...sessionOpts } = so as SessionOptions;
        header = { maxTokenBytes: this.maxTokenBytes, session: sessionOpts, checker: { maxTokenBytes: maxTokenBytesOf(vocab), ...perCheck }, speller: speller ? { maxTokenBytes: this.maxTokenBytes, vocabSize: vocab.size } : null, source: "diffusion" };
        recordSessionCalls(this.session, logFile, header, this.canvas(-1, -1).canvas);
        if (this.planSession) recordSessionCalls(this.planSession, logFile, { ...header, maxTokenBytes: this.planBytes, source: "diffusion-plan" }, this.canvas(-1, -1, this.planBytes).canvas);
      }
      this.sessionMade = { perCheck, so: so as SessionOptions, header };
      let k = 0;
      for (let p = this.regionStart; p < n; p++) if (this.kind[p] === MASK) this.sessionPos[p] = k++;
      if (k !== this.session.positions) throw new Error("internal: session positions and masked positions disagree");
    }
    if (this.grammar && (opts.prefilter ?? true)) this.matcher = new MaskContext(this.grammar, vocab).matcher();
  }

  async run(): Promise<DiffusionResult> {
    const t0 = performance.now();
    let start = "";
    const startsFeasible = !this.checker || (this.session ? this.cs.time(() => (start = this.firstCheck()) !== "infeasible") : this.check(-1, -1));
    // too small for any word: only a fallback past the canvas (generation) can finish the text
    if (!startsFeasible && !this.mayWritePastCanvas()) throw noFilling();
    this.stats.token_witness = this.tokenExact && this.session !== undefined && start === "feasible";
    // no token sequence of this length is a word (the session proved it): every commit would be
    // refused, so the fallback finishes the text at once instead of after a step of refusals
    let stuck = !startsFeasible || this.session?.noTokenFilling === true;
    this.stats.no_room = stuck;
    const masked: number[] = [];
    for (let p = this.regionStart; p < this.ids.length; p++) if (this.kind[p] === MASK) masked.push(p);
    const B = Math.max(1, Math.floor(this.o.blockLength ?? 32));
    const blocks: number[][] = [];
    for (let i = 0; i < masked.length; i += B) blocks.push(masked.slice(i, i + B));
    const planned = Math.max(1, Math.floor(this.o.steps ?? masked.length));
    const perBlock = Math.max(1, Math.ceil(planned / Math.max(1, blocks.length)));
    for (const block of blocks) {
      for (let i = 0; !stuck; i++) {
        const active = block.filter((p) => this.kind[p] === MASK);
        if (active.length === 0) break;
        if (this.stopRequested()) {
          stuck = true;
          break;
        }
        // the block's masked positions spread over its planned passes; a pass that committed fewer
        // (refused or skipped candidates) leaves its shortfall to the passes left, not one token
        // per extra pass (each costs a forward); past the plan, every pass tries the whole rest
        const k = Math.max(1, Math.ceil(active.length / Math.max(1, perBlock - i)));
        stuck = !(await this.step(active, k, this.stats.steps / planned)) || this.stats.stopped;
      }
      if (stuck) break;
    }
    let fallback: Uint8Array[] | null = null;
    if (stuck && this.checker && (this.o.fallback ?? true)) {
      const c0 = performance.now();
      try {
        // a session's last verified witness fills the current canvas' masked runs: no new check
        const known = this.session?.currentWitness() ?? null;
        // otherwise a full check without the per-check item cap of the decoder's checks
        const uncapped = this.checkerFull && this.grammar ? new InfillChecker(this.grammar, { maxTokenBytes: maxTokenBytesOf(this.vocab) }) : this.checker;
        const canvas = this.canvas(-1, -1);
        // a canvas the first check proved too small goes straight to the open tail below
        fallback = known !== null && known.length === canvas.runHole.length ? known : startsFeasible ? uncapped.witness(canvas.canvas) : null;
        // the witness writes each key once (the checker's distinct keys): when none was found, one
        // that may repeat a key still finishes the text, and `repeated_key` says so
        if (fallback === null && startsFeasible && this.checkerFull && this.grammar?.distinctObjectKeys) {
          fallback = new InfillChecker(this.grammar, { maxTokenBytes: maxTokenBytesOf(this.vocab), distinctKeys: false }).witness(canvas.canvas);
        }
        if (fallback === null && this.mayWritePastCanvas()) {
          fallback = uncapped.witness(withOpenTail(canvas.canvas));
          this.stats.past_canvas = fallback !== null;
        }
      } catch (e) {
        // a lexer automaton over its state cap: no witness (the output stays incomplete), not a crash
        if (!(e instanceof GramfillError && e.code === "automaton_too_large")) throw e;
      }
      this.stats.constraint_ms += performance.now() - c0;
      this.stats.fallback_used = fallback !== null;
    }
    if (!startsFeasible && fallback === null) throw noFilling();
    const { bytes, fills, complete } = this.assemble(fallback);
    const valid = this.grammar ? (complete ? this.grammar.check(bytes).ok : false) : null;
    if (this.grammar?.distinctObjectKeys && complete) this.stats.repeated_key = repeatsKey(bytes);
    this.stats.key_repeat_witnesses = (this.session?.counts.repeatedKey ?? 0) + (this.planSession?.counts.repeatedKey ?? 0);
    this.stats.constraint_ms += this.constraintTime();
    this.stats.checks = this.cs.checks;
    this.stats.rejections = this.cs.rejections;
    this.stats.check_ms_p50 = round2(this.cs.quantile(0.5));
    this.stats.check_ms_p99 = round2(this.cs.quantile(0.99));
    this.stats.checks_over_0_2ms = this.cs.countOver(0.2);
    this.stats.checks_over_5ms = this.cs.countOver(5);
    this.stats.total_ms = performance.now() - t0;
    return { text: dec.decode(bytes), bytes, fills: fills.map((f) => dec.decode(f)), valid, complete, fallbackUsed: this.stats.fallback_used, checkMode: this.session ? "session" : this.checker ? "whole" : "none", stats: this.stats };
  }

  /**
   * The session's first check. When it finds no token-level witness ("unknown": the chart's first
   * candidates need more tokens than the runs hold, and the tightened re-checks ran out of items —
   * 036.cpp with 2 holes, the C++ MDM run's last fallback), the same canvas is checked by a new
   * session whose charts run in cost order (`InfillOptions.witnessOrder` "shortest": the first
   * candidate has the fewest hole bytes, `0){` where worklist order read 60 bytes). Nothing is
   * committed yet, so that session replaces this one when it answers (its later charts, rare while it
   * holds a witness, run in cost order too); `cost_order_session` says so.
   */
  private firstCheck(): string {
    const s = this.session!;
    const status = s.check().status;
    if (status !== "unknown" || !this.tokenExact || s.noTokenFilling || !this.grammar || this.sessionMade === null || this.o.costOrderFirstCheck === false) return status;
    const { perCheck, so, header } = this.sessionMade;
    const canvas = this.canvas(-1, -1).canvas;
    const next = new InfillSession(new InfillChecker(this.grammar, { maxTokenBytes: maxTokenBytesOf(this.vocab), ...perCheck, witnessOrder: "shortest" }), canvas, this.maxTokenBytes, so);
    const logFile = sessionLogFile();
    if (logFile && header) recordSessionCalls(next, logFile, { ...header, checker: { ...header.checker, witnessOrder: "shortest" } }, canvas);
    const r = next.check().status;
    if (r === "unknown") return status;
    this.session = next;
    this.stats.cost_order_session = true;
    return r;
  }

  /** One forward pass and its commits; false when nothing could be committed (stuck). */
  private async step(activeAll: number[], k: number, progress: number): Promise<boolean> {
    this.progress = progress;
    const { start, active } = this.window(activeAll);
    const C = this.model.maxContext ?? Infinity;
    const end = Math.min(this.ids.length, start + C);
    const m0 = performance.now();
    const logits = await this.model.forward(Array.from(this.ids.subarray(start, end)));
    this.stats.model_ms += performance.now() - m0;
    this.stats.steps++;
    this.rows.clear();
    this.sampler.beginStep();
    this.deferred.clear();
    this.fullChecksLeft = !this.tokenExact ? Infinity : this.session?.hasTokenWitness ? (this.o.maxFullChecksPerStep ?? 0) : (this.o.maxFullChecksWithoutWitness ?? 1);
    const c0 = performance.now();
    const constraintBefore = this.constraintTime();
    try {
      for (let p = start; p < end; p++) if (this.kind[p] === MASK) this.rows.set(p, logits.row(p - start));
      this.advanceMatcher();
      for (const p of active) this.pick(p);
      if (this.o.prophet && active.length > 0) {
        let g = 0;
        for (const p of active) g += this.gap[p]!;
        g /= active.length;
        const tau = progress < 1 / 3 ? 7.5 : progress < 2 / 3 ? 5.0 : 2.5;
        if (g >= tau && this.allIn(start, end)) {
          this.stats.prophet_exits++;
          return true;
        }
      }
      return this.commitLoop(active, k);
    } finally {
      this.stats.sample_ms += performance.now() - c0 - (this.constraintTime() - constraintBefore);
    }
  }

  /** Has `shouldStop` asked the decoder to stop (remembered in `stats.stopped`)? */
  private stopRequested(): boolean {
    if (!this.stats.stopped && this.o.shouldStop?.() === true) this.stats.stopped = true;
    return this.stats.stopped;
  }

  /** Commits the step's candidates in confidence order; false when none could be committed. */
  private commitLoop(active: number[], k: number): boolean {
    let commits = 0;
    let checks = 0;
    const maxChecks = this.o.maxChecksPerStep ?? 100;
    const perPosition = this.o.maxRejectionsPerPosition ?? 8;
    const cand = active.slice();
    const refused = new Int32Array(cand.length);
    for (;;) {
      let bi = -1;
      for (let i = 0; i < cand.length; i++) {
        const p = cand[i]!;
        if (this.kind[p] !== MASK || this.x0[p]! < 0 || refused[i]! >= perPosition) continue;
        if (bi < 0 || this.conf[p]! > this.conf[cand[bi]!]!) bi = i;
      }
      if (bi < 0) break;
      const p = cand[bi]!;
      if (commits >= k && this.conf[p]! < this.threshold) break;
      if (this.checker && checks >= maxChecks) break;
      if (this.stopRequested()) return commits > 0;
      const r = this.tryCommit(p);
      checks += r.checks;
      if (r.ok) commits++;
      else refused[bi]!++;
    }
    if (commits === 0 && this.checker && this.tokenExact && this.session) {
      // every top candidate was refused: the first masked position (pre-filtered by the
      // left-to-right mask) goes down its whole distribution, its token-level witness last
      const p = cand.filter((q) => this.kind[q] === MASK).sort((a, b) => a - b)[0];
      return p !== undefined && this.deepCommit(p);
    }
    if (commits === 0 && this.checker) {
      // every candidate was refused or deferred: the first masked position (pre-filtered by the
      // left-to-right mask) gets exact checks, without the planning budget, on a budget of their own
      const p = cand.filter((q) => this.kind[q] === MASK).sort((a, b) => a - b)[0];
      checks = 0;
      this.deferred.delete(p ?? -1);
      if (p !== undefined) this.pick(p);
      while (p !== undefined && this.kind[p] === MASK && this.x0[p]! >= 0 && checks < maxChecks) {
        const r = this.tryCommit(p, true);
        checks += r.checks;
        if (r.ok) return true;
      }
    }
    return commits > 0;
  }

  /** Checks x0 at p and commits it, or bans it and re-picks p. */
  private tryCommit(p: number, exact = false): { ok: boolean; checks: number } {
    const v = this.x0[p]!;
    if (v === this.eosId && !this.eosAllowed(p)) {
      // a token was committed after p in its hole since p picked EOS: EOS would cut it off
      this.pick(p);
      return { ok: false, checks: 0 };
    }
    if (this.checker && this.planBytes < this.maxTokenBytes && !exact) {
      // planning budget first; feasible under it implies feasible (its holes are sub-languages)
      if (this.check(p, v, true)) {
        this.commit(p, v);
        return { ok: true, checks: 1 };
      }
      this.stats.deferred++;
      this.deferOne(p, v);
      this.pick(p);
      return { ok: false, checks: 1 };
    }
    if (this.checker && !this.check(p, v)) {
      if (this.lastSkipped) this.deferOne(p, v);
      else this.ban(p, v);
      this.pick(p);
      return { ok: false, checks: 1 };
    }
    this.commit(p, v);
    return { ok: true, checks: this.checker ? 1 : 0 };
  }

  /**
   * Commits at masked position p the most probable token (by the same noisy score as `pick`) that
   * passes its check, trying tokens in score order down to the session's token-level witness token,
   * which is feasible without a check and so ends the search: it is the best allowed token when
   * everything above it was refused, or the last resort when `maxDeepChecks` ran out first (counted
   * in `last_resort` either way). False only when the session knows no token-level witness and
   * nothing passed.
   */
  private deepCommit(p: number): boolean {
    this.stats.deep_searches++;
    const row = this.rows.get(p);
    const s = this.session!;
    const sp = this.sessionPos[p]!;
    const wt = this.cs.timeValue(() => s.witnessTokenAt(sp));
    const w = wt === WITNESS_EOS ? this.eosId : wt;
    const eosScale = Math.log(this.eosPenalty + (1 - this.eosPenalty) * this.progress);
    const score = (id: number) => {
      const base = this.sampler.score(p, id, row![id]!);
      return id === this.eosId ? base + eosScale : base;
    };
    const budget = this.o.maxDeepChecks ?? 24;
    if (row) {
      const floor = w >= 0 && w < row.length ? score(w) : -Infinity;
      const bans = this.banned.get(p);
      const bits = p === this.frontierPos ? this.frontierBits : undefined;
      const ids: number[] = [];
      const W = Math.min(row.length, this.normal.length);
      for (let id = 0; id < W; id++) {
        if (this.normal[id] === 0 || id === w || bans?.has(id)) continue;
        if (bits && (bits[id >>> 5]! & (1 << (id & 31))) === 0) continue;
        const l = row[id]!;
        // the bound first: most tokens score far below the witness's token, and their noise needs two logs
        if (Number.isNaN(l) || l === -Infinity || !(this.sampler.scoreBound(p, id, l) > floor) || !(score(id) > floor)) continue;
        ids.push(id);
      }
      if (this.eosId !== w && this.eosId < row.length && this.eosAllowed(p) && !bans?.has(this.eosId) && score(this.eosId) > floor) ids.push(this.eosId);
      const scores = new Float64Array(ids.length);
      ids.forEach((id, i) => (scores[i] = score(id)));
      const order = Array.from(ids.keys()).sort((a, b) => scores[b]! - scores[a]!);
      let checks = 0;
      for (const i of order) {
        if (checks >= budget) break;
        if (this.stopRequested()) return false;
        const v = ids[i]!;
        checks++;
        if (this.check(p, v)) {
          this.commit(p, v);
          return true;
        }
        if (!this.lastSkipped) this.ban(p, v);
      }
    }
    if (w < 0) return false;
    // the witness token: feasible by the session's token-level witness (the check answers at once)
    if (!this.check(p, w)) throw new Error("internal: the session refused its own witness token");
    this.stats.last_resort++;
    this.commit(p, w);
    return true;
  }

  /** Prophet's all-in: every masked position in [start, end), left to right; false if cancelled. */
  private allIn(start: number, end: number): boolean {
    let substitutions = 0;
    for (let p = start; p < end; p++) {
      if (this.kind[p] !== MASK) continue;
      if (this.x0[p]! < 0 || !this.rows.has(p)) this.pick(p);
      for (;;) {
        const v = this.x0[p]!;
        if (v < 0) return false;
        if (v === this.eosId && !this.eosAllowed(p)) {
          this.pick(p);
          continue;
        }
        if (!this.checker || this.check(p, v)) {
          this.commit(p, v);
          break;
        }
        this.ban(p, v);
        if (++substitutions > 4) return false;
        this.pick(p);
      }
    }
    return true;
  }

  /** The window the model sees: `maxContext` positions around the active masks (which it may cut). */
  private window(active: number[]): { start: number; active: number[] } {
    const C = this.model.maxContext ?? Infinity;
    const n = this.ids.length;
    if (n <= C) return { start: 0, active };
    const lo = active[0]!;
    const inView = active.filter((p) => p < lo + C);
    const hi = inView[inView.length - 1]!;
    let start = Math.floor((lo + hi + 1) / 2 - C / 2);
    start = Math.max(hi - C + 1, Math.min(lo, start));
    start = Math.max(0, Math.min(n - C, start));
    return { start, active: inView };
  }

  /**
   * x0, confidence and top-2 gap of a masked position from its logits row, over the tokens allowed
   * there: the row sampler's pick (sampler.ts: the step's first pick of a position scans its row and
   * keeps its best tokens, re-picks after a refusal or deferral read them; noise only for tokens
   * that can matter), then EOS. The gap (Prophet's) is the first pick's: re-picks happen after
   * Prophet decided.
   */
  private pick(p: number): void {
    const row = this.rows.get(p);
    if (!row) {
      this.x0[p] = -1;
      return;
    }
    const bans = this.banned.get(p);
    const later = this.deferred.get(p);
    const bits = p === this.frontierPos ? this.frontierBits : undefined;
    const allowed = (id: number) => !bans?.has(id) && !later?.has(id) && (bits === undefined || (bits[id >>> 5]! & (1 << (id & 31))) !== 0);
    const smp = this.sampler;
    let best = smp.pick(p, row, allowed);
    const fresh = smp.fresh;
    let { top1, top2 } = smp;
    const bestScore = smp.bestScore;
    if (smp.scanned && bits) this.stats.prefiltered += this.excludedBy(bits);
    // EOS at the first masked position of the tail ends the text: the mask knows whether it may end
    // there; in other holes EOS only ends the hole, which the mask cannot judge
    const eos = this.eosId;
    const eosBlocked = bits !== undefined && this.holeIsTail[this.holeOf[p]!] === true && this.lastRun(p) && (bits[eos >>> 5]! & (1 << (eos & 31))) === 0;
    if (eosBlocked) this.stats.prefiltered++;
    else if (this.eosAllowed(p) && !bans?.has(eos) && !later?.has(eos) && eos < row.length) {
      const l = row[eos]!;
      if (!Number.isNaN(l) && l !== -Infinity) {
        if (l > top1) {
          top2 = top1;
          top1 = l;
        } else if (l > top2) top2 = l;
        if (smp.score(p, eos, l) > bestScore) best = eos;
      }
    }
    if (fresh) this.gap[p] = top2 === -Infinity ? (top1 === -Infinity ? 0 : Infinity) : top1 - top2;
    this.x0[p] = best;
    this.conf[p] = best < 0 ? 0 : Math.exp(row[best]! - smp.logSumExp(p));
    if (best === eos) this.conf[p]! *= this.eosPenalty + (1 - this.eosPenalty) * this.progress;
  }

  /** Normal tokens the left-to-right mask `bits` excludes (the `prefiltered` count of one scan). */
  private excludedBy(bits: Uint32Array): number {
    let nb = this.normalBits;
    if (nb === undefined) {
      nb = this.normalBits = new Uint32Array(bits.length);
      for (let id = 0; id < this.normal.length && id >>> 5 < nb.length; id++) if (this.normal[id]) setBit(nb, id);
      this.normalCount = countBits(nb);
    }
    return this.normalCount - countBitsAnd(nb, bits);
  }
  private normalBits: Uint32Array | undefined;
  private normalCount = 0;

  /** Is nothing but masks and padding after p in the region (EOS at p would end the text)? */
  private lastRun(p: number): boolean {
    for (let q = p + 1; q < this.ids.length; q++) if (this.kind[q] === TOKEN || this.kind[q] === FIXED) return false;
    return true;
  }

  /** Leaves (p, v) out for the rest of this step (undecided, not refused). */
  private deferOne(p: number, v: number): void {
    let d = this.deferred.get(p);
    if (!d) this.deferred.set(p, (d = new Set()));
    d.add(v);
  }

  private ban(p: number, v: number): void {
    let s = this.banned.get(p);
    if (!s) this.banned.set(p, (s = new Set()));
    s.add(v);
  }

  /** May EOS go at p: in the tail (or any hole with `holesMayEnd`), with no token committed after p in its hole? */
  private eosAllowed(p: number): boolean {
    const h = this.holeOf[p]!;
    if (h < 0) return false;
    if (!this.holesMayEnd && !this.holeIsTail[h]) return false;
    for (let q = p + 1; q < this.holeEnd[h]!; q++) if (this.kind[q] === TOKEN) return false;
    return true;
  }

  private commit(p: number, v: number): void {
    for (const s of [this.session, this.planSession]) {
      if (!s) continue;
      const sp = this.sessionPos[p]!;
      if (v === this.eosId) s.end(sp);
      else s.commit(sp, this.vocab.tokenBytes(v));
    }
    if (v === this.eosId) {
      const end = this.holeEnd[this.holeOf[p]!]!;
      for (let q = p; q < end; q++) {
        this.kind[q] = PAD;
        this.ids[q] = this.eosId;
      }
    } else {
      this.kind[p] = TOKEN;
      this.ids[p] = v;
      this.stats.tokens++;
    }
    this.o.onCommit?.(p - this.regionStart, v, this.stats.steps);
    if (this.advanceMatcher()) {
      // the first masked position moved or its prefix grew: re-pick it under the new mask
      if (this.frontierPos >= 0 && this.kind[this.frontierPos] === MASK && this.rows.has(this.frontierPos)) this.pick(this.frontierPos);
    }
  }

  private maskMs = 0;
  /** time in checks and masks so far */
  private constraintTime(): number {
    return this.cs.ms + this.maskMs;
  }

  /** Feeds newly known tokens left of the first masked position to the matcher; true if the frontier mask changed. */
  private advanceMatcher(): boolean {
    const t0 = performance.now();
    try {
      return this.advanceMatcherTimed();
    } catch (e) {
      // the pre-filter is only a shortcut: a mask table or parser over the lexer's state cap turns it off
      if (!(e instanceof GramfillError && e.code === "automaton_too_large")) throw e;
      this.matcher = undefined;
      this.frontierBits = undefined;
      this.frontierPos = -1;
      return false;
    } finally {
      this.maskMs += performance.now() - t0;
    }
  }

  private advanceMatcherTimed(): boolean {
    const m = this.matcher;
    if (!m) return false;
    let moved = false;
    let p = this.fedTo;
    for (; p < this.ids.length; p++) {
      const k = this.kind[p]!;
      if (k === MASK) break;
      moved = true;
      if (k === PAD) continue;
      if (!m.accept(this.ids[p]!)) {
        // the known prefix is not a viable prefix token by token (e.g. a special token in the text):
        // no pre-filter from here on
        this.matcher = undefined;
        this.frontierBits = undefined;
        this.frontierPos = -1;
        return false;
      }
    }
    this.fedTo = p;
    if (!moved && this.frontierBits) return false;
    if (p >= this.ids.length) {
      this.frontierPos = -1;
      this.frontierBits = undefined;
      return moved;
    }
    this.frontierPos = p;
    if (!this.frontierBits) this.frontierBits = new Uint32Array(m.maskWords);
    m.fillMask(this.frontierBits);
    return true;
  }

  /**
   * Would (p := v) keep the canvas feasible? Exact checks accept "unknown" (never a false dead
   * end); under the planning budget (`plan`) only a verified witness counts, since a refusal there
   * merely defers the candidate.
   */
  private check(p: number, v: number, plan = false): boolean {
    const s = plan ? this.planSession : this.session;
    this.lastSkipped = false;
    // an "unknown" whose candidates all wrote a key twice is refused too (distinct-keys.ts)
    const ok = (r: InfillResult) => (plan || (this.tokenExact && s) ? r.status === "feasible" : r.status !== "infeasible" && !onlyRepeatingWitnesses(r));
    if (s) {
      const sp = this.sessionPos[p]!;
      // token-exact: past the step's full-check budget only the session's cheap answers are asked for
      const cheap = this.tokenExact && !plan && this.fullChecksLeft <= 0;
      const { chart, skipped } = s.counts;
      let status = "";
      const r = this.cs.time(() => {
        const res = v === this.eosId ? s.tryEnd(sp, cheap) : s.tryCommit(sp, this.vocab.tokenBytes(v), cheap);
        status = res.status;
        return ok(res);
      });
      if (s.counts.skipped > skipped) {
        this.lastSkipped = true;
        this.stats.skipped++;
      } else if (status === "unknown" && this.tokenExact && !plan) this.stats.unknown_refused++;
      if (!plan && s.counts.chart > chart) this.fullChecksLeft--;
      return r;
    }
    if (plan && this.checkerFull) {
      const full = this.checkerFull;
      return this.cs.time(() => ok(full.check(this.canvas(p, v, this.planBytes).canvas)));
    }
    return this.cs.run(this.checker!, this.canvas(p, v, plan ? this.planBytes : this.maxTokenBytes).canvas);
  }

  /** Effective kind of q with (p := v) applied. */
  private kindWith(q: number, p: number, v: number): number {
    if (p >= 0 && q >= p) {
      if (q === p) return v === this.eosId ? PAD : TOKEN;
      if (v === this.eosId && this.holeOf[q] === this.holeOf[p] && this.kind[q] === MASK) return PAD;
    }
    return this.kind[q]!;
  }

  /**
   * The region (parts) as a checker canvas with (p := v) applied (p < 0: as it is): known tokens
   * as text, each run of masked positions as a budget-aware hole; `runHole` maps canvas holes to
   * the parts' holes.
   */
  private canvas(p: number, v: number, M = this.maxTokenBytes): { canvas: Canvas; runHole: number[] } {
    const parts: CanvasPart[] = [];
    const runHole: number[] = [];
    let text: Uint8Array[] = [];
    const flush = () => {
      if (text.length > 0) parts.push({ text: concatBytes(text) });
      text = [];
    };
    const n = this.ids.length;
    for (let q = this.regionStart; q < n; ) {
      const k = this.kindWith(q, p, v);
      if (k === FIXED || k === TOKEN) {
        text.push(this.vocab.tokenBytes(q === p ? v : this.ids[q]!));
        q++;
      } else if (k === PAD) q++;
      else {
        const h = this.holeOf[q]!;
        const end = this.holeEnd[h]!;
        let r = 0;
        while (q + r < end && this.kindWith(q + r, p, v) === MASK) r++;
        const after = q + r;
        // may the run end early: nothing but EOS padding (or the hole's end) follows it in its hole
        const mayEnd = (this.holesMayEnd || this.holeIsTail[h]!) && (after >= end || this.kindWith(after, p, v) === PAD);
        let last = true;
        for (let x = q + r; x < n && last; x++) {
          const kx = this.kindWith(x, p, v);
          if (kx !== PAD) last = false;
        }
        flush();
        parts.push(mayEnd ? (last ? tokenHole(r, M, true) : { hole: { tokens: r, maxTokenBytes: M, minBytes: 0 } }) : tokenHole(r, M));
        runHole.push(h);
        q = after;
      }
    }
    flush();
    return { canvas: parts, runHole };
  }

  /** `pastCanvas` generation whose region ends in masked positions of the tail, fallback on */
  private mayWritePastCanvas(): boolean {
    const last = this.holeIsTail.length - 1;
    return (this.o.pastCanvas ?? false) && (this.o.fallback ?? true) && last >= 0 && this.holeIsTail[last] === true && this.kind[this.ids.length - 1] === MASK;
  }

  /** The final text: known tokens, and for masked runs the fallback witness (or nothing). */
  private assemble(witness: Uint8Array[] | null): { bytes: Uint8Array; fills: Uint8Array[]; complete: boolean } {
    const { canvas, runHole } = this.canvas(-1, -1);
    const holes = this.holeEnd.length;
    const fillParts: Uint8Array[][] = Array.from({ length: holes }, () => []);
    let run = 0;
    let complete = true;
    const n = this.ids.length;
    for (let q = this.regionStart; q < n; ) {
      const k = this.kind[q]!;
      if (k === MASK) {
        const h = this.holeOf[q]!;
        const w = witness?.[run];
        if (w) fillParts[h]!.push(w);
        else complete = false;
        run++;
        while (q < n && this.kind[q] === MASK && this.holeOf[q] === h) q++;
        continue;
      }
      if (k === TOKEN) fillParts[this.holeOf[q]!]!.push(this.vocab.tokenBytes(this.ids[q]!));
      q++;
    }
    if (run !== runHole.length) throw new Error("internal: masked runs and canvas holes disagree");
    const fills = fillParts.map((f) => concatBytes(f));
    const bytes = witness && run > 0 ? fillCanvas(canvas, witness) : this.canvasText(canvas);
    return { bytes, fills, complete };
  }

  private canvasText(canvas: Canvas): Uint8Array {
    const out: Uint8Array[] = [];
    for (const part of canvas) if ("text" in part) out.push(typeof part.text === "string" ? new TextEncoder().encode(part.text) : part.text);
    return concatBytes(out);
  }
}

function noFilling(): GramfillError {
  return new GramfillError("input_invalid", "no filling of the masked positions makes the text a word of the grammar (the holes may be too small, or the known text is not in the language)");
}

/** The canvas with its last hole (the tail) unbounded: the fallback of `pastCanvas`. */
function withOpenTail(canvas: Canvas): Canvas {
  const last = canvas[canvas.length - 1];
  if (!last || !("hole" in last)) return canvas;
  return [...canvas.slice(0, -1), { hole: { minBytes: 0 } }];
}
