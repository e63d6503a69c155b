import { describe, expect, it } from "vitest";
import { compileGrammar } from "../../src/parser/compile.js";
import { schemaGrammar, serialize } from "../../src/schema/index.js";
import fc from "fast-check";
import { ajvFor, compile, disagreements, errorOf } from "./helpers.js";

/** every value accepted iff ajv says valid */
function exact(schema: unknown, values: unknown[]) {
  expect(disagreements(schema, values)).toEqual([]);
}

const SCALARS = [null, true, false, 0, -0.5, 1, 2, 3, 1.5, -1, -90, 90, 90.5, -90.5, 100, 1e21, 0.1, "", "a", "ab", "abc", "ABC", "héllo", "a\nb", 'q"uote', "back\\slash", "/"];
const STRUCTS = [{}, [], { a: 1 }, { a: "x", b: 2 }, { b: true }, [1], [1, "a"], ["a", "b", "c"], [[1]], { a: { a: 1 } }];
const ALL = [...SCALARS, ...STRUCTS];

describe("type / const / enum", () => {
  it("types", () => {
    for (const t of ["null", "boolean", "integer", "number", "string", "object", "array"]) exact({ type: t }, ALL);
    exact({ type: ["string", "null"] }, ALL);
  });
  it("const and enum, including structured values and escapes", () => {
    exact({ const: 1 }, [...ALL, 1.0]);
    exact({ const: "a\nb" }, ALL);
    exact({ const: { a: 1 } }, [...ALL, { a: 1, b: 1 }]);
    exact({ enum: [1, "a", null, [1], { b: true }] }, ALL);
    exact({ enum: ["/", 'q"uote'] }, ALL);
  });
  it("accepts the spellings of one number value", () => {
    const c = compile({ const: 1 });
    for (const t of ["1", "1.0", "1.000"]) expect(c.compiled.check(t).ok).toBe(true);
    for (const t of ["1.01", "10", "01"]) expect(c.compiled.check(t).ok).toBe(false);
    const z = compile({ const: 0 });
    for (const t of ["0", "-0", "-0.0"]) expect(z.compiled.check(t).ok).toBe(true);
  });
});

describe("numbers", () => {
  it("ranges with negatives and decimals (the XGrammar -0.5 case)", () => {
    exact({ type: "number", minimum: -90, maximum: 90 }, [...ALL, -89.999, 89.999, -0, 0.0001]);
    exact({ type: "number", exclusiveMinimum: -1.25, exclusiveMaximum: 3.5 }, [-1.25, -1.2500001, -1.2, 3.4999, 3.5, 0]);
    exact({ type: "integer", minimum: -3, maximum: 12 }, [-4, -3, 0, 12, 13, 1.5]);
    exact({ minimum: 0 }, [-0, 0, -0.0001, 1e-9, ...SCALARS]);
    exact({ maximum: 0 }, [-0, 0, -0.0001, 1e-9]);
    exact({ exclusiveMaximum: 0 }, [-0, 0, -0.0001, 1e-9]);
    exact({ exclusiveMinimum: 0 }, [-0, 0, -0.0001, 1e-9]);
  });
  it("draft-04 boolean exclusive bounds", () => {
    exact({ $schema: "http://json-schema.org/draft-04/schema#", minimum: 1, exclusiveMinimum: true, maximum: 2, exclusiveMaximum: true }, [1, 1.5, 2, 0.99]);
  });
  it("brute force: bounds against exact comparison", () => {
    const bounds = [-100, -12.5, -1, -0.05, 0, 0.05, 1, 9.99, 10, 123.456];
    const xs: number[] = [];
    for (let i = -130; i <= 130; i++) xs.push(i, i / 10, i / 100, i + 0.456);
    for (const b of bounds) {
      for (const kw of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
        const c = compile({ type: "number", [kw]: b });
        for (const x of xs) {
          const want = kw === "minimum" ? x >= b : kw === "maximum" ? x <= b : kw === "exclusiveMinimum" ? x > b : x < b;
          if (c.accepts(x) !== want) throw new Error(`${kw} ${b}: ${x} should be ${want}`);
        }
      }
    }
  });
  it("multipleOf: powers of 2 and 5 over 10^k, and other divisors", () => {
    for (const m of [1, 2, 5, 0.5, 0.25, 0.01, 10, 3, 7, 1.5, 0.3]) {
      const c = compile({ multipleOf: m });
      for (let i = -60; i <= 60; i++) {
        for (const x of [i, i / 4, i / 10, i / 100]) {
          // decimal-exact: x is a multiple of m iff x/m is an integer, computed on scaled integers
          const scale = 10000;
          const want = Math.round(x * scale) % Math.round(m * scale) === 0;
          if (c.accepts(x) !== want) throw new Error(`multipleOf ${m}: ${x} should be ${want}`);
        }
      }
    }
  });
});

