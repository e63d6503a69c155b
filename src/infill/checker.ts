/**
 * Infilling feasibility: can the holes of a canvas be filled so that the whole text is a word of
 * the grammar? And if so, with what?
 *
 * Algorithm (Bar-Hillel by Earley over a lattice, stopping at the first verified witness):
 * 1. The canvas becomes a byte graph (canvas.ts): fragment bytes in a chain, a hole as a chain of
 *    any-byte positions (or a loop when unbounded), with exits once enough bytes were read.
 * 2. The lattice (lexemes.ts) has boundaries (node, forbidden-next-bytes) and, per terminal, the
 *    lexemes from a boundary: paths through the byte graph run through the lexer DFA, ending where
 *    the greedy lexer would stop. Lexemes may span holes and fragments freely. Ignored terminals
 *    (whitespace, comments) are lattice moves that the chart treats as ε.
 * 3. An Earley chart whose "positions" are lattice boundaries: items (dotted rule, origin, at),
 *    closed under predict / scan (over lexeme edges, after any ignored lexemes) / complete, with
 *    completions remembered per (origin, nonterminal) so that items arriving later still see them
 *    (the lattice has cycles in unbounded holes; the chart is a finite fixpoint). A completed start
 *    rule from the start boundary at a boundary whose ignore-closure can end the text is a
 *    candidate witness.
 * 4. Each candidate's bytes are read back from the chart and the lexeme search trees, split among
 *    the canvas' holes, and verified by `compiled.check` on the whole filled text, in a few
 *    variants (short fills padded with an ignored byte; lexemes in holes spaced apart, see
 *    `readWitness`). A verified candidate is returned; a failing one is dropped and the chart
 *    continues (a few times).
 *
 * What is exact and what is not:
 * - "infeasible" is a proof: the chart found nothing in a language that contains every real
 *   filling (see the lexer-context relaxation in lexemes.ts, and the hole approximation below), and
 *   no budget ran out.
 * - "feasible" always comes with a witness the real parser accepted (and whose hole lengths are in
 *   range): it is exact.
 * - "unknown": the relaxed chart found candidates but none verified within `maxWitnessAttempts`, or
 *   the item budget ran out. `feasible()` says true then (never a false dead end).
 * - Holes: modelled exactly when `maxBytes <= exactMaxBytes` (default 32); otherwise as
 *   [min(minBytes, exactMinBytes), ∞) — lengths are then checked on the witness only.
 *   Token counts become byte ranges (k..k·maxTokenBytes), an over-approximation when the
 *   vocabulary cannot spell every byte string in that range with k tokens.
 * - A canvas without holes is decided by `compiled.check` directly (exact).
 */
import { RULE_END } from "../grammar/normalize.js";
import type { CompiledGrammar } from "../parser/compile.js";
import { ByteGraph, fillCanvas, segmentsOf, splitFill, type Canvas, type Segment } from "./canvas.js";
import { Lattice, LatticeTooLarge, LexTables, type EdgeSet } from "./lexemes.js";
import { PrefixParse, type PrefixSeed } from "./prefix.js";
import { InfillSession } from "./session.js";
import { findKey } from "../parser/prediction.js";
import { QuickWitness } from "./quick.js";
import { cheapestDerivation } from "./token-bound.js";
import { LeadKeys, repeatsKey } from "./distinct-keys.js";

export interface InfillOptions {
  /** longest token in bytes, for holes given in `tokens` without their own (default 16) */
  maxTokenBytes?: number;
  /** holes with at most this many bytes are modelled exactly (default 32) */
  exactMaxBytes?: number;
  /** minimum lengths up to this are modelled exactly in approximated holes (default 64) */
  exactMinBytes?: number;
  /** chart items before giving up with "unknown" (default 2,000,000) */
  maxItems?: number;
  /** candidate witnesses tried before "unknown" (default 16) */
  maxWitnessAttempts?: number;
  /**
   * start one-shot charts from the real parser's state after the leading fragment (default true;
   * false re-derives the fragment over the lattice, as before sessions existed — for comparisons)
   */
  prefixSeed?: boolean;
  /**
   * bytes the quick witness search (quick.ts: the real parser tries short fills before any chart)
   * may feed per check (default 8000; 0 turns it off)
   */
  quickBudget?: number;
  /**
   * relax the forbidden-continuation classes at unbounded holes' loop nodes (lexemes.ts,
   * `Lattice.endBoundary`; default true, false for comparisons)
   */
  relaxLoops?: boolean;
  /**
   * chart items one check may use over all its tiers (default unlimited; `maxItems`, or `solve`'s
   * bound, still caps each tier's chart, and a check whose bound is larger than this — a session's
   * first check — may use its bound over all its tiers). The diffusion decoder's token-exact sessions set it:
   * there "unknown" is a refusal, and the checks that end in it (a witness no token sequence
   * spells, the tiers then running to their budgets one after the other) were most of the
   * decoder's constraint time
   */
  maxItemsPerCheck?: number;
  /**
   * a witness must write no key twice in one object (default: the grammar's `distinctObjectKeys`,
   * true for schema grammars; distinct-keys.ts): the quick search carries a key tracker, a chart
   * candidate that repeats a key is refused like an unverified one, and a leading fragment (or a
   * canvas without holes) that repeats one is infeasible
   */
  distinctKeys?: boolean;
  /**
   * which witness a chart returns: "first" the first candidate its worklist meets (default; cheapest
   * to find), "shortest" one with the fewest bytes in holes (the chart runs in cost order and
   * explores everything cheaper first: fill-in-the-middle asks it for a hole's first plan when the
   * first witness needs more tokens than the hole's budget). The quick search, when on, still
   * answers first: its fills are short words and close-outs.
   */
  witnessOrder?: "first" | "shortest";
}

export type InfillStatus = "feasible" | "infeasible" | "unknown";

export interface InfillResult {
  status: InfillStatus;
  /** with "feasible": one fill per hole, in canvas order */
  witness: Uint8Array[] | null;
  /** with "feasible": the whole filled text (accepted by `compiled.check`) */
  text: Uint8Array | null;
  /** why the answer is "unknown" */
  reason?: "budget" | "unverified";
  stats: InfillStats;
}

