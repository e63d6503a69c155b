import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Grammar, RuleExpr, TermExpr, TerminalDef } from "../../src/grammar/ir.js";
import { compileGrammar } from "../../src/parser/compile.js";

const r = (name: string): RuleExpr => ({ type: "rule", name });
const t = (name: string): RuleExpr => ({ type: "terminal", name });
const seq = (...items: RuleExpr[]): RuleExpr => ({ type: "seq", items });
const alt = (...alts: RuleExpr[]): RuleExpr => ({ type: "alt", alts });
const star = (expr: RuleExpr): RuleExpr => ({ type: "repeat", expr, min: 0, max: Infinity });
const opt = (expr: RuleExpr): RuleExpr => ({ type: "repeat", expr, min: 0, max: 1 });
const lit = (name: string, value = name): TerminalDef => ({ name, expr: { type: "literal", value } });
const re = (name: string, source: string, ignored = false): TerminalDef => ({
  name,
  expr: { type: "regex", source, flags: "" } as TermExpr,
  ignored,
});

/** A JSON grammar written directly in the IR (the shipped .lark one is tested elsewhere). */
const json: Grammar = {
  start: "value",
  rules: [
    { name: "value", expr: alt(r("object"), r("array"), t("STRING"), t("NUMBER"), t("true"), t("false"), t("null")) },
    { name: "object", expr: seq(t("{"), opt(seq(r("pair"), star(seq(t(","), r("pair"))))), t("}")) },
    { name: "pair", expr: seq(t("STRING"), t(":"), r("value")) },
    { name: "array", expr: seq(t("["), opt(seq(r("value"), star(seq(t(","), r("value"))))), t("]")) },
  ],
  terminals: [
    lit("{"), lit("}"), lit("["), lit("]"), lit(","), lit(":"), lit("true"), lit("false"), lit("null"),
    re("STRING", String.raw`"([^"\\\u0000-\u001f]|\\(["\\/bfnrt]|u[0-9a-fA-F]{4}))*"`),
    re("NUMBER", String.raw`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`),
    re("WS", String.raw`[ \t\n\r]+`, true),
  ],
  diagnostics: [],
};

describe("Parser on a JSON grammar", () => {
  const cg = compileGrammar(json);

  it.each([
    `{}`, `[]`, `0`, `-1.5e+10`, `"a\\u00e9\\n"`, `{"a": [1, 2, {"b": null}], "c": true}`, ` [ 1 , 2 ] `, `"é日本🎉"`,
  ])("accepts %s", (text) => {
    expect(cg.check(text).ok).toBe(true);
  });

  it.each([
    [`{"a" 1}`, 5], [`[1,]`, 3], [`01`, 1], [`{"a":1`, 6], [`"\u0001"`, 1], [`tru`, 3], [`[1 2]`, 3], [`1.`, 2],
  ])("rejects %s at byte %i", (text, offset) => {
    const res = cg.check(text);
    expect(res.ok).toBe(false);
    expect(res.offset).toBe(offset);
  });

  it("accepts every prefix of a valid document as a viable prefix", () => {
    const doc = `{"key": [1, -2.5e3, "s\\"x", {"n": null}], "t": false}`;
    for (let i = 0; i <= doc.length; i++) expect(cg.check(doc.slice(0, i), { prefix: true }).ok).toBe(true);
  });

  it("reports what was expected where input ends early", () => {
    const res = cg.check(`{"a": `);
    expect(res).toMatchObject({ ok: false, atEnd: true, offset: 6 });
    expect(res.expected).toEqual(expect.arrayContaining(["{", "[", "STRING", "NUMBER", "true", "false", "null"]));
  });

  it("rejects bytes that are not UTF-8 inside strings", () => {
    const bytes = new Uint8Array([0x22, 0xc3, 0x28, 0x22]);
    expect(cg.check(bytes)).toMatchObject({ ok: false, offset: 2 });
  });

  it("parses deeply nested input without recursion limits", () => {
    const depth = 20000;
    expect(cg.check("[".repeat(depth) + "]".repeat(depth)).ok).toBe(true);
    expect(cg.check("[".repeat(depth) + "]".repeat(depth - 1)).ok).toBe(false);
  });
});

