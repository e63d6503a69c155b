/**
 * GBNF front-end (llama.cpp's grammar format), a hand-written recursive-descent parser.
 *
 * Syntax: `name ::= alternatives` (names `[A-Za-z0-9_-]+`), `"literal"` with escapes
 * `\n \r \t \\ \" \[ \] \xHH \uHHHH \UHHHHHHHH`, character classes `[a-z0-9_]` / `[^"\\]`, `.`
 * (any code point), groups `( )`, `|`, postfix `? * +`, `{m}`, `{m,}`, `{m,n}`, `{,n}`, `#` comments.
 * A rule ends at the end of its line, unless inside parentheses or the next line continues the
 * alternation with `|`. The start rule is `root`.
 *
 * GBNF has no lexer, so every terminal we make matches exactly one code point: a literal becomes
 * a sequence of one-code-point literal terminals, a class or `.` one `charset` terminal
 * (identical sets share one terminal; a one-code-point class is the literal terminal).
 */
import type { Diagnostic, Grammar, RuleDef, RuleExpr, TermExpr, TerminalDef } from "./ir.js";
import {
  charsetTerminalName,
  literalTerminalName,
  MAX_CODE_POINT,
  MAX_NESTING,
  normalizeRanges,
  type RefFactory,
  SourceText,
  type Ranges,
} from "./text.js";

export interface GbnfOptions {
  file?: string;
  start?: string;
}

/** Parses a GBNF grammar into the Grammar IR (no validation; see `parseGrammar` in load.ts). */
export function parseGbnf(text: string, opts: GbnfOptions = {}): Grammar {
  return new GbnfParser(text, opts).parse();
}

const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;

class GbnfParser {
  private pos = 0;
  private depth = 0;
  private readonly src: SourceText;
  private readonly text: string;
  private readonly rules: RuleDef[] = [];
  private readonly ruleIndex = new Map<string, RuleDef>();
  private readonly terminals: TerminalDef[] = [];
  private readonly termIndex = new Map<string, TerminalDef>();
  /** one shared reference node per terminal, by terminal name */
  private readonly termRefs = new Map<string, RuleExpr>();
  /** literal code point -> its terminal reference */
  private readonly literalRefs = new Map<number, RuleExpr>();
  /** source text of a character class or `.` -> its terminal reference */
  private readonly classRefs = new Map<string, RuleExpr>();
  /** rule names, interned (every reference to a rule shares its name string) */
  private readonly names = new Map<string, string>();
  private readonly refs: RefFactory;

  constructor(
    text: string,
    private readonly opts: GbnfOptions,
  ) {
    this.text = text;
    this.src = new SourceText(text, opts.file);
    this.refs = this.src.refs();
  }

  parse(): Grammar {
    this.skipSpace(true);
    while (this.pos < this.text.length) {
      this.parseRule();
      this.skipSpace(true);
    }
    const diagnostics: Diagnostic[] = [];
    const g: Grammar = {
      start: this.opts.start ?? "root",
      rules: this.rules,
      terminals: this.terminals,
      diagnostics,
    };
    if (this.opts.file !== undefined) g.file = this.opts.file;
    return g;
  }

  private fail(message: string, at = this.pos): never {
    throw this.src.error("grammar_syntax", message, at);
  }

  private peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  private found(): string {
    if (this.pos >= this.text.length) return "end of input";
    const c = this.text.codePointAt(this.pos)!;
    if (c === 10 || c === 13) return "end of line";
    return `'${String.fromCodePoint(c)}'`;
  }

