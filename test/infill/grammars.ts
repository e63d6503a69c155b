/** Random grammars over a small alphabet for the infill property tests. */
import fc from "fast-check";
import type { Grammar, RuleExpr, TerminalDef } from "../../src/grammar/ir.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { GramfillError } from "../../src/util/errors.js";

export const TERMINALS: TerminalDef[] = [
  { name: "A", expr: { type: "literal", value: "a" } },
  { name: "AB", expr: { type: "literal", value: "ab" } },
  { name: "WORD", expr: { type: "regex", source: "[ab]+", flags: "" } },
  { name: "NUM", expr: { type: "regex", source: "[01]+", flags: "" } },
  { name: "COMMA", expr: { type: "literal", value: "," } },
  { name: "LP", expr: { type: "literal", value: "(" } },
  { name: "RP", expr: { type: "literal", value: ")" } },
  { name: "WS", expr: { type: "regex", source: " +", flags: "" }, ignored: true },
];
export const ALPHABET = [..."ab01,() "].map((c) => c.charCodeAt(0));
const USABLE = TERMINALS.filter((t) => !t.ignored).map((t) => t.name);

export const grammarArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.array(
    fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: n - 1 }), fc.constantFrom(...USABLE)), { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    { minLength: n, maxLength: n },
  ),
);

export function toGrammar(rules: (number | string)[][][], withWs: boolean): Grammar {
  const alt = (alts: (number | string)[][]): RuleExpr => ({
    type: "alt",
    alts: alts.map((a) => ({ type: "seq", items: a.map((s): RuleExpr => (typeof s === "number" ? { type: "rule", name: `r${s}` } : { type: "terminal", name: s })) })),
  });
  return {
    start: "r0",
    rules: rules.map((alts, i) => ({ name: `r${i}`, expr: alt(alts) })),
    terminals: withWs ? TERMINALS : TERMINALS.filter((t) => !t.ignored),
    diagnostics: [],
  };
}

export function compile(rules: (number | string)[][][], withWs: boolean): CompiledGrammar | undefined {
  try {
    return compileGrammar(toGrammar(rules, withWs));
  } catch (e) {
    if (e instanceof GramfillError && /no finite string/.test(e.message)) return undefined;
    throw e;
  }
}

export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

