/**
 * Regular languages over JSON text, built twice in lockstep: as a `TermExpr` (what goes into the
 * Grammar IR) and as an `ExprId` of one shared `ExprSet` (so the compiler can ask "is this empty?",
 * "does this name match?"). Every scalar constraint of a schema becomes such a language over the
 * *encoded* value (the JSON text), and boolean combinations of constraints are exact because every
 * language we build is closed under "same value, other accepted spelling" (see `ENCODING` below).
 *
 * String encoding (the output form of strings): each code point is written as JSON.stringify writes
 * it — raw UTF-8, except `"` → `\"`, `\` → `\\`, `\b \t \n \f \r`, other C0 controls → `\u00XX`
 * (hex in either case) — and `/` may also be written `\/`. Other `\u` escapes and lone surrogates are
 * not part of the output form. Decoding is then a function of the text, so a constraint on the
 * decoded string maps to a language on the text by substituting, for each code point set, the set of
 * its spellings: a homomorphism that commutes with union, concatenation, repetition, intersection
 * and (within the universe of spellings) complement.
 */
import type { TermExpr } from "../grammar/ir.js";
import { ExprSet, type ExprId, parseRegex, foldClosure, complementRanges, normalizeRanges, intersectRanges } from "../regex/index.js";
import type { RegexNode, RangeSet } from "../regex/index.js";

export interface L {
  t: TermExpr;
  id: ExprId;
}

const MAX_CP = 0x10ffff;
/** every code point a decoded JSON string of our output form can hold (no surrogates) */
export const ANY_CHAR: RangeSet = [
  [0, 0xd7ff],
  [0xe000, MAX_CP],
];
const LINE_TERMINATORS: RangeSet = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
const DOT_SET: RangeSet = complementRanges(normalizeRanges(LINE_TERMINATORS));
/** code points written raw */
const RAW: RangeSet = [
  [0x20, 0x21],
  [0x23, 0x5b],
  [0x5d, 0xd7ff],
  [0xe000, MAX_CP],
];
const SHORT: Record<number, string[]> = {
  0x22: ['\\"'],
  0x5c: ["\\\\"],
  0x2f: ["\\/"],
  0x08: ["\\b"],
  0x09: ["\\t"],
  0x0a: ["\\n"],
  0x0c: ["\\f"],
  0x0d: ["\\r"],
};

export class Langs {
  readonly x = new ExprSet();
  /** every TermExpr built here → its ExprId in `x` (so compiling the grammar's terminals does not rebuild them) */
  readonly termIds = new WeakMap<TermExpr, ExprId>();
  private readonly encCache = new Map<string, L>();
  readonly EMPTY: L;
  readonly EPS: L;
  /** one encoded character (any code point of ANY_CHAR) */
  readonly ENC_ANY: L;
  /** the content (between the quotes) of any string */
  readonly CONTENT: L;
  readonly DIGIT: L;
  readonly DIGITS: L;

  constructor() {
    this.x.extraWitnesses = true;
    this.EMPTY = this.mk({ type: "alt", alts: [] }, this.x.EMPTY);
    this.EPS = this.mk({ type: "seq", items: [] }, this.x.EPSILON);
    this.ENC_ANY = this.enc(ANY_CHAR);
    this.CONTENT = this.star(this.ENC_ANY);
    this.DIGIT = this.chars([[0x30, 0x39]]);
    this.DIGITS = this.star(this.DIGIT);
  }

  private mk(t: TermExpr, id: ExprId): L {
    this.termIds.set(t, id);
    return { t, id };
  }

