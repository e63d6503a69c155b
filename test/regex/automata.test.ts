import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExprSet, LazyDfa, encodeUtf8, utf8Sequences } from "../../src/regex/index.js";
import { casemappedSet, LAST_CASED_CP, complement, contains, engineSet, foldClass, foldClosure, propertySet, subtract, SURROGATES, WORD } from "../../src/regex/charset.js";
import { GramfillError } from "../../src/util/errors.js";
import { allStrings, jsWhole, matches, utf8 } from "./helpers.js";

function inSeqs(seqs: ReturnType<typeof utf8Sequences>, bytes: readonly number[]): number {
  return seqs.filter((s) => s.length === bytes.length && s.every(([lo, hi], i) => bytes[i]! >= lo && bytes[i]! <= hi)).length;
}

describe("UTF-8 range splitting", () => {
  const BOUNDARIES = [0, 0x7f, 0x80, 0x7ff, 0x800, 0xfff, 0x1000, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x3ffff, 0x40000, 0xfffff, 0x100000, 0x10ffff];

  it("encodes the boundary code points like TextEncoder", () => {
    for (const cp of BOUNDARIES) expect(encodeUtf8(cp)).toEqual([...utf8(String.fromCodePoint(cp))]);
  });

  it("every code point near a boundary is covered by exactly one sequence iff it is in the set", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...BOUNDARIES, 0x41, 0xe9, 0x3b1, 0x4e2d, 0x1f600), fc.integer({ min: -2, max: 2 }), fc.nat(0x2000)), {
          minLength: 1,
          maxLength: 4,
        }),
        (spec) => {
          const ranges = spec.map(([b, d, w]) => {
            const lo = Math.min(Math.max(b + d, 0), 0x10ffff);
            return [lo, Math.min(lo + w, 0x10ffff)] as [number, number];
          });
          const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
          const merged: [number, number][] = [];
          for (const r of sorted) {
            const last = merged[merged.length - 1];
            if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
            else merged.push([...r]);
          }
          const seqs = utf8Sequences(merged);
          const probes = new Set<number>();
          for (const [lo, hi] of merged) for (const cp of [lo - 1, lo, lo + 1, hi - 1, hi, hi + 1, (lo + hi) >> 1]) probes.add(cp);
          for (const b of BOUNDARIES) for (const d of [-1, 0, 1]) probes.add(b + d);
          for (const cp of probes) {
            if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) continue;
            const want = merged.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 0;
            expect([cp, inSeqs(seqs, encodeUtf8(cp))]).toEqual([cp, want]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never matches surrogates, overlong forms, values above U+10FFFF or stray continuation bytes", () => {
    const set = new ExprSet();
    const any = set.codePoints([[0, 0x10ffff]]);
    const bad = [
      [0xed, 0xa0, 0x80], // U+D800
      [0xed, 0xbf, 0xbf], // U+DFFF
      [0xc0, 0x80], // overlong NUL
      [0xc1, 0xbf],
      [0xe0, 0x9f, 0xbf], // overlong U+07FF
      [0xf0, 0x8f, 0xbf, 0xbf], // overlong U+FFFF
      [0xf4, 0x90, 0x80, 0x80], // U+110000
      [0xf5, 0x80, 0x80, 0x80],
      [0x80],
      [0xbf],
      [0xff],
      [0xc3],
    ];
    for (const b of bad) expect([b, matches(set, any, Uint8Array.from(b))]).toEqual([b, false]);
    for (const cp of [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x10ffff]) {
      expect(matches(set, any, String.fromCodePoint(cp))).toBe(true);
      expect(matches(set, set.codePoints([[cp, cp]]), String.fromCodePoint(cp))).toBe(true);
      expect(matches(set, set.codePoints([[cp, cp]], true), String.fromCodePoint(cp))).toBe(false);
    }
    // the negated set holds both neighbours across every length boundary
    const notBoundary = set.codePoints([[0x80, 0x7ff]], true);
    for (const cp of [0x7f, 0x800]) expect(matches(set, notBoundary, String.fromCodePoint(cp))).toBe(true);
    expect(matches(set, notBoundary, "\u0080")).toBe(false);
  });
});

