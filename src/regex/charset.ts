/**
 * Code point sets as sorted, disjoint, non-adjacent inclusive ranges, plus the predefined classes
 * of ECMA-262 (`\d \w \s`, `.`, `\p{..}`) and case-fold closure.
 *
 * Unicode data (properties, case folding) is not shipped with gramfill: we ask the JS engine's own
 * RegExp, so our sets agree with `new RegExp(.., "u")` by construction, whatever Unicode version
 * the running Node has.
 */
import { GramfillError } from "../util/errors.js";

export type Range = readonly [number, number];
/** Sorted by start, disjoint and non-adjacent; the canonical form every function here returns. */
export type RangeSet = ReadonlyArray<Range>;

export const MAX_CP = 0x10ffff;
export const SURROGATES: RangeSet = [[0xd800, 0xdfff]];

/** Sorts and merges arbitrary inclusive ranges (overlapping or adjacent ones are fused). */
export function normalize(ranges: ReadonlyArray<readonly [number, number]>): RangeSet {
  const sorted = ranges.filter((r) => r[0] <= r[1]).map((r) => [r[0], r[1]] as [number, number]);
  sorted.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r[0] <= last[1] + 1) {
      if (r[1] > last[1]) last[1] = r[1];
    } else out.push(r);
  }
  return out;
}

export function union(...sets: RangeSet[]): RangeSet {
  return normalize(sets.flat());
}

