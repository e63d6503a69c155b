/**
 * `pastCanvas` (generation): when no text of the tail's positions completes the output — the
 * grammar's shortest word needs more bytes than they hold — the fallback writes past them (Con.,
 * `past_canvas`), as the left-to-right close-out writes past --max-tokens. Without it, or when the
 * known text itself is not a prefix of any word, the same input is an error.
 */
import { describe, expect, it } from "vitest";
import { diffusionGenerate, type DiffusionModel } from "../../src/decode/diffusion.js";
import { parseGrammar } from "../../src/grammar/load.js";
import { isGramfillError } from "../../src/util/errors.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

const TOKENS = ["<eos>", "<mask>", "[", "]", ",", "1", "[1", "1,", "x"];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1], eosIds: [0] });
// every word is at least 9 bytes: "[1,1,1,1]" — 2 positions of ≤ 2 bytes cannot hold one
const fourOnes = compileGrammar(parseGrammar('start: "[" ONE "," ONE "," ONE ("," ONE)+ "]"\nONE: "1"', "lark"));

/** A model that always prefers "x" (no grammar word has it), then "1". */
function stubbornModel(): DiffusionModel {
  return {
    maskTokenId: 1,
    maxContext: undefined,
    encode: (t) => vocab.tokenizeGreedy(t),
    async forward() {
      return {
        row() {
          const r = new Float32Array(TOKENS.length).fill(-20);
          r[8] = 5;
          r[5] = 1;
          return r;
        },
      };
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isGramfillError(e)) return e.code;
    throw e;
  }
  return "resolved";
}

describe("diffusion fallback past the canvas (pastCanvas)", () => {
  it("finishes a too-small generation with the grammar's word, flagged as Con. past the canvas", async () => {
    const r = await diffusionGenerate(stubbornModel(), vocab, { parts: [{ masks: 2 }], grammar: fourOnes, pastCanvas: true });
    expect(r.text).toBe("[1,1,1,1]");
    expect(r.valid).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.fallbackUsed).toBe(true);
    expect(r.stats.past_canvas).toBe(true);
    expect(r.stats.no_room).toBe(true);
    expect(r.stats.steps).toBe(0);
  });

  it("keeps the known text before the tail and completes after it", async () => {
    const r = await diffusionGenerate(stubbornModel(), vocab, { parts: [{ text: "[1,1," }, { masks: 1 }], grammar: fourOnes, pastCanvas: true });
    expect(r.text.startsWith("[1,1,")).toBe(true);
    expect(r.valid).toBe(true);
    expect(r.stats.past_canvas).toBe(true);
    expect(fourOnes.check(new TextEncoder().encode(r.text)).ok).toBe(true);
  });

  it("is an error without pastCanvas, without the fallback, or when the known text is no prefix", async () => {
    expect(await rejection(diffusionGenerate(stubbornModel(), vocab, { parts: [{ masks: 2 }], grammar: fourOnes }))).toBe("input_invalid");
    expect(await rejection(diffusionGenerate(stubbornModel(), vocab, { parts: [{ masks: 2 }], grammar: fourOnes, pastCanvas: true, fallback: false }))).toBe("input_invalid");
    expect(await rejection(diffusionGenerate(stubbornModel(), vocab, { parts: [{ text: "]" }, { masks: 2 }], grammar: fourOnes, pastCanvas: true }))).toBe("input_invalid");
    // a hole in the middle keeps its size: only the tail may grow
    expect(await rejection(diffusionGenerate(stubbornModel(), vocab, { parts: [{ text: "[" }, { masks: 1 }, { text: "]" }], grammar: fourOnes, pastCanvas: true }))).toBe("input_invalid");
  });

  it("leaves a canvas that fits alone: no fallback, nothing past it", async () => {
    const r = await diffusionGenerate(stubbornModel(), vocab, { parts: [{ masks: 8 }], grammar: fourOnes, pastCanvas: true });
    expect(r.valid).toBe(true);
    expect(r.stats.past_canvas).toBe(false);
    expect(r.stats.no_room).toBe(false);
  });
});
