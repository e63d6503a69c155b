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
import type { JsonKeyTracker } from "../schema/json-keys.js";
import { visitFreshKeyEndings, type KeyByteFeeder } from "../schema/fresh-key-endings.js";
import { concatBytes, splitFill, type Segment } from "./canvas.js";
import { CanvasSet } from "./canvas-set.js";

/** words per hole fill (before padding): fills of 1, 2, … up to this many are tried in turn */
const MAX_WORDS = 3;
/** fills of one hole that let the next fragment parse, tried before the hole gives up */
const MAX_PASSED = 4;
/** budget units a close-out costs (it walks the parser's chart and clones the parser) */
const COMPLETION_COST = 200;
/** close-outs per search: one that fails usually fails for every fill before it (an open comment) */
const MAX_CLOSE_OUTS = 6;
/** close-outs remembered per parser (see `close`; the set starts over past this many) */
const MAX_REMEMBERED_CLOSE_OUTS = 1024;
/** new keys (`freshThen`) one refused quote may go on with */
const MAX_FRESH_KEYS = 3;
/** characters that make a key new: a refused quote's fresh endings (`freshThen`), letters and digits (they read best) */
const KEY_CHARS: number[] = Array.from("abcdefghijklmnopqrstuvwxyz0123456789", (c) => c.charCodeAt(0));
/**
 * Candidate words in the order they are tried, with each word's first byte and length side by side
 * in typed arrays: a hole's loop reads those for most words (too long, or a first byte refused
 * already) and touches a word's bytes only when it feeds them.
 */
interface WordList {
  readonly words: readonly Uint8Array[];
  readonly first: Uint8Array;
  readonly len: Uint8Array;
}

function wordList(words: readonly Uint8Array[]): WordList {
  const first = new Uint8Array(words.length);
  const len = new Uint8Array(words.length);
  for (let k = 0; k < words.length; k++) {
    first[k] = words[k]![0]!;
    len[k] = Math.min(words[k]!.length, 255);
  }
  return { words, first, len };
}

