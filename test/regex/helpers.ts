import { ExprSet, type ExprId } from "../../src/regex/index.js";

const encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Feeds the UTF-8 bytes of `s` through derivatives; accepts iff the result is nullable. */
export function matches(set: ExprSet, e: ExprId, s: string | Uint8Array): boolean {
  let x = e;
  for (const b of typeof s === "string" ? utf8(s) : s) {
    x = set.derivative(x, b);
    if (x === set.EMPTY) return false;
  }
  return set.nullable(x);
}

/** All strings over `alphabet` of length 0..maxLen. */
export function allStrings(alphabet: readonly string[], maxLen: number): string[] {
  const out = [""];
  let layer = [""];
  for (let n = 1; n <= maxLen; n++) {
    const next: string[] = [];
    for (const p of layer) for (const c of alphabet) next.push(p + c);
    out.push(...next);
    layer = next;
  }
  return out;
}

export function jsWhole(src: string, flags: string): RegExp {
  return new RegExp(`^(?:${src})$`, flags + "u");
}
