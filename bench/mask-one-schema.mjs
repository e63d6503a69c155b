#!/usr/bin/env node
// Where does one schema's mask time go? Walks every labelled instance of a JSONSchemaBench schema
// twice: with a fresh compiled grammar (cold: lexer DFA and token tables built on the way), then
// with fresh token tables over the already-built DFA (warm DFA). Prints masks slower than --slow ms.
// Usage: node bench/mask-one-schema.mjs Subset/file.json [--tokenizer llama3.1] [--slow 5]
// (after npm run build; data from ../shared/jsonschemabench)
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { Tokenizer } from "@huggingface/tokenizers";
import { MaskContext, Vocabulary, tokenizerPathOf } from "../dist/index.js";
import { compileSchema } from "../dist/schema/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tokenizer: { type: "string", default: "llama3.1" }, slow: { type: "string", default: "5" }, data: { type: "string", default: "../shared/jsonschemabench" } },
});
const file = positionals[0];
if (!file) throw new Error("usage: mask-one-schema.mjs Subset/file.json");
const slow = Number(values.slow);
const vocab = Vocabulary.fromTokenizerName(values.tokenizer);
const tokPath = tokenizerPathOf(values.tokenizer);
const tok = new Tokenizer(JSON.parse(readFileSync(tokPath, "utf8")), JSON.parse(readFileSync(tokPath.replace(/tokenizer\.json$/, "tokenizer_config.json"), "utf8")));
const subset = file.split("/")[0];
const row = gunzipSync(readFileSync(`${values.data}/tests/${subset}.jsonl.gz`)).toString().split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.file === file);
const schemaJson = JSON.parse(readFileSync(`${values.data}/${file}`, "utf8"));
const bits = new Uint32Array((vocab.size + 31) >>> 5);

function pass(label, schema) {
  const ctx = new MaskContext(schema.compiled, vocab);
  let total = 0, max = 0, n = 0;
  for (const t of row.tests) {
    const ids = tok.encode(schema.serialize(t.data)[0], { add_special_tokens: false }).ids;
    const m = ctx.matcher();
    let text = "";
    for (const id of ids) {
      const t0 = performance.now();
      m.fillMask(bits);
      const dt = performance.now() - t0;
      total += dt; max = Math.max(max, dt); n++;
      if (dt > slow) console.log(`  ${label}: ${dt.toFixed(1)} ms after ${JSON.stringify(text.slice(-40))}`);
      if (!m.accept(id)) break;
      text += new TextDecoder().decode(vocab.tokenBytes(id));
    }
  }
  console.log(`${label}: ${n} masks, ${total.toFixed(1)} ms in all, max ${max.toFixed(1)} ms, lexer states ${schema.compiled.dfa.numStates}`);
}

const t0 = performance.now();
const schema = compileSchema(schemaJson, { whitespace: "python" });
console.log(`compile ${(performance.now() - t0).toFixed(1)} ms`);
pass("cold", schema);
pass("warm DFA", schema);