const NO_WORDS: WordList = wordList([]);
/** each byte as a word of its own */
const ONE_BYTE: Uint8Array[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
/**
 * With a key tracker: one-character words tried in a key that could still repeat a written one.
 * Inside a string every character leaves the parser as it was, so the search would skip them as
 * "only length"; here they are what makes the key new.
 */
const KEY_WORDS: WordList = wordList(KEY_CHARS.map((b) => ONE_BYTE[b]!));

export class QuickWitness {
  /** candidate words, shortest first: complete short lexemes, then lexeme openers */
  private readonly words: Uint8Array[];
  /** `words` as a word list (a hole before no text) */
  private readonly wordList: WordList;
  /** the complete short lexemes (shortest members of the terminals) */
  private readonly whole: Uint8Array[];
  /** per hole segment of the current search: its bridges (`words` follow them) */
  private bridgesOf: WordList[] = [];
  private readonly pad: number;
  private readonly compiled: CompiledGrammar;

  // per search
  private p!: Parser;
  /** distinct object keys (schema grammars): a tracker in the parser's state, fed the same bytes; null: no rule */
  private keys: JsonKeyTracker | null = null;
  private segs!: readonly Segment[];
  private left = 0;
  private base = 0;
  private buf = new Uint8Array(1024);
  /** per segment index: [start, end) of its fill in `buf` (valid on the success path) */
  private span: Int32Array = new Int32Array(0);
  private closeOuts = 0;
  /** per hole segment: fills tried that let the next fragment parse (the canvas failed later) */
  private passed = new Int32Array(16);
  /** per segment index i: the text bytes of segments i.. (a filling from segment i feeds at least these) */
  private textFrom = new Int32Array(16);
  /** what a close-out may follow: nothing, an ignored byte, a newline */
  private readonly tailLeads: Uint8Array[];

  /** end a search as soon as its budget cannot pay for the text still to feed (`segment`); off only to test that this changes no answer */
  private readonly stopWhenHopeless: boolean;

  /** remember close-outs by the bytes the parser read (`completion`); off only to test that this changes no answer */
  private readonly rememberCloseOuts: boolean;
  /** skip a hole's words whose first byte was refused from the same state (`hole`); off only to test that this changes no answer */
  private readonly refuseFirstBytes: boolean;
  /** close-outs answered from memory (tests) */
  closeOutsRemembered = 0;

  constructor(compiled: CompiledGrammar, pad: number, opts: { stopWhenHopeless?: boolean; rememberCloseOuts?: boolean; refuseFirstBytes?: boolean } = {}) {
    this.compiled = compiled;
    this.pad = pad;
    this.stopWhenHopeless = opts.stopWhenHopeless ?? true;
    this.rememberCloseOuts = opts.rememberCloseOuts ?? true;
    this.refuseFirstBytes = opts.refuseFirstBytes ?? true;
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
    this.wordList = wordList(this.words);
    this.whole = whole;
    this.tailLeads = [new Uint8Array(0)];
    if (pad >= 0) this.tailLeads.push(Uint8Array.of(pad));
    if (pad !== 0x0a) this.tailLeads.push(Uint8Array.of(0x0a));
  }

  /**
   * Fills for the holes of `segs` (one byte string per hole id, `holeCount` of them), or null, and the budget spent. The
   * parser `p` has read the canvas up to `offset` bytes into segment `from` (a text segment, or
   * offset 0); it is left as it was. `budget` bounds the bytes fed to the parser.
   * `keys`: a distinct-keys tracker that has read the same bytes as `p` (left as it was too); every
   * byte then also goes through it, so the fills found never write a key twice in one object (with
   * the canvas' text), and a key that could repeat one gets fresh characters to try.
   * `accept`: a test of each complete filling found (a session's token spelling); a refused one
   * sends the search on to its next filling, at most `maxAccepts` times.
   */
  search(segs: readonly Segment[], from: number, offset: number, holeCount: number, p: Parser, budget: number, keys: JsonKeyTracker | null = null, accept?: (fills: Uint8Array[]) => boolean, maxAccepts = 1): { fills: Uint8Array[] | null; spent: number } {
    this.closeOuts = 0;
    this.bridgesOf.length = segs.length;
    for (let i = from; i < segs.length; i++) {
      const next = segs[i + 1];
      if (segs[i]!.kind === "hole") this.bridgesOf[i] = next?.kind === "text" ? this.bridgesBefore(next.bytes) : NO_WORDS;
    }
    if (this.passed.length < segs.length) this.passed = new Int32Array(segs.length);
    if (this.textFrom.length < segs.length + 1) this.textFrom = new Int32Array(segs.length + 1);
    this.textFrom[segs.length] = 0;
    for (let i = segs.length - 1; i >= 0; i--) {
      const s = segs[i]!;
      this.textFrom[i] = this.textFrom[i + 1]! + (s.kind === "text" ? s.bytes.length : 0);
    }
    this.leftAtStop = -1;
    this.readBefore = this.rememberCloseOuts ? bytesReadBefore(segs, from, offset, p.position) : null;
    const fills = this.run(segs, from, holeCount, p, budget, keys, accept, maxAccepts, () => this.segment(from, offset));
    return { fills, spent: budget - (this.leftAtStop >= 0 ? this.leftAtStop : this.left) };
  }

  /**
   * The bytes the parser read, after its starting point, for the filling the last `search` answered
   * (valid until the next search): the canvas text with those fills, accepted as a whole.
   */
  get foundBytes(): Uint8Array {
    return this.buf.subarray(0, this.foundLength);
  }
  private foundLength = 0;

  /** Ends the running search (from its `accept`): it unwinds and answers what it found (nothing, unless accepted before). */
  stop(): void {
    if (this.leftAtStop < 0) this.leftAtStop = Math.max(0, this.left);
    this.left = 0;
  }
  private leftAtStop = -1;

  /** Sets up a search from segment `from` and runs `walk`; the parser and tracker are left as they were. */
  private run(segs: readonly Segment[], from: number, holeCount: number, p: Parser, budget: number, keys: JsonKeyTracker | null, accept: ((fills: Uint8Array[]) => boolean) | undefined, maxAccepts: number, walk: () => boolean): Uint8Array[] | null {
    this.p = p;
    this.keys = keys;
    this.from = from;
    this.holeCount = holeCount;
    this.accept = accept;
    this.acceptsLeft = maxAccepts;
    this.found = null;
    this.segs = segs;
    this.left = budget;
    this.base = p.position;
    if (this.span.length < segs.length * 2) this.span = new Int32Array(segs.length * 2);
    try {
      walk();
    } finally {
      this.back(p.position - this.base);
      this.keys = null;
      this.accept = undefined;
    }
    return this.found;
  }

  /**
   * A candidate filling (one byte string per hole, e.g. read back from a chart) whose text writes
   * a key twice in one object, with each such key made new where a fill holds its closing quote:
   * the canvas is fed with the candidate's fills (parser and `keys`, which have read the canvas up
   * to segment `from`, `offset`, as in `search`), and a quote the tracker refuses inside a fill
   * gets 1–2 fresh key characters (`freshThen`). Null when that does not give a word (a repeat
   * closed by the canvas' own text, a fill outgrowing its hole, `accept` refusing every try).
   */
  replay(segs: readonly Segment[], from: number, offset: number, candidate: readonly Uint8Array[], p: Parser, budget: number, keys: JsonKeyTracker, accept?: (fills: Uint8Array[]) => boolean, maxAccepts = 1): Uint8Array[] | null {
    this.candidate = candidate;
    this.readBefore = null;
    return this.run(segs, from, candidate.length, p, budget, keys, accept, maxAccepts, () => this.replaySegment(from, offset));
  }

  private candidate: readonly Uint8Array[] = [];

  private replaySegment(i: number, off: number): boolean {
    if (this.left <= 0) return false;
    const segs = this.segs;
    if (i === segs.length) return this.p.isAccepting() && this.finish();
    const s = segs[i]!;
    const mark = this.at;
    if (s.kind === "text") {
      if (this.feed(s.bytes, off) === s.bytes.length - off && this.replaySegment(i + 1, 0)) return true;
      this.back(this.at - mark);
      return false;
    }
    this.span[2 * i] = mark;
    const fill = s.holes.length === 1 ? this.candidate[s.holes[0]!]! : concatBytes(s.holes.map((h) => this.candidate[h]!));
    return this.rest(fill, 0, () => {
      if (this.at - mark > s.range.max) return false;
      this.span[2 * i + 1] = this.at;
      return this.replaySegment(i + 1, 0);
    });
  }

  private from = 0;
  private holeCount = 0;
  private accept: ((fills: Uint8Array[]) => boolean) | undefined;
  private acceptsLeft = 0;
  private found: Uint8Array[] | null = null;

  /** The parser accepts the filled canvas: its fills (kept when `accept` takes them; else the search goes on). */
  private finish(): boolean {
    const fills: Uint8Array[] = new Array(this.holeCount);
    for (let i = this.from; i < this.segs.length; i++) {
      const s = this.segs[i]!;
      if (s.kind !== "hole") continue;
      // a view: splitFill copies each part out of it
      const parts = splitFill(this.buf.subarray(this.span[2 * i]!, this.span[2 * i + 1]!), s.ranges);
      if (parts === null) return false; // cannot happen: the fill's length is within the segment's range
      s.holes.forEach((h, k) => (fills[h] = parts[k]!));
    }
    if (this.accept !== undefined && !this.accept(fills)) {
      // refused: look on, unless that was the last test allowed
      if (--this.acceptsLeft <= 0) this.left = 0;
      return false;
    }
    this.found = fills;
    this.foundLength = this.at;
    return true;
  }

  /** Bytes fed so far in this search (an index into `buf`). */
  private get at(): number {
    return this.p.position - this.base;
  }

  /**
   * Feeds bytes[from..to) until one is rejected (by the parser or the key tracker), recording them;
   * returns how many were taken.
   */
  private feed(bytes: Uint8Array, from = 0, to = bytes.length): number {
    const p = this.p;
    const keys = this.keys;
    let i = from;
    for (; i < to; i++) {
      const k = this.at;
      if (!p.feedByte(bytes[i]!)) break;
      if (keys !== null && !keys.feedByte(bytes[i]!)) {
        p.rollback(1);
        break;
      }
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

  /** Forgets the last n bytes fed (parser and key tracker). */
  private back(n: number): void {
    this.p.rollback(n);
    this.keys?.rollback(n);
  }

  private feedPad(n: number): number {
    if (n <= 0) return 0;
    const b = new Uint8Array(n).fill(this.pad);
    return this.feed(b);
  }

  /** Can the canvas be finished from segment i, `off` bytes into it (the parser has read everything before)? */
  private segment(i: number, off: number): boolean {
    if (this.left <= 0) return false;
    // every filling still to be tried feeds at least the text from here on (a filling of an earlier
    // hole too: it reaches this point and goes on), one budget unit per byte, and must end with
    // budget left: when the budget cannot pay for that, the search would only spend the rest and
    // fail (a failing local repair used to: the whole budget, each time), so it ends now, same answer
    if (this.stopWhenHopeless && this.left <= this.textFrom[i]! - off) {
      this.stop();
      return false;
    }
    const segs = this.segs;
    if (i === segs.length) return this.p.isAccepting() && this.finish();
    const s = segs[i]!;
    if (s.kind === "text") {
      const n = s.bytes.length - off;
      const took = this.feed(s.bytes, off);
      if (took === n) {
        if (i > 0) this.passed[i - 1]!++;
        if (this.segment(i + 1, 0)) return true;
      }
      this.back(took);
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
          this.back(took);
        }
      }
      if (depth === limit) return false;
    }
    // the words, in turn (no list built per call: this runs for every partial fill):
    // a hole inside a lexeme first the shortest ways to finish it (`tr` → `ue`), then the hole's
    // words, then, in a key whose text so far begins a key written in its object, one more key
    // character (it may make the key new: the tracker refuses the quote that would close a repeat)
    const fin = depth === 0 && !this.p.atLexemeStart ? this.finishers() : NO_WORDS;
    const keyWords = this.keys !== null && this.keys.readingKey && this.keys.atRisk();
    const lexBefore = this.p.lexerState;
    const setBefore = this.p.currentSet;
    const max = s.range.max;
    // every word starts from this same state (each is backed out), so a first byte refused once is
    // refused again: later words starting with it are charged the refused feed's one unit without
    // feeding (same budget, same answers). Not a quote with a key tracker: its refusal may go on to
    // fresh key endings (`freshThen`), so it is never marked
    const stamp = ++this.refusedStamp;
    const refused = this.refusedFirst;
    const quoteGoesOn = this.keys !== null;
    for (let part = 0; part < 4; part++) {
      const list = part === 0 ? fin : part === 1 ? this.bridgesOf[i]! : part === 2 ? this.wordList : keyWords ? KEY_WORDS : NO_WORDS;
      const { words, first, len: lens } = list;
      for (let k = 0; k < words.length; k++) {
        if (this.left <= 0 || this.passed[i]! >= MAX_PASSED) return false;
        if (len + lens[k]! > max) continue;
        const b = first[k]!;
        if (refused[b] === stamp && this.refuseFirstBytes) {
          this.left--;
          continue;
        }
        const w = words[k]!;
        const mark = this.at;
        const took = this.feed(w);
        if (took === w.length) {
          // a word that leaves the parser as it was (more letters of a string) only adds length, which
          // padding gives too: inside a string every word would, and the fills multiply (not so a key
          // character, which changes the key)
          const same = part < 3 && this.p.currentSet === setBefore && this.p.lexerState === lexBefore;
          if (!same && this.hole(s, i, depth + 1, limit)) return true;
        } else if (w[took] === 0x22 && this.keys !== null && this.freshThen(w, took, () => this.at - this.span[2 * i]! <= max && this.hole(s, i, depth + 1, limit))) return true;
        if (took === 0 && !(quoteGoesOn && b === 0x22)) refused[b] = stamp;
        this.back(this.at - mark);
      }
    }
    return false;
  }

  /** per byte: the `hole` call (its stamp) in which a word starting with it was refused at once */
  private readonly refusedFirst = new Int32Array(256);
  private refusedStamp = 0;

  /**
   * A hole's bridges before the text `next` (the hole's words are these, then `words`), cached by
   * the bytes of `next` that bridges can read: they end within a word of at most 8 bytes.
   */
  private bridgesBefore(next: Uint8Array): WordList {
    // the key: the first min(7, length) bytes and that count, as two small integers (30 and 29
    // bits: no string built, no heap number) — bytes 0–2 and 6 bits of byte 3; the rest of byte 3,
    // bytes 4–6 and the count
    const n = Math.min(next.length, 7);
    const at = (k: number) => (k < n ? next[k]! : 0);
    const hi = at(0) | (at(1) << 8) | (at(2) << 16) | ((at(3) & 0x3f) << 24);
    const lo = (at(3) >> 6) | (at(4) << 2) | (at(5) << 10) | (at(6) << 18) | (n << 26);
    let inner = this.wordsByNext.get(hi);
    if (inner === undefined) this.wordsByNext.set(hi, (inner = new Map()));
    let out = inner.get(lo);
    if (out === undefined) {
      if (this.wordsKept >= 4096) {
        this.wordsByNext.clear();
        this.wordsByNext.set(hi, inner);
        inner.clear();
        this.wordsKept = 0;
      }
      out = wordList(this.bridges(next));
      inner.set(lo, out);
      this.wordsKept++;
    }
    return out;
  }
  /** hole bridges by the next fragment's first bytes (`bridgesBefore`), and how many are kept */
  private readonly wordsByNext = new Map<number, Map<number, WordList>>();
  private wordsKept = 0;

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
  private finishers(): WordList {
    const q = this.p.lexerState;
    let out = this.finisherCache.get(q);
    if (out === undefined) {
      const g = this.compiled;
      const exprs = g.dfa.stateExpressions(q);
      const words: Uint8Array[] = [];
      for (const e of exprs) {
        const w = g.exprs.nullable(e) ? null : g.exprs.shortestMember(e);
        if (w !== null && w.length <= 8) words.push(w);
      }
      out = wordList(words);
      this.finisherCache.set(q, out);
    }
    return out;
  }
  private readonly finisherCache = new Map<number, WordList>();

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
      this.back(took);
    }
    return false;
  }

  /**
   * The parser's close-out, padded to the hole's minimum. With a key tracker the close-out may
   * write a key its object has (the chart plans by length, keys unseen): such a key gets fresh
   * characters (`freshThen`), each a choice.
   */
  private close(s: Segment & { kind: "hole" }, i: number): boolean {
    this.left -= COMPLETION_COST;
    this.closeOuts++;
    const c = this.completion();
    if (c === undefined) return false;
    return this.rest(c, 0, () => {
      const len = this.at - this.span[2 * i]!;
      const n = Math.max(0, s.range.min - len);
      if (len + n > s.range.max || (n > 0 && this.pad < 0) || this.feedPad(n) !== n || !this.p.isAccepting()) return false;
      this.span[2 * i + 1] = this.at;
      return this.finish();
    });
  }

  /**
   * The parser's close-out (`chartCompletion`: a plan off the chart, verified on a clone of the
   * parser, ~0.1 ms), remembered by the bytes the parser has read — those before the search (the
   * canvas' lead, `readBefore`) and the search's own — since a parser's state is a function of
   * them: a session's local repairs reach the same text again and again with other splits and
   * tokens (bench/RESULTS.md, session 9: 417 of 917 close-outs of the short-prompt sample). The
   * budget is charged the same either way (`close`), so a search takes the same steps; and a
   * close-out is only ever a candidate the parser reads and must accept.
   */
  private completion(): Uint8Array | undefined {
    const before = this.readBefore;
    if (before === null) return chartCompletion(this.p, this.compiled);
    let memo = this.completions.get(this.p);
    if (memo === undefined) this.completions.set(this.p, (memo = { keys: new CanvasSet(MAX_REMEMBERED_CLOSE_OUTS), values: [] }));
    const keys = memo.keys;
    keys.begin(0);
    keys.int(before.length);
    keys.bytes(before);
    keys.bytes(this.buf.subarray(0, this.at));
    const k = keys.find();
    if (k >= 0) {
      this.closeOutsRemembered++;
      return memo.values[k];
    }
    const c = chartCompletion(this.p, this.compiled);
    if (keys.size >= MAX_REMEMBERED_CLOSE_OUTS) memo.values.length = 0;
    memo.values[keys.addLast()] = c;
    return c;
  }
  /** the bytes the parser had read when the search began (null: not known, nothing remembered) */
  private readBefore: Uint8Array | null = null;
  private readonly completions = new WeakMap<Parser, { keys: CanvasSet; values: (Uint8Array | undefined)[] }>();

  /**
   * The quote at w[at] was refused: with a key tracker, when it would close a key its object has,
   * each ending of 1 or 2 key characters that makes the key new is a choice (then the quote, the
   * rest of w, and `k`, the rest of the search), so a later refusal (a session's token spelling)
   * can still pick another. Parser and tracker are left as they were when it fails.
   */
  private freshThen(w: Uint8Array, at: number, k: () => boolean): boolean {
    const keys = this.keys;
    if (keys === null || w[at] !== 0x22 || !keys.readingKey || !keys.atRisk()) return false;
    // at most MAX_FRESH_KEYS new keys go on to the rest (it mostly fails for reasons of its own);
    // two characters only when no one-character key is new
    return visitFreshKeyEndings(keys, this.feeder, KEY_CHARS, { maxChars: 2, maxEndings: MAX_FRESH_KEYS, enough: this.outOfBudget }, () => this.rest(w, at + 1, k));
  }

  /** One byte at a time to the parser and the tracker, on the search's budget (fresh-key-endings.ts). */
  private readonly feeder: KeyByteFeeder = {
    feed: (b) => this.feed(ONE_BYTE[b]!) === 1,
    back: (n) => this.back(n),
  };
  private readonly outOfBudget = (): boolean => this.left <= 0;

  /** Feeds w[from..] and goes on with `k` (a refused quote on the way: `freshThen`). */
  private rest(w: Uint8Array, from: number, k: () => boolean): boolean {
    const mark = this.at;
    const took = this.feed(w, from);
    if (from + took === w.length ? k() : this.freshThen(w, from + took, k)) return true;
    this.back(this.at - mark);
    return false;
  }
}


/**
 * The bytes a search's parser has read, when the canvas says (it has read the canvas from its start
 * up to `from`, `offset`: all of a leading text segment, or `offset` bytes of it), else null.
 */
function bytesReadBefore(segs: readonly Segment[], from: number, offset: number, position: number): Uint8Array | null {
  const first = segs[0];
  if (from === 0) return offset === 0 && position === 0 ? new Uint8Array(0) : first?.kind === "text" && offset === position && offset <= first.bytes.length ? first.bytes.subarray(0, offset) : null;
  return from === 1 && offset === 0 && first?.kind === "text" && first.bytes.length === position ? first.bytes : null;
}
