/**
 * Incremental checks for diffusion decoding: a canvas whose masked token positions are committed
 * one at a time, each commit checked before it is kept.
 *
 *   const s = checker.session(canvas);          // holes given in `tokens` become positions 0, 1, …
 *   const r = s.tryCommit(p, tokenBytes);        // would the canvas stay feasible? (state unchanged)
 *   if (r.status !== "infeasible") s.commit(p, tokenBytes);
 *   s.tryEnd(p) / s.end(p);                      // EOS at p: p and every later position are padding
 *
 * What is re-used between checks (every answer stays exact, see checker.ts):
 * - the last verified witness: when the committed token occurs in it at a place the positions
 *   around it can hold, the same text is a witness of the new canvas ("feasible" at once);
 * - the exact parse of the leading fragment (`PrefixParse`): a commit at the left frontier feeds
 *   the token (and the committed text after it) to the real parser — a rejected byte proves
 *   "infeasible" at once — and every chart starts at the parser's last lexeme boundary, so the
 *   committed prefix is never re-derived; witnesses are verified by feeding only the rest;
 * - the checker's grammar tables (lexer tables, FIRST sets, prediction blocks) across all checks.
 * - the grammar's alphabet (alphabet.ts): a token holding a byte no word has is "infeasible" at
 *   once, wherever it is committed.
 *
 * Positions are numbered in canvas order over all holes given with `tokens` (and no explicit byte
 * bounds, except `minBytes: 0`, see below); other holes (byte ranges, unbounded fill-in-the-middle
 * holes) stay as they are. A hole that EOS may end early — `tailMayEnd` (the last part of the
 * canvas), or `{ tokens: k, minBytes: 0 }` anywhere (the byte range 0..k·M the checker reads from
 * both) — takes EOS at a masked position p when no committed token follows p in the hole:
 * `end(p)` makes p and the rest of the hole padding. So the last run of masked positions of such a
 * hole (the one that reaches the hole's end or its padding) holds *at most* its count of tokens;
 * every other run exactly its count.
 *
 * Token-exact sessions (`{ speller }`, tokens.ts): a run of k masked positions holds exactly k
 * tokens of the vocabulary (a run that may end early at most k, then EOS), not just k..k·M bytes. Every
 * "feasible" answer then carries a token-level witness — a token (or EOS padding) per masked
 * position, kept by the session (`witnessTokenAt`) — and a witness whose fills no token sequence of
 * the runs' lengths spells is not an answer: the chart is asked for other candidates (the
 * `acceptFills` hook), then the failing runs are re-checked with their byte range tightened to
 * [k, k] (k single-byte tokens spell any k bytes when every byte is a token) and widened to
 * [k, 2k], [k, 4k]. When that finds nothing within its budget the answer is "unknown" — at the
 * token level that means *refused* (the decoder must not commit into a possible dead end).
 * Remaining incompleteness: such a refusal may be wrong (a feasible commit refused); an accepted
 * commit is never a dead end. "infeasible" stays a proof (from the byte-level checker or the
 * parser). A candidate equal to the witness's token at its position is feasible at once.
 *
 * Distinct object keys (schema grammars, `distinctKeys`): the grammar cannot say that an object
 * writes each key once (schema/json-keys.ts), so every check asks the checker for a repeat-free
 * witness (distinct-keys.ts: its quick search carries a key tracker and tries fresh key characters,
 * its chart refuses candidates that repeat a key and reads back others); a canvas without holes, or
 * a committed prefix, that repeats a key is infeasible. Invariant: the kept witness never repeats a
 * key, so committing its own token (or re-using its text) keeps a repeat-free completion, and a
 * decoder that commits only "feasible" answers ends repeat-free. A search that finds only
 * repeating witnesses answers "unknown" (refused at the token level).
 */
import { GramfillError } from "../util/errors.js";
import { concatBytes, fillCanvas, segmentsOf, type Canvas, type CanvasPart, type HoleSpec, type Segment } from "./canvas.js";
import type { InfillChecker, InfillResult } from "./checker.js";
import { PrefixParse } from "./prefix.js";
import type { TokenSpeller } from "./tokens.js";
import { grammarAlphabet, withinAlphabet } from "./alphabet.js";
import { needsMoreTokens } from "./token-bound.js";
import { repeatsKey } from "./distinct-keys.js";
import { CanvasSet } from "./canvas-set.js";
import { compactFills, SPACINGS } from "./spacing.js";

/** `witnessTokenAt`: EOS padding (the witness ends the text before this position). */
export const WITNESS_EOS = -2;

export interface SessionOptions {
  /** token-exact runs over this speller's tokens (see the header) */
  speller?: TokenSpeller;
  /** checks of tightened byte ranges after a witness fails at the token level (default 1: [k, k]; then [k, 2k], [k, 4k]) */
  tightenAttempts?: number;
  /**
   * the same for a try (`tryCommit`/`tryEnd`; default `tightenAttempts`; `check()` always gets two
   * more than `tightenAttempts`). The diffusion decoder sets 0: in its tries the re-check found a
   * witness 4 times in 624 (blocks 8 and 32), at about half of their full checks' time
   */
  tryTightenAttempts?: number;
  /**
   * unspellable candidates one chart may offer before it is stopped (default 2): the checker would
   * otherwise escalate to its exact (costly) tiers, which rarely change the spelling
   */
  maxSpellRejects?: number;
  /**
   * chart items of one full check before "unknown" (default: the checker's own budget; token-exact
   * sessions 50,000 — "unknown" is a refusal there, so a long search for it buys nothing)
   */
  maxItems?: number;
  /**
   * chart items of `check()`, the check of the current canvas (default 1,000,000 for token-exact
   * sessions, else `maxItems`): the decoder's first check, whose token-level witness is what keeps
   * every later step from getting stuck — a 2-hole C++ canvas needs ~100k items once its runs are
   * tightened, so the try budget would leave the whole generation without one (it also gets two
   * more tightened re-checks than a try)
   */
  checkItems?: number;
  /** chart items of a local witness repair (default 20,000; below 100,000 only token-exact sessions run its chart, see checker.ts) */
  repairItems?: number;
  /** bytes a local repair's quick witness search may feed to the parser (default: the checker's `quickBudget`) */
  repairQuickBytes?: number;
  /**
   * instead, a budget scaled to the canvas: this many times the bytes after the committed prefix,
   * plus 256 (at most `repairQuickBytes` or the checker's budget) — each fill the quick search tries
   * feeds the rest of the canvas, so a fixed budget is many tries on a short JSON canvas and few on
   * a long C++ file
   */
  repairQuickPasses?: number;
  /**
   * after this many failed repairs in a row in one hole (since its last successful repair, or a
   * commit into it), that hole's repairs get `repairStreakPasses` instead of `repairQuickPasses`
   * (default: never). A failing repair spends its whole budget, and most repairs after two failures
   * in a hole fail too (C++, session 8: 301 successes among 25,033), the budget beyond one pass
   * rarely being what a success needed
   */
  repairStreak?: number;
  /** the passes of a hole's repairs after `repairStreak` failures in a row there (default 1) */
  repairStreakPasses?: number;
  /**
   * a witness whose text writes a key twice in one object is no answer (default: the checker's
   * `distinctKeys`, i.e. the grammar's `distinctObjectKeys`, true for schema grammars)
   */
  distinctKeys?: boolean;
  /**
   * remember failed quick-search-only repairs and answer them again without the search (default
   * true; see `repairWitness`). Answers never depend on it: off only to test that
   */
  rememberRepairs?: boolean;
  /**
   * token-exact: a try answered by the last witness (`fitWitness`) has the speller check every run's
   * fill, not only the split run's parts (default false: the other runs keep fills the token
   * witness spells, which canSpell, exact, accepts). Answers never depend on it: on only to test that
   */
  spellKeptRuns?: boolean;
  /**
   * token-exact: the budget of a quick witness search run before the token bound in the first
   * check of a canvas of masked positions only (default 1024 bytes; 0: the bound first). Same
   * answers either way (see `check`); it spares the bound when the search finds a filling
   */
  firstQuickBudget?: number;
}

