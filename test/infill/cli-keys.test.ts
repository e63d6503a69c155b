/**
 * `gramfill infill --schema` on canvases that tempt a decoder to write a key again: the output
 * writes each key once per object (`firstDuplicateKey`) and validates with ajv; a key the known
 * text already repeats is a clear error with its location.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { firstDuplicateKey } from "../../src/schema/json-source.js";
import { ajvFor } from "../schema/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "gramfill-infill-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const schema = { type: "object", additionalProperties: { type: "integer" }, minProperties: 3 };
const schemaFile = file("open.json", JSON.stringify(schema));
type Out = { text: string; fills: string[]; valid: boolean; stats: Record<string, number | boolean> };

describe("gramfill infill --schema with distinct keys", () => {
  // the shortest fill of the first hole ("") and the cheapest third property ("":0) both repeat ""
  const tempting = file("tempting.txt", '{"": 1, "<|hole|>": 2, <|hole|>}');

  it.each([
    ["mdm", "4"],
    ["ar", "8"],
  ])("--model %s: a repeat-tempting canvas is filled with fresh keys, valid by ajv", async (model, tokens) => {
    const r = await run(["infill", "--schema", schemaFile, "--input", tempting, "--model", model, "--hole-tokens", tokens, "--format", "json"]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout!) as Out;
    expect(o.valid).toBe(true);
    expect(o.stats.repeated_key).toBe(false);
    expect(firstDuplicateKey(o.text)).toBeUndefined();
    expect(ajvFor(schema)(JSON.parse(o.text))).toBe(true);
    expect(o.text).toBe(`{"": 1, "${o.fills[0]}": 2, ${o.fills[1]}}`);
  }, 60_000);

  it("a key the known text writes twice in one object: one line with its location, exit 1", async () => {
    const r = await run(["infill", "--schema", schemaFile, "--input", file("twice.txt", '{"a": 1,\n "a": 2, <|hole|>}')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/twice\.txt:2:4: this key is written a second time in the same object/);
    expect(r.stderr!.trim().split("\n").length).toBe(1);
  });
});
