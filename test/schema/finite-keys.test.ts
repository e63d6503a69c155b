/**
 * Objects whose other keys come from a finite set: keys are distinct, so no more members than that
 * set holds can follow the named ones, and a minProperties beyond it leaves the shape empty. Oracle:
 * ajv over every object with keys from a small universe (all subsets), against `accepts`.
 */
import { describe, expect, it } from "vitest";
import { isGramfillError } from "../../src/util/errors.js";
import { ajvFor, compile } from "./helpers.js";

const UNIVERSE = ["x", "a", "b", "/", "c"];
const FINITE = { patternProperties: { "^(a|b)$": {} }, additionalProperties: false };

function subsets<T>(xs: T[]): T[][] {
  return xs.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);
}

const SCHEMAS: object[] = [
  { type: "object", ...FINITE },
  { type: "object", ...FINITE, minProperties: 2 },
  { type: "object", ...FINITE, minProperties: 3 },
  { type: "object", properties: { x: {} }, ...FINITE, minProperties: 3 },
  { type: "object", properties: { x: {} }, ...FINITE, minProperties: 4 },
  { type: "object", properties: { x: {} }, required: ["x"], ...FINITE, maxProperties: 2 },
  { type: "object", propertyNames: { enum: ["/", "a"] }, minProperties: 2 },
  { type: "object", anyOf: [{ minProperties: 3 }, { required: ["a"] }], ...FINITE },
];

describe("finite sets of other keys", () => {
  it.each(SCHEMAS.map((s) => [JSON.stringify(s), s] as const))("%s: the grammar accepts exactly the objects ajv does", (_, schema) => {
    const validate = ajvFor(schema);
    const objects = subsets(UNIVERSE).map((ks) => Object.fromEntries(ks.map((k) => [k, 1])));
    const valid = objects.filter((o) => validate(o));
    let compiled;
    try {
      compiled = compile(schema);
    } catch (e) {
      if (!isGramfillError(e) || e.code !== "schema_empty") throw e;
      expect(valid).toEqual([]); // the compiler says no instance: ajv finds none either
      return;
    }
    expect(valid.length).toBeGreaterThan(0);
    for (const o of objects) expect(compiled.accepts(o), JSON.stringify(o)).toBe(validate(o));
  });

  it("counts keys as JSON.parse reads them: `\"/\"` and `\"\\/\"` are one key", () => {
    const g = compile({ type: "object", propertyNames: { enum: ["/"] } }).compiled;
    expect(g.check('{"/":1}').ok).toBe(true);
    expect(g.check('{"/":1,"\\/":2}').ok).toBe(false); // one key can be written once: one member at most
  });
});
