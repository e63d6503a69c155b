/**
 * The JSON Schema compiler's core: walks a schema, asks each keyword family (src/schema/vocab/*)
 * for the constraint it adds, and intersects them into one `Node` (node.ts). The algebra
 * (intersection, union, complement, disjointness) lives here.
 */
import { GramfillError, isGramfillError } from "../util/errors.js";
import { Langs, type L } from "./lang.js";
import { anyArray, anyObject, isAnyArray, isAnyObject, type ArrShape, type KeyRule, type Node, type ObjShape } from "./node.js";
import { NumberLangs } from "./numbers.js";
import { scalarText } from "./serialize.js";
import { isObject, Registry, type Draft, type Loc } from "./resolve.js";
import { applyTypeKeywords } from "./vocab/type.js";
import { applyNumberKeywords } from "./vocab/number.js";
import { applyStringKeywords } from "./vocab/string.js";
import { applyObjectKeywords } from "./vocab/object.js";
import { applyArrayKeywords } from "./vocab/array.js";
import { applyCombinators } from "./vocab/combinators.js";
import { applyRefs } from "./vocab/ref.js";

export type SchemaMode = "strict" | "lenient";

export interface SchemaWarning {
  keyword: string;
  pointer: string;
  message: string;
}

export interface CompilerOptions {
  mode: SchemaMode;
  /** "assert": known formats are enforced; "ignore": formats are annotations */
  formats: "assert" | "ignore";
  defaultDraft: Draft;
  /** performance.now() after which compiling gives up with a `timeout` error naming the keyword and pointer */
  deadline?: number;
  /** keywords beside `$ref` in drafts 4–7: ignored as the spec says ("spec", default) or also applied ("intersect") */
  refSiblings?: RefSiblings;
}

/**
 * Drafts 4–7 say keywords beside `$ref` are ignored (Python's jsonschema follows); ajv 8 applies
 * them. "spec" compiles the spec's language (for checking against the spec and its test suite);
 * "intersect" compiles `$ref` ∩ siblings, a subset of both readings, so that every generated
 * output validates under either (for generation).
 */
export type RefSiblings = "spec" | "intersect";

const MAX_SHAPES = 64;

export class SchemaCompiler {
  readonly l = new Langs();
  readonly n = new NumberLangs(this.l);
  readonly warnings: SchemaWarning[] = [];
  /** the scalar universe: null, true, false, numbers, strings */
  readonly S_UNIV: L;
  readonly STRING: L;
  readonly TOP: Node;
  readonly NEVER: Node;
  /** rule name → node, for recursive locations */
  readonly recursive = new Map<string, Node>();
  private readonly memo = new Map<string, Node>();
  private readonly inProgress = new Map<string, { rule: string; used: boolean }>();
  private ruleCount = 0;
  /** dynamic scope: resource URIs entered, outermost first */
  readonly dynamicScope: string[] = [];
  depth = 0;
  /** the schema uses unevaluated*: anyOf keeps the annotations of every combination of valid branches */
  trackEvaluated = false;

  constructor(
    readonly registry: Registry,
    readonly opts: CompilerOptions,
  ) {
    const l = this.l;
    this.STRING = l.seq(l.lit('"'), l.CONTENT, l.lit('"'));
    this.S_UNIV = l.or(l.lit("null"), l.lit("true"), l.lit("false"), this.n.NUMBER, this.STRING);
    const top: Node = { scalar: this.S_UNIV, objects: [anyObject()], arrays: [], refs: [], top: true };
    top.arrays.push(anyArray(top));
    this.TOP = top;
    this.NEVER = { scalar: l.EMPTY, objects: [], arrays: [], refs: [] };
  }

  /** strict: throw; lenient: record a warning (the caller then over-approximates) */
  unsupported(keyword: string, pointer: string, reason: string): void {
    if (this.opts.mode === "strict") {
      throw new GramfillError("schema_unsupported", `${keyword}: ${reason}`, { pointer: pointer || "/" });
    }
    this.warnings.push({ keyword, pointer: pointer || "/", message: reason });
  }

