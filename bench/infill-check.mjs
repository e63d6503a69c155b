#!/usr/bin/env node
// Infill feasibility checks (src/infill): per-check latency on diffusion-style canvases cut from
// real JSON documents and C++ files. Each document is split into pseudo-tokens of 1–6 bytes; runs
// of tokens are masked (holes of k masked positions, maxTokenBytes = 8; the last run may end with
// EOS padding when it reaches the end); every canvas is checked once cold-cache (a fresh checker per
// document, as a decoder starting a document) and once warm (same checker again). Times are CPU ms.
// Incremental workload (InfillSession): a document's pseudo-tokens are all masked (one hole of n + 8
// positions that EOS padding may cut short) and committed back one by one, in LLaDA order (blocks
// of 32 left to right, random order inside a block) or in a fully random order; before each true
// token a wrong one (another token of the document) is tried at the same position, as a decoder's
// rejected candidate; at the end EOS is tried at position n. Every try is one check. Every n-th
// check is also run one-shot (`InfillChecker.check` on the same canvas, a checker per document), with
// and without the prefix seed (`prefixSeed: false` is the checker before sessions), for comparison;
// the answers must agree. Latencies of this table are CPU ms of the process (the machine is shared).
// Usage: node bench/infill-check.mjs [--json-dir DIR] [--cpp-dir DIR] [--docs N] [--canvases N]
//        [--only oneshot|incremental] [--oneshot-every N] [--incr-docs N] [--orders llada,random]
//        [--grammars json,cpp] [--compare-quick] [--passes N] [--json-grammar FILE] [--cpp-grammar FILE]
// --compare-quick runs every incremental row first with the quick witness search off and loop classes
// unrelaxed (the checker's chart alone, as before session 3) on the same tokenizations and tries;
// --passes N repeats the rows (later passes meet a warm grammar: lexer DFA states, prediction blocks).
// Needs `npm run build` first (imports dist/).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import os from "node:os";
import { compileGrammar, loadGrammarFile } from "../dist/index.js";
import { InfillChecker, fillCanvas } from "../dist/infill/index.js";

const { values } = parseArgs({
  options: {
    "json-dir": { type: "string", default: "../shared/jsonschemabench/Github_easy" },
    "cpp-dir": { type: "string", default: "test/corpus/cpp" },
    docs: { type: "string", default: "40" },
    canvases: { type: "string", default: "5" },
    /** which tables: one-shot canvases, incremental commit sequences, or both */
    only: { type: "string", default: "" },
    /** one-shot re-checks of every n-th incremental step (0: none) */
    "oneshot-every": { type: "string", default: "4" },
    /** documents per incremental workload (default: --docs) */
    "incr-docs": { type: "string", default: "" },
    /** incremental rows to run: commit orders and grammars (comma-separated) */
    orders: { type: "string", default: "llada,random" },
    grammars: { type: "string", default: "json,cpp" },
    /**
     * also run each incremental row with the checker as before session 3 (no quick witness search,
     * no relaxed loop classes), on the same tokenizations and tries
     */
    "compare-quick": { type: "boolean", default: false },
    /** run each incremental row this many times (same tries; later passes meet a warm grammar: lexer DFA, prediction blocks) */
    passes: { type: "string", default: "1" },
    "json-grammar": { type: "string", default: "grammars/json.lark" },
    "cpp-grammar": { type: "string", default: "grammars/cpp.lark" },
  },
});
const nDocs = Number(values.docs);
const perDoc = Number(values.canvases);

let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;

function files(dir, ext, maxBytes) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(ext)) {
        const b = readFileSync(p);
        if (b.length <= maxBytes) out.push(b);
      }
    }
  };
  walk(dir);
  return out;
}

/** pseudo-tokens of 1..6 bytes; about `frac` of them masked in runs of 1..maxRun */
function canvasOf(doc, frac, maxRun) {
  const toks = [];
  for (let i = 0; i < doc.length; ) {
    const n = Math.min(doc.length - i, 1 + Math.floor(rnd() * 6));
    toks.push(doc.subarray(i, i + n));
    i += n;
  }
  const parts = [];
  let text = [];
  const flush = () => {
    if (text.length) parts.push({ text: Buffer.concat(text) });
    text = [];
  };
  for (let i = 0; i < toks.length; ) {
    if (rnd() < frac / maxRun * 2) {
      const k = Math.min(toks.length - i, 1 + Math.floor(rnd() * maxRun));
      flush();
      parts.push({ hole: { tokens: k, maxTokenBytes: 8, tailMayEnd: i + k === toks.length } });
      i += k;
    } else text.push(toks[i++]);
  }
  flush();
  return parts;
}

