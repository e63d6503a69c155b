/**
 * A quick witness search with the real parser, tried before any chart.
 *
 * Almost every check a decoder makes is answered "feasible", and most canvases have short fills:
 * a 1-token hole wants `,` or `)` or nothing, a hole inside an identifier wants one more letter,
 * the tail wants the parse closed. The chart (checker.ts) proves infeasibility, but to find a
 * witness it closes a hole over the whole grammar (every dotted rule × every open origin), which is
 * 10^4–10^6 items on C++. This search instead walks the canvas left to right with the real parser
 * (`Parser`, exact: greedy contextual lexing included) and tries, per hole, fills made of at most
 * `MAX_WORDS` short words — each terminal's shortest member and its 1–2-byte prefixes (a lexeme the
 * next fragment finishes, `"` or `/*`), the heads of short lexemes whose rest starts the next
 * fragment (`tru` before `e`), the finishers of a lexeme the hole interrupts — padded to the hole's minimum with an ignored byte; a
 * final hole gets the parser's own close-out (`chartCompletion`), possibly after a space or a
 * newline. Every
 * byte goes through the parser, so a fill is kept only if the text so far is a viable prefix, and
 * the answer is a word the parser accepted: exact. It is an under-approximation (it may miss
 * fills), so it only ever answers "feasible"; when it finds nothing within its budget (bytes fed
 * to the parser) the chart decides.
 */
import type { CompiledGrammar } from "../parser/compile.js";
import { chartCompletion } from "../parser/completion.js";
import type { Parser } from "../parser/parser.js";
import { splitFill, type Segment } from "./canvas.js";

/** words per hole fill (before padding): fills of 1, 2, … up to this many are tried in turn */
const MAX_WORDS = 3;
/** fills of one hole that let the next fragment parse, tried before the hole gives up */
const MAX_PASSED = 4;
/** budget units a close-out costs (it walks the parser's chart and clones the parser) */
const COMPLETION_COST = 200;
/** close-outs per search: one that fails usually fails for every fill before it (an open comment) */
const MAX_CLOSE_OUTS = 6;

export class QuickWitness {
  /** candidate words, shortest first: complete short lexemes, then lexeme openers */
  private readonly words: Uint8Array[];
  /** the complete short lexemes (shortest members of the terminals) */
  private readonly whole: Uint8Array[];
  /** per hole segment of the current search: its bridges, then `words` */
  private wordsOf: Uint8Array[][] = [];
  private readonly pad: number;
  private readonly compiled: CompiledGrammar;

  // per search
  private p!: Parser;
  private segs!: readonly Segment[];
  private left = 0;
  private base = 0;
  private buf = new Uint8Array(1024);
  /** per segment index: [start, end) of its fill in `buf` (valid on the success path) */
  private span: Int32Array = new Int32Array(0);
  private closeOuts = 0;
  /** per hole segment: fills tried that let the next fragment parse (the canvas failed later) */
  private passed = new Int32Array(16);
  /** what a close-out may follow: nothing, an ignored byte, a newline */
  private readonly tailLeads: Uint8Array[];

  constructor(compiled: CompiledGrammar, pad: number) {
    this.compiled = compiled;
    this.pad = pad;
    const seen = new Set<string>();
    const whole: Uint8Array[] = [];
    const openers: Uint8Array[] = [];
    const add = (w: Uint8Array, to: Uint8Array[]) => {
      const k = w.join(",");
      if (w.length === 0 || seen.has(k)) return;
      seen.add(k);
      to.push(w);
    };
    const ex = compiled.exprs;
    for (const pat of compiled.patterns) {
      if (ex.isEmpty(pat)) continue;
      const w = ex.shortestMember(pat);
      if (w === null || w.length > 8) continue;
      add(w, whole);
    }
    for (const w of [...whole]) for (let n = 1; n <= 2 && n < w.length; n++) add(w.subarray(0, n), openers);
    const byLen = (a: Uint8Array, b: Uint8Array) => a.length - b.length;
    this.words = [...whole.sort(byLen), ...openers.sort(byLen)];
    this.whole = whole;
    this.tailLeads = [new Uint8Array(0)];
    if (pad >= 0) this.tailLeads.push(Uint8Array.of(pad));
    if (pad !== 0x0a) this.tailLeads.push(Uint8Array.of(0x0a));
  }

