/**
 * The monitor against the language service on every evaluation snippet (bench/monitor-eval): the
 * identifiers it allows after the dot are exactly the service's identifier completions, token by
 * token over the bundled vocabulary; every offered name can be written (and ended); and the
 * checker's verdict agrees (an offered name type-checks, a made-up one is an error).
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TsMemberMonitor } from "../../src/monitors/typescript/member-monitor.js";
import { TsProject } from "../../src/monitors/typescript/project.js";
import { EVAL_DIR, allOnes, bundledVocab, has, promptOf, serviceIdentifiers, snippets, tokenText } from "./helpers.js";

const projects = new Map<string, TsProject>();
const project = (name: string) => {
  let p = projects.get(name);
  if (!p) projects.set(name, (p = TsProject.open(path.join(EVAL_DIR, name))));
  return p;
};
afterAll(() => projects.clear());

const notOffered: string[] = [];
const isBoundary = (ch: string) => ch.charCodeAt(0) < 0x80 && !/[A-Za-z0-9_$]/.test(ch);

describe("ts-members monitor is exact on the evaluation snippets", () => {
  const names = [...new Set(snippets.map((s) => s.project))];
  it("has at least 60 snippets over at least 5 projects", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(60);
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of names) {
    it(`${name}: allowed identifiers = the service's completions`, () => {
      const vocab = bundledVocab();
      const p = project(name);
      expect(p.warnings).toEqual([]);
      let checked = 0;
      for (const [k, s] of snippets.filter((x) => x.project === name).entries()) {
        const { file, prompt } = promptOf(s);
        const oracle = serviceIdentifiers(p, file, prompt);
        const offered = [...oracle.names];
        const free = !oracle.isMember || offered.length === 0; // e.g. a receiver of type any
        if (!free && !oracle.names.has(s.expected)) {
          // the file's own name is not offered when the cut drops its declaration (a member
          // declared further down the class): then the checker must reject it there too
          p.setText(file, prompt + s.expected);
          const errs = p.diagnostics(file).filter((d) => d.category === 1 && d.start === prompt.length);
          expect(errs.length, `${s.id}: ${s.expected} not offered, yet the checker accepts it`).toBeGreaterThan(0);
          notOffered.push(s.id);
        }
        const optional = prompt.endsWith("?.");
        const prefixes = new Set(offered.flatMap((n) => Array.from({ length: n.length }, (_, i) => n.slice(0, i + 1))));

        const m = new TsMemberMonitor(p, file, vocab, { prefix: prompt });
        expect(m.phase).toBe("triggered");
        const bits = allOnes(vocab.size);
        m.restrictMask(bits);
        expect(m.phase).toBe("constrained");
        if (free) expect(m.currentNames()).toBeNull();
        else expect(new Set(m.currentNames())).toEqual(oracle.names);

        // token by token: a prefix of an offered name, or a name ended by a boundary byte
        const wrong: string[] = [];
        for (let id = 0; id < vocab.size; id++) {
          if (!vocab.isNormal(id)) continue;
          const t = tokenText(vocab, id);
          let ended: string | undefined;
          for (let i = 1; i < t.length && ended === undefined; i++) if (oracle.names.has(t.slice(0, i)) && isBoundary(t[i]!)) ended = t.slice(0, i);
          if (ended !== undefined && /\.|w\s/.test(t.slice(ended.length))) continue; // a context inside the token: refused by design
          // after `?.` a call or an index may follow instead: `a?.(x)`, `a?.[0]`
          if (optional && /^[([]/.test(t) && /\.|w\s/.test(t)) continue;
          const want = free ? /^[A-Za-z_$#\u0080-\uffff]/.test(t) && !/\.|w\s/.test(t) : prefixes.has(t) || ended !== undefined || (optional && /^[([]/.test(t));
          if (free && /\.|w\s/.test(t)) continue;
          if (has(bits, id) !== want) wrong.push(`${JSON.stringify(t)} ${want ? "missing" : "allowed"}`);
          checked++;
        }
        expect(wrong, s.id).toEqual([]);
        for (const e of vocab.eosIds) expect(has(bits, e), "EOS while an identifier is owed").toBe(false);

        // every offered name can be written and ended
        for (const n of offered) {
          const ids = vocab.tokenizeGreedy(n + "(");
          let ok = 0;
          while (ok < ids.length && m.accept(ids[ok]!)) ok++;
          expect(ok, `${s.id}: ${n}(`).toBe(ids.length);
          m.rollback(ok);
        }

        // the checker's verdict on one offered name and on a made-up one (every 4th snippet)
        if (k % 4 === 0 && !free) {
          const good = offered[k % offered.length]!;
          p.setText(file, prompt + good);
          const at = (d: { start?: number; category: number }) => d.category === 1 && d.start !== undefined && d.start >= prompt.length && d.start < prompt.length + good.length;
          expect(p.diagnostics(file).filter(at).map((d) => d.code), `${s.id}: ${good}`).toEqual([]);
          const bad = "zzNotAMember";
          p.setText(file, prompt + bad);
          const badAt = (d: { start?: number; category: number }) => d.category === 1 && d.start !== undefined && d.start >= prompt.length && d.start < prompt.length + bad.length;
          expect(p.diagnostics(file).filter(badAt).length, `${s.id}: ${bad}`).toBeGreaterThan(0);
        }
        p.removeFile(file);
      }
      expect(checked).toBeGreaterThan(16 * 8000);
      // the cut hides few of the files' own names
      expect(notOffered.length).toBeLessThan(snippets.length / 10);
    });
  }
});