describe("strings", () => {
  it("length counts code points, escapes count once", () => {
    exact({ minLength: 2, maxLength: 3 }, [...ALL, "😀😀", "😀", "\n\n", "\u0001ab"]);
    const c = compile({ maxLength: 1 });
    expect(c.compiled.check('"\\n"').ok).toBe(true);
    expect(c.compiled.check('"\\u000b"').ok).toBe(true);
    expect(c.compiled.check('"ab"').ok).toBe(false);
  });
  it("pattern is unanchored and applies to the decoded string", () => {
    exact({ pattern: "b" }, ALL);
    exact({ pattern: "^a" }, ALL);
    exact({ pattern: "^[a-c]+$" }, ALL);
    exact({ pattern: '"' }, ALL);
    exact({ pattern: "\\n" }, ALL);
    exact({ pattern: "^\\p{Lu}" }, ALL);
    const c = compile({ pattern: "^/$" });
    expect(c.compiled.check('"/"').ok).toBe(true);
    expect(c.compiled.check('"\\/"').ok).toBe(true);
  });
  it("pattern with length", () => {
    exact({ type: "string", pattern: "^[a-z]*$", minLength: 2, maxLength: 2 }, ALL);
  });
  it("formats (ajv-formats full)", () => {
    exact({ format: "date" }, ["2020-02-29", "2019-02-29", "2020-13-01", "2020-04-31", "2000-02-29", "1900-02-29", "x", 5]);
    exact({ format: "time" }, ["10:00:00Z", "23:59:60Z", "22:59:60Z", "10:00:00", "10:00:00+01:00", "00:59:60+01:00", "25:00:00Z"]);
    exact({ format: "date-time" }, ["2020-01-01T10:00:00Z", "2020-01-01t10:00:00.5z", "2020-01-01 10:00:00Z", "2020-01-01T10:00:00"]);
    exact({ format: "email" }, ["a@b.co", "a@b", "A.B@C.DE", "a b@c.de"]);
    exact({ format: "ipv4" }, ["1.2.3.4", "256.1.1.1", "01.1.1.1"]);
    exact({ format: "uuid" }, ["123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000"]);
    exact({ format: "hostname" }, ["a.b", "-a.b", "a".repeat(64) + ".b", "a."]);
    exact({ format: "some-unknown-format" }, ["anything"]);
    exact({ format: "duration" }, ["P", "P1D", "PT", "PT1H", "P1W", "P1Y2M3DT4H5M6S", "P1DT", "PT1S2M", "P1W1D"]);
    exact({ format: "byte" }, ["", "QUJD", "QUI=", "QQ==", "QUJ", "x\nQUJD", "a\n\nb", "abc\n"]);
    exact({ format: "iso-time" }, ["10:00:00", "10:00:00Z", "23:59:60", "22:59:60", "10:00:00+25:00"]);
    exact({ format: "iso-date-time" }, ["2020-01-01T10:00:00", "2020-01-01T10:00:00Z", "2020-01-01 23:59:60"]);
    exact({ format: "json-pointer-uri-fragment" }, ["#", "#/a/b", "#/a%20b", "/a", "#/a b"]);
    // url: ajv-formats' regex with its three negative lookaheads (private IPv4 ranges)
    exact({ format: "url" }, ["http://10.0.0.1", "http://11.0.0.1", "http://172.16.0.1", "http://172.15.0.1", "http://192.168.1.1/x", "http://example.com", "ftp://a.b.cc:8080/p", "https://user:pw@host.io", "http://localhost", "http://1.2.3.4", "http://224.1.1.1", "http://127.0.0.1:80", "http://10.1.2.3.example.com", "HTTP://EXAMPLE.COM", "http://пример.рф/путь", "http://a.b/c d", "http://1.2.3.255", "http://169.254.1.1", "http://u@10.0.0.1", "http://a.bc:123456"]);
  });
  it("time: ajv-formats' leap-second rule over random local times and offsets (hh, mm up to 99)", () => {
    const two = (n: number) => String(n).padStart(2, "0");
    const time = fc
      .tuple(fc.nat(99), fc.nat(99), fc.constantFrom("00", "30", "59", "59.5", "60", "60.25", "61"), fc.constantFrom("", "z", "Z", "+", "-"), fc.nat(25), fc.nat(61), fc.constantFrom(0, 1, 2))
      .map(([h, m, s, sign, th, tm, style]) => {
        const tz = sign === "+" || sign === "-" ? sign + two(th) + (style === 0 ? "" : style === 1 ? ":" + two(tm) : two(tm)) : sign;
        return `${two(h)}:${two(m)}:${s}${tz}`;
      });
    // leap seconds from local times: 23:59 UTC reached across every offset shape
    const leaps = ["23:59:60+00:00", "00:00:60+00:01", "24:00:30+00:01", "23:60:30+00:01", "46:99:60+23:40", "00:59:60+01:00", "12:29:60-11:30", "22:59:60-00:00", "13:59:60+14", "23:59:60-0000"];
    for (const format of ["time", "iso-time"]) {
      exact({ format }, leaps);
      const c = compile({ format });
      const v = ajvFor({ format });
      fc.assert(fc.property(time, (t) => c.accepts(t) === v(t)), { numRuns: 400 });
    }
  });
});