  /** the time budget ran out while compiling the schema at `pointer` */
  outOfTime(pointer: string): never {
    throw new GramfillError("timeout", `${keywordOf(pointer)}: compiling this schema exceeded the time budget`, { pointer: pointer || "/" });
  }

  invalid(keyword: string, pointer: string, reason: string): never {
    throw new GramfillError("schema_invalid", `${keyword}: ${reason}`, { pointer: pointer || "/" });
  }

  // ---- building nodes ---------------------------------------------------------------------------

  /** scalar-only node */
  scalarNode(s: L): Node {
    return { scalar: s, objects: [], arrays: [], refs: [] };
  }

  /** a constraint on one scalar type (`domain`), everything else allowed */
  restrictScalar(domain: L, allowed: L): Node {
    return {
      scalar: this.l.or(this.l.minus(this.S_UNIV, domain), this.l.and(domain, allowed)),
      objects: this.TOP.objects,
      arrays: this.TOP.arrays,
      refs: [],
    };
  }

  objectsOnly(shapes: ObjShape[], keepOthers = true): Node {
    return { scalar: keepOthers ? this.S_UNIV : this.l.EMPTY, objects: shapes, arrays: keepOthers ? this.TOP.arrays : [], refs: [] };
  }

  arraysOnly(shapes: ArrShape[], keepOthers = true): Node {
    return { scalar: keepOthers ? this.S_UNIV : this.l.EMPTY, objects: keepOthers ? this.TOP.objects : [], arrays: shapes, refs: [] };
  }

  isEmptyNode(n: Node): boolean {
    return n.refs.length === 0 && n.objects.length === 0 && n.arrays.length === 0 && this.l.isEmpty(n.scalar);
  }

  // ---- algebra ----------------------------------------------------------------------------------

  union(nodes: Node[]): Node {
    const live = nodes.filter((n) => !this.isEmptyNode(n));
    if (live.length === 0) return this.NEVER;
    if (live.length === 1) return live[0]!;
    const top = live.find((n) => n.top);
    if (top && !this.trackEvaluated) return top;
    return {
      scalar: this.l.or(...live.map((n) => n.scalar)),
      objects: dedupe(live.flatMap((n) => n.objects)),
      arrays: dedupe(live.flatMap((n) => n.arrays)),
      refs: [...new Set(live.flatMap((n) => n.refs))],
    };
  }

  private nodeIds = new WeakMap<Node, number>();
  private nextNodeId = 0;
  private readonly opMemo = new Map<string, Node>();
  private readonly opInProgress = new Map<string, { rule: string; used: boolean }>();

  nodeId(n: Node): number {
    let id = this.nodeIds.get(n);
    if (id === undefined) this.nodeIds.set(n, (id = ++this.nextNodeId));
    return id;
  }

  /**
   * Memoized node operations. Operations on recursive nodes recurse into themselves (the
   * intersection of two trees is a tree); a call that meets itself returns a reference to a new
   * recursive rule, which keeps results finite and lets the emitter share rules.
   */
  private memoOp(key: string, f: () => Node): Node {
    const known = this.opMemo.get(key);
    if (known) return known;
    const pending = this.opInProgress.get(key);
    if (pending) {
      pending.used = true;
      return { scalar: this.l.EMPTY, objects: [], arrays: [], refs: [pending.rule] };
    }
    const entry = { rule: `op_${++this.ruleCount}`, used: false };
    this.opInProgress.set(key, entry);
    let node: Node;
    try {
      node = f();
    } finally {
      this.opInProgress.delete(key);
    }
    if (entry.used) {
      this.recursive.set(entry.rule, node);
      node = { scalar: this.l.EMPTY, objects: [], arrays: [], refs: [entry.rule] };
    }
    this.opMemo.set(key, node);
    return node;
  }

  intersect(a: Node, b: Node, ptr: string): Node {
    if (a.top || a === b) return b;
    if (b.top) return a;
    if (this.isEmptyNode(a) || this.isEmptyNode(b)) return this.NEVER;
    const ia = this.nodeId(a);
    const ib = this.nodeId(b);
    return this.memoOp(`&${Math.min(ia, ib)},${Math.max(ia, ib)}`, () => this.intersectNow(a, b, ptr));
  }

