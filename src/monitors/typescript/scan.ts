/**
 * A byte-level lexical scanner for TypeScript/JavaScript that knows just enough to find the
 * monitor's trigger points and the identifier written after them: code vs strings, template
 * literals (with `${}` nesting), comments, regex literals (the usual "after an expression it is a
 * division" rule), numbers (`1.5` is not a member access), and the last significant token.
 *
 * Contexts ("the next identifier is constrained"):
 *  - member: a `.` after an expression end (identifier, number, `)`, `]`, `}`, string, `!`);
 *  - optional member: `?.` (then `(` and `[` are also fine: `a?.(x)`, `a?.[0]`);
 *  - new: the keyword `new` followed by whitespace.
 * In a context, an identifier start begins a constrained identifier
 * whose bytes must follow the oracle's name trie, and anything else is refused (after `new` it
 * simply ends the context: `new (X)`; whitespace is refused after a dot, kept after `new`). The state is a flat object of numbers (copied, never
 * allocated per byte), so a walk over the token trie keeps one state per depth.
 *
 * The scanner is a heuristic for code/string/comment/regex boundaries; the language service has the
 * last word on whether a context really is a member access (the oracle returns "free" otherwise).
 */

export const enum Mode {
  Code,
  Slash,
  LineComment,
  BlockComment,
  BlockStar,
  Single,
  SingleEscape,
  Double,
  DoubleEscape,
  Template,
  TemplateEscape,
  TemplateDollar,
  Regex,
  RegexEscape,
  RegexClass,
  RegexClassEscape,
}

/** What came last in code, for "is this `.` a member access" and "is this `/` a regex". */
export const enum Last {
  /** an operator, an opening bracket, the start: what follows starts an expression */
  None,
  /** the end of an expression */
  Expr,
  /** `?` right before (optional chaining) */
  Question,
  /** the keyword `new` */
  New,
  /** a `.` */
  Dot,
}

export const enum Ctx {
  None,
  Member,
  OptionalMember,
  New,
}

const enum Word {
  None,
  Ident,
  Number,
}

/** A set of names as a byte trie (node 0 = root). */
export class NameTrie {
  readonly names: readonly string[];
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly terminal: boolean[] = [false];

  constructor(names: readonly string[]) {
    this.names = names;
    const enc = new TextEncoder();
    for (const name of names) {
      let node = 0;
      for (const b of enc.encode(name)) {
        let c = this.next[node]!.get(b);
        if (c === undefined) {
          c = this.next.length;
          this.next.push(new Map());
          this.terminal.push(false);
          this.next[node]!.set(b, c);
        }
        node = c;
      }
      this.terminal[node] = true;
    }
  }

  /** The child of `node` along `byte`, or -1. */
  child(node: number, byte: number): number {
    return this.next[node]!.get(byte) ?? -1;
  }

  /** Whether the path to `node` is a whole name. */
  isName(node: number): boolean {
    return this.terminal[node]!;
  }
}

/** A saved brace depth of the code around a template literal's `${`. */
interface TemplateFrame {
  readonly depth: number;
  readonly next: TemplateFrame | null;
}

/**
 * Answers "which names may be written in this context": a trie, `null` when the identifier is free
 * (the service knows nothing there, or it is no member access after all), or `FORBIDDEN` when the
 * identifier may not be written in this token at all.
 * `at` is -1 when the context arose before the current token, or the offset in the token of the
 * byte that created it.
 */
export type NameOracle = (ctx: Ctx, at: number) => NameTrie | null | typeof FORBIDDEN;
export const FORBIDDEN = 0 as const;

export function isIdentStart(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || b === 0x24 || b >= 0x80;
}

export function isIdentPart(b: number): boolean {
  return isIdentStart(b) || (b >= 0x30 && b <= 0x39);
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d || b === 0x0b || b === 0x0c;
}

const NEW = [0x6e, 0x65, 0x77]; // "new"

export class ScanState {
  mode: Mode = Mode.Code;
  last: Last = Last.None;
  ctx: Ctx = Ctx.None;
  /** offset in the current token of the byte that created `ctx`; -1: before the token */
  ctxAt = -1;
  private word: Word = Word.None;
  /** progress matching "new" in the current identifier (3 = it is "new"), -1 once it differs */
  private kw = -1;
  private numberDot = false;
  private slashRegex = false;
  private braces = 0;
  private template: TemplateFrame | null = null;
  /** the names the current identifier must follow (null: free) */
  names: NameTrie | null = null;
  nameNode = 0;

