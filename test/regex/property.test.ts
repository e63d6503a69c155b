/**
 * Differential tests: our derivative automaton vs the engine's own `RegExp` with the `u` flag, on
 * random patterns and strings biased towards members of the pattern (sampled from its AST, then
 * mutated) plus random strings over the pattern's alphabet and arbitrary code points.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExprSet, LazyDfa } from "../../src/regex/index.js";
import { jsWhole, matches, utf8 } from "./helpers.js";
import { mulberry32 as rng } from "../../src/util/random.js";

type Node =
  | { k: "lit"; c: string }
  | { k: "esc"; src: string; samples: string[] }
  | { k: "dot" }
  | { k: "cls"; neg: boolean; items: ClassItem[] }
  | { k: "group"; capturing: boolean; body: Node }
  | { k: "cat"; items: Node[] }
  | { k: "alt"; alts: Node[] }
  | { k: "rep"; body: Node; q: string; min: number; max: number };

type ClassItem = { k: "c"; c: string } | { k: "r"; lo: string; hi: string } | { k: "e"; src: string; samples: string[] };

/** Characters patterns and strings are built from: ASCII, case-fold specials, multi-byte. */
const POOL = [
  "a", "b", "c", "A", "B", "z", "0", "1", "9", "_", " ", "-", "/", "\n", "\t", ".", "*", "(", "[", "{", "|", "$", "^", "\\", "]",
  "é", "É", "λ", "Λ", "ß", "ẞ", "ſ", "s", "S", "k", "K", "\u212a", "\u017f", "ǅ", "ǆ", "Ǆ", "😀", "中", "\u2028", "\u00a0", "\u0080", "\u07ff", "\u0800", "\uffff", "\u{10000}", "\u{10ffff}", "\x7f",
];
const SYNTAX = "^$\\.*+?()[]{}|/";
const ESCAPES: [string, string[]][] = [
  ["\\d", ["0", "7"]], ["\\D", ["a", "é"]], ["\\w", ["a", "Z", "_", "5"]], ["\\W", [" ", "é", "ſ"]], ["\\s", [" ", "\n", "\u00a0", "\u2028"]],
  ["\\S", ["x", "中"]], ["\\x41", ["A"]], ["\\u00e9", ["é"]], ["\\u{1F600}", ["😀"]], ["\\uD83D\\uDE00", ["😀"]], ["\\n", ["\n"]],
  ["\\t", ["\t"]], ["\\0", ["\0"]], ["\\cJ", ["\n"]], ["\\p{L}", ["a", "λ", "中"]], ["\\p{Lu}", ["A", "Λ"]], ["\\P{Ll}", ["A", "1"]],
  ["\\p{Script=Greek}", ["λ", "Λ"]], ["\\p{Nd}", ["1", "\u0660"]], ["\\.", ["."]], ["\\-", ["-"]], ["\\/", ["/"]], ["\\*", ["*"]],
];
/** `\-` is only valid inside classes with the u flag (we accept it outside too, Node does not). */
const ATOM_ESCAPES = ESCAPES.filter(([s]) => s !== "\\-");
const CLASS_ESCAPES = ESCAPES;

const litArb = fc.constantFrom(...POOL).map((c): Node => ({ k: "lit", c }));
const escArb = fc.constantFrom(...ATOM_ESCAPES).map(([src, samples]): Node => ({ k: "esc", src, samples }));
const classItemArb: fc.Arbitrary<ClassItem> = fc.oneof(
  fc.constantFrom(...POOL).map((c): ClassItem => ({ k: "c", c })),
  fc.tuple(fc.constantFrom(...POOL), fc.constantFrom(...POOL)).map(([x, y]): ClassItem => {
    const [lo, hi] = x.codePointAt(0)! <= y.codePointAt(0)! ? [x, y] : [y, x];
    return { k: "r", lo, hi };
  }),
  fc.constantFrom(...CLASS_ESCAPES).map(([src, samples]): ClassItem => ({ k: "e", src, samples })),
);
const clsArb = fc.record({ neg: fc.boolean(), items: fc.array(classItemArb, { maxLength: 4 }) }).map((r): Node => ({ k: "cls", ...r }));

const QUANTS: [string, number, number][] = [
  ["*", 0, Infinity], ["+", 1, Infinity], ["?", 0, 1], ["{2}", 2, 2], ["{1,3}", 1, 3], ["{0,2}", 0, 2], ["{2,}", 2, Infinity], ["{0}", 0, 0], ["{3,5}", 3, 5],
];

