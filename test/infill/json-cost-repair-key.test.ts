/**
 * Session 8: a failed repair is remembered under a key asked before the local canvas is built (the
 * run's context — the text around it with the other holes filled, interned per witness — j, k' and
 * the token), and a try builds the canvas after the commit only when an answer needs it.
 * Exactness: every try is answered as by a session that remembers nothing (`rememberRepairs:
 * false`), statuses and witness texts alike, on random grammars, vocabularies and canvases of
 * several text parts and runs (cut from a word of the grammar), tries repeated and commits between
 * them. `CanvasSet`'s raw keys: equal written bytes ⇔ the same member, numbered in order of adding.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanvasSet } from "../../src/infill/canvas-set.js";
import { WITNESS_EOS } from "../../src/infill/session.js";
import { tokenCaseArb } from "./token-cases.js";
import { show, twoRunSessions } from "./json-cost-cases.js";


describe("CanvasSet raw keys", () => {
  it("find the member with the same bytes (ints and byte strings), numbered in order of adding", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.array(fc.integer({ min: -3, max: 300 }), { maxLength: 3 }), fc.uint8Array({ maxLength: 4 })), { minLength: 1, maxLength: 12 }), (keys) => {
        const set = new CanvasSet();
        const write = ([tag, ints, bytes]: (typeof keys)[number]) => {
          set.begin(tag);
          for (const v of ints) set.int(v);
          set.bytes(bytes);
        };
        const seen: string[] = [];
        for (const k of keys) {
          const s = JSON.stringify([k[0], k[1], Array.from(k[2])]);
          write(k);
          const found = set.find();
          // a key is its bytes: equal lists of fields of the same widths (the ints are 4 bytes each)
          const want = seen.findIndex((x) => {
            const [t, ints, bytes] = JSON.parse(x) as [number, number[], number[]];
            const a = [t, ...ints.flatMap((v) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]), ...bytes];
            const b = [k[0], ...k[1].flatMap((v) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]), ...k[2]];
            return a.length === b.length && a.every((v, i) => v === b[i]);
          });
          expect(found).toBe(want);
          if (found < 0) {
            expect(set.addLast()).toBe(seen.length);
            seen.push(s);
          }
        }
        expect(set.size).toBe(seen.length);
      }),
      { numRuns: 300 },
    );
  });

  it("a long key grows the buffer and is still found", () => {
    const set = new CanvasSet();
    const big = new Uint8Array(5000).map((_, i) => i & 0xff);
    set.begin(1);
    set.int(7);
    set.bytes(big);
    expect(set.find()).toBe(-1);
    expect(set.addLast()).toBe(0);
    set.begin(1);
    set.int(7);
    set.bytes(big);
    expect(set.find()).toBe(0);
    set.begin(1);
    set.int(7);
    set.bytes(big.subarray(1));
    expect(set.find()).toBe(-1);
  });
});

describe("remembered failed repairs, keyed before the build", () => {
  it("answer every try as a session that remembers nothing (canvases of several runs, tries repeated, commits between)", () => {
    let remembered = 0;
    let tries = 0;
    fc.assert(
      fc.property(tokenCaseArb(3), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (tc, cutA, cutB) => {
        if (tc === null) return;
        const { random, tokens } = tc;
        // the word cut into text, a run, text, a tail run (text parts may be empty)
        const { a: on, b: off, first } = twoRunSessions(tc, cutA, cutB, 3, { rememberRepairs: false });
        if (first !== "feasible") return;
        const n = on.positions;
        for (let round = 0; round < 4; round++) {
          const open = Array.from({ length: n }, (_, p) => p).filter((p) => on.isMasked(p));
          if (open.length === 0) break;
          const picks = Array.from({ length: 5 }, () => [open[Math.floor(random() * open.length)]!, tokens[Math.floor(random() * tokens.length)]!] as const);
          // every try twice (the second may be remembered), cheap tries as the decoder's, then one full
          for (const [p, t] of [...picks, ...picks]) {
            tries++;
            expect(show(on.tryCommit(p, t, true))).toBe(show(off.tryCommit(p, t, true)));
          }
          const [p0, t0] = picks[0]!;
          expect(show(on.tryCommit(p0, t0))).toBe(show(off.tryCommit(p0, t0)));
          // commit the witness's own token at a random open place (or EOS), in both
          const p = open[Math.floor(random() * open.length)]!;
          const w = on.witnessTokenAt(p);
          expect(off.witnessTokenAt(p)).toBe(w);
          if (w === -1) break;
          if (w === WITNESS_EOS) {
            expect(show(on.tryEnd(p))).toBe(show(off.tryEnd(p)));
            on.end(p);
            off.end(p);
          } else {
            const bytes = tc.vocab.tokenBytes(w);
            expect(show(on.tryCommit(p, bytes))).toBe(show(off.tryCommit(p, bytes)));
            on.commit(p, bytes);
            off.commit(p, bytes);
          }
        }
        expect(off.counts.repairRepeated).toBe(0);
        remembered += on.counts.repairRepeated;
      }),
      { numRuns: 150 },
    );
    // the property is only worth something if remembered repairs answered some tries
    expect(tries).toBeGreaterThan(500);
    expect(remembered).toBeGreaterThan(20);
  });
});
