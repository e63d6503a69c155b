// Writes snippets.json: member accesses `expr.name` / `expr?.name` in the projects' files (but
// print.ts), cut right after the dot: 16 per project, evenly spaced over its accesses in file order. The prompt of a snippet is the file's text up to the cut;
// `expected` is the name the file has there. Run: node bench/monitor-eval/make-snippets.mjs
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const snippets = [];
for (const project of readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const src = path.join(here, project, "src");
  for (const name of readdirSync(src).filter((f) => f.endsWith(".ts") && f !== "print.ts").sort()) {
    const text = readFileSync(path.join(src, name), "utf8");
    const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const cut = node.name.getStart(sf);
        if (text[cut - 1] === ".") snippets.push({ project, file: `src/${name}`, cut, line: sf.getLineAndCharacterOfPosition(cut).line + 1, expected: node.name.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
}
snippets.sort((a, b) => a.project.localeCompare(b.project) || a.file.localeCompare(b.file) || a.cut - b.cut);
const PER_PROJECT = 16;
const chosen = [];
for (const project of new Set(snippets.map((s) => s.project))) {
  const all = snippets.filter((s) => s.project === project);
  for (let i = 0; i < PER_PROJECT && i < all.length; i++) chosen.push(all[Math.floor((i * all.length) / PER_PROJECT)]);
}
const out = chosen.map((s, i) => ({ id: `${s.project}-${String(i % PER_PROJECT).padStart(2, "0")}`, ...s }));
writeFileSync(path.join(here, "snippets.json"), JSON.stringify(out, null, 1) + "\n");
const per = {};
for (const s of out) per[s.project] = (per[s.project] ?? 0) + 1;
console.log(`${out.length} snippets of ${snippets.length} member accesses`, per);
