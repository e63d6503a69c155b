/**
 * Byte offsets → line, column and a caret under the offending character, for messages about inputs.
 */

export interface TextPosition {
  /** 1-based */
  line: number;
  /** 1-based, counted in characters (code points) of the decoded line */
  col: number;
  /** the whole line, decoded (invalid UTF-8 shown as U+FFFD) */
  lineText: string;
  /** spaces (and the line's own tabs) up to the column, then `^` */
  caret: string;
}

export function positionOf(bytes: Uint8Array, offset: number): TextPosition {
  let lineStart = 0;
  let line = 1;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = bytes.indexOf(0x0a, lineStart);
  if (lineEnd < 0) lineEnd = bytes.length;
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const before = decoder.decode(bytes.subarray(lineStart, end));
  const lineText = decoder.decode(bytes.subarray(lineStart, lineEnd)).replace(/\r$/, "");
  const chars = [...before];
  const caret = chars.map((c) => (c === "\t" ? "\t" : " ")).join("") + "^";
  return { line, col: chars.length + 1, lineText, caret };
}

/** A short, printable rendering of the byte at `offset` for "unexpected ..." messages. */
export function describeByteAt(bytes: Uint8Array, offset: number): string {
  if (offset >= bytes.length) return "end of input";
  const b = bytes[offset]!;
  if (b >= 0x80) {
    const ch = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(offset, offset + 4))[0]!;
    return ch === "\ufffd" ? `byte 0x${b.toString(16).padStart(2, "0")} (not valid UTF-8 here)` : JSON.stringify(ch);
  }
  if (b === 0x0a) return "newline";
  return JSON.stringify(String.fromCharCode(b));
}
