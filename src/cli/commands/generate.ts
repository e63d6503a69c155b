/** `gramfill generate`: text from a model, constrained by a JSON Schema, a grammar or a regex (or not at all). */
import type { Grammar } from "../../grammar/ir.js";
import { loadGrammarFile } from "../../grammar/load.js";
import { regexGrammar } from "../../decode/regex.js";
import { Generator, type GenerateResult, type TokenEvent } from "../../decode/generate.js";
import { loadModel } from "../../decode/session.js";
import { compileGrammar, type CompiledGrammar } from "../../parser/compile.js";
import { UsageError, optionalNumber, optionalString, parseCommandArgs, type OptionSpec, type Parsed } from "../args.js";
import type { CommandResult } from "../main.js";
import { readText } from "./common.js";
import { diffusionGenerateHelp, diffusionGenerateOptions, runDiffusionGenerate } from "./infill.js";
import { isDiffusionConfig, readModelFolder } from "../../backend/folder.js";
import path from "node:path";
import { TsMemberMonitor } from "../../monitors/typescript/member-monitor.js";
import { TsProject } from "../../monitors/typescript/project.js";
import { ajvValidator, compileFile, loadSchema, schemaOptionsFrom } from "./schema.js";

export const generateHelp = `Usage: gramfill generate [--schema FILE | --grammar FILE | --regex RE] [--prompt TEXT | --prompt-file FILE]
                         [--model ar|mdm|DIR] [--max-tokens N] [--temperature T] [--top-k K] [--top-p P]
                         [--seed S] [--whitespace W] [--format text|json|ndjson] [--validate]
                         [--monitor ts-members --project DIR --file PATH [--lookahead]]

Generates text with a language model; every token is masked by the constraint, so the output is a
word of its language (EOS only when complete). Without a constraint the model writes freely.

Constraint (at most one):
  -s, --schema FILE      a JSON Schema: the output is a JSON instance of it
      --mode M           strict (default) | lenient (over-approximate unsupported keywords, warn)
      --whitespace W     compact (default) | python | pretty | flexible (schemas only)
      --indent N         spaces per level for --whitespace pretty (default 2)
  -g, --grammar FILE     a grammar: .lark, .gbnf or .ne
      --start RULE       start rule of the grammar
      --regex RE         an ECMA-262 regex the whole output must match
Monitor (ANDed with the constraint above, or alone):
      --monitor ts-members  after \`expr.\` / \`expr?.\` the next identifier must be a member the
                         TypeScript language service offers there, after \`new \` a class it can
                         construct (monitor-guided decoding); strings, comments and numbers are left alone
      --project DIR      the TypeScript project (its tsconfig.json if present, else defaults)
      --file PATH        the file being written (it need not exist); the prompt is its text up to
                         the cursor, so give it with --prompt-file
      --lookahead        also check tokens like \`.name\` (one more query per step after an expression)
Prompt:
  -p, --prompt TEXT      text before the output (default: none; the model's start token)
      --prompt-file FILE the prompt from a file (- for standard input)
Model and sampling:
  -m, --model M          ar (default: models/json-code-ar-9m) | mdm (masked diffusion, decoded in
                         any order, see below) | a Hugging Face model folder with onnx/model.onnx
  -n, --max-tokens N     tokens before the output is closed out (default 256)
      --no-close-out     at --max-tokens print the unfinished prefix and exit 1 instead of closing
                         out ("closed_out": true): a short completion found by a bounded byte search,
                         else up to 512 more model tokens under the grammar, so the output is valid
      --no-jump-forward  sample every token, even those the grammar forces
      --temperature T    0 (default) = greedy; > 0 samples
      --top-k K          sample among the K most likely allowed tokens
      --top-p P          sample among the most likely allowed tokens of total probability P (0 < P ≤ 1)
      --seed S           random seed (integer, default 0): same seed, same output
Output:
      --format F         text (default; streamed as produced) | json (one object:
                         {"text","tokens","valid","closed_out","stats":{"model_ms","constraint_ms",
                         "forced_tokens","tokens_per_s"}}, with --monitor also "monitor":{"queries",
                         "monitored_steps","monitored_ms_p50","monitored_ms_p90"}) | ndjson (one
                         event per token, then a summary)
      --validate         re-check the output (ajv for schemas, the parser for grammars and regexes);
                         exit 3 if invalid
  -h, --help             this help
${diffusionGenerateHelp}

Exit codes: 0 ok (also when closed out), 1 bad input, model or unfinished output (--no-close-out),
2 usage error, 3 output failed --validate.

Examples:
  gramfill generate --schema schemas/examples/person.json --prompt 'A person as JSON: '
  gramfill generate --grammar grammars/json.lark --prompt '{"name": ' --max-tokens 40 --format json
  gramfill generate --regex '[0-9]{3}-[0-9]{4}' --temperature 0.8 --seed 7
  gramfill generate --monitor ts-members --project bench/monitor-eval/geometry \
    --file bench/monitor-eval/geometry/src/main.ts --prompt-file cut.ts --max-tokens 8 \
    --grammar grammars/typescript-lexical.lark`;

