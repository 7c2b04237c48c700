/**
 * Heading numbers and "does this line read as a heading?" heuristics, shared by the readers of
 * formats that have no reliable heading markup (plain text, unstyled Word, PDF).
 */

const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen',
  'nineteen', 'twenty',
];

export interface HeadingNumber {
  /** The number as written: "4.1", "Section Four", "Appendix B", "(ii)". */
  raw: string;
  /** Numeric parts when the number has them ("4.1" → [4, 1]; "Section Four" → [4]; "B" → [2]). */
  parts: number[];
  style: 'decimal' | 'words' | 'roman' | 'letter' | 'appendix';
  /** The heading text after the number. */
  rest: string;
}

const DECIMAL = /^((?:\d{1,3}\.)*\d{1,3})(\.?)(?:\s+|\s*[–—-]\s*|\t)(?=\S)/;
const WORDED = /^((?:section|part|chapter)\s+(\d{1,2}|[a-z]+))\b\s*[:.–—-]?\s*/i;
const APPENDIX = /^((?:appendix|annex|annexe)\s+(\d{1,2}|[A-Z]\b|[a-z]+))\s*[:.–—-]?\s*/i;
const ROMAN = /^\(?((?:x{0,3})(?:ix|iv|v?i{0,3}))\)\s+(?=\S)/i;
const LETTER = /^([A-Z])[.)]\s+(?=[A-Z])/;

export function wordToNumber(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  const index = NUMBER_WORDS.indexOf(word.toLowerCase());
  if (index >= 0) return index;
  if (/^[a-z]$/i.test(word)) return word.toUpperCase().charCodeAt(0) - 64;
  return undefined;
}

