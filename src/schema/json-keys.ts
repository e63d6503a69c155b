/**
 * Distinct object keys, the one rule of JSON Schema output a context-free grammar cannot state:
 * `JSON.parse` (and so every validator) keeps one value per key, so a text that writes a key twice
 * in one object means fewer properties than it writes (`minProperties`, `required` counted by
 * hand ...). The schema compiler's grammar writes named keys at most once each, but keys from an open
 * set (`additionalProperties`, `patternProperties`) can repeat; this tracker follows the output
 * byte by byte and refuses the byte that would close a key already written in the same object.
 *
 * It reads JSON text only (the grammar guarantees that): structure bytes outside strings, string
 * contents kept raw for keys and decoded as `JSON.parse` decodes them when the key closes.
 * Every byte is undoable (`rollback`), so decoders can walk and back off like with the parser.
 */

const MODE_VALUE = 0;
const MODE_STRING = 1;
const MODE_ESCAPE = 2;

// undo log ops (one per byte fed)
const OP_NONE = 0;
const OP_PUSH = 1;
const OP_POP = 2;
const OP_STR_OPEN = 3;
const OP_STR_CLOSE_VALUE = 4;
const OP_STR_CLOSE_KEY = 5;
const OP_CHAR = 6;
const OP_ESC_OPEN = 7;
const OP_ESC_END = 8;
const OP_EXPECT_WAS_0 = 9;
const OP_EXPECT_WAS_1 = 10;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const utf8 = new TextDecoder("utf-8");

export class JsonKeyTracker {
  /** per open container: 1 object, 0 array */
  private isObj: number[] = [];
  /** per open container: the keys written so far (objects; null until the first) */
  private keys: Array<Set<string> | null> = [];
  /** per open container: 1 when the next string in it would be a key (after `{` or `,` in an object) */
  private expect: number[] = [];
  private mode = MODE_VALUE;
  /** the string being read is a key */
  private inKey = false;
  /** raw bytes of the key being read */
  private raw: number[] = [];
  private log: number[] = [];
  /** containers popped (for undo), as [isObj, keys, expect] triples */
  private popped: Array<[number, Set<string> | null, number]> = [];
  /** raw bytes of keys closed (for undo) */
  private closedRaw: number[][] = [];
  private closedKey: string[] = [];

  /** Bytes fed so far. */
  get length(): number {
    return this.log.length;
  }

  /** Feeds one byte; false (and no change) when it closes a key already written in the same object. */
  feedByte(b: number): boolean {
    if (this.mode === MODE_STRING) return this.stringByte(b);
    if (this.mode === MODE_ESCAPE) {
      if (this.inKey) this.raw.push(b);
      this.mode = MODE_STRING;
      this.log.push(OP_ESC_END);
      return true;
    }
    const top = this.isObj.length - 1;
    switch (b) {
      case 0x7b: // {
      case 0x5b: // [
        this.isObj.push(b === 0x7b ? 1 : 0);
        this.keys.push(null);
        this.expect.push(b === 0x7b ? 1 : 0);
        this.log.push(OP_PUSH);
        return true;
      case 0x7d: // }
      case 0x5d: // ]
        if (top < 0) break;
        this.popped.push([this.isObj.pop()!, this.keys.pop()!, this.expect.pop()!]);
        this.log.push(OP_POP);
        return true;
      case QUOTE:
        this.mode = MODE_STRING;
        this.inKey = top >= 0 && this.isObj[top] === 1 && this.expect[top] === 1;
        this.log.push(OP_STR_OPEN);
        return true;
      case 0x2c: // ,
        if (top < 0 || this.isObj[top] !== 1) break;
        this.log.push(this.expect[top] ? OP_EXPECT_WAS_1 : OP_EXPECT_WAS_0);
        this.expect[top] = 1;
        return true;
    }
    this.log.push(OP_NONE);
    return true;
  }

  private stringByte(b: number): boolean {
    if (b === BACKSLASH) {
      if (this.inKey) this.raw.push(b);
      this.mode = MODE_ESCAPE;
      this.log.push(OP_ESC_OPEN);
      return true;
    }
    if (b !== QUOTE) {
      if (this.inKey) this.raw.push(b);
      this.log.push(OP_CHAR);
      return true;
    }
    if (!this.inKey) {
      this.mode = MODE_VALUE;
      this.log.push(OP_STR_CLOSE_VALUE);
      return true;
    }
    const top = this.isObj.length - 1;
    const key = decodeKey(this.raw);
    let set = this.keys[top];
    if (set?.has(key)) return false;
    if (!set) this.keys[top] = set = new Set();
    set.add(key);
    this.closedRaw.push(this.raw);
    this.closedKey.push(key);
    this.raw = [];
    this.expect[top] = 0;
    this.inKey = false;
    this.mode = MODE_VALUE;
    this.log.push(OP_STR_CLOSE_KEY);
    return true;
  }

