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
  const reported = new Set<string>();
  for (const r of rules.values()) {
    walkRule(r.expr, (e) => {
      if (e.type === "rule" && !rules.has(e.name)) {
        const key = `r:${e.name}`;
        if (!reported.has(key)) {
          reported.add(key);
          err(`undefined rule '${e.name}' (used in '${r.name}')`, e.loc ?? r.loc);
        }
      } else if (e.type === "terminal" && !terms.has(e.name)) {
        const key = `t:${e.name}`;
        if (!reported.has(key)) {
          reported.add(key);
          err(`undefined terminal '${e.name}' (used in '${r.name}')`, e.loc ?? r.loc);
        }
      }
    });
  }
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
  const productive = new Set<string>();
  // undefined rules were reported above; count them as productive to avoid follow-up errors
  const isProductive = (e: RuleExpr): boolean => {
    switch (e.type) {
      case "terminal":
        return true;
      case "rule":
        return productive.has(e.name) || !rules.has(e.name);
      case "seq":
        return e.items.every(isProductive);
      case "alt":
        return e.alts.some(isProductive);
      case "repeat":
        return e.min === 0 || isProductive(e.expr);
    }
  };
  // worklist fixpoint: re-examine a rule only when a rule it uses becomes productive
  const users = new Map<string, Set<string>>();
  for (const r of rules.values()) {
    walkRule(r.expr, (e) => {
      if (e.type === "rule") {
        let s = users.get(e.name);
        if (!s) users.set(e.name, (s = new Set()));
        s.add(r.name);
      }
    });
  }
  const work = [...rules.keys()];
  while (work.length > 0) {
    const name = work.pop()!;
    if (productive.has(name)) continue;
    if (isProductive(rules.get(name)!.expr)) {
      productive.add(name);
      for (const u of users.get(name) ?? []) if (!productive.has(u)) work.push(u);
    }
  }
  for (const r of rules.values()) {
    if (!productive.has(r.name)) {
      err(`rule '${r.name}' cannot produce any finite string (every alternative needs infinite recursion)`, r.loc);
    }
  }

  // --- reachability (warnings) ----------------------------------------------------------------
  if (startDef) {
    const usedRules = new Set<string>([g.start]);
    const usedTerms = new Set<string>();
    const ruleWork = [g.start];
    const termWork: string[] = [];
    const useTerm = (n: string) => {
      if (terms.has(n) && !usedTerms.has(n)) {
        usedTerms.add(n);
        termWork.push(n);
      }
    };
    for (const t of terms.values()) if (t.ignored) useTerm(t.name);
    while (ruleWork.length > 0) {
      const r = rules.get(ruleWork.pop()!);
      if (!r) continue;
      walkRule(r.expr, (e) => {
        if (e.type === "rule" && !usedRules.has(e.name)) {
          usedRules.add(e.name);
          ruleWork.push(e.name);
        } else if (e.type === "terminal") useTerm(e.name);
      });
    }
    while (termWork.length > 0) {
      walkTerm(terms.get(termWork.pop()!)!.expr, (e) => {
        if (e.type === "ref") useTerm(e.name);
      });
    }
    for (const r of rules.values()) {
      if (!usedRules.has(r.name) && isUserName(r.name)) warn(`rule '${r.name}' is never used from start rule '${g.start}'`, r.loc);
    }
    for (const t of terms.values()) {
      if (!usedTerms.has(t.name) && isUserName(t.name)) warn(`terminal '${t.name}' is never used from start rule '${g.start}'`, t.loc);
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