const options: OptionSpec = {
  schema: { type: "string", short: "s" },
  mode: { type: "string" },
  whitespace: { type: "string" },
  indent: { type: "string" },
  grammar: { type: "string", short: "g" },
  start: { type: "string" },
  regex: { type: "string" },
  prompt: { type: "string", short: "p" },
  "prompt-file": { type: "string" },
  model: { type: "string", short: "m" },
  "max-tokens": { type: "string", short: "n" },
  "no-close-out": { type: "boolean" },
  "no-jump-forward": { type: "boolean" },
  temperature: { type: "string" },
  "top-k": { type: "string" },
  "top-p": { type: "string" },
  seed: { type: "string" },
  format: { type: "string" },
  validate: { type: "boolean" },
  ...diffusionGenerateOptions,
  monitor: { type: "string" },
  project: { type: "string" },
  file: { type: "string" },
  lookahead: { type: "boolean" },
};

/** Where streamed output goes (the process's stdout when run as a program). */
export interface OutputSink {
  write(s: string): unknown;
}

const num = (p: Parsed, name: string, check: (n: number) => boolean, what: string) => optionalNumber(p, name, "generate", check, what);

interface Constraint {
  kind: "schema" | "grammar" | "regex";
  compiled: CompiledGrammar;
  validate: (text: string) => { valid: boolean | null; note?: string };
}

