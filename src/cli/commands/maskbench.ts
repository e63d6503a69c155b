/** `gramfill bench maskbench`: MaskBench over a JSONSchemaBench-layout folder with a real tokenizer. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { loadMaskBenchCases, runMaskBench, type MaskBenchCase, type MaskBenchSummary, type Percentiles } from "../../bench/maskbench.js";
import { runXGrammarMaskBench, type PeerSummary } from "../../bench/xgrammar-peer.js";
import { compileSchema, serialize } from "../../schema/index.js";
import { GramfillError } from "../../util/errors.js";
import { isTokenizerName, tokenizerPathOf, Vocabulary } from "../../vocab/vocabulary.js";
import { resolveTokenizerPath } from "../../vocab/tokenizer-json.js";
import { UsageError, optionalString, parseCommandArgs, requireString, type OptionSpec } from "../args.js";
import type { CommandResult } from "../main.js";

export const maskbenchHelp = `Usage: gramfill bench maskbench --data DIR --tokenizer NAME|PATH [--limit N | --sample N]
                               [--subsets A,B] [--timeout S] [--seed S] [--json OUT] [--vs xgrammar]

For each schema of DIR (JSONSchemaBench layout: <Subset>/*.json, tests/<Subset>.jsonl.gz):
compile it (time to first mask), then for each labelled instance serialize it with ", " and ": "
separators in the key order the grammar expects (numbers as spelled in the data when that is a
plain decimal, so big integers are not rounded), tokenize it with the tokenizer, and walk it token
by token: full mask before each token (timed, with the commit), token must be allowed, EOS must be
allowed at the end. Schemas are passing, compile errors (by reason), timeouts, validation errors
(a valid instance stopped) or invalidation errors (an invalid instance reached EOS).

Options:
      --data DIR         the data folder (e.g. ../shared/jsonschemabench)
  -t, --tokenizer T      llama3.1 | qwen3 | gemma3 | bundled, or a tokenizer.json / model folder
      --limit N          the first N schemas (in file order)
      --sample N         N schemas drawn at random (see --seed)
      --subsets A,B      only these subsets
      --timeout S        per-schema budget in seconds (default 60), for each engine
      --seed S           seed for --sample (default 1)
      --json OUT         write the full results as JSON
      --vs xgrammar      also run XGrammar (@mlc-ai/web-xgrammar, devDependency) on the same
                         schemas and token sequences in this process; print both and the ratios
  -h, --help             this help`;

const options: OptionSpec = {
  data: { type: "string" },
  tokenizer: { type: "string", short: "t" },
  limit: { type: "string" },
  sample: { type: "string" },
  subsets: { type: "string" },
  timeout: { type: "string" },
  seed: { type: "string" },
  json: { type: "string" },
  vs: { type: "string" },
};

export async function runMaskbench(argv: string[]): Promise<CommandResult> {
  const p = parseCommandArgs("bench maskbench", argv, options);
  const data = requireString(p, "data", "bench maskbench");
  const tokName = requireString(p, "tokenizer", "bench maskbench");
  const limit = positiveInt(optionalString(p, "limit"), "--limit");
  const sample = positiveInt(optionalString(p, "sample"), "--sample");
  if (limit !== undefined && sample !== undefined) throw new UsageError("give --limit or --sample, not both", "bench maskbench");
  const timeout = Number(optionalString(p, "timeout") ?? "60");
  if (!(timeout > 0)) throw new UsageError("--timeout must be a positive number of seconds", "bench maskbench");
  if (!existsSync(join(data, "tests"))) throw new GramfillError("io", `${data}: no tests/ folder (expected the JSONSchemaBench layout)`);

  const vs = optionalString(p, "vs");
  if (vs !== undefined && vs !== "xgrammar") throw new UsageError("--vs takes 'xgrammar'", "bench maskbench");
  const vocab = Vocabulary.load(tokName);
  const tokenizerFile = isTokenizerName(tokName) ? tokenizerPathOf(tokName) : resolveTokenizerPath(tokName);
  const encode = encoderFor(tokenizerFile);
  let cases = loadMaskBenchCases(data, optionalString(p, "subsets")?.split(","));
  if (limit !== undefined) cases = cases.slice(0, limit);
  if (sample !== undefined) cases = sampleOf(cases, sample, Number(optionalString(p, "seed") ?? "1"));

  // a TTY gets a live counter; a log file (long background runs) one line every 200 schemas
  const progress = process.stderr.isTTY
    ? (done: number, total: number, file: string) => process.stderr.write(`\r${done}/${total} ${file}`.padEnd(70).slice(0, 100))
    : (done: number, total: number, file: string) => {
        if (total >= 200 && (done % 200 === 0 || done === total)) process.stderr.write(`${new Date().toISOString()} ${done}/${total} ${file}\n`);
      };
  const summary = runMaskBench(cases, vocab, { encode, timeoutMs: timeout * 1000, onProgress: progress });
  if (process.stderr.isTTY) process.stderr.write("\n");
  let peer: PeerSummary | undefined;
  if (vs === "xgrammar") {
    const peerProgress = (done: number, total: number, file: string) => progress(done, total, `xgrammar ${file}`);
    peer = await runXGrammarMaskBench(cases, instanceTexts(), encode, tokenizerFile, vocab.eosIds, { timeoutMs: timeout * 1000, onProgress: peerProgress });
  }
  const jsonOut = optionalString(p, "json");
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ tokenizer: tokName, vocab_size: vocab.size, ...summary, ...(peer ? { xgrammar: peer } : {}) }, null, 2) + "\n");
  return { code: 0, stdout: report(tokName, vocab.size, summary) + (peer ? peerReport(summary, peer) : "") };
}

/** The texts our walk used (the key orders our grammar accepts), or a plain serialization. */
function instanceTexts(): (c: MaskBenchCase, data: unknown) => string[] {
  const cache = new Map<string, ((v: unknown) => string[]) | null>();
  return (c, data) => {
    if (!cache.has(c.file)) {
      try {
        cache.set(c.file, compileSchema(c.schema, { whitespace: "python" }).serialize);
      } catch {
        cache.set(c.file, null);
      }
    }
    const ser = cache.get(c.file);
    return ser ? ser(data) : [serialize(data, { whitespace: "python" })];
  };
}

