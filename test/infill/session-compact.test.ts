/**
 * Witness fills with fewer spaces (spacing.ts) and their use by token-exact sessions: a chart's
 * candidate read back with a space at every lexeme boundary may need more tokens than its run
 * holds; the session drops the spaces that keep no lexemes apart and keeps the result only when
 * the runs spell and the real parser accepts the text.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadGrammarFile, parseGrammar } from "../../src/grammar/load.js";
import { readModelFolder } from "../../src/backend/folder.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { InfillChecker, InfillSession, WITNESS_EOS, type Canvas } from "../../src/infill/index.js";
import { compactFill, compactFills, isNameByte, type Spacing } from "../../src/infill/spacing.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { lcg } from "./grammars.js";
import { vocabOf } from "./token-cases.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The rule written out over strings: each maximal run of spaces becomes one space or none, by the bytes around the run. */
function oracle(fill: string, before: string, after: string, spacing: Spacing): string {
  const closed = (c: string) => c === "" || "()[]{};, \n\t\r".includes(c);
  const name = (c: string) => c !== "" && isNameByte(c.charCodeAt(0));
  return fill.replace(/ +/g, (run, at: number) => {
    const prev = at > 0 ? fill[at - 1]! : before;
    const next = at + run.length < fill.length ? fill[at + run.length]! : after;
    const keep = spacing === "names" ? name(prev) && name(next) : !closed(prev) && !closed(next);
    return keep ? " " : "";
  });
}

const chars = fc.constantFrom(..."ab1_ -/*<()\";,\n".split(""));
const str = (max: number) => fc.array(chars, { maxLength: max }).map((a) => a.join(""));
const edge = fc.oneof(fc.constant(""), chars);

