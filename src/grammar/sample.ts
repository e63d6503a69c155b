/**
 * Random words of a grammar: random derivations over the Grammar IR (with a depth budget — past it,
 * only alternatives of least derivation height are chosen, so every derivation terminates) and
 * random terminal strings (random walks over the terminal's regular expression by derivatives,
 * stepping only to non-empty derivatives and stopping with some probability where the walk could
 * end; past a length budget, the walk completes with a shortest suffix).
 *
 * A derivation's lexemes, concatenated, form a word only if greedy lexing splits it back the same
 * way; `sampleWord` checks each candidate with the compiled grammar and retries.
 */
import { ExprSet, type ExprId } from "../regex/index.js";
import type { CompiledGrammar } from "../parser/compile.js";
import type { Grammar, RuleExpr } from "./ir.js";
import { compileTerminals } from "./terminals.js";

export interface SampleOptions {
  /** random numbers in [0, 1) (default Math.random) */
  random?: () => number;
  /** derivation depth after which only the shortest-terminating alternatives are taken (default 12) */
  maxDepth?: number;
  /** terminal length (bytes) after which a walk heads for the nearest end (default 24) */
  maxTerminalBytes?: number;
  /** chance of stopping a terminal walk where it may end (default 0.3) */
  stopProbability?: number;
  /** extra repetitions beyond the minimum, at most (default 3) */
  maxExtraRepeats?: number;
  /** attempts before giving up (default 20) */
  attempts?: number;
}

export class Sampler {
  private readonly exprs: ExprSet;
  private readonly patterns = new Map<string, ExprId>();
  private readonly rules = new Map<string, RuleExpr>();
  private readonly height = new Map<string, number>();
  private readonly rnd: () => number;
  private readonly o: Required<Omit<SampleOptions, "random">>;

  constructor(
    private readonly grammar: Grammar,
    opts: SampleOptions = {},
  ) {
    this.rnd = opts.random ?? Math.random;
    this.o = {
      maxDepth: opts.maxDepth ?? 12,
      maxTerminalBytes: opts.maxTerminalBytes ?? 24,
      stopProbability: opts.stopProbability ?? 0.3,
      maxExtraRepeats: opts.maxExtraRepeats ?? 3,
      attempts: opts.attempts ?? 20,
    };
    const { exprs, patterns } = compileTerminals(grammar, new ExprSet());
    this.exprs = exprs;
    grammar.terminals.forEach((t, i) => this.patterns.set(t.name, patterns[i]!));
    for (const r of grammar.rules) this.rules.set(r.name, r.expr);
    this.computeHeights();
  }

  private computeHeights(): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, e] of this.rules) {
        const h = this.exprHeight(e);
        if (h !== Infinity && h + 1 < (this.height.get(name) ?? Infinity)) {
          this.height.set(name, h + 1);
          changed = true;
        }
      }
    }
  }

  private exprHeight(e: RuleExpr): number {
    switch (e.type) {
      case "terminal":
        return 0;
      case "rule":
        return this.height.get(e.name) ?? Infinity;
      case "seq":
        return e.items.reduce((m, x) => Math.max(m, this.exprHeight(x)), 0);
      case "alt":
        return e.alts.reduce((m, x) => Math.min(m, this.exprHeight(x)), Infinity);
      case "repeat":
        return e.min === 0 ? 0 : this.exprHeight(e.expr);
    }
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }

  /** one derivation's lexemes, concatenated */
  derive(): Uint8Array {
    const out: number[] = [];
    const stack: Array<[RuleExpr, number]> = [[{ type: "rule", name: this.grammar.start }, 0]];
    while (stack.length) {
      const [e, depth] = stack.pop()!;
      const over = depth > this.o.maxDepth;
      switch (e.type) {
        case "terminal":
          out.push(...this.terminalString(this.patterns.get(e.name)!));
          break;
        case "rule":
          stack.push([this.rules.get(e.name)!, depth + 1]);
          break;
        case "seq":
          for (let i = e.items.length - 1; i >= 0; i--) stack.push([e.items[i]!, depth]);
          break;
        case "alt": {
          let alts = e.alts.filter((a) => this.exprHeight(a) !== Infinity);
          if (over) {
            const best = Math.min(...alts.map((a) => this.exprHeight(a)));
            alts = alts.filter((a) => this.exprHeight(a) === best);
          }
          stack.push([this.pick(alts), depth]);
          break;
        }
        case "repeat": {
          const extra = over ? 0 : Math.floor(this.rnd() * (this.o.maxExtraRepeats + 1));
          const n = Math.min(e.max, e.min + extra);
          for (let i = 0; i < n; i++) stack.push([e.expr, depth]);
          break;
        }
      }
    }
    return Uint8Array.from(out);
  }

  /** a random member of a terminal's language */
  terminalString(e: ExprId): number[] {
    const x = this.exprs;
    const out: number[] = [];
    for (;;) {
      if (x.nullable(e) && (this.rnd() < this.o.stopProbability || out.length >= this.o.maxTerminalBytes)) return out;
      if (out.length >= this.o.maxTerminalBytes) {
        const rest = x.shortestMember(e);
        if (rest) out.push(...rest);
        return out;
      }
      const mask = x.byteClassMask(e);
      const intervals: Array<[number, number]> = [];
      let start = 0;
      for (let b = 1; b <= 256; b++) {
        if (b === 256 || (mask[b >>> 5]! >>> (b & 31)) & 1) {
          if (!x.isEmpty(x.derivative(e, start))) intervals.push([start, b - 1]);
          start = b;
        }
      }
      if (intervals.length === 0) return out; // only ε left
      const [lo, hi] = this.pick(intervals);
      const b = lo + Math.floor(this.rnd() * (hi - lo + 1));
      out.push(b);
      e = x.derivative(e, b);
    }
  }
}

/** A random word of the compiled grammar's language, or undefined when no attempt lexed back. */
export function sampleWord(compiled: CompiledGrammar, opts: SampleOptions = {}, sampler = new Sampler(compiled.grammar, opts)): Uint8Array | undefined {
  const attempts = opts.attempts ?? 20;
  for (let i = 0; i < attempts; i++) {
    const w = sampler.derive();
    if (compiled.check(w).ok) return w;
  }
  return undefined;
}
