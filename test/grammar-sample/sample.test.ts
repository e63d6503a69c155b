import { describe, expect, it } from "vitest";
import { Sampler, sampleWord } from "../../src/grammar/sample.js";
import type { Grammar } from "../../src/grammar/ir.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { compileSchema } from "../../src/schema/index.js";

function lcg(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

describe("grammar sampler", () => {
  it("samples words of a recursive grammar within the depth budget", () => {
    // s: "(" s ")" s | X ; X: /[a-c]{1,3}/
    const g: Grammar = {
      start: "s",
      rules: [
        {
          name: "s",
          expr: {
            type: "alt",
            alts: [
              { type: "seq", items: [{ type: "terminal", name: "LP" }, { type: "rule", name: "s" }, { type: "terminal", name: "RP" }, { type: "rule", name: "s" }] },
              { type: "terminal", name: "X" },
            ],
          },
        },
      ],
      terminals: [
        { name: "LP", expr: { type: "literal", value: "(" } },
        { name: "RP", expr: { type: "literal", value: ")" } },
        { name: "X", expr: { type: "regex", source: "[a-c]{1,3}", flags: "" } },
      ],
      diagnostics: [],
    };
    const c = compileGrammar(g);
    const sampler = new Sampler(g, { random: lcg(3), maxDepth: 6 });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const w = sampleWord(c, {}, sampler);
      expect(w).toBeDefined();
      const text = new TextDecoder().decode(w!);
      expect(c.check(text).ok, text).toBe(true);
      seen.add(text);
    }
    expect(seen.size).toBeGreaterThan(50);
    expect([...seen].some((t) => t.includes("(("))).toBe(true);
  });

  it("terminal walks stay inside the language and reach multi-byte characters", () => {
    const s = compileSchema({ type: "string", pattern: "^[é😀a]{2,5}$" });
    const sampler = new Sampler(s.grammar, { random: lcg(11), maxTerminalBytes: 40 });
    let multi = 0;
    for (let i = 0; i < 100; i++) {
      const w = sampleWord(s.compiled, {}, sampler)!;
      const v = JSON.parse(new TextDecoder().decode(w)) as string;
      expect(/^[é😀a]{2,5}$/u.test(v), v).toBe(true);
      if (/[é😀]/u.test(v)) multi++;
    }
    expect(multi).toBeGreaterThan(10);
  });

  it("sampled schema instances are accepted by the schema's grammar", () => {
    const s = compileSchema({ type: "object", properties: { n: { type: "integer", minimum: -5, maximum: 5 }, t: { type: "array", items: { enum: ["x", "y"] }, maxItems: 2 } }, required: ["n"] });
    const sampler = new Sampler(s.grammar, { random: lcg(5) });
    for (let i = 0; i < 100; i++) {
      const w = sampleWord(s.compiled, {}, sampler)!;
      const v = JSON.parse(new TextDecoder().decode(w)) as { n: number; t?: string[] };
      expect(Number.isInteger(v.n) && v.n >= -5 && v.n <= 5).toBe(true);
      expect(v.t === undefined || (v.t.length <= 2 && v.t.every((x) => x === "x" || x === "y"))).toBe(true);
    }
  });
});
