// Pure helpers of bench/diffusion-jme.mjs (json-mode-eval-extended, the paper's JSON task): row
// selection, the prompt for the bundled MDM, eth-sri's functional check, and the summary of per-row
// records. No model, no dist/ imports: test/bench/diffusion-jme.test.ts tests them directly.

/** Rows of json-mode-eval-extended.jsonl (`instance_id`, `input`, `schema`, `output`: strings), with their index. */
export function parseRows(text) {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, index) => ({ index, ...JSON.parse(l) }));
}

/**
 * The rows to run: `rows` "a-b" (inclusive, 0-based) or "a"; `onePerSchema` keeps the first row of
 * each distinct schema text (88 of 272); `n` keeps the first n after that.
 */
export function selectRows(all, { rows, onePerSchema = false, n } = {}) {
  let picked = all;
  if (rows !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(rows);
    if (!m) throw new Error(`--rows wants a or a-b (0-based, inclusive), not ${JSON.stringify(rows)}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new Error(`--rows ${rows}: the range is empty`);
    picked = picked.filter((r) => r.index >= a && r.index <= b);
  }
  if (onePerSchema) {
    const seen = new Set();
    picked = picked.filter((r) => (seen.has(r.schema) ? false : (seen.add(r.schema), true)));
  }
  if (n !== undefined) picked = picked.slice(0, n);
  return picked;
}

/**
 * Prompt for the bundled MDM, which is no chat model (raw JSON and code, 512 positions):
 * `Schema:\n<schema, compact>\nInput:\n<input>\nJSON:\n`. The schema comes first so that a cut from
 * the left (to leave `budget` tokens at most, the rest of the context being the masked positions)
 * loses the schema's head before the input and the cue; the model sees the schema's property names
 * near the output, which is what a 9M model can copy from.
 */
export function buildJmePrompt(schemaText, input, encode, budget) {
  let schema;
  try {
    schema = JSON.stringify(JSON.parse(schemaText));
  } catch {
    schema = schemaText;
  }
  const ids = encode(`Schema:\n${schema}\nInput:\n${input}\nJSON:\n`);
  const keep = Math.max(0, budget);
  return { ids: ids.length > keep ? ids.slice(ids.length - keep) : ids, fullTokens: ids.length, truncated: ids.length > keep };
}

// ---- eth-sri's functional check: json.dumps(json.loads(x), indent=4) (Python), key order kept ----

/** A JSON number kept as its source text (Python's json.loads makes ints exact and floats doubles). */
class Num {
  constructor(source) {
    this.source = source;
  }
}

/** JSON.parse with numbers kept as source text and duplicate keys as Python's dict does (first position, last value). */
function parseKeepingNumbers(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = () => {
    throw new SyntaxError(`not JSON at offset ${i}`);
  };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = new Map();
      ws();
      if (text[i] === "}") return i++, obj;
      for (;;) {
        ws();
        STRING.lastIndex = i;
        const m = STRING.exec(text);
        if (!m) fail();
        i += m[0].length;
        ws();
        if (text[i] !== ":") fail();
        i++;
        obj.set(JSON.parse(m[0]), value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return i++, obj;
        else fail();
      }
    }
    if (c === "[") {
      i++;
      const arr = [];
      ws();
      if (text[i] === "]") return i++, arr;
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return i++, arr;
        else fail();
      }
    }
    if (c === '"') {
      STRING.lastIndex = i;
      const m = STRING.exec(text);
      if (!m) fail();
      i += m[0].length;
      return JSON.parse(m[0]);
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]]) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) fail();
    i += m[0].length;
    return new Num(m[0]);
  };
  const v = value();
  ws();
  if (i !== text.length) fail();
  return v;
}

/** Python's repr(float(source)): shortest round-trip digits, exponent form when the exponent is < -4 or ≥ 16. */
export function pyFloatRepr(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, e] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const exp = Number(e);
  if (exp < -4 || exp >= 16) {
    const m = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const ae = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac === "" ? "0" : frac}`;
}

/** Python json.dumps's string form with ensure_ascii (the default): \uXXXX (lower-case hex) for non-ASCII. */
function pyString(s) {
  let out = '"';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += s[k];
  }
  return out + '"';
}

function pyDump(v, depth) {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "string") return pyString(v);
  if (v instanceof Num) {
    // json.loads: an integer literal is a Python int (exact, "-0" is 0), anything else a float
    if (/^-?[0-9]+$/.test(v.source)) return BigInt(v.source).toString();
    return pyFloatRepr(Number(v.source));
  }
  const pad = " ".repeat(4 * (depth + 1));
  const end = " ".repeat(4 * depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[\n" + v.map((x) => pad + pyDump(x, depth + 1)).join(",\n") + "\n" + end + "]";
  }
  if (v.size === 0) return "{}";
  return "{\n" + [...v].map(([k, x]) => pad + pyString(k) + ": " + pyDump(x, depth + 1)).join(",\n") + "\n" + end + "}";
}

