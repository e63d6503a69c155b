#!/usr/bin/env node
// C++ multi-region infilling (issue 6): canvases cut from the held-out programs
// (bench/data/cpp-heldout, written apart from the grammar's tests) with 1, 2 and 3 random holes of
// 5–100 characters (fixed seed), filled by both bundled models — the AR model with its FIM template
// (holes left to right) and the MDM by diffusion — without and with the grammars/cpp.lark constraint.
// The judges are not ours: tree-sitter-cpp (no ERROR/MISSING node) and, where installed,
// `g++ -std=c++17 -fsyntax-only` (stricter: names and types too; bits/stdc++.h precompiled once into
// a temporary folder so a check costs ~0.2 s of CPU).
// Reported per model × mode × holes: valid by tree-sitter / by g++; for the constrained runs Con.−
// (valid without the checker's fallback witness) and Con. (valid, fallback allowed); checks per
// generation, per-check latency (median of the per-generation p50s, 99th percentile of the
// per-generation p99s), constraint time / model time.
// Usage: node bench/infill-cpp.mjs [--programs N] [--holes 1,2,3] [--models ar,mdm] [--modes none,con]
//          [--seed S] [--json OUT] [--no-gxx] [--verify-corpus] [--until HH:MM (UTC)] [--only NAME,...]
// Needs `npm run build` first (imports dist/, or the build named by GRAMFILL_DIST relative to the repo).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = join(ROOT, "bench", "data", "cpp-heldout");
// GRAMFILL_DIST: a private build (e.g. `npx tsc -p tsconfig.build.json --outDir dist-e`), so that a
// long run does not break when someone rebuilds dist/ meanwhile
const DIST = process.env.GRAMFILL_DIST ? join(ROOT, process.env.GRAMFILL_DIST) : join(ROOT, "dist");
const { CausalLM, MaskedDiffusionLM, Vocabulary, arModel, compileGrammar, diffusionGenerate, fimGenerate, loadGrammarFile, mdmModel, readModelFolder } =
  await import(pathToFileURL(join(DIST, "index.js")).href);

const { values } = parseArgs({
  options: {
    programs: { type: "string", default: "10" },
    holes: { type: "string", default: "1,2,3" },
    models: { type: "string", default: "ar,mdm" },
    modes: { type: "string", default: "none,con" },
    seed: { type: "string", default: "6" },
    json: { type: "string" },
    "no-gxx": { type: "boolean", default: false },
    "verify-corpus": { type: "boolean", default: false },
    until: { type: "string" },
    only: { type: "string" },
  },
});

// ---------------------------------------------------------------- the judges

