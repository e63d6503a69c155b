import { readdirSync, readFileSync } from "node:fs";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
const lang = process.argv[2];
const only = process.argv[3];
let t0 = Date.now();
const cg = compileGrammar(loadGrammarFile(`grammars/${lang}.lark`));
console.log("compile", Date.now() - t0, "ms");
for (const dir of [lang, `${lang}-invalid`, `${lang}-ts-disputed`]) {
  let agree = 0, n = 0; t0 = Date.now();
  for (const f of readdirSync(`test/corpus/${dir}`).sort()) {
    if (only && !f.includes(only)) continue;
    const text = readFileSync(`test/corpus/${dir}/${f}`, "utf8");
    const t1 = Date.now();
    let r;
    try { r = cg.check(text, { prefix: false, timeoutMs: 20000 }); } catch (e: any) { console.log("CRASH", dir, f, e.message); continue; }
    const dt = Date.now() - t1;
    n++;
    const want = !dir.endsWith("invalid");
    if (r.ok === want) agree++;
    else {
      const before = text.slice(0, r.offset); const line = before.split("\n").length;
      console.log("DIS", dir, f, `ok=${r.ok}`, `line ${line}:`, JSON.stringify(text.split("\n")[line - 1]), r.expected.slice(0, 12).join(" "));
    }
    if (dt > 1000) console.log("SLOW", f, dt, "ms");
  }
  console.log(dir, `${agree}/${n}`, Date.now() - t0, "ms");
}
