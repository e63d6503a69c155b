/** onnxruntime-node helpers shared by the backends. */
import type * as Ort from "onnxruntime-node";
import { GramfillError } from "../util/errors.js";

type OrtModule = typeof Ort;
// loaded on first use, so commands that never run a model do not pay for the native module
let mod: OrtModule | undefined;

async function loadOrt(): Promise<OrtModule> {
  if (!mod) {
    try {
      mod = (await import("onnxruntime-node")) as OrtModule;
    } catch (e) {
      throw new GramfillError("io", `cannot load onnxruntime-node: ${(e as Error).message}`);
    }
  }
  return mod;
}

function M(): OrtModule {
  if (!mod) throw new Error("internal: onnxruntime-node used before a session was opened");
  return mod;
}

export type OrtTensor = Ort.Tensor;

/**
 * Intra-op threads from GRAMFILL_THREADS (default: onnxruntime's, one per core). One thread is
 * faster on a loaded machine, where a second thread spins waiting for a core it does not get.
 */
export function threadsFromEnv(): number | undefined {
  return parseThreadCount(process.env.GRAMFILL_THREADS);
}

/** A GRAMFILL_THREADS value: undefined when unset or empty (onnxruntime's default), else 1–256. */
export function parseThreadCount(v: string | undefined): number | undefined {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new GramfillError("usage", `GRAMFILL_THREADS must be an integer from 1 to 256, got '${v}'`);
  return n;
}

export async function openSession(path: string): Promise<Ort.InferenceSession> {
  const o = await loadOrt();
  const threads = threadsFromEnv();
  try {
    return await o.InferenceSession.create(path, { graphOptimizationLevel: "all", ...(threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}) });
  } catch (e) {
    throw new GramfillError("io", `cannot load ONNX model '${path}': ${(e as Error).message}`, { file: path });
  }
}

export interface InputInfo {
  name: string;
  type: string;
  shape: readonly (number | string)[];
}

export function inputInfos(s: Ort.InferenceSession): Map<string, InputInfo> {
  const out = new Map<string, InputInfo>();
  const meta = s.inputMetadata ?? [];
  s.inputNames.forEach((name, i) => {
    const m = meta[i] as { isTensor?: boolean; type?: string; shape?: readonly (number | string)[] } | undefined;
    out.set(name, { name, type: m?.isTensor ? (m.type ?? "float32") : "float32", shape: m?.shape ?? [] });
  });
  return out;
}

export function int64Tensor(values: ArrayLike<number>, dims: number[]): Ort.Tensor {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]!);
  return new (M().Tensor)("int64", data, dims);
}

export function intTensor(type: string, values: ArrayLike<number>, dims: number[]): Ort.Tensor {
  if (type === "int32") return new (M().Tensor)("int32", Int32Array.from(values), dims);
  return int64Tensor(values, dims);
}

export function emptyTensor(type: string, dims: number[]): Ort.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  if (type === "float16") return new (M().Tensor)("float16", new Uint16Array(n), dims);
  return new (M().Tensor)("float32", new Float32Array(n), dims);
}

export function boolTensor(v: boolean): Ort.Tensor {
  return new (M().Tensor)("bool", new Uint8Array([v ? 1 : 0]), [1]);
}

/** A logits tensor as float32 (float16 outputs are converted). */
export function floatData(t: Ort.Tensor): Float32Array {
  if (t.type === "float32") return t.data as Float32Array;
  if (t.type === "float16") {
    const h = t.data as Uint16Array;
    const out = new Float32Array(h.length);
    for (let i = 0; i < h.length; i++) out[i] = halfToFloat(h[i]!);
    return out;
  }
  throw new GramfillError("io", `logits of type ${t.type} are not supported (float32 or float16)`);
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

export function configNumber(config: Record<string, unknown>, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = config[k];
    if (typeof v === "number" && Number.isFinite(v)) return v;
  }
  return undefined;
}
