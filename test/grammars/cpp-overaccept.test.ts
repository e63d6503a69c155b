/**
 * grammars/cpp.lark over-acceptance found by infill witnesses (`node bench/infill-cpp.mjs --hunt N`):
 * holes cut in the held-out programs, completed by `InfillChecker.witness`, judged by tree-sitter-cpp
 * and `g++ -std=c++17 -fsyntax-only`. Each "rejects" text is (part of) a completed program that our
 * grammar accepted and g++ rejects as syntax, or for a rule every compiler enforces (`friend` outside a
 * class, a declaration that declares nothing, a template at block scope, an unbalanced `#if`); the
 * "accepts" texts are the valid neighbours each fix must keep (all accepted by g++). Every text is
 * checked after `#include <bits/stdc++.h>\nusing namespace std;\n`, as in the programs.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { loadOracle, type Oracle } from "./treesitter.js";

const HEAD = "#include <bits/stdc++.h>\nusing namespace std;\n";
let cpp: CompiledGrammar;
let ts: Oracle;
beforeAll(async () => {
  cpp = compileGrammar(loadGrammarFile(join(__dirname, "..", "..", "grammars", "cpp.lark")));
  ts = await loadOracle("cpp");
});
const ours = (text: string) => cpp.check(HEAD + text + "\n", { prefix: false, timeoutMs: 20_000 }).ok;

describe("cpp.lark rejects what infill witnesses exploited", () => {
  it.each([
    // a function definition needs a function declarator (tree-sitter accepts any declarator here)
    ["A override { }", "non-function declarator"],
    ["int main() { int x; }\nA [[]] { }", "non-function declarator"],
    ["vector<int> f { }", "non-function declarator (a declaration missing its `;`)"],
    ["int dou<>{ return 0; }", "template-id as a function"],
    ["struct S { ~decltype(auto){} };", "destructor of decltype(auto)"],
    // declarations
    ["int main() { double; }", "declares nothing"],
    ["int main() { double alignas(8); }", "declares nothing"],
    ["struct S { int x; };\nint;", "declares nothing"],
    ["struct S { static; };", "declares nothing"],
    ["int main() { for (int;;); }", "declares nothing"],
    ["friend int f(int);", "friend outside a class"],
    ["int main() { template<class T> void g(); }", "template at block scope"],
    ["template <typename> ;", "template of an empty declaration"],
    ["int ...a;", "pack outside a parameter"],
    ["\n...A f() {}", "pack outside a parameter"],
    ["int main() { int [a] = make_pair(1, 2); }", "structured binding without auto"],
    ["struct S { auto [a, b] = make_pair(1, 2); };", "structured binding as a member"],
    ["int main() { typename x y; }", "typename before an unqualified name"],
    ["using x;", "using-declaration of an unqualified name"],
    // members
    ["struct S { int x = default; };", "= default on a data member"],
    ["struct S { int x override; };", "virt-specifier on a data member"],
    // expressions and statements
    ["int main() { while (throw) {} }", "throw as a condition"],
    ["int main() { int x = (throw 1); }", "throw as an initializer"],
    ["void f(int, int); int main() { f(1, .a = 2); }", "designator in a call"],
    ["struct P { int a, b; }; P p = {{}, .a = 1};", "mixed designated and positional items"],
    ["int a[3] = {[0] = 1};", "array designator"],
    ["int main() { if consteval { } }", "if consteval (C++23)"],
    ["template <class T> void f() requires true {}", "requires-clause (C++20; not a keyword in C++17)"],
    // preprocessor lines in the body: the shapes the preprocessor checks
    ["int a;\n#if x;\nint b;\n#endif\n", "#if condition with `;` (a swallowed line of code)"],
    ["int a;\n#      if (n == 1) return 1;\n", "a statement read as #if"],
    ["int a;\n#if\u0000\\\nint b;\n#endif\n", "NUL and a line splice in #if"],
    ["int a;\n# int b;\n", "text after a null directive"],
    ["int a;\n#error no\n", "#error"],
    ["int a;\n#define 1x\n", "#define without a name"],
    ["int a;\n#include x\n", "#include without <> or quotes"],
    ["int a;\n#endif int b;\n", "code after #endif"],
    ["char c = '\\\u0000';", "NUL after a backslash in a character literal"],
    // second round (the hunt after the first fixes)
    ["int main() {\n#//\n}", "a comment after a null directive"],
    ["int a;\n#else//x\n", "a comment after a conditional directive"],
    ["int a;\n#include <>\n", "an empty header name"],
    ["int main() { int x = 1 +\n#define A\n 2; }", "a directive inside an expression"],
    ["A(){}", "a function without a type outside a class"],
    ["A<>(){}", "a function without a type outside a class"],
    ["struct A { A(); };\nA::A [[A]] () {}", "attributes after a declarator-id"],
    ["int f() [[]] { return 0; }\nint x [[]];", "empty attribute list"],
    ["void f() __attribute__(()) {}", "empty __attribute__"],
    ["int main() { return sizeof(auto); }", "auto as a type-id"],
    ["vector<auto> v;", "auto as a template argument"],
    ["int main() { co_await x; }", "co_await (C++20)"],
    ["int main() {\n#pragma x \\\r}\n", "a backslash before CR in a directive that is no line splice"],
    ["template <typename T> using namespace std;", "a template of a using-directive"],
    ["int main() { int y = unsigned long long(); }", "a functional cast of a multi-word type"],
    // fourth round (session 4): conversion functions with a type, specializations without `template<>`
    ["struct S { auto operator int() { return 0; } };", "a conversion function with a return type"],
    ["struct S { operator int(); };\nint S::operator int() { return 0; }", "a conversion function with a return type"],
    ["auto operator int() { return 0; }", "a conversion function with a return type"],
    ["template <class T> int f() { return 0; }\nint f<int>() { return 1; }", "a specialization without template<>"],
    ["template <class T> struct S {};\nstruct S<int> {};", "a specialization without template<>"],
    ["template <class T> int v = 0;\nint v<int> = 1;", "a specialization without template<>"],
    ["int main() { vector<pair<int,>> v; }", "an empty last template argument before >>"],
    ["struct A { typedef int t; };\nint main() { typename A::operator+ x; }", "typename before an operator name"],
    ["template <int N> struct A {};\nA<{1}> a;", "a braced-init-list as a template argument"],
    ["int main() { int n = 1; vector<pair<int, ll>=dj(n + 1); }", "`>=` split into `>` `=` after a template argument"],
    ["typedef int f() { return 0; }", "typedef in a function definition"],
    ["struct A { A(); };\ntypedef A::A() {}", "typedef in a function definition"],
    ["struct S { typedef int f() { return 0; } };", "typedef in a function definition"],
    ["struct F {};\nstruct S { explicit F : 0; };", "explicit on a bit-field"],
    ["struct S { virtual int x; };", "virtual on a data member"],
    ["struct S { explicit int x = 1, y; };", "explicit on a data member"],
    ["struct S { explicit int f(); };", "explicit on a member function with a type"],
    ["struct S { explicit int f() { return 0; } };", "explicit on a member function with a type"],
    ["virtual void f() {}", "virtual outside a class"],
    ["int main() { int i = 0, n = 1; i-- = 0; }", "assignment to a postfix decrement"],
    ["int main() { int i = 0, n = 1; i < n = i; }", "assignment to a comparison"],
    ["int main() { int a = 1, b = 2; a + b += 3; }", "compound assignment to a sum"],
    ["int main() { vector<unsigned long long> = {}; }", "assignment to a template-id"],
    // session 8 (fallback witnesses of the C++ run)
    ["struct S { template <class T> void f() {} template <> void f<int>() {} };", "explicit specialization in a class"],
    ["template <class T> struct A { template <> decltype(auto) A<>() { return 0; } };", "explicit specialization in a class"],
    ['extern ""s { int x; }', "a user-defined literal as a linkage name"],
    ['extern "Java" { int z; }', "a language g++ does not know"],
    // session 9 (the witness hunt, seed 10)
    ["struct P { int a; };\nint main() { P p{1}; auto [A]{.a = 1}; }", "a designated initializer for a structured binding"],
    ["int main() { int x = 0;\n#if\t\nx = 1;\n#endif\n}", "#if without a condition"],
    ["int main() { int x = 0;\n#if!\nx = 1;\n#endif\n}", "#if without an operand"],
    ["int main() { return 0; // c \\  \n}", "a backslash and blanks ending a comment (g++ splices the next line into it)"],
    ["struct A { int operator=(int); };\nstruct S { int x; } A::operator={};", "an operator's name with a braced initializer"],
    ["struct W { int m; };\nint main() { W w; w.*2 = 0; }", "a literal as a member pointer (an MDM output, 028/1)"],
    ["struct A { int operator=(int); };\nclass B { auto A::operator = {}, A : 2; };", "an operator's name with an initializer (an MDM output, 075/2)"],
    ["struct A { int operator=(int); };\nauto A::operator = 3;", "an operator's name with an initializer"],
    ["struct A { int operator=(int); };\nint main() { A::operator={}; }", "braces after an operator's name"],
  ])("rejects %j (%s)", (text) => {
    expect(ours(text)).toBe(false);
  });

  it.each([
    "struct A { A() = default; A(int) = delete; virtual void f() = 0; virtual ~A() = default; explicit operator bool() const { return true; } };",
    "struct B { friend B operator+(B a, B b) { return a; } friend class C; int x = 0, y{1}; };",
    "template <class T> struct S { template <class U> friend struct Q; friend T; template <class U> void g(U) {} };",
    "struct S { struct { int a; }; union { int b; float c; }; enum E { X }; static constexpr int N = 3; int bits : 3; };",
    "int main() { struct P { int a; }; enum E { X }; }",
    "class Fwd; enum class Color : int; struct Tag {};",
    "int f(int c) { return c ? 1 : throw runtime_error(\"x\"); }\nvoid g() { throw; }",
    "template <class... T> void f(T&&... a) {}\ntemplate <int... N> struct S {};\ntemplate <class... T> void h(const T&..., int);",
    "auto f() -> int { return 1; }\nint (*pick(int))(int);\nint *p(int x) { return nullptr; }",
    "int main() { auto [a, b] = make_pair(1, 2); const auto& [c, d] = make_pair(3, 4); for (auto& [k, v] : map<int, int>{}) {} }",
    "struct P { int a, b; };\nP p = {.a = 1, .b = 2};\nP q{.a = 1};\nint v[3] = {1, 2, 3};",
    "template <class T> void f() { typename T::type x; typename std::vector<T>::iterator it; }\nusing std::swap;",
    "int a;\n#define X 1\n#define F(a, b) ((a) + \\\n  (b))\n#undef X\n#pragma GCC optimize(\"O2\")\n#include <vector> // comment\nint b;\n",
    "int a;\n#ifdef LOCAL\nint b;\n#elif defined(X) && X >= 2\nint c;\n#else\nint d;\n#endif\n#line 12 // here\nint e;\n",
    "int main() {\n#ifndef ONLINE_JUDGE\n    int x = 0;\n#endif\n    return 0;\n}\n",
    "struct A { A(); ~A(); operator int() const; };\nA::A() {}\ninline A::~A() {}\nA::operator int() const { return 0; }",
    "struct S {\n#define M 1\n  int x;\n#ifdef M\n  int y;\n#endif\n};\nint main() {\n#pragma GCC ivdep\n  return 0;\n}\n",
    "decltype(auto) f() { return 1; }\nauto g() -> decltype(f()) { return 1; }\n[[nodiscard]] int h();",
    "template <class T> int f() { return 0; }\ntemplate <> int f<int>() { return 1; }\ntemplate int f<char>();",
    "template <class T> struct S {};\ntemplate <> struct S<int> { int x; };\ntemplate <class T> struct S<T*> {};\ntemplate struct S<long>;",
    "template <class T> constexpr bool is_p = false;\ntemplate <class T> constexpr bool is_p<T*> = true;",
    "template <class T> struct A;\ntemplate <class T> bool operator==(const A<T>&, const A<T>&);\ntemplate <class T> struct A { friend bool operator== <>(const A&, const A&); };",
    "struct S { operator int() const { return 1; } explicit operator bool() const; template <class T> operator T*() const { return nullptr; } };\nS::operator bool() const { return true; }",
    "namespace std { template <> struct hash<pair<int,int>> { size_t operator()(const pair<int,int>& p) const { return p.first; } }; }",
    "template <class T> struct O { template <class U> struct I {}; template <class U> struct I<U*> {}; };",
    "vector<pair<int,int>> v; map<int, vector<int>> m; set<pair<int, vector<int>>> s2; vector<vector<int>> g;",
    "template <class T> struct B { typedef T type; };\ntemplate <class T> void f() { typename B<T>::type x; typename vector<T>::iterator it; }\nstruct D : B<int> { using B<int>::type; };",
    "template <class T> struct A { void f(); };\ntemplate <> void A<int>::f() {}\ntemplate <class T> void A<T>::f() {}",
    "struct A { A(); ~A(); operator long long() const; };\nA::A() {}\nA::~A() {}\nA::operator long long() const { return 0; }",
    "struct B { virtual ~B() = default; virtual int f() const = 0; int virtual g(); explicit B(int); explicit operator bool() const; static constexpr int N = 3; int a : 3, b = 1; int h(), k; };",
    "struct N { int v; N* next; int a[2]; };\nint g;\nint& r() { return g; }\nint main() { N n{}; N* p = &n; int x, y; x = y = 1; p->next = p; p->next->v += 2; n.a[1] = 3; *p = n; (x) = 4; r() = 5; ::g = 6; tie(x, y) = make_pair(1, 2); int* q = &x; *q++ = 7; vector<vector<int>> v(2, vector<int>(2)); v[0][1] ^= 1; map<int, pair<int, int>> m; m[1].second = 2; (x > y ? x : y) = 0; }",
    "typedef int F(int); struct S { typedef int G(); friend int h() { return 0; } static inline int k() { return 1; } }; inline int f() { return 0; } [[nodiscard]] constexpr int g() { return 1; }",
    "template <int N> struct A {};\nconst int n = 3;\nA<n >= 2> a;\ntemplate <class T> enable_if_t<sizeof(T) >= 4, int> f(T) { return 0; }\nbool b = 1 >= 0;",
  ])("accepts %j", (text) => {
    expect(ours(text)).toBe(true);
  });

  it("tree-sitter-cpp agrees with the valid neighbours it can parse", () => {
    // a sanity check of the oracle on the texts above that it supports (not friend-inline, throw in ?:)
    expect(ts.accepts(HEAD + "struct A { A() = default; virtual ~A() = default; };\nint main() { auto [a, b] = make_pair(1, 2); }\n")).toBe(true);
  });
});

/**
 * Valid C++ that tree-sitter-cpp, the infill benchmark's first judge, rejects, and that MDM outputs
 * constrained by cpp.lark contained (session 7's C++ run: 7 of 60 outputs rejected by tree-sitter):
 * the grammar leaves it out, so that an output passes both judges. And the contextual lexer's split of
 * an identifier after an operand (`order` read as `or der`), which no C++ lexer does.
 */
