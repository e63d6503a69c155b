/**
 * Node (node.ts) → Grammar IR. Objects are chains over their named keys in `properties` order
 * (optional keys skippable, a count state when min/maxProperties apply) followed by any number of
 * other keys from the key regions (keys matching the same set of patternProperties /
 * additionalProperties rules); arrays are chains over positions with a `contains` counter.
 * Whitespace is part of the punctuation terminals, so no terminal ever needs to end where a longer
 * match could continue (numbers are only ever followed by `,` `]` `}` or whitespace).
 */
import type { Grammar, RuleDef, RuleExpr, TermExpr, TerminalDef } from "../grammar/ir.js";
import { GramfillError } from "../util/errors.js";
import type { SchemaCompiler } from "./compiler.js";
import type { L } from "./lang.js";
import type { ArrShape, Node, ObjShape } from "./node.js";
import { scalarText } from "./serialize.js";
import { numberLiteral } from "./vocab/type.js";

export type Whitespace = "compact" | "python" | "pretty" | "flexible";

export interface FormOptions {
  whitespace: Whitespace;
  /** "schema": named properties in `properties` order (default); "any": in any order (≤ 10 named keys) */
  propertyOrder: "schema" | "any";
  /** pretty: spaces per level (default 2) */
  indent: number;
  /** flexible: longest whitespace run between two tokens (default 20) */
  maxWhitespace: number;
  /** pretty: indentation makes nesting depth part of the grammar, so it is bounded (default 16) */
  prettyMaxDepth: number;
}

const MAX_REGION_RULES = 8;
const MAX_STATES = 20_000;
/** states of a uniqueItems array over a finite value set (sets of values used so far) */
const MAX_UNIQUE_STATES = 4096;

const seq = (...items: RuleExpr[]): RuleExpr => (items.length === 1 ? items[0]! : { type: "seq", items });
const alt = (...alts: RuleExpr[]): RuleExpr => (alts.length === 1 ? alts[0]! : { type: "alt", alts });
const EPS: RuleExpr = { type: "seq", items: [] };
const NOTHING: RuleExpr = { type: "alt", alts: [] };
/** free key sets up to this size are listed, so objects never need more of them than exist */
const MAX_LISTED_KEYS = 512;

export class Emitter {
  readonly rules: RuleDef[] = [];
  readonly terminals: TerminalDef[] = [];
  private readonly termByKey = new Map<string, string>();
  private readonly ruleByNode = new Map<Node, Map<number, string>>();
  private ruleCount = 0;
  private states = 0;

  constructor(
    private readonly c: SchemaCompiler,
    private readonly form: FormOptions,
  ) {}

  private get pretty(): boolean {
    return this.form.whitespace === "pretty";
  }

  // ---- terminals ----------------------------------------------------------------------------

  private terminal(key: string, name: string, expr: TermExpr): RuleExpr {
    let n = this.termByKey.get(key);
    if (!n) {
      n = this.termByKey.has(name) || this.terminals.some((t) => t.name === name) ? `${name}_${this.terminals.length}` : name;
      this.termByKey.set(key, n);
      this.terminals.push({ name: n, expr });
    }
    return { type: "terminal", name: n };
  }

  private ws(): TermExpr {
    return { type: "repeat", expr: { type: "charset", ranges: [[9, 10], [13, 13], [32, 32]] }, min: 0, max: this.form.maxWhitespace };
  }

  /** punctuation with the whitespace of the output form around it */
  private punct(text: string, before: string, after: string, name: string): RuleExpr {
    if (this.form.whitespace === "flexible") {
      const ws = this.ws();
      const items: TermExpr[] = [];
      if (before) items.push(ws);
      items.push({ type: "literal", value: text });
      if (after) items.push(ws);
      return this.terminal(`p:${before}${text}${after}`, name, { type: "seq", items });
    }
    const value = before + text + after;
    if (value === "") return EPS;
    return this.terminal(`p:${value}`, name, { type: "literal", value });
  }

  private indent(depth: number): string {
    return "\n" + " ".repeat(this.form.indent * depth);
  }