const require = createRequire(join(ROOT, "package.json"));
const TSParser = require("web-tree-sitter");
await TSParser.init();
const tsParser = new TSParser();
tsParser.setLanguage(await TSParser.Language.load(readFileSync(require.resolve("tree-sitter-wasms/out/tree-sitter-cpp.wasm"))));
/** tree-sitter accepts: no ERROR and no MISSING node */
function treeSitterAccepts(text) {
  const tree = tsParser.parse(text);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

const tmp = mkdtempSync(join(os.tmpdir(), "gramfill-infill-cpp-"));
let gxx = null; // { pchDir } when g++ is used
if (!values["no-gxx"]) {
  // g++ -H names the headers it reads: the installed bits/stdc++.h, precompiled once with the same flags
  const r = spawnSync("g++", ["-std=c++17", "-x", "c++", "-fsyntax-only", "-H", "-"], { input: "#include <bits/stdc++.h>\n", encoding: "utf8" });
  if (!r.error && r.status === 0) {
    const header = /\.\s+(\S*bits\/stdc\+\+\.h)/.exec(r.stderr ?? "")?.[1];
    const pchDir = join(tmp, "pch");
    let pch = false;
    if (header) {
      mkdirSync(join(pchDir, "bits"), { recursive: true });
      pch = spawnSync("g++", ["-std=c++17", "-x", "c++-header", header, "-o", join(pchDir, "bits", "stdc++.h.gch")]).status === 0;
    }
    gxx = { pchDir: pch ? pchDir : null };
  }
}
let gxxFile = 0;
/** g++ -std=c++17 -fsyntax-only accepts (null when g++ is not used) */
function gxxAccepts(text) {
  if (!gxx) return null;
  const f = join(tmp, `c${gxxFile++ % 8}.cpp`);
  writeFileSync(f, text);
  try {
    execFileSync("g++", ["-std=c++17", "-fsyntax-only", ...(gxx.pchDir ? ["-I", gxx.pchDir] : []), f], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- corpus and canvases

const programs = readdirSync(CORPUS).filter((f) => /^\d{3}\.cpp$/.test(f)).sort().map((name) => ({ name, text: readFileSync(join(CORPUS, name), "utf8") }));

if (values["verify-corpus"]) {
  const bad = programs.filter((p) => !treeSitterAccepts(p.text) || gxxAccepts(p.text) === false).map((p) => p.name);
  console.log(`corpus: ${programs.length} programs, ${bad.length} rejected by tree-sitter or g++${bad.length ? ": " + bad.join(" ") : ""}`);
  process.exit(bad.length ? 1 : 0);
}

let seed = Number(values.seed) >>> 0 || 1;
const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const randInt = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

/** Where holes may start: after the leading #include/#define/using-namespace/typedef block. */
function bodyStart(text) {
  let i = 0;
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#") || t.startsWith("//") || /^using namespace\b/.test(t)) i += line.length + 1;
    else break;
  }
  return i;
}

/** k non-overlapping holes of 5–100 characters in the body, at least one character apart. */
function cutHoles(text, k) {
  const from = bodyStart(text);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const holes = [];
    for (let h = 0; h < k; h++) {
      const len = randInt(5, 100);
      const start = randInt(from, text.length - len - 1);
      holes.push({ start, end: start + len });
    }
    holes.sort((a, b) => a.start - b.start);
    if (holes.every((h, i) => i === 0 || h.start > holes[i - 1].end)) return holes;
  }
  throw new Error("could not place the holes");
}

function partsOf(text, holes) {
  const parts = [];
  let at = 0;
  for (const h of holes) {
    if (h.start > at) parts.push({ text: text.slice(at, h.start) });
    parts.push({ hole: true, original: text.slice(h.start, h.end) });
    at = h.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

const holeCounts = values.holes.split(",").map(Number);
const nPrograms = Number(values.programs);
// the same programs for every hole count, drawn once
const chosen = [...programs].map((p) => ({ p, r: rnd() })).sort((a, b) => a.r - b.r).slice(0, nPrograms).map((x) => x.p);
const canvases = [];
for (const k of holeCounts) for (const p of chosen) canvases.push({ program: p.name, k, parts: partsOf(p.text, cutHoles(p.text, k)) });
// --only NAME,NAME: the same canvases, restricted to these programs (to look at single cases)
if (values.only) {
  const keep = new Set(values.only.split(","));
  for (let i = canvases.length - 1; i >= 0; i--) if (!keep.has(canvases[i].program)) canvases.splice(i, 1);
}
// program by program, so that a run stopped by --until still covers every hole count
canvases.sort((a, b) => (a.program === b.program ? a.k - b.k : a.program < b.program ? -1 : 1));
// --until HH:MM (UTC): start no generation after that time (the report counts what ran)
const deadline = values.until ? new Date(new Date().toISOString().slice(0, 11) + values.until + ":00Z").getTime() : Infinity;
let skipped = 0;

// ---------------------------------------------------------------- models

const grammar = compileGrammar(loadGrammarFile(join(ROOT, "grammars", "cpp.lark")));
const models = {};
for (const m of values.models.split(",")) {
  const folder = readModelFolder(m);
  const vocab = Vocabulary.fromTokenizerJson(folder.dir);
  if (m === "mdm") {
    const lm = await MaskedDiffusionLM.load(m);
    models[m] = { vocab, model: mdmModel(lm), encode: (t) => lm.tokenizer.encode(t) };
  } else {
    const lm = await CausalLM.load(m);
    models[m] = { vocab, model: arModel(lm), encode: (t) => lm.tokenizer.encode(t) };
  }
}

/** Token budget of a hole: its original text's token count, a quarter more, plus 2 (EOS may end it early). */
const budgetOf = (encode, original) => Math.ceil(encode(original).length * 1.25) + 2;

async function fill(modelName, constrained, canvas) {
  const { vocab, model, encode } = models[modelName];
  const budgets = canvas.parts.filter((x) => x.hole).map((x) => budgetOf(encode, x.original));
  const grammarOpt = constrained ? { grammar } : {};
  if (modelName === "mdm") {
    let b = 0;
    const parts = canvas.parts.map((x) => (x.hole ? { masks: budgets[b++] } : { text: x.text }));
    const r = await diffusionGenerate(model, vocab, { parts, ...grammarOpt, seed: 0 });
    return { text: r.text, fills: r.fills, fallback: r.fallbackUsed, complete: r.complete, s: r.stats };
  }
  const parts = canvas.parts.map((x) => (x.hole ? { hole: true } : { text: x.text }));
  const r = await fimGenerate(model, vocab, { parts, ...grammarOpt, maxHoleTokens: Math.max(...budgets), seed: 0 });
  return { text: r.text, fills: r.fills, fallback: r.fallbackUsed, complete: true, s: r.stats };
}

// ---------------------------------------------------------------- run

const rows = [];
const started = new Date();
const load0 = os.loadavg();
for (const modelName of Object.keys(models)) {
  for (const mode of values.modes.split(",")) {
    for (const c of canvases) {
      if (Date.now() > deadline) {
        skipped++;
        continue;
      }
      const t0 = performance.now();
      const r = await fill(modelName, mode === "con", c);
      const wall = performance.now() - t0;
      const row = {
        model: modelName, mode, holes: c.k, program: c.program,
        ts: treeSitterAccepts(r.text), gxx: gxxAccepts(r.text), fallback: r.fallback, complete: r.complete,
        ours: mode === "con" ? grammar.check(r.text, { prefix: false, timeoutMs: 20_000 }).ok : null,
        checks: r.s.checks ?? 0, check_p50: r.s.check_ms_p50 ?? 0, check_p99: r.s.check_ms_p99 ?? 0,
        model_ms: r.s.model_ms, constraint_ms: r.s.constraint_ms ?? 0, tokens: r.s.tokens, wall_ms: Math.round(wall),
        originals: c.parts.filter((x) => x.hole).map((x) => x.original), fills: r.fills,
      };
      rows.push(row);
      process.stderr.write(`${modelName} ${mode} k=${c.k} ${c.program}: ts=${row.ts} g++=${row.gxx} fallback=${row.fallback} checks=${row.checks} ${row.wall_ms} ms\n`);
    }
  }
}

// ---------------------------------------------------------------- report

const pct = (a, n) => (n ? `${((100 * a) / n).toFixed(1)}%` : "–");
const quantile = (xs, q) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const lines = [];
lines.push(`C++ infilling on the held-out corpus: ${chosen.length} programs × holes ${holeCounts.join("/")} (seed ${values.seed}); ${started.toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load ${load0.map((x) => x.toFixed(1)).join(" ")} → ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
if (skipped) lines.push(`${skipped} generations not started (--until ${values.until})`);
lines.push("");
lines.push("| model | mode | holes | n | tree-sitter valid | g++ valid | Con.− (no fallback, ts) | fallback used | checks/gen | check ms p50 / p99 | constraint / model time |");
lines.push("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
const groups = new Map();
for (const r of rows) {
  for (const key of [`${r.model}|${r.mode}|${r.holes}`, `${r.model}|${r.mode}|all`]) {
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
}
for (const [key, g] of groups) {
  const [model, mode, holes] = key.split("|");
  const n = g.length;
  const con = mode === "con";
  const ts = g.filter((r) => r.ts).length;
  const gx = g.filter((r) => r.gxx === true).length;
  const conMinus = g.filter((r) => r.ts && !r.fallback).length;
  const fb = g.filter((r) => r.fallback).length;
  const checks = g.reduce((a, r) => a + r.checks, 0) / n;
  const p50 = quantile(g.map((r) => r.check_p50), 0.5);
  const p99 = quantile(g.map((r) => r.check_p99), 0.99);
  const cm = g.reduce((a, r) => a + r.constraint_ms, 0) / Math.max(1e-9, g.reduce((a, r) => a + r.model_ms, 0));
  lines.push(`| ${model} | ${con ? "Con." : "unconstrained"} | ${holes} | ${n} | ${pct(ts, n)} | ${gxx ? pct(gx, n) : "–"} | ${con ? pct(conMinus, n) : "–"} | ${con ? pct(fb, n) : "–"} | ${con ? checks.toFixed(1) : "–"} | ${con ? `${p50.toFixed(2)} / ${p99.toFixed(1)}` : "–"} | ${con ? cm.toFixed(2) : "–"} |`);
}
const report = lines.join("\n");
console.log(report);
if (values.json) writeFileSync(values.json, JSON.stringify({ started: started.toISOString(), seed: values.seed, programs: chosen.map((p) => p.name), rows, report }, null, 1));
rmSync(tmp, { recursive: true, force: true });
