#!/usr/bin/env node
/**
 * The `gramfill` command. Commands return their output and exit code instead of printing and
 * exiting, so tests can run them in-process; this file is the only place that touches the process.
 */
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GramfillError } from "../util/errors.js";
import { UsageError } from "./args.js";
import { benchHelp, benchHelpFor, runBench } from "./commands/bench.js";
import { checkHelp, runCheck } from "./commands/check.js";
import { compileHelp, runCompile } from "./commands/compile.js";
import { generateHelp, runGenerate } from "./commands/generate.js";
import { infillHelp, runInfill } from "./commands/infill.js";
import { maskHelp, runMask } from "./commands/mask.js";
import { runVocab, vocabHelp } from "./commands/vocab.js";

export interface CommandResult {
  code: number;
  stdout?: string;
  stderr?: string;
}

interface Command {
  summary: string;
  help: string;
  run: (argv: string[]) => CommandResult | Promise<CommandResult>;
  /** help for a subcommand (`gramfill bench maskbench --help`), when it has its own */
  helpFor?: (argv: string[]) => string | undefined;
}

const commands: Record<string, Command> = {
  bench: { summary: "JSON Schema benchmarks: test-suite pass rate, JSONSchemaBench coverage", help: benchHelp, run: runBench, helpFor: benchHelpFor },
  check: { summary: "check an input against a grammar (exit 0 accepted, 1 rejected)", help: checkHelp, run: runCheck },
  compile: { summary: "compile a grammar and print its statistics or its errors", help: compileHelp, run: runCompile },
  generate: { summary: "generate text with a model, constrained by a JSON Schema, grammar or regex", help: generateHelp, run: (argv) => runGenerate(argv, isEntryPoint() ? process.stdout : undefined) },
  infill: { summary: "fill the holes of a text with a model so that it becomes a word of a grammar or schema", help: infillHelp, run: runInfill },
  mask: { summary: "list the tokens a grammar or schema allows after a prefix", help: maskHelp, run: runMask },
  vocab: { summary: "show a tokenizer's vocabulary as exact bytes (size, EOS and special ids)", help: vocabHelp, run: runVocab },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export const mainHelp = () => `gramfill ${version()}: make language models write words of a formal language

Usage: gramfill <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Run 'gramfill <command> --help' for a command's options.
Exit codes: 0 ok, 1 rejected input or bad grammar/schema, 2 usage error, 3 output failed validation.`;

export async function run(argv: string[]): Promise<CommandResult> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const target = name === "help" ? rest[0] : undefined;
    if (target !== undefined && commands[target]) return { code: 0, stdout: commands[target].help + "\n" };
    return { code: 0, stdout: mainHelp() + "\n" };
  }
  if (name === "--version" || name === "-V") return { code: 0, stdout: version() + "\n" };
  const command = commands[name];
  if (!command) {
    return { code: 2, stderr: `gramfill: unknown command '${name}' (commands: ${Object.keys(commands).join(", ")}; see 'gramfill --help')\n` };
  }
  if (rest.includes("--help") || rest.includes("-h")) return { code: 0, stdout: (command.helpFor?.(rest) ?? command.help) + "\n" };
  try {
    return await command.run(rest);
  } catch (e) {
    return failure(e, name);
  }
}

function failure(e: unknown, name: string): CommandResult {
  if (e instanceof UsageError) {
    return { code: 2, stderr: `gramfill ${name}: ${e.message} (see 'gramfill ${name} --help')\n` };
  }
  if (e instanceof GramfillError) {
    if (e.code === "usage") return { code: 2, stderr: `gramfill ${name}: ${e.format()} (see 'gramfill ${name} --help')\n` };
    return { code: 1, stderr: `${e.format()}\n` };
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { code: 1, stderr: `gramfill ${name}: input nested too deeply to process\n` };
  }
  const detail = process.env.GRAMFILL_DEBUG ? `\n${(e as Error).stack}` : " (set GRAMFILL_DEBUG=1 for a stack trace)";
  return { code: 1, stderr: `gramfill ${name}: internal error: ${(e as Error).message}${detail}\n` };
}

/** True when this file is the program node runs (directly, or through the npm bin symlink). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const result = await run(process.argv.slice(2));
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
