/** `minLength`, `maxLength` (code points), `pattern` (unanchored ECMA-262, `u`), `format`. */
import { GramfillError } from "../../util/errors.js";
import type { SchemaCompiler } from "../compiler.js";
import { formatLanguage, NUMBER_FORMATS } from "../formats.js";
import { RegexAnchorError, type L } from "../lang.js";
import type { Node } from "../node.js";
import type { Loc } from "../resolve.js";

export function applyStringKeywords(c: SchemaCompiler, s: Record<string, unknown>, loc: Loc): Node | undefined {
  const l = c.l;
  const parts: L[] = [];
  const count = (k: string): number | undefined => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) c.invalid(k, `${loc.ptr}/${k}`, "must be a non-negative integer");
    return v as number;
  };
  const minL = count("minLength");
  const maxL = count("maxLength");
  if (minL !== undefined || maxL !== undefined) {
    const lo = minL ?? 0;
    const hi = maxL ?? Infinity;
    if (lo > hi) return c.restrictScalar(c.STRING, l.EMPTY);
    if (hi !== Infinity && hi > 100_000) c.unsupported("maxLength", `${loc.ptr}/maxLength`, `maxLength ${hi} is too large to enforce (limit 100000)`);
    else if (lo > 100_000) c.unsupported("minLength", `${loc.ptr}/minLength`, `minLength ${lo} is too large to enforce (limit 100000)`);
    else parts.push(l.length(lo, hi));
  }
  if ("pattern" in s) {
    const p = s.pattern;
    if (typeof p !== "string") c.invalid("pattern", `${loc.ptr}/pattern`, "must be a string");
    const lang = patternLang(c, p as string, "pattern", `${loc.ptr}/pattern`);
    if (lang) parts.push(lang);
  }
  let numberFormat: Node | undefined;
  if (typeof s.format === "string" && c.opts.formats === "assert") {
    const f = s.format;
    if (NUMBER_FORMATS[f]) numberFormat = c.restrictScalar(c.n.NUMBER, NUMBER_FORMATS[f](c));
    else {
      const r = formatLanguage(c.l, f);
      if (r === "unsupported") c.unsupported("format", `${loc.ptr}/format`, `format '${f}' is not supported`);
      else if (r) parts.push(r);
    }
  }
  const str = parts.length ? c.restrictScalar(c.STRING, l.seq(l.lit('"'), l.and(...parts), l.lit('"'))) : undefined;
  if (str && numberFormat) return c.intersect(str, numberFormat, loc.ptr);
  return str ?? numberFormat;
}

export function patternLang(c: SchemaCompiler, p: string, keyword: string, ptr: string): L | undefined {
  try {
    return c.l.pattern(p, "u");
  } catch (e) {
    if (e instanceof RegexAnchorError) {
      c.unsupported(keyword, ptr, `${e.message} in /${p}/`);
      return undefined;
    }
    if (e instanceof GramfillError && e.code === "regex_unsupported") {
      c.unsupported(keyword, ptr, `${e.message} in /${p}/`);
      return undefined;
    }
    if (e instanceof GramfillError && e.code === "regex_syntax") {
      // ajv compiles patterns with the u flag too, so such a schema is invalid for it as well;
      // lenient mode drops the pattern (an over-approximation) instead of failing
      if (c.opts.mode === "lenient") {
        c.unsupported(keyword, ptr, `invalid regex /${p}/ (with the u flag): ${e.message}; pattern ignored`);
        return undefined;
      }
      c.invalid(keyword, ptr, `invalid regex /${p}/: ${e.message}`);
    }
    throw e;
  }
}
