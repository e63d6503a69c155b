/**
 * The schemas of a JSONSchemaBench-layout folder (`<Subset>/<name>.json`; `tests/` and files at the
 * top level are not subsets), and the two ways of taking fewer: the first N in (subset, file) order,
 * or a seeded sample stratified by subset.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { GramfillError } from "../../util/errors.js";
import { mulberry32 } from "../../util/random.js";

/** Seeded generator (mulberry32): the same seed gives the same sample on every machine. */
export const seededRandom = mulberry32;

export interface BenchSchema {
  /** `<Subset>/<name>.json` */
  file: string;
  subset: string;
  /** the schema file's text (parsed lazily: a broken file is a per-schema status, not a crash) */
  text: string;
}

/** Subset folder names of `dir`, sorted. */
export function listSubsets(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new GramfillError("io", `cannot read ${dir}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such folder" : (e as Error).message}`);
  }
  return names.filter((d) => d !== "tests" && !d.startsWith(".") && statSync(join(dir, d)).isDirectory()).sort();
}

/** Schema file names per subset (sorted), without reading them. */
export function listSchemaFiles(dir: string, subsets?: readonly string[]): Array<{ file: string; subset: string }> {
  const have = listSubsets(dir);
  if (have.length === 0) throw new GramfillError("io", `${dir}: no subset folders (expected the JSONSchemaBench layout <Subset>/<name>.json)`);
  if (subsets) {
    const unknown = subsets.filter((s) => !have.includes(s));
    if (unknown.length > 0) throw new GramfillError("usage", `unknown subset${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} in ${dir} (have: ${have.join(", ")})`);
  }
  const out: Array<{ file: string; subset: string }> = [];
  for (const subset of subsets ? have.filter((s) => subsets.includes(s)) : have) {
    for (const f of readdirSync(join(dir, subset)).filter((x) => x.endsWith(".json")).sort()) out.push({ file: `${subset}/${f}`, subset });
  }
  return out;
}


/**
 * n items stratified by subset: each subset gets its share of n by largest remainder (at least one
 * when n ≥ the number of subsets), items drawn by a seeded shuffle; output in (subset, file) order.
 */
export function stratifiedSample<T extends { subset: string }>(items: readonly T[], n: number, seed: number): T[] {
  if (n >= items.length) return [...items];
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const g = groups.get(it.subset);
    if (g) g.push(it);
    else groups.set(it.subset, [it]);
  }
  const names = [...groups.keys()];
  const size = (s: string) => groups.get(s)!.length;
  const target = new Map(names.map((s) => [s, (size(s) * n) / items.length]));
  const floor = n >= names.length ? 1 : 0;
  const quota = new Map(names.map((s) => [s, Math.min(size(s), Math.max(floor, Math.floor(target.get(s)!)))]));
  let given = [...quota.values()].reduce((x, y) => x + y, 0);
  const over = (s: string) => quota.get(s)! - target.get(s)!;
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // too many (subsets raised to one): take back from the most over-served above one
  while (given > n) {
    const s = names.filter((x) => quota.get(x)! > 1).sort((a, b) => over(b) - over(a) || byName(a, b))[0]!;
    quota.set(s, quota.get(s)! - 1);
    given--;
  }
  // too few: the most under-served first (largest remainder), never beyond a subset's size
  while (given < n) {
    const s = names.filter((x) => quota.get(x)! < size(x)).sort((a, b) => over(a) - over(b) || byName(a, b))[0]!;
    quota.set(s, quota.get(s)! + 1);
    given++;
  }
  const rnd = seededRandom(seed);
  const out: T[] = [];
  for (const s of names) {
    const g = [...groups.get(s)!];
    for (let i = g.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [g[i], g[j]] = [g[j]!, g[i]!];
    }
    const picked = new Set(g.slice(0, quota.get(s)!));
    for (const it of groups.get(s)!) if (picked.has(it)) out.push(it);
  }
  return out;
}

export function readSchemaText(dir: string, file: string): string {
  return readFileSync(join(dir, file), "utf8");
}
