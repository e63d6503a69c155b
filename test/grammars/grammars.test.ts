/**
 * Accept/reject examples for every grammar shipped in grammars/, plus JSON property tests:
 * json.lark and json.gbnf against JSON.parse (the RFC 8259 reference) and tree-sitter-json.
 */
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { loadOracle, type Oracle } from "./treesitter.js";

const GRAMMARS = join(__dirname, "..", "..", "grammars");
const cache = new Map<string, CompiledGrammar>();
function grammar(file: string): CompiledGrammar {
  let cg = cache.get(file);
  if (!cg) {
    cg = compileGrammar(loadGrammarFile(join(GRAMMARS, file)));
    cache.set(file, cg);
  }
  return cg;
}
const accepts = (file: string, text: string) => grammar(file).check(text, { prefix: false, timeoutMs: 20_000 }).ok;

function examples(file: string, good: string[], bad: string[]) {
  describe(file, () => {
    it.each(good)("accepts %j", (t) => expect(accepts(file, t)).toBe(true));
    it.each(bad)("rejects %j", (t) => expect(accepts(file, t)).toBe(false));
  });
}

const JSON_GOOD = [
  "0", "-0", "1.5e10", "-12.75E-3", "1E+2", '""', '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"', '"héllo ☃ 😀"',
  "true", "false", "null", "[]", "{}", " [ 1 , 2 ] ", '{"a":{"b":[null,{}]}}', '\n\t\r {"k" : "v"} \n',
];
const JSON_BAD = [
  "", "01", "-", "1.", ".5", "+1", "1e", "0x10", "NaN", "Infinity", "[1,]", "[,1]", '{"a":1,}', "{a:1}", "'a'",
  '"a\tb"', '"a\nb"', '"\\x41"', '"\\u12"', '"unterminated', "[1 2]", '{"a" 1}', "truefalse", "[true false]",
  "nul", "\u00a0[]", "[1]\u000b", "// c\n1", "1 2",
];
examples("json.lark", JSON_GOOD, JSON_BAD);
examples("json.gbnf", JSON_GOOD, JSON_BAD);

describe("JSON grammars agree with JSON.parse and tree-sitter-json", () => {
  let ts: Oracle;
  beforeAll(async () => {
    ts = await loadOracle("json");
  });
  const parses = (t: string) => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };

  it("the fixed examples are judged like JSON.parse", () => {
    for (const t of [...JSON_GOOD, ...JSON_BAD]) expect([t, parses(t)]).toEqual([t, JSON_GOOD.includes(t)]);
  });

  it("accepts JSON.stringify(v, null, k) for generated values (and so does tree-sitter-json)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 4 }), (v, k) => {
        const text = JSON.stringify(v, null, k);
        expect(accepts("json.lark", text)).toBe(true);
        expect(accepts("json.gbnf", text)).toBe(true);
        // tree-sitter-json (tree-sitter-wasms 0.1.13) wrongly rejects exponents with a '+' sign
        if (!/[eE]\+/.test(text)) expect(ts.accepts(text)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("judges one-character edits of JSON texts exactly like JSON.parse", () => {
    const edit = fc.record({
      pos: fc.nat(),
      kind: fc.constantFrom("delete", "insert", "replace"),
      ch: fc.constantFrom(..."{}[],:\"\\ -+.eE0123456789tfnul\t\n\u0001x'/".split("")),
    });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 0, max: 2 }), edit, (v, k, e) => {
        const s = JSON.stringify(v, null, k);
        const p = s.length ? e.pos % (s.length + 1) : 0;
        const text =
          e.kind === "delete" ? s.slice(0, p) + s.slice(p + 1) : e.kind === "insert" ? s.slice(0, p) + e.ch + s.slice(p) : s.slice(0, p) + e.ch + s.slice(p + 1);
        const want = parses(text);
        expect([text, accepts("json.lark", text)]).toEqual([text, want]);
        expect([text, accepts("json.gbnf", text)]).toEqual([text, want]);
      }),
      { numRuns: 300 },
    );
  });

  it("knows tree-sitter-json's deviation: it rejects 1E+2 (RFC 8259 allows it)", () => {
    expect(accepts("json.lark", "1E+2")).toBe(true);
    expect(parses("1E+2")).toBe(true);
    expect(ts.accepts("1E+2")).toBe(false);
  });

  it("agrees with tree-sitter-json on the rejected examples it also rejects", () => {
    // tree-sitter-json is more lenient than RFC 8259 on some inputs; compare where it is strict
    const strict = JSON_BAD.filter((t) => !ts.accepts(t));
    expect(strict.length).toBeGreaterThan(10);
    for (const t of strict) expect([t, accepts("json.lark", t)]).toEqual([t, false]);
  });
});

