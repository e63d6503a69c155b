#!/usr/bin/env node
// CPU profile of the mask walks of JSONSchemaBench schemas, startup excluded: loads the vocabulary
// and tokenizer, then profiles (node:inspector) --passes cold passes per schema (fresh compile, every
// labelled instance walked with full masks) and prints self and total time per function.
// Usage: node bench/mask-profile.mjs Subset/a.json [Subset/b.json ...] [--tokenizer llama3.1] [--passes 2] [--top 30]
// (after npm run build; data from ../shared/jsonschemabench)
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { gunzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { Tokenizer } from "@huggingface/tokenizers";
import { MaskContext, Vocabulary, tokenizerPathOf } from "../dist/index.js";
import { compileSchema } from "../dist/schema/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tokenizer: { type: "string", default: "llama3.1" },
    passes: { type: "string", default: "2" },
    top: { type: "string", default: "30" },
    out: { type: "string" },
    data: { type: "string", default: "../shared/jsonschemabench" },
  },
});
const vocab = Vocabulary.fromTokenizerName(values.tokenizer);
const tokPath = tokenizerPathOf(values.tokenizer);
const tok = new Tokenizer(JSON.parse(readFileSync(tokPath, "utf8")), JSON.parse(readFileSync(tokPath.replace(/tokenizer\.json$/, "tokenizer_config.json"), "utf8")));
const bits = new Uint32Array((vocab.size + 31) >>> 5);
const cases = positionals.map((file) => {
  const subset = file.split("/")[0];
  const row = gunzipSync(readFileSync(`${values.data}/tests/${subset}.jsonl.gz`)).toString().split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.file === file);
  const schemaJson = JSON.parse(readFileSync(`${values.data}/${file}`, "utf8"));
  const schema = compileSchema(schemaJson, { whitespace: "python" });
  return { file, schemaJson, seqs: row.tests.map((t) => tok.encode(schema.serialize(t.data)[0], { add_special_tokens: false }).ids) };
});

function pass() {
  let masks = 0;
  let maxMs = 0;
  for (const c of cases) {
    const schema = compileSchema(c.schemaJson, { whitespace: "python" });
    const ctx = new MaskContext(schema.compiled, vocab);
    for (const ids of c.seqs) {
      const m = ctx.matcher();
      for (const id of ids) {
        const t0 = performance.now();
        m.fillMask(bits);
        maxMs = Math.max(maxMs, performance.now() - t0);
        masks++;
        if (!m.accept(id)) break;
      }
    }
  }
  return { masks, maxMs };
}

pass(); // JIT warm-up, not profiled
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const cpu0 = process.cpuUsage();
let info;
for (let i = 0; i < Number(values.passes); i++) info = pass();
const cpuMs = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000;
const { profile } = await session.post("Profiler.stop");
if (values.out) writeFileSync(values.out, JSON.stringify(profile));
console.log(`${values.passes} passes: ${cpuMs.toFixed(0)} ms CPU, ${info.masks} masks per pass, slowest mask of the last ${info.maxMs.toFixed(1)} ms`);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`;
const self = new Map();
const total = new Map();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i];
  all += dt;
  const n = byId.get(id);
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const k = name(byId.get(x));
    if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
    seen.add(k);
  }
});
const top = Number(values.top);
const show = (title, m) => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * v) / all).toFixed(1).padStart(6)}%  ${k}`);
};
show("self time", self);
show("total time (function and its callees)", total);
