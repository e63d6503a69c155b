/**
 * Flattens the EBNF of a Grammar IR into plain BNF for the Earley parser: every `seq`/`alt`/`repeat`
 * nested inside a rule becomes a helper nonterminal, repetition becomes left recursion (cheap for
 * Earley: constant item count per step), and the grammar is augmented with a fresh start rule.
 *
 * The result is plain data (typed arrays) because the parser's inner loop reads it per lexeme.
 */
import { GramfillError } from "../util/errors.js";
import type { Grammar, RuleExpr } from "./ir.js";

/** Marks the end of a rule in `BnfGrammar.symbols`. */
export const RULE_END = -1;

export interface BnfGrammar {
  /** nonterminal names; index 0 is the augmented start `S'` whose single rule is `S' → start` */
  nonterminalNames: string[];
  /** terminal names, in the order of `Grammar.terminals` */
  terminalNames: string[];
  /** terminals that may appear between any two lexemes */
  ignoredTerminals: number[];
  /**
   * All right-hand sides, concatenated. A symbol `s` is a nonterminal when `0 <= s < numNonterminals`,
   * a terminal `s - numNonterminals` when `s >= numNonterminals`, and `RULE_END` closes a rule.
   * An Earley item's "dot" is an index into this array.
   */
  symbols: Int32Array;
  /** for every index into `symbols`, the rule it belongs to */
  ruleOfPos: Int32Array;
  /** rule → index of its first symbol */
  ruleStart: Int32Array;
  /** rule → left-hand nonterminal */
  ruleLhs: Int32Array;
  /** nonterminal → its rules, as a CSR list: rules `ntRules[ntRuleStart[n] .. ntRuleStart[n+1]]` */
  ntRuleStart: Int32Array;
  ntRules: Int32Array;
  /** nonterminal → derives the empty string */
  nullable: Uint8Array;
  numNonterminals: number;
  numTerminals: number;
}

/** Guards against `x{0,100000000}` turning into a grammar that cannot fit in memory. */
const MAX_BNF_SYMBOLS = 5_000_000;

interface Builder {
  names: string[];
  index: Map<string, number>;
  /** rules as symbol lists, per nonterminal */
  alts: number[][][];
  /** structural key of a helper expression → its nonterminal, so `x*` used twice is one rule */
  helperByKey: Map<string, number>;
  terminalIndex: Map<string, number>;
  numTerminalsSymbolBase: number; // filled at the end; terminals are encoded as -(t+2) meanwhile
  symbolCount: number;
}

export function normalize(g: Grammar): BnfGrammar {
  const b: Builder = {
    names: [],
    index: new Map(),
    alts: [],
    helperByKey: new Map(),
    terminalIndex: new Map(g.terminals.map((t, i) => [t.name, i])),
    numTerminalsSymbolBase: 0,
    symbolCount: 0,
  };
  const startNt = declare(b, "S'");
  for (const r of g.rules) {
    if (b.index.has(r.name)) {
      throw new GramfillError("grammar_invalid", `rule '${r.name}' is defined twice`, r.loc);
    }
    declare(b, r.name);
  }
  if (!b.index.has(g.start)) {
    throw new GramfillError("grammar_invalid", `start rule '${g.start}' is not defined`, { file: g.file });
  }
  b.alts[startNt]!.push([b.index.get(g.start)!]);
  for (const r of g.rules) {
    const nt = b.index.get(r.name)!;
    for (const alt of alternatives(r.expr)) b.alts[nt]!.push(sequence(b, alt, r.name));
  }
  const ignored = g.terminals.flatMap((t, i) => (t.ignored ? [i] : []));
  return pack(b, g.terminals.map((t) => t.name), ignored);
}

function declare(b: Builder, name: string): number {
  const id = b.names.length;
  b.names.push(name);
  b.index.set(name, id);
  b.alts.push([]);
  return id;
}

/** Top-level alternatives of an expression (an `alt` splits; anything else is one alternative). */
function alternatives(e: RuleExpr): RuleExpr[] {
  return e.type === "alt" ? e.alts.flatMap(alternatives) : [e];
}

/** The symbols of one alternative; nested structure becomes helper nonterminals. */
function sequence(b: Builder, e: RuleExpr, owner: string): number[] {
  const items = e.type === "seq" ? e.items : [e];
  const out: number[] = [];
  for (const item of items) {
    if (item.type === "seq") out.push(...sequence(b, item, owner));
    else out.push(symbol(b, item, owner));
  }
  b.symbolCount += out.length + 1;
  if (b.symbolCount > MAX_BNF_SYMBOLS) {
    throw new GramfillError(
      "grammar_invalid",
      `rule '${owner}' expands to more than ${MAX_BNF_SYMBOLS} symbols (a repetition count is too large)`,
      e.loc,
    );
  }
  return out;
}

function symbol(b: Builder, e: RuleExpr, owner: string): number {
  switch (e.type) {
    case "rule": {
      const nt = b.index.get(e.name);
      if (nt === undefined) throw new GramfillError("grammar_invalid", `undefined rule '${e.name}'`, e.loc);
      return nt;
    }
    case "terminal": {
      const t = b.terminalIndex.get(e.name);
      if (t === undefined) throw new GramfillError("grammar_invalid", `undefined terminal '${e.name}'`, e.loc);
      return -(t + 2);
    }
    case "seq":
    case "alt":
      return helper(b, e, owner, (h) => {
        for (const alt of alternatives(e)) b.alts[h]!.push(sequence(b, alt, owner));
      });
    case "repeat":
      return repeat(b, e, owner);
  }
}

