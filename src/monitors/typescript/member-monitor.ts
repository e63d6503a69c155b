/**
 * Monitor-guided decoding (Agrawal et al., NeurIPS 2023) for TypeScript: while a model writes a
 * file of a project, the identifier after a member access (`expr.`, `expr?.`) must be one the
 * language service offers there, and the class after `new ` one it can construct.
 *
 * States: idle → triggered (the text ends in a context; the analysis is due) → constrained (the
 * analysis gave names; the identifier being written follows them) → idle (the identifier ended
 * with a boundary byte). A token may cross these: `length;` finishes the identifier and goes on;
 * `len` is a strict prefix of a legal name. When the service has nothing to offer (no member
 * completion there, `any`, a string or comment the scanner took for code) the identifier is free.
 *
 * Contexts that arise inside a token after its first byte (`x.y`, `).foo`) are refused: the
 * receiver would include part of the token, so the same text is written token by token instead.
 * A token starting with the trigger itself (`.foo`, ` Foo` after `new`) is checked against the
 * analysis of the text plus that first byte when `lookahead` is on (for `new` always: it is asked
 * only when the text ends in `new`); without lookahead `.foo`-style tokens are refused after an
 * expression, which costs nothing with GPT-2-style vocabularies (they split `.` from letters).
 */
import type { Monitor } from "../../mask/monitor.js";
import type { Vocabulary } from "../../vocab/vocabulary.js";
import { Ctx, FORBIDDEN, NameTrie, ScanState, type NameOracle } from "./scan.js";
import type { TsProject } from "./project.js";

export type MonitorPhase = NonNullable<Monitor["phase"]>;

export interface TsMemberMonitorOptions {
  /** the file's text before the output (the prompt) */
  prefix: string;
  /** the file's text after the cursor, kept after the output for the service (default none) */
  suffix?: string;
  /** check `.name` tokens with an analysis of the text plus `.` (default false: refuse them after an expression) */
  lookahead?: boolean;
  /** constrain the class after `new ` (default true) */
  constructors?: boolean;
}

/** Per-monitor counters, for benchmarks and `--format json`. */
export interface TsMonitorStats {
  /** restrictMask calls in a context (triggered or constrained) and their durations (ms) */
  monitoredSteps: number;
  monitoredMs: number[];
  /** restrictMask calls outside contexts (only the few tokens containing `.` are checked) */
  idleSteps: number;
  idleMs: number;
  /** language-service queries and their durations (ms) */
  queries: number;
  queryMs: number[];
}

/** Tokens that can open a context inside themselves: they contain `.`, or `w` + whitespace (`new X`). */
const sensitiveCache = new WeakMap<Vocabulary, Int32Array>();
function sensitiveTokens(vocab: Vocabulary): Int32Array {
  let s = sensitiveCache.get(vocab);
  if (!s) {
    const ids: number[] = [];
    for (let id = 0; id < vocab.size; id++) {
      if (!vocab.isNormal(id)) continue;
      const b = vocab.tokenBytes(id);
      for (let i = 0; i < b.length; i++) {
        if (b[i] === 0x2e || (b[i] === 0x77 && i + 1 < b.length && (b[i + 1] === 0x20 || b[i + 1] === 0x0a || b[i + 1] === 0x09 || b[i + 1] === 0x0d))) {
          ids.push(id);
          break;
        }
      }
    }
    s = Int32Array.from(ids);
    sensitiveCache.set(vocab, s);
  }
  return s;
}

export class TsMemberMonitor implements Monitor {
  readonly project: TsProject;
  readonly file: string;
  readonly vocab: Vocabulary;
  readonly stats: TsMonitorStats = { monitoredSteps: 0, monitoredMs: [], idleSteps: 0, idleMs: 0, queries: 0, queryMs: [] };
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly lookahead: boolean;
  private readonly constructors: boolean;
  private state: ScanState;
  /** state before each accepted token (for rollback) */
  private readonly history: ScanState[] = [];
  private readonly lengths: number[] = [];
  private generated = new Uint8Array(256);
  private genLen = 0;
  private genText: string | undefined = "";
  /** analyses of the current text, by context and origin */
  private readonly analyses = new Map<number, NameTrie | null>();
  private analysesAt = 0;
  private readonly sensitive: Int32Array;
  private readonly eos: Set<number>;
  private readonly own: Uint32Array;
  private readonly walk: ScanState[];
  private readonly scratch = new ScanState();
  private readonly oracle: NameOracle;

