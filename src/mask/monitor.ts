/**
 * A Monitor constrains decoding alongside the grammar: at each step it narrows the set of allowed
 * tokens (its mask is ANDed into the others'), and it follows the tokens the decoder commits.
 * The grammar matcher is itself a Monitor; so are static-analysis monitors (monitor-guided
 * decoding), whose `fillMask` may be async so analysis can overlap the model's forward pass.
 */
export interface Monitor {
  /**
   * Where a static-analysis monitor is (optional; the grammar matcher has none): idle (no
   * constraint), triggered (a trigger was read, the analysis is due), constrained (the analysis'
   * answer restricts the next tokens); back to idle when the constrained part is complete.
   */
  readonly phase?: "idle" | "triggered" | "constrained";
  /**
   * Clears the bits of tokens this monitor forbids next. `bits` arrives holding what the monitors
   * before it allow (all ones for the first), bit i = token i.
   */
  restrictMask(bits: Uint32Array): void | Promise<void>;
  /** Follows a committed token; returns false (and changes nothing) if the monitor forbids it. */
  accept(token: number): boolean;
  /** Forgets the last `tokens` accepted tokens. */
  rollback(tokens: number): void;
}

/** ANDs the masks of several monitors, in order, into `bits` (which starts as all ones). */
export async function combinedMask(monitors: readonly Monitor[], bits: Uint32Array, vocabSize: number): Promise<Uint32Array> {
  bits.fill(0xffffffff);
  const tail = vocabSize & 31;
  if (tail !== 0) bits[bits.length - 1] = (1 << tail) - 1;
  for (const m of monitors) await m.restrictMask(bits);
  return bits;
}
