/** TokenTrie invariants on random vocabularies (fast-check), against brute force over all tokens. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitsToArray, createBitmask, getBit } from "../../src/vocab/bitmask.js";
import { TokenTrie, type ByteRecognizer } from "../../src/vocab/token-trie.js";
import { Vocabulary } from "../../src/vocab/vocabulary.js";

/** Bytes from a small alphabet, so tokens share prefixes and sometimes coincide. */
const tokenBytes = fc.uint8Array({ minLength: 0, maxLength: 6 }).map((b) => b.map((x) => [0x00, 0x20, 0x61, 0x62, 0xc3, 0xff][x % 6]!));

/** A random vocabulary: tokens, holes (null), some specials and an EOS. */
const vocabArb = fc
  .array(fc.option(tokenBytes, { nil: null, freq: 8 }), { minLength: 1, maxLength: 60 })
  .chain((bytes) => {
    const ids = bytes.map((b, i) => (b === null ? -1 : i)).filter((i) => i >= 0);
    return fc.record({ bytes: fc.constant(bytes), specials: fc.subarray(ids, { maxLength: Math.min(4, ids.length) }) });
  })
  .map(({ bytes, specials }) => new Vocabulary({ kind: "custom", bytes, specialIds: specials, eosIds: specials.slice(0, 1) }));

const key = (b: Uint8Array) => Array.from(b).join(",");

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** A deterministic pseudo-random predicate over byte strings. */
function hashPredicate(seed: number, rejectOneIn: number): (prefix: Uint8Array) => boolean {
  return (prefix) => {
    let h = seed | 0;
    for (const b of prefix) h = Math.imul(h ^ b, 0x9e3779b1) >>> 0;
    h = Math.imul(h ^ prefix.length, 0x85ebca6b) >>> 0;
    return (h ^ (h >>> 13)) % rejectOneIn !== 0;
  };
}

