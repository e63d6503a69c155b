/**
 * Command-line parsing on top of `node:util.parseArgs`, with usage errors as values the entry point
 * turns into exit code 2 and a hint.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandArgs(command: string, argv: string[], options: OptionSpec, maxPositionals = 0): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(tidyParseArgsMessage((e as Error).message), command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}'`, command);
  }
  return parsed as Parsed;
}

/** parseArgs messages mention the API ("To specify an option argument starting with a dash...") — keep the first sentence. */
function tidyParseArgsMessage(msg: string): string {
  const first = msg.split(/\.\s|\n/)[0] ?? msg;
  return first.replace(/^Unknown option '(.*)'$/, "unknown option '$1'").replace(/^Option '(.*)' argument missing$/, "option '$1' needs a value");
}

export function requireString(p: Parsed, name: string, command: string): string {
  const v = p.values[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`missing --${name}`, command);
  return v;
}

export function optionalString(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === "string" ? v : undefined;
}

/** `--name N` as a number passing `check`, else a usage error saying it must be `what`. */
export function optionalNumber(p: Parsed, name: string, command: string, check: (n: number) => boolean, what: string): number | undefined {
  const v = optionalString(p, name);
  if (v === undefined) return undefined;
  const n = v.trim() === "" ? NaN : Number(v);
  if (!check(n)) throw new UsageError(`--${name} must be ${what}, not '${v}'`, command);
  return n;
}