function peerReport(ours: MaskBenchSummary, peer: PeerSummary): string {
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "-");
  const row = (name: string, a: number, b: number, unit: string) =>
    `  ${name.padEnd(22)} ${`${a} ${unit}`.padStart(14)} ${`${b} ${unit}`.padStart(14)}   ${ratio(a, b)}`;
  const rows = (name: string, a: Percentiles, b: Percentiles, keys: (keyof Percentiles)[], unit: string) =>
    keys.map((k) => row(`${name} ${k === "p999" ? "p99.9" : k}`, a[k] ?? 0, b[k] ?? 0, unit));
  return [
    ``,
    `vs ${peer.engine}: same schemas, tokenizer and token sequences, same process`,
    `  ${"".padEnd(22)} ${"gramfill".padStart(14)} ${"xgrammar".padStart(14)}   ratio`,
    row("passing", ours.passing, peer.passing, ""),
    row("compile errors", ours.compile_errors, peer.compile_errors, ""),
    row("timeouts", ours.timeouts, peer.timeouts, ""),
    row("validation errors", ours.validation_errors, peer.validation_errors, ""),
    row("invalidation errors", ours.invalidation_errors, peer.invalidation_errors, ""),
    ...rows("first mask", ours.compile_ms, peer.compile_ms, ["p50", "p90", "max"], "ms"),
    ...rows("mask", ours.mask_us, peer.mask_us, ["p50", "p90", "p99", "p999", "max"], "µs"),
    ...rows("first mask CPU", ours.compile_cpu_ms, peer.compile_cpu_ms, ["p50", "p90", "p99", "max"], "ms"),
    ...rows("mask CPU", ours.mask_cpu_us, peer.mask_cpu_us, ["p50", "p90", "p99", "p999", "max"], "µs"),
    `  (xgrammar's masks include an await per call; its compile errors and label disagreements are its own)`,
  ].join("\n") + "\n";
}