export function intersect(a: RangeSet, b: RangeSet): RangeSet {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

/** Complement within 0..U+10FFFF. */
export function complement(a: RangeSet): RangeSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

export function subtract(a: RangeSet, b: RangeSet): RangeSet {
  return intersect(a, complement(b));
}

export function contains(a: RangeSet, cp: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = a[mid]!;
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export function rangeSetKey(a: RangeSet): string {
  return a.map((r) => (r[0] === r[1] ? r[0].toString(36) : `${r[0].toString(36)}-${r[1].toString(36)}`)).join(",");
}

// ---- predefined classes (ECMA-262 22.2.2.9 CharacterClassEscape) ----

export const DIGIT: RangeSet = [[0x30, 0x39]];
export const WORD: RangeSet = normalize([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
/** WhiteSpace and LineTerminator (`\s`). */
export const SPACE: RangeSet = normalize([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
export const LINE_TERMINATORS: RangeSet = normalize([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]);
export const ANY: RangeSet = [[0, MAX_CP]];
/** `.` without the `s` flag. */
export const DOT: RangeSet = complement(LINE_TERMINATORS);

/**
 * `\w` / `\W` under the given flags. With `i` (and `u`), WordCharacters also holds the code points
 * that case-fold into [0-9A-Za-z_] (U+017F, U+212A), so `\W` excludes them (ES2020+ semantics).
 */
export function wordClass(ignoreCase: boolean): RangeSet {
  return ignoreCase ? foldClosure(WORD) : WORD;
}

// ---- Unicode data via the engine's RegExp ----

let allCodePoints: string | null = null;

/**
 * Every code point except surrogates, in order, as one string. Scanning it with a global regex
 * yields a property's ranges in a few milliseconds instead of 1.1M separate `test` calls.
 */
function allCodePointsString(): string {
  if (allCodePoints === null) allCodePoints = codePointsUpTo(MAX_CP);
  return allCodePoints;
}

/** Code points 0..last except surrogates, in order: a prefix of allCodePointsString(). */
function codePointsUpTo(last: number): string {
  const chunks: string[] = [];
  const buf: number[] = [];
  for (let cp = 0; cp <= last; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    buf.push(cp);
    if (buf.length === 4096) {
      chunks.push(String.fromCodePoint(...buf));
      buf.length = 0;
    }
  }
  chunks.push(String.fromCodePoint(...buf));
  return chunks.join("");
}

/** UTF-16 index in `allCodePointsString()` → code point starting there. */
function cpAtIndex(idx: number): number {
  if (idx < 0xd800) return idx;
  if (idx < 0xf800) return idx + 0x800;
  return 0x10000 + ((idx - 0xf800) >> 1);
}

/** Exclusive UTF-16 end index → the last code point before it. */
function cpBeforeIndex(end: number): number {
  if (end <= 0xd800) return end - 1;
  if (end <= 0xf800) return end - 1 + 0x800;
  return 0x10000 + ((end - 0xf800) >> 1) - 1;
}

/**
 * The set of (non-surrogate) code points matched by a one-character regex `source` (e.g. `\p{L}`
 * or a class) with `flags`, computed by the engine itself.
 */
export function engineSet(source: string, flags: string): RangeSet {
  const re = new RegExp(`(?:${source})+`, flags.includes("g") ? flags : flags + "g");
  const text = allCodePointsString();
  const out: [number, number][] = [];
  for (const m of text.matchAll(re)) {
    const start = m.index;
    out.push([cpAtIndex(start), cpBeforeIndex(start + m[0].length)]);
  }
  // A run may span the surrogate gap (U+D7FF, U+E000 are adjacent in the string).
  return subtract(normalize(out), SURROGATES);
}

const propertyCache = new Map<string, RangeSet>();

/**
 * `\p{name}` as a code point set (surrogates excluded: they never occur in UTF-8). Throws
 * `regex_syntax` for a name the engine does not know.
 */
export function propertySet(name: string, offset?: number): RangeSet {
  let set = propertyCache.get(name);
  if (set !== undefined) return set;
  // Only letters, digits, '_' and one '=' may appear; anything else could escape the braces.
  if (!/^[A-Za-z0-9_]+(=[A-Za-z0-9_]+)?$/.test(name)) {
    throw new GramfillError("regex_syntax", `invalid Unicode property name \\p{${name}}`, { offset });
  }
  try {
    new RegExp(`\\p{${name}}`, "u");
  } catch {
    throw new GramfillError("regex_syntax", `unknown Unicode property \\p{${name}}`, { offset });
  }
  set = engineSet(`\\p{${name}}`, "u");
  propertyCache.set(name, set);
  return set;
}

// ---- case folding (ECMA-262 Canonicalize with u + i: simple case folding) ----

/**
 * Sorted code points that may be case-fold-equivalent to some other code point: the members of the
 * candidate groups (below), each split into classes only when first asked (most processes only
 * ever ask about ASCII letters, and each split compiles a RegExp per class).
 */
let foldCps: Int32Array | null = null;
/** foldCps[k] → its candidate group (sorted code points, ≥ 2). */
let foldGroupOf: number[][] = [];
/** candidate group → its code points' classes, once split */
const foldSplit = new Map<number[], Map<number, number[]>>();

function escapeCp(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/**
 * Builds the fold equivalence classes. Candidates are connected through toLowerCase/toUpperCase
 * (full mappings as strings, so U+FB05/U+FB06 meet at "ST"); that over-approximates simple case
 * folding (e.g. U+0131 ı uppercases to I), so each candidate group is then split by asking the
 * engine whether `/^a$/iu` matches `b`, which is exactly ECMA-262's Canonicalize equality.
 */
function buildFold(): void {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (true) {
      const p = parent.get(r);
      if (p === undefined || p === r) break;
      r = p;
    }
    parent.set(x, r);
    return r;
  };
  const unite = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  // Only a code point that changes under lower- or uppercasing starts a union, and those are all in
  // the engine's own Changes_When_Casemapped (its definition: changes under a full case mapping);
  // walking that set instead of all 1.1M code points takes the first case-insensitive regex of a
  // process from ~250 ms to ~50 ms (test/regex checks every code point that changes is in the set).
  for (const [from, to] of casemappedSet()) {
    for (let cp = from; cp <= to; cp++) {
      const s = String.fromCodePoint(cp);
      const lo = s.toLowerCase();
      const up = s.toUpperCase();
      if (lo !== s) unite(s, lo);
      if (up !== s) unite(s, up);
    }
  }
  const groups = new Map<string, number[]>();
  for (const key of parent.keys()) {
    const cp = key.codePointAt(0)!;
    if (key.length !== String.fromCodePoint(cp).length) continue; // a multi-code-point string
    const root = find(key);
    let g = groups.get(root);
    if (g === undefined) groups.set(root, (g = []));
    g.push(cp);
  }
  const pairs: [number, number[]][] = [];
  for (const g of groups.values()) {
    const members = [...new Set(g)].sort((a, b) => a - b);
    if (members.length > 1) for (const cp of members) pairs.push([cp, members]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  foldCps = Int32Array.from(pairs.map((p) => p[0]));
  foldGroupOf = pairs.map((p) => p[1]);
}

/** The class of foldCps[k] (itself alone when no other member of its group is equivalent). */
function foldClassAt(k: number): number[] {
  const group = foldGroupOf[k]!;
  let classes = foldSplit.get(group);
  if (classes === undefined) {
    classes = new Map();
    let rest = group;
    while (rest.length > 0) {
      const rep = rest[0]!;
      const re = new RegExp(`^${escapeCp(rep)}$`, "iu");
      const cls = rest.length === 1 ? rest : rest.filter((cp) => re.test(String.fromCodePoint(cp)));
      for (const cp of cls) classes.set(cp, cls);
      rest = rest.filter((cp) => !cls.includes(cp));
    }
    foldSplit.set(group, classes);
  }
  return classes.get(foldCps![k]!)!;
}

/** Above this no code point changes under casing (Unicode 16; test/regex scans the engine to check). */
export const LAST_CASED_CP = 0x1ffff;

let casemapped: RangeSet | null = null;

/**
 * The code points buildFold starts unions from: the engine's `\p{Changes_When_Casemapped}` up to
 * LAST_CASED_CP. Scanned over that prefix of allCodePointsString only: the whole string (1.1M code
 * points, mostly astral) costs ~50 ms a property, the prefix ~5.
 */
export function casemappedSet(): RangeSet {
  if (casemapped === null) {
    const text = allCodePoints?.slice(0, cpIndex(LAST_CASED_CP + 1)) ?? codePointsUpTo(LAST_CASED_CP);
    const out: [number, number][] = [];
    for (const m of text.matchAll(/\p{Changes_When_Casemapped}+/gu)) out.push([cpAtIndex(m.index), cpBeforeIndex(m.index + m[0].length)]);
    casemapped = subtract(normalize(out), SURROGATES);
  }
  return casemapped;
}

/** Code point (not a surrogate) → its UTF-16 index in `allCodePointsString()` (cpAtIndex's inverse). */
function cpIndex(cp: number): number {
  if (cp < 0xd800) return cp;
  if (cp < 0x10000) return cp - 0x800;
  return 0xf800 + 2 * (cp - 0x10000);
}

/** The code points case-fold-equivalent to `cp` (including itself), ascending. */
export function foldClass(cp: number): readonly number[] {
  if (foldCps === null) buildFold();
  const cps = foldCps!;
  let lo = 0;
  let hi = cps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = cps[mid]!;
    if (v === cp) return foldClassAt(mid);
    if (v < cp) lo = mid + 1;
    else hi = mid - 1;
  }
  return [cp];
}

/** Smallest superset of `a` closed under case-fold equivalence. */
export function foldClosure(a: RangeSet): RangeSet {
  if (foldCps === null) buildFold();
  const cps = foldCps!;
  const extra: [number, number][] = [];
  // per range of `a`, the folding code points inside it (binary search to the first): a wide set
  // like \w or \p{L} visits its ~3k folding members once, not ~3k membership tests per call
  for (const [from, to] of a) {
    let lo = 0;
    let hi = cps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cps[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < cps.length && cps[k]! <= to; k++) for (const m of foldClassAt(k)) extra.push([m, m]);
  }
  return extra.length === 0 ? a : normalize([...a, ...extra]);
}
