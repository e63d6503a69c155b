/**
 * A Hugging Face model folder: `config.json`, `tokenizer.json`, `tokenizer_config.json`,
 * `onnx/model.onnx`. Reading one checks that every file is there and names the first one missing.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GramfillError } from "../util/errors.js";

export interface ModelFolder {
  dir: string;
  config: Record<string, unknown>;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  generationConfig: Record<string, unknown> | undefined;
  onnxPath: string;
}

/** The bundled models by short name. */
export const BUNDLED_MODELS: Readonly<Record<string, string>> = { ar: "json-code-ar-9m", mdm: "json-code-mdm-9m" };

/** `ar`, `mdm`, a bundled folder name, or a path → the model folder's path. */
export function resolveModelDir(spec: string): string {
  const name = BUNDLED_MODELS[spec] ?? (Object.values(BUNDLED_MODELS).includes(spec) ? spec : undefined);
  if (name !== undefined) {
    // src/backend or dist/backend → the package root's models/
    return fileURLToPath(new URL(`../../models/${name}`, import.meta.url));
  }
  return resolve(spec);
}

function readJson(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new GramfillError("io", `cannot read ${what} '${file}': ${(e as Error).message}`, { file });
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not a JSON object");
    return v as Record<string, unknown>;
  } catch (e) {
    throw new GramfillError("io", `${what} '${file}' is not valid JSON: ${(e as Error).message}`, { file });
  }
}

/** Checks and reads a model folder; a missing folder or file is an `io` error naming it. */
export function readModelFolder(spec: string): ModelFolder {
  const dir = resolveModelDir(spec);
  if (!existsSync(dir)) throw new GramfillError("io", `model folder '${spec}' does not exist (give ar, mdm or a Hugging Face model folder)`);
  if (!statSync(dir).isDirectory()) throw new GramfillError("io", `model '${spec}' is not a folder (expected config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx)`);
  const need = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"];
  const missing = need.filter((f) => !existsSync(join(dir, f)));
  if (missing.length === need.length) {
    throw new GramfillError("io", `'${spec}' is not a model folder: none of ${need.join(", ")} is there`);
  }
  if (missing.length > 0) throw new GramfillError("io", `model folder '${spec}' is missing ${missing.join(", ")}`);
  const gen = join(dir, "generation_config.json");
  return {
    dir,
    config: readJson(join(dir, "config.json"), "config.json"),
    tokenizerJson: readJson(join(dir, "tokenizer.json"), "tokenizer.json"),
    tokenizerConfig: readJson(join(dir, "tokenizer_config.json"), "tokenizer_config.json"),
    generationConfig: existsSync(gen) ? readJson(gen, "generation_config.json") : undefined,
    onnxPath: join(dir, "onnx/model.onnx"),
  };
}

/** Is this folder's model a masked-diffusion model (by `config.json`)? */
export function isDiffusionConfig(config: Record<string, unknown>): boolean {
  const arch = Array.isArray(config.architectures) ? (config.architectures as unknown[]).map(String) : [];
  return config.model_type === "masked-diffusion" || arch.some((a) => /diffusion/i.test(a)) || config.bidirectional === true;
}

/** `eos_token_id` of config.json / generation_config.json as a list. */
export function eosIdsOf(folder: ModelFolder): number[] {
  const ids = new Set<number>();
  for (const c of [folder.config, folder.generationConfig]) {
    const v = c?.eos_token_id;
    if (typeof v === "number") ids.add(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === "number") ids.add(x);
  }
  return [...ids].sort((a, b) => a - b);
}
