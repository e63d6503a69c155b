/**
 * Lark-style EBNF front-end (the dialect llguidance accepts), parsed with chevrotain.
 *
 * Supported: rules `name: a | b` (continuation lines starting with `|`, newlines inside brackets),
 * `?name` / `!name` prefixes and `name.N` priorities (same language; priorities ignored), aliases
 * `-> name` (ignored), terminals `NAME: ...` (`NAME.N` ignored), `_name` / `_NAME`, strings with
 * escapes and the `i` flag, `/regex/flags`, ranges `"a".."z"`, `( )`, `[ ]` (optional), `? * +`,
 * `~ n`, `~ n..m`, `//` and `#` comments, `%ignore`, `%import common.X [-> Y]`,
 * `%import common (X, Y)`, `%override`, `%extend`, template rules `_sep{x, sep}: x (sep x)*`.
 * Not supported (clear `grammar_syntax` errors): `%declare`, imports of modules other than `common`,
 * relative imports.
 */
import {
  createToken,
  EmbeddedActionsParser,
  EOF,
  Lexer,
  tokenLabel,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
} from "chevrotain";
import { GramfillError, type SourceLocation } from "../util/errors.js";
import type { Diagnostic, Grammar, RuleDef, RuleExpr, TermExpr, TerminalDef } from "./ir.js";
import { COMMON_TERMINAL_NAMES, commonTerminal } from "./common.js";
import { literalTerminalName, MAX_NESTING, SourceText } from "./text.js";

export interface LarkOptions {
  file?: string;
  start?: string;
}

// ---------------------------------------------------------------------------------------------
// Tokens

