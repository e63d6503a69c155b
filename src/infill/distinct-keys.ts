/**
 * Distinct object keys for the infill checks: the grammar cannot state the rule (json-keys.ts), so a
 * session on a schema grammar checks each new witness's whole text with a `JsonKeyTracker` pass.
 */
import { JsonKeyTracker } from "../schema/json-keys.js";

/** Does this JSON text write some key twice in one object (the tracker refuses the byte closing it)? */
export function repeatsKey(text: Uint8Array): boolean {
  return new JsonKeyTracker().feed(text) < text.length;
}
