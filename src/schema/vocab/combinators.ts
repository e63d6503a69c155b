/** `allOf` (intersection), `anyOf` (union), `oneOf` (exactly one), `not`, `if`/`then`/`else`. */
import type { SchemaCompiler } from "../compiler.js";
import type { Node } from "../node.js";
import type { Loc } from "../resolve.js";
import { typeNode } from "./type.js";

export function applyCombinators(c: SchemaCompiler, s: Record<string, unknown>, loc: Loc): Node | undefined {
  const parts: Node[] = [];
  const list = (k: string): Node[] | undefined => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0) c.invalid(k, `${loc.ptr}/${k}`, "must be a non-empty array of schemas");
    return (v as unknown[]).map((x, i) => c.sub(loc, x, `/${k}/${i}`));
  };
  const allOf = list("allOf");
  if (allOf) parts.push(c.intersectAll(allOf, `${loc.ptr}/allOf`));
  const anyOf = list("anyOf");
  if (anyOf) parts.push(c.trackEvaluated ? unionKeepingAnnotations(c, anyOf, `${loc.ptr}/anyOf`) : c.union(anyOf));
  const oneOf = list("oneOf");
  if (oneOf) parts.push(exactlyOne(c, restrictToType(c, s, oneOf), `${loc.ptr}/oneOf`));
  if ("not" in s) parts.push(c.complement(c.sub(loc, s.not, "/not"), `${loc.ptr}/not`));
  if ("if" in s) {
    const cond = c.sub(loc, s.if, "/if");
    const then = "then" in s ? c.sub(loc, s.then, "/then") : c.TOP;
    const els = "else" in s ? c.sub(loc, s.else, "/else") : c.TOP;
    if (!(then.top && els.top) || c.trackEvaluated) {
      const yes = c.intersect(cond, then, `${loc.ptr}/then`);
      const no = els.top && !cond.top ? c.complement(cond, `${loc.ptr}/if`, "if") : c.intersect(c.complement(cond, `${loc.ptr}/if`, "if"), els, `${loc.ptr}/else`);
      parts.push(c.union([yes, no]));
    }
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : c.intersectAll(parts, loc.ptr);
}

/**
 * The branches cut down to the sibling `type` (the schema's result is intersected with it anyway,
 * and type ∧ oneOf(B) = type ∧ oneOf(B ∧ type)): `{"type":"object","oneOf":[{"required":["a"]},
 * {"required":["b"]}]}` then needs no complement of "any array", which both branches allow.
 */
function restrictToType(c: SchemaCompiler, s: Record<string, unknown>, branches: Node[]): Node[] {
  const t = s.type;
  const list = typeof t === "string" ? [t] : Array.isArray(t) && t.every((x) => typeof x === "string") ? (t as string[]) : undefined;
  if (!list) return branches; // an invalid type is reported by the type family
  const ctx = typeNode(c, list);
  return branches.map((b) => ({
    scalar: c.l.and(b.scalar, ctx.scalar),
    objects: ctx.objects.length ? b.objects : [],
    arrays: ctx.arrays.length ? b.arrays : [],
    refs: b.refs,
  }));
}

/** oneOf: exact on scalars; on objects/arrays the branches must be provably disjoint */
function exactlyOne(c: SchemaCompiler, branches: Node[], ptr: string): Node {
  const l = c.l;
  if (branches.length === 1) return branches[0]!;
  const scalars = branches.map((b) => (b.refs.length ? c.l.EMPTY : b.scalar));
  const scalarParts = scalars.map((s, i) => l.minus(s, l.or(...scalars.filter((_, j) => j !== i))));
  const out: Node[] = [c.scalarNode(l.or(...scalarParts))];
  const structured = branches.map((b) => ({ scalar: l.EMPTY, objects: b.objects, arrays: b.arrays, refs: b.refs }));
  let ok = true;
  for (let i = 0; i < branches.length && ok; i++) {
    for (let j = i + 1; j < branches.length && ok; j++) {
      const a = structured[i]!;
      const b = structured[j]!;
      if ((a.objects.length || a.arrays.length || a.refs.length) && (b.objects.length || b.arrays.length || b.refs.length) && !c.disjoint(a, b)) ok = false;
    }
  }
  if (ok) {
    out.push(...structured);
  } else {
    // exact: values in branch i and in no other branch
    for (let i = 0; i < branches.length; i++) {
      const others = c.union(structured.filter((_, j) => j !== i));
      out.push(c.intersect(structured[i]!, c.complement(others, ptr, "oneOf"), ptr));
    }
  }
  return c.union(out);
}

/**
 * anyOf when unevaluated* is in play: an instance valid against several branches gets the
 * annotations of all of them, so the union runs over every non-empty combination of branches.
 */
function unionKeepingAnnotations(c: SchemaCompiler, branches: Node[], ptr: string): Node {
  const structured = branches.filter((b) => b.objects.length || b.arrays.length);
  if (structured.length <= 1) return c.union(branches);
  if (structured.length > 5) {
    c.unsupported("anyOf", ptr, "more than 5 object/array branches next to unevaluated*");
    // lenient: every key/item counts as evaluated (over-approximation)
    return c.union(branches.map((b) => ({ ...b, top: undefined, objects: b.objects.map((s) => ({ ...s, evaluated: c.STRING })), arrays: b.arrays.map((s) => ({ ...s, evaluated: Infinity })) })));
  }
  const parts: Node[] = [...branches];
  for (let mask = 1; mask < 1 << structured.length; mask++) {
    if ((mask & (mask - 1)) === 0) continue;
    const chosen = structured.filter((_, i) => mask & (1 << i)).map((b) => ({ ...b, scalar: c.l.EMPTY, top: undefined }));
    parts.push(c.intersectAll(chosen, ptr));
  }
  return c.union(parts);
}
