/** Fill-in-the-middle: templates from special tokens, the checked sampling loop (fake model), and the bundled AR model. */
import { describe, expect, it } from "vitest";
import { arModel, fimGenerate, fimTemplateOf, type FimModel } from "../../src/decode/fim.js";
import { splitHoles, wholeCanvasChecker, type FeasibilityChecker } from "../../src/decode/diffusion-canvas.js";
import { CausalLM } from "../../src/backend/causal-lm.js";
import { loadGrammarFile, parseGrammar } from "../../src/grammar/load.js";
import type { Canvas } from "../../src/infill/index.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";
import { fakeFimModel } from "./fake-fim-model.js";

describe("fimTemplateOf", () => {
  const lookup = (names: string[]) => (t: string) => (names.includes(t) ? names.indexOf(t) + 100 : undefined);
  it.each([
    ["psm", ["<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|endoftext|>"], ["<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"]],
    ["codegemma", ["<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|file_separator|>"], ["<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"]],
    ["starcoder", ["<fim_prefix>", "<fim_suffix>", "<fim_middle>", "<|endoftext|>"], ["<fim_prefix>", "<fim_suffix>", "<fim_middle>"]],
    ["deepseek", ["<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", "<｜end▁of▁sentence｜>"], ["<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>"]],
    ["codellama", ["▁<PRE>", "▁<SUF>", "▁<MID>", "▁<EOT>"], ["▁<PRE>", "▁<SUF>", "▁<MID>"]],
  ])("%s", (name, vocabNames, [pre, suf, mid]) => {
    const idOf = lookup(vocabNames);
    const t = fimTemplateOf(idOf, [7])!;
    expect(t.name).toBe(name);
    expect([t.prefix, t.suffix, t.middle]).toEqual([idOf(pre!), idOf(suf!), idOf(mid!)]);
    // EOS and the template's own end token both end the middle
    expect(t.end).toContain(7);
    expect(t.end).toContain(idOf(vocabNames[3]!));
  });
  it("none without FIM tokens", () => {
    expect(fimTemplateOf(lookup(["<s>", "</s>"]), [1])).toBeUndefined();
  });
});

// id 0 EOS, 1-3 FIM tokens, then ordinary tokens
const TOKENS = ["<eos>", "<pre>", "<suf>", "<mid>", "[", "]", ",", "1", "2", "a"];
const vocab = new Vocabulary({ kind: "custom", bytes: TOKENS, specialIds: [0, 1, 2, 3], eosIds: [0] });
const id = (t: string) => TOKENS.indexOf(t);
const template = { name: "test", prefix: 1, suffix: 2, middle: 3, end: [0] };
const list = compileGrammar(parseGrammar('start: list\nlist: "[" (item ("," item)*)? "]"\n?item: NUM | list\nNUM: /[0-9]+/', "lark"));

/** A causal model whose next-token logits come from `script(ids so far)` (others −20). */
function fakeModel(script: (ids: number[]) => Array<[number, number]>, maxContext?: number): FimModel & { prompts: number[][] } {
  return fakeFimModel(
    vocab,
    (seen) => {
      const r = new Float32Array(TOKENS.length).fill(-20);
      for (const [t, l] of script([...seen])) r[t] = l;
      return r;
    },
    maxContext,
  );
}

function recording(): FeasibilityChecker & { asked: string[] } {
  const inner = wholeCanvasChecker(list);
  const asked: string[] = [];
  const dec = new TextDecoder();
  const show = (c: Canvas) => c.map((p) => ("text" in p ? (typeof p.text === "string" ? p.text : dec.decode(p.text)) : "_")).join("");
  return { asked, feasible: (c) => (asked.push(show(c)), inner.feasible(c)), witness: (c) => inner.witness(c) };
}