const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\f]+/, group: Lexer.SKIPPED });
const LineContinuation = createToken({
  name: "LineContinuation",
  pattern: /\\(?:\r\n?|\n)/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
const Comment = createToken({ name: "Comment", pattern: /(?:\/\/|#)[^\r\n]*/, group: Lexer.SKIPPED });
const NL = createToken({ name: "NL", pattern: /(?:\r\n?|\n)+/, line_breaks: true, label: "end of line" });
const Directive = createToken({ name: "Directive", pattern: /%[A-Za-z_]\w*/, label: "directive" });
const kw = (name: string, word: string) =>
  createToken({ name, pattern: new RegExp("%" + word), longer_alt: Directive, label: `'%${word}'` });
const Ignore = kw("Ignore", "ignore");
const Import = kw("Import", "import");
const Override = kw("Override", "override");
const Extend = kw("Extend", "extend");
const Declare = kw("Declare", "declare");
const Arrow = createToken({ name: "Arrow", pattern: /->/, label: "'->'" });
const Range = createToken({ name: "Range", pattern: /\.\./, label: "'..'" });
const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });
const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
const VBar = createToken({ name: "VBar", pattern: /\|/, label: "'|'" });
const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "']'" });
const LBrace = createToken({ name: "LBrace", pattern: /\{/, label: "'{'" });
const RBrace = createToken({ name: "RBrace", pattern: /\}/, label: "'}'" });
const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
const Question = createToken({ name: "Question", pattern: /\?/, label: "'?'" });
const Star = createToken({ name: "Star", pattern: /\*/, label: "'*'" });
const Plus = createToken({ name: "Plus", pattern: /\+/, label: "'+'" });
const Tilde = createToken({ name: "Tilde", pattern: /~/, label: "'~'" });
const Bang = createToken({ name: "Bang", pattern: /!/, label: "'!'" });
const Num = createToken({ name: "Num", pattern: /\d+/, label: "number" });
const Str = createToken({ name: "Str", pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"i?/, label: "string" });
const Regexp = createToken({
  name: "Regexp",
  pattern: /\/(?!\/)(?:[^/\\\r\n]|\\[^\r\n])+\/[imslux]*/,
  label: "regex",
});
const Name = createToken({ name: "Name", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "name" });

const allTokens = [
  WhiteSpace,
  LineContinuation,
  Comment,
  NL,
  Ignore,
  Import,
  Override,
  Extend,
  Declare,
  Directive,
  Arrow,
  Range,
  Dot,
  Colon,
  VBar,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Question,
  Star,
  Plus,
  Tilde,
  Bang,
  Num,
  Str,
  Regexp,
  Name,
];

/**
 * The lexer, by hand: the token patterns above, tried in the order of `allTokens` (first match
 * wins; a keyword gives way to a longer directive), scanned into flat arrays instead of one
 * object per token. Chevrotain only sees token objects of the statements it is parsing.
 */
const KIND_TYPES: TokenType[] = allTokens;
const K = Object.fromEntries(allTokens.map((t, i) => [t.name, i])) as Record<string, number>;
const K_NL = K.NL!;
const K_VBAR = K.VBar!;
const K_DIRECTIVE = K.Directive!;
const K_NUM = K.Num!;
const K_STR = K.Str!;
const K_REGEXP = K.Regexp!;
const K_NAME = K.Name!;
const K_ARROW = K.Arrow!;
const K_RANGE = K.Range!;
const K_DOT = K.Dot!;
const OPENERS = new Set([K.LParen!, K.LBracket!, K.LBrace!]);
const CLOSERS = new Set([K.RParen!, K.RBracket!, K.RBrace!]);
const KEYWORDS = new Map<string, number>([
  ["%ignore", K.Ignore!],
  ["%import", K.Import!],
  ["%override", K.Override!],
  ["%extend", K.Extend!],
  ["%declare", K.Declare!],
]);
/** one-character tokens by char code */
const SINGLE = new Map<number, number>(
  (
    [
      [":", "Colon"],
      ["|", "VBar"],
      ["(", "LParen"],
      [")", "RParen"],
      ["[", "LBracket"],
      ["]", "RBracket"],
      ["{", "LBrace"],
      ["}", "RBrace"],
      [",", "Comma"],
      ["?", "Question"],
      ["*", "Star"],
      ["+", "Plus"],
      ["~", "Tilde"],
      ["!", "Bang"],
    ] as const
  ).map(([ch, name]) => [ch.charCodeAt(0), K[name]!]),
);

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isEol = (c: number) => c === 10 || c === 13;

/**
 * Index of the delimiter that closes the string or regex opening at `start` (backslash escapes
 * skipped), or -1 when the line or the text ends first.
 */
function closingDelimiter(text: string, start: number, delimiter: number): number {
  const n = text.length;
  let j = start + 1;
  for (;;) {
    if (j >= n) return -1;
    const d = text.charCodeAt(j);
    if (d === delimiter) return j;
    if (isEol(d)) return -1;
    if (d === 92) {
      if (j + 1 >= n || isEol(text.charCodeAt(j + 1))) return -1;
      j += 2;
    } else j++;
  }
}

/** Significant tokens (skipped ones dropped) as parallel arrays: kind (index into allTokens), start, end. */
interface Lexed {
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

/** Lexes `text`; throws a LarkSyntaxError at the first character no token pattern matches. */
function lex(text: string): Lexed {
  const n = text.length;
  let cap = Math.max(16, n >> 2);
  let kind = new Uint8Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let count = 0;
  const push = (k: number, s: number, e: number) => {
    if (count === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap);
      k2.set(kind);
      kind = k2;
      const s2 = new Int32Array(cap);
      s2.set(start);
      start = s2;
      const e2 = new Int32Array(cap);
      e2.set(end);
      end = e2;
    }
    kind[count] = k;
    start[count] = s;
    end[count++] = e;
  };
  const fail = (at: number): never => {
    const ch = text[at] ?? "";
    let message: string;
    if (ch === '"') message = "unterminated string literal";
    else if (ch === "/") message = "unterminated regex literal (or a regex with an unescaped '/')";
    else message = `unexpected character ${JSON.stringify(String.fromCodePoint(text.codePointAt(at) ?? 0))}`;
    throw new LarkSyntaxError(message, at);
  };
  const toEol = (j: number) => {
    while (j < n && !isEol(text.charCodeAt(j))) j++;
    return j;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // WhiteSpace
    if (c === 32 || c === 9 || c === 12) {
      i++;
      for (let d = text.charCodeAt(i); d === 32 || d === 9 || d === 12; d = text.charCodeAt(++i));
      continue;
    }
    // LineContinuation
    if (c === 92) {
      const d = text.charCodeAt(i + 1);
      if (d === 13) i += text.charCodeAt(i + 2) === 10 ? 3 : 2;
      else if (d === 10) i += 2;
      else fail(i);
      continue;
    }
    // Comment
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      i = toEol(i + 1);
      continue;
    }
    // NL
    if (isEol(c)) {
      let j = i + 1;
      while (j < n && isEol(text.charCodeAt(j))) j++;
      push(K_NL, i, j);
      i = j;
      continue;
    }
    // keywords and Directive
    if (c === 37) {
      if (!isNameStart(text.charCodeAt(i + 1))) fail(i);
      let j = i + 2;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      push(KEYWORDS.get(text.slice(i, j)) ?? K_DIRECTIVE, i, j);
      i = j;
      continue;
    }
    if (c === 45) {
      if (text.charCodeAt(i + 1) !== 62) fail(i);
      push(K_ARROW, i, i + 2);
      i += 2;
      continue;
    }
    if (c === 46) {
      if (text.charCodeAt(i + 1) === 46) {
        push(K_RANGE, i, i + 2);
        i += 2;
      } else push(K_DOT, i, ++i);
      continue;
    }
    const single = SINGLE.get(c);
    if (single !== undefined) {
      push(single, i, ++i);
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      push(K_NUM, i, j);
      i = j;
      continue;
    }
    // Str: "(?:[^"\\\r\n]|\\[^\r\n])*"i?
    if (c === 34) {
      let j = closingDelimiter(text, i, 34);
      if (j < 0) fail(i);
      j++;
      if (text.charCodeAt(j) === 105) j++;
      push(K_STR, i, j);
      i = j;
      continue;
    }
    // Regexp: /(?!\/)(?:[^/\\\r\n]|\\[^\r\n])+\/[imslux]*
    if (c === 47) {
      let j = closingDelimiter(text, i, 47);
      if (j < 0) fail(i);
      j++;
      while (j < n && "imslux".includes(text[j]!)) j++;
      push(K_REGEXP, i, j);
      i = j;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      push(K_NAME, i, j);
      i = j;
      continue;
    }
    fail(i);
  }
  return { count, kind, start, end };
}

// ---------------------------------------------------------------------------------------------
// Syntax tree (before names are resolved)

type LExpr =
  | { k: "name"; name: string; off: number }
  | { k: "lit"; value: string; ic: boolean; off: number }
  | { k: "re"; source: string; flags: string; raw: string; off: number }
  | { k: "range"; from: string; to: string; off: number }
  | { k: "seq"; items: LExpr[]; off: number }
  | { k: "alt"; alts: LExpr[]; off: number }
  | { k: "rep"; expr: LExpr; min: number; max: number; off: number }
  | { k: "tpl"; name: string; args: LExpr[]; off: number };

interface DefStmt {
  k: "def";
  name: string;
  off: number;
  params: Array<{ name: string; off: number }> | undefined;
  body: LExpr;
  mode: "define" | "override" | "extend";
}
type Stmt =
  | DefStmt
  | { k: "ignore"; body: LExpr; off: number }
  | {
      k: "import";
      off: number;
      relative: boolean;
      path: Array<{ name: string; off: number }>;
      names: Array<{ name: string; off: number }> | undefined;
      alias: { name: string; off: number } | undefined;
    }
  | { k: "unsupported"; what: string; off: number };

/** Internal: a syntax error with an offset, turned into a GramfillError with line:col. */
class LarkSyntaxError extends Error {
  constructor(
    message: string,
    readonly off: number,
  ) {
    super(message);
  }
}

function describe(t: IToken | undefined): string {
  if (!t || t.tokenType === EOF) return "end of input";
  if (t.tokenType === NL) return "end of line";
  return `'${t.image.length > 40 ? t.image.slice(0, 40) + "..." : t.image}'`;
}

function listLabels(types: TokenType[]): string {
  const labels = [...new Set(types.map((t) => (t === EOF ? "end of input" : tokenLabel(t))))];
  if (labels.length <= 1) return labels[0] ?? "nothing";
  return labels.slice(0, -1).join(", ") + " or " + labels[labels.length - 1];
}

const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${listLabels([expected])} but found ${describe(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    `expected a rule, terminal or directive but found ${describe(firstRedundant)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    `expected ${listLabels(expectedPathsPerAlt.flatMap((alt) => alt.map((path) => path[0]!)).filter(Boolean))} but found ${describe(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `expected at least one ${listLabels(expectedIterationPaths.map((p) => p[0]!).filter(Boolean))} but found ${describe(actual[0])}`,
};

// ---------------------------------------------------------------------------------------------
// Parser

class LarkParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { maxLookahead: 3, errorMessageProvider: errorMessages });
    this.performSelfAnalysis();
  }

  file = this.RULE("file", (): Stmt[] => {
    const stmts: Stmt[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(NL) },
        {
          ALT: () => {
            const s = this.SUBRULE(this.statement);
            this.ACTION(() => stmts.push(s));
          },
        },
      ]);
    });
    return stmts;
  });

  statement = this.RULE("statement", (): Stmt => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.definition, { ARGS: ["define"] }) },
      {
        ALT: () => {
          this.CONSUME(Override);
          return this.SUBRULE1(this.definition, { ARGS: ["override"] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(Extend);
          return this.SUBRULE2(this.definition, { ARGS: ["extend"] });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Ignore);
          const body = this.SUBRULE(this.expansions);
          this.SUBRULE(this.end);
          return this.ACTION((): Stmt => ({ k: "ignore", body, off: t.startOffset }));
        },
      },
      { ALT: () => this.SUBRULE(this.importStmt) },
      {
        ALT: () => {
          const t = this.CONSUME(Declare);
          this.MANY(() => this.CONSUME(Name));
          this.SUBRULE1(this.end);
          return this.ACTION((): Stmt => ({ k: "unsupported", what: "%declare", off: t.startOffset }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Directive);
          return this.ACTION((): Stmt => {
            throw new LarkSyntaxError(
              `unknown directive '${t.image}' (expected %ignore, %import, %override, %extend or %declare)`,
              t.startOffset,
            );
          });
        },
      },
    ]);
  });

  end = this.RULE("end", () => {
    this.OR([{ ALT: () => this.CONSUME(NL) }, { ALT: () => this.CONSUME(EOF) }]);
  });

  definition = this.RULE("definition", (mode: DefStmt["mode"]): Stmt => {
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(Question) }, { ALT: () => this.CONSUME(Bang) }]));
    const name = this.CONSUME(Name);
    const params: Array<{ name: string; off: number }> = [];
    let isTemplate = false;
    this.OPTION1(() => {
      this.CONSUME(LBrace);
      isTemplate = true;
      this.AT_LEAST_ONE_SEP({
        SEP: Comma,
        DEF: () => {
          const p = this.CONSUME1(Name);
          this.ACTION(() => params.push({ name: p.image, off: p.startOffset }));
        },
      });
      this.CONSUME(RBrace);
    });
    this.OPTION2(() => {
      this.CONSUME(Dot);
      this.CONSUME(Num);
    });
    this.CONSUME(Colon);
    const body = this.SUBRULE(this.expansions);
    this.SUBRULE(this.end);
    return this.ACTION(
      (): Stmt => ({
        k: "def",
        name: name.image,
        off: name.startOffset,
        params: isTemplate ? params : undefined,
        body,
        mode,
      }),
    );
  });

  importStmt = this.RULE("importStmt", (): Stmt => {
    const t = this.CONSUME(Import);
    let relative = false;
    const path: Array<{ name: string; off: number }> = [];
    let names: Array<{ name: string; off: number }> | undefined;
    let alias: { name: string; off: number } | undefined;
    this.OPTION(() => {
      this.CONSUME(Dot);
      relative = true;
    });
    this.AT_LEAST_ONE_SEP({
      SEP: Dot,
      DEF: () => {
        const n = this.CONSUME(Name);
        this.ACTION(() => path.push({ name: n.image, off: n.startOffset }));
      },
    });
    this.OPTION1(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(Arrow);
            const a = this.CONSUME1(Name);
            this.ACTION(() => (alias = { name: a.image, off: a.startOffset }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(LParen);
            names = [];
            this.AT_LEAST_ONE_SEP1({
              SEP: Comma,
              DEF: () => {
                const n = this.CONSUME2(Name);
                this.ACTION(() => names!.push({ name: n.image, off: n.startOffset }));
              },
            });
            this.CONSUME(RParen);
          },
        },
      ]),
    );
    this.SUBRULE(this.end);
    return this.ACTION((): Stmt => ({ k: "import", off: t.startOffset, relative, path, names, alias }));
  });

  expansions = this.RULE("expansions", (): LExpr => {
    const alts: LExpr[] = [];
    let off = NaN;
    this.AT_LEAST_ONE_SEP({
      SEP: VBar,
      DEF: () => {
        const a = this.SUBRULE(this.expansion);
        this.ACTION(() => {
          if (alts.length === 0) off = a.off;
          alts.push(a);
        });
      },
    });
    return this.ACTION((): LExpr => (alts.length === 1 ? alts[0]! : { k: "alt", alts, off }));
  });

  expansion = this.RULE("expansion", (): LExpr => {
    const items: LExpr[] = [];
    const start = this.LA(1).startOffset;
    this.MANY(() => {
      const e = this.SUBRULE(this.expr);
      this.ACTION(() => items.push(e));
    });
    // alias: `-> name` (ignored)
    this.OPTION(() => {
      this.CONSUME(Arrow);
      this.CONSUME(Name);
    });
    return this.ACTION((): LExpr => (items.length === 1 ? items[0]! : { k: "seq", items, off: start }));
  });

  expr = this.RULE("expr", (): LExpr => {
    let e = this.SUBRULE(this.atom);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(Question);
            this.ACTION(() => (e = { k: "rep", expr: e, min: 0, max: 1, off: e.off }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(Star);
            this.ACTION(() => (e = { k: "rep", expr: e, min: 0, max: Infinity, off: e.off }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(Plus);
            this.ACTION(() => (e = { k: "rep", expr: e, min: 1, max: Infinity, off: e.off }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(Tilde);
            const a = this.CONSUME(Num);
            let b: IToken | undefined;
            this.OPTION(() => {
              this.CONSUME(Range);
              b = this.CONSUME1(Num);
            });
            this.ACTION(() => {
              const min = Number(a.image);
              const max = b ? Number(b.image) : min;
              if (max < min) {
                throw new LarkSyntaxError(`repetition range ~ ${min}..${max} is empty (max < min)`, b!.startOffset);
              }
              e = { k: "rep", expr: e, min, max, off: e.off };
            });
          },
        },
      ]);
    });
    return e;
  });

  atom = this.RULE("atom", (): LExpr => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen);
          const e = this.SUBRULE(this.expansions);
          this.CONSUME(RParen);
          return e;
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(LBracket);
          const e = this.SUBRULE1(this.expansions);
          this.CONSUME(RBracket);
          return this.ACTION((): LExpr => ({ k: "rep", expr: e, min: 0, max: 1, off: t.startOffset }));
        },
      },
      {
        ALT: () => {
          const a = this.CONSUME(Str);
          let b: IToken | undefined;
          this.OPTION(() => {
            this.CONSUME(Range);
            b = this.CONSUME1(Str);
          });
          return this.ACTION((): LExpr => {
            const sa = parseLarkString(a);
            if (!b) return { k: "lit", value: sa.value, ic: sa.ic, off: a.startOffset };
            const sb = parseLarkString(b);
            for (const [s, t] of [
              [sa, a],
              [sb, b],
            ] as const) {
              if ([...s.value].length !== 1) {
                throw new LarkSyntaxError(
                  `a range bound must be a single character, got ${t.image}`,
                  t.startOffset,
                );
              }
            }
            if (sa.value.codePointAt(0)! > sb.value.codePointAt(0)!) {
              throw new LarkSyntaxError(`range ${a.image}..${b.image} is empty (start > end)`, a.startOffset);
            }
            return { k: "range", from: sa.value, to: sb.value, off: a.startOffset };
          });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Regexp);
          return this.ACTION((): LExpr => parseLarkRegex(t));
        },
      },
      {
        ALT: () => {
          const n = this.CONSUME(Name);
          let args: LExpr[] | undefined;
          this.OPTION1(() => {
            this.CONSUME(LBrace);
            args = [];
            this.AT_LEAST_ONE_SEP({
              SEP: Comma,
              DEF: () => {
                const a = this.SUBRULE2(this.expansions);
                this.ACTION(() => args!.push(a));
              },
            });
            this.CONSUME(RBrace);
          });
          return this.ACTION(
            (): LExpr =>
              args
                ? { k: "tpl", name: n.image, args, off: n.startOffset }
                : { k: "name", name: n.image, off: n.startOffset },
          );
        },
      },
    ]);
  });
}

