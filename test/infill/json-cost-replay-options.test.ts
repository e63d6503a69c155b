/**
 * bench/json-session-replay.mjs, a variant's session options (`BUILD#{json}`, a what-if over a
 * recording): options that are not JSON are one line naming the variant, exit code 2, before any
 * build is loaded.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "gramfill-json-replay-"));
writeFileSync(join(dir, "index.json"), JSON.stringify({ runs: [] }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bench/json-session-replay.mjs --variants BUILD#{options}", () => {
  it("options that are not JSON → one line naming the variant, exit 2", () => {
    const r = spawnSync(process.execPath, ["bench/json-session-replay.mjs", "--replay", dir, "--variants", "/nowhere#{repairStreak:2}"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^json-session-replay: variant \/nowhere#\{repairStreak:2\}: the options after # are not JSON/);
  });
});
