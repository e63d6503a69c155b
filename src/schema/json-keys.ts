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

/** The key being read: raw bytes, and its decoded text so far kept up to date byte by byte. */
class KeyText {
  raw: number[] = [];
  /** the decoded text of the complete characters so far */
  text = "";
  /** per raw byte: `text.length` after it */
  textLen: number[] = [];
  /** where an escape or UTF-8 sequence not yet complete starts in `raw` (-1: none) */
  partStart = -1;
  /** per raw byte: `partStart` before it */
  partBefore: number[] = [];

  push(b: number): void {
    this.partBefore.push(this.partStart);
    this.raw.push(b);
    const i = this.raw.length - 1;
    if (this.partStart < 0) {
      if (b === BACKSLASH || b >= 0xc0) this.partStart = i;
      else if (b < 0x80) this.text += String.fromCharCode(b);
    } else {
      const at = this.partStart;
      const n = i - at + 1;
      const lead = this.raw[at]!;
      if (lead === BACKSLASH) {
        if ((n === 2 && b !== 0x75) || n === 6) {
          this.text += JSON.parse(`"${String.fromCharCode(...this.raw.slice(at))}"`) as string;
          this.partStart = -1;
        }
      } else if (n === (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2)) {
        this.text += utf8.decode(Uint8Array.from(this.raw.slice(at)));
        this.partStart = -1;
      }
    }
    this.textLen.push(this.text.length);
  }

  pop(): void {
    this.raw.pop();
    this.textLen.pop();
    this.partStart = this.partBefore.pop()!;
    const len = this.textLen.length > 0 ? this.textLen[this.textLen.length - 1]! : 0;
    if (this.text.length !== len) this.text = this.text.slice(0, len);
  }

  copy(): KeyText {
    const c = new KeyText();
    c.raw = this.raw.slice();
    c.text = this.text;
    c.textLen = this.textLen.slice();
    c.partStart = this.partStart;
    c.partBefore = this.partBefore.slice();
    return c;
  }
}

/** Index of the first key ≥ `k` in a sorted list (UTF-16 order, as `startsWith` sees strings). */
function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const WHITESPACE = [0x20, 0x09, 0x0a, 0x0d];

export class JsonKeyTracker {
  /** per open container: 1 object, 0 array */
  private isObj: number[] = [];
  /** per open container: the keys written so far, sorted (objects; null until the first) */
  private keys: Array<string[] | null> = [];
  /** per open container: 1 when the next string in it would be a key (after `{` or `,` in an object) */
  private expect: number[] = [];
  /** per open container: a number no other container of this tracker had */
  private ids: number[] = [];
  private nextId = 0;
  private mode = MODE_VALUE;
  /** a value is next (at the start, after `:`, `[`, or `,` in an array), whitespace aside */
  private valueStart = true;
  /** per byte fed: `valueStart` before it */
  private valueStartBefore: number[] = [];
  /** the string being read is a key */
  private inKey = false;
  /** the key being read */
  private key = new KeyText();
  private log: number[] = [];
  /** containers popped (for undo), as [isObj, keys, expect] triples */
  private popped: Array<[number, string[] | null, number, number]> = [];
  /** keys closed (for undo) */
  private closed: KeyText[] = [];

  /** Bytes fed so far. */
  get length(): number {
    return this.log.length;
  }

  /** Feeds one byte; false (and no change) when it closes a key already written in the same object. */
  feedByte(b: number): boolean {
    const vs = this.valueStart;
    if (!this.step(b)) return false;
    this.valueStartBefore.push(vs ? 1 : 0);
    return true;
  }

