/**
 * The grammar alphabet (alphabet.ts): a byte outside it occurs in no word, so a session refuses a
 * token holding it at once. Oracles: the bytes of the terminals' character sets (these random
 * grammars use no intersections, so the walk is exact there), and words sampled from the grammar.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAlphabet, grammarAlphabet, withinAlphabet } from "../../src/infill/alphabet.js";
import { InfillChecker } from "../../src/infill/index.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { compileSchema } from "../../src/schema/index.js";
import { compile, grammarArb, lcg, TERMINALS } from "./grammars.js";
import { compileGrammar } from "../../src/parser/compile.js";
import type { Grammar, TerminalDef } from "../../src/grammar/ir.js";
import { ExprSet } from "../../src/regex/index.js";
import { allStrings, buildShape, matches, shapeArb } from "../regex/helpers.js";

const enc = new TextEncoder();

/** The bytes the terminals of a grammar can read, from their definitions. */
function terminalBytes(withWs: boolean): Set<number> {
  const chars: Record<string, string> = { A: "a", AB: "ab", WORD: "ab", NUM: "01", COMMA: ",", LP: "(", RP: ")", WS: " " };
  const out = new Set<number>();
  for (const t of TERMINALS) if (withWs || !t.ignored) for (const c of chars[t.name]!) out.add(c.charCodeAt(0));
  return out;
}

describe("grammarAlphabet", () => {
  it("equals the terminals' bytes and holds every byte of sampled words", () => {
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.integer({ min: 0, max: 1000 }), (rules, withWs, seed) => {
        const g = compile(rules, withWs);
        if (g === undefined) return;
        const a = computeAlphabet(g, 256);
        const want = terminalBytes(withWs);
        for (let b = 0; b < 256; b++) expect(a[b] === 1).toBe(want.has(b));
        expect(grammarAlphabet(g)).toEqual(a);
        const random = lcg(seed);
        for (let i = 0; i < 5; i++) {
          // depth 6: at the default 12, nested repeats can derive a word of thousands of bytes whose
          // check under an ambiguous grammar does not end in minutes (seen: 3,518 × "a")
          const w = sampleWord(g, { random, attempts: 5, maxDepth: 6 });
          if (w !== undefined) expect(withinAlphabet(a, w)).toBe(true);
        }
        // no complement in these terminals: the structure alone answers, the walk's budget is unused
        expect(computeAlphabet(g, 1)).toEqual(a);
      }),
      { numRuns: 60 },
    );
  });

  it("python-style JSON has no newline or tab: a session refuses such a token without a chart", () => {
    const schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
    const python = compileSchema(schema, { whitespace: "python" }).compiled;
    const a = grammarAlphabet(python);
    expect(a[0x0a]).toBe(0);
    expect(a[0x09]).toBe(0);
    for (const c of '{}":, name\\') expect(a[c.charCodeAt(0)]).toBe(1);
    // printable bytes and UTF-8 continuation bytes may occur inside the string
    expect(a[0x41]).toBe(1);
    expect(a[0x80]).toBe(1);
    const s = new InfillChecker(python).session([{ text: "{" }, { hole: { tokens: 6, maxTokenBytes: 8 } }]);
    const r = s.tryCommit(2, enc.encode(",\n"));
    expect(r.status).toBe("infeasible");
    expect(s.counts.alphabet).toBe(1);
    expect(s.counts.chart).toBe(0);
    // a newline inside a string is written `\n`: those bytes are in the alphabet, and the token is not refused by it
    expect(s.tryCommit(2, enc.encode("\\n")).status).not.toBe("infeasible");
    expect(s.counts.alphabet).toBe(1);
  });

  it("a complement outside an intersection: the structure says every byte and the walk decides (within its budget or not)", () => {
    // T = (not "a") · ":" — the structure allows any byte; words of T end in ":" but hold any bytes before
    const terminals: TerminalDef[] = [
      { name: "T", expr: { type: "seq", items: [{ type: "not", expr: { type: "literal", value: "a" } }, { type: "literal", value: ":" }] } },
      { name: "U", expr: { type: "literal", value: "xy" } },
    ];
    const g = compileGrammar({ start: "s", rules: [{ name: "s", expr: { type: "seq", items: [{ type: "terminal", name: "U" }, { type: "terminal", name: "T" }] } }], terminals, diagnostics: [] } as Grammar);
    expect(g.exprs.byteAlphabet(g.patterns[0]!).every((w) => w === 0xffffffff)).toBe(true);
    // any byte can precede the colon, so the walk keeps every byte too; only U's bytes come from the structure
    expect(computeAlphabet(g, 256).every((x) => x === 1)).toBe(true);
    expect(computeAlphabet(g, 1).every((x) => x === 1)).toBe(true);
    // with U alone the structure is exact
    const u = compileGrammar({ start: "s", rules: [{ name: "s", expr: { type: "terminal", name: "U" } }], terminals: [terminals[1]!], diagnostics: [] } as Grammar);
    expect([...computeAlphabet(u, 1).keys()].filter((b) => computeAlphabet(u, 1)[b])).toEqual([0x78, 0x79]);
  });

  it("byteAlphabet holds every byte of every member of random expressions with intersections and complements", () => {
    fc.assert(
      fc.property(shapeArb(true), (shape) => {
        const x = new ExprSet();
        const e = buildShape(x, shape);
        const bits = x.byteAlphabet(e);
        for (const w of allStrings(["a", "b", "c"], 5)) {
          if (!matches(x, e, w)) continue;
          for (const c of w) expect(bits[c.charCodeAt(0) >> 5]! & (1 << (c.charCodeAt(0) & 31))).not.toBe(0);
        }
        // without a complement, never a byte outside the expression's literals
        if (!JSON.stringify(shape).includes('"not"')) for (const b of [0x64, 0x0a, 0xff]) expect(bits[b >> 5]! & (1 << (b & 31))).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
