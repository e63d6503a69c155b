#!/usr/bin/env node
// The infill bounds against real documents. The token lower bound (src/infill/token-bound.ts): for every valid output
// (under 400 characters: the report keeps no more) of a JSONSchemaBench report, leastTokens(schema's grammar, speller) must not exceed the fewest
// vocabulary tokens that spell the output (`TokenSpeller.minTokens`, an upper bound's witness the
// bound cannot have seen). Reports violations (must be 0), how close the bound comes, how many
// schemas it proves need more than --positions tokens, and its time per grammar; with --old ROOT, the
// same for another build side by side. The grammar alphabet (src/infill/alphabet.ts): every byte of
// every output must lie inside it; its size and time per grammar are reported too.
//
//   node bench/token-bound-check.mjs [--report bench/reports/jsonschemabench-mdm-full.json] [--old ROOT]
//        [--n N] [--positions 32] [--model mdm] [--json out.json]
import { parseArgs } from "node:util";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const { values } = parseArgs({
  options: {
    report: { type: "string", default: "bench/reports/jsonschemabench-mdm-full.json" },
    old: { type: "string" }, n: { type: "string" }, positions: { type: "string", default: "32" },
    model: { type: "string", default: "mdm" }, json: { type: "string" }, help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1, 10).map((l) => l.replace(/^\/\/ ?/, "")).join("\n"));
  process.exit(0);
}
const DATA = "/work/shared/jsonschemabench";
const here = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const load = async (root) => ({
  schema: await import(root + "/dist/schema/index.js"),
  tokens: await import(root + "/dist/infill/tokens.js"),
  bound: await import(root + "/dist/infill/token-bound.js"),
  alphabet: await import(root + "/dist/infill/alphabet.js"),
  Vocabulary: (await import(root + "/dist/vocab/vocabulary.js")).Vocabulary,
  folder: await import(root + "/dist/backend/folder.js"),
  canvas: await import(root + "/dist/decode/diffusion-canvas.js"),
});
const builds = [{ name: "new", m: await load(here) }];
if (values.old) builds.push({ name: "old", m: await load(values.old) });
for (const b of builds) {
  const vocab = b.m.Vocabulary.fromTokenizerJson(b.m.folder.resolveModelDir(values.model));
  b.sp = b.m.tokens.tokenSpeller(vocab, b.m.canvas.maxTokenBytesOf(vocab));
  b.ms = 0; b.violations = []; b.noRoom = 0; b.sumRatio = 0; b.exact = 0; b.alphaMs = 0; b.alphaBytes = 0; b.alphaViolations = [];
}
const report = JSON.parse(readFileSync(values.report, "utf8"));
// the runner keeps an output's first 400 characters: only shorter ones are whole documents
let rows = report.per_schema.filter((r) => r.valid && typeof r.output === "string" && r.output.length < 400);
if (values.n) rows = rows.slice(0, Number(values.n));
const P = Number(values.positions);
const enc = new TextEncoder();
let done = 0, skipped = 0, raised = 0;
const perSchema = [];
const t0 = Date.now();
for (const r of rows) {
  const text = readFileSync(`${DATA}/${r.file}`, "utf8");
  const out = enc.encode(r.output);
  const row = { file: r.file };
  for (const b of builds) {
    let g;
    try {
      g = b.m.schema.compileSchema(JSON.parse(text), { whitespace: "compact", refSiblings: "intersect", budgetMs: 10_000 }).compiled;
    } catch { row[b.name] = null; continue; }
    const t = performance.now();
    const bound = b.m.bound.leastTokens(g, b.sp);
    b.ms += performance.now() - t;
    const truth = b.sp.minTokens(out);
    row[b.name] = bound; row.truth = truth;
    if (bound > truth) b.violations.push({ file: r.file, bound, truth, output: r.output });
    if (bound > P) b.noRoom++;
    if (bound === truth) b.exact++;
    b.sumRatio += truth > 0 ? bound / truth : 1;
    const ta = performance.now();
    const alphabet = b.m.alphabet.computeAlphabet(g, 256);
    b.alphaMs += performance.now() - ta;
    b.alphaBytes += alphabet.reduce((x, y) => x + y, 0);
    if (!b.m.alphabet.withinAlphabet(alphabet, out)) b.alphaViolations.push(r.file);
  }
  if (row.new == null) { skipped++; continue; }
  if (row.old != null && row.new > row.old) raised++;
  perSchema.push(row);
  if (++done % 500 === 0) process.stderr.write(`${done}/${rows.length} ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
console.log(`${values.report}: ${done} valid outputs checked (${skipped} schemas did not compile), model ${values.model}`);
for (const b of builds) {
  console.log(`${b.name}: violations (bound > fewest tokens of a valid output) ${b.violations.length}; bound = fewest tokens ${b.exact}; mean bound / fewest ${(b.sumRatio / done).toFixed(3)}; bound > ${P} positions ${b.noRoom}; leastTokens ${(b.ms / done).toFixed(2)} ms per grammar (${b.ms.toFixed(0)} ms in all)`);
  for (const v of b.violations.slice(0, 10)) console.log(`  VIOLATION ${v.file}: bound ${v.bound} > ${v.truth}: ${JSON.stringify(v.output).slice(0, 200)}`);
  console.log(`${b.name}: alphabet: outputs with a byte outside it ${b.alphaViolations.length}${b.alphaViolations.length ? " (" + b.alphaViolations.slice(0, 5).join(", ") + ")" : ""}; mean size ${(b.alphaBytes / done).toFixed(1)} bytes; ${(b.alphaMs / done).toFixed(2)} ms per grammar (${b.alphaMs.toFixed(0)} ms in all)`);
}
if (values.old) console.log(`bound raised on ${raised} of ${done} schemas`);
if (values.json) writeFileSync(values.json, JSON.stringify({ builds: builds.map((b) => ({ name: b.name, ms: b.ms, violations: b.violations, noRoom: b.noRoom, exact: b.exact })), perSchema }, null, 1));
process.exitCode = builds.some((b) => b.violations.length > 0 || b.alphaViolations.length > 0) ? 1 : 0;