let parserInstance: LarkParser | undefined;

/** Decodes a Lark string token (`"..."` or `"..."i`). */
function parseLarkString(t: IToken): { value: string; ic: boolean } {
  const img = t.image;
  const ic = img.endsWith("i");
  const body = img.slice(1, ic ? -2 : -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const d = body[++i]!;
    const hexEscape = (len: number) => {
      const h = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== len) {
        throw new LarkSyntaxError(`invalid escape \\${d}${h} in string (expected ${len} hex digits)`, t.startOffset + i);
      }
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff) throw new LarkSyntaxError(`escape \\${d}${h} is not a valid code point`, t.startOffset + i);
      i += len;
      return String.fromCodePoint(cp);
    };
    switch (d) {
      case "n":
        out += "\n";
        break;
      case "t":
        out += "\t";
        break;
      case "r":
        out += "\r";
        break;
      case "f":
        out += "\f";
        break;
      case "v":
        out += "\v";
        break;
      case "0":
        out += "\0";
        break;
      case '"':
      case "\\":
      case "'":
        out += d;
        break;
      case "x":
        out += hexEscape(2);
        break;
      case "u":
        out += hexEscape(4);
        break;
      case "U":
        out += hexEscape(8);
        break;
      default:
        // like Python: an unknown escape keeps its backslash
        out += "\\" + d;
    }
  }
  return { value: out, ic };
}

