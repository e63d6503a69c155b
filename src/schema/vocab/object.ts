/**
 * `properties`, `patternProperties`, `additionalProperties`, `required`, `propertyNames`,
 * `minProperties`/`maxProperties`, `dependentRequired`, `dependentSchemas`, `dependencies`,
 * `unevaluatedProperties` (only where it means additionalProperties).
 */
import type { SchemaCompiler } from "../compiler.js";
import type { L } from "../lang.js";
import { anyObject, type KeyRule, type Node, type ObjShape } from "../node.js";
import { escapePtr, isObject, type Loc } from "../resolve.js";
import { patternLang } from "./string.js";

const KEYS = ["properties", "patternProperties", "additionalProperties", "required", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas", "dependencies"];

export function applyObjectKeywords(c: SchemaCompiler, s: Record<string, unknown>, loc: Loc): Node | undefined {
  if (!KEYS.some((k) => k in s)) return undefined;
  const l = c.l;
  const shape: ObjShape = anyObject();
  const named: L[] = [];
  const patterns: L[] = [];
  if ("properties" in s) {
    if (!isObject(s.properties)) c.invalid("properties", `${loc.ptr}/properties`, "must be an object");
    for (const [k, v] of Object.entries(s.properties as Record<string, unknown>)) {
      shape.rules.push(c.keyRule(k, c.sub(loc, v, `/properties/${escapePtr(k)}`)));
      shape.order.push(k);
      named.push(c.quotedName(k));
    }
  }
  let droppedPattern = false;
  if ("patternProperties" in s) {
    if (!isObject(s.patternProperties)) c.invalid("patternProperties", `${loc.ptr}/patternProperties`, "must be an object");
    for (const [p, v] of Object.entries(s.patternProperties as Record<string, unknown>)) {
      const ptr = `${loc.ptr}/patternProperties/${escapePtr(p)}`;
      const lang = patternLang(c, p, "patternProperties", ptr);
      const value = c.sub(loc, v, `/patternProperties/${escapePtr(p)}`);
      if (!lang) {
        // lenient: keys matching an unsupported pattern are unconstrained — and since we cannot
        // tell which keys those are, additionalProperties must not apply to any key either
        droppedPattern = true;
        continue;
      }
      const key = l.seq(l.lit('"'), lang, l.lit('"'));
      patterns.push(key);
      shape.rules.push({ key, value });
    }
  }
  const additional: unknown = s.additionalProperties;
  const additionalKw = "additionalProperties";
  if (additional !== undefined) {
    const value = c.sub(loc, additional, `/${additionalKw}`);
    if (!value.top && !droppedPattern) shape.rules.push({ key: l.minus(c.STRING, l.or(...named, ...patterns)), value });
    shape.evaluated = c.STRING;
  } else if (droppedPattern) shape.evaluated = c.STRING;
  else if (named.length || patterns.length) shape.evaluated = l.or(...named, ...patterns);
  if ("required" in s) {
    const r = s.required;
    if (!Array.isArray(r) || r.some((x) => typeof x !== "string")) c.invalid("required", `${loc.ptr}/required`, "must be an array of strings");
    shape.required = [...new Set(r as string[])];
  }
  if ("propertyNames" in s) {
    const n = c.sub(loc, s.propertyNames, "/propertyNames");
    if (!n.top) {
      if (n.refs.length) c.unsupported("propertyNames", `${loc.ptr}/propertyNames`, "recursive reference");
      shape.names = l.and(n.scalar, c.STRING);
    }
  }
  const count = (k: string): number | undefined => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) c.invalid(k, `${loc.ptr}/${k}`, "must be a non-negative integer");
    return v as number;
  };
  shape.minProps = count("minProperties") ?? 0;
  shape.maxProps = count("maxProperties") ?? Infinity;
  const depSchemas: Array<[string, unknown, string]> = [];
  const addDepReq = (k: string, v: unknown, ptr: string) => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) c.invalid("dependentRequired", ptr, "must be an array of strings");
    if ((v as string[]).length) shape.depRequired.push([k, v as string[]]);
  };
  if (isObject(s.dependentRequired)) for (const [k, v] of Object.entries(s.dependentRequired)) addDepReq(k, v, `${loc.ptr}/dependentRequired/${escapePtr(k)}`);
  if (isObject(s.dependentSchemas)) for (const [k, v] of Object.entries(s.dependentSchemas)) depSchemas.push([k, v, `/dependentSchemas/${escapePtr(k)}`]);
  // 2020-12 dropped `dependencies` (an unknown keyword there, ignored as Python's jsonschema does);
  // ajv still applies it in every draft, so generation ("intersect", see `refSiblings`) applies it
  // too and its outputs validate under both readings (Glaiveai2K schemas without `$schema`)
  const legacyDeps = loc.draft === "draft4" || loc.draft === "draft6" || loc.draft === "draft7" || loc.draft === "2019-09" || c.opts.refSiblings === "intersect";
  if (isObject(s.dependencies) && legacyDeps) {
    for (const [k, v] of Object.entries(s.dependencies)) {
      if (Array.isArray(v)) addDepReq(k, v, `${loc.ptr}/dependencies/${escapePtr(k)}`);
      else depSchemas.push([k, v, `/dependencies/${escapePtr(k)}`]);
    }
  }
  let node: Node = c.objectsOnly([shape]);
  if (c.objShapeEmpty(shape)) node = c.objectsOnly([]);
  for (const [k, v, ptr] of depSchemas) {
    const sub = c.sub(loc, v, ptr);
    if (sub.top) continue;
    const present: ObjShape = { ...anyObject(), required: [k] };
    const dep = c.union([c.objectsOnly([c.forbidKey(k)]), c.intersect(c.objectsOnly([present], false), sub, loc.ptr + ptr)]);
    // non-objects are unaffected
    node = c.intersect(node, { ...dep, scalar: c.S_UNIV, arrays: c.TOP.arrays }, loc.ptr + ptr);
  }
  return node;
}

export type { KeyRule };
