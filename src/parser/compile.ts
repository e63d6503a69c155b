/**
 * A compiled grammar: the BNF the Earley core runs on, the terminals as one lazy lexer DFA, and the
 * caches every parser of this grammar shares (interned expected-terminal sets and their lexer start
 * states). Compiling is cheap on purpose: automata are built lazily as inputs explore them.
 */
import type { Grammar, TermExpr } from "../grammar/ir.js";
import { normalize, unproductive, type BnfGrammar } from "../grammar/normalize.js";
import { compileTerminals } from "../grammar/terminals.js";
import { lexemeConflicts, type LexemeConflict } from "../grammar/conflicts.js";
import { ExprSet, LazyDfa, type ExprId } from "../regex/index.js";
import { GramfillError } from "../util/errors.js";
import { EarleyCore, TerminalSetTable } from "./earley.js";
import { PredictionTable } from "./prediction.js";
import { Parser, type ParserTables } from "./parser.js";

export interface CompileOptions {
  /** cap on lexer DFA states (default 50,000); hitting it is an error naming the terminal */
  maxLexerStates?: number;
  /** build the terminals in this expression set (a front-end that already built them shares the work) */
  exprs?: ExprSet;
  /** TermExprs of the grammar already built in `exprs` (see compileTerminals) */
  termIds?: WeakMap<TermExpr, ExprId>;
}

export interface CheckResult {
  /** accepted (or, with `prefix`, a viable prefix) */
  ok: boolean;
  /** bytes consumed before the first rejected byte; the input length when all bytes were consumed */
  offset: number;
  /** when `ok` is false: the terminals that could have continued at `offset` */
  expected: string[];
  /** when `ok` is false: whether the input ended too early (every byte was a viable prefix) */
  atEnd: boolean;
}

export interface GrammarStats {
  rules: number;
  nonterminals: number;
  terminals: number;
  ignoredTerminals: number;
  bnfRules: number;
  bnfSymbols: number;
  nullableNonterminals: number;
  lexerStates: number;
  regexNodes: number;
}

/** Bytes fed between two looks at the clock in `check`. */
const CHECK_CHUNK = 256;

export class CompiledGrammar implements ParserTables {
  readonly grammar: Grammar;
  readonly bnf: BnfGrammar;
  readonly exprs: ExprSet;
  /** per terminal, its byte-level expression in `exprs` */
  readonly patterns: readonly ExprId[];
  readonly dfa: LazyDfa;
  readonly ignoredMask: Uint8Array;
  readonly terminalNames: readonly string[];
  /**
   * Words are JSON texts whose objects may not repeat a key (set by the JSON Schema compiler): a
   * rule beyond the context-free grammar, kept by the matcher and the decoders (`JsonKeyTracker`).
   */
  distinctObjectKeys = false;
  private readonly allowed = new TerminalSetTable();
  private readonly predictions: PredictionTable;
  private startStates = new Int32Array(64).fill(-1);
  /** per lexer state: 0 unknown, 1 final (accepting, no live transition), 2 not final */
  private finality = new Uint8Array(256);

  constructor(grammar: Grammar, opts: CompileOptions = {}) {
    this.grammar = grammar;
    this.bnf = normalize(grammar);
    const dead = unproductive(this.bnf);
    if (dead.length > 0) {
      const names = dead.map((n) => this.bnf.nonterminalNames[n]!);
      throw new GramfillError("grammar_invalid", `rule '${names[0]}' produces no finite string`, ruleLoc(grammar, names[0]!));
    }
    this.predictions = new PredictionTable(this.bnf);
    const { exprs, patterns } = compileTerminals(grammar, opts.exprs, opts.termIds);
    this.exprs = exprs;
    this.patterns = patterns;
    this.terminalNames = grammar.terminals.map((t) => t.name);
    this.dfa = new LazyDfa(exprs, patterns, { maxStates: opts.maxLexerStates ?? 50_000, names: this.terminalNames });
    this.ignoredMask = new Uint8Array(grammar.terminals.length);
    for (const i of this.bnf.ignoredTerminals) this.ignoredMask[i] = 1;
  }

