/** `type`, `const`, `enum`. */
import type { SchemaCompiler } from "../compiler.js";
import type { L } from "../lang.js";
import { anyArray, anyObject, type Node, type ObjShape } from "../node.js";
import { formatNumber, toDecimal } from "../numbers.js";
import { isObject, type Loc } from "../resolve.js";

const TYPES = ["null", "boolean", "object", "array", "number", "integer", "string"];

export function applyTypeKeywords(c: SchemaCompiler, s: Record<string, unknown>, loc: Loc): Node | undefined {
  const parts: Node[] = [];
  if ("type" in s) {
    const t = s.type;
    const list = typeof t === "string" ? [t] : Array.isArray(t) ? t : undefined;
    if (!list || list.some((x) => typeof x !== "string" || !TYPES.includes(x))) {
      c.invalid("type", loc.ptr + "/type", `must be one of ${TYPES.join(", ")} or an array of them`);
    }
    parts.push(typeNode(c, list as string[]));
  }
  if ("const" in s) parts.push(valueNode(c, s.const, loc.ptr + "/const"));
  if ("enum" in s) {
    if (!Array.isArray(s.enum)) c.invalid("enum", loc.ptr + "/enum", "must be an array");
    parts.push(enumNode(c, s.enum as unknown[], loc.ptr + "/enum"));
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : c.intersectAll(parts, loc.ptr);
}

export function typeNode(c: SchemaCompiler, types: string[]): Node {
  const l = c.l;
  const sc: L[] = [];
  if (types.includes("null")) sc.push(l.lit("null"));
  if (types.includes("boolean")) sc.push(l.lit("true"), l.lit("false"));
  if (types.includes("number")) sc.push(c.n.NUMBER);
  else if (types.includes("integer")) sc.push(c.n.INTEGER);
  if (types.includes("string")) sc.push(c.STRING);
  const node: Node = {
    scalar: l.or(...sc),
    objects: types.includes("object") ? [anyObject()] : [],
    arrays: types.includes("array") ? [anyArray(c.TOP)] : [],
    refs: [],
  };
  // null and boolean are finite value sets (uniqueItems over them is exact)
  if (types.every((t) => t === "null" || t === "boolean")) node.values = [...(types.includes("null") ? [null] : []), ...(types.includes("boolean") ? [true, false] : [])];
  return node;
}

/** all spellings of one number value */
export function numberLiteral(c: SchemaCompiler, x: number): L {
  const l = c.l;
  const d = toDecimal(x);
  const zeros1 = l.repeat(l.lit("0"), 1, Infinity);
  if (d.int === "0" && d.frac === "") return l.seq(l.opt(l.lit("-")), l.lit("0"), l.opt(l.seq(l.lit("."), zeros1)));
  const head = (d.neg ? "-" : "") + d.int;
  if (d.frac === "") return l.seq(l.lit(head), l.opt(l.seq(l.lit("."), zeros1)));
  return l.seq(l.lit(head + "." + d.frac), l.repeat(l.lit("0"), 0, Infinity));
}

export function valueNode(c: SchemaCompiler, v: unknown, ptr: string): Node {
  const l = c.l;
  if (v === null) return { ...c.scalarNode(l.lit("null")), values: [v] };
  if (v === true) return { ...c.scalarNode(l.lit("true")), values: [v] };
  if (v === false) return { ...c.scalarNode(l.lit("false")), values: [v] };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) c.invalid("const", ptr, "not a finite number");
    return { ...c.scalarNode(numberLiteral(c, v)), values: [v] };
  }
  if (typeof v === "string") return { ...c.scalarNode(l.seq(l.lit('"'), l.exactString(v), l.lit('"'))), values: [v] };
  if (Array.isArray(v)) {
    const prefix = v.map((x, i) => valueNode(c, x, `${ptr}/${i}`));
    return { scalar: l.EMPTY, objects: [], arrays: [{ prefix, items: c.NEVER, min: v.length, max: v.length, contains: [], unique: false }], refs: [] };
  }
  if (isObject(v)) {
    const keys = Object.keys(v);
    const shape: ObjShape = {
      ...anyObject(),
      rules: keys.map((k) => c.keyRule(k, valueNode(c, v[k], `${ptr}/${k}`))),
      order: keys,
      required: keys,
    };
    const names = l.or(...keys.map((k) => c.quotedName(k)));
    shape.rules.push({ key: l.minus(c.STRING, names), value: c.NEVER });
    return { scalar: l.EMPTY, objects: [shape], arrays: [], refs: [] };
  }
  return c.invalid("const", ptr, "not a JSON value");
}

