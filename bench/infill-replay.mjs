#!/usr/bin/env node
// Replays recorded InfillSession calls (GRAMFILL_INFILL_LOG=FILE, src/infill/session-log.ts) against
// one or more builds, without the model: the constraint's cost of real generations, measured alone.
// Per build: every session of every log is rebuilt (same canvas, options, grammar, vocabulary) and
// its calls are made in the recorded order — a replayed commit is made whatever the build answered,
// so every build sees the same sequence of canvases. Reported per build: per-call latency p50/p99
// of the checks (check, try, tryEnd: what the decoder's check_ms counts; also of the tries alone, without
// each session's first check), total session time (commits
// included), time and count per way of answering (`via`: the session counters the call moved), and
// the answers. Answers (status; "unknown"'s reason) are compared with the recording and between the
// builds; every difference is listed (log, session, call, position, old → new), and counted with
// the sessions it touches (commits follow the recording, so a session's later differences may follow
// from its first). A feasible answer whose witness text differs is counted apart ("other witness"):
// exact either way.
// Each log file is replayed with a freshly compiled grammar (a log is usually one process of
// bench/infill-cpp.mjs: its sessions shared one compiled grammar's caches in that order); the
// builds take turns log by log. Times are CPU ms of the process by default (--clock wall: wall ms).
// Usage: node bench/infill-replay.mjs --log A.jsonl[,B.jsonl...] [--dist DIR[,DIR...]] [--grammar FILE]
//          [--model mdm] [--passes N] [--clock cpu|wall] [--json OUT] [--strict] [--quiet]
//   --dist     builds to compare (folders with index.js, relative to the repo; default dist);
//              DIR@key=value;key=value replays with these session options changed (e.g. dist@repairQuickPasses=1)
//   --grammar  the grammar the recording used (default grammars/cpp.lark)
//   --model    model folder (name or path) whose tokenizer.json the speller reads (default mdm)
//   --passes   replay every log N times per build (later passes: warm grammar caches); default 1
//   --strict   exit 1 when an answer's status differs (from the recording or between builds)
//   --json     write the per-build summary and the differences to OUT
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const HEADER = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1);
const HELP = HEADER.slice(0, HEADER.findIndex((l) => !l.startsWith("//"))).map((l) => l.slice(3)).join("\n");

