/**
 * `format` as exact languages, matching ajv-formats' "full" mode (what `gramfill check` compares
 * against). Formats ajv-formats does not know are annotations (ignored); formats it knows that we
 * cannot express are "unsupported".
 */
import type { SchemaCompiler } from "./compiler.js";
import { createRequire } from "node:module";
import type { L, Langs } from "./lang.js";

const EMAIL = String.raw`^[a-z0-9!#$%&'*+/=?^_\x60{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_\x60{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`;
const UUID = String.raw`^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$`;
const IPV4 = String.raw`^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$`;
const HOSTNAME_BODY = String.raw`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$`;
const JSON_POINTER = String.raw`^(?:\/(?:[^~/]|~0|~1)*)*$`;
const REL_JSON_POINTER = String.raw`^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$`;

const LEAP = String.raw`(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:0[048]|[2468][048]|[13579][26])00)`;
const D28 = String.raw`(?:0[1-9]|1\d|2[0-8])`;
const DATE = String.raw`(?:\d{4}-(?:(?:0[13578]|1[02])-(?:${D28}|29|30|31)|(?:0[469]|11)-(?:${D28}|29|30)|02-${D28})|${LEAP}-02-29)`;
const TZ = String.raw`(?:[zZ]|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)`;
const TIME_NORMAL = String.raw`(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?${TZ}`;
const TIME_NORMAL_OPTIONAL_TZ = String.raw`(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?${TZ}?`;
/** ajv-formats' duration without its lookaheads: "P" alone is excluded separately, "T" needs a component */
const DURATION = String.raw`^P(?:(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))?|\d+W)$`;
const BYTE = String.raw`^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`;
const JSON_POINTER_URI_FRAGMENT = String.raw`^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$`;

let ajvFormats: Record<string, unknown> | undefined;

/**
 * ajv-formats' time (`strictTz`: time, date-time require the offset; iso-time makes it optional).
 * A time is valid when hh ≤ 23, mm ≤ 59, ss < 60 (the regular TIME_NORMAL), or when, converted to
 * UTC by its offset, it is 23:59 (or -1:-1 after borrowing) and ss < 61 — ajv-formats' leap-second
 * rule, which also admits local times such as 24:00:30+00:01 or 23:60:30+00:01. Local time and
 * offset are tied digit by digit, hours to offset hours and minutes to offset minutes, so each
 * case of the rule is the intersection of an "hours agree" and a "minutes agree" language (a few
 * hundred nodes; listing the (local time, offset) pairs takes tens of thousands).
 */
function timeLang(l: Langs, strictTz = true): L {
  const two = (n: number) => String(n).padStart(2, "0");
  const D = l.DIGIT;
  const DD = l.seq(D, D);
  const frac = l.pattern(String.raw`(?:\.\d+)?`, "u", "whole");
  // ss < 61 as ajv-formats reads "\d\d(\.\d+)?": 00–59 or 60, any fraction
  const rest = l.seq(l.lit(":"), l.or(l.seq(l.chars([[0x30, 0x35]]), D), l.lit("60")), frac);
  const anyTzMin = l.opt(l.seq(l.opt(l.lit(":")), l.chars([[0x30, 0x35]]), D));
  const tzMin = (m: number) => (m === 0 ? l.or(l.EPS, l.lit(":00"), l.lit("00")) : l.seq(l.opt(l.lit(":")), l.lit(two(m))));
  const parts: L[] = [l.seq(l.lit("23:59"), rest, strictTz ? l.chars([[0x5a, 0x5a], [0x7a, 0x7a]]) : l.opt(l.chars([[0x5a, 0x5a], [0x7a, 0x7a]])))];
  /** one case: hh = hourOf(offset hours), mm = minuteOf(offset minutes) (undefined = impossible) */
  const leapCase = (sign: string, hourOf: (tzH: number) => number[], minuteOf: (tzM: number) => number | undefined) => {
    const hours: L[] = [];
    for (let tzH = 0; tzH <= 23; tzH++) {
      for (const hh of hourOf(tzH)) if (hh >= 0 && hh <= 99) hours.push(l.seq(l.lit(two(hh)), l.lit(":"), DD, rest, l.lit(sign + two(tzH)), anyTzMin));
    }
    const minutes: L[] = [];
    for (let tzM = 0; tzM <= 59; tzM++) {
      const mm = minuteOf(tzM);
      if (mm !== undefined && mm >= 0 && mm <= 99) minutes.push(l.seq(l.lit(two(mm)), rest, l.lit(sign), DD, tzMin(tzM)));
    }
    parts.push(l.and(l.or(...hours), l.seq(DD, l.lit(":"), l.or(...minutes))));
  };
  // "+": utc minute mm - tzM is 59 (no borrow) or -1 (borrow an hour); utc hour hh - tzH - borrow is 23 or -1
  leapCase("+", (h) => [h + 23, h - 1], (m) => m + 59);
  leapCase("+", (h) => [h + 24, h], (m) => (m >= 1 ? m - 1 : undefined));
  // "-": utc minute mm + tzM is 59 (it cannot be -1); utc hour hh + tzH is 23
  leapCase("-", (h) => [23 - h], (m) => 59 - m);
  const normal = strictTz ? l.pattern(TIME_NORMAL, "u", "whole") : l.pattern(TIME_NORMAL_OPTIONAL_TZ, "u", "whole");
  return l.or(normal, ...parts);
}

