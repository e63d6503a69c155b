/** Shared cases of the json-cost session tests: two sessions over one canvas of two runs cut from a case's word. */
import { expect } from "vitest";
import { InfillChecker, InfillSession, type Canvas } from "../../src/infill/index.js";
import type { SessionOptions } from "../../src/infill/session.js";
import type { TokenCase } from "./token-cases.js";

const dec = new TextDecoder();
/** A check's answer as one string: status and witness text. */
export const show = (r: { status: string; text: Uint8Array | null }) => `${r.status}:${r.text === null ? "" : dec.decode(r.text)}`;

/**
 * The case's word cut into text, a run of 2–3 positions, text, and a tail run of `tail` positions
 * (text parts may be empty); two sessions over it, quick-search-only repairs as the decoder's, the
 * second with `other` options; their first checks compared. Returns both and the first check's status.
 */
export function twoRunSessions(tc: TokenCase, cutA: number, cutB: number, tail: number, other: SessionOptions): { a: InfillSession; b: InfillSession; first: string } {
  const { g, word, speller } = tc;
  const at = Math.min(cutA, word.length);
  const to = Math.min(word.length, at + 1 + cutB);
  const canvas: Canvas = [
    { text: word.subarray(0, at) },
    { hole: { tokens: 2 + (cutB % 2), maxTokenBytes: 3 } },
    { text: word.subarray(to, Math.min(word.length, to + 2)) },
    { hole: { tokens: tail, maxTokenBytes: 3, tailMayEnd: true } },
  ];
  const c = new InfillChecker(g, { maxTokenBytes: 3 });
  const opts = { speller, repairItems: 0, repairQuickPasses: 2 };
  const a = new InfillSession(c, canvas, 3, opts);
  const b = new InfillSession(c, canvas, 3, { ...opts, ...other });
  const first = a.check();
  expect(show(b.check())).toBe(show(first));
  return { a, b, first: first.status };
}
