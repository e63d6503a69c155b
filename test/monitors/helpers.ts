import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import type { TsProject } from "../../src/monitors/typescript/project.js";

export const EVAL_DIR = path.resolve("bench/monitor-eval");

export interface Snippet {
  id: string;
  project: string;
  file: string;
  cut: number;
  line: number;
  expected: string;
}

export const snippets: Snippet[] = JSON.parse(readFileSync(path.join(EVAL_DIR, "snippets.json"), "utf8"));

let vocab: Vocabulary | undefined;
/** The bundled model's vocabulary (byte-level BPE, 8,192 ids). */
export function bundledVocab(): Vocabulary {
  return (vocab ??= Vocabulary.fromTokenizerJson("/work/shared/models/json-code-ar-9m"));
}

export function promptOf(s: Snippet): { file: string; prompt: string } {
  const file = path.join(EVAL_DIR, s.project, s.file);
  return { file, prompt: readFileSync(file, "utf8").slice(0, s.cut) };
}

/**
 * The oracle: the language service's own completion entries at the end of `text`, asked through the
 * service object with no gramfill filter; identifiers by a plain regex, keywords left out.
 */
export function serviceIdentifiers(project: TsProject, file: string, text: string): { isMember: boolean; names: Set<string> } {
  project.setText(file, text);
  const info = project.languageService.getCompletionsAtPosition(file, text.length, {});
  const names = new Set<string>();
  for (const e of info?.entries ?? []) {
    if (e.kind !== ts.ScriptElementKind.keyword && e.insertText === undefined && /^#?[A-Za-z_$][A-Za-z0-9_$]*$/.test(e.name)) names.add(e.name);
  }
  return { isMember: info?.isMemberCompletion === true, names };
}

export function allOnes(size: number): Uint32Array {
  const bits = new Uint32Array((size + 31) >>> 5).fill(0xffffffff);
  if (size & 31) bits[bits.length - 1] = (1 << (size & 31)) - 1;
  return bits;
}

export function has(bits: Uint32Array, id: number): boolean {
  return (bits[id >>> 5]! & (1 << (id & 31))) !== 0;
}

const dec = new TextDecoder();
export function tokenText(v: Vocabulary, id: number): string {
  return dec.decode(v.tokenBytes(id));
}
