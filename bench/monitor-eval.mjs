#!/usr/bin/env node
// Monitor-guided decoding on the evaluation set (bench/monitor-eval/snippets.json: TypeScript files
// of 6 small projects cut right after a member-access dot). For each snippet, greedy generation
// with the bundled AR model, without and with the ts-members monitor, then:
//  - valid: the identifier the model wrote after the dot is valid for the receiver's type by the
//    language service's verdict: no semantic diagnostic (TS2339 "Property does not exist", TS2551,
//    private access, ...) on the identifier in prompt + identifier; no identifier at all counts
//    as invalid;
//  - exact: the identifier is the one the file has there;
//  - latency: per monitored step (the monitor's restrictMask in a context, the language-service
//    query included; p50/p90), the queries alone, idle steps, and the wall time per token with and
//    without the monitor (the model runs ~7 ms/token; the analysis overlaps its forward pass).
// Usage (after npm run build):
//   node bench/monitor-eval.mjs [--limit N] [--max-tokens 8] [--model ar] [--lookahead] [--grammar FILE]
//                               [--replay-rounds 3] [--no-generate] [--json out.json] [--show]
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { Generator, loadModel, compileGrammar, loadGrammarFile } from "../dist/index.js";
import { TsMemberMonitor, TsProject } from "../dist/monitors/index.js";

