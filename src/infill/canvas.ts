/**
 * Canvases: known byte fragments and holes, and the byte-level automaton they denote.
 *
 * A hole is given in bytes (`minBytes`/`maxBytes`) or in masked token positions (`tokens`, with
 * `maxTokenBytes`): k positions hold between k and k·maxTokenBytes bytes, or between 0 and that when
 * `tailMayEnd` (a tail that EOS padding may cut short; only the last part may say so). The byte range
 * is the exact constraint the checker works with; "k tokens of this vocabulary" is coarser than
 * "k..k·M bytes" only when the vocabulary lacks some byte strings (documented over-approximation).
 */
import { GramfillError } from "../util/errors.js";

export interface HoleSpec {
  /** fewest bytes (default 0; `tokens` sets it to `tokens` unless `tailMayEnd`) */
  minBytes?: number;
  /** most bytes (default unbounded; `tokens` sets it to `tokens · maxTokenBytes`) */
  maxBytes?: number;
  /** masked token positions (diffusion) */
  tokens?: number;
  /** longest token of the vocabulary in bytes (default: the checker's `maxTokenBytes` option) */
  maxTokenBytes?: number;
  /** the hole ends the canvas and may be cut short by EOS padding: 0 bytes allowed */
  tailMayEnd?: boolean;
}

export type CanvasPart = { text: Uint8Array | string } | { hole: HoleSpec };
/** Fragments and holes in order. Adjacent fragments are concatenated, adjacent holes merged. */
export type Canvas = readonly CanvasPart[];

/** Bytes of a hole, max may be Infinity. */
export interface HoleRange {
  min: number;
  max: number;
}

/** A hole of `tokens` masked positions, as the decoder sees it. */
export function tokenHole(tokens: number, maxTokenBytes: number, tailMayEnd = false): { hole: HoleSpec } {
  return { hole: { tokens, maxTokenBytes, tailMayEnd } };
}

const enc = new TextEncoder();

export function resolveHole(h: HoleSpec, defaultMaxTokenBytes: number, isLast: boolean): HoleRange {
  if (h.tailMayEnd && !isLast) throw new GramfillError("input_invalid", "a hole with tailMayEnd must be the last part of the canvas");
  let min = h.minBytes ?? 0;
  let max = h.maxBytes ?? Infinity;
  if (h.tokens !== undefined) {
    const k = h.tokens;
    if (!Number.isInteger(k) || k < 0) throw new GramfillError("input_invalid", `bad token count ${k}`);
    const m = h.maxTokenBytes ?? defaultMaxTokenBytes;
    if (!(m >= 1)) throw new GramfillError("input_invalid", `bad maxTokenBytes ${m}`);
    if (h.minBytes === undefined) min = h.tailMayEnd ? 0 : k;
    if (h.maxBytes === undefined) max = k * m;
  } else if (h.tailMayEnd) min = 0;
  if (!Number.isInteger(min) || min < 0 || !(max >= min) || (max !== Infinity && !Number.isInteger(max))) {
    throw new GramfillError("input_invalid", `bad hole bounds [${min}, ${max}]`);
  }
  return { min, max };
}

/** A canvas after merging: text segments and hole segments alternate. */
export type Segment = { kind: "text"; bytes: Uint8Array } | { kind: "hole"; range: HoleRange; holes: number[]; ranges: HoleRange[] };

export function segmentsOf(canvas: Canvas, defaultMaxTokenBytes: number): { segments: Segment[]; holeCount: number } {
  const segments: Segment[] = [];
  let holeCount = 0;
  canvas.forEach((part, i) => {
    if ("text" in part) {
      const b = typeof part.text === "string" ? enc.encode(part.text) : part.text;
      if (b.length === 0) return;
      const last = segments[segments.length - 1];
      if (last?.kind === "text") {
        const c = new Uint8Array(last.bytes.length + b.length);
        c.set(last.bytes);
        c.set(b, last.bytes.length);
        last.bytes = c;
      } else segments.push({ kind: "text", bytes: b });
    } else if ("hole" in part) {
      const r = resolveHole(part.hole, defaultMaxTokenBytes, i === canvas.length - 1);
      const id = holeCount++;
      const last = segments[segments.length - 1];
      if (last?.kind === "hole") {
        last.range = { min: last.range.min + r.min, max: last.range.max + r.max };
        last.holes.push(id);
        last.ranges.push(r);
      } else segments.push({ kind: "hole", range: r, holes: [id], ranges: [r] });
    } else throw new GramfillError("input_invalid", "a canvas part is { text } or { hole }");
  });
  return { segments, holeCount };
}

/** Splits `n` bytes among merged holes with these ranges (each gets its minimum, then as much as fits). */
export function splitFill(bytes: Uint8Array, ranges: readonly HoleRange[]): Uint8Array[] | null {
  const n = bytes.length;
  let rest = n;
  const lens = ranges.map((r) => r.min);
  for (const r of ranges) rest -= r.min;
  if (rest < 0) return null;
  for (let i = 0; i < ranges.length && rest > 0; i++) {
    const extra = Math.min(rest, ranges[i]!.max - ranges[i]!.min);
    lens[i]! += extra;
    rest -= extra;
  }
  if (rest > 0) return null;
  const out: Uint8Array[] = [];
  let at = 0;
  for (const l of lens) {
    out.push(bytes.slice(at, at + l));
    at += l;
  }
  return out;
}