export interface InfillStats {
  items: number;
  boundaries: number;
  lexemeEdgeSets: number;
  candidates: number;
  /** chart runs (cheap over-approximations first, see `check`) */
  tiers: number;
  ms: number;
  /** bytes the quick witness search fed to the parser (it answered when `tiers` is 0 and the status is "feasible") */
  quickBytes?: number;
  /** chart candidates refused because their text writes a key twice in one object and no fresh keys in their fills mended it (`distinctKeys`) */
  keyRepeats?: number;
}

/**
 * `solve` with fewer chart items than this is a local search with a fallback (sessions' repairs,
 * 20k items): it gets the quick witness search only. Their charts cost 5–50 ms on C++ and mostly
 * ran out of items; without them the C++ p99 per check went from 37 to 5 ms (bench/RESULTS.md).
 */
const LOCAL_SEARCH_ITEMS = 100_000;
/** fillings the quick search offers `acceptFills` (it looks on after a refused one) */
const QUICK_ACCEPTS = 4;
/** bytes a candidate's key repair (`QuickWitness.replay`) may feed */
const REPLAY_BUDGET = 4000;
/** lexer DFA states one tier's lattice may add (the DFA's cap is 50,000, shared by the grammar) */
const LATTICE_DFA_GROWTH = 10_000;
/** chart items for the bounded tier (`boundedTier`) */
const BOUNDED_TIER_ITEMS = 200_000;
/** lexer state × node pairs the bounded tier's lattice may visit */
const BOUNDED_TIER_PRODUCT_STATES = 300_000;

const PREDICT = 0;
const SCAN = 1;
const COMPLETE = 2;

export class InfillChecker {
  readonly compiled: CompiledGrammar;
  private readonly lt: LexTables;
  private readonly first: FirstSets;
  private readonly o: Required<InfillOptions>;
  private readonly quick: QuickWitness;

  constructor(compiled: CompiledGrammar, opts: InfillOptions = {}) {
    this.compiled = compiled;
    const shared = sharedTablesOf(compiled);
    this.lt = shared.lt;
    this.first = shared.first;
    this.o = {
      maxTokenBytes: opts.maxTokenBytes ?? 16,
      exactMaxBytes: opts.exactMaxBytes ?? 32,
      exactMinBytes: opts.exactMinBytes ?? 64,
      maxItems: opts.maxItems ?? 2_000_000,
      maxWitnessAttempts: opts.maxWitnessAttempts ?? 16,
      prefixSeed: opts.prefixSeed ?? true,
      quickBudget: opts.quickBudget ?? 8000,
      relaxLoops: opts.relaxLoops ?? true,
      maxItemsPerCheck: opts.maxItemsPerCheck ?? Infinity,
      distinctKeys: opts.distinctKeys ?? compiled.distinctObjectKeys,
      witnessOrder: opts.witnessOrder ?? "first",
    };
    this.given = opts;
    this.quick = shared.quick;
    this.leastWord = shared.leastWord;
  }
  private readonly leastWord: number;
  private readonly given: InfillOptions;

  /** A checker of the same grammar and options but for `opts` (it shares the grammar's tables). */
  with(opts: InfillOptions): InfillChecker {
    return new InfillChecker(this.compiled, { ...this.given, ...opts });
  }

  /** the key tracker over the last check's leading bytes (`distinctKeys`) */
  private readonly leadKeys = new LeadKeys();

  /** Bytes of the shortest word of the grammar, at least (see `leastWordLength`). */
  get leastWordBytes(): number {
    return this.leastWord;
  }

  /** Must witnesses write each key once per object (the `distinctKeys` option)? */
  get distinctKeys(): boolean {
    return this.o.distinctKeys;
  }

  /** Bytes the quick witness search may feed per check (the `quickBudget` option). */
  get quickBudget(): number {
    return this.o.quickBudget;
  }

  /** False only when no filling exists (a proof); true when one was found or could not be ruled out. */
  feasible(canvas: Canvas): boolean {
    return this.check(canvas).status !== "infeasible";
  }

  /**
   * An incremental session over `canvas` for diffusion decoding: `tryCommit(position, bytes)` /
   * `commit`, `tryEnd` / `end` (see session.ts). Positions number the masked token positions of
   * holes given in `tokens`.
   */
  session(canvas: Canvas): InfillSession {
    return new InfillSession(this, canvas, this.o.maxTokenBytes);
  }

  /** A verified filling (one byte string per hole), or null when none was found. */
  witness(canvas: Canvas): Uint8Array[] | null {
    return this.check(canvas).witness;
  }