examples(
  "arithmetic.lark",
  ["1", "1 + 2 * 3", "(1 + 2) * 3", "-4 ^ 2", "2 ^ 3 ^ 2", "2 ^ -1", "3.25 / .5 - -1", "((((7))))", "1/2/3", "- - 1"],
  ["", "1 +", "* 2", "(1 + 2", "1 + 2)", "1 2", "2 ^", "1..2", "1 % 2", "a + 1", "()"],
);

examples(
  "smiles.lark",
  [
    "C", "CCO", "C=C", "C#N", "c1ccccc1", "CC(=O)O", "CC(=O)Oc1ccccc1C(=O)O", "[NH4+]", "[Na+].[Cl-]", "[13CH4]",
    "N[C@@H](C)C(=O)O", "F/C=C/F", "F/C=C\\F", "C1CC2CCCCC2CC1", "C%10CCCCC%10", "[Fe+3]", "[2H]O[2H]", "[nH]1cccc1",
    "[CH3:1]C", "*C", "[*]", "C(C)(C)(C)C", "O=C1C=CC(=O)C=C1", "[Cu++]", "[O--]", "[C@TH1](F)(Cl)(Br)I",
  ],
  ["", "(C)", "C(", "C)", "[C", "[Xx]", "c1cc(", "C==C", "C..C", "[C+-]", "1CC", "C%1", "[H]]", "Cx", "C C"],
);

examples(
  "sql.lark",
  [
    "SELECT 1",
    "select a, b from t",
    "SELECT DISTINCT t.a AS x, count(*) FROM t GROUP BY t.a HAVING count(*) > 1 ORDER BY x DESC, 2 ASC LIMIT 10 OFFSET 20;",
    "SELECT * FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id) WHERE a.x IS NOT NULL AND b.y NOT LIKE 'q%'",
    "select name from users u where u.id in (select user_id from orders where total between 10 and 20.5)",
    "SELECT CASE WHEN x > 0 THEN 'pos' WHEN x < 0 THEN 'neg' ELSE 'zero' END AS sign FROM nums",
    "SELECT CAST(price AS DECIMAL(10, 2)) FROM items WHERE NOT (a = 1 OR b <> 2) AND c IN (1, 2, 3)",
    "SELECT a FROM t1 UNION ALL SELECT a FROM t2 ORDER BY a",
    "SELECT \"weird col\" FROM \"my table\" WHERE s = 'it''s' -- trailing comment",
    "SELECT COUNT(DISTINCT user_id) FROM (SELECT * FROM events) e WHERE EXISTS (SELECT 1 FROM users)",
  ],
  [
    "", "SELECT", "SELECT FROM t", "select a from", "select a from t where", "SELECT a b c FROM t",
    "SELECT a FROM t ORDER a", "SELECT a FROM t WHERE a = ", "SELECT a FROM t LIMIT", "select * from t where a in ()",
    "SELECT 'unterminated FROM t", "SELECT a, FROM t", "SELECT a FROM t GROUP BY", "DELETE FROM t",
  ],
);

examples(
  "c.lark",
  [
    "int main(void) { return 0; }",
    "#include <stdio.h>\n#define SQ(x) \\\n  ((x) * (x))\nint x = SQ(2);\n",
    "typedef struct node { int v; struct node *next; } node_t;\nnode_t *head;",
    "int (*signal(int sig, void (*func)(int)))(int);",
    "void f(int n, int a[static 10], double m[n][n]);",
    "struct p { unsigned a : 3, : 0, b : 5; };",
    "enum color { RED, GREEN = 3, BLUE, };",
    "int f(void) { T * x; a * b; (T)(y); return sizeof(T) + sizeof x; }",
    "void g(void) { int a[] = {[0] = 1, [2] = 3}; struct s v = {.x = 1, .y.z = 2}; p = &(struct s){1, 2}; }",
    "int h(int x) { switch (x) { case 1: case 2: return 1; default: break; } lbl: goto lbl; }",
    "int k(void) { for (int i = 0, j = 1; i < j; i++, j--) ; do x = a ? b : c; while (x); return x >>= 2, x; }",
    "/* comment */ int // line\n x = 'a' + L'b' + 0x1fULL + 017 + 1.5e-3f + .5;",
    "char *s = \"a\" \"b\\n\";",
    "_Static_assert(1, \"ok\"); _Alignas(8) int q; _Thread_local int tl;",
    "int v = va_arg(ap, int);",
  ],
  [
    "int main(void) { return 0 }",
    "int main(void) { return 0;",
    "int x = ;",
    "int int = 5;",
    "int f(void) { if (x) else y; }",
    "int f(void) { x = = 1; }",
    "int f(void) { a +* ; }",
    "struct { int a; } int x;",
    "int f(void) { for (i = 0, i < n, i++) ; }",
    "int f(void) { return a <> b; }",
    "int x = 1 @ 2;",
    "int f(void) { while x { } }",
    "int x = a <=> b;",
  ],
);