  private open(ch: "{" | "["): RuleExpr {
    return this.punct(ch, "", this.form.whitespace === "flexible" ? "ws" : "", ch === "{" ? "LBRACE" : "LSQB");
  }
  /** what precedes the first member */
  private first(depth: number): RuleExpr {
    if (this.pretty) return this.punct("", this.indent(depth + 1), "", `NL${depth + 1}`);
    return EPS;
  }
  private sep(depth: number): RuleExpr {
    switch (this.form.whitespace) {
      case "compact":
        return this.punct(",", "", "", "COMMA");
      case "python":
        return this.punct(",", "", " ", "COMMA");
      case "flexible":
        return this.punct(",", "ws", "ws", "COMMA");
      case "pretty":
        return this.punct(",", "", this.indent(depth + 1), `COMMA${depth + 1}`);
    }
  }
  private close(ch: "}" | "]", depth: number, empty: boolean): RuleExpr {
    const name = ch === "}" ? "RBRACE" : "RSQB";
    if (this.form.whitespace === "flexible") return this.punct(ch, "ws", "", name);
    if (this.pretty && !empty) return this.punct(ch, this.indent(depth), "", `${name}${depth}`);
    return this.punct(ch, "", "", name);
  }
  private colon(): string {
    return this.form.whitespace === "compact" ? ":" : ": ";
  }

  /** a key terminal: the quoted key language followed by the colon */
  private keyTerminal(key: L, name?: string): RuleExpr {
    const tname = name !== undefined && /^[A-Za-z0-9_]{1,40}$/.test(name) ? `KEY_${name.toUpperCase()}` : "KEY";
    if (this.form.whitespace === "flexible") {
      return this.terminal(`k:${key.id}`, tname, { type: "seq", items: [key.t, this.ws(), { type: "literal", value: ":" }, this.ws()] });
    }
    const colon: TermExpr = { type: "literal", value: this.colon() };
    if (key.t.type === "literal") return this.terminal(`k:${key.id}`, tname, { type: "literal", value: key.t.value + this.colon() });
    return this.terminal(`k:${key.id}`, tname, { type: "seq", items: [key.t, colon] });
  }

  private scalarTerminal(s: L): RuleExpr {
    const c = this.c;
    const name = s.id === c.STRING.id ? "STRING" : s.id === c.n.NUMBER.id ? "NUMBER" : s.id === c.n.INTEGER.id ? "INTEGER" : s.id === c.S_UNIV.id ? "SCALAR" : "VALUE";
    return this.terminal(`s:${s.id}`, name, s.t);
  }

  // ---- values -------------------------------------------------------------------------------

  private budget(n = 1): void {
    this.states += n;
    if (this.states > MAX_STATES) {
      throw new GramfillError("schema_unsupported", `schema: the grammar would need more than ${MAX_STATES} rules (count keywords with large bounds)`);
    }
  }

  /** the rule for a node at a nesting depth (depth only matters for pretty output) */
  value(node: Node, depth: number): RuleExpr {
    const d = this.pretty ? depth : 0;
    if (this.c.opts.deadline !== undefined && (this.ruleCount & 63) === 0 && performance.now() > this.c.opts.deadline) this.c.outOfTime("");
    // pretty: past the depth bound only scalars remain (indentation is not context-free)
    const deepest = this.pretty && depth >= this.form.prettyMaxDepth;
    let byDepth = this.ruleByNode.get(node);
    if (!byDepth) this.ruleByNode.set(node, (byDepth = new Map()));
    const known = byDepth.get(d);
    if (known) return { type: "rule", name: known };
    const name = `${node.top ? "json" : "value"}_${++this.ruleCount}`;
    byDepth.set(d, name);
    const rule: RuleDef = { name, expr: NOTHING };
    this.rules.push(rule);
    this.budget();
    const alts: RuleExpr[] = [];
    if (!this.c.l.isEmpty(node.scalar)) alts.push(this.scalarTerminal(node.scalar));
    if (!deepest) for (const s of node.objects) alts.push(this.object(s, d));
    if (!deepest) for (const a of node.arrays) alts.push(this.array(a, d));
    for (const r of deepest ? [] : node.refs) {
      const target = this.c.recursive.get(r);
      if (!target) throw new Error(`internal: unknown recursive rule ${r}`);
      alts.push(this.value(target, d));
    }
    rule.expr = alt(...alts);
    return { type: "rule", name };
  }