  check(canvas: Canvas): InfillResult {
    const t0 = performance.now();
    const { segments, holeCount } = segmentsOf(canvas, this.o.maxTokenBytes);
    if (holeCount === 0) {
      const text = fillCanvas(canvas, []);
      const ok = this.compiled.check(text).ok && !(this.o.distinctKeys && repeatsKey(text));
      return {
        status: ok ? "feasible" : "infeasible",
        witness: ok ? [] : null,
        text: ok ? text : null,
        stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 },
      };
    }
    const prefix = new PrefixParse(this.compiled);
    const lead = segments[0]!.kind === "text" && this.o.prefixSeed ? segments[0]!.bytes : new Uint8Array(0);
    if (prefix.feed(lead) < lead.length) return this.refuted(t0);
    return this.solve(canvas, segments, holeCount, prefix, t0);
  }

  /** "infeasible" because the real parser rejected a byte of the leading fragment. */
  refuted(t0: number): InfillResult {
    return { status: "infeasible", witness: null, text: null, stats: { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: performance.now() - t0 } };
  }

  /**
   * Decides a canvas with holes whose leading fragment `prefix` has read (and accepted). The chart
   * starts at the prefix's last lexeme boundary; witnesses are verified by feeding the rest of the
   * filled text to the prefix's parser. A `maxItems` below LOCAL_SEARCH_ITEMS asks for a local
   * search with a fallback: without `acceptFills`, only the quick witness search runs (unless it
   * is off), and "unknown" says it found nothing. `acceptFills` (sessions with token-exact runs) may refuse a
   * candidate's fills before the parser sees them; the chart then tries its next candidate (the
   * quick search its next filling: those calls say `quick`).
   * `quickBudget`: bytes the quick witness search may feed (default: the checker's option).
   */
  solve(canvas: Canvas, segments: Segment[], holeCount: number, prefix: PrefixParse, t0: number, maxItems = this.o.maxItems, acceptFills?: (fills: Uint8Array[], quick?: boolean) => boolean, quickBudget = this.o.quickBudget, distinctKeys = this.o.distinctKeys): InfillResult {
    let room = 0;
    for (const sg of segments) room += sg.kind === "text" ? sg.bytes.length : sg.range.max;
    if (room < this.leastWord) return this.refuted(t0);
    const seed = prefix.seed();
    const leadLen = prefix.position;
    // distinct keys: a tracker over the bytes the parser has read; a repeat there is in every filling
    const keys = distinctKeys ? this.leadKeys.after(segments[0]!.kind === "text" ? segments[0]!.bytes : new Uint8Array(0), leadLen) : null;
    if (distinctKeys && keys === null) return this.refuted(t0);
    let segs = segments;
    if (seed.bytes > 0) {
      const first = segments[0]!;
      if (first.kind !== "text") throw new Error("a seed inside a hole");
      segs = segments.slice(1);
      if (seed.bytes < first.bytes.length) segs.unshift({ kind: "text", bytes: first.bytes.subarray(seed.bytes) });
    }
    const verify = (fills: Uint8Array[], quick = false): Uint8Array | null => {
      // the session's token-level hook (session.ts): a candidate it refuses counts as unverified
      // (the quick search asked it already)
      if (acceptFills !== undefined && !quick && !acceptFills(fills)) return null;
      let text = fillCanvas(canvas, fills);
      // a text that repeats a key is no witness as it is (the quick search's fillings were read
      // already): the keys its fills close are made new (quick.ts `replay`; the new fills replace
      // the candidate's in place), else the chart reads back its next candidate
      if (keys !== null && !quick && !keysFreeAfterLead(text)) {
        const fixed = keys === null ? null : this.quick.replay(segments, quickFrom, quickOffset, fills, prefix.parser, REPLAY_BUDGET, keys, quickAccept, QUICK_ACCEPTS);
        if (fixed === null) {
          stats.keyRepeats!++;
          return null;
        }
        fixed.forEach((f, h) => (fills[h] = f));
        text = fillCanvas(canvas, fills);
      }
      // the quick search's filling was read by this parser as it searched: the text is checked to be
      // those bytes (a comparison, not a second parse of the rest)
      if (quick && sameTail(text, leadLen, this.quick.foundBytes)) return text;
      return prefix.acceptsRest(text, leadLen) ? text : null;
    };
    // the parser has read `leadLen` bytes of the canvas: all of a leading text segment, part of it, or nothing
    const quickFrom = leadLen > 0 && leadLen === (segments[0] as { bytes: Uint8Array }).bytes.length ? 1 : 0;
    const quickOffset = quickFrom === 0 ? leadLen : 0;
    const quickAccept = acceptFills === undefined ? undefined : (fills: Uint8Array[]) => acceptFills(fills, true);
    /** the text after the lead writes no key its object has (the lead's tracker reads it and is rolled back) */
    let keyRefusals = 0;
    const keysFreeAfterLead = (text: Uint8Array): boolean => {
      const rest = text.subarray(leadLen);
      const n = keys!.feed(rest);
      keys!.rollback(n);
      if (n < rest.length) keyRefusals++;
      return n === rest.length;
    };
    // Tiers, cheapest first; each over-approximates the canvas, so "infeasible" from any tier is a
    // proof, and a verified witness from any tier is an answer. Only an unverified tier escalates:
    // A: every hole [0, ∞); B: minimum lengths (up to exactMinBytes); C: holes of at most 8 bytes
    // (one token) exact; D: small holes exact.
    const tiers: Array<[number, number]> = [
      [-1, 0],
      [-1, this.o.exactMinBytes],
      [Math.min(8, this.o.exactMaxBytes), this.o.exactMinBytes],
      [this.o.exactMaxBytes, this.o.exactMinBytes],
    ];
    const stats: InfillStats = { items: 0, boundaries: 0, lexemeEdgeSets: 0, candidates: 0, tiers: 0, ms: 0, quickBytes: 0, keyRepeats: 0 };
    if (quickBudget > 0) {
      // distinct keys: first unguided, each filling found read whole by the lead's tracker (most
      // canvases repeat no key whatever the fill: the tracker then reads the final text only, not
      // every byte the search tries); at its first repeat, the guided search (tracker in step) instead
      const unguidedAccept =
        keys === null
          ? quickAccept
          : (fills: Uint8Array[]) => {
              if (keysFreeAfterLead(fillCanvas(canvas, fills))) return quickAccept === undefined || quickAccept(fills);
              this.quick.stop();
              return false;
            };
      let q = this.quick.search(segments, quickFrom, quickOffset, holeCount, prefix.parser, quickBudget, null, unguidedAccept, QUICK_ACCEPTS);
      if (q.fills === null && keyRefusals > 0) {
        const guided = this.quick.search(segments, quickFrom, quickOffset, holeCount, prefix.parser, quickBudget, keys, quickAccept, QUICK_ACCEPTS);
        q = { fills: guided.fills, spent: q.spent + guided.spent };
      }
      stats.quickBytes = q.spent;
      if (q.fills !== null) {
        const text = verify(q.fills, true);
        if (text !== null) return { status: "feasible", witness: q.fills, text, stats: { ...stats, ms: performance.now() - t0 } };
      }
    }
    // a bounded local search (a session's repair) has a full check to fall back on: its chart
    // would rarely close within the bound, so the quick search is all it gets
    // (not with token-level refusals: their charts find the spellable fills the quick search misses)
    if (maxItems < LOCAL_SEARCH_ITEMS && this.o.quickBudget > 0 && acceptFills === undefined) return { status: "unknown", witness: null, text: null, reason: "budget", stats: { ...stats, ms: performance.now() - t0 } };
    let result: InfillResult | null = null;
    let lastSignature = "";
    // items the next chart may use: the bound per tier, within what the check has left (a check
    // asked for more per tier than the cap — a session's first check — has its own bound in all)
    const total = Math.max(this.o.maxItemsPerCheck, maxItems);
    const left = () => Math.min(maxItems, total - stats.items);
    const spent = (): InfillResult => ({ status: "unknown", witness: null, text: null, reason: "budget", stats });
    try {
      // nothing to spend (a session's local repair, maxItems 0): no tier's signature is worth computing
      if (left() <= 0) result = spent();
      else for (const [maxExact, minExact] of tiers) {
        const signature = ByteGraph.signatureOf(segs, maxExact, minExact);
        if (signature === lastSignature) continue;
        lastSignature = signature;
        if (left() <= 0) {
          result = spent();
          break;
        }
        // built only now: a session's repairs come here with no items to spend
        const graph = new ByteGraph(segs, maxExact, minExact);
        stats.tiers++;
        result = this.runTier(graph, holeCount, stats, seed, verify, left(), this.o.relaxLoops);
        if (result.status === "unknown" && result.reason === "unverified" && this.lastTierRelaxed && left() > 0) {
          // the relaxed loops' candidates all failed (lexemes that must stay apart, and no room or
          // context for a space): the same tier unrelaxed before a costlier one
          stats.tiers++;
          result = this.runTier(graph, holeCount, stats, seed, verify, left(), false);
        }
        if (result.status !== "unknown" || result.reason === "budget") break;
      }
    } catch (e) {
      if (!(e instanceof LatticeTooLarge)) throw e;
      result = left() > 0 ? this.boundedTier(segs, lastSignature, holeCount, stats, seed, verify, left()) : spent();
    }
    result!.stats = { ...stats, ms: performance.now() - t0 };
    return result!;
  }

  /**
   * The tiers' unbounded loops met a counting terminal (a long maxLength string) whose counter
   * states would fill the lexer DFA: every hole with a finite bound is modelled exactly instead
   * (its counters stop at the hole's length). Still exact; without such holes, or if this one is
   * too large as well, "unknown" (a budget).
   */
  private boundedTier(segs: Segment[], lastSignature: string, holeCount: number, stats: InfillStats, seed: PrefixSeed, verify: (fills: Uint8Array[]) => Uint8Array | null, maxItems: number): InfillResult {
    const budget: InfillResult = { status: "unknown", witness: null, text: null, reason: "budget", stats };
    const graph = new ByteGraph(segs, Number.MAX_SAFE_INTEGER, this.o.exactMinBytes);
    if (graph.signature === lastSignature) return budget;
    stats.tiers++;
    try {
      // a byte-exact chain per hole position is costly: a budget of its own, "unknown" past it
      return this.runTier(graph, holeCount, stats, seed, verify, Math.min(maxItems, BOUNDED_TIER_ITEMS), false, BOUNDED_TIER_PRODUCT_STATES);
    } catch (e) {
      if (e instanceof LatticeTooLarge) return budget;
      throw e;
    }
  }

  /** the last `runTier` relaxed a loop class somewhere (lexemes.ts, `Lattice.relaxedEnds`) */
  private lastTierRelaxed = false;

  private runTier(graph: ByteGraph, holeCount: number, stats: InfillStats, seed: PrefixSeed, verify: (fills: Uint8Array[]) => Uint8Array | null, maxItems: number, relax: boolean, maxProductStates = Infinity): InfillResult {
    const lat = new Lattice(graph, this.lt, relax, LATTICE_DFA_GROWTH, maxProductStates);
    const chart = new Chart(this.compiled, lat, maxItems, this.first, seed, this.o.witnessOrder === "shortest");
    let candidates = 0;
    let result: InfillResult | null = null;
    for (;;) {
      const cand = chart.nextCandidate();
      if (cand === null) break;
      candidates++;
      for (const fills of this.readWitness(chart, lat, graph, cand[0], cand[1], holeCount)) {
        const text = verify(fills);
        if (text !== null) {
          result = { status: "feasible", witness: fills, text, stats };
          break;
        }
      }
      if (result !== null) break;
      if (candidates >= this.o.maxWitnessAttempts) break;
    }
    if (result === null) {
      if (chart.exhausted && candidates === 0) result = { status: "infeasible", witness: null, text: null, stats };
      else result = { status: "unknown", witness: null, text: null, reason: candidates > 0 ? "unverified" : "budget", stats };
    }
    this.lastTierRelaxed = lat.relaxedEnds > 0;
    stats.items += chart.numItems;
    stats.boundaries += lat.numBoundaries;
    stats.lexemeEdgeSets += lat.edgesBuilt;
    stats.candidates += candidates;
    return result;
  }

  /**
   * The hole fills of a candidate: bytes read at hole nodes, split among merged holes, in a few
   * variants for the caller to verify in turn:
   * 0. as read; a segment short of its minimum (the cheap tiers model minimums loosely) is padded
   *    at its end with an ignored byte (a space, say);
   * 1. an ignored byte also at every lexeme boundary in or at the edge of a hole, so that adjacent
   *    lexemes the relaxed lexer kept apart (`if` `x` → `ifx`) stay apart for the real lexer;
   * 2. as 0 but padded at the segment's start.
   * Variants equal to an earlier one or out of range are left out.
   */
  private readWitness(chart: Chart, lat: Lattice, graph: ByteGraph, item: number, endAt: number, holeCount: number): Uint8Array[][] {
    const lexemes = chart.derivation(item);
    for (const e of lat.ignorePath(chart.at(item), endAt)) lexemes.push(e);
    const perSeg = new Map<number, number[]>();
    /** per segment, fill lengths at lexeme boundaries (sorted, distinct) */
    const cuts = new Map<number, number[]>();
    const cut = (seg: number, at: number) => {
      let c = cuts.get(seg);
      if (c === undefined) cuts.set(seg, (c = []));
      if (c[c.length - 1] !== at) c.push(at);
    };
    const pairs: Array<[number, number]> = [];
    for (const [es, j] of lexemes) {
      pairs.length = 0;
      lat.lexemeBytes(es, j, pairs);
      for (let k = 0; k < pairs.length; k++) {
        const seg = graph.holeSeg[pairs[k]![0]]!;
        if (seg < 0) continue;
        let l = perSeg.get(seg);
        if (l === undefined) perSeg.set(seg, (l = []));
        if (k === 0) cut(seg, l.length);
        l.push(pairs[k]![1]);
        if (k === pairs.length - 1) cut(seg, l.length);
      }
    }
    const pad = this.lt.padByte();
    const out: Uint8Array[][] = [];
    const keys = new Set<string>();
    for (let v = 0; v < 3; v++) {
      if (v > 0 && pad < 0) break;
      const fills: Uint8Array[] = new Array(holeCount);
      let ok = true;
      for (let si = 0; si < graph.segments.length && ok; si++) {
        const s = graph.segments[si]!;
        if (s.kind !== "hole") continue;
        let bytes = perSeg.get(si) ?? [];
        if (v === 1) {
          const c = cuts.get(si) ?? [];
          const spaced: number[] = [];
          let from = 0;
          for (const at of c) {
            for (; from < at; from++) spaced.push(bytes[from]!);
            spaced.push(pad);
          }
          for (; from < bytes.length; from++) spaced.push(bytes[from]!);
          bytes = spaced;
        }
        if (bytes.length < s.range.min && pad >= 0) {
          const at = v === 2 ? 0 : bytes.length;
          bytes = [...bytes.slice(0, at), ...new Array<number>(s.range.min - bytes.length).fill(pad), ...bytes.slice(at)];
        }
        const parts = splitFill(Uint8Array.from(bytes), s.ranges);
        if (parts === null) ok = false;
        else s.holes.forEach((h, i) => (fills[h] = parts[i]!));
      }
      if (!ok) continue;
      const key = fills.map((f) => f.join(",")).join("|");
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(fills);
    }
    return out;
  }
}

