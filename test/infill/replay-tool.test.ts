/**
 * Record and replay of session calls (src/infill/session-log.ts, bench/infill-replay.mjs): a recorded
 * session replays to the same answers, a changed answer is named with its place, bad input is one
 * line and exit code 2. The replay imports the build (dist/), so these run only after `npm run build`.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { InfillChecker, InfillSession, type Canvas } from "../../src/infill/index.js";
import { bytesHash, logBytes, recordSessionCalls, unlogBytes, unlogCanvas, logCanvas } from "../../src/infill/session-log.js";

const enc = new TextEncoder();
const GRAMMAR = "grammars/json.lark";

/** A byte-level session over a JSON canvas, recorded to a fresh log; returns the log's path and lines. */
function recordJsonSession(): { file: string; lines: Record<string, unknown>[] } {
  const dir = mkdtempSync(join(tmpdir(), "gramfill-replay-"));
  const file = join(dir, "log.jsonl");
  const checker = new InfillChecker(compileGrammar(loadGrammarFile(GRAMMAR)), { maxTokenBytes: 4 });
  const canvas: Canvas = [{ text: '{"a": [1, ' }, { hole: { tokens: 3, maxTokenBytes: 4 } }, { text: "]}" }];
  const s = recordSessionCalls(new InfillSession(checker, canvas, 4), file, { maxTokenBytes: 4, session: {}, checker: { maxTokenBytes: 4 }, speller: null, source: "test" }, canvas);
  expect(s.check().status).toBe("feasible");
  expect(s.tryCommit(0, enc.encode("}")).status).toBe("infeasible");
  expect(s.tryCommit(0, enc.encode("2")).status).toBe("feasible");
  s.commit(0, enc.encode("2"));
  expect(s.tryCommit(2, enc.encode("\u0001")).status).toBe("infeasible");
  s.tryCommit(1, enc.encode(", "));
  s.commit(1, enc.encode(", "));
  return { file, lines: readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** The replay as a child process, awaited (a synchronous spawn would block the test worker's RPC with vitest for its whole run). */
function replay(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("node", ["bench/infill-replay.mjs", ...args], { encoding: "utf8" }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("session-log", () => {
  it("bytes and canvases round-trip (UTF-8 as text, other bytes as base64)", () => {
    const bad = new Uint8Array([0xe2, 0x82]);
    expect(logBytes(enc.encode("a\u00e9"))).toEqual({ u: "a\u00e9" });
    expect("b" in logBytes(bad)).toBe(true);
    expect([...unlogBytes(logBytes(bad))]).toEqual([0xe2, 0x82]);
    const c: Canvas = [{ text: "x = " }, { hole: { tokens: 2, maxTokenBytes: 8, minBytes: 0 } }, { text: bad }];
    const back = unlogCanvas(logCanvas(c));
    expect(back[1]).toEqual(c[1]);
    expect([...(back[2] as { text: Uint8Array }).text]).toEqual([0xe2, 0x82]);
    expect(bytesHash(enc.encode("abc"))).toBe("1a47e90b"); // FNV-1a 32 of "abc"
  });

  it("records one session line, then one line per outermost call with its answer and way", () => {
    const { lines } = recordJsonSession();
    expect(lines[0]).toMatchObject({ kind: "session", maxTokenBytes: 4, speller: null, source: "test" });
    const ops = lines.slice(1).map((l) => `${l.op}:${l.status ?? ""}`);
    expect(ops).toEqual(["check:feasible", "try:infeasible", "try:feasible", "commit:", "try:infeasible", `try:${lines[6]!.status}`, "commit:"]);
    expect(lines[2]).toMatchObject({ op: "try", p: 0, bytes: { u: "}" }, cheap: false });
    expect(lines[5]!.via).toBe("alphabet");
    expect(typeof lines[1]!.text).toBe("string");
  });
});

describe.skipIf(!existsSync("dist/index.js"))("bench/infill-replay.mjs", () => {
  it("replays a recording to the same answers and reports latencies", async () => {
    const { file } = recordJsonSession();
    const r = await replay(["--log", file, "--grammar", GRAMMAR, "--strict"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 log\(s\), 1 sessions, 7 calls \(5 checks\)/);
    expect(r.stdout).toMatch(/\| dist \| 5 \| [0-9.]+ \|.* \| [0-9.]+ \/ [0-9.]+ \/ [0-9.]+ \|/);
    expect(r.stdout).toContain("answers, recording → dist: same status everywhere");
    expect(r.stdout).toContain("CPU ms (recorded: wall ms)");
    expect(r.stdout).toMatch(/try:infeasible via alphabet +1 calls/);
  }, 120_000);

  it("names every answer that differs from the recording, and --strict exits 1", async () => {
    const { file, lines } = recordJsonSession();
    lines[2]!.status = "feasible"; // as if the recording build had accepted "}"
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const r = await replay(["--log", file, "--grammar", GRAMMAR, "--strict"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("1 differ in 1 session(s)");
    expect(r.stdout).toMatch(/call 1 try p=0 "}": feasible → infeasible/);
  }, 120_000);

  it("bad input: one line naming the place, exit code 2", async () => {
    const { file } = recordJsonSession();
    writeFileSync(file, readFileSync(file, "utf8") + "{oops\n");
    const bad = await replay(["--log", file, "--grammar", GRAMMAR]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^infill-replay: .*log\.jsonl:9: not a JSON line$/);
    const none = await replay(["--log", "no/such.jsonl"]);
    expect(none.status).toBe(2);
    expect(none.stderr.trim()).toBe("infill-replay: no/such.jsonl: no such file");
    const orphan = join(mkdtempSync(join(tmpdir(), "gramfill-replay-")), "o.jsonl");
    writeFileSync(orphan, '{"kind":"call","id":"x","op":"end","p":0,"ms":0}\n');
    expect((await replay(["--log", orphan])).stderr.trim()).toMatch(/o\.jsonl:1: a call of session x, which has no session line before it$/);
    expect((await replay([])).stderr.trim()).toBe("infill-replay: --log FILE is required (--help lists the options)");
    expect((await replay(["--log", file, "--passes", "0"])).status).toBe(2);
    const good = recordJsonSession().file;
    expect((await replay(["--log", good, "--dist", "dist@repairQuickPasses"])).stderr.trim()).toBe("infill-replay: dist@repairQuickPasses: session options are key=number, separated by ';'");
    expect((await replay(["--log", file, "--clock", "sundial"])).stderr.trim()).toBe("infill-replay: --clock is cpu or wall, not sundial");
    expect((await replay(["--help"])).stdout).toContain("Usage: node bench/infill-replay.mjs");
  }, 120_000);
});
