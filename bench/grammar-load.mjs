#!/usr/bin/env node
// Grammar loading speed: `loadGrammarFile` (read, decode, parse, validate) and `compileGrammar`
// (normalize, terminal compilation, prediction tables) on the 10 MB generated Lark and GBNF grammars
// of test/grammar/load.test.ts.
// Usage: node bench/grammar-load.mjs [--repeat N] [--dist DIR] [--format lark|gbnf]
// Needs `npm run build` first (it imports dist/). Prints one Markdown table row per format.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    repeat: { type: "string", default: "3" },
    dist: { type: "string", default: new URL("../dist", import.meta.url).pathname },
    format: { type: "string" },
  },
});
const repeat = Number(values.repeat);
const { compileGrammar, loadGrammarFile } = await import(pathToFileURL(join(resolve(values.dist), "index.js")).href);

/** The same generators as test/grammar/load.test.ts. */
function bigLark() {
  const parts = ["start: r0\n"];
  const n = 130_000;
  for (let i = 0; i < n; i++) {
    parts.push(`r${i}: "kw${i % 50}" (r${i + 1} | NAME ("," NAME)*)? /[a-z]+\\d*/ | "x" ~ 2..3 // c\n`);
  }
  parts.push(`r${n}: "end"\nNAME: /[A-Z]+/\n`);
  return { text: parts.join(""), rules: n + 2 };
}

function bigGbnf() {
  const parts = ["root ::= r0\n"];
  const n = 180_000;
  for (let i = 0; i < n; i++) parts.push(`r${i} ::= "kw" [a-z]+ (r${i + 1} | "x"){0,3} | [^"\\\\] # c\n`);
  parts.push(`r${n} ::= "e"\n`);
  return { text: parts.join(""), rules: n + 2 };
}

const tmp = mkdtempSync(join(os.tmpdir(), "gramfill-bench-"));
const cases = [
  { format: "lark", file: join(tmp, "big.lark"), ...bigLark() },
  { format: "gbnf", file: join(tmp, "big.gbnf"), ...bigGbnf() },
].filter((c) => !values.format || c.format === values.format);

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`machine: ${cpu} x${os.cpus().length}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg()[0].toFixed(1)}`);
console.log(`| grammar | size | rules | load: wall (cpu), best of ${repeat} | compile: wall (cpu), best of ${repeat} | BNF rules | terminals |`);
console.log(`|---|---|---|---|---|---|---|`);
/** wall and process CPU (all threads, GC helpers included) milliseconds of `f` */
function timed(f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let value;
  let error;
  try {
    value = f();
  } catch (e) {
    error = e;
  }
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, error, wall, cpu: (c.user + c.system) / 1000 };
}
const fmt = (t) => (t.wall === Infinity ? "—" : `${t.wall.toFixed(0)} ms (${t.cpu.toFixed(0)})`);
try {
  for (const c of cases) {
    writeFileSync(c.file, c.text);
    let load = { wall: Infinity };
    let compile = { wall: Infinity };
    let stats;
    let failed;
    for (let r = 0; r < repeat; r++) {
      const l = timed(() => loadGrammarFile(c.file));
      if (l.error) throw l.error;
      if (l.value.rules.length !== c.rules) throw new Error(`${c.format}: expected ${c.rules} rules, got ${l.value.rules.length}`);
      const k = timed(() => compileGrammar(l.value));
      if (l.wall < load.wall) load = l;
      if (k.error) failed = k.error;
      else {
        stats = k.value.stats();
        if (k.wall < compile.wall) compile = k;
      }
    }
    const mb = statSync(c.file).size / 1e6;
    const compiled = failed ? `fails: ${failed.message}` : fmt(compile);
    console.log(
      `| ${c.format} | ${mb.toFixed(1)} MB | ${c.rules} | ${fmt(load)} | ${compiled} | ${stats?.bnfRules ?? "—"} | ${stats?.terminals ?? "—"} |`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
