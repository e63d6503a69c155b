/**
 * Grammar IR: what every front-end (Lark, GBNF, nearley, the JSON Schema compiler) produces and what
 * `normalize` flattens for the parser. Rules are EBNF expressions over rule and terminal names;
 * terminals are regular expressions (over other terminals, literals and ECMA-262 regexes).
 *
 * Semantics (the contract every consumer relies on):
 * - The input is lexed by a contextual, greedy lexer: at each lexeme start, only the terminals the
 *   parser can accept next (plus the ignored ones) are candidates; a lexeme extends as long as some
 *   candidate can still match (longest match); when several candidates match the same longest
 *   lexeme, all of them are tried (the Earley parser keeps every reading).
 * - Ignored terminals may occur between any two lexemes, and before the first and after the last.
 * - A front-end whose source language has no lexer (GBNF, nearley) keeps its exact semantics by
 *   making every terminal match exactly one code point: code points are prefix-free in UTF-8, so
 *   greedy lexing then never changes the language.
 */
import type { SourceLocation } from "../util/errors.js";

/** A regular expression over terminals; what a terminal is defined as. */
export type TermExpr =
  /** a literal string (UTF-8 encoded for matching); `ignoreCase` as Lark's `"..."i` */
  | { type: "literal"; value: string; ignoreCase?: boolean; loc?: SourceLocation }
  /** an ECMA-262 regex matched against the whole lexeme; flags from "imsux" (u is implied) */
  | { type: "regex"; source: string; flags: string; loc?: SourceLocation }
  /** a set of code points, inclusive ranges; `negated` complements within all code points */
  | { type: "charset"; ranges: Array<[number, number]>; negated?: boolean; loc?: SourceLocation }
  /** a reference to another terminal by name (Lark allows `NUMBER: INT "." INT`) */
  | { type: "ref"; name: string; loc?: SourceLocation }
  | { type: "seq"; items: TermExpr[]; loc?: SourceLocation }
  | { type: "alt"; alts: TermExpr[]; loc?: SourceLocation }
  /** `max` may be Infinity */
  | { type: "repeat"; expr: TermExpr; min: number; max: number; loc?: SourceLocation }
  /** intersection of regular languages (no surface syntax; the JSON Schema compiler makes these) */
  | { type: "and"; items: TermExpr[]; loc?: SourceLocation }
  /** complement within all byte strings (intersect with a universe to stay inside UTF-8) */
  | { type: "not"; expr: TermExpr; loc?: SourceLocation };

export interface TerminalDef {
  name: string;
  expr: TermExpr;
  /** may occur between any two lexemes (Lark's %ignore) */
  ignored?: boolean;
  loc?: SourceLocation;
}

/** An EBNF expression over rules (lowercase in Lark) and terminals. */
export type RuleExpr =
  | { type: "rule"; name: string; loc?: SourceLocation }
  | { type: "terminal"; name: string; loc?: SourceLocation }
  | { type: "seq"; items: RuleExpr[]; loc?: SourceLocation }
  /** alternation; an empty `seq` is epsilon */
  | { type: "alt"; alts: RuleExpr[]; loc?: SourceLocation }
  /** `?` = {0,1}, `*` = {0,Inf}, `+` = {1,Inf}; `max` may be Infinity */
  | { type: "repeat"; expr: RuleExpr; min: number; max: number; loc?: SourceLocation };

export interface RuleDef {
  name: string;
  expr: RuleExpr;
  loc?: SourceLocation;
}

export interface Diagnostic {
  severity: "error" | "warning";
  message: string;
  loc?: SourceLocation;
}

export interface Grammar {
  /** name of the start rule */
  start: string;
  /** in source order; a name appears once (front-ends merge `a: x` / `a: y` redefinitions as errors) */
  rules: RuleDef[];
  /** in source order, including anonymous terminals the front-end made for inline literals */
  terminals: TerminalDef[];
  /** where the grammar came from, for messages */
  file?: string;
  /** warnings a front-end or validation found (unused symbols, ignored features, ...) */
  diagnostics: Diagnostic[];
}

export const eps = (): RuleExpr => ({ type: "seq", items: [] });
