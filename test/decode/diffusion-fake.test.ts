/**
 * The diffusion decoder with fake models (scripted logits, no ONNX): commit order, rejections,
 * bans, EOS padding, windows, Prophet, Con.−/Con. accounting; and, for random logits, outputs that
 * are always words of the grammar with every commit kept.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffusionGenerate, type DiffusionModel, type DiffusionPart } from "../../src/decode/diffusion.js";
import { wholeCanvasChecker, type FeasibilityChecker } from "../../src/decode/diffusion-canvas.js";
import { parseGrammar } from "../../src/grammar/load.js";
import type { Canvas } from "../../src/infill/index.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

// id 0 EOS, 1 the mask, then ordinary tokens ("0": the checker's witnesses write the smallest digit,
// and token-exact checks only keep witnesses the vocabulary spells)
const TOKENS = ["<eos>", "<mask>", "[", "]", ",", "1", "2", "12", "a", " ", "[1", "],", "0"];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1], eosIds: [0] });
const id = (t: string) => {
  const i = TOKENS.indexOf(t);
  if (i < 0) throw new Error(`no token ${t}`);
  return i;
};
const EOS = 0;
const MASK = 1;
// lists of numbers, nested: [1,[2,12],[]]
const list = compileGrammar(parseGrammar('start: list\nlist: "[" (item ("," item)*)? "]"\n?item: NUM | list\nNUM: /[0-9]+/\n%ignore " "', "lark"));

/** A model whose logits at position i of the ids it is given come from `script(i, ids)` (others −20). */
function fakeModel(script: (pos: number, ids: readonly number[]) => Array<[number, number]>, opts: { maxContext?: number } = {}): DiffusionModel & { calls: number[][] } {
  const calls: number[][] = [];
  return {
    maskTokenId: MASK,
    maxContext: opts.maxContext,
    encode: (t) => vocab.tokenizeGreedy(t),
    calls,
    async forward(ids) {
      calls.push([...ids]);
      if (opts.maxContext !== undefined && ids.length > opts.maxContext) throw new Error(`window of ${ids.length} > ${opts.maxContext}`);
      return {
        row(i: number) {
          const r = new Float32Array(TOKENS.length).fill(-20);
          for (const [t, l] of script(i, ids)) r[t] = l;
          return r;
        },
      };
    },
  };
}

/** A checker that records every canvas it is asked about. */
function recording(): FeasibilityChecker & { asked: Canvas[] } {
  const inner = wholeCanvasChecker(list, { maxTokenBytes: 2 });
  const asked: Canvas[] = [];
  return { asked, feasible: (c) => (asked.push(c), inner.feasible(c)), witness: (c) => inner.witness(c) };
}

const dec = new TextDecoder();
const textOf = (c: Canvas) => c.map((p) => ("text" in p ? (typeof p.text === "string" ? p.text : dec.decode(p.text)) : "_")).join("");

