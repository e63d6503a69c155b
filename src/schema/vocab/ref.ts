/** `$ref`, `$dynamicRef` (2020-12), `$recursiveRef` (2019-09). */
import type { SchemaCompiler } from "../compiler.js";
import type { Node } from "../node.js";
import { isObject, resolveUri, type Loc } from "../resolve.js";

export function applyRefs(c: SchemaCompiler, s: Record<string, unknown>, loc: Loc): Node | undefined {
  const parts: Node[] = [];
  if ("$ref" in s) {
    if (typeof s.$ref !== "string") c.invalid("$ref", `${loc.ptr}/$ref`, "must be a string");
    // loc.base is this schema's own base (draft ≤7: its parent's, as $ref ignores a sibling $id)
    const base = loc.base;
    const target = c.registry.resolve(resolveUri(s.$ref as string, base), { ...loc, ptr: `${loc.ptr}/$ref` }, "$ref");
    parts.push(c.convert(target));
  }
  if (typeof s.$dynamicRef === "string" && loc.draft === "2020-12") {
    const uri = resolveUri(s.$dynamicRef, loc.base);
    let target = c.registry.resolve(uri, { ...loc, ptr: `${loc.ptr}/$dynamicRef` }, "$dynamicRef");
    const frag = s.$dynamicRef.includes("#") ? s.$dynamicRef.slice(s.$dynamicRef.indexOf("#") + 1) : "";
    if (frag && !frag.startsWith("/") && isObject(target.schema) && target.schema.$dynamicAnchor === frag) {
      for (const res of c.dynamicScope) {
        if (c.registry.dynamicAnchors.get(res)?.has(frag)) {
          target = c.registry.resolve(`${res}#${frag}`, loc, "$dynamicRef");
          break;
        }
      }
    }
    parts.push(c.convert(target));
  }
  if (typeof s.$recursiveRef === "string" && loc.draft === "2019-09") {
    const uri = resolveUri(s.$recursiveRef, loc.base);
    let target = c.registry.resolve(uri, { ...loc, ptr: `${loc.ptr}/$recursiveRef` }, "$recursiveRef");
    if (isObject(target.schema) && target.schema.$recursiveAnchor === true) {
      for (const res of c.dynamicScope) {
        if (c.registry.dynamicAnchors.get(res)?.has("$recursiveAnchor")) {
          target = c.registry.resolve(res, loc, "$recursiveRef");
          break;
        }
      }
    }
    parts.push(c.convert(target));
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : c.intersectAll(parts, loc.ptr);
}
