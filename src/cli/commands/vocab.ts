/** `gramfill vocab`: load a tokenizer's vocabulary and show what gramfill makes of it. */
import { TOKENIZER_NAMES, Vocabulary } from "../../vocab/vocabulary.js";
import { UsageError, parseCommandArgs, requireString, type OptionSpec } from "../args.js";
import type { CommandResult } from "../main.js";

export const vocabHelp = `Usage: gramfill vocab --tokenizer NAME|PATH [--json] [--show ID...]

Loads a tokenizer's vocabulary as the mask engine sees it: the exact bytes of every token id,
the special and EOS ids (never allowed by a grammar mask), and the byte trie over the others.

Options:
  -t, --tokenizer T    a tokenizer name (${TOKENIZER_NAMES.join(", ")}) or the path of a
                       Hugging Face tokenizer.json, or of a folder holding one (with its
                       tokenizer_config.json, config.json, generation_config.json)
      --show ID...     print the exact bytes of these token ids (repeatable, or comma-separated)
      --json           print everything as one JSON object
  -h, --help           this help

Example:
  gramfill vocab --tokenizer bundled --show 0 220,221`;

const options: OptionSpec = {
  tokenizer: { type: "string", short: "t" },
  show: { type: "string", multiple: true },
  json: { type: "boolean" },
};

/** indexed by TokenClass */
const CLASS_NAMES = ["normal", "special", "hole", "empty"] as const;
const MAX_LISTED = 24;

export function runVocab(argv: string[]): CommandResult {
  const p = parseCommandArgs("vocab", argv, options, Number.MAX_SAFE_INTEGER);
  const tokenizer = requireString(p, "tokenizer", "vocab");
  const showArgs = (p.values.show as unknown as string[] | undefined) ?? [];
  if (p.positionals.length > 0 && showArgs.length === 0) throw new UsageError(`unexpected argument '${p.positionals[0]}'`, "vocab");
  const showIds = parseIds([...showArgs, ...p.positionals]);

  const started = performance.now();
  const vocab = Vocabulary.load(tokenizer);
  const loadMs = performance.now() - started;
  for (const id of showIds) {
    if (id >= vocab.size) throw new UsageError(`token id ${id} is out of range (the vocabulary has ids 0..${vocab.size - 1})`, "vocab");
  }
  const trieStarted = performance.now();
  const trie = vocab.trie();
  const trieMs = performance.now() - trieStarted;
  const counts = vocab.counts();
  const shown = showIds.map((id) => {
    const bytes = vocab.tokenBytes(id);
    return {
      id,
      class: CLASS_NAMES[vocab.tokenClass(id)],
      name: vocab.tokenName(id),
      bytes: escapeBytes(bytes),
      hex: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" "),
      length: bytes.length,
    };
  });

  if (p.values.json) {
    const out = {
      tokenizer,
      file: vocab.file ?? null,
      kind: vocab.kind,
      model: vocab.model,
      byteFallback: vocab.byteFallback,
      size: vocab.size,
      modelVocabSize: vocab.modelVocabSize ?? null,
      counts,
      eosIds: vocab.eosIds,
      specialIds: vocab.specialIds,
      specials: vocab.specialIds.map((id) => ({ id, name: vocab.tokenName(id) })),
      trie: trie.stats(),
      load_ms: Number(loadMs.toFixed(1)),
      trie_ms: Number(trieMs.toFixed(1)),
      warnings: vocab.warnings,
      tokens: shown,
    };
    return { code: 0, stdout: JSON.stringify(out, null, 2) + "\n" };
  }

  const named = (id: number) => `${id} ${JSON.stringify(vocab.tokenName(id))}`;
  const list = (ids: readonly number[]) =>
    ids.length === 0
      ? "none"
      : ids.slice(0, MAX_LISTED).map(named).join(", ") + (ids.length > MAX_LISTED ? `, ... (${ids.length - MAX_LISTED} more)` : "");
  const stats = trie.stats();
  const lines = [
    `tokenizer ${tokenizer}${vocab.file !== undefined && vocab.file !== tokenizer ? ` (${vocab.file})` : ""}: loaded in ${loadMs.toFixed(0)} ms`,
    `  kind ${vocab.kind} ${vocab.model}${vocab.byteFallback ? " with byte fallback" : ""}`,
    `  size ${vocab.size} ids: ${counts.normal} normal, ${counts.special} special, ${counts.holes} holes, ${counts.empty} empty` +
      (vocab.modelVocabSize !== undefined && vocab.modelVocabSize !== vocab.size ? ` (config vocab_size ${vocab.modelVocabSize})` : ""),
    `  eos ${list(vocab.eosIds)}`,
    `  special ${list(vocab.specialIds)}`,
    `  trie ${stats.nodes} nodes, ${stats.tokens} tokens, max depth ${stats.maxDepth}, ${stats.duplicateNodes} nodes with several ids (built in ${trieMs.toFixed(0)} ms)`,
  ];
  for (const w of vocab.warnings) lines.push(`  warning: ${w}`);
  for (const t of shown) {
    const cls = t.class === "normal" ? "" : ` [${t.class}]`;
    lines.push(`${String(t.id).padStart(7)} ${t.bytes} (${t.length} byte${t.length === 1 ? "" : "s"}; ${JSON.stringify(t.name)})${cls}`);
  }
  return { code: 0, stdout: lines.join("\n") + "\n" };
}

function parseIds(args: string[]): number[] {
  const ids: number[] = [];
  for (const arg of args) {
    for (const part of arg.split(",")) {
      const s = part.trim();
      if (s === "") continue;
      if (!/^\d+$/.test(s)) throw new UsageError(`--show takes token ids (non-negative integers), not '${s}'`, "vocab");
      ids.push(Number(s));
    }
  }
  return ids;
}

/** Bytes as a double-quoted string: printable ASCII as is, \\n \\r \\t \\\\ \\", other bytes \\xNN. */
export function escapeBytes(bytes: Uint8Array): string {
  let s = '"';
  for (const b of bytes) {
    if (b === 0x5c) s += "\\\\";
    else if (b === 0x22) s += '\\"';
    else if (b === 0x0a) s += "\\n";
    else if (b === 0x0d) s += "\\r";
    else if (b === 0x09) s += "\\t";
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += "\\x" + b.toString(16).padStart(2, "0");
  }
  return s + '"';
}