describe("objects", () => {
  it("properties, required, additionalProperties", () => {
    const s = { type: "object", properties: { a: { type: "integer" }, b: { type: "string" } }, required: ["a"], additionalProperties: false };
    exact(s, [...ALL, { a: 1, b: "x" }, { b: "x", a: 1 }, { a: 1, c: 1 }, { a: 1.5 }]);
    exact({ properties: { a: { type: "integer" } }, additionalProperties: { type: "string" } }, [...ALL, { a: 1, x: "s" }, { a: 1, x: 2 }]);
  });
  it("patternProperties and their overlap with properties", () => {
    const s = { properties: { ab: { type: "integer" } }, patternProperties: { "^a": { minimum: 2 }, b$: { maximum: 10 } }, additionalProperties: false };
    exact(s, [{ ab: 1 }, { ab: 2 }, { ab: 11 }, { ac: 1 }, { ac: 3 }, { xb: 11 }, { xb: 5 }, { zz: 1 }, { axb: 5 }, { axb: 11 }]);
  });
  it("escaped keys are not other keys", () => {
    const c = compile({ properties: { a: { type: "integer" } }, additionalProperties: { type: "string" } });
    expect(c.compiled.check('{"a":"x"}').ok).toBe(false);
    expect(c.compiled.check('{"\\u0061":"x"}').ok).toBe(false);
  });
  it("propertyNames, min/maxProperties, dependentRequired, dependentSchemas", () => {
    exact({ propertyNames: { maxLength: 1 } }, [...ALL, { ab: 1 }]);
    exact({ minProperties: 1, maxProperties: 2 }, [...ALL, { a: 1, b: 2, c: 3 }]);
    exact({ properties: { a: {}, b: {} }, minProperties: 1, maxProperties: 1 }, [{}, { a: 1 }, { a: 1, b: 2 }, { c: 1 }, { c: 1, d: 1 }]);
    exact({ dependentRequired: { a: ["b"] } }, [...ALL, { a: 1, b: 2 }]);
    exact({ dependentSchemas: { a: { required: ["c"] } } }, [...ALL, { a: 1, c: 1 }]);
  });
});

