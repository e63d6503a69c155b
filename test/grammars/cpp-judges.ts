/**
 * The infill benchmark's two judges of C++ text, for the cpp-judges-* tests: tree-sitter-cpp and, where
 * installed, `g++ -std=c++17 -fsyntax-only`; and grammars/cpp.lark beside them. Call `cppJudges` at a
 * test file's top level (it registers the setup and clean-up hooks).
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { loadOracle, type Oracle } from "./treesitter.js";

export const hasGxx = spawnSync("g++", ["--version"]).status === 0;

/** The texts as one translation unit, each in a namespace of its own (the headers cost most of a g++ check). */
export const inNamespaces = (texts: string[]): string => texts.map((text, i) => `namespace text${i} {\n${text}\n}`).join("\n");

/** Judges of texts that follow `head` (the includes they need). */
export function cppJudges(head: string) {
  let cpp: CompiledGrammar;
  let ts: Oracle;
  const dir = mkdtempSync(join(tmpdir(), "gramfill-cpp-judges-"));
  let files = 0;
  beforeAll(async () => {
    cpp = compileGrammar(loadGrammarFile(join(__dirname, "..", "..", "grammars", "cpp.lark")));
    ts = await loadOracle("cpp");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    ours: (text: string) => cpp.check(head + text + "\n", { prefix: false, timeoutMs: 20_000 }).ok,
    tsAccepts: (text: string) => ts.accepts(head + text + "\n"),
    /** g++'s verdict on each text after `fileHead` (compiled in parallel, one file each) */
    gxxAccepts: (texts: string[], fileHead = head): Promise<boolean[]> => {
      const run = promisify(execFile);
      return Promise.all(
        texts.map((text) => {
          const f = join(dir, `t${files++}.cpp`);
          writeFileSync(f, fileHead + text + "\n");
          return run("g++", ["-std=c++17", "-fsyntax-only", f]).then(
            () => true,
            () => false,
          );
        }),
      );
    },
  };
}
