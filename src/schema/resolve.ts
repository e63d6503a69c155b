/**
 * Schema resources and `$ref` resolution: `$id`/`id` (draft 4) establish base URIs, `$anchor` and
 * `$dynamicAnchor` (and draft ≤7 fragment-only ids) name subschemas, JSON pointers address the rest.
 * Remote documents come from a caller-supplied resolver.
 */
import { createRequire } from "node:module";
import { GramfillError } from "../util/errors.js";

export type Draft = "draft4" | "draft6" | "draft7" | "2019-09" | "2020-12";

export const DEFAULT_BASE = "https://gramfill.invalid/schema.json";

export function draftOf(uri: unknown, fallback: Draft): Draft {
  if (typeof uri !== "string") return fallback;
  if (/draft-04/.test(uri)) return "draft4";
  if (/draft-06/.test(uri)) return "draft6";
  if (/draft-07/.test(uri)) return "draft7";
  if (/2019-09/.test(uri)) return "2019-09";
  if (/2020-12/.test(uri)) return "2020-12";
  return fallback;
}

/** A schema at a place: the JSON value, the base URI it is in, and where it is for messages. */
export interface Loc {
  schema: unknown;
  base: string;
  /** JSON pointer from the root of the document it came from (for messages and memo keys) */
  ptr: string;
  /** URI of the document */
  doc: string;
  draft: Draft;
}

export type RemoteResolver = (uri: string) => unknown | undefined;

