/**
 * Errors are values with a code, a message and a location. The CLI turns a GramfillError into one
 * line on stderr and an exit code; anything else that escapes is a bug in gramfill.
 */
export type ErrorCode =
  | "regex_syntax" // a regex we cannot parse
  | "regex_unsupported" // valid ECMA-262 syntax we do not support (lookaround, backreference, \b)
  | "automaton_too_large" // a lazy DFA hit its state cap
  | "grammar_syntax" // a grammar file we cannot parse
  | "grammar_invalid" // undefined symbols, empty languages, ...
  | "input_invalid" // an input rejected by a grammar
  | "timeout" // a time budget ran out
  | "schema_invalid" // not a JSON Schema (bad keyword value, unresolvable $ref, invalid JSON)
  | "schema_unsupported" // a keyword or combination the schema compiler cannot enforce exactly
  | "schema_empty" // a schema no instance satisfies
  | "usage" // bad command line
  | "io"; // a file we cannot read or write

export interface SourceLocation {
  file?: string;
  /** 1-based */
  line?: number;
  /** 1-based, in code points */
  col?: number;
  /** 0-based byte or character offset, whichever the producer documents */
  offset?: number;
  /** JSON pointer, for schemas */
  pointer?: string;
}

export class GramfillError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;

  constructor(code: ErrorCode, message: string, location?: SourceLocation) {
    super(message);
    this.name = "GramfillError";
    this.code = code;
    this.location = location;
  }

  /** `file:line:col: message`, the one-line form the CLI prints. */
  format(): string {
    const loc = this.location;
    if (!loc) return this.message;
    const parts: string[] = [];
    if (loc.file !== undefined) parts.push(loc.file);
    if (loc.line !== undefined) parts.push(String(loc.line));
    if (loc.col !== undefined) parts.push(String(loc.col));
    if (loc.pointer !== undefined) parts.push(`#${loc.pointer}`);
    if (parts.length === 0 && loc.offset !== undefined) parts.push(`offset ${loc.offset}`);
    return parts.length ? `${parts.join(":")}: ${this.message}` : this.message;
  }
}

export function isGramfillError(e: unknown): e is GramfillError {
  return e instanceof GramfillError;
}
