/**
 * Static checks on a Grammar IR, whichever front-end produced it:
 * - errors: duplicate definitions, missing start rule, undefined rule/terminal references,
 *   rules that produce no finite string (terminals count as productive here; terminal emptiness is
 *   the regex engine's business), terminals defined through themselves (`A: B`, `B: A`);
 * - warnings: named rules and terminals never used from the start rule (anonymous terminals and
 *   generated rules are not reported).
 */
import { GramfillError, type SourceLocation } from "../util/errors.js";
import type { Diagnostic, Grammar, RuleExpr, TermExpr } from "./ir.js";

/** Names a user wrote (not anonymous terminals like `"{"` or generated rules like `a$ebnf$1`). */
function isUserName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
}

function withFile(loc: SourceLocation | undefined, file: string | undefined): SourceLocation | undefined {
  if (file === undefined) return loc;
  if (!loc) return { file };
  return loc.file === undefined ? { ...loc, file } : loc;
}

/** Returns every problem found, errors first, each with the best location known. */
export function validateGrammar(g: Grammar): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const err = (message: string, loc?: SourceLocation) => {
    const l = withFile(loc, g.file);
    errors.push(l ? { severity: "error", message, loc: l } : { severity: "error", message });
  };
  const warn = (message: string, loc?: SourceLocation) => {
    const l = withFile(loc, g.file);
    warnings.push(l ? { severity: "warning", message, loc: l } : { severity: "warning", message });
  };

  // --- duplicates -----------------------------------------------------------------------------
  const rules = new Map<string, Grammar["rules"][number]>();
  for (const r of g.rules) {
    const prev = rules.get(r.name);
    if (prev) err(`rule '${r.name}' is defined more than once${at(prev.loc)}`, r.loc);
    else rules.set(r.name, r);
  }
  const terms = new Map<string, Grammar["terminals"][number]>();
  for (const t of g.terminals) {
    const prev = terms.get(t.name);
    if (prev) err(`terminal '${t.name}' is defined more than once${at(prev.loc)}`, t.loc);
    else terms.set(t.name, t);
  }

  // --- start ----------------------------------------------------------------------------------
  const startDef = rules.get(g.start);
  if (!startDef) {
    const hint = g.rules.length > 0 ? ` (rules defined: ${g.rules.slice(0, 5).map((r) => r.name).join(", ")}${g.rules.length > 5 ? ", ..." : ""})` : "";
    err(`start rule '${g.start}' is not defined${hint}`, g.file !== undefined ? { file: g.file } : undefined);
  }

  // --- undefined references ---------------------------------------------------------------------
  // One pass over every rule body; it also records the rule -> rule and rule -> terminal edges (as
  // index lists, each target once per rule) that productivity and reachability need.
  const ruleList = [...rules.values()];
  const ruleId = new Map<string, number>();
  ruleList.forEach((r, i) => ruleId.set(r.name, i));
  const termList = [...terms.values()];
  const termId = new Map<string, number>();
  termList.forEach((t, i) => termId.set(t.name, i));
  const ruleEdgeStart = new Int32Array(ruleList.length + 1);
  const ruleEdges: number[] = [];
  const termEdgeStart = new Int32Array(ruleList.length + 1);
  const termEdges: number[] = [];
  const seenRule = new Int32Array(ruleList.length);
  const seenTerm = new Int32Array(termList.length);
  const reported = new Set<string>();
  const stack: RuleExpr[] = [];
  for (let i = 0; i < ruleList.length; i++) {
    const r = ruleList[i]!;
    ruleEdgeStart[i] = ruleEdges.length;
    termEdgeStart[i] = termEdges.length;
    stack.push(r.expr);
    while (stack.length > 0) {
      const e = stack.pop()!;
      switch (e.type) {
        case "rule": {
          const j = ruleId.get(e.name);
          if (j !== undefined) {
            if (seenRule[j] !== i + 1) {
              seenRule[j] = i + 1;
              ruleEdges.push(j);
            }
          } else if (!reported.has(`r:${e.name}`)) {
            reported.add(`r:${e.name}`);
            err(`undefined rule '${e.name}' (used in '${r.name}')`, e.loc ?? r.loc);
          }
          break;
        }
        case "terminal": {
          const j = termId.get(e.name);
          if (j !== undefined) {
            if (seenTerm[j] !== i + 1) {
              seenTerm[j] = i + 1;
              termEdges.push(j);
            }
          } else if (!reported.has(`t:${e.name}`)) {
            reported.add(`t:${e.name}`);
            err(`undefined terminal '${e.name}' (used in '${r.name}')`, e.loc ?? r.loc);
          }
          break;
        }
        case "seq":
          for (let k = e.items.length - 1; k >= 0; k--) stack.push(e.items[k]!);
          break;
        case "alt":
          for (let k = e.alts.length - 1; k >= 0; k--) stack.push(e.alts[k]!);
          break;
        case "repeat":
          stack.push(e.expr);
          break;
      }
    }
  }
  ruleEdgeStart[ruleList.length] = ruleEdges.length;
  termEdgeStart[ruleList.length] = termEdges.length;
  for (const t of terms.values()) {
    walkTerm(t.expr, (e) => {
      if (e.type === "ref" && !terms.has(e.name)) {
        const key = `t:${e.name}`;
        if (!reported.has(key)) {
          reported.add(key);
          err(`undefined terminal '${e.name}' (used in terminal '${t.name}')`, e.loc ?? t.loc);
        }
      }
    });
  }

  // --- terminal cycles ------------------------------------------------------------------------
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const reportedCycle = new Set<string>();
  for (const root of terms.keys()) {
    if (state.has(root)) continue;
    // iterative DFS so that long reference chains cannot overflow the stack
    const stack: Array<{ name: string; deps: string[]; i: number }> = [];
    const push = (name: string) => {
      state.set(name, 1);
      const deps: string[] = [];
      walkTerm(terms.get(name)!.expr, (e) => {
        if (e.type === "ref" && terms.has(e.name)) deps.push(e.name);
      });
      stack.push({ name, deps, i: 0 });
    };
    push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.deps.length) {
        state.set(top.name, 2);
        stack.pop();
        continue;
      }
      const d = top.deps[top.i++]!;
      const s = state.get(d);
      if (s === undefined) push(d);
      else if (s === 1) {
        const from = stack.findIndex((f) => f.name === d);
        const cycle = stack.slice(from).map((f) => f.name);
        const key = [...cycle].sort().join(" ");
        if (!reportedCycle.has(key)) {
          reportedCycle.add(key);
          err(`terminal '${d}' is defined in terms of itself (${[...cycle, d].join(" -> ")})`, terms.get(d)!.loc);
        }
      }
    }
  }

  // --- productivity -----------------------------------------------------------------------------
  const productive = new Uint8Array(ruleList.length);
  // undefined rules were reported above; count them as productive to avoid follow-up errors
  const isProductive = (e: RuleExpr): boolean => {
    switch (e.type) {
      case "terminal":
        return true;
      case "rule": {
        const j = ruleId.get(e.name);
        return j === undefined || productive[j] === 1;
      }
      case "seq":
        return e.items.every(isProductive);
      case "alt":
        return e.alts.some(isProductive);
      case "repeat":
        return e.min === 0 || isProductive(e.expr);
    }
  };
  // worklist fixpoint: re-examine a rule only when a rule it uses becomes productive
  const userStart = new Int32Array(ruleList.length + 1);
  for (const j of ruleEdges) userStart[j + 1]!++;
  for (let j = 0; j < ruleList.length; j++) userStart[j + 1]! += userStart[j]!;
  const users = new Int32Array(ruleEdges.length);
  const fill = userStart.slice(0, ruleList.length);
  for (let i = 0; i < ruleList.length; i++) {
    for (let k = ruleEdgeStart[i]!; k < ruleEdgeStart[i + 1]!; k++) users[fill[ruleEdges[k]!]!++] = i;
  }
  const work: number[] = [];
  for (let i = 0; i < ruleList.length; i++) work.push(i);
  while (work.length > 0) {
    const i = work.pop()!;
    if (productive[i]) continue;
    if (isProductive(ruleList[i]!.expr)) {
      productive[i] = 1;
      for (let k = userStart[i]!; k < userStart[i + 1]!; k++) if (!productive[users[k]!]) work.push(users[k]!);
    }
  }
  for (let i = 0; i < ruleList.length; i++) {
    if (!productive[i]) {
      const r = ruleList[i]!;
      err(`rule '${r.name}' cannot produce any finite string (every alternative needs infinite recursion)`, r.loc);
    }
  }

  // --- reachability (warnings) ----------------------------------------------------------------
  if (startDef) {
    const usedRules = new Uint8Array(ruleList.length);
    const usedTerms = new Uint8Array(termList.length);
    const ruleWork = [ruleId.get(g.start)!];
    usedRules[ruleWork[0]!] = 1;
    const termWork: number[] = [];
    const useTerm = (j: number) => {
      if (!usedTerms[j]) {
        usedTerms[j] = 1;
        termWork.push(j);
      }
    };
    for (let j = 0; j < termList.length; j++) if (termList[j]!.ignored) useTerm(j);
    while (ruleWork.length > 0) {
      const i = ruleWork.pop()!;
      for (let k = ruleEdgeStart[i]!; k < ruleEdgeStart[i + 1]!; k++) {
        const j = ruleEdges[k]!;
        if (!usedRules[j]) {
          usedRules[j] = 1;
          ruleWork.push(j);
        }
      }
      for (let k = termEdgeStart[i]!; k < termEdgeStart[i + 1]!; k++) useTerm(termEdges[k]!);
    }
    while (termWork.length > 0) {
      walkTerm(termList[termWork.pop()!]!.expr, (e) => {
        if (e.type === "ref") {
          const j = termId.get(e.name);
          if (j !== undefined) useTerm(j);
        }
      });
    }
    for (let i = 0; i < ruleList.length; i++) {
      const r = ruleList[i]!;
      if (!usedRules[i] && isUserName(r.name)) warn(`rule '${r.name}' is never used from start rule '${g.start}'`, r.loc);
    }
    for (let j = 0; j < termList.length; j++) {
      const t = termList[j]!;
      if (!usedTerms[j] && isUserName(t.name)) warn(`terminal '${t.name}' is never used from start rule '${g.start}'`, t.loc);
    }
  }

  return [...errors, ...warnings];
}

