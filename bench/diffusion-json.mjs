#!/usr/bin/env node
// Constrained diffusion decoding of JSON with the bundled MDM on JSONSchemaBench schemas:
// validity (the compiled grammar's check AND ajv), Con.− (no fallback) vs Con. (witness fallback),
// checks per generation, per-check latency, constraint time / model time, deep searches and last
// resorts, per decoder configuration. Needs `npm run build`.
//
//   node bench/diffusion-json.mjs [--sample 60 --seed 1 | --subset Github_easy --n 10] [--masks 64]
//        [--configs '[{"blockLength":1},{"blockLength":32}]'] [--unconstrained] [--json out.json]
//        [--compile-ms 5000]
//
// --sample: a seeded sample stratified over all subsets (bench jsonschemabench's selection);
// schemas that do not compile within --compile-ms are skipped (listed in the JSON output).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { MaskedDiffusionLM } from "../dist/backend/diffusion-lm.js";
import { listSchemaFiles, readSchemaText, stratifiedSample } from "../dist/bench/jsonschemabench/data.js";
import { validate } from "../dist/bench/jsonschemabench/runner.js";
import { diffusionGenerate, mdmModel } from "../dist/decode/diffusion.js";
import { compileSchema } from "../dist/schema/index.js";
import { Vocabulary } from "../dist/vocab/vocabulary.js";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "/work/shared/jsonschemabench" },
    subset: { type: "string" },
    n: { type: "string", default: "10" },
    sample: { type: "string" },
    seed: { type: "string", default: "1" },
    masks: { type: "string", default: "64" },
    configs: { type: "string", default: '[{"blockLength":1},{"blockLength":8},{"blockLength":32}]' },
    unconstrained: { type: "boolean", default: false },
    json: { type: "string" },
    "compile-ms": { type: "string", default: "5000" },
    from: { type: "string", default: "0" },
  },
});
const all = listSchemaFiles(values.data, values.subset ? [values.subset] : undefined);
// --from K: start at the K-th picked schema (to finish an interrupted run)
const picked = (values.sample ? stratifiedSample(all, Number(values.sample), Number(values.seed)) : all.slice(0, Number(values.n))).slice(Number(values.from));
const lm = await MaskedDiffusionLM.load("mdm");
const vocab = Vocabulary.fromTokenizerJson(lm.folder.dir);
const model = mdmModel(lm);
const schemas = [];
const skipped = [];
for (const { file, subset } of picked) {
  try {
    const schema = JSON.parse(readSchemaText(values.data, file));
    const compiled = compileSchema(schema, { whitespace: "python", budgetMs: Number(values["compile-ms"]) }).compiled;
    schemas.push({ file, subset, schema, compiled });
  } catch (e) {
    skipped.push({ file, reason: String(e.message ?? e).slice(0, 100) });
  }
}
const q = (a, p) => (a.length ? [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1))] : 0);
const rows = [];
for (const cfg of JSON.parse(values.configs)) {
  const acc = { ran: 0, valid: 0, grammarValid: 0, ajvValid: 0, fallback: 0, conMinus: 0, model_ms: 0, constraint_ms: 0, checks: 0, deep: 0, lastResort: 0, unknownRefused: 0, wall_ms: 0 };
  const p50 = [], p99 = [], perGen = [], failures = [];
  for (const { file, schema, compiled } of schemas) {
    const t0 = performance.now();
    let r;
    try {
      r = await diffusionGenerate(model, vocab, { prompt: "JSON:\n", parts: [{ masks: Number(values.masks) }], ...(values.unconstrained ? {} : { grammar: compiled }), ...cfg });
    } catch (e) {
      // counted as a failure of the decoder (not valid, not Con.−)
      acc.ran++;
      acc.errors = (acc.errors ?? 0) + 1;
      failures.push({ file, error: String(e.message ?? e).slice(0, 120) });
      console.error(JSON.stringify({ cfg, file, ok: false, error: String(e.message ?? e).slice(0, 120) }));
      continue;
    }
    acc.wall_ms += performance.now() - t0;
    const g = compiled.check(r.text).ok;
    const v = validate(schema, r.text);
    const ok = g && v.valid;
    acc.ran++;
    if (ok) acc.valid++;
    if (g) acc.grammarValid++;
    if (v.valid) acc.ajvValid++;
    if (r.fallbackUsed) acc.fallback++;
    if (ok && !r.fallbackUsed) acc.conMinus++;
    if (!ok || r.fallbackUsed) failures.push({ file, grammar: g, ajv: v.valid, fallback: r.fallbackUsed, ...(v.reason ? { reason: v.reason } : {}), text: r.text.slice(0, 120) });
    if (r.stats.token_witness === false) acc.noTokenWitness = (acc.noTokenWitness ?? 0) + 1;
    if (r.stats.token_witness === false && ok && !r.fallbackUsed) acc.conMinusNoWitness = (acc.conMinusNoWitness ?? 0) + 1;
    console.error(JSON.stringify({ cfg, file, ok, token_witness: r.stats.token_witness, fallback: r.fallbackUsed, checks: r.stats.checks, last_resort: r.stats.last_resort, model_ms: Math.round(r.stats.model_ms), constraint_ms: Math.round(r.stats.constraint_ms), p50: r.stats.check_ms_p50, p99: r.stats.check_ms_p99 }));
    acc.model_ms += r.stats.model_ms;
    acc.constraint_ms += r.stats.constraint_ms;
    acc.checks += r.stats.checks;
    acc.deep += r.stats.deep_searches ?? 0;
    acc.lastResort += r.stats.last_resort ?? 0;
    acc.unknownRefused += r.stats.unknown_refused ?? 0;
    perGen.push(r.stats.checks);
    p50.push(r.stats.check_ms_p50);
    p99.push(r.stats.check_ms_p99);
    acc.over02 = (acc.over02 ?? 0) + (r.stats.checks_over_0_2ms ?? 0);
    acc.over5 = (acc.over5 ?? 0) + (r.stats.checks_over_5ms ?? 0);
  }
  const row = {
    config: cfg,
    unconstrained: values.unconstrained,
    schemas: acc.ran,
    valid: acc.valid,
    grammar_valid: acc.grammarValid,
    ajv_valid: acc.ajvValid,
    con_minus_valid: acc.conMinus,
    // schemas whose first check found no token-level witness within the masks (Con.− over the rest)
    no_token_witness: acc.noTokenWitness ?? 0,
    con_minus_valid_with_witness: acc.conMinus - (acc.conMinusNoWitness ?? 0),
    fallback: acc.fallback,
    errors: acc.errors ?? 0,
    checks_per_generation: +(acc.checks / acc.ran).toFixed(1),
    checks_per_generation_p90: q(perGen, 0.9),
    deep_searches: acc.deep,
    last_resort: acc.lastResort,
    unknown_refused: acc.unknownRefused,
    constraint_over_model: +(acc.constraint_ms / acc.model_ms).toFixed(3),
    model_ms_per_generation: Math.round(acc.model_ms / acc.ran),
    wall_ms_per_generation: Math.round(acc.wall_ms / acc.ran),
    median_check_ms_p50: q(p50, 0.5),
    median_check_ms_p99: q(p99, 0.5),
    max_check_ms_p99: q(p99, 1),
    // all checks pooled: p50 ≤ 0.2 ms iff at most half took over 0.2 ms, p99 ≤ 5 ms iff at most 1 % over 5 ms
    checks_over_0_2ms: acc.over02 ?? 0,
    checks_over_5ms: acc.over5 ?? 0,
    pooled_p50_within_0_2ms: (acc.over02 ?? 0) <= acc.checks - Math.ceil(0.5 * acc.checks),
    pooled_p99_within_5ms: (acc.over5 ?? 0) <= acc.checks - Math.ceil(0.99 * acc.checks),
    failures: failures.slice(0, 12),
  };
  rows.push(row);
  const { failures: _f, ...brief } = row;
  console.log(JSON.stringify(brief));
}
console.log(JSON.stringify({ picked: picked.length, compiled: schemas.length, skipped: skipped.length }));
if (values.json) writeFileSync(values.json, JSON.stringify({ args: values, date: new Date().toISOString(), schemas: schemas.map((s) => s.file), skipped, rows }, null, 1));
