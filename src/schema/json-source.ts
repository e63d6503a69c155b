/**
 * JSON text → value, keeping the spelling of a number its double would not reproduce (Node 20's
 * `JSON.parse` has no reviver `context.source`): `9223372036854776001` parses as a `JsonNumber`
 * with that text, not as the double 9223372036854776000. The serializers write such a number as
 * spelled when the spelling is in the output form, so a labelled instance is walked as its text.
 */
import { GramfillError } from "../util/errors.js";
import { formatNumber } from "./numbers.js";

/** A JSON number with its source text (only where `formatNumber(Number(source)) !== source`). */
export class JsonNumber {
  constructor(readonly source: string) {}
  get value(): number {
    return Number(this.source);
  }
  toJSON(): number {
    return this.value;
  }
}

/** the serializer's number form: plain decimal, no trailing fraction zeros, no -0 */
const OUTPUT_FORM = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?$/;

/** A number's text in the output form: its source spelling if in that form, else the double's canonical text. */
export function numberText(v: number | JsonNumber): string {
  if (v instanceof JsonNumber) {
    if (OUTPUT_FORM.test(v.source) && v.source !== "-0") return v.source;
    v = v.value;
  }
  if (!Number.isFinite(v)) throw new GramfillError("input_invalid", `not a JSON number: ${v}`);
  return formatNumber(v);
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** A key written twice in one object: `JSON.parse` keeps the last value, so the text means less than it says. */
export class DuplicateKeyError extends SyntaxError {
  constructor(
    readonly key: string,
    /** index in the text of the repeated key's opening quote */
    readonly position: number,
  ) {
    super(`JSON: duplicate key ${JSON.stringify(key)} at position ${position}`);
  }
}

/** The first key repeated within one object of a JSON text, or undefined (also for text that is not JSON). */
export function firstDuplicateKey(text: string): DuplicateKeyError | undefined {
  try {
    parseJsonKeepingNumbers(text, { rejectDuplicateKeys: true });
    return undefined;
  } catch (e) {
    if (e instanceof DuplicateKeyError) return e;
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/**
 * `JSON.parse`, except numbers whose double loses their spelling become `JsonNumber`s; with
 * `rejectDuplicateKeys`, a key repeated in one object throws a `DuplicateKeyError`.
 */
export function parseJsonKeepingNumbers(text: string, opts: { rejectDuplicateKeys?: boolean } = {}): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`JSON: ${what} at position ${i}`);
  };
  const ws = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    i = re.lastIndex;
    return m[0];
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return o;
      }
      for (;;) {
        ws();
        const at = i;
        const k = match(STRING) ?? fail("expected a key");
        const key = JSON.parse(k) as string;
        if (opts.rejectDuplicateKeys && Object.prototype.hasOwnProperty.call(o, key)) throw new DuplicateKeyError(key, at);
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        const v = value();
        if (key === "__proto__") Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
        else o[key] = v;
        ws();
        const d = text[i++];
        if (d === "}") return o;
        if (d !== ",") fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        const d = text[i++];
        if (d === "]") return a;
        if (d !== ",") fail("expected ',' or ']'");
      }
    }
    if (c === '"') return JSON.parse(match(STRING) ?? fail("bad string")) as string;
    for (const [lit, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return v;
      }
    }
    const n = match(NUMBER) ?? fail("unexpected character");
    const d = Number(n);
    return Number.isFinite(d) && formatNumber(d) === n ? d : new JsonNumber(n);
  };
  const v = value();
  ws();
  if (i < text.length) fail("unexpected text after the value");
  return v;
}
