import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";

const F = "test/fixtures/schemas";

describe("gramfill --schema commands", () => {
  it("compile --schema prints statistics, or the Lark-style grammar", async () => {
    const r = await run(["compile", "--schema", `${F}/point.json`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/point\.json: ok/);
    const lark = await run(["compile", "--schema", `${F}/point.json`, "--emit", "lark"]);
    expect(lark.stdout).toMatch(/^start: /m);
    expect(lark.stdout).toMatch(/KEY_LAT/);
    const json = await run(["compile", "--schema", `${F}/point.json`, "--json"]);
    expect(JSON.parse(json.stdout!).terminals).toBeGreaterThan(3);
  });

  it("errors are one line with the keyword and the JSON pointer, exit 1", async () => {
    const r = await run(["compile", "--schema", `${F}/lookahead.json`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^test\/fixtures\/schemas\/lookahead\.json:#\/properties\/x\/pattern: pattern: .*lookahead/);
    expect(r.stderr!.trim().split("\n")).toHaveLength(1);
    const lenient = await run(["compile", "--schema", `${F}/lookahead.json`, "--mode", "lenient"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/warning: pattern/);
    const broken = await run(["compile", "--schema", `${F}/broken.json`]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/not valid JSON/);
  });

  it("a compile past its time budget is one error line naming the keyword and pointer, exit 1", async () => {
    const r = await run(["compile", "--schema", `${F}/point.json`, "--budget-ms", "0.0001"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^test\/fixtures\/schemas\/point\.json:#\/[^ ]*: [a-z$]+: compiling this schema exceeded the time budget/);
    expect(r.stderr!.trim().split("\n")).toHaveLength(1);
    expect((await run(["compile", "--schema", `${F}/point.json`, "--budget-ms", "-1"])).code).toBe(2);
  });

  it("check --schema accepts and rejects, with ajv's verdict when they differ", async () => {
    expect((await run(["check", "--schema", `${F}/point.json`, "--input", `${F}/point-ok.json`])).code).toBe(0);
    const bad = await run(["check", "--schema", `${F}/point.json`, "--input", `${F}/point-bad.json`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(/ajv:/);
    const spaced = await run(["check", "--schema", `${F}/point.json`, "--input", `${F}/point-spaced.json`]);
    expect(spaced.code).toBe(1);
    expect(spaced.stderr).toMatch(/ajv: valid \(gramfill: rejected; the canonical serialization is accepted/);
    const flexible = await run(["check", "--schema", `${F}/point.json`, "--input", `${F}/point-spaced.json`, "--whitespace", "flexible"]);
    expect(flexible.code).toBe(0);
    const prefix = await run(["check", "--schema", `${F}/point.json`, "--input", `${F}/point-ok.json`, "--prefix"]);
    expect(prefix.stdout).toMatch(/viable prefix/);
  });

  it("check --schema rejects a document that repeats a key (JSON.parse keeps one: Github_medium/o48619's minProperties)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gramfill-dup-"));
    const schema = join(dir, "s.json");
    writeFileSync(schema, JSON.stringify({ type: "object", additionalProperties: true, minProperties: 2 }));
    const input = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
    const dup = await run(["check", "--schema", schema, "--input", input("dup.json", '{"é":1,"é":2}')]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/rejected at byte 8: duplicate key "é"/); // bytes, not characters: é is 2 (character 7)
    expect(dup.stderr).not.toMatch(/ajv:/); // ajv agrees: one property
    const nested = await run(["check", "--schema", schema, "--input", input("nested.json", '{"a":{"x":1,"x":1},"b":2}'), "--json"]);
    expect(JSON.parse(nested.stdout!)).toMatchObject({ ok: false, offset: 12, duplicate_key: "x" });
    expect(nested.stderr).toMatch(/ajv: valid \(gramfill: rejected/); // ajv sees {"x":1}
    expect((await run(["check", "--schema", schema, "--input", input("ok.json", '{"a":{"a":1},"b":[{"a":1},{"a":2}]}')])).code).toBe(0);
  });

  it("bench test-suite reports per draft and per file", async () => {
    const r = await run(["bench", "test-suite", "--suite", `${F}/suite`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/draft2020-12: 2\/3 cases pass/);
    expect(r.stdout).toMatch(/mini\.json +2\/3/);
  });
});