/** Thrown by the token hook to stop a chart that keeps offering unspellable witnesses (caught in `solve`). */
class StopChart extends Error {}

/** Per hole of a (local) canvas: a run of `count` token positions (mayEnd: at most `count`, then EOS), or null (opaque). */
type RunSpec = { count: number; mayEnd: boolean } | null;

type Item = { text: Uint8Array } | { pos: number } | { hole: HoleSpec };

/** A hole of the built canvas: a run of masked positions (first, count) or an opaque hole (first -1). */
interface Run {
  first: number;
  count: number;
  maxTokenBytes: number;
  /** EOS may end the run early: its hole may end and nothing but padding (or the hole's end) follows it */
  mayEnd: boolean;
}

interface Built {
  canvas: CanvasPart[];
  runs: Run[];
  /** bytes of text before the first hole */
  lead: Uint8Array;
}

const enc = new TextEncoder();
/** `tok` of a position that EOS padding cut off */
const PAD = new Uint8Array(0);
/** chart items a local witness repair may use before the full check takes over (`repairItems`) */
const REPAIR_ITEMS = 20_000;
/** bytes of the quick search that may spare the token bound in a first check (`firstQuickBudget`) */
const FIRST_QUICK_BUDGET = 1024;
/** unspellable candidates of one full check kept for `compacted` */
const MAX_COMPACTED = 4;
/** failed local repairs remembered per session (the set starts over past this many) */
const MAX_FAILED_REPAIRS = 4096;

export class InfillSession {
  private readonly checker: InfillChecker;
  private readonly items: Item[] = [];
  /** per position: committed bytes, or null while masked */
  private readonly tok: (Uint8Array | null)[] = [];
  private readonly maxTokenBytes: number[] = [];
  /** per position: its hole may end early (EOS padding) */
  private readonly mayEndPos: boolean[] = [];
  /** per position: the last position of its hole */
  private readonly holeLast: number[] = [];
  private built: Built;
  private readonly prefix: PrefixParse;
  /** the prefix parser rejected the leading fragment: every later canvas is infeasible */
  private refuted = false;
  private witness: Uint8Array[] | null = null;
  private witnessText: Uint8Array | null = null;
  private known: InfillResult | null = null;
  /** the last tryCommit/tryEnd and its answer, kept for the commit that usually follows */
  private lastTry: { p: number; bytes: Uint8Array | null; result: InfillResult } | null = null;
  /** checks answered by way: witness re-use, local repair, parser rejection, a byte no word has (alphabet.ts), full chart; token level: the witness's own token, tightened re-checks, "unknown"; full checks skipped by cheap tries; candidate witnesses the checks dropped for writing a key twice in one object (`distinctKeys`; the search then looks on); local repairs answered by an earlier failed repair of the same local canvas */
  readonly counts = { checks: 0, witness: 0, repair: 0, parser: 0, alphabet: 0, chart: 0, token: 0, tightened: 0, tokenUnknown: 0, skipped: 0, repeatedKey: 0, repairRepeated: 0, compacted: 0 };
  private readonly speller: TokenSpeller | undefined;
  private readonly tightenAttempts: number;
  private readonly tryTightenAttempts: number;
  /** bytes some word of the grammar may contain (alphabet.ts), built at the first try */
  private alphabet: Uint8Array | null = null;
  private readonly maxSpellRejects: number;
  private readonly maxItems: number | undefined;
  private readonly checkItems: number | undefined;
  private readonly repairItems: number;
  private readonly repairQuickBytes: number | undefined;
  private readonly repairQuickPasses: number | undefined;
  private readonly repairStreak: number;
  private readonly repairStreakPasses: number;
  /** per hole (by its last position): failed repairs in a row since its last successful one or a commit into it */
  private readonly repairFails = new Map<number, number>();
  /** witnesses must not repeat a key in one object (see the header) */
  private readonly distinctKeys: boolean;
  private readonly rememberRepairs: boolean;
  private readonly firstQuickBudget: number;
  private readonly spellKeptRuns: boolean;
  /** token-exact mode: per position, the witness's token (WITNESS_EOS: padding), null when none is known */
  private tokWit: Int32Array | null = null;
  /** token-level witnesses of results handed out (adopted on commit) */
  private readonly tokWitOf = new WeakMap<InfillResult, Int32Array>();