describe("cpp.lark leaves out what tree-sitter-cpp cannot parse", () => {
  it.each([
    ["int main() { return 0; }\n;", "an empty declaration at file scope"],
    ["int main() { return 0; };", "a function body followed by `;`"],
    ["namespace A { int x; };", "a namespace body followed by `;`"],
    ["struct S { int x;; };", "an empty member declaration"],
    ["struct S { ; int x; };", "an empty member declaration"],
    ["int a; decltype(a, a) b = a;", "a comma expression in decltype"],
    ["struct S { decltype(0) : 3; };", "an unnamed bit-field"],
    ["struct S { int : 3; };", "an unnamed bit-field"],
    ["struct S { int f() { return 1; }; };", "a `;` after a member function's body (tree-sitter takes `void f() {};` only, as a braced data member)"],
    ["struct S { S() {}; };", "a `;` after a constructor's body"],
    ["int a;\n#\nint b;", "a null directive"],
    ["#\n#include <vector>\nint a;", "a null directive among the leading ones"],
    ['extern "C" {\nint a;\n#\n\n#\nint b;\n}', "null directives"],
    ["int main() { for (;;) int x = 0; }", "a declaration as a loop's body"],
    ["int main() { if (1) int x = 0; }", "a declaration as an if's body"],
    ["int main() { do int x = 0; while (0); }", "a declaration as a do's body"],
    ["int main() { l: int x = 0; }", "a declaration after a label"],
    ["int c = '; x // y';", "`//` inside a character literal"],
    // session 9 (the witness hunt, seed 9): tree-sitter reads these function bodies as brace initializers
    ["void f() { { } }", "an empty block as a statement"],
    ["void f() { { { } } return; }", "blocks of blocks only as a statement"],
    ["void f(int a = {});", "a braced-init-list as a default argument"],
    ["void f(int = {});", "a braced-init-list as a default argument"],
    ["void f(int a ...);", "a named parameter before `...` without a comma"],
    // session 9, the MDM and an AR plan (075/2): a qualified declarator-id among a class's members
    ["struct A { int f(); };\nstruct S { int A::f(); };", "a qualified member function"],
    ["struct A { int x; };\nstruct S { int A::x; };", "a qualified data member"],
    ["struct A {};\nstruct S { auto A::operator=(const A&) {} };", "a qualified operator among members"],
    ["struct S { int S::f() { return 0; } };", "a member qualified by its own class"],
    // session 9, an AR plan: a pack declarator followed by C varargs without a comma
    ["template <class... T> void f(T&... ...);", "`...` without a comma after a pack"],
    ["int main() { auto l = [](const int & ... ...) {}; }", "`...` without a comma after a pack"],
    ["struct W { int m; };\nint main() { W w; int W::*pm = &W::m; int x = w.*(pm); }", "a parenthesized member pointer"],
    ["int main() { int R = 4; vector<bool> isPrime(R = { }); }", "a braced-init-list assigned inside an expression"],
    ["struct S { int operator+(int); };\nint main() { S s; int x = s.operator+(1); }", "an operator's name after `.`"],
    ["struct S { operator int(); };\nint main() { S s; S* p = &s; int y = p->operator int(); }", "a conversion function's name after `->`"],
  ])("rejects %j (%s), as tree-sitter does, although g++ accepts it", (text) => {
    expect(ts.accepts(HEAD + text + "\n")).toBe(false);
    expect(ours(text)).toBe(false);
  });

  it.each([
    "template <class T> struct classr {};\nint main() { classr<int> {} order(); }",
    "int main() { bool a = true, b; b = a and(b); b = a or!b; b = a bitand(b); }",
  ])("rejects %j: an alternative token right before a name or without whitespace after it", (text) => {
    expect(ours(text)).toBe(false);
  });

  it.each([
    "namespace A { ; int x; }",
    "extern \"C\" { ; }",
    "extern \"C++\" { int y; }\nextern \"C\" int f(int);",
    "int main() { for (;;) { int x = 0; } if (1) return 0; else if (2) return 1; else { int y; } l: ; }",
    "char c = '/'; char d = 'a/'; char e = '\\n'; int f = 'ab'; char g = '\\\\'; int h = 'x /* y';",
    "struct S { template <class T> void f() {} };\ntemplate <> void S::f<int>() {}",
    "struct S { void f() {}; int g() { return 0; } int x{1}; };",
    "int a; decltype((a, a)) b = a; decltype(a) c = a;",
    "struct S { int x : 3, y : 4; };",
    "int a{1}; int v[3]{1, 2, 3}; int (*fp)(int){nullptr}; vector<int> w{1, 2};\nint main() { pair<int, int> p{1, 2}; int x(3), y = 4; }",
    "int main() { int x = 1; // a line comment \\\n  continued\n  return x; }",
    "int main() { int a = 1, b = 2; if (a or b) a = 0; if (a and\tb) a = 1; a or_eq 2; a xor_eq b; bool c = not a; return a not_eq b; }",
    "int main() { int order = 1, android = 2; return order + android; }",
    "int main() { { int x = 1; { x++; } } { ; } if (1) {} else {} while (0) {} for (;;) {} do {} while (0); l: {} switch (1) {} try {} catch (...) {} auto g = [] {}; }",
    "void f(vector<int> v = vector<int>{}, int a = int{}, int b = 3);",
    "template <class... T> void g(T&... a); void h(int...); void k(int, ...); template <class T> void m(T...);",
    "struct S { S(); ~S(); explicit S(int) {} operator int() const; virtual int f() const; int x = 1, y[3]; int (*fp)(int); static int g(); S& operator=(const S&) = default; int operator()(int) { return 0; } friend bool operator==(S, S) { return true; } };\nS::S() {}\nint S::g() { return 0; }\nS::operator int() const { return 0; }",
    "struct P { int a, b; };\nint main() { P p{1, 2}; auto [a, b] = p; auto& [c, d]{p}; const auto [e, f](p); for (auto [g, h] : vector<P>{}) {} }",
    "int main() { int x = 0;\n#if X\nx = 1;\n#elif !defined(Y) && Z >= 2\nx = 2;\n#elif(1)\n#elif -1\n#endif\n}",
    "int main() { auto v = vector<int>{1, 2}; auto p = pair<int, int>{1, 2}; auto q = std::vector<int>{}; int z = int{3}; }",
    "int main() { vector<int> v; v = {1, 2}; pair<int, int> p; p = {3, 4}; v = {}; int a, b; a = b = 3; a += 2; }",
    "int main() { int x = 1; // a \\ b \\\\ c \\x\n  return x; // spliced \\\n  on\n}",
    "struct A { static int v; };\nint A::v{1};\nint w{2}, u[2]{1, 2};",
    'struct A { A& operator=(const A&) = default; bool operator<(const A& o) const { return true; } int operator()(int) const; friend bool operator==(A, A) { return true; } };\nint A::operator()(int x) const { return x; }\nbool operator>(A a, A b) { return b < a; }\nconstexpr long double operator""_km(long double x) { return x; }\nostream& operator<<(ostream& o, const A&) { return o; }',
    "struct W { int m; int f() { return 1; } };\nint main() { W w; int W::*pm = &W::m; int (W::*pf)() = &W::f; w.*pm = 10; int W::*ps[1] = {pm}; return (w.*pf)() + w.*pm + w.*ps[0]; }",
    "struct S { int v; int f() { return v; } template <class T> T g() { return T(); } ~S() {} };\nint main() { S s; S* p = &s; s.v = 1; p->v = 2; int a = s.f() + p->f() + s.template g<int>() + s.S::f(); p->~S(); }",
  ])("accepts %j, as tree-sitter and g++ do", (text) => {
    expect(ts.accepts(HEAD + text + "\n")).toBe(true);
    expect(ours(text)).toBe(true);
  });
});