describe("fimGenerate with a fake model", () => {
  it("PSM prompt per hole: prefix with earlier holes filled, the next fragment as suffix", async () => {
    // writes "1" then ends, in every hole
    const model = fakeModel((ids) => (ids[ids.length - 1] === 3 ? [[id("1"), 5]] : [[0, 5]]));
    const r = await fimGenerate(model, vocab, { parts: splitHoles("[<|hole|>,<|hole|>]", "<|hole|>"), grammar: list, template });
    expect(r.text).toBe("[1,1]");
    expect(r.fills).toEqual(["1", "1"]);
    expect(r.valid).toBe(true);
    expect(model.prompts).toEqual([
      [1, id("["), 2, id(","), 3],
      [1, id("["), id("1"), id(","), 2, id("]"), 3],
    ]);
  });

  it("a refused token gets −∞ and the model's next choice is tried; the check sees the whole text (later holes unbounded)", async () => {
    // in the first hole the model prefers "]" (fine as a prefix "[]", but then ",…]" cannot follow) over "2"
    const model = fakeModel((ids) => (ids[ids.length - 1] === 3 ? [[id("]"), 9], [id("2"), 5]] : [[0, 5]]));
    const checker = recording();
    const r = await fimGenerate(model, vocab, { parts: splitHoles("[<|hole|>,<|hole|>]", "<|hole|>"), grammar: list, template, checker });
    expect(r.valid).toBe(true);
    expect(r.fills[0]).toBe("2");
    expect(checker.asked.slice(0, 3)).toEqual(["[]_,_]", "[2_,_]", "[2,_]"]);
    expect(r.stats.rejections).toBeGreaterThanOrEqual(1);
    expect(r.fallbackUsed).toBe(false);
  });

  it("the left-to-right mask removes tokens that cannot continue the prefix before any check", async () => {
    const model = fakeModel((ids) => (ids[ids.length - 1] === 3 ? [[id("a"), 9], [id("1"), 5]] : [[0, 5]]));
    const checker = recording();
    const r = await fimGenerate(model, vocab, { parts: splitHoles("[<|hole|>]", "<|hole|>"), grammar: list, template, checker });
    expect(r.text).toBe("[1]");
    expect(checker.asked.some((t) => t.includes("a"))).toBe(false);
  });

  it("a model that never ends the hole, without token budgets: after maxHoleTokens the witness closes it (fallback_used)", async () => {
    const model = fakeModel(() => [[id("["), 9]]);
    const r = await fimGenerate(model, vocab, { parts: splitHoles("[<|hole|>]", "<|hole|>"), grammar: list, template, maxHoleTokens: 3, tokenBudget: false });
    expect(r.valid).toBe(true);
    expect(r.fallbackUsed).toBe(true);
    expect(r.stats.fallback_holes).toBe(1);
    expect(r.fills[0]!.startsWith("[[[")).toBe(true);
    expect(list.check(r.text).ok).toBe(true);
  });

  it("the same model with token budgets: the plan closes the hole within its 3 tokens, no fallback", async () => {
    const model = fakeModel(() => [[id("["), 9]]);
    const r = await fimGenerate(model, vocab, { parts: splitHoles("[<|hole|>]", "<|hole|>"), grammar: list, template, maxHoleTokens: 3 });
    expect(r.valid).toBe(true);
    expect(r.fallbackUsed).toBe(false);
    expect(r.stats.tokens).toBeLessThanOrEqual(3);
    // "[" then "[[" would leave "]]" (2 tokens) for 1 token: refused, and the plan's "]" ends it
    expect(r.fills[0]).toBe("[]");
    expect(r.stats.budget_refusals).toBeGreaterThanOrEqual(1);
    // no further choice allowed after a refusal: the plan's own next token is the last resort
    const strict = await fimGenerate(model, vocab, { parts: splitHoles("[<|hole|>]", "<|hole|>"), grammar: list, template, maxHoleTokens: 3, maxRejectionsPerToken: 0 });
    expect(strict.valid).toBe(true);
    expect(strict.fallbackUsed).toBe(false);
    expect(strict.fills[0]).toBe("[]");
    expect(strict.stats.last_resort).toBeGreaterThanOrEqual(1);
  });

  it("a long prefix is cut at its far end to fit the context", async () => {
    const model = fakeModel((ids) => (ids[ids.length - 1] === 3 ? [[id("1"), 5]] : [[0, 5]]), 16);
    const prefix = "[" + "1,".repeat(20);
    const r = await fimGenerate(model, vocab, { parts: [{ text: prefix }, { hole: true }, { text: "]" }], grammar: list, template, maxHoleTokens: 4 });
    expect(r.valid).toBe(true);
    expect(model.prompts[0]!.length).toBeLessThanOrEqual(16 - 4);
    expect(model.prompts[0]![0]).toBe(1);
    // the part kept is the end of the prefix, next to the hole
    expect(model.prompts[0]!.slice(-4)).toEqual([id(","), 2, id("]"), 3]);
  });
});

describe("fimGenerate with the bundled AR model", () => {
  it("JSON with two holes: the output parses and is a word of the grammar", async () => {
    const lm = await CausalLM.load("ar");
    const v = Vocabulary.fromTokenizerJson(lm.folder.dir);
    const json = compileGrammar(loadGrammarFile("grammars/json.lark"));
    const r = await fimGenerate(arModel(lm), v, { parts: splitHoles('{"name": <|hole|>, "tags": [<|hole|>]}', "<|hole|>"), grammar: json, maxHoleTokens: 12 });
    expect(r.template).toBe("psm");
    expect(r.valid).toBe(true);
    expect(() => JSON.parse(r.text)).not.toThrow();
    expect(r.text.startsWith('{"name": ')).toBe(true);
    expect(r.stats.checks).toBeGreaterThan(0);
  }, 60_000);
});