  private intersectNow(a: Node, b: Node, ptr: string): Node {
    if (a.refs.length > 0 || b.refs.length > 0) {
      const ea = this.expandRefs(a, ptr);
      const eb = this.expandRefs(b, ptr);
      // lenient, reference still being compiled: keep the side with the reference (over-approximation)
      if (!ea) return a;
      if (!eb) return b;
      a = ea;
      b = eb;
    }
    const objects: ObjShape[] = [];
    for (const x of a.objects) for (const y of b.objects) {
      const m = this.mergeObj(x, y, ptr);
      if (m) objects.push(m);
    }
    const arrays: ArrShape[] = [];
    for (const x of a.arrays) for (const y of b.arrays) {
      const m = this.mergeArr(x, y, ptr);
      if (m) arrays.push(m);
    }
    if (objects.length > MAX_SHAPES || arrays.length > MAX_SHAPES) this.unsupported("allOf", ptr, "intersection has too many alternatives");
    const out: Node = { scalar: this.l.and(a.scalar, b.scalar), objects, arrays, refs: [] };
    // a finite value set stays finite: keep the values the other side allows
    const vals = a.values ?? b.values;
    if (vals && objects.length === 0 && arrays.length === 0) {
      const other = a.values ? b : a;
      out.values = vals.filter((v) => (other.values ? other.values.includes(v) : this.l.matches(other.scalar, scalarText(v))));
    }
    return out;
  }

  intersectAll(nodes: Node[], ptr: string): Node {
    let acc = this.TOP;
    for (const n of nodes) {
      acc = this.intersect(acc, n, ptr);
      if (this.isEmptyNode(acc)) return this.NEVER;
    }
    return acc;
  }

  /** a node with recursive references replaced by the referenced node; undefined (lenient) when one is still being compiled */
  private expandRefs(n: Node, ptr: string, keyword = "$ref"): Node | undefined {
    if (n.refs.length === 0) return n;
    const parts: Node[] = [{ ...n, refs: [] }];
    for (const r of n.refs) {
      const target = this.recursive.get(r);
      if (!target) {
        this.unsupported(keyword, ptr, "combining (allOf, not, sibling keywords) a recursive reference with the schema that contains it");
        return undefined;
      }
      parts.push(target);
    }
    return this.union(parts);
  }

  mergeObj(a: ObjShape, b: ObjShape, ptr: string): ObjShape | undefined {
    if (isAnyObject(a)) return b;
    if (isAnyObject(b)) return a;
    void ptr;
    const out: ObjShape = {
      rules: [...a.rules, ...b.rules],
      order: [...a.order, ...b.order.filter((k) => !a.order.includes(k))],
      required: [...new Set([...a.required, ...b.required])],
      minProps: Math.max(a.minProps, b.minProps),
      maxProps: Math.min(a.maxProps, b.maxProps),
      names: a.names && b.names ? this.l.and(a.names, b.names) : (a.names ?? b.names),
      depRequired: [...a.depRequired, ...b.depRequired],
      exists: a.exists || b.exists ? [...(a.exists ?? []), ...(b.exists ?? [])] : undefined,
      evaluated: a.evaluated && b.evaluated ? this.l.or(a.evaluated, b.evaluated) : (a.evaluated ?? b.evaluated),
    };
    return this.objShapeEmpty(out) ? undefined : out;
  }

  /** the value node for key `k` in a shape, or undefined when the key cannot occur */
  valueFor(s: ObjShape, k: string): Node | undefined {
    const enc = JSON.stringify(k);
    if (s.names && !this.l.matches(s.names, enc)) return undefined;
    const vs: Node[] = [];
    for (const r of s.rules) if (r.name === k || (r.name === undefined && this.l.matches(r.key, enc))) vs.push(r.value);
    const v = vs.length === 0 ? this.TOP : vs.length === 1 ? vs[0]! : this.intersectAll(vs, "");
    return this.isEmptyNode(v) ? undefined : v;
  }

