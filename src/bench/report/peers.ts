/**
 * Published numbers of peer engines, shown next to ours in the report and always labelled as
 * published: JSONSchemaBench paper (Geng et al., arXiv:2501.10868), Figure 1 panel B "Coverage",
 * values read from the pixels of the figure (±1 point) in guidance-ai/jsonschemabench
 * `img/hero_image.jpg` (see ../shared/research/jsonschemabench.md §4a). Llama-3.1-8B-Instruct on the
 * Hugging Face test split — another model and another selection of schemas than ours.
 */
export interface PeerCoverage {
  engine: string;
  subset: string;
  /** 0..1 */
  coverage: number;
  note?: string;
}

export const PEER_SOURCE =
  "JSONSchemaBench paper (arXiv:2501.10868) Fig. 1B, coverage read from the figure (±1 pt); Llama-3.1-8B-Instruct, HF test split";

const FIG1B: Record<string, Record<string, number>> = {
  Github_easy: { Guidance: 88.5, Llamacpp: 82.9, Outlines: 74.9, XGrammar: 65.3, OpenAI: 15.9 },
  WashingtonPost: { Guidance: 73.2, Llamacpp: 64.1, Outlines: 63.3, XGrammar: 62.1, OpenAI: 28.6 },
  Github_hard: { Guidance: 56.4, Llamacpp: 48.7, Outlines: 38.1, XGrammar: 32.6, OpenAI: 16.0 },
  Kubernetes: { Guidance: 59.1, Llamacpp: 58, Outlines: 58, XGrammar: 57.8, OpenAI: 39.1 },
  Github_medium: { Guidance: 74.8, Llamacpp: 68.4, Outlines: 57.1, XGrammar: 48.8, OpenAI: 11.3 },
  Snowplow: { Guidance: 88.5, Llamacpp: 79.6, Outlines: 58.0, XGrammar: 41.4, OpenAI: 0 },
};

export const PEER_COVERAGE: readonly PeerCoverage[] = Object.entries(FIG1B).flatMap(([subset, row]) =>
  Object.entries(row).map(([engine, v]) => ({
    engine,
    subset,
    coverage: v / 100,
    ...(subset === "Kubernetes" && (engine === "Llamacpp" || engine === "Outlines") ? { note: "≈, overlapping in the figure" } : {}),
    ...(subset === "Snowplow" && engine === "OpenAI" ? { note: "≈0" } : {}),
  })),
);
