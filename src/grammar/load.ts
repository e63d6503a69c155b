/**
 * Reading grammars: text or file -> front-end -> validation. The first validation error is thrown
 * as a GramfillError; warnings are kept in `grammar.diagnostics`.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { GramfillError } from "../util/errors.js";
import type { Grammar } from "./ir.js";
import { parseGbnf } from "./gbnf.js";
import { parseLark } from "./lark.js";
import { parseNearley } from "./nearley.js";
import { decodeUtf8Strict } from "./text.js";
import { assertValidGrammar } from "./validate.js";

export type GrammarFormat = "lark" | "gbnf" | "nearley";

export interface GrammarOptions {
  /** file name used in messages (and, for nearley, to resolve `@include`) */
  file?: string;
  /** start rule; defaults to `start` (Lark), `root` (GBNF), the first rule (nearley) */
  start?: string;
}

/** File extension -> format. */
export const GRAMMAR_EXTENSIONS: Readonly<Record<string, GrammarFormat>> = {
  ".lark": "lark",
  ".gbnf": "gbnf",
  ".ne": "nearley",
};

/** Parses grammar text in the given format and validates it. */
export function parseGrammar(text: string, format: GrammarFormat, opts: GrammarOptions = {}): Grammar {
  let g: Grammar;
  switch (format) {
    case "lark":
      g = parseLark(text, opts);
      break;
    case "gbnf":
      g = parseGbnf(text, opts);
      break;
    case "nearley":
      g = parseNearley(text, opts);
      break;
    default:
      throw new GramfillError("usage", `unknown grammar format '${String(format)}' (expected lark, gbnf or nearley)`);
  }
  const warnings = assertValidGrammar(g);
  g.diagnostics.push(...warnings);
  return g;
}

/** The format a file name implies, or undefined. */
export function grammarFormatOf(file: string): GrammarFormat | undefined {
  return GRAMMAR_EXTENSIONS[path.extname(file).toLowerCase()];
}

/** Reads, decodes (strict UTF-8), parses and validates a grammar file; format from its extension. */
export function loadGrammarFile(file: string, opts: GrammarOptions = {}): Grammar {
  const format = grammarFormatOf(file);
  if (!format) {
    throw new GramfillError(
      "usage",
      `cannot tell the grammar format of '${file}': expected one of the extensions ${Object.keys(GRAMMAR_EXTENSIONS).join(", ")}`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === "ENOENT"
        ? "no such file"
        : err.code === "EISDIR"
          ? "it is a directory"
          : err.code === "EACCES"
            ? "permission denied"
            : err.message;
    throw new GramfillError("io", `cannot read grammar file '${file}': ${why}`, { file });
  }
  const name = opts.file ?? file;
  const text = decodeUtf8Strict(bytes, name);
  return parseGrammar(text, format, { ...opts, file: name });
}
