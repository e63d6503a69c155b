import { describe, expect, it } from "vitest";
import { ExprSet } from "../../src/regex/index.js";
import { GramfillError } from "../../src/util/errors.js";
import { jsWhole, matches } from "./helpers.js";

const set = new ExprSet();

function errorOf(src: string, flags = ""): { code: string; offset: number | undefined; message: string } {
  try {
    set.fromRegex(src, flags);
  } catch (err) {
    expect(err).toBeInstanceOf(GramfillError);
    const g = err as GramfillError;
    return { code: g.code, offset: g.location?.offset, message: g.message };
  }
  throw new Error(`expected /${src}/ to be rejected`);
}

/** Code points probed for escape/class semantics: all of Latin-1 plus boundaries and specials. */
const PROBES: number[] = (() => {
  const cps = new Set<number>();
  for (let cp = 0; cp < 0x250; cp++) cps.add(cp);
  for (const b of [0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff, 0x1f600, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff, 0x1680, 0x2000, 0x200a, 0x200b, 0x212a, 0x2126, 0x0660, 0x0966, 0xff10, 0x1d7ce])
    cps.add(b);
  for (let cp = 0x370; cp < 0x400; cp++) cps.add(cp);
  return [...cps];
})();

function agreesOnProbes(src: string, flags = ""): void {
  const e = set.fromRegex(src, flags);
  const js = jsWhole(src, flags);
  const wrong = PROBES.filter((cp) => matches(set, e, String.fromCodePoint(cp)) !== js.test(String.fromCodePoint(cp)));
  expect({ src, flags, wrong }).toEqual({ src, flags, wrong: [] });
}

describe("escapes", () => {
  it.each(["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "[\\d]", "[^\\w]", "[\\W\\d]", "[^\\s\\d]", "."])(
    "%s agrees with RegExp on probes, with and without i/s",
    (src) => {
      for (const flags of ["", "i", "s"]) agreesOnProbes(src, flags);
    },
  );

  it.each([
    ["\\t", "\t"], ["\\n", "\n"], ["\\r", "\r"], ["\\v", "\v"], ["\\f", "\f"], ["\\0", "\0"], ["\\cJ", "\n"], ["\\cj", "\n"],
    ["\\x41", "A"], ["\\xe9", "é"], ["\\u00e9", "é"], ["\\u{1F600}", "😀"], ["\\u{10FFFF}", "\u{10ffff}"], ["\\uD83D\\uDE00", "😀"],
    ["[\\uD83D\\uDE00]", "😀"], ["😀", "😀"], ["[😀-😂]", "😁"], ["\\.", "."], ["\\/", "/"], ["\\*", "*"], ["\\\\", "\\"], ["\\$", "$"],
    ["[\\-]", "-"], ["[\\b]", "\b"], ["\\-", "-"],
  ])("%s matches exactly %j", (src, text) => {
    const e = set.fromRegex(src);
    expect(matches(set, e, text)).toBe(true);
    expect(matches(set, e, text + text)).toBe(false);
    expect(matches(set, e, "")).toBe(false);
  });

  it("a surrogate pair escape is one code point, never two", () => {
    const e = set.fromRegex("\\uD83D\\uDE00");
    expect(set.shortestMember(e)).toEqual(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]));
    // a lone surrogate can never occur in UTF-8
    expect(set.isEmpty(set.fromRegex("\\uD83D"))).toBe(true);
    expect(set.isEmpty(set.fromRegex("[\\uD800-\\uDFFF]"))).toBe(true);
  });

  it("\\p{...} properties agree with RegExp", () => {
    for (const p of ["L", "Lu", "Ll", "Nd", "Letter", "Script=Greek", "sc=Cyrillic", "Script_Extensions=Latin", "Alphabetic", "White_Space", "ASCII", "Any", "Emoji"]) {
      agreesOnProbes(`\\p{${p}}`);
      agreesOnProbes(`\\P{${p}}`);
      agreesOnProbes(`[^\\p{${p}}a]`);
    }
    agreesOnProbes("\\p{Lu}", "i");
    agreesOnProbes("\\P{Lu}", "i");
    agreesOnProbes("[^\\p{Lu}]", "i");
    agreesOnProbes("[^\\P{Ll}]", "i");
  });

  it("\\p{Script=Greek} accepts Greek and rejects Latin (multi-byte)", () => {
    const e = set.fromRegex("\\p{Script=Greek}+");
    expect(matches(set, e, "λόγος")).toBe(true);
    expect(matches(set, e, "λόγοs")).toBe(false);
  });

  it("unknown property names are regex_syntax errors with the offset of the escape", () => {
    expect(errorOf("ab\\p{NoSuchProperty}")).toMatchObject({ code: "regex_syntax", offset: 2 });
    expect(errorOf("\\p{Script=Nope}")).toMatchObject({ code: "regex_syntax", offset: 0 });
    expect(errorOf("\\p{L")).toMatchObject({ code: "regex_syntax", offset: 0 });
    expect(errorOf("\\pL")).toMatchObject({ code: "regex_syntax", offset: 0 });
    expect(errorOf("x\\p{a}}")).toMatchObject({ code: "regex_syntax" });
  });
});

