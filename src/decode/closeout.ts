/**
 * A short completion of a viable prefix, for closing out an output cut off by --max-tokens.
 *
 * Parser states are hard to hash, so this is no exact shortest-path search. Two searches over
 * bytes, each every byte checked by the parser (so the result is exact: the prefix plus the
 * completion is a word of the language), run within a budget of parser steps:
 *  1. iterative deepening up to 6 bytes: finds the shortest completion when it is that short
 *     (`"}`, `]}`, `0}` ...);
 *  2. limited-discrepancy search: follow the preferred allowed byte at every step (bytes that close
 *     structures first: `"`, `}`, `]`, ...; then `;`, `:`, digits, `,`, other punctuation,
 *     letters, whitespace, and `[`, `{`, `(` last; but bytes that lead to a lexer state visited less often
 *     on the current path (beyond once) before all others, which breaks loops such as the next letter of an
 *     identifier or `""""` in C), allowing 0, 1, 2, ... deviations from that order, up to
 *     `maxBytes` long.
 * A guard (the distinct-keys tracker of JSON Schema outputs) vets every byte beside the parser.
 * Limits: not always the shortest; undefined when nothing is found within the budget (a grammar
 * whose completions are all longer than `maxBytes`, or that the byte order leads astray).
 */
import type { Parser } from "../parser/parser.js";
import { visitFreshKeyEndings, type KeyByteFeeder } from "../schema/fresh-key-endings.js";