/**
 * ajv-formats' url regex has three negative lookaheads before the dotted-quad host (no private
 * 10.x, 127.x, 169.254.x, 192.168.x, 172.16–31.x addresses). A lookahead `(?!X)` tests the whole
 * rest of the string, so that branch is (quad · rest) ∩ ¬(X · anything); everything else is the
 * regex itself (flags i, u), pieces compiled with our regex engine.
 */
function urlLang(l: Langs): L {
  const P = (src: string) => l.pattern(src, "iu", "whole");
  const rest = P(String.raw`(?::\d{2,5})?(?:\/[^\s]*)?`);
  const notAt = (src: string) => l.minus(l.CONTENT, l.seq(P(src), l.CONTENT));
  const quad = String.raw`(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))`;
  const ip = l.and(
    l.seq(P(quad), rest),
    notAt(String.raw`(?:10|127)(?:\.\d{1,3}){3}`),
    notAt(String.raw`(?:169\.254|192\.168)(?:\.\d{1,3}){2}`),
    notAt(String.raw`172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2}`),
  );
  const label = String.raw`(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+`;
  const name = l.seq(P(String.raw`${label}(?:\.${label})*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,}))`), rest);
  return l.seq(P(String.raw`(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?`), l.or(ip, name));
}

const cache = new WeakMap<Langs, Map<string, L | undefined | "unsupported">>();

/** content language of a string format; undefined = annotation only; "unsupported" = known but not expressible */
export function formatLanguage(l: Langs, f: string): L | undefined | "unsupported" {
  let m = cache.get(l);
  if (!m) cache.set(l, (m = new Map()));
  if (m.has(f)) return m.get(f);
  const r = buildFormat(l, f);
  m.set(f, r);
  return r;
}

function buildFormat(l: Langs, f: string): L | undefined | "unsupported" {
  switch (f) {
    case "date":
      return l.pattern(DATE, "u", "whole");
    case "time":
      return timeLang(l);
    case "date-time": {
      const time = formatLanguage(l, "time") as L;
      return l.seq(l.pattern(DATE, "u", "whole"), l.pattern(String.raw`[tT\s]`, "u", "whole"), time);
    }
    case "iso-time":
      return timeLang(l, false);
    case "iso-date-time": {
      const time = formatLanguage(l, "iso-time") as L;
      return l.seq(l.pattern(DATE, "u", "whole"), l.pattern(String.raw`[tT\s]`, "u", "whole"), time);
    }
    case "duration":
      return l.minus(l.pattern(DURATION, "u"), l.lit("P"));
    case "byte":
      // ajv-formats tests with the m flag: a base64 run between two line boundaries anywhere
      return l.pattern(BYTE, "mu");
    case "json-pointer-uri-fragment":
      return l.pattern(JSON_POINTER_URI_FRAGMENT, "ui");
    case "email":
      return l.pattern(EMAIL, "ui");
    case "uuid":
      return l.pattern(UUID, "ui");
    case "ipv4":
      return l.pattern(IPV4, "u");
    case "hostname":
      return l.and(l.pattern(HOSTNAME_BODY, "ui"), l.pattern(String.raw`^.{1,253}\.?$`, "u"));
    case "json-pointer":
      return l.pattern(JSON_POINTER, "u");
    case "relative-json-pointer":
      return l.pattern(REL_JSON_POINTER, "u");
    case "password":
    case "binary":
      return undefined;
    case "url":
      return urlLang(l);
    case "ipv6":
    case "uri":
    case "uri-reference":
    case "uri-template": {
      const re = ajvRegex(f);
      if (!re) return "unsupported";
      try {
        const lang = l.pattern(re.source, re.flags.replace(/[gy]/g, "") + "u");
        if (f === "uri") return l.and(lang, l.pattern("[/:]", "u"));
        return lang;
      } catch {
        return "unsupported";
      }
    }
    default:
      return knownFormat(f) ? "unsupported" : undefined;
  }
}

function ajvRegex(f: string): RegExp | undefined {
  ajvFormats ??= loadAjvFormats();
  const v = ajvFormats[f];
  if (v instanceof RegExp) return v;
  if (f === "uri") return ajvFormats.__URI as RegExp | undefined;
  return undefined;
}

function knownFormat(f: string): boolean {
  ajvFormats ??= loadAjvFormats();
  return f in ajvFormats;
}

/** ajv-formats' URI regex (the `uri` format also requires a "/" or ":") */
const URI_RE = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;

function loadAjvFormats(): Record<string, unknown> {
  const req = createRequire(import.meta.url);
  const mod = req("ajv-formats/dist/formats") as { fullFormats: Record<string, unknown> };
  return { ...mod.fullFormats, __URI: URI_RE };
}

/** number formats of ajv-formats: int32/int64 (integer in range), float/double (any number) */
export const NUMBER_FORMATS: Record<string, (c: SchemaCompiler) => L> = {
  int32: (c) => c.l.and(c.n.INTEGER, c.n.cmp("ge", -2147483648), c.n.cmp("le", 2147483647)),
  int64: (c) => c.n.INTEGER,
  float: (c) => c.n.NUMBER,
  double: (c) => c.n.NUMBER,
};