describe("Unicode data from the engine", () => {
  it("fold classes agree with the engine's own /x/iu scan of all code points", () => {
    const rnd = fc.sample(fc.integer({ min: 0, max: 0x1ffff }), { numRuns: 60, seed: 7 });
    const cps = [0x41, 0x6b, 0x73, 0xdf, 0x130, 0x131, 0x3a3, 0x1c4, 0x1e9e, 0xfb05, 0x1fd3, 0x10400, 0x13a0, 0xab70, 0x1f600, ...rnd];
    for (const cp of cps) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const want = engineSet(`\\u{${cp.toString(16)}}`, "iu").flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
      expect([cp, [...foldClass(cp)]]).toEqual([cp, want]);
    }
  });

  it("every code point that lower- or uppercasing changes is in the set fold classes are built from", () => {
    const set = casemappedSet();
    const missing: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      if ((s.toLowerCase() !== s || s.toUpperCase() !== s) && !contains(set, cp)) missing.push(cp);
    }
    expect(missing).toEqual([]);
    // and the engine's Changes_When_Casemapped has nothing past the prefix casemappedSet scans
    expect(subtract(propertySet("Changes_When_Casemapped"), [[0, LAST_CASED_CP]])).toEqual([]);
    expect(casemappedSet()).toEqual(propertySet("Changes_When_Casemapped"));
  });

  it("fold closure of sets agrees with the engine on whole classes", () => {
    expect(foldClosure(WORD)).toEqual(engineSet("\\w", "iu"));
    const noSur = (r: ReturnType<typeof complement>) => subtract(r, SURROGATES);
    expect(noSur(complement(foldClosure(WORD)))).toEqual(engineSet("\\W", "iu"));
    expect(foldClosure(propertySet("Lu"))).toEqual(engineSet("\\p{Lu}", "iu"));
    // negated class: complement of the closure; \P: closure of the complement
    expect(noSur(complement(foldClosure(propertySet("Ll"))))).toEqual(engineSet("[^\\p{Ll}]", "iu"));
    expect(noSur(foldClosure(complement(propertySet("Ll"))))).toEqual(engineSet("\\P{Ll}", "iu"));
    expect(foldClosure([[0x61, 0x7a]])).toEqual(engineSet("[a-z]", "iu"));
    expect(foldClosure([[0x370, 0x3ff]])).toEqual(engineSet("[\\u0370-\\u03ff]", "iu"));
  });
});

