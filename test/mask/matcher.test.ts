/**
 * The mask is exact: a token is allowed iff feeding its bytes keeps the output a viable prefix
 * (judged by a parser that feeds the token byte by byte — no tables, no trie), and EOS iff the
 * output is complete.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { MaskContext } from "../../src/mask/matcher.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

let vocab: Vocabulary;
beforeAll(() => {
  vocab = Vocabulary.fromTokenizerName("bundled");
});

function bruteForce(g: CompiledGrammar, prefix: Uint8Array, v: Vocabulary): Set<number> {
  const p = g.newParser();
  expect(p.feed(prefix)).toBe(prefix.length);
  const out = new Set<number>();
  for (let id = 0; id < v.size; id++) {
    if (v.isEos(id)) {
      if (p.isAccepting()) out.add(id);
      continue;
    }
    if (!v.isNormal(id)) continue;
    const bytes = v.tokenBytes(id);
    const n = p.feed(bytes);
    if (n === bytes.length) out.add(id);
    p.rollback(n);
  }
  return out;
}

function maskSet(bits: Uint32Array, size: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < size; i++) if ((bits[i >>> 5]! >>> (i & 31)) & 1) out.add(i);
  return out;
}

function diff(a: Set<number>, b: Set<number>, v: Vocabulary): string[] {
  const out: string[] = [];
  for (const x of a) if (!b.has(x)) out.push(`+${x}:${JSON.stringify(new TextDecoder().decode(v.tokenBytes(x)))}`);
  for (const x of b) if (!a.has(x)) out.push(`-${x}:${JSON.stringify(new TextDecoder().decode(v.tokenBytes(x)))}`);
  return out.slice(0, 10);
}

describe("GrammarMatcher on JSON with the bundled vocabulary", () => {
  let g: CompiledGrammar;
  let ctx: MaskContext;
  beforeAll(() => {
    g = compileGrammar(loadGrammarFile("grammars/json.lark"));
    ctx = new MaskContext(g, vocab);
  });

  it("equals the brute-force mask after every token of random documents", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(undefined, 1, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const ids = vocab.tokenizeGreedy(text);
        const m = ctx.matcher();
        const bits = new Uint32Array(m.maskWords);
        const bytes: number[] = [];
        for (const id of ids.slice(0, 12)) {
          m.fillMask(bits);
          const got = maskSet(bits, vocab.size);
          const want = bruteForce(g, Uint8Array.from(bytes), vocab);
          expect(diff(got, want, vocab)).toEqual([]);
          expect(got.has(id)).toBe(true);
          expect(m.accept(id)).toBe(true);
          bytes.push(...vocab.tokenBytes(id));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("equals the brute-force mask at any byte offset, also inside lexemes and UTF-8 characters", () => {
    const doc = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify({ "é日": v, "k🎉": ["ñ", -1.5e3, "\u00e9\n"] }, null, 1));
    fc.assert(
      fc.property(doc, fc.double({ min: 0, max: 1, noNaN: true }), (text, cut) => {
        const bytes = new TextEncoder().encode(text);
        const prefix = bytes.subarray(0, Math.floor(cut * bytes.length));
        const m = ctx.matcher();
        expect(m.acceptBytes(prefix)).toBe(true);
        const bits = new Uint32Array(m.maskWords);
        m.fillMask(bits);
        expect(diff(maskSet(bits, vocab.size), bruteForce(g, prefix, vocab), vocab)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("allows EOS exactly at the end of a complete document, and nothing after it", () => {
    const m = ctx.matcher();
    const bits = new Uint32Array(m.maskWords);
    const eos = vocab.eosIds[0]!;
    for (const id of vocab.tokenizeGreedy(`{"a": [1, 2]}`)) {
      m.fillMask(bits);
      expect((bits[eos >>> 5]! >>> (eos & 31)) & 1).toBe(0);
      expect(m.accept(id)).toBe(true);
    }
    m.fillMask(bits);
    expect((bits[eos >>> 5]! >>> (eos & 31)) & 1).toBe(1);
    expect(m.accept(eos)).toBe(true);
    m.fillMask(bits);
    expect(bits.every((w) => w === 0)).toBe(true);
    m.rollback(1);
    expect(m.isAccepting()).toBe(true);
  });

  it("rejects a disallowed token without changing state, and rolls back by tokens", () => {
    const m = ctx.matcher();
    const [open] = vocab.tokenizeGreedy("{");
    const [close] = vocab.tokenizeGreedy("]");
    expect(m.accept(open!)).toBe(true);
    expect(m.accept(close!)).toBe(false);
    expect(m.position).toBe(1);
    const c = m.clone();
    m.rollback(1);
    expect(m.position).toBe(0);
    expect(c.position).toBe(1);
  });

  it("reports forced bytes and tokens", () => {
    const objOnly = compileGrammar({
      start: "s",
      rules: [{ name: "s", expr: { type: "seq", items: [{ type: "terminal", name: "K" }, { type: "terminal", name: "V" }] } }],
      terminals: [
        { name: "K", expr: { type: "literal", value: '{"name": ' } },
        { name: "V", expr: { type: "regex", source: '"[a-z]+"\\}', flags: "" } },
      ],
      diagnostics: [],
    });
    const m = new MaskContext(objOnly, vocab).matcher();
    const f = m.forced();
    expect(new TextDecoder().decode(f.bytes)).toBe('{"name": "');
    expect(new TextDecoder().decode(vocab.decodeBytes(f.tokens))).toBe('{"name": "');
    for (const t of f.tokens) expect(m.accept(t)).toBe(true);
    expect(m.forcedBytes().length).toBe(0);
  });
});
