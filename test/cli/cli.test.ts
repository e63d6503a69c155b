/** The CLI as a user meets it: in-process through `run`, and once through the built binary. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";

const fx = (name: string) => `test/fixtures/cli/${name}`;

describe("gramfill check", () => {
  it("exits 0 on an accepted input", async () => {
    const r = await run(["check", "--grammar", fx("list.lark"), "--input", fx("good-input.txt")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^accepted: .*good-input.txt \(\d+ bytes\)/);
  });

  it("exits 1 with byte, line, column, expected terminals and a caret", async () => {
    const r = await run(["check", "--grammar", fx("list.lark"), "--input", fx("bad-input.txt")]);
    expect(r.code).toBe(1);
    const [first, line, caret] = r.stderr!.split("\n");
    expect(first).toBe(`error at byte 11 (line 2, col 5): unexpected "4"; expected one of ",", "]"`);
    expect(line).toBe("  3 4]");
    expect(caret).toBe("    ^");
  });

  it("accepts a viable prefix with --prefix, and says where input ended early without it", async () => {
    const prefix = await run(["check", "-g", fx("list.lark"), "-i", fx("bad-input.txt").replace("bad", "good"), "--prefix", "-q"]);
    expect(prefix).toMatchObject({ code: 0, stdout: "" });
    const r = await run(["check", "-g", fx("list.lark"), "--json", "-i", "test/fixtures/cli/list.lark"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout!)).toMatchObject({ ok: false, offset: 0, line: 1, col: 1 });
  });

  it("reports unreadable files and bad grammars as one line with exit 1", async () => {
    const missing = await run(["check", "-g", fx("nope.lark"), "-i", fx("good-input.txt")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.lark.*(no such file|cannot read)/);
    expect(missing.stderr!.trim().split("\n")).toHaveLength(1);
    const broken = await run(["check", "-g", fx("broken.lark"), "-i", fx("good-input.txt")]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.lark:3:\d+: .*missing_rule/);
  });

  it("exits 2 with a hint on usage errors", async () => {
    for (const argv of [["check", "--input", "x"], ["check", "--bogus"], ["frobnicate"], ["check", "-g", "a", "-i", "b", "extra"]]) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/--help/);
    }
  });
});

describe("gramfill compile", () => {
  it("prints statistics", async () => {
    const r = await run(["compile", "--grammar", fx("list.lark"), "--json"]);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout!);
    expect(stats).toMatchObject({ start: "start", terminals: expect.any(Number), ignoredTerminals: 1 });
    expect(stats.terminals).toBeGreaterThanOrEqual(4);
  });

  it("prints file:line:col for grammar errors", async () => {
    const r = await run(["compile", "--grammar", fx("broken.lark")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^test\/fixtures\/cli\/broken\.lark:3:\d+: /);
  });
});

describe("help", () => {
  it("lists the commands and explains each", async () => {
    const main = await run(["--help"]);
    expect(main.stdout).toMatch(/check/);
    expect(main.stdout).toMatch(/compile/);
    const check = await run(["check", "--help"]);
    expect(check.stdout).toMatch(/--prefix/);
    expect((await run(["help", "compile"])).stdout).toMatch(/--json/);
  });
});

describe("the installed binary", () => {
  it.skipIf(!existsSync("dist/cli/main.js"))("runs through node with stdin input", () => {
    const out = execFileSync("node", ["dist/cli/main.js", "check", "-g", fx("list.lark"), "-"], { input: "[1, 2]" });
    expect(out.toString()).toMatch(/accepted: standard input \(6 bytes\)/);
    const bad = spawnSync("node", ["dist/cli/main.js", "check", "-g", fx("list.lark"), "-"], { input: "[1,,2]" });
    expect(bad.status).toBe(1);
    expect(bad.stderr.toString()).toMatch(/^error at byte 3 \(line 1, col 4\)/);
  });
});