  objShapeEmpty(s: ObjShape): boolean {
    if (s.minProps > s.maxProps) return true;
    if (s.required.length > s.maxProps) return true;
    for (const k of s.required) if (!this.valueFor(s, k)) return true;
    return false;
  }

  mergeArr(a: ArrShape, b: ArrShape, ptr: string): ArrShape | undefined {
    if (isAnyArray(a)) return b;
    if (isAnyArray(b)) return a;
    const n = Math.max(a.prefix.length, b.prefix.length);
    const prefix: Node[] = [];
    for (let i = 0; i < n; i++) prefix.push(this.intersect(a.prefix[i] ?? a.items, b.prefix[i] ?? b.items, ptr));
    const out: ArrShape = {
      prefix,
      items: this.intersect(a.items, b.items, ptr),
      min: Math.max(a.min, b.min),
      max: Math.min(a.max, b.max),
      contains: [...a.contains, ...b.contains],
      unique: a.unique || b.unique,
      evaluated: Math.max(a.evaluated ?? 0, b.evaluated ?? 0),
      ptr: a.ptr ?? b.ptr,
    };
    return this.arrShapeEmpty(out) ? undefined : out;
  }

  arrShapeEmpty(s: ArrShape): boolean {
    if (s.min > s.max) return true;
    // positions that must exist must be satisfiable; past the first impossible position the array must end
    let limit = Infinity;
    for (let i = 0; i < s.prefix.length; i++) {
      if (this.isEmptyNode(s.prefix[i]!)) {
        limit = i;
        break;
      }
    }
    if (limit === Infinity && this.isEmptyNode(s.items)) limit = s.prefix.length;
    if (s.min > limit) return true;
    for (const c of s.contains) if (c.min > 0 && (limit === 0 || c.min > Math.min(limit, s.max))) return true;
    return false;
  }

  /** complement within all JSON values; exact or reported */
  complement(a: Node, ptr: string, keyword = "not"): Node {
    if (a.top) return this.NEVER;
    return this.memoOp(`!${this.nodeId(a)}`, () => this.complementNow(a, ptr, keyword));
  }

  private complementNow(a: Node, ptr: string, keyword: string): Node {
    if (a.refs.length > 0) {
      const e = this.expandRefs(a, ptr, keyword);
      if (!e) return this.TOP; // lenient: no constraint
      a = e;
    }
    const scalar = this.l.minus(this.S_UNIV, a.scalar);
    let objects: ObjShape[];
    if (a.objects.length === 0) objects = this.TOP.objects;
    else if (a.objects.some(isAnyObject)) objects = [];
    else {
      let acc: ObjShape[] = [anyObject()];
      for (const s of a.objects) {
        const c = this.complementObj(s, ptr, keyword);
        const next: ObjShape[] = [];
        for (const x of acc) for (const y of c) {
          const m = this.mergeObj(x, y, ptr);
          if (m) next.push(m);
        }
        acc = next;
        if (acc.length > MAX_SHAPES) {
          this.unsupported(keyword, ptr, "complement has too many alternatives");
          acc = [anyObject()]; // lenient: any object
          break;
        }
      }
      objects = acc;
    }
    let arrays: ArrShape[];
    if (a.arrays.length === 0) arrays = this.TOP.arrays;
    else if (a.arrays.some(isAnyArray)) arrays = [];
    else {
      let acc: ArrShape[] = [anyArray(this.TOP)];
      for (const s of a.arrays) {
        const c = this.complementArr(s, ptr, keyword);
        const next: ArrShape[] = [];
        for (const x of acc) for (const y of c) {
          const m = this.mergeArr(x, y, ptr);
          if (m) next.push(m);
        }
        acc = next;
      }
      arrays = acc;
    }
    return { scalar, objects, arrays, refs: [] };
  }

