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
//                               [--json out.json] [--show]
import { readFileSync, writeFileSync } from "node:fs";
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
for (const s of snippets) {
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
console.log(`project open (warm-up) ms: ${Object.entries(openMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}; total ${summary.total_s.toFixed(1)} s`);
if (a.json) writeFileSync(a.json, JSON.stringify({ summary, rows }, null, 1) + "\n");
