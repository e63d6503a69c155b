#!/usr/bin/env node
// Generation with the bundled AR model over JSONSchemaBench schemas (../shared/jsonschemabench):
//  - overhead: constraint_ms / model_ms per generation (median), greedy, over the first N schemas;
//    tokens/s unconstrained, constrained without and with jump-forward;
//  - validity: share of outputs valid by ajv over M schemas that compile (strict mode, ajv too),
//    seeds 1..3, temperature 1 (close-out included: cut-off outputs must be valid too).
// Usage (after npm run build):
//   node bench/generate.mjs [--dir ../shared/jsonschemabench] [--overhead 100] [--validity 200]
//                           [--seeds 1,2,3] [--max-tokens 64] [--json out.json]
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Generator, loadModel } from "../dist/index.js";
import { compileSchema } from "../dist/schema/index.js";
import { ajvValidator } from "../dist/cli/commands/schema.js";

const { values: a } = parseArgs({
  options: {
    dir: { type: "string", default: "../shared/jsonschemabench" },
    overhead: { type: "string", default: "100" },
    validity: { type: "string", default: "200" },
    seeds: { type: "string", default: "1,2,3" },
    "max-tokens": { type: "string", default: "64" },
    json: { type: "string" },
  },
});
const nOver = Number(a.overhead);
const nValid = Number(a.validity);
const seeds = a.seeds.split(",").map(Number);
const maxTokens = Number(a["max-tokens"]);

// every schema file, in a fixed pseudo-random order (seeded shuffle, as bench maskbench samples)
const files = [];
for (const sub of readdirSync(a.dir).sort()) {
  if (sub.endsWith(".md") || sub === "tests") continue;
  let names;
  try {
    names = readdirSync(join(a.dir, sub)).filter((f) => f.endsWith(".json")).sort();
  } catch {
    continue;
  }
  for (const f of names) files.push(join(a.dir, sub, f));
}
let state = 12345;
const rnd = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
for (let i = files.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [files[i], files[j]] = [files[j], files[i]];
}

const { model, vocab } = await loadModel("ar");
const need = Math.max(nOver, nValid);
const picked = [];
let tried = 0;
const skipped = { gramfill: 0, ajv: 0 };
for (const file of files) {
  if (picked.length >= need) break;
  tried++;
  let schema;
  try {
    schema = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    continue;
  }
  const validate = ajvValidator(schema);
  if (!validate) {
    skipped.ajv++;
    continue;
  }
  let compiled;
  try {
    compiled = compileSchema(schema, { whitespace: "compact" }).compiled;
  } catch {
    skipped.gramfill++;
    continue;
  }
  picked.push({ file: file.slice(a.dir.length + 1), compiled, validate });
}
console.log(`schemas: ${picked.length} compiled of ${tried} tried (not compiled: gramfill ${skipped.gramfill}, ajv ${skipped.ajv})`);

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};

// overhead and speed (greedy, one generation per schema and configuration)
const free = new Generator(model, vocab);
const ratios = [];
const ratiosNoJf = [];
const speed = { free: [0, 0], noJf: [0, 0], jf: [0, 0] };
let forced = 0;
for (const s of picked.slice(0, nOver)) {
  // a fresh Generator (cold mask tables) per configuration: both pay for their first masks
  const rNo = await new Generator(model, vocab, s.compiled).generate({ maxTokens, jumpForward: false });
  const rJf = await new Generator(model, vocab, s.compiled).generate({ maxTokens });
  const rFree = await free.generate({ maxTokens });
  ratiosNoJf.push(rNo.stats.constraint_ms / rNo.stats.model_ms);
  ratios.push(rJf.stats.constraint_ms / rJf.stats.model_ms);
  forced += rJf.stats.forced_tokens;
  for (const [k, r] of [["free", rFree], ["noJf", rNo], ["jf", rJf]]) {
    speed[k][0] += r.tokens.length;
    speed[k][1] += r.stats.total_ms;
  }
}
const tps = (k) => (speed[k][0] * 1000) / speed[k][1];
const over = {
  schemas: Math.min(nOver, picked.length),
  median_overhead_jump_forward: median(ratios),
  median_overhead_no_jump_forward: median(ratiosNoJf),
  p90_overhead_jump_forward: [...ratios].sort((x, y) => x - y)[Math.floor(0.9 * (ratios.length - 1))],
  tokens_per_s: { unconstrained: tps("free"), constrained: tps("noJf"), constrained_jump_forward: tps("jf") },
  forced_share: forced / speed.jf[0],
};
console.log(JSON.stringify(over));

// validity
const v = { schemas: 0, outputs: 0, valid: 0, closed_out: 0, unfinished: 0, invalid: [] };
for (const s of picked.slice(0, nValid)) {
  v.schemas++;
  const gen = new Generator(model, vocab, s.compiled);
  for (const seed of seeds) {
    const r = await gen.generate({ maxTokens, temperature: 1, seed });
    v.outputs++;
    if (r.closedOut) v.closed_out++;
    if (r.complete !== true) {
      v.unfinished++;
      v.invalid.push({ file: s.file, seed, why: "no completion found", text: r.text.slice(0, 200) });
      continue;
    }
    let ok = false;
    try {
      ok = s.validate(JSON.parse(r.text));
    } catch {
      ok = false;
    }
    if (ok) v.valid++;
    else v.invalid.push({ file: s.file, seed, why: "ajv", text: r.text.slice(0, 300) });
  }
}
console.log(JSON.stringify({ ...v, invalid: v.invalid.slice(0, 20) }));
console.log(`validity: ${v.valid}/${v.outputs} (${((100 * v.valid) / v.outputs).toFixed(1)}%) over ${v.schemas} schemas, seeds ${seeds.join(",")}; closed out ${v.closed_out}`);
if (a.json) writeFileSync(a.json, JSON.stringify({ date: new Date().toISOString(), maxTokens, seeds, overhead: over, validity: v }, null, 2));