/** Decodes a Lark regex token into ECMA source: `\/` becomes `/`, Python's `(?P<n>` becomes `(?<n>`. */
function parseLarkRegex(t: IToken): LExpr {
  const img = t.image;
  const close = img.lastIndexOf("/");
  const raw = img.slice(1, close);
  const flagText = img.slice(close + 1);
  let source = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "\\" && i + 1 < raw.length) {
      const d = raw[++i]!;
      source += d === "/" ? "/" : "\\" + d;
    } else source += c;
  }
  source = source.replace(/\(\?P</g, "(?<").replace(/\(\?P=(\w+)\)/g, "\\k<$1>");
  let flags = "";
  for (const f of "imsux") if (flagText.includes(f)) flags += f;
  return { k: "re", source, flags, raw: img, off: t.startOffset };
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** Parses a Lark grammar into the Grammar IR (no validation; see `parseGrammar` in load.ts). */
export function parseLark(text: string, opts: LarkOptions = {}): Grammar {
  const src = new SourceText(text, opts.file);
  try {
    const stmts = parseStatements(text);
    return build(stmts, src, opts);
  } catch (e) {
    if (e instanceof LarkSyntaxError) throw src.error("grammar_syntax", e.message, e.off);
    if (e instanceof LarkBuildError) throw src.error(e.code, e.message, e.off);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new GramfillError("grammar_syntax", "grammar is nested too deeply", src.loc(0));
    }
    throw e;
  }
}

