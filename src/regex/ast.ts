/**
 * The parsed form of an ECMA-262 regex. Character sets are already resolved to code point ranges
 * (escapes, classes, properties); case folding and negation are applied when compiling, because
 * with the `i` flag a negated class is the complement of the fold closure (ECMA-262
 * CharacterSetMatcher), not the fold closure of the complement.
 */
import type { RangeSet } from "./charset.js";

export type RegexNode =
  /** matches "" (an empty alternative or group) */
  | { type: "empty" }
  /** one literal code point */
  | { type: "char"; cp: number }
  /** a class or class escape: `negated` complements after case folding */
  | { type: "set"; ranges: RangeSet; negated: boolean }
  /** `.`: any code point but line terminators, or any with the `s` flag */
  | { type: "dot" }
  | { type: "concat"; items: RegexNode[] }
  | { type: "alt"; alts: RegexNode[] }
  /** `max` may be Infinity; `greedy` is kept for printing only (lazy has the same language) */
  | { type: "repeat"; expr: RegexNode; min: number; max: number; greedy: boolean }
  | { type: "group"; expr: RegexNode; capturing: boolean; name?: string }
  /** `^` or `$`; only allowed at the edges of the pattern (checked when compiling) */
  | { type: "anchor"; kind: "^" | "$"; offset: number };

export interface RegexFlags {
  ignoreCase: boolean;
  dotAll: boolean;
  multiline: boolean;
  /** Lark's `x`: whitespace and `#` comments outside classes are ignored */
  verbose: boolean;
}

export interface ParsedRegex {
  source: string;
  flags: RegexFlags;
  ast: RegexNode;
}