describe("arrays", () => {
  it("items, prefixItems, min/maxItems", () => {
    exact({ items: { type: "integer" }, minItems: 1, maxItems: 2 }, [...ALL, [1, 2, 3], [1.5]]);
    exact({ prefixItems: [{ type: "integer" }, { type: "string" }], items: false }, [...ALL, [1, "a", 2], [1, "a"], [1]]);
    exact({ $schema: "http://json-schema.org/draft-07/schema#", items: [{ type: "integer" }], additionalItems: { type: "string" } }, [...ALL, [1, "a", "b"], [1, 2]]);
  });
  it("contains, minContains, maxContains", () => {
    exact({ contains: { type: "string" } }, ALL);
    exact({ contains: { type: "string" }, minContains: 2, maxContains: 2 }, [...ALL, ["a", "b", "c"], ["a", 1, "b"]]);
    exact({ items: { type: "integer" }, contains: { minimum: 5 } }, [[1, 5], [1, 2], [6], ["a", 6]]);
  });
  it("uniqueItems over a finite set of values", () => {
    const s = { type: "array", items: { enum: ["a", "b", 1, null] }, uniqueItems: true, minItems: 1 };
    exact(s, [...ALL, ["a", "b"], ["a", "a"], [1, null, "b", "a"], [1, 1], ["b", "a", "b"], []]);
    exact({ items: { type: "integer", enum: [1, 2, 3, "x"] }, uniqueItems: true, maxItems: 2 }, [[1, 2], [2, 1], [1, 1], [3, 2, 1], ["x"]]);
     // 12 values, any length (2^12 sets); 40 values with maxItems 3 (the filling item needs no state)
    const twelve = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const arrays12 = fc.array(fc.constantFrom(...twelve), { maxLength: 13 });
    const forty = Array.from({ length: 40 }, (_, i) => i);
    const arrays40 = fc.array(fc.constantFrom(...forty), { maxLength: 4 });
    for (const [schema, arb] of [
      [{ items: { enum: twelve }, uniqueItems: true }, arrays12],
      [{ items: { enum: forty }, uniqueItems: true, maxItems: 3, minItems: 1 }, arrays40],
    ] as const) {
      const c = compile(schema);
      const v = ajvFor(schema);
      fc.assert(fc.property(arb, (xs) => c.accepts(xs) === v(xs)), { numRuns: 300, seed: 7 });
      // and unique arrays, which random ones rarely are
      fc.assert(fc.property(fc.uniqueArray(arb.map((xs) => xs[0]).filter((x) => x !== undefined), { maxLength: 5 }), (xs) => c.accepts(xs) === v(xs)), { numRuns: 100, seed: 7 });
    }
    // finite sets from type boolean/null, per prefixItems position
    exact({ prefixItems: [{ type: "boolean" }, { type: "boolean" }], items: false, uniqueItems: true }, [[false, true], [true, false], [true, true], [], [null], [false, true, false]]);
    exact({ items: { type: ["boolean", "null"] }, uniqueItems: true }, [[true, null, false], [null, null], [true, false, true], [], [0]]);
    exact({ prefixItems: [{ enum: [1, 2] }], items: { enum: [2, 3] }, uniqueItems: true, maxItems: 3 }, [[1, 2, 3], [2, 2], [2, 3], [1, 3, 3], [3], [1, 2, 3, 2]]);
    // too many sets to track: refused with the pointer of the array schema
    const e = errorOf(() => compile({ properties: { tags: { items: { enum: forty }, uniqueItems: true } } }));
    expect(e.location?.pointer).toBe("/properties/tags/uniqueItems");
  });
});