// preprocessor directives in c.lark: one starts its line (blanks before `#` allowed) and has a
// standard name or none; each example is judged as `gcc -fsyntax-only -x c` judges it (for
// `<x.h>` gcc stops at the missing header, which is not a syntax error: the line is a directive).
examples(
  "c.lark",
  [
    "#include <stdio.h>\nint x;",
    "int x;\n#define Y 1\nint y;",
    "int x;\n  #  if 0\n#endif\n#\nint y;",
    "  #include <stdio.h>\n\n#define A(x) \\\n  (x)\nint x;",
    "/* c */#include <x.h>\nint x;",
  ],
  [
    "int x; #define Y 1",
    "int x = 1 #e;",
    "int x = 1; #junk",
    "int x; /* c */#define Y 1\nint y;",
    "int x;\n#e = 1;",
    "int x;\n#includex\nint y;",
  ],
);

describe("c.lark preprocessor: known limits (gcc accepts these; see the comment at PREPROCESSOR_LINE)", () => {
  it.each([
    "int x;\n/* c */#define Y 1\nint y;", // a comment before `#` on the same line, after the first line
    "#include <stdio.h>", // a file of directives only must end with a newline
  ])("rejects %j", (t) => expect(accepts("c.lark", t)).toBe(false));
});

examples(
  "cpp.lark",
  [
    "#include <bits/stdc++.h>\nusing namespace std;\nint main() { ios::sync_with_stdio(false); cin.tie(nullptr); }",
    "std::vector<std::pair<int,int>> v; std::map<int, std::vector<int>> m; vector<vector<vector<int>>> c; A<B<C<D<int>>>> d;",
    "vector<vector<int> > old; int x = 256 >> 2; bool b = a < c && d > e;",
    "auto p = static_cast<std::vector<int>>(x); auto q = dynamic_cast<Derived*>(b); int r = reinterpret_cast<int&>(y);",
    "template <typename T, int N> struct Arr { T data[N]; T& operator[](int i) { return data[i]; } };",
    "template <> struct Fact<0> { static const int value = 1; };",
    "template <typename... Ts> auto sum(Ts... xs) { return (xs + ... + 0); }",
    "class A : public B, private virtual C { public: A(int x) : B(x), c_{x} {} ~A() override = default; virtual int f() const = 0; private: int c_; friend class D; };",
    "struct S { int x = 0; bool operator<(const S& o) const { return x < o.x; } S& operator++(); explicit operator bool() const; };",
    "enum class Color : unsigned char { Red, Green = 5 }; enum E { A, B, };",
    "namespace a { namespace b { inline int f() { return 1; } } } namespace c = a::b; using ll = long long; typedef unsigned long long ull;",
    "int main() { auto f = [&, x](int a) mutable -> int { return a + x; }; auto g = [=] { return 1; }; auto h = [this, &y, z = 2]() {}; }",
    "int main() { for (auto& [k, v] : m) {} for (int x : {1, 2, 3}) {} if (auto it = m.find(1); it != m.end()) {} }",
    "int main() { try { throw std::runtime_error(\"x\"); } catch (const std::exception& e) { } catch (...) { throw; } }",
    "int main() { int* p = new int[10]; delete[] p; auto q = new Node(1, nullptr); delete q; int Widget::*pm = &Widget::h; (w.*pm) = 1; (w.*pf)(); }", // no `->*`: tree-sitter rejects it (cpp-judges-less)
    "int main() { unsigned x = 0b1010'1010u + 1'000'000 + 0xFFull; auto s = R\"(raw \\ \"string\")\"; auto t = u8\"utf8\"; char c = '\\n'; }",
    "int main() { a <<= 1; b >>= 2; c = d <=> e; x = y ? z : w; i++ + ++j; return a, b; }",
    "int main() { switch (x) { case 1: break; default: goto out; } out: do { continue; } while (0); }",
    "decltype(auto) f(); constexpr int g = sizeof(int) + alignof(double); static_assert(g > 0, \"g\");",
    "int main() { std::cout << std::max<long long>(1, 2) << std::numeric_limits<int>::max() << '\\n'; }",
    "bool chmin(int& a, int b) { return b < a ? a = b, true : false; }",
  ],
  [
    "int main() { return 0 }",
    "int main() { return 0;",
    "class A { int x; }\nint main() {}",
    "int main() { int x = ; }",
    "int main() { std::vector<int v; }",
    "int main() { auto f = [&(int a) { return a; }; }",
    "int main() { if (x { } }",
    "int main() { for (int i = 0, i < n, i++) {} }",
    "int main() { x = a =< b; }",
    "int main() { int class = 1; }",
    "int main() { return a +* ; }",
    "template <typename T struct S {};",
    "int main() { retrun 0; }",
    "int main() { {x++;} else {x--;} }",
  ],
);