/** Statements handed to chevrotain at a time (its token objects live only that long). */
const CHUNK_TOKENS = 4096;

function parseStatements(text: string): Stmt[] {
  const lexed = lex(text);
  // Newlines end statements, except inside brackets and before a line starting with `|`. The
  // kept tokens are recorded by index; `cuts` are the kept statement-ending newlines.
  const { count, kind, start, end } = lexed;
  const kept = new Int32Array(count);
  let nKept = 0;
  const cuts: number[] = [];
  let depth = 0;
  for (let i = 0; i < count; i++) {
    const k = kind[i]!;
    if (k === K_NL) {
      if (depth > 0) continue;
      let j = i + 1;
      while (j < count && kind[j] === K_NL) j++;
      if (j < count && kind[j] === K_VBAR) {
        i = j - 1;
        continue;
      }
      kept[nKept++] = i;
      cuts.push(nKept);
      i = j - 1;
      continue;
    }
    if (OPENERS.has(k)) {
      depth++;
      if (depth > MAX_NESTING) {
        throw new LarkSyntaxError(`brackets nested too deeply (more than ${MAX_NESTING} levels)`, start[i]!);
      }
    } else if (CLOSERS.has(k)) {
      if (depth > 0) depth--;
    }
    kept[nKept++] = i;
  }
  if (cuts[cuts.length - 1] !== nKept) cuts.push(nKept);
  // The grammar of statements is LL(1) and a statement never reads past its newline, so parsing a
  // run of whole statements at a time gives the same statements and the same first error as
  // parsing the whole file at once.
  parserInstance ??= new LarkParser();
  const parser = parserInstance;
  const stmts: Stmt[] = [];
  let from = 0;
  for (let c = 0; c < cuts.length; ) {
    let to = cuts[c++]!;
    while (c < cuts.length && cuts[c]! - from <= CHUNK_TOKENS) to = cuts[c++]!;
    const tokens: IToken[] = new Array(to - from);
    for (let t = from; t < to; t++) {
      const i = kept[t]!;
      const tokenType = KIND_TYPES[kind[i]!]!;
      const s = start[i]!;
      const e = end[i]!;
      tokens[t - from] = { image: text.slice(s, e), startOffset: s, endOffset: e - 1, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType };
    }
    from = to;
    parser.input = tokens;
    const chunk = parser.file();
    if (parser.errors.length > 0) {
      const err = parser.errors[0]!;
      let off = err.token.startOffset;
      if (!Number.isFinite(off)) off = text.length;
      parser.input = [];
      throw new LarkSyntaxError(err.message, off);
    }
    for (const s of chunk) stmts.push(s);
  }
  parser.input = [];
  return stmts;
}

