#!/usr/bin/env node
// The validation / invalidation errors of a `gramfill bench maskbench --json` run, one by one:
// which instance disagrees with its label, where our walk stopped, and ajv's verdict on it (so a
// wrong label — ajv agrees with us — is told apart from a bug of ours).
// Usage: node bench/maskbench-errors.mjs RUN.json [--tokenizer NAME] [--data DIR]
// (after npm run build)
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { Tokenizer } from "@huggingface/tokenizers";
import { MaskContext, Vocabulary, tokenizerPathOf } from "../dist/index.js";
import { compileSchema } from "../dist/schema/index.js";
import { ajvVerdict } from "../dist/cli/commands/schema.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tokenizer: { type: "string" }, data: { type: "string", default: "../shared/jsonschemabench" } },
});
const runFile = positionals[0];
if (!runFile) throw new Error("usage: maskbench-errors.mjs RUN.json");
const text = runFile.endsWith(".gz") ? gunzipSync(readFileSync(runFile)).toString() : readFileSync(runFile, "utf8");
const run = JSON.parse(text);
const tokName = values.tokenizer ?? run.tokenizer;
const vocab = Vocabulary.fromTokenizerName(tokName);
const tokPath = tokenizerPathOf(tokName);
const tok = new Tokenizer(JSON.parse(readFileSync(tokPath, "utf8")), JSON.parse(readFileSync(tokPath.replace(/tokenizer\.json$/, "tokenizer_config.json"), "utf8")));
const eos = vocab.eosIds[0];
const bits = new Uint32Array((vocab.size + 31) >>> 5);
const rows = new Map();
const rowsOf = (subset) => {
  if (!rows.has(subset)) {
    const m = new Map();
    for (const l of gunzipSync(readFileSync(`${values.data}/tests/${subset}.jsonl.gz`)).toString().split("\n")) if (l.trim()) {
      const r = JSON.parse(l);
      m.set(r.file, r);
    }
    rows.set(subset, m);
  }
  return rows.get(subset);
};
const dec = new TextDecoder();

for (const r of run.per_schema.filter((r) => r.status === "validation_error" || r.status === "invalidation_error")) {
  const row = rowsOf(r.subset).get(r.file);
  const schemaJson = JSON.parse(readFileSync(`${values.data}/${r.file}`, "utf8"));
  const schema = compileSchema(schemaJson, { whitespace: "python" });
  const ctx = new MaskContext(schema.compiled, vocab);
  for (const [i, t] of row.tests.entries()) {
    let reached = false;
    let stop = "";
    for (const text of schema.serialize(t.data)) {
      const ids = [...tok.encode(text, { add_special_tokens: false }).ids, eos];
      const m = ctx.matcher();
      let done = "";
      let ok = true;
      for (const id of ids) {
        m.fillMask(bits);
        if (!((bits[id >>> 5] >>> (id & 31)) & 1)) {
          ok = false;
          stop = `stopped after ${JSON.stringify(done.slice(-60))} at ${id === eos ? "EOS" : JSON.stringify(dec.decode(vocab.tokenBytes(id)))}`;
          break;
        }
        m.accept(id);
        if (id !== eos) done += dec.decode(vocab.tokenBytes(id));
      }
      reached ||= ok;
    }
    if (reached === t.valid) continue;
    const ajv = ajvVerdict(schemaJson, t.data);
    const verdict = ajv.valid === null ? `ajv cannot compile the schema (${ajv.error?.slice(0, 80)})` : ajv.valid === reached ? "ajv agrees with us: wrong label" : "ajv agrees with the label: OUR BUG";
    console.log(`${r.status} ${r.file} test ${i} (label ${t.valid ? "valid" : "invalid"}, "${t.description ?? ""}")\n  ours: ${reached ? "reached EOS" : stop}\n  ${verdict}`);
  }
}