describe("diffusion decoder with a fake model", () => {
  it("checks candidates in confidence order; a refused (position, token) is banned and the position's next choice tried", async () => {
    // region: "[" + 3 masks + "]"; the model is most sure of "a" at position 2 (infeasible); its next
    // choice there, ",", has an unconstrained probability of 0.018, so it now comes last
    const model = fakeModel((pos) => (pos === 1 ? [[id("1"), 5], [id("12"), 2]] : pos === 2 ? [[id("a"), 14], [id(","), 10]] : pos === 3 ? [[id("2"), 5], [id("12"), 3]] : []));
    const checker = recording();
    const commits: Array<[number, string, number]> = [];
    const r = await diffusionGenerate(model, vocab, {
      parts: [{ text: "[" }, { masks: 3 }, { text: "]" }],
      grammar: list,
      checker,
      holesMayEnd: false,
      prefilter: false,
      threshold: 2,
      onCommit: (p, t, s) => commits.push([p, TOKENS[t]!, s]),
    });
    expect(r.text).toBe("[1,2]");
    expect(r.valid).toBe(true);
    expect(r.fallbackUsed).toBe(false);
    // the initial canvas, "a" at 2 (refused), then the others by confidence
    expect(checker.asked.map(textOf)).toEqual(["[_]", "[_a_]", "[1_]", "[1_2]", "[1,2]"]);
    expect(r.stats.rejections).toBe(1);
    expect(r.stats.checks).toBe(5);
    expect(commits).toEqual([
      [1, "1", 1],
      [3, "2", 2],
      [2, ",", 3],
    ]);
  });

  it("a banned token stays banned in later steps (no second check of it)", async () => {
    const model = fakeModel((pos) => (pos === 1 ? [[id("a"), 9], [id("1"), 1]] : pos === 2 ? [[id("2"), 5]] : []));
    const checker = recording();
    const r = await diffusionGenerate(model, vocab, { parts: [{ text: "[" }, { masks: 2 }, { text: "]" }], grammar: list, checker, prefilter: false, holesMayEnd: false, threshold: 2 });
    expect(r.valid).toBe(true);
    const withA = checker.asked.map(textOf).filter((t) => t.includes("a"));
    expect(withA.length).toBe(1);
    expect(r.text).toBe("[12]");
  });

  it("the left-to-right pre-filter excludes tokens at the first masked position without a check", async () => {
    // "a" cannot follow "[" (pre-filtered); "]" can, but not before the final "]" (checked, refused)
    const model = fakeModel((pos) => (pos === 1 ? [[id("a"), 9], [id("]"), 8], [id("1"), 1]] : []));
    const checker = recording();
    const r = await diffusionGenerate(model, vocab, { parts: [{ text: "[" }, { masks: 1 }, { text: "]" }], grammar: list, checker, holesMayEnd: false });
    expect(r.text).toBe("[1]");
    expect(r.stats.rejections).toBe(1);
    expect(r.stats.prefiltered).toBeGreaterThan(0);
    expect(checker.asked.map(textOf)).toEqual(["[_]", "[]]", "[1]"]);
  });

  it("EOS in the tail pads the rest of it; EOS before a committed token of the same hole is refused without a check", async () => {
    // tail of 5: the model wants "[" "1" "]" then EOS; EOS is also its (less sure) guess at 1
    const model = fakeModel((pos) => (pos === 0 ? [[id("["), 9]] : pos === 1 ? [[EOS, 3], [id("1"), 2]] : pos === 2 ? [[id("]"), 8]] : [[EOS, 7]]));
    const commits: Array<[number, number]> = [];
    const r = await diffusionGenerate(model, vocab, { parts: [{ masks: 5 }], grammar: list, threshold: 2, onCommit: (p, t) => commits.push([p, t]) });
    expect(r.text).toBe("[1]");
    expect(r.valid).toBe(true);
    // position 3's EOS padded 3 and 4 in one commit
    expect(commits.filter(([, t]) => t === EOS).length).toBe(1);
    expect(new Set(commits.map(([p]) => p)).size).toBe(commits.length);
  });

  it("budget-aware holes: EOS too early leaves no room to close the brackets, so it is refused", async () => {
    // "[[" + a tail of 2 positions: EOS at the first would end the text before "]]"
    const model = fakeModel((pos) => (pos === 2 ? [[EOS, 9], [id("]"), 1]] : pos === 3 ? [[id("]"), 5], [id("1"), 4.9]] : []));
    const r = await diffusionGenerate(model, vocab, { prompt: [], parts: [{ text: "[[" }, { masks: 2 }], grammar: list, threshold: 2, prefilter: false, eosPenalty: 1 });
    expect(r.text).toBe("[[]]");
    expect(r.stats.rejections).toBeGreaterThanOrEqual(1);
    expect(r.fallbackUsed).toBe(false);
  });

  it("token-exact: when every top candidate is refused, a position goes down its distribution to the session's witness token (last resort), never stuck", async () => {
    // the model only ever wants "a"; without the pre-filter nothing it offers fits
    const bad = fakeModel(() => [[id("a"), 9]]);
    const r = await diffusionGenerate(bad, vocab, { parts: [{ text: "[" }, { masks: 3 }, { text: "]" }], grammar: list, prefilter: false, maxChecksPerStep: 3, holesMayEnd: false });
    expect(r.checkMode).toBe("session");
    expect(r.fallbackUsed).toBe(false);
    expect(r.valid).toBe(true);
    expect(r.stats.deep_searches).toBeGreaterThan(0);
    expect(r.stats.last_resort).toBeGreaterThan(0);
    expect(r.stats.token_witness).toBe(true);
    // the deep search takes the best-ranked token that passes: "2" (logit 5) before the witness's token
    const second = fakeModel(() => [[id("a"), 9], [id("2"), 5]]);
    const g = await diffusionGenerate(second, vocab, { parts: [{ text: "[" }, { masks: 1 }, { text: "]" }], grammar: list, prefilter: false, maxChecksPerStep: 1, holesMayEnd: false });
    expect(g.text).toBe("[2]");
    expect(g.stats.last_resort).toBe(0);
    expect(g.stats.deep_searches).toBe(1);
  });

  it("token-exact: past the step's full-check budget, candidates the session cannot answer cheaply are skipped (not banned)", async () => {
    // "[" at the last position ("[??[]" never closes the outer bracket): only a full check can tell;
    // with none allowed it is skipped in every step, never banned, and never committed
    const model = fakeModel((pos) => (pos === 3 ? [[id("["), 12]] : [[id("1"), 9], [id(","), 8]]));
    const commits: string[] = [];
    const r = await diffusionGenerate(model, vocab, { parts: [{ text: "[" }, { masks: 3 }, { text: "]" }], grammar: list, holesMayEnd: false, maxFullChecksPerStep: 0, onCommit: (p, t) => commits.push(`${p}:${TOKENS[t]}`) });
    expect(r.valid).toBe(true);
    expect(r.fallbackUsed).toBe(false);
    expect(r.stats.skipped).toBeGreaterThanOrEqual(2);
    expect(commits).not.toContain("3:[");
    expect(r.stats.unknown_refused).toBe(0);
  });

  it("token-exact defaults: no full check while the session holds a token witness; maxFullChecksPerStep turns them on", async () => {
    // the same "[" at the last position: by default skipped in every step (the session has a token
    // witness from its first check); with full checks allowed, the chart refutes it once and it is banned
    const script = (pos: number): Array<[number, number]> => (pos === 3 ? [[id("["), 12]] : [[id("1"), 9], [id(","), 8]]);
    const parts: DiffusionPart[] = [{ text: "[" }, { masks: 3 }, { text: "]" }];
    const byDefault = await diffusionGenerate(fakeModel(script), vocab, { parts, grammar: list, holesMayEnd: false });
    expect(byDefault.stats.token_witness).toBe(true);
    expect(byDefault.stats.skipped).toBeGreaterThanOrEqual(2);
    // the other refusals are "," at the frontier, which the parser proves infeasible (banned) even
    // in a cheap try; nothing was refused by a chart
    expect(byDefault.stats.rejections).toBeGreaterThanOrEqual(byDefault.stats.skipped);
    expect(byDefault.stats.unknown_refused).toBe(0);
    const withCharts = await diffusionGenerate(fakeModel(script), vocab, { parts, grammar: list, holesMayEnd: false, maxFullChecksPerStep: 6 });
    expect(withCharts.stats.skipped).toBe(0);
    expect(withCharts.stats.rejections).toBeGreaterThanOrEqual(1);
    for (const r of [byDefault, withCharts]) {
      expect(r.valid).toBe(true);
      expect(r.fallbackUsed).toBe(false);
      expect(r.text.endsWith("[]")).toBe(false);
    }
  });

  it("token-exact: fewer positions than every word needs tokens → no forward pass, the fallback finishes the text", async () => {
    // every list needs "[" and "]": two tokens of this vocabulary, one position
    const model = fakeModel(() => [[id("["), 9]]);
    const r = await diffusionGenerate(model, vocab, { parts: [{ masks: 1 }], grammar: list });
    expect(r.stats.token_witness).toBe(false);
    expect(r.stats.steps).toBe(0);
    expect(model.calls.length).toBe(0);
    expect(r.fallbackUsed).toBe(true);
    expect(r.text).toBe("[]");
    // two positions are enough: decoded as usual
    const two = await diffusionGenerate(fakeModel(() => [[id("["), 9], [id("]"), 8]]), vocab, { parts: [{ masks: 2 }], grammar: list });
    expect(two.stats.token_witness).toBe(true);
    expect(two.stats.steps).toBeGreaterThan(0);
    expect(two.valid).toBe(true);
  });

  it("stuck (every choice refused within the step's budget) → the witness finishes the text: Con. (fallback_used); otherwise Con.−", async () => {
    // byte-level checks (tokenExact off): the model only ever wants "a", nothing it offers fits
    const bad = fakeModel(() => [[id("a"), 9]]);
    const r = await diffusionGenerate(bad, vocab, { parts: [{ text: "[" }, { masks: 3 }, { text: "]" }], grammar: list, prefilter: false, maxChecksPerStep: 3, holesMayEnd: false, tokenExact: false });
    expect(r.fallbackUsed).toBe(true);
    expect(r.stats.fallback_used).toBe(true);
    expect(r.valid).toBe(true);
    expect(list.check(r.text).ok).toBe(true);
    const good = fakeModel((pos) => (pos === 1 ? [[id("1"), 9]] : pos === 2 ? [[id(","), 9]] : [[id("2"), 9]]));
    const g = await diffusionGenerate(good, vocab, { parts: [{ text: "[" }, { masks: 3 }, { text: "]" }], grammar: list, holesMayEnd: false });
    expect(g.fallbackUsed).toBe(false);
    expect(g.text).toBe("[1,2]");
  });

  it("shouldStop (a time limit) between checks or before a pass: the decoder stops and the witness finishes the text (Con., stopped)", async () => {
    // the model wants "1" everywhere, one commit per pass; the limit fires after the second check
    const model = fakeModel((pos) => (pos === 1 ? [[id("1"), 9]] : pos === 2 ? [[id(","), 9]] : [[id("2"), 9]]));
    let asked = 0;
    let checksWhenStopped = -1;
    const r = await diffusionGenerate(model, vocab, {
      parts: [{ text: "[" }, { masks: 4 }, { text: "]" }],
      grammar: list,
      holesMayEnd: false,
      threshold: 2,
      shouldStop: () => ++asked > 3,
      onCommit: () => (checksWhenStopped = asked),
    });
    expect(r.stats.stopped).toBe(true);
    expect(r.fallbackUsed).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.valid).toBe(true);
    expect(list.check(r.text).ok).toBe(true);
    // it stopped before every position was decided by the model
    expect(r.stats.tokens).toBeLessThan(4);
    expect(checksWhenStopped).toBeLessThanOrEqual(3);
    // a limit that never fires changes nothing
    const free = await diffusionGenerate(model, vocab, { parts: [{ text: "[" }, { masks: 3 }, { text: "]" }], grammar: list, holesMayEnd: false, shouldStop: () => false });
    expect(free.stats.stopped).toBe(false);
    expect(free.fallbackUsed).toBe(false);
    expect(free.text).toBe("[1,2]");
  });

  it("Fast-dLLM threshold: confident predictions are committed together in one pass", async () => {
    const script = (pos: number): Array<[number, number]> => (pos === 1 ? [[id("1"), 20]] : pos === 2 ? [[id(","), 20]] : [[id("2"), 20]]);
    const parts: DiffusionPart[] = [{ text: "[" }, { masks: 3 }, { text: "]" }];
    const fast = await diffusionGenerate(fakeModel(script), vocab, { parts, grammar: list, holesMayEnd: false });
    expect(fast.stats.steps).toBe(1);
    const slow = await diffusionGenerate(fakeModel(script), vocab, { parts, grammar: list, holesMayEnd: false, threshold: 1.5 });
    expect(slow.stats.steps).toBe(3);
    expect(fast.text).toBe(slow.text);
  });

  it("a pass that commits fewer than planned leaves its shortfall to the passes left, not one token per extra pass", async () => {
    // before "1" is committed, positions 2-4 want "a" (refused, and one refusal per position per pass
    // is all they get), so pass 1 of the 2 planned commits only "1"; pass 2 then commits all 3 left
    const after = ["1", ",", "1", "2"];
    const script = (pos: number, ids: readonly number[]): Array<[number, number]> =>
      ids[1] === MASK ? (pos === 1 ? [[id("1"), 9]] : [[id("a"), 10]]) : after[pos - 1] !== undefined ? [[id(after[pos - 1]!), 9]] : [];
    const r = await diffusionGenerate(fakeModel(script), vocab, {
      parts: [{ text: "[" }, { masks: 4 }, { text: "]" }],
      grammar: list,
      holesMayEnd: false,
      steps: 2,
      blockLength: 4,
      threshold: 2,
      maxRejectionsPerPosition: 1,
    });
    expect(r.text).toBe("[1,12]");
    expect(r.stats.rejections).toBeGreaterThanOrEqual(3);
    expect(r.stats.steps).toBe(2); // 3 when the block fell back to one commit per extra pass
  });

  it("Prophet: a large top-2 gap commits everything in view at once", async () => {
    const script = (pos: number): Array<[number, number]> => (pos === 1 ? [[id("1"), 12], [id("2"), 0]] : pos === 2 ? [[id(","), 12]] : [[id("2"), 12]]);
    const r = await diffusionGenerate(fakeModel(script), vocab, { parts: [{ text: "[" }, { masks: 3 }, { text: "]" }], grammar: list, holesMayEnd: false, threshold: 2, prophet: true });
    expect(r.stats.prophet_exits).toBe(1);
    expect(r.stats.steps).toBe(1);
    expect(r.text).toBe("[1,2]");
  });

  it("a canvas longer than the model's context: the model sees windows, the checker the whole text", async () => {
    const prefix = "[" + "1,".repeat(30);
    const model = fakeModel((i, ids) => (ids[i] === MASK ? [[id("2"), 9]] : []), { maxContext: 16 });
    const r = await diffusionGenerate(model, vocab, { parts: [{ text: prefix }, { masks: 4 }, { text: "]" }], grammar: list, holesMayEnd: false });
    expect(model.calls.length).toBeGreaterThan(0);
    expect(model.calls.every((c) => c.length === 16 && c.includes(MASK))).toBe(true);
    expect(r.valid).toBe(true);
    expect(r.text).toBe(prefix + "2222]");
  });

  it("without a grammar: no checks, EOS still pads the tail", async () => {
    const model = fakeModel((pos) => (pos === 0 ? [[id("a"), 9]] : [[EOS, 9]]));
    const r = await diffusionGenerate(model, vocab, { parts: [{ masks: 4 }] });
    expect(r.text).toBe("a");
    expect(r.valid).toBe(null);
    expect(r.stats.checks).toBe(0);
  });

  it("property: for random logits and canvases, the output is a word of the grammar and every commit stays", async () => {
    const words = ["[]", "[1]", "[1,2]", "[[1],12]", "[ 1 , [ ] ]", "[[[]]]"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...words),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        async (word, cuts, masks, seed, prefilter) => {
          // cut the word into fragments around holes at random places
          const at = [...new Set(cuts.map((c) => c % (word.length + 1)))].sort((a, b) => a - b);
          const parts: DiffusionPart[] = [];
          let from = 0;
          for (const c of at) {
            if (c > from) parts.push({ text: word.slice(from, c) });
            parts.push({ masks });
            from = c;
          }
          if (from < word.length) parts.push({ text: word.slice(from) });
          const merged: DiffusionPart[] = [];
          for (const p of parts) {
            const last = merged[merged.length - 1];
            if (last && "masks" in last && "masks" in p) last.masks += p.masks;
            else merged.push(p);
          }
          let s = seed;
          const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
          const model = fakeModel(() => TOKENS.map((_, t) => [t, rnd() * 10] as [number, number]));
          const commits = new Map<number, number>();
          const r = await diffusionGenerate(model, vocab, {
            parts: merged,
            grammar: list,
            prefilter,
            temperature: seed % 2,
            seed,
            onCommit: (p, t) => {
              expect(commits.has(p)).toBe(false);
              commits.set(p, t);
            },
          });
          expect(r.valid).toBe(true);
          expect(list.check(r.text).ok).toBe(true);
          // every committed (non-EOS) token is in its hole's fill, in order
          for (const f of r.fills) expect(typeof f).toBe("string");
          // token-exact sessions never need the fallback (the canvas starts with a token-level witness here)
          if (r.checkMode === "session") expect(r.fallbackUsed).toBe(false);
          if (!r.fallbackUsed) {
            const joined = r.fills.join("");
            const committed = [...commits.entries()].sort((a, b) => a[0] - b[0]).filter(([, t]) => t !== EOS).map(([, t]) => TOKENS[t]).join("");
            expect(joined).toBe(committed);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("property: the incremental session (byte level) and whole-canvas checks make the same decisions", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("", "[", "[1,", "[[", "[ 12"), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), async (prefix, masks, seed, suffix) => {
        const parts: DiffusionPart[] = [...(prefix ? [{ text: prefix }] : []), { masks }, ...(suffix ? [{ text: "]" }] : [])];
        const runWith = async (checker?: FeasibilityChecker) => {
          let s = seed;
          const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
          const model = fakeModel(() => TOKENS.map((_, t) => [t, rnd() * 10] as [number, number]));
          const commits: Array<[number, number]> = [];
          const r = await diffusionGenerate(model, vocab, { parts, grammar: list, holesMayEnd: false, blockLength: 3, tokenExact: false, ...(checker ? { checker } : {}), onCommit: (p, t) => commits.push([p, t]) });
          return { r, commits };
        };
        let a, b;
        try {
          a = await runWith();
        } catch (e) {
          // an infeasible start (too few positions) must be infeasible for both
          await expect(runWith(wholeCanvasChecker(list, { maxTokenBytes: 2 }))).rejects.toThrow();
          return;
        }
        b = await runWith(wholeCanvasChecker(list, { maxTokenBytes: 2 }));
        expect(a.r.valid).toBe(true);
        expect([a.r.checkMode, b.r.checkMode]).toEqual(["session", "whole"]);
        expect(a.commits).toEqual(b.commits);
        expect(a.r.text).toBe(b.r.text);
        expect(a.r.stats.rejections).toBe(b.r.stats.rejections);
      }),
      { numRuns: 30 },
    );
  });
});

