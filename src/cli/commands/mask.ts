/** `gramfill mask`: which tokens may come next after a prefix (a debugging aid for masks). */
import { MaskContext } from "../../mask/matcher.js";
import { compileGrammar } from "../../parser/compile.js";
import { GramfillError } from "../../util/errors.js";
import { Vocabulary } from "../../vocab/vocabulary.js";
import { UsageError, optionalString, parseCommandArgs, requireString, type OptionSpec } from "../args.js";
import type { CommandResult } from "../main.js";
import { grammarOptions, grammarOptionsHelp, loadGrammarFromArgs } from "./common.js";
import { compileFile, schemaOptions, schemaOptionsFrom, schemaOptionsHelp } from "./schema.js";

export const maskHelp = `Usage: gramfill mask (--grammar FILE | --schema FILE) --tokenizer NAME|PATH --text PREFIX
                     [--show N] [--json]

Prints how many and which tokens the grammar allows after PREFIX (and whether EOS is allowed),
with each token's exact bytes. Exit 1 if PREFIX itself is not a viable prefix. A schema is compiled
as generate compiles it: keywords beside a $ref are intersected with it in every draft, so the mask
is the one generation uses.

Options:
${grammarOptionsHelp}
${schemaOptionsHelp}
  -t, --tokenizer T    llama3.1 | qwen3 | gemma3 | bundled, or a tokenizer.json / model folder
      --text PREFIX    the output so far (default: empty)
      --show N         list at most N allowed tokens (default 50; 0 for none)
      --json           one JSON object: {"prefix_ok","allowed","eos","tokens":[{"id","bytes"}],"mask_us"}
  -h, --help           this help

Example:
  gramfill mask --grammar grammars/json.lark -t bundled --text '{"a": [1, '`;

const options: OptionSpec = {
  ...grammarOptions,
  ...schemaOptions,
  tokenizer: { type: "string", short: "t" },
  text: { type: "string" },
  show: { type: "string" },
  json: { type: "boolean" },
};

export function runMask(argv: string[]): CommandResult {
  const p = parseCommandArgs("mask", argv, options);
  const tokenizer = requireString(p, "tokenizer", "mask");
  const show = Number(optionalString(p, "show") ?? "50");
  if (!Number.isInteger(show) || show < 0) throw new UsageError("--show must be a non-negative integer", "mask");
  if (p.values.grammar === undefined && p.values.schema === undefined) throw new UsageError("give --grammar or --schema", "mask");
  const compiled =
    p.values.schema !== undefined ? compileFile(p.values.schema as string, { ...schemaOptionsFrom(p, "mask"), refSiblings: "intersect" /* the mask generate uses */ }).compiled : compileGrammar(loadGrammarFromArgs(p, "mask"));
  const vocab = Vocabulary.load(tokenizer);
  const prefix = new TextEncoder().encode(optionalString(p, "text") ?? "");
  const m = new MaskContext(compiled, vocab).matcher();
  if (!m.acceptBytes(prefix)) {
    const at = compiled.check(prefix, { prefix: true }).offset;
    throw new GramfillError("input_invalid", `--text is not a viable prefix: rejected at byte ${at}`);
  }
  const bits = new Uint32Array(m.maskWords);
  const t0 = performance.now();
  m.fillMask(bits);
  const us = (performance.now() - t0) * 1000;
  const ids: number[] = [];
  for (let id = 0; id < vocab.size; id++) if ((bits[id >>> 5]! >>> (id & 31)) & 1) ids.push(id);
  const eos = vocab.eosIds.some((e) => ids.includes(e));
  const listed = ids.slice(0, show).map((id) => ({ id, bytes: shown(vocab.tokenBytes(id), vocab.isEos(id)) }));
  if (p.values.json) {
    const out = { prefix_ok: true, allowed: ids.length, eos, tokens: listed, mask_us: Math.round(us) };
    return { code: 0, stdout: JSON.stringify(out) + "\n" };
  }
  const lines = [`${ids.length} of ${vocab.size} tokens allowed${eos ? " (EOS allowed: the prefix is complete)" : ""}, mask in ${us.toFixed(0)} µs`];
  for (const t of listed) lines.push(`  ${String(t.id).padStart(7)}  ${t.bytes}`);
  if (ids.length > listed.length) lines.push(`  ... ${ids.length - listed.length} more (--show N)`);
  return { code: 0, stdout: lines.join("\n") + "\n" };
}

/** A token's bytes as a JSON-ish string: printable text as is, the rest escaped. */
function shown(bytes: Uint8Array, isEos: boolean): string {
  if (isEos) return "<EOS>";
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const valid = !text.includes("\ufffd");
  return valid ? JSON.stringify(text) : `bytes ${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ")}`;
}