  private object(shape: ObjShape, depth: number, order?: string[]): RuleExpr {
    const c = this.c;
    const l = c.l;
    const names = order ?? namedKeys(shape);
    // dependentRequired: split into "key absent" and "key present with its dependencies"
    if (shape.depRequired.length > 0) {
      if (shape.depRequired.length > 6) {
        c.unsupported("dependentRequired", "", "more than 6 entries in one object");
        return this.object({ ...shape, depRequired: [] }, depth, names); // lenient: dependencies dropped
      }
      let shapes: ObjShape[] = [{ ...shape, depRequired: [] }];
      for (const [k, ks] of shape.depRequired) {
        const next: ObjShape[] = [];
        for (const s of shapes) {
          next.push({ ...s, rules: [...s.rules, c.keyRule(k, c.NEVER)] });
          next.push({ ...s, required: [...new Set([...s.required, k, ...ks])] });
        }
        shapes = next.filter((s) => !c.objShapeEmpty(s));
      }
      return alt(...shapes.map((s) => this.object(s, depth, names)));
    }
    const allowed: Array<{ name: string; value: Node; required: boolean }> = [];
    for (const k of names) {
      const v = c.valueFor(shape, k);
      const required = shape.required.includes(k);
      if (!v) {
        if (required) return NOTHING;
        continue;
      }
      allowed.push({ name: k, value: v, required });
    }
    // other keys: regions by the set of non-name rules they match
    const generic = shape.rules.filter((r) => r.name === undefined);
    if (generic.length > MAX_REGION_RULES) throw new GramfillError("schema_unsupported", `patternProperties: more than ${MAX_REGION_RULES} overlapping key patterns in one object`);
    let universe = l.minus(c.STRING, l.or(...names.map((k) => c.quotedName(k))));
    if (shape.names) universe = l.and(universe, shape.names);
    const members: RuleExpr[] = [];
    const regions: Array<{ key: L; value: Node }> = [];
    if (!l.isEmpty(universe)) {
      for (let mask = 0; mask < 1 << generic.length; mask++) {
        let key = universe;
        const values: Node[] = [];
        generic.forEach((r, i) => {
          if (mask & (1 << i)) {
            key = l.and(key, r.key);
            values.push(r.value);
          } else key = l.minus(key, r.key);
        });
        if (l.isEmpty(key)) continue;
        const v = values.length === 0 ? c.TOP : c.intersectAll(values, "");
        if (c.isEmptyNode(v)) continue;
        regions.push({ key, value: v });
        members.push(seq(this.keyTerminal(key), this.value(v, depth + 1)));
      }
    }
    const member = members.length ? alt(...members) : undefined;
    if (shape.exists?.length) return this.objectWithExists(allowed, regions, shape, depth);
    if (this.form.propertyOrder === "any") return this.objectAnyOrder(allowed, member, shape, depth);
    const { minProps, maxProps } = shape;
    const n = allowed.length;
    const cap = maxProps !== Infinity ? maxProps : Math.max(1, minProps);
    this.budget(n * (cap + 1));
    // Keys are distinct (the decoders keep that rule), so from a finite set of other keys at most
    // that many members follow the named ones: bound the repetition by it, and drop the states
    // whose minProperties the remaining keys cannot reach (else decoding would dead-end there).
    const freeKeys = member ? this.distinctKeyCount(regions.map((r) => r.key)) : 0;
    const loOf = (cnt: number) => (cnt >= cap ? Math.max(0, minProps - cap) : Math.max(0, minProps - cnt));
    const hiOf = (cnt: number) => Math.min(maxProps === Infinity ? Infinity : maxProps - cnt, freeKeys);
    const liveMemo = new Map<string, boolean>();
    const live = (i: number, cnt: number): boolean => {
      if (freeKeys === Infinity) return true;
      const key = `${i},${cnt}`;
      let r = liveMemo.get(key);
      if (r !== undefined) return r;
      if (i === n) r = loOf(cnt) === 0 || hiOf(cnt) >= loOf(cnt);
      else r = (!allowed[i]!.required && live(i + 1, cnt)) || (cnt + 1 <= maxProps && live(i + 1, Math.min(cnt + 1, cap)));
      liveMemo.set(key, r);
      return r;
    };
    if (!live(0, 0)) return NOTHING;
    const stateRules = new Map<string, string>();
    const base = `obj_${++this.ruleCount}`;
    const state = (i: number, cnt: number): RuleExpr => {
      const key = `${i},${cnt}`;
      let name = stateRules.get(key);
      if (name) return { type: "rule", name };
      name = `${base}_${i}_${cnt}`;
      stateRules.set(key, name);
      const rule: RuleDef = { name, expr: NOTHING };
      this.rules.push(rule);
      const alts: RuleExpr[] = [];
      const lead = cnt === 0 ? this.first(depth) : this.sep(depth);
      if (i < n) {
        const m = allowed[i]!;
        if (!m.required && live(i + 1, cnt)) alts.push(state(i + 1, cnt));
        if (cnt + 1 <= maxProps && live(i + 1, Math.min(cnt + 1, cap))) {
          alts.push(seq(lead, this.keyTerminal(c.quotedName(m.name), m.name), this.value(m.value, depth + 1), state(i + 1, Math.min(cnt + 1, cap))));
        }
      } else {
        const lo = loOf(cnt);
        const hi = hiOf(cnt);
        if (lo === 0) alts.push(this.close("}", depth, cnt === 0));
        if (member && hi >= 1 && hi >= lo) {
          const more = (k: number, m: number): RuleExpr => (m === 0 ? EPS : { type: "repeat", expr: seq(this.sep(depth), member), min: k, max: m });
          const first = cnt === 0 ? seq(this.first(depth), member, more(Math.max(0, lo - 1), hi - 1)) : seq(this.sep(depth), member, more(Math.max(0, lo - 1), hi - 1));
          alts.push(seq(first, this.close("}", depth, false)));
        }
      }
      rule.expr = alt(...alts);
      return { type: "rule", name };
    };
    return seq(this.open("{"), state(0, 0));
  }

