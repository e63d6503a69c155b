/** `prefixItems`, `items`, `additionalItems`, `minItems`/`maxItems`, `contains` (+ min/maxContains), `uniqueItems`, `unevaluatedItems` (plain cases). */
import type { SchemaCompiler } from "../compiler.js";
import { anyArray, type ArrShape, type Node } from "../node.js";
import { isObject, type Loc } from "../resolve.js";

const KEYS = ["prefixItems", "items", "additionalItems", "minItems", "maxItems", "contains", "minContains", "maxContains", "uniqueItems"];

export function applyArrayKeywords(c: SchemaCompiler, s: Record<string, unknown>, loc: Loc): Node | undefined {
  if (!KEYS.some((k) => k in s)) return undefined;
  const shape: ArrShape = anyArray(c.TOP);
  const modern = loc.draft === "2020-12";
  const isSchema = (v: unknown) => isObject(v) || typeof v === "boolean";
  let tupleLen = -1;
  if (modern) {
    if (Array.isArray(s.prefixItems)) {
      shape.prefix = s.prefixItems.map((v, i) => c.sub(loc, v, `/prefixItems/${i}`));
      tupleLen = shape.prefix.length;
    }
    if (isSchema(s.items)) shape.items = c.sub(loc, s.items, "/items");
    else if (s.items !== undefined) c.invalid("items", `${loc.ptr}/items`, "must be a schema in 2020-12");
  } else {
    if (Array.isArray(s.items)) {
      shape.prefix = s.items.map((v, i) => c.sub(loc, v, `/items/${i}`));
      tupleLen = shape.prefix.length;
      if (isSchema(s.additionalItems)) shape.items = c.sub(loc, s.additionalItems, "/additionalItems");
    } else if (isSchema(s.items)) shape.items = c.sub(loc, s.items, "/items");
  }
  if (tupleLen >= 0) shape.evaluated = tupleLen;
  if (modern ? isSchema(s.items) : isSchema(s.items) || (tupleLen >= 0 && isSchema(s.additionalItems))) shape.evaluated = Infinity;
  void tupleLen;
  const count = (k: string): number | undefined => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) c.invalid(k, `${loc.ptr}/${k}`, "must be a non-negative integer");
    return v as number;
  };
  shape.min = count("minItems") ?? 0;
  shape.max = count("maxItems") ?? Infinity;
  if ("contains" in s) {
    const node = c.sub(loc, s.contains, "/contains");
    const legacy = loc.draft === "draft4" || loc.draft === "draft6" || loc.draft === "draft7";
    const min = legacy ? 1 : (count("minContains") ?? 1);
    const max = legacy ? Infinity : (count("maxContains") ?? Infinity);
    if (min > max) return c.arraysOnly([]);
    if (!(node.top && max === Infinity && min <= 1 && shape.min >= min)) shape.contains.push({ node, min, max });
  }
  if (s.uniqueItems === true) shape.unique = true;
  if (shape.unique || shape.contains.length) shape.ptr = loc.ptr;
  if (c.arrShapeEmpty(shape)) return c.arraysOnly([]);
  return c.arraysOnly([shape]);
}
