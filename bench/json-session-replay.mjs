#!/usr/bin/env node
// The constraint's cost of JSON Schema generations with the MDM, measured without the model: record
// every InfillSession call of the decoder (GRAMFILL_INFILL_LOG, src/infill/session-log.ts) on the
// stratified sample with prompt `JSON:\n` (as bench/diffusion-compare.mjs), then replay the calls
// against several builds, in turns schema by schema, on the process's CPU clock (the machine is
// shared: wall time counts other processes' turns). bench/infill-replay.mjs does the same for a
// grammar file; a schema grammar needs its schema compiled (distinct keys included), hence this.
//
//   node bench/json-session-replay.mjs --record DIR --root BUILD [--block 32] [--n 50 --step 1] [--sample 50]
//   node bench/json-session-replay.mjs --replay DIR --variants BUILD_A,BUILD_B [--passes 1] [--slowest N]
//
// A variant may carry session options over the recorded ones (a what-if without a new recording):
// `BUILD#{"repairStreak":2}` (JSON after the first `#`; separate such variants with `;` instead of `,`).
//
// A BUILD is a checkout with `npm run build` done (git archive of a commit + node_modules link).
// Replay reports per build: CPU ms of all session calls (the decoder's constraint time without its
// pre-filter mask and stepping; the process's CPU clock read around each generation's calls, session
// construction left out), of the checks (check, try, tryEnd), their per-call p50/p99, time by
// way of answering, and the answers' statuses compared with the first build (they must agree: the
// same calls on the same canvases). Per-call times are read on `performance.now()`: the CPU clock
// (`process.cpuUsage`, a system call of ~7 µs) cost more than most calls it would time; on a busy
// machine a preempted call shows in the p99, not in the CPU totals.
import { parseArgs } from "node:util";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";

let values;
try {
  ({ values } = parseArgs({ options: { record: { type: "string" }, replay: { type: "string" }, root: { type: "string" }, variants: { type: "string" }, block: { type: "string", default: "32" }, n: { type: "string", default: "50" }, from: { type: "string", default: "0" }, step: { type: "string", default: "1" }, sample: { type: "string", default: "50" }, passes: { type: "string", default: "1" }, slowest: { type: "string", default: "0" } } }));
} catch (e) {
  console.error(`json-session-replay: ${e.message}`);
  process.exit(2);
}
if (values.record && !values.root) {
  console.error("json-session-replay: --record DIR needs --root BUILD (a checkout with npm run build done)");
  process.exit(2);
}
const data = "/work/shared/jsonschemabench";
const load = async (root) => ({
  lm: (await import(root + "/dist/backend/diffusion-lm.js")).MaskedDiffusionLM,
  diff: await import(root + "/dist/decode/diffusion.js"),
  schema: await import(root + "/dist/schema/index.js"),
  Vocabulary: (await import(root + "/dist/vocab/vocabulary.js")).Vocabulary,
  data: await import(root + "/dist/bench/jsonschemabench/data.js"),
  infill: await import(root + "/dist/infill/index.js"),
});
const compile = (m, text) => m.schema.compileSchema(JSON.parse(text), { whitespace: "python", budgetMs: 5000 }).compiled;

