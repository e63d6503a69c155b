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

/** A growable Int32Array. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
}

interface Builder {
  names: string[];
  index: Map<string, number>;
  /**
   * rules in the order they were made, as flat lists: rule r is `ruleLhs[r] → syms[ruleAt[r] ..
   * ruleAt[r] + ruleLen[r]]`; `pack` groups them by nonterminal (keeping this order within one)
   */
  syms: IntList;
  ruleLhs: IntList;
  ruleAt: IntList;
  ruleLen: IntList;
  /** structural key of a helper expression → its nonterminal, so `x*` used twice is one rule */
  helperByKey: Map<string, number>;
  terminalIndex: Map<string, number>;
  symbolCount: number;
}

export function normalize(g: Grammar): BnfGrammar {
  const terminalIndex = new Map<string, number>();
  g.terminals.forEach((t, i) => terminalIndex.set(t.name, i));
  const b: Builder = {
    names: [],
    index: new Map(),
    syms: new IntList(),
    ruleLhs: new IntList(),
    ruleAt: new IntList(),
    ruleLen: new IntList(),
    helperByKey: new Map(),
    terminalIndex,
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
  addRule(b, startNt, [b.index.get(g.start)!]);
  for (const r of g.rules) {
    const nt = b.index.get(r.name)!;
    for (const alt of alternatives(r.expr)) addRule(b, nt, sequence(b, alt, r.name));
  }
  const ignored: number[] = [];
  g.terminals.forEach((t, i) => {
    if (t.ignored) ignored.push(i);
  });
  return pack(b, g.terminals.map((t) => t.name), ignored);
}

/** A nonterminal for a grammar rule (or `S'`), found by name by the rule references. */
function declare(b: Builder, name: string): number {
  const id = declareHelper(b, name);
  b.index.set(name, id);
  return id;
}

/** A helper nonterminal: nothing refers to it by name, so it stays out of `index`. */
function declareHelper(b: Builder, name: string): number {
  const id = b.names.length;
  b.names.push(name);
  return id;
}

function addRule(b: Builder, lhs: number, symbols: readonly number[]): void {
  b.ruleLhs.push(lhs);
  b.ruleAt.push(b.syms.length);
  b.ruleLen.push(symbols.length);
  for (const s of symbols) b.syms.push(s);
}

/** Top-level alternatives of an expression (an `alt` splits; anything else is one alternative). */
function alternatives(e: RuleExpr, out: RuleExpr[] = []): RuleExpr[] {
  if (e.type !== "alt") out.push(e);
  else for (const a of e.alts) alternatives(a, out);
  return out;
}

/** The symbols of one alternative; nested structure becomes helper nonterminals. */
function sequence(b: Builder, e: RuleExpr, owner: string): number[] {
  const out: number[] = [];
  appendSequence(b, e, owner, out);
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

/** Appends the symbols of `e` to `out`, flattening nested sequences (counted once, by `sequence`). */
function appendSequence(b: Builder, e: RuleExpr, owner: string, out: number[]): void {
  if (e.type !== "seq") {
    out.push(symbol(b, e, owner));
    return;
  }
  for (const item of e.items) {
    if (item.type === "seq") appendSequence(b, item, owner, out);
    else out.push(symbol(b, item, owner));
  }
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
        for (const alt of alternatives(e)) addRule(b, h, sequence(b, alt, owner));
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
  const nt = declareHelper(b, `${owner}#${b.names.length}`);
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
    let tail: number | undefined;
    if (max === Infinity) {
      const star = declareHelper(b, `${owner}#${b.names.length}*`);
      addRule(b, star, []);
      addRule(b, star, [star, x]);
      tail = star;
    } else if (max > min) {
      tail = optionalChain(b, x, max - min, owner);
    }
    const length = min + (tail === undefined ? 0 : 1);
    b.symbolCount += length + 1;
    if (b.symbolCount > MAX_BNF_SYMBOLS) {
      throw new GramfillError("grammar_invalid", `repetition {${min},${max}} is too large`, e.loc);
    }
    b.ruleLhs.push(h);
    b.ruleAt.push(b.syms.length);
    b.ruleLen.push(length);
    for (let i = 0; i < min; i++) b.syms.push(x);
    if (tail !== undefined) b.syms.push(tail);
  });
}

