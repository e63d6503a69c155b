/**
 * Failed local repairs are remembered per session (`InfillSession`, quick-search-only repairs:
 * `repairItems` 0) by their local canvas (`CanvasSet`): a try whose local canvas failed before is
 * answered without the search. Exactness: a try's answer does not depend on which tries came
 * before it (random grammars, vocabularies and try orders), and `CanvasSet` is equality of canvases
 * (text run together, holes by spec) however the text is split into parts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanvasSet } from "../../src/infill/canvas-set.js";
import { InfillChecker, InfillSession, type Canvas, type CanvasPart } from "../../src/infill/index.js";
import { commitWitnessToken, tokenCaseArb } from "./token-cases.js";

const dec = new TextDecoder();

/** A canvas as text with holes written `<spec>` (parts run together): what CanvasSet must tell apart. */
function normal(parts: readonly CanvasPart[]): string {
  let s = "";
  for (const p of parts) {
    if ("text" in p) s += typeof p.text === "string" ? p.text : Array.from(p.text, (b) => String.fromCharCode(b)).join("");
    else s += `\u0100${JSON.stringify([p.hole.tokens, p.hole.maxTokenBytes, p.hole.minBytes, p.hole.maxBytes, p.hole.tailMayEnd])}\u0100`;
  }
  return s;
}

const holeArb = fc.constantFrom<CanvasPart>({ hole: { tokens: 1, maxTokenBytes: 3 } }, { hole: { tokens: 2, maxTokenBytes: 3 } }, { hole: { tokens: 2, maxTokenBytes: 3, minBytes: 0 } }, { hole: { tokens: 2, maxTokenBytes: 3, tailMayEnd: true } }, { hole: {} });
/** text parts of bytes that include the escape byte 0xFF and 0x00/0x01, split at random */
const textArb = fc.uint8Array({ maxLength: 4 }).map((b) => b.map((x) => [0, 1, 0xff, 0x22, 0x61][x % 5]!)).map((b): CanvasPart => ({ text: b }));
const canvasArb = fc.array(fc.oneof(textArb, textArb, holeArb), { maxLength: 6 });

describe("CanvasSet", () => {
  it("holds a canvas iff an added one has the same text and holes (however the text is split)", () => {
    fc.assert(
      fc.property(fc.array(canvasArb, { minLength: 1, maxLength: 6 }), canvasArb, fc.integer({ min: 0, max: 1 }), fc.constantFrom("random", "resplit", "tweak"), fc.nat(), (added, other, tag, how, seed) => {
        // the probe: a random canvas, an added one with its text split elsewhere, or one with a byte changed
        const base = added[seed % added.length]!;
        const bytes = (p: CanvasPart) => ("text" in p ? (p.text as Uint8Array) : null);
        let probe: CanvasPart[] = other;
        if (how === "resplit") probe = base.flatMap((p) => (bytes(p) === null ? [p] : Array.from(bytes(p)!, (b) => ({ text: Uint8Array.of(b) }))));
        if (how === "tweak") {
          const at = base.findIndex((p) => (bytes(p)?.length ?? 0) > 0);
          probe = base.map((p, i) => (i === at ? { text: bytes(p)!.map((b, k) => (k === seed % bytes(p)!.length ? b ^ 0x40 : b)) } : p));
        }
        const set = new CanvasSet();
        for (const c of added) if (!set.has(c, 0)) set.addLast();
        const want = tag === 0 && added.some((c) => normal(c) === normal(probe));
        expect(set.has(probe, tag)).toBe(want);
      }),
      { numRuns: 400 },
    );
  });

  it("starts over past its size", () => {
    const set = new CanvasSet(2);
    const c = (t: string): Canvas => [{ text: t }, { hole: { tokens: 1 } }];
    for (const t of ["a", "b"]) if (!set.has(c(t), 0)) set.addLast();
    expect(set.has(c("a"), 0)).toBe(true);
    expect(set.size).toBe(2);
    if (!set.has(c("z"), 0)) set.addLast();
    expect(set.size).toBe(1);
    expect(set.has(c("a"), 0)).toBe(false);
    expect(set.has(c("z"), 0)).toBe(true);
  });
});

describe("remembered failed repairs", () => {
  it("answer every try as a session that never saw the tries before it (random grammars, vocabularies, orders)", () => {
    let remembered = 0;
    fc.assert(
      fc.property(tokenCaseArb(3), (tc) => {
        if (tc === null) return;
        const { g, random, word, speller, vocab, tokens } = tc;
        const c = new InfillChecker(g, { maxTokenBytes: 3 });
        const n = Math.max(2, Math.min(6, word.length));
        const canvas: Canvas = [{ hole: { tokens: n, maxTokenBytes: 3, tailMayEnd: true } }];
        const opts = { speller, repairItems: 0, repairQuickPasses: 2 };
        const a = new InfillSession(c, canvas, 3, opts);
        const b = new InfillSession(c, canvas, 3, opts);
        if (a.check().status !== "feasible" || b.check().status !== "feasible") return;
        for (let round = 0; round < 3; round++) {
          const open = Array.from({ length: n }, (_, p) => p).filter((p) => a.isMasked(p));
          if (open.length === 0) break;
          const tries = Array.from({ length: 6 }, () => [open[Math.floor(random() * open.length)]!, tokens[Math.floor(random() * tokens.length)]!] as const);
          const answer = (s: InfillSession, p: number, t: Uint8Array) => {
            const r = s.tryCommit(p, t, true);
            return `${r.status}:${r.text === null ? "" : dec.decode(r.text)}`;
          };
          // a: every try twice (the second may be remembered); b: each once, in the other order
          const first = tries.map(([p, t]) => answer(a, p, t));
          const again = tries.map(([p, t]) => answer(a, p, t));
          const fresh = [...tries].reverse().map(([p, t]) => answer(b, p, t)).reverse();
          expect(again).toEqual(first);
          expect(fresh).toEqual(first);
          const p = open[0]!;
          commitWitnessToken(a, p, vocab);
          commitWitnessToken(b, p, vocab);
        }
        remembered += a.counts.repairRepeated;
      }),
      { numRuns: 120 },
    );
    // the property above is only worth something if failed repairs were met again
    expect(remembered).toBeGreaterThan(0);
  });
});