describe("case-insensitive matching follows u-mode simple case folding", () => {
  it.each([
    ["k", ["k", "K", "\u212a"], ["x"]],
    ["s", ["s", "S", "\u017f"], ["ß"]],
    ["ß", ["ß", "ẞ"], ["ss", "SS"]],
    ["σ", ["σ", "Σ", "ς"], ["s"]],
    ["i", ["i", "I"], ["ı", "İ"]],
    ["ǅ", ["ǅ", "ǆ", "Ǆ"], ["d"]],
    ["[a-c]", ["A", "b", "C"], ["d"]],
    ["[^a]", ["b", "B"], ["a", "A"]],
    ["\\w", ["\u017f", "\u212a", "a"], ["é"]],
    ["\\W", ["é", " "], ["\u017f", "\u212a", "s", "S", "k"]],
    ["[\\W]", ["é"], ["\u017f", "S"]],
    ["Straße", ["STRASSE".slice(0, 4) + "ẞE", "straße"], ["strasse"]],
  ] as const)("/%s/i", (src, yes, no) => {
    const e = set.fromRegex(src, "i");
    const js = jsWhole(src, "i");
    for (const s of yes) {
      expect([s, js.test(s)]).toEqual([s, true]);
      expect([s, matches(set, e, s)]).toEqual([s, true]);
    }
    for (const s of no) {
      expect([s, js.test(s)]).toEqual([s, false]);
      expect([s, matches(set, e, s)]).toEqual([s, false]);
    }
  });

  it("literal(text, true) folds each code point", () => {
    const e = set.literal("Kλ", true);
    for (const s of ["kλ", "KΛ", "\u212aλ"]) expect(matches(set, e, s)).toBe(true);
    expect(matches(set, e, "kl")).toBe(false);
    expect(matches(set, set.literal("Kλ"), "kλ")).toBe(false);
  });
});

