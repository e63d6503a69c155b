/**
 * Guards for the construction machinery behind cold lexer states: numeric hash-consing of nodes
 * and DFA states (hash tables that grow), the witness shortcut of `isEmpty` (a structural member
 * found without searching must really be a member; emptiness must stay exact), and the cost of
 * counter states measured in nodes built (deterministic, no timing).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExprSet, LazyDfa, type ExprId } from "../../src/regex/index.js";
import { matches, utf8 } from "./helpers.js";

const SCALE = Number(process.env.REGEX_FC_SCALE ?? 1);

/** An expression tree over a few small regexes, with every ExprSet operation. */
type Tree =
  | { op: "re"; src: string }
  | { op: "or" | "and" | "cat"; kids: Tree[] }
  | { op: "not" | "prefixes"; kid: Tree }
  | { op: "rep"; kid: Tree; min: number; max: number };

const LEAVES = ["a", "b", "ab", "b*", "(ab)*", "[ab]{2,4}", "c?", "a{3}", "", "[]", "[a-c]", "é", "[^a]", "a+b+"];

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...LEAVES).map((src): Tree => ({ op: "re", src })),
    fc.record({ op: fc.constantFrom("or" as const, "and" as const, "cat" as const), kids: fc.array(tie("tree"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ op: fc.constantFrom("not" as const, "prefixes" as const), kid: tie("tree") }),
    fc.record({ op: fc.constant("rep" as const), kid: tie("tree"), min: fc.nat(3), max: fc.constantFrom(0, 1, 2, 5, Infinity) }).map(
      (r): Tree => ({ ...r, max: Math.max(r.min, r.max) }),
    ),
  ),
})).tree;

/** Builds t; `flip` reverses the kids of every or/and (the result must be the same node). */
function build(set: ExprSet, t: Tree, flip = false): ExprId {
  switch (t.op) {
    case "re":
      return set.fromRegex(t.src);
    case "or":
    case "and": {
      const ks = t.kids.map((k) => build(set, k, flip));
      if (flip) ks.reverse();
      return t.op === "or" ? set.or(ks) : set.and(ks);
    }
    case "cat":
      return set.concat(t.kids.map((k) => build(set, k, flip)));
    case "not":
      return set.not(build(set, t.kid, flip));
    case "prefixes":
      return set.prefixes(build(set, t.kid, flip));
    case "rep":
      return set.repeat(build(set, t.kid, flip), t.min, t.max);
  }
}

/** Emptiness by plain exhaustive search of derivatives (no witnesses, no memoised verdicts). */
function emptyBySearch(set: ExprSet, e: ExprId, cap = 20_000): boolean | undefined {
  const seen = new Set<ExprId>([e]);
  const queue = [e];
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i]!;
    if (set.nullable(x)) return false;
    for (const b of set.classRepresentatives(x)) {
      const d = set.derivative(x, b);
      if (seen.has(d)) continue;
      seen.add(d);
      queue.push(d);
      if (seen.size > cap) return undefined;
    }
  }
  return true;
}

describe("hash-consing", () => {
  it("the same expression built with kids in another order is the same node", () => {
    const set = new ExprSet();
    fc.assert(
      fc.property(treeArb, (t) => {
        expect(build(set, t, true)).toBe(build(set, t));
      }),
      { numRuns: 400 * SCALE },
    );
  });

  it("unions and intersections of byte sets are byte-set nodes", () => {
    const set = new ExprSet();
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat(255), { maxLength: 40 }), { minLength: 1, maxLength: 5 }), (sets) => {
        const ids = sets.map((s) => set.byteSet(s));
        const union = new Set(sets.flat());
        expect(set.or(ids)).toBe(set.byteSet(union));
        const inter = [...union].filter((b) => sets.every((s) => s.includes(b)));
        expect(set.and(ids)).toBe(set.byteSet(inter));
      }),
      { numRuns: 200 * SCALE },
    );
  });

  it("node and state tables keep every node and state findable as they grow", () => {
    const set = new ExprSet();
    const lits = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    const first = lits.map((w) => set.concat([set.literal(w), set.repeat(set.byte(0x61 + (w.length % 3)), 0, 7)]));
    const ors = lits.map((_, i) => set.or([first[i]!, first[(i * 7) % lits.length]!, set.fromRegex("x+")]));
    expect(set.size).toBeGreaterThan(5000);
    const size = set.size;
    expect(lits.map((w) => set.concat([set.literal(w), set.repeat(set.byte(0x61 + (w.length % 3)), 0, 7)]))).toEqual(first);
    expect(lits.map((_, i) => set.or([set.fromRegex("x+"), first[(i * 7) % lits.length]!, first[i]!]))).toEqual(ors);
    expect(set.size).toBe(size);

    // a counter: one state per byte, 3000 of them; walking again finds the same states
    const dfa = new LazyDfa(set, [set.fromRegex("[ab]{0,3000}"), set.fromRegex("a*")]);
    const walk = (): number[] => {
      const out: number[] = [];
      let st = dfa.startState([0, 1]);
      for (let i = 0; i < 3000; i++) out.push((st = dfa.next(st, i % 2 === 0 ? 0x61 : 0x62)));
      return out;
    };
    const states = walk();
    const n = dfa.numStates;
    expect(n).toBe(3002); // DEAD, start, 3000 counter values
    expect(new Set(states).size).toBe(3000);
    const again = new LazyDfa(set, [set.fromRegex("[ab]{0,3000}"), set.fromRegex("a*")]);
    let st = again.startState([0, 1]);
    for (let i = 0; i < 3000; i++) st = again.next(st, i % 2 === 0 ? 0x61 : 0x62);
    expect(again.numStates).toBe(n);
    expect(walk()).toEqual(states);
    expect(dfa.numStates).toBe(n);
  });
});

