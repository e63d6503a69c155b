import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";

describe("lexeme conflicts", () => {
  it("are reported by compile when greedy lexing can dead-end a viable prefix", async () => {
    const r = await run(["compile", "-g", "test/fixtures/cli/greedy-conflict.lark"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/lexeme conflicts 1 /);
    expect(r.stderr).toMatch(/greedy-conflict\.lark:3:\d+: warning: terminal A can be followed by B, whose first byte can extend A/);
    // the approximation the warning is about: "a" looks viable, yet no word starts with it
    const g = compileGrammar(loadGrammarFile("test/fixtures/cli/greedy-conflict.lark"));
    expect(g.check("a", { prefix: true }).ok).toBe(true);
    expect(g.check("aa").ok).toBe(false);
  });

  it("are absent from the shipped grammars, or separable by ignored whitespace", () => {
    for (const name of ["json", "arithmetic", "smiles", "sql", "c", "cpp"]) {
      const conflicts = compileGrammar(loadGrammarFile(`grammars/${name}.lark`)).lexemeConflicts();
      expect({ name, unseparable: conflicts.filter((c) => !c.separable) }).toEqual({ name, unseparable: [] });
    }
    const separable = compileGrammar(loadGrammarFile("grammars/cpp.lark")).lexemeConflicts();
    expect(separable.length).toBeGreaterThan(10); // identifiers after identifiers: `int x`
  });
});
