/**
 * The pure helpers of bench/diffusion-jme.mjs (json-mode-eval-extended with the MDM): eth-sri's
 * functional check is `json.dumps(json.loads(x), indent=4)` in Python, so the normaliser is tested
 * against Python itself (when python3 is on PATH) and against the dataset's references, which are
 * Python's output already; row selection, the prompt cut and the summary by example.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildJmePrompt, functionalMatch, parseRows, pyFloatRepr, pyJsonNormalize, selectRows, summarize } from "../../bench/lib/jme.mjs";

const DATA = "/work/shared/json-mode-eval/json-mode-eval-extended.jsonl";
const hasData = existsSync(DATA);
const hasPython = (() => {
  try {
    execFileSync("python3", ["-c", "import json"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Python's json.dumps(json.loads(t), indent=4) for each text (null where json.loads fails), in one process. */
function pythonNormalize(texts: string[]): Array<string | null> {
  const script = "import json,sys\nout=[]\nfor t in json.load(sys.stdin):\n  try: out.append(json.dumps(json.loads(t), indent=4))\n  except Exception: out.append(None)\nprint(json.dumps(out))";
  return JSON.parse(execFileSync("python3", ["-c", script], { input: JSON.stringify(texts), encoding: "utf8" }));
}

/** JSON texts with the spellings Python reads differently from JSON.parse: ints vs floats, exponents, big ints, duplicate keys, escapes. */
const numberText = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? "-0.0" : String(x).replace("e+", "e"))),
  fc.tuple(fc.integer({ min: -999, max: 999 }), fc.nat(99), fc.integer({ min: -30, max: 30 }), fc.constantFrom("e", "E", "e+", "e-")).map(([a, b, e, s]) => `${a}.${b}${s}${Math.abs(e)}`),
  fc.constantFrom("0", "-0", "0.0", "-0.0", "1.0", "1e16", "1e15", "1.5e-5", "0.0001", "0.00001", "123456789012345678", "1e400", "2.50"),
);
const stringText = fc.string({ unit: "binary", maxLength: 8 }).map((s) => JSON.stringify(s));
const ws = fc.constantFrom("", " ", "\n", "  \t");
const { value: jsonText } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    numberText,
    stringText,
    fc.constantFrom("true", "false", "null"),
    fc.tuple(ws, fc.array(tie("value"), { maxLength: 4 })).map(([w, xs]) => `[${w}${xs.join(`,${w}`)}]`),
    fc.tuple(ws, fc.array(fc.tuple(fc.constantFrom('"a"', '"b"', '"ключ"', '"c"'), tie("value")), { maxLength: 4 })).map(([w, kv]) => `{${w}${kv.map(([k, v]) => `${k}${w}:${v}`).join(",")}}`),
  ),
}));

describe("pyJsonNormalize (eth-sri's functional check)", () => {
  it.skipIf(!hasPython)("equals Python's json.dumps(json.loads(x), indent=4) on random JSON texts", () => {
    const texts = fc.sample(jsonText, { numRuns: 400, seed: 7 });
    texts.push("[1, 2", "NaN", "", " {} ", '"\\ud83d\\ude00 \\u007f"');
    const py = pythonNormalize(texts);
    const ours = texts.map((t) => pyJsonNormalize(t));
    // Python's json.loads also takes NaN / Infinity, which JSON and we do not
    for (let i = 0; i < texts.length; i++) if (texts[i] !== "NaN") expect([texts[i], ours[i]]).toEqual([texts[i], py[i]]);
  });

  it.skipIf(!hasPython)("pyFloatRepr equals Python's repr(float) on random doubles", () => {
    const xs = fc.sample(fc.double({ noNaN: true }), { numRuns: 300, seed: 3 });
    xs.push(1e16, 1e15, 1e-4, 1e-5, 123456789.125, -0, 5e-324, Number.MAX_VALUE);
    const py: string[] = JSON.parse(
      execFileSync("python3", ["-c", "import json,sys\nprint(json.dumps([repr(float(x)).replace('inf','Infinity') for x in json.load(sys.stdin)]))"], {
        input: JSON.stringify(xs.map((x) => (Object.is(x, -0) ? "-0.0" : String(x)))),
        encoding: "utf8",
      }),
    );
    expect(xs.map(pyFloatRepr)).toEqual(py);
  });

  it.skipIf(!hasData)("leaves every reference of the data set unchanged (they are Python's output)", () => {
    const rows = parseRows(readFileSync(DATA, "utf8"));
    expect(rows).toHaveLength(272);
    for (const r of rows) expect(pyJsonNormalize(r.output)).toBe(r.output);
  });

  it("matches values with their key order, not their whitespace; ints and floats differ as in Python", () => {
    expect(functionalMatch('{"a": 1, "b": [true]}', '{\n    "a": 1,\n    "b": [\n        true\n    ]\n}')).toBe(true);
    expect(functionalMatch('{"b": [true], "a": 1}', '{"a": 1, "b": [true]}')).toBe(false);
    expect(functionalMatch('{"a": 1.0}', '{"a": 1}')).toBe(false);
    expect(functionalMatch('{"a": 45.70}', '{"a": 45.7}')).toBe(true);
    expect(functionalMatch('{"a": 1', '{"a": 1}')).toBe(false);
    expect(pyJsonNormalize('{"a": 1, "a": 2, "b": 3}')).toBe('{\n    "a": 2,\n    "b": 3\n}');
  });
});

