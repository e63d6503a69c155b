import { expect } from "vitest";
import { GramfillError } from "../../src/util/errors.js";
import type { TermExpr } from "../../src/grammar/ir.js";

/** Runs `f`, expects a GramfillError and returns it. */
export function catchError(f: () => unknown): GramfillError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GramfillError);
    return e as GramfillError;
  }
  throw new Error("expected an error");
}

/** A JS RegExp source for a TermExpr without refs (for checking terminal languages in tests). */
export function termToRegex(e: TermExpr): string {
  const cp = (c: number) => `\\u{${c.toString(16)}}`;
  switch (e.type) {
    case "literal":
      return "(?:" + [...e.value].map((c) => cp(c.codePointAt(0)!)).join("") + ")";
    case "regex":
      return `(?:${e.source})`;
    case "charset":
      return `[${e.negated ? "^" : ""}${e.ranges.map(([a, b]) => (a === b ? cp(a) : `${cp(a)}-${cp(b)}`)).join("")}]`;
    case "seq":
      return "(?:" + e.items.map(termToRegex).join("") + ")";
    case "alt":
      return "(?:" + e.alts.map(termToRegex).join("|") + ")";
    case "repeat":
      return `(?:${termToRegex(e.expr)}){${e.min},${e.max === Infinity ? "" : e.max}}`;
    case "ref":
      throw new Error("ref in termToRegex");
    case "and":
    case "not":
      throw new Error(`${e.type} has no JS RegExp form`);
  }
}

export function fullMatch(e: TermExpr, s: string): boolean {
  return new RegExp(`^(?:${termToRegex(e)})$`, "u").test(s);
}