/** CPU ms of this process (user + system): on a shared machine wall time mostly measures the others */
function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function run(label, grammarFile, docs) {
  const g = compileGrammar(loadGrammarFile(grammarFile));
  const cold = [];
  const warm = [];
  const status = { feasible: 0, infeasible: 0, unknown: 0 };
  let holes = 0;
  let canvases = 0;
  for (const doc of docs) {
    const checker = new InfillChecker(g, { maxTokenBytes: 8 });
    for (let c = 0; c < perDoc; c++) {
      const canvas = canvasOf(doc, 0.3, 8);
      holes += canvas.filter((p) => "hole" in p).length;
      canvases++;
      let t = cpuNow();
      const r = checker.check(canvas);
      cold.push(cpuNow() - t);
      status[r.status]++;
      t = cpuNow();
      checker.check(canvas);
      warm.push(cpuNow() - t);
    }
  }
  const f = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  console.log(
    `| ${label} | ${canvases} (${(holes / canvases).toFixed(1)} holes avg) | ${f(pct(cold, 50))} ms | ${f(pct(cold, 99))} ms | ${f(Math.max(...cold))} ms | ${f(pct(warm, 50))} ms | ${f(pct(warm, 99))} ms | ${status.feasible} / ${status.infeasible} / ${status.unknown} |`,
  );
}

/** pseudo-tokens of 1..6 bytes */
function tokensOf(doc) {
  const toks = [];
  for (let i = 0; i < doc.length; ) {
    const n = Math.min(doc.length - i, 1 + Math.floor(rnd() * 6));
    toks.push(doc.subarray(i, i + n));
    i += n;
  }
  return toks;
}

