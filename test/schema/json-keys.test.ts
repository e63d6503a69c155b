/**
 * JsonKeyTracker against `firstDuplicateKey` (a recursive-descent parser) on texts that may repeat
 * keys, with escapes; rollback and clone leave no trace; decodeKeyPrefix is a prefix of the key.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonKeyTracker } from "../../src/schema/json-keys.js";
import { firstDuplicateKey } from "../../src/schema/json-source.js";

const enc = new TextEncoder();

/** a key spelled with random escapes: each character plain (if JSON allows), \uXXXX, or its short escape */
const spelledKey = fc.tuple(fc.string({ maxLength: 3, unit: fc.constantFrom("a", "b", "/", '"', "\\", "\n", "é", "😀") }), fc.array(fc.nat(2), { minLength: 8, maxLength: 8 })).map(([s, how]) => {
  let i = 0;
  const body = [...s]
    .map((ch) => {
      const h = how[i++ % how.length]!;
      const plain = JSON.stringify(ch).slice(1, -1);
      if (h === 1) return ch.split("").map((u) => "\\u" + u.charCodeAt(0).toString(16).padStart(4, "0")).join("") || plain;
      if (h === 2 && ch === "/") return "\\/";
      return plain;
    })
    .join("");
  return { key: s, text: `"${body}"` };
});

/** JSON text whose objects may repeat keys: objects as lists of (key, value) entries */
const text: fc.Arbitrary<string> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: "small" }, fc.constant("1"), fc.constant('"s"'), tie("arr"), tie("obj")),
  arr: fc.array(tie("v"), { maxLength: 3 }).map((xs) => `[${xs.join(",")}]`),
  obj: fc.array(fc.tuple(spelledKey, tie("v")), { maxLength: 4 }).map((es) => `{${es.map(([k, v]) => `${k.text}: ${v}`).join(", ")}}`),
})).v as fc.Arbitrary<string>;

describe("JsonKeyTracker", () => {
  it("refuses exactly the closing quote of the first repeated key", () => {
    fc.assert(
      fc.property(text, (t) => {
        const bytes = enc.encode(t);
        const n = new JsonKeyTracker().feed(bytes);
        const dup = firstDuplicateKey(t);
        if (!dup) {
          expect(n).toBe(bytes.length);
          return;
        }
        // the repeated key's string ends at byte n
        const keyText = /^"(?:[^"\\]|\\.)*"/su.exec(t.slice(dup.position))![0];
        expect(n).toBe(enc.encode(t.slice(0, dup.position + keyText.length - 1)).length);
      }),
    );
  });

  it("rollback and clone leave no trace", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const bytes = enc.encode(t);
        const fresh = new JsonKeyTracker().feed(bytes);
        const tr = new JsonKeyTracker();
        const cut = a % (bytes.length + 1);
        const fed = tr.feed(bytes.subarray(0, cut));
        const copy = tr.clone();
        const back = b % (fed + 1);
        tr.rollback(back);
        expect(tr.length).toBe(fed - back);
        const again = tr.feed(bytes.subarray(fed - back));
        expect(fed - back + again).toBe(fresh);
        // the copy was not disturbed by the original's walk
        if (fed === cut) expect(cut + copy.feed(bytes.subarray(cut))).toBe(fresh);
      }),
    );
  });

  it("keyText after any cut of a key's spelling is a prefix of the key, the key itself at the end", () => {
    fc.assert(
      fc.property(spelledKey, fc.nat(), ({ key, text: t }, c) => {
        const raw = enc.encode(t.slice(1, -1));
        const tr = new JsonKeyTracker();
        tr.feed(enc.encode('{"'));
        const cut = c % (raw.length + 1);
        tr.feed(raw.subarray(0, cut));
        expect(key.startsWith(tr.keyText)).toBe(true);
        tr.feed(raw.subarray(cut));
        expect(tr.keyText).toBe(key);
        tr.rollback(raw.length - cut);
        expect(key.startsWith(tr.keyText)).toBe(true);
      }),
    );
  });

  // (a UTF-8 lead byte not listed starts a character no written key has there: the walk may stop
  // too, though atRisk only sees it once the character is complete)
  it("riskyBytes: every ASCII byte not listed takes the key off every written key's spelling", () => {
    fc.assert(
      fc.property(fc.array(spelledKey, { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (keys, c, b) => {
        const tr = new JsonKeyTracker();
        tr.feed(enc.encode("{"));
        const written = new Set<string>();
        for (const k of keys.slice(1)) {
          if (written.has(k.key)) continue;
          written.add(k.key);
          tr.feed(enc.encode(`${k.text}:1,`));
        }
        if (written.size === 0) return;
        const raw = enc.encode(keys[0]!.text.slice(0, -1));
        tr.feed(raw.subarray(0, 1 + (c % raw.length)));
        if (!tr.atRisk()) return;
        const out: number[] = [];
        if (!tr.riskyBytes(out) || out.includes(b)) return;
        if (tr.feedByte(b)) expect(tr.atRisk()).toBe(false);
      }),
    );
  });

  it("atRisk: while the key so far could become a written one", () => {
    const t = new JsonKeyTracker();
    t.feed(enc.encode('{"ab": 1'));
    expect(t.atRisk()).toBe(false);
    t.feed(enc.encode(", "));
    expect(t.atRisk()).toBe(true); // a key is next
    t.feed(enc.encode('"a'));
    expect(t.atRisk()).toBe(true);
    t.feed(enc.encode("c"));
    expect(t.atRisk()).toBe(false);
    t.rollback(1);
    t.feed(enc.encode('b"'));
    expect(t.length).toBe(13); // `"ab"` again: the quote is refused
  });
});
