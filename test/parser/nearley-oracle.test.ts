/**
 * Our Earley parser against nearley's on random small grammars. Terminals match one character each,
 * as in nearley, so greedy lexing cannot change the language and the two must agree exactly, on
 * acceptance and on viable prefixes (nearley throws as soon as no parse can continue).
 */
import fc from "fast-check";
import nearley from "nearley";
import { describe, expect, it } from "vitest";
import type { Grammar, RuleExpr } from "../../src/grammar/ir.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { GramfillError } from "../../src/util/errors.js";

const ALPHABET = ["a", "b", "c"];

/** A rule: alternatives of symbols; a symbol is a nonterminal index or a terminal character. */
type Sym = number | string;
type RandomGrammar = Sym[][][];

const grammarArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.array(
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: n - 1 }), fc.constantFrom(...ALPHABET)), { maxLength: 3 }),
      { minLength: 1, maxLength: 3 },
    ),
    { minLength: n, maxLength: n },
  ),
);

function toIr(g: RandomGrammar): Grammar {
  const rule = (alts: Sym[][]): RuleExpr => ({
    type: "alt",
    alts: alts.map((alt) => ({
      type: "seq",
      items: alt.map((s): RuleExpr => (typeof s === "number" ? { type: "rule", name: `n${s}` } : { type: "terminal", name: s })),
    })),
  });
  return {
    start: "n0",
    rules: g.map((alts, i) => ({ name: `n${i}`, expr: rule(alts) })),
    terminals: ALPHABET.map((c) => ({ name: c, expr: { type: "literal", value: c } })),
    diagnostics: [],
  };
}

function toNearley(g: RandomGrammar): nearley.Grammar {
  const rules = g.flatMap((alts, i) =>
    alts.map((alt) => ({
      name: `n${i}`,
      symbols: alt.map((s) => (typeof s === "number" ? `n${s}` : { literal: s })),
    })),
  );
  return nearley.Grammar.fromCompiled({ ParserRules: rules as never, ParserStart: "n0" });
}

/** nearley's verdict: accepted, viable prefix, or dead at some offset. */
function nearleyRun(g: nearley.Grammar, input: string): { accepted: boolean; consumed: number } {
  const parser = new nearley.Parser(g);
  for (let i = 0; i < input.length; i++) {
    try {
      parser.feed(input[i]!);
    } catch {
      return { accepted: false, consumed: i };
    }
  }
  return { accepted: parser.results.length > 0, consumed: input.length };
}

/** Strings derived from the grammar (bounded depth), so that accepted inputs are common. */
function derive(g: RandomGrammar, nt: number, depth: number, rnd: () => number): string | null {
  if (depth > 8) return null;
  const alts = g[nt]!;
  const alt = alts[Math.floor(rnd() * alts.length)]!;
  let out = "";
  for (const s of alt) {
    if (typeof s === "string") out += s;
    else {
      const sub = derive(g, s, depth + 1, rnd);
      if (sub === null) return null;
      out += sub;
    }
  }
  return out;
}

function compileOrSkip(g: RandomGrammar) {
  try {
    return compileGrammar(toIr(g));
  } catch (e) {
    // unproductive random grammars are rejected by design; anything else is a failure
    if (e instanceof GramfillError && /no finite string/.test(e.message)) return null;
    throw e;
  }
}

describe("Earley parser vs nearley", () => {
  it("agrees on acceptance and viable prefixes of random strings", () => {
    fc.assert(
      fc.property(
        grammarArb,
        fc.array(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }).map((a) => a.join("")), { maxLength: 12 }),
        fc.integer(),
        (g, randomInputs, seed) => {
          const ours = compileOrSkip(g);
          if (!ours) return;
          const theirs = toNearley(g);
          let state = seed >>> 0;
          const rnd = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
          const derived: string[] = [];
          for (let k = 0; k < 8; k++) {
            const s = derive(g, 0, 0, rnd);
            if (s !== null && s.length <= 24) derived.push(s, s.slice(0, Math.floor(rnd() * (s.length + 1))));
          }
          for (const input of [...randomInputs, ...derived]) {
            const expected = nearleyRun(theirs, input);
            const full = ours.check(input);
            const prefix = ours.check(input, { prefix: true });
            expect({ input, accepted: full.ok }).toEqual({ input, accepted: expected.accepted });
            expect({ input, consumed: prefix.ok ? input.length : prefix.offset }).toEqual({ input, consumed: expected.consumed });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("rollback restores exactly the state a fresh parse reaches", () => {
    fc.assert(
      fc.property(
        grammarArb,
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 10 }).map((a) => a.join("")),
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 10 }).map((a) => a.join("")),
        (g, first, second) => {
          const ours = compileOrSkip(g);
          if (!ours) return;
          const enc = new TextEncoder();
          const p = ours.newParser();
          const n = p.feed(enc.encode(first));
          p.feed(enc.encode(second));
          p.rollback(p.position - n);
          expect(p.position).toBe(n);
          const fresh = ours.newParser();
          fresh.feed(enc.encode(first.slice(0, n)));
          expect(p.isAccepting()).toBe(fresh.isAccepting());
          expect(p.expectedTerminals()).toEqual(fresh.expectedTerminals());
          const tail = enc.encode(second);
          expect(p.feed(tail)).toBe(fresh.feed(tail));
          expect(p.isAccepting()).toBe(fresh.isAccepting());
        },
      ),
      { numRuns: 300 },
    );
  });
});
