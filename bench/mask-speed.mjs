#!/usr/bin/env node
// Mask time per token for the JSON grammar over real documents, with a real vocabulary: the time of
// fillMask before each token of the document (greedy longest-match tokenization), first walk
// included. A preliminary bench until `gramfill bench maskbench` (issue 4).
// Usage: node bench/mask-speed.mjs [tokenizer: llama3.1|qwen3|gemma3|bundled] (after npm run build)
import { readFileSync, readdirSync } from "node:fs";
import { compileGrammar, loadGrammarFile, MaskContext, Vocabulary } from "../dist/index.js";
const t0 = performance.now();
const vocab = Vocabulary.fromTokenizerName(process.argv[2] ?? "llama3.1");
const trie = vocab.trie();
console.log("vocab", vocab.size, "load+trie ms", (performance.now() - t0).toFixed(0), trie.stats());
const g = compileGrammar(loadGrammarFile("grammars/json.lark"));
const ctx = new MaskContext(g, vocab);
const dir = "../shared/jsonschemabench/Github_easy";
const docs = readdirSync(dir).slice(0, 40).map(f => JSON.stringify(JSON.parse(readFileSync(dir + "/" + f, "utf8")), null, 1));
const times = [];
const bits = new Uint32Array((vocab.size + 31) >>> 5);
for (const d of docs) {
  const ids = vocab.tokenizeGreedy(d);
  const m = ctx.matcher();
  for (const id of ids) {
    const a = performance.now();
    m.fillMask(bits);
    times.push(performance.now() - a);
    if (!m.accept(id)) throw new Error("rejected");
  }
}
times.sort((a, b) => a - b);
const q = (p) => (times[Math.floor(p * (times.length - 1))] * 1000).toFixed(1);
console.log(`masks ${times.length}: p50 ${q(0.5)} µs p90 ${q(0.9)} p99 ${q(0.99)} max ${q(1)}; states ${ctx.tables.statesComputed}, tables ${(ctx.tables.memoryBytes/1e6).toFixed(1)} MB`);
