/**
 * ECMA-262 pattern parser, always with Unicode (`u` flag) syntax and semantics. Offsets in errors
 * are 0-based UTF-16 indices into the source string (JS string indices).
 *
 * Deliberate leniency: `\-` is accepted outside classes too (Lark/Python patterns use it; the `u`
 * flag only allows it inside classes). Everything else that `new RegExp(src, "u")` rejects is
 * rejected here with `regex_syntax`; valid constructs we cannot express as a regular language
 * (lookaround, backreferences, `\b`, anchors away from the edges) give `regex_unsupported`.
 */
import { GramfillError } from "../util/errors.js";
import type { ParsedRegex, RegexFlags, RegexNode } from "./ast.js";
import {
  DIGIT,
  SPACE,
  complement,
  foldClosure,
  normalize,
  propertySet,
  WORD,
  type Range,
  type RangeSet,
} from "./charset.js";

const SYNTAX_CHARS = "^$\\.*+?()[]{}|";

export function parseFlags(flags: string): RegexFlags {
  const seen = new Set<string>();
  for (const f of flags) {
    if (!"imsux".includes(f)) {
      throw new GramfillError("regex_syntax", `unsupported regex flag '${f}' (allowed: imsux)`);
    }
    if (seen.has(f)) throw new GramfillError("regex_syntax", `duplicate regex flag '${f}'`);
    seen.add(f);
  }
  return { ignoreCase: seen.has("i"), dotAll: seen.has("s"), multiline: seen.has("m"), verbose: seen.has("x") };
}

export function parseRegex(source: string, flags = ""): ParsedRegex {
  const f = parseFlags(flags);
  const ast = new Parser(source, f).parsePattern();
  return { source, flags: f, ast };
}

/** A class atom: a single code point (may start or end a range) or a class escape's set. */
type ClassAtom = { cp: number } | { set: RangeSet };

class Parser {
  private pos = 0;
  private readonly groupNames = new Set<string>();

  constructor(
    private readonly src: string,
    private readonly flags: RegexFlags,
  ) {}

  parsePattern(): RegexNode {
    const node = this.parseDisjunction();
    if (this.pos < this.src.length) {
      // parseDisjunction only stops early at an unmatched ')'
      this.syntax("unmatched ')'", this.pos);
    }
    return node;
  }

  // ---- helpers ----

  private syntax(message: string, offset: number): never {
    throw new GramfillError("regex_syntax", `${message} in /${this.src}/`, { offset });
  }

  private unsupported(construct: string, offset: number): never {
    throw new GramfillError("regex_unsupported", `${construct} is not supported`, { offset });
  }

  private peek(k = 0): string | undefined {
    return this.src[this.pos + k];
  }

  private eat(s: string): boolean {
    if (this.src.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  /** Reads one code point (a surrogate pair in the source is one code point, as with `u`). */
  private readCp(): number {
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** With `x`: skips whitespace and `#` comments (outside classes only). */
  private skipVerbose(): void {
    if (!this.flags.verbose) return;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") this.pos++;
      else if (c === "#") {
        while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
      } else break;
    }
  }

  // ---- structure ----

  private parseDisjunction(): RegexNode {
    const alts = [this.parseAlternative()];
    while (this.eat("|")) alts.push(this.parseAlternative());
    return alts.length === 1 ? alts[0]! : { type: "alt", alts };
  }

  private parseAlternative(): RegexNode {
    const items: RegexNode[] = [];
    while (true) {
      this.skipVerbose();
      const c = this.peek();
      if (c === undefined || c === "|" || c === ")") break;
      items.push(this.parseTerm());
    }
    if (items.length === 0) return { type: "empty" };
    return items.length === 1 ? items[0]! : { type: "concat", items };
  }

  private parseTerm(): RegexNode {
    const start = this.pos;
    const c = this.peek()!;
    if (c === "^" || c === "$") {
      this.pos++;
      this.rejectQuantifierAfterAssertion();
      return { type: "anchor", kind: c, offset: start };
    }
    if (c === "\\" && (this.peek(1) === "b" || this.peek(1) === "B")) {
      this.unsupported(`word boundary \\${this.peek(1)}`, start);
    }
    const atom = this.parseAtom();
    return this.parseQuantifier(atom);
  }

  /** In `u` mode an assertion cannot be quantified. */
  private rejectQuantifierAfterAssertion(): void {
    const save = this.pos;
    this.skipVerbose();
    const q = this.peek();
    if (q === "*" || q === "+" || q === "?" || (q === "{" && this.looksLikeBraceQuantifier())) {
      this.syntax("nothing to repeat", this.pos);
    }
    this.pos = save;
  }

  private looksLikeBraceQuantifier(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos));
  }

