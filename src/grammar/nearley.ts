/**
 * nearley (`.ne`) front-end. The file is read with nearley's own parser and compiler
 * (`nearley/lib/nearley-language-bootstrapped`, `nearley/lib/compile`), so macros, EBNF modifiers,
 * `@include` / `@builtin` and case-insensitive strings behave exactly as in nearley; we then map
 * the compiled rules to the Grammar IR. Postprocessors and `@{% %}` blocks are ignored.
 *
 * Without a lexer nearley matches one JS character (UTF-16 unit) per symbol; each symbol becomes a
 * terminal matching exactly one code point: `{literal: c}` a literal terminal (a surrogate pair of
 * literals becomes one astral literal), a RegExp character class a `charset` terminal computed by
 * testing the RegExp on every BMP unit (the class includes all astral code points when it matches
 * every surrogate unit, e.g. `.`-like negated classes; lone surrogates are dropped).
 *
 * Not supported: `@lexer` and `%token` symbols (a clear `grammar_syntax` error).
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { GramfillError, type SourceLocation } from "../util/errors.js";
import type { Diagnostic, Grammar, RuleDef, RuleExpr, TermExpr, TerminalDef } from "./ir.js";
import {
  charsetTerminalName,
  literalTerminalName,
  MAX_CODE_POINT,
  MAX_NESTING,
  SourceText,
  type Ranges,
} from "./text.js";

export interface NearleyOptions {
  file?: string;
  start?: string;
}

/** nearley's parser is slow on large inputs; beyond this many characters we refuse cleanly. */
export const NEARLEY_MAX_CHARS = 2_000_000;

const require = createRequire(import.meta.url);

interface NearleyModule {
  Parser: new (grammar: unknown) => { feed(chunk: string): void; results: unknown[] };
  Grammar: { fromCompiled(compiled: unknown): unknown };
}
interface CompiledRule {
  name: string;
  symbols: Array<string | RegExp | { literal?: string; token?: string; type?: string }>;
}
interface Compiled {
  rules: CompiledRule[];
  start: string;
  config: Record<string, string>;
}

let loaded:
  | { nearley: NearleyModule; bootstrapped: unknown; compile: (structure: unknown, opts: object) => Compiled }
  | undefined;
function nearleyLib() {
  loaded ??= {
    nearley: require("nearley") as NearleyModule,
    bootstrapped: require("nearley/lib/nearley-language-bootstrapped.js"),
    compile: require("nearley/lib/compile.js"),
  };
  return loaded;
}

