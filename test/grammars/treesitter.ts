/**
 * Oracle harness: tree-sitter (web-tree-sitter 0.22 + the tree-sitter-wasms grammars) as a reference
 * parser for C, C++ and JSON. A text is accepted when its tree has no ERROR node and no MISSING node.
 *
 * Tree-sitter is error-tolerant, so "accept" here means "parsed without any error recovery".
 * Notes: in web-tree-sitter 0.22 `hasError`, `isError` and `isMissing` are properties (not methods).
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import Parser from "web-tree-sitter";

export type OracleLanguage = "c" | "cpp" | "json";

export interface OracleResult {
  ok: boolean;
  /** first ERROR / MISSING node, for messages */
  firstError?: { type: string; missing: boolean; row: number; column: number; text: string };
}

export interface Oracle {
  check(text: string): OracleResult;
  accepts(text: string): boolean;
}

const require = createRequire(import.meta.url);
let initPromise: Promise<void> | undefined;
const languages = new Map<OracleLanguage, Promise<Parser.Language>>();

function wasmPath(lang: OracleLanguage): string {
  return require.resolve(`tree-sitter-wasms/out/tree-sitter-${lang}.wasm`);
}

async function init(): Promise<void> {
  initPromise ??= Parser.init();
  return initPromise;
}

async function language(lang: OracleLanguage): Promise<Parser.Language> {
  await init();
  let p = languages.get(lang);
  if (!p) {
    p = Parser.Language.load(readFileSync(wasmPath(lang)));
    languages.set(lang, p);
  }
  return p;
}

function findError(node: Parser.SyntaxNode): Parser.SyntaxNode | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const e = findError(child);
    if (e) return e;
  }
  return node; // hasError but no erroneous child found: report the node itself
}

/** Loads the tree-sitter grammar for `lang` and returns a checker. */
export async function loadOracle(lang: OracleLanguage): Promise<Oracle> {
  const lng = await language(lang); // also runs Parser.init(), which must precede `new Parser()`
  const parser = new Parser();
  parser.setLanguage(lng);
  const check = (text: string): OracleResult => {
    const tree = parser.parse(text);
    try {
      const root = tree.rootNode;
      const err = root.hasError || root.isError || root.isMissing ? findError(root) : undefined;
      if (!err) return { ok: true };
      return {
        ok: false,
        firstError: {
          type: err.type,
          missing: err.isMissing,
          row: err.startPosition.row + 1,
          column: err.startPosition.column + 1,
          text: err.text.slice(0, 40),
        },
      };
    } finally {
      tree.delete();
    }
  };
  return { check, accepts: (text) => check(text).ok };
}