function constraintFrom(p: Parsed): Constraint | undefined {
  const given = ["schema", "grammar", "regex"].filter((k) => p.values[k] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --schema, --grammar, --regex (not ${given.map((g) => "--" + g).join(" and ")})`, "generate");
  if (given[0] !== "schema") {
    for (const k of ["whitespace", "indent", "mode"]) if (p.values[k] !== undefined) throw new UsageError(`--${k} applies to --schema only`, "generate");
  }
  if (given[0] !== "grammar" && p.values.start !== undefined) throw new UsageError("--start applies to --grammar only", "generate");
  if (p.values.schema !== undefined) {
    const file = p.values.schema as string;
    if (file === "") throw new UsageError("--schema needs a file", "generate");
    const c = compileFile(file, { ...schemaOptionsFrom(p, "generate"), refSiblings: "intersect" /* outputs valid under both readings of $ref siblings (spec and ajv) */ });
    let validator: ((d: unknown) => boolean) | undefined | null = null;
    return {
      kind: "schema",
      compiled: c.compiled,
      validate: (text) => {
        if (validator === null) validator = ajvValidator(loadSchema(file));
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (e) {
          return { valid: false, note: `not JSON: ${(e as Error).message}` };
        }
        if (!validator) return { valid: null, note: "ajv cannot compile this schema" };
        return { valid: validator(data) && c.compiled.check(text).ok };
      },
    };
  }
  if (p.values.grammar !== undefined) {
    const start = optionalString(p, "start");
    const g = loadGrammarFile(p.values.grammar as string, start !== undefined ? { start } : {});
    const compiled = compileGrammar(g);
    return { kind: "grammar", compiled, validate: (text) => ({ valid: compiled.check(text).ok }) };
  }
  if (p.values.regex !== undefined) {
    const re = p.values.regex as string;
    const g: Grammar = regexGrammar(re);
    const compiled = compileGrammar(g);
    let js: RegExp | undefined;
    try {
      js = new RegExp(`^(?:${re})$`, "u");
    } catch {
      js = undefined;
    }
    return {
      kind: "regex",
      compiled,
      validate: (text) => ({ valid: compiled.check(text).ok && (js ? js.test(text) : true) }),
    };
  }
  return undefined;
}

export async function runGenerate(argv: string[], sink?: OutputSink): Promise<CommandResult> {
  const p = parseCommandArgs("generate", argv, options);
  const format = optionalString(p, "format") ?? "text";
  if (!["text", "json", "ndjson"].includes(format)) throw new UsageError(`--format must be text, json or ndjson, not '${format}'`, "generate");
  const maxTokens = num(p, "max-tokens", (n) => Number.isInteger(n) && n >= 1, "a positive integer") ?? 256;
  const temperature = num(p, "temperature", (n) => Number.isFinite(n) && n >= 0, "a number ≥ 0") ?? 0;
  const topK = num(p, "top-k", (n) => Number.isInteger(n) && n >= 1, "a positive integer");
  const topP = num(p, "top-p", (n) => n > 0 && n <= 1, "a number in (0, 1]");
  const seed = num(p, "seed", (n) => Number.isSafeInteger(n), "an integer") ?? 0;
  if (p.values.prompt !== undefined && p.values["prompt-file"] !== undefined) throw new UsageError("give --prompt or --prompt-file, not both", "generate");
  const promptFile = optionalString(p, "prompt-file");
  const prompt = promptFile !== undefined ? readText(promptFile) : (optionalString(p, "prompt") ?? "");
  const constraint = constraintFrom(p);
  if (p.values.validate && !constraint) throw new UsageError("--validate needs --schema, --grammar or --regex", "generate");
  if (p.values["no-close-out"] && !constraint) throw new UsageError("--no-close-out needs --schema, --grammar or --regex", "generate");
  const modelSpec = optionalString(p, "model") ?? "ar";
  if (isDiffusionConfig(readModelFolder(modelSpec).config)) {
    const validateOutput = p.values.validate === true;
    return runDiffusionGenerate(p, { modelSpec, prompt, maxTokens, temperature, seed, format, closeOut: !p.values["no-close-out"], validateOutput, ...(constraint ? { constraint } : {}) });
  }
  for (const k of Object.keys(diffusionGenerateOptions)) if (p.values[k] !== undefined) throw new UsageError(`--${k} applies to masked-diffusion models (--model mdm) only`, "generate");
  const monitorSpec = monitorFrom(p);
  const { model, vocab } = await loadModel(optionalString(p, "model") ?? "ar");
  const monitor = monitorSpec ? new TsMemberMonitor(monitorSpec.project, monitorSpec.file, vocab, { prefix: prompt, lookahead: p.values.lookahead === true }) : undefined;
  if (model.maxContext !== undefined && maxTokens >= model.maxContext) {
    throw new UsageError(`--max-tokens ${maxTokens} does not fit the model's context of ${model.maxContext} tokens`, "generate");
  }

  let out = "";
  const write = (s: string) => {
    if (sink) sink.write(s);
    else out += s;
  };
  const onToken = (e: TokenEvent) => {
    if (format === "text") {
      if (e.text) write(e.text);
    } else if (format === "ndjson") {
      write(JSON.stringify({ index: e.index, id: e.id, text: e.text, forced: e.forced, close_out: e.closeOut }) + "\n");
    }
  };
  const gen = new Generator(model, vocab, constraint?.compiled);
  const r: GenerateResult = await gen.generate({
    prompt,
    maxTokens,
    temperature,
    topK,
    topP,
    seed,
    jumpForward: !p.values["no-jump-forward"],
    closeOut: !p.values["no-close-out"],
    onToken,
    ...(monitor ? { monitors: [monitor] } : {}),
  });

  let valid: boolean | null = constraint ? r.complete === true : null;
  let stderr = "";
  let code = 0;
  if (constraint && r.complete !== true) {
    // an unfinished prefix (--no-close-out, or no completion found): exit 1, nothing to validate
    code = 1;
    stderr +=
      r.stoppedBy === "dead_end"
        ? "gramfill generate: no token is allowed (the constraints contradict each other)\n"
        : p.values["no-close-out"]
          ? `gramfill generate: --max-tokens ${maxTokens} reached before the output was complete; printed the unfinished prefix\n`
          : `gramfill generate: --max-tokens ${maxTokens} reached and close-out found no completion within its budget; printed the unfinished prefix\n`;
  } else if (constraint && p.values.validate) {
    const v = constraint.validate(r.text);
    if (v.valid === null) stderr += `gramfill generate: --validate: ${v.note}; the grammar's verdict stands\n`;
    else valid = v.valid;
    if (v.valid === false) {
      code = 3;
      stderr += `gramfill generate: the output failed validation${v.note ? ` (${v.note})` : ""}\n`;
    }
  }
  if (r.closedOut) stderr += `gramfill generate: --max-tokens ${maxTokens} reached; closed out (completed beyond it under the grammar)\n`;
  if (r.stoppedBy === "context") stderr += "gramfill generate: the model's context is full\n";
  const count = r.tokens.filter((t) => !vocab.isEos(t)).length;
  const stats = {
    model_ms: round(r.stats.model_ms),
    constraint_ms: round(r.stats.constraint_ms),
    forced_tokens: r.stats.forced_tokens,
    tokens_per_s: round(r.stats.tokens_per_s),
  };
  const summary = { text: r.text, tokens: count, valid, closed_out: r.closedOut, stats, ...(monitor ? { monitor: monitorSummary(monitor) } : {}) };
  if (format === "json") write(JSON.stringify(summary) + "\n");
  else if (format === "ndjson") write(JSON.stringify({ done: true, ...summary, stopped_by: r.stoppedBy }) + "\n");
  else write("\n");
  return { code, stdout: out, stderr };
}

