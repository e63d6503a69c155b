/**
 * The canonical serializer: writes an instance in the form the schema's grammar accepts. Object
 * keys follow the fixed order of the object shape the value matches (named properties in
 * `properties` order, then the other keys in instance order), so the serializer first finds that
 * shape with `matches`, a validator over the compiled node form.
 */
import { GramfillError } from "../util/errors.js";
import type { SchemaCompiler } from "./compiler.js";
import { namedKeys, type FormOptions } from "./emit.js";
import type { ArrShape, Node, ObjShape } from "./node.js";
import { JsonNumber, numberText } from "./json-source.js";
import { isObject } from "./resolve.js";

export class NodeSerializer {
  private depth = 0;

  constructor(
    private readonly c: SchemaCompiler,
    private readonly form: FormOptions,
  ) {}

  private expand(n: Node, guard = 0): Node {
    if (n.refs.length === 0 || guard > 32) return n;
    return this.c.union([{ ...n, refs: [] }, ...n.refs.map((r) => this.expand(this.c.recursive.get(r)!, guard + 1))]);
  }

  /** does the value satisfy the node? (the node form's own validator) */
  matches(node: Node, v: unknown): boolean {
    if (node.top) return true;
    const n = this.expand(node);
    if (v instanceof JsonNumber) return this.c.l.matches(n.scalar, scalarText(v));
    if (Array.isArray(v)) return n.arrays.some((s) => this.arrayMatches(s, v));
    if (isObject(v)) return n.objects.some((s) => this.objectMatches(s, v));
    return this.c.l.matches(n.scalar, scalarText(v));
  }

  private objectMatches(s: ObjShape, v: Record<string, unknown>): boolean {
    const keys = Object.keys(v);
    if (keys.length < s.minProps || keys.length > s.maxProps) return false;
    if (!s.required.every((k) => Object.hasOwn(v, k))) return false;
    for (const [k, ks] of s.depRequired) if (Object.hasOwn(v, k) && !ks.every((x) => Object.hasOwn(v, x))) return false;
    for (const k of keys) {
      const vn = this.c.valueFor(s, k);
      if (!vn || !this.matches(vn, v[k])) return false;
    }
    for (const e of s.exists ?? []) {
      if (!keys.some((k) => this.c.l.matches(e.key, JSON.stringify(k)) && this.matches(e.value, v[k]))) return false;
    }
    return true;
  }

  private arrayMatches(s: ArrShape, v: unknown[]): boolean {
    if (v.length < s.min || v.length > s.max) return false;
    for (let i = 0; i < v.length; i++) if (!this.matches(s.prefix[i] ?? s.items, v[i])) return false;
    for (const c of s.contains) {
      const hits = v.filter((x) => this.matches(c.node, x)).length;
      if (hits < c.min || hits > c.max) return false;
    }
    return true;
  }

  write(node: Node | undefined, v: unknown, d = 0): string {
    if (++this.depth > 10_000) throw new GramfillError("input_invalid", "instance nested too deeply");
    try {
      const n = node ? this.expand(node) : undefined;
      if (Array.isArray(v)) {
        if (v.length === 0) return "[]";
        const shape = n?.arrays.find((s) => this.arrayMatches(s, v)) ?? n?.arrays[0];
        return this.wrap("[", "]", v.map((x, i) => this.write(shape ? (shape.prefix[i] ?? shape.items) : undefined, x, d + 1)), d);
      }
      if (isObject(v) && !(v instanceof JsonNumber)) {
        const keys = Object.keys(v);
        if (keys.length === 0) return "{}";
        const shape = n?.objects.find((s) => this.objectMatches(s, v)) ?? n?.objects[0];
        const named = shape && this.form.propertyOrder !== "any" ? namedKeys(shape).filter((k) => Object.hasOwn(v, k)) : [];
        const ordered = [...named, ...keys.filter((k) => !named.includes(k))];
        const colon = this.form.whitespace === "compact" ? ":" : ": ";
        return this.wrap("{", "}", ordered.map((k) => JSON.stringify(k) + colon + this.write(shape ? this.c.valueFor(shape, k) : undefined, v[k], d + 1)), d);
      }
      return scalarText(v);
    } finally {
      this.depth--;
    }
  }

  private wrap(open: string, close: string, items: string[], d: number): string {
    const sep = this.form.whitespace === "python" || this.form.whitespace === "flexible" ? ", " : ",";
    const nl = (k: number) => (this.form.whitespace === "pretty" ? "\n" + " ".repeat(this.form.indent * k) : "");
    return open + items.map((s, i) => (i === 0 ? nl(d + 1) : sep + nl(d + 1)) + s).join("") + nl(d) + close;
  }
}

/** numbers as plain decimals (a `JsonNumber` as spelled when that is one), strings as JSON.stringify writes them */
export function scalarText(v: unknown): string {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "number" || v instanceof JsonNumber) return numberText(v);
  if (typeof v === "string") return JSON.stringify(v);
  throw new GramfillError("input_invalid", `not a JSON value: ${typeof v}`);
}
