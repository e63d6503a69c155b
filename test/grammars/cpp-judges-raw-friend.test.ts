/**
 * grammars/cpp.lark, session 10: raw string literals with their closing delimiter checked, and friend
 * functions declared by a qualified name. Judged by the infill benchmark's two judges (tree-sitter-cpp;
 * g++ where installed).
 * - Raw strings: the delimiter is one of a finite list ("", x, delim, raw, json, sql, EOF, --, ==), so
 *   that RAW_STRING is a regular expression (comparing delimiters needs a backreference) and exact: a
 *   raw string ends at the first `)` + its own delimiter + `"`. The terminal used to end at `)` + any
 *   delimiter characters + `"` (`R"a(x)b"`: both judges reject it). Valid C++ with another delimiter
 *   (`R"foo(x)foo"`) is refused, a documented limit.
 * - `friend int A::f();` (valid C++, both judges accept) was refused since the member declarator-id fix
 *   (73bc24d); a friend function's declaration may name it qualified again, members still may not.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cppJudges, hasGxx, inNamespaces } from "./cpp-judges.js";

const HEAD = "#include <string>\nusing namespace std;\n";
const { ours, tsAccepts, gxxAccepts } = cppJudges(HEAD);

const DELIMITERS = ["", "x", "delim", "raw", "json", "sql", "EOF", "--", "=="];

describe("cpp.lark: raw strings end at their own delimiter", () => {
  const kept = [
    'string a = R"(C:\\path\\to "file")";',
    'string b = R"delim(a)b)delim";',
    'string c = R"x(a)x)x";',
    'string d = R"--(a)-)--";',
    'string e = u8R"json({"k": [1, 2]})json" "tail";',
    'string f = R"(two\nlines)";',
    'string g = R"EOF()EOF";',
    'string h = R"delim(a)delim)delim";',
  ];
  const refused = ['string a = R"a(x)b";', 'string b = R"(x)x";', 'string c = R"x(a)";', 'string d = R"delim(a)delim"delim";'];

  it.each(kept)("accepts %j, as tree-sitter does", (text) => {
    expect(tsAccepts(text)).toBe(true);
    expect(ours(text)).toBe(true);
  });

  it.skipIf(!hasGxx)("g++ accepts every kept text", async () => {
    expect(await gxxAccepts([inNamespaces(kept)])).toEqual([true]);
  });

  it.each(refused)("refuses %j, as tree-sitter does", (text) => {
    expect(tsAccepts(text)).toBe(false);
    expect(ours(text)).toBe(false);
  });

  it.skipIf(!hasGxx)("g++ rejects every refused text", async () => {
    expect(await gxxAccepts(refused)).toEqual(refused.map(() => false));
  });

  it("a delimiter of the list: the grammar agrees with tree-sitter on random raw strings (fast-check)", () => {
    // contents built from parentheses, quotes and pieces of delimiters, so that closings nearly match
    const piece = fc.oneof(fc.constantFrom(")", "(", '"', "a", " ", "\n", "\\", "-", "="), fc.constantFrom(...DELIMITERS).map((d) => ")" + d), fc.constantFrom(...DELIMITERS).map((d) => ")" + d + '"'));
    fc.assert(
      fc.property(fc.constantFrom(...DELIMITERS), fc.array(piece, { maxLength: 6 }), fc.constantFrom(...DELIMITERS), (open, content, close) => {
        const text = `string s = R"${open}(${content.join("")})${close}";`;
        expect(ours(text)).toBe(tsAccepts(text));
      }),
      { numRuns: 300 },
    );
  });

  it("another delimiter is refused (valid C++: the documented limit)", () => {
    const text = 'string s = R"foo(x)foo";';
    expect(tsAccepts(text)).toBe(true);
    expect(ours(text)).toBe(false);
  });
});

describe("cpp.lark: a friend function may be named qualified", () => {
  const B = "struct B { int f(); B& operator=(const B&); void g(int) const; static int h(); template <class T> T t(); };\nnamespace N { int k(); }\n";
  const kept = [
    B + "struct A { friend int B::f(); };",
    B + "struct A { friend B& B::operator=(const B&); friend void B::g(int) const; };",
    B + "struct A { friend int ::B::h(); friend int N::k(); };",
    B + "struct A { friend auto B::f() -> int; int x; friend int f2(); };",
    B + "class A { int v; friend int B::f(); public: A() : v(0) {} };",
  ];
  // members are still unqualified; a friend's definition or a qualified name without a friend is not C++
  const refused = [B + "struct A { int B::f(); };", B + "struct A { auto B::operator=(const B&) -> B&; };", B + "struct A { friend int B::f() { return 0; } };"];

  it.each(kept)("accepts %j, as tree-sitter does", (text) => {
    expect(tsAccepts(text)).toBe(true);
    expect(ours(text)).toBe(true);
  });

  it.skipIf(!hasGxx)("g++ accepts every kept text", async () => {
    expect(await gxxAccepts(kept)).toEqual(kept.map(() => true));
  });

  it.each(refused)("refuses %j", (text) => {
    expect(ours(text)).toBe(false);
  });

  it.skipIf(!hasGxx)("g++ rejects every refused text", async () => {
    expect(await gxxAccepts(refused)).toEqual(refused.map(() => false));
  });
});
