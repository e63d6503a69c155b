/** `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (draft 4 booleans too), `multipleOf`. */
import type { SchemaCompiler } from "../compiler.js";
import type { L } from "../lang.js";
import type { Node } from "../node.js";
import type { Loc } from "../resolve.js";

export function applyNumberKeywords(c: SchemaCompiler, s: Record<string, unknown>, loc: Loc): Node | undefined {
  const num = (k: string): number | undefined => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) c.invalid(k, `${loc.ptr}/${k}`, "must be a number");
    return v as number;
  };
  const parts: L[] = [];
  const draft4 = loc.draft === "draft4";
  const min = num("minimum");
  const max = num("maximum");
  if (draft4) {
    for (const k of ["exclusiveMinimum", "exclusiveMaximum"]) {
      if (k in s && typeof s[k] !== "boolean") c.invalid(k, `${loc.ptr}/${k}`, "must be a boolean in draft 4");
    }
    if (min !== undefined) parts.push(c.n.cmp(s.exclusiveMinimum === true ? "gt" : "ge", min));
    if (max !== undefined) parts.push(c.n.cmp(s.exclusiveMaximum === true ? "lt" : "le", max));
  } else {
    if (min !== undefined) parts.push(c.n.cmp("ge", min));
    if (max !== undefined) parts.push(c.n.cmp("le", max));
    const emin = num("exclusiveMinimum");
    const emax = num("exclusiveMaximum");
    if (emin !== undefined) parts.push(c.n.cmp("gt", emin));
    if (emax !== undefined) parts.push(c.n.cmp("lt", emax));
  }
  const m = num("multipleOf");
  if (m !== undefined) {
    if (!(m > 0)) c.invalid("multipleOf", `${loc.ptr}/multipleOf`, "must be greater than 0");
    const lang = c.n.multipleOf(m);
    if (lang) parts.push(lang);
    else c.unsupported("multipleOf", `${loc.ptr}/multipleOf`, `multipleOf ${m} is not of the form 2^a·5^b / 10^k (only those have a decimal-suffix test)`);
  }
  if (parts.length === 0) return undefined;
  return c.restrictScalar(c.n.NUMBER, c.l.and(...parts));
}
