/**
 * `ExprSet.shortestMember` (iterative deepening from `memberLengthBound`, memoized dead ends)
 * against the breadth-first search it replaced (written here over the public derivative API): the
 * same word — the least, byte by byte, of the shortest members spelled by class representatives —
 * on random patterns with intersections and complements, and null exactly for empty languages.
 * Also: the length bound is never above a member's length, and a date-time string's member.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExprSet, type ExprId } from "../../src/regex/index.js";
import { matches } from "./helpers.js";

/** The breadth-first search (bytes ascending, dead derivatives skipped) that shortestMember used to run. */
function breadthFirst(x: ExprSet, e: ExprId): Uint8Array | null {
  if (x.isEmpty(e)) return null;
  const parent = new Map<ExprId, [ExprId, number]>([[e, [-1, 0]]]);
  const queue: ExprId[] = [e];
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    if (x.nullable(s)) {
      const bytes: number[] = [];
      for (let y = s; y !== e; ) {
        const [p, b] = parent.get(y)!;
        bytes.push(b);
        y = p;
      }
      return Uint8Array.from(bytes.reverse());
    }
    for (const b of x.classRepresentatives(s)) {
      const d = x.derivative(s, b);
      if (parent.has(d) || x.isEmpty(d)) continue;
      parent.set(d, [s, b]);
      queue.push(d);
    }
  }
  throw new Error("no member of a non-empty language");
}

/** Small regex sources over a, b, c with classes, counters, optional parts and alternation. */
const atom = fc.constantFrom("a", "b", "c", "[ab]", "[^a]", "(?:ab|c)", ".", "a{2}", "[bc]{1,3}", "(?:a|)");
const regexArb: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    fc.tuple(tie("re"), tie("re")).map(([a, b]) => `(?:${a})(?:${b})`),
    fc.tuple(tie("re"), tie("re")).map(([a, b]) => `(?:${a}|${b})`),
    fc.tuple(tie("re"), fc.constantFrom("*", "+", "?", "{0,2}", "{2,4}")).map(([a, q]) => `(?:${a})${q}`),
  ),
})).re;

describe("shortestMember", () => {
  it("equals the breadth-first search's word on random intersections and complements", () => {
    fc.assert(
      fc.property(regexArb, regexArb, regexArb, fc.constantFrom("and", "andNot", "plain", "three"), (r1, r2, r3, how) => {
        const x = new ExprSet();
        const [a, b, c] = [x.fromRegex(r1, "", "whole"), x.fromRegex(r2, "", "whole"), x.fromRegex(r3, "", "whole")];
        const e = how === "plain" ? a : how === "and" ? x.and([a, b]) : how === "andNot" ? x.and([a, x.not(b)]) : x.and([x.or([a, c]), x.not(b)]);
        const ref = new ExprSet();
        const [ra, rb, rc] = [ref.fromRegex(r1, "", "whole"), ref.fromRegex(r2, "", "whole"), ref.fromRegex(r3, "", "whole")];
        const re = how === "plain" ? ra : how === "and" ? ref.and([ra, rb]) : how === "andNot" ? ref.and([ra, ref.not(rb)]) : ref.and([ref.or([ra, rc]), ref.not(rb)]);
        const want = breadthFirst(ref, re);
        const got = x.shortestMember(e);
        expect(got === null ? null : Array.from(got)).toEqual(want === null ? null : Array.from(want));
        if (got !== null) {
          expect(matches(x, e, got)).toBe(true);
          expect(x.memberLengthBound(e)).toBeLessThanOrEqual(got.length);
          // cached: a second call gives the same word (and a copy)
          const again = x.shortestMember(e)!;
          expect(Array.from(again)).toEqual(Array.from(got));
          again.fill(0);
          expect(Array.from(x.shortestMember(e)!)).toEqual(Array.from(got));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a date-time-like intersection: the least shortest member, without a breadth-first sweep", () => {
    const x = new ExprSet();
    const date = x.fromRegex("[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})", "", "whole");
    // leap seconds only at 23:59 (a tie like the schema compiler's)
    const tie = x.or([x.fromRegex(".*:60.*", "", "whole"), x.not(x.fromRegex(".*:60.*", "", "whole"))]);
    const e = x.and([date, tie, x.not(x.fromRegex("0000.*", "", "whole"))]);
    const w = x.shortestMember(e)!;
    expect(new TextDecoder().decode(w)).toBe("0001-01-01 00:00:00Z");
    expect(Array.from(w)).toEqual(Array.from(breadthFirst(x, e)!));
  });
});
