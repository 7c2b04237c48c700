/**
 * `text.replace(/\s+/g, ' ')`, shared and cached: several rules collapse the white space of the same
 * paragraphs and sentences, often more than once each.
 */

/** Results by text; cleared when it grows past LIMIT (a cache, not a store). */
const cache = new Map<string, string>();
const LIMIT = 20_000;

/** The text with every run of white space replaced by one space (what `replace(/\s+/g, ' ')` gives). */
export function squash(text: string): string {
  let out = cache.get(text);
  if (out === undefined) {
    out = text.replace(/\s+/g, ' ');
    if (cache.size >= LIMIT) cache.clear();
    cache.set(text, out);
  }
  return out;
}
