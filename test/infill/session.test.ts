/**
 * Incremental sessions (`InfillChecker.session`): answers agree with one-shot checks of the same
 * canvas, witnesses are words of the language that fit the canvas, and the shortcuts (witness
 * re-use, parser rejection at the frontier) answer what they should.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGrammarFile } from "../../src/grammar/load.js";
import { sampleWord } from "../../src/grammar/sample.js";
import { compileGrammar, type CompiledGrammar } from "../../src/parser/compile.js";
import { InfillChecker, fillCanvas, type Canvas, type InfillResult } from "../../src/infill/index.js";
import { ALPHABET, compile, grammarArb, lcg } from "./grammars.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const json = compileGrammar(loadGrammarFile("grammars/json.lark"));

/** The witness fits the canvas (fill lengths within each hole's token range) and is a word. */
function expectWitnessFits(g: CompiledGrammar, canvas: Canvas, r: InfillResult): void {
  const holes = canvas.filter((p) => "hole" in p).map((p) => (p as { hole: { tokens?: number; maxTokenBytes?: number; tailMayEnd?: boolean } }).hole);
  expect(r.witness!.length).toBe(holes.length);
  holes.forEach((h, i) => {
    const f = r.witness![i]!;
    if (h.tokens === undefined) return;
    expect(f.length).toBeGreaterThanOrEqual(h.tailMayEnd ? 0 : h.tokens!);
    expect(f.length).toBeLessThanOrEqual(h.tokens! * h.maxTokenBytes!);
  });
  const text = fillCanvas(canvas, r.witness!);
  expect(g.check(text).ok).toBe(true);
  expect(dec.decode(r.text!)).toBe(dec.decode(text));
}

/** Splits a word into tokens of 1..maxLen bytes. */
function tokenize(w: Uint8Array, random: () => number, maxLen: number): Uint8Array[] {
  const toks: Uint8Array[] = [];
  for (let i = 0; i < w.length; ) {
    const n = Math.min(w.length - i, 1 + Math.floor(random() * maxLen));
    toks.push(w.slice(i, i + n));
    i += n;
  }
  return toks;
}

describe("infill sessions on JSON", () => {
  const c = new InfillChecker(json, { maxTokenBytes: 8 });

  it("commits a document token by token; wrong tokens are refused, EOS ends it", () => {
    const doc = '{"a": [1, 2], "b": null}';
    const toks = ['{"', "a", '":', " [", "1", ", ", "2", "],", ' "', "b", '":', " null", "}"].map((t) => enc.encode(t));
    expect(dec.decode(Uint8Array.from(toks.flatMap((t) => [...t])))).toBe(doc);
    const s = c.session([{ hole: { tokens: toks.length + 4, maxTokenBytes: 8, tailMayEnd: true } }]);
    expect(s.positions).toBe(toks.length + 4);
    expect(s.check().status).toBe("feasible");
    // left to right: the parser sees each token at the frontier; a closing bracket first is refused at once
    expect(s.tryCommit(0, enc.encode("}")).status).toBe("infeasible");
    expect(s.counts.parser).toBe(1);
    for (let p = 0; p < toks.length; p++) {
      const r = s.tryCommit(p, toks[p]!);
      expect(r.status).toBe("feasible");
      expectWitnessFits(json, s.canvasWith(p, toks[p]!), r);
      s.commit(p, toks[p]!);
    }
    // the document is complete: EOS right after it, but no further value
    expect(s.tryCommit(toks.length, enc.encode("1")).status).toBe("infeasible");
    expect(s.tryEnd(toks.length).status).toBe("feasible");
    s.end(toks.length);
    const r = s.check();
    expect(r.status).toBe("feasible");
    expect(dec.decode(fillCanvas(s.canvas(), r.witness!))).toBe(doc);
  });

  it("out of order: a token far right is checked against the room left for it", () => {
    // [ + 2 masked positions of 1 byte + ]: the middle can be a digit and a space, not three brackets
    const s = c.session([{ text: "[" }, { hole: { tokens: 4, maxTokenBytes: 1 } }, { text: "]" }]);
    expect(s.tryCommit(3, enc.encode("[")).status).toBe("infeasible"); // "[???[]" has no room to close
    expect(s.tryCommit(0, enc.encode("[")).status).toBe("feasible"); // "[[??]]": "[[1,2]]"-like
    s.commit(3, enc.encode("1"));
    expect(s.tryCommit(0, enc.encode("\"")).status).toBe("feasible"); // '["",1]'
    const r = s.check();
    expectWitnessFits(json, s.canvas(), r);
  });

  it("re-uses the last witness when the committed token is where the witness has it", () => {
    const s = c.session([{ text: '{"a": ' }, { hole: { tokens: 6, maxTokenBytes: 4, tailMayEnd: true } }]);
    const r0 = s.check();
    expect(r0.status).toBe("feasible");
    const fill = r0.witness![0]!;
    // commit the witness's own first byte at position 0: answered from the witness
    const before = s.counts.chart;
    const r1 = s.tryCommit(0, fill.subarray(0, 1));
    expect(r1.status).toBe("feasible");
    expect(s.counts.witness).toBe(1);
    expect(s.counts.chart).toBe(before);
    expectWitnessFits(json, s.canvasWith(0, fill.subarray(0, 1)), r1);
  });

  it("EOS is refused before committed text and where the text cannot end", () => {
    const s = c.session([{ hole: { tokens: 6, maxTokenBytes: 2, tailMayEnd: true } }]);
    s.commit(3, enc.encode("1"));
    expect(s.tryEnd(2).status).toBe("infeasible");
    expect(() => s.end(2)).toThrow(/a committed token follows it in the hole/);
    s.commit(0, enc.encode("["));
    expect(s.tryEnd(4).status).toBe("infeasible"); // "[??1" cannot end: the bracket stays open
    expect(s.tryEnd(5).status).toBe("feasible"); // "[0,1]": position 4 holds "]"
    // once infeasible, every further commit is (a commit only narrows the fillings)
    const dead = c.session([{ text: "[" }, { hole: { tokens: 3, maxTokenBytes: 2, tailMayEnd: true } }]);
    dead.commit(0, enc.encode("}"));
    expect(dead.check().status).toBe("infeasible");
    expect(dead.tryCommit(1, enc.encode("1")).status).toBe("infeasible");
    expect(dead.tryEnd(2).status).toBe("infeasible");
    expect(() => s.tryCommit(3, enc.encode("2"))).toThrow(/not masked/);
    expect(() => s.tryCommit(9, enc.encode("2"))).toThrow(/no token position/);
  });

  it("other holes stay as they are; token positions number only token holes", () => {
    const s = c.session([{ text: "[" }, { hole: {} }, { text: ", " }, { hole: { tokens: 2, maxTokenBytes: 3 } }, { text: "]" }]);
    expect(s.positions).toBe(2);
    // a trailing comma before the final bracket, whatever the unbounded hole holds
    expect(s.tryCommit(1, enc.encode(",")).status).toBe("infeasible");
    const r = s.tryCommit(0, enc.encode("tr"));
    expect(r.status).toBe("feasible");
    expectWitnessFits(json, s.canvasWith(0, enc.encode("tr")), r);
  });
});

