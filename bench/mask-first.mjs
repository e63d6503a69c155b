#!/usr/bin/env node
// Time to first mask, split: schema compile, MaskContext (token tables set up), first fillMask.
// For a sample of JSONSchemaBench schemas, each phase timed --reps times on a fresh compile
// (minimum kept: the machine is shared; --reps 1 = the first compile only), JIT warmed on other schemas.
// Usage: node bench/mask-first.mjs [--sample 200] [--seed 1] [--reps 1] [--tokenizer llama3.1]
// (after npm run build; data from ../shared/jsonschemabench)
import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { MaskContext, Vocabulary } from "../dist/index.js";
import { compileSchema } from "../dist/schema/index.js";

const { values } = parseArgs({
  options: {
    tokenizer: { type: "string", default: "llama3.1" },
    sample: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    reps: { type: "string", default: "1" },
    data: { type: "string", default: "../shared/jsonschemabench" },
  },
});
const vocab = Vocabulary.fromTokenizerName(values.tokenizer);
const files = [];
for (const f of readdirSync(`${values.data}/tests`).filter((f) => f.endsWith(".jsonl.gz")).sort())
  for (const l of gunzipSync(readFileSync(`${values.data}/tests/${f}`)).toString().split("\n")) if (l.trim()) files.push(JSON.parse(l).file);
let state = Number(values.seed) >>> 0 || 1;
const rnd = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
for (let i = files.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [files[i], files[j]] = [files[j], files[i]];
}
const sample = files.slice(0, Number(values.sample)).map((file) => ({ file, json: JSON.parse(readFileSync(`${values.data}/${file}`, "utf8")) }));
const bits = new Uint32Array((vocab.size + 31) >>> 5);

function once(json) {
  const t0 = performance.now();
  const schema = compileSchema(json, { whitespace: "python" });
  const t1 = performance.now();
  const ctx = new MaskContext(schema.compiled, vocab);
  const t2 = performance.now();
  ctx.matcher().fillMask(bits);
  const t3 = performance.now();
  return [t1 - t0, t2 - t1, t3 - t2];
}

// JIT warm-up on other schemas than the sample's: the first compile of each sample schema is
// timed as a bench run meets it (caches keyed by schema content not yet filled)
for (const file of files.slice(Number(values.sample), 2 * Number(values.sample))) {
  try {
    once(JSON.parse(readFileSync(`${values.data}/${file}`, "utf8")));
  } catch {}
}
const rows = [];
for (const s of sample) {
  try {
    const best = once(s.json);
    for (let r = 1; r < Number(values.reps); r++) once(s.json).forEach((v, k) => (best[k] = Math.min(best[k], v)));
    rows.push({ file: s.file, compile: best[0], context: best[1], first: best[2], total: best[0] + best[1] + best[2] });
  } catch {}
}
const ok = rows;
const pct = (xs, q) => {
  const v = Float64Array.from(xs).sort();
  return v[Math.min(v.length - 1, Math.floor(q * v.length))];
};
console.log(`${ok.length} of ${sample.length} schemas compiled; ms, minimum of ${values.reps} runs each`);
for (const k of ["compile", "context", "first", "total"]) {
  const xs = rows.map((r) => r[k]);
  console.log(`  ${k.padEnd(8)} p50 ${pct(xs, 0.5).toFixed(3)}  p90 ${pct(xs, 0.9).toFixed(3)}  p99 ${pct(xs, 0.99).toFixed(3)}  max ${pct(xs, 1).toFixed(3)}`);
}
for (const r of rows.sort((a, b) => b.first + b.context - a.first - a.context).slice(0, 5)) console.log(`  slowest after compile: ${r.file} context ${r.context.toFixed(2)} first ${r.first.toFixed(2)}`);
