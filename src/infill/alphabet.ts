/**
 * The bytes a grammar's words can contain, over-approximated: a committed token with a byte outside
 * this set can never be part of a word, whatever the holes around it hold ("infeasible" at once,
 * a proof — no chart needed). The diffusion decoder's small model proposes such tokens often
 * (`"\n"` in python-style JSON, where no terminal reads a newline: 89 full charts of ~23 ms each
 * in one 49-schema block-8 run, bench/RESULTS.md).
 *
 * Per terminal, first from its structure (`ExprSet.byteAlphabet`: byte sets united, intersections
 * intersected, a complement any byte; linear in the expression, ~6× cheaper than walking
 * derivatives on the 49-schema sample). Only where that gives every byte (a complement outside any
 * intersection), a breadth-first walk of its Brzozowski derivatives as well: byte b is in the
 * alphabet iff some reachable derivative's derivative by b is not the empty expression. "Not the
 * empty node" is syntactic (an intersection may still denote nothing), so both can only be too
 * large, never too small, and so is their intersection. A walk past its state budget (a counter
 * like `.{0,65535}`) gives every byte. Every terminal counts, ignored ones included.
 */
import type { CompiledGrammar } from "../parser/compile.js";

/** derivative states one terminal's walk may visit before it counts as "every byte" (terminals with a complement only) */
const STATES_PER_TERMINAL = 256;

const alphabets = new WeakMap<CompiledGrammar, Uint8Array>();

/** 256 flags: 1 where the byte may occur in some word of `g` (over-approximation, see above). Cached per grammar. */
export function grammarAlphabet(g: CompiledGrammar): Uint8Array {
  let a = alphabets.get(g);
  if (a === undefined) {
    a = computeAlphabet(g, STATES_PER_TERMINAL);
    alphabets.set(g, a);
  }
  return a;
}

/** The computation behind `grammarAlphabet`, with the walk's budget as a parameter (tests use small ones). */
export function computeAlphabet(g: CompiledGrammar, statesPerTerminal: number): Uint8Array {
  const x = g.exprs;
  const out = new Uint8Array(256);
  let missing = 256;
  for (const p of g.patterns) {
    if (missing === 0) break;
    const structural = x.byteAlphabet(p);
    if (!everyByte(structural)) {
      for (let b = 0; b < 256; b++) {
        if (!out[b] && structural[b >> 5]! & (1 << (b & 31))) {
          out[b] = 1;
          missing--;
        }
      }
      continue;
    }
    const seen = new Set<number>([p]);
    const queue = [p];
    const mine = new Uint8Array(256);
    let overflow = false;
    const live = new Uint8Array(256);
    for (let i = 0; i < queue.length && !overflow; i++) {
      const e = queue[i]!;
      // one derivative per byte class (its bytes share it), then the class's bytes marked at once
      const { map, reps } = x.byteClasses(e);
      live.fill(0, 0, reps.length);
      for (let c = 0; c < reps.length; c++) {
        const d = x.derivative(e, reps[c]!);
        if (d === x.EMPTY) continue;
        live[c] = 1;
        if (seen.has(d)) continue;
        if (seen.size >= statesPerTerminal) {
          overflow = true;
          break;
        }
        seen.add(d);
        queue.push(d);
      }
      for (let b = 0; b < 256; b++) if (live[map[b]!]) mine[b] = 1;
    }
    for (let b = 0; b < 256; b++) {
      if ((overflow || mine[b]) && !out[b]) {
        out[b] = 1;
        missing--;
      }
    }
  }
  return out;
}

function everyByte(bits: Uint32Array): boolean {
  for (let w = 0; w < 8; w++) if (bits[w] !== 0xffffffff) return false;
  return true;
}

/** Does every byte of `bytes` lie in `alphabet`? */
export function withinAlphabet(alphabet: Uint8Array, bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (alphabet[bytes[i]!] === 0) return false;
  return true;
}
