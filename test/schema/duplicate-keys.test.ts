/** firstDuplicateKey: the key a JSON text repeats in one object, where `JSON.parse` silently keeps the last. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstDuplicateKey } from "../../src/schema/json-source.js";

const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: "small" }, fc.constant(null), fc.boolean(), fc.integer(), fc.string(), fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), tie("v"), { maxKeys: 3 })),
})).v;

describe("firstDuplicateKey", () => {
  it("finds nothing in what JSON.stringify writes (its keys are distinct)", () => {
    fc.assert(fc.property(value, (v) => firstDuplicateKey(JSON.stringify(v, null, 1)) === undefined));
  });

  it("finds a repeated key at its opening quote, at any depth", () => {
    fc.assert(
      fc.property(value, fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 1 }), (v, key, nest) => {
        const obj = `{${JSON.stringify(key)}: ${JSON.stringify(v)}, ${JSON.stringify(key)}: 0}`;
        const text = nest ? `[1, {"outer": ${obj}}]` : obj;
        const dup = firstDuplicateKey(text);
        expect(dup?.key).toBe(key);
        expect(dup?.position).toBe(text.lastIndexOf(`, ${JSON.stringify(key)}: 0}`) + 2);
      }),
    );
  });

  it("the same key in different objects is no repeat; text that is not JSON has none to name", () => {
    expect(firstDuplicateKey('{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}')).toBeUndefined();
    expect(firstDuplicateKey('{"a": 1, "b"')).toBeUndefined();
    expect(firstDuplicateKey('{"\\u0061": 1, "a": 2}')?.key).toBe("a"); // escapes name the same key
  });
});
