/** Sentence and quotation helpers over a block's plain text. Pure functions; the model caches them. */
import type { Quotation, Sentence } from './types.js';

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nos', 'e.g', 'i.e', 'etc', 'vs', 'cf', 'para', 'paras',
  'approx', 'inc', 'ltd', 'dept', 'sgt', 'pc', 'insp', 'supt', 'fig', 'p', 'pp', 'vol', 'ch', 'sec',
]);

/** Split text into sentences, keeping offsets; tolerant of abbreviations and numbered paragraphs. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const boundary = /([.!?]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const endOfSentence = m.index + m[1]!.length + m[2]!.length;
    const before = text.slice(start, m.index);
    const lastWord = trailingLetters(before).toLowerCase();
    // "Mr. Smith", "e.g. Police", and single initials ("J. Smith") do not end a sentence.
    if (m[1] === '.' && (ABBREVIATIONS.has(lastWord.replace(/\.$/, '')) || /^[a-z]$/i.test(lastWord))) continue;
    // "4.2 The ..." style numbers: a digit run before the full stop that is itself only a number.
    if (m[1] === '.' && /^\s*\d+(\.\d+)*$/.test(before)) continue;
    pushSentence(sentences, text, start, endOfSentence);
    start = m.index + m[0].length;
  }
  pushSentence(sentences, text, start, text.length);
  return sentences;
}

/** The run of ASCII letters and full stops that ends `s` (what /([A-Za-z.]+)$/ finds), or ''. */
function trailingLetters(s: string): string {
  let i = s.length;
  for (; i > 0; i--) {
    const c = s.charCodeAt(i - 1);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46)) break;
  }
  return s.slice(i);
}

function pushSentence(out: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
}

const PAIRS: [string, string][] = [
  ['“', '”'],
  ['"', '"'],
  ['‘', '’'],
  ["'", "'"],
];

/**
 * Cues that introduce reported speech (LANGUAGE.md §3 rule 2): "the IMR states: …", "recorded
 * as", "described as", "in the words of", "told the Chair that", "the log reads", "according to".
 * The rest of the sentence after a cue is attributed text.
 */
const ATTRIBUTION = new RegExp(
  [
    String.raw`\b(?:stated|states|said|says|wrote|writes|recorded|records|noted|notes|reported|reports|described|describes|told|tells|commented|explained|quoted)\s*(?:that\s*)?:\s*`,
    String.raw`\b(?:recorded|logged|described|documented|noted|coded|classified|categori[sz]ed|graded|referred to|characteri[sz]ed|summari[sz]ed|labelled)\s+(?:[\w'’-]+\s+){0,3}?as\b`,
    String.raw`\bin the words of\b[^,]*,?`,
    String.raw`\b(?:wrote|writes|said|says|stated|states|told|tells|reported|reports|claimed|claims|alleged|alleges|explained|explains|recalled|recalls|maintained|maintains|insisted|insists|believed|believes|felt|feels|thought|thinks|described|describes|admitted|admits|disclosed|discloses|confided|mentioned|recorded|records|noted|notes|commented|comments|suggested|suggests|accepted|accepts|denied|denies)\s+(?:(?:to\s+)?(?:the\s+)?(?:\w+\s+){0,3}?)?that\b`,
    String.raw`\b(?:told|tells)\s+(?:the\s+)?(?:Chair|Panel|police|officers?|(?:her|his)\s+\w+|the\s+\w+|\w+)\s+(?:he|she|they|that)\b`,
    String.raw`\b(?:the\s+)?(?:IMR|log|record|records|entry|note|notes|letter|statement|chronology|referral|assessment|report)\s+(?:says|said|states|stated|reads|read|records|recorded|notes|noted|describes|described)\b`,
    String.raw`\baccording to\b[^,]{1,80},`,
    String.raw`\b(?:his|her|their)\s+(?:account|version|explanation|claim|statement)\s+(?:was|is)\s+(?:that\s+)?`,
    String.raw`\b(?:in|during)\s+(?:police\s+)?interview,?\s+(?:he|she|they)\s+(?:said|claimed|stated|told)\b`,
  ].join('|'),
  'gi',
);

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Quoted spans of a text: text in quotation marks (straight or curly; single quotes only when they
 * are not apostrophes) and text after an attribution colon ("The IMR states: ...").
 */
export function findQuotations(text: string): Quotation[] {
  const spans: Quotation[] = [];
  for (const [open, close] of PAIRS) {
    let from = 0;
    while (from < text.length) {
      const s = text.indexOf(open, from);
      if (s < 0) break;
      // An opening mark starts a word: not inside one (apostrophes, inch marks).
      if (isWordChar(text[s - 1]) || !text[s + 1] || /\s/.test(text[s + 1]!)) {
        from = s + 1;
        continue;
      }
      let e = text.indexOf(close, s + 1);
      // A closing single quote must end a word, not sit inside one ("didn't").
      while (e >= 0 && open.length === 1 && (open === '‘' || open === "'") && isWordChar(text[e + 1])) {
        e = text.indexOf(close, e + 1);
      }
      if (e < 0) break;
      if (!spans.some((q) => q.start <= s && q.end >= e + 1)) spans.push({ start: s, end: e + 1, kind: 'marks' });
      from = e + 1;
    }
  }
  ATTRIBUTION.lastIndex = 0;
  for (let m = ATTRIBUTION.exec(text); m; m = ATTRIBUTION.exec(text)) {
    const start = m.index + m[0].length;
    if (start >= text.length) continue;
    // Reported speech runs to the end of its sentence (or clause, at a semicolon).
    const stop = /[.!?;](?=\s|$)/.exec(text.slice(start));
    spans.push({ start, end: stop ? start + stop.index + 1 : text.length, kind: 'attributed' });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Code units known to be a letter or number (1), not (2), or not yet looked up (0). */
const LETTER_OR_NUMBER = new Uint8Array(65536);
const LETTER_OR_NUMBER_RE = /^[\p{L}\p{N}]$/u;

/** `[\p{L}\p{N}]` for one code point. */
export function isLetterOrNumber(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  // Latin-1 punctuation and General Punctuation hold no letter or number: no need to run the Unicode class.
  if (cp < 0xaa || (cp >= 0x2000 && cp < 0x2070)) return false;
  if (cp > 0xffff) return LETTER_OR_NUMBER_RE.test(String.fromCodePoint(cp));
  let known = LETTER_OR_NUMBER[cp]!;
  if (known === 0) {
    known = LETTER_OR_NUMBER_RE.test(String.fromCharCode(cp)) ? 1 : 2;
    LETTER_OR_NUMBER[cp] = known;
  }
  return known === 1;
}

/** Words as /[\p{L}\p{N}][\p{L}\p{N}'’-]*\/gu finds them: a letter or number, then letters, numbers, apostrophes and hyphens. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    // A surrogate pair is one code point.
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isLetterOrNumber(cp)) {
      if (!inWord) count++;
      inWord = true;
    } else if (!(inWord && (cp === 39 || cp === 0x2019 || cp === 45))) {
      inWord = false;
    }
  }
  return count;
}
