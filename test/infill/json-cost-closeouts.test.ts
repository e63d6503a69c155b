/**
 * Session 9: the quick search remembers its close-outs (`chartCompletion`, a plan verified on a clone
 * of the parser) by the bytes the parser has read — the canvas' lead and the search's own — per
 * parser, and charges the budget the same either way. Against a search that remembers nothing, on
 * random grammars, canvases ending in a hole (where close-outs happen), budgets and spelling hooks,
 * many searches from one parser (a session's repairs share theirs): the same fills (or none) and
 * the same budget spent, search after search, and the memory is used; both answer as a searcher
 * made afresh for each search (nothing cached: close-outs, hole words by the next fragment). The example: a key of the
 * search's bytes alone (forgetting the lead the parser read before it) answers wrongly, and fails it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGrammar } from "../../src/grammar/load.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { compileGrammar } from "../../src/parser/compile.js";
import type { CompiledGrammar } from "../../src/parser/compile.js";
import { segmentsOf, type Canvas } from "../../src/infill/canvas.js";
import { QuickWitness } from "../../src/infill/quick.js";
import { compile, grammarArb, lcg } from "./grammars.js";

const show = (r: { fills: Uint8Array[] | null; spent: number }) => `${r.fills === null ? "-" : r.fills.map((f) => Array.from(f).join(",")).join("|")} @${r.spent}`;

/** Canvases cut from a word: a lead (read by the parser first), a middle with 0–1 holes, and a final hole. */
function canvasesOf(word: Uint8Array, random: () => number, leadLen: number, n: number): Canvas[] {
  const out: Canvas[] = [];
  for (let i = 0; i < n; i++) {
    const rest = word.subarray(leadLen);
    const cut = Math.floor(random() * (rest.length + 1));
    const parts: Canvas[number][] = [{ text: word.subarray(0, leadLen) }];
    if (random() < 0.5 && cut > 0) {
      const h = Math.floor(random() * cut);
      parts.push({ text: rest.subarray(0, h) }, { hole: { minBytes: 0, maxBytes: 1 + Math.floor(random() * 3) } }, { text: rest.subarray(h + 1, cut) });
    } else parts.push({ text: rest.subarray(0, cut) });
    parts.push({ hole: { minBytes: 0, maxBytes: rest.length - cut + Math.floor(random() * 6) } });
    out.push(parts);
  }
  return out;
}

/** Each canvas searched by both from one parser that has read the lead: answers side by side. */
function searchAll(g: CompiledGrammar, pad: number, lead: Uint8Array, canvases: Canvas[], budget: number, remember: QuickWitness, plain: QuickWitness, accept?: (fills: Uint8Array[]) => boolean) {
  const p = g.newParser();
  for (let i = 0; i < lead.length; i++) if (!p.feedByte(lead[i]!)) return null;
  const out: Array<[string, string]> = [];
  for (const canvas of canvases) {
    const { segments, holeCount } = segmentsOf(canvas, 1);
    const from = segments[0]!.kind === "text" && lead.length > 0 ? 1 : 0;
    if (from === 1 && (segments[0] as { bytes: Uint8Array }).bytes.length !== lead.length) continue;
    const a = remember.search(segments, from, 0, holeCount, p, budget, null, accept, 3);
    const b = plain.search(segments, from, 0, holeCount, p, budget, null, accept, 3);
    // and a searcher with nothing cached at all (its hole words by the next fragment's bytes too)
    const c = new QuickWitness(g, pad, { rememberCloseOuts: false }).search(segments, from, 0, holeCount, p, budget, null, accept, 3);
    expect(show(c)).toBe(show(b));
    expect(p.position).toBe(lead.length);
    out.push([show(a), show(b)]);
  }
  return out;
}

describe("quick search: close-outs remembered by the bytes the parser read", () => {
  it("same fills and budget as a search that remembers nothing, search after search (random grammars, canvases, hooks)", () => {
    const tally = { searches: 0, found: 0, remembered: 0 };
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.integer(), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 2 }), (rules, ws, seed, budget, hook) => {
        const g = compile(rules, ws);
        if (!g) return;
        const random = lcg(seed);
        const word = sampleWord(g, { random, maxDepth: 6, maxTerminalBytes: 4 });
        if (!word || word.length > 30) return;
        const leadLen = Math.floor(random() * (word.length + 1));
        const pad = ws ? 0x20 : -1;
        const remember = new QuickWitness(g, pad);
        const plain = new QuickWitness(g, pad, { rememberCloseOuts: false });
        const accept = hook === 0 ? undefined : (fills: Uint8Array[]) => fills.reduce((h, f) => f.reduce((x, b) => x * 31 + b, h), hook) % 3 !== 0;
        // the same canvases twice: the second round meets every close-out of the first again
        const canvases = canvasesOf(word, random, leadLen, 4);
        const r = searchAll(g, pad, word.subarray(0, leadLen), [...canvases, ...canvases], budget, remember, plain, accept);
        if (r === null) return;
        for (const [a, b] of r) {
          expect(a).toBe(b);
          tally.searches++;
          if (!a.startsWith("-")) tally.found++;
        }
        tally.remembered += remember.closeOutsRemembered;
      }),
      { numRuns: 300 },
    );
    expect(tally.found).toBeGreaterThan(50);
    expect(tally.remembered).toBeGreaterThan(50);
  });

  it("the lead is part of the key: one parser, two leads of one length, the same search bytes, two close-outs", () => {
    const g = compileGrammar(parseGrammar('start: "a" "(" ")" | "b" "(" "]"', "lark"));
    const q = new QuickWitness(g, -1);
    const p = g.newParser();
    const closeAfter = (lead: string) => {
      const bytes = new TextEncoder().encode(lead);
      for (const b of bytes) expect(p.feedByte(b)).toBe(true);
      const { segments, holeCount } = segmentsOf([{ text: lead }, { hole: { minBytes: 0, maxBytes: 4 } }], 1);
      const r = q.search(segments, 1, 0, holeCount, p, 1000);
      p.rollback(bytes.length);
      return r.fills === null ? null : new TextDecoder().decode(r.fills[0]!);
    };
    expect(closeAfter("a(")).toBe(")");
    expect(closeAfter("b(")).toBe("]");
    // a key of the search's own bytes alone would answer ")" here (the parser refuses it: no filling)
    expect(q.closeOutsRemembered).toBe(0);
    expect(closeAfter("a(")).toBe(")");
    expect(q.closeOutsRemembered).toBe(1);
  });
});
