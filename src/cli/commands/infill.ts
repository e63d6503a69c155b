/** `gramfill infill`: fill the holes of a text so that it becomes a word of a grammar or a JSON instance of a schema. */
import { CausalLM } from "../../backend/causal-lm.js";
import { MaskedDiffusionLM } from "../../backend/diffusion-lm.js";
import { isDiffusionConfig, readModelFolder } from "../../backend/folder.js";
import { splitHoles, wholeCanvasChecker, round2, type InfillPart } from "../../decode/diffusion-canvas.js";
import { diffusionGenerate, mdmModel } from "../../decode/diffusion.js";
import { arModel, fimGenerate } from "../../decode/fim.js";
import { loadGrammarFile } from "../../grammar/load.js";
import { InfillChecker, type Canvas } from "../../infill/index.js";
import { JsonKeyTracker } from "../../schema/json-keys.js";
import { compileGrammar, type CompiledGrammar } from "../../parser/compile.js";
import { GramfillError } from "../../util/errors.js";
import { Vocabulary } from "../../vocab/vocabulary.js";
import { UsageError, optionalNumber, optionalString, parseCommandArgs, requireString, type OptionSpec, type Parsed } from "../args.js";
import { positionOf } from "../location.js";
import type { CommandResult } from "../main.js";
import { readText } from "./common.js";
import { ajvValidator, compileFile, loadSchema, schemaOptionsFrom } from "./schema.js";

export const infillHelp = `Usage: gramfill infill (--grammar FILE | --schema FILE) --input FILE [--hole STRING]
                       [--model ar|mdm|DIR] [--hole-tokens N] [--seed S] [--format text|json]

Fills the holes of a text with a language model so that the whole text is a word of the grammar
(or a JSON instance of the schema). Holes are marked in the input by <|hole|>. Every token the
model proposes is checked against the whole text (all holes at once): a token that leaves no way
to complete the text is refused and the model's next choice is tried. If the model cannot finish
within its budget, a completion found by the checker finishes the text ("fallback_used").

Constraint (one):
  -g, --grammar FILE     a grammar: .lark, .gbnf or .ne
      --start RULE       start rule of the grammar
  -s, --schema FILE      a JSON Schema
      --mode M           strict (default) | lenient
      --whitespace W     flexible (default here: any JSON whitespace) | compact | python | pretty
Input:
  -i, --input FILE       the text with holes (- for standard input)
      --hole STRING      the hole marker (default <|hole|>)
Model:
  -m, --model M          ar (default: fill-in-the-middle with models/json-code-ar-9m, holes left to
                         right) | mdm (masked diffusion: every hole becomes masked positions, filled
                         in any order) | a Hugging Face model folder
      --hole-tokens N    mdm: masked positions per hole (default 32; a hole may end early with EOS
                         padding); ar: tokens per hole (default 32): every token kept leaves a
                         verified completion within the tokens left, so the model's decoding ends
                         each hole (a hole whose completions found all need more gets that many,
                         and stats say fallback_used)
      --temperature T    0 (default) = greedy; > 0 samples (mdm: Gumbel noise)
      --seed S           random seed (integer, default 0)
      --steps N          mdm: forward passes planned (default: one per masked position)
      --block-length N   mdm: masked positions per block, decoded block after block (default 32)
      --threshold T      mdm: also commit every prediction at least this confident (default 0.9;
                         above 1: off)
      --prophet          mdm: commit everything in view once the model is sure (top-2 logit gap)
Output:
      --format F         text (default: the completed text) | json ({"text","fills","valid",
                         "stats":{"model_ms","constraint_ms","checks","rejections","fallback_used",
                         "check_ms_p50","check_ms_p99",...}})
  -h, --help             this help

Exit codes: 0 completed (a word of the language), 1 bad input (no hole; a text no filling can
complete; a grammar with an empty language) or no completion found, 2 usage error.

Examples:
  printf '{"name": <|hole|>, "age": <|hole|>}' > person.txt
  gramfill infill --schema schemas/examples/person.json --input person.txt
  gramfill infill --grammar grammars/json.lark --input person.txt --model mdm --hole-tokens 8 --format json
  gramfill infill --grammar grammars/cpp.lark --input main.cpp --hole '/*HOLE*/' --seed 3 --temperature 0.7`;

