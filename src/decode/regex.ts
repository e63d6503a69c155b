/** A regex as a one-terminal grammar: the whole output must match it. */
import type { Grammar } from "../grammar/ir.js";
import { assertValidGrammar } from "../grammar/validate.js";
import { GramfillError } from "../util/errors.js";

export function regexGrammar(source: string): Grammar {
  if (source === "") throw new GramfillError("usage", "--regex: the regex is empty");
  try {
    new RegExp(source, "u");
  } catch (e) {
    throw new GramfillError("regex_syntax", `--regex: ${(e as Error).message}`);
  }
  const g: Grammar = {
    start: "start",
    // a terminal may not match the empty string: OUTPUT is the regex minus "", and optional when
    // the regex matches ""
    rules: [{ name: "start", expr: new RegExp(`^(?:${source})$`, "u").test("") ? { type: "repeat", expr: { type: "terminal", name: "OUTPUT" }, min: 0, max: 1 } : { type: "terminal", name: "OUTPUT" } }],
    terminals: [
      {
        name: "OUTPUT",
        expr: { type: "and", items: [{ type: "regex", source, flags: "" }, { type: "repeat", expr: { type: "charset", ranges: [[0, 0x10ffff]] }, min: 1, max: Infinity }] },
      },
    ],
    diagnostics: [],
  };
  g.diagnostics.push(...assertValidGrammar(g));
  return g;
}
