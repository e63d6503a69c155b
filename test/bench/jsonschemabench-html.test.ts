/**
 * The HTML report in a real browser: headless Chromium (Debian `chromium`) screenshots the page; the
 * PNG must be the requested size and not blank (many colours, ink on a good share of the page, the
 * bar colours present). Skipped only when /usr/bin/chromium is absent outside CI; in CI (`CI` set)
 * a missing browser fails the test — `.ci/run` installs it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bySubset, summarize, type BenchReport, type SchemaRun } from "../../src/bench/jsonschemabench/runner.js";
import { seededRandom } from "../../src/bench/jsonschemabench/data.js";
import { renderHtmlReport } from "../../src/bench/report/html.js";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const inCi = !!process.env.CI;

/** A report of 120 made-up schemas over four subsets (no model needed to test the page). */
function syntheticReport(): BenchReport {
  const rnd = seededRandom(11);
  const subsets = ["Github_easy", "Github_medium", "Kubernetes", "Snowplow"];
  const runs = (engine: "gramfill" | "none"): SchemaRun[] =>
    Array.from({ length: 120 }, (_, i) => {
      const subset = subsets[i % 4]!;
      const file = `${subset}/o${i}.json`;
      const compiled = engine === "none" || rnd() < 0.85;
      const valid = compiled && (engine === "gramfill" || rnd() < 0.3);
      if (!compiled) return { file, subset, status: "UNSUPPORTED_SCHEMA", compile_status: "UNSUPPORTED_SCHEMA", valid: false, reason: "uniqueItems: open item set", gct_ms: 3 };
      const gct = 5 + 400 * rnd() ** 3;
      return {
        file,
        subset,
        status: valid ? "OK" : "INVALID_OUTPUT",
        compile_status: "OK",
        decode_status: "OK",
        valid,
        ...(valid ? {} : { reason: "not JSON: Unexpected token" }),
        gct_ms: engine === "none" ? 0 : gct,
        ttft_ms: gct + 30 + 50 * rnd(),
        tpot_ms: 6 + 20 * rnd(),
        output_tokens: 40,
        closed_out: rnd() < 0.2,
        output: valid ? '{"name":"x"}' : '{"name": "x", DEPRECATED',
      };
    });
  const ours = runs("gramfill");
  const base = runs("none");
  return {
    bench: "jsonschemabench",
    engine: "gramfill",
    model: "ar (json-code-ar-9m)",
    decoder: "left-to-right",
    prompt: "few-shot",
    seed: 1,
    max_tokens: 128,
    date: "2026-11-28T08:00:00.000Z",
    selection: "120 made-up schemas (test)",
    overall: summarize(ours),
    subsets: bySubset(ours),
    per_schema: ours,
    baseline: { engine: "none", overall: summarize(base), subsets: bySubset(base), per_schema: base },
  };
}

/** RGB(A) pixels of an 8-bit non-interlaced PNG (what Chromium writes). */
function decodePng(buf: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      expect(data[12]).toBe(0); // not interlaced
      channels = { 2: 3, 6: 4 }[data[9]!] ?? 0;
      expect(channels).toBeGreaterThan(0);
    } else if (type === "IDAT") idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let pred = 0;
      if (f === 1) pred = a;
      else if (f === 2) pred = b;
      else if (f === 3) pred = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (row[x]! + pred) & 255;
    }
  }
  return { width, height, channels, pixels };
}

describe("HTML report in headless Chromium", () => {
  it.skipIf(!haveChromium && !inCi)(`renders to a screenshot that is not blank${haveChromium ? "" : " (skipped: /usr/bin/chromium absent; .ci/run installs it)"}`, async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing in CI: .ci/run must install chromium`);
    const dir = mkdtempSync(join(tmpdir(), "gramfill-html-"));
    try {
      const html = join(dir, "report.html");
      const png = join(dir, "shot.png");
      writeFileSync(html, await renderHtmlReport(syntheticReport()));
      execFileSync(
        CHROMIUM,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          `--user-data-dir=${join(dir, "profile")}`,
          `--screenshot=${png}`,
          "--window-size=1200,1600",
          `file://${html}`,
        ],
        { stdio: "pipe", timeout: 60_000 },
      );
      const buf = readFileSync(png);
      expect(buf.length).toBeGreaterThan(20_000);
      const { width, height, channels, pixels } = decodePng(buf);
      expect([width, height]).toEqual([1200, 1600]);
      const colours = new Set<number>();
      let ink = 0;
      let ours = 0;
      const n = width * height;
      for (let i = 0; i < n; i++) {
        const r = pixels[i * channels]!;
        const g = pixels[i * channels + 1]!;
        const b = pixels[i * channels + 2]!;
        colours.add((r << 16) | (g << 8) | b);
        if (r + g + b < 600) ink++;
        // gramfill's bar colour #3b5bdb (anti-aliasing aside)
        if (Math.abs(r - 0x3b) < 12 && Math.abs(g - 0x5b) < 12 && Math.abs(b - 0xdb) < 12) ours++;
      }
      expect(colours.size).toBeGreaterThan(200);
      expect(ink / n).toBeGreaterThan(0.05);
      expect(ours).toBeGreaterThan(2000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