  copyFrom(o: ScanState): void {
    this.mode = o.mode;
    this.last = o.last;
    this.ctx = o.ctx;
    this.ctxAt = o.ctxAt;
    this.word = o.word;
    this.kw = o.kw;
    this.numberDot = o.numberDot;
    this.slashRegex = o.slashRegex;
    this.braces = o.braces;
    this.template = o.template;
    this.names = o.names;
    this.nameNode = o.nameNode;
  }

  clone(): ScanState {
    const s = new ScanState();
    s.copyFrom(this);
    return s;
  }

  /**
   * Nothing pending that depends on an analysis: no context, no constrained identifier, and not
   * at the end of a word `new` (whitespace next would open a context).
   */
  isSettled(): boolean {
    return this.ctx === Ctx.None && this.names === null && !(this.word === Word.Ident && this.kw === 3);
  }

  /** Whether the text may end here as far as the monitor is concerned (no identifier owed). */
  mayEnd(): boolean {
    return this.ctx === Ctx.None && (this.names === null || this.names.isName(this.nameNode));
  }

  /** Drops a pending context (after a refused byte in text nobody constrains, such as the prompt). */
  clearContext(): void {
    this.ctx = Ctx.None;
    this.names = null;
  }

  /** Inside an identifier (the last byte read was part of one). */
  inIdentifier(): boolean {
    return this.mode === Mode.Code && this.word === Word.Ident;
  }

  /** Inside code (not a string, comment, template text or regex). */
  inCode(): boolean {
    return this.mode === Mode.Code;
  }

  /**
   * Reads one byte, `off` = its offset in the current token. False: the byte is refused (an
   * identifier the oracle does not offer, or a context left without an identifier); the state is
   * then meaningless.
   */
  step(b: number, off: number, oracle: NameOracle): boolean {
    switch (this.mode) {
      case Mode.Code:
        return this.code(b, off, oracle);
      case Mode.Slash:
        if (b === 0x2f) this.mode = Mode.LineComment;
        else if (b === 0x2a) this.mode = Mode.BlockComment;
        else if (this.slashRegex) {
          this.mode = Mode.Regex;
          this.regex(b);
        } else {
          this.mode = Mode.Code;
          this.last = Last.None;
          return this.code(b, off, oracle);
        }
        return true;
      case Mode.LineComment:
        if (b === 0x0a) this.mode = Mode.Code;
        return true;
      case Mode.BlockComment:
        if (b === 0x2a) this.mode = Mode.BlockStar;
        return true;
      case Mode.BlockStar:
        this.mode = b === 0x2f ? Mode.Code : b === 0x2a ? Mode.BlockStar : Mode.BlockComment;
        return true;
      case Mode.Single:
      case Mode.Double: {
        const quote = this.mode === Mode.Single ? 0x27 : 0x22;
        if (b === 0x5c) this.mode = this.mode === Mode.Single ? Mode.SingleEscape : Mode.DoubleEscape;
        else if (b === quote) {
          this.mode = Mode.Code;
          this.last = Last.Expr;
        } else if (b === 0x0a) {
          this.mode = Mode.Code;
          this.last = Last.None;
        }
        return true;
      }
      case Mode.SingleEscape:
        this.mode = Mode.Single;
        return true;
      case Mode.DoubleEscape:
        this.mode = Mode.Double;
        return true;
      case Mode.TemplateDollar:
        if (b === 0x7b) {
          this.template = { depth: this.braces, next: this.template };
          this.braces = 0;
          this.mode = Mode.Code;
          this.last = Last.None;
          return true;
        }
        this.mode = Mode.Template;
        return this.step(b, off, oracle);
      case Mode.Template:
        if (b === 0x5c) this.mode = Mode.TemplateEscape;
        else if (b === 0x60) {
          this.mode = Mode.Code;
          this.last = Last.Expr;
        } else if (b === 0x24) this.mode = Mode.TemplateDollar;
        return true;
      case Mode.TemplateEscape:
        this.mode = Mode.Template;
        return true;
      default:
        this.regex(b);
        return true;
    }
  }