function positiveInt(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive integer`, "bench maskbench");
  return n;
}

/** The real tokenizer (canonical tokenization), from the same tokenizer.json as the vocabulary. */
function encoderFor(file: string): (text: string) => number[] {
  const json = JSON.parse(readFileSync(file, "utf8")) as object;
  const configFile = join(dirname(file), "tokenizer_config.json");
  const config = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, "utf8")) as object) : {};
  const tok = new Tokenizer(json, config);
  return (text) => tok.encode(text, { add_special_tokens: false }).ids;
}

function sampleOf(cases: MaskBenchCase[], n: number, seed: number): MaskBenchCase[] {
  let state = seed >>> 0 || 1;
  const rnd = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const idx = cases.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).sort((a, b) => a - b).map((i) => cases[i]!);
}

function report(tok: string, vocabSize: number, s: MaskBenchSummary): string {
  const pct = (n: number) => `${n} (${s.schemas ? ((100 * n) / s.schemas).toFixed(1) : "0"}%)`;
  const lines = [
    `MaskBench: ${s.schemas} schemas, tokenizer ${tok} (${vocabSize} ids), ${s.tokens} masks`,
    `  passing              ${pct(s.passing)}`,
    `  compile errors       ${pct(s.compile_errors)}`,
    `  timeouts             ${pct(s.timeouts)}`,
    `  validation errors    ${pct(s.validation_errors)}   (valid instance stopped)`,
    `  invalidation errors  ${pct(s.invalidation_errors)}   (invalid instance reached EOS)`,
    `  internal errors      ${pct(s.internal_errors)}`,
    `  time to first mask   p50 ${s.compile_ms.p50} ms, p90 ${s.compile_ms.p90}, p99 ${s.compile_ms.p99}, max ${s.compile_ms.max}`,
    `  mask + commit        p50 ${s.mask_us.p50} µs, p90 ${s.mask_us.p90}, p99 ${s.mask_us.p99}, p99.9 ${s.mask_us.p999}, max ${s.mask_us.max}, mean ${s.mask_us.mean}`,
    `  the same, CPU time   first mask p50 ${s.compile_cpu_ms.p50} ms, p90 ${s.compile_cpu_ms.p90}, p99 ${s.compile_cpu_ms.p99}, max ${s.compile_cpu_ms.max}; mask p50 ${s.mask_cpu_us.p50} µs, p90 ${s.mask_cpu_us.p90}, p99 ${s.mask_cpu_us.p99}, p99.9 ${s.mask_cpu_us.p999}, max ${s.mask_cpu_us.max}`,
    `  memory               token tables per schema p50 ${s.tables_mb.p50} MB, max ${s.tables_mb.max} MB; matcher max ${s.matcher_mb.max} MB; per vocabulary (trie, plain-text index, table shapes shared across grammars) ${s.vocab_mb} MB`,
    `  per vocabulary       trie and plain-text index built once before the first schema: ${s.vocab_setup_cpu_ms} ms CPU (not in any time to first mask)`,
  ];
  const slowest = s.per_schema.filter((r) => r.compile_cpu_ms !== undefined).sort((a, b) => b.compile_cpu_ms! - a.compile_cpu_ms!).slice(0, 3);
  if (slowest.length) lines.push(`  slowest first masks  ${slowest.map((r) => `${r.file} ${r.compile_cpu_ms} ms`).join(", ")} (CPU)`);
  const reasons = Object.entries(s.compile_error_reasons).sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (reasons.length) lines.push("  compile errors by reason:", ...reasons.map(([r, n]) => `    ${String(n).padStart(5)}  ${r}`));
  return lines.join("\n") + "\n";
}
