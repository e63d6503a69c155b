/**
 * Token-exact sessions over several holes that EOS may end early (`{ tokens: k, minBytes: 0 }` in
 * the middle of the canvas, `tailMayEnd` at its end): a hole of k positions holds at most k tokens,
 * EOS at p pads the rest of p's hole. Checked against a brute-force enumeration of token fillings
 * (EOS included) on random grammars, words, hole patterns and small vocabularies: "infeasible" is
 * never wrong, every "feasible" carries a token per masked position (or EOS padding, only where the
 * hole may end and only to the hole's end) spelling a word, and "unknown" (a refusal) stays rare.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { InfillChecker, InfillSession, WITNESS_EOS, type Canvas, type CanvasPart } from "../../src/infill/index.js";
import { TokenSpeller } from "../../src/infill/tokens.js";
import { commitWitnessToken, tokenCaseArb, vocabOf } from "./token-cases.js";

const enc = new TextEncoder();
const dec = new TextDecoder();


/** A position: committed token bytes, "eos" padding, or null (masked). */
type Slot = Uint8Array | "eos" | null;
/** The canvas for the brute force: known text, or a hole's slots (mayEnd: EOS may pad its rest). */
type Seg = { text: Uint8Array } | { slots: Slot[]; mayEnd: boolean };

/**
 * Is there a filling of the masked slots with tokens (EOS at a masked slot of a hole that may end,
 * with nothing but masked/padded slots after it in the hole, pads the rest of the hole) whose text is
 * a word? Prefixes the parser rejects are pruned (a rejected byte is a proof); the end is judged by
 * `check`.
 */
function bruteFeasible(g: CompiledGrammar, tokens: Uint8Array[], segs: Seg[]): boolean {
  const parser = g.newParser();
  const acc: number[] = [];
  const fed = (b: Uint8Array, then: () => boolean): boolean => {
    const n = parser.feed(b);
    try {
      if (n < b.length) return false;
      acc.push(...b);
      try {
        return then();
      } finally {
        acc.length -= b.length;
      }
    } finally {
      parser.rollback(n);
    }
  };
  const go = (si: number, i: number): boolean => {
    if (si === segs.length) return g.check(Uint8Array.from(acc)).ok;
    const seg = segs[si]!;
    if ("text" in seg) return fed(seg.text, () => go(si + 1, 0));
    if (i === seg.slots.length) return go(si + 1, 0);
    const s = seg.slots[i]!;
    if (s === "eos") return go(si + 1, 0);
    if (s !== null) return fed(s, () => go(si, i + 1));
    if (seg.mayEnd && seg.slots.slice(i + 1).every((x) => x === null || x === "eos") && go(si + 1, 0)) return true;
    for (const t of tokens) if (fed(t, () => go(si, i + 1))) return true;
    return false;
  };
  return go(0, 0);
}

