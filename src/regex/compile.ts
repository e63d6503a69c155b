/**
 * Parsed regex → ExprSet expression. Anchors are resolved here: they are only meaningful at the
 * edges of the pattern or of its top-level alternatives (looking through a group that is a whole
 * alternative, as in `^(a|b)$`); anywhere else they are `regex_unsupported`.
 */
import { GramfillError } from "../util/errors.js";
import type { ParsedRegex, RegexFlags, RegexNode } from "./ast.js";
import { ANY, DOT, LINE_TERMINATORS, complement, foldClass, foldClosure } from "./charset.js";
import type { ExprId, ExprSet } from "./expr.js";
import { encodeUtf8 } from "./utf8.js";

/**
 * "whole": the regex must match the entire string (grammar terminals); edge anchors are no-ops.
 * "search": strings that contain a match (JSON Schema `pattern`), honouring edge anchors.
 */
export type RegexMode = "whole" | "search";

interface EdgeAlternative {
  start: boolean;
  end: boolean;
  body: RegexNode;
}

export function compileRegex(set: ExprSet, parsed: ParsedRegex, mode: RegexMode): ExprId {
  const alts = edgeAlternatives(parsed.ast);
  const out: ExprId[] = [];
  for (const alt of alts) {
    rejectInnerAnchors(alt.body);
    const body = compileNode(set, alt.body, parsed.flags);
    if (mode === "whole") out.push(body);
    else out.push(set.concat([leftContext(set, alt.start, parsed.flags), body, rightContext(set, alt.end, parsed.flags)]));
  }
  return set.or(out);
}

/** What may precede a match in search mode: anything, or (with `^`) nothing / a line start. */
function leftContext(set: ExprSet, anchored: boolean, flags: RegexFlags): ExprId {
  const anyStar = set.repeat(set.codePoints(ANY), 0, Infinity);
  if (!anchored) return anyStar;
  if (!flags.multiline) return set.EPSILON;
  return set.or([set.EPSILON, set.concat([anyStar, set.codePoints(LINE_TERMINATORS)])]);
}

function rightContext(set: ExprSet, anchored: boolean, flags: RegexFlags): ExprId {
  const anyStar = set.repeat(set.codePoints(ANY), 0, Infinity);
  if (!anchored) return anyStar;
  if (!flags.multiline) return set.EPSILON;
  return set.or([set.EPSILON, set.concat([set.codePoints(LINE_TERMINATORS), anyStar])]);
}

/** Splits the pattern into top-level alternatives with their edge anchors stripped. */
function edgeAlternatives(node: RegexNode): EdgeAlternative[] {
  if (node.type === "alt") return node.alts.flatMap(edgeAlternatives);
  if (node.type === "group") return edgeAlternatives(node.expr);
  const items = node.type === "concat" ? [...node.items] : [node];
  let start = false;
  let end = false;
  while (items.length > 0 && isAnchor(items[0]!, "^")) {
    items.shift();
    start = true;
  }
  while (items.length > 0 && isAnchor(items[items.length - 1]!, "$")) {
    items.pop();
    end = true;
  }
  // `^(a|b)$`: the anchors belong to every alternative of a group that is the whole body.
  if (items.length === 1 && items[0]!.type === "group" && (start || end)) {
    return edgeAlternatives(items[0]!.expr).map((a) => ({ start: a.start || start, end: a.end || end, body: a.body }));
  }
  const body: RegexNode = items.length === 0 ? { type: "empty" } : items.length === 1 ? items[0]! : { type: "concat", items };
  return [{ start, end, body }];
}

function isAnchor(n: RegexNode, kind: "^" | "$"): boolean {
  return n.type === "anchor" && n.kind === kind;
}

function rejectInnerAnchors(n: RegexNode): void {
  switch (n.type) {
    case "anchor":
      throw new GramfillError(
        "regex_unsupported",
        `anchor ${n.kind} is not supported here (only at the ${n.kind === "^" ? "start" : "end"} of the pattern or of a top-level alternative)`,
        { offset: n.offset },
      );
    case "concat":
      n.items.forEach(rejectInnerAnchors);
      return;
    case "alt":
      n.alts.forEach(rejectInnerAnchors);
      return;
    case "repeat":
    case "group":
      rejectInnerAnchors(n.expr);
      return;
    default:
      return;
  }
}

function compileNode(set: ExprSet, n: RegexNode, flags: RegexFlags): ExprId {
  switch (n.type) {
    case "empty":
      return set.EPSILON;
    case "char":
      return compileChar(set, n.cp, flags.ignoreCase);
    case "set": {
      // ECMA-262 CharacterSetMatcher: fold first, then invert.
      const folded = flags.ignoreCase ? foldClosure(n.ranges) : n.ranges;
      return set.codePoints(n.negated ? complement(folded) : folded);
    }
    case "dot":
      return set.codePoints(flags.dotAll ? ANY : DOT);
    case "concat":
      return set.concat(n.items.map((x) => compileNode(set, x, flags)));
    case "alt":
      return set.or(n.alts.map((x) => compileNode(set, x, flags)));
    case "repeat":
      return set.repeat(compileNode(set, n.expr, flags), n.min, n.max);
    case "group":
      return compileNode(set, n.expr, flags);
    case "anchor":
      throw new Error("unreachable: anchors are resolved before compiling");
  }
}

function compileChar(set: ExprSet, cp: number, ignoreCase: boolean): ExprId {
  if (cp >= 0xd800 && cp <= 0xdfff) return set.EMPTY; // a lone surrogate never occurs in UTF-8
  if (ignoreCase) {
    const cls = foldClass(cp);
    if (cls.length > 1) return set.codePoints(cls.map((c) => [c, c] as const));
  }
  if (cp < 0x80) return set.byte(cp);
  return set.concat(encodeUtf8(cp).map((b) => set.byte(b)));
}
