export { Generator, type GenerateOptions, type GenerateResult, type GenerateStats, type TokenEvent } from "./generate.js";
export { Rng, sampleMasked, type SamplingOptions } from "./sampler.js";
export { shortestCompletion, type CompletionOptions } from "./closeout.js";
export { causalModel, diffusionModel, loadModel, type DecoderModel, type ModelSession } from "./session.js";
