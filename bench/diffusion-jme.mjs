#!/usr/bin/env node
// The paper's JSON task with the bundled MDM: json-mode-eval-extended (272 rows: `input`, `schema`,
// reference `output`; 88 distinct schemas) decoded by `diffusionGenerate` constrained and
// unconstrained, with the paper's LLaDA settings scaled to our 512-position model (paper: 256
// tokens, 32 steps, T = 0.2, blocks of 32). Needs `npm run build`.
//
//   nice -n 10 env GRAMFILL_THREADS=1 node bench/diffusion-jme.mjs [--one-per-schema] [--rows a-b] [--n N]
//        [--masks 256] [--steps 32] [--block 32] [--temperature 0.2] [--threshold off|τ]
//        [--whitespace python] [--timeout-s 600] [--json OUT.jsonl | --resume OUT.jsonl]
//        [--shard i/n] [--no-unconstrained] [--summarize A.jsonl,B.jsonl]
//
// Per row: the schema is compiled as `generate` does (refSiblings "intersect"; uncompilable rows
// are counted and listed), the prompt is `Schema:\n<compact schema>\nInput:\n<input>\nJSON:\n` cut
// from the left to 512 − masks tokens (bench/lib/jme.mjs), then one constrained and one
// unconstrained generation (same seed = row index). Judged: JSON.parse; the compiled grammar
// accepts; ajv validates (bench jsonschemabench's `validate`); syntax = grammar AND ajv; Con.− =
// syntax without the witness fallback, Con. = syntax; functional = eth-sri's exact match
// (`json.dumps(json.loads(x), indent=4)` equality, as Python writes it). Outputs are judged trimmed
// of surrounding whitespace. `--json` / `--resume` write one record per row (JSON lines, appended as
// rows finish), so a run can be split and resumed; progress goes to stderr, the summary to stdout.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildJmePrompt, functionalMatch, parseRows, selectRows, summarize } from "./lib/jme.mjs";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "/work/shared/json-mode-eval/json-mode-eval-extended.jsonl" },
    rows: { type: "string" },
    "one-per-schema": { type: "boolean", default: false },
    n: { type: "string" },
    shard: { type: "string" },
    masks: { type: "string", default: "256" },
    steps: { type: "string", default: "32" },
    block: { type: "string", default: "32" },
    temperature: { type: "string", default: "0.2" },
    threshold: { type: "string", default: "off" },
    whitespace: { type: "string", default: "python" },
    "compile-ms": { type: "string", default: "10000" },
    "timeout-s": { type: "string", default: "600" },
    "no-unconstrained": { type: "boolean", default: false },
    json: { type: "string" },
    resume: { type: "string" },
    summarize: { type: "string" },
  },
});

if (values.summarize) {
  const records = values.summarize.split(",").flatMap((f) => parseRecords(readFileSync(f, "utf8")));
  console.log(JSON.stringify(summarize(dedupe(records)), null, 1));
  process.exit(0);
}

const { MaskedDiffusionLM } = await import("../dist/backend/diffusion-lm.js");
const { validate } = await import("../dist/bench/jsonschemabench/runner.js");
const { diffusionGenerate, mdmModel } = await import("../dist/decode/diffusion.js");
const { compileSchema } = await import("../dist/schema/index.js");
const { Vocabulary } = await import("../dist/vocab/vocabulary.js");

const out = values.resume ?? values.json;
const done = values.resume && existsSync(values.resume) ? parseRecords(readFileSync(values.resume, "utf8")) : [];
if (values.json && !values.resume) writeFileSync(values.json, "");
const doneIdx = new Set(done.map((r) => r.index));

const all = parseRows(readFileSync(values.data, "utf8"));
const picked = selectRows(all, { rows: values.rows, onePerSchema: values["one-per-schema"], n: values.n === undefined ? undefined : Number(values.n) });
// --shard i/n: every n-th selected row from the i-th (0-based), to split a run over processes
const [shardI, shardN] = (values.shard ?? "0/1").split("/").map(Number);
if (!(shardN >= 1 && shardI >= 0 && shardI < shardN)) throw new Error(`--shard wants i/n with 0 <= i < n, not ${values.shard}`);
const todo = picked.filter((r, k) => k % shardN === shardI).filter((r) => !doneIdx.has(r.index));
const lm = await MaskedDiffusionLM.load("mdm");
const vocab = Vocabulary.fromTokenizerJson(lm.folder.dir);
const context = lm.maxContext ?? 512;
const masks = Math.min(Number(values.masks), context - 1);
const threshold = values.threshold === "off" ? 2 : Number(values.threshold);
const timeoutMs = Number(values["timeout-s"]) * 1000;
const settings = { masks, steps: Number(values.steps), blockLength: Number(values.block), temperature: Number(values.temperature), threshold, whitespace: values.whitespace };
console.error(JSON.stringify({ picked: picked.length, todo: todo.length, settings }));

