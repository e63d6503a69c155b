/**
 * grammars/cpp.lark's range-for initializer as tree-sitter-cpp reads it (session 10): no comma
 * expression (`for (int x : a, b)`, valid C++ that g++ accepts; an AR fill-in-the-middle plan wrote
 * one, 063.cpp/2), while a parenthesized one, an assignment and a conditional stay.
 */
import { describe, expect, it } from "vitest";
import { cppJudges, hasGxx } from "./cpp-judges.js";

const HEAD = "#include <vector>\nstd::vector<int> a, b, c;\n";
const { ours, tsAccepts, gxxAccepts } = cppJudges(HEAD);
const loop = (init: string) => `int main() { for (int x : ${init}) x++; }`;

describe("cpp.lark: the range-for initializer, as tree-sitter reads it", () => {
  const refused = ["a, b", "a, b, c", "(a), b"];
  const kept = ["(a, b)", "a = b", "true ? a : b", "{1, 2}", "a"];

  it.each(refused)("refuses %j, as tree-sitter does", (e) => {
    expect(tsAccepts(loop(e))).toBe(false);
    expect(ours(loop(e))).toBe(false);
  });

  it.skipIf(!hasGxx)("g++ accepts every refused text (valid C++: the judge's reading decides)", async () => {
    expect(await gxxAccepts(refused.map(loop))).toEqual(refused.map(() => true));
  });

  it.each(kept)("accepts %j, as tree-sitter does", (e) => {
    expect(tsAccepts(loop(e))).toBe(true);
    expect(ours(loop(e))).toBe(true);
  });
});
