/**
 * A fixed sample of real schemas (../shared/jsonschemabench) walked with each real tokenizer: every
 * valid instance goes through the mask token by token to an allowed EOS, every invalid one is
 * stopped. Tokenization by the tokenizer itself (@huggingface/tokenizers), as a model would see it.
 */
import { existsSync, readFileSync } from "node:fs";
import { Tokenizer } from "@huggingface/tokenizers";
import { describe, expect, it } from "vitest";
import { loadMaskBenchCases, runMaskBench } from "../../src/bench/maskbench.js";
import { tokenizerPathOf, Vocabulary } from "../../src/vocab/vocabulary.js";

const DATA = "../shared/jsonschemabench";
/** Spread over the subsets; chosen once, kept fixed so failures are reproducible. */
const SAMPLE = [
  "Github_easy/o10009.json",
  "Github_easy/o10012.json",
  "Github_trivial/o25195.json",
  "Github_medium/o12378.json",
  "Github_hard/o15197.json",
  "Glaiveai2K/calculate_area_036f769a.json",
  "JsonSchemaStore/cargo.json",
  "Kubernetes/kb_1049_Normalized.json",
  "Snowplow/sp_145_Normalized.json",
  "WashingtonPost/wp_36_Normalized.json",
];

function encoder(name: string): (text: string) => number[] {
  const file = tokenizerPathOf(name);
  const tok = new Tokenizer(JSON.parse(readFileSync(file, "utf8")), JSON.parse(readFileSync(file.replace(/tokenizer\.json$/, "tokenizer_config.json"), "utf8")));
  return (text) => tok.encode(text, { add_special_tokens: false }).ids;
}

describe.skipIf(!existsSync(DATA))("MaskBench sample with real tokenizers", () => {
  const all = existsSync(DATA) ? loadMaskBenchCases(DATA) : [];
  const cases = all.filter((c) => SAMPLE.includes(c.file));

  it("has the sample", () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of ["llama3.1", "qwen3", "gemma3"]) {
    it(`walks every instance correctly with ${name}`, { timeout: 120_000 }, () => {
      const vocab = Vocabulary.load(name);
      const s = runMaskBench(cases, vocab, { encode: encoder(name), timeoutMs: 60_000 });
      const bad = s.per_schema.filter((r) => r.status !== "passing" && r.status !== "compile_error");
      expect(bad).toEqual([]);
      expect(s.passing).toBeGreaterThanOrEqual(cases.length - 1);
      expect(s.tokens).toBeGreaterThan(200);
    });
  }
});
