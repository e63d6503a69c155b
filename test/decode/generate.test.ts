import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ajvValidator } from "../../src/cli/commands/schema.js";
import { Generator, type TokenEvent } from "../../src/decode/generate.js";
import { loadModel, type DecoderModel } from "../../src/decode/session.js";
import { loadGrammarFile } from "../../src/grammar/load.js";
import type { Monitor } from "../../src/mask/monitor.js";
import { compileGrammar } from "../../src/parser/compile.js";
import { compileSchema } from "../../src/schema/index.js";
import type { Vocabulary } from "../../src/vocab/vocabulary.js";

const EXAMPLES = ["person", "package", "tool-call"];
const schemaOf = (name: string) => JSON.parse(readFileSync(`schemas/examples/${name}.json`, "utf8")) as object;

describe("Generator with the bundled AR model", () => {
  let model: DecoderModel;
  let vocab: Vocabulary;
  beforeAll(async () => {
    ({ model, vocab } = await loadModel("ar"));
  });

  it.each(EXAMPLES)("schemas/examples/%s.json: outputs are valid by ajv (greedy and seeded samples)", async (name) => {
    const schema = schemaOf(name);
    const validate = ajvValidator(schema)!;
    const gen = new Generator(model, vocab, compileSchema(schema, { whitespace: "python" }).compiled);
    for (const opts of [{}, { temperature: 1, seed: 1 }, { temperature: 0.7, topP: 0.9, seed: 2 }]) {
      const r = await gen.generate({ maxTokens: 40, ...opts });
      expect(r.complete).toBe(true);
      expect(validate(JSON.parse(r.text)), r.text).toBe(true);
    }
  });

  it("close-out at max-tokens gives valid output, flagged", async () => {
    const schema = schemaOf("person");
    const validate = ajvValidator(schema)!;
    const gen = new Generator(model, vocab, compileSchema(schema).compiled);
    for (const maxTokens of [1, 3, 7]) {
      const r = await gen.generate({ maxTokens, temperature: 1, seed: maxTokens });
      expect(r.closedOut).toBe(true);
      expect(r.complete).toBe(true);
      expect(validate(JSON.parse(r.text)), r.text).toBe(true);
    }
    const cut = await gen.generate({ maxTokens: 3, closeOut: false });
    expect(cut.closedOut).toBe(false);
    expect(cut.complete).toBe(false);
    expect(cut.stoppedBy).toBe("max_tokens");
  });

  it("same seed, same output; streaming events spell the text", async () => {
    const gen = new Generator(model, vocab, compileGrammar(loadGrammarFile("grammars/json.lark")));
    const events: TokenEvent[] = [];
    const a = await gen.generate({ prompt: '{"name": ', maxTokens: 30, temperature: 1, topK: 20, seed: 7, onToken: (e) => events.push(e) });
    const b = await gen.generate({ prompt: '{"name": ', maxTokens: 30, temperature: 1, topK: 20, seed: 7 });
    expect(b.text).toBe(a.text);
    expect(b.tokens).toEqual(a.tokens);
    expect(events.map((e) => e.text).join("")).toBe(a.text);
    expect(events.map((e) => e.id)).toEqual(a.tokens);
    expect(compileGrammar(loadGrammarFile("grammars/json.lark")).check(a.text).ok).toBe(true);
  });

  it("jump-forward appends forced tokens without sampling and feeds them in one pass", async () => {
    const schema = schemaOf("tool-call");
    const compiled = compileSchema(schema, { whitespace: "python" }).compiled;
    const gen = new Generator(model, vocab, compiled);
    const events: TokenEvent[] = [];
    const jf = await gen.generate({ maxTokens: 40, onToken: (e) => events.push(e) });
    const plain = await gen.generate({ maxTokens: 40, jumpForward: false });
    expect(jf.stats.forced_tokens).toBeGreaterThan(3);
    expect(plain.stats.forced_tokens).toBe(0);
    expect(events.filter((e) => e.forced).length).toBeGreaterThanOrEqual(jf.stats.forced_tokens);
    // fewer forward passes than tokens: forced runs go in with the token before them
    expect(jf.stats.forward_passes).toBeLessThan(jf.tokens.length - 3);
    expect(plain.stats.forward_passes).toBeGreaterThanOrEqual(plain.tokens.length - 1);
    for (const r of [jf, plain]) expect(ajvValidator(schema)!(JSON.parse(r.text))).toBe(true);
  });

  it("monitors narrow the mask at every step", async () => {
    // a monitor that forbids any token containing a digit
    const digit = new Set<number>();
    for (let id = 0; id < vocab.size; id++) if (vocab.isNormal(id) && /[0-9]/.test(new TextDecoder().decode(vocab.tokenBytes(id)))) digit.add(id);
    const noDigits: Monitor = {
      restrictMask(bits) {
        for (const id of digit) bits[id >>> 5]! &= ~(1 << (id & 31));
      },
      accept: (id) => !digit.has(id),
      rollback() {},
    };
    const gen = new Generator(model, vocab, compileGrammar(loadGrammarFile("grammars/json.lark")));
    const r = await gen.generate({ prompt: '{"version": ', maxTokens: 30, monitors: [noDigits] });
    expect(r.text).not.toMatch(/[0-9]/);
  });

  it("unconstrained generation runs and reports complete = null", async () => {
    const gen = new Generator(model, vocab);
    const r = await gen.generate({ prompt: '{"name": ', maxTokens: 8 });
    expect(r.complete).toBeNull();
    expect(r.tokens.length).toBe(8);
    expect(r.stats.constraint_ms).toBeLessThan(r.stats.total_ms);
  });
});

describe("Generator with the bundled masked-diffusion model (left to right)", () => {
  it("outputs are valid", async () => {
    const { model, vocab } = await loadModel("mdm");
    expect(model.kind).toBe("diffusion");
    const schema = schemaOf("person");
    const gen = new Generator(model, vocab, compileSchema(schema).compiled);
    const r = await gen.generate({ maxTokens: 20 });
    expect(r.complete).toBe(true);
    expect(ajvValidator(schema)!(JSON.parse(r.text)), r.text).toBe(true);
  });
});
