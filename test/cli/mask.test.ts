import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";

describe("gramfill mask", () => {
  it("lists the allowed tokens after a prefix, with EOS when complete", async () => {
    const r = await run(["mask", "-g", "grammars/json.lark", "-t", "bundled", "--text", '{"a": [1, 2]', "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout!);
    expect(out.eos).toBe(false);
    const texts = out.tokens.map((t: { bytes: string }) => JSON.parse(t.bytes));
    expect(texts).toEqual(expect.arrayContaining(["}", ","]));
    expect(texts).not.toContain("]");
    const done = JSON.parse((await run(["mask", "-g", "grammars/json.lark", "-t", "bundled", "--text", "[1]", "--json", "--show", "0"])).stdout!);
    expect(done.eos).toBe(true);
    expect(done.tokens).toEqual([]);
  });

  it("works from a schema", async () => {
    const r = await run(["mask", "-s", "test/fixtures/maskbench/Tiny/person.json", "-t", "bundled", "--text", '{"name":"Ann","age":', "--show", "500"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ of 8192 tokens allowed/);
    expect(r.stdout).toMatch(/"7"/);
    expect(r.stdout).not.toMatch(/ "\\""$/m); // no string where an integer must come
  });

  it("intersects keywords beside $ref, as generate does (draft-07: the spec ignores them, ajv applies them)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gramfill-mask-"));
    const file = join(dir, "s.json");
    const schema = { $schema: "http://json-schema.org/draft-07/schema#", definitions: { n: { type: "number" } }, $ref: "#/definitions/n", minimum: 5 };
    writeFileSync(file, JSON.stringify(schema));
    const eosAfter = async (text: string) => JSON.parse((await run(["mask", "-s", file, "-t", "bundled", "--text", text, "--json", "--show", "0"])).stdout!).eos;
    expect(await eosAfter("7")).toBe(true);
    expect(await eosAfter("3")).toBe(false); // the spec alone would allow 3; ajv rejects it
  });

  it("exits 1 when the prefix is not viable, 2 on usage errors", async () => {
    const bad = await run(["mask", "-g", "grammars/json.lark", "-t", "bundled", "--text", "]"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a viable prefix: rejected at byte 0/);
    expect((await run(["mask", "-t", "bundled"])).code).toBe(2);
  });
});