describe("lexing semantics", () => {
  it("is greedy: a longer identifier wins over a keyword prefix", () => {
    const g: Grammar = {
      start: "decl",
      rules: [{ name: "decl", expr: alt(seq(t("int"), t("ID"), t(";")), seq(t("ID"), t("="), t("ID"), t(";"))) }],
      terminals: [lit("int"), lit(";"), lit("="), re("ID", "[a-z]+"), re("WS", " +", true)],
      diagnostics: [],
    };
    const cg = compileGrammar(g);
    expect(cg.check("int x;").ok).toBe(true);
    expect(cg.check("intx = y;").ok).toBe(true);
    expect(cg.check("intx;").ok).toBe(false);
    expect(cg.check("int int;").ok).toBe(true); // the lexer is contextual: after `int`, only ID is expected
  });

  it("keeps every reading of an ambiguous lexeme", () => {
    const g: Grammar = {
      start: "s",
      rules: [{ name: "s", expr: alt(seq(t("A"), t("x")), seq(t("B"), t("y"))) }],
      terminals: [re("A", "[a-c]+"), re("B", "[b-d]+"), lit("x"), lit("y")],
      diagnostics: [],
    };
    const cg = compileGrammar(g);
    expect(cg.check("bbx").ok).toBe(true);
    expect(cg.check("bby").ok).toBe(true);
    expect(cg.check("aay").ok).toBe(false);
    expect(cg.check("ddx").ok).toBe(false);
  });

  it("lets ignored terminals appear anywhere between lexemes, and also be used by the grammar", () => {
    const g: Grammar = {
      start: "s",
      rules: [{ name: "s", expr: seq(t("a"), opt(t("NL")), t("b")) }],
      terminals: [lit("a"), lit("b"), re("NL", "\\n", true)],
      diagnostics: [],
    };
    const cg = compileGrammar(g);
    for (const ok of ["ab", "a\nb", "\na\n\nb\n"]) expect(cg.check(ok).ok).toBe(true);
    expect(cg.check("a\nc").ok).toBe(false);
  });

  it("handles left recursion, right recursion and nullable rules", () => {
    const g: Grammar = {
      start: "s",
      rules: [
        { name: "s", expr: seq(r("l"), r("e"), r("rr")) },
        { name: "l", expr: alt(seq(), seq(r("l"), t("a"))) },
        { name: "e", expr: alt(seq(), seq(r("e"), r("e")), t("b")) },
        { name: "rr", expr: alt(seq(), seq(t("c"), r("rr"))) },
      ],
      terminals: [lit("a"), lit("b"), lit("c")],
      diagnostics: [],
    };
    const cg = compileGrammar(g);
    for (const ok of ["", "a", "aab", "bbbccc", "ac", "c"]) expect(cg.check(ok).ok, ok).toBe(true);
    for (const bad of ["ba", "cb", "ca"]) expect(cg.check(bad).ok, bad).toBe(false);
  });
});

describe("compile errors", () => {
  it("refuses a terminal that matches the empty string", () => {
    const g: Grammar = {
      start: "s",
      rules: [{ name: "s", expr: t("E") }],
      terminals: [re("E", "a*")],
      diagnostics: [],
    };
    expect(() => compileGrammar(g)).toThrow(/terminal 'E' matches the empty string/);
  });

  it("refuses rules with no finite word", () => {
    const g: Grammar = {
      start: "s",
      rules: [{ name: "s", expr: seq(t("a"), r("s")) }],
      terminals: [lit("a")],
      diagnostics: [],
    };
    expect(() => compileGrammar(g)).toThrow(/produces no finite string/);
  });
});

describe("JSON grammar vs JSON.parse (oracle)", () => {
  const cg = compileGrammar(json);
  const accepts = (s: string) => cg.check(s).ok;
  const parses = (s: string) => {
    try {
      JSON.parse(s);
      return true;
    } catch {
      return false;
    }
  };

  it("accepts every serialized JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, "\t"), (v, indent) => {
        const s = JSON.stringify(v, null, indent);
        expect(accepts(s)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with JSON.parse on mutated documents", () => {
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.constantFrom("", ",", "]", "}", '"', "\\", "1", "-", ".", "e", " ", "\u0001", "tru", ":", "{", "[") });
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(edit, { minLength: 1, maxLength: 3 }), (v, edits) => {
        let s = JSON.stringify(v, null, 1);
        for (const e of edits) {
          const at = e.at % (s.length + 1);
          s = s.slice(0, at) + e.ins + s.slice(at + e.del);
        }
        expect({ s, ok: accepts(s) }).toEqual({ s, ok: parses(s) });
      }),
      { numRuns: 1000 },
    );
  });
});

describe("incremental use", () => {
  const cg = compileGrammar(json);
  const enc = new TextEncoder();

  it("any interleaving of feeds and rollbacks ends where a fresh parse of the same bytes does", () => {
    const piece = fc.constantFrom(`{"a": `, `[1, `, `2]`, `}`, `"x"`, `, `, `null`, `tru`, `e`, ` `, `-0.5`, `]`, `{`, `"k":`, `1e`, `9`, `,`);
    const op = fc.oneof(piece.map((text) => ({ feed: text })), fc.nat({ max: 12 }).map((n) => ({ back: n })));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const p = cg.newParser();
        let bytes: number[] = [];
        for (const o of ops) {
          if ("feed" in o) {
            const b = enc.encode(o.feed);
            const n = p.feed(b);
            bytes = bytes.concat([...b.subarray(0, n)]);
          } else {
            const n = Math.min(o.back, p.position);
            p.rollback(n);
            bytes = bytes.slice(0, bytes.length - n);
          }
          const fresh = cg.newParser();
          expect(fresh.feed(Uint8Array.from(bytes))).toBe(bytes.length);
          expect(p.isAccepting()).toBe(fresh.isAccepting());
          expect(p.expectedTerminals()).toEqual(fresh.expectedTerminals());
          const c = p.clone();
          const allowed = c.allowedBytes();
          // judge a few interesting bytes with parsers that never rolled back (no revived scans)
          for (const ch of `",]}1 :e.n{[-`) {
            const b = ch.charCodeAt(0);
            const once = cg.newParser();
            const ok = once.feed(Uint8Array.from([...bytes, b])) === bytes.length + 1;
            expect({ at: bytes.length, ch, ok: allowed[b] === 1 }).toEqual({ at: bytes.length, ch, ok });
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