  newEarley(): EarleyCore {
    return new EarleyCore(this.bnf, this.allowed, this.predictions);
  }

  newParser(): Parser {
    return new Parser(this);
  }

  isFinalState(state: number): boolean {
    if (state >= this.finality.length) {
      const a = new Uint8Array(Math.max(state + 1, this.finality.length * 2));
      a.set(this.finality);
      this.finality = a;
    }
    let f = this.finality[state]!;
    if (f === 0) {
      f = 1;
      if (!this.dfa.isAccepting(state)) f = 2;
      else for (let b = 0; b < 256 && f === 1; b++) if (this.dfa.next(state, b) !== LazyDfa.DEAD) f = 2;
      this.finality[state] = f;
    }
    return f === 1;
  }

  lexerStart(allowedId: number): number {
    if (allowedId >= this.startStates.length) {
      const a = new Int32Array(Math.max(allowedId + 1, this.startStates.length * 2)).fill(-1);
      a.set(this.startStates);
      this.startStates = a;
    }
    let s = this.startStates[allowedId]!;
    if (s < 0) {
      const terms = [...this.allowed.sets[allowedId]!, ...this.bnf.ignoredTerminals];
      s = this.dfa.startState(terms);
      this.startStates[allowedId] = s;
    }
    return s;
  }

  /** Terminal pairs where greedy lexing can make viable-prefix answers optimistic (see conflicts.ts). */
  lexemeConflicts(): LexemeConflict[] {
    return lexemeConflicts(this.bnf, this.exprs, this.patterns);
  }

  /**
   * Runs a whole input through a fresh parser. `timeoutMs` bounds the time (checked every few KB):
   * Earley is cubic on highly ambiguous grammars, and a check must end with an error, not hang.
   */
  check(input: string | Uint8Array, opts: { prefix?: boolean; timeoutMs?: number } = {}): CheckResult {
    const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
    const p = this.newParser();
    const deadline = opts.timeoutMs === undefined ? Infinity : performance.now() + opts.timeoutMs;
    let n = 0;
    for (let from = 0; from < bytes.length; from += CHECK_CHUNK) {
      const to = Math.min(bytes.length, from + CHECK_CHUNK);
      const k = p.feed(bytes, from, to);
      n += k;
      if (from + k < to) break;
      if (performance.now() > deadline) {
        throw new GramfillError("timeout", `gave up after ${opts.timeoutMs} ms at byte ${to} of ${bytes.length} (the grammar is very ambiguous for this input)`, { offset: to });
      }
    }
    if (n < bytes.length) return { ok: false, offset: n, expected: p.expectedTerminals(), atEnd: false };
    if (opts.prefix || p.isAccepting()) return { ok: true, offset: n, expected: [], atEnd: false };
    return { ok: false, offset: n, expected: p.expectedTerminals(), atEnd: true };
  }

  stats(): GrammarStats {
    const b = this.bnf;
    let nullable = 0;
    for (let i = 0; i < b.numNonterminals; i++) nullable += b.nullable[i]!;
    return {
      rules: this.grammar.rules.length,
      nonterminals: b.numNonterminals,
      terminals: b.numTerminals,
      ignoredTerminals: b.ignoredTerminals.length,
      bnfRules: b.ruleStart.length,
      bnfSymbols: b.symbols.length,
      nullableNonterminals: nullable,
      lexerStates: this.dfa.numStates,
      regexNodes: this.exprs.size,
    };
  }
}

export function compileGrammar(grammar: Grammar, opts?: CompileOptions): CompiledGrammar {
  return new CompiledGrammar(grammar, opts);
}

function ruleLoc(g: Grammar, name: string) {
  const owner = name.split("#")[0];
  return g.rules.find((r) => r.name === owner)?.loc ?? (g.file ? { file: g.file } : undefined);
}
