export { InfillChecker, type InfillOptions, type InfillResult, type InfillStats, type InfillStatus } from "./checker.js";
export { fillCanvas, tokenHole, type Canvas, type CanvasPart, type HoleSpec } from "./canvas.js";
export { InfillSession, WITNESS_EOS, type SessionOptions } from "./session.js";
export { TokenSpeller, tokenSpeller, type TokenSpellerOptions } from "./tokens.js";