  private step(b: number): boolean {
    if (this.mode === MODE_STRING) return this.stringByte(b);
    if (this.mode === MODE_ESCAPE) {
      if (this.inKey) this.key.push(b);
      this.mode = MODE_STRING;
      this.log.push(OP_ESC_END);
      return true;
    }
    const top = this.isObj.length - 1;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) this.valueStart = b === 0x3a || b === 0x5b || (b === 0x2c && top >= 0 && this.isObj[top] === 0);
    switch (b) {
      case 0x7b: // {
      case 0x5b: // [
        this.isObj.push(b === 0x7b ? 1 : 0);
        this.keys.push(null);
        this.expect.push(b === 0x7b ? 1 : 0);
        this.ids.push(this.nextId++);
        this.log.push(OP_PUSH);
        return true;
      case 0x7d: // }
      case 0x5d: // ]
        if (top < 0) break;
        this.popped.push([this.isObj.pop()!, this.keys.pop()!, this.expect.pop()!, this.ids.pop()!]);
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
      if (this.inKey) this.key.push(b);
      this.mode = MODE_ESCAPE;
      this.log.push(OP_ESC_OPEN);
      return true;
    }
    if (b !== QUOTE) {
      if (this.inKey) this.key.push(b);
      this.log.push(OP_CHAR);
      return true;
    }
    if (!this.inKey) {
      this.mode = MODE_VALUE;
      this.log.push(OP_STR_CLOSE_VALUE);
      return true;
    }
    const top = this.isObj.length - 1;
    const key = this.key.text;
    let keys = this.keys[top];
    const at = keys ? lowerBound(keys, key) : 0;
    if (keys && keys[at] === key) return false;
    if (!keys) this.keys[top] = keys = [];
    keys.splice(at, 0, key);
    this.closed.push(this.key);
    this.key = new KeyText();
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
    for (let i = 0; i < n; i++) {
      this.undo(this.log.pop()!);
      this.valueStart = this.valueStartBefore.pop() === 1;
    }
  }

  private undo(op: number): void {
    const top = this.isObj.length - 1;
    switch (op) {
      case OP_PUSH:
        this.isObj.pop();
        this.keys.pop();
        this.expect.pop();
        this.ids.pop();
        return;
      case OP_POP: {
        const [o, k, e, id] = this.popped.pop()!;
        this.isObj.push(o);
        this.keys.push(k);
        this.expect.push(e);
        this.ids.push(id);
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
        const keys = this.keys[top]!;
        this.key = this.closed.pop()!;
        keys.splice(lowerBound(keys, this.key.text), 1);
        if (keys.length === 0) this.keys[top] = null;
        this.expect[top] = 1;
        this.inKey = true;
        this.mode = MODE_STRING;
        return;
      }
      case OP_CHAR:
        if (this.inKey) this.key.pop();
        return;
      case OP_ESC_OPEN:
        if (this.inKey) this.key.pop();
        this.mode = MODE_STRING;
        return;
      case OP_ESC_END:
        if (this.inKey) this.key.pop();
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
    const keys = this.keys[top];
    if (!keys) return false;
    if (this.mode === MODE_VALUE) return this.expect[top] === 1;
    if (!this.inKey) return false;
    const prefix = this.key.text;
    const at = lowerBound(keys, prefix);
    return at < keys.length && keys[at]!.startsWith(prefix);
  }

  /**
   * While `atRisk`: the next bytes that can keep it so (the rest end the risk for this key), into
   * `out`; false when any byte may (an escape or UTF-8 sequence is half read). Before a key:
   * whitespace and `"`; in a key: `"` if the text so far is a written key, `\`, and the first
   * UTF-8 byte of each written key's next character.
   */
  riskyBytes(out: number[]): boolean {
    out.length = 0;
    if (this.mode === MODE_VALUE) {
      out.push(...WHITESPACE, QUOTE);
      return true;
    }
    if (this.mode === MODE_ESCAPE || this.key.partStart >= 0) return false;
    const keys = this.keys[this.isObj.length - 1]!;
    const prefix = this.key.text;
    out.push(BACKSLASH);
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) {
      const k = keys[i]!;
      if (k.length === prefix.length) {
        out.push(QUOTE);
        continue;
      }
      const cp = k.codePointAt(prefix.length)!;
      const b = cp < 0x80 ? cp : cp < 0x800 ? 0xc0 | (cp >> 6) : cp < 0x10000 ? 0xe0 | (cp >> 12) : 0xf0 | (cp >> 18);
      if (!out.includes(b)) out.push(b);
    }
    return true;
  }

  /** The decoded text of the key being read, up to its last complete character ("" outside keys). */
  get keyText(): string {
    return this.readingKey ? this.key.text : "";
  }

  /** The innermost container's identity (-1 at the top level) and how many keys it has: together they name its key set. */
  get objectId(): number {
    return this.ids.length > 0 ? this.ids[this.ids.length - 1]! : -1;
  }

  get keyCount(): number {
    const k = this.keys[this.keys.length - 1];
    return k ? k.length : 0;
  }

  /** Is the key being read at a character boundary (no escape or UTF-8 sequence half read)? */
  get keyComplete(): boolean {
    return this.mode === MODE_STRING && this.key.partStart < 0;
  }

  /** Is a key being read? */
  get readingKey(): boolean {
    return this.mode !== MODE_VALUE && this.inKey;
  }

  /** Is a value next (whitespace aside), so a `"` would open a value string? */
  get atValueStart(): boolean {
    return this.mode === MODE_VALUE && this.valueStart;
  }

  /** Is a string (key or value) being read? */
  get inString(): boolean {
    return this.mode !== MODE_VALUE;
  }

  /** An independent tracker in the same state (its undo history included). */
  clone(): JsonKeyTracker {
    const c = new JsonKeyTracker();
    c.isObj = this.isObj.slice();
    c.keys = this.keys.map((k) => (k ? k.slice() : null));
    c.expect = this.expect.slice();
    c.mode = this.mode;
    c.valueStart = this.valueStart;
    c.valueStartBefore = this.valueStartBefore.slice();
    c.inKey = this.inKey;
    c.key = this.key.copy();
    c.log = this.log.slice();
    // undo entries hold key lists of containers since closed: copy them too so the two never share one
    c.popped = this.popped.map(([o, k, e, id]) => [o, k ? k.slice() : null, e, id]);
    c.ids = this.ids.slice();
    c.nextId = this.nextId;
    c.closed = this.closed.map((k) => k.copy());
    return c;
  }
}
