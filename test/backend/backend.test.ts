import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CausalLM, logitsRow, MaskedDiffusionLM, resolveModelDir } from "../../src/backend/index.js";
import { parseThreadCount } from "../../src/backend/onnx.js";

interface Reference {
  ids: number[][];
  logits_first: number[];
  logits_last: number[];
}
const reference = (m: string): Reference => JSON.parse(readFileSync(join(resolveModelDir(m), "reference-logits.json"), "utf8")) as Reference;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

describe("GRAMFILL_THREADS", () => {
  it("unset or empty leaves onnxruntime's default; a count is passed on", () => {
    expect(parseThreadCount(undefined)).toBeUndefined();
    expect(parseThreadCount("")).toBeUndefined();
    expect(parseThreadCount("1")).toBe(1);
    expect(parseThreadCount("8")).toBe(8);
  });
  it("anything else is a usage error naming the variable", () => {
    for (const v of ["0", "-1", "2.5", "two", "1000"]) expect(() => parseThreadCount(v)).toThrow(/GRAMFILL_THREADS must be an integer/);
  });
});

describe("CausalLM (bundled json-code-ar-9m)", () => {
  let lm: CausalLM;
  beforeAll(async () => {
    lm = await CausalLM.load("ar");
  });

  it("reads names from the session and has a cache", () => {
    expect(lm.hasCache).toBe(true);
    expect(lm.eosIds).toEqual([0]);
    expect(lm.maxContext).toBe(1024);
  });

  it("agrees with reference-logits.json (first and last position)", async () => {
    const ref = reference("ar");
    const out = await lm.forward(lm.newCache(1), ref.ids);
    expect(out.width).toBe(8192);
    expect(maxDiff(logitsRow(out, 0, 0), ref.logits_first)).toBeLessThan(1e-3);
    expect(maxDiff(logitsRow(out, 0, out.seq - 1), ref.logits_last)).toBeLessThan(1e-3);
  });

  it("one token at a time with the cache equals a full pass", async () => {
    const ids = reference("ar").ids[0]!;
    const full = await lm.forward(lm.newCache(1), [ids]);
    const cache = lm.newCache(1);
    for (let i = 0; i < ids.length; i++) {
      const step = await lm.forward(cache, [[ids[i]!]]);
      expect(maxDiff(logitsRow(step, 0, 0), logitsRow(full, 0, i))).toBeLessThan(1e-3);
    }
    // a chunk of several tokens after a cached prefix (jump-forward feeds forced tokens this way)
    const c2 = lm.newCache(1);
    await lm.forward(c2, [ids.slice(0, 10)]);
    const chunk = await lm.forward(c2, [ids.slice(10)]);
    expect(maxDiff(logitsRow(chunk, 0, chunk.seq - 1), logitsRow(full, 0, ids.length - 1))).toBeLessThan(1e-3);
    expect(c2.length).toBe(ids.length);
  });

  it("runs batch 2 (rows independent)", async () => {
    const ids = reference("ar").ids[0]!;
    const other = ids.slice().reverse();
    const cache = lm.newCache(2);
    const out = await lm.forward(cache, [ids, other]);
    const ref = reference("ar");
    expect(maxDiff(logitsRow(out, 0, ids.length - 1), ref.logits_last)).toBeLessThan(1e-3);
    const single = await lm.forward(lm.newCache(1), [other]);
    expect(maxDiff(logitsRow(out, 1, ids.length - 1), logitsRow(single, 0, ids.length - 1))).toBeLessThan(1e-3);
    const next = await lm.forward(cache, [[27], [27]]);
    expect(next.seq).toBe(1);
    expect(cache.length).toBe(ids.length + 1);
  });

  it("tokenizer round-trips text", () => {
    const ids = lm.tokenizer.encode('{"name": "gramfill"}');
    expect(ids.length).toBeGreaterThan(2);
    expect(lm.tokenizer.decode(ids)).toBe('{"name": "gramfill"}');
  });

  it("rejects a diffusion folder", async () => {
    await expect(CausalLM.load("mdm")).rejects.toThrow(/masked-diffusion/);
  });
});

describe("MaskedDiffusionLM (bundled json-code-mdm-9m)", () => {
  it("agrees with reference-logits.json; mask id and shift from config.json", async () => {
    const lm = await MaskedDiffusionLM.load("mdm");
    expect(lm.maskTokenId).toBe(4);
    expect(lm.logitsShifted).toBe(false);
    const ref = reference("mdm");
    const out = await lm.forward(ref.ids);
    expect(out.seq).toBe(24);
    expect(maxDiff(lm.predictionRow(out, 0, 0), ref.logits_first)).toBeLessThan(1e-3);
    expect(maxDiff(lm.predictionRow(out, 0, 23), ref.logits_last)).toBeLessThan(1e-3);
  });
});

describe("model folder errors", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gramfill-model-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("missing folder", async () => {
    await expect(CausalLM.load(join(dir, "nope"))).rejects.toThrow(/does not exist/);
  });
  it("a folder that is not a model", async () => {
    await expect(CausalLM.load(dir)).rejects.toThrow(/not a model folder/);
  });
  it("a missing file is named", async () => {
    const d = join(dir, "partial");
    cpSync(resolveModelDir("ar"), d, { recursive: true });
    rmSync(join(d, "tokenizer_config.json"));
    await expect(CausalLM.load(d)).rejects.toThrow(/missing tokenizer_config\.json/);
  });
  it("an ONNX graph whose inputs do not fit", async () => {
    const d = join(dir, "wrong-graph");
    cpSync(resolveModelDir("mdm"), d, { recursive: true });
    // a causal config on a graph without a cache still loads (recompute mode) ...
    writeFileSync(join(d, "config.json"), JSON.stringify({ model_type: "gpt2", n_head: 8, n_embd: 256 }));
    const lm = await CausalLM.load(d);
    expect(lm.hasCache).toBe(false);
    // ... but the AR graph is no diffusion model: it needs position_ids and the cache
    const d2 = join(dir, "wrong-graph-2");
    cpSync(resolveModelDir("ar"), d2, { recursive: true });
    writeFileSync(join(d2, "config.json"), JSON.stringify({ model_type: "masked-diffusion", mask_token_id: 4 }));
    await expect(MaskedDiffusionLM.load(d2)).rejects.toThrow(/takes input_ids and attention_mask only.*position_ids/);
  });
  it("logits_shifted (Dream style): row i-1 predicts position i", async () => {
    const d = join(dir, "shifted");
    cpSync(resolveModelDir("mdm"), d, { recursive: true });
    const config = JSON.parse(readFileSync(join(d, "config.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(d, "config.json"), JSON.stringify({ ...config, logits_shifted: true, mask_token_id: 4 }));
    const lm = await MaskedDiffusionLM.load(d);
    expect(lm.logitsShifted).toBe(true);
    const out = await lm.forward([[27, 4, 4]]);
    expect(lm.predictionRow(out, 0, 1)).toEqual(out.data.subarray(0, out.width));
    expect(() => lm.predictionRow(out, 0, 0)).toThrow(RangeError);
  });
  it("a broken ONNX file", async () => {
    const d = join(dir, "broken");
    cpSync(resolveModelDir("mdm"), d, { recursive: true });
    writeFileSync(join(d, "onnx/model.onnx"), "not onnx");
    await expect(MaskedDiffusionLM.load(d)).rejects.toThrow(/cannot load ONNX model/);
  });
});
