#!/usr/bin/env node
// Constrained diffusion decoding of JSON with the bundled MDM on JSONSchemaBench schemas:
// validity, Con.− (no fallback) vs Con. (witness fallback), checks per generation, per-check
// latency, constraint time / model time, per decoder configuration. Needs `npm run build`.
//
//   node bench/diffusion-json.mjs [--subset Github_easy] [--n 10] [--masks 64]
//        [--configs '[{"blockLength":1},{"blockLength":32}]'] [--unconstrained]
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { MaskedDiffusionLM } from "../dist/backend/diffusion-lm.js";
import { diffusionGenerate, mdmModel } from "../dist/decode/diffusion.js";
import { compileSchema } from "../dist/schema/index.js";
import { Vocabulary } from "../dist/vocab/vocabulary.js";

const { values } = parseArgs({
  options: {
    subset: { type: "string", default: "Github_easy" },
    n: { type: "string", default: "10" },
    masks: { type: "string", default: "64" },
    configs: { type: "string", default: '[{"blockLength":1},{"blockLength":8},{"blockLength":32}]' },
    unconstrained: { type: "boolean", default: false },
  },
});
const dir = join("/work/shared/jsonschemabench", values.subset);
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort().slice(0, Number(values.n));
const lm = await MaskedDiffusionLM.load("mdm");
const vocab = Vocabulary.fromTokenizerJson(lm.folder.dir);
const model = mdmModel(lm);
const median = (a) => (a.length ? [...a].sort((x, y) => x - y)[a.length >> 1] : 0);
for (const cfg of JSON.parse(values.configs)) {
  let ran = 0, valid = 0, fallback = 0, conMinus = 0, model_ms = 0, constraint_ms = 0, checks = 0;
  const p50 = [], p99 = [];
  for (const f of files) {
    let g;
    try {
      g = compileSchema(JSON.parse(readFileSync(join(dir, f), "utf8")), { whitespace: "python" }).compiled;
    } catch {
      continue; // not compilable: not counted
    }
    const r = await diffusionGenerate(model, vocab, { prompt: "JSON:\n", parts: [{ masks: Number(values.masks) }], ...(values.unconstrained ? {} : { grammar: g }), ...cfg });
    const ok = values.unconstrained ? g.check(r.text).ok : r.valid === true;
    ran++;
    if (ok) valid++;
    if (r.fallbackUsed) fallback++;
    if (ok && !r.fallbackUsed) conMinus++;
    model_ms += r.stats.model_ms;
    constraint_ms += r.stats.constraint_ms;
    checks += r.stats.checks;
    p50.push(r.stats.check_ms_p50);
    p99.push(r.stats.check_ms_p99);
  }
  console.log(JSON.stringify({ config: cfg, unconstrained: values.unconstrained, schemas: ran, valid, con_minus_valid: conMinus, fallback, checks_per_generation: +(checks / ran).toFixed(1), constraint_over_model: +(constraint_ms / model_ms).toFixed(3), median_check_ms_p50: median(p50), median_check_ms_p99: median(p99) }));
}