  constructor(project: TsProject, file: string, vocab: Vocabulary, opts: TsMemberMonitorOptions) {
    this.project = project;
    this.file = file;
    this.vocab = vocab;
    this.prefix = opts.prefix;
    this.suffix = opts.suffix ?? "";
    this.lookahead = opts.lookahead ?? false;
    this.constructors = opts.constructors ?? true;
    this.sensitive = sensitiveTokens(vocab);
    this.eos = new Set(vocab.eosIds);
    this.own = new Uint32Array((vocab.size + 31) >>> 5);
    this.walk = Array.from({ length: vocab.trie().maxDepth + 1 }, () => new ScanState());
    this.oracle = (ctx, at) => this.namesFor(ctx, at);
    // the prompt is code the model did not write: scan it without constraints, noting where the
    // last identifier written in a context began
    const s = new ScanState();
    const bytes = new TextEncoder().encode(opts.prefix);
    let identStart = -1;
    let identCtx = Ctx.None;
    let at = 0;
    const note: NameOracle = (ctx) => {
      identStart = at;
      identCtx = ctx;
      return null;
    };
    // (the user may write what the monitor would refuse, `a. b` say: then the context is dropped)
    for (; at < bytes.length; at++) if (!s.step(bytes[at]!, -1, note)) s.clearContext();
    s.ctxAt = -1;
    this.state = s;
    project.setText(file, this.prefix + this.suffix);
    // a cursor inside such an identifier (`c.ra|`): the rest of it follows the names offered
    // where it began, when what is typed so far is a prefix of one of them
    if (s.inIdentifier() && identStart >= 0 && bytes.subarray(identStart).every((b) => b >= 0x80 || /[\w$#]/.test(String.fromCharCode(b)))) {
      const before = new TextDecoder().decode(bytes.subarray(0, identStart));
      const names = this.analyze(identCtx, before);
      if (names !== null) {
        let node = 0;
        for (let i = identStart; i < bytes.length && node >= 0; i++) node = names.child(node, bytes[i]!);
        if (node >= 0) {
          s.names = names;
          s.nameNode = node;
        }
      }
      project.setText(file, this.prefix + this.suffix);
    }
  }

  /** Where the monitor is (see the file comment). */
  get phase(): MonitorPhase {
    const s = this.state;
    if (s.names !== null) return "constrained";
    if (s.ctx === Ctx.None) return "idle";
    return this.analyses.has(key(s.ctx, -1)) && this.analysesAt === this.genLen ? "constrained" : "triggered";
  }

  /** The text written so far after the prompt. */
  get text(): string {
    if (this.genText === undefined) this.genText = new TextDecoder().decode(this.generated.subarray(0, this.genLen));
    return this.genText;
  }

  /** The names the current context allows (after its analysis), or null when idle or free. */
  currentNames(): readonly string[] | null {
    const s = this.state;
    if (s.names !== null) return s.names.names;
    if (s.ctx === Ctx.None) return null;
    const t = this.namesFor(s.ctx, -1);
    return t === FORBIDDEN || t === null ? null : t.names;
  }

  restrictMask(bits: Uint32Array): void {
    const t0 = performance.now();
    const settled = this.state.isSettled();
    const own = this.own;
    const vocab = this.vocab;
    if (settled) {
      own.set(bits);
    } else {
      own.fill(0);
      this.walkTrie(own);
      if (this.state.mayEnd()) for (const e of this.eos) own[e >>> 5]! |= 1 << (e & 31);
      for (const id of vocab.specialIds) if (!this.eos.has(id)) own[id >>> 5]! |= 1 << (id & 31);
    }
    // tokens that open a context inside themselves
    const sens = this.sensitive;
    for (let k = 0; k < sens.length; k++) {
      const id = sens[k]!;
      if ((own[id >>> 5]! & (1 << (id & 31))) === 0 || (bits[id >>> 5]! & (1 << (id & 31))) === 0) continue;
      if (!this.simulate(id, this.scratch)) own[id >>> 5]! &= ~(1 << (id & 31));
    }
    for (let i = 0; i < bits.length; i++) bits[i]! &= own[i]!;
    const dt = performance.now() - t0;
    if (settled) {
      this.stats.idleSteps++;
      this.stats.idleMs += dt;
    } else {
      this.stats.monitoredSteps++;
      this.stats.monitoredMs.push(dt);
    }
  }

  /** Depth-first over the token trie from the current state; settled subtrees are taken whole. */
  private walkTrie(own: Uint32Array): void {
    const trie = this.vocab.trie();
    const states = this.walk;
    states[0]!.copyFrom(this.state);
    const end = trie.nodeCount;
    let m = 1;
    while (m < end) {
      const d = trie.depth(m);
      const st = states[d]!;
      st.copyFrom(states[d - 1]!);
      if (!st.step(trie.byteOf(m), d - 1, this.oracle)) {
        m = trie.subtreeEnd(m);
        continue;
      }
      if (st.isSettled()) {
        const e = trie.subtreeEnd(m);
        for (let k = m; k < e; k++) trie.addTokensOf(k, own);
        m = e;
        continue;
      }
      trie.addTokensOf(m, own);
      m++;
    }
  }

  /** Runs token `id` from the current state into `into`; false if refused. */
  private simulate(id: number, into: ScanState): boolean {
    into.copyFrom(this.state);
    const b = this.vocab.tokenBytes(id);
    for (let i = 0; i < b.length; i++) if (!into.step(b[i]!, i, this.oracle)) return false;
    return true;
  }

  accept(token: number): boolean {
    const vocab = this.vocab;
    if (!vocab.isNormal(token)) {
      if (this.eos.has(token) && !this.state.mayEnd()) return false;
      this.history.push(this.state.clone());
      this.lengths.push(0);
      return true;
    }
    const next = new ScanState();
    if (!this.simulate(token, next)) return false;
    next.ctxAt = -1;
    this.history.push(this.state);
    this.state = next;
    const b = vocab.tokenBytes(token);
    this.lengths.push(b.length);
    if (this.genLen + b.length > this.generated.length) {
      const g = new Uint8Array(Math.max(this.generated.length * 2, this.genLen + b.length));
      g.set(this.generated.subarray(0, this.genLen));
      this.generated = g;
    }
    this.generated.set(b, this.genLen);
    this.genLen += b.length;
    this.genText = undefined;
    return true;
  }

  rollback(tokens: number): void {
    for (let i = 0; i < tokens && this.history.length > 0; i++) {
      this.state = this.history.pop()!;
      this.genLen -= this.lengths.pop()!;
    }
    this.genText = undefined;
  }

  /** The analysis for a context of the current text (`at` -1) or of the text plus the token's first byte (`at` 0). */
  private namesFor(ctx: Ctx, at: number): NameTrie | null | typeof FORBIDDEN {
    if (at > 0) return FORBIDDEN;
    if (ctx === Ctx.New && !this.constructors) return null;
    if (at === 0 && ctx !== Ctx.New && !this.lookahead) return FORBIDDEN;
    if (this.analysesAt !== this.genLen) {
      this.analyses.clear();
      this.analysesAt = this.genLen;
    }
    const k = key(ctx, at);
    let t = this.analyses.get(k);
    if (t === undefined) {
      const extra = at === 0 ? (ctx === Ctx.New ? " " : ".") : "";
      t = this.analyze(ctx, this.prefix + this.text + extra);
      this.analyses.set(k, t);
    }
    return t;
  }

  /** Asks the service about the end of `text` (the file up to there): the names, or null (free). */
  private analyze(ctx: Ctx, text: string): NameTrie | null {
    this.project.setText(this.file, text + this.suffix);
    const r = ctx === Ctx.New ? this.project.constructorNames(this.file, text.length) : this.project.completions(this.file, text.length);
    this.stats.queries++;
    this.stats.queryMs.push(r.ms);
    return (ctx === Ctx.New || r.isMember) && r.names.length > 0 ? new NameTrie(r.names) : null;
  }
}

function key(ctx: Ctx, at: number): number {
  return ctx * 4 + (at + 1);
}
