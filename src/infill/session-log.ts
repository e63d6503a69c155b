/**
 * A record of every call a decoder makes to an `InfillSession`, so that the constraint's cost can
 * be measured without the model (bench/infill-replay.mjs): a generation is mostly model time, and
 * the session's work is a deterministic function of the canvas and the sequence of calls.
 *
 * The log is JSON lines, appended to a file. One `session` line per session (canvas, options: what
 * a replay needs to build the same session over the same grammar and vocabulary), then one line
 * per call with its answer and the time it took:
 *
 *   {"kind":"session","id":"…","canvas":[{"text":{"u":"int main"}},{"hole":{"tokens":7,…}}],"maxTokenBytes":16,"session":{…},"checker":{…},"speller":{"maxTokenBytes":16,"vocabSize":…}}
 *   {"kind":"call","id":"…","op":"check","status":"feasible","via":"chart","text":"9f2c1a07","ms":812.4}
 *   {"kind":"call","id":"…","op":"try","p":3,"bytes":{"u":" ="},"cheap":false,"status":"unknown","reason":"budget","via":"chart,tokenUnknown","ms":95.1}
 *   {"kind":"call","id":"…","op":"commit","p":3,"bytes":{"u":" ="},"ms":0.2}
 *   {"kind":"call","id":"…","op":"tryEnd","p":9,…} / {"op":"end","p":9} / {"op":"witnessTokenAt","p":4,"token":318}
 *
 * Bytes are `{"u": string}` when they are valid UTF-8, else `{"b": base64}`. `text` is a 32-bit
 * FNV-1a hash of a feasible answer's witness text (to tell "same answer, other witness" apart);
 * `via` lists the session's counters the call moved (which way answered it).
 *
 * Recording is turned on by the environment variable GRAMFILL_INFILL_LOG=FILE (the diffusion
 * decoder calls `recordSessionCalls` on its sessions); it wraps the session's public methods on
 * the instance and adds no work when it is off.
 */
import { appendFileSync } from "node:fs";
import type { Canvas, CanvasPart, HoleSpec } from "./canvas.js";
import type { InfillResult } from "./checker.js";
import type { InfillSession, SessionOptions } from "./session.js";

/** Bytes in a log line: UTF-8 text when they decode, else base64. */
export type LoggedBytes = { u: string } | { b: string };

export type LoggedPart = { text: LoggedBytes } | { hole: HoleSpec };

/** Options of the session and its checker that a replay must repeat (the speller by its parameters). */
export interface SessionLogHeader {
  kind: "session";
  id: string;
  canvas: LoggedPart[];
  maxTokenBytes: number;
  /** `SessionOptions` without the speller */
  session: Omit<SessionOptions, "speller">;
  /** `InfillOptions` the checker was built with */
  checker: Record<string, unknown>;
  /** token-exact sessions: `tokenSpeller(vocab, maxTokenBytes)` over a vocabulary of this size */
  speller: { maxTokenBytes: number; vocabSize: number } | null;
  /** where the session came from (e.g. "diffusion") */
  source?: string;
}

export type SessionLogCall =
  | { kind: "call"; id: string; op: "check"; status: string; reason?: string; text?: string; via: string; ms: number }
  | { kind: "call"; id: string; op: "try"; p: number; bytes: LoggedBytes; cheap: boolean; status: string; reason?: string; text?: string; via: string; ms: number }
  | { kind: "call"; id: string; op: "tryEnd"; p: number; cheap: boolean; status: string; reason?: string; text?: string; via: string; ms: number }
  | { kind: "call"; id: string; op: "commit"; p: number; bytes: LoggedBytes; ms: number }
  | { kind: "call"; id: string; op: "end"; p: number; ms: number }
  | { kind: "call"; id: string; op: "witnessTokenAt"; p: number; token: number; via: string; ms: number };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const enc = new TextEncoder();

