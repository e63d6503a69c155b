/**
 * gramfill's public API. Stages, left to right: regex → grammar → parser (→ masks, infill, decode in
 * later releases). See ARCHITECTURE.md for the map.
 */
export { GramfillError, isGramfillError, type ErrorCode, type SourceLocation } from "./util/errors.js";
export { ExprSet, LazyDfa, type ExprId } from "./regex/index.js";
export type { Grammar, RuleDef, RuleExpr, TermExpr, TerminalDef, Diagnostic } from "./grammar/ir.js";
export { normalize, type BnfGrammar } from "./grammar/normalize.js";
export { loadGrammarFile, parseGrammar } from "./grammar/load.js";
export { compileGrammar, CompiledGrammar, type CheckResult, type CompileOptions, type GrammarStats } from "./parser/compile.js";
export { Parser } from "./parser/parser.js";
export * from "./vocab/index.js";
export { MaskContext, GrammarMatcher } from "./mask/matcher.js";
export { TokenTables, writeAlways, type StateTokens } from "./mask/token-tables.js";
export { combinedMask, type Monitor } from "./mask/monitor.js";
export { CausalLM, KvCache, MaskedDiffusionLM, TextTokenizer, logitsRow, readModelFolder, resolveModelDir, type Logits, type ModelFolder } from "./backend/index.js";
export { Generator, Rng, sampleMasked, shortestCompletion, causalModel, diffusionModel, loadModel, type GenerateOptions, type GenerateResult, type GenerateStats, type TokenEvent, type SamplingOptions, type CompletionOptions, type DecoderModel, type ModelSession } from "./decode/index.js";
export { diffusionGenerate, mdmModel, wholeCanvasChecker, splitHoles, type DiffusionModel, type DiffusionOptions, type DiffusionPart, type DiffusionResult, type DiffusionStats, type FeasibilityChecker, type InfillPart } from "./decode/index.js";
export { arModel, fimGenerate, fimTemplateOf, type FimModel, type FimOptions, type FimResult, type FimStats, type FimTemplate } from "./decode/index.js";
export * from "./infill/index.js";
export * from "./monitors/index.js";
