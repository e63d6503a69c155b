/**
 * The JSONSchemaBench HTML report: one self-contained page (no scripts, no external files) with
 * the charts rendered to inline SVG by vega-lite + vega in Node (renderer "none": no canvas, no
 * browser). Sections: headline numbers, coverage per subset next to the unconstrained baseline and
 * the published peers, outcomes per subset, latency distributions, the summary table with
 * bootstrap intervals, and the failing schemas with their reasons.
 */
import * as vega from "vega";
import * as vl from "vega-lite";
import type { BenchReport, GroupSummary, SchemaRun } from "../jsonschemabench/runner.js";
import { PEER_COVERAGE, PEER_SOURCE } from "./peers.js";

const FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
const OURS = "#3b5bdb";
const BASELINE = "#f08c00";
const PEER_COLORS = ["#a5b4c8", "#8fa3b8", "#7a8fa6", "#667b92", "#52677e"];
const STATUS_COLORS: Record<string, string> = {
  OK: "#2f9e44",
  INVALID_OUTPUT: "#e03131",
  VALIDATOR_ERROR: "#fab005",
  UNSUPPORTED_SCHEMA: "#adb5bd",
  INVALID_SCHEMA: "#868e96",
  COMPILE_TIMEOUT: "#f59f00",
  COMPILE_ERROR: "#c92a2a",
  DECODING_TIMEOUT: "#fd7e14",
  EXCEEDING_MAX_CTX: "#ced4da",
  UNFINISHED: "#9c36b5",
  DECODING_ERROR: "#862e9c",
};

const VL_CONFIG = {
  font: FONT,
  background: "white",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, titleColor: "#495057", labelColor: "#495057", gridColor: "#eef0f3", domainColor: "#ced4da", tickColor: "#ced4da" },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, labelColor: "#343a40", orient: "bottom", columns: 4, symbolType: "square", labelLimit: 320, columnPadding: 18 },
  header: { labelFontSize: 11, labelColor: "#495057" },
};

