/**
 * JSON Schema → Grammar IR. `compileSchema` returns the grammar (for `compileGrammar`) and the
 * compiled grammar; `serialize` writes an instance in exactly the form the grammar accepts.
 *
 * Strict mode (default) refuses, with `schema_unsupported` naming the keyword and its JSON
 * pointer, whatever it cannot enforce exactly. Lenient mode over-approximates instead, with one
 * warning per approximation:
 * - `pattern` / `patternProperties` with lookaround, backreferences or inner anchors, or invalid
 *   with the u flag: the pattern is dropped (any string; keys unconstrained by it);
 * - known formats we cannot express (regex: not a regular language; iri, idn-*): dropped;
 * - `multipleOf` whose divisor has a prime factor other than 2 and 5 above 50: dropped;
 * - `minLength`/`maxLength` above 100,000: dropped;
 * - `uniqueItems` over open value sets (or finite ones needing more than 4096 used-value sets): dropped;
 * - negations (not, oneOf, if/else) we cannot complement: that type is left unconstrained;
 * - combining a recursive reference with its own enclosing schema: the other side is dropped;
 * - more than 6 dependentRequired entries, more than 5 object branches next to unevaluated*,
 *   negated object rules with min/maxProperties: the constraint is dropped.
 *
 * Output form (what the grammar accepts, and what `serialize` writes): numbers as plain decimals
 * (no exponent; trailing fraction zeros and -0 accepted), strings as JSON.stringify spells them
 * (plus `\/`, either hex case in `\u00XX`; no other `\u` escapes, no lone surrogates), whitespace
 * per `whitespace`, object keys in `properties` order unless `propertyOrder: "any"`. Objects with
 * open key sets cannot forbid duplicate keys: a text with a repeated key is outside JSON's
 * interoperable subset and is not considered an instance.
 */
import type { Grammar } from "../grammar/ir.js";
import { compileGrammar, type CompiledGrammar } from "../parser/compile.js";
import { GramfillError, isGramfillError } from "../util/errors.js";
import { SchemaCompiler, type RefSiblings, type SchemaMode, type SchemaWarning } from "./compiler.js";
import { Emitter, type FormOptions, type Whitespace } from "./emit.js";
import type { Node } from "./node.js";
import { JsonNumber, numberText } from "./json-source.js";
import { NodeSerializer } from "./serialize.js";
import { DEFAULT_BASE, Registry, isObject, type Draft, type RemoteResolver } from "./resolve.js";

export type { SchemaMode, SchemaWarning, Whitespace, Draft, RemoteResolver, RefSiblings };

export interface SchemaOptions {
  /** strict (default): unsupported keywords are errors; lenient: over-approximate with a warning */
  mode?: SchemaMode;
  /** draft when `$schema` is absent (default 2020-12) */
  draft?: Draft;
  /** known formats: asserted (default) or ignored as annotations */
  formats?: "assert" | "ignore";
  whitespace?: Whitespace;
  indent?: number;
  maxWhitespace?: number;
  /** "schema" (default): named properties in `properties` order; "any": any order (≤ 10 named keys per object) */
  propertyOrder?: "schema" | "any";
  /** pretty: deepest nesting of objects/arrays in the output form (default 16; deeper values are not part of it) */
  prettyMaxDepth?: number;
  /** remote `$ref` documents */
  resolver?: RemoteResolver;
  /**
   * keywords beside `$ref` in drafts 4–7: "spec" (default) ignores them as the spec does; "intersect"
   * also applies them (as ajv 8 does), so outputs valid for the grammar validate under both readings —
   * what generation wants
   */
  refSiblings?: RefSiblings;
  /** base URI of the root schema */
  baseUri?: string;
  /** lexer DFA state cap passed to compileGrammar */
  maxLexerStates?: number;
  /**
   * time budget of one compile in ms (default 10,000; Infinity for none): past it the compile
   * fails with a `timeout` error naming the keyword and JSON pointer it was working on
   */
  budgetMs?: number;
}

export interface CompiledSchema {
  grammar: Grammar;
  compiled: CompiledGrammar;
  warnings: SchemaWarning[];
  /** candidate texts of an instance in the form this grammar accepts (key orders of the fitting object shapes) */
  serialize(instance: unknown): string[];
  /** does the grammar accept this instance (serialized canonically)? */
  accepts(instance: unknown): boolean;
  root: Node;
}