  /** Feeds bytes; returns how many were taken (all unless one closes a repeated key). */
  feed(bytes: Uint8Array): number {
    for (let i = 0; i < bytes.length; i++) if (!this.feedByte(bytes[i]!)) return i;
    return bytes.length;
  }

  /** Forgets the last `n` bytes. */
  rollback(n: number): void {
    if (n > this.log.length) throw new RangeError(`cannot roll back ${n} of ${this.log.length} bytes`);
    for (let i = 0; i < n; i++) this.undo(this.log.pop()!);
  }

  private undo(op: number): void {
    const top = this.isObj.length - 1;
    switch (op) {
      case OP_PUSH:
        this.isObj.pop();
        this.keys.pop();
        this.expect.pop();
        return;
      case OP_POP: {
        const [o, k, e] = this.popped.pop()!;
        this.isObj.push(o);
        this.keys.push(k);
        this.expect.push(e);
        return;
      }
      case OP_STR_OPEN:
        this.mode = MODE_VALUE;
        this.inKey = false;
        return;
      case OP_STR_CLOSE_VALUE:
        this.mode = MODE_STRING;
        return;
      case OP_STR_CLOSE_KEY: {
        const set = this.keys[top]!;
        set.delete(this.closedKey.pop()!);
        if (set.size === 0) this.keys[top] = null;
        this.raw = this.closedRaw.pop()!;
        this.expect[top] = 1;
        this.inKey = true;
        this.mode = MODE_STRING;
        return;
      }
      case OP_CHAR:
        if (this.inKey) this.raw.pop();
        return;
      case OP_ESC_OPEN:
        if (this.inKey) this.raw.pop();
        this.mode = MODE_STRING;
        return;
      case OP_ESC_END:
        if (this.inKey) this.raw.pop();
        this.mode = MODE_ESCAPE;
        return;
      case OP_EXPECT_WAS_0:
      case OP_EXPECT_WAS_1:
        this.expect[top] = op === OP_EXPECT_WAS_1 ? 1 : 0;
        return;
    }
  }

  /**
   * Could the next bytes still repeat a key of the innermost object? True while a key is being
   * read (or about to be: after `{`/`,` of an object) in an object that has keys, and the key's
   * decoded text so far is a prefix of one of them. Once false, no continuation of the current
   * key can equal a written key (its text already differs), so the bytes need no more watching
   * until the next key starts.
   */
  atRisk(): boolean {
    const top = this.isObj.length - 1;
    if (top < 0 || this.isObj[top] !== 1) return false;
    const set = this.keys[top];
    if (!set) return false;
    if (this.mode === MODE_VALUE) return this.expect[top] === 1;
    if (!this.inKey) return false;
    const prefix = decodeKeyPrefix(this.raw);
    if (prefix === "") return true;
    for (const k of set) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** Is a key being read? */
  get readingKey(): boolean {
    return this.mode !== MODE_VALUE && this.inKey;
  }

  /** Is a string (key or value) being read? */
  get inString(): boolean {
    return this.mode !== MODE_VALUE;
  }

  /** An independent tracker in the same state (its undo history included). */
  clone(): JsonKeyTracker {
    const c = new JsonKeyTracker();
    c.isObj = this.isObj.slice();
    c.keys = this.keys.map((s) => (s ? new Set(s) : null));
    c.expect = this.expect.slice();
    c.mode = this.mode;
    c.inKey = this.inKey;
    c.raw = this.raw.slice();
    c.log = this.log.slice();
    // undo entries hold sets of containers since closed: copy them too so the two never share one
    c.popped = this.popped.map(([o, k, e]) => [o, k ? new Set(k) : null, e]);
    c.closedRaw = this.closedRaw.map((r) => r.slice());
    c.closedKey = this.closedKey.slice();
    return c;
  }
}

/** The key a complete raw string body means, as `JSON.parse` reads it. */
function decodeKey(raw: number[]): string {
  return JSON.parse(`"${utf8.decode(Uint8Array.from(raw))}"`) as string;
}

/**
 * The decoded text every completion of a raw key body starts with: the body up to its last
 * complete character (an escape or UTF-8 sequence cut short is left out).
 */
export function decodeKeyPrefix(raw: number[]): string {
  let end = raw.length;
  // an escape in progress: find where the last one starts (backslashes pair up left to right)
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== BACKSLASH) continue;
    const need = raw[i + 1] === 0x75 ? 6 : 2; // \uXXXX or \x
    if (i + need > raw.length) {
      end = i;
      break;
    }
    i += need - 1;
  }
  // a UTF-8 sequence cut short
  let lead = end - 1;
  while (lead >= 0 && lead >= end - 3 && (raw[lead]! & 0xc0) === 0x80) lead--;
  if (lead >= 0 && raw[lead]! >= 0xc0) {
    const len = raw[lead]! >= 0xf0 ? 4 : raw[lead]! >= 0xe0 ? 3 : 2;
    if (lead + len > end) end = lead;
  }
  return decodeKey(raw.slice(0, end));
}