const options: OptionSpec = {
  grammar: { type: "string", short: "g" },
  start: { type: "string" },
  schema: { type: "string", short: "s" },
  mode: { type: "string" },
  whitespace: { type: "string" },
  indent: { type: "string" },
  input: { type: "string", short: "i" },
  hole: { type: "string" },
  model: { type: "string", short: "m" },
  "hole-tokens": { type: "string" },
  temperature: { type: "string" },
  seed: { type: "string" },
  steps: { type: "string" },
  "block-length": { type: "string" },
  threshold: { type: "string" },
  prophet: { type: "boolean" },
  format: { type: "string" },
};

const num = (p: Parsed, name: string, check: (n: number) => boolean, what: string) => optionalNumber(p, name, "infill", check, what);

interface Constraint {
  compiled: CompiledGrammar;
  /** an independent verdict on the final text (ajv for schemas), or null */
  validate: (text: string) => boolean | null;
}

function constraintFrom(p: Parsed): Constraint {
  const given = ["schema", "grammar"].filter((k) => p.values[k] !== undefined);
  if (given.length === 0) throw new UsageError("give --grammar FILE or --schema FILE", "infill");
  if (given.length > 1) throw new UsageError("give --grammar or --schema, not both", "infill");
  if (p.values.grammar !== undefined) {
    for (const k of ["whitespace", "indent", "mode"]) if (p.values[k] !== undefined) throw new UsageError(`--${k} applies to --schema only`, "infill");
    const file = requireString(p, "grammar", "infill");
    const start = optionalString(p, "start");
    const compiled = compileGrammar(loadGrammarFile(file, start !== undefined ? { start } : {}));
    return { compiled, validate: () => null };
  }
  if (p.values.start !== undefined) throw new UsageError("--start applies to --grammar only", "infill");
  const file = requireString(p, "schema", "infill");
  // a text written by someone: any JSON whitespace, unless asked otherwise
  const withWs: Parsed = { ...p, values: { ...p.values, whitespace: p.values.whitespace ?? "flexible" } };
  const c = compileFile(file, { ...schemaOptionsFrom(withWs, "infill"), refSiblings: "intersect" /* outputs valid under both readings of $ref siblings (spec and ajv) */ });
  let validator: ((d: unknown) => boolean) | undefined | null = null;
  return {
    compiled: c.compiled,
    validate: (text) => {
      if (validator === null) validator = ajvValidator(loadSchema(file));
      if (!validator) return null;
      try {
        return validator(JSON.parse(text));
      } catch {
        return false;
      }
    },
  };
}

/** Why no filling of `parts` exists: an empty language, or the first place the known text goes wrong. */
function explainInfeasible(compiled: CompiledGrammar, parts: InfillPart[], input: string, file: string, marker: string): GramfillError {
  const checker = wholeCanvasChecker(compiled);
  if (!checker.feasible([{ hole: {} }])) return new GramfillError("grammar_invalid", "the grammar's language is empty: no text is a word of it, whatever fills the holes", { file });
  const first = parts[0];
  if (first && "text" in first) {
    const bytes = new TextEncoder().encode(first.text);
    const parser = compiled.newParser();
    const n = parser.feed(bytes);
    if (n < bytes.length) {
      const pos = positionOf(new TextEncoder().encode(input), n);
      return new GramfillError("input_invalid", "no word of the language starts like this (before the first hole), whatever fills the holes", { file, line: pos.line, col: pos.col });
    }
    // JSON Schema outputs write each key once per object (the grammar cannot say so)
    const k = compiled.distinctObjectKeys ? new JsonKeyTracker().feed(bytes) : bytes.length;
    if (k < bytes.length) {
      const pos = positionOf(new TextEncoder().encode(input), k);
      return new GramfillError("input_invalid", "this key is written a second time in the same object (before the first hole), whatever fills the holes", { file, line: pos.line, col: pos.col });
    }
  }
  const holes = parts.filter((x) => "hole" in x).length;
  return new GramfillError("input_invalid", `no filling of the ${holes === 1 ? "hole" : `${holes} holes`} makes the text a word of the language (holes are marked ${JSON.stringify(marker)})`, { file });
}

