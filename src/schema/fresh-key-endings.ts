/**
 * Fresh endings of a repeated object key. A search that writes JSON beside a `JsonKeyTracker`
 * (json-keys.ts) meets a refused closing quote where the key it was writing is one its object
 * has; the way on is a few more key characters that make the key new, then the quote. Both the
 * left-to-right close-out (decode/closeout.ts) and the infill quick search (infill/quick.ts) do
 * this, each with its own character order and limits; this module is the enumeration they share.
 *
 * An ending is n characters from the caller's list (each must keep the key open: a byte that closes
 * it, or that the parser or the tracker refuses, is skipped) followed by `"`, accepted by the
 * parser and by the tracker (which refuses a quote closing a repeated key, so the key is new).
 * Endings are visited shortest first (depth first in the list's order within one length) and no
 * longer ones are tried once a length had one: the fewest characters that make the key new.
 */

const QUOTE = 0x22;

/** Bytes fed to the parser and the key tracker together. */
export interface KeyByteFeeder {
  /** feeds one byte to both; false, with nothing changed, when either refuses it */
  feed(b: number): boolean;
  /** undoes the last n bytes fed (both) */
  back(n: number): void;
}

export interface FreshKeyEndingOptions {
  /** most key characters before the quote (1, 2, … up to this many) */
  maxChars: number;
  /** endings visited at most (default unbounded) */
  maxEndings?: number;
  /** asked before each character: true stops the enumeration (a budget) */
  enough?: () => boolean;
}

/**
 * Visits the shortest endings of the key being read (`keys.readingKey`) that make it new: each is
 * fed through `feeder` before `visit` is called; when `visit` returns true the enumeration stops
 * with the ending still fed and returns true, otherwise the ending is undone and the next one is
 * tried. Returns false, with everything undone, when no visit returned true. The caller's premise:
 * the closing quote alone was refused (the key as written repeats one).
 */
export function visitFreshKeyEndings(keys: { readonly readingKey: boolean }, feeder: KeyByteFeeder, chars: readonly number[], opts: FreshKeyEndingOptions, visit: () => boolean): boolean {
  const maxEndings = opts.maxEndings ?? Infinity;
  const enough = opts.enough;
  let visited = 0;
  const close = (): boolean => {
    if (!feeder.feed(QUOTE)) return false;
    if (!keys.readingKey) {
      visited++;
      if (visit()) return true;
    }
    feeder.back(1);
    return false;
  };
  const more = (n: number): boolean => {
    for (const c of chars) {
      if (visited >= maxEndings || (enough !== undefined && enough())) return false;
      if (!feeder.feed(c)) continue;
      if (keys.readingKey && (n === 1 ? close() : more(n - 1))) return true;
      feeder.back(1);
    }
    return false;
  };
  for (let n = 1; n <= opts.maxChars && visited === 0; n++) if (more(n)) return true;
  return false;
}