async function svg(spec: Record<string, unknown>): Promise<string> {
  const compiled = vl.compile({ $schema: "https://vega.github.io/schema/vega-lite/v6.json", config: VL_CONFIG, ...spec } as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;

/** The coverage chart's rows: ours (empirical coverage), the baseline, the published peers. */
export function coverageRows(r: BenchReport): Array<{ subset: string; series: string; coverage: number; kind: "ours" | "baseline" | "published" }> {
  const rows: Array<{ subset: string; series: string; coverage: number; kind: "ours" | "baseline" | "published" }> = [];
  const ours = r.engine === "none" ? "model alone (this run)" : "gramfill (this run)";
  for (const [s, g] of Object.entries(r.subsets)) rows.push({ subset: s, series: ours, coverage: g.empirical_coverage, kind: r.engine === "none" ? "baseline" : "ours" });
  if (r.baseline) for (const [s, g] of Object.entries(r.baseline.subsets)) rows.push({ subset: s, series: "model alone (this run)", coverage: g.empirical_coverage, kind: "baseline" });
  const have = new Set(Object.keys(r.subsets));
  for (const p of PEER_COVERAGE) if (have.has(p.subset)) rows.push({ subset: p.subset, series: `${p.engine} (published)`, coverage: p.coverage, kind: "published" });
  return rows;
}

async function coverageChart(r: BenchReport): Promise<string> {
  const rows = coverageRows(r);
  const series = [...new Set(rows.map((x) => x.series))];
  const range = series.map((s) => (s.startsWith("gramfill") ? OURS : s.startsWith("model alone") ? BASELINE : PEER_COLORS[(series.indexOf(s) - 1) % PEER_COLORS.length]!));
  const subsets = Object.keys(r.subsets);
  return svg({
    width: 640,
    height: { step: 7 },
    data: { values: rows },
    mark: { type: "bar", cornerRadiusEnd: 2 },
    encoding: {
      y: { field: "subset", type: "nominal", sort: subsets, title: null, axis: { labelFontWeight: 600, labelPadding: 6 } },
      yOffset: { field: "series", sort: series },
      x: { field: "coverage", type: "quantitative", title: "empirical coverage (outputs valid / schemas)", scale: { domain: [0, 1] }, axis: { format: "%", tickCount: 5 } },
      color: { field: "series", type: "nominal", title: null, sort: series, scale: { domain: series, range } },
      opacity: { condition: { test: "datum.kind === 'published'", value: 0.85 }, value: 1 },
    },
  });
}

async function outcomeChart(runs: readonly SchemaRun[], subsets: string[]): Promise<string> {
  const counts = new Map<string, number>();
  for (const x of runs) counts.set(`${x.subset}\u0000${x.status}`, (counts.get(`${x.subset}\u0000${x.status}`) ?? 0) + 1);
  const rows = [...counts].map(([k, n]) => ({ subset: k.split("\u0000")[0], status: k.split("\u0000")[1], n }));
  const statuses = Object.keys(STATUS_COLORS).filter((s) => rows.some((x) => x.status === s));
  for (const x of rows) if (!statuses.includes(x.status!)) statuses.push(x.status!);
  return svg({
    width: 640,
    height: { step: 20 },
    data: { values: rows },
    mark: { type: "bar" },
    encoding: {
      y: { field: "subset", type: "nominal", sort: subsets, title: null, axis: { labelFontWeight: 600 } },
      x: { field: "n", type: "quantitative", stack: "normalize", title: "share of schemas", axis: { format: "%", tickCount: 5 } },
      color: { field: "status", type: "nominal", title: null, scale: { domain: statuses, range: statuses.map((s) => STATUS_COLORS[s] ?? "#495057") } },
      order: { field: "order", type: "quantitative" },
    },
    transform: [{ calculate: `indexof(${JSON.stringify(statuses)}, datum.status)`, as: "order" }],
  });
}

async function latencyChart(runs: readonly SchemaRun[], subsets: string[], field: "gct_ms" | "ttft_ms" | "tpot_ms", title: string, color: string): Promise<string> {
  const rows = runs.flatMap((x) => (x[field] !== undefined && x[field]! > 0 ? [{ subset: x.subset, v: x[field] }] : []));
  if (rows.length === 0) return `<p class="muted">no ${esc(title)} measured</p>`;
  return svg({
    width: 210,
    height: { step: 18 },
    title: { text: title, anchor: "start", fontSize: 12, fontWeight: 600, color: "#212529" },
    data: { values: rows },
    mark: { type: "boxplot", extent: "min-max", size: 11, median: { color: "white" }, rule: { color: "#868e96" }, box: { color } },
    encoding: {
      y: { field: "subset", type: "nominal", sort: subsets, title: null },
      x: { field: "v", type: "quantitative", title: "ms (log scale)", scale: { type: "log" }, axis: { tickCount: 4 } },
    },
  });
}

const fmtMs = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** "p50 / p90" with the precision a reader needs (ms: integers above 10, one decimal below) */
function ms2(x: { p50: number; p90: number }): string {
  if (x.p50 === 0 && x.p90 === 0) return "–";
  return `${fmtMs(x.p50)} / ${fmtMs(x.p90)}`;
}

function ciText(g: GroupSummary, k: keyof GroupSummary["ci95"]): string {
  const i = g.ci95[k];
  return `<span class="ci">${(100 * i.lo).toFixed(1)}–${(100 * i.hi).toFixed(1)}</span>`;
}

function tableRow(name: string, g: GroupSummary, base: GroupSummary | undefined, cls = ""): string {
  const cell = (v: string) => `<td>${v}</td>`;
  return `<tr class="${cls}"><th>${esc(name)}</th>${cell(String(g.schemas))}${cell(`${pct(g.declared_coverage)} ${ciText(g, "declared_coverage")}`)}${cell(`${pct(g.empirical_coverage)} ${ciText(g, "empirical_coverage")}`)}${cell(`${pct(g.compliance)} ${ciText(g, "compliance")}`)}${cell(base ? pct(base.empirical_coverage) : "–")}${cell(ms2(g.gct_ms))}${cell(ms2(g.ttft_ms))}${cell(ms2(g.tpot_ms))}${cell(`${pct(g.con_minus)} / ${pct(g.con)}`)}</tr>`;
}

function failuresTable(runs: readonly SchemaRun[], max = 250): string {
  const bad = runs.filter((x) => x.status !== "OK");
  if (bad.length === 0) return `<p class="good">Every schema passed.</p>`;
  // the most interesting first: invalid outputs and internal failures, then unsupported schemas
  const rank = (s: string) => ["INVALID_OUTPUT", "VALIDATOR_ERROR", "COMPILE_ERROR", "DECODING_ERROR", "UNFINISHED", "DECODING_TIMEOUT", "COMPILE_TIMEOUT", "EXCEEDING_MAX_CTX", "INVALID_SCHEMA", "UNSUPPORTED_SCHEMA"].indexOf(s);
  const sorted = [...bad].sort((a, b) => rank(a.status) - rank(b.status) || (a.file < b.file ? -1 : 1));
  const reasons = new Map<string, number>();
  for (const x of bad) {
    const k = `${x.status}: ${x.reason ?? ""}`;
    reasons.set(k, (reasons.get(k) ?? 0) + 1);
  }
  const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12);
  const reasonList = `<table class="reasons"><thead><tr><th>schemas</th><th>status: reason</th></tr></thead><tbody>${top.map(([k, n]) => `<tr><td>${n}</td><td>${esc(k)}</td></tr>`).join("")}</tbody></table>`;
  const rows = sorted
    .slice(0, max)
    .map((x) => `<tr><td class="file">${esc(x.file)}</td><td><span class="pill" style="background:${STATUS_COLORS[x.status] ?? "#495057"}">${esc(x.status)}</span></td><td>${esc(x.reason ?? "")}</td><td class="out">${x.output !== undefined ? `<code>${esc(x.output.slice(0, 160))}${x.output.length > 160 ? "…" : ""}</code>` : ""}</td></tr>`)
    .join("");
  const more = bad.length > max ? `<p class="muted">… and ${bad.length - max} more in the JSON report (per_schema).</p>` : "";
  return `<h3>Most common reasons</h3>${reasonList}<h3>Schemas (${bad.length} not OK)</h3><table class="fail"><thead><tr><th>schema</th><th>status</th><th>reason</th><th>output</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

const CSS = `
:root{--ink:#212529;--muted:#6c757d;--line:#e9ecef;--bg:#f6f7fb;--ours:${OURS};--base:${BASELINE}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 ${FONT};-webkit-font-smoothing:antialiased}
header{background:linear-gradient(135deg,#1c2541 0%,#3b5bdb 100%);color:#fff;padding:36px 48px 78px}
header .inner{max-width:1056px;margin:0 auto}
header h1{margin:0 0 6px;font-size:28px;font-weight:700;letter-spacing:-.01em}
header p{margin:0;opacity:.85;max-width:980px}
main{max-width:1120px;margin:0 auto;padding:28px 32px 60px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:14px;margin:-52px 0 26px}
.card{background:#fff;border-radius:12px;padding:16px 18px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 4px 14px rgba(16,24,40,.06)}
.card .k{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.card .v{font-size:28px;font-weight:700;margin-top:2px;font-variant-numeric:tabular-nums}
.card .s{font-size:12px;color:var(--muted)}
.card.ours .v{color:var(--ours)} .card.base .v{color:var(--base)}
section{background:#fff;border-radius:12px;padding:22px 26px;margin:0 0 22px;box-shadow:0 1px 2px rgba(16,24,40,.05)}
section h2{margin:0 0 4px;font-size:18px;font-weight:700}
section h3{margin:18px 0 8px;font-size:14px;font-weight:700}
.lede{margin:0 0 14px;color:var(--muted);max-width:900px}
.chart{overflow-x:auto}.chart svg{max-width:100%;height:auto}
.row{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top}
thead th{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line)}
tbody th{text-align:left;font-weight:600}
tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--line)}
.ci{display:block;color:var(--muted);font-size:11px}
td{white-space:nowrap}
table.fail td,table.reasons td,table.fail th,table.reasons th{text-align:left;white-space:normal}
table.reasons td:first-child{text-align:right;width:70px;font-weight:600}
td.file{white-space:nowrap;font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px}
td.out code{font-size:11px;color:#495057;word-break:break-all}
.pill{display:inline-block;color:#fff;border-radius:999px;padding:1px 8px;font-size:11px;font-weight:600;white-space:nowrap}
.muted{color:var(--muted)} .good{color:#2f9e44;font-weight:600}
.note{font-size:12px;color:var(--muted);margin-top:8px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 30px}
`;

/** The whole page; `await` it (vega renders asynchronously). */
export async function renderHtmlReport(r: BenchReport): Promise<string> {
  const subsets = Object.keys(r.subsets);
  const o = r.overall;
  const b = r.baseline?.overall;
  const cards = [
    `<div class="card"><div class="k">schemas</div><div class="v">${o.schemas}</div><div class="s">${esc(String(subsets.length))} subsets</div></div>`,
    `<div class="card"><div class="k">declared coverage</div><div class="v">${pct(o.declared_coverage)}</div><div class="s">compiled, 95% ${(100 * o.ci95.declared_coverage.lo).toFixed(1)}–${(100 * o.ci95.declared_coverage.hi).toFixed(1)}</div></div>`,
    `<div class="card ours"><div class="k">empirical coverage</div><div class="v">${pct(o.empirical_coverage)}</div><div class="s">outputs valid${b ? `; alone: ${pct(b.empirical_coverage)}` : ""}</div></div>`,
    `<div class="card ours"><div class="k">compliance</div><div class="v">${pct(o.compliance)}</div><div class="s">valid among compiled</div></div>`,
    `<div class="card"><div class="k">GCT p50</div><div class="v">${fmtMs(o.gct_ms.p50)}<small> ms</small></div><div class="s">p90 ${fmtMs(o.gct_ms.p90)} ms</div></div>`,
    `<div class="card"><div class="k">TPOT p50</div><div class="v">${fmtMs(o.tpot_ms.p50)}<small> ms</small></div><div class="s">TTFT p50 ${fmtMs(o.ttft_ms.p50)} ms</div></div>`,
  ].join("");
  const baseSubsets = r.baseline?.subsets ?? {};
  const table = `<table><thead><tr><th style="text-align:left">subset</th><th>n</th><th>declared</th><th>empirical</th><th>compliance</th><th>model alone</th><th>GCT ms<br>p50 / p90</th><th>TTFT ms<br>p50 / p90</th><th>TPOT ms<br>p50 / p90</th><th>Con.− / Con.</th></tr></thead><tbody>${Object.entries(r.subsets)
    .map(([s, g]) => tableRow(s, g, baseSubsets[s]))
    .join("")}${tableRow("overall", o, b, "total")}</tbody></table>`;
  const [cov, outcomes, gct, ttft, tpot] = await Promise.all([
    coverageChart(r),
    outcomeChart(r.per_schema, subsets),
    latencyChart(r.per_schema, subsets, "gct_ms", "Grammar compilation time (GCT)", "#5c7cfa"),
    latencyChart(r.per_schema, subsets, "ttft_ms", "Time to first token (TTFT, incl. GCT)", "#15aabf"),
    latencyChart(r.per_schema, subsets, "tpot_ms", "Time per output token (TPOT)", "#82c91e"),
  ]);
  const how =
    r.engine === "none"
      ? "the model alone, without constraints"
      : r.decoder === "diffusion"
        ? "gramfill's constrained diffusion decoder (every commit checked for a completion under the grammar)"
        : "gramfill's token masks, left to right";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>JSONSchemaBench — ${esc(r.model)}</title><style>${CSS}</style></head>
<body>
<header><div class="inner"><h1>JSONSchemaBench</h1>
<p>${esc(r.model)} with ${esc(how)}; ${esc(r.prompt)} prompt, greedy, at most ${r.max_tokens} output tokens; ${esc(r.selection)}. Run ${esc(r.date.slice(0, 16).replace("T", " "))} UTC.</p></div></header>
<main>
<div class="cards">${cards}</div>
<section><h2>Coverage per subset</h2>
<p class="lede">Share of schemas whose output parses and validates (ajv, the schema's draft, formats on). <b style="color:${OURS}">gramfill</b> and <b style="color:${BASELINE}">the model alone</b> ran here on the same schemas; grey bars are <b>published numbers</b> of other engines — a different model (Llama-3.1-8B-Instruct) and a different selection of schemas, so they frame the picture rather than rank it.</p>
<div class="chart">${cov}</div>
<p class="note">${coverageRows(r).some((x) => x.kind === "published") ? `Published: ${esc(PEER_SOURCE)}.` : "The paper has no published numbers for these subsets."}</p></section>
<section><h2>Outcomes per subset</h2>
<p class="lede">What happened to each schema: OK (valid output), INVALID_OUTPUT, or where it stopped (the benchmark's status codes).</p>
<div class="chart">${outcomes}</div></section>
<section><h2>Latency</h2>
<p class="lede">Per schema: compilation of the schema to a grammar, time to the first output token (compilation, prompt and first mask included), and time per output token after it. Boxes span the quartiles, whiskers min to max.</p>
<div class="row"><div class="chart">${gct}</div><div class="chart">${ttft}</div><div class="chart">${tpot}</div></div></section>
<section><h2>Summary</h2>
<p class="lede">Rates with 95% bootstrap intervals (exact: the binomial limit of resampling). Compliance = valid among the schemas that compiled. Con.− / Con. = valid without / with close-out (the output was completed under the grammar when the token budget ran out).${noRoomNote(r)}${repeatedKeysNote(r)}</p>
${table}</section>
<section><h2>Schemas that did not pass</h2>${failuresTable(r.per_schema)}</section>
</main>
<footer>gramfill bench jsonschemabench · seed ${r.seed} · charts: vega-lite, rendered to SVG without a browser</footer>
</body></html>
`;
}

/** close-outs the model had no room to avoid: the positions provably hold no document of the schema */
function noRoomNote(r: BenchReport): string {
  const n = r.overall.no_room ?? 0;
  if (n === 0) return "";
  return ` Of the ${r.overall.closed_out} close-outs, ${n} were needed because the positions provably hold no document of the schema (no token sequence of their length spells one).`;
}

/** outputs writing a key twice in one object pass the benchmark's check (JSON.parse keeps the last value): say how many */
function repeatedKeysNote(r: BenchReport): string {
  const ours = r.overall.repeated_keys ?? 0;
  const base = r.baseline?.overall.repeated_keys ?? 0;
  if (ours + base === 0) return "";
  return ` Outputs that write a key twice in one object (valid by the benchmark's check, which parses first and keeps the last value): gramfill ${ours}${r.baseline ? `, the model alone ${base}` : ""}.`;
}