/**
 * `json.dumps(json.loads(text), indent=4)` as Python writes it (eth-sri's checker normalises both the
 * sample and the reference so; the dataset's `output` is already in this form), or null when
 * `text` is not JSON. Python's json.loads also takes NaN/Infinity; JSON.parse and this do not.
 */
export function pyJsonNormalize(text) {
  let v;
  try {
    v = parseKeepingNumbers(text);
  } catch {
    return null;
  }
  return pyDump(v, 0);
}

/** eth-sri's functional check: the normalised sample equals the normalised reference. */
export function functionalMatch(sample, reference) {
  const a = pyJsonNormalize(sample);
  return a !== null && a === pyJsonNormalize(reference);
}

// ---- summary of per-row records ----

/** p-quantile (nearest rank) of numbers; 0 for none. */
export function quantile(values, p) {
  if (values.length === 0) return 0;
  const s = [...values].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/**
 * Totals over per-row records (bench/diffusion-jme.mjs's `--json` lines): per decoder, syntax
 * (grammar AND ajv), grammar, ajv, JSON.parse, functional; Con.− (syntax without the fallback) and
 * Con. (syntax); times and checks; the paper's timing metric over rows with both runs.
 */
export function summarize(records) {
  const compiled = records.filter((r) => r.compile.ok);
  const side = (key) => {
    const runs = compiled.map((r) => r[key]).filter((x) => x !== undefined);
    const ok = runs.filter((x) => !x.error);
    const sum = (f) => ok.reduce((a, x) => a + f(x), 0);
    return {
      runs: runs.length,
      errors: runs.length - ok.length,
      timeouts: runs.filter((x) => x.error === "timeout").length,
      json: ok.filter((x) => x.json).length,
      grammar: ok.filter((x) => x.grammar).length,
      ajv: ok.filter((x) => x.ajv).length,
      syntax: ok.filter((x) => x.syntax).length,
      con_minus: ok.filter((x) => x.syntax && !x.fallback).length,
      fallback: ok.filter((x) => x.fallback).length,
      functional: ok.filter((x) => x.functional).length,
      // only constrained runs look for a token-level witness (unconstrained ones report false)
      no_token_witness: ok.filter((x) => x.check_mode !== "none" && x.token_witness === false).length,
      model_ms_per_row: ok.length ? Math.round(sum((x) => x.stats.model_ms) / ok.length) : 0,
      constraint_ms_per_row: ok.length ? Math.round(sum((x) => x.stats.constraint_ms) / ok.length) : 0,
      wall_ms_per_row: ok.length ? Math.round(sum((x) => x.wall_ms) / ok.length) : 0,
      constraint_over_model: sum((x) => x.stats.model_ms) ? +(sum((x) => x.stats.constraint_ms) / sum((x) => x.stats.model_ms)).toFixed(3) : 0,
      checks_per_row: ok.length ? +(sum((x) => x.stats.checks) / ok.length).toFixed(1) : 0,
      median_check_ms_p50: quantile(ok.map((x) => x.stats.check_ms_p50), 0.5),
      median_check_ms_p99: quantile(ok.map((x) => x.stats.check_ms_p99), 0.5),
      max_check_ms_p99: quantile(ok.map((x) => x.stats.check_ms_p99), 1),
      last_resort: sum((x) => x.stats.last_resort ?? 0),
      unknown_refused: sum((x) => x.stats.unknown_refused ?? 0),
      skipped: sum((x) => x.stats.skipped ?? 0),
    };
  };
  const both = compiled.filter((r) => r.con && r.unc && !r.con.error && !r.unc.error);
  return {
    rows: records.length,
    compiled: compiled.length,
    not_compiled: records.filter((r) => !r.compile.ok).map((r) => ({ index: r.index, error: r.compile.error })),
    truncated_prompts: records.filter((r) => r.prompt?.truncated).length,
    masks: [...new Set(records.map((r) => r.masks))],
    constrained: side("con"),
    unconstrained: side("unc"),
    timing: {
      rows: both.length,
      median_extra_ms: Math.round(quantile(both.map((r) => r.con.wall_ms - r.unc.wall_ms), 0.5)),
      median_ratio: +quantile(both.map((r) => r.con.wall_ms / r.unc.wall_ms), 0.5).toFixed(2),
    },
  };
}