interface MonitorSpec {
  project: TsProject;
  file: string;
}

/** `--monitor ts-members --project DIR --file PATH`: the project is opened (and warmed) here. */
function monitorFrom(p: Parsed): MonitorSpec | undefined {
  const kind = optionalString(p, "monitor");
  if (kind === undefined) {
    for (const k of ["project", "file", "lookahead"]) if (p.values[k] !== undefined) throw new UsageError(`--${k} applies to --monitor only`, "generate");
    return undefined;
  }
  if (kind !== "ts-members") throw new UsageError(`--monitor must be ts-members, not '${kind}'`, "generate");
  const dir = optionalString(p, "project");
  const file = optionalString(p, "file");
  if (!dir) throw new UsageError("--monitor ts-members needs --project DIR", "generate");
  if (!file) throw new UsageError("--monitor ts-members needs --file PATH (the file being written)", "generate");
  const project = TsProject.open(dir);
  return { project, file: path.resolve(file) };
}

function monitorSummary(m: TsMemberMonitor): Record<string, number> {
  const sorted = [...m.stats.monitoredMs].sort((a, b) => a - b);
  const pct = (q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!) : 0);
  return { queries: m.stats.queries, monitored_steps: m.stats.monitoredSteps, monitored_ms_p50: pct(0.5), monitored_ms_p90: pct(0.9) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

