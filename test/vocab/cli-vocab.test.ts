/** `gramfill vocab`, run in-process. */
import { describe, expect, it } from "vitest";
import { escapeBytes } from "../../src/cli/commands/vocab.js";
import { run } from "../../src/cli/main.js";

describe("gramfill vocab", () => {
  it("prints kind, size, EOS and special ids of the bundled tokenizer", async () => {
    const r = await run(["vocab", "--tokenizer", "bundled"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tokenizer bundled \(.*models\/json-code-ar-9m\/tokenizer\.json\): loaded in \d+ ms$/m);
    expect(r.stdout).toMatch(/^ {2}kind byte-level BPE$/m);
    expect(r.stdout).toMatch(/^ {2}size 8192 ids: 8187 normal, 5 special, 0 holes, 0 empty$/m);
    expect(r.stdout).toMatch(/^ {2}eos 0 "<\|endoftext\|>"$/m);
    expect(r.stdout).toContain(`special 0 "<|endoftext|>", 1 "<|fim_prefix|>", 2 "<|fim_middle|>", 3 "<|fim_suffix|>", 4 "<|mask|>"`);
    expect(r.stdout).toMatch(/^ {2}trie \d+ nodes, 8187 tokens, max depth \d+/m);
  });

  it("--show prints the exact bytes of token ids, escaped (repeatable, comma-separated, or several after --show)", async () => {
    const r = await run(["vocab", "-t", "bundled", "--show", "0", "--show", "5,100", "261"]);
    expect(r.code).toBe(0);
    const lines = r.stdout!.trimEnd().split("\n").slice(-4);
    expect(lines[0]).toBe(`      0 "<|endoftext|>" (13 bytes; "<|endoftext|>") [special]`);
    expect(lines[1]).toBe(`      5 "!" (1 byte; "!")`);
    expect(lines[2]).toBe(`    100 "\\xa2" (1 byte; "¢")`); // the byte 0xA2 alone, not the character ¢
    expect(lines[3]).toBe(`    261 "  " (2 bytes; "ĠĠ")`);
  });

  it("--json gives one object with the same facts", async () => {
    const r = await run(["vocab", "-t", "models/json-code-mdm-9m", "--json", "--show", "4"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout!);
    expect(out).toMatchObject({
      tokenizer: "models/json-code-mdm-9m",
      kind: "byte-level",
      model: "BPE",
      byteFallback: false,
      size: 8192,
      modelVocabSize: 8192,
      counts: { normal: 8187, special: 5, holes: 0, empty: 0 },
      eosIds: [0],
      specialIds: [0, 1, 2, 3, 4],
      warnings: [],
      tokens: [{ id: 4, class: "special", name: "<|mask|>", bytes: '"<|mask|>"', length: 8 }],
    });
    expect(out.file).toMatch(/json-code-mdm-9m\/tokenizer\.json$/);
    expect(out.trie.tokens).toBe(8187);
  });

  it("reads a SentencePiece tokenizer folder and shows spaces and byte-fallback bytes", async () => {
    const r = await run(["vocab", "-t", "test/fixtures/vocab/sp-tiny", "--show", "260,68,271,274"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kind sentencepiece BPE with byte fallback/);
    expect(r.stdout).toMatch(/size 276 ids: 270 normal, 5 special, 1 holes, 0 empty \(config vocab_size 320\)/);
    expect(r.stdout).toContain(`    260 " the" (4 bytes; "▁the")`);
    expect(r.stdout).toContain(`     68 "A" (1 byte; "<0x41>")`);
    expect(r.stdout).toContain(`    271 "" (0 bytes; null) [hole]`);
    expect(r.stdout).toContain(`    274 "   " (3 bytes; "▁▁▁")`);
  });

  it("usage errors exit 2, unreadable or unsupported tokenizers exit 1", async () => {
    const missing = await run(["vocab"]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toMatch(/missing --tokenizer/);
    expect((await run(["vocab", "-t", "bundled", "--show", "x"])).stderr).toMatch(/--show takes token ids/);
    const range = await run(["vocab", "-t", "bundled", "--show", "8192"]);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/token id 8192 is out of range \(the vocabulary has ids 0\.\.8191\)/);
    expect((await run(["vocab", "-t", "bundled", "7"])).code).toBe(2);
    expect((await run(["vocab", "-t", "bundled", "--bogus"])).code).toBe(2);
    const unknown = await run(["vocab", "-t", "gpt9"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown tokenizer 'gpt9' \(known: bundled, json-code-ar-9m/);
    const nofile = await run(["vocab", "-t", "test/fixtures/vocab/nope.json"]);
    expect(nofile.code).toBe(1);
    expect(nofile.stderr).toBe("test/fixtures/vocab/nope.json: cannot read tokenizer: no such file or folder\n");
    const wp = await run(["vocab", "-t", "test/fixtures/vocab/wordpiece"]);
    expect(wp.code).toBe(1);
    expect(wp.stderr).toMatch(/^test\/fixtures\/vocab\/wordpiece\/tokenizer\.json: unsupported tokenizer: model type 'WordPiece'/);
  });

  it("is listed in the main help and has its own", async () => {
    expect((await run(["--help"])).stdout).toMatch(/^ {2}vocab +show a tokenizer's vocabulary/m);
    expect((await run(["vocab", "--help"])).stdout).toMatch(/^Usage: gramfill vocab --tokenizer NAME\|PATH/);
  });

  it("escapes bytes unambiguously", () => {
    expect(escapeBytes(Uint8Array.of(0x41, 0x22, 0x5c, 0x0a, 0x0d, 0x09, 0x00, 0x7f, 0xc3, 0xa9))).toBe('"A\\"\\\\\\n\\r\\t\\x00\\x7f\\xc3\\xa9"');
  });
});
