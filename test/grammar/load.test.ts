import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { grammarFormatOf, loadGrammarFile, parseGrammar } from "../../src/grammar/load.js";
import { catchError } from "./helpers.js";

const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/grammars/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "gramfill-grammar-"));

describe("loading grammar files", () => {
  it("picks the format from the extension", () => {
    expect(grammarFormatOf("a/b.lark")).toBe("lark");
    expect(grammarFormatOf("x.GBNF")).toBe("gbnf");
    expect(grammarFormatOf("x.ne")).toBe("nearley");
    expect(grammarFormatOf("x.txt")).toBeUndefined();
    for (const f of ["json.lark", "json.gbnf", "json.ne"]) {
      const g = loadGrammarFile(fixturePath(f));
      expect(g.file).toBe(fixturePath(f));
      expect(g.rules.length).toBeGreaterThan(3);
    }
  });

  it("rejects unknown extensions with a usage error listing the known ones", () => {
    const e = catchError(() => loadGrammarFile("grammar.txt"));
    expect(e.code).toBe("usage");
    expect(e.message).toMatch(/\.lark, \.gbnf, \.ne/);
  });

  it("reports unreadable files as io errors", () => {
    const e = catchError(() => loadGrammarFile(join(tmp, "missing.lark")));
    expect(e.code).toBe("io");
    expect(e.message).toMatch(/cannot read grammar file .*missing\.lark.*: no such file/);
    const e2 = catchError(() => loadGrammarFile(tmp + "/"));
    expect(e2.code).toBe("usage");
  });

  it("rejects non-UTF-8 files with the byte offset", () => {
    const e = catchError(() => loadGrammarFile(fixturePath("latin1.lark"), { file: "latin1.lark" }));
    expect(e.code).toBe("grammar_syntax");
    expect(e.message).toBe("grammar file is not valid UTF-8: invalid byte 0xe9 at byte offset 11");
    expect(e.location).toEqual({ file: "latin1.lark", line: 1, col: 12, offset: 11 });
    expect(e.format()).toBe("latin1.lark:1:12: grammar file is not valid UTF-8: invalid byte 0xe9 at byte offset 11");
  });

  it("strips a UTF-8 byte order mark", () => {
    const g = loadGrammarFile(fixturePath("bom.lark"));
    expect(g.terminals.map((t) => t.name)).toEqual(['"café"']);
  });

  it("syntax errors in files carry file:line:col", () => {
    const e = catchError(() => loadGrammarFile(fixturePath("bad_unterminated.lark"), { file: "bad.lark" }));
    expect(e.format()).toBe("bad.lark:2:4: unterminated string literal");
    const e2 = catchError(() => loadGrammarFile(fixturePath("bad_class.gbnf"), { file: "bad.gbnf" }));
    expect(e2.format()).toBe("bad.gbnf:1:14: unterminated character class");
  });

  it("rejects an unknown format name", () => {
    const e = catchError(() => parseGrammar("x", "yacc" as never));
    expect(e.code).toBe("usage");
  });

  // Load and compile times of these files are measured by bench/grammar-load.mjs, not asserted here.
  it("loads a 10 MB generated Lark grammar", { timeout: 120_000 }, () => {
    const parts: string[] = ["start: r0\n"];
    const n = 130_000;
    for (let i = 0; i < n; i++) {
      parts.push(`r${i}: "kw${i % 50}" (r${i + 1} | NAME ("," NAME)*)? /[a-z]+\\d*/ | "x" ~ 2..3 // c\n`);
    }
    parts.push(`r${n}: "end"\nNAME: /[A-Z]+/\n`);
    const file = join(tmp, "big.lark");
    writeFileSync(file, parts.join(""));
    const g = loadGrammarFile(file);
    expect(g.rules).toHaveLength(n + 2);
    expect(g.rules[1]!.loc).toMatchObject({ file, line: 2, col: 1 });
    expect(g.terminals.map((t) => t.name)).toContain("NAME");
  });

  it("loads a 10 MB generated GBNF grammar", { timeout: 120_000 }, () => {
    const parts: string[] = ["root ::= r0\n"];
    const n = 180_000;
    for (let i = 0; i < n; i++) parts.push(`r${i} ::= "kw" [a-z]+ (r${i + 1} | "x"){0,3} | [^"\\\\] # c\n`);
    parts.push(`r${n} ::= "e"\n`);
    const file = join(tmp, "big.gbnf");
    writeFileSync(file, parts.join(""));
    const g = loadGrammarFile(file);
    expect(g.rules).toHaveLength(n + 2);
    expect(g.terminals.length).toBeLessThan(10);
  });

  it("locates errors far into a long grammar (statements are parsed in chunks, locations computed lazily)", () => {
    const lines = ["start: r0"];
    for (let i = 0; i < 3000; i++) lines.push(`r${i}: "a" r${i + 1} | "b" ( "c" | NAME )`);
    lines.push(`r3000: "z"`, "NAME: /[A-Z]+/");
    const ok = [...lines];
    ok[2500] = ok[2500]!.replace("r2500", "nowhere");
    const e = catchError(() => parseGrammar(ok.join("\n"), "lark", { file: "long.lark" }));
    expect(e.format()).toBe("long.lark:2501:12: undefined rule 'nowhere' (used in 'r2499')");
    expect(e.location).toEqual({ file: "long.lark", line: 2501, col: 12, offset: e.location!.offset });
    const bad = [...lines];
    bad[2800] = bad[2800]! + " )";
    const e2 = catchError(() => parseGrammar(bad.join("\n"), "lark", { file: "long.lark" }));
    expect(e2.format()).toBe("long.lark:2801:39: expected end of line or end of input but found ')'");
    const gbnf = ["root ::= r0"];
    for (let i = 0; i < 3000; i++) gbnf.push(`r${i} ::= "a" ${i === 2000 ? "nowhere" : `r${i + 1}`} | [b-c]`);
    gbnf.push(`r3000 ::= "z"`);
    const e3 = catchError(() => parseGrammar(gbnf.join("\n"), "gbnf", { file: "long.gbnf" }));
    expect(e3.format()).toBe("long.gbnf:2002:15: undefined rule 'nowhere' (used in 'r2000')");
  });

  it("refuses a 10 MB nearley grammar cleanly", () => {
    const text = `main -> "a"\n` + "# padding\n".repeat(1_000_000);
    const e = catchError(() => parseGrammar(text, "nearley", { file: "big.ne" }));
    expect(e.message).toMatch(/nearley grammar is too large/);
  });

  it("deeply nested parens in a file fail cleanly", () => {
    const file = join(tmp, "deep.lark");
    writeFileSync(file, "start: " + "[".repeat(200000) + '"a"' + "]".repeat(200000) + "\n");
    const e = catchError(() => loadGrammarFile(file));
    expect(e.code).toBe("grammar_syntax");
    expect(e.message).toMatch(/nested too deeply \(more than 100 levels\)/);
  });
});