  /**
   * Fills for the holes of `segs` (one byte string per hole id, `holeCount` of them), or null, and the budget spent. The
   * parser `p` has read the canvas up to `offset` bytes into segment `from` (a text segment, or
   * offset 0); it is left as it was. `budget` bounds the bytes fed to the parser.
   */
  search(segs: readonly Segment[], from: number, offset: number, holeCount: number, p: Parser, budget: number): { fills: Uint8Array[] | null; spent: number } {
    this.p = p;
    this.segs = segs;
    this.left = budget;
    this.base = p.position;
    this.closeOuts = 0;
    this.wordsOf.length = segs.length;
    for (let i = from; i < segs.length; i++) {
      const next = segs[i + 1];
      if (segs[i]!.kind === "hole") this.wordsOf[i] = next?.kind === "text" ? [...this.bridges(next.bytes), ...this.words] : this.words;
    }
    if (this.span.length < segs.length * 2) this.span = new Int32Array(segs.length * 2);
    if (this.passed.length < segs.length) this.passed = new Int32Array(segs.length);
    let found = false;
    try {
      found = this.segment(from, offset);
    } finally {
      p.rollback(p.position - this.base);
    }
    const spent = budget - this.left;
    if (!found) return { fills: null, spent };
    const fills: Uint8Array[] = new Array(holeCount);
    for (let i = from; i < segs.length; i++) {
      const s = segs[i]!;
      if (s.kind !== "hole") continue;
      const parts = splitFill(this.buf.slice(this.span[2 * i]!, this.span[2 * i + 1]!), s.ranges);
      if (parts === null) return { fills: null, spent }; // cannot happen: the fill's length is within the segment's range
      s.holes.forEach((h, k) => (fills[h] = parts[k]!));
    }
    return { fills, spent };
  }

  /** Bytes fed so far in this search (an index into `buf`). */
  private get at(): number {
    return this.p.position - this.base;
  }

  /** Feeds bytes[from..to) until one is rejected, recording them; returns how many were taken. */
  private feed(bytes: Uint8Array, from = 0, to = bytes.length): number {
    const p = this.p;
    let i = from;
    for (; i < to; i++) {
      const k = this.at;
      if (!p.feedByte(bytes[i]!)) break;
      if (k >= this.buf.length) {
        const b = new Uint8Array(this.buf.length * 2);
        b.set(this.buf);
        this.buf = b;
      }
      this.buf[k] = bytes[i]!;
    }
    this.left -= i - from + 1;
    return i - from;
  }

  private feedPad(n: number): number {
    if (n <= 0) return 0;
    const b = new Uint8Array(n).fill(this.pad);
    return this.feed(b);
  }

  /** Can the canvas be finished from segment i, `off` bytes into it (the parser has read everything before)? */
  private segment(i: number, off: number): boolean {
    if (this.left <= 0) return false;
    const segs = this.segs;
    if (i === segs.length) return this.p.isAccepting();
    const s = segs[i]!;
    if (s.kind === "text") {
      const n = s.bytes.length - off;
      const took = this.feed(s.bytes, off);
      if (took === n) {
        if (i > 0) this.passed[i - 1]!++;
        if (this.segment(i + 1, 0)) return true;
      }
      this.p.rollback(took);
      return false;
    }
    this.span[2 * i] = this.at;
    if (i === segs.length - 1) return this.tail(s, i);
    // fills of 0–1 words, then 2, then 3 (iterative deepening per hole), and at most
    // MAX_PASSED of them that let the next fragment parse: when the canvas fails further on,
    // another fill of this hole rarely helps, and retrying each would multiply over the holes
    this.passed[i] = 0;
    for (let limit = 1; limit <= MAX_WORDS; limit++) {
      if (this.hole(s, i, 0, limit)) return true;
      if (this.left <= 0 || this.passed[i]! >= MAX_PASSED) return false;
    }
    return false;
  }

