/** The `--schema` branches of `gramfill compile` and `gramfill check`. */
import { createRequire } from "node:module";
import { compileSchema, type CompiledSchema, type SchemaOptions, type Whitespace } from "../../schema/index.js";
import { firstDuplicateKey } from "../../schema/json-source.js";
import { grammarToLark } from "../../schema/lark.js";
import { GramfillError } from "../../util/errors.js";
import { UsageError, optionalString, type OptionSpec, type Parsed } from "../args.js";
import type { CommandResult } from "../main.js";
import { readBytes, readText } from "./common.js";

export const schemaOptions: OptionSpec = {
  schema: { type: "string", short: "s" },
  mode: { type: "string" },
  emit: { type: "string" },
  whitespace: { type: "string" },
  indent: { type: "string" },
  "property-order": { type: "string" },
  "budget-ms": { type: "string" },
};

export const schemaOptionsHelp = `  -s, --schema FILE    a JSON Schema (draft 4, 6, 7, 2019-09, 2020-12 from $schema; default 2020-12)
      --mode M         strict (default): unsupported keywords are errors; lenient: over-approximate, warn
      --whitespace W   compact (default) | python | pretty | flexible
      --indent N       spaces per level for --whitespace pretty (default 2)
      --property-order schema (default: properties order, optional ones skippable) | any
      --budget-ms N    give up compiling after N ms with an error naming the keyword and pointer (default 10000)`;

export function loadSchema(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GramfillError("schema_invalid", `not valid JSON: ${(e as Error).message}`, { file });
  }
}

export function schemaOptionsFrom(p: Parsed, command: string): SchemaOptions {
  const mode = optionalString(p, "mode") ?? "strict";
  if (mode !== "strict" && mode !== "lenient") throw new UsageError("--mode must be strict or lenient", command);
  const ws = optionalString(p, "whitespace") ?? "compact";
  if (!["compact", "python", "pretty", "flexible"].includes(ws)) throw new UsageError("--whitespace must be compact, python, pretty or flexible", command);
  const indent = Number(optionalString(p, "indent") ?? "2");
  if (!Number.isInteger(indent) || indent < 0 || indent > 16) throw new UsageError("--indent must be an integer 0..16", command);
  const order = optionalString(p, "property-order") ?? "schema";
  if (order !== "schema" && order !== "any") throw new UsageError("--property-order must be schema or any", command);
  const budget = Number(optionalString(p, "budget-ms") ?? "10000");
  if (!(budget > 0)) throw new UsageError("--budget-ms must be a positive number of milliseconds", command);
  return { mode, whitespace: ws as Whitespace, indent, propertyOrder: order, budgetMs: budget };
}

export function compileFile(file: string, opts: SchemaOptions): CompiledSchema {
  const schema = loadSchema(file);
  try {
    return compileSchema(schema, opts);
  } catch (e) {
    if (e instanceof GramfillError) throw new GramfillError(e.code, e.message, { ...e.location, file });
    throw e;
  }
}

export function runCompileSchema(p: Parsed): CommandResult {
  const file = p.values.schema as string;
  const emit = optionalString(p, "emit") ?? "stats";
  if (emit !== "stats" && emit !== "lark") throw new UsageError("--emit must be stats or lark", "compile");
  const started = performance.now();
  const c = compileFile(file, schemaOptionsFrom(p, "compile"));
  const ms = performance.now() - started;
  const stderr = c.warnings.map((w) => `${file}:#${w.pointer}: warning: ${w.keyword}: ${w.message} (over-approximated)\n`).join("");
  if (emit === "lark") return { code: 0, stdout: grammarToLark(c.grammar), stderr };
  const stats = c.compiled.stats();
  if (p.values.json) {
    const out = { file, ...stats, compile_ms: Number(ms.toFixed(2)), warnings: c.warnings };
    return { code: 0, stdout: JSON.stringify(out, null, 2) + "\n", stderr };
  }
  const lines = [
    `${file}: ok (compiled in ${ms.toFixed(1)} ms)`,
    `  rules ${stats.rules} (${stats.bnfRules} after desugaring), terminals ${stats.terminals}`,
    `  lexer states built so far ${stats.lexerStates}, regex nodes ${stats.regexNodes}`,
  ];
  return { code: 0, stdout: lines.join("\n") + "\n", stderr };
}

type AjvLike = { compile(s: unknown): (d: unknown) => boolean };

