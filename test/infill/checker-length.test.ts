// The least-length refutation: every word of the grammar is at least as long as its cheapest
// derivation (terminals at their shortest members), so a canvas whose text and holes cannot hold
// that many bytes is infeasible at once — before, the chart searched to its budget and said
// "unknown" (JSONSchemaBench schemas whose least document is ~650 bytes, given 32 positions of at
// most 16 bytes, ended UNFINISHED after a minute of checks).
import { describe, expect, it } from "vitest";
import { parseGrammar } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { InfillChecker } from "../../src/infill/index.js";

// a word is at least 2 + 10 + 2 = 14 bytes: "<" ten digits ">" and a name of at least 2 letters
const g = compileGrammar(parseGrammar('start: "<" D D D D D D D D D D ">" NAME\nD: /[0-9]/\nNAME: /[a-z][a-z]+/', "lark"));

describe("infill checker: least word length", () => {
  it("a canvas that cannot hold the least word is infeasible without a chart; one byte more of room is feasible", () => {
    const checker = new InfillChecker(g, { maxTokenBytes: 2 });
    // room 1 + 5·2 + 1 + 2 = 14 bytes = the least word: feasible, exactly
    const exact = checker.check([{ text: "<" }, { hole: { tokens: 5 } }, { text: ">" }, { hole: { tokens: 1 } }]);
    expect(exact.status).toBe("feasible");
    expect(g.check(exact.text!).ok).toBe(true);
    // room 12 < 14
    const short = checker.check([{ text: "<" }, { hole: { tokens: 4 } }, { text: ">" }, { hole: { tokens: 1 } }]);
    expect(short.status).toBe("infeasible");
    expect(short.stats.items).toBe(0);
    expect(short.stats.tiers).toBe(0);
    // the same through a session (the decoder's path)
    // room 1 + 10 + 3 = 14; a one-byte token at the first position leaves 13
    const s = checker.session([{ text: "<" }, { hole: { tokens: 5 } }, { text: ">ab" }]);
    expect(s.check().status).toBe("feasible");
    expect(s.tryCommit(0, new TextEncoder().encode("3")).status).toBe("infeasible");
    expect(s.tryCommit(0, new TextEncoder().encode("34")).status).toBe("feasible");
  });
});