describe("TokenTrie", () => {
  it("every normal token reaches a node holding its id; others are absent", () => {
    fc.assert(
      fc.property(vocabArb, (v) => {
        const trie = v.trie();
        for (let id = 0; id < v.size; id++) {
          const node = trie.nodeOfToken(id);
          if (!v.isNormal(id)) {
            expect(node).toBe(-1);
            continue;
          }
          expect(node).toBeGreaterThan(0);
          expect(trie.tokensOf(node)).toContain(id);
          expect(key(trie.pathTo(node))).toBe(key(v.tokenBytes(id)));
          expect(trie.lookup(v.tokenBytes(id))).toBe(node);
          expect(trie.depth(node)).toBe(v.tokenLength(id));
        }
        // the tokens at each node are exactly the normal ids with those bytes, ascending
        for (let n = 0; n < trie.nodeCount; n++) {
          const ids = trie.tokensOf(n);
          expect(ids).toEqual([...ids].sort((a, b) => a - b));
          const want = [];
          for (let id = 0; id < v.size; id++) if (v.isNormal(id) && key(v.tokenBytes(id)) === key(trie.pathTo(n))) want.push(id);
          expect(ids).toEqual(want);
          expect(trie.hasToken(n)).toBe(want.length > 0);
          expect(trie.tokenOf(n)).toBe(want.length > 0 ? want[0] : -1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("is laid out in DFS pre-order: one node per distinct prefix, sorted paths, subtree ends, sorted children", () => {
    fc.assert(
      fc.property(vocabArb, (v) => {
        const trie = v.trie();
        const prefixes = new Set<string>([""]);
        for (let id = 0; id < v.size; id++) {
          if (!v.isNormal(id)) continue;
          const b = v.tokenBytes(id);
          for (let i = 1; i <= b.length; i++) prefixes.add(key(b.subarray(0, i)));
        }
        expect(trie.nodeCount).toBe(prefixes.size);
        expect(trie.depth(0)).toBe(0);
        expect(trie.subtreeEnd(0)).toBe(trie.nodeCount);
        const paths = Array.from({ length: trie.nodeCount }, (_, n) => trie.pathTo(n));
        for (let n = 1; n < trie.nodeCount; n++) {
          expect(compareBytes(paths[n - 1]!, paths[n]!)).toBeLessThan(0); // pre-order = sorted order of prefixes
          expect(trie.byteOf(n)).toBe(paths[n]![paths[n]!.length - 1]);
        }
        for (let n = 0; n < trie.nodeCount; n++) {
          const end = trie.subtreeEnd(n);
          expect(end).toBeGreaterThan(n);
          // the subtree is exactly the nodes whose path extends n's
          for (let m = 0; m < trie.nodeCount; m++) {
            const inside = m >= n && m < end;
            const extends_ = paths[m]!.length >= paths[n]!.length && compareBytes(paths[m]!.subarray(0, paths[n]!.length), paths[n]!) === 0;
            expect(inside).toBe(extends_);
          }
          const kids = [...trie.children(n)];
          for (const c of kids) expect(trie.depth(c)).toBe(trie.depth(n) + 1);
          for (let i = 1; i < kids.length; i++) expect(trie.byteOf(kids[i]!)).toBeGreaterThan(trie.byteOf(kids[i - 1]!));
          expect(trie.firstChild(n)).toBe(kids.length ? kids[0] : -1);
          for (let i = 0; i < kids.length; i++) expect(trie.nextSibling(kids[i]!)).toBe(i + 1 < kids.length ? kids[i + 1] : -1);
          for (let b = 0; b < 256; b += 1) {
            const c = trie.child(n, b);
            const want = kids.find((k) => trie.byteOf(k) === b) ?? -1;
            if (c !== want) expect(c).toBe(want);
          }
        }
        expect(trie.maxDepth).toBe(Math.max(0, ...paths.map((p) => p.length)));
      }),
      { numRuns: 150 },
    );
  });

  it("allowedTokens(predicate) equals the brute-force filter: tokens all of whose prefixes are accepted", () => {
    fc.assert(
      fc.property(vocabArb, fc.integer(), fc.integer({ min: 1, max: 5 }), (v, seed, oneIn) => {
        const trie = v.trie();
        const accept = hashPredicate(seed, oneIn);
        const mask = trie.allowedTokens(accept);
        expect(mask.length).toBe((v.size + 31) >>> 5);
        const want: number[] = [];
        for (let id = 0; id < v.size; id++) {
          if (!v.isNormal(id)) continue;
          const b = v.tokenBytes(id);
          let ok = true;
          for (let i = 1; i <= b.length && ok; i++) ok = accept(b.subarray(0, i));
          if (ok) want.push(id);
        }
        expect(bitsToArray(mask)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("walk() keeps a recognizer's stack balanced and only pops what it pushed", () => {
    fc.assert(
      fc.property(vocabArb, fc.integer(), (v, seed) => {
        const trie = v.trie();
        const accept = hashPredicate(seed, 3);
        const stack: number[] = [];
        let pushes = 0;
        const rec: ByteRecognizer = {
          tryPushByte(b) {
            stack.push(b);
            if (!accept(Uint8Array.from(stack))) {
              stack.pop();
              return false;
            }
            pushes++;
            return true;
          },
          popBytes(n) {
            expect(n).toBeGreaterThan(0);
            expect(n).toBeLessThanOrEqual(stack.length);
            stack.length -= n;
          },
        };
        const mask = createBitmask(v.size);
        const visited = trie.walk(rec, mask);
        expect(stack).toEqual([]);
        expect(visited).toBeGreaterThanOrEqual(pushes);
        expect(visited).toBeLessThanOrEqual(trie.nodeCount - 1);
        expect(bitsToArray(mask)).toEqual(bitsToArray(trie.allowedTokens(accept)));
      }),
      { numRuns: 200 },
    );
  });

  it("longestMatch and tokenizeGreedy agree with brute force", () => {
    fc.assert(
      fc.property(vocabArb, fc.uint8Array({ maxLength: 12 }).map((b) => b.map((x) => [0x00, 0x20, 0x61, 0x62, 0xc3, 0xff][x % 6]!)), (v, input) => {
        const trie = v.trie();
        for (let start = 0; start <= input.length; start++) {
          let bestLen = 0;
          let bestId = -1;
          for (let id = 0; id < v.size; id++) {
            if (!v.isNormal(id)) continue;
            const b = v.tokenBytes(id);
            if (b.length > input.length - start || b.length < bestLen) continue;
            if (compareBytes(input.subarray(start, start + b.length), b) !== 0) continue;
            if (b.length > bestLen || id < bestId) {
              bestLen = b.length;
              bestId = id;
            }
          }
          expect(trie.longestMatch(input, start)).toEqual([bestId, bestLen]);
        }
        let ids: number[] | undefined;
        try {
          ids = v.tokenizeGreedy(input);
        } catch {
          ids = undefined;
        }
        if (ids !== undefined) expect(key(v.decodeBytes(ids))).toBe(key(input));
      }),
      { numRuns: 200 },
    );
  });

  it("handles an empty trie and a vocabulary of only specials, holes and empty tokens", () => {
    const v = new Vocabulary({ kind: "custom", bytes: ["<s>", null, "", "x"], specialIds: [0] });
    expect(v.counts()).toEqual({ normal: 1, special: 1, holes: 1, empty: 1 });
    const trie = v.trie();
    expect(trie.nodeCount).toBe(2);
    expect(getBit(trie.allowedTokens(() => true), 3)).toBe(true);
    const empty = new TokenTrie(5, () => null);
    expect(empty.nodeCount).toBe(1);
    expect(empty.subtreeEnd(0)).toBe(1);
    expect(bitsToArray(empty.allowedTokens(() => true))).toEqual([]);
    expect(empty.longestMatch(Uint8Array.of(1))).toEqual([-1, 0]);
    expect(() => v.tokenizeGreedy("y")).toThrow(/no token starts with byte 0x79/);
  });
});
