/**
 * Distinct object keys for the infill checks: the grammar cannot state the rule (json-keys.ts).
 * On grammars with `distinctObjectKeys` a check's "feasible" comes with a witness that writes no
 * key twice in one object: the quick search carries a `JsonKeyTracker` beside the parser (fed the
 * same bytes, so it skips fills that close a repeated key and tries fresh key characters), and the
 * chart's candidates are read whole by `repeatsKey` (a repeating one is refused like an unverified
 * one, and the chart reads back another). Sessions also check each new witness's whole text.
 */
import { JsonKeyTracker } from "../schema/json-keys.js";
import type { InfillResult } from "./checker.js";

/** Does this JSON text write some key twice in one object (the tracker refuses the byte closing it)? */
export function repeatsKey(text: Uint8Array): boolean {
  return new JsonKeyTracker().feed(text) < text.length;
}

/**
 * A tracker that has read the leading bytes of a canvas (the text the parser of a check has read),
 * kept between checks: the next lead usually extends or shares most of the last one, so only the
 * bytes after their common prefix are undone and fed.
 */
export class LeadKeys {
  private readonly tracker = new JsonKeyTracker();
  private bytes = new Uint8Array(256);
  /** bytes the tracker has read (a prefix of the last lead asked for) */
  private n = 0;

  /**
   * The tracker after `lead[0, len)`, or null when those bytes write a key twice in one object
   * (every text that starts with them does: no filling can be repeat-free). The caller may feed
   * the tracker and must roll it back to where it got it.
   */
  after(lead: Uint8Array, len: number): JsonKeyTracker | null {
    let c = 0;
    const m = Math.min(this.n, len);
    while (c < m && this.bytes[c] === lead[c]) c++;
    this.tracker.rollback(this.n - c);
    this.n = c;
    if (this.bytes.length < len) {
      const b = new Uint8Array(Math.max(len, this.bytes.length * 2));
      b.set(this.bytes.subarray(0, this.n));
      this.bytes = b;
    }
    for (; this.n < len; this.n++) {
      const b = lead[this.n]!;
      if (!this.tracker.feedByte(b)) return null;
      this.bytes[this.n] = b;
    }
    return this.tracker;
  }
}

/**
 * An "unknown" whose searches met only fillings that write a key twice in one object (the chart's
 * candidates were words of the grammar, the tracker refused them all). Decoders that accept
 * "unknown" (never a false dead end) refuse this one: the search found no repeat-free filling, and
 * a refusal costs the model one choice, never validity (the fallback witness is still there).
 */
export function onlyRepeatingWitnesses(r: InfillResult): boolean {
  return r.status === "unknown" && (r.stats.keyRepeats ?? 0) > 0;
}