let values;
try {
  ({ values } = parseArgs({
    options: {
      log: { type: "string" },
      dist: { type: "string", default: "dist" },
      grammar: { type: "string" },
      model: { type: "string", default: "mdm" },
      passes: { type: "string", default: "1" },
      json: { type: "string" },
      strict: { type: "boolean", default: false },
      clock: { type: "string", default: "cpu" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  }));
} catch (e) {
  console.error(`infill-replay: ${e.message} (--help lists the options)`);
  process.exit(2);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (!values.log) {
  console.error("infill-replay: --log FILE is required (--help lists the options)");
  process.exit(2);
}
const passes = Number(values.passes);
if (!(Number.isInteger(passes) && passes >= 1)) {
  console.error(`infill-replay: --passes must be an integer ≥ 1, not ${values.passes}`);
  process.exit(2);
}
if (values.clock !== "cpu" && values.clock !== "wall") {
  console.error(`infill-replay: --clock is cpu or wall, not ${values.clock}`);
  process.exit(2);
}
const abs = (p) => (isAbsolute(p) ? p : join(process.cwd(), p));

// ---------------------------------------------------------------- the logs

const enc = new TextEncoder();
const unlogBytes = (x) => ("u" in x ? enc.encode(x.u) : new Uint8Array(Buffer.from(x.b, "base64")));
const unlogCanvas = (parts) => parts.map((p) => ("text" in p ? { text: unlogBytes(p.text) } : { hole: { ...p.hole } }));
function bytesHash(b) {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** [{ file, sessions: [{ header, calls }] }] in recorded order */
const logs = values.log.split(",").map((file) => {
  if (!existsSync(abs(file))) {
    console.error(`infill-replay: ${file}: no such file`);
    process.exit(2);
  }
  const sessions = new Map();
  const lines = readFileSync(abs(file), "utf8").split("\n");
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o;
    try {
      o = JSON.parse(line);
    } catch {
      console.error(`infill-replay: ${file}:${i + 1}: not a JSON line`);
      process.exit(2);
    }
    if (o.kind === "session") sessions.set(o.id, { header: o, calls: [] });
    else if (o.kind === "call") {
      const s = sessions.get(o.id);
      if (!s) {
        console.error(`infill-replay: ${file}:${i + 1}: a call of session ${o.id}, which has no session line before it`);
        process.exit(2);
      }
      s.calls.push(o);
    } else {
      console.error(`infill-replay: ${file}:${i + 1}: unknown line kind ${JSON.stringify(o.kind)}`);
      process.exit(2);
    }
  });
  return { file, sessions: [...sessions.values()] };
});

// ---------------------------------------------------------------- replay

const quantile = (xs, q) => {
  if (!xs.length) return 0;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const CHECK_OPS = new Set(["check", "try", "tryEnd"]);

/** A build: its library, and the totals of its replays so far. */
async function loadBuild(spec) {
  // DIR@key=value;key=value: the build with these session options changed (what-if runs of one build)
  const [dist, opts = ""] = spec.split("@");
  const overrides = {};
  for (const kv of opts.split(";").filter(Boolean)) {
    const [k, v] = kv.split("=");
    if (!k || v === undefined || !Number.isFinite(Number(v))) throw new Error(`${spec}: session options are key=number, separated by ';'`);
    overrides[k] = Number(v);
  }
  const dir = abs(dist);
  if (!existsSync(join(dir, "index.js"))) throw new Error(`${dist}: no index.js (build with npx tsc -p tsconfig.build.json --outDir ${dist})`);
  const lib = await import(pathToFileURL(join(dir, "index.js")).href);
  // the vocabulary only when a session is token-exact (its speller)
  let vocabOf = null;
  // a bundled model's short name is read from this repository's models/ (a private build elsewhere has none)
  const bundled = lib.BUNDLED_MODELS?.[values.model] ?? { ar: "json-code-ar-9m", mdm: "json-code-mdm-9m" }[values.model];
  const modelDir = bundled && existsSync(join(ROOT, "models", bundled)) ? join(ROOT, "models", bundled) : values.model;
  const vocab = () => (vocabOf ??= lib.Vocabulary.fromTokenizerJson(lib.readModelFolder(modelDir).dir));
  /** per call, in log/session/call order (first pass): { status, reason, text, via, ms } */
  return { dist: spec, lib, vocab, overrides, answers: [], checkMs: [], tryMs: [], viaMs: new Map(), totalMs: 0, checkTotal: 0, sessions: 0 };
}

// the clock of a call: CPU time of the process (the machine is shared: wall time counts other
// processes' turns), or the wall clock
const now = values.clock === "wall" ? () => performance.now() : () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Replays one log's sessions with build b (a freshly compiled grammar), adding to its totals. */
function replayLog(b, log, pass) {
  const { lib, vocab } = b;
  const grammarFile = values.grammar ?? join(ROOT, "grammars", "cpp.lark");
  const compiled = lib.compileGrammar(lib.loadGrammarFile(grammarFile));
  for (const { header, calls } of log.sessions) {
    if (header.speller && header.speller.vocabSize !== vocab().size) throw new Error(`${log.file}: recorded with a vocabulary of ${header.speller.vocabSize} tokens, --model ${values.model} has ${vocab().size}`);
    const checker = new lib.InfillChecker(compiled, header.checker);
    const speller = header.speller ? lib.tokenSpeller(vocab(), header.speller.maxTokenBytes) : undefined;
    const session = new lib.InfillSession(checker, unlogCanvas(header.canvas), header.maxTokenBytes, { ...header.session, ...b.overrides, ...(speller ? { speller } : {}) });
    b.sessions++;
    for (const c of calls) {
      const before = { ...session.counts };
      let r;
      const s0 = now();
      switch (c.op) {
        case "check": r = session.check(); break;
        case "try": r = session.tryCommit(c.p, unlogBytes(c.bytes), c.cheap); break;
        case "tryEnd": r = session.tryEnd(c.p, c.cheap); break;
        case "commit": session.commit(c.p, unlogBytes(c.bytes)); break;
        case "end": session.end(c.p); break;
        case "witnessTokenAt": r = session.witnessTokenAt(c.p); break;
        default: throw new Error(`${log.file}: unknown op ${c.op}`);
      }
      const ms = now() - s0;
      b.totalMs += ms;
      const via = Object.keys(session.counts).filter((k) => k !== "checks" && session.counts[k] !== before[k]).join(",");
      if (CHECK_OPS.has(c.op)) {
        if (c.op !== "check") b.tryMs.push(ms);
        b.checkMs.push(ms);
        b.checkTotal += ms;
      }
      const key = `${c.op}${CHECK_OPS.has(c.op) ? ":" + r.status : ""}${via ? " via " + via : ""}`;
      const v = b.viaMs.get(key) ?? { n: 0, ms: 0 };
      v.n++;
      v.ms += ms;
      b.viaMs.set(key, v);
      if (pass > 0) continue;
      if (CHECK_OPS.has(c.op)) b.answers.push({ status: r.status, ...(r.status === "unknown" && r.reason ? { reason: r.reason } : {}), ...(r.status === "feasible" && r.text ? { text: bytesHash(r.text) } : {}), via, ms });
      else if (c.op === "witnessTokenAt") b.answers.push({ token: r, via, ms });
      else b.answers.push({ via, ms });
    }
  }
}

// ---------------------------------------------------------------- compare and report

const recorded = [];
const where = [];
for (const log of logs)
  for (const { header, calls } of log.sessions)
    calls.forEach((c, i) => {
      recorded.push(c);
      where.push({ file: log.file, session: header.id, call: i, op: c.op, p: c.p, bytes: c.bytes ? ("u" in c.bytes ? c.bytes.u : `base64:${c.bytes.b}`) : undefined });
    });

const answerText = (a) => (a.status !== undefined ? a.status + (a.reason ? `(${a.reason})` : "") : a.token !== undefined ? `token ${a.token}` : "");
/** differences between two answer lists: status (or token) differences, and feasible answers with another witness text */
function diff(a, b) {
  const status = [];
  let otherWitness = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.status !== undefined || y.status !== undefined) {
      if (x.status !== y.status || (x.reason ?? "") !== (y.reason ?? "")) status.push({ ...where[i], from: answerText(x), to: answerText(y), via: y.via });
      else if (x.text !== y.text) otherWitness++;
    } else if (x.token !== y.token) status.push({ ...where[i], from: answerText(x), to: answerText(y), via: y.via });
  }
  return { status, otherWitness };
}

// builds take turns log by log (the machine's load drifts; each build meets it alike)
const results = [];
try {
  for (const d of values.dist.split(",")) results.push(await loadBuild(d));
  for (let pass = 0; pass < passes; pass++) for (const log of logs) for (const b of results) replayLog(b, log, pass);
} catch (e) {
  console.error(`infill-replay: ${e.message}`);
  process.exit(2);
}

const load = os.loadavg().map((x) => x.toFixed(1)).join(" ");
const out = [];
out.push(`infill-replay: ${logs.length} log(s), ${logs.reduce((a, l) => a + l.sessions.length, 0)} sessions, ${recorded.length} calls (${recorded.filter((c) => CHECK_OPS.has(c.op)).length} checks); ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load ${load}; passes ${passes}; ${values.clock === "wall" ? "wall" : "CPU"} ms (recorded: wall ms)`);
out.push("");
out.push("| build | checks | check ms p50 | p90 | p99 | max | tries only: p50 / p99 / max | check ms total | session ms total (commits too) | recorded check ms total |");
out.push("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
const recordedCheckMs = recorded.filter((c) => CHECK_OPS.has(c.op)).reduce((a, c) => a + c.ms, 0);
for (const r of results) {
  out.push(`| ${r.dist} | ${r.checkMs.length} | ${quantile(r.checkMs, 0.5).toFixed(3)} | ${quantile(r.checkMs, 0.9).toFixed(2)} | ${quantile(r.checkMs, 0.99).toFixed(2)} | ${quantile(r.checkMs, 1).toFixed(1)} | ${quantile(r.tryMs, 0.5).toFixed(3)} / ${quantile(r.tryMs, 0.99).toFixed(2)} / ${quantile(r.tryMs, 1).toFixed(1)} | ${r.checkTotal.toFixed(0)} | ${r.totalMs.toFixed(0)} | ${(recordedCheckMs * passes).toFixed(0)} |`);
}
for (const r of results) {
  if (values.quiet) break;
  out.push("");
  out.push(`${r.dist}: time by call and way of answering (all passes)`);
  for (const [k, v] of [...r.viaMs].sort((a, b) => b[1].ms - a[1].ms)) out.push(`  ${k.padEnd(44)} ${String(v.n).padStart(7)} calls ${v.ms.toFixed(1).padStart(10)} ms  (${(v.ms / v.n).toFixed(3)} ms/call)`);
}
const recordedAnswers = recorded.map((c) => (CHECK_OPS.has(c.op) ? { status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.text ? { text: c.text } : {}) } : c.op === "witnessTokenAt" ? { token: c.token } : {}));
const diffs = [];
let differ = false;
// a replay commits what was recorded, whatever the build answered: after a session's first differing
// answer its canvases may differ from the recording's decisions' too, so later differences can follow
// from the first one — the sessions touched are the count to read
const differing = (d) => (d.status.length === 0 ? "same status everywhere" : `${d.status.length} differ in ${new Set(d.status.map((x) => `${x.file}\n${x.session}`)).size} session(s)`);
out.push("");
for (const r of results) {
  const d = diff(recordedAnswers, r.answers);
  diffs.push({ a: "recording", b: r.dist, ...d });
  out.push(`answers, recording → ${r.dist}: ${differing(d)}; feasible with another witness text: ${d.otherWitness}`);
  if (d.status.length) differ = true;
}
for (let i = 1; i < results.length; i++) {
  const d = diff(results[0].answers, results[i].answers);
  diffs.push({ a: results[0].dist, b: results[i].dist, ...d });
  out.push(`answers, ${results[0].dist} → ${results[i].dist}: ${differing(d)}; feasible with another witness text: ${d.otherWitness}`);
  if (d.status.length) differ = true;
}
for (const d of diffs) {
  for (const x of d.status.slice(0, 20)) out.push(`  ${d.a} → ${d.b}: ${x.file} session ${x.session} call ${x.call} ${x.op}${x.p !== undefined ? ` p=${x.p}` : ""}${x.bytes !== undefined ? ` ${JSON.stringify(x.bytes)}` : ""}: ${x.from} → ${x.to}${x.via ? ` (via ${x.via})` : ""}`);
  if (d.status.length > 20) out.push(`  … ${d.status.length - 20} more`);
}
console.log(out.join("\n"));
if (values.json) {
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        load,
        logs: logs.map((l) => l.file),
        passes,
        builds: results.map((r) => ({ dist: r.dist, checks: r.checkMs.length, p50: quantile(r.checkMs, 0.5), p90: quantile(r.checkMs, 0.9), p99: quantile(r.checkMs, 0.99), max: quantile(r.checkMs, 1), tryP50: quantile(r.tryMs, 0.5), tryP99: quantile(r.tryMs, 0.99), tryMax: quantile(r.tryMs, 1), checkMs: r.checkTotal, sessionMs: r.totalMs, byWay: Object.fromEntries(r.viaMs) })),
        differences: diffs,
      },
      null,
      1,
    ),
  );
}
process.exit(values.strict && differ ? 1 : 0);