export function romanToNumber(roman: string): number | undefined {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  const s = roman.toLowerCase();
  for (let i = 0; i < s.length; i++) {
    const v = values[s[i]!];
    if (v === undefined) return undefined;
    const next = values[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total || undefined;
}

/** Split a heading's number from its text. */
export function parseHeadingNumber(text: string): HeadingNumber | undefined {
  const t = text.trim();
  let m = DECIMAL.exec(t);
  if (m) {
    const parts = m[1]!.split('.').map(Number);
    // "2019 Review" or a bare year is not a section number.
    if (parts.length === 1 && parts[0]! > 99) return undefined;
    return { raw: m[1]!, parts, style: 'decimal', rest: t.slice(m[0].length).trim() };
  }
  m = APPENDIX.exec(t);
  if (m) {
    const n = wordToNumber(m[2]!);
    return { raw: m[1]!, parts: n === undefined ? [] : [n], style: 'appendix', rest: t.slice(m[0].length).trim() };
  }
  m = WORDED.exec(t);
  if (m) {
    const n = wordToNumber(m[2]!);
    if (n !== undefined) return { raw: m[1]!, parts: [n], style: 'words', rest: t.slice(m[0].length).trim() };
  }
  m = ROMAN.exec(t);
  if (m && m[1]) {
    const n = romanToNumber(m[1]);
    if (n !== undefined) return { raw: `(${m[1]})`, parts: [n], style: 'roman', rest: t.slice(m[0].length).trim() };
  }
  m = LETTER.exec(t);
  if (m) return { raw: m[1]!, parts: [wordToNumber(m[1]!)!], style: 'letter', rest: t.slice(m[0].length).trim() };
  return undefined;
}

/** Section names common enough in DHRs to count as headings when they stand alone on a line. */
const KNOWN_TITLES = new RegExp(
  '^(?:' +
    [
      'executive summary', 'contents', 'table of contents', 'glossary(?: of terms)?', 'abbreviations',
      'preface', 'foreword', 'introduction', 'timescales?', 'confidentiality', 'terms of reference',
      'methodology', 'involvement of family(?: and friends)?', 'contributors to the review',
      'the review panel(?: members)?', 'review panel members', 'author of the overview report',
      'parallel reviews', 'equality and diversity', 'dissemination', 'background information.*',
      'the facts', 'key facts', 'chronology', 'overview', 'analysis', 'conclusions?',
      'conclusions and recommendations', 'lessons (?:to be )?learn(?:ed|t)', 'recommendations?',
      'action plan', 'appendix\\b.*', 'annexe?\\b.*', 'references', 'bibliography', 'tribute',
      'pen portrait', 'the review process', 'review process', 'summary chronology',
      'summary of chronology', 'key issues arising from the review', 'learning',
    ].join('|') +
    ')$',
  'i',
);

export function isKnownTitle(text: string): boolean {
  return KNOWN_TITLES.test(text.trim().replace(/[:.]$/, ''));
}

const DATE_REST = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+\d{4}\b/i;

export interface HeadingGuess {
  depth: number;
  source: 'numbering' | 'font' | 'caps' | 'known-title';
  number?: HeadingNumber;
}

export interface LineStyle {
  /** Every run of the line is bold. */
  bold?: boolean;
  /** The line's font is larger than the body text. */
  larger?: boolean;
  /** Relative size rank among heading sizes (1 = largest), when the reader knows it. */
  sizeRank?: number;
  /** The line is a paragraph by itself (blank lines or paragraph marks around it). */
  standalone?: boolean;
}

/**
 * Decide whether a short paragraph reads as a heading, from its text and (when known) its style.
 * Conservative: a numbered paragraph that runs on like prose is body text with paragraph numbering.
 */
export function guessHeading(text: string, style: LineStyle = {}): HeadingGuess | undefined {
  // Word headings often separate a typed number from the title with a tab ("4.\tScope").
  const t = text.trim().replace(/^((?:\d{1,3}\.)*\d{1,3}\.?|[A-Z][.)]|\(?[ivx]{1,4}\))\t+(?=\S)/, '$1 ');
  if (t.length === 0 || t.length > 120 || t.includes('\t')) return undefined;
  if (/[.;:,]$/.test(t) && !/^\S+\.$/.test(t)) {
    // Trailing punctuation marks prose ("4.2 The police attended."), except a bare number.
    return undefined;
  }
  const number = parseHeadingNumber(t);
  const words = t.split(/\s+/).length;
  const emphasised = Boolean(style.bold || style.larger);
  if (number && number.rest.length > 0) {
    const rest = number.rest;
    // "28 June 2024" on a cover or in a letter is a date, not section 28.
    if (number.style === 'decimal' && number.parts.length === 1 && DATE_REST.test(rest)) return undefined;
    const restLooksLikeTitle = /^[A-Z0-9("'‘“]/.test(rest) && rest.split(/\s+/).length <= 12 && !/[.!?]\s/.test(rest);
    if (!restLooksLikeTitle) return undefined;
    const depth = number.style === 'decimal' ? Math.min(number.parts.length, 6) : 1;
    // A bare "4.2 Something" in body style is paragraph numbering unless it is a known title or emphasised.
    if (emphasised || isKnownTitle(rest) || number.style !== 'decimal' || (depth === 1 && words <= 8) || (style.standalone && words <= 10)) {
      return { depth, source: 'numbering', number };
    }
    return undefined;
  }
  if (number) {
    // A standalone "Section Four" or "Appendix B" is a heading; a bare "4." or "(ii)" is not.
    if ((number.style === 'words' || number.style === 'appendix') && words <= 3) return { depth: 1, source: 'numbering', number };
    return undefined;
  }
  if (isKnownTitle(t)) return { depth: style.sizeRank ?? 1, source: 'known-title' };
  if (words > 12 || /[.!?]$/.test(t)) return undefined;
  if (emphasised && /^[A-Z0-9("'‘“]/.test(t)) return { depth: style.sizeRank ?? 2, source: 'font' };
  const letters = t.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 4 && letters === letters.toUpperCase() && words <= 10) return { depth: 1, source: 'caps' };
  return undefined;
}

/** One block at the start of a document, as the front-matter heuristic sees it. */
export interface FrontMatterItem {
  text: string;
  /** Page (1-based) where the block starts, when the format knows it. */
  page?: number;
  /** Bold, larger than the body text, or all capitals. */
  emphasised: boolean;
  /**
   * A sure start of the report's body: a contents title or entry, a declared heading (style, tag,
   * bookmark), or a heading recognised from its number or as a known DHR section name.
   */
  anchor: boolean;
}

/** A cover is short: more blocks than this before the body and it is not a cover. */
const MAX_FRONT_ITEMS = 25;
/** A block this long, or a sentence this long, is prose, not a title line. */
const PROSE_WORDS = 20;
const SENTENCE_WORDS = 10;

/**
 * How many leading blocks are a cover or title page: short emphasised lines ("Eastmere Community
 * Safety Partnership", "Domestic Homicide Review", "Overview Report", "Report into the death of
 * …") before the contents or the first numbered or known section. They are front matter
 * paragraphs, not headings, and their (large) font sizes must not take part in ranking heading
 * levels.
 *
 * The front matter ends at the first anchor and, when pages are known, with the first page. A
 * cover page ended by a page break may hold prose (a note on pseudonyms); a title block on the
 * same page as the body may not. No front matter when an emphasised line follows prose (that is
 * a heading and its text), when there are too many blocks, or when nothing is emphasised.
 * Returns the index of the first block after the front matter (0 for none).
 */
export function frontMatterLength(items: FrontMatterItem[]): number {
  const anchor = items.findIndex((i) => i.anchor);
  if (anchor <= 0) return 0;
  const first = items.find((i) => i.text.trim() !== '');
  if (!first || items.indexOf(first) >= anchor) return 0;
  const firstPage = first.page;
  let end = anchor;
  if (firstPage !== undefined) {
    end = 0;
    while (end < anchor && (items[end]!.page ?? firstPage) <= firstPage) end++;
  }
  const pageBreak = firstPage !== undefined && (items[anchor]!.page ?? firstPage) > firstPage;
  const zone = items.slice(0, end).filter((i) => i.text.trim() !== '');
  if (zone.length === 0 || zone.length > MAX_FRONT_ITEMS) return 0;
  const words = (t: string): number => t.trim().split(/\s+/).length;
  const titleLine = (i: FrontMatterItem): boolean => i.emphasised && words(i.text) <= PROSE_WORDS && i.text.length <= 160;
  if (!zone.some(titleLine)) return 0;
  let prose = false;
  const isProse = (t: string): boolean => words(t) > PROSE_WORDS || (words(t) >= SENTENCE_WORDS && /[.!?]["”’)]?$/.test(t.trim()));
  for (const i of zone) {
    if (isProse(i.text)) {
      if (!pageBreak) return 0;
      prose = true;
    } else if (prose && titleLine(i)) return 0;
  }
  return end;
}
