// Types of bench/lib/jme.mjs (the helpers of bench/diffusion-jme.mjs), for test/bench/diffusion-jme.test.ts.

export interface JmeRow {
  index: number;
  instance_id: string;
  input: string;
  schema: string;
  output: string;
}
export function parseRows(text: string): JmeRow[];
export function selectRows(all: readonly JmeRow[], opts?: { rows?: string; onePerSchema?: boolean; n?: number }): JmeRow[];
export function buildJmePrompt(schemaText: string, input: string, encode: (s: string) => number[], budget: number): { ids: number[]; fullTokens: number; truncated: boolean };
export function pyFloatRepr(x: number): string;
export function pyJsonNormalize(text: string): string | null;
export function functionalMatch(sample: string, reference: string): boolean;
export function quantile(values: readonly number[], p: number): number;
export function summarize(records: readonly any[]): any;
