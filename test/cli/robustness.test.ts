/** Bad inputs end with a clear one-line error and a non-zero exit, within seconds. */
import { describe, expect, it } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main.js";

const fx = (name: string) => `test/fixtures/cli/${name}`;
const tmp = mkdtempSync(join(tmpdir(), "gramfill-"));
function tmpFile(name: string, content: string | Uint8Array): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

describe("bad inputs", () => {
  it("gives up on a highly ambiguous grammar at the time budget", async () => {
    const input = tmpFile("many-a.txt", "a".repeat(5000));
    const r = await run(["check", "-g", fx("ambiguous.lark"), "-i", input, "--timeout", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gave up after 1000 ms at byte \d+ of 5000/);
    expect(r.stderr!.trim().split("\n")).toHaveLength(1);
  });

  it("still parses small inputs of that grammar", async () => {
    const r = await run(["check", "-g", fx("ambiguous.lark"), "-i", tmpFile("few-a.txt", "aaaaaaaaaaaaaaaaaaaa")]);
    expect(r.code).toBe(0);
  });

  it("stops a terminal whose automaton explodes, naming it", async () => {
    let seed = 12345;
    const bit = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 1;
    // random a/b: every new 25-symbol window is a new DFA state, so the cap must stop it
    const input = tmpFile("ab.txt", Array.from({ length: 80_000 }, () => (bit() ? "a" : "b")).join(""));
    const r = await run(["check", "-g", fx("exploding.lark"), "-i", input]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/TAIL.*exceeded \d+ states/);
  });

  it("rejects a terminal with an empty language at compile time", async () => {
    const r = await run(["compile", "-g", fx("empty-terminal.lark")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/empty-terminal\.lark:2:\d+: terminal 'NOTHING' matches nothing/);
  });

  it("points at the first byte that is not UTF-8", async () => {
    const input = tmpFile("latin1.txt", new Uint8Array([0x5b, 0x31, 0x2c, 0x20, 0xe9, 0x5d]));
    const r = await run(["check", "-g", fx("list.lark"), "-i", input]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error at byte 4 \(line 1, col 5\): unexpected byte 0xe9 \(not valid UTF-8 here\)/);
  });

  it("refuses a regex feature we do not support, with the terminal's location", async () => {
    const g = tmpFile("look.lark", 'start: WORD\nWORD: /a(?=b)/\n');
    const r = await run(["compile", "-g", g]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/look\.lark:2:\d+: .*lookahead/);
  });
});