describe("rows and prompts", () => {
  const fake = (n: number, schema: (i: number) => string) => Array.from({ length: n }, (_, index) => ({ index, instance_id: `jsonschema_${index}`, input: `in ${index}`, schema: schema(index), output: "{}" }));

  it("selects ranges, one row per distinct schema, and the first n", () => {
    const rows = fake(9, (i) => `{"title":"s${Math.floor(i / 3)}"}`);
    expect(selectRows(rows, { rows: "2-4" }).map((r) => r.index)).toEqual([2, 3, 4]);
    expect(selectRows(rows, { rows: "5" }).map((r) => r.index)).toEqual([5]);
    expect(selectRows(rows, { onePerSchema: true }).map((r) => r.index)).toEqual([0, 3, 6]);
    expect(selectRows(rows, { rows: "1-8", onePerSchema: true, n: 2 }).map((r) => r.index)).toEqual([1, 3]);
    expect(() => selectRows(rows, { rows: "4-2" })).toThrow(/empty/);
    expect(() => selectRows(rows, { rows: "x" })).toThrow(/--rows/);
  });

  it.skipIf(!hasData)("finds the data set's 88 distinct schemas", () => {
    expect(selectRows(parseRows(readFileSync(DATA, "utf8")), { onePerSchema: true })).toHaveLength(88);
  });

  it("renders the schema compactly and cuts the prompt from the left, keeping the input and the cue", () => {
    const encode = (s: string) => [...s].map((c) => c.charCodeAt(0));
    const text = (ids: number[]) => String.fromCharCode(...ids);
    const whole = buildJmePrompt('{ "type" : "object" }', "hello", encode, 1000);
    expect(text(whole.ids)).toBe('Schema:\n{"type":"object"}\nInput:\nhello\nJSON:\n');
    expect(whole.truncated).toBe(false);
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(80), (input, budget) => {
        const p = buildJmePrompt('{"type":"string"}', input, encode, budget);
        const full = encode(`Schema:\n{"type":"string"}\nInput:\n${input}\nJSON:\n`);
        expect(p.ids.length).toBe(Math.min(budget, full.length));
        expect(p.ids).toEqual(full.slice(full.length - p.ids.length));
        expect(p.truncated).toBe(full.length > budget);
        expect(p.fullTokens).toBe(full.length);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe("summarize", () => {
  const run = (o: Record<string, unknown>) => ({ json: true, grammar: true, ajv: true, syntax: true, fallback: false, functional: false, token_witness: true, wall_ms: 100, stats: { model_ms: 80, constraint_ms: 10, checks: 5, check_ms_p50: 0.1, check_ms_p99: 2 }, ...o });
  it("counts Con.− (no fallback) apart from Con., errors and uncompiled rows, and the paper's timing metric", () => {
    const records = [
      { index: 0, masks: 256, compile: { ok: true }, prompt: { truncated: true }, con: run({ wall_ms: 300 }), unc: run({ syntax: false, grammar: false, ajv: false, wall_ms: 100, check_mode: "none", token_witness: false }) },
      { index: 1, masks: 256, compile: { ok: true }, con: run({ fallback: true, token_witness: false, wall_ms: 500 }), unc: run({ wall_ms: 100, functional: true }) },
      { index: 2, masks: 256, compile: { ok: true }, con: { error: "timeout", wall_ms: 9 }, unc: run({ json: false, syntax: false, grammar: false, ajv: false }) },
      { index: 3, masks: 256, compile: { ok: false, error: "unsupported keyword" } },
    ];
    const s = summarize(records);
    expect(s.compiled).toBe(3);
    expect(s.not_compiled).toEqual([{ index: 3, error: "unsupported keyword" }]);
    expect(s.truncated_prompts).toBe(1);
    expect(s.constrained).toMatchObject({ runs: 3, errors: 1, timeouts: 1, syntax: 2, con_minus: 1, fallback: 1, no_token_witness: 1, checks_per_row: 5, constraint_over_model: 0.125 });
    expect(s.unconstrained).toMatchObject({ runs: 3, errors: 0, json: 2, syntax: 1, functional: 1, no_token_witness: 0 });
    // rows 0 and 1 have both runs: extra 200 and 400 ms, ratios 3 and 5 (nearest-rank median: the lower)
    expect(s.timing).toEqual({ rows: 2, median_extra_ms: 200, median_ratio: 3 });
  });
});