const SUB_SCHEMA = ["additionalItems", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "items"];
const SUB_ARRAY = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
const SUB_MAP = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export function escapePtr(s: string): string {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function resolveUri(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function stripFragment(u: string): string {
  const i = u.indexOf("#");
  return i < 0 ? u : u.slice(0, i);
}

export class Registry {
  /** resource URI (no fragment) → its root location */
  private readonly resources = new Map<string, Loc>();
  /** absolute URI with anchor fragment → location */
  private readonly anchors = new Map<string, Loc>();
  /** resource URI → names of its $dynamicAnchors */
  readonly dynamicAnchors = new Map<string, Set<string>>();
  private readonly loadedDocs = new Set<string>();

  constructor(
    private readonly defaultDraft: Draft,
    private readonly remote?: RemoteResolver,
  ) {}

  addDocument(schema: unknown, uri: string): Loc {
    const draft = isObject(schema) ? draftOf(schema.$schema, this.defaultDraft) : this.defaultDraft;
    const loc: Loc = { schema, base: uri, ptr: "", doc: uri, draft };
    this.loadedDocs.add(stripFragment(uri));
    this.index(loc, true);
    if (!this.resources.has(stripFragment(uri))) this.resources.set(stripFragment(uri), loc);
    return loc;
  }

  /** the base URI a schema object establishes for itself and its children */
  baseOf(loc: Loc): string {
    const s = loc.schema;
    if (!isObject(s)) return loc.base;
    const id = loc.draft === "draft4" ? s.id : s.$id;
    if (typeof id !== "string") return loc.base;
    if (loc.draft !== "2019-09" && loc.draft !== "2020-12" && id.startsWith("#")) return loc.base;
    if (loc.draft !== "draft4" && loc.draft !== "draft6" && loc.draft !== "draft7") {
      // 2019+: $id never has a non-empty fragment
    }
    if (loc.draft !== "2019-09" && loc.draft !== "2020-12" && typeof s.$ref === "string") return loc.base; // $ref siblings are ignored
    return stripFragment(resolveUri(id, loc.base));
  }

  private index(loc: Loc, root: boolean): void {
    const stack: Loc[] = [loc];
    while (stack.length) {
      const cur = stack.pop()!;
      const s = cur.schema;
      if (!isObject(s)) continue;
      let draft = cur.draft;
      if (typeof s.$schema === "string" && !root) draft = draftOf(s.$schema, draft);
      const here: Loc = { ...cur, draft };
      const base = this.baseOf(here);
      if (base !== cur.base || cur === loc) {
        if (!this.resources.has(base)) this.resources.set(base, here);
      }
      // stored locations carry the base of their parent: converting them applies their own $id once
      const me: Loc = here;
      const idKey = draft === "draft4" ? "id" : "$id";
      const id = s[idKey];
      if (typeof id === "string" && id.includes("#") && draft !== "2019-09" && draft !== "2020-12") {
        const frag = id.slice(id.indexOf("#") + 1);
        if (frag && !frag.startsWith("/")) this.anchors.set(stripFragment(resolveUri(id, cur.base)) + "#" + frag, me);
      }
      if (typeof s.$anchor === "string") this.anchors.set(base + "#" + s.$anchor, me);
      if (typeof s.$dynamicAnchor === "string") {
        this.anchors.set(base + "#" + s.$dynamicAnchor, me);
        let set = this.dynamicAnchors.get(base);
        if (!set) this.dynamicAnchors.set(base, (set = new Set()));
        set.add(s.$dynamicAnchor);
      }
      if (s.$recursiveAnchor === true) {
        let set = this.dynamicAnchors.get(base);
        if (!set) this.dynamicAnchors.set(base, (set = new Set()));
        set.add("$recursiveAnchor");
      }
      const child = (v: unknown, p: string) => stack.push({ schema: v, base, ptr: p, doc: cur.doc, draft });
      for (const k of SUB_SCHEMA) if (isObject(s[k]) || typeof s[k] === "boolean") child(s[k], `${cur.ptr}/${k}`);
      for (const k of SUB_ARRAY) {
        const a = s[k];
        if (Array.isArray(a)) a.forEach((v, i) => child(v, `${cur.ptr}/${k}/${i}`));
      }
      for (const k of SUB_MAP) {
        const m = s[k];
        if (isObject(m)) for (const [n, v] of Object.entries(m)) if (isObject(v) || typeof v === "boolean") child(v, `${cur.ptr}/${k}/${escapePtr(n)}`);
      }
      root = false;
    }
  }

  /** Resolves a reference (already absolute) to a location. */
  resolve(uri: string, from: Loc, keyword: string): Loc {
    const hash = uri.indexOf("#");
    const docUri = hash < 0 ? uri : uri.slice(0, hash);
    const frag = hash < 0 ? "" : decodeURIComponentSafe(uri.slice(hash + 1));
    let res = this.resources.get(docUri);
    if (!res && !this.loadedDocs.has(docUri)) {
      this.loadedDocs.add(docUri);
      // the caller's resolver first; the official metaschemas are bundled (ajv's copies)
      const doc = this.remote?.(docUri) ?? bundledMetaschema(docUri);
      if (doc !== undefined) {
        this.addDocument(doc, docUri);
        res = this.resources.get(docUri);
      }
    }
    if (!res) {
      throw new GramfillError("schema_invalid", `${keyword}: cannot resolve '${uri}' (no such resource; remote references need a resolver)`, { pointer: from.ptr });
    }
    if (frag === "") return res;
    if (frag.startsWith("/")) {
      let cur: unknown = res.schema;
      let ptr = res.ptr;
      let draft = res.draft;
      // `parent` is the base in effect where `cur` sits; `inner` the base `cur` gives its children
      let parent = res.base;
      let inner = this.baseOf(res);
      for (const raw of frag.slice(1).split("/")) {
        const tok = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, tok)) cur = cur[tok];
        else if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(tok) && Number(tok) < cur.length) cur = cur[Number(tok)];
        else throw new GramfillError("schema_invalid", `${keyword}: cannot resolve '${uri}' (no '${tok}' at ${ptr || "/"})`, { pointer: from.ptr });
        ptr += "/" + escapePtr(tok);
        parent = inner;
        if (isObject(cur)) {
          if (typeof cur.$schema === "string") draft = draftOf(cur.$schema, draft);
          inner = this.baseOf({ schema: cur, base: parent, ptr, doc: res.doc, draft });
        }
      }
      return { schema: cur, base: parent, ptr, doc: res.doc, draft };
    }
    const a = this.anchors.get(docUri + "#" + frag);
    if (!a) throw new GramfillError("schema_invalid", `${keyword}: cannot resolve '${uri}' (no anchor '${frag}')`, { pointer: from.ptr });
    return a;
  }

  hasResource(uri: string): boolean {
    return this.resources.has(uri);
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** metaschema URI (no fragment) → the module path of ajv's copy */
const METASCHEMAS: Record<string, string> = {
  "http://json-schema.org/draft-04/schema": "ajv-draft-04/dist/refs/json-schema-draft-04.json",
  "http://json-schema.org/draft-06/schema": "ajv/dist/refs/json-schema-draft-06.json",
  "http://json-schema.org/draft-07/schema": "ajv/dist/refs/json-schema-draft-07.json",
  "https://json-schema.org/draft/2019-09/schema": "ajv/dist/refs/json-schema-2019-09/schema.json",
  "https://json-schema.org/draft/2020-12/schema": "ajv/dist/refs/json-schema-2020-12/schema.json",
};
for (const v of ["core", "applicator", "validation", "meta-data", "format", "content"]) METASCHEMAS[`https://json-schema.org/draft/2019-09/meta/${v}`] = `ajv/dist/refs/json-schema-2019-09/meta/${v}.json`;
for (const v of ["core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation", "content"]) METASCHEMAS[`https://json-schema.org/draft/2020-12/meta/${v}`] = `ajv/dist/refs/json-schema-2020-12/meta/${v}.json`;

/** The official metaschema at `uri` (draft 4 to 2020-12, with the 2019-09/2020-12 vocabularies), if it is one. */
export function bundledMetaschema(uri: string): unknown {
  const path = METASCHEMAS[uri.replace(/^https?:/, uri.startsWith("https:") ? "https:" : "http:")] ?? METASCHEMAS[uri];
  if (!path) return undefined;
  return createRequire(import.meta.url)(path) as unknown;
}