  constructor(checker: InfillChecker, canvas: Canvas, defaultMaxTokenBytes: number, opts: SessionOptions = {}) {
    this.checker = checker;
    this.speller = opts.speller;
    this.tightenAttempts = opts.tightenAttempts ?? 1;
    this.tryTightenAttempts = opts.tryTightenAttempts ?? this.tightenAttempts;
    this.maxSpellRejects = opts.maxSpellRejects ?? 2;
    this.maxItems = opts.maxItems ?? (opts.speller ? 50_000 : undefined);
    this.checkItems = opts.checkItems ?? (opts.speller ? 1_000_000 : this.maxItems);
    this.repairItems = opts.repairItems ?? REPAIR_ITEMS;
    this.repairQuickBytes = opts.repairQuickBytes;
    this.repairQuickPasses = opts.repairQuickPasses;
    this.repairStreak = opts.repairStreak ?? Infinity;
    this.repairStreakPasses = opts.repairStreakPasses ?? 1;
    this.distinctKeys = opts.distinctKeys ?? checker.distinctKeys;
    this.rememberRepairs = opts.rememberRepairs ?? true;
    this.firstQuickBudget = Math.min(opts.firstQuickBudget ?? FIRST_QUICK_BUDGET, checker.quickBudget);
    this.spellKeptRuns = opts.spellKeptRuns ?? false;
    canvas.forEach((part, i) => {
      if ("text" in part) this.items.push({ text: typeof part.text === "string" ? enc.encode(part.text) : part.text });
      else if ("hole" in part) {
        const h = part.hole;
        if (h.tokens !== undefined && (h.minBytes === undefined || h.minBytes === 0) && h.maxBytes === undefined) {
          if (!Number.isInteger(h.tokens) || h.tokens < 0) throw new GramfillError("input_invalid", `bad token count ${h.tokens}`);
          if (h.tailMayEnd && i !== canvas.length - 1) throw new GramfillError("input_invalid", "a hole with tailMayEnd must be the last part of the canvas");
          const m = h.maxTokenBytes ?? defaultMaxTokenBytes;
          if (!(m >= 1)) throw new GramfillError("input_invalid", `bad maxTokenBytes ${m}`);
          const last = this.tok.length + h.tokens - 1;
          for (let k = 0; k < h.tokens; k++) {
            this.items.push({ pos: this.tok.length });
            this.tok.push(null);
            this.maxTokenBytes.push(m);
            this.mayEndPos.push(h.tailMayEnd === true || h.minBytes === 0);
            this.holeLast.push(last);
          }
        } else this.items.push({ hole: h });
      } else throw new GramfillError("input_invalid", "a canvas part is { text } or { hole }");
    });
    this.built = this.build(-1, null, -1);
    this.prefix = new PrefixParse(checker.compiled);
    if (this.prefix.feed(this.built.lead) < this.built.lead.length) {
      this.refuted = true;
      this.prefix = new PrefixParse(checker.compiled);
    }
  }

  /** Number of token positions (committed or not). */
  get positions(): number {
    return this.tok.length;
  }

  /** Is position p still masked (not committed, not cut off by an EOS)? */
  isMasked(p: number): boolean {
    return this.tok[p] === null;
  }

  /** The current canvas (holes as runs of masked positions). */
  canvas(): Canvas {
    return this.built.canvas;
  }

  /** The canvas `tryCommit(p, bytes)` (or, with bytes null, `tryEnd(p)`) decides. */
  canvasWith(p: number, bytes: Uint8Array | null): Canvas {
    this.expectMasked(p);
    return bytes === null ? this.build(-1, null, p).canvas : this.build(p, bytes, -1).canvas;
  }

  /**
   * Token-exact sessions: is a token-level witness of the current canvas known (without a new
   * check)? After `check()` found one, every commit a try accepted keeps one.
   */
  get hasTokenWitness(): boolean {
    return this.tokWit !== null;
  }

  /**
   * Token-exact sessions: `check()` proved that no token sequence fills the canvas (it has only
   * masked positions, fewer than every word of the grammar needs: token-bound.ts). No commit can
   * then be verified at the token level; a decoder goes straight to its fallback.
   */
  noTokenFilling = false;

  /** A canvas of masked positions only, fewer than the tokens every word needs (token-bound.ts)? */
  private tooFewPositions(): boolean {
    const open = this.openPositionsOnly();
    return open >= 0 && needsMoreTokens(this.checker.compiled, this.speller!, open);
  }

  /** The canvas' open positions when it has masked positions only (the rest EOS padding), else -1. */
  private openPositionsOnly(): number {
    if (!this.items.every((it) => "pos" in it)) return -1;
    let open = 0;
    for (const t of this.tok) if (t === null) open++;
    else if (t !== PAD) return -1;
    return open;
  }

  /** The last verified filling of the current canvas' holes, if one is known. */
  currentWitness(): Uint8Array[] | null {
    return this.witness;
  }

  /** Checks the current canvas (answer cached until the next commit). */
  check(): InfillResult {
    if (this.known !== null) return this.known;
    if (this.speller && this.firstQuickBudget > 0 && this.openPositionsOnly() > 0) {
      // the quick witness search first, on a small budget: the full check below begins with the
      // same search (same spelling hook), which walks the same fills in the same order and only
      // goes on longer, so a token filling found here is that check's answer too, and it shows that
      // the canvas has room — the token bound (token-bound.ts, up to ~100 ms for a grammar with
      // formats) is then not needed (every feasible first check of the block-32 sample, within
      // 292 bytes; bench/RESULTS.md session 8). Counted as the one chart the check would have run
      const q = this.withTokens(this.built, this.solve(this.built, performance.now(), this.built.canvas, this.spellableHook(this.specsOf(this.built)), 0, false, this.firstQuickBudget));
      if (q !== null && q.status === "feasible") {
        this.counts.chart++;
        this.adopt(q);
        return q;
      }
    }
    if (this.speller && this.tooFewPositions()) {
      // proved: every word needs more tokens than the canvas has positions (token-bound.ts); when
      // even its bytes do not fit, "infeasible" as the chart would say (a proof at the byte level)
      let room = 0;
      for (let q = 0; q < this.tok.length; q++) if (this.tok[q] === null) room += this.maxTokenBytes[q]!;
      const r = room < this.checker.leastWordBytes ? this.answer("infeasible", null, null, performance.now()) : unknownResult("unverified", performance.now());
      if (r.status === "unknown") {
        this.noTokenFilling = true;
        this.counts.tokenUnknown++;
      }
      this.adopt(r);
      return r;
    }
    // two more tightened re-checks than a try: a run that fails only once another is bounded gets its turn
    const r = this.speller ? this.solveTokens(this.built, performance.now(), this.checkItems, this.tightenAttempts + 2) : this.solve(this.built, performance.now(), this.built.canvas, undefined, this.checkItems);
    this.adopt(r);
    return r;
  }

  /**
   * Token-exact sessions: the token (id ≥ 0) or WITNESS_EOS the current token-level witness has at
   * masked position p; -1 when no witness is known (the canvas is not known feasible at the token
   * level). Committing it keeps the canvas feasible.
   */
  witnessTokenAt(p: number): number {
    this.expectMasked(p);
    if (this.speller === undefined) return -1;
    if (this.known === null) this.check();
    return this.tokWit?.[p] ?? -1;
  }

  /**
   * Would committing `bytes` at masked position p keep the canvas feasible? The session is unchanged.
   * `cheap`: answer only from the parser, the witness and the local repair; "unknown" (reason
   * "budget") where the full check would be needed (`counts.skipped`).
   */
  tryCommit(p: number, bytes: Uint8Array, cheap = false): InfillResult {
    this.expectMasked(p);
    if (bytes.length === 0) throw new GramfillError("input_invalid", "a committed token has at least one byte (use tryEnd for EOS)");
    const t0 = performance.now();
    this.counts.checks++;
    let r: InfillResult | null = null;
    // a commit only narrows the fillings: an infeasible canvas stays infeasible
    if (this.refuted || this.known?.status === "infeasible") r = this.answer("infeasible", null, null, t0);
    else if (!withinAlphabet((this.alphabet ??= grammarAlphabet(this.checker.compiled)), bytes)) r = this.answer("infeasible", null, null, t0, "alphabet");
    else if (this.speller) r = this.tryCommitTokens(p, bytes, t0, cheap);
    else {
      r = this.fitWitness(p, bytes, t0);
      if (r === null) r = this.repairWitness(p, bytes, t0);
      if (r === null) r = cheap ? this.skipped(t0) : this.solve(this.build(p, bytes, -1), t0);
    }
    this.lastTry = { p, bytes, result: r };
    return r;
  }