  /**
   * How many distinct keys (as `JSON.parse` reads them: `"\/"` is `"/"`) the key languages hold
   * together, when that is finite and small enough to list; Infinity otherwise.
   */
  private distinctKeyCount(keys: L[]): number {
    const x = this.c.l.x;
    const seen = new Set<string>();
    const utf8 = new TextDecoder("utf-8");
    for (const k of keys) {
      const words = x.finiteWords(k.id, MAX_LISTED_KEYS);
      if (!words) return Infinity;
      for (const w of words) seen.add(JSON.parse(utf8.decode(w)) as string);
      if (seen.size > MAX_LISTED_KEYS) return Infinity;
    }
    return seen.size;
  }

  /**
   * Objects with "some key in K has a value in V" constraints (from negations): the chain carries
   * one bit per constraint, set by a key that witnesses it.
   */
  private objectWithExists(allowed: Array<{ name: string; value: Node; required: boolean }>, regions: Array<{ key: L; value: Node }>, shape: ObjShape, depth: number): RuleExpr {
    const c = this.c;
    const l = c.l;
    const E = shape.exists!;
    if (E.length > 3 || shape.minProps > 0 || shape.maxProps < Infinity || this.form.propertyOrder === "any") {
      c.unsupported("not", "", "negated object constraints together with min/maxProperties, any property order or more than 3 of them");
      return this.object({ ...shape, exists: [] }, depth); // lenient: constraints dropped
    }
    const full = (1 << E.length) - 1;
    const n = allowed.length;
    this.budget((n + 1) * (full + 1) * 2);
    const base = `exobj_${++this.ruleCount}`;
    const names = new Map<string, string>();
    // a key may witness several constraints at once: one alternative per non-empty subset
    const subsets = Array.from({ length: full }, (_, t) => t + 1);
    const witnessesNamed = allowed.map((m) =>
      subsets.map((T) => {
        const es = E.filter((_, j) => T & (1 << j));
        if (!es.every((e) => l.matches(e.key, JSON.stringify(m.name)))) return undefined;
        const v = c.intersectAll([m.value, ...es.map((e) => e.value)], "");
        return c.isEmptyNode(v) ? undefined : { bits: T, value: v };
      }),
    );
    const witnessRegions = regions.map((r) =>
      subsets.map((T) => {
        const es = E.filter((_, j) => T & (1 << j));
        const k = l.and(r.key, ...es.map((e) => e.key));
        if (l.isEmpty(k)) return undefined;
        const v = c.intersectAll([r.value, ...es.map((e) => e.value)], "");
        return c.isEmptyNode(v) ? undefined : { bits: T, key: k, value: v };
      }),
    );
    const state = (i: number, F: number, started: boolean): RuleExpr => {
      const key = `${i},${F},${started}`;
      let name = names.get(key);
      if (name) return { type: "rule", name };
      name = `${base}_${i}_${F}_${started ? 1 : 0}`;
      names.set(key, name);
      const rule: RuleDef = { name, expr: NOTHING };
      this.rules.push(rule);
      const alts: RuleExpr[] = [];
      const lead = started ? this.sep(depth) : this.first(depth);
      if (i < n) {
        const m = allowed[i]!;
        if (!m.required) alts.push(state(i + 1, F, started));
        const keyT = this.keyTerminal(c.quotedName(m.name), m.name);
        alts.push(seq(lead, keyT, this.value(m.value, depth + 1), state(i + 1, F, true)));
        for (const w of witnessesNamed[i]!) {
          if (w && (F | w.bits) !== F) alts.push(seq(lead, keyT, this.value(w.value, depth + 1), state(i + 1, F | w.bits, true)));
        }
      } else {
        if (F === full) alts.push(this.close("}", depth, !started));
        regions.forEach((r, ri) => {
          alts.push(seq(lead, this.keyTerminal(r.key), this.value(r.value, depth + 1), state(n, F, true)));
          for (const w of witnessRegions[ri]!) {
            if (w && (F | w.bits) !== F) alts.push(seq(lead, this.keyTerminal(w.key), this.value(w.value, depth + 1), state(n, F | w.bits, true)));
          }
        });
      }
      rule.expr = alt(...alts);
      return { type: "rule", name };
    };
    return seq(this.open("{"), state(0, 0, false));
  }

