import { readdirSync, readFileSync } from "node:fs";
import { loadOracle } from "./treesitter.js";
for (const [lang, dir] of [["cpp", "cpp"], ["c", "c"], ["cpp", "cpp-invalid"], ["c", "c-invalid"]] as const) {
  const o = await loadOracle(lang);
  for (const f of readdirSync(`test/corpus/${dir}`).sort()) {
    const r = o.check(readFileSync(`test/corpus/${dir}/${f}`, "utf8"));
    if (r.ok === dir.endsWith("invalid")) console.log(dir, f, JSON.stringify(r.firstError));
  }
}
