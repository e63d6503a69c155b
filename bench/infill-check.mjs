#!/usr/bin/env node
// Infill feasibility checks (src/infill): per-check latency on diffusion-style canvases cut from
// real JSON documents and C++ files. Each document is split into pseudo-tokens of 1–6 bytes; runs
// of tokens are masked (holes of k masked positions, maxTokenBytes = 8; the last run may end with
// EOS padding when it reaches the end); every canvas is checked once cold-cache (a fresh checker per
// document, as a decoder starting a document) and once warm (same checker again).
// Usage: node bench/infill-check.mjs [--json-dir DIR] [--cpp-dir DIR] [--docs N] [--canvases N]
// Needs `npm run build` first (imports dist/).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import os from "node:os";
import { compileGrammar, loadGrammarFile } from "../dist/index.js";
import { InfillChecker } from "../dist/infill/index.js";

const { values } = parseArgs({
  options: {
    "json-dir": { type: "string", default: "../shared/jsonschemabench/Github_easy" },
    "cpp-dir": { type: "string", default: "test/corpus/cpp" },
    docs: { type: "string", default: "40" },
    canvases: { type: "string", default: "5" },
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
      let t = performance.now();
      const r = checker.check(canvas);
      cold.push(performance.now() - t);
      status[r.status]++;
      t = performance.now();
      checker.check(canvas);
      warm.push(performance.now() - t);
    }
  }
  const f = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  console.log(
    `| ${label} | ${canvases} (${(holes / canvases).toFixed(1)} holes avg) | ${f(pct(cold, 50))} ms | ${f(pct(cold, 99))} ms | ${f(Math.max(...cold))} ms | ${f(pct(warm, 50))} ms | ${f(pct(warm, 99))} ms | ${status.feasible} / ${status.infeasible} / ${status.unknown} |`,
  );
}

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? "?"} ×${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}`);
console.log("| workload | canvases | p50 | p99 | max | warm p50 | warm p99 | feasible / infeasible / unknown |");
console.log("|---|---|---|---|---|---|---|---|");
const jsonDocs = files(values["json-dir"], ".json", 600).slice(0, nDocs).map((b) => {
  // the instances are schemas; any JSON document will do — reserialize compactly with spaces
  try {
    return Buffer.from(JSON.stringify(JSON.parse(b.toString()), null, 1));
  } catch {
    return b;
  }
});
run("JSON (json.lark), docs ≤ 600 B", "grammars/json.lark", jsonDocs.filter((d) => d.length <= 900));
run("C++ (cpp.lark), files ≤ 600 B", "grammars/cpp.lark", files(values["cpp-dir"], ".cpp", 600).slice(0, nDocs));