describe("combinators and references", () => {
  it("allOf / anyOf / oneOf / not / if-then-else", () => {
    exact({ allOf: [{ type: "integer" }, { minimum: 2 }, { maximum: 5 }] }, ALL);
    exact({ anyOf: [{ type: "string", maxLength: 1 }, { type: "integer" }] }, ALL);
    exact({ oneOf: [{ type: "integer" }, { minimum: 2 }] }, ALL);
    exact({ oneOf: [{ properties: { k: { const: "a" } }, required: ["k"] }, { properties: { k: { const: "b" } }, required: ["k"] }] }, [...ALL, { k: "a" }, { k: "b" }, { k: "c" }]);
    exact({ not: { type: "integer" } }, ALL);
    exact({ not: { required: ["a"] } }, ALL);
    const OBJS = [...ALL, { a: 1, x: 1 }, { x: "s" }, { ab: 1 }, { a: "s", b: 1 }, { b: 1, c: 2 }, { aa: 1, ab: "x" }];
    exact({ not: { additionalProperties: { type: "integer" } } }, OBJS);
    exact({ not: { properties: { a: { type: "integer" } }, additionalProperties: false } }, OBJS);
    exact({ not: { patternProperties: { "^a": { type: "string" } } } }, OBJS);
    exact({ not: { propertyNames: { maxLength: 1 } } }, OBJS);
    exact({ not: { dependentRequired: { a: ["b"] } } }, OBJS);
    exact({ not: { not: { additionalProperties: { type: "integer" } } } }, OBJS);
    // one key may witness several negated rules at once
    exact({ not: { anyOf: [{ additionalProperties: { type: "integer" } }, { additionalProperties: { type: "string" } }] } }, [...OBJS, { a: null }, { a: 1, b: "x" }]);
    exact({ not: { anyOf: [true, { properties: { foo: true } }], unevaluatedProperties: false } }, [...OBJS, { foo: 1 }, { bar: 1 }]);
    exact({ oneOf: [{ additionalProperties: { type: "integer" } }, { properties: { a: { type: "string" } }, additionalProperties: false }] }, OBJS);
    exact({ if: { type: "integer" }, then: { minimum: 2 }, else: { type: "string" } }, ALL);
    exact({ if: { properties: { a: { const: 1 } }, required: ["a"] }, then: { required: ["b"] } }, [...ALL, { a: 1, b: 1 }, { a: 2 }]);
  });
  it("$ref, $defs, definitions, $anchor, recursion", () => {
    const tree = { $defs: { node: { type: "object", properties: { v: { type: "integer" }, kids: { type: "array", items: { $ref: "#/$defs/node" } } }, additionalProperties: false } }, $ref: "#/$defs/node" };
    exact(tree, [...ALL, { v: 1, kids: [{ v: 2, kids: [] }, { kids: [{ v: 3 }] }] }, { kids: [{ v: "x" }] }]);
    exact({ definitions: { a: { $anchor: "A", type: "string" } }, items: { $ref: "#A" } }, ALL);
    // draft-07: $ref overrides its siblings (the spec and the test suite; ajv applies them anyway)
    const legacy = compile({ $schema: "http://json-schema.org/draft-07/schema#", definitions: { s: { type: "string" } }, properties: { a: { $ref: "#/definitions/s", type: "integer" } } });
    expect(legacy.accepts({ a: "x" })).toBe(true);
    expect(legacy.accepts({ a: 1 })).toBe(false);
  });
  it("remote references through a resolver", () => {
    const c = compile({ $ref: "https://example.com/s.json" }, { resolver: (u) => (u === "https://example.com/s.json" ? { type: "integer" } : undefined) });
    expect(c.accepts(1)).toBe(true);
    expect(c.accepts("x")).toBe(false);
  });
  it("unevaluatedProperties", () => {
    exact({ allOf: [{ properties: { a: {} } }], properties: { b: {} }, unevaluatedProperties: false }, [{ a: 1, b: 1 }, { a: 1, c: 1 }, {}]);
    exact({ anyOf: [{ properties: { a: {} }, required: ["a"] }, { properties: { b: {} }, required: ["b"] }], unevaluatedProperties: false }, [{ a: 1 }, { b: 1 }, { a: 1, b: 1 }, { a: 1, c: 1 }]);
  });
});