  /** Commits `bytes` at masked position p (checked or not; a commit is never undone). */
  commit(p: number, bytes: Uint8Array): void {
    this.expectMasked(p);
    const tried = this.lastTry !== null && this.lastTry.p === p && this.lastTry.bytes !== null && sameBytes(this.lastTry.bytes, bytes) ? this.lastTry.result : null;
    this.tok[p] = bytes;
    this.repairFails.delete(this.holeLast[p]!);
    this.advance(this.build(-1, null, -1));
    if (tried !== null) this.adopt(tried);
  }

  /** Would EOS at masked position p (p and every later position padding) keep the canvas feasible? `cheap`: as in `tryCommit`. */
  tryEnd(p: number, cheap = false): InfillResult {
    this.expectMasked(p);
    const t0 = performance.now();
    this.counts.checks++;
    let r: InfillResult | null = null;
    if (this.refuted || this.known?.status === "infeasible" || !this.endable(p)) r = this.answer("infeasible", null, null, t0);
    else if (this.speller) r = this.tryEndTokens(p, t0, cheap);
    if (r === null) r = this.fitWitnessEnd(p, t0);
    if (r === null) r = cheap ? this.skipped(t0) : this.solve(this.build(-1, null, p), t0);
    this.lastTry = { p, bytes: null, result: r };
    return r;
  }

  /** EOS at masked position p: p and the rest of its hole become padding (in a tail: the canvas ends there). */
  end(p: number): void {
    this.expectMasked(p);
    if (!this.endable(p)) throw new GramfillError("input_invalid", `EOS at position ${p}: its hole cannot end early, or a committed token follows it in the hole`);
    const tried = this.lastTry !== null && this.lastTry.p === p && this.lastTry.bytes === null ? this.lastTry.result : null;
    for (let q = p; q <= this.holeLast[p]!; q++) this.tok[q] = PAD;
    this.repairFails.delete(this.holeLast[p]!);
    this.advance(this.build(-1, null, -1));
    if (tried !== null) this.adopt(tried);
  }

  // ---- internals ----

  private expectMasked(p: number): void {
    if (!Number.isInteger(p) || p < 0 || p >= this.tok.length) throw new GramfillError("input_invalid", `no token position ${p} (the canvas has ${this.tok.length})`);
    if (!this.isMasked(p)) throw new GramfillError("input_invalid", `position ${p} is not masked`);
  }

  /** EOS at p is possible only in a hole that may end early, with no committed token after p in it. */
  private endable(p: number): boolean {
    if (!this.mayEndPos[p]) return false;
    for (let q = p + 1; q <= this.holeLast[p]!; q++) if (this.tok[q] !== null && this.tok[q] !== PAD) return false;
    return true;
  }

  /**
   * The canvas with position `p` (if ≥ 0) committed to `bytes`, or with EOS at masked position `eos`
   * (if ≥ 0: it and the rest of its hole padding). A run of masked positions may end early when its
   * hole may and nothing but padding (or the hole's end) follows it.
   */
  private build(p: number, bytes: Uint8Array | null, eos: number): Built {
    const eosLast = eos >= 0 ? this.holeLast[eos]! : -1;
    const padded = (q: number) => this.tok[q] === PAD || (q >= eos && q <= eosLast);
    const canvas: CanvasPart[] = [];
    const runs: Run[] = [];
    const text: Uint8Array[] = [];
    let leadDone = false;
    const lead: Uint8Array[] = [];
    const flush = () => {
      if (text.length === 0) return;
      const b = concatBytes(text);
      canvas.push({ text: b });
      if (!leadDone) lead.push(b);
      text.length = 0;
    };
    let run: Run | null = null;
    const closeRun = () => {
      if (run === null) return;
      const last = run.first + run.count - 1;
      run.mayEnd = this.mayEndPos[last]! && (last === this.holeLast[last] || padded(last + 1));
      runs.push(run);
      canvas.push(runHole(run.count, run.maxTokenBytes, run.mayEnd, false));
      run = null;
    };
    for (let i = 0; i < this.items.length; i++) {
      const it = this.items[i]!;
      let t: Uint8Array | null = null;
      if ("text" in it) t = it.text;
      else if ("pos" in it) t = it.pos === p ? bytes : padded(it.pos) ? PAD : this.tok[it.pos]!;
      if (t !== null) {
        closeRun();
        if (t.length > 0) text.push(t);
        continue;
      }
      flush();
      leadDone = true;
      if ("hole" in it) {
        closeRun();
        runs.push({ first: -1, count: 0, maxTokenBytes: 0, mayEnd: false });
        canvas.push({ hole: it.hole });
        continue;
      }
      const q = (it as { pos: number }).pos;
      const m = this.maxTokenBytes[q]!;
      if (run !== null && run.maxTokenBytes === m && run.first + run.count === q && this.holeLast[q] === this.holeLast[run.first]) run.count++;
      else {
        closeRun();
        run = { first: q, count: 1, maxTokenBytes: m, mayEnd: false };
      }
    }
    closeRun();
    flush();
    // a run that ends the canvas says so as `tailMayEnd` (the same byte range)
    const h = canvas[canvas.length - 1];
    if (h !== undefined && "hole" in h && runs[runs.length - 1]!.mayEnd) canvas[canvas.length - 1] = runHole(h.hole.tokens!, h.hole.maxTokenBytes!, true, true);
    return { canvas, runs, lead: concatBytes(lead) };
  }

  /** Moves the session to a new built canvas: the prefix parser reads the lead's new bytes. */
  private advance(next: Built): void {
    const had = this.built.lead.length;
    this.built = next;
    this.known = null;
    this.witness = null;
    this.witnessText = null;
    this.tokWit = null;
    this.lastTry = null;
    if (this.refuted) return;
    const lead = next.lead;
    if (lead.length > had && this.prefix.feed(lead, had) < lead.length - had) this.refuted = true;
  }

  private adopt(r: InfillResult): void {
    this.known = r;
    if (r.status === "feasible") {
      this.witness = r.witness;
      this.witnessText = r.text;
      this.tokWit = this.tokWitOf.get(r) ?? null;
    }
  }

