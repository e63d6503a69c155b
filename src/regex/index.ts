/** ECMA-262 regex → lazily built byte-level automata: the lexer core. */
export { ExprSet, type ExprId, type ExprSetOptions } from "./expr.js";
export { LazyDfa, type LazyDfaOptions } from "./lazy_dfa.js";
export type { RegexMode } from "./compile.js";
export { parseRegex, parseFlags } from "./parse.js";
export type { ParsedRegex, RegexFlags, RegexNode } from "./ast.js";
export {
  type Range,
  type RangeSet,
  normalize as normalizeRanges,
  union as unionRanges,
  intersect as intersectRanges,
  complement as complementRanges,
  foldClosure,
  foldClass,
  propertySet,
} from "./charset.js";
export { utf8Sequences, encodeUtf8, type ByteRange, type ByteSeq } from "./utf8.js";