/**
 * The grammar's lexer tables, FIRST sets and quick-search words, shared by every checker of one
 * compiled grammar (decoders make a checker per generation; the lazily built lexer tables are the
 * cold cost of a first check).
 */
const sharedTables = new WeakMap<CompiledGrammar, { lt: LexTables; first: FirstSets; quick: QuickWitness; leastWord: number }>();
function sharedTablesOf(compiled: CompiledGrammar): { lt: LexTables; first: FirstSets; quick: QuickWitness; leastWord: number } {
  let t = sharedTables.get(compiled);
  if (t === undefined) {
    const lt = new LexTables(compiled);
    t = { lt, first: new FirstSets(compiled.bnf), quick: new QuickWitness(compiled, lt.padByte()), leastWord: leastWordLength(compiled) };
    sharedTables.set(compiled, t);
  }
  return t;
}

/**
 * A lower bound on the byte length of every word: the cheapest derivation of the start symbol with
 * each terminal at its shortest member (ignored lexemes only add bytes). A canvas whose fragments
 * and holes cannot hold that many bytes is infeasible — the chart would only find out after its
 * budget (a schema whose least document is 650 bytes, 32 positions of ≤ 16 bytes).
 */
function leastWordLength(g: CompiledGrammar): number {
  return cheapestDerivation(g, g.patterns.map((p) => (g.exprs.isEmpty(p) ? Infinity : (g.exprs.shortestMember(p)?.length ?? Infinity))));
}

