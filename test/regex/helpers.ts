import fc from "fast-check";
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

/** A random regular expression's shape over a, b, c: literals, concatenation, union, star, option, and (with `bool`) intersection and complement. */
export type Shape = { k: "lit"; s: string } | { k: "cat" | "or" | "and"; xs: Shape[] } | { k: "not" | "star" | "opt"; x: Shape };

export const shapeArb = (bool: boolean): fc.Arbitrary<Shape> =>
  fc.letrec<{ e: Shape }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { arbitrary: fc.stringMatching(/^[abc]{0,3}$/).map((s): Shape => ({ k: "lit", s })), weight: 4 },
      { arbitrary: fc.array(tie("e"), { minLength: 2, maxLength: 3 }).map((xs): Shape => ({ k: "cat", xs })), weight: 2 },
      { arbitrary: fc.array(tie("e"), { minLength: 2, maxLength: 3 }).map((xs): Shape => ({ k: "or", xs })), weight: 2 },
      { arbitrary: tie("e").map((x): Shape => ({ k: "star", x })), weight: 1 },
      { arbitrary: tie("e").map((x): Shape => ({ k: "opt", x })), weight: 1 },
      ...(bool
        ? [
            { arbitrary: fc.array(tie("e"), { minLength: 2, maxLength: 2 }).map((xs): Shape => ({ k: "and", xs })), weight: 2 },
            { arbitrary: tie("e").map((x): Shape => ({ k: "not", x })), weight: 1 },
          ]
        : []),
    ),
  })).e;

/** The expression of a shape in x. */
export function buildShape(x: ExprSet, s: Shape): ExprId {
  switch (s.k) {
    case "lit":
      return x.literal(s.s);
    case "cat":
      return x.concat(s.xs.map((e) => buildShape(x, e)));
    case "or":
      return x.or(s.xs.map((e) => buildShape(x, e)));
    case "and":
      return x.and(s.xs.map((e) => buildShape(x, e)));
    case "not":
      return x.not(buildShape(x, s.x));
    case "star":
      return x.repeat(buildShape(x, s.x), 0, Infinity);
    case "opt":
      return x.repeat(buildShape(x, s.x), 0, 1);
  }
}