describe("infill sessions on random grammars", () => {
  it("incremental answers agree with one-shot answers on random commit sequences; witnesses fit", () => {
    const tally = { feasible: 0, infeasible: 0, unknown: 0, viaWitness: 0, viaRepair: 0, viaParser: 0 };
    fc.assert(
      fc.property(grammarArb, fc.boolean(), fc.integer(), fc.nat(2), (rules, ws, seed, shape) => {
        const g = compile(rules, ws);
        if (!g) return;
        const random = lcg(seed);
        const word = sampleWord(g, { random, maxDepth: 6, maxTerminalBytes: 4 });
        if (!word || word.length > 24) return;
        const toks = tokenize(word, random, 3);
        const n = toks.length;
        // shape 0: the whole word masked with room to spare (diffusion); 1: a masked middle between
        // known text; 2: the middle masked with one position fewer than it had
        let canvas: Canvas;
        let pos: number[];
        let lo = 0;
        if (shape === 0) {
          canvas = [{ hole: { tokens: n + 2, maxTokenBytes: 3, tailMayEnd: true } }];
          pos = toks.map((_, i) => i);
        } else {
          lo = Math.floor(random() * n);
          const hi = Math.min(n, lo + 1 + Math.floor(random() * 6));
          const k = shape === 1 ? hi - lo : Math.max(0, hi - lo - 1);
          canvas = [{ text: concat(toks.slice(0, lo)) }, { hole: { tokens: k, maxTokenBytes: 3 } }, { text: concat(toks.slice(hi)) }];
          pos = Array.from({ length: k }, (_, i) => i);
        }
        const c = new InfillChecker(g, { maxTokenBytes: 3 });
        const oneShot = new InfillChecker(g, { maxTokenBytes: 3 });
        const s = c.session(canvas);
        // commit order: random; each true token (the word's, at its place) after a random wrong one
        for (let i = pos.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [pos[i], pos[j]] = [pos[j]!, pos[i]!];
        }
        const compare = (r: InfillResult, cv: Canvas) => {
          const r1 = oneShot.check(cv);
          tally[r.status]++;
          if (r.status !== "unknown" && r1.status !== "unknown") expect(r.status).toBe(r1.status);
          if (r.status === "feasible") expectWitnessFits(g, cv, r);
        };
        for (const p of pos) {
          const wrongLen = 1 + Math.floor(random() * 3);
          const wrong = Uint8Array.from({ length: wrongLen }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]!);
          compare(s.tryCommit(p, wrong), s.canvasWith(p, wrong));
          const truth = toks[lo + p] ?? toks[lo + p - 1]!;
          const w0 = s.counts.witness;
          const p0 = s.counts.parser;
          const r0 = s.counts.repair;
          const r = s.tryCommit(p, truth);
          tally.viaWitness += s.counts.witness - w0;
          tally.viaParser += s.counts.parser - p0;
          tally.viaRepair += s.counts.repair - r0;
          compare(r, s.canvasWith(p, truth));
          if (r.status !== "infeasible") s.commit(p, truth);
          else if (shape !== 2) throw new Error(`the word's own token refused at ${p}`);
          else s.commit(p, truth);
        }
        if (shape === 0) {
          compare(s.tryEnd(n), s.canvasWith(n, null));
          s.end(n);
          const r = s.check();
          expect(r.status).toBe("feasible");
          expect([...fillCanvas(s.canvas(), r.witness!)]).toEqual([...word]);
        }
      }),
      { numRuns: 400 },
    );
    console.log("session vs one-shot:", tally);
    expect(tally.feasible).toBeGreaterThan(200);
    expect(tally.infeasible).toBeGreaterThan(80);
    expect(tally.unknown).toBeLessThan(tally.feasible / 20);
    // the shortcuts are exercised (their answers were compared with one-shot checks above)
    expect(tally.viaRepair).toBeGreaterThan(20);
    expect(tally.viaParser).toBeGreaterThan(20);
  });
});

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}