/** Per grammar: FIRST set (terminal bitset) and nullability of every rule, for filtered prediction. */
export class FirstSets {
  readonly words: number;
  readonly ruleFirst: Uint32Array;
  readonly ruleNullable: Uint8Array;

  constructor(g: CompiledGrammar["bnf"]) {
    const T = g.numTerminals;
    const NT = g.numNonterminals;
    const W = (this.words = (T + 31) >>> 5);
    const nt = new Uint32Array(NT * W);
    const numRules = g.ruleStart.length;
    const firstOf = (r: number, out: Uint32Array, at: number): boolean => {
      // ORs FIRST(rule r) into out[at..]; returns whether the whole rule is nullable
      let changed = false;
      for (let p = g.ruleStart[r]!; ; p++) {
        const sym = g.symbols[p]!;
        if (sym === RULE_END) return changed || true;
        if (sym >= NT) {
          const t = sym - NT;
          const w = at + (t >>> 5);
          const bit = 1 << (t & 31);
          if (!(out[w]! & bit)) out[w]! |= bit;
          return false;
        }
        for (let i = 0; i < W; i++) out[at + i]! |= nt[sym * W + i]!;
        if (!g.nullable[sym]) return false;
      }
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (let r = 0; r < numRules; r++) {
        const A = g.ruleLhs[r]!;
        const before = nt.slice(A * W, A * W + W);
        firstOf(r, nt, A * W);
        for (let i = 0; i < W; i++) if (nt[A * W + i] !== before[i]) changed = true;
      }
    }
    this.ruleFirst = new Uint32Array(numRules * W);
    this.ruleNullable = new Uint8Array(numRules);
    for (let r = 0; r < numRules; r++) {
      let nullable = true;
      for (let p = g.ruleStart[r]!; g.symbols[p] !== RULE_END; p++) {
        const sym = g.symbols[p]!;
        if (sym >= NT || !g.nullable[sym]) nullable = false;
      }
      this.ruleNullable[r] = nullable ? 1 : 0;
      firstOf(r, this.ruleFirst, r * W);
    }
  }

  /** Can rule r start here: nullable, or its FIRST set meets `viable`? */
  canStart(r: number, viable: Uint32Array): boolean {
    if (this.ruleNullable[r]) return true;
    const W = this.words;
    for (let i = 0; i < W; i++) if (this.ruleFirst[r * W + i]! & viable[i]!) return true;
    return false;
  }
}

/** Open-addressing map from a pair of non-negative ints to an int (-1 when absent). */
class PairMap {
  private ka = new Int32Array(1024).fill(-1);
  private kb = new Int32Array(1024);
  private val = new Int32Array(1024);
  private size = 0;

  private slot(a: number, b: number): number {
    const mask = this.ka.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    for (;;) {
      h &= mask;
      const k = this.ka[h]!;
      if (k < 0 || (k === a && this.kb[h] === b)) return h;
      h++;
    }
  }