const { node: nodeArb } = fc.letrec<{ node: Node; atom: Node }>((tie) => ({
  atom: fc.oneof(
    { arbitrary: litArb, weight: 5 },
    { arbitrary: escArb, weight: 2 },
    { arbitrary: fc.constant<Node>({ k: "dot" }), weight: 1 },
    { arbitrary: clsArb, weight: 2 },
    { arbitrary: fc.record({ capturing: fc.boolean(), body: tie("node") }).map((r): Node => ({ k: "group", ...r })), weight: 1 },
  ),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: tie("atom"), weight: 3 },
    { arbitrary: fc.array(tie("atom"), { minLength: 2, maxLength: 4 }).map((items): Node => ({ k: "cat", items })), weight: 3 },
    { arbitrary: fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((alts): Node => ({ k: "alt", alts })), weight: 1 },
    {
      arbitrary: fc.tuple(tie("atom"), fc.constantFrom(...QUANTS), fc.boolean()).map(
        ([body, [q, min, max], lazy]): Node => ({ k: "rep", body, q: q + (lazy ? "?" : ""), min, max }),
      ),
      weight: 2,
    },
  ),
}));

function escLit(c: string): string {
  return SYNTAX.includes(c) ? "\\" + c : c;
}
function escClassChar(c: string): string {
  return "\\]^-[".includes(c) ? "\\" + c : c;
}

function toSource(n: Node): string {
  switch (n.k) {
    case "lit":
      return escLit(n.c);
    case "esc":
      return n.src;
    case "dot":
      return ".";
    case "cls":
      return `[${n.neg ? "^" : ""}${n.items.map((i) => (i.k === "c" ? escClassChar(i.c) : i.k === "r" ? `${escClassChar(i.lo)}-${escClassChar(i.hi)}` : i.src)).join("")}]`;
    case "group":
      return `(${n.capturing ? "" : "?:"}${toSource(n.body)})`;
    case "cat":
      return n.items.map(toSource).join("");
    case "alt":
      return n.alts.map(toSource).join("|");
    case "rep":
      return toSource(n.body) + n.q;
  }
}

const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A string that is likely (not guaranteed) to match n: case folding and negation are ignored. */
function sample(n: Node, r: () => number): string {
  switch (n.k) {
    case "lit":
      return n.c;
    case "esc":
      return pick(r, n.samples);
    case "dot":
      return pick(r, POOL);
    case "cls": {
      if (n.items.length === 0 || n.neg) return pick(r, POOL);
      const i = pick(r, n.items);
      if (i.k === "c") return i.c;
      if (i.k === "e") return pick(r, i.samples);
      const lo = i.lo.codePointAt(0)!;
      const hi = i.hi.codePointAt(0)!;
      let cp = lo + Math.floor(r() * (hi - lo + 1));
      if (cp >= 0xd800 && cp <= 0xdfff) cp = lo;
      return String.fromCodePoint(cp);
    }
    case "group":
      return sample(n.body, r);
    case "cat":
      return n.items.map((x) => sample(x, r)).join("");
    case "alt":
      return sample(pick(r, n.alts), r);
    case "rep": {
      const max = Math.min(n.max, n.min + 3);
      const count = n.min + Math.floor(r() * (max - n.min + 1));
      let s = "";
      for (let i = 0; i < count; i++) s += sample(n.body, r);
      return s;
    }
  }
}

function randomCp(r: () => number): string {
  let cp = Math.floor(r() * 0x110000);
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
  return String.fromCodePoint(cp);
}

/** Members (mutated or not) plus strings over the pattern's alphabet and random code points. */
function testStrings(n: Node, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = ["", sample(n, r), sample(n, r)];
  for (let k = 0; k < 4; k++) {
    const chars = [...sample(n, r)];
    const op = Math.floor(r() * 3);
    const at = Math.floor(r() * (chars.length + 1));
    if (op === 0) chars.splice(at, 1);
    else if (op === 1) chars.splice(at, 0, r() < 0.2 ? randomCp(r) : pick(r, POOL));
    else if (chars.length > 0) chars[Math.min(at, chars.length - 1)] = pick(r, POOL);
    out.push(chars.join(""));
  }
  const own = [...toSource(n)];
  for (let k = 0; k < 3; k++) {
    let s = "";
    const len = Math.floor(r() * 6);
    for (let i = 0; i < len; i++) s += r() < 0.5 ? pick(r, own) : r() < 0.9 ? pick(r, POOL) : randomCp(r);
    out.push(s);
  }
  return out;
}

const set = new ExprSet();
/** REGEX_FC_SCALE=10 npx vitest run test/regex: a longer soak of the same properties. */
const SCALE = Number(process.env.REGEX_FC_SCALE ?? 1);

/**
 * Compiles with both engines; a pattern the engine rejects must give regex_syntax here (and vice
 * versa). Returns null when both reject it.
 */
function compileBoth(src: string, flags: string, mode: "whole" | "search"): { e: number; js: RegExp } | null {
  let js: RegExp | null = null;
  let jsError: unknown = null;
  try {
    js = mode === "whole" ? jsWhole(src, flags) : new RegExp(src, flags + "u");
  } catch (err) {
    jsError = err;
  }
  let e: number | null = null;
  let ourError: unknown = null;
  try {
    e = set.fromRegex(src, flags, mode);
  } catch (err) {
    ourError = err;
  }
  expect({ src, compiles: ourError === null }).toEqual({ src, compiles: jsError === null });
  if (ourError !== null) expect((ourError as { code?: string }).code).toBe("regex_syntax");
  return js === null || e === null ? null : { e, js };
}