export function schemaGrammar(schema: unknown, opts: SchemaOptions = {}): { grammar: Grammar; compiler: SchemaCompiler; root: Node; form: FormOptions } {
  if (!isObject(schema) && typeof schema !== "boolean") {
    throw new GramfillError("schema_invalid", `schema: a JSON Schema must be an object or a boolean, not ${schema === null ? "null" : Array.isArray(schema) ? "an array" : typeof schema}`, { pointer: "/" });
  }
  const draft = opts.draft ?? "2020-12";
  const registry = new Registry(draft, opts.resolver);
  const rootLoc = registry.addDocument(schema, opts.baseUri ?? DEFAULT_BASE);
  const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const deadline = budget === Infinity ? undefined : performance.now() + budget;
  const compiler = new SchemaCompiler(registry, { mode: opts.mode ?? "strict", formats: opts.formats ?? "assert", defaultDraft: draft, deadline, refSiblings: opts.refSiblings ?? "spec" });
  compiler.trackEvaluated = usesKeyword(schema, ["unevaluatedProperties", "unevaluatedItems"]);
  const x = compiler.l.x;
  x.deadline = deadline ?? Infinity;
  try {
    const root = compiler.convert({ ...rootLoc, base: opts.baseUri ?? DEFAULT_BASE });
    if (compiler.isEmptyNode(root)) throw new GramfillError("schema_empty", "schema: no JSON value satisfies this schema", { pointer: "/" });
    const form: FormOptions = { whitespace: opts.whitespace ?? "compact", indent: opts.indent ?? 2, maxWhitespace: opts.maxWhitespace ?? 20, prettyMaxDepth: opts.prettyMaxDepth ?? 16, propertyOrder: opts.propertyOrder ?? "schema" };
    const grammar = new Emitter(compiler, form).grammar(root);
    grammar.diagnostics = compiler.warnings.map((w) => ({ severity: "warning" as const, message: `${w.keyword} at #${w.pointer}: ${w.message}` }));
    return { grammar, compiler, root, form };
  } catch (e) {
    if (isGramfillError(e) && e.code === "timeout" && e.location?.pointer === undefined) compiler.outOfTime("");
    throw e;
  } finally {
    x.deadline = Infinity;
  }
}

/** default time budget of one schema compile (the JSONSchemaBench runner allows 10 s) */
const DEFAULT_BUDGET_MS = 10_000;

/** does any object inside `v` have one of these keys? (iterative: deep schemas cannot overflow) */
function usesKeyword(v: unknown, keys: string[]): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...x);
    else if (isObject(x)) {
      for (const k of keys) if (k in x) return true;
      stack.push(...Object.values(x));
    }
  }
  return false;
}

export function compileSchema(schema: unknown, opts: SchemaOptions = {}): CompiledSchema {
  const { grammar, compiler, root, form } = schemaGrammar(schema, opts);
  // the terminals' emptiness checks count against the same budget
  compiler.l.x.deadline = compiler.opts.deadline ?? Infinity;
  let compiled: CompiledGrammar;
  try {
    compiled = compileGrammar(grammar, { maxLexerStates: opts.maxLexerStates, exprs: compiler.l.x, termIds: compiler.l.termIds });
    compiled.distinctObjectKeys = true;
  } catch (e) {
    if (isGramfillError(e) && e.code === "timeout") compiler.outOfTime("");
    throw e;
  } finally {
    compiler.l.x.deadline = Infinity;
    // decoding asks the lexer mostly about empty languages: no extra witness searches there
    compiler.l.x.extraWitnesses = false;
  }
  const ser = (v: unknown) => serializeWith(compiler, root, v, form);
  return {
    grammar,
    compiled,
    warnings: compiler.warnings,
    root,
    serialize: ser,
    accepts: (v: unknown) => {
      for (const text of ser(v)) if (compiled.check(text).ok) return true;
      return false;
    },
  };
}

/**
 * The canonical text of an instance: numbers as plain decimals (shortest round-trip digits, no
 * exponent), strings as JSON.stringify writes them, whitespace of the output form, and object
 * keys in the order the grammar expects (named properties in `properties` order, then the rest in
 * instance order). Without a schema, keys keep the instance order.
 */
export function serialize(instance: unknown, opts: { whitespace?: Whitespace; indent?: number } = {}, schema?: CompiledSchema): string {
  if (schema) return schema.serialize(instance)[0]!;
  const form: FormOptions = { whitespace: opts.whitespace ?? "compact", indent: opts.indent ?? 2, maxWhitespace: 20, prettyMaxDepth: 16, propertyOrder: "schema" };
  return write(instance, form, 0, (_v, keys) => keys);
}

type Orderer = (value: Record<string, unknown>, keys: string[], path: Node | undefined) => string[];

function write(v: unknown, form: FormOptions, depth: number, order: (v: Record<string, unknown>, keys: string[]) => string[], child?: (key: string | number) => typeof order): string {
  const sep = form.whitespace === "compact" ? "," : form.whitespace === "pretty" ? "," : ", ";
  const colon = form.whitespace === "compact" ? ":" : ": ";
  const nl = (d: number) => (form.whitespace === "pretty" ? "\n" + " ".repeat(form.indent * d) : "");
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "number" || v instanceof JsonNumber) return numberText(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const items = v.map((x, i) => write(x, form, depth + 1, child ? child(i) : order, child));
    return "[" + items.map((s, i) => (i === 0 ? nl(depth + 1) : sep + nl(depth + 1)) + s).join("") + nl(depth) + "]";
  }
  if (isObject(v)) {
    const keys = order(v, Object.keys(v));
    if (keys.length === 0) return "{}";
    const items = keys.map((k) => JSON.stringify(k) + colon + write(v[k], form, depth + 1, child ? child(k) : order, child));
    return "{" + items.map((s, i) => (i === 0 ? nl(depth + 1) : sep + nl(depth + 1)) + s).join("") + nl(depth) + "}";
  }
  throw new GramfillError("input_invalid", `not a JSON value: ${typeof v}`);
}

/** Candidate texts of an instance under a schema node (one: the shape it matches decides the key order). */
function serializeWith(c: SchemaCompiler, root: Node, v: unknown, form: FormOptions): string[] {
  return [new NodeSerializer(c, form).write(root, v)];
}

export type { Orderer };