  /** objects NOT matching the shape: a required key missing, or a named key with a bad value */
  private complementObj(s: ObjShape, ptr: string, keyword: string): ObjShape[] {
    const out: ObjShape[] = [];
    // a key rule is broken by some key of its key set with a value outside its value set
    for (const r of s.rules) {
      if (r.name !== undefined || r.value.top) continue;
      const bad = this.complement(r.value, ptr, keyword);
      if (!this.isEmptyNode(bad)) out.push({ ...anyObject(), exists: [{ key: r.key, value: bad }] });
    }
    if (s.names) out.push({ ...anyObject(), exists: [{ key: this.l.minus(this.STRING, s.names), value: this.TOP }] });
    for (const [k, ks] of s.depRequired) for (const d of ks) out.push({ ...this.forbidKey(d), required: [k], order: [k] });
    // "some key in K has a value in V" is broken when every key in K has a value outside V
    for (const e of s.exists ?? []) out.push({ ...anyObject(), rules: [{ key: e.key, value: this.complement(e.value, ptr, keyword) }] });
    for (const k of s.required) out.push(this.forbidKey(k));
    const named = new Set(s.rules.filter((r) => r.name !== undefined && !r.value.top).map((r) => r.name!));
    for (const k of named) {
      const v = this.valueFor(s, k) ?? this.NEVER;
      const bad = this.complement(v, ptr, keyword);
      if (this.isEmptyNode(bad)) continue;
      out.push({ ...anyObject(), rules: [this.keyRule(k, bad)], order: [k], required: [k] });
    }
    if (s.minProps > 0) out.push({ ...anyObject(), maxProps: s.minProps - 1 });
    if (s.maxProps < Infinity) out.push({ ...anyObject(), minProps: s.maxProps + 1 });
    return out;
  }

  forbidKey(k: string): ObjShape {
    return { ...anyObject(), rules: [this.keyRule(k, this.NEVER)], order: [] };
  }

  private complementArr(s: ArrShape, ptr: string, keyword: string): ArrShape[] {
    const out: ArrShape[] = [];
    const simple = s.contains.length === 0 && !s.unique;
    if (!simple) {
      this.unsupported(keyword, ptr, "negation of an array schema with contains or uniqueItems");
      return [anyArray(this.TOP)]; // lenient: any array
    }
    if (s.min > 0) out.push({ ...anyArray(this.TOP), max: s.min - 1 });
    if (s.max < Infinity) out.push({ ...anyArray(this.TOP), min: s.max + 1 });
    // some position holds a bad item
    for (let i = 0; i < s.prefix.length; i++) {
      const bad = this.complement(s.prefix[i]!, ptr, keyword);
      if (this.isEmptyNode(bad)) continue;
      const prefix = Array.from({ length: i + 1 }, (_, j) => (j === i ? bad : this.TOP));
      out.push({ ...anyArray(this.TOP), prefix, min: i + 1 });
    }
    if (!s.items.top) {
      const bad = this.complement(s.items, ptr, keyword);
      if (!this.isEmptyNode(bad)) {
        // at least one item after the prefix is bad: contains(bad) over the tail
        if (s.prefix.length > 0) {
          this.unsupported(keyword, ptr, "negation of items after prefixItems");
          out.push(anyArray(this.TOP)); // lenient: any array
        } else out.push({ ...anyArray(this.TOP), contains: [{ node: bad, min: 1, max: Infinity }] });
      }
    }
    return out;
  }

  /** can no value satisfy both? (sound: false when unsure) */
  disjoint(a: Node, b: Node, depth = 0): boolean {
    if (a.refs.length || b.refs.length || a.top || b.top || depth > 8) return false;
    if (!this.l.isEmpty(this.l.and(a.scalar, b.scalar))) return false;
    for (const x of a.objects) for (const y of b.objects) if (!this.objDisjoint(x, y, depth)) return false;
    for (const x of a.arrays) for (const y of b.arrays) if (!this.arrDisjoint(x, y, depth)) return false;
    return true;
  }