/** An ajv for the schema's draft (by $schema: draft-04, draft-06/07, 2019-09, else 2020-12), with ajv-formats. */
function ajvFor(schema: unknown): AjvLike {
  const req = createRequire(import.meta.url);
  const $schema = typeof schema === "object" && schema !== null ? String((schema as Record<string, unknown>).$schema ?? "") : "";
  let Ctor: new (o: object) => AjvLike;
  if ($schema.includes("draft-04")) Ctor = req("ajv-draft-04");
  else if ($schema.includes("2019-09")) Ctor = req("ajv/dist/2019").default;
  else if ($schema.includes("draft-06") || $schema.includes("draft-07")) Ctor = req("ajv").default;
  else Ctor = req("ajv/dist/2020").default;
  const ajv = new Ctor({ strict: false, allErrors: false, validateFormats: true, logger: false }) as AjvLike;
  if ($schema.includes("draft-06")) (ajv as unknown as { addMetaSchema(s: unknown): void }).addMetaSchema(req("ajv/dist/refs/json-schema-draft-06.json"));
  req("ajv-formats")(ajv);
  return ajv;
}

/** ajv's validator for the schema; undefined if ajv cannot compile it */
export function ajvValidator(schema: unknown): ((data: unknown) => boolean) | undefined {
  try {
    const v = ajvFor(schema).compile(schema);
    return (d) => v(d);
  } catch {
    return undefined;
  }
}

/** ajv's verdict for a full instance (null when ajv cannot compile the schema) */
export function ajvVerdict(schema: unknown, data: unknown): { valid: boolean | null; error?: string } {
  try {
    return { valid: ajvFor(schema).compile(schema)(data) };
  } catch (e) {
    return { valid: null, error: (e as Error).message };
  }
}

interface CheckVerdict {
  ok: boolean;
  offset: number;
  expected: readonly string[];
  atEnd: boolean;
  /** the key a document repeats in one object (rejected there) */
  duplicate?: string;
}

/**
 * The grammar counts keys as written, but JSON Schema judges `JSON.parse`'s value, where a repeated
 * key collapses (`{"a":1,"a":2}` has one property): a document that repeats a key is rejected
 * at the repeated key, so an accepted document means what the grammar checked.
 */
function rejectDuplicateKeys(input: Uint8Array, accepted: CheckVerdict): CheckVerdict {
  const text = new TextDecoder().decode(input);
  const dup = firstDuplicateKey(text);
  if (!dup) return accepted;
  const offset = new TextEncoder().encode(text.slice(0, dup.position)).length;
  return { ok: false, offset, expected: [], atEnd: false, duplicate: dup.key };
}

export function runCheckSchema(p: Parsed, inputFile: string): CommandResult {
  const file = p.values.schema as string;
  const c = compileFile(file, schemaOptionsFrom(p, "check"));
  let input = readBytes(inputFile);
  // a file's trailing newline is not part of the instance (the output forms never end in one)
  let end = input.length;
  while (end > 0 && (input[end - 1] === 0x0a || input[end - 1] === 0x0d)) end--;
  input = input.subarray(0, end);
  const prefix = p.values.prefix === true;
  const grammarResult = c.compiled.check(input, { prefix });
  const name = inputFile === "-" ? "standard input" : inputFile;
  const result: CheckVerdict = prefix || !grammarResult.ok ? grammarResult : rejectDuplicateKeys(input, grammarResult);
  let ajvLine = "";
  if (!prefix) {
    let data: unknown;
    let parsed = true;
    try {
      data = JSON.parse(new TextDecoder().decode(input));
    } catch {
      parsed = false;
    }
    if (parsed) {
      const v = ajvVerdict(loadSchema(file), data);
      if (v.valid === null) ajvLine = `ajv: cannot compile the schema (${v.error?.split("\n")[0]})\n`;
      else if (v.valid !== result.ok) {
        const canon = c.serialize(data);
        const canonical = canon.some((t) => c.compiled.check(t).ok);
        ajvLine = `ajv: ${v.valid ? "valid" : "invalid"} (gramfill: ${result.ok ? "accepted" : "rejected"}; the canonical serialization is ${canonical ? "accepted" : "rejected"} by the grammar)\n`;
      }
    }
  }
  if (p.values.json) {
    return { code: result.ok ? 0 : 1, stdout: JSON.stringify({ ok: result.ok, offset: result.offset, expected: result.expected, at_end: result.atEnd, ...(result.duplicate !== undefined ? { duplicate_key: result.duplicate } : {}) }) + "\n", stderr: ajvLine };
  }
  if (result.ok) return { code: 0, stdout: `${prefix ? "viable prefix" : "accepted"}: ${name} (${input.length} bytes)\n`, stderr: ajvLine };
  if (result.duplicate !== undefined) {
    return { code: 1, stderr: `${name}: rejected at byte ${result.offset}: duplicate key ${JSON.stringify(result.duplicate)} (a schema judges the parsed value, where only its last value is kept)\n${ajvLine}` };
  }
  const found = result.atEnd ? "unexpected end of input" : `unexpected byte ${JSON.stringify(String.fromCharCode(input[result.offset]!))}`;
  return { code: 1, stderr: `${name}: rejected at byte ${result.offset}: ${found}; expected one of ${result.expected.slice(0, 12).join(", ")}\n${ajvLine}` };
}