function optionalChain(b: Builder, x: number, count: number, owner: string): number {
  if (count > MAX_BNF_SYMBOLS / 3) {
    throw new GramfillError("grammar_invalid", `repetition count ${count} is too large`);
  }
  let next = -1;
  for (let k = 1; k <= count; k++) {
    const nt = declareHelper(b, `${owner}#${b.names.length}?`);
    addRule(b, nt, []);
    addRule(b, nt, next < 0 ? [x] : [x, next]);
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
  const numRules = b.ruleLhs.length;
  const lhsOf = b.ruleLhs.data;
  const at = b.ruleAt.data;
  const len = b.ruleLen.data;
  const syms = b.syms.data;
  // group the rules by nonterminal (counting sort; stable, so each keeps its rules in order)
  const ntRuleStart = new Int32Array(numNonterminals + 1);
  for (let r = 0; r < numRules; r++) ntRuleStart[lhsOf[r]! + 1]!++;
  for (let nt = 0; nt < numNonterminals; nt++) ntRuleStart[nt + 1]! += ntRuleStart[nt]!;
  const order = new Int32Array(numRules);
  const fill = ntRuleStart.slice(0, numNonterminals);
  for (let r = 0; r < numRules; r++) order[fill[lhsOf[r]!]!++] = r;
  const numSymbols = b.syms.length + numRules;
  const symbols = new Int32Array(numSymbols);
  const ruleOfPos = new Int32Array(numSymbols);
  const ruleStart = new Int32Array(numRules);
  const ruleLhs = new Int32Array(numRules);
  const ntRules = new Int32Array(numRules);
  let p = 0;
  for (let r = 0; r < numRules; r++) {
    const src = order[r]!;
    ruleStart[r] = p;
    ruleLhs[r] = lhsOf[src]!;
    ntRules[r] = r;
    for (let i = at[src]!, end = i + len[src]!; i < end; i++) {
      const s = syms[i]!;
      symbols[p] = s <= -2 ? numNonterminals + (-s - 2) : s;
      ruleOfPos[p++] = r;
    }
    symbols[p] = RULE_END;
    ruleOfPos[p++] = r;
  }
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
  // a rule whose right-hand side has a terminal is never nullable; the others wait for theirs
  g.nullable.set(fixpoint(g, true));
}

/** Nonterminals that derive no finite terminal string (their rules can never complete). */
export function unproductive(g: BnfGrammar): number[] {
  const productive = fixpoint(g, false);
  const out: number[] = [];
  for (let nt = 0; nt < g.numNonterminals; nt++) if (!productive[nt]) out.push(nt);
  return out;
}

/**
 * The least set of nonterminals with a rule whose every nonterminal symbol is in the set (and, when
 * `noTerminals`, that has no terminal symbol): nullable nonterminals with `noTerminals`, productive
 * ones without. A worklist over the uses of each nonterminal: linear, whatever the rule order.
 */
function fixpoint(g: BnfGrammar, noTerminals: boolean): Uint8Array {
  const { symbols, ruleStart, ruleLhs, numNonterminals } = g;
  const numRules = ruleStart.length;
  const inSet = new Uint8Array(numNonterminals);
  /** per rule: nonterminal symbols not yet known to be in the set; -1 = can never qualify */
  const waiting = new Int32Array(numRules);
  const useStart = new Int32Array(numNonterminals + 1);
  for (let r = 0; r < numRules; r++) {
    let n = 0;
    for (let p = ruleStart[r]!; symbols[p] !== RULE_END; p++) {
      const s = symbols[p]!;
      if (s < numNonterminals) {
        n++;
        useStart[s + 1]!++;
      } else if (noTerminals) n = -Infinity;
    }
    waiting[r] = n < 0 ? -1 : n;
  }
  for (let nt = 0; nt < numNonterminals; nt++) useStart[nt + 1]! += useStart[nt]!;
  const uses = new Int32Array(useStart[numNonterminals]!);
  const fill = useStart.slice(0, numNonterminals);
  for (let r = 0; r < numRules; r++) {
    for (let p = ruleStart[r]!; symbols[p] !== RULE_END; p++) {
      const s = symbols[p]!;
      if (s < numNonterminals) uses[fill[s]!++] = r;
    }
  }
  const work: number[] = [];
  for (let r = 0; r < numRules; r++) {
    if (waiting[r] === 0 && !inSet[ruleLhs[r]!]) {
      inSet[ruleLhs[r]!] = 1;
      work.push(ruleLhs[r]!);
    }
  }
  while (work.length > 0) {
    const nt = work.pop()!;
    for (let k = useStart[nt]!; k < useStart[nt + 1]!; k++) {
      const r = uses[k]!;
      if (waiting[r]! > 0 && --waiting[r]! === 0 && !inSet[ruleLhs[r]!]) {
        inSet[ruleLhs[r]!] = 1;
        work.push(ruleLhs[r]!);
      }
    }
  }
  return inSet;
}
