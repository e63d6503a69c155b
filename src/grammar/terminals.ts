/**
 * Compiles the terminals of a Grammar IR into byte-level regular expressions of one `ExprSet`, the
 * alphabet of the lexer. Terminal references (`NUMBER: INT "." INT`) are resolved here, with cycles
 * reported; a terminal that matches the empty string or nothing at all is an error, because the
 * greedy lexer could never finish (or never start) such a lexeme.
 */
import { ExprSet, type ExprId } from "../regex/index.js";
import { GramfillError } from "../util/errors.js";
import type { Grammar, TermExpr, TerminalDef } from "./ir.js";

export interface CompiledTerminals {
  exprs: ExprSet;
  /** per terminal of `Grammar.terminals`, in order */
  patterns: ExprId[];
}

/**
 * `known`: TermExprs the caller already built in `exprs` (the JSON Schema compiler builds every
 * language in lockstep as TermExpr and ExprId), so their DAGs are not walked again.
 */
export function compileTerminals(g: Grammar, exprs: ExprSet = new ExprSet(), known?: WeakMap<TermExpr, ExprId>): CompiledTerminals {
  const byName = new Map<string, TerminalDef>(g.terminals.map((t) => [t.name, t]));
  const done = new Map<string, ExprId>();
  const inProgress = new Set<string>();

  const compileNamed = (t: TerminalDef): ExprId => {
    const cached = done.get(t.name);
    if (cached !== undefined) return cached;
    if (inProgress.has(t.name)) {
      throw new GramfillError("grammar_invalid", `terminal '${t.name}' refers to itself`, t.loc);
    }
    inProgress.add(t.name);
    const id = compileExpr(t.expr, t);
    inProgress.delete(t.name);
    done.set(t.name, id);
    return id;
  };

  // TermExprs may be DAGs (the JSON Schema compiler shares sub-expressions): compile each node once
  const memo = new WeakMap<TermExpr, ExprId>();
  const compileExpr = (e: TermExpr, owner: TerminalDef): ExprId => {
    if (e.type === "ref") return compileNode(e, owner);
    let id = known?.get(e) ?? memo.get(e);
    if (id === undefined) memo.set(e, (id = compileNode(e, owner)));
    return id;
  };

  const compileNode = (e: TermExpr, owner: TerminalDef): ExprId => {
    switch (e.type) {
      case "literal":
        return exprs.literal(e.value, e.ignoreCase ?? false);
      case "regex":
        return withLocation(() => exprs.fromRegex(e.source, e.flags, "whole"), owner, e);
      case "charset":
        return exprs.codePoints(e.ranges, e.negated ?? false);
      case "ref": {
        const target = byName.get(e.name);
        if (!target) throw new GramfillError("grammar_invalid", `undefined terminal '${e.name}'`, e.loc ?? owner.loc);
        return compileNamed(target);
      }
      case "seq":
        return exprs.concat(e.items.map((x) => compileExpr(x, owner)));
      case "alt":
        return exprs.or(e.alts.map((x) => compileExpr(x, owner)));
      case "repeat":
        return exprs.repeat(compileExpr(e.expr, owner), e.min, e.max);
      case "and":
        return exprs.and(e.items.map((x) => compileExpr(x, owner)));
      case "not":
        return exprs.not(compileExpr(e.expr, owner));
    }
  };

  const patterns = g.terminals.map((t) => {
    const id = compileNamed(t);
    if (exprs.nullable(id)) {
      throw new GramfillError("grammar_invalid", `terminal '${t.name}' matches the empty string`, t.loc);
    }
    if (exprs.isEmpty(id)) {
      throw new GramfillError("grammar_invalid", `terminal '${t.name}' matches nothing`, t.loc);
    }
    return id;
  });
  return { exprs, patterns };
}

/** Regex errors carry an offset inside the regex; re-anchor them at the terminal's location. */
function withLocation(f: () => ExprId, owner: TerminalDef, e: TermExpr): ExprId {
  try {
    return f();
  } catch (err) {
    if (err instanceof GramfillError && (err.code === "regex_syntax" || err.code === "regex_unsupported")) {
      const at = err.location?.offset !== undefined ? ` (at offset ${err.location.offset} of the regex)` : "";
      throw new GramfillError(err.code, `terminal '${owner.name}': ${err.message}${at}`, e.loc ?? owner.loc);
    }
    throw err;
  }
}