if (values.record) {
  const m = await load(values.root);
  mkdirSync(values.record, { recursive: true });
  const picked = m.data.stratifiedSample(m.data.listSchemaFiles(data), Number(values.sample), 1).slice(Number(values.from), Number(values.from) + Number(values.n)).filter((_, i) => i % Number(values.step) === 0);
  const lm = await m.lm.load("mdm");
  const vocab = m.Vocabulary.fromTokenizerJson(lm.folder.dir);
  const model = m.diff.mdmModel(lm);
  const index = [];
  for (const [k, { file }] of picked.entries()) {
    let compiled;
    try {
      compiled = compile(m, m.data.readSchemaText(data, file));
    } catch {
      continue;
    }
    const log = join(values.record, `${String(k).padStart(3, "0")}.jsonl`);
    writeFileSync(log, "");
    process.env.GRAMFILL_INFILL_LOG = log;
    try {
      const r = await m.diff.diffusionGenerate(model, vocab, { prompt: "JSON:\n", parts: [{ masks: 32 }], grammar: compiled, blockLength: Number(values.block) });
      index.push({ log, file, constraint_ms: r.stats.constraint_ms, model_ms: r.stats.model_ms, checks: r.stats.checks });
    } catch (e) {
      console.error(file, String(e.message).slice(0, 80));
    }
    delete process.env.GRAMFILL_INFILL_LOG;
  }
  writeFileSync(join(values.record, "index.json"), JSON.stringify({ date: new Date().toISOString(), block: Number(values.block), root: values.root, runs: index }, null, 1));
  console.log(`recorded ${index.length} generations in ${values.record}`);
  process.exit(0);
}