describe("differential vs RegExp(u)", () => {
  it("whole mode agrees with ^(?:src)$ for flags '', i, s, is", () => {
    fc.assert(
      fc.property(nodeArb, fc.constantFrom("", "i", "s", "is"), fc.integer(), (n, flags, seed) => {
        const src = toSource(n);
        const c = compileBoth(src, flags, "whole");
        if (c === null) return;
        const { e, js } = c;
        for (const s of testStrings(n, seed)) {
          expect([src, flags, s, matches(set, e, s)]).toEqual([src, flags, s, js.test(s)]);
        }
      }),
      { numRuns: 1500 * SCALE },
    );
  });

  it("search mode agrees with RegExp.test, with edge anchors and the m flag", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), nodeArb, fc.boolean()), { minLength: 1, maxLength: 2 }),
        fc.constantFrom("", "i", "m", "s", "im"),
        fc.integer(),
        (alts, flags, seed) => {
          const src = alts.map(([a, n, z]) => (a ? "^" : "") + toSource(n) + (z ? "$" : "")).join("|");
          const c = compileBoth(src, flags, "search");
          if (c === null) return;
          const { e, js } = c;
          const strings = alts.flatMap(([, n], i) => testStrings(n, seed + i));
          const r = rng(seed);
          // pad members with context so unanchored matching is exercised
          for (const s of strings.slice(0, 6)) strings.push(pick(r, POOL) + s, s + pick(r, ["\n", "x", "é"]), "\n" + s + "\n");
          for (const s of strings) {
            expect([src, flags, s, matches(set, e, s)]).toEqual([src, flags, s, js.test(s)]);
          }
        },
      ),
      { numRuns: 800 * SCALE },
    );
  });

  it("LazyDfa over several patterns reports exact accepting sets and live sets with witnesses", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); // keep a leading U+FEFF
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 4 }), fc.integer(), (nodes, seed) => {
        const srcs = nodes.map(toSource).filter((src) => compileBoth(src, "", "whole") !== null);
        if (srcs.length === 0) return;
        const dfa = new LazyDfa(set, srcs.map((s) => set.fromRegex(s)));
        const js = srcs.map((s) => jsWhole(s, ""));
        const all = srcs.map((_, i) => i);
        for (const s of nodes.flatMap((n, i) => testStrings(n, seed + i).slice(0, 5))) {
          let st = dfa.startState(all);
          const bytes = utf8(s);
          for (const b of bytes) st = dfa.next(st, b);
          expect([srcs, s, [...dfa.acceptingPatterns(st)]]).toEqual([srcs, s, all.filter((i) => js[i]!.test(s))]);
          expect(dfa.isAccepting(st)).toBe(dfa.acceptingPatterns(st).length > 0);
          // every live pattern has a completion the engine accepts; every dead one rejects s
          let d = srcs.map((src) => set.fromRegex(src));
          for (const b of bytes) d = d.map((x) => set.derivative(x, b));
          for (const i of all) {
            const live = dfa.livePatterns(st).includes(i);
            const w = set.shortestMember(d[i]!);
            expect(live).toBe(w !== null);
            if (w !== null) expect(js[i]!.test(s + decoder.decode(w))).toBe(true);
            else expect(js[i]!.test(s)).toBe(false);
          }
        }
      }),
      { numRuns: 300 * SCALE },
    );
  });

  it("and/not/isEmpty/shortestMember agree with the engine on pairs of patterns", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); // keep a leading U+FEFF
    fc.assert(
      fc.property(nodeArb, nodeArb, fc.integer(), (n1, n2, seed) => {
        const [s1, s2] = [toSource(n1), toSource(n2)];
        const c1 = compileBoth(s1, "", "whole");
        const c2 = compileBoth(s2, "", "whole");
        if (c1 === null || c2 === null) return;
        const both = set.and([c1.e, c2.e]);
        const diff = set.and([c1.e, set.not(c2.e)]);
        const strings = [...testStrings(n1, seed), ...testStrings(n2, seed + 1)];
        for (const s of strings) {
          const [j1, j2] = [c1.js.test(s), c2.js.test(s)];
          expect([s1, s2, s, matches(set, both, s), matches(set, diff, s)]).toEqual([s1, s2, s, j1 && j2, j1 && !j2]);
        }
        for (const e of [both, diff]) {
          const w = set.shortestMember(e);
          expect(set.isEmpty(e)).toBe(w === null);
          if (w !== null) {
            const text = decoder.decode(w); // members of c1 are valid UTF-8
            expect([s1, s2, text, c1.js.test(text), c2.js.test(text)]).toEqual([s1, s2, text, true, e === both]);
          }
        }
        // a witness from each pattern's own members that is in one and not the other proves non-emptiness
        for (const s of strings) if (c1.js.test(s) && !c2.js.test(s)) expect(set.isEmpty(diff)).toBe(false);
      }),
      { numRuns: 600 * SCALE },
    );
  });
});
