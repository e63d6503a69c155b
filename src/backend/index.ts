export { CausalLM, KvCache, logitsRow, type Logits } from "./causal-lm.js";
export { MaskedDiffusionLM } from "./diffusion-lm.js";
export { readModelFolder, resolveModelDir, isDiffusionConfig, BUNDLED_MODELS, type ModelFolder } from "./folder.js";
export { TextTokenizer } from "./tokenizer.js";