// ---------------------------------------------------------------------------------------------
// From the syntax tree to the IR

class LarkBuildError extends Error {
  constructor(
    readonly code: "grammar_syntax" | "grammar_invalid",
    message: string,
    readonly off: number,
  ) {
    super(message);
  }
}

/** Terminal names start (after leading underscores) with an uppercase letter. */
export function isLarkTerminalName(name: string): boolean {
  return /^_*[A-Z]/.test(name);
}

const MAX_TEMPLATE_DEPTH = 50;
const MAX_TEMPLATE_INSTANCES = 10000;

function build(stmts: Stmt[], src: SourceText, opts: LarkOptions): Grammar {
  const loc = (off: number): SourceLocation => src.loc(off);
  const diagnostics: Diagnostic[] = [];

  interface RDef {
    name: string;
    off: number;
    params: Array<{ name: string; off: number }> | undefined;
    body: LExpr;
  }
  const ruleDefs = new Map<string, RDef>();
  const termDefs = new Map<string, { name: string; off: number; body: LExpr | TermExpr; imported: boolean }>();
  const ignores: Array<{ body: LExpr; off: number }> = [];
  /** `%extend` of an imported terminal: name -> the imported definition */
  const extendedImports = new Map<string, TermExpr>();

  const definedAt = (name: string): number | undefined => ruleDefs.get(name)?.off ?? termDefs.get(name)?.off;
  const duplicate = (name: string, off: number): never => {
    const first = src.loc(definedAt(name)!);
    throw new LarkBuildError(
      "grammar_invalid",
      `'${name}' is defined twice (first at line ${first.line}, col ${first.col}); use %override to replace a definition`,
      off,
    );
  };

  for (const s of stmts) {
    switch (s.k) {
      case "unsupported":
        throw new LarkBuildError("grammar_syntax", `${s.what} is not supported`, s.off);
      case "ignore":
        ignores.push({ body: s.body, off: s.off });
        break;
      case "import": {
        if (s.relative) throw new LarkBuildError("grammar_syntax", "relative %import is not supported", s.off);
        const items: Array<{ name: string; off: number; as: string }> = [];
        let module: Array<{ name: string; off: number }>;
        if (s.names) {
          module = s.path;
          for (const n of s.names) items.push({ name: n.name, off: n.off, as: n.name });
        } else {
          if (s.path.length < 2) {
            throw new LarkBuildError("grammar_syntax", "expected %import module.NAME or %import module (NAME, ...)", s.off);
          }
          module = s.path.slice(0, -1);
          const last = s.path[s.path.length - 1]!;
          items.push({ name: last.name, off: last.off, as: s.alias?.name ?? last.name });
        }
        const modName = module.map((m) => m.name).join(".");
        if (modName !== "common") {
          throw new LarkBuildError(
            "grammar_syntax",
            `cannot import from '${modName}': only the built-in 'common' module is supported`,
            module[0]!.off,
          );
        }
        for (const it of items) {
          const expr = commonTerminal(it.name);
          if (!expr) {
            throw new LarkBuildError(
              "grammar_invalid",
              `'${it.name}' is not in common (available: ${COMMON_TERMINAL_NAMES.join(", ")})`,
              it.off,
            );
          }
          if (!isLarkTerminalName(it.as)) {
            throw new LarkBuildError("grammar_syntax", `cannot import terminal ${it.name} as rule name '${it.as}'`, it.off);
          }
          const existing = termDefs.get(it.as);
          if (existing) {
            if (existing.imported) continue; // importing the same name twice is harmless
            duplicate(it.as, it.off);
          }
          termDefs.set(it.as, { name: it.as, off: it.off, body: expr, imported: true });
        }
        break;
      }
      case "def": {
        const isTerm = isLarkTerminalName(s.name);
        if (isTerm && s.params) throw new LarkBuildError("grammar_syntax", `terminal ${s.name} cannot have template parameters`, s.off);
        if (s.mode === "define") {
          if (definedAt(s.name) !== undefined) duplicate(s.name, s.off);
          if (isTerm) termDefs.set(s.name, { name: s.name, off: s.off, body: s.body, imported: false });
          else ruleDefs.set(s.name, { name: s.name, off: s.off, params: s.params, body: s.body });
          break;
        }
        const existing = isTerm ? termDefs.get(s.name) : ruleDefs.get(s.name);
        if (!existing) {
          throw new LarkBuildError("grammar_invalid", `cannot %${s.mode} '${s.name}': it is not defined yet`, s.off);
        }
        if (s.mode === "override") {
          if (isTerm) termDefs.set(s.name, { name: s.name, off: s.off, body: s.body, imported: false });
          else ruleDefs.set(s.name, { name: s.name, off: s.off, params: s.params, body: s.body });
        } else {
          const old = existing.body;
          if (isTerm && !("k" in old)) {
            termDefs.set(s.name, { ...(existing as { name: string; off: number; imported: boolean }), body: s.body, imported: false });
            // extending an imported terminal: keep the old definition as an alternative
            extendedImports.set(s.name, old);
          } else {
            const oldL = old as LExpr;
            const alts = oldL.k === "alt" ? [...oldL.alts] : [oldL];
            if (s.body.k === "alt") alts.push(...s.body.alts);
            else alts.push(s.body);
            existing.body = { k: "alt", alts, off: oldL.off };
          }
        }
        break;
      }
    }
  }

  // --- terminals -------------------------------------------------------------------------
  const terminals: TerminalDef[] = [];
  const termIndex = new Map<string, TerminalDef>();

  const toTerm = (e: LExpr, owner: string): TermExpr => {
    switch (e.k) {
      case "name":
        if (!isLarkTerminalName(e.name)) {
          throw new LarkBuildError(
            "grammar_invalid",
            `terminal ${owner} cannot refer to rule '${e.name}' (terminals may only use terminals, strings and regexes)`,
            e.off,
          );
        }
        return { type: "ref", name: e.name, loc: loc(e.off) };
      case "lit":
        return e.ic
          ? { type: "literal", value: e.value, ignoreCase: true, loc: loc(e.off) }
          : { type: "literal", value: e.value, loc: loc(e.off) };
      case "re":
        return { type: "regex", source: e.source, flags: e.flags, loc: loc(e.off) };
      case "range":
        return { type: "charset", ranges: [[e.from.codePointAt(0)!, e.to.codePointAt(0)!]], loc: loc(e.off) };
      case "seq":
        return { type: "seq", items: e.items.map((x) => toTerm(x, owner)) };
      case "alt":
        return { type: "alt", alts: e.alts.map((x) => toTerm(x, owner)) };
      case "rep":
        return { type: "repeat", expr: toTerm(e.expr, owner), min: e.min, max: e.max };
      case "tpl":
        throw new LarkBuildError("grammar_invalid", `terminal ${owner} cannot use template '${e.name}'`, e.off);
    }
  };

  for (const t of termDefs.values()) {
    let expr = "k" in t.body ? toTerm(t.body, t.name) : t.body;
    const ext = extendedImports.get(t.name);
    if (ext) expr = { type: "alt", alts: [ext, expr] };
    const def: TerminalDef = { name: t.name, expr, loc: loc(t.off) };
    terminals.push(def);
    termIndex.set(t.name, def);
  }

  // a literal in a rule reuses a named terminal defined as exactly that literal (like Lark)
  const namedLiteral = new Map<string, string>();
  for (const t of terminals) {
    if (t.expr.type === "literal") {
      const key = literalTerminalName(t.expr.value, !!t.expr.ignoreCase);
      if (!namedLiteral.has(key)) namedLiteral.set(key, t.name);
    }
  }

  /** the terminal `name`, made from `expr()` on first use; returns the stored (interned) name */
  const anonymous = (name: string, expr: () => TermExpr, off: number): string => {
    let def = termIndex.get(name);
    if (!def) {
      def = { name, expr: expr(), loc: loc(off) };
      terminals.push(def);
      termIndex.set(name, def);
    }
    return def.name;
  };
  /** literal (with `i` flag or not) -> the name of its terminal */
  const literalNames = [new Map<string, string>(), new Map<string, string>()] as const;
  const literalTerminal = (value: string, ic: boolean, off: number): string => {
    const cache = literalNames[ic ? 1 : 0];
    const known = cache.get(value);
    if (known !== undefined) return known;
    const anon = literalTerminalName(value, ic);
    const name =
      namedLiteral.get(anon) ??
      anonymous(anon, () => (ic ? { type: "literal", value, ignoreCase: true } : { type: "literal", value }), off);
    cache.set(value, name);
    return name;
  };
  const refs = src.refs();

  // --- rules -----------------------------------------------------------------------------
  const rules: RuleDef[] = [];
  const ruleIndex = new Map<string, RuleDef>();
  let instances = 0;
  let tplDepth = 0;

  type Env = Map<string, RuleExpr> | undefined;
  const toRule = (e: LExpr, env: Env): RuleExpr => {
    switch (e.k) {
      case "name": {
        const bound = env?.get(e.name);
        if (bound) return bound;
        if (isLarkTerminalName(e.name)) return refs.terminal(termIndex.get(e.name)?.name ?? e.name, e.off);
        const def = ruleDefs.get(e.name);
        if (def?.params) {
          throw new LarkBuildError(
            "grammar_invalid",
            `template '${e.name}' needs ${def.params.length} argument(s): ${e.name}{...}`,
            e.off,
          );
        }
        return refs.rule(def?.name ?? e.name, e.off);
      }
      case "lit":
        if (e.value === "") return { type: "seq", items: [] };
        return refs.terminal(literalTerminal(e.value, e.ic, e.off), e.off);
      case "re":
        return refs.terminal(anonymous(e.raw, () => ({ type: "regex", source: e.source, flags: e.flags }), e.off), e.off);
      case "range": {
        const name = `${literalTerminalName(e.from)}..${literalTerminalName(e.to)}`;
        const expr = (): TermExpr => ({ type: "charset", ranges: [[e.from.codePointAt(0)!, e.to.codePointAt(0)!]] });
        return refs.terminal(anonymous(name, expr, e.off), e.off);
      }
      case "seq":
        return { type: "seq", items: e.items.map((x) => toRule(x, env)) };
      case "alt":
        return { type: "alt", alts: e.alts.map((x) => toRule(x, env)) };
      case "rep":
        return { type: "repeat", expr: toRule(e.expr, env), min: e.min, max: e.max };
      case "tpl": {
        const def = ruleDefs.get(e.name);
        if (!def) throw new LarkBuildError("grammar_invalid", `undefined template '${e.name}'`, e.off);
        if (!def.params) throw new LarkBuildError("grammar_invalid", `'${e.name}' is not a template (it has no {parameters})`, e.off);
        if (def.params.length !== e.args.length) {
          throw new LarkBuildError(
            "grammar_invalid",
            `template '${e.name}' takes ${def.params.length} argument(s) but got ${e.args.length}`,
            e.off,
          );
        }
        const args = e.args.map((a) => toRule(a, env));
        const name = `${e.name}{${args.map(printRuleExpr).join(", ")}}`;
        if (!ruleIndex.has(name)) {
          if (++instances > MAX_TEMPLATE_INSTANCES || tplDepth >= MAX_TEMPLATE_DEPTH) {
            throw new LarkBuildError("grammar_invalid", `template '${e.name}' expands without end`, e.off);
          }
          const inst: RuleDef = { name, expr: { type: "seq", items: [] }, loc: loc(def.off) };
          rules.push(inst);
          ruleIndex.set(name, inst);
          const newEnv = new Map<string, RuleExpr>();
          def.params.forEach((p, i) => newEnv.set(p.name, args[i]!));
          tplDepth++;
          inst.expr = toRule(def.body, newEnv);
          tplDepth--;
        }
        return refs.rule(ruleIndex.get(name)!.name, e.off);
      }
    }
  };

  for (const r of ruleDefs.values()) {
    if (r.params) continue;
    const def: RuleDef = { name: r.name, expr: { type: "seq", items: [] }, loc: loc(r.off) };
    rules.push(def);
    ruleIndex.set(r.name, def);
    def.expr = toRule(r.body, undefined);
  }

  // --- %ignore ---------------------------------------------------------------------------
  let ignoreCount = 0;
  for (const ig of ignores) {
    const b = ig.body;
    let target: TerminalDef | undefined;
    if (b.k === "name") {
      if (!isLarkTerminalName(b.name)) {
        throw new LarkBuildError("grammar_invalid", `%ignore needs a terminal, but '${b.name}' is a rule`, b.off);
      }
      target = termIndex.get(b.name);
      if (!target) throw new LarkBuildError("grammar_invalid", `%ignore: undefined terminal '${b.name}'`, b.off);
    } else if (b.k === "lit") {
      target = termIndex.get(anonymous(literalTerminalName(b.value, b.ic), () => toTerm(b, "%ignore"), b.off));
    } else if (b.k === "re") {
      target = termIndex.get(anonymous(b.raw, () => toTerm(b, "%ignore"), b.off));
    } else {
      const name = `__IGNORE_${ignoreCount++}`;
      target = termIndex.get(anonymous(name, () => toTerm(b, "%ignore"), ig.off));
    }
    target!.ignored = true;
  }

  const grammar: Grammar = { start: opts.start ?? "start", rules, terminals, diagnostics };
  if (opts.file !== undefined) grammar.file = opts.file;
  return grammar;
}

/** A compact Lark-like rendering of a rule expression (used to name template instances). */
export function printRuleExpr(e: RuleExpr): string {
  switch (e.type) {
    case "rule":
    case "terminal":
      return e.name;
    case "seq":
      return e.items.length === 0 ? '""' : e.items.map((x) => (x.type === "alt" ? `(${printRuleExpr(x)})` : printRuleExpr(x))).join(" ");
    case "alt":
      return e.alts.map(printRuleExpr).join(" | ");
    case "repeat": {
      const inner = e.expr.type === "seq" || e.expr.type === "alt" ? `(${printRuleExpr(e.expr)})` : printRuleExpr(e.expr);
      if (e.min === 0 && e.max === 1) return inner + "?";
      if (e.min === 0 && e.max === Infinity) return inner + "*";
      if (e.min === 1 && e.max === Infinity) return inner + "+";
      return `${inner} ~ ${e.min}..${e.max}`;
    }
  }
}
