/**
 * The normal form a schema compiles to before it becomes grammar rules: a union, split by JSON
 * type, of
 * - `scalar`: one regular language over the JSON text of the allowed null/boolean/number/string
 *   values (intersections, unions and complements are exact there, see lang.ts);
 * - `objects`: a union of object shapes, each a conjunction of key rules;
 * - `arrays`: a union of array shapes;
 * - `refs`: references to rules of recursive schemas (opaque here).
 *
 * Intersection (allOf) merges shapes; complement (not, if/else, oneOf) is exact on scalars and on
 * object shapes made of named keys; everything else is reported as unsupported by the caller.
 */
import type { L } from "./lang.js";

export interface KeyRule {
  /** the keys this rule applies to, as JSON string texts (with quotes) */
  key: L;
  /** when the rule is for exactly one name */
  name?: string;
  value: Node;
}

export interface ObjShape {
  rules: KeyRule[];
  /** names in order of appearance in `properties` (the property order of the output) */
  order: string[];
  required: string[];
  minProps: number;
  maxProps: number;
  /** every key must be in this language of JSON string texts (with quotes); undefined for any */
  names?: L;
  /** key → keys it requires */
  depRequired: Array<[string, string[]]>;
  /** keys evaluated by properties/patternProperties/additionalProperties (for unevaluatedProperties) */
  evaluated?: L;
  /** for each entry, some key in `key` must have a value in `value` (what negating a key rule gives) */
  exists?: Array<{ key: L; value: Node }>;
}

export interface ContainsRule {
  node: Node;
  min: number;
  max: number;
}

export interface ArrShape {
  prefix: Node[];
  items: Node;
  min: number;
  max: number;
  contains: ContainsRule[];
  unique: boolean;
  /** items evaluated by prefixItems/items (a count, Infinity for all; for unevaluatedItems) */
  evaluated?: number;
  /** JSON pointer of the schema that set uniqueItems/contains (for error messages) */
  ptr?: string;
}

export interface Node {
  scalar: L;
  objects: ObjShape[];
  arrays: ArrShape[];
  /** rule names of recursive schema locations */
  refs: string[];
  /** set on the TOP node only */
  top?: boolean;
  /** when the node is a finite set of scalar values (from enum/const): those values */
  values?: unknown[];
}

export function anyObject(): ObjShape {
  return { rules: [], order: [], required: [], minProps: 0, maxProps: Infinity, depRequired: [] };
}

export function anyArray(top: Node): ArrShape {
  return { prefix: [], items: top, min: 0, max: Infinity, contains: [], unique: false };
}

export function isAnyObject(s: ObjShape): boolean {
  return s.rules.length === 0 && s.required.length === 0 && s.minProps === 0 && s.maxProps === Infinity && !s.names && s.depRequired.length === 0 && !s.evaluated && !s.exists?.length;
}

export function isAnyArray(s: ArrShape): boolean {
  return s.prefix.length === 0 && s.items.top === true && s.min === 0 && s.max === Infinity && s.contains.length === 0 && !s.unique && !s.evaluated;
}