/** The canvas with its holes filled by `fills` (one per hole, in order). */
export function fillCanvas(canvas: Canvas, fills: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let h = 0;
  for (const part of canvas) {
    if ("text" in part) parts.push(typeof part.text === "string" ? enc.encode(part.text) : part.text);
    else {
      const f = fills[h++];
      if (f === undefined) throw new GramfillError("input_invalid", `no fill for hole ${h - 1}`);
      parts.push(f);
    }
  }
  return concatBytes(parts);
}

/** The parts one after another (the part itself when there is one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  n = 0;
  for (const p of parts) {
    out.set(p, n);
    n += p.length;
  }
  return out;
}

/**
 * The canvas as a byte automaton over nodes. A node is one of:
 * - a fragment byte: reads `byte[n]` and goes to n + 1;
 * - a hole position: reads any byte and goes to `anyNext[n]` (none at a bounded hole's last
 *   position; itself at an unbounded hole's loop), and leaves the hole without reading (to
 *   `exitTo[n]`) once enough bytes were read;
 * - END (the last node): the text may end here.
 *
 * Holes are modelled exactly when `max <= exactMaxBytes`; otherwise as [min', ∞) with
 * min' = min(min, exactMinBytes): a chain of min' positions and a loop. `exact[h]` tells which, and
 * witnesses of approximated holes are checked against the true range afterwards.
 */
export class ByteGraph {
  readonly byte: Int16Array;
  readonly anyNext: Int32Array;
  readonly exitTo: Int32Array;
  /** segment index of a hole node, -1 otherwise */
  readonly holeSeg: Int32Array;
  readonly end: number;
  readonly segments: Segment[];
  /** per segment: its first node */
  readonly segStart: number[];
  /** per hole segment: modelled exactly */
  readonly exact: boolean[];
  /** the shape of the hole models (two graphs of one canvas with equal signatures are equal) */
  readonly signature: string;

  constructor(segments: Segment[], exactMaxBytes: number, exactMinBytes: number) {
    this.segments = segments;
    const { plan, total, exact, signature } = planGraph(segments, exactMaxBytes, exactMinBytes);
    this.exact = exact;
    this.signature = signature;
    const n = total + 1;
    this.end = total;
    this.byte = new Int16Array(n).fill(-1);
    this.anyNext = new Int32Array(n).fill(-1);
    this.exitTo = new Int32Array(n).fill(-1);
    this.holeSeg = new Int32Array(n).fill(-1);
    this.segStart = [];
    let at = 0;
    segments.forEach((s, i) => {
      const p = plan[i]!;
      this.segStart.push(at);
      if (s.kind === "text") {
        for (let k = 0; k < s.bytes.length; k++) this.byte[at + k] = s.bytes[k]!;
      } else {
        const exit = at + p.nodes;
        for (let j = 0; j < p.nodes; j++) {
          const node = at + j;
          this.holeSeg[node] = i;
          if (j < p.max) this.anyNext[node] = node + 1;
          else if (p.loop) this.anyNext[node] = node;
          if (j >= p.min) this.exitTo[node] = exit;
        }
      }
      at += p.nodes;
    });
  }

  /** The `signature` a graph of these segments and bounds would have, without building it. */
  static signatureOf(segments: Segment[], exactMaxBytes: number, exactMinBytes: number): string {
    return planGraph(segments, exactMaxBytes, exactMinBytes).signature;
  }

  /** The node a boundary at `n` really is: a hole's last position (no byte can follow in it) is its exit. */
  canon(n: number): number {
    return this.anyNext[n]! < 0 && this.exitTo[n]! >= 0 ? this.exitTo[n]! : n;
  }

  /** Can the text end at `n`? */
  accepting(n: number): boolean {
    return n === this.end || this.exitTo[n] === this.end;
  }
}

/** Per segment its node count and hole model; the node total; per segment exactness; the signature. */
function planGraph(segments: Segment[], exactMaxBytes: number, exactMinBytes: number): { plan: Array<{ nodes: number; loop: boolean; min: number; max: number }>; total: number; exact: boolean[]; signature: string } {
  const plan: Array<{ nodes: number; loop: boolean; min: number; max: number }> = [];
  const exact: boolean[] = [];
  let total = 0;
  for (const s of segments) {
    if (s.kind === "text") {
      plan.push({ nodes: s.bytes.length, loop: false, min: 0, max: 0 });
      total += s.bytes.length;
      exact.push(true);
    } else {
      const { min, max } = s.range;
      if (max <= exactMaxBytes) {
        plan.push({ nodes: max + 1, loop: false, min, max });
        total += max + 1;
        exact.push(true);
      } else {
        const m = Math.min(min, exactMinBytes);
        plan.push({ nodes: m + 1, loop: true, min: m, max: m });
        total += m + 1;
        exact.push(min <= exactMinBytes && max === Infinity);
      }
    }
  }
  return { plan, total, exact, signature: plan.map((p) => `${p.nodes}${p.loop ? "*" : ""}`).join(",") };
}
