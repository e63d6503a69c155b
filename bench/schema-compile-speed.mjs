#!/usr/bin/env node
// JSON Schema compile time on one core, as CPU time: `gramfill bench schemas` reports wall time,
// which on the shared machine mostly measures the other jobs. Compiles every --step-th schema of
// the data twice in one process (the first pass warms the JIT and the one-time tables: case
// folding, ajv-formats) and reports CPU ms (process.cpuUsage) and wall ms of the second pass.
// Usage: node bench/schema-compile-speed.mjs [--data ../shared/jsonschemabench] [--step 1]
//          [--mode strict|lenient] [--top 15] [--json OUT]     (after npm run build)
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compileSchema } from "../dist/schema/index.js";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/jsonschemabench" },
    step: { type: "string", default: "1" },
    mode: { type: "string", default: "strict" },
    top: { type: "string", default: "15" },
    json: { type: "string" },
  },
});
const step = Number(values.step);
const files = [];
for (const sub of readdirSync(values.data).sort()) {
  if (sub === "tests" || !statSync(join(values.data, sub)).isDirectory()) continue;
  for (const f of readdirSync(join(values.data, sub)).sort()) if (f.endsWith(".json")) files.push(`${sub}/${f}`);
}
const picked = files.filter((_, i) => i % step === 0);
const rows = new Map();
for (let pass = 0; pass < 2; pass++) {
  for (const f of picked) {
    const schema = JSON.parse(readFileSync(join(values.data, f), "utf8"));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let error = "";
    try {
      compileSchema(schema, { mode: values.mode, draft: "2020-12" });
    } catch (e) {
      error = `${e.code ?? "crash"}: ${String(e.message).split(":")[0]}`;
    }
    const c = process.cpuUsage(c0);
    if (pass === 1) rows.set(f, { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0, error });
  }
}
const ok = [...rows].filter(([, r]) => !r.error);
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const summary = (key) => {
  const xs = ok.map(([, r]) => r[key]).sort((a, b) => a - b);
  return { p50: pct(xs, 50), p90: pct(xs, 90), p99: pct(xs, 99), max: xs[xs.length - 1] };
};
const fmt = (s) => `p50 ${s.p50.toFixed(2)}  p90 ${s.p90.toFixed(1)}  p99 ${s.p99.toFixed(1)}  max ${s.max.toFixed(0)}`;
const cpu = summary("cpu");
const wall = summary("wall");
console.log(`${picked.length} schemas, ${ok.length} compiled (${values.mode})`);
console.log(`compile CPU ms:  ${fmt(cpu)}`);
console.log(`compile wall ms: ${fmt(wall)}`);
console.log("slowest (CPU ms):");
for (const [f, r] of ok.sort((a, b) => b[1].cpu - a[1].cpu).slice(0, Number(values.top))) console.log(`  ${r.cpu.toFixed(0).padStart(6)}  ${f}`);
if (values.json) writeFileSync(values.json, JSON.stringify({ schemas: picked.length, compiled: ok.length, cpu_ms: cpu, wall_ms: wall, files: Object.fromEntries(rows) }, null, 1));