  /** Fills hole segment i with exactly `limit` words (also none when `limit` is 1; `depth` written so far), then goes on. */
  private hole(s: Segment & { kind: "hole" }, i: number, depth: number, limit: number): boolean {
    const len = this.at - this.span[2 * i]!;
    if (depth === limit || (depth === 0 && limit === 1)) {
      // close the hole here, padded to its minimum
      const short = s.range.min - len;
      if (short <= 0 || this.pad >= 0) {
        const n = Math.max(0, short);
        if (len + n <= s.range.max) {
          const took = this.feedPad(n);
          if (took === n) {
            this.span[2 * i + 1] = this.at;
            if (this.segment(i + 1, 0)) return true;
          }
          this.p.rollback(took);
        }
      }
      if (depth === limit) return false;
    }
    // a hole inside a lexeme: first the shortest ways to finish it (`tr` → `ue`)
    const words = depth === 0 && !this.p.atLexemeStart ? [...this.finishers(), ...this.wordsOf[i]!] : this.wordsOf[i]!;
    const lexBefore = this.p.lexerState;
    const setBefore = this.p.currentSet;
    for (const w of words) {
      if (this.left <= 0 || this.passed[i]! >= MAX_PASSED) return false;
      if (len + w.length > s.range.max) continue;
      const took = this.feed(w);
      // a word that leaves the parser as it was (more letters of a string) only adds length, which
      // padding gives too: inside a string every word would, and the fills multiply
      const same = took === w.length && this.p.currentSet === setBefore && this.p.lexerState === lexBefore;
      if (took === w.length && !same && this.hole(s, i, depth + 1, limit)) return true;
      this.p.rollback(took);
    }
    return false;
  }

  /**
   * Heads of short lexemes whose rest starts the next fragment (`tru` before `e, …`, `ret` before
   * `urn x;`): the fill that lets the fragment's first lexeme be one the grammar knows.
   */
  private bridges(next: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const seen = new Set<string>();
    for (const w of this.whole) {
      for (let j = 1; j < w.length && j <= next.length; j++) {
        let tail = true;
        for (let k = 0; k < j && tail; k++) tail = w[w.length - j + k] === next[k];
        if (!tail) continue;
        const head = w.subarray(0, w.length - j);
        const key = head.join(",");
        if (!seen.has(key)) {
          seen.add(key);
          out.push(head);
        }
      }
    }
    return out;
  }

  /** The shortest ways (≤ 8 bytes) to finish the parser's pending lexeme as each terminal it may still become. */
  private finishers(): Uint8Array[] {
    const q = this.p.lexerState;
    let out = this.finisherCache.get(q);
    if (out === undefined) {
      const g = this.compiled;
      const exprs = g.dfa.stateExpressions(q);
      out = [];
      for (const e of exprs) {
        const w = g.exprs.nullable(e) ? null : g.exprs.shortestMember(e);
        if (w !== null && w.length <= 8) out.push(w);
      }
      this.finisherCache.set(q, out);
    }
    return out;
  }
  private readonly finisherCache = new Map<number, Uint8Array[]>();

  /**
   * The last segment is a hole: the parser's close-out, directly, after an ignored byte (ends a
   * lexeme the close-out would extend) or after a newline (ends a line comment).
   */
  private tail(s: Segment & { kind: "hole" }, i: number): boolean {
    for (const lead of this.tailLeads) {
      if (this.left <= 0 || this.closeOuts >= MAX_CLOSE_OUTS) return false;
      if (lead.length > s.range.max) continue;
      const took = this.feed(lead);
      if (took === lead.length && this.close(s, i)) return true;
      this.p.rollback(took);
    }
    return false;
  }

  private close(s: Segment & { kind: "hole" }, i: number): boolean {
    this.left -= COMPLETION_COST;
    this.closeOuts++;
    const c = chartCompletion(this.p, this.compiled);
    if (c === undefined) return false;
    const len = this.at - this.span[2 * i]! + c.length;
    const n = Math.max(0, s.range.min - len);
    if (len + n > s.range.max || (n > 0 && this.pad < 0)) return false;
    const took = this.feed(c);
    const padded = took === c.length ? this.feedPad(n) : 0;
    if (took === c.length && padded === n && this.p.isAccepting()) {
      this.span[2 * i + 1] = this.at;
      return true;
    }
    this.p.rollback(took + padded);
    return false;
  }
}
