/**
 * Keywords beside `$ref` in drafts 4–7: the spec (and Python's jsonschema, JSONSchemaBench's validator)
 * ignores them, ajv 8 applies them. `refSiblings: "spec"` (default) compiles the spec's language;
 * `"intersect"` compiles $ref ∩ siblings, what generation uses so that outputs validate under both.
 * Oracles: ajv (siblings applied) and ajv on the schema with the siblings deleted (the spec's reading).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { isGramfillError } from "../../src/util/errors.js";
import { ajvFor, compile } from "./helpers.js";

const D4 = "http://json-schema.org/draft-04/schema#";
const D7 = "http://json-schema.org/draft-07/schema#";

/** Github_hard/o14528 in small: `{"type": "object", "$ref": …}` where the target has no type */
const o14528Like = {
  $schema: D4,
  type: "object",
  required: ["project"],
  additionalProperties: false,
  properties: {
    // the shortest spec-mode value here is `0`, which ajv rejects: close-out alone would expose it
    project: { type: "object", $ref: "#/definitions/projectDef" },
    projects: { type: "object", patternProperties: { "^[a-z]+$": { type: "object", $ref: "#/definitions/projectDef" } } },
  },
  definitions: { projectDef: { properties: { title: { type: "string" } }, additionalProperties: false } },
};

describe("$ref siblings (drafts 4–7)", () => {
  it("spec mode ignores them (an instance ajv rejects is accepted); intersect applies them", () => {
    const instance = { project: 0, projects: { x: "not an object" } };
    expect(ajvFor(o14528Like)(instance)).toBe(false);
    expect(compile(o14528Like).accepts(instance)).toBe(true);
    expect(compile(o14528Like, { refSiblings: "intersect" }).accepts(instance)).toBe(false);
    const both = { project: {}, projects: { x: { title: "t" } } };
    expect(ajvFor(o14528Like)(both)).toBe(true);
    expect(compile(o14528Like, { refSiblings: "intersect" }).accepts(both)).toBe(true);
  });

  it("from 2019-09 on siblings apply in both modes (the option changes nothing there)", () => {
    const s = { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { t: { minimum: 3 } }, properties: { p: { type: "string", $ref: "#/$defs/t" } } };
    for (const refSiblings of ["spec", "intersect"] as const) {
      const c = compile(s, { refSiblings });
      expect(c.accepts({ p: 4 })).toBe(false);
      expect(c.accepts({ p: "x" })).toBe(true);
    }
  });

  it("property: intersect accepts exactly what ajv accepts, and only what the spec's reading accepts", () => {
    const targets = [{}, { type: "string" }, { type: "object", properties: { a: { type: "integer" } }, required: ["a"] }, { minimum: 3 }, { enum: [1, "x", null] }, { maxLength: 2 }];
    const siblings = [{}, { type: "object" }, { type: "string" }, { minLength: 1 }, { maximum: 5 }, { type: ["integer", "null"] }, { not: { type: "null" } }];
    const values = [0, 4, 7, 2.5, "", "x", "abc", null, true, {}, { a: 1 }, { a: "s" }, []];
    fc.assert(
      fc.property(fc.constantFrom(D4, D7), fc.constantFrom(...targets), fc.constantFrom(...siblings), (draft, target, sibling) => {
        const schema = { $schema: draft, definitions: { t: target }, properties: { p: { ...sibling, $ref: "#/definitions/t" } } };
        const specReading = { $schema: draft, definitions: { t: target }, properties: { p: { $ref: "#/definitions/t" } } };
        const ajv = ajvFor(schema);
        const ajvSpec = ajvFor(specReading);
        const spec = compile(schema);
        let inter: ((v: unknown) => boolean) | undefined;
        try {
          const c = compile(schema, { refSiblings: "intersect" });
          inter = (v) => c.accepts(v);
        } catch (e) {
          // only an empty intersection may fail, and then ajv must reject every instance with p
          if (!isGramfillError(e) || e.code !== "schema_empty") throw e;
        }
        for (const v of values) {
          const inst = { p: v };
          const i = inter ? inter(inst) : false;
          expect(i, `intersect ${JSON.stringify(schema)} on ${JSON.stringify(inst)}`).toBe(ajv(inst));
          expect(spec.accepts(inst), `spec ${JSON.stringify(schema)} on ${JSON.stringify(inst)}`).toBe(ajvSpec(inst));
          if (i) expect(spec.accepts(inst)).toBe(true);
        }
      }),
      { numRuns: 20, seed: 8 },
    );
  });

  it("bench jsonschemabench generates under intersect: the o14528-like schema's output is valid for ajv", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gramfill-refsib-"));
    mkdirSync(join(dir, "Github_hard"));
    writeFileSync(join(dir, "Github_hard", "o14528like.json"), JSON.stringify(o14528Like));
    const out = join(dir, "r.json");
    const r = await run(["bench", "jsonschemabench", "--data", dir, "--max-tokens", "24", "--json", out]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.per_schema[0]).toMatchObject({ file: "Github_hard/o14528like.json", status: "OK", valid: true });
    expect(ajvFor(o14528Like)(JSON.parse(report.per_schema[0].output))).toBe(true);
  }, 60_000);
});

describe("`dependencies` without `$schema` (2020-12, where it is no keyword)", () => {
  // Glaiveai2K/calculate_area_*: required keys whose dependencies name keys never listed
  const s = { type: "object", properties: { radius: { type: "number" } }, dependencies: { radius: ["circle"], shape: { required: ["kind"] } } };
  it("spec mode ignores it; generation (intersect) applies it, as ajv does", () => {
    const missing = { radius: 1 };
    const full = { radius: 1, circle: true };
    expect(ajvFor(s)(missing)).toBe(false);
    expect(compile(s).accepts(missing)).toBe(true);
    const gen = compile(s, { refSiblings: "intersect" });
    expect(gen.accepts(missing)).toBe(false);
    expect(gen.accepts(full)).toBe(true);
    expect(ajvFor(s)(full)).toBe(true);
    expect(gen.accepts({ shape: 1 })).toBe(false);
    expect(gen.accepts({ shape: 1, kind: 2 })).toBe(true);
  });
});
