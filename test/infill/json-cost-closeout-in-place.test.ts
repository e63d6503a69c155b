/**
 * Session 10: `chartCompletion` verifies its plan on the parser it was given (fed, then rolled back)
 * instead of a clone of it, and its planner memoizes in typed arrays with no object or closure per
 * item. Against the close-out as it was (`chartCompletionBefore`, 52e0ef0's code: clone-verified,
 * the old planner), on random grammars, JSON and C++, at viable prefixes (cut from sampled words,
 * then random bytes while the parser takes them; every prefix of held-out C++ programs): the same
 * close-out, and the parser left in the state it had — the same position, lexer state, Earley set
 * and chart, and the same answers as a clone taken before the call when both read the same
 * continuation. Mutants caught: rolling back one byte less (the position differs); the plan's tie
 * over prediction items broken by `<=` instead of `<` (another close-out); the parent chain read
 * at the set before the item's origin (another close-out). Not caught, maybe equivalent: `<=` in
 * W's walk over explicit items (ties there gave the same bytes in every case tried).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { chartCompletion } from "../../src/parser/completion.js";
import { chartCompletionBefore } from "./json-cost-closeout-before.js";
import type { Parser } from "../../src/parser/parser.js";
import { ALPHABET, compile, grammarArb, lcg } from "./grammars.js";
import { readFileSync } from "node:fs";

const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
const show = (c: Uint8Array | undefined) => (c === undefined ? "-" : Array.from(c).join(","));

/** The parser's whole state as a string: history position, lexer state, set, boundary, and every set's items. */
function stateOf(p: Parser): string {
  const e = p.chart;
  const sets: string[] = [];
  for (let s = 0; s < e.numSets; s++) {
    const items: string[] = [];
    for (let i = e.setStart[s]!; i < e.setEnd(s); i++) items.push(`${e.itemDot[i]}.${e.itemOrigin[i]}`);
    sets.push(`${e.setAllowed[s]}/${e.setBlock[s]}:${items.join(" ")}`);
  }
  return `${p.position} ${p.lexerState} ${p.currentSet} ${p.atLexemeStart} | ${sets.join(" | ")}`;
}

/** Feeds `rest` to p and a clone of p taken before the close-out: the same bytes taken and the same acceptance. */
function sameFuture(p: Parser, before: Parser, rest: Uint8Array): void {
  const at = p.position;
  const a = p.feed(rest);
  const b = before.feed(rest);
  expect(a).toBe(b);
  expect(p.isAccepting()).toBe(before.isAccepting());
  p.rollback(p.position - at);
}

function checkAt(g: CompiledGrammar, p: Parser, rest: Uint8Array, tally: { plans: number; none: number }): void {
  const before = p.clone();
  const state = stateOf(p);
  const oracle = chartCompletionBefore(p, g);
  expect(stateOf(p)).toBe(state);
  const c = chartCompletion(p, g);
  expect(show(c)).toBe(show(oracle));
  expect(stateOf(p)).toBe(state);
  sameFuture(p, before, rest);
  if (c !== undefined) {
    // the close-out still reads from here, and makes a word
    tally.plans++;
    expect(p.feed(c)).toBe(c.length);
    expect(p.isAccepting()).toBe(true);
    p.rollback(c.length);
  } else tally.none++;
}

describe("chartCompletion verified in place", () => {
  it("the same close-out as verified on a clone, the parser left as it was (random grammars and prefixes)", () => {
    const tally = { plans: 0, none: 0 };
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.integer(), (rules, ws, seed) => {
        const g = compile(rules, ws);
        if (!g) return;
        const random = lcg(seed);
        const word = sampleWord(g, { random, maxDepth: 6, maxTerminalBytes: 4 });
        if (!word || word.length > 40) return;
        const p = g.newParser();
        const cut = Math.floor(random() * (word.length + 1));
        expect(p.feed(word.subarray(0, cut))).toBe(cut);
        checkAt(g, p, word.subarray(cut), tally);
        // then random bytes while the parser takes them (prefixes no sampled word has), a close-out after each
        for (let k = 0; k < 4; k++) {
          if (!p.feedByte(ALPHABET[Math.floor(random() * ALPHABET.length)]!)) continue;
          checkAt(g, p, word.subarray(cut), tally);
        }
      }),
      { numRuns: 400 },
    );
    expect(tally.plans).toBeGreaterThan(100);
  });

  it("the same on JSON prefixes (plans through strings, numbers and keywords)", () => {
    const tally = { plans: 0, none: 0 };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.double({ min: 0, max: 1, noNaN: true }), (v, cut) => {
        const text = new TextEncoder().encode(JSON.stringify(v, null, 1));
        const n = Math.floor(cut * text.length);
        const p = json.newParser();
        expect(p.feed(text.subarray(0, n))).toBe(n);
        checkAt(json, p, text.subarray(n), tally);
      }),
      { numRuns: 300 },
    );
    expect(tally.plans).toBeGreaterThan(200);
  });

  it("the same at every prefix of held-out C++ programs (deep charts, unit-rule cycles)", () => {
    const cpp = compileGrammar(loadGrammarFile("grammars/cpp.lark"));
    const tally = { plans: 0, none: 0 };
    for (const name of ["001.cpp", "002.cpp"]) {
      const text = new TextEncoder().encode(readFileSync(`bench/data/cpp-heldout/${name}`, "utf8").slice(0, 400));
      const p = cpp.newParser();
      for (let n = 0; n < text.length; n++) {
        if (n % 3 === 0) checkAt(cpp, p, text.subarray(n), tally);
        if (!p.feedByte(text[n]!)) break;
      }
    }
    expect(tally.plans).toBeGreaterThan(50);
  });
});