export async function runInfill(argv: string[]): Promise<CommandResult> {
  const p = parseCommandArgs("infill", argv, options);
  const format = optionalString(p, "format") ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not '${format}'`, "infill");
  const file = requireString(p, "input", "infill");
  const marker = optionalString(p, "hole") ?? "<|hole|>";
  if (marker === "") throw new UsageError("--hole needs a non-empty marker", "infill");
  const holeTokens = num(p, "hole-tokens", (n) => Number.isInteger(n) && n >= 1 && n <= 4096, "an integer in 1..4096") ?? 32;
  const temperature = num(p, "temperature", (n) => Number.isFinite(n) && n >= 0, "a number ≥ 0") ?? 0;
  const seed = num(p, "seed", (n) => Number.isSafeInteger(n), "an integer") ?? 0;
  const steps = num(p, "steps", (n) => Number.isInteger(n) && n >= 1, "a positive integer");
  const blockLength = num(p, "block-length", (n) => Number.isInteger(n) && n >= 1, "a positive integer");
  const threshold = num(p, "threshold", (n) => Number.isFinite(n) && n >= 0, "a number ≥ 0");
  const constraint = constraintFrom(p);
  const input = readText(file);
  const shown = file === "-" ? "<stdin>" : file;
  const parts = splitHoles(input, marker);
  const holes = parts.filter((x) => "hole" in x).length;
  if (holes === 0) throw new GramfillError("input_invalid", `no hole in the input: mark each hole with ${JSON.stringify(marker)} (or choose a marker with --hole)`, { file: shown });
  // the holes unbounded: if even that cannot be completed, no model will (a proof only: a canvas
  // whose searches met only fillings that repeat a key goes on, the decoders say what they found)
  const openCanvas: Canvas = parts.map((x) => ("text" in x ? { text: x.text } : { hole: {} }));
  if (new InfillChecker(constraint.compiled).check(openCanvas).status === "infeasible") throw explainInfeasible(constraint.compiled, parts, input, shown, marker);

  const modelSpec = optionalString(p, "model") ?? "ar";
  const folder = readModelFolder(modelSpec);
  const vocab = Vocabulary.fromTokenizerJson(folder.dir);
  let out: {
    text: string;
    fills: string[];
    valid: boolean | null;
    fallbackUsed: boolean;
    stats: Record<string, number | boolean>;
  };
  if (isDiffusionConfig(folder.config)) {
    const lm = await MaskedDiffusionLM.load(modelSpec);
    let r;
    try {
      r = await diffusionGenerate(mdmModel(lm), vocab, {
        parts: parts.map((x) => ("text" in x ? x : { masks: holeTokens })),
        grammar: constraint.compiled,
        temperature,
        seed,
        steps,
        blockLength,
        threshold,
        prophet: p.values.prophet === true,
      });
    } catch (e) {
      if (e instanceof GramfillError && e.code === "input_invalid") {
        throw new GramfillError("input_invalid", `${holeTokens} masked positions per hole cannot complete the text (give more with --hole-tokens)`, { file: shown });
      }
      throw e;
    }
    out = { text: r.text, fills: r.fills, valid: r.valid, fallbackUsed: r.fallbackUsed, stats: { ...r.stats } };
  } else {
    for (const k of ["steps", "block-length", "threshold", "prophet"]) if (p.values[k] !== undefined) throw new UsageError(`--${k} applies to masked-diffusion models (--model mdm) only`, "infill");
    const lm = await CausalLM.load(modelSpec);
    const r = await fimGenerate(arModel(lm), vocab, { parts, grammar: constraint.compiled, maxHoleTokens: holeTokens, temperature, seed });
    out = { text: r.text, fills: r.fills, valid: r.valid, fallbackUsed: r.fallbackUsed, stats: { ...r.stats } };
  }
  const independent = out.valid ? constraint.validate(out.text) : null;
  // a key written twice in one object: JSON.parse keeps one value, so the validator cannot see it
  const repeated = out.stats.repeated_key === true;
  const valid = out.valid === true && independent !== false && !repeated;
  const stats = statsJson(out.stats);
  let stderr = "";
  const why = repeated ? "the output writes a key twice in one object (no completion that writes each key once was found)" : independent === false ? "the output failed the schema's validator" : "no completion found within the budget";
  if (!valid) stderr += `gramfill infill: ${why}; printed what was filled\n`;
  const stdout = format === "json" ? JSON.stringify({ text: out.text, fills: out.fills, valid, stats }) + "\n" : out.text.endsWith("\n") ? out.text : out.text + "\n";
  return { code: valid ? 0 : 1, stdout, stderr };
}

/**
 * A decoder's statistics as printed by `--format json` (infill and `generate --model mdm` alike):
 * every field the decoder reports, times rounded to 0.01 ms.
 */
function statsJson(s: object): Record<string, number | boolean> {
  const stats: Record<string, number | boolean> = {};
  for (const [k, v] of Object.entries(s)) if (typeof v === "number" || typeof v === "boolean") stats[k] = typeof v === "number" ? round2(v) : v;
  return stats;
}

/** What `gramfill generate` hands over for a masked-diffusion model. */
export interface DiffusionGenerateRequest {
  modelSpec: string;
  prompt: string;
  maxTokens: number;
  temperature: number;
  seed: number;
  format: string;
  closeOut: boolean;
  validateOutput: boolean;
  constraint?: { compiled: CompiledGrammar; validate: (text: string) => { valid: boolean | null; note?: string } };
}

/** The flags `gramfill generate` takes for masked-diffusion models (merged into its option spec). */
export const diffusionGenerateOptions: OptionSpec = {
  steps: { type: "string" },
  "block-length": { type: "string" },
  threshold: { type: "string" },
  prophet: { type: "boolean" },
};

export const diffusionGenerateHelp = `Masked-diffusion models (--model mdm): the output is --max-tokens masked positions after the
prompt, decoded in any order; every commit is checked against the whole output:
      --steps N          forward passes planned (default: one per position)
      --block-length N   positions per block, decoded block after block (default 32)
      --threshold T      also commit every prediction at least this confident (default 0.9; above 1: off)
      --prophet          commit everything in view once the model is sure (top-2 logit gap)
  With --format json, "stats" holds the diffusion decoder's fields instead: model_ms, constraint_ms,
  steps, checks, rejections, check_ms_p50, check_ms_p99, fallback_used, last_resort,
  unknown_refused, token_witness, skipped, deep_searches, prefiltered, prophet_exits, ...;
  past_canvas: --max-tokens positions could hold no output, so the close-out wrote past them`;

/**
 * \`gramfill generate --model mdm\`: the prompt, then \`maxTokens\` masked positions (EOS may end the
 * output early), decoded by \`diffusionGenerate\`. Stats are the decoder's, as \`infill --format json\` prints
 * them: steps, checks, rejections, check latencies, \`fallback_used\` (the checker's witness
 * finished the output), \`last_resort\`, \`unknown_refused\`, \`token_witness\`, ….
 */
export async function runDiffusionGenerate(p: Parsed, o: DiffusionGenerateRequest): Promise<CommandResult> {
  for (const k of ["top-k", "top-p", "no-jump-forward", "monitor"]) if (p.values[k] !== undefined) throw new UsageError(`--${k} applies to causal models (left-to-right decoding) only`, "generate");
  const steps = num(p, "steps", (n) => Number.isInteger(n) && n >= 1, "a positive integer");
  const blockLength = num(p, "block-length", (n) => Number.isInteger(n) && n >= 1, "a positive integer");
  const threshold = num(p, "threshold", (n) => Number.isFinite(n) && n >= 0, "a number ≥ 0");
  const lm = await MaskedDiffusionLM.load(o.modelSpec);
  const vocab = Vocabulary.fromTokenizerJson(lm.folder.dir);
  if (lm.maxContext !== undefined && o.maxTokens >= lm.maxContext) throw new UsageError(`--max-tokens ${o.maxTokens} does not fit the model's context of ${lm.maxContext} tokens`, "generate");
  const r = await diffusionGenerate(mdmModel(lm), vocab, {
    prompt: o.prompt,
    parts: [{ masks: o.maxTokens }],
    ...(o.constraint ? { grammar: o.constraint.compiled } : {}),
    temperature: o.temperature,
    seed: o.seed,
    steps,
    blockLength,
    threshold,
    prophet: p.values.prophet === true,
    fallback: o.closeOut,
    // as the left-to-right close-out writes past --max-tokens: a schema whose shortest document needs more
    pastCanvas: true,
  });
  let code = 0;
  let stderr = "";
  let valid: boolean | null = r.valid;
  if (o.constraint && !r.complete) {
    code = 1;
    stderr += `gramfill generate: the model could not finish the output under the constraint${o.closeOut ? " and the checker found no completion" : " (--no-close-out)"}; printed what was decoded\n`;
  } else if (o.constraint && o.validateOutput) {
    const v = o.constraint.validate(r.text);
    if (v.valid === null) stderr += `gramfill generate: --validate: ${v.note}; the grammar's verdict stands\n`;
    else valid = v.valid && r.valid === true;
    if (v.valid === false) {
      code = 3;
      stderr += `gramfill generate: the output failed validation${v.note ? ` (${v.note})` : ""}\n`;
    }
  }
  if (r.fallbackUsed) stderr += "gramfill generate: the model got stuck; the checker's completion finished the output (fallback_used)\n";
  const stats = statsJson(r.stats);
  const summary = { text: r.text, tokens: r.stats.tokens, valid, closed_out: r.fallbackUsed, stats };
  const stdout = o.format === "json" ? JSON.stringify(summary) + "\n" : o.format === "ndjson" ? JSON.stringify({ done: true, ...summary }) + "\n" : r.text + "\n";
  return { code, stdout, stderr };
}
