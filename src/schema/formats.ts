/**
 * `format` as exact languages, matching ajv-formats' "full" mode (what `gramfill check` compares
 * against). Formats ajv-formats does not know are annotations (ignored); formats it knows that we
 * cannot express are "unsupported".
 */
import type { SchemaCompiler } from "./compiler.js";
import { createRequire } from "node:module";
import type { L, Langs } from "./lang.js";
import { trieLang } from "./vocab/type.js";

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

/** ajv-formats' time: `strictTz` (time, date-time) requires the offset; iso-time makes it optional */
function timeLang(l: Langs, strictTz = true): L {
  // leap seconds: ss = 60 only when the time is 23:59 in UTC (ajv-formats' rule). The local time
  // and the offset are tied digit by digit, so the language lists them: grouped by "HH:MM" (a trie)
  // with the offsets that make it 23:59 UTC as the leaves.
  const two = (n: number) => String(n).padStart(2, "0");
  const byLocal = new Map<string, string[]>();
  const add = (hr: number, min: number, tzs: string[]) => {
    if (hr < 0 || hr > 99 || min < 0 || min > 59) return;
    const k = `${two(hr)}:${two(min)}`;
    let list = byLocal.get(k);
    if (!list) byLocal.set(k, (list = []));
    list.push(...tzs);
  };
  add(23, 59, strictTz ? ["z", "Z"] : ["", "z", "Z"]);
  for (const sign of [1, -1]) {
    for (let tzH = 0; tzH <= 23; tzH++) {
      for (let tzM = 0; tzM <= 59; tzM++) {
        const s = sign > 0 ? "+" : "-";
        const tzs = tzM === 0 ? [`${s}${two(tzH)}`, `${s}${two(tzH)}:00`, `${s}${two(tzH)}00`] : [`${s}${two(tzH)}:${two(tzM)}`, `${s}${two(tzH)}${two(tzM)}`];
        for (const u of [59, -1]) {
          const min = u + tzM * sign;
          if (min < 0 || min > 59) continue;
          const borrow = u < 0 ? 1 : 0;
          for (const h of [23, -1]) add(h + tzH * sign + borrow, min, tzs);
        }
      }
    }
  }
  const frac = l.pattern(String.raw`(?:\.\d+)?`, "u", "whole");
  const leaf = new Map<string, L>();
  for (const [k, tzs] of byLocal) leaf.set(k, l.seq(l.lit(":60"), frac, trieLang(l, tzs)));
  // trie over "HH:MM": first the hour, then the minute
  const byHour = new Map<string, string[]>();
  for (const k of byLocal.keys()) {
    const [hh, mm] = k.split(":") as [string, string];
    let list = byHour.get(hh);
    if (!list) byHour.set(hh, (list = []));
    list.push(mm);
  }
  const leap = [...byHour].map(([hh, mms]) => l.seq(l.lit(hh + ":"), l.or(...mms.map((mm) => l.seq(l.lit(mm), leaf.get(`${hh}:${mm}`)!)))));
  const normal = strictTz ? l.pattern(TIME_NORMAL, "u", "whole") : l.pattern(TIME_NORMAL_OPTIONAL_TZ, "u", "whole");
  return l.or(normal, ...leap);
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
    case "ipv6":
    case "uri":
    case "uri-reference":
    case "url":
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
