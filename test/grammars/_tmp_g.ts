import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar } from "../../src/parser/compile.js";
const cases: Record<string, [string, boolean][]> = {
  "grammars/json.lark": [['{"a": [1, 2.5e-3, true, null, "x\\u00e9"]}', true], ["[01]", false], ['"a\tb"', false], ["[1,]", false], [" \n[ ] ", true]],
  "grammars/json.gbnf": [['{"a": [1, 2.5e-3, true, null, "x\\u00e9"]}', true], ["[01]", false], ['"a\tb"', false], ["[1,]", false], [" \n[ ] ", true]],
  "grammars/arithmetic.lark": [["1 + 2 * (3 - -4.5) ^ 2 / 7", true], ["1 + * 2", false], ["-2^-1", true], ["(1", false]],
  "grammars/smiles.lark": [["CC(=O)Oc1ccccc1C(=O)O", true], ["[13CH4]", true], ["C1CC%10CC1.[Na+]", true], ["[C@@H](F)(Cl)Br", true], ["C(C", false], ["[Xx]", false], ["c1ccccc1", true], ["[nH]1cccc1", true], ["[Fe+3]", true], ["N[C@@H](C)C(=O)O", true]],
  "grammars/sql.lark": [["SELECT a, b AS c FROM t1 JOIN t2 ON t1.id = t2.id WHERE x > 1 AND y LIKE 'a%' GROUP BY a HAVING count(*) > 2 ORDER BY a DESC LIMIT 10 OFFSET 5;", true],
     ["select * from t where a in (select b from u) and c between 1 and 2 and d is not null", true], ["SELECT FROM", false], ["select a from t where", false]],
};
for (const [file, cs] of Object.entries(cases)) {
  let cg;
  try { cg = compileGrammar(loadGrammarFile(file)); } catch (e: any) { console.log(file, "LOAD ERROR", e.format ? e.format() : e); continue; }
  for (const [t, exp] of cs) {
    const r = cg.check(t, { prefix: false });
    console.log(r.ok === exp ? "ok  " : "FAIL", file, JSON.stringify(t), r.ok, r.offset, r.ok ? "" : r.expected.slice(0, 8).join(" "));
  }
}
