import { createRequire } from "node:module";
import { compileSchema, type CompiledSchema, type SchemaOptions } from "../../src/schema/index.js";
import { GramfillError } from "../../src/util/errors.js";

const req = createRequire(import.meta.url);
type Validate = (d: unknown) => boolean;
type AjvLike = { compile(s: unknown): Validate };

/** ajv 2020-12 (or draft-07 / draft-04 by $schema) with ajv-formats */
export function ajvFor(schema: unknown): Validate {
  const s = typeof schema === "object" && schema !== null ? String((schema as Record<string, unknown>).$schema ?? "") : "";
  let Ctor: new (o: object) => AjvLike;
  if (s.includes("draft-04")) Ctor = req("ajv-draft-04");
  else if (s.includes("draft-07") || s.includes("draft-06")) Ctor = req("ajv").default;
  else if (s.includes("2019-09")) Ctor = req("ajv/dist/2019").default;
  else Ctor = req("ajv/dist/2020").default;
  const ajv = new Ctor({ strict: false });
  req("ajv-formats")(ajv);
  return ajv.compile(schema);
}

export function compile(schema: unknown, opts?: SchemaOptions): CompiledSchema {
  return compileSchema(schema, opts);
}

export function errorOf(f: () => unknown): GramfillError {
  try {
    f();
  } catch (e) {
    if (e instanceof GramfillError) return e;
    throw e;
  }
  throw new Error("expected a GramfillError");
}

/** checks that `c` accepts exactly the valid values among `values` (by ajv) */
export function disagreements(schema: unknown, values: unknown[], opts?: SchemaOptions): Array<{ value: unknown; ajv: boolean; ours: boolean }> {
  const c = compile(schema, opts);
  const v = ajvFor(schema);
  const out: Array<{ value: unknown; ajv: boolean; ours: boolean }> = [];
  for (const value of values) {
    const a = v(value);
    const o = c.accepts(value);
    if (a !== o) out.push({ value, ajv: a, ours: o });
  }
  return out;
}