describe("ExprSet algebra", () => {
  const set = new ExprSet();
  const R = (src: string): number => set.fromRegex(src);

  it("smart constructors normalise: units, absorption, ACI", () => {
    const a = R("a");
    const b = R("b");
    expect(set.concat([set.EMPTY, a])).toBe(set.EMPTY);
    expect(set.concat([set.EPSILON, a, set.EPSILON])).toBe(a);
    expect(set.or([])).toBe(set.EMPTY);
    expect(set.or([a, set.EMPTY])).toBe(a);
    const ab = set.concat([a, b]);
    const c = R("c+");
    expect(set.or([ab, c, ab])).toBe(set.or([c, ab]));
    expect(set.or([set.or([ab, c]), a])).toBe(set.or([a, set.or([c, ab])]));
    expect(set.and([ab, ab])).toBe(ab);
    expect(set.not(set.not(ab))).toBe(ab);
    expect(set.and([ab, set.not(ab)])).toBe(set.EMPTY);
    expect(set.concat([set.concat([a, b]), c])).toBe(set.concat([a, set.concat([b, c])]));
    expect(set.repeat(a, 1, 1)).toBe(a);
    expect(set.repeat(a, 0, 0)).toBe(set.EPSILON);
    expect(set.repeat(set.EMPTY, 0, 5)).toBe(set.EPSILON);
    expect(set.repeat(set.EMPTY, 1, 5)).toBe(set.EMPTY);
    expect(set.byteSet([])).toBe(set.EMPTY);
    expect(set.or([set.byteSet([1, 2]), set.byteSet([3])])).toBe(set.byteSet([1, 2, 3]));
  });

  it("intersection, complement and exact emptiness", () => {
    const letters = R("[a-z]+");
    const digits = R("\\d+");
    const x = set.and([letters, set.not(digits)]);
    expect(set.isEmpty(x)).toBe(false);
    expect(matches(set, x, "abc")).toBe(true);
    expect(matches(set, x, "12")).toBe(false);
    expect(set.isEmpty(set.and([letters, digits]))).toBe(true);
    expect(set.isEmpty(set.and([R("a*"), set.not(R("a*"))]))).toBe(true);
    expect(set.isEmpty(set.and([R("(aa)*"), R("a(aa)*")]))).toBe(true);
    expect(set.isEmpty(set.and([R("(aa)*"), R("(aaa)*"), set.not(set.EPSILON)]))).toBe(false);
    expect(set.shortestMember(set.and([R("(aa)*"), R("(aaa)*"), set.not(set.EPSILON)]))).toEqual(utf8("aaaaaa"));
    // complement is over all byte strings, so it includes invalid UTF-8
    expect(matches(set, set.not(R("a")), Uint8Array.of(0xff))).toBe(true);
    // a{0,10} minus strings of length ≤ 9 leaves exactly a{10}
    const only10 = set.and([R("a{0,10}"), set.not(R("[\\s\\S]{0,9}"))]);
    expect(set.shortestMember(only10)).toEqual(utf8("a".repeat(10)));
    expect(matches(set, only10, "a".repeat(9))).toBe(false);
    expect(set.isEmpty(set.and([R("a{0,10}"), set.not(R("[\\s\\S]{0,10}"))]))).toBe(true);
  });

  it("shortestMember finds the shortest string (least bytes) or null", () => {
    expect(set.shortestMember(R("b|a"))).toEqual(utf8("a"));
    expect(set.shortestMember(R("xyz|[0-9]{2}"))).toEqual(utf8("00"));
    expect(set.shortestMember(R("é"))).toEqual(utf8("é"));
    expect(set.shortestMember(R("a*"))).toEqual(new Uint8Array(0));
    expect(set.shortestMember(R("[]"))).toBeNull();
    expect(set.shortestMember(set.and([R("a+"), R("b+")]))).toBeNull();
  });

  it("prefixes, suffixes, infixes agree with brute force on finite languages", () => {
    const alphabet = ["a", "b", "c"];
    const universe = allStrings(alphabet, 6);
    const patterns = ["ab|ba", "a{1,3}b?", "(ab|c){0,2}", "[ab]c{2}|b", "(a|bc)(b|)", "a(b|c)a{0,2}", "|c", "[]"];
    for (const src of patterns) {
      const e = R(src);
      const js = jsWhole(src, "");
      const lang = universe.filter((s) => js.test(s)); // all members have length ≤ 6
      const isPrefix = (u: string): boolean => lang.some((s) => s.startsWith(u));
      const isSuffix = (u: string): boolean => lang.some((s) => s.endsWith(u));
      const isInfix = (u: string): boolean => lang.some((s) => s.includes(u));
      const p = set.prefixes(e);
      const s = set.suffixes(e);
      const i = set.infixes(e);
      for (const u of universe) {
        expect([src, "prefix", u, matches(set, p, u)]).toEqual([src, "prefix", u, isPrefix(u)]);
        expect([src, "suffix", u, matches(set, s, u)]).toEqual([src, "suffix", u, isSuffix(u)]);
        expect([src, "infix", u, matches(set, i, u)]).toEqual([src, "infix", u, isInfix(u)]);
      }
    }
  });

  it("prefixes of an intersection are exact (dead ends are not prefixes)", () => {
    const e = set.and([R("a+b"), set.not(R("aab"))]);
    const p = set.prefixes(e);
    expect(matches(set, p, "aa")).toBe(true); // aaab
    expect(matches(set, p, "aab")).toBe(false);
    expect(matches(set, p, "ab")).toBe(true);
    expect(set.nullable(set.prefixes(set.and([R("a"), R("b")])))).toBe(false);
  });

  it("toString is readable", () => {
    expect(set.toString(R("a|bc*"))).toBe("a|bc*");
    expect(set.toString(R("a{2,5}"))).toBe("a{2,5}");
    expect(set.toString(set.not(R("ab")))).toBe("~(ab)");
    expect(set.toString(R("(ab|c)d"))).toBe("(ab|c)d");
    expect(set.toString(set.literal("x".repeat(200_000))).length).toBeLessThan(20_000);
  });
});