  /** named keys in any order: the state is the set of named keys written so far */
  private objectAnyOrder(allowed: Array<{ name: string; value: Node; required: boolean }>, member: RuleExpr | undefined, shape: ObjShape, depth: number): RuleExpr {
    const c = this.c;
    const n = allowed.length;
    if (n > 10) {
      c.unsupported("properties", "", `propertyOrder "any" with more than 10 named properties`);
      return this.object(shape, depth); // lenient: fixed order
    }
    if (shape.minProps > 0 || shape.maxProps < Infinity) c.unsupported("minProperties", "", `propertyOrder "any" with minProperties/maxProperties`);
    this.budget(2 << n);
    const requiredMask = allowed.reduce((m, a, i) => (a.required ? m | (1 << i) : m), 0);
    const base = `anyobj_${++this.ruleCount}`;
    const names = new Map<string, string>();
    const state = (used: number, started: boolean): RuleExpr => {
      const key = `${used},${started}`;
      let name = names.get(key);
      if (name) return { type: "rule", name };
      name = `${base}_${used}_${started ? 1 : 0}`;
      names.set(key, name);
      const rule: RuleDef = { name, expr: NOTHING };
      this.rules.push(rule);
      const alts: RuleExpr[] = [];
      const lead = started ? this.sep(depth) : this.first(depth);
      if ((used & requiredMask) === requiredMask) alts.push(this.close("}", depth, !started));
      allowed.forEach((m, j) => {
        if (used & (1 << j)) return;
        alts.push(seq(lead, this.keyTerminal(c.quotedName(m.name), m.name), this.value(m.value, depth + 1), state(used | (1 << j), true)));
      });
      if (member) alts.push(seq(lead, member, state(used, true)));
      rule.expr = alt(...alts);
      return { type: "rule", name };
    };
    return seq(this.open("{"), state(0, false));
  }