describe("EOSER", () => {
  it("EOS confidence is scaled down early: a slightly less sure token is committed first", async () => {
    // position 0: EOS (p ≈ 0.9) vs position 1 of a tail: "1" (p ≈ 0.7); with the penalty "1" goes first
    const model = fakeModel((pos) => (pos === 1 ? [[EOS, 3], [id("1"), 0.8]] : pos === 2 ? [[id("1"), 3], [id("2"), 2.2]] : []));
    const order = async (eosPenalty: number) => {
      const commits: number[] = [];
      await diffusionGenerate(model, vocab, { parts: [{ text: "[" }, { masks: 2 }], threshold: 2, eosPenalty, onCommit: (p) => commits.push(p) });
      return commits;
    };
    expect((await order(1))[0]).toBe(1);
    expect((await order(0.4))[0]).toBe(2);
  });
});

describe("planning budget", () => {
  it("a commit that leaves a run needing more bytes per position than planned is deferred, not banned", async () => {
    const T = ["<eos>", "<mask>", "[", "]", "a", "b", "c", "ab"];
    const v = new Vocabulary({ kind: "custom", bytes: T, specialIds: [0, 1], eosIds: [0] });
    const word = compileGrammar(parseGrammar('start: "[" "abc" "]"', "lark"));
    const model: DiffusionModel = {
      maskTokenId: 1,
      maxContext: undefined,
      encode: (t) => v.tokenizeGreedy(t),
      async forward() {
        return {
          row(i: number) {
            const r = new Float32Array(T.length).fill(-20);
            if (i === 1) (r[T.indexOf("ab")] = 2), (r[T.indexOf("a")] = 1.6);
            if (i === 2) r[T.indexOf("c")] = 9;
            return r;
          },
        };
      },
    };
    const run = async (planBytesPerPosition: number) => {
      const commits: string[] = [];
      const r = await diffusionGenerate(model, v, { parts: [{ text: "[" }, { masks: 2 }, { text: "]" }], grammar: word, holesMayEnd: false, threshold: 2, planBytesPerPosition, onCommit: (p, t) => commits.push(`${p}:${T[t]}`) });
      return { r, commits };
    };
    // "c" at 2 first would leave one position for "ab": fine for the checker (M = 2), not for a plan of 1 byte
    const planned = await run(1);
    expect(planned.commits).toEqual(["1:ab", "2:c"]);
    expect(planned.r.stats.deferred).toBe(1);
    expect(planned.r.text).toBe("[abc]");
    const unplanned = await run(2);
    expect(unplanned.commits).toEqual(["2:c", "1:ab"]);
    expect(unplanned.r.stats.deferred).toBe(0);
  });
});
