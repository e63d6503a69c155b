/**
 * grammars/cpp.lark and the contextual lexer's splits of one identifier into two keywords. Where the
 * parser expects keywords but no identifier (after a function's parameter list, a lambda's, a sized
 * type keyword in a type-id), a greedy contextual lexer ends a keyword lexeme where no expected terminal
 * can grow and starts the next: `constoverride` would be read `const override`. For C++ (maximal munch)
 * and both judges of the infill benchmark (tree-sitter-cpp; g++ where installed) it is one identifier,
 * and the text is an error. cpp.lark writes such a keyword, when a keyword follows it, with a whitespace
 * after it (as session 8 did for `or`, `and`, ...): every refused text here is rejected by tree-sitter,
 * every kept neighbour is accepted by tree-sitter, g++ and cpp.lark.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cppJudges, hasGxx, inNamespaces } from "./cpp-judges.js";

const HEAD = "#include <functional>\n#include <vector>\nusing namespace std;\n";
const { ours, tsAccepts, gxxAccepts } = cppJudges(HEAD);

const BASE = "struct B { virtual void f() const; virtual int g() noexcept; virtual void h(); };\n";
const refused = [
  BASE + "struct A : B { void f() constoverride; };",
  BASE + "struct A : B { void f() constfinal; };",
  BASE + "struct A : B { int g() noexceptoverride; };",
  BASE + "struct A : B { void h() overridefinal; };",
  "struct A { void f() constnoexcept; };",
  "struct A { void f() constvolatile; };",
  "struct A { void f() volatileconst; };",
  "void f() constthrow();",
  "using F = void() constnoexcept;",
  "int main() { auto l = []() mutableconstexpr { return 1; }; }",
  "int main() { auto l = []() mutablenoexcept { return 1; }; }",
  "int main() { auto l = []() constexprnoexcept { return 1; }; }",
];
// a sized modifier glued to a type keyword in a type-id: tree-sitter reads `unsigned longlong` as a
// sized type of the type name `longlong` and accepts it; g++ rejects it as syntax ("expected
// primary-expression before 'unsigned'"), and cpp.lark used to read `unsigned long long`
const refusedByGxx = [
  "int main() { return (unsigned longlong)1; }",
  "int main() { return sizeof(long longint); }",
  "int main() { return static_cast<long longint>(2); }",
  "int main() { return (signed unsignedint)1; }",
];

const kept = [
  BASE + "struct A : B { void f() const override; int g() noexcept override final; void h() final { } };",
  BASE + "struct C : B { void f() const\n  override; int g() noexcept\tfinal; void h() override\n final; };",
  "struct A { void f() const; void g() const&; void h() const &&; int k() const noexcept; int m() noexcept(true); int n() const noexcept(false); void p() volatile const; void q() & noexcept; void r() const& noexcept; };",
  "struct A { int f() const{ return 0; } int g() const=delete; int h()const; virtual int k() const=0; auto n() const -> int { return 1; } auto o() const->int; int p() const [[nodiscard]]; };",
  "struct A { void f() const; };\nvoid A::f() const {}\nvoid g() noexcept {}\nvoid h() noexcept (true) {}\nvoid k() throw() {}",
  "int main() { auto l = [](int x) mutable { return x; }; auto m = [](int x) constexpr noexcept -> int { return x; }; auto n = [&]() mutable noexcept { return 1; }; auto o = []() noexcept { }; auto p = [](int a) -> long long { return a; }; }",
  "int main() { long long a = (long long)1; unsigned long long b = (unsigned long long)2; auto c = sizeof(long double); auto d = static_cast<unsigned int>(3); vector<long long> v; unsigned u = 0; long l = long(4); signed char sc = 0; short int si = 1; long long int lli = 2; return (int)(unsigned\tint)1; }",
  "int main() { long long(x) = 0; unsigned (y) = 1; return (int)x + long (y); }",
  "void f(void (*g)() noexcept, int (*h)(int)) {}\nusing F = void() const;\nusing G = int(int) noexcept;\nfunction<int(int)> fn;",
  "struct A { void f() const // why\n  { } int g() const /* c */ ; };",
  "int main() { int constoverride = 1, mutableconstexpr = 2, longlong = 3; return constoverride + mutableconstexpr + longlong; }",
];

describe("cpp.lark refuses keywords glued into one identifier", () => {
  it.each(refused)("refuses %j, as tree-sitter does", (text) => {
    expect(tsAccepts(text)).toBe(false);
    expect(ours(text)).toBe(false);
  });

  it.each(refusedByGxx)("refuses %j (g++ rejects it)", (text) => {
    expect(ours(text)).toBe(false);
  });

  it.skipIf(!hasGxx)("g++ rejects each text refused without tree-sitter", async () => {
    expect(await gxxAccepts(refusedByGxx, "")).toEqual(refusedByGxx.map(() => false));
  });

  it.each(kept)("accepts %j, as tree-sitter does", (text) => {
    expect(tsAccepts(text)).toBe(true);
    expect(ours(text)).toBe(true);
  });

  it.skipIf(!hasGxx)("g++ accepts every kept text", async () => {
    expect(await gxxAccepts([inNamespaces(kept)])).toEqual([true]);
  });

  it("agrees with tree-sitter on a member function's qualifiers, glued or apart", () => {
    // the qualifiers in their order, each word glued to the previous one or not: tree-sitter reads a
    // glued pair of words as one identifier and rejects the text, cpp.lark must too; apart, both accept
    const sep = fc.constantFrom("", " ", "\n");
    const word = (w: string) => fc.tuple(sep, fc.constant(w));
    const qualifiers = fc.tuple(
      fc.subarray(["const", "volatile"]).chain((ws) => fc.tuple(...ws.map(word))),
      fc.option(fc.tuple(sep, fc.constantFrom("&", "&&")), { nil: undefined }),
      fc.option(fc.tuple(sep, fc.constantFrom("noexcept", "noexcept(true)")), { nil: undefined }),
      fc.subarray(["override", "final"]).chain((ws) => fc.tuple(...ws.map(word))),
    );
    fc.assert(
      fc.property(qualifiers, sep, ([cv, ref, nx, virt], end) => {
        const parts = [...cv, ...(ref ? [ref] : []), ...(nx ? [nx] : []), ...virt];
        const suffix = parts.map(([s, w], i) => (i === 0 ? " " : s) + w).join("");
        const text = `struct B { virtual void f() const volatile &; };\nstruct A : B { void f()${suffix}${end}; };`;
        expect(ours(text)).toBe(tsAccepts(text));
      }),
      { numRuns: 150 },
    );
  });
});