class Timeout extends Error {}
/** The MDM with a deadline checked before every forward pass (forwards dominate; a check is not interrupted). */
function modelWithDeadline(deadline) {
  const inner = mdmModel(lm);
  return {
    maskTokenId: inner.maskTokenId,
    maxContext: inner.maxContext,
    encode: (t) => inner.encode(t),
    forward: (ids) => {
      if (performance.now() > deadline) throw new Timeout();
      return inner.forward(ids);
    },
  };
}

const STAT_KEYS = ["steps", "tokens", "model_ms", "constraint_ms", "sample_ms", "total_ms", "checks", "rejections", "prefiltered", "unknown_refused", "skipped", "deep_searches", "last_resort", "check_ms_p50", "check_ms_p99", "checks_over_0_2ms", "checks_over_5ms"];

async function runOne(row, schema, compiled, promptIds, constrained) {
  const t0 = performance.now();
  let r;
  try {
    r = await diffusionGenerate(modelWithDeadline(t0 + timeoutMs), vocab, {
      prompt: promptIds,
      parts: [{ masks }],
      ...(constrained ? { grammar: compiled } : {}),
      steps: settings.steps,
      blockLength: settings.blockLength,
      temperature: settings.temperature,
      threshold,
      seed: row.index,
    });
  } catch (e) {
    return { error: e instanceof Timeout ? "timeout" : String(e?.message ?? e).slice(0, 200), wall_ms: Math.round(performance.now() - t0) };
  }
  const wall_ms = Math.round(performance.now() - t0);
  const text = r.text.trim();
  let json = true;
  try {
    JSON.parse(text);
  } catch {
    json = false;
  }
  const grammar = compiled.check(text).ok;
  const v = validate(schema, text);
  const stats = {};
  for (const k of STAT_KEYS) stats[k] = typeof r.stats[k] === "number" ? Math.round(r.stats[k] * 100) / 100 : r.stats[k];
  return {
    text,
    json,
    grammar,
    ajv: v.valid,
    ...(v.reason ? { ajv_reason: v.reason } : {}),
    syntax: grammar && v.valid,
    functional: functionalMatch(text, row.output),
    complete: r.complete,
    fallback: r.fallbackUsed,
    token_witness: r.stats.token_witness,
    check_mode: r.checkMode,
    wall_ms,
    stats,
  };
}

for (const row of todo) {
  const rec = { index: row.index, instance_id: row.instance_id, masks, settings };
  let schema, compiled;
  const c0 = performance.now();
  try {
    schema = JSON.parse(row.schema);
    compiled = compileSchema(schema, { whitespace: values.whitespace, refSiblings: "intersect", budgetMs: Number(values["compile-ms"]) }).compiled;
    rec.compile = { ok: true, ms: Math.round(performance.now() - c0) };
  } catch (e) {
    rec.compile = { ok: false, ms: Math.round(performance.now() - c0), error: String(e?.message ?? e).slice(0, 200) };
  }
  if (compiled) {
    const p = buildJmePrompt(row.schema, row.input, (t) => lm.tokenizer.encode(t), context - masks);
    rec.prompt = { tokens: p.ids.length, full_tokens: p.fullTokens, truncated: p.truncated };
    rec.con = await runOne(row, schema, compiled, p.ids, true);
    if (!values["no-unconstrained"]) rec.unc = await runOne(row, schema, compiled, p.ids, false);
  }
  if (out) appendFileSync(out, JSON.stringify(rec) + "\n");
  done.push(rec);
  const brief = (x) => (x ? (x.error ? { error: x.error } : { syntax: x.syntax, g: x.grammar, ajv: x.ajv, fb: x.fallback, tw: x.token_witness, fn: x.functional, wall: x.wall_ms, model: Math.round(x.stats.model_ms), constr: Math.round(x.stats.constraint_ms), checks: x.stats.checks }) : undefined);
  console.error(JSON.stringify({ i: row.index, n: `${done.length}/${picked.length}`, compile: rec.compile.ok || rec.compile.error, con: brief(rec.con), unc: brief(rec.unc), text: rec.con?.text?.slice(0, 80) }));
}

const mine = new Set(picked.filter((r, k) => k % shardN === shardI).map((r) => r.index));
console.log(JSON.stringify(summarize(dedupe(done).filter((r) => mine.has(r.index))), null, 1));

function parseRecords(text) {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}
/** one record per row (the last one written wins) */
function dedupe(records) {
  return [...new Map(records.map((r) => [r.index, r])).values()].sort((a, b) => a.index - b.index);
}