  /** a superset of the keys (JSON string texts) an object of the shape can have */
  private allowedKeys(s: ObjShape): L {
    const l = this.l;
    const never = s.rules.filter((r) => this.isEmptyNode(r.value)).map((r) => r.key);
    let keys = never.length ? l.minus(this.STRING, l.or(...never)) : this.STRING;
    if (s.names) keys = l.and(keys, s.names);
    return keys;
  }

  private objDisjoint(x: ObjShape, y: ObjShape, depth: number): boolean {
    if (Math.max(x.minProps, y.minProps) > Math.min(x.maxProps, y.maxProps)) return true;
    // no key fits both, and one of them has no empty object
    const nonEmpty = (s: ObjShape) => s.required.length > 0 || s.minProps > 0;
    if ((nonEmpty(x) || nonEmpty(y)) && this.l.isEmpty(this.l.and(this.allowedKeys(x), this.allowedKeys(y)))) return true;
    const check = (p: ObjShape, q: ObjShape) => {
      for (const k of p.required) {
        const vq = this.valueFor(q, k);
        if (!vq) return true;
        const vp = this.valueFor(p, k);
        if (!vp || this.disjoint(vp, vq, depth + 1)) return true;
      }
      return false;
    };
    return check(x, y) || check(y, x);
  }

  private arrDisjoint(x: ArrShape, y: ArrShape, depth: number): boolean {
    if (Math.max(x.min, y.min) > Math.min(x.max, y.max)) return true;
    const n = Math.min(x.min, y.min);
    for (let i = 0; i < n; i++) if (this.disjoint(x.prefix[i] ?? x.items, y.prefix[i] ?? y.items, depth + 1)) return true;
    return false;
  }

  // ---- conversion -------------------------------------------------------------------------------

  convert(loc: Loc): Node {
    const s = loc.schema;
    if (s === true) return this.TOP;
    if (s === false) return this.NEVER;
    if (!isObject(s)) this.invalid("schema", loc.ptr, `a schema must be an object or a boolean, not ${JSON.stringify(s)?.slice(0, 40)}`);
    const key = this.memoKey(loc);
    const known = this.memo.get(key);
    if (known) return known;
    const pending = this.inProgress.get(key);
    if (pending) {
      pending.used = true;
      return { scalar: this.l.EMPTY, objects: [], arrays: [], refs: [pending.rule] };
    }
    if (++this.depth > 400) this.invalid("schema", loc.ptr, "schema nested too deeply (more than 400 levels)");
    if (this.opts.deadline !== undefined && performance.now() > this.opts.deadline) this.outOfTime(loc.ptr);
    const entry = { rule: `def_${++this.ruleCount}`, used: false };
    this.inProgress.set(key, entry);
    const base = this.registry.baseOf(loc);
    const here: Loc = { ...loc, base };
    const newScope = this.dynamicScope[this.dynamicScope.length - 1] !== base;
    if (newScope) this.dynamicScope.push(base);
    let node: Node;
    try {
      node = this.convertObject(s, here);
    } catch (e) {
      // a budget that ran out deep inside (an emptiness search): name the innermost schema
      if (isGramfillError(e) && e.code === "timeout" && e.location?.pointer === undefined) this.outOfTime(loc.ptr);
      throw e;
    } finally {
      if (newScope) this.dynamicScope.pop();
      this.inProgress.delete(key);
      this.depth--;
    }
    if (entry.used) {
      this.recursive.set(entry.rule, node);
      node = { scalar: this.l.EMPTY, objects: [], arrays: [], refs: [entry.rule] };
    }
    this.memo.set(key, node);
    return node;
  }

  private memoKey(loc: Loc): string {
    // results depend on the dynamic scope only through resources with dynamic anchors
    const dyn = [...new Set(this.dynamicScope.filter((u) => this.registry.dynamicAnchors.has(u)))].join(" ");
    return `${loc.doc}#${loc.ptr}|${loc.draft}|${dyn}`;
  }