  private answer(status: "feasible" | "infeasible", witness: Uint8Array[] | null, text: Uint8Array | null, t0: number, via: "witness" | "repair" | "parser" | "alphabet" | "token" = "parser"): InfillResult {
    this.counts[via]++;
    return { status, witness, text, stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } };
  }

  /**
   * Decides a built canvas with the prefix parser: reads the part of its lead beyond the current
   * one (a rejected byte: "infeasible"), runs the chart, and rolls the parser back.
   */
  private solve(b: Built, t0: number, canvas: Canvas = b.canvas, acceptFills?: (fills: Uint8Array[]) => boolean, maxItems = this.maxItems, countChart = true, quickBudget?: number): InfillResult {
    if (this.refuted) return this.answer("infeasible", null, null, t0);
    const have = this.built.lead.length;
    const extra = b.lead.length - have;
    const took = extra > 0 ? this.prefix.feed(b.lead, have) : 0;
    try {
      if (took < extra) return this.answer("infeasible", null, null, t0);
      const { segments, holeCount } = segmentsOf(canvas, 1);
      if (holeCount === 0) {
        // no holes: a repeated key is certain
        const ok = this.prefix.acceptsRest(b.lead, b.lead.length) && !(this.distinctKeys && repeatsKey(b.lead));
        return ok ? this.answer("feasible", [], b.lead, t0) : this.answer("infeasible", null, null, t0);
      }
      if (countChart) this.counts.chart++;
      return this.keyCounted(this.checker.solve(canvas, segments, holeCount, this.prefix, t0, maxItems, acceptFills, quickBudget, this.distinctKeys));
    } catch (e) {
      if (e instanceof StopChart) return unknownResult("unverified", t0);
      // a lexer automaton over its state limit is a budget like the chart's: no answer, not a crash
      if (e instanceof GramfillError && e.code === "automaton_too_large") return unknownResult("budget", t0);
      throw e;
    } finally {
      if (took > 0) this.prefix.rollback(took);
    }
  }

  /**
   * Does the last witness still fit after committing `bytes` at p? The hole run holding p was
   * filled with f; the new canvas splits it into j positions, the token, and k' positions, so f
   * must read a · bytes · c with |a| and |c| in those positions' byte ranges.
   */
  private fitWitness(p: number, bytes: Uint8Array, t0: number, accept?: (fills: Uint8Array[]) => boolean): InfillResult | null {
    const w = this.witness;
    if (w === null || this.witnessText === null) return null;
    const { runs } = this.built;
    const ri = this.runAt(p);
    if (ri < 0) return null;
    const run = runs[ri]!;
    const f = w[ri]!;
    const m = run.maxTokenBytes;
    const j = p - run.first;
    const k2 = run.count - j - 1;
    const n = bytes.length;
    const lo = j;
    const hi = Math.min(j * m, f.length - n);
    for (let o = lo; o <= hi; o++) {
      const rest = f.length - o - n;
      if (k2 === 0 ? rest !== 0 : rest < (run.mayEnd ? 0 : k2) || rest > k2 * m) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = f[o + i] === bytes[i];
      if (!same) continue;
      const fills: Uint8Array[] = [];
      w.forEach((x, i) => {
        if (i !== ri) fills.push(x);
        else {
          if (j > 0) fills.push(f.subarray(0, o));
          if (k2 > 0) fills.push(f.subarray(o + n));
        }
      });
      if (accept !== undefined && !accept(fills)) continue;
      return this.answer("feasible", fills, this.witnessText, t0, "witness");
    }
    return null;
  }

  /**
   * A local repair of the last witness: every other hole keeps its fill, and only the positions
   * around the new token (j before it, k' after it in its run) are searched, by a chart with a small
   * item budget over a canvas that is text except for those two holes. Under-approximates the new
   * canvas (other fills fixed): a verified witness answers "feasible"; anything else (a parser
   * rejection included) proves nothing and the caller runs the full check.
   */
  private repairWitness(p: number, bytes: Uint8Array, t0: number, accept?: (fills: Uint8Array[]) => boolean): InfillResult | null {
    const w = this.witness;
    if (w === null || this.refuted) return null;
    const { runs } = this.built;
    const ri = this.runAt(p);
    if (ri < 0) return null;
    const run = runs[ri]!;
    const j = p - run.first;
    const k2 = run.count - j - 1;
    // the hole's failures in a row so far set the search's budget (`repairStreak`)
    const hole = this.holeLast[p]!;
    const fails = this.repairFails.get(hole) ?? 0;
    const streak = fails >= this.repairStreak;
    // quick search only (no chart items): the answer is a function of the local canvas (parser,
    // key tracker and speller decide), and the same canvas comes back step after step (a skipped
    // candidate is tried again; a commit of the witness's own token elsewhere keeps the text), so
    // a failed one is remembered (exact: the same search would fail again). The key is asked before
    // the local canvas is built (a hit costs a few field writes and a hash): the run's context — the
    // text around it with the other holes filled, interned once per witness — then j, k', the token.
    // Equal keys mean equal local canvases; the converse may fail (the same canvas reached through
    // another context), which only costs a search.
    const memo = this.repairItems === 0 && this.rememberRepairs;
    if (memo) {
      const ctx = this.repairContext(ri);
      const keys = this.failedRepairs;
      // tagged with what else the answer depends on: the spelling hook, the budget (`streak`)
      keys.begin((accept !== undefined ? 1 : 0) | (streak ? 2 : 0));
      keys.int(ctx);
      keys.int(j);
      keys.int(k2);
      keys.bytes(bytes);
      if (keys.find() >= 0) {
        this.counts.repairRepeated++;
        this.repairFails.set(hole, fails + 1);
        return null;
      }
    }
    // the local canvas and its segments at once, from the run's context (text joined once per witness)
    const ctx = this.runContextOf(ri);
    const { canvas: local, segments, holeCount } = localCanvas(ctx.before, j, bytes, k2, run.maxTokenBytes, run.mayEnd, ctx.after);
    const r = this.repairLocal(local, segments, holeCount, ri, w, t0, accept, streak ? this.repairStreakPasses : this.repairQuickPasses);
    if (r === null && memo) this.failedRepairs.addLast();
    this.repairFails.set(hole, r === null ? fails + 1 : 0);
    return r;
  }

  /** Failed quick-search-only repairs, by (tag, run context, j, k', token): see `repairWitness`. */
  private readonly failedRepairs = new CanvasSet(MAX_FAILED_REPAIRS);
  /** The run contexts of failed repairs, interned (member number = context id); cleared together with `failedRepairs`. */
  private readonly repairContexts = new CanvasSet(MAX_FAILED_REPAIRS);
  /** Per run of the current canvas under the current witness: its context id (-1: not yet interned) and texts; rebuilt when the canvas or the witness changes. */
  private contextIds: { built: Built; witness: Uint8Array[]; ids: Int32Array; texts: ({ before: Uint8Array; after: Uint8Array } | null)[] } | null = null;

  /** The current (canvas, witness) pair's per-run memory (see `contextIds`). */
  private runMemory(): NonNullable<InfillSession["contextIds"]> {
    const w = this.witness!;
    const built = this.built;
    let c = this.contextIds;
    if (c === null || c.built !== built || c.witness !== w) c = this.contextIds = { built, witness: w, ids: new Int32Array(built.runs.length).fill(-1), texts: new Array(built.runs.length).fill(null) };
    return c;
  }

  /**
   * Run `ri`'s context under the current witness: the text before the run and after it, each joined
   * into one byte string (other holes filled by the witness). Made once per witness and run: every
   * repair of the run reads it (its local canvas is before, j positions, the token, k' positions, after).
   */
  private runContextOf(ri: number): { before: Uint8Array; after: Uint8Array } {
    const c = this.runMemory();
    const known = c.texts[ri];
    if (known) return known;
    const w = this.witness!;
    const before: Uint8Array[] = [];
    const after: Uint8Array[] = [];
    let h = 0;
    let seen = false;
    for (const part of this.built.canvas) {
      const hole = "hole" in part ? h++ : -1;
      if (hole === ri) seen = true;
      else (seen ? after : before).push(hole < 0 ? textBytes(part) : w[hole]!);
    }
    const texts = { before: concatBytes(before), after: concatBytes(after) };
    c.texts[ri] = texts;
    return texts;
  }

  /**
   * The id of run `ri`'s context under the current witness: the text before the run (the other
   * holes filled by the witness), the text after it, and the run's token width and end-early flag —
   * everything of a repair's local canvas but the run's own split and the token.
   */
  private repairContext(ri: number): number {
    const c = this.runMemory();
    const known = c.ids[ri]!;
    if (known >= 0) return known;
    const run = this.built.runs[ri]!;
    const { before, after } = this.runContextOf(ri);
    const set = this.repairContexts;
    set.begin(0);
    set.int(run.maxTokenBytes);
    set.int(run.mayEnd ? 1 : 0);
    // lengths first (the key is length-prefixed, so unambiguous), then the bytes
    set.int(before.length);
    set.int(after.length);
    set.bytes(before);
    set.bytes(after);
    let id = set.find();
    if (id < 0) {
      if (set.size >= MAX_FAILED_REPAIRS) {
        // ids are about to be reused: the failed repairs keyed by them go too
        set.clear();
        this.failedRepairs.clear();
        c.ids.fill(-1);
      }
      id = set.addLast();
    }
    c.ids[ri] = id;
    return id;
  }

  /** The local repair's search over `local` (the canvas with run `ri` around the new token, other holes filled from `w`). */
  private repairLocal(local: CanvasPart[], segments: Segment[], holeCount: number, ri: number, w: Uint8Array[], t0: number, accept?: (fills: Uint8Array[]) => boolean, passes = this.repairQuickPasses): InfillResult | null {
    const lead = segments[0]!.kind === "text" ? segments[0]!.bytes : new Uint8Array(0);
    const have = this.built.lead.length;
    const extra = lead.length - have;
    const took = extra > 0 ? this.prefix.feed(lead, have) : 0;
    try {
      if (took < extra) return null;
      let fills: Uint8Array[];
      let text: Uint8Array;
      if (holeCount === 0) {
        if (!this.prefix.acceptsRest(lead, lead.length) || (this.distinctKeys && repeatsKey(lead))) return null;
        fills = [];
        text = lead;
      } else {
        let r: InfillResult;
        try {
          r = this.keyCounted(this.checker.solve(local, segments, holeCount, this.prefix, t0, this.repairItems, accept, this.repairQuickBudget(segments, passes), this.distinctKeys));
        } catch (e) {
          if (e instanceof StopChart || (e instanceof GramfillError && e.code === "automaton_too_large")) return null;
          throw e;
        }
        if (r.status !== "feasible") return null;
        fills = r.witness!;
        text = r.text!;
      }
      const out: Uint8Array[] = [];
      w.forEach((x, i) => {
        if (i !== ri) out.push(x);
        else for (const f of fills) out.push(f);
      });
      return this.answer("feasible", out, text, t0, "repair");
    } finally {
      if (took > 0) this.prefix.rollback(took);
    }
  }

  /** Counts the candidates a check refused for repeating a key (`counts.repeatedKey`). */
  private keyCounted(r: InfillResult): InfillResult {
    this.counts.repeatedKey += r.stats.keyRepeats ?? 0;
    return r;
  }

  /** The quick-search budget of a local repair over these segments (see `repairQuickPasses`; `passes`: the hole's, `repairStreak`). */
  private repairQuickBudget(segments: readonly Segment[], passes = this.repairQuickPasses): number | undefined {
    if (passes === undefined) return this.repairQuickBytes;
    let rest = 0;
    for (let i = 1; i < segments.length; i++) {
      const sg = segments[i]!;
      if (sg.kind === "text") rest += sg.bytes.length;
    }
    const scaled = 256 + Math.ceil(passes * rest);
    return this.repairQuickBytes === undefined ? Math.min(scaled, this.checker.quickBudget) : Math.min(scaled, this.repairQuickBytes);
  }

  // ---- token-exact runs ----

  private specsOf(b: Built): RunSpec[] {
    return b.runs.map((r) => (r.first >= 0 ? { count: r.count, mayEnd: r.mayEnd } : null));
  }

  /**
   * The hook for `checker.solve`: every token run's fill is spelled by its count of tokens; records
   * every run that fails (all of them, so that one tightened re-check can bound them together).
   */
  private spellableHook(runSpecs: RunSpec[] | (() => RunSpec[]), failed?: Set<number>, stops = true, refused?: Uint8Array[][]): (fills: Uint8Array[], quick?: boolean) => boolean {
    const sp = this.speller!;
    let rejects = 0;
    // given as a function: made at the first filling (most tries never offer one)
    let specs: RunSpec[] | null = typeof runSpecs === "function" ? null : runSpecs;
    // the quick search's fillings (`quick`) do not count towards stopping the chart
    return (fills, quick) => {
      specs ??= (runSpecs as () => RunSpec[])();
      let ok = true;
      for (let i = 0; i < specs.length && (ok || failed !== undefined); i++) {
        const r = specs[i];
        if (r && !sp.canSpell(fills[i]!, r.count, r.mayEnd)) {
          failed?.add(i);
          ok = false;
        }
      }
      // kept for `compacted` (copies: a search may reuse its buffers)
      if (!ok && refused !== undefined && refused.length < MAX_COMPACTED) refused.push(fills.map((f) => f.slice()));
      if (!ok && stops && !quick && ++rejects >= this.maxSpellRejects) throw new StopChart();
      return ok;
    };
  }

  /** A token per masked position of `b` spelling `fills` (WITNESS_EOS for padding), or null when a run's fill has no spelling. */
  private spellFills(b: Built, fills: readonly Uint8Array[]): Int32Array | null {
    const sp = this.speller!;
    const tw = new Int32Array(this.tok.length).fill(-1);
    for (let i = 0; i < b.runs.length; i++) {
      const r = b.runs[i]!;
      if (r.first < 0) continue;
      const ids = sp.spell(fills[i]!, r.count, r.mayEnd);
      if (ids === null) return null;
      for (let k = 0; k < r.count; k++) tw[r.first + k] = k < ids.length ? ids[k]! : WITNESS_EOS;
    }
    return tw;
  }

  /**
   * A feasible result whose fills spell at the token level, with its token witness recorded; null
   * otherwise. (With `distinctKeys` every feasible result's text is repeat-free already: the
   * checker's, `solve`'s and the repair's; the witness's own token then leads to a repeat-free text.)
   */
  private withTokens(b: Built | (() => Built), r: InfillResult | null): InfillResult | null {
    if (r === null || r.status !== "feasible") return r;
    const tw = this.spellFills(typeof b === "function" ? b() : b, r.witness!);
    if (tw === null) return null;
    this.tokWitOf.set(r, tw);
    return r;
  }

  /** The fills of `b`'s holes read off the token witness (opaque holes keep the current witness' fills). */
  private fillsFromTokens(b: Built, tw: Int32Array): Uint8Array[] {
    const sp = this.speller!;
    const fills: Uint8Array[] = [];
    const opaque = this.built.runs.map((r, i) => (r.first < 0 ? this.witness![i]! : null)).filter((f): f is Uint8Array => f !== null);
    let o = 0;
    for (const r of b.runs) {
      if (r.first < 0) {
        fills.push(opaque[o++]!);
        continue;
      }
      const parts: Uint8Array[] = [];
      for (let k = 0; k < r.count; k++) {
        const id = tw[r.first + k]!;
        if (id >= 0) parts.push(sp.bytesOf(id));
      }
      fills.push(concatBytes(parts));
    }
    return fills;
  }

  /** "unknown": the full check was not run (a `cheap` try). */
  private skipped(t0: number): InfillResult {
    this.counts.skipped++;
    return unknownResult("budget", t0);
  }

  private tryCommitTokens(p: number, bytes: Uint8Array, t0: number, cheap: boolean): InfillResult {
    // the canvas after the commit is built only when an answer needs it: most tries end in a failed
    // repair the session remembers, answered without building anything (bench/RESULTS.md, session 8)
    let built: Built | null = null;
    const next = (): Built => (built ??= this.build(p, bytes, -1));
    const tw = this.tokWit;
    if (tw !== null && tw[p]! >= 0 && sameBytes(this.speller!.bytesOf(tw[p]!), bytes)) {
      // the witness's own token: the same token sequence is a witness of the new canvas
      const r = this.answer("feasible", this.fillsFromTokens(next(), tw), this.witnessText, t0, "token");
      this.tokWitOf.set(r, tw);
      return r;
    }
    // only a commit at the left frontier makes the leading fragment longer
    if (this.atFrontier(p) && this.leadRejected(next())) return this.answer("infeasible", null, null, t0, "parser");
    if (this.witness !== null) {
      // the runs of the canvas after the commit: p's run splits into j positions (which cannot end
      // early: the token follows them) and k' (ending as the run did); the other runs stay
      const split = (): RunSpec[] => {
        const run = this.built.runs[this.runAt(p)]!;
        const j = p - run.first;
        const k2 = run.count - j - 1;
        const out: RunSpec[] = [];
        if (j > 0) out.push({ count: j, mayEnd: false });
        if (k2 > 0) out.push({ count: k2, mayEnd: run.mayEnd });
        return out;
      };
      const all = (): RunSpec[] => {
        const ri = this.runAt(p);
        // the other runs keep the witness's fills, which its token witness spells with their counts
        // (canSpell is exact, so it would say yes): only the split run's two parts are asked
        const now = this.tokWit !== null && !this.spellKeptRuns ? this.built.runs.map((): RunSpec => null) : this.specsOf(this.built);
        return [...now.slice(0, ri), ...split(), ...now.slice(ri + 1)];
      };
      const r = this.withTokens(next, this.fitWitness(p, bytes, t0, this.spellableHook(all, undefined, false))) ?? this.withTokens(next, this.repairWitness(p, bytes, t0, this.spellableHook(split)));
      if (r !== null) return r;
    }
    return cheap ? this.skipped(t0) : this.solveTokens(next(), t0, this.maxItems, this.tryTightenAttempts);
  }

  /** The index of the run of masked positions holding p in the current canvas (-1: none). */
  private runAt(p: number): number {
    const runs = this.built.runs;
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i]!;
      if (r.first >= 0 && p >= r.first && p < r.first + r.count) return i;
    }
    return -1;
  }

  /** Is masked position p the first open place of the canvas (every item before it text or committed)? */
  private atFrontier(p: number): boolean {
    for (const it of this.items) {
      if ("text" in it) continue;
      if ("hole" in it) return false;
      if (it.pos === p) return true;
      if (this.tok[it.pos] === null) return false;
    }
    return false;
  }

  private tryEndTokens(p: number, t0: number, cheap: boolean): InfillResult | null {
    const next = this.build(-1, null, p);
    const tw = this.tokWit;
    if (tw !== null && tw[p] === WITNESS_EOS) {
      const r = this.answer("feasible", this.fillsFromTokens(next, tw), this.witnessText, t0, "token");
      this.tokWitOf.set(r, tw);
      return r;
    }
    if (this.leadRejected(next)) return this.answer("infeasible", null, null, t0, "parser");
    return this.withTokens(next, this.fitWitnessEnd(p, t0)) ?? (cheap ? this.skipped(t0) : this.solveTokens(next, t0, this.maxItems, this.tryTightenAttempts));
  }

  /**
   * A try at the left frontier (the canvas' leading fragment grows): does the real parser reject a
   * byte of the new lead? That proves "infeasible" (every completion starts with the lead). The
   * full check found this too, but a cheap try never runs it: such a candidate was skipped, not
   * banned, and its failing repair paid for again at every step (bench/RESULTS.md, session 7).
   */
  private leadRejected(next: Built): boolean {
    if (this.refuted) return false;
    const have = this.built.lead.length;
    const extra = next.lead.length - have;
    if (extra <= 0) return false;
    const took = this.prefix.feed(next.lead, have);
    this.prefix.rollback(took);
    return took < extra;
  }

  /**
   * The full check at the token level: the chart's candidates must spell (hook; the chart is
   * stopped after `maxSpellRejects` unspellable ones); if it offered only unspellable ones, the runs
   * that failed are re-checked with byte ranges [k, k] (then [k, 2k], [k, 4k]), adding runs that
   * fail later, within `tightenAttempts` charts.
   * "infeasible" from the untightened check is a proof; anything else without a spellable
   * witness is "unknown".
   */
  private solveTokens(b: Built, t0: number, maxItems = this.maxItems, attempts = this.tightenAttempts): InfillResult {
    const specs = this.specsOf(b);
    const failed = new Set<number>();
    const refused: Uint8Array[][] = [];
    const first = this.withTokens(b, this.solve(b, t0, b.canvas, this.spellableHook(specs, failed, true, refused), maxItems));
    if (first !== null && first.status !== "unknown") return first;
    const compact = this.compacted(b, specs, refused, t0);
    if (compact !== null) return compact;
    if (failed.size === 0) return this.unknownTokens(first, t0);
    const factor = new Map<number, number>();
    for (const i of failed) factor.set(i, 1);
    const M = b.runs.reduce((m, r) => Math.max(m, r.maxTokenBytes), 1);
    for (let attempt = 0; attempt < attempts; attempt++) {
      const canvas: CanvasPart[] = [];
      let h = 0;
      for (const part of b.canvas) {
        if ("text" in part) {
          canvas.push(part);
          continue;
        }
        const i = h++;
        const f = factor.get(i);
        const run = b.runs[i]!;
        if (f === undefined || run.first < 0) canvas.push(part);
        else canvas.push({ hole: { minBytes: run.mayEnd ? 0 : run.count, maxBytes: run.count * Math.min(f, run.maxTokenBytes) } });
      }
      this.counts.tightened++;
      failed.clear();
      const r = this.withTokens(b, this.solve(b, t0, canvas, this.spellableHook(specs, failed), maxItems));
      if (r !== null && r.status === "feasible") return r;
      let grew = false;
      for (const i of failed) {
        if (!factor.has(i)) {
          factor.set(i, 1);
          grew = true;
        }
      }
      if (grew) continue;
      // nothing new failed: widen the tightened runs
      let widened = false;
      for (const [i, f] of factor) {
        if (f < M) {
          factor.set(i, f * 2);
          widened = true;
        }
      }
      if (!widened) break;
    }
    return this.unknownTokens(null, t0);
  }

  /**
   * Candidates the speller refused, with the spaces that keep no lexemes apart dropped from their
   * unspellable runs (spacing.ts: the chart spaces every lexeme boundary, `; } } ; auto A`, which
   * may need more tokens than the run holds): the first whose runs all spell and whose text the
   * real parser accepts (one parse each), with its token witness; null if none.
   */
  private compacted(b: Built, specs: RunSpec[], refused: Uint8Array[][], t0: number): InfillResult | null {
    if (this.refuted) return null;
    const sp = this.speller!;
    const spells = (fills: readonly Uint8Array[]) => specs.every((r, i) => r === null || sp.canSpell(fills[i]!, r.count, r.mayEnd));
    for (const fills of refused) {
      for (const spacing of SPACINGS) {
        const out = compactFills(b.canvas, fills, spacing, (i) => specs[i] !== null && !sp.canSpell(fills[i]!, specs[i]!.count, specs[i]!.mayEnd));
        if (out === null || !spells(out)) continue;
        const text = fillCanvas(b.canvas, out);
        // the prefix parser has read the current lead, which every filled text of b starts with
        if (!this.prefix.acceptsRest(text, this.built.lead.length) || (this.distinctKeys && repeatsKey(text))) continue;
        this.counts.compacted++;
        return this.withTokens(b, { status: "feasible", witness: out, text, stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } });
      }
    }
    return null;
  }

  private unknownTokens(r: InfillResult | null, t0: number): InfillResult {
    this.counts.tokenUnknown++;
    const stats = r?.stats ?? { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: 0 };
    return { status: "unknown", witness: null, text: null, reason: r?.reason ?? "unverified", stats: { ...stats, ms: performance.now() - t0 } };
  }

  /**
   * Does the last witness still fit when EOS at p cuts its run there (the run's fill must fit in the
   * positions before p; with none before p the run, and its fill, vanish)?
   */
  private fitWitnessEnd(p: number, t0: number): InfillResult | null {
    const w = this.witness;
    if (w === null || this.witnessText === null) return null;
    const { runs } = this.built;
    const ri = this.runAt(p);
    const run = runs[ri];
    if (run === undefined || !run.mayEnd) return null;
    const f = w[ri]!;
    const j = p - run.first;
    if (f.length > j * run.maxTokenBytes) return null;
    if (j === 0 && f.length > 0) return null;
    return this.answer("feasible", j === 0 ? w.filter((_, i) => i !== ri) : w, this.witnessText, t0, "witness");
  }
}