/** A nonterminal for a nested expression, shared between identical expressions. */
function helper(b: Builder, e: RuleExpr, owner: string, fill: (nt: number) => void): number {
  const key = exprKey(e);
  const known = b.helperByKey.get(key);
  if (known !== undefined) return known;
  const nt = declare(b, `${owner}#${b.names.length}`);
  b.helperByKey.set(key, nt);
  fill(nt);
  return nt;
}

/**
 * `x{min,max}` as BNF: `min` copies of x followed by an optional tail. An unbounded tail is the
 * left-recursive `T → ε | T x`; a bounded one is a chain `T_k → ε | x T_{k-1}`, so that each
 * further item is optional only after the previous one (no ambiguity, linear size).
 */
function repeat(b: Builder, e: Extract<RuleExpr, { type: "repeat" }>, owner: string): number {
  const { min, max } = e;
  if (!(min >= 0) || !(max >= min) || !Number.isInteger(min) || (max !== Infinity && !Number.isInteger(max))) {
    throw new GramfillError("grammar_invalid", `bad repetition bounds {${min},${max}}`, e.loc);
  }
  return helper(b, e, owner, (h) => {
    const x = symbol(b, e.expr, owner);
    const prefix = new Array<number>(min).fill(x);
    let tail: number | undefined;
    if (max === Infinity) {
      const star = declare(b, `${owner}#${b.names.length}*`);
      b.alts[star]!.push([], [star, x]);
      tail = star;
    } else if (max > min) {
      tail = optionalChain(b, x, max - min, owner);
    }
    const body = tail === undefined ? prefix : [...prefix, tail];
    b.symbolCount += body.length + 1;
    if (b.symbolCount > MAX_BNF_SYMBOLS) {
      throw new GramfillError("grammar_invalid", `repetition {${min},${max}} is too large`, e.loc);
    }
    b.alts[h]!.push(body);
  });
}

function optionalChain(b: Builder, x: number, count: number, owner: string): number {
  if (count > MAX_BNF_SYMBOLS / 3) {
    throw new GramfillError("grammar_invalid", `repetition count ${count} is too large`);
  }
  let next = -1;
  for (let k = 1; k <= count; k++) {
    const nt = declare(b, `${owner}#${b.names.length}?`);
    b.alts[nt]!.push([], next < 0 ? [x] : [x, next]);
    next = nt;
  }
  b.symbolCount += count * 4;
  return next;
}

function exprKey(e: RuleExpr): string {
  switch (e.type) {
    case "rule":
      return `r:${e.name}`;
    case "terminal":
      return `t:${e.name}`;
    case "seq":
      return `(${e.items.map(exprKey).join(" ")})`;
    case "alt":
      return `(${e.alts.map(exprKey).join("|")})`;
    case "repeat":
      return `${exprKey(e.expr)}{${e.min},${e.max}}`;
  }
}

function pack(b: Builder, terminalNames: string[], ignored: number[]): BnfGrammar {
  const numNonterminals = b.names.length;
  const decode = (s: number) => (s <= -2 ? numNonterminals + (-s - 2) : s);
  let numRules = 0;
  let numSymbols = 0;
  for (const alts of b.alts) {
    numRules += alts.length;
    for (const a of alts) numSymbols += a.length + 1;
  }
  const symbols = new Int32Array(numSymbols);
  const ruleOfPos = new Int32Array(numSymbols);
  const ruleStart = new Int32Array(numRules);
  const ruleLhs = new Int32Array(numRules);
  const ntRuleStart = new Int32Array(numNonterminals + 1);
  const ntRules = new Int32Array(numRules);
  let r = 0;
  let p = 0;
  for (let nt = 0; nt < numNonterminals; nt++) {
    ntRuleStart[nt] = r;
    for (const alt of b.alts[nt]!) {
      ruleStart[r] = p;
      ruleLhs[r] = nt;
      ntRules[r] = r;
      for (const s of alt) {
        symbols[p] = decode(s);
        ruleOfPos[p++] = r;
      }
      symbols[p] = RULE_END;
      ruleOfPos[p++] = r;
      r++;
    }
  }
  ntRuleStart[numNonterminals] = r;
  const g: BnfGrammar = {
    nonterminalNames: b.names,
    terminalNames,
    ignoredTerminals: ignored,
    symbols,
    ruleOfPos,
    ruleStart,
    ruleLhs,
    ntRuleStart,
    ntRules,
    nullable: new Uint8Array(numNonterminals),
    numNonterminals,
    numTerminals: terminalNames.length,
  };
  computeNullable(g);
  return g;
}

function computeNullable(g: BnfGrammar): void {
  const numRules = g.ruleStart.length;
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < numRules; r++) {
      const lhs = g.ruleLhs[r]!;
      if (g.nullable[lhs]) continue;
      let p = g.ruleStart[r]!;
      while (g.symbols[p]! !== RULE_END && g.symbols[p]! < g.numNonterminals && g.nullable[g.symbols[p]!]) p++;
      if (g.symbols[p] === RULE_END) {
        g.nullable[lhs] = 1;
        changed = true;
      }
    }
  }
}

/** Nonterminals that derive no finite terminal string (their rules can never complete). */
export function unproductive(g: BnfGrammar): number[] {
  const productive = new Uint8Array(g.numNonterminals);
  const numRules = g.ruleStart.length;
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < numRules; r++) {
      const lhs = g.ruleLhs[r]!;
      if (productive[lhs]) continue;
      let p = g.ruleStart[r]!;
      for (; g.symbols[p]! !== RULE_END; p++) {
        const s = g.symbols[p]!;
        if (s < g.numNonterminals && !productive[s]) break;
      }
      if (g.symbols[p] === RULE_END) {
        productive[lhs] = 1;
        changed = true;
      }
    }
  }
  const out: number[] = [];
  for (let nt = 0; nt < g.numNonterminals; nt++) if (!productive[nt]) out.push(nt);
  return out;
}