function at(loc: SourceLocation | undefined): string {
  return loc?.line !== undefined ? ` (first at line ${loc.line}, col ${loc.col})` : "";
}

/** Validates and throws the first error as a `grammar_invalid` GramfillError; returns the warnings. */
export function assertValidGrammar(g: Grammar): Diagnostic[] {
  const diags = validateGrammar(g);
  const first = diags.find((d) => d.severity === "error");
  if (first) throw new GramfillError("grammar_invalid", first.message, first.loc);
  return diags.filter((d) => d.severity === "warning");
}

/** Calls `f` on every node of a rule expression (iteratively; deep trees cannot overflow). */
export function walkRule(e: RuleExpr, f: (e: RuleExpr) => void): void {
  const stack: RuleExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    f(x);
    if (x.type === "seq") for (let i = x.items.length - 1; i >= 0; i--) stack.push(x.items[i]!);
    else if (x.type === "alt") for (let i = x.alts.length - 1; i >= 0; i--) stack.push(x.alts[i]!);
    else if (x.type === "repeat") stack.push(x.expr);
  }
}

/** Calls `f` on every node of a terminal expression (iteratively). */
export function walkTerm(e: TermExpr, f: (e: TermExpr) => void): void {
  const stack: TermExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    f(x);
    if (x.type === "seq") for (let i = x.items.length - 1; i >= 0; i--) stack.push(x.items[i]!);
    else if (x.type === "alt") for (let i = x.alts.length - 1; i >= 0; i--) stack.push(x.alts[i]!);
    else if (x.type === "repeat" || x.type === "not") stack.push(x.expr);
    else if (x.type === "and") for (let i = x.items.length - 1; i >= 0; i--) stack.push(x.items[i]!);
  }
}