const ORDER: number[] = (() => {
  const groups = ['"}])\'>', ";", ":", "0123456789", ",", ".-+_@/#$%&*=!?|~^`<\\", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", " \n\t\r", "[{("];
  const seen = new Set<number>();
  const out: number[] = [];
  for (const g of groups) {
    for (const ch of g) {
      const b = ch.charCodeAt(0);
      if (!seen.has(b)) out.push(b), seen.add(b);
    }
  }
  for (let b = 0; b < 256; b++) if (!seen.has(b)) out.push(b);
  return out;
})();

/** A rule over the bytes beyond the grammar, checked along with it (the distinct-keys tracker). */
export interface ByteGuard {
  /** false (and no change) when the rule forbids the byte */
  feedByte(b: number): boolean;
  rollback(n: number): void;
}

export interface CompletionOptions {
  /** longest completion tried (bytes; default 4096) */
  maxBytes?: number;
  /** parser steps in all (default 1,000,000) */
  budget?: number;
  /** bytes must also pass this guard, fed from the parser's position on (it is left where it was) */
  guard?: ByteGuard;
}

/** Bytes that complete the parser's input (the parser is left where it was); undefined if none was found. */
export function shortestCompletion(p: Parser, opts: CompletionOptions = {}): Uint8Array | undefined {
  if (p.isAccepting()) return new Uint8Array(0);
  const maxBytes = opts.maxBytes ?? 4096;
  let left = opts.budget ?? 1_000_000;
  const path: number[] = [];
  const guard = opts.guard;
  const step = (b: number): boolean => {
    if (!p.feedByte(b)) return false;
    if (guard && !guard.feedByte(b)) {
      p.rollback(1);
      return false;
    }
    return true;
  };
  const back = (n: number): void => {
    p.rollback(n);
    guard?.rollback(n);
  };

  // 1. exhaustive up to a few bytes
  for (let limit = 1; limit <= Math.min(6, maxBytes); limit++) {
    let local = Math.min(left, 20_000);
    const dfs = (depth: number): boolean => {
      if (p.isAccepting()) return true;
      if (depth === limit) return false;
      for (const b of ORDER) {
        if (--local < 0) return false;
        if (!step(b)) continue;
        path.push(b);
        if (dfs(depth + 1)) return true;
        back(1);
        path.pop();
      }
      return false;
    };
    const before = local;
    const found = dfs(0);
    left -= before - Math.max(local, 0);
    if (found) {
      back(path.length);
      return Uint8Array.from(path);
    }
  }

  // 2. limited discrepancy search in the preferred byte order; bytes leading to a lexer state
  // seen less often on the current path (twice or more) come first (this breaks loops: the next letter of an
  // identifier, `""""` string concatenation in C, ...)
  const seen = new Map<number, number>();
  const visit = (s: number, d: number) => seen.set(s, (seen.get(s) ?? 0) + d);
  const choices = (): number[] => {
    const out: Array<[number, number]> = [];
    for (const b of ORDER) {
      left--;
      if (!step(b)) continue;
      out.push([b, Math.max(0, (seen.get(p.lexerState) ?? 0) - 1)]);
      back(1);
    }
    // stable: ties keep the preferred order
    return out.sort((x, y) => x[1] - y[1]).map((x) => x[0]);
  };
  for (let d = 0; d <= 8 && left > 0; d++) {
    const lds = (depth: number, discrepancies: number): boolean => {
      if (p.isAccepting()) return true;
      if (depth === maxBytes || left <= 0) return false;
      const cs = choices();
      const n = Math.min(cs.length, discrepancies + 1);
      // try the preferred byte last when deviations remain, so each pass explores new paths first
      for (let i = 0; i < n; i++) {
        const k = discrepancies > 0 ? (i + 1) % n : 0;
        const b = cs[k]!;
        if (!step(b)) continue;
        path.push(b);
        const st = p.lexerState;
        visit(st, 1);
        if (lds(depth + 1, discrepancies - (k > 0 ? k : 0))) return true;
        visit(st, -1);
        back(1);
        path.pop();
        if (left <= 0) return false;
      }
      return false;
    };
    seen.clear();
    visit(p.lexerState, 1);
    if (lds(0, d)) {
      back(path.length);
      return Uint8Array.from(path);
    }
  }
  return undefined;
}

/** A guard that knows when a JSON object key is being read (the distinct-keys tracker). */
export interface KeyGuard extends ByteGuard {
  readonly readingKey: boolean;
}

/** Bytes a fresh key is made of first: short keys of digits and letters read best. */
const KEY_ORDER: number[] = (() => {
  const first = Array.from("0123456789abcdefghijklmnopqrstuvwxyz", (c) => c.charCodeAt(0));
  return [...first, ...ORDER.filter((b) => !first.includes(b))];
})();

/**
 * A completion that repeats no object key: the `plan`'s (the chart's shortest completion) bytes up
 * to the first one the guard refuses (the closing quote of a repeated key), then the fewest bytes (at most
 * 3 more characters, digits and letters first) that end that key as a new one, and a new plan from
 * there; at most `rounds` repairs. Undefined when a repair finds no fresh key (the
 * caller then searches byte by byte). The parser and the guard are left where they were.
 */
export function keyRepairedCompletion(p: Parser, guard: KeyGuard, plan: (p: Parser) => Uint8Array | undefined, rounds = 256): Uint8Array | undefined {
  const out: number[] = [];
  const both = (b: number): boolean => {
    if (!p.feedByte(b)) return false;
    if (!guard.feedByte(b)) {
      p.rollback(1);
      return false;
    }
    out.push(b);
    return true;
  };
  const back = (n: number) => {
    p.rollback(n);
    guard.rollback(n);
    out.length -= n;
  };
  // the key's shortest fresh ending: at most 3 more characters, then the quote
  const feeder: KeyByteFeeder = { feed: both, back };
  const freshEnding = () => visitFreshKeyEndings(guard, feeder, KEY_ORDER, { maxChars: 3 }, () => true);
  let result: Uint8Array | undefined;
  for (let r = 0; r <= rounds && result === undefined; r++) {
    const tail = plan(p);
    if (!tail) break;
    let i = 0;
    while (i < tail.length && both(tail[i]!)) i++;
    if (i === tail.length) result = Uint8Array.from(out);
    else if (!guard.readingKey || !freshEnding()) break;
  }
  back(out.length);
  return result;
}