describe("modes, errors and output forms", () => {
  it("references to the official metaschemas resolve to bundled copies", () => {
    const s = { $schema: "http://json-schema.org/draft-07/schema#", properties: { def: { $ref: "http://json-schema.org/draft-07/schema#" } } };
    // strict: the metaschema itself needs uniqueItems over strings (required), so it is refused by keyword, not unresolved
    const e = errorOf(() => compile(s, { formats: "ignore" }));
    expect(e.code).toBe("schema_unsupported");
    expect(e.message).toMatch(/uniqueItems/);
    const c = compile(s, { mode: "lenient", formats: "ignore" });
    expect(c.accepts({ def: { type: "integer", minimum: 1 } })).toBe(true);
    expect(c.accepts({ def: { type: 1 } })).toBe(false);
    expect(c.accepts({ def: { minimum: "1" } })).toBe(false);
  });

  it("strict mode names the keyword and its pointer; lenient warns and over-approximates", () => {
    const s = { properties: { tags: { type: "array", uniqueItems: true } } };
    const e = errorOf(() => compile(s));
    expect(e.code).toBe("schema_unsupported");
    expect(e.message).toMatch(/uniqueItems/);
    const l = compile(s, { mode: "lenient" });
    expect(l.warnings.length).toBeGreaterThan(0);
    expect(l.accepts({ tags: [1, 1] })).toBe(true);
    // a dropped patternProperties pattern: additionalProperties cannot know its keys, so it lets all through
    const pp = compile({ patternProperties: { "^(?!@@)[a-z]+$": { type: "string" } }, additionalProperties: false }, { mode: "lenient" });
    expect([pp.accepts({ abc: "x" }), pp.accepts({ abc: 1 }), pp.accepts({ "@@x": 1 })]).toEqual([true, true, true]);
    const p = errorOf(() => compile({ properties: { x: { pattern: "(?=a)" } } }));
    expect(p.location?.pointer).toBe("/properties/x/pattern");
  });
  it("a schema with no instance is an error saying so", () => {
    for (const s of [false, { allOf: [{ type: "string" }, { type: "number" }] }, { type: "integer", minimum: 2, maximum: 1 }, { type: "object", required: ["a"], properties: { a: false } }]) {
      expect(errorOf(() => compile(s)).code).toBe("schema_empty");
    }
  });
  it("bad input: non-schema, invalid pattern, unresolvable $ref, deep nesting, huge enum, huge maxLength", () => {
    expect(errorOf(() => compile(42)).code).toBe("schema_invalid");
    expect(errorOf(() => compile({ type: "strin" })).code).toBe("schema_invalid");
    expect(errorOf(() => compile({ pattern: "(" })).code).toBe("schema_invalid");
    expect(errorOf(() => compile({ $ref: "#/nope" })).code).toBe("schema_invalid");
    let deep: unknown = { type: "integer" };
    for (let i = 0; i < 10_000; i++) deep = { items: deep };
    const d = errorOf(() => compile(deep));
    expect(d.message).toMatch(/deep/);
    const big = compile({ enum: Array.from({ length: 100_000 }, (_, i) => i) });
    expect(big.accepts(99_999)).toBe(true);
    expect(big.accepts(100_000)).toBe(false);
    const e = errorOf(() => compile({ maxLength: 1_000_000 }));
    expect(e.code).toBe("schema_unsupported");
    expect(compile({ maxLength: 1_000_000 }, { mode: "lenient" }).accepts("abc")).toBe(true);
  });
  it("whitespace forms and the serializer agree", () => {
    const schema = { type: "object", properties: { b: { type: "array", items: { type: "integer" } }, a: { type: "object" } }, required: ["a"] };
    const value = { a: { x: [1, { y: null }] }, b: [1, 2] };
    for (const whitespace of ["compact", "python", "pretty", "flexible"] as const) {
      const c = compile(schema, { whitespace });
      const text = c.serialize(value)[0]!;
      expect(c.compiled.check(text).ok, `${whitespace}: ${text}`).toBe(true);
      expect(JSON.parse(text)).toEqual(value);
      if (whitespace !== "flexible") expect(text.startsWith('{"b"') || text.startsWith("{\n")).toBe(true);
    }
    expect(serialize({ b: 1, a: [1, 2] }, { whitespace: "pretty" })).toBe(JSON.stringify({ b: 1, a: [1, 2] }, null, 2));
    const flex = compile(schema, { whitespace: "flexible" });
    expect(flex.compiled.check(' { "b" : [ 1 ,2 ] ,\n "a":{ } } ').ok).toBe(true);
    expect(flex.compiled.check(`{${" ".repeat(100)}"a":{}}`).ok).toBe(false);
  });
  it("property order: schema order by default, any order on request", () => {
    const schema = { type: "object", properties: { a: { type: "integer" }, b: { type: "string" }, c: {} }, required: ["a", "b"], additionalProperties: { type: "boolean" } };
    const fixed = compile(schema);
    expect(fixed.compiled.check('{"a":1,"b":"x"}').ok).toBe(true);
    expect(fixed.compiled.check('{"b":"x","a":1}').ok).toBe(false);
    const any = compile(schema, { propertyOrder: "any" });
    for (const t of ['{"a":1,"b":"x"}', '{"b":"x","a":1}', '{"z":true,"b":"x","c":null,"a":1}']) expect(any.compiled.check(t).ok, t).toBe(true);
    for (const t of ['{"b":"x"}', '{"a":1,"b":"x","a":2}', '{"a":1,"b":"x","z":1}']) expect(any.compiled.check(t).ok, t).toBe(false);
    expect(disagreements(schema, [{ b: "x", a: 1 }, { a: 1 }, { z: true, a: 1, b: "" }], { propertyOrder: "any" })).toEqual([]);
  });

  it("the grammar round-trips through compileGrammar", () => {
    const { grammar } = schemaGrammar({ type: "object", properties: { a: { type: "string", pattern: "^x", maxLength: 3 } } });
    const g = compileGrammar(grammar);
    expect(g.check('{"a":"xy"}').ok).toBe(true);
    expect(g.check('{"a":"yy"}').ok).toBe(false);
  });
});
