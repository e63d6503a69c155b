#!/usr/bin/env node
// Constrained diffusion decoding, builds × decoder options side by side: each schema of the
// stratified JSONSchemaBench sample (`--sample 50 --seed 1`, as bench/diffusion-json.mjs) is decoded
// by every variant in turn (same load), 32 masked positions, prompt `JSON:\n`, python whitespace.
// Per variant: validity (the compiled grammar AND ajv), Con.−, token witnesses, checks, "unknown"
// refusals, last resorts, constraint / model and sampler / model time, texts equal to variant 0's,
// outputs writing a key twice in one object (`firstDuplicateKey`, all and Con.− only) and the
// witnesses a session dropped for repeating one (`key_repeat_witnesses`, builds that count them).
//
//   node bench/diffusion-compare.mjs --block 32 --variants '[{"root":"/path/to/old"},{"root":"/path/to/new","opts":{...}}]'
//        [--n 50 --from 0 --step 1 | --files a.json,b.json] [--out result.json]
//        [--sample 50] [--prompt json|few-shot|zero-shot --context 128] [--limit-s S]
//
// --sample: the stratified sample's size (seed 1; 200 is the CI gate's MDM sample). --prompt: `JSON:\n`
// (default) or the benchmark's prompt for the schema (src/bench/jsonschemabench/prompt.ts), cut to
// context − 33 tokens as `bench jsonschemabench --context 128 --max-tokens 32` does. --limit-s: a
// wall-clock limit per generation (`shouldStop`; the fallback then finishes, counted as Con.).
//
// A root is a checkout with `npm run build` done (git archive of a commit + node_modules link);
// opts are passed to diffusionGenerate. Per-schema rows go to stderr.
import { parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
const { values } = parseArgs({ options: { block: { type: "string", default: "32" }, files: { type: "string" }, from: { type: "string", default: "0" }, n: { type: "string", default: "50" }, step: { type: "string", default: "1" }, variants: { type: "string" }, out: { type: "string" }, sample: { type: "string", default: "50" }, prompt: { type: "string", default: "json" }, context: { type: "string", default: "128" }, "limit-s": { type: "string" } } });
const data = "/work/shared/jsonschemabench";
const mods = new Map();
const load = async (root) => {
  if (!mods.has(root)) mods.set(root, {
    lm: (await import(root + "/dist/backend/diffusion-lm.js")).MaskedDiffusionLM,
    diff: await import(root + "/dist/decode/diffusion.js"),
    schema: await import(root + "/dist/schema/index.js"),
    Vocabulary: (await import(root + "/dist/vocab/vocabulary.js")).Vocabulary,
    data: await import(root + "/dist/bench/jsonschemabench/data.js"),
    runner: await import(root + "/dist/bench/jsonschemabench/runner.js"),
    json: await import(root + "/dist/schema/json-source.js"),
    prompt: await import(root + "/dist/bench/jsonschemabench/prompt.js"),
  });
  return mods.get(root);
};
const variants = JSON.parse(values.variants);
for (const v of variants) { v.m = await load(v.root); }
const A = variants[0].m;
let picked = A.data.stratifiedSample(A.data.listSchemaFiles(data), Number(values.sample), 1).slice(Number(values.from), Number(values.from) + Number(values.n)).filter((_, i) => i % Number(values.step) === 0);
if (values.files) picked = picked.filter((x) => values.files.split(",").includes(x.file));
const lm = await A.lm.load("mdm");
for (const v of variants) { v.vocab = v.m.Vocabulary.fromTokenizerJson(lm.folder.dir); v.model = v.m.diff.mdmModel(lm); }
const acc = variants.map(() => ({ ran: 0, ok: 0, cm: 0, tw: 0, cmtw: 0, fb: 0, err: 0, c: 0, m: 0, s: 0, checks: 0, ur: 0, lr: 0, rk: 0, rkcm: 0, krw: 0, same: 0, p50: [], p99: [] }));
const rows = [];
const t00 = Date.now();
for (const { file } of picked) {
  const text = A.data.readSchemaText(data, file);
  const row = { file };
  let first;
  for (let i = 0; i < variants.length; i++) {
    const v = variants[i], a = acc[i];
    let compiled;
    try { compiled = v.m.schema.compileSchema(JSON.parse(text), { whitespace: "python", budgetMs: 5000 }).compiled; } catch { row[i] = "compile"; continue; }
    a.ran++;
    let r;
    const prompt = values.prompt === "json" ? "JSON:\n" : v.m.prompt.buildPrompt(text, values.prompt, (t) => v.model.encode(t), Number(values.context) - 33).ids;
    const t1 = performance.now();
    const limit = values["limit-s"] === undefined ? {} : { shouldStop: () => performance.now() - t1 > 1000 * Number(values["limit-s"]) };
    try {
      r = await v.m.diff.diffusionGenerate(v.model, v.vocab, { prompt, ...limit, parts: [{ masks: 32 }], grammar: compiled, blockLength: Number(values.block), ...(v.opts ?? {}) });
    } catch (e) { a.err++; row[i] = { error: String(e.message).slice(0, 80) }; continue; }
    const ok = compiled.check(r.text).ok && A.runner.validate(JSON.parse(text), r.text).valid;
    const s = r.stats;
    if (ok) a.ok++;
    if (ok && !r.fallbackUsed) a.cm++;
    if (s.token_witness) { a.tw++; if (ok && !r.fallbackUsed) a.cmtw++; }
    if (r.fallbackUsed) a.fb++;
    const rk = A.json.firstDuplicateKey(r.text) !== undefined;
    if (rk) { a.rk++; if (!r.fallbackUsed) a.rkcm++; }
    a.krw += r.stats.key_repeat_witnesses ?? 0;
    a.c += s.constraint_ms; a.m += s.model_ms; a.s += s.sample_ms; a.checks += s.checks; a.ur += s.unknown_refused; a.lr += s.last_resort; a.p50.push(s.check_ms_p50); a.p99.push(s.check_ms_p99);
    if (i === 0) first = r.text; else if (r.text === first) a.same++;
    row[i] = { ok, fb: r.fallbackUsed, tw: s.token_witness, ch: s.checks, ur: s.unknown_refused, lr: s.last_resort, rk, c: Math.round(s.constraint_ms), m: Math.round(s.model_ms), text: r.text.slice(0, 60) };
  }
  rows.push(row);
  console.error(JSON.stringify(row));
}
const med = (x) => { const y = [...x].sort((p, q) => p - q); return y.length ? y[Math.floor((y.length - 1) / 2)] : 0; };
const summary = acc.map((a, i) => ({ root: variants[i].root, opts: variants[i].opts ?? {}, block: Number(values.block), schemas: a.ran, valid: a.ok, con_minus: a.cm, token_witness: a.tw, con_minus_with_witness: a.cmtw, fallback: a.fb, errors: a.err, checks_per_gen: +(a.checks / a.ran).toFixed(1), unknown_refused: a.ur, last_resort: a.lr, repeated_key: a.rk, repeated_key_con_minus: a.rkcm, key_repeat_witnesses: a.krw, constraint_over_model: +(a.c / a.m).toFixed(3), sample_over_model: +(a.s / a.m).toFixed(3), constraint_ms_per_gen: Math.round(a.c / a.ran), model_ms_per_gen: Math.round(a.m / a.ran), median_check_p50: med(a.p50), median_check_p99: med(a.p99), same_text_as_v0: a.same }));
for (const s of summary) console.log(JSON.stringify(s));
console.log(JSON.stringify({ wall_s: Math.round((Date.now() - t00) / 1000) }));
if (values.out) writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), args: values, summary, rows }, null, 1));