describe("isEmpty with witnesses", () => {
  it("agrees with exhaustive search on random and/not/prefix/repeat expressions", () => {
    fc.assert(
      fc.property(treeArb, (t) => {
        // a fresh set per expression: no verdicts memoised by earlier cases
        const set = new ExprSet();
        const e = build(set, t);
        const want = emptyBySearch(set, e);
        if (want === undefined) return;
        const fresh = new ExprSet();
        expect(fresh.isEmpty(build(fresh, t))).toBe(want);
        const w = fresh.shortestMember(build(fresh, t));
        expect(w === null).toBe(want);
        if (w !== null) expect(matches(fresh, build(fresh, t), w)).toBe(true);
      }),
      { numRuns: 500 * SCALE },
    );
  });

  it("every derivative along random words gets the exact verdict", () => {
    fc.assert(
      fc.property(treeArb, fc.array(fc.constantFrom(..."abcé\u0000"), { maxLength: 6 }), (t, chars) => {
        const set = new ExprSet();
        let e = build(set, t);
        for (const b of utf8(chars.join(""))) {
          e = set.derivative(e, b);
          const want = emptyBySearch(set, e);
          if (want !== undefined) expect(set.isEmpty(e)).toBe(want);
        }
      }),
      { numRuns: 300 * SCALE },
    );
  });

  it("finds long members structurally (minLength-style counters, long literals)", () => {
    const set = new ExprSet();
    const text = set.fromRegex('[^"\\\\]*"');
    const counted = set.concat([set.and([set.fromRegex("[a-z]+@[a-z]+"), set.fromRegex("[^\"]{900,1000}")]), set.byte(0x22)]);
    expect(set.isEmpty(set.and([text, counted]))).toBe(false);
    expect(set.isEmpty(set.and([text, set.concat([set.fromRegex("[a-z]{2000}"), set.byte(0x22)])]))).toBe(false);
    expect(set.isEmpty(set.and([text, set.concat([set.fromRegex('[a-z]{5}"{2}')])]))).toBe(true);
    const lit = set.literal("x".repeat(100_000));
    expect(set.isEmpty(set.and([lit, set.not(set.fromRegex("x{3}"))]))).toBe(false);
  });
});

describe("cost of counter states (nodes built, not time)", () => {
  it("a string of bounded length intersected with a format builds a few nodes per byte", () => {
    const set = new ExprSet();
    const content = '(?:[^"\\\\\\u0000-\\u001f]|\\\\["\\\\/bfnrt])';
    const str = set.fromRegex(`"${content}*"`);
    const email = set.concat([set.byte(0x22), set.and([set.fromRegex(`${content}+@${content}+`), set.fromRegex(`${content}{0,1024}`)]), set.byte(0x22)]);
    const dfa = new LazyDfa(set, [set.and([str, email])]);
    let st = dfa.next(dfa.startState([0]), 0x22);
    const before = set.size;
    for (const b of utf8("a".repeat(500) + "@" + "b".repeat(400))) st = dfa.next(st, b);
    expect(dfa.isAccepting(dfa.next(st, 0x22))).toBe(true);
    expect(dfa.numStates).toBeGreaterThan(900);
    // one counter value per byte needs a handful of nodes; a search per state needed many more
    expect((set.size - before) / 901).toBeLessThan(6);
  });
});
