/**
 * Property tests against ajv: random schemas over the keyword list; every word sampled from the
 * compiled grammar is a valid instance, and a random JSON value is accepted iff ajv accepts it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Sampler, sampleWord } from "../../src/grammar/sample.js";
import { GramfillError } from "../../src/util/errors.js";
import { ajvFor, compile } from "./helpers.js";

const KEYS = ["a", "b", "c"];
const PATTERNS = ["^a", "b", "^[ab]*$", "^.{2}$", "c$"];

const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -10, max: 10 }).map((x) => x / 2), fc.constantFrom("", "a", "b", "ab", "ba", "abc", "c"));

type S = Record<string, unknown> | boolean;

const schemaArb: fc.Arbitrary<S> = fc.letrec<{ s: S; kw: Record<string, unknown> }>((tie) => {
  const sub = () => tie("s");
  const kw = <T,>(name: string, arb: fc.Arbitrary<T>) => arb.map((v) => ({ [name]: v }));
  return {
    kw: fc.oneof(
      kw("type", fc.constantFrom<unknown>("null", "boolean", "integer", "number", "string", "object", "array", ["string", "integer"])),
      kw("minimum", fc.integer({ min: -4, max: 4 })),
      kw("exclusiveMaximum", fc.integer({ min: -4, max: 8 }).map((x) => x / 2)),
      kw("multipleOf", fc.constantFrom(1, 2, 0.5, 3)),
      kw("minLength", fc.integer({ min: 0, max: 3 })),
      kw("maxLength", fc.integer({ min: 0, max: 4 })),
      kw("pattern", fc.constantFrom(...PATTERNS)),
      kw("enum", fc.array(scalar, { minLength: 1, maxLength: 4 })),
      kw("const", scalar),
      kw("properties", fc.dictionary(fc.constantFrom(...KEYS), sub(), { maxKeys: 2 })),
      kw("required", fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 2 })),
      kw("additionalProperties", fc.oneof(fc.boolean(), sub())),
      kw("patternProperties", fc.dictionary(fc.constantFrom("^a", "b"), sub(), { maxKeys: 1 })),
      kw("minProperties", fc.integer({ min: 0, max: 2 })),
      kw("maxProperties", fc.integer({ min: 1, max: 3 })),
      kw("items", sub()),
      kw("prefixItems", fc.array(sub(), { minLength: 1, maxLength: 2 })),
      kw("minItems", fc.integer({ min: 0, max: 2 })),
      kw("maxItems", fc.integer({ min: 0, max: 3 })),
      // ajv 8 accepts [] for {contains: {allOf: [false]}, prefixItems: [false]} (the spec says invalid)
      kw("contains", sub().filter((x) => !JSON.stringify(x).includes("false"))),
      kw("anyOf", fc.array(sub(), { minLength: 1, maxLength: 2 })),
      kw("allOf", fc.array(sub(), { minLength: 1, maxLength: 2 })),
      kw("oneOf", fc.array(sub(), { minLength: 1, maxLength: 2 })),
      kw("not", sub()),
    ),
    s: fc.oneof({ depthSize: "small", maxDepth: 3 }, fc.boolean(), fc.array(tie("kw"), { minLength: 1, maxLength: 3 }).map((parts) => Object.assign({}, ...parts) as S)),
  };
}).s.filter((s) => {
  // ajv 8 bug: next to prefixItems, a failing `contains` on [] is not reported
  // ({contains: true, prefixItems: [{}]} accepts [])
  const t = JSON.stringify(s);
  return !(t.includes('"prefixItems"') && t.includes('"contains"'));
});

const valueArb = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS, "ab", "x"), tie("v"), { maxKeys: 3 })),
})).v.map((v) => JSON.parse(JSON.stringify(v)) as unknown); // plain objects (ajv's deep equality needs prototypes)

/** compile, or undefined when the schema is unsupported or has no instance */
function tryCompile(schema: unknown) {
  try {
    return compile(schema);
  } catch (e) {
    if (e instanceof GramfillError && (e.code === "schema_unsupported" || e.code === "schema_empty")) return undefined;
    throw e;
  }
}