  private array(shape: ArrShape, depth: number): RuleExpr {
    const c = this.c;
    if (shape.unique && shape.max > 1) {
      const finite = this.uniqueFinite(shape, depth);
      if (finite) return finite;
      c.unsupported("uniqueItems", shape.ptr ? `${shape.ptr}/uniqueItems` : "", "uniqueItems on arrays that may hold more than one item of an open set of values (or of more finite value sets than 4096 states can track)");
    }
    if (shape.contains.length > 1) c.unsupported("contains", shape.ptr ? `${shape.ptr}/contains` : "", "several contains conditions on one array");
    const cont = shape.contains[0];
    const need = cont ? cont.min : 0;
    /** counting exactly (hits and misses disjoint) is needed for maxContains */
    const exact = cont !== undefined && cont.max !== Infinity;
    const notC = exact ? c.complement(cont.node, "", "maxContains") : undefined;
    const kMax = cont ? (exact ? cont.max : need) : 0;
    const itemAt = (i: number) => shape.prefix[i] ?? shape.items;
    let P = Math.max(shape.prefix.length, shape.min, 1);
    // positions are tracked up to P; when contains must still be counted past it, track to maxItems
    if (cont && shape.max !== Infinity) P = Math.max(P, shape.max);
    if (P > 5000) c.unsupported("contains", shape.ptr ? `${shape.ptr}/contains` : "", `contains with maxItems ${shape.max}`);
    const base = `arr_${++this.ruleCount}`;
    const stateRules = new Map<string, string>();
    this.budget((Math.min(P, shape.max) + 1) * (kMax + 1));
    const state = (i: number, k: number): RuleExpr => {
      const key = `${i},${k}`;
      let name = stateRules.get(key);
      if (name) return { type: "rule", name };
      name = `${base}_${i}_${k}`;
      stateRules.set(key, name);
      const rule: RuleDef = { name, expr: NOTHING };
      this.rules.push(rule);
      const alts: RuleExpr[] = [];
      const lead = i === 0 ? this.first(depth) : this.sep(depth);
      if (i >= shape.min && k >= need) alts.push(this.close("]", depth, i === 0));
      if (i < shape.max) {
        const item = itemAt(i);
        const next = i >= P ? i : i + 1;
        if (!cont || (!exact && k >= need)) {
          if (i >= P && i > 0) {
            // past the positions that matter: a bounded or unbounded tail of plain items
            const rest = shape.max === Infinity ? Infinity : shape.max - i;
            if (!c.isEmptyNode(item)) alts.push(seq({ type: "repeat", expr: seq(this.sep(depth), this.value(item, depth + 1)), min: 1, max: rest }, this.close("]", depth, false)));
          } else if (!c.isEmptyNode(item)) alts.push(seq(lead, this.value(item, depth + 1), state(next, k)));
        } else {
          const hit = c.intersect(item, cont.node, "");
          const miss = exact ? c.intersect(item, notC!, "") : item;
          if (!c.isEmptyNode(miss)) alts.push(seq(lead, this.value(miss, depth + 1), state(next, k)));
          if (k < kMax && !c.isEmptyNode(hit)) alts.push(seq(lead, this.value(hit, depth + 1), state(next, k + 1)));
        }
      }
      rule.expr = alt(...alts);
      return { type: "rule", name };
    };
    return seq(this.open("["), state(0, 0));
  }

