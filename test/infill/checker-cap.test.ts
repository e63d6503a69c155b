// A counting terminal (a string with a large maxLength) walked round an unbounded hole's loop used
// to create every counter state and throw "lexer automaton exceeded 50000 states" (8 of 164
// JSONSchemaBench schemas in the MDM run); the lattice now stops at a DFA growth budget and the
// checker answers from a byte-exact model of the bounded holes, or "unknown" (a budget).
import { describe, expect, it } from "vitest";
import { compileSchema } from "../../src/schema/index.js";
import { InfillChecker, type Canvas } from "../../src/infill/index.js";

const schema = { type: "object", properties: { a: { type: "string", maxLength: 65535 }, b: { type: "integer" } }, required: ["a", "b"], additionalProperties: false };

describe("infill checker on a grammar with a huge counting terminal", () => {
  it("answers without filling the lexer automaton, and stays usable", () => {
    const { compiled } = compileSchema(schema);
    const checker = new InfillChecker(compiled, { quickBudget: 0 });
    const canvas: Canvas = [{ text: '{"a":"' }, { hole: { tokens: 32 } }, { text: '","b":1}' }];
    const r = checker.check(canvas);
    expect(["feasible", "unknown"]).toContain(r.status);
    if (r.status === "feasible") expect(compiled.check(r.text!).ok).toBe(true);
    // exact answers still come where the bounded model decides: no integer fits before `}` here
    expect(checker.check([{ text: '{"a":"x","b":' }, { hole: { tokens: 2 } }, { text: '"}' }]).status).toBe("infeasible");
    // the grammar's shared DFA was not filled up: a long string still parses
    expect(compiled.check(`{"a":"${"x".repeat(3000)}","b":7}`).ok).toBe(true);
  });

  it("a tail hole after the counting string gets a witness", () => {
    const { compiled } = compileSchema(schema);
    const r = new InfillChecker(compiled).check([{ text: '{"a":"' }, { hole: { tokens: 32, tailMayEnd: true } }]);
    expect(r.status).toBe("feasible");
    expect(compiled.check(r.text!).ok).toBe(true);
  });

  it("maxItemsPerCheck: one check's tiers share the item budget (unknown past it, never a wrong answer)", () => {
    const { compiled } = compileSchema(schema);
    // quick search off: the chart must decide
    const canvas: Canvas = [{ text: '{"a":"' }, { hole: { tokens: 6 } }, { text: '"' }, { hole: { tokens: 3 } }, { text: "7}" }];
    const free = new InfillChecker(compiled, { quickBudget: 0 }).check(canvas);
    expect(free.status).toBe("feasible");
    expect(free.stats.items).toBeGreaterThan(40);
    const capped = new InfillChecker(compiled, { quickBudget: 0, maxItems: 40, maxItemsPerCheck: 40 }).check(canvas);
    expect(capped.status).toBe("unknown");
    expect(capped.reason).toBe("budget");
    // each tier's chart stops once past its share, so the check stays near the cap
    expect(capped.stats.items).toBeLessThan(free.stats.items);
    // a check asked for more items per tier than the cap (a session's first check) keeps its bound
    const first = new InfillChecker(compiled, { quickBudget: 0, maxItemsPerCheck: 40 }).check(canvas);
    expect(first.status).toBe("feasible");
    const roomy = new InfillChecker(compiled, { quickBudget: 0, maxItemsPerCheck: 10 * free.stats.items }).check(canvas);
    expect(roomy.status).toBe("feasible");
    expect(compiled.check(roomy.text!).ok).toBe(true);
  });
});
