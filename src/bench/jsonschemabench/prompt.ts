/**
 * Prompts as the benchmark's runner builds them (epfl-dlab/jsonschemabench `core/messages.py`): an
 * instruction, a few schema → instance pairs (few-shot) and the schema. The bundled models have no
 * chat template, so the turns are plain text. A schema too long for the model's context is cut
 * (its head kept, its tail dropped) so that `room` tokens remain for the output; the run records it.
 */

export type PromptStyle = "few-shot" | "zero-shot";

export const INSTRUCTION = "You need to generate a JSON object that matches the schema below.\n";

/** Two hand-written pairs (the runner uses two per subset family; these are generic). */
export const FEW_SHOT: ReadonlyArray<{ schema: string; instance: string }> = [
  {
    schema: '{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0},"email":{"type":"string","format":"email"}},"required":["name","age"]}',
    instance: '{"name":"Ada Lovelace","age":36,"email":"ada@example.com"}',
  },
  {
    schema: '{"type":"object","properties":{"id":{"type":"string"},"tags":{"type":"array","items":{"type":"string"},"maxItems":3},"active":{"type":"boolean"}},"required":["id"]}',
    instance: '{"id":"item-42","tags":["blue","small"],"active":true}',
  },
];

export interface BuiltPrompt {
  ids: number[];
  /** the schema text was cut to fit the context */
  truncated: boolean;
}

/**
 * Prompt ids for `schemaText`, at most `budget` tokens (the schema's head is kept when cutting).
 * `encode` is the model's tokenizer (no special tokens added).
 */
export function buildPrompt(schemaText: string, style: PromptStyle, encode: (s: string) => number[], budget: number): BuiltPrompt {
  let head = INSTRUCTION;
  if (style === "few-shot") for (const ex of FEW_SHOT) head += `Schema:\n${ex.schema}\nJSON:\n${ex.instance}\n\n`;
  head += "Schema:\n";
  const tail = encode("\nJSON:\n");
  let headIds = encode(head);
  let schemaIds = encode(schemaText);
  let truncated = false;
  if (headIds.length + schemaIds.length + tail.length > budget) {
    truncated = true;
    // drop the examples first (the schema matters more), then cut the schema's tail
    if (style === "few-shot") headIds = encode(INSTRUCTION + "Schema:\n");
    const room = Math.max(0, budget - headIds.length - tail.length);
    schemaIds = schemaIds.slice(0, room);
  }
  return { ids: [...headIds, ...schemaIds, ...tail].slice(-Math.max(1, budget)), truncated };
}