/** a language of many literal strings as a trie (one `or` of thousands of literals is slow to build) */
export function trieLang(l: SchemaCompiler["l"], strings: string[]): L {
  const build = (list: string[]): L => {
    if (list.length <= 8) return l.or(...list.map((x) => (x === "" ? l.EPS : l.lit(x))));
    let lcp = list[0]!;
    for (const x of list) {
      let i = 0;
      while (i < lcp.length && i < x.length && lcp[i] === x[i]) i++;
      lcp = lcp.slice(0, i);
      if (!lcp) break;
    }
    if (lcp) return l.seq(l.lit(lcp), build(list.map((x) => x.slice(lcp.length))));
    const groups = new Map<string, string[]>();
    const alts: L[] = [];
    for (const x of list) {
      if (x === "") {
        alts.push(l.EPS);
        continue;
      }
      const ch = String.fromCodePoint(x.codePointAt(0)!);
      let g = groups.get(ch);
      if (!g) groups.set(ch, (g = []));
      g.push(x.slice(ch.length));
    }
    for (const [ch, rest] of groups) alts.push(l.seq(l.lit(ch), build(rest)));
    return l.or(...alts);
  };
  return build([...new Set(strings)].sort());
}

/** scalar values (no objects/arrays) as one language, built as tries when there are many */
function manyScalars(c: SchemaCompiler, values: unknown[], ptr: string): L {
  const l = c.l;
  const strings: string[] = [];
  const ints: string[] = [];
  const decs: string[] = [];
  const rest: L[] = [];
  values.forEach((v, i) => {
    if (typeof v === "string" && !/[\/\u0000-\u001f]/.test(v)) strings.push(l.encodeString(v));
    else if (typeof v === "number" && Number.isFinite(v) && v !== 0) {
      const t = formatNumber(v);
      (t.includes(".") ? decs : ints).push(t);
    } else rest.push(valueNode(c, v, `${ptr}/${i}`).scalar);
  });
  const zeros1 = l.repeat(l.lit("0"), 1, Infinity);
  if (strings.length) rest.push(l.seq(l.lit('"'), trieLang(l, strings), l.lit('"')));
  if (ints.length) rest.push(l.seq(trieLang(l, ints), l.opt(l.seq(l.lit("."), zeros1))));
  if (decs.length) rest.push(l.seq(trieLang(l, decs), l.repeat(l.lit("0"), 0, Infinity)));
  return l.or(...rest);
}

export function enumNode(c: SchemaCompiler, values: unknown[], ptr: string): Node {
  if (values.length > 64 && values.every((v) => v === null || typeof v !== "object")) {
    return { ...c.scalarNode(manyScalars(c, values, ptr)), values: [...new Set(values)] };
  }
  const scalars: L[] = [];
  const scalarValues: unknown[] = [];
  const others: Node[] = [];
  values.forEach((v, i) => {
    const n = valueNode(c, v, `${ptr}/${i}`);
    if (n.objects.length === 0 && n.arrays.length === 0) {
      scalars.push(n.scalar);
      if (!scalarValues.some((x) => x === v)) scalarValues.push(v);
    } else others.push(n);
  });
  const scalarPart: Node = { ...c.scalarNode(c.l.or(...scalars)), values: scalarValues };
  return others.length ? c.union([scalarPart, ...others]) : scalarPart;
}
