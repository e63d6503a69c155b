/** `gramfill compile`: load and compile a grammar, report its statistics or its errors. */
import { compileGrammar } from "../../parser/compile.js";
import { parseCommandArgs, type OptionSpec } from "../args.js";
import type { CommandResult } from "../main.js";
import { grammarOptions, grammarOptionsHelp, loadGrammarFromArgs } from "./common.js";
import { runCompileSchema, schemaOptions, schemaOptionsHelp } from "./schema.js";

export const compileHelp = `Usage: gramfill compile --grammar FILE [--json]
       gramfill compile --schema FILE [--mode strict|lenient] [--emit lark|stats] [--json]

Parses and compiles a grammar, then prints its statistics and any warnings (unused rules or
terminals). A grammar error (syntax, undefined symbol, a rule or terminal with no finite word,
an unsupported regex feature) is printed as FILE:LINE:COL: message, with exit code 1.

Options:
${grammarOptionsHelp}
${schemaOptionsHelp}
      --emit E         with --schema: stats (default) | lark (the grammar as Lark-style EBNF)
      --json           print the statistics and warnings as one JSON object
  -h, --help           this help

Example:
  gramfill compile --grammar grammars/cpp.lark`;

const options: OptionSpec = { ...grammarOptions, ...schemaOptions, json: { type: "boolean" } };

export function runCompile(argv: string[]): CommandResult {
  const p = parseCommandArgs("compile", argv, options);
  if (p.values.schema !== undefined) return runCompileSchema(p);
  const started = performance.now();
  const grammar = loadGrammarFromArgs(p, "compile");
  const compiled = compileGrammar(grammar);
  const ms = performance.now() - started;
  const stats = compiled.stats();
  const names = compiled.terminalNames;
  const conflicts = compiled.lexemeConflicts();
  const separable = conflicts.filter((c) => c.separable).length;
  const warnings = [
    ...grammar.diagnostics.filter((d) => d.severity === "warning"),
    ...conflicts
      .filter((c) => !c.separable)
      .map((c) => ({
        severity: "warning" as const,
        message: c.undecided
          ? `terminal ${names[c.first]} can be followed by ${names[c.next]}; could not decide (too costly) whether ${names[c.next]}'s first byte can extend ${names[c.first]}`
          : `terminal ${names[c.first]} can be followed by ${names[c.next]}, whose first byte can extend ${names[c.first]}, and no ignored terminal can separate them: greedy lexing may make a prefix look viable that no continuation completes`,
        loc: compiled.grammar.terminals[c.first]?.loc,
      })),
  ];
  const where = (d: (typeof warnings)[number]) =>
    d.loc ? `${d.loc.file ?? grammar.file ?? ""}:${d.loc.line ?? ""}:${d.loc.col ?? ""}: ` : "";
  if (p.values.json) {
    const out = {
      file: grammar.file,
      start: grammar.start,
      ...stats,
      compile_ms: Number(ms.toFixed(2)),
      lexeme_conflicts: { separable, unseparable: conflicts.length - separable },
      warnings: warnings.map((d) => ({ message: d.message, ...d.loc })),
    };
    return { code: 0, stdout: JSON.stringify(out, null, 2) + "\n" };
  }
  const lines = [
    `${grammar.file ?? "grammar"}: ok (start rule '${grammar.start}', compiled in ${ms.toFixed(1)} ms)`,
    `  rules ${stats.rules} (${stats.bnfRules} after desugaring, ${stats.nonterminals} nonterminals, ${stats.nullableNonterminals} nullable)`,
    `  terminals ${stats.terminals} (${stats.ignoredTerminals} ignored)`,
    `  lexer states built so far ${stats.lexerStates}, regex nodes ${stats.regexNodes}`,
    `  lexeme conflicts ${conflicts.length - separable} (plus ${separable} that an ignored terminal can separate)`,
  ];
  const stderr = warnings.map((d) => `${where(d)}warning: ${d.message}\n`).join("");
  return { code: 0, stdout: lines.join("\n") + "\n", stderr };
}
