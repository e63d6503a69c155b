export { Generator, type GenerateOptions, type GenerateResult, type GenerateStats, type TokenEvent } from "./generate.js";
export { Rng, sampleMasked, type SamplingOptions } from "./sampler.js";
export { shortestCompletion, type CompletionOptions } from "./closeout.js";
export { causalModel, diffusionModel, loadModel, type DecoderModel, type ModelSession } from "./session.js";
export { diffusionGenerate, mdmModel, type DiffusionLogits, type DiffusionModel, type DiffusionOptions, type DiffusionPart, type DiffusionResult, type DiffusionStats } from "./diffusion.js";
export { wholeCanvasChecker, splitHoles, type FeasibilityChecker, type InfillPart } from "./diffusion-canvas.js";
export { arModel, fimGenerate, fimTemplateOf, type FimModel, type FimOptions, type FimResult, type FimStats, type FimTemplate } from "./fim.js";