function commitOrder(n, order) {
  const idx = Array.from({ length: n }, (_, i) => i);
  const shuffle = (a, lo, hi) => {
    for (let i = hi - 1; i > lo; i--) {
      const j = lo + Math.floor(rnd() * (i - lo + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
  };
  if (order === "random") shuffle(idx, 0, n);
  else for (let b = 0; b < n; b += 32) shuffle(idx, b, Math.min(n, b + 32));
  return idx;
}

const compiledGrammars = new Map();
function grammarOf(file) {
  if (!compiledGrammars.has(file)) compiledGrammars.set(file, compileGrammar(loadGrammarFile(file)));
  return compiledGrammars.get(file);
}

function runIncremental(label, grammarFile, docs, order, opts = {}) {
  const g = grammarOf(grammarFile);
  const every = Number(values["oneshot-every"]);
  const incr = [];
  const oneshot = [];
  const unseeded = [];
  const incrPaired = [];
  const status = { feasible: 0, infeasible: 0, unknown: 0 };
  const via = { witness: 0, repair: 0, parser: 0, chart: 0 };
  let disagree = 0;
  let steps = 0;
  for (const doc of docs) {
    const checker = new InfillChecker(g, { maxTokenBytes: 8, ...opts });
    const oneShotChecker = new InfillChecker(g, { maxTokenBytes: 8 });
    const unseededChecker = new InfillChecker(g, { maxTokenBytes: 8, prefixSeed: false });
    const toks = tokensOf(doc);
    const n = toks.length;
    const session = checker.session([{ hole: { tokens: n + 8, maxTokenBytes: 8, tailMayEnd: true } }]);
    const tries = [];
    for (const p of commitOrder(n, order)) {
      let wrong = toks[Math.floor(rnd() * n)];
      if (Buffer.compare(Buffer.from(wrong), Buffer.from(toks[p])) === 0) wrong = null;
      if (wrong) tries.push([p, wrong, false]);
      tries.push([p, toks[p], true]);
    }
    tries.push([n, null, true]);
    for (const [p, bytes, keep] of tries) {
      const before = { ...session.counts };
      let t = cpuNow();
      const r = bytes === null ? session.tryEnd(p) : session.tryCommit(p, bytes);
      const dt = cpuNow() - t;
      incr.push(dt);
      status[r.status]++;
      for (const k of Object.keys(via)) via[k] += session.counts[k] - before[k];
      if (every > 0 && steps++ % every === 0) {
        // the same canvas, one-shot
        const canvas = session.canvasWith(p, bytes);
        t = cpuNow();
        const r1 = oneShotChecker.check(canvas);
        oneshot.push(cpuNow() - t);
        incrPaired.push(dt);
        t = cpuNow();
        const r2 = unseededChecker.check(canvas);
        unseeded.push(cpuNow() - t);
        if ((r2.status === "feasible" && r.status === "infeasible") || (r2.status === "infeasible" && r.status === "feasible")) disagree++;
        if ((r1.status === "feasible" && r.status === "infeasible") || (r1.status === "infeasible" && r.status === "feasible")) disagree++;
      }
      if (keep) {
        if (bytes === null) session.end(p);
        else session.commit(p, bytes);
      }
    }
    const final = session.check();
    if (final.status !== "feasible" || Buffer.compare(Buffer.from(fillCanvas(session.canvas(), final.witness)), doc) !== 0) disagree++;
  }
  const f = (x) => (x < 10 ? x.toFixed(3) : x.toFixed(0));
  const row = (xs) => `${f(pct(xs, 50))} / ${f(pct(xs, 99))} / ${f(Math.max(...xs))} ms`;
  console.log(
    `| ${label}, ${order} order | ${incr.length} | ${row(incr)} | ${incrPaired.length ? row(incrPaired) : "-"} | ${oneshot.length ? row(oneshot) : "-"} | ${unseeded.length ? row(unseeded) : "-"} | ${status.feasible} / ${status.infeasible} / ${status.unknown} | ${via.witness} / ${via.repair} / ${via.parser} / ${via.chart} | ${disagree} |`,
  );
}

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? "?"} ×${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}`);
const jsonDocs = files(values["json-dir"], ".json", 600).slice(0, nDocs).map((b) => {
  // the instances are schemas; any JSON document will do — reserialize compactly with spaces
  try {
    return Buffer.from(JSON.stringify(JSON.parse(b.toString()), null, 1));
  } catch {
    return b;
  }
});
const cppDocs = files(values["cpp-dir"], ".cpp", 600).slice(0, nDocs);
if (values.only !== "incremental") {
  console.log("| workload | canvases | p50 | p99 | max | warm p50 | warm p99 | feasible / infeasible / unknown |");
  console.log("|---|---|---|---|---|---|---|---|");
  run("JSON (json.lark), docs ≤ 600 B", "grammars/json.lark", jsonDocs.filter((d) => d.length <= 900));
  run("C++ (cpp.lark), files ≤ 600 B", "grammars/cpp.lark", cppDocs);
}
if (values.only !== "oneshot") {
  const k = values["incr-docs"] ? Number(values["incr-docs"]) : nDocs;
  console.log();
  console.log("| incremental workload | checks | session p50 / p99 / max (CPU) | session, compared checks | one-shot, same checks | one-shot without prefix seed (before), same checks | feasible / infeasible / unknown | by witness / repair / parser / full chart | disagreements |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  const grammars = values.grammars.split(",");
  const row = (label, file, docs, order) => {
    // the same tokenizations and tries for every variant and pass: the random stream restarts
    const s0 = seed;
    for (let pass = 1; pass <= Number(values.passes); pass++) {
      const p = Number(values.passes) > 1 ? `, pass ${pass}` : "";
      if (values["compare-quick"]) {
        seed = s0;
        runIncremental(`${label} [before: chart only${p}]`, file, docs, order, { quickBudget: 0, relaxLoops: false });
      }
      seed = s0;
      runIncremental(`${label}${p ? ` [${p.slice(2)}]` : ""}`, file, docs, order);
    }
  };
  for (const order of values.orders.split(",")) {
    if (grammars.includes("json")) row("JSON (json.lark)", values["json-grammar"], jsonDocs.filter((d) => d.length <= 900).slice(0, k), order);
    if (grammars.includes("cpp")) row("C++ (cpp.lark)", values["cpp-grammar"], cppDocs.slice(0, k), order);
  }
}
