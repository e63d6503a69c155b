import type { FimModel } from "../../src/decode/fim.js";
import type { Vocabulary } from "../../src/vocab/vocabulary.js";

/**
 * A causal model for FIM tests: the next-token logits are `logits(ids so far)`; `prompts` records
 * the first ids each session was fed (the template the decoder built).
 */
export function fakeFimModel(vocab: Vocabulary, logits: (seen: readonly number[]) => Float32Array, maxContext?: number): FimModel & { prompts: number[][] } {
  const prompts: number[][] = [];
  return {
    maxContext,
    prompts,
    encode: (t) => vocab.tokenizeGreedy(t),
    idOf: () => undefined,
    session() {
      const seen: number[] = [];
      return {
        async feed(ids) {
          if (seen.length === 0) prompts.push([...ids]);
          seen.push(...ids);
          return logits(seen);
        },
      };
    },
  };
}
