/** Shared by the mask tests: tiny vocabularies from text pieces, and the brute-force mask oracle. */
import fc from "fast-check";
import type { Grammar, RuleExpr, TerminalDef } from "../../src/grammar/ir.js";
import type { CompiledGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

/** A vocabulary `<eos>` + pieces: text pieces are UTF-8; `raw:` pieces are bytes given as latin-1 (halves of "é" = c3 a9). */
export function makeVocab(pieces: string[]): Vocabulary {
  const bytes = pieces.map((p) => (p.startsWith("raw:") ? Uint8Array.from(p.slice(4), (c) => c.charCodeAt(0)) : p));
  return new Vocabulary({ kind: "custom", bytes: ["<eos>", ...bytes], eosIds: [0] });
}

/** The ids allowed after `prefix`, by feeding each token's bytes to a fresh parser (EOS iff accepting). */
export function bruteMask(g: CompiledGrammar, prefix: Uint8Array, v: Vocabulary): number[] {
  const p = g.newParser();
  p.feed(prefix);
  const out: number[] = [];
  for (let id = 0; id < v.size; id++) {
    if (v.isEos(id)) {
      if (p.isAccepting()) out.push(id);
      continue;
    }
    const b = v.tokenBytes(id);
    const n = p.feed(b);
    if (n === b.length) out.push(id);
    p.rollback(n);
  }
  return out;
}

/** Random rules r0..r(n-1): alternatives of sequences of rule indices and the given terminal names. */
export function rulesArb(terminalNames: string[]): fc.Arbitrary<(number | string)[][][]> {
  return fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.array(
      fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: n - 1 }), fc.constantFrom(...terminalNames)), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
      { minLength: n, maxLength: n },
    ),
  );
}

/** The grammar of `rulesArb` rules over `terminals`, starting at r0. */
export function rulesGrammar(rules: (number | string)[][][], terminals: TerminalDef[]): Grammar {
  const alt = (alts: (number | string)[][]): RuleExpr => ({
    type: "alt",
    alts: alts.map((a) => ({ type: "seq", items: a.map((s): RuleExpr => (typeof s === "number" ? { type: "rule", name: `r${s}` } : { type: "terminal", name: s })) })),
  });
  return { start: "r0", rules: rules.map((alts, i) => ({ name: `r${i}`, expr: alt(alts) })), terminals, diagnostics: [] };
}