  get(a: number, b: number): number {
    const h = this.slot(a, b);
    return this.ka[h]! < 0 ? -1 : this.val[h]!;
  }

  set(a: number, b: number, v: number): void {
    const h = this.slot(a, b);
    if (this.ka[h]! < 0) {
      this.ka[h] = a;
      this.kb[h] = b;
      this.val[h] = v;
      if (++this.size * 2 > this.ka.length) this.grow();
    } else this.val[h] = v;
  }

  private grow(): void {
    const { ka, kb, val } = this;
    const n = ka.length * 2;
    this.ka = new Int32Array(n).fill(-1);
    this.kb = new Int32Array(n);
    this.val = new Int32Array(n);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! < 0) continue;
      const h = this.slot(ka[i]!, kb[i]!);
      this.ka[h] = ka[i]!;
      this.kb[h] = kb[i]!;
      this.val[h] = val[i]!;
    }
  }
}

/** Is `text` from `from` on exactly `tail`? */
function sameTail(text: Uint8Array, from: number, tail: Uint8Array): boolean {
  if (text.length - from !== tail.length) return false;
  for (let i = 0; i < tail.length; i++) if (text[from + i] !== tail[i]) return false;
  return true;
}

/** `a` copied into an array at least `need` long (doubling); the new entries hold `fill`. */
function growI32(a: Int32Array, need: number, fill = 0): Int32Array<ArrayBuffer> {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * The Earley chart over lattice boundaries. Items (dot, origin, at) live in flat typed arrays with
 * their back pointers; an open-addressing table dedups them. Waiters (items at q waiting on A) and
 * completions (items completing A from origin o) are linked lists in one node pool, found by
 * (boundary, nonterminal) in a `PairMap`.
 */
class Chart {
  private readonly g: CompiledGrammar["bnf"];
  private readonly lat: Lattice;
  private readonly NT: number;
  private readonly maxItems: number;
  private readonly acceptDot: number;
  private readonly start: number;

  private cap = 1024;
  private dot = new Int32Array(1024);
  private origin = new Int32Array(1024);
  private atB = new Int32Array(1024);
  private bpKind = new Int8Array(1024);
  private bpX = new Int32Array(1024);
  private bpY = new Int32Array(1024);
  /** SCAN: edge set id (in `refs`) and target index */
  private bpZ = new Int32Array(1024);
  private bpW = new Int32Array(1024);
  private n = 0;
  private readonly refs: EdgeSet[] = [];
  private readonly refId = new Map<EdgeSet, number>();
  /** item dedup: item id + 1, 0 = empty */
  private table = new Int32Array(4096);
  private readonly waitHead = new PairMap();
  private readonly compHead = new PairMap();
  private listItem = new Int32Array(1024);
  private listNext = new Int32Array(1024);
  private listN = 0;
  private listHead = new Int32Array(256);
  private listTail = new Int32Array(256);
  private numLists = 0;
  private next = 0;
  private pending: Array<[number, number]> = [];
  exhausted = false;

  /**
   * Cost order (`shortest`): items leave an agenda in order of their forward cost α, the hole bytes
   * read from the start boundary up to the item's end along the cheapest derivation that reaches it
   * (Knuth's generalization of Dijkstra, as in Stolcke's Viterbi Earley): every deduction's cost is
   * at least its antecedents' (predict: α of the predicting item; scan: + the lexeme's hole bytes;
   * complete: α(waiter) + γ(completed), γ being an item's own hole bytes, and α − γ depends only on
   * the item's origin and left-hand side), so an item leaves the agenda with its least α and γ,
   * and the first candidate to leave has the fewest hole bytes of any candidate of the chart.
   * An item added again more cheaply before it left takes the cheaper derivation.
   */
  private readonly shortest: boolean;
  private alpha = new Int32Array(1024);
  private gamma = new Int32Array(1024);
  /** the item has left the agenda (cost order) */
  private done = new Uint8Array(1024);
  /** the agenda: per cost, a FIFO list of queue entries (item ids; stale entries are skipped) */
  private qItem = new Int32Array(1024);
  private qNext = new Int32Array(1024);
  private qN = 0;
  private bucketHead = new Int32Array(64).fill(-1);
  private bucketTail = new Int32Array(64).fill(-1);
  private cost = 0;

  private readonly first: FirstSets;

  /**
   * The exact parse of the text before the lattice's first byte (null: the lattice starts at the
   * canvas' start). Its Earley set `seed.set` is the start boundary; items of its earlier sets k
   * appear as origin -(k + 1), and completing one of them reads that set's waiting items from the
   * parser's chart (they never change: nothing new waits at a set before the lattice).
   */
  private readonly seed: PrefixSeed | null;
  /** the origin `S' → • start` has: the start boundary, or prefix set 0 */
  private readonly acceptOrigin: number;
  private readonly prefixDone = new PairMap();
  /** (origin · NT + A, at) of completions made: one per distinct triple advances the waiters */
  private readonly compDone = new PairMap();

  constructor(compiled: CompiledGrammar, lat: Lattice, maxItems: number, first: FirstSets, seed: PrefixSeed | null, shortest = false) {
    this.shortest = shortest;
    this.g = compiled.bnf;
    this.first = first;
    this.lat = lat;
    this.NT = this.g.numNonterminals;
    this.maxItems = maxItems;
    const startRule = this.g.ntRules[this.g.ntRuleStart[0]!]!;
    this.acceptDot = this.g.ruleStart[startRule]! + 1;
    this.start = lat.startBoundary();
    // set 0 has no explicit items (the start rule is its prediction): start the chart as without a seed
    this.seed = seed !== null && seed.set > 0 ? seed : null;
    this.acceptOrigin = this.seed === null ? this.start : -1;
    if (this.seed === null) {
      this.add(this.g.ruleStart[startRule]!, this.start, this.start, PREDICT, -1, -1, -1, -1, 0, 0);
    } else {
      const { core, set } = this.seed;
      for (let j = core.setStart[set]!, e = core.setEnd(set); j < e; j++) {
        this.add(core.itemDot[j]!, this.prefixOrigin(core.itemOrigin[j]!), this.start, PREDICT, -1, -1, -1, -1, 0, 0);
      }
    }
  }

  /** The chart origin of a parser item's origin set (earlier than the seed set: negative). */
  private prefixOrigin(o: number): number {
    return o === this.seed!.set ? this.start : -(o + 1);
  }

  /** Completes `lhs` from prefix set k at boundary q: advances the items of set k waiting on it. */
  private completePrefix(k: number, lhs: number, q: number, item: number): void {
    const key = k * this.NT + lhs;
    if (this.prefixDone.get(key, q) >= 0) return;
    this.prefixDone.set(key, q, 1);
    const core = this.seed!.core;
    const syms = this.g.symbols;
    // a waiter in the prefix read no lattice bytes: the item costs what the completed one read
    const c = this.gamma[item]!;
    for (let j = core.setStart[k]!, e = core.setStart[k + 1]!; j < e; j++) {
      const d = core.itemDot[j]!;
      if (syms[d] === lhs) this.add(d + 1, this.prefixOrigin(core.itemOrigin[j]!), q, COMPLETE, -1, item, -1, -1, c, c);
    }
    const block = core.predictions.blocks[core.setBlock[k]!]!;
    const at = findKey(block, lhs);
    if (at < 0) return;
    for (let j = block.keyStart[at]!, e = block.keyStart[at + 1]!; j < e; j++) this.add(block.dots[j]! + 1, -(k + 1), q, COMPLETE, -1, item, -1, -1, c, c);
  }

  get numItems(): number {
    return this.n;
  }

  at(item: number): number {
    return this.atB[item]!;
  }


  private growItems(): void {
    const need = this.n + 1;
    this.dot = growI32(this.dot, need);
    this.origin = growI32(this.origin, need);
    this.atB = growI32(this.atB, need);
    this.bpX = growI32(this.bpX, need);
    this.bpY = growI32(this.bpY, need);
    this.bpZ = growI32(this.bpZ, need);
    this.bpW = growI32(this.bpW, need);
    this.alpha = growI32(this.alpha, need);
    this.gamma = growI32(this.gamma, need);
    const k = new Int8Array(this.dot.length);
    k.set(this.bpKind);
    this.bpKind = k;
    const d = new Uint8Array(this.dot.length);
    d.set(this.done);
    this.done = d;
    this.cap = this.dot.length;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const t = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < this.n; i++) {
      let h = hash3(this.dot[i]!, this.origin[i]!, this.atB[i]!);
      for (;;) {
        h &= mask;
        if (t[h] === 0) break;
        h++;
      }
      t[h] = i + 1;
    }
    this.table = t;
  }

  private add(dot: number, origin: number, at: number, kind: number, x: number, y: number, z: number, w: number, alpha: number, gamma: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let h = hash3(dot, origin, at);
    for (;;) {
      h &= mask;
      const e = table[h]!;
      if (e === 0) break;
      const i = e - 1;
      if (this.dot[i] === dot && this.origin[i] === origin && this.atB[i] === at) {
        // cost order: a cheaper derivation of an item still waiting replaces its own (nothing
        // refers to a waiting item yet)
        if (this.shortest && alpha < this.alpha[i]! && this.done[i] === 0) {
          if (process.env.GRAMFILL_DK) process.stderr.write(`DK old ${this.bpKind[i]} a${this.alpha[i]} g${this.gamma[i]} new ${kind} a${alpha} g${gamma} at ${at} o ${origin} x${this.bpX[i]} ax${this.bpX[i]! >= 0 ? this.atB[this.bpX[i]!] : -9} newx ${x} ax${x >= 0 ? this.atB[x] : -9} y${this.bpY[i]} ny${y} node ${this.lat.bNode[at]} nodes ${this.bpX[i]! >= 0 ? this.lat.bNode[this.atB[this.bpX[i]!]!] : -9} ${x >= 0 ? this.lat.bNode[this.atB[x]!] : -9}\n`);
          this.setDerivation(i, kind, x, y, z, w, alpha, gamma);
          this.enqueue(i, alpha);
        }
        return;
      }
      h++;
    }
    const id = this.n;
    if (id >= this.cap) this.growItems();
    table[h] = id + 1;
    this.n = id + 1;
    this.dot[id] = dot;
    this.origin[id] = origin;
    this.atB[id] = at;
    this.setDerivation(id, kind, x, y, z, w, alpha, gamma);
    this.done[id] = 0;
    if (this.n * 2 > mask) this.rehash();
    if (this.shortest) this.enqueue(id, alpha);
    else this.offerCandidate(id);
  }

  private setDerivation(id: number, kind: number, x: number, y: number, z: number, w: number, alpha: number, gamma: number): void {
    this.bpKind[id] = kind;
    this.bpX[id] = x;
    this.bpY[id] = y;
    this.bpZ[id] = z;
    this.bpW[id] = w;
    this.alpha[id] = alpha;
    this.gamma[id] = gamma;
  }

  /** A completed start rule whose end can end the text (after ignored lexemes) is a candidate. */
  private offerCandidate(id: number): void {
    if (this.dot[id] !== this.acceptDot || this.origin[id] !== this.acceptOrigin) return;
    for (const q of this.lat.ignoreClosure(this.atB[id]!).members) {
      if (this.lat.accepting(q)) {
        this.pending.push([id, q]);
        return;
      }
    }
  }

  private enqueue(id: number, cost: number): void {
    if (cost >= this.bucketHead.length) {
      this.bucketHead = growI32(this.bucketHead, cost + 1, -1);
      this.bucketTail = growI32(this.bucketTail, cost + 1, -1);
    }
    const k = this.qN++;
    if (k >= this.qItem.length) {
      this.qItem = growI32(this.qItem, k + 1);
      this.qNext = growI32(this.qNext, k + 1);
    }
    this.qItem[k] = id;
    this.qNext[k] = -1;
    if (this.bucketHead[cost]! < 0) this.bucketHead[cost] = k;
    else this.qNext[this.bucketTail[cost]!] = k;
    this.bucketTail[cost] = k;
  }

  /** The cheapest waiting item (cost order), or -1 when the agenda is empty. */
  private dequeue(): number {
    const heads = this.bucketHead;
    for (; this.cost < heads.length; this.cost++) {
      for (let k = heads[this.cost]!; k >= 0; k = heads[this.cost]!) {
        heads[this.cost] = this.qNext[k]!;
        const id = this.qItem[k]!;
        // stale: left already, or re-queued at a lower cost
        if (this.done[id] === 0 && this.alpha[id] === this.cost) return id;
      }
    }
    return -1;
  }

  /** Appends `item` to the list of (a, b) (lists keep insertion order); true if the list was empty. */
  private push(map: PairMap, a: number, b: number, item: number): boolean {
    const k = this.listN++;
    if (k >= this.listItem.length) {
      this.listItem = growI32(this.listItem, k + 1);
      this.listNext = growI32(this.listNext, k + 1);
    }
    this.listItem[k] = item;
    this.listNext[k] = -1;
    let l = map.get(a, b);
    if (l < 0) {
      l = this.numLists++;
      if (l >= this.listHead.length) {
        this.listHead = growI32(this.listHead, l + 1);
        this.listTail = growI32(this.listTail, l + 1);
      }
      this.listHead[l] = k;
      this.listTail[l] = k;
      map.set(a, b, l);
      return true;
    }
    this.listNext[this.listTail[l]!] = k;
    this.listTail[l] = k;
    return false;
  }

  private head(map: PairMap, a: number, b: number): number {
    const l = map.get(a, b);
    return l < 0 ? -1 : this.listHead[l]!;
  }

  /** Runs the worklist to the next candidate (item, end boundary); null when the chart is closed or over budget. */
  nextCandidate(): [number, number] | null {
    for (;;) {
      if (this.pending.length > 0) return this.pending.shift()!;
      const i = this.shortest ? this.dequeue() : this.next < this.n ? this.next : -1;
      if (i < 0) {
        this.exhausted = true;
        return null;
      }
      if (this.n > this.maxItems) return null;
      if (this.shortest) {
        this.done[i] = 1;
        this.offerCandidate(i);
      } else this.next++;
      this.process(i);
    }
  }

  private process(i: number): void {
    const g = this.g;
    const NT = this.NT;
    const dot = this.dot[i]!;
    const o = this.origin[i]!;
    const q = this.atB[i]!;
    const sym = g.symbols[dot]!;
    if (sym === RULE_END) {
      const A = g.ruleLhs[g.ruleOfPos[dot]!]!;
      if (o < 0) {
        this.completePrefix(-o - 1, A, q, i);
        return;
      }
      // another rule (or derivation) of A from o already ended at q: its waiters advanced then
      const key = o * NT + A;
      if (this.compDone.get(key, q) >= 0) return;
      this.compDone.set(key, q, 1);
      this.push(this.compHead, o, A, i);
      const gi = this.gamma[i]!;
      for (let k = this.head(this.waitHead, o, A); k >= 0; k = this.listNext[k]!) {
        const w = this.listItem[k]!;
        this.add(this.dot[w]! + 1, this.origin[w]!, q, COMPLETE, w, i, -1, -1, this.alpha[w]! + gi, this.gamma[w]! + gi);
      }
    } else if (sym < NT) {
      const firstWaiter = this.push(this.waitHead, q, sym, i);
      if (firstWaiter) {
        // predict only rules that can start here (some first terminal has a lexeme here) or are nullable
        const viable = this.lat.viable(q);
        for (let k = g.ntRuleStart[sym]!; k < g.ntRuleStart[sym + 1]!; k++) {
          const r = g.ntRules[k]!;
          if (this.first.canStart(r, viable)) this.add(g.ruleStart[r]!, q, q, PREDICT, -1, -1, -1, -1, this.alpha[i]!, 0);
        }
      }
      for (let k = this.head(this.compHead, q, sym); k >= 0; k = this.listNext[k]!) {
        const c = this.listItem[k]!;
        const gc = this.gamma[c]!;
        this.add(dot + 1, o, this.atB[c]!, COMPLETE, i, c, -1, -1, this.alpha[i]! + gc, this.gamma[i]! + gc);
      }
    } else {
      const t = sym - NT;
      const ic = this.lat.ignoreClosure(q);
      for (let c = 0; c < ic.members.length; c++) {
        const q1 = ic.members[c]!;
        const es = this.lat.edges(q1, t);
        const m = es.targets.length;
        if (m === 0) continue;
        let id = this.refId.get(es);
        if (id === undefined) {
          id = this.refs.length;
          this.refs.push(es);
          this.refId.set(es, id);
        }
        for (let j = 0; j < m; j++) {
          const read = ic.holeBytes[c]! + es.holeBytes[j]!;
          this.add(dot + 1, o, es.targets[j]!, SCAN, i, q1, id, j, this.alpha[i]! + read, this.gamma[i]! + read);
        }
      }
    }
  }

  /** The lexemes (ignored ones included) an item's derivation read, in order. */
  derivation(item: number): Array<[EdgeSet, number]> {
    const out: Array<[EdgeSet, number]> = [];
    // explicit stack: an entry ≥ 0 is an item to expand, -(k+1) emits the scan of item k
    const stack: number[] = [item];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e < 0) {
        const k = -e - 1;
        const prev = this.bpX[k]!;
        for (const x of this.lat.ignorePath(this.atB[prev]!, this.bpY[k]!)) out.push(x);
        out.push([this.refs[this.bpZ[k]!]!, this.bpW[k]!]);
        continue;
      }
      const kind = this.bpKind[e]!;
      if (kind === SCAN) {
        stack.push(-e - 1);
        stack.push(this.bpX[e]!);
      } else if (kind === COMPLETE) {
        stack.push(this.bpY[e]!);
        // a waiter in the prefix (-1) read no lattice bytes
        if (this.bpX[e]! >= 0) stack.push(this.bpX[e]!);
      }
    }
    return out;
  }
}

function hash3(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77) ^ Math.imul(c + 7, 0xc2b2ae3d);
  h ^= h >>> 16;
  return h >>> 0;
}