  private parseQuantifier(atom: RegexNode): RegexNode {
    const save = this.pos;
    this.skipVerbose();
    const qStart = this.pos;
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
      if (m === null) this.syntax("incomplete quantifier (a literal '{' must be escaped)", qStart);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (min > max) this.syntax("numbers out of order in {} quantifier", qStart);
      this.pos += m[0].length - 1;
    } else {
      this.pos = save;
      return atom;
    }
    this.pos++;
    const greedy = !this.eat("?");
    return { type: "repeat", expr: atom, min, max, greedy };
  }

  private parseAtom(): RegexNode {
    const start = this.pos;
    const c = this.peek()!;
    switch (c) {
      case "(":
        return this.parseGroup();
      case "[":
        return this.parseClass();
      case ".":
        this.pos++;
        return { type: "dot" };
      case "\\":
        return this.parseAtomEscape();
      case "*":
      case "+":
      case "?":
        this.syntax("nothing to repeat", start);
      // eslint-disable-next-line no-fallthrough
      case "{":
        if (this.looksLikeBraceQuantifier()) this.syntax("nothing to repeat", start);
        this.syntax("lone '{' (escape it as \\{)", start);
      // eslint-disable-next-line no-fallthrough
      case "}":
        this.syntax("lone '}' (escape it as \\})", start);
      // eslint-disable-next-line no-fallthrough
      case "]":
        this.syntax("lone ']' (escape it as \\])", start);
      // eslint-disable-next-line no-fallthrough
      default:
        return { type: "char", cp: this.readCp() };
    }
  }

  private parseGroup(): RegexNode {
    const start = this.pos;
    let capturing = true;
    let name: string | undefined;
    if (this.eat("(?=")) this.unsupported("lookahead (?=", start);
    if (this.eat("(?!")) this.unsupported("negative lookahead (?!", start);
    if (this.eat("(?<=")) this.unsupported("lookbehind (?<=", start);
    if (this.eat("(?<!")) this.unsupported("negative lookbehind (?<!", start);
    if (this.eat("(?:")) capturing = false;
    else if (this.eat("(?<")) {
      const m = /^([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)>/u.exec(this.src.slice(this.pos));
      if (m === null) this.syntax("invalid capture group name", this.pos);
      name = m[1]!;
      if (this.groupNames.has(name)) this.syntax(`duplicate capture group name '${name}'`, this.pos);
      this.groupNames.add(name);
      this.pos += m[0].length;
    } else if (this.src.startsWith("(?", this.pos)) {
      if (/^\(\?[a-z]*(-[a-z]*)?[:)]/.test(this.src.slice(this.pos))) {
        this.unsupported("inline flag modifier (?flags:", start);
      }
      this.syntax("invalid group", start);
    } else this.pos++;
    const expr = this.parseDisjunction();
    if (!this.eat(")")) this.syntax("unterminated group", start);
    return name === undefined ? { type: "group", expr, capturing } : { type: "group", expr, capturing, name };
  }

  // ---- escapes ----

  private parseAtomEscape(): RegexNode {
    const start = this.pos;
    this.pos++; // the backslash
    const c = this.peek();
    if (c === undefined) this.syntax("\\ at end of pattern", start);
    if (c >= "1" && c <= "9") {
      const m = /^\d+/.exec(this.src.slice(this.pos))!;
      this.unsupported(`backreference \\${m[0]}`, start);
    }
    if (c === "k") {
      const m = /^k<([^>]*)>/.exec(this.src.slice(this.pos));
      if (m === null) this.syntax("invalid named reference \\k", start);
      this.unsupported(`backreference \\k<${m[1]}>`, start);
    }
    const set = this.tryClassEscape(start);
    if (set !== null) return { type: "set", ranges: set, negated: false };
    if (c === "-") {
      this.pos++;
      return { type: "char", cp: 0x2d };
    }
    return { type: "char", cp: this.parseCharacterEscape(start) };
  }

  /** `\d \D \s \S \w \W \p{..} \P{..}` after the backslash, or null (position unchanged). */
  private tryClassEscape(start: number): RangeSet | null {
    const c = this.peek();
    switch (c) {
      case "d":
        this.pos++;
        return DIGIT;
      case "D":
        this.pos++;
        return complement(DIGIT);
      case "s":
        this.pos++;
        return SPACE;
      case "S":
        this.pos++;
        return complement(SPACE);
      case "w":
        this.pos++;
        return this.flags.ignoreCase ? foldClosure(WORD) : WORD;
      case "W":
        this.pos++;
        // ES2020+: with i+u, WordCharacters includes U+017F and U+212A, so \W excludes them.
        return complement(this.flags.ignoreCase ? foldClosure(WORD) : WORD);
      case "p":
      case "P": {
        this.pos++;
        const m = /^\{([^}]*)\}/.exec(this.src.slice(this.pos));
        if (m === null) this.syntax(`invalid property escape \\${c}`, start);
        this.pos += m[0].length;
        const set = propertySet(m[1]!, start);
        return c === "p" ? set : complement(set);
      }
      default:
        return null;
    }
  }

  /** CharacterEscape (u mode) after the backslash; returns the code point. */
  private parseCharacterEscape(start: number): number {
    const c = this.peek()!;
    this.pos++;
    switch (c) {
      case "f":
        return 0x0c;
      case "n":
        return 0x0a;
      case "r":
        return 0x0d;
      case "t":
        return 0x09;
      case "v":
        return 0x0b;
      case "c": {
        const l = this.peek();
        if (l === undefined || !/^[A-Za-z]$/.test(l)) this.syntax("invalid \\c escape", start);
        this.pos++;
        return l.charCodeAt(0) % 32;
      }
      case "0":
        if (/^[0-9]$/.test(this.peek() ?? "")) this.syntax("invalid decimal escape", start);
        return 0;
      case "x": {
        const m = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.pos, this.pos + 2));
        if (m === null) this.syntax("invalid \\x escape", start);
        this.pos += 2;
        return parseInt(m[0], 16);
      }
      case "u":
        return this.parseUnicodeEscape(start);
      default:
        if (SYNTAX_CHARS.includes(c) || c === "/") return c.charCodeAt(0);
        // Verbose mode: an escaped space or '#' is literal (Python's re.VERBOSE).
        if (this.flags.verbose && " \t\n\r\f\v#".includes(c)) return c.charCodeAt(0);
        this.syntax(`invalid escape \\${c}`, start);
    }
  }

  /** After `\u`: `{hex}` or 4 hex digits, joining an escaped surrogate pair into one code point. */
  private parseUnicodeEscape(start: number): number {
    if (this.peek() === "{") {
      const m = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.pos));
      if (m === null) this.syntax("invalid \\u{...} escape", start);
      const cp = parseInt(m[1]!, 16);
      if (cp > 0x10ffff) this.syntax("\\u{...} escape above U+10FFFF", start);
      this.pos += m[0].length;
      return cp;
    }
    const hex4 = (at: number): number | null => {
      const m = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(at, at + 4));
      return m === null ? null : parseInt(m[0], 16);
    };
    const cp = hex4(this.pos);
    if (cp === null) this.syntax("invalid \\u escape", start);
    this.pos += 4;
    if (cp >= 0xd800 && cp <= 0xdbff && this.src.startsWith("\\u", this.pos)) {
      const lo = hex4(this.pos + 2);
      if (lo !== null && lo >= 0xdc00 && lo <= 0xdfff) {
        this.pos += 6;
        return 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
      }
    }
    return cp;
  }

  // ---- classes ----

  private parseClass(): RegexNode {
    const start = this.pos;
    this.pos++; // [
    const negated = this.eat("^");
    const ranges: Range[] = [];
    while (true) {
      if (this.pos >= this.src.length) this.syntax("unterminated character class", start);
      if (this.eat("]")) break;
      const atomStart = this.pos;
      const a = this.parseClassAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.pos++;
        const b = this.parseClassAtom();
        if (!("cp" in a) || !("cp" in b)) this.syntax("invalid character class range", atomStart);
        if (a.cp > b.cp) this.syntax("range out of order in character class", atomStart);
        ranges.push([a.cp, b.cp]);
      } else if ("cp" in a) ranges.push([a.cp, a.cp]);
      else ranges.push(...a.set);
    }
    return { type: "set", ranges: normalize(ranges), negated };
  }

  private parseClassAtom(): ClassAtom {
    if (this.peek() !== "\\") return { cp: this.readCp() };
    const start = this.pos;
    this.pos++;
    const c = this.peek();
    if (c === undefined) this.syntax("\\ at end of pattern", start);
    if (c === "b") {
      this.pos++;
      return { cp: 0x08 };
    }
    if (c === "-") {
      this.pos++;
      return { cp: 0x2d };
    }
    const set = this.tryClassEscape(start);
    if (set !== null) return { set };
    return { cp: this.parseCharacterEscape(start) };
  }
}