/**
 * The canvas hole of a run of `count` masked positions: exactly `count` tokens' worth of bytes, or,
 * when EOS may end it early, 0..count·M bytes (`tailMayEnd` when it is the canvas' last part).
 */
function runHole(count: number, maxTokenBytes: number, mayEnd: boolean, last: boolean): { hole: HoleSpec } {
  return { hole: { tokens: count, maxTokenBytes, ...(mayEnd ? (last ? { tailMayEnd: true } : { minBytes: 0 }) : {}) } };
}

/** "unknown" without a chart's statistics. */
function unknownResult(reason: "budget" | "unverified", t0: number): InfillResult {
  return { status: "unknown", witness: null, text: null, reason, stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } };
}

/** A text part's bytes. */
function textBytes(part: CanvasPart): Uint8Array {
  const t = (part as { text: string | Uint8Array }).text;
  return typeof t === "string" ? enc.encode(t) : t;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A local repair's canvas — the text before the run, j masked positions, the token, k' positions
 * (ending early when the run may), the text after — with its segments (as `segmentsOf(canvas)`
 * gives them: empty text left out, adjacent text joined, each hole's byte range), built in one go.
 */
export function localCanvas(before: Uint8Array, j: number, token: Uint8Array, k2: number, maxTokenBytes: number, mayEnd: boolean, after: Uint8Array): { canvas: CanvasPart[]; segments: Segment[]; holeCount: number } {
  const canvas: CanvasPart[] = [];
  const segments: Segment[] = [];
  let holeCount = 0;
  const text = (b: Uint8Array) => {
    if (b.length === 0) return;
    canvas.push({ text: b });
    segments.push({ kind: "text", bytes: b });
  };
  const hole = (spec: HoleSpec, min: number, max: number) => {
    canvas.push({ hole: spec });
    const range = { min, max };
    segments.push({ kind: "hole", range, holes: [holeCount++], ranges: [range] });
  };
  if (j > 0) {
    text(before);
    hole({ tokens: j, maxTokenBytes }, j, j * maxTokenBytes);
  }
  const middle = j > 0 ? token : concatBytes([before, token]);
  if (k2 > 0) {
    text(middle);
    hole(runHole(k2, maxTokenBytes, mayEnd, false).hole, mayEnd ? 0 : k2, k2 * maxTokenBytes);
    text(after);
  } else text(concatBytes([middle, after]));
  return { canvas, segments, holeCount };
}
