/** `gramfill check`: is an input in the grammar's language (or a viable prefix of it)? */
import { compileGrammar } from "../../parser/compile.js";
import { UsageError, optionalString, parseCommandArgs, requireString, type OptionSpec } from "../args.js";
import { describeByteAt, positionOf } from "../location.js";
import type { CommandResult } from "../main.js";
import { grammarOptions, grammarOptionsHelp, loadGrammarFromArgs, readBytes } from "./common.js";
import { runCheckSchema, schemaOptions, schemaOptionsHelp } from "./schema.js";

export const checkHelp = `Usage: gramfill check (--grammar FILE | --schema FILE) (--input FILE | -) [--prefix] [--json]

Checks that an input belongs to the grammar's language. Exit 0 if it does, 1 if it does not,
with the first byte that no word of the language can have there, its line and column, the
terminals that were expected, and the line with a caret.

Options:
${grammarOptionsHelp}
${schemaOptionsHelp}
  -i, --input FILE     the input to check; '-' (or a bare '-') reads standard input
      --prefix         accept any viable prefix: an input some continuation would complete
      --json           print one JSON object: {"ok","offset","line","col","expected","at_end"}
  -q, --quiet          print nothing on success
      --timeout S      give up (exit 1) after S seconds (default 60)
  -h, --help           this help

Examples:
  gramfill check --grammar grammars/json.lark --input data.json
  echo '{"a": [1, 2' | gramfill check -g grammars/json.lark - --prefix`;

const options: OptionSpec = {
  ...grammarOptions,
  ...schemaOptions,
  input: { type: "string", short: "i" },
  prefix: { type: "boolean" },
  json: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  timeout: { type: "string" },
};

export function runCheck(argv: string[]): CommandResult {
  const p = parseCommandArgs("check", argv, options, 1);
  if (p.positionals[0] !== undefined) {
    if (p.values.input !== undefined) throw new UsageError(`give the input once: --input ${p.values.input} or '${p.positionals[0]}'`, "check");
    p.values.input = p.positionals[0];
  }
  const inputFile = requireString(p, "input", "check");
  if (p.values.schema !== undefined) return runCheckSchema(p, inputFile);
  const grammar = loadGrammarFromArgs(p, "check");
  const input = readBytes(inputFile);
  const timeout = Number(optionalString(p, "timeout") ?? "60");
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds`, "check");
  const result = compileGrammar(grammar).check(input, { prefix: p.values.prefix === true, timeoutMs: timeout * 1000 });
  const pos = positionOf(input, result.offset);
  const what = p.values.prefix ? "viable prefix" : "accepted";
  if (p.values.json) {
    const out = { ok: result.ok, offset: result.offset, line: pos.line, col: pos.col, expected: result.expected, at_end: result.atEnd };
    return { code: result.ok ? 0 : 1, stdout: JSON.stringify(out) + "\n" };
  }
  if (result.ok) {
    const name = inputFile === "-" ? "standard input" : inputFile;
    return { code: 0, stdout: p.values.quiet ? "" : `${what}: ${name} (${input.length} bytes)\n` };
  }
  const found = result.atEnd ? "unexpected end of input" : `unexpected ${describeByteAt(input, result.offset)}`;
  const expected = formatExpected(result.expected);
  const line = `error at byte ${result.offset} (line ${pos.line}, col ${pos.col}): ${found}${expected}`;
  return { code: 1, stderr: `${line}\n${pos.lineText}\n${pos.caret}\n` };
}

function formatExpected(names: string[]): string {
  if (names.length === 0) return "";
  const shown = names.slice(0, 12).join(", ");
  return `; expected one of ${shown}${names.length > 12 ? `, ... (${names.length - 12} more)` : ""}`;
}