  /** Skips blanks and `#` comments; newlines too when `newlines`. */
  private skipSpace(newlines: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9) this.pos++;
      else if (c === 35) {
        while (this.pos < t.length && t.charCodeAt(this.pos) !== 10 && t.charCodeAt(this.pos) !== 13) this.pos++;
      } else if (newlines && (c === 10 || c === 13)) this.pos++;
      else break;
    }
  }

  private parseName(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isNameChar(this.text.charCodeAt(this.pos))) this.pos++;
    const name = this.text.slice(start, this.pos);
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }

  private parseRule(): void {
    const start = this.pos;
    const name = this.parseName();
    if (!name) this.fail(`expected a rule name but found ${this.found()}`);
    this.skipSpace(false);
    if (!this.text.startsWith("::=", this.pos)) this.fail(`expected '::=' after rule name '${name}' but found ${this.found()}`);
    this.pos += 3;
    this.skipSpace(true);
    const expr = this.parseAlternates(false);
    const c = this.peek();
    if (this.pos < this.text.length && c !== 10 && c !== 13) {
      this.fail(`expected end of line after the definition of '${name}' but found ${this.found()}`);
    }
    const prev = this.ruleIndex.get(name);
    if (prev) {
      throw this.src.error(
        "grammar_invalid",
        `rule '${name}' is defined twice (first at line ${prev.loc?.line}, col ${prev.loc?.col})`,
        start,
      );
    }
    const def: RuleDef = { name, expr, loc: this.src.loc(start) };
    this.rules.push(def);
    this.ruleIndex.set(name, def);
  }

  private parseAlternates(nested: boolean): RuleExpr {
    const alts = [this.parseSequence(nested)];
    for (;;) {
      if (this.peek() === 124 /* | */) {
        this.pos++;
        this.skipSpace(true);
        alts.push(this.parseSequence(nested));
        continue;
      }
      if (!nested) {
        // a following line that starts with `|` continues the alternation
        const save = this.pos;
        this.skipSpace(true);
        if (this.peek() === 124) continue;
        this.pos = save;
      }
      break;
    }
    // `slice` trims the capacity `push` left behind: huge grammars keep millions of these arrays
    return alts.length === 1 ? alts[0]! : { type: "alt", alts: alts.slice() };
  }

  private parseSequence(nested: boolean): RuleExpr {
    const items: RuleExpr[] = [];
    for (;;) {
      const c = this.peek();
      const at = this.pos;
      let e: RuleExpr;
      if (c === 34 /* " */) e = this.parseLiteral();
      else if (c === 91 /* [ */) e = this.parseClass();
      else if (c === 46 /* . */) {
        this.pos++;
        e = this.classRefs.get(".") ?? this.classRef(".", this.charsetTerminal([], true));
      } else if (c === 40 /* ( */) {
        this.pos++;
        if (++this.depth > MAX_NESTING) this.fail(`parentheses nested too deeply (more than ${MAX_NESTING} levels)`, at);
        this.skipSpace(true);
        e = this.parseAlternates(true);
        if (this.peek() !== 41 /* ) */) this.fail(`expected ')' to close the group opened at ${this.lc(at)} but found ${this.found()}`);
        this.pos++;
        this.depth--;
      } else if (isNameChar(c)) {
        const name = this.parseName();
        e = this.refs.rule(name, at);
      } else break;
      this.skipSpace(nested);
      // postfix operators
      for (;;) {
        const op = this.peek();
        if (op === 42 /* * */) e = { type: "repeat", expr: e, min: 0, max: Infinity };
        else if (op === 43 /* + */) e = { type: "repeat", expr: e, min: 1, max: Infinity };
        else if (op === 63 /* ? */) e = { type: "repeat", expr: e, min: 0, max: 1 };
        else if (op === 123 /* { */) {
          const { min, max } = this.parseBraces();
          e = { type: "repeat", expr: e, min, max };
          this.skipSpace(nested);
          continue;
        } else break;
        this.pos++;
        this.skipSpace(nested);
      }
      items.push(e);
    }
    return items.length === 1 ? items[0]! : { type: "seq", items: items.slice() };
  }

  private lc(offset: number): string {
    const l = this.src.loc(offset);
    return `${l.line}:${l.col}`;
  }

  private parseInt(): number | undefined {
    const start = this.pos;
    while (this.pos < this.text.length && this.peek() >= 48 && this.peek() <= 57) this.pos++;
    if (this.pos === start) return undefined;
    const n = Number(this.text.slice(start, this.pos));
    if (n > 1_000_000) this.fail(`repetition count ${n} is too large`, start);
    return n;
  }

  /** `{m}`, `{m,}`, `{m,n}`, `{,n}` */
  private parseBraces(): { min: number; max: number } {
    const at = this.pos;
    this.pos++;
    this.skipSpace(false);
    const m = this.parseInt();
    this.skipSpace(false);
    let min: number;
    let max: number;
    if (this.peek() === 44 /* , */) {
      this.pos++;
      this.skipSpace(false);
      const n = this.parseInt();
      min = m ?? 0;
      max = n ?? Infinity;
      if (m === undefined && n === undefined) this.fail("expected a number in repetition {m,n}", at);
    } else {
      if (m === undefined) this.fail(`expected a number after '{' but found ${this.found()}`);
      min = max = m;
    }
    this.skipSpace(false);
    if (this.peek() !== 125 /* } */) this.fail(`expected '}' to close the repetition but found ${this.found()}`);
    this.pos++;
    if (max < min) this.fail(`repetition {${min},${max}} is empty (max < min)`, at);
    return { min, max };
  }

  /** One (possibly escaped) code point inside a literal or class. */
  private parseChar(): number {
    const t = this.text;
    const at = this.pos;
    const c = t.codePointAt(this.pos)!;
    if (c !== 92 /* \ */) {
      this.pos += c > 0xffff ? 2 : 1;
      return c;
    }
    const d = t[this.pos + 1];
    const hex = (len: number): number => {
      const h = t.slice(this.pos + 2, this.pos + 2 + len);
      if (h.length !== len || !/^[0-9a-fA-F]+$/.test(h)) {
        this.fail(`invalid escape '\\${d}${h}': expected ${len} hex digits`, at);
      }
      const v = parseInt(h, 16);
      if (v > MAX_CODE_POINT || (v >= 0xd800 && v <= 0xdfff)) this.fail(`escape '\\${d}${h}' is not a valid code point`, at);
      this.pos += 2 + len;
      return v;
    };
    switch (d) {
      case "x":
        return hex(2);
      case "u":
        return hex(4);
      case "U":
        return hex(8);
      case "n":
        this.pos += 2;
        return 10;
      case "r":
        this.pos += 2;
        return 13;
      case "t":
        this.pos += 2;
        return 9;
      case "\\":
      case '"':
      case "[":
      case "]":
      case "-":
      case "^":
        this.pos += 2;
        return d.charCodeAt(0);
      default:
        this.fail(d === undefined ? "unterminated escape" : `unknown escape '\\${d}'`, at);
    }
  }

  private parseLiteral(): RuleExpr {
    const at = this.pos;
    this.pos++;
    const items: RuleExpr[] = [];
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated string literal", at);
      const c = this.peek();
      if (c === 34) break;
      if (c === 10 || c === 13) this.fail("unterminated string literal (a literal cannot span lines)", at);
      const cp = this.parseChar();
      items.push(this.literalTerminal(cp));
    }
    this.pos++;
    return items.length === 1 ? items[0]! : { type: "seq", items: items.slice() };
  }

  private parseClass(): RuleExpr {
    const at = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() === 94 /* ^ */) {
      negated = true;
      this.pos++;
    }
    const ranges: Ranges = [];
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated character class", at);
      const c = this.peek();
      if (c === 93 /* ] */) break;
      if (c === 10 || c === 13) this.fail("unterminated character class (a class cannot span lines)", at);
      const charAt = this.pos;
      const lo = this.parseChar();
      let hi = lo;
      if (this.peek() === 45 /* - */ && this.text.charCodeAt(this.pos + 1) !== 93) {
        this.pos++;
        const n = this.peek();
        if (this.pos >= this.text.length || n === 10 || n === 13) this.fail("unterminated character class", at);
        hi = this.parseChar();
        if (hi < lo) this.fail(`character range is out of order (${String.fromCodePoint(lo)} > ${String.fromCodePoint(hi)})`, charAt);
      }
      ranges.push([lo, hi]);
    }
    this.pos++;
    const source = this.text.slice(at, this.pos);
    return this.classRefs.get(source) ?? this.classRef(source, this.charsetTerminal(normalizeRanges(ranges), negated));
  }

  private classRef(source: string, ref: RuleExpr): RuleExpr {
    this.classRefs.set(source, ref);
    return ref;
  }

  /** The (shared) reference to terminal `name`, defined as `expr()` on first use. */
  private terminal(name: string, expr: () => TermExpr): RuleExpr {
    let ref = this.termRefs.get(name);
    if (!ref) {
      const def: TerminalDef = { name, expr: expr() };
      this.terminals.push(def);
      this.termIndex.set(name, def);
      ref = { type: "terminal", name };
      this.termRefs.set(name, ref);
    }
    return ref;
  }

  private literalTerminal(cp: number): RuleExpr {
    let ref = this.literalRefs.get(cp);
    if (!ref) {
      const value = String.fromCodePoint(cp);
      ref = this.terminal(literalTerminalName(value), () => ({ type: "literal", value }));
      this.literalRefs.set(cp, ref);
    }
    return ref;
  }

  private charsetTerminal(ranges: Ranges, negated: boolean): RuleExpr {
    if (!negated && ranges.length === 1 && ranges[0]![0] === ranges[0]![1]) return this.literalTerminal(ranges[0]![0]);
    const expr: TermExpr = negated ? { type: "charset", ranges, negated: true } : { type: "charset", ranges };
    return this.terminal(charsetTerminalName(ranges, negated), () => expr);
  }
}