describe("compactFill", () => {
  it("drops exactly the spaces the rule drops (fast-check against a per-run string oracle)", () => {
    fc.assert(
      fc.property(str(16), edge, edge, fc.constantFrom<Spacing>("names", "apart"), (fill, before, after, spacing) => {
        const b = before === "" ? -1 : before.charCodeAt(0);
        const a = after === "" ? -1 : after.charCodeAt(0);
        expect(dec.decode(compactFill(enc.encode(fill), b, a, spacing))).toBe(oracle(fill, before, after, spacing));
      }),
      { numRuns: 2000 },
    );
  });

  it("removes only spaces, keeps two names apart, and 'apart' keeps every space 'names' keeps", () => {
    fc.assert(
      fc.property(str(16), edge, edge, (fill, before, after) => {
        const b = before === "" ? -1 : before.charCodeAt(0);
        const a = after === "" ? -1 : after.charCodeAt(0);
        const names = dec.decode(compactFill(enc.encode(fill), b, a, "names"));
        const apart = dec.decode(compactFill(enc.encode(fill), b, a, "apart"));
        for (const out of [names, apart]) {
          expect(out.replace(/ /g, "")).toBe(fill.replace(/ /g, ""));
          // the words (maximal runs of name bytes) of the text around the fill are the same
          const words = (s: string) => (before + s + after).split(/[^a-z0-9_]+/).filter(Boolean);
          expect(words(out)).toEqual(words(fill));
        }
        expect(apart.length).toBeGreaterThanOrEqual(names.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("judges a hole's edges by the canvas text and the neighbouring fills", () => {
    const canvas: Canvas = [{ text: "auto" }, { hole: { tokens: 3 } }, { hole: { tokens: 2 } }, { text: "(x" }];
    const fills = [enc.encode(" A :: f "), enc.encode(" ( ) ")];
    const out = compactFills(canvas, fills, "names", () => true)!.map((f) => dec.decode(f));
    expect(out).toEqual([" A::f", "()"]);
    // a hole not selected keeps its fill
    expect(compactFills(canvas, fills, "names", (h) => h === 1)!.map((f) => dec.decode(f))).toEqual([" A :: f ", "()"]);
    expect(compactFills(canvas, [enc.encode("a"), enc.encode("b")], "names", () => true)).toBeNull();
  });
});

/** Lexemes where spaces matter: names, and `/` before `*` (`/ *` is not the comment `/*`). */
const LEXEMES: Record<string, string[]> = { NAME: ["a", "b", "ba"], SLASH: ["/"], STAR: ["*"], LP: ["("], RP: [")"] };
const HEAD = 'NAME: /[ab]+/\nSLASH: "/"\nSTAR: "*"\nLP: "("\nRP: ")"\nWS: / +/\nCOMMENT: /\\/\\*[^*]*\\*\\//\n%ignore WS\n%ignore COMMENT\n';

describe("token-exact sessions: spaced candidates compacted", () => {
  // single bytes and `--`: a one-letter name costs one token, each space one more
  const vocab = vocabOf(["a", "b", "/", "*", "(", ")", " ", "/*", "*/"]);
  const speller = new TokenSpeller(vocab, { maxTokenBytes: 2 });

  it("a run with room for just the fill's needed spaces gets a witness, which spells a word (fast-check; both spacings and the parse needed)", () => {
    const counts = { compacted: 0, feasible: 0 };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.keys(LEXEMES)), { minLength: 3, maxLength: 9 }), fc.integer(), (terms, seed) => {
        // the grammar is one sequence of lexemes; its word spaces every pair of them
        const g = compileGrammar(parseGrammar(`start: ${terms.join(" ")}\n${HEAD}`, "lark"));
        const random = lcg(seed);
        const lexemes = terms.map((t) => LEXEMES[t]![Math.floor(random() * LEXEMES[t]!.length)]!);
        const i = Math.floor(random() * (terms.length - 1));
        const j = i + 2 + Math.floor(random() * (terms.length - i - 1));
        const before = lexemes.slice(0, i).map((x) => x + " ").join("");
        const fill = lexemes.slice(i, j).join(" ");
        const after = lexemes.slice(j).map((x) => " " + x).join("");
        // the fewest tokens of the original fill with only the spaces that keep lexemes apart: a
        // token filling of that many positions exists, but the fully spaced fill needs more
        const needed = compactFill(enc.encode(fill), before ? 0x20 : -1, after ? 0x20 : -1, "apart");
        const k = speller.minTokens(needed);
        const canvas: Canvas = [...(before ? [{ text: before }] : []), { hole: { tokens: k, maxTokenBytes: 64, minBytes: 0 } }, ...(after ? [{ text: after }] : [])];
        // the chart alone (no quick search), stopped at its first unspellable candidate (in C++ the
        // relaxed tier offered the same glued / spaced reading twice, and two stop it): the session
        // gets its read-back variants, glued (`aa/*a`: the parser refuses) and spaced (too long)
        const s = new InfillSession(new InfillChecker(g, { quickBudget: 0 }), canvas, 64, { speller, maxSpellRejects: 1 });
        const r = s.check();
        counts.compacted += s.counts.compacted;
        expect(r.status).toBe("feasible");
        counts.feasible++;
        const ids = Array.from({ length: k }, (_, p) => s.witnessTokenAt(p));
        // at most k tokens, then EOS padding
        const end = ids.indexOf(WITNESS_EOS) < 0 ? k : ids.indexOf(WITNESS_EOS);
        expect(ids.slice(0, end).every((id) => id > 0)).toBe(true);
        expect(ids.slice(end).every((id) => id === WITNESS_EOS)).toBe(true);
        const text = before + ids.slice(0, end).map((id) => dec.decode(vocab.tokenBytes(id))).join("") + after;
        expect(g.check(enc.encode(text)).ok).toBe(true);
        expect(dec.decode(r.text!)).toBe(text);
      }),
      { numRuns: 400 },
    );
    // the property is about compacted witnesses: many runs need one (67 of 400 when written)
    expect(counts.compacted).toBeGreaterThan(counts.feasible / 10);
  });
});

describe("C++: the MDM run's first checks without a token witness (session 10)", () => {
  it("019.cpp, 1 hole of 32 positions: the chart's spaced candidate compacted (`template<>class A<>{operator int8_t()…`)", () => {
    // the 60-generation run's canvas (bench/infill-cpp.mjs, seed 6): the chart read back
    // `template<>classA<>{operatorint8_t…` (glued: the parser refuses) and the same spaced at every
    // lexeme boundary (79 bytes, 34 tokens for 32 positions); the tightened re-checks ran out of items
    const text = readFileSync("bench/data/cpp-heldout/019.cpp", "utf8");
    const original = "a';\n            if (nodes[cur].next[c] == -1) {\n                nodes[cur";
    const a = text.indexOf(original);
    expect(a).toBeGreaterThan(0);
    const canvas: Canvas = [{ text: text.slice(0, a) }, { hole: { tokens: 32, maxTokenBytes: 16, minBytes: 0 } }, { text: text.slice(a + original.length) }];
    const cpp = compileGrammar(loadGrammarFile("grammars/cpp.lark"));
    const vocab = Vocabulary.fromTokenizerJson(readModelFolder("mdm").dir);
    // the decoder's session options (diffusion.ts)
    const s = new InfillSession(new InfillChecker(cpp, { maxTokenBytes: 16, maxItemsPerCheck: 60_000 }), canvas, 16, { speller: new TokenSpeller(vocab, { maxTokenBytes: 16 }), tryTightenAttempts: 0, repairItems: 0, repairQuickPasses: 2, repairStreak: 2, repairStreakPasses: 1 });
    expect(s.check().status).toBe("feasible");
    expect(s.counts.compacted).toBe(1);
    const ids = Array.from({ length: 32 }, (_, p) => s.witnessTokenAt(p));
    const fill = ids.filter((id) => id !== WITNESS_EOS).map((id) => dec.decode(vocab.tokenBytes(id))).join("");
    expect(cpp.check(enc.encode(text.slice(0, a) + fill + text.slice(a + original.length))).ok).toBe(true);
  });
});