describe("laziness at scale", () => {
  it("a{0,10000} is one repeat node and walks exactly 10,000 bytes", () => {
    const set = new ExprSet();
    const before = set.size;
    const e = set.fromRegex("a{0,10000}");
    expect(set.size - before).toBeLessThan(5);
    const dfa = new LazyDfa(set, [e]);
    const s0 = dfa.startState([0]);
    expect(dfa.numStates).toBe(2); // DEAD + start
    let st = s0;
    for (let i = 0; i < 10_000; i++) st = dfa.next(st, 0x61);
    expect(dfa.isAccepting(st)).toBe(true);
    expect(dfa.next(st, 0x61)).toBe(LazyDfa.DEAD);
    expect(dfa.next(s0, 0x62)).toBe(LazyDfa.DEAD);
  });

  it("an alternation of 10,000 literals builds few states until bytes are fed", () => {
    const set = new ExprSet();
    const words = Array.from({ length: 10_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919) % 10007}`);
    const e = set.fromRegex(words.join("|"));
    const dfa = new LazyDfa(set, [e], { names: ["ENUM"] });
    const s0 = dfa.startState([0]);
    expect(dfa.numStates).toBe(2);
    for (const w of [words[0]!, words[1234]!, words[9999]!]) {
      let st = s0;
      for (const b of utf8(w)) st = dfa.next(st, b);
      expect(dfa.acceptingPatterns(st)).toEqual([0]);
    }
    let st = s0;
    for (const b of utf8("w1x")) st = dfa.next(st, b);
    expect(dfa.isAccepting(st)).toBe(false);
    expect(dfa.livePatterns(st)).toEqual([0]);
    expect(dfa.numStates).toBeLessThan(40);
  });

  it("hitting the state cap names the terminal", () => {
    const set = new ExprSet();
    const e = set.fromRegex("(a|b)*a(a|b){20}");
    const dfa = new LazyDfa(set, [set.fromRegex("x"), e], { maxStates: 1000, names: ["X", "TAIL"] });
    let st = dfa.startState([1]);
    let seed = 12345;
    let err: unknown;
    try {
      for (let i = 0; i < 100_000; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        st = dfa.next(st, seed & 0x10000 ? 0x61 : 0x62);
      }
    } catch (e2) {
      err = e2;
    }
    expect(err).toBeInstanceOf(GramfillError);
    expect((err as GramfillError).code).toBe("automaton_too_large");
    expect((err as GramfillError).message).toBe("terminal TAIL: lexer automaton exceeded 1000 states");
    expect(dfa.numStates).toBe(1000);
  });

  it("ExprSet exploration cap is an automaton_too_large error", () => {
    const set = new ExprSet({ maxExplore: 100 });
    const e = set.and([set.fromRegex("(a|b)*a(a|b){12}"), set.not(set.fromRegex("[ab]*"))]);
    expect(() => set.isEmpty(e)).toThrow(/exceeded 100 states/);
  });
});

describe("LazyDfa", () => {
  const set = new ExprSet();
  const pats = ["if", "[a-z]+", "\\d+", "[a-z]+\\d", "é+"].map((p) => set.fromRegex(p));
  pats.push(set.and([set.fromRegex("[a-z]+"), set.not(set.fromRegex("i.*"))])); // 5: words not starting with i
  pats.push(set.fromRegex("a[]")); // 6: empty language
  const dfa = new LazyDfa(set, pats);
  const all = pats.map((_, i) => i);
  const run = (s: string, allowed = all): number => {
    let st = dfa.startState(allowed);
    for (const b of utf8(s)) st = dfa.next(st, b);
    return st;
  };

  it("reports accepting and live pattern sets", () => {
    expect(dfa.livePatterns(dfa.startState(all))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(dfa.acceptingPatterns(run("if"))).toEqual([0, 1]);
    expect(dfa.livePatterns(run("if"))).toEqual([0, 1, 3]);
    expect(dfa.acceptingPatterns(run("ifx"))).toEqual([1]);
    expect(dfa.acceptingPatterns(run("x"))).toEqual([1, 5]);
    expect(dfa.acceptingPatterns(run("x1"))).toEqual([3]);
    expect(dfa.livePatterns(run("x1"))).toEqual([3]);
    expect(dfa.acceptingPatterns(run("42"))).toEqual([2]);
    expect(dfa.acceptingPatterns(run("éé"))).toEqual([4]);
    expect(run("x12")).toBe(LazyDfa.DEAD);
    expect(dfa.isAccepting(LazyDfa.DEAD)).toBe(false);
    expect(dfa.livePatterns(LazyDfa.DEAD)).toEqual([]);
    expect(dfa.next(LazyDfa.DEAD, 0x61)).toBe(LazyDfa.DEAD);
  });

  it("a partial UTF-8 sequence is live but not accepting; invalid continuation is dead", () => {
    const st = dfa.next(dfa.startState([4]), 0xc3);
    expect(dfa.livePatterns(st)).toEqual([4]);
    expect(dfa.isAccepting(st)).toBe(false);
    expect(dfa.next(st, 0x41)).toBe(LazyDfa.DEAD);
  });

  it("start states are cached per allowed set and drop empty patterns", () => {
    expect(dfa.startState([1, 0])).toBe(dfa.startState([0, 1, 1]));
    expect(dfa.startState([6])).toBe(LazyDfa.DEAD);
    expect(dfa.startState([])).toBe(LazyDfa.DEAD);
    expect(dfa.livePatterns(dfa.startState([2, 6]))).toEqual([2]);
    expect(() => dfa.startState([99])).toThrow(RangeError);
    // the same array object, mutated in between, is not served from a stale cache
    const allowed = [2];
    expect(dfa.livePatterns(dfa.startState(allowed))).toEqual([2]);
    allowed[0] = 1;
    expect(dfa.livePatterns(dfa.startState(allowed))).toEqual([1]);
  });

  it("every non-dead state can still reach acceptance", () => {
    // walk the reachable automaton from the start state over a small byte alphabet
    const bytes = [...utf8("ifx19é")];
    const seen = new Set<number>([dfa.startState(all)]);
    const queue = [...seen];
    while (queue.length > 0) {
      const st = queue.pop()!;
      const live = dfa.livePatterns(st);
      expect(live.length > 0).toBe(st !== LazyDfa.DEAD);
      for (const b of bytes) {
        const t = dfa.next(st, b);
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    for (const st of seen) {
      if (st === LazyDfa.DEAD) continue;
      // BFS over all bytes must find an accepting state
      const q = [st];
      const vis = new Set(q);
      let found = false;
      while (q.length > 0 && !found) {
        const x = q.shift()!;
        if (dfa.isAccepting(x)) found = true;
        for (let b = 0; b < 256 && !found; b++) {
          const t = dfa.next(x, b);
          if (t !== LazyDfa.DEAD && !vis.has(t)) {
            vis.add(t);
            q.push(t);
          }
        }
      }
      expect(found).toBe(true);
    }
  });
});
