/**
 * grammars/cpp.lark against the infill benchmark's two judges, tree-sitter-cpp and (where installed)
 * `g++ -std=c++17 -fsyntax-only`, on names whose reading a context-free grammar can fix: the standard
 * typedef names tree-sitter reads as primitive types (`size_t = 0;` is an error for both judges:
 * session 8's one tree-sitter reject of the C++ MDM run), the operators that must be members, and
 * deduction guides and templates of unnamed classes (witnesses and MDM outputs wrote them), and a
 * declarator-id after a lone `::` (`A ::f();`, one name for C++; found by gluing corpus words).
 * Every refused text is rejected by tree-sitter or, where tree-sitter does not check the rule, by
 * g++; every kept neighbour is accepted by both.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cppJudges, hasGxx, inNamespaces } from "./cpp-judges.js";

// small headers, so that one g++ check costs ~0.3 s (bits/stdc++.h takes ~1.5 s)
const HEAD =
  "#include <cstddef>\n#include <cstdint>\n#include <limits>\n#include <map>\n#include <ostream>\n#include <set>\n#include <string>\n#include <vector>\nusing namespace std;\n";
const { ours, tsAccepts, gxxAccepts } = cppJudges(HEAD);

// [text, why refused, which judge rejects it]
type Refused = [string, string, "tree-sitter" | "g++"];
const refused: Refused[] = [
  // the standard typedef names are types only
  ["int main() { size_t = 0; }", "a typedef name assigned to (session 8's reject, 063/3)", "tree-sitter"],
  ["int main() { int x = size_t; }", "a typedef name as a value", "tree-sitter"],
  ["int main() { int64_t + 1; }", "a typedef name as an operand", "tree-sitter"],
  ["int main() { return decltype(size_t)(0); }", "a typedef name in decltype", "tree-sitter"],
  ["int main() { uint8_t: ; }", "a typedef name as a label", "tree-sitter"],
  ["int main() { char64_t = 1; }", "tree-sitter's primitive type that C++ lacks", "tree-sitter"],
  ["int size_t;", "a typedef name redeclared as a variable", "g++"],
  ["unsigned size_t x;", "a sized modifier before a typedef name", "g++"],
  // operators that must be members
  ["struct A { int x; };\nauto operator->() { return 0; }", "operator-> outside a class (a session-8 fallback witness)", "g++"],
  ["struct A { int x; };\nA& operator=(A& a, int) { return a; }", "operator= outside a class", "g++"],
  ["struct A { int x; };\nint operator()(A a) { return 0; }", "operator() outside a class", "g++"],
  ["struct A { int x; };\nint operator[](A a, int i) { return 0; }", "operator[] outside a class", "g++"],
  ["int main() { struct A { int x; }; A& operator=(A&, int); }", "operator= declared at block scope", "g++"],
  // deduction guides and templates of unnamed classes
  ["template <class T> struct Box { Box(T) {} };\nBox(const char*) -> Box<string>;", "a deduction guide without a template head", "tree-sitter"],
  ["typede() -> L<>;", "a deduction guide without a template head (an MDM output, 008/2)", "g++"],
  ["template <class T> struct Box { Box(T) {} };\ntemplate <> Box(int) -> Box<int>;", "a deduction guide after template <>", "g++"],
  ["template <> class { int x; };", "an explicit specialization of an unnamed class (an MDM output, 019/1)", "g++"],
  ["template <class T> class { int x; };", "a template of an unnamed class", "g++"],
  // a declarator-id after `::` alone: C++ reads the type name and it as one qualified name
  ["struct A {};\nA ::f();", "`A ::f` (g++: expected constructor, destructor, or type conversion)", "g++"],
  ["struct A { static int v; };\nstruct S { A::v[4]; };", "a member `::v` of type A", "tree-sitter"],
  ["int x;\nint ::x = 1;", "an explicit qualification by `::` alone", "g++"],
];

const kept = [
  "int main() { size_t n = 0; size_t* p = &n; size_t& r = n; return (int)(size_t)n + sizeof(size_t) + alignof(size_t) + *p + r; }",
  "vector<size_t> v; map<int64_t, vector<uint64_t>> m; set<pair<int, int32_t>> s;",
  "int main() { long long x = 5; auto a = static_cast<int64_t>(x); auto b = size_t(3); auto c = size_t{4}; auto d = std::size_t(5); auto e = std::uint64_t{1} << 40; auto f = ::size_t(2); return a + b + c + d + e + f; }",
  "std::size_t n; ::uint32_t m;\nusing std::int64_t;\nenum E : uint8_t { A };\nconst size_t N = 5; size_t const M = 6;",
  "int main() { for (size_t i = 0; i < 3; i++) {} if (int64_t k = 3) {} auto p = new uint16_t[3]; delete[] p; return numeric_limits<int64_t>::max() > 0; }",
  "void g(size_t n, int64_t = 0); template <typename T = size_t> T h(); nullptr_t np; max_align_t ma; ptrdiff_t d; intptr_t ip; uintptr_t up; int8_t a; int16_t b; uint8_t c; uint16_t e; char16_t f; char32_t g2;",
  "struct S { size_t n; operator size_t() const { return n; } };",
  "int main() { int size = 0, size_type = 1, int64 = 2, my_size_t = 3, uint = 4; return size + size_type + int64 + my_size_t + uint; }",
  "struct A { A& operator=(const A&) = default; int operator()(int) const; int operator[](int i) { return i; } A* operator->() { return this; } };",
  "struct A { A& operator=(const A&); int operator()(int); };\nA& A::operator=(const A&) { return *this; }\nint A::operator()(int x) { return x; }",
  "struct A { int x; template <class T> bool operator()(T a) const { return a; } virtual A& operator=(int) = 0; };",
  "struct A { int x; A& operator=(int v) { x = v; return *this; } int operator()(int) { return 0; } };",
  "struct A { int x; };\nbool operator==(A a, A b) { return a.x == b.x; }\nA operator+(A a, A b) { return a; }\nostream& operator<<(ostream& o, A a) { return o; }",
  "template <class T> struct Box { Box(T) {} };\ntemplate <class T> Box(T*) -> Box<T>;\ntemplate <class T> explicit Box(T**) -> Box<T>;",
  "template <class T> struct S;\ntemplate <class T> struct S { T x; };\ntemplate <> struct S<int> { int y; };\ntemplate <class T> struct S<T*> : S<T> {};",
  "int main() { struct { int a; } v; v.a = 1; auto l = [](size_t n) mutable { return n; }; return v.a + (int)l(2); }",
];

describe("cpp.lark refuses what a judge rejects", () => {
  it.each(refused)("refuses %j (%s; %s rejects it)", (text, _why, judge) => {
    expect(ours(text)).toBe(false);
    if (judge === "tree-sitter") expect(tsAccepts(text)).toBe(false);
  });

  it.skipIf(!hasGxx)("g++ rejects each refused text that tree-sitter does not check", async () => {
    // these need no header but <cstddef>'s size_t (a few hundredths of a second each)
    const byGxx = refused.filter(([, , judge]) => judge === "g++").map(([text]) => text);
    expect(await gxxAccepts(byGxx, "#include <cstddef>\nusing namespace std;\n")).toEqual(byGxx.map(() => false));
  });
});

describe("cpp.lark keeps the valid neighbours", () => {
  it.each(kept)("accepts %j, as tree-sitter does", (text) => {
    expect(tsAccepts(text)).toBe(true);
    expect(ours(text)).toBe(true);
  });

  it("accepts a declarator-id after `::` and a nested name, as tree-sitter and g++ do", async () => {
    const text = "struct Z { static int z; };\nint ::Z::z = 3;";
    expect(tsAccepts(text)).toBe(true);
    expect(ours(text)).toBe(true);
    if (hasGxx) expect(await gxxAccepts([text], HEAD)).toEqual([true]);
  });

  it.skipIf(!hasGxx)("g++ accepts every kept text", async () => {
    expect(await gxxAccepts([inNamespaces(kept)])).toEqual([true]);
  });
});

describe("names tree-sitter reads as primitive types", () => {
  // tree-sitter-cpp's primitive_type list (tree-sitter-c's grammar.js), and names near them
  const near = ["size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t", "nullptr_t", "max_align_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "char8_t", "char16_t", "char32_t", "charptr_t", "char64_t"];
  const far = ["off_t", "time_t", "intmax_t", "uintmax_t", "int128_t", "uint128_t", "int_fast8_t", "int_least8_t", "size_type", "size", "int64", "char128_t", "FILE"];
  const assigned = (name: string) => `int main() { ${name} = 0; }`;

  it.each([...near, ...far])("%s as an assigned variable: cpp.lark agrees with tree-sitter", (name) => {
    expect(ours(assigned(name))).toBe(tsAccepts(assigned(name)));
  });

  it("agrees with tree-sitter on random names made of their parts", () => {
    // keyword parts alone (`int`, `char`) are refused by both; spellings like `uint64` or `size_tt` by neither
    const part = fc.constantFrom("u", "int", "8", "16", "32", "64", "_t", "size", "s", "ptr", "diff", "char", "max_align", "_", "t", "null");
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const name = parts.join("");
        if (!/^[A-Za-z_]/.test(name)) return;
        expect(ours(assigned(name))).toBe(tsAccepts(assigned(name)));
        // as a type: the same, but for the two names tree-sitter takes as types and C++ has none of
        // (g++: "does not name a type"), which cpp.lark reserves
        if (name !== "charptr_t" && name !== "char64_t") expect(ours(`${name} v = 0;`)).toBe(tsAccepts(`${name} v = 0;`));
      }),
      { numRuns: 150 },
    );
  });
});