/** Parses a nearley grammar into the Grammar IR (no validation; see `parseGrammar` in load.ts). */
export function parseNearley(text: string, opts: NearleyOptions = {}): Grammar {
  const src = new SourceText(text, opts.file);
  if (text.length > NEARLEY_MAX_CHARS) {
    throw new GramfillError(
      "grammar_syntax",
      `nearley grammar is too large (${text.length} characters; the limit is ${NEARLEY_MAX_CHARS}): nearley's own parser cannot read it in reasonable time`,
      opts.file !== undefined ? { file: opts.file } : undefined,
    );
  }
  checkNesting(text, src);
  const { nearley, bootstrapped, compile } = nearleyLib();

  // Parse production by production: nearley's Earley parser is quadratic in the number of
  // productions of one feed, and the file is exactly the sequence of its productions.
  const structure: unknown[] = [];
  for (const [start, end] of splitProductions(text)) {
    const chunk = text.slice(start, end);
    if (!/\S/.test(chunk.replace(/#[^\n]*/g, ""))) continue;
    const parser = new nearley.Parser(nearley.Grammar.fromCompiled(bootstrapped));
    try {
      parser.feed(chunk);
    } catch (e) {
      throw nearleySyntaxError(e, src, start, chunk);
    }
    if (parser.results.length === 0) {
      throw src.error("grammar_syntax", "unexpected end of input (incomplete production)", end);
    }
    structure.push(...(parser.results[0] as unknown[]));
  }

  let compiled: Compiled;
  try {
    const file = opts.file !== undefined ? path.resolve(opts.file) : path.join(process.cwd(), "grammar.ne");
    compiled = compile(structure, { args: [file], nojs: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && (e as NodeJS.ErrnoException).code === "ENOENT") {
      throw new GramfillError("grammar_syntax", `cannot read included file: ${msg}`, src.loc(findOffset(text, /@(?:include|builtin)\b/)));
    }
    const name = /(?:variable|macro): (\S+)/.exec(msg)?.[1];
    const off = name ? findOffset(text, new RegExp(`\\b${escapeRe(name)}\\b`)) : 0;
    throw new GramfillError("grammar_syntax", `nearley: ${msg}`, src.loc(off));
  }

  if (compiled.config.lexer !== undefined) {
    throw src.error(
      "grammar_syntax",
      "lexer-based nearley grammars are not supported (remove @lexer; gramfill matches characters)",
      findOffset(text, /@lexer\b/),
    );
  }

  const defLocs = definitionOffsets(text);
  const locOf = (name: string): SourceLocation | undefined => {
    const base = name.replace(/\$.*$/, "");
    const off = defLocs.get(base);
    return off === undefined ? (opts.file !== undefined ? { file: opts.file } : undefined) : src.loc(off);
  };

  const terminals: TerminalDef[] = [];
  const termIndex = new Map<string, TerminalDef>();
  const terminal = (name: string, expr: TermExpr): RuleExpr => {
    if (!termIndex.has(name)) {
      const def: TerminalDef = { name, expr };
      terminals.push(def);
      termIndex.set(name, def);
    }
    return { type: "terminal", name };
  };
  const literal = (cp: number) => {
    const value = String.fromCodePoint(cp);
    return terminal(literalTerminalName(value), { type: "literal", value });
  };
  const classCache = new Map<string, RuleExpr>();
  const charClass = (re: RegExp): RuleExpr => {
    const key = `/${re.source}/${re.flags}`;
    let t = classCache.get(key);
    if (!t) {
      const ranges = regexToRanges(re);
      if (ranges.length === 1 && ranges[0]![0] === ranges[0]![1]) t = literal(ranges[0]![0]);
      else t = terminal(charsetTerminalName(ranges), { type: "charset", ranges });
      classCache.set(key, t);
    }
    return t;
  };

  const alts = new Map<string, RuleExpr[]>();
  for (const rule of compiled.rules) {
    const items: RuleExpr[] = [];
    const syms = rule.symbols;
    for (let i = 0; i < syms.length; i++) {
      const s = syms[i]!;
      if (typeof s === "string") {
        // nearley's compiler keeps no positions: a reference carries its rule's location
        const l = locOf(rule.name);
        items.push(l ? { type: "rule", name: s, loc: l } : { type: "rule", name: s });
      } else if (s instanceof RegExp) {
        items.push(charClass(s));
      } else if (typeof s.literal === "string") {
        const value = s.literal;
        const next = syms[i + 1];
        const hi = value.charCodeAt(0);
        if (
          value.length === 1 &&
          hi >= 0xd800 &&
          hi <= 0xdbff &&
          next !== undefined &&
          typeof next === "object" &&
          !(next instanceof RegExp) &&
          typeof next.literal === "string" &&
          next.literal.length === 1 &&
          next.literal.charCodeAt(0) >= 0xdc00 &&
          next.literal.charCodeAt(0) <= 0xdfff
        ) {
          items.push(literal(String.fromCharCode(hi, next.literal.charCodeAt(0)).codePointAt(0)!));
          i++;
          continue;
        }
        for (const ch of value) {
          const cp = ch.codePointAt(0)!;
          if (cp >= 0xd800 && cp <= 0xdfff) {
            throw new GramfillError(
              "grammar_syntax",
              `rule '${rule.name}' matches a lone UTF-16 surrogate, which gramfill cannot express`,
              locOf(rule.name),
            );
          }
          items.push(literal(cp));
        }
      } else if (s.token !== undefined || s.type !== undefined) {
        const tok = s.token ?? s.type!;
        throw src.error(
          "grammar_syntax",
          `lexer-based nearley grammars are not supported (token %${tok} in rule '${rule.name}')`,
          findOffset(text, new RegExp(`%${escapeRe(tok)}\\b`)),
        );
      } else {
        throw new GramfillError("grammar_syntax", `rule '${rule.name}' has a symbol gramfill does not understand`, locOf(rule.name));
      }
    }
    let list = alts.get(rule.name);
    if (!list) alts.set(rule.name, (list = []));
    list.push(items.length === 1 ? items[0]! : { type: "seq", items });
  }

  const rules: RuleDef[] = [];
  for (const [name, list] of alts) {
    const def: RuleDef = { name, expr: list.length === 1 ? list[0]! : { type: "alt", alts: list } };
    const l = locOf(name);
    if (l) def.loc = l;
    rules.push(def);
  }

  const diagnostics: Diagnostic[] = [];
  const g: Grammar = { start: opts.start ?? compiled.start, rules, terminals, diagnostics };
  if (opts.file !== undefined) g.file = opts.file;
  return g;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function findOffset(text: string, re: RegExp): number {
  const m = re.exec(text);
  return m ? m.index : 0;
}

/** The code points a one-character RegExp accepts, found by testing every UTF-16 unit. */
function regexToRanges(re: RegExp): Ranges {
  const r = new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
  const ranges: Ranges = [];
  let start = -1;
  let surrogates = 0;
  for (let u = 0; u <= 0xffff; u++) {
    const ok = r.test(String.fromCharCode(u));
    if (u >= 0xd800 && u <= 0xdfff) {
      if (ok) surrogates++;
      if (start >= 0) {
        ranges.push([start, u - 1]);
        start = -1;
      }
      continue;
    }
    if (ok && start < 0) start = u;
    else if (!ok && start >= 0) {
      ranges.push([start, u - 1]);
      start = -1;
    }
  }
  if (start >= 0) ranges.push([start, 0xffff]);
  if (surrogates === 0x800) ranges.push([0x10000, MAX_CODE_POINT]);
  // merge [.., 0xffff] with [0x10000, ..]
  const out: Ranges = [];
  for (const rg of ranges) {
    const last = out[out.length - 1];
    if (last && rg[0] <= last[1] + 1) last[1] = Math.max(last[1], rg[1]);
    else out.push(rg);
  }
  return out;
}

function nearleySyntaxError(e: unknown, src: SourceText, base: number, chunk: string): GramfillError {
  const err = e as { message?: string; token?: { offset?: number; text?: string } };
  const msg = String(err.message ?? e);
  let off: number | undefined;
  if (err.token && typeof err.token.offset === "number") off = base + err.token.offset;
  else {
    const m = /line (\d+) col (\d+)/.exec(msg);
    if (m) {
      const lines = chunk.split(/\r\n|\r|\n/);
      let o = 0;
      for (let i = 0; i < Number(m[1]) - 1 && i < lines.length; i++) o += lines[i]!.length + 1;
      off = base + o + Number(m[2]) - 1;
    }
  }
  const what = err.token?.text !== undefined ? `unexpected ${JSON.stringify(err.token.text)}` : `invalid syntax`;
  const at = off ?? base;
  const ch = src.text[at];
  const detail = ch === '"' ? " (unterminated or invalid string literal)" : "";
  return src.error("grammar_syntax", `${what}${detail}`, at);
}

/** Offsets of production heads (`name ->`, `name[args] ->`) by name, first occurrence. */
function definitionOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const re = /(^|[\r\n])[ \t]*([\w?+$]+)[ \t]*(?:\[[^\]\r\n]*\])?[ \t]*[-=]+>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const name = m[2]!;
    if (!out.has(name)) out.set(name, m.index + m[1]!.length + m[0].slice(m[1]!.length).indexOf(name));
  }
  return out;
}

/**
 * Splits the source at the lines where a new production or directive starts (`name ->`, `@...`
 * at the start of a line, outside `{% %}` blocks and backtick strings).
 */
function splitProductions(text: string): Array<[number, number]> {
  const starts: number[] = [0];
  const head = /[ \t]*(?:[\w?+$]+[ \t]*(?:\[[^\]\r\n]*\])?[ \t]*[-=]+>|@)/y;
  let inJs = false;
  let inBt = false;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    if (lineStart && !inJs && !inBt && i > 0) {
      head.lastIndex = i;
      if (head.test(text)) starts.push(i);
    }
    lineStart = false;
    const c = text[i]!;
    if (c === "\n" || c === "\r") {
      lineStart = true;
      continue;
    }
    if (inJs) {
      if (c === "%" && text[i + 1] === "}") {
        inJs = false;
        i++;
      }
    } else if (inBt) {
      if (c === "`") inBt = false;
    } else if (c === "{" && text[i + 1] === "%") {
      inJs = true;
      i++;
    } else if (c === "`") inBt = true;
    else if (c === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
      if (text[i] === "\n") lineStart = true;
    } else if (c === "[") {
      for (i++; i < text.length && text[i] !== "]" && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
      if (text[i] === "\n") lineStart = true;
    }
  }
  const out: Array<[number, number]> = [];
  for (let k = 0; k < starts.length; k++) out.push([starts[k]!, k + 1 < starts.length ? starts[k + 1]! : text.length]);
  return out;
}

/** Rejects parentheses nested deeper than MAX_NESTING (outside strings, classes, JS and comments). */
function checkNesting(text: string, src: SourceText): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "{" && text[i + 1] === "%") {
      const end = text.indexOf("%}", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
    } else if (c === "[") {
      for (i++; i < text.length && text[i] !== "]" && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
    } else if (c === "(") {
      if (++depth > MAX_NESTING) {
        throw src.error("grammar_syntax", `parentheses nested too deeply (more than ${MAX_NESTING} levels)`, i);
      }
    } else if (c === ")") {
      if (depth > 0) depth--;
    }
  }
}
