#!/usr/bin/env node
// Parser throughput: bytes per second for `check` (whole-input recognition) on real JSON and C++.
// Usage: node bench/check-speed.mjs [--json-dir DIR] [--cpp-dir DIR] [--repeat N]
// Needs `npm run build` first (it imports dist/). Prints a Markdown table row per workload.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import os from "node:os";
import { compileGrammar, loadGrammarFile } from "../dist/index.js";

const { values } = parseArgs({
  options: {
    "json-dir": { type: "string", default: "../shared/jsonschemabench" },
    "cpp-dir": { type: "string", default: "test/corpus/cpp" },
    repeat: { type: "string", default: "5" },
  },
});
const repeat = Number(values.repeat);

function filesUnder(dir, ext, limitBytes) {
  const out = [];
  let total = 0;
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(ext) && total < limitBytes) {
        const b = readFileSync(p);
        out.push(b);
        total += b.length;
      }
    }
  };
  walk(dir);
  return out;
}

function measure(label, grammarFile, docs) {
  const g = compileGrammar(loadGrammarFile(grammarFile));
  const bytes = docs.reduce((n, d) => n + d.length, 0);
  let best = Infinity;
  let rejected = 0;
  for (let r = 0; r < repeat; r++) {
    rejected = 0;
    const t0 = performance.now();
    for (const d of docs) if (!g.check(d).ok) rejected++;
    best = Math.min(best, performance.now() - t0);
  }
  const mbps = bytes / 1e6 / (best / 1000);
  console.log(`| ${label} | ${docs.length} | ${(bytes / 1e6).toFixed(2)} MB | ${best.toFixed(0)} ms | **${mbps.toFixed(2)} MB/s** | ${rejected} |`);
}

console.log(`machine: ${os.cpus()[0]?.model} x${os.cpus().length}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`| workload | files | size | best of ${repeat} | throughput | rejected |`);
console.log(`|---|---|---|---|---|---|`);
const jsonDocs = filesUnder(values["json-dir"], ".json", 12e6);
measure("JSON, real schemas (json.lark)", "grammars/json.lark", jsonDocs);
const big = Buffer.concat([Buffer.from("["), ...jsonDocs.flatMap((d, i) => (i ? [Buffer.from(","), d] : [d])), Buffer.from("]")]);
measure("JSON, one document of all of them", "grammars/json.lark", [big]);
// the code corpora are small: repeat them so a measurement lasts long enough to mean something
const times = (docs, n) => Array.from({ length: n }, () => docs).flat();
measure("C++, test corpus x10 (cpp.lark)", "grammars/cpp.lark", times(filesUnder(values["cpp-dir"], ".cpp", 5e6), 10));
measure("C, test corpus x10 (c.lark)", "grammars/c.lark", times(filesUnder("test/corpus/c", ".c", 5e6), 10));