export function logBytes(b: Uint8Array): LoggedBytes {
  try {
    return { u: strictUtf8.decode(b) };
  } catch {
    return { b: Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64") };
  }
}

export function unlogBytes(x: LoggedBytes): Uint8Array {
  return "u" in x ? enc.encode(x.u) : new Uint8Array(Buffer.from(x.b, "base64"));
}

export function logCanvas(canvas: Canvas): LoggedPart[] {
  return canvas.map((part: CanvasPart) => ("text" in part ? { text: logBytes(typeof part.text === "string" ? enc.encode(part.text) : part.text) } : { hole: { ...part.hole } }));
}

export function unlogCanvas(parts: readonly LoggedPart[]): Canvas {
  return parts.map((p) => ("text" in p ? { text: unlogBytes(p.text) } : { hole: { ...p.hole } }));
}

/** 32-bit FNV-1a of bytes, as 8 hex digits. */
export function bytesHash(b: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The parts of a result a replay compares: status, reason, the witness text's hash. */
export function answerOf(r: InfillResult): { status: string; reason?: string; text?: string } {
  return { status: r.status, ...(r.reason !== undefined && r.status === "unknown" ? { reason: r.reason } : {}), ...(r.status === "feasible" && r.text ? { text: bytesHash(r.text) } : {}) };
}

/** Names of the session counters that moved between two snapshots (which way answered a call). */
export function movedCounters(before: Record<string, number>, after: Record<string, number>): string {
  const out: string[] = [];
  for (const k of Object.keys(after)) if (k !== "checks" && after[k] !== before[k]) out.push(k);
  return out.join(",");
}

let sessionsLogged = 0;

/**
 * Wraps `session`'s public calls on the instance so that each appends a line to `file` (see the
 * header). Only the outermost call is logged (`witnessTokenAt` may run `check` inside). Returns the
 * same session.
 */
export function recordSessionCalls(session: InfillSession, file: string, header: Omit<SessionLogHeader, "kind" | "id" | "canvas">, canvas: Canvas): InfillSession {
  const id = `${process.pid}-${Date.now().toString(36)}-${sessionsLogged++}`;
  const write = (o: object) => appendFileSync(file, JSON.stringify(o) + "\n");
  write({ kind: "session", id, canvas: logCanvas(canvas), ...header });
  const s = session as unknown as Record<string, (...a: unknown[]) => unknown>;
  let depth = 0;
  const wrap = (name: string, line: (args: unknown[], result: unknown, via: string, ms: number) => object) => {
    const orig = s[name]!.bind(session);
    s[name] = (...args: unknown[]) => {
      if (depth > 0) return orig(...args);
      depth++;
      const before = { ...session.counts };
      const t0 = performance.now();
      try {
        const r = orig(...args);
        const ms = performance.now() - t0;
        write({ kind: "call", id, ...line(args, r, movedCounters(before, session.counts), Math.round(ms * 1000) / 1000) });
        return r;
      } finally {
        depth--;
      }
    };
  };
  wrap("check", (_a, r, via, ms) => ({ op: "check", ...answerOf(r as InfillResult), via, ms }));
  wrap("tryCommit", (a, r, via, ms) => ({ op: "try", p: a[0], bytes: logBytes(a[1] as Uint8Array), cheap: a[2] === true, ...answerOf(r as InfillResult), via, ms }));
  wrap("tryEnd", (a, r, via, ms) => ({ op: "tryEnd", p: a[0], cheap: a[1] === true, ...answerOf(r as InfillResult), via, ms }));
  wrap("commit", (a, _r, _via, ms) => ({ op: "commit", p: a[0], bytes: logBytes(a[1] as Uint8Array), ms }));
  wrap("end", (a, _r, _via, ms) => ({ op: "end", p: a[0], ms }));
  wrap("witnessTokenAt", (a, r, via, ms) => ({ op: "witnessTokenAt", p: a[0], token: r, via, ms }));
  return session;
}

/** The log file named by GRAMFILL_INFILL_LOG, if recording is on. */
export function sessionLogFile(): string | undefined {
  const f = typeof process !== "undefined" ? process.env.GRAMFILL_INFILL_LOG : undefined;
  return f ? f : undefined;
}
