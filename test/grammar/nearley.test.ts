import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseGrammar, loadGrammarFile } from "../../src/grammar/load.js";
import { parseNearley } from "../../src/grammar/nearley.js";
import type { TermExpr } from "../../src/grammar/ir.js";
import { catchError } from "./helpers.js";

const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/grammars/${name}`, import.meta.url));
const bare = <T>(x: T): T => JSON.parse(JSON.stringify(x, (k, v) => (k === "loc" ? undefined : v === Infinity ? "Inf" : v))) as T;

function singleCodePoint(e: TermExpr): boolean {
  if (e.type === "literal") return [...e.value].length === 1;
  return e.type === "charset";
}

describe("nearley front-end", () => {
  const g = loadGrammarFile(fixturePath("json.ne"));

  it("reads a character-level JSON grammar via nearley's compiler (with @builtin)", () => {
    expect(g.start).toBe("json");
    const names = g.rules.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["json", "value", "object", "pair", "array", "string", "char", "hex", "_", "wschar"]));
    // the builtin's unused `__` is only a warning
    expect(g.diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });

  it("maps every symbol to a one-code-point terminal", () => {
    for (const t of g.terminals) expect(singleCodePoint(t.expr), t.name).toBe(true);
    expect(g.terminals.find((t) => t.name === "[0-9A-Fa-f]")!.expr).toEqual({ type: "charset", ranges: [[48, 57], [65, 70], [97, 102]] });
    // [^"\\] includes astral code points (they are pairs of matching surrogate units in nearley)
    const notQuote = g.terminals.find((t) => t.name.startsWith("[\\x00-!#-"))!.expr as { ranges: number[][] };
    expect(notQuote.ranges[notQuote.ranges.length - 1]).toEqual([0xe000, 0x10ffff]);
  });

  it("ignores postprocessors: with and without them the IR is the same", () => {
    const a = parseNearley(`main -> "ab" [0-9]:+ {% d => d.join("") %} | null {% () => 42 %}`);
    const b = parseNearley(`main -> "ab" [0-9]:+ | null`);
    expect(bare(a)).toEqual(bare(b));
    expect(bare(a.rules.find((r) => r.name === "main")!.expr)).toEqual({
      type: "alt",
      alts: [
        { type: "seq", items: [{ type: "rule", name: "main$string$1" }, { type: "rule", name: "main$ebnf$1" }] },
        { type: "seq", items: [] },
      ],
    });
    // nearley splits "ab" into one-character literals itself
    expect(bare(a.rules.find((r) => r.name === "main$string$1")!.expr)).toEqual({
      type: "seq",
      items: [{ type: "terminal", name: '"a"' }, { type: "terminal", name: '"b"' }],
    });
  });

  it("handles case-insensitive strings, astral literals and macros", () => {
    const g2 = parseGrammar(`pair[X] -> $X $X
main -> "ok"i "😀" pair["x"]`, "nearley");
    expect(g2.start).toBe("main");
    const names = g2.terminals.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["[Oo]", "[Kk]", '"😀"', '"x"']));
    for (const t of g2.terminals) expect(singleCodePoint(t.expr)).toBe(true);
  });

  it("uses the caller's start rule", () => {
    expect(parseGrammar(`a -> b\nb -> "x"`, "nearley", { start: "b" }).start).toBe("b");
  });

  it("rejects lexer-based grammars with a location", () => {
    const e = catchError(() => loadGrammarFile(fixturePath("lexer.ne"), { file: "lexer.ne" }));
    expect(e.code).toBe("grammar_syntax");
    expect(e.message).toMatch(/lexer-based nearley grammars are not supported/);
    expect(e.location).toMatchObject({ file: "lexer.ne", line: 5, col: 1 });
    const e2 = catchError(() => parseNearley(`main -> "a" %tok`, { file: "t.ne" }));
    expect(e2.message).toMatch(/lexer-based nearley grammars are not supported \(token %tok/);
    expect(e2.location).toMatchObject({ line: 1, col: 13 });
  });

  it("reports syntax errors with line:col", () => {
    const e = catchError(() => parseNearley(`main -> "a"\nb -> "x" ) y\n`, { file: "s.ne" }));
    expect(e.code).toBe("grammar_syntax");
    expect(e.message).toMatch(/unexpected "\)"/);
    expect(e.location).toMatchObject({ file: "s.ne", line: 2, col: 10 });
    const e2 = catchError(() => parseNearley(`main -> "a\n`, { file: "s.ne" }));
    expect(e2.location).toMatchObject({ line: 1, col: 9 });
  });

  it("reports unknown macros and undefined rules", () => {
    const e = catchError(() => parseNearley(`main -> foo["x"]`));
    expect(e.message).toMatch(/Unkown macro|Unknown macro/);
    const e2 = catchError(() => parseGrammar(`main -> "a" missing`, "nearley", { file: "u.ne" }));
    expect(e2.code).toBe("grammar_invalid");
    expect(e2.message).toMatch(/undefined rule 'missing'/);
    expect(e2.location).toMatchObject({ file: "u.ne", line: 1, col: 1 });
  });

  it("fails cleanly on deeply nested parens", () => {
    const e = catchError(() => parseNearley("main -> " + "(".repeat(1000) + '"a"' + ")".repeat(1000)));
    expect(e.message).toMatch(/nested too deeply/);
    expect(e.location).toMatchObject({ line: 1, col: 109 });
  });
});
