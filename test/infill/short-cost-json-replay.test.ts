/**
 * bench/json-session-replay.mjs, bad input: one line naming the problem, exit code 2 (recording
 * and replaying need the model and a build; the session log format is tested with
 * bench/infill-replay.mjs in replay-tool.test.ts).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const run = (...args: string[]) => spawnSync(process.execPath, ["bench/json-session-replay.mjs", ...args], { encoding: "utf8" });

describe("bench/json-session-replay.mjs", () => {
  it.each([
    [[], /--record DIR --root BUILD, or --replay DIR --variants A,B/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--record", "/tmp/nowhere"], /--record DIR needs --root BUILD/],
    [["--replay", "/nonexistent-dir", "--variants", "x"], /\/nonexistent-dir\/index\.json: no recording there \(ENOENT\)/],
  ])("%j → one line, exit 2", (args, message) => {
    const r = run(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