/** JSON.parse that rejects duplicate keys (a grammar over open key sets cannot forbid them) */
function hasDuplicateKeys(text: string): boolean {
  let dup = false;
  JSON.parse(text, function (this: unknown, _k, v) {
    return v;
  });
  const stack: Array<Set<string>> = [];
  // strings are matched whole, so brackets inside them are skipped
  const re = /"(?:[^"\\]|\\.)*"(\s*:)?|[{}[\]]/g;
  for (const m of text.matchAll(re)) {
    const t = m[0];
    if (t === "{" || t === "[") stack.push(new Set());
    else if (t === "}" || t === "]") stack.pop();
    else if (m[1] !== undefined) {
      const key = JSON.parse(t.slice(0, t.lastIndexOf(":")).trim()) as string;
      const top = stack[stack.length - 1]!;
      if (top.has(key)) dup = true;
      top.add(key);
    }
  }
  return dup;
}

const runs = Number(process.env.SCHEMA_FC_RUNS ?? 150);

describe("schema grammars against ajv (property)", () => {
  it("a random JSON value is accepted iff ajv accepts it", () => {
    fc.assert(
      fc.property(schemaArb, fc.array(valueArb, { minLength: 5, maxLength: 10 }), (schema, values) => {
        const c = tryCompile(schema);
        if (!c) return;
        const validate = ajvFor(schema);
        for (const v of values) {
          const ours = c.accepts(v);
          expect(ours, `schema ${JSON.stringify(schema)} value ${JSON.stringify(v)}`).toBe(validate(v));
        }
      }),
      { numRuns: runs, seed: Number(process.env.SCHEMA_FC_SEED ?? 42) },
    );
  });

  it("lenient mode over-approximates: every valid value is accepted", () => {
    const extra = fc.oneof(
      fc.constant({ uniqueItems: true }),
      fc.constant({ pattern: "(?=a)b" }),
      fc.constant({ maxLength: 2_000_000 }),
      fc.constant({ multipleOf: 0.123456789 }),
      fc.constant({ not: { additionalProperties: { type: "string" } } }),
    );
    fc.assert(
      fc.property(schemaArb, extra, fc.array(valueArb, { minLength: 5, maxLength: 10 }), (schema, more, values) => {
        const s = typeof schema === "boolean" ? more : { ...schema, ...more };
        let c;
        try {
          c = compile(s, { mode: "lenient" });
        } catch (e) {
          if (e instanceof GramfillError && e.code === "schema_empty") return;
          throw e;
        }
        const validate = ajvFor(s);
        for (const v of values) if (validate(v)) expect(c.accepts(v), `schema ${JSON.stringify(s)} value ${JSON.stringify(v)}`).toBe(true);
      }),
      { numRuns: Math.ceil(runs / 2), seed: Number(process.env.SCHEMA_FC_SEED ?? 9) },
    );
  });

  it("every sampled word is a valid instance", () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    fc.assert(
      fc.property(schemaArb, (schema) => {
        const c = tryCompile(schema);
        if (!c) return;
        const validate = ajvFor(schema);
        const sampler = new Sampler(c.grammar, { random, maxDepth: 8, maxTerminalBytes: 8 });
        for (let i = 0; i < 5; i++) {
          const w = sampleWord(c.compiled, { attempts: 5 }, sampler);
          if (!w) continue;
          const text = new TextDecoder().decode(w);
          if (hasDuplicateKeys(text)) continue;
          expect(validate(JSON.parse(text)), `schema ${JSON.stringify(schema)} word ${text}`).toBe(true);
        }
      }),
      { numRuns: runs, seed: Number(process.env.SCHEMA_FC_SEED ?? 7) },
    );
  });
});