if (!values.replay || !values.variants) {
  console.error("json-session-replay: --record DIR --root BUILD, or --replay DIR --variants A,B");
  process.exit(2);
}
let runs;
try {
  ({ runs } = JSON.parse(readFileSync(join(values.replay, "index.json"), "utf8")));
} catch (e) {
  console.error(`json-session-replay: ${join(values.replay, "index.json")}: no recording there (${e.code ?? e.message}); make one with --record`);
  process.exit(2);
}
const dec64 = (b) => new Uint8Array(Buffer.from(b, "base64"));
const enc = new TextEncoder();
const bytesOf = (x) => ("u" in x ? enc.encode(x.u) : dec64(x.b));
const canvasOf = (parts) => parts.map((p) => ("text" in p ? { text: bytesOf(p.text) } : p));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const builds = [];
for (const variant of values.variants.split(values.variants.includes("#") ? ";" : ",")) {
  const hash = variant.indexOf("#");
  const root = hash < 0 ? variant : variant.slice(0, hash);
  let opts = {};
  try {
    opts = hash < 0 ? {} : JSON.parse(variant.slice(hash + 1));
  } catch (e) {
    console.error(`json-session-replay: variant ${variant}: the options after # are not JSON (${e.message})`);
    process.exit(2);
  }
  const m = await load(root);
  const lm = await m.lm.load("mdm");
  builds.push({ root: variant, opts, m, vocab: m.Vocabulary.fromTokenizerJson(lm.folder.dir), total: 0, checkTotal: 0, checkMs: [], checkAt: [], checkWay: [], via: new Map(), answers: [], texts: [] });
}
const CHECKS = new Set(["check", "try", "tryEnd"]);
for (let pass = 0; pass < Number(values.passes); pass++) {
  for (const run of runs) {
    const lines = readFileSync(run.log, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
    // the calls' bytes decoded once, before any build's clock runs
    for (const line of lines) if (line.bytes !== undefined) line.u8 = bytesOf(line.bytes);
    const text = builds[0].m.data.readSchemaText(data, run.file);
    for (const b of builds) {
      const compiled = compile(b.m, text);
      const sessions = new Map();
      let setup = 0;
      const c0 = cpu();
      for (const [li, line] of lines.entries()) {
        if (line.kind === "session") {
          const s0 = cpu();
          const checker = new b.m.infill.InfillChecker(compiled, line.checker);
          const speller = line.speller ? b.m.infill.tokenSpeller(b.vocab, line.speller.maxTokenBytes) : undefined;
          sessions.set(line.id, new b.m.infill.InfillSession(checker, canvasOf(line.canvas), line.maxTokenBytes, { ...line.session, ...b.opts, ...(speller ? { speller } : {}) }));
          setup += cpu() - s0;
          continue;
        }
        const s = sessions.get(line.id);
        const before = { ...s.counts };
        const t0 = performance.now();
        let r;
        switch (line.op) {
          case "check": r = s.check(); break;
          case "try": r = s.tryCommit(line.p, line.u8, line.cheap); break;
          case "tryEnd": r = s.tryEnd(line.p, line.cheap); break;
          case "commit": s.commit(line.p, line.u8); break;
          case "end": s.end(line.p); break;
          case "witnessTokenAt": r = s.witnessTokenAt(line.p); break;
        }
        const ms = performance.now() - t0;
        const via = Object.keys(s.counts).filter((k) => k !== "checks" && s.counts[k] !== before[k]).join(",");
        const key = `${line.op}${CHECKS.has(line.op) ? ":" + r.status : ""}${via ? " via " + via : ""}`;
        if (CHECKS.has(line.op)) {
          b.checkTotal += ms;
          if (pass === 0) {
            b.checkAt.push(`${run.file} line ${li + 1}`);
            b.checkMs.push(ms);
            b.checkWay.push(key);
            b.answers.push(r.status);
            b.texts.push(r.text === null ? null : Buffer.from(r.text).toString("latin1"));
          }
        }
        const v = b.via.get(key) ?? { n: 0, ms: 0, each: [] };
        v.n++;
        v.ms += ms;
        if (pass === 0) v.each.push(ms);
        b.via.set(key, v);
      }
      b.total += cpu() - c0 - setup;
    }
  }
}
const q = (xs, f) => {
  const y = [...xs].sort((a, b) => a - b);
  return y.length ? y[Math.min(y.length - 1, Math.floor(f * (y.length - 1)))] : 0;
};
console.log(`${runs.length} generations, ${builds[0].checkMs.length} checks, passes ${values.passes}; load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
for (const b of builds) {
  const differ = b.answers.filter((a, i) => a !== builds[0].answers[i]).length;
  // the witness texts too (a check's answer and the text it verified)
  const textsDiffer = b.texts.filter((t, i) => t !== builds[0].texts[i]).length;
  console.log(JSON.stringify({ root: b.root, session_cpu_ms: Math.round(b.total), check_ms: Math.round(b.checkTotal), check_p50_ms: +q(b.checkMs, 0.5).toFixed(3), check_p99_ms: +q(b.checkMs, 0.99).toFixed(2), answers_differing_from_first: differ, witness_texts_differing: textsDiffer }));
  // by way of answering: total, calls, the median call (a GC pause or a preemption lands on some call of the commonest ways)
  for (const [k, v] of [...b.via].sort((x, y) => y[1].ms - x[1].ms).slice(0, 8)) console.log(`  ${String(Math.round(v.ms)).padStart(7)} ms ${String(v.n).padStart(7)} calls ${(1000 * q(v.each, 0.5)).toFixed(1).padStart(7)} µs p50  ${k}`);
  // the slow checks: those at or above the p99, by way of answering
  const p99 = q(b.checkMs, 0.99);
  const slow = new Map();
  b.checkMs.forEach((ms, i) => {
    if (ms < p99) return;
    const v = slow.get(b.checkWay[i]) ?? { n: 0, ms: 0 };
    v.n++;
    v.ms += ms;
    slow.set(b.checkWay[i], v);
  });
  // --slowest N: the N slowest checks of the first pass, where they are (schema, log line) and how they were answered
  const order = b.checkMs.map((_, i) => i).sort((x, y) => b.checkMs[y] - b.checkMs[x]).slice(0, Number(values.slowest));
  for (const i of order) console.log(`  slow: ${b.checkMs[i].toFixed(2).padStart(8)} ms  ${b.checkAt[i]}  ${b.checkWay[i]}`);
  console.log(`  checks at or above the p99 (${p99.toFixed(2)} ms), first pass:`);
  for (const [k, v] of [...slow].sort((x, y) => y[1].n - x[1].n).slice(0, 6)) console.log(`  ${String(v.n).padStart(7)} calls, ${(v.ms / v.n).toFixed(2).padStart(6)} ms avg  ${k}`);
}
