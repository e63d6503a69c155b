/** Options and loading shared by the commands that take a grammar. */
import { readFileSync } from "node:fs";
import type { Grammar } from "../../grammar/ir.js";
import { loadGrammarFile, parseGrammar } from "../../grammar/load.js";
import { GramfillError } from "../../util/errors.js";
import { UsageError, optionalString, requireString, type OptionSpec, type Parsed } from "../args.js";

export const grammarOptions: OptionSpec = {
  grammar: { type: "string", short: "g" },
  start: { type: "string" },
  format: { type: "string" },
};

export const grammarOptionsHelp = `  -g, --grammar FILE   grammar file: .lark (Lark-style EBNF), .gbnf (llama.cpp), .ne (nearley)
      --format F       read FILE as lark | gbnf | nearley whatever its extension
      --start RULE     start rule (default: start for Lark, root for GBNF, the first rule for nearley)`;

const FORMATS = ["lark", "gbnf", "nearley"] as const;
type Format = (typeof FORMATS)[number];

export function loadGrammarFromArgs(p: Parsed, command: string): Grammar {
  const file = requireString(p, "grammar", command);
  const start = optionalString(p, "start");
  const format = optionalString(p, "format");
  const opts = start !== undefined ? { start } : {};
  if (format === undefined) return loadGrammarFile(file, opts);
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not '${format}'`, command);
  }
  return parseGrammar(readText(file), format as Format, { file, ...opts });
}

export function readText(file: string): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(readBytes(file));
}

/** Reads a file, or standard input for `-`, as bytes. */
export function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file === "-" ? 0 : file));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = file === "-" ? "standard input" : file;
    const reason = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.message;
    throw new GramfillError("io", `cannot read ${what}: ${reason}`);
  }
}