describe("token-exact sessions: holes that may end early anywhere", () => {
  const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

  it("a middle hole's remaining positions must spell its fill with at most their count of tokens", () => {
    // `{"a` + 1 position (may end) + ` 1, "b": ` + 2 positions (may end) + `}`: bytes fit (`":` in
    // ≤ 4 bytes), but without a `":` token one position cannot hold it, and ending the hole empty
    // leaves `{"a 1, …`
    const c = new InfillChecker(json, { maxTokenBytes: 4 });
    const canvas: Canvas = [{ text: '{"a' }, { hole: { tokens: 1, maxTokenBytes: 4, minBytes: 0 } }, { text: ' 1, "b": ' }, { hole: { tokens: 2, maxTokenBytes: 4, minBytes: 0 } }, { text: "}" }];
    expect(c.session(canvas).check().status).toBe("feasible"); // byte level
    const s = new InfillSession(c, canvas, 4, { speller: new TokenSpeller(vocabOf(ascii), { maxTokenBytes: 4 }) });
    expect(s.check().status).toBe("unknown");
    // with the token, the witness puts it in position 0; the second hole is a value of 1-2 tokens or shorter
    const v = vocabOf([...ascii, '":']);
    const s2 = new InfillSession(c, canvas, 4, { speller: new TokenSpeller(v, { maxTokenBytes: 4 }) });
    expect(s2.check().status).toBe("feasible");
    expect(dec.decode(v.tokenBytes(s2.witnessTokenAt(0)))).toBe('":');
    // EOS in the second hole right away: `"b": }` — no value, refused (a proof)
    expect(s2.tryEnd(1).status).toBe("infeasible");
    // `1` then EOS: `"b": 1}`
    expect(s2.tryCommit(1, enc.encode("1")).status).toBe("feasible");
    s2.commit(1, enc.encode("1"));
    expect(s2.tryEnd(2).status).toBe("feasible");
    s2.end(2);
    expect(s2.isMasked(2)).toBe(false);
    expect(dec.decode(v.tokenBytes(s2.witnessTokenAt(0)))).toBe('":');
    // EOS is refused before a committed token of its hole, and in a hole that may not end
    const s3 = new InfillSession(c, [{ text: "[" }, { hole: { tokens: 3, maxTokenBytes: 4, minBytes: 0 } }, { text: ", " }, { hole: { tokens: 2, maxTokenBytes: 4 } }, { text: "]" }], 4, { speller: new TokenSpeller(v, { maxTokenBytes: 4 }) });
    s3.commit(1, enc.encode("1"));
    expect(s3.tryEnd(0).status).toBe("infeasible");
    expect(() => s3.end(0)).toThrow(/committed token follows it in the hole/);
    expect(s3.tryEnd(3).status).toBe("infeasible");
    expect(() => s3.end(3)).toThrow(/cannot end early/);
    expect(s3.tryEnd(2).status).toBe("feasible"); // `[?1, ??]`
  });

  it("agrees with brute force over token fillings with EOS in any hole; witnesses are token sequences of words", () => {
    const tally = { feasible: 0, infeasible: 0, unknown: 0, unknownButFeasible: 0, eosCommits: 0, midEos: 0 };
    fc.assert(
      fc.property(tokenCaseArb(4), (tc) => {
          if (!tc) return;
          const { g, random, word, vocab: v, speller: sp, tokens: toks } = tc;
          // 2-3 holes cut from the word (adjacent holes allowed), each 1-3 positions, most may end early
          const holes = 2 + Math.floor(random() * 2);
          const cuts = Array.from({ length: 2 * holes }, () => Math.floor(random() * (word.length + 1))).sort((a, b) => a - b);
          const segs: Seg[] = [];
          const canvas: CanvasPart[] = [];
          let at = 0;
          for (let h = 0; h < holes; h++) {
            const [from, to] = [cuts[2 * h]!, cuts[2 * h + 1]!];
            if (from > at) {
              segs.push({ text: word.slice(at, from) });
              canvas.push({ text: word.slice(at, from) });
            }
            const k = 1 + Math.floor(random() * 3);
            const mayEnd = random() < 0.7;
            const last = h === holes - 1 && to === word.length;
            segs.push({ slots: new Array<Slot>(k).fill(null), mayEnd });
            canvas.push({ hole: { tokens: k, maxTokenBytes: 3, ...(mayEnd ? (last && random() < 0.5 ? { tailMayEnd: true } : { minBytes: 0 }) : {}) } });
            at = to;
          }
          if (at < word.length) {
            segs.push({ text: word.slice(at) });
            canvas.push({ text: word.slice(at) });
          }
          const holeSegs = segs.filter((x): x is { slots: Slot[]; mayEnd: boolean } => "slots" in x);
          // session position → (hole, slot)
          const posOf: Array<[number, number]> = [];
          holeSegs.forEach((x, h) => x.slots.forEach((_, i) => posOf.push([h, i])));
          const c = new InfillChecker(g, { maxTokenBytes: 3 });
          const s = new InfillSession(c, canvas, 3, { speller: sp });
          expect(s.positions).toBe(posOf.length);

          const judge = (status: string) => {
            const truth = bruteFeasible(g, toks, segs);
            tally[status as "feasible"]++;
            if (status === "infeasible") expect(truth).toBe(false);
            if (status === "unknown" && truth) tally.unknownButFeasible++;
            if (status !== "feasible") return;
            expect(truth).toBe(true);
            // the token witness: committed slots as they are, masked ones from the witness
            const bytes: number[] = [];
            let p = 0;
            for (const seg of segs) {
              if ("text" in seg) {
                bytes.push(...seg.text);
                continue;
              }
              let ended = false;
              for (const x of seg.slots) {
                const q = p++;
                if (x === "eos") {
                  ended = true;
                  continue;
                }
                if (x !== null) {
                  expect(ended).toBe(false);
                  bytes.push(...x);
                  continue;
                }
                const id = s.witnessTokenAt(q);
                if (id === WITNESS_EOS) {
                  expect(seg.mayEnd).toBe(true);
                  ended = true;
                  continue;
                }
                expect(ended).toBe(false); // after EOS only padding in the hole
                expect(id).toBeGreaterThan(0);
                expect(v.tokenLength(id)).toBeLessThanOrEqual(3);
                bytes.push(...v.tokenBytes(id));
              }
            }
            expect(g.check(Uint8Array.from(bytes)).ok).toBe(true);
          };
          const r0 = s.check();
          judge(r0.status);
          if (r0.status !== "feasible") return;
          // random commits: a random token, or EOS where its hole may end, at a random masked position
          for (let step = 0; step < posOf.length; step++) {
            const masked = posOf.map((_, q) => q).filter((q) => s.isMasked(q));
            if (masked.length === 0) break;
            const p = masked[Math.floor(random() * masked.length)]!;
            const [h, i] = posOf[p]!;
            const seg = holeSegs[h]!;
            const endable = seg.mayEnd && seg.slots.slice(i + 1).every((x) => x === null || x === "eos");
            const eos = endable && random() < 0.3;
            const t = toks[Math.floor(random() * toks.length)]!;
            const before = seg.slots.slice();
            if (eos) for (let j = i; j < seg.slots.length; j++) seg.slots[j] = "eos";
            else seg.slots[i] = t;
            const r = eos ? s.tryEnd(p) : s.tryCommit(p, t);
            if (r.status === "feasible") {
              if (eos) s.end(p);
              else s.commit(p, t);
              if (eos) {
                tally.eosCommits++;
                if (holeSegs.indexOf(seg) !== holeSegs.length - 1 || "text" in segs[segs.length - 1]!) tally.midEos++;
              }
            }
            judge(r.status);
            if (r.status === "feasible") continue;
            // refused: undo in the model and commit the witness's own token (always feasible)
            seg.slots.splice(0, seg.slots.length, ...before);
            const w = commitWitnessToken(s, p, v);
            if (w === WITNESS_EOS) for (let j = i; j < seg.slots.length; j++) seg.slots[j] = "eos";
            else seg.slots[i] = v.tokenBytes(w);
            judge("feasible");
          }
        },
      ),
      { numRuns: 250 },
    );
    console.log("token-exact session with holes that may end vs brute force:", tally);
    expect(tally.feasible).toBeGreaterThan(80);
    expect(tally.infeasible).toBeGreaterThan(20);
    expect(tally.midEos).toBeGreaterThan(5);
    expect(tally.unknownButFeasible).toBeLessThan(tally.feasible / 8);
  });
});