describe("groups, quantifiers, flags", () => {
  it.each([
    ["(?:ab)+", ["ab", "abab"], ["", "a", "aba"]],
    ["(?<year>\\d{4})-(?<m>\\d\\d)", ["2024-01"], ["2024-1"]],
    ["a{3}", ["aaa"], ["aa", "aaaa"]],
    ["a{2,}", ["aa", "aaaaa"], ["a"]],
    ["a{2,3}?", ["aa", "aaa"], ["a", "aaaa"]],
    ["a*?b+?", ["b", "aab"], ["a"]],
    ["a{0}", [""], ["a"]],
    ["(a|)", ["", "a"], ["aa"]],
    ["()", [""], ["a"]],
    ["[]", [], ["", "a"]],
    ["[^]", ["a", "\n", "😀"], ["", "ab"]],
    ["^abc$", ["abc"], ["ab"]],
    ["^a|b$", ["a", "b"], ["ab"]],
    ["^(a|b)$", ["a", "b"], ["ab"]],
    ["x{2}\\d{0,1}", ["xx", "xx1"], ["x", "xx12"]],
  ] as const)("/%s/", (src, yes, no) => {
    const e = set.fromRegex(src);
    for (const s of yes) expect([s, matches(set, e, s)]).toEqual([s, true]);
    for (const s of no) expect([s, matches(set, e, s)]).toEqual([s, false]);
  });

  it("the s flag makes . match line terminators", () => {
    for (const lt of ["\n", "\r", "\u2028", "\u2029"]) {
      expect(matches(set, set.fromRegex("."), lt)).toBe(false);
      expect(matches(set, set.fromRegex(".", "s"), lt)).toBe(true);
    }
    expect(matches(set, set.fromRegex("."), "\u0085")).toBe(true);
  });

  it("the x flag ignores whitespace and # comments outside classes", () => {
    const e = set.fromRegex("a b  # a comment\n c+ [ ]", "x");
    expect(matches(set, e, "abcc ")).toBe(true);
    expect(matches(set, e, "a bc ")).toBe(false);
    expect(matches(set, set.fromRegex("a\\ b", "x"), "a b")).toBe(true);
    expect(matches(set, set.fromRegex("a *", "x"), "aaa")).toBe(true);
  });

  it("m has no effect at the edges in whole mode; u is implied and accepted", () => {
    expect(matches(set, set.fromRegex("^a$", "m"), "a")).toBe(true);
    expect(matches(set, set.fromRegex("a", "u"), "a")).toBe(true);
  });

  it("search mode: unanchored, anchored and multiline", () => {
    const contains = set.fromRegex("ab", "", "search");
    expect(matches(set, contains, "xxabyy")).toBe(true);
    expect(matches(set, contains, "a b")).toBe(false);
    const start = set.fromRegex("^ab", "", "search");
    expect(matches(set, start, "abé")).toBe(true);
    expect(matches(set, start, "xab")).toBe(false);
    const ml = set.fromRegex("^ab$", "m", "search");
    expect(matches(set, ml, "x\nab\ny")).toBe(true);
    expect(matches(set, ml, "xab\ny")).toBe(false);
    // padding is "any code point": invalid UTF-8 around a match is rejected
    expect(matches(set, contains, new Uint8Array([0x61, 0x62, 0xff]))).toBe(false);
  });

  it("bad flags are regex_syntax errors", () => {
    expect(errorOf("a", "g").code).toBe("regex_syntax");
    expect(errorOf("a", "ii").code).toBe("regex_syntax");
  });
});

describe("unsupported constructs name the construct and its offset", () => {
  it.each([
    ["a(?=b)", 1, "lookahead (?="],
    ["a(?!b)", 1, "negative lookahead (?!"],
    ["(?<=a)b", 0, "lookbehind (?<="],
    ["xy(?<!a)b", 2, "negative lookbehind (?<!"],
    ["(a)\\1", 3, "backreference \\1"],
    ["(?<n>a)\\k<n>", 7, "backreference \\k<n>"],
    ["a\\b", 1, "word boundary \\b"],
    ["\\Ba", 0, "word boundary \\B"],
    ["a^b", 1, "anchor ^"],
    ["a$b", 1, "anchor $"],
    ["(^a|b)c", 1, "anchor ^"],
    ["(?:a$)+", 4, "anchor $"],
    ["a|b^", 3, "anchor ^"],
    ["(?i:a)", 0, "inline flag modifier"],
  ] as const)("/%s/", (src, offset, what) => {
    const err = errorOf(src);
    expect(err).toMatchObject({ code: "regex_unsupported", offset });
    expect(err.message).toContain(what);
  });
});

describe("malformed patterns are regex_syntax with an offset", () => {
  it.each([
    ["(ab", 0],
    ["ab)", 2],
    ["a{2,1}", 1],
    ["*a", 0],
    ["a|+", 2],
    ["a**", 2],
    ["^*", 1],
    ["[b-a]", 1],
    ["[\\d-z]", 1],
    ["[abc", 0],
    ["a\\", 1],
    ["\\q", 0],
    ["\\x4", 0],
    ["\\u12", 0],
    ["\\u{110000}", 0],
    ["\\c1", 0],
    ["\\01", 0],
    ["a{", 1],
    ["a}", 1],
    ["]", 0],
    ["{1}", 0],
    ["(?<n>a)(?<n>b)", 10],
    ["(?<1>a)", 3],
    ["(?%)", 0],
    ["[\\B]", 1],
    ["[\\1]", 1],
  ] as const)("/%s/", (src, offset) => {
    expect(errorOf(src)).toMatchObject({ code: "regex_syntax", offset });
    expect(() => new RegExp(src, "u")).toThrow(SyntaxError);
  });
});