  /**
   * uniqueItems over finite sets of scalar values (enum, const, boolean, null; per prefixItems
   * position and for the rest): the state is the set of values used so far — its size is the
   * position — so each value can appear once. Only sets smaller than the longest possible array
   * need a state: the item that fills it is any unused value, then "]". n values with at most m
   * items take Σ_{k<m} C(n, k) states — all 2^n subsets for n ≤ 12, many more values when m is small.
   */
  private uniqueFinite(shape: ArrShape, depth: number): RuleExpr | undefined {
    const c = this.c;
    if (shape.contains.length > 0) return undefined;
    const P = shape.prefix.length;
    const tailOpen = !c.isEmptyNode(shape.items);
    const nodes = tailOpen ? [...shape.prefix, shape.items] : shape.prefix;
    if (nodes.some((x) => !x.values || x.objects.length || x.arrays.length || x.refs.length)) return undefined;
    const values: unknown[] = [];
    for (const x of nodes) for (const v of x.values!) if (!values.some((w) => w === v)) values.push(v);
    const n = values.length;
    const spell = values.map((x) => (typeof x === "number" ? numberLiteral(c, x) : c.l.lit(scalarText(x))));
    /** the value languages allowed at a position (undefined past the last position) */
    const langsAt = (k: number): Array<L | undefined> | undefined => {
      const node = k < P ? shape.prefix[k]! : tailOpen ? shape.items : undefined;
      if (!node) return undefined;
      return values.map((v, j) => {
        if (!node.values!.some((w) => w === v)) return undefined;
        const lang = c.l.and(spell[j]!, node.scalar);
        return c.l.isEmpty(lang) ? undefined : lang;
      });
    };
    const max = Math.min(shape.max, n, tailOpen ? Infinity : P);
    if (shape.min > max) return NOTHING;
    let states = 0;
    for (let k = 0, choose = 1; k < max; k++) {
      states += choose;
      if (states > MAX_UNIQUE_STATES) return undefined;
      choose = (choose * (n - k)) / (k + 1);
    }
    this.budget(Math.max(1, states));
    const byPosition = new Map<number, Array<L | undefined> | undefined>();
    const at = (k: number) => {
      if (!byPosition.has(k)) byPosition.set(k, langsAt(Math.min(k, P)));
      return byPosition.get(k);
    };
    const base = `uniq_${++this.ruleCount}`;
    const names = new Map<string, string>();
    const state = (used: number[]): RuleExpr => {
      const key = used.join(",");
      let name = names.get(key);
      if (name) return { type: "rule", name };
      name = `${base}_${names.size}`;
      names.set(key, name);
      const rule: RuleDef = { name, expr: NOTHING };
      this.rules.push(rule);
      const count = used.length;
      const alts: RuleExpr[] = [];
      if (count >= shape.min) alts.push(this.close("]", depth, count === 0));
      const langs = count < max ? at(count) : undefined;
      if (langs) {
        const lead = count === 0 ? this.first(depth) : this.sep(depth);
        const free = values.map((_, j) => j).filter((j) => !used.includes(j) && langs[j] !== undefined);
        if (count + 1 === max) {
          if (free.length > 0) alts.push(seq(lead, this.scalarTerminal(c.l.or(...free.map((j) => langs[j]!))), this.close("]", depth, false)));
        } else {
          for (const j of free) alts.push(seq(lead, this.scalarTerminal(langs[j]!), state([...used, j].sort((x, y) => x - y))));
        }
      }
      rule.expr = alt(...alts);
      return { type: "rule", name };
    };
    return seq(this.open("["), state([]));
  }

  /** the whole grammar for a root node */
  grammar(root: Node): Grammar {
    const start = this.value(root, 0);
    let expr: RuleExpr = start;
    if (this.form.whitespace === "flexible") {
      const ws1: TermExpr = { type: "repeat", expr: { type: "charset", ranges: [[9, 10], [13, 13], [32, 32]] }, min: 1, max: this.form.maxWhitespace };
      const w = this.terminal("ws1", "WS", ws1);
      expr = seq({ type: "repeat", expr: w, min: 0, max: 1 }, start, { type: "repeat", expr: w, min: 0, max: 1 });
    }
    this.rules.unshift({ name: "start", expr });
    const rules = prune(this.rules, "start");
    const used = usedTerminals(rules);
    return { start: "start", rules, terminals: this.terminals.filter((t) => used.has(t.name)), diagnostics: [] };
  }
}