  private convertObject(s: Record<string, unknown>, loc: Loc): Node {
    const parts: Node[] = [];
    const legacyRef = typeof s.$ref === "string" && (loc.draft === "draft4" || loc.draft === "draft6" || loc.draft === "draft7") && this.opts.refSiblings !== "intersect";
    const families = legacyRef ? [applyRefs] : [applyRefs, applyTypeKeywords, applyNumberKeywords, applyStringKeywords, applyObjectKeywords, applyArrayKeywords, applyCombinators];
    for (const f of families) {
      const n = f(this, s, loc);
      if (n) {
        parts.push(n);
        if (this.isEmptyNode(n)) return this.NEVER;
      }
    }
    let node = parts.length === 1 ? parts[0]! : this.intersectAll(parts, loc.ptr);
    if (!legacyRef && loc.draft !== "draft4" && loc.draft !== "draft6" && loc.draft !== "draft7") node = this.applyUnevaluated(s, loc, node);
    return node;
  }

  /** unevaluatedProperties / unevaluatedItems, after all in-place applicators are merged */
  private applyUnevaluated(s: Record<string, unknown>, loc: Loc, node: Node): Node {
    const l = this.l;
    if ("unevaluatedProperties" in s && node.objects.length > 0) {
      const u = this.sub(loc, s.unevaluatedProperties, "/unevaluatedProperties");
      if (node.refs.length) {
        const e = this.expandRefs(node, loc.ptr, "unevaluatedProperties");
        if (!e) return node; // lenient: not applied
        node = e;
      }
      const objects = node.objects.map((sh) => {
        const rest = sh.evaluated ? l.minus(this.STRING, sh.evaluated) : this.STRING;
        const rules = u.top || l.isEmpty(rest) ? sh.rules : [...sh.rules, { key: rest, value: u }];
        return { ...sh, rules, evaluated: this.STRING };
      });
      node = { ...node, top: undefined, objects: objects.filter((sh) => !this.objShapeEmpty(sh)) };
    }
    if ("unevaluatedItems" in s && node.arrays.length > 0) {
      const u = this.sub(loc, s.unevaluatedItems, "/unevaluatedItems");
      if (node.refs.length) {
        const e = this.expandRefs(node, loc.ptr, "unevaluatedItems");
        if (!e) return node; // lenient: not applied
        node = e;
      }
      const arrays = node.arrays.map((sh) => {
        const ev = sh.evaluated ?? 0;
        if (ev === Infinity || u.top) return { ...sh, evaluated: Infinity };
        const ok = this.union([u, ...sh.contains.map((c) => c.node)]);
        const prefix = sh.prefix.map((p, i) => (i >= ev ? this.intersect(p, ok, loc.ptr) : p));
        return { ...sh, prefix, items: this.intersect(sh.items, ok, loc.ptr), evaluated: Infinity };
      });
      node = { ...node, top: undefined, arrays: arrays.filter((sh) => !this.arrShapeEmpty(sh)) };
    }
    return node;
  }

  /** converts a subschema at `loc.ptr + suffix` */
  sub(loc: Loc, schema: unknown, suffix: string): Node {
    return this.convert({ schema, base: loc.base, ptr: loc.ptr + suffix, doc: loc.doc, draft: isObject(schema) && typeof schema.$schema === "string" ? loc.draft : loc.draft });
  }

  /** all spellings of one key, with its quotes */
  quotedName(name: string): L {
    let q = this.quoted.get(name);
    if (!q) this.quoted.set(name, (q = this.l.seq(this.l.lit('"'), this.l.exactString(name), this.l.lit('"'))));
    return q;
  }
  private readonly quoted = new Map<string, L>();

  keyRule(name: string, value: Node): KeyRule {
    return { key: this.quotedName(name), name, value };
  }
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** the keyword a schema pointer ends in (`/properties/a/allOf/0` → allOf; the root → schema) */
function keywordOf(pointer: string): string {
  const parts = pointer.split("/").slice(1);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (/^\d+$/.test(p)) continue;
    // the segment after properties/$defs/... is a name, the one before it the keyword
    const prev = parts[i - 1];
    if (prev !== undefined && NAMED_CHILDREN.has(prev)) return prev;
    return p;
  }
  return "schema";
}

const NAMED_CHILDREN = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]);