const { values: a } = parseArgs({
  options: {
    limit: { type: "string" },
    "max-tokens": { type: "string", default: "8" },
    model: { type: "string", default: "ar" },
    lookahead: { type: "boolean", default: false },
    grammar: { type: "string" },
    start: { type: "string", default: "continuation" },
    json: { type: "string" },
    show: { type: "boolean", default: false },
    "replay-rounds": { type: "string", default: "3" },
    "no-generate": { type: "boolean", default: false },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const evalDir = path.join(here, "monitor-eval");
let snippets = JSON.parse(readFileSync(path.join(evalDir, "snippets.json"), "utf8"));
if (a.limit) snippets = snippets.slice(0, Number(a.limit));
const maxTokens = Number(a["max-tokens"]);

const { model, vocab } = await loadModel(a.model);
const grammar = a.grammar ? compileGrammar(loadGrammarFile(a.grammar, { start: a.start })) : undefined;
const gen = new Generator(model, vocab, grammar);

const projects = new Map();
const openMs = {};
function project(name) {
  let p = projects.get(name);
  if (!p) {
    const t0 = performance.now();
    p = TsProject.open(path.join(evalDir, name));
    openMs[name] = performance.now() - t0;
    projects.set(name, p);
  }
  return p;
}

const IDENT = /^#?[A-Za-z_$][A-Za-z0-9_$]*/;
/** The service's verdict on `ident` written at the cut. */
function verdict(p, file, prompt, ident) {
  if (!ident) return { valid: false, why: "no identifier" };
  p.setText(file, prompt + ident);
  const diags = p.diagnostics(file).filter((d) => d.category === 1 && d.start !== undefined && d.start >= prompt.length && d.start < prompt.length + ident.length);
  p.removeFile(file);
  return diags.length ? { valid: false, why: `TS${diags[0].code}` } : { valid: true };
}

const rows = [];
const monitoredMs = [];
const queryMs = [];
let idleSteps = 0;
let idleMs = 0;
const wall = { free: { ms: 0, tokens: 0 }, monitored: { ms: 0, tokens: 0 } };
const t0 = performance.now();
for (const s of a["no-generate"] ? [] : snippets) {
  const p = project(s.project);
  const file = path.join(evalDir, s.project, s.file);
  const prompt = readFileSync(file, "utf8").slice(0, s.cut);
  const row = { id: s.id, expected: s.expected };
  for (const mode of ["free", "monitored"]) {
    const monitor = mode === "monitored" ? new TsMemberMonitor(p, file, vocab, { prefix: prompt, lookahead: a.lookahead }) : undefined;
    const r = await gen.generate({ prompt, maxTokens, temperature: 0, ...(monitor ? { monitors: [monitor] } : {}) });
    if (monitor) {
      p.removeFile(file);
      monitoredMs.push(...monitor.stats.monitoredMs);
      queryMs.push(...monitor.stats.queryMs);
      idleSteps += monitor.stats.idleSteps;
      idleMs += monitor.stats.idleMs;
    }
    const n = r.tokens.filter((t) => !vocab.isEos(t)).length;
    wall[mode].ms += r.stats.total_ms;
    wall[mode].tokens += n;
    const ident = (r.text.match(IDENT) ?? [""])[0];
    const v = verdict(p, file, prompt, ident);
    row[mode] = { text: r.text, ident, valid: v.valid, why: v.why, exact: ident === s.expected };
  }
  rows.push(row);
  if (a.show) console.log(`${s.id.padEnd(13)} ${s.expected.padEnd(12)} free ${JSON.stringify(row.free.text).padEnd(28)} ${row.free.valid ? "ok " : (row.free.why ?? "").padEnd(3)} | monitored ${JSON.stringify(row.monitored.text).padEnd(28)} ${row.monitored.valid ? "ok" : row.monitored.why}`);
}

// Replay without the model: the file's own identifier (then "(") written token by token under the
// monitor, each step's restrictMask timed by wall clock and by process CPU time (which a loaded
// machine inflates much less: the model is not running here, so the process's CPU is the monitor's
// and V8's GC helpers'), over `--replay-rounds` rounds.
const replayWall = [];
const replayCpu = [];
const replayQueryWall = [];
const triggerWall = [];
const triggerCpu = [];
/** per snippet, the fastest trigger step over the rounds (wall): the machine's load mostly filtered out */
const bestTrigger = new Map();
for (let round = 0; round < Number(a["replay-rounds"]); round++) {
  for (const s of snippets) {
    const p = project(s.project);
    const file = path.join(evalDir, s.project, s.file);
    const prompt = readFileSync(file, "utf8").slice(0, s.cut);
    const m = new TsMemberMonitor(p, file, vocab, { prefix: prompt, lookahead: a.lookahead });
    const bits = new Uint32Array((vocab.size + 31) >>> 5);
    const ids = vocab.tokenizeGreedy(s.expected + "(");
    for (const id of [...ids, -1]) {
      const inContext = m.phase !== "idle";
      const q0 = m.stats.queries;
      bits.fill(0xffffffff);
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      m.restrictMask(bits);
      const w = performance.now() - w0;
      const c = process.cpuUsage(c0);
      if (inContext) {
        replayWall.push(w);
        replayCpu.push((c.user + c.system) / 1000);
        if (m.stats.queries > q0) {
          triggerWall.push(w);
          triggerCpu.push((c.user + c.system) / 1000);
          bestTrigger.set(s.id, Math.min(bestTrigger.get(s.id) ?? Infinity, w));
        }
      }
      if (id < 0 || !m.accept(id)) break;
    }
    replayQueryWall.push(...m.stats.queryMs);
    p.removeFile(file);
  }
}

const pct = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const count = (mode, k) => rows.filter((r) => r[mode][k]).length;
const summary = {
  snippets: rows.length,
  projects: projects.size,
  max_tokens: maxTokens,
  lookahead: a.lookahead,
  grammar: a.grammar ?? null,
  valid: { free: count("free", "valid"), monitored: count("monitored", "valid") },
  exact: { free: count("free", "exact"), monitored: count("monitored", "exact") },
  monitored_steps: monitoredMs.length,
  monitored_step_ms: { p50: pct(monitoredMs, 0.5), p90: pct(monitoredMs, 0.9) },
  queries: queryMs.length,
  query_ms: { p50: pct(queryMs, 0.5), p90: pct(queryMs, 0.9) },
  idle_steps: idleSteps,
  idle_step_ms_mean: idleSteps ? idleMs / idleSteps : NaN,
  replay: { steps: replayWall.length, wall_ms: { p50: pct(replayWall, 0.5), p90: pct(replayWall, 0.9) }, cpu_ms: { p50: pct(replayCpu, 0.5), p90: pct(replayCpu, 0.9) }, queries: replayQueryWall.length, query_wall_ms: { p50: pct(replayQueryWall, 0.5), p90: pct(replayQueryWall, 0.9) }, trigger_steps: triggerWall.length, trigger_wall_ms: { p50: pct(triggerWall, 0.5), p90: pct(triggerWall, 0.9) }, trigger_cpu_ms: { p50: pct(triggerCpu, 0.5), p90: pct(triggerCpu, 0.9) }, trigger_best_of_rounds_wall_ms: { p50: pct([...bestTrigger.values()], 0.5), p90: pct([...bestTrigger.values()], 0.9) } },
  load_average: os.loadavg().map((x) => Number(x.toFixed(1))),
  wall_ms_per_token: { free: wall.free.ms / wall.free.tokens, monitored: wall.monitored.ms / wall.monitored.tokens },
  project_open_ms: openMs,
  total_s: (performance.now() - t0) / 1000,
};
const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : "-");
console.log(`${summary.snippets} snippets, ${summary.projects} projects, ${maxTokens} tokens each, greedy${a.grammar ? `, grammar ${a.grammar} (${a.start})` : ""}${a.lookahead ? ", lookahead" : ""}`);
console.log(`identifier valid for the receiver (language service): free ${summary.valid.free}/${rows.length}, monitored ${summary.valid.monitored}/${rows.length}`);
console.log(`identifier = the file's:                              free ${summary.exact.free}/${rows.length}, monitored ${summary.exact.monitored}/${rows.length}`);
console.log(`monitored steps ${summary.monitored_steps}: p50 ${f(summary.monitored_step_ms.p50)} ms, p90 ${f(summary.monitored_step_ms.p90)} ms (queries ${summary.queries}: p50 ${f(summary.query_ms.p50)} ms, p90 ${f(summary.query_ms.p90)} ms)`);
console.log(`idle steps ${idleSteps}: mean ${f(summary.idle_step_ms_mean)} ms; wall per token: free ${f(summary.wall_ms_per_token.free)} ms, monitored ${f(summary.wall_ms_per_token.monitored)} ms`);
console.log(`replay without the model, ${summary.replay.steps} monitored steps: wall p50 ${f(summary.replay.wall_ms.p50)} ms, p90 ${f(summary.replay.wall_ms.p90)} ms; CPU p50 ${f(summary.replay.cpu_ms.p50)} ms, p90 ${f(summary.replay.cpu_ms.p90)} ms (queries ${summary.replay.queries}: wall p50 ${f(summary.replay.query_wall_ms.p50)} ms)`);
console.log(`  of which ${summary.replay.trigger_steps} trigger steps (the query): wall p50 ${f(summary.replay.trigger_wall_ms.p50)} ms, p90 ${f(summary.replay.trigger_wall_ms.p90)} ms; CPU p50 ${f(summary.replay.trigger_cpu_ms.p50)} ms, p90 ${f(summary.replay.trigger_cpu_ms.p90)} ms; best of the rounds per snippet (wall) p50 ${f(summary.replay.trigger_best_of_rounds_wall_ms.p50)} ms, p90 ${f(summary.replay.trigger_best_of_rounds_wall_ms.p90)} ms`);
console.log(`load average ${summary.load_average.join(" ")} on ${os.cpus().length} cores`);
console.log(`project open (warm-up) ms: ${Object.entries(openMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}; total ${summary.total_s.toFixed(1)} s`);
if (a.json) writeFileSync(a.json, JSON.stringify({ summary, rows }, null, 1) + "\n");