  lit(s: string): L {
    return this.mk({ type: "literal", value: s }, this.x.literal(s));
  }
  chars(ranges: RangeSet): L {
    const r = normalizeRanges(ranges.map(([a, b]) => [a, b] as [number, number]));
    if (r.length === 0) return this.EMPTY;
    return this.mk({ type: "charset", ranges: r.map(([a, b]) => [a, b] as [number, number]) }, this.x.codePoints(r));
  }
  seq(...parts: L[]): L {
    const ps = parts.filter((p) => p.id !== this.x.EPSILON);
    if (ps.some((p) => p.id === this.x.EMPTY)) return this.EMPTY;
    if (ps.length === 0) return this.EPS;
    if (ps.length === 1) return ps[0]!;
    return this.mk({ type: "seq", items: ps.map((p) => p.t) }, this.x.concat(ps.map((p) => p.id)));
  }
  or(...parts: L[]): L {
    const seen = new Set<ExprId>();
    const ps: L[] = [];
    for (const p of parts) {
      if (p.id === this.x.EMPTY || seen.has(p.id)) continue;
      seen.add(p.id);
      ps.push(p);
    }
    if (ps.length === 0) return this.EMPTY;
    if (ps.length === 1) return ps[0]!;
    return this.mk({ type: "alt", alts: ps.map((p) => p.t) }, this.x.or(ps.map((p) => p.id)));
  }
  and(...parts: L[]): L {
    const seen = new Set<ExprId>();
    const ps: L[] = [];
    for (const p of parts) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      ps.push(p);
    }
    if (ps.some((p) => p.id === this.x.EMPTY)) return this.EMPTY;
    if (ps.length === 1) return ps[0]!;
    const id = this.x.and(ps.map((p) => p.id));
    if (id === this.x.EMPTY) return this.EMPTY;
    // keep the IR small: an intersection equal to one of its parts is that part
    for (const p of ps) if (p.id === id) return p;
    return this.mk({ type: "and", items: ps.map((p) => p.t) }, id);
  }
  /** `universe` minus `a` */
  minus(universe: L, a: L): L {
    if (a.id === this.x.EMPTY) return universe;
    const id = this.x.and([universe.id, this.x.not(a.id)]);
    if (id === this.x.EMPTY) return this.EMPTY;
    if (id === universe.id) return universe;
    return this.mk({ type: "and", items: [universe.t, this.mk({ type: "not", expr: a.t }, this.x.not(a.id)).t] }, id);
  }
  repeat(a: L, min: number, max: number): L {
    if (max === 0) return this.EPS;
    if (min === 1 && max === 1) return a;
    return this.mk({ type: "repeat", expr: a.t, min, max }, this.x.repeat(a.id, min, max));
  }
  star(a: L): L {
    return this.repeat(a, 0, Infinity);
  }
  opt(a: L): L {
    return this.or(this.EPS, a);
  }
  private readonly emptyMemo = new Map<ExprId, boolean>();

  isEmpty(a: L): boolean {
    if (a.id === this.x.EMPTY) return true;
    let r = this.emptyMemo.get(a.id);
    if (r === undefined) {
      r = this.x.isEmpty(a.id);
      this.emptyMemo.set(a.id, r);
    }
    return r;
  }

  /** does the language contain this exact text? */
  matches(a: L, text: string): boolean {
    let e = a.id;
    for (const b of new TextEncoder().encode(text)) {
      e = this.x.derivative(e, b);
      if (e === this.x.EMPTY) return false;
    }
    return this.x.nullable(e);
  }
  /** same language? (both directions of inclusion) */
  equal(a: L, b: L): boolean {
    if (a.id === b.id) return true;
    return this.x.isEmpty(this.x.and([a.id, this.x.not(b.id)])) && this.x.isEmpty(this.x.and([b.id, this.x.not(a.id)]));
  }
  subset(a: L, b: L): boolean {
    return a.id === b.id || this.x.isEmpty(this.x.and([a.id, this.x.not(b.id)]));
  }

  // ---- strings --------------------------------------------------------------------------------

  /** All spellings of the code points of `set` (surrogates are dropped). */
  enc(set: RangeSet): L {
    const s = intersectRanges(normalizeRanges(set.map(([a, b]) => [a, b] as [number, number])), ANY_CHAR);
    const key = s.map(([a, b]) => `${a}-${b}`).join(",");
    const cached = this.encCache.get(key);
    if (cached) return cached;
    const parts: L[] = [this.chars(intersectRanges(s, RAW))];
    const has = (c: number) => s.some(([a, b]) => a <= c && c <= b);
    for (const [c, spellings] of Object.entries(SHORT)) if (has(Number(c))) for (const sp of spellings) parts.push(this.lit(sp));
    const hex = (d: number) => {
      const h = d.toString(16);
      return /[a-f]/.test(h) ? this.chars([[h.charCodeAt(0), h.charCodeAt(0)], [h.toUpperCase().charCodeAt(0), h.toUpperCase().charCodeAt(0)]]) : this.lit(h);
    };
    for (let c = 0; c < 0x20; c++) {
      if (!has(c) || [0x08, 0x09, 0x0a, 0x0c, 0x0d].includes(c)) continue;
      parts.push(this.seq(this.lit("\\u00"), hex(c >> 4), hex(c & 15)));
    }
    const out = this.or(...parts);
    this.encCache.set(key, out);
    return out;
  }

  /** The spelling of one decoded string (exact text between the quotes). */
  encodeString(s: string): string {
    return JSON.stringify(s).slice(1, -1);
  }

  /** all spellings of one decoded string (content, without quotes) */
  exactString(s: string): L {
    if (!/[\/\u0000-\u001f]/.test(s)) return this.lit(this.encodeString(s));
    return this.seq(...[...s].map((c) => (/[\/\u0000-\u001f]/.test(c) ? this.enc([[c.codePointAt(0)!, c.codePointAt(0)!]]) : this.lit(this.encodeString(c)))));
  }

  /** content strings of code point length in [min, max] */
  length(min: number, max: number): L {
    if (min === 0 && max === Infinity) return this.CONTENT;
    return this.repeat(this.ENC_ANY, min, max);
  }

  /**
   * Strings containing a match of an ECMA-262 regex (JSON Schema `pattern`: unanchored, `u` flag),
   * as a content language. Throws GramfillError regex_syntax / regex_unsupported.
   */
  pattern(source: string, flags = "u", mode: "search" | "whole" = "search"): L {
    const parsed = parseRegex(source, flags);
    const ignoreCase = parsed.flags.ignoreCase;
    const dotAll = parsed.flags.dotAll;
    const multiline = parsed.flags.multiline;
    const node = (n: RegexNode): L => {
      switch (n.type) {
        case "empty":
          return this.EPS;
        case "char":
          return this.enc(ignoreCase ? foldClosure([[n.cp, n.cp]]) : [[n.cp, n.cp]]);
        case "set": {
          const folded = ignoreCase ? foldClosure(n.ranges) : n.ranges;
          return this.enc(n.negated ? complementRanges(folded) : folded);
        }
        case "dot":
          return this.enc(dotAll ? ANY_CHAR : DOT_SET);
        case "concat":
          return this.seq(...n.items.map(node));
        case "alt":
          return this.or(...n.alts.map(node));
        case "repeat":
          return this.repeat(node(n.expr), n.min, n.max);
        case "group":
          return node(n.expr);
        case "anchor":
          throw new RegexAnchorError(n.kind);
      }
    };
    const out: L[] = [];
    for (const alt of edgeAlternatives(parsed.ast)) {
      const body = node(alt.body);
      if (mode === "whole") {
        out.push(body);
        continue;
      }
      const lt = this.enc(LINE_TERMINATORS);
      const left = !alt.start ? this.CONTENT : multiline ? this.or(this.EPS, this.seq(this.CONTENT, lt)) : this.EPS;
      const right = !alt.end ? this.CONTENT : multiline ? this.or(this.EPS, this.seq(lt, this.CONTENT)) : this.EPS;
      out.push(this.seq(left, body, right));
    }
    // every piece is a concatenation of `enc` sets, so the result is already inside CONTENT
    // (intersecting with it would only make the expression boolean and its derivatives costly)
    return this.or(...out);
  }
}