/** The keys an object shape writes in a fixed order (the serializer uses the same order). */
export function namedKeys(shape: ObjShape): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (k: string) => {
    if (!seen.has(k)) {
      seen.add(k);
      out.push(k);
    }
  };
  shape.order.forEach(add);
  shape.required.forEach(add);
  for (const r of shape.rules) if (r.name !== undefined) add(r.name);
  for (const [k, ks] of shape.depRequired) {
    add(k);
    ks.forEach(add);
  }
  return out;
}

/** Removes alternatives that can never complete (empty schemas deep inside), then unreachable rules. */
function prune(rules: RuleDef[], start: string): RuleDef[] {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const productive = new Set<string>();
  const prod = (e: RuleExpr): boolean => {
    switch (e.type) {
      case "terminal":
        return true;
      case "rule":
        return productive.has(e.name);
      case "seq":
        return e.items.every(prod);
      case "alt":
        return e.alts.some(prod);
      case "repeat":
        return e.min === 0 || prod(e.expr);
    }
  };
  // worklist: a rule is re-examined only when a rule it refers to became productive (sweeping
  // all rules until nothing changes is quadratic on the long rule chains of big schemas)
  const users = new Map<string, RuleDef[]>();
  for (const r of rules) {
    const stack = [r.expr];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === "rule") {
        let u = users.get(x.name);
        if (!u) users.set(x.name, (u = []));
        u.push(r);
      } else if (x.type === "seq") stack.push(...x.items);
      else if (x.type === "alt") stack.push(...x.alts);
      else if (x.type === "repeat") stack.push(x.expr);
    }
  }
  const work = [...rules];
  while (work.length) {
    const r = work.pop()!;
    if (productive.has(r.name) || !prod(r.expr)) continue;
    productive.add(r.name);
    for (const u of users.get(r.name) ?? []) if (!productive.has(u.name)) work.push(u);
  }
  if (!productive.has(start)) {
    throw new GramfillError("schema_empty", "schema: no JSON value satisfies this schema");
  }
  const clean = (e: RuleExpr): RuleExpr | undefined => {
    switch (e.type) {
      case "terminal":
        return e;
      case "rule":
        return productive.has(e.name) ? e : undefined;
      case "seq": {
        const items: RuleExpr[] = [];
        for (const x of e.items) {
          const y = clean(x);
          if (!y) return undefined;
          if (y.type === "seq") items.push(...y.items);
          else items.push(y);
        }
        return items.length === 1 ? items[0] : { type: "seq", items };
      }
      case "alt": {
        const alts = e.alts.map(clean).filter((x): x is RuleExpr => x !== undefined);
        if (alts.length === 0) return undefined;
        return alts.length === 1 ? alts[0] : { type: "alt", alts };
      }
      case "repeat": {
        const x = clean(e.expr);
        if (!x) return e.min === 0 ? EPS : undefined;
        return { ...e, expr: x };
      }
    }
  };
  const out: RuleDef[] = [];
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const r = byName.get(queue.pop()!)!;
    const expr = clean(r.expr)!;
    out.push({ name: r.name, expr });
    const stack = [expr];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === "rule" && !seen.has(x.name)) {
        seen.add(x.name);
        queue.push(x.name);
      } else if (x.type === "seq") stack.push(...x.items);
      else if (x.type === "alt") stack.push(...x.alts);
      else if (x.type === "repeat") stack.push(x.expr);
    }
  }
  return out;
}

function usedTerminals(rules: RuleDef[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) {
    const stack = [r.expr];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === "terminal") out.add(x.name);
      else if (x.type === "seq") stack.push(...x.items);
      else if (x.type === "alt") stack.push(...x.alts);
      else if (x.type === "repeat") stack.push(x.expr);
    }
  }
  return out;
}
