/**
 * visitFreshKeyEndings (src/schema/fresh-key-endings.ts), the fresh-key repair the AR close-out and
 * the infill quick search share: every ending it visits makes the key new and gives a text the
 * grammar and `firstDuplicateKey` accept; the endings are exactly the shortest ones (brute force
 * over the same characters); the parser and the tracker are left as they were.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { visitFreshKeyEndings, type KeyByteFeeder } from "../../src/schema/fresh-key-endings.js";
import { compileSchema } from "../../src/schema/index.js";
import { JsonKeyTracker } from "../../src/schema/json-keys.js";
import { firstDuplicateKey } from "../../src/schema/json-source.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const { compiled } = compileSchema({ type: "object", additionalProperties: { type: "integer" }, properties: { n: { type: "object", additionalProperties: { type: "integer" } } } }, { whitespace: "python" });

/** parser and tracker fed together; `text` is what both have read */
function pair(prefix: string) {
  const p = compiled.newParser();
  const keys = new JsonKeyTracker();
  const text: number[] = [];
  const feeder: KeyByteFeeder = {
    feed(b) {
      if (!p.feedByte(b)) return false;
      if (!keys.feedByte(b)) {
        p.rollback(1);
        return false;
      }
      text.push(b);
      return true;
    },
    back(n) {
      p.rollback(n);
      keys.rollback(n);
      text.length -= n;
    },
  };
  for (const b of enc.encode(prefix)) if (!feeder.feed(b)) return null;
  return { p, keys, text, feeder };
}

/** the document `prefix + ending + '": 1}'` (closing the objects `open` left open) is valid and repeats no key */
const valid = (prefix: string, ending: string, open: number) => {
  const t = `${prefix}${ending}": 1${"}".repeat(open)}`;
  return compiled.check(enc.encode(t)).ok && firstDuplicateKey(t) === undefined;
};

const KEY = fc.string({ maxLength: 2, unit: fc.constantFrom("a", "b", "0") });
/** characters offered: key characters, and bytes that must be skipped or handled (`\`, `"`) */
const CHARS = fc.uniqueArray(fc.constantFrom("a", "b", "0", "\\", '"'), { minLength: 1, maxLength: 5 });

describe("visitFreshKeyEndings", () => {
  it("visits exactly the shortest endings that make a repeated key new, each a valid text; leaves parser and tracker as they were", () => {
    fc.assert(
      fc.property(fc.uniqueArray(KEY, { minLength: 1, maxLength: 8 }), fc.nat(), fc.boolean(), CHARS, fc.integer({ min: 1, max: 3 }), (written, pick, nested, chars, maxChars) => {
        // `{"k1": 1, …, "kj` (optionally inside "n"'s object) with kj written before: its quote is refused
        const again = written[pick % written.length]!;
        const body = written.map((k) => `"${k}": 1`).join(", ");
        const prefix = nested ? `{"n": {${body}, "${again}` : `{${body}, "${again}`;
        const open = nested ? 2 : 1;
        const s = pair(prefix);
        expect(s).not.toBeNull();
        const { p, keys, text, feeder } = s!;
        expect(keys.readingKey).toBe(true);
        expect(feeder.feed(0x22)).toBe(false); // the premise
        const before = p.position;
        const endings: string[] = [];
        const bytes = chars.map((c) => c.charCodeAt(0));
        const r = visitFreshKeyEndings(keys, feeder, bytes, { maxChars }, () => {
          // fed: the prefix, the ending, its closing quote
          const t = dec.decode(Uint8Array.from(text));
          expect(t.startsWith(prefix) && t.endsWith('"')).toBe(true);
          endings.push(t.slice(prefix.length, -1));
          return false;
        });
        expect(r).toBe(false);
        expect(p.position).toBe(before);
        expect(dec.decode(Uint8Array.from(text))).toBe(prefix);
        for (const e of endings) {
          expect(valid(prefix, e, open)).toBe(true);
          expect(written).not.toContain(JSON.parse(`"${again}${e}"`));
        }
        // brute force: the shortest n with a valid ending, and all of them (order-free)
        const all = (n: number): string[] => (n === 0 ? [""] : all(n - 1).flatMap((x) => chars.map((c) => x + c)));
        let want: string[] = [];
        for (let n = 1; n <= maxChars && want.length === 0; n++) want = all(n).filter((e) => valid(prefix, e, open));
        expect([...endings].sort()).toEqual([...want].sort());
        // a visit that says "done" keeps its ending fed: the first one
        const first = visitFreshKeyEndings(keys, feeder, bytes, { maxChars }, () => true);
        expect(first).toBe(endings.length > 0);
        if (first) expect(dec.decode(Uint8Array.from(text))).toBe(`${prefix}${endings[0]}"`);
      }),
      { numRuns: 300 },
    );
  });

  it("stops after maxEndings visits and when `enough` says so", () => {
    const s = pair('{"a": 1, "b": 1, "a')!;
    const seen: number[] = [];
    const visit = () => (seen.push(s.text.length), false);
    visitFreshKeyEndings(s.keys, s.feeder, [0x61, 0x62, 0x63, 0x64], { maxChars: 2, maxEndings: 2 }, visit);
    expect(seen.length).toBe(2);
    let asked = 0;
    seen.length = 0;
    visitFreshKeyEndings(s.keys, s.feeder, [0x61, 0x62, 0x63, 0x64], { maxChars: 2, enough: () => ++asked > 1 }, visit);
    // the first character is fed and its ending visited; asked again before the second: stop
    expect(seen.length).toBe(1);
    expect(s.text.length).toBe(19); // all undone: the prefix
  });
});