  private regex(b: number): void {
    switch (this.mode) {
      case Mode.Regex:
        if (b === 0x5c) this.mode = Mode.RegexEscape;
        else if (b === 0x5b) this.mode = Mode.RegexClass;
        else if (b === 0x2f) {
          this.mode = Mode.Code;
          this.last = Last.Expr;
        } else if (b === 0x0a) {
          this.mode = Mode.Code;
          this.last = Last.None;
        }
        return;
      case Mode.RegexEscape:
        this.mode = Mode.Regex;
        return;
      case Mode.RegexClass:
        if (b === 0x5c) this.mode = Mode.RegexClassEscape;
        else if (b === 0x5d) this.mode = Mode.Regex;
        return;
      case Mode.RegexClassEscape:
        this.mode = Mode.RegexClass;
        return;
    }
  }

  private code(b: number, off: number, oracle: NameOracle): boolean {
    if (this.word === Word.Ident) {
      if (isIdentPart(b)) {
        if (this.kw >= 0) this.kw = this.kw < 3 && NEW[this.kw] === b ? this.kw + 1 : -1;
        if (this.names !== null) {
          this.nameNode = this.names.child(this.nameNode, b);
          if (this.nameNode < 0) return false;
        }
        return true;
      }
      // the identifier ends here
      if (this.names !== null && !this.names.isName(this.nameNode)) return false;
      this.last = this.kw === 3 ? Last.New : Last.Expr;
      this.word = Word.None;
      this.names = null;
    } else if (this.word === Word.Number) {
      if (isIdentPart(b)) {
        if (b === 0x65 || b === 0x45) this.numberDot = true; // an exponent: no fraction after it
        return true;
      }
      if (b === 0x2e && !this.numberDot) {
        this.numberDot = true;
        return true;
      }
      this.word = Word.None;
      this.last = Last.Expr;
    }

    if (this.ctx !== Ctx.None) {
      // `new` needs whitespace before the class; after a member dot the name follows directly
      if (isSpace(b)) return this.ctx === Ctx.New;
      if (isIdentStart(b) || (b === 0x23 && this.ctx !== Ctx.New)) {
        const names = oracle(this.ctx, this.ctxAt);
        if (names === FORBIDDEN) return false;
        this.ctx = Ctx.None;
        this.word = Word.Ident;
        this.kw = -1;
        this.names = names;
        if (names !== null) {
          this.nameNode = names.child(0, b);
          if (this.nameNode < 0) return false;
        }
        return true;
      }
      if (this.ctx === Ctx.Member) return false;
      if (this.ctx === Ctx.OptionalMember && b !== 0x28 && b !== 0x5b) return false;
      this.ctx = Ctx.None;
    }

    if (isSpace(b)) {
      if (this.last === Last.New) {
        this.ctx = Ctx.New;
        this.ctxAt = off;
        this.last = Last.None;
      } else if (this.last === Last.Question) this.last = Last.None;
      return true;
    }
    if (isIdentStart(b)) {
      this.word = Word.Ident;
      this.kw = b === NEW[0] ? 1 : -1;
      this.names = null;
      return true;
    }
    if (b >= 0x30 && b <= 0x39) {
      this.word = Word.Number;
      this.numberDot = this.last === Last.Dot; // `.5`: the fraction already started
      return true;
    }
    switch (b) {
      case 0x2e: // .
        if (this.last === Last.Expr || this.last === Last.Question) {
          this.ctx = this.last === Last.Expr ? Ctx.Member : Ctx.OptionalMember;
          this.ctxAt = off;
        }
        this.last = Last.Dot;
        return true;
      case 0x3f: // ?
        this.last = Last.Question;
        return true;
      case 0x22:
        this.mode = Mode.Double;
        return true;
      case 0x27:
        this.mode = Mode.Single;
        return true;
      case 0x60:
        this.mode = Mode.Template;
        return true;
      case 0x2f:
        this.mode = Mode.Slash;
        this.slashRegex = this.last !== Last.Expr;
        return true;
      case 0x7b: // {
        this.braces++;
        this.last = Last.None;
        return true;
      case 0x7d: // }
        if (this.braces === 0 && this.template !== null) {
          this.braces = this.template.depth;
          this.template = this.template.next;
          this.mode = Mode.Template;
          return true;
        }
        if (this.braces > 0) this.braces--;
        this.last = Last.Expr;
        return true;
      case 0x29: // )
      case 0x5d: // ]
        this.last = Last.Expr;
        return true;
      case 0x21: // ! (a non-null assertion keeps the expression's end)
        if (this.last !== Last.Expr) this.last = Last.None;
        return true;
      default:
        this.last = Last.None;
        return true;
    }
  }
}
