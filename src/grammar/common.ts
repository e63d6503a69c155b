/**
 * The terminals of Lark's `common.lark` (`%import common.NAME`), written from their documented
 * meaning as TermExprs. Where Lark's definition relies on lazy regexes or lookbehind (its
 * `ESCAPED_STRING`, `C_COMMENT`), we give an equivalent definition that is correct when the whole
 * lexeme must match and the lexer takes the longest match.
 */
import type { TermExpr } from "./ir.js";

const lit = (value: string): TermExpr => ({ type: "literal", value });
const ref = (name: string): TermExpr => ({ type: "ref", name });
const seq = (...items: TermExpr[]): TermExpr => ({ type: "seq", items });
const alt = (...alts: TermExpr[]): TermExpr => ({ type: "alt", alts });
const rep = (expr: TermExpr, min: number, max: number): TermExpr => ({ type: "repeat", expr, min, max });
const opt = (expr: TermExpr) => rep(expr, 0, 1);
const plus = (expr: TermExpr) => rep(expr, 1, Infinity);
const star = (expr: TermExpr) => rep(expr, 0, Infinity);
const range = (a: string, b: string): TermExpr => ({
  type: "charset",
  ranges: [[a.codePointAt(0)!, b.codePointAt(0)!]],
});
const chars = (s: string, negated = false): TermExpr => ({
  type: "charset",
  ranges: [...s].map((c) => [c.codePointAt(0)!, c.codePointAt(0)!] as [number, number]).sort((x, y) => x[0] - y[0]),
  ...(negated ? { negated: true } : {}),
});
const sign = () => opt(chars("+-"));

/** name -> definition (may reference other common terminals by name) */
const DEFS: Record<string, () => TermExpr> = {
  // Numbers
  DIGIT: () => range("0", "9"),
  HEXDIGIT: () => alt(range("a", "f"), range("A", "F"), ref("DIGIT")),
  INT: () => plus(ref("DIGIT")),
  SIGNED_INT: () => seq(sign(), ref("INT")),
  DECIMAL: () => alt(seq(ref("INT"), lit("."), opt(ref("INT"))), seq(lit("."), ref("INT"))),
  _EXP: () => seq(chars("eE"), ref("SIGNED_INT")),
  FLOAT: () => alt(seq(ref("INT"), ref("_EXP")), seq(ref("DECIMAL"), opt(ref("_EXP")))),
  SIGNED_FLOAT: () => seq(sign(), ref("FLOAT")),
  NUMBER: () => alt(ref("FLOAT"), ref("INT")),
  SIGNED_NUMBER: () => seq(sign(), ref("NUMBER")),

  // Strings
  /** any characters but a newline */
  _STRING_INNER: () => star(chars("\n", true)),
  /** a string body in which a backslash escapes the next character (no newline) */
  _STRING_ESC_INNER: () => star(alt(chars("\\\n", true), seq(lit("\\"), chars("\n", true)))),
  /** `"..."` with backslash escapes; no unescaped `"` or newline inside */
  ESCAPED_STRING: () => seq(lit('"'), star(alt(chars('"\\\n', true), seq(lit("\\"), chars("\n", true)))), lit('"')),

  // Names
  LCASE_LETTER: () => range("a", "z"),
  UCASE_LETTER: () => range("A", "Z"),
  LETTER: () => alt(ref("UCASE_LETTER"), ref("LCASE_LETTER")),
  WORD: () => plus(ref("LETTER")),
  CNAME: () => seq(alt(lit("_"), ref("LETTER")), star(alt(lit("_"), ref("LETTER"), ref("DIGIT")))),

  // Whitespace
  WS_INLINE: () => plus(chars(" \t")),
  WS: () => plus(chars(" \t\f\r\n")),
  CR: () => lit("\r"),
  LF: () => lit("\n"),
  NEWLINE: () => plus(seq(opt(ref("CR")), ref("LF"))),

  // Comments
  SH_COMMENT: () => seq(lit("#"), star(chars("\n", true))),
  CPP_COMMENT: () => seq(lit("//"), star(chars("\n", true))),
  /** `/* ... *\/`, ending at the first `*\/` */
  C_COMMENT: () => ({ type: "regex", source: "\\/\\*[^*]*\\*+(?:[^/*][^*]*\\*+)*\\/", flags: "" }),
  SQL_COMMENT: () => seq(lit("--"), star(chars("\n", true))),
};

/** Names `%import common.NAME` accepts. */
export const COMMON_TERMINAL_NAMES: readonly string[] = Object.keys(DEFS);

export function isCommonTerminal(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(DEFS, name);
}

/** The definition of a common terminal with references to other common terminals kept. */
export function commonTerminalDef(name: string): TermExpr | undefined {
  return isCommonTerminal(name) ? DEFS[name]!() : undefined;
}

/**
 * The definition of a common terminal with every reference to another common terminal inlined,
 * so that importing it needs no other definitions (and cannot clash with the user's names).
 */
export function commonTerminal(name: string): TermExpr | undefined {
  const def = commonTerminalDef(name);
  return def === undefined ? undefined : inline(def);
}

function inline(e: TermExpr): TermExpr {
  switch (e.type) {
    case "ref": {
      const d = commonTerminalDef(e.name);
      if (!d) throw new Error(`common terminal refers to unknown ${e.name}`);
      return inline(d);
    }
    case "seq":
      return { type: "seq", items: e.items.map(inline) };
    case "alt":
      return { type: "alt", alts: e.alts.map(inline) };
    case "repeat":
      return { type: "repeat", expr: inline(e.expr), min: e.min, max: e.max };
    default:
      return e;
  }
}