export class RegexAnchorError extends Error {
  constructor(readonly kind: string) {
    super(`anchor ${kind} is only supported at the start/end of the pattern or of a top-level alternative`);
  }
}

interface EdgeAlternative {
  start: boolean;
  end: boolean;
  body: RegexNode;
}

/** Top-level alternatives with their edge anchors stripped (as src/regex/compile.ts does). */
function edgeAlternatives(node: RegexNode): EdgeAlternative[] {
  if (node.type === "alt") return node.alts.flatMap(edgeAlternatives);
  if (node.type === "group") return edgeAlternatives(node.expr);
  const items = node.type === "concat" ? [...node.items] : [node];
  let start = false;
  let end = false;
  while (items.length > 0 && items[0]!.type === "anchor" && (items[0] as { kind: string }).kind === "^") {
    items.shift();
    start = true;
  }
  while (items.length > 0 && items[items.length - 1]!.type === "anchor" && (items[items.length - 1] as { kind: string }).kind === "$") {
    items.pop();
    end = true;
  }
  if (items.length === 1 && items[0]!.type === "group" && (start || end)) {
    return edgeAlternatives(items[0]!.expr).map((a) => ({ start: a.start || start, end: a.end || end, body: a.body }));
  }
  const body: RegexNode = items.length === 0 ? { type: "empty" } : items.length === 1 ? items[0]! : { type: "concat", items };
  return [{ start, end, body }];
}
