import { defineRule } from '../../src/api/rule.js';
import type { Block, Section, Table } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import { inIgnoredSection } from '../_shared/language.js';
import { isPlain, isSpace } from '../_shared/chars.js';
import allowData from './allow.json' with { type: 'json' };
import expansionData from './expansions.json' with { type: 'json' };

interface Options {
  /** Number of different acronyms from which a glossary is expected. */
  glossaryThreshold: number;
  /** Extra acronyms that need no explanation. */
  allow: string[];
  /** Extra heading patterns (regular expressions, case-insensitive) that mark a glossary. */
  glossaryHeadings: string[];
  /** Section ids (TEMPLATES.md) or heading words whose acronyms are not checked (definitions there still count). */
  ignoreSections: string[];
  /** Report acronyms explained only after their first use. */
  checkFirstUse: boolean;
  /** Report an acronym explained in two different ways. */
  checkConsistency: boolean;
}

/** A word that may be an acronym: 2–9 letters (a plural "s" is dropped below), not glued to digits. */
const TOKEN = /(?<![\p{L}\p{N}_&'’@/.])[A-Za-z][A-Za-z&]{0,7}[A-Za-z](?![\p{L}\p{N}_&@]|[-'’]?\p{N})/gu;
const TOKEN_AT = new RegExp(TOKEN.source, 'uy');

const PLAIN_TOKEN = /(?<![A-Za-z0-9_&'’@/.])[A-Za-z][A-Za-z&]{0,7}[A-Za-z](?![A-Za-z0-9_&@]|[-'’]?[0-9])/gu;
const PLAIN_TOKEN_AT = new RegExp(PLAIN_TOKEN.source, 'uy');
/** TOKEN, or its plain form for a plain text. */
const tokenFor = (text: string): RegExp => (isPlain(text) ? PLAIN_TOKEN : TOKEN);

/**
 * Calls `fn` with each match of TOKEN in `text` (in order) whose run of letters passes `want`. TOKEN
 * only ever matches a whole run of [A-Za-z&] (nothing of the kind may come before or after it), so
 * runs that `want` turns down need no regular expression at all.
 */
function eachToken(text: string, want: (upper: number, lower: number, length: number) => boolean, fn: (token: string, index: number) => void): void {
  const n = text.length;
  let plain: boolean | undefined;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 38)) {
      i++;
      continue;
    }
    const start = i;
    let upper = 0;
    let lower = 0;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d >= 65 && d <= 90) upper++;
      else if (d >= 97 && d <= 122) lower++;
      else if (d !== 38) break;
    }
    if (!want(upper, lower, i - start)) continue;
    plain ??= isPlain(text);
    const at = plain ? PLAIN_TOKEN_AT : TOKEN_AT;
    at.lastIndex = start;
    const m = at.exec(text);
    if (m) fn(m[0], start);
  }
}

/**
 * The match of TOKEN at `start`, the start of a run of [A-Za-z&] (what eachToken would give there), if
 * the run passes `want`.
 */
function tokenAt(text: string, start: number, want: (upper: number, lower: number, length: number) => boolean): string | undefined {
  let upper = 0;
  let lower = 0;
  let i = start;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d >= 65 && d <= 90) upper++;
    else if (d >= 97 && d <= 122) lower++;
    else if (d !== 38) break;
  }
  if (!want(upper, lower, i - start)) return undefined;
  const at = isPlain(text) ? PLAIN_TOKEN_AT : TOKEN_AT;
  at.lastIndex = start;
  return at.exec(text)?.[0];
}

/**
 * Whether a run of [A-Za-z&] in the text holds two capitals or more. Every definition pattern
 * captures a piece of such a run, and keeps it only when it has two capitals (shapeOk): a text
 * without one defines nothing.
 */
function hasCapitalPair(text: string): boolean {
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      if (++upper >= 2) return true;
    } else if (!((c >= 97 && c <= 122) || c === 38)) upper = 0;
  }
  return false;
}

/** Runs with two capitals or more: what an acronym needs (shapeOk). */
const TWO_CAPITALS = (upper: number): boolean => upper >= 2;
/** Runs of at most three letters, none lower case: "TL" in "Mr TL". */
const SHORT_CAPITALS = (upper: number, lower: number, length: number): boolean => lower === 0 && upper >= 1 && length <= 3;

// The definition patterns, run with exec from lastIndex 0 (none matches an empty string): matchAll
// would copy the expression for every paragraph of the report, four times.
/** "Multi-Agency Risk Assessment Conference (MARAC)". */
const BRACKETED = /\(\s*(?:the\s+|a\s+|an\s+)?["“‘']?([A-Za-z][A-Za-z&]{0,7}[A-Za-z])["”’']?(?:\s+[A-Za-z]+)?\s*\)/g;
/** "… Conference, known as MARAC" / "… Conference, or MARAC,". */
const KNOWN_AS = /,?\s+(?:known as|referred to as|hereafter|hereinafter|or)\s+(?:the\s+)?["“‘']?([A-Za-z][A-Za-z&]{0,7}[A-Za-z])\b/g;
/** "A MARAC is a …" / "The IDVA is the …" at a sentence start. */
const IS_A = /(?:^|[.!?]\s+|\n)(?:The\s+|A\s+|An\s+)?([A-Za-z][A-Za-z&]{0,7}[A-Za-z])(?:s)?\s+(?:is|are)\s+(?:a|an|the)\s/g;

/** The first match of a global expression in a text (then `exec` again for the next). */
function first(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(text);
}

/** "MARAC (Multi-Agency …)": an acronym and a bracket (and its plain form, see isPlain). */
const EXPANSION_AFTER = /(?<![\p{L}\p{N}])([A-Za-z][A-Za-z&]{0,7}[A-Za-z])(?:s|['’]s)?\s*\(([^()]{3,160})\)/gu;
const PLAIN_EXPANSION_AFTER = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z&]{0,7}[A-Za-z])(?:s|['’]s)?\s*\(([^()]{3,160})\)/gu;

const ROMAN = /^(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})$/;
const NAME_LIKE = [/^(?:Mc|Mac|O)[A-Z][a-z]+$/, /^(?:De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z]{2,}$/, /^[A-Z][a-z]{2,}[A-Z][a-z]{2,}$/];
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS|MS|Adult|Child|Subject|Person|Victim|Perpetrator|Family|Witness|Friend|Baby|Sibling|Neighbour|Colleague|Relative)\.?$/;
/**
 * A title or role, then white space and a capital: where letters after a title ("Mr TL") may stand.
 * Looking for the titles is cheaper than walking every word of the report; HONORIFIC still decides.
 */
const TITLE_THEN_CAPITAL = new RegExp(`${HONORIFIC.source.slice(1, -1)}\\s+(?=[A-Z])`, 'g');
const DECLARATION = /\b(?:pseudonyms?|not (?:her|his|their) real names?|known (?:only )?as|referred to as|(?:is|are|was|were|will be|has been|have been) (?:called|named)|initials|letters? (?:are|is) used)\b/i;
const GLOSSARY_HEADING = /\b(?:glossary|abbreviations?|acronyms?|key to|terms used|terminology|list of terms)\b/i;
const SEPARATOR_LINE = /^\s*(?:[-•*·]\s*)?([A-Za-z][A-Za-z&]{0,7}[A-Za-z])(?:s|['’]s)?\s*(?:[–—:=]|\s-\s|\t|\s{2,})\s*(\S.{1,200})$/;
const NOT_EXPANSION = /^(?:see|page|pages|para|paragraph|section|appendix|annex|p\.|pp\.|e\.g|i\.e|and|or|which|who|now|formerly|previously|also|as|at|in|on|from|to|the (?:same|above|below)|\d)/i;

const ALLOW = new Set(allowData.allow.map((a) => a.token.toUpperCase()));
const WORDS = new Set(allowData.words.list);
const KNOWN = new Map(expansionData.expansions.map((e) => [e.acronym.toUpperCase(), e.expansion]));

/** OCR confusions seen in scanned reports ("OHR" for "DHR"). */
const CONFUSABLE: [string, string][] = [
  ['D', 'O'],
  ['O', '0'],
  ['C', 'G'],
  ['E', 'F'],
  ['I', 'L'],
];

function capitals(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) n++;
  }
  return n;
}

/** The last white-space-separated word before `end` (what `text.slice(0, end).trimEnd().split(/\s+/).pop()` gives). */
function wordBefore(text: string, end: number): string {
  let e = end;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  return text.slice(s, e);
}

/** ASCII letters, and the characters that make a letter run part of a longer word (\w). */
const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT_OR_UNDERSCORE = 3;
const CHAR = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CHAR[c] = LOWER;
for (let c = 65; c <= 90; c++) CHAR[c] = UPPER;
for (let c = 48; c <= 57; c++) CHAR[c] = DIGIT_OR_UNDERSCORE;
CHAR[95] = DIGIT_OR_UNDERSCORE;
const charOf = (c: number): number => (c < 128 ? CHAR[c]! : OTHER);

/**
 * Calls `found(start, end)` for each word of `text` that matches \b[A-Za-z]*[a-z][A-Za-z]*\b and
 * has four letters or more (the only ones ever looked up).
 */
function eachOrdinaryWord(text: string, found: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const k = charOf(text.charCodeAt(i));
    if (k !== LOWER && k !== UPPER) {
      i++;
      continue;
    }
    // A maximal run of ASCII letters; it is a word only between non-word characters.
    const start = i;
    let lower = false;
    for (; i < n; i++) {
      const c = charOf(text.charCodeAt(i));
      if (c === LOWER) lower = true;
      else if (c !== UPPER) break;
    }
    if (!lower || i - start < 4) continue;
    if (start > 0 && charOf(text.charCodeAt(start - 1)) === DIGIT_OR_UNDERSCORE) continue;
    if (i < n && charOf(text.charCodeAt(i)) === DIGIT_OR_UNDERSCORE) continue;
    found(start, i);
  }
}

/** Adds the ordinary words of `text` (eachOrdinaryWord), in lower case. */
function addOrdinaryWords(text: string, set: Set<string>): void {
  eachOrdinaryWord(text, (start, end) => set.add(text.slice(start, end).toLowerCase()));
}

/** A hash of a word's letters in lower case (ASCII letters; `c | 32` folds A–Z). */
function wordHash(text: string, start: number, end: number): number {
  let h = end - start;
  for (let k = start; k < end; k++) h = (Math.imul(h, 31) + (text.charCodeAt(k) | 32)) | 0;
  return h;
}

/**
 * The words of some texts that match \b[A-Za-z]*[a-z][A-Za-z]*\b, four letters or more, asked for in
 * lower case (the set addOrdinaryWords builds). Cutting every word of a report out of its text was
 * the rule's largest cost: the scan keeps a hash of each word instead, which answers most questions
 * ("no"); a word whose hash is there is looked for in the text.
 *
 * Most reports ask about a handful of words (the acronyms of four letters or more): searching the
 * text for each costs less than hashing all its words, which waits for the (SEARCHES + 1)th word.
 */
class OrdinaryWords {
  private static readonly SEARCHES = 8;
  private hashes?: Set<number>;
  private searches = 0;
  private readonly answers = new Map<string, boolean>();
  private readonly texts: string[];
  private joined?: string;
  private lower?: string;
  private exact?: Set<string>;

  constructor(texts: string[]) {
    this.texts = texts;
  }

  /** One text, a line per block: a line break is not a word character, as the ends of a block are not. */
  private get text(): string {
    return (this.joined ??= this.texts.join('\n'));
  }

  private hashWords(): Set<number> {
    const hashes = new Set<number>();
    const text = this.text;
    eachOrdinaryWord(text, (start, end) => hashes.add(wordHash(text, start, end)));
    return hashes;
  }

  has(word: string): boolean {
    let found = this.answers.get(word);
    if (found !== undefined) return found;
    if (!this.hashes && ++this.searches > OrdinaryWords.SEARCHES) this.hashes = this.hashWords();
    // Without the hashes, or with this word's hash among them, the text tells.
    found = this.hashes && !this.hashes.has(wordHash(word, 0, word.length)) ? false : this.find(word);
    this.answers.set(word, found);
    return found;
  }

  /** Whether a lower-case word is among the words. */
  private find(word: string): boolean {
    if (!/^[a-z]{4,}$/.test(word)) return false;
    const text = this.text;
    const lower = (this.lower ??= text.toLowerCase());
    if (lower.length !== text.length) {
      // Lower case changed the length ("İ"): positions no longer agree, collect the words instead.
      if (!this.exact) {
        this.exact = new Set();
        addOrdinaryWords(text, this.exact);
      }
      return this.exact.has(word);
    }
    for (let p = lower.indexOf(word); p >= 0; p = lower.indexOf(word, p + 1)) {
      const q = p + word.length;
      // A whole run of ASCII letters, with a lower-case one, between non-word characters.
      if (p > 0 && charOf(text.charCodeAt(p - 1)) !== OTHER) continue;
      if (q < text.length && charOf(text.charCodeAt(q)) !== OTHER) continue;
      let letters = true;
      let hasLower = false;
      for (let k = p; k < q && letters; k++) {
        const c = charOf(text.charCodeAt(k));
        if (c === LOWER) hasLower = true;
        else if (c !== UPPER) letters = false;
      }
      if (letters && hasLower) return true;
    }
    return false;
  }
}

/** Kinds of white-space-separated words, as shoutedRanges sees them. */
const NO_LETTERS = 0;
const CAPITALS = 1;
const OTHER_WORD = 2;

function wordKind(text: string, start: number, end: number): number {
  let upper = false;
  let lower = false;
  let amp = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c === 38) amp = true;
  }
  if (!upper && !lower && !amp) return NO_LETTERS;
  return upper && !lower ? CAPITALS : OTHER_WORD;
}

/**
 * Whether the word at `start` could be in a shouted range (see shoutedRanges): it is in capitals, and
 * so is the nearest word with letters before or after it (a range holds two words or more). Most
 * acronyms stand among ordinary words, and their paragraph need not be scanned for ranges.
 */
function amongCapitals(text: string, start: number): boolean {
  let s = start;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  let e = start;
  while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
  if (wordKind(text, s, e) !== CAPITALS) return false;
  // The words before, then after, skipping those without letters (they neither break nor extend a range).
  for (let end = s; ; ) {
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    if (end === 0) break;
    let begin = end;
    while (begin > 0 && !isSpace(text.charCodeAt(begin - 1))) begin--;
    const kind = wordKind(text, begin, end);
    if (kind === CAPITALS) return true;
    if (kind === OTHER_WORD) break;
    end = begin;
  }
  for (let begin = e; ; ) {
    while (begin < text.length && isSpace(text.charCodeAt(begin))) begin++;
    if (begin === text.length) break;
    let end = begin;
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
    const kind = wordKind(text, begin, end);
    if (kind === CAPITALS) return true;
    if (kind === OTHER_WORD) break;
    begin = end;
  }
  return false;
}

/** The acronym itself: a plural "s" after a capital is dropped ("IMRs" → "IMR"). */
function baseOf(word: string): string {
  return /[A-Z]s$/.test(word) ? word.slice(0, -1) : word;
}

function shapeOk(base: string): boolean {
  if (base.length < 2 || base.length > 7 || capitals(base) < 2) return false;
  if (ROMAN.test(base)) return false;
  if (NAME_LIKE.some((r) => r.test(base))) return false;
  return true;
}

/**
 * Schwartz & Hearst (2003): the shortest end of `long` whose letters spell `short` in order, the
 * first letter at a word start. Returns the start index in `long`, or undefined.
 */
function schwartzHearst(short: string, long: string): number | undefined {
  const s = short.toLowerCase().replace(/[^a-z0-9]/g, '');
  const l = long.toLowerCase();
  if (!s) return undefined;
  let si = s.length - 1;
  let li = l.length - 1;
  while (si >= 0) {
    const c = s[si]!;
    while (li >= 0 && (l[li] !== c || (si === 0 && li > 0 && /[a-z0-9]/.test(l[li - 1]!)))) li--;
    if (li < 0) return undefined;
    si--;
    li--;
  }
  return li + 1;
}

/** Expansion written before "(ACR)": the words just before, trimmed to what spells the acronym. */
function expansionBefore(short: string, before: string): string | undefined {
  const clause = before.split(/[.;:()\n!?]/).pop() ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean);
  const n = Math.min(short.length + 5, short.length * 2);
  const window = words.slice(-n).join(' ').replace(/[,\s]+$/, '');
  if (!window) return undefined;
  const start = schwartzHearst(short, window);
  if (start === undefined) return undefined;
  const rest = window.slice(start);
  const lf = (isPlain(rest) ? rest.replace(/^[^A-Za-z0-9]+/, '') : rest.replace(/^[^\p{L}\p{N}]+/u, '')).trim();
  if (lf.length <= short.length || !/\s|-/.test(lf)) return undefined;
  return lf;
}

/** Expansion written after the acronym ("MARAC (Multi-Agency …)", "MARAC – Multi-Agency …"): shortest prefix that spells it. */
function expansionAfter(short: string, after: string): string | undefined {
  const words = after.replace(/^[\s"“‘'(]+/, '').split(/\s+/).filter(Boolean);
  const n = Math.min(short.length + 5, short.length * 2, words.length);
  for (let k = 1; k <= n; k++) {
    const cand = words.slice(0, k).join(' ').replace(/[,.;:)"”’']+$/, '');
    const start = schwartzHearst(short, cand);
    if (start === 0 && cand.length > short.length) return cand;
  }
  return undefined;
}

function normaliseExpansion(e: string): string {
  return e
    .toLowerCase()
    .replace(/[-–—/]/g, ' ')
    .replace(/&/g, 'and')
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9 ]/g, '')
    .replace(/\b(?:the|of|for|and)\b/g, ' ')
    .replace(/advis[eo]r/g, 'advisor')
    .replace(/s\b/g, '')
    .replace(/\s+/g, '');
}

interface Definition {
  key: string;
  block: Block;
  row?: number;
  offset: number;
  kind: 'glossary' | 'note' | 'body';
  expansion?: string;
}

interface Use {
  key: string;
  form: string;
  block: Block;
  row?: number;
  start: number;
  end: number;
}

export default defineRule<Options>({
  meta: {
    id: 'acronyms-defined',
    group: 'language',
    description: 'Acronyms are written out at first use or listed in a glossary; a glossary once many are used; one expansion per acronym',
    defaultLevel: 'warn',
    sources: [
      { title: 'Bassetlaw "Sarah" QA Panel letter (2023): "At 1.6, it is not cl[ear]" (unclear passages; shared/domain/PANEL-CONCERNS.md, concern 12)', url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/' },
      { title: 'Scottish Government, investigative review process: include a glossary of technical terms', url: 'http://www.gov.scot/publications/investigative-review-process-establishing-managing-supporting-independent-reviews-scotland/pages/11/' },
      { title: 'GOV.UK style guide: explain an abbreviation in full the first time unless it is well known (UK, DVLA, US, EU, VAT, MP)', url: 'https://www.gov.uk/guidance/style-guide/a-to-z-of-gov-uk-style' },
      { title: 'NHS Digital A to Z of house style: spell out at first use; NHS, GP, BBC, UK and US need no expansion', url: 'https://digital.nhs.uk/about-nhs-digital/corporate-information-and-documents/nhs-digital-style-guidelines/how-we-talk/a-to-z-of-house-style' },
    ],
    messages: {
      undefined: '"{{acronym}}" is not explained anywhere in the report: write it out in full at its first use{{known}}, or add it to the glossary.',
      late: '"{{acronym}}" is used here before it is explained ({{where}}): write it out in full at this first use.',
      inconsistent: '"{{acronym}}" is explained here as "{{expansion}}" but as "{{other}}" in {{where}}: use one expansion throughout.',
      noGlossary: 'The report uses {{count}} different acronyms ({{examples}}) but has no glossary: add a glossary of abbreviations and terms, for example as an appendix.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        glossaryThreshold: { type: 'integer', minimum: 1 },
        allow: { type: 'array', items: { type: 'string', minLength: 1 } },
        glossaryHeadings: { type: 'array', items: { type: 'string', minLength: 1 } },
        ignoreSections: { type: 'array', items: { type: 'string', minLength: 1 } },
        checkFirstUse: { type: 'boolean' },
        checkConsistency: { type: 'boolean' },
      },
    },
    defaultOptions: {
      glossaryThreshold: 10,
      allow: [],
      glossaryHeadings: [],
      ignoreSections: ['contents', 'qa-letter', 'references'],
      checkFirstUse: true,
      checkConsistency: true,
    },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const allow = new Set([...ALLOW, ...options.allow.map((a) => a.toUpperCase())]);
    const known = new Map(KNOWN);
    for (const [k, v] of Object.entries(settings.acronyms ?? {})) known.set(k.toUpperCase(), v);
    const glossaryHeadings = options.glossaryHeadings.map((p) => {
      try {
        return new RegExp(p, 'i');
      } catch {
        throw new Error(`option "glossaryHeadings": "${p}" is not a valid regular expression`);
      }
    });

    function isGlossarySection(section: Section): boolean {
      if (doc.isWithin(section, 'glossary')) return true;
      for (let s: Section | undefined = section; s && s.level > 0; s = s.parent) {
        if (GLOSSARY_HEADING.test(s.title) || glossaryHeadings.some((r) => r.test(s.title))) return true;
      }
      return false;
    }

    function outOfScope(section: Section): boolean {
      return section.part.kind === 'qa-letter' || doc.isWithin(section, 'contents');
    }

    /** Words the report also writes in ordinary case ("Maria", "note"): their capitalised form is emphasis (four letters or more). */
    const ordinaryWords = doc.memo('acronyms-defined:ordinary-words-4', (d: ReportDocument) => new OrdinaryWords(d.blocks.map((b) => b.text)));

    function isWordLike(word: string): boolean {
      const clean = word.replace(/[^A-Za-z&]/g, '');
      if (!clean) return false;
      if (WORDS.has(clean.toUpperCase())) return true;
      return clean.length >= 4 && clean === clean.toUpperCase() && ordinaryWords.has(clean.toLowerCase());
    }

    /** Ranges of shouted text (three or more capitalised words, or two with an ordinary word among them). */
    function shoutedRanges(text: string): [number, number][] {
      const ranges: [number, number][] = [];
      let run: { start: number; end: number; words: string[] } | undefined;
      const close = (): void => {
        if (run && (run.words.length >= 3 || (run.words.length === 2 && run.words.some((w) => isWordLike(w) || w.replace(/[^A-Za-z]/g, '').length > 7)))) {
          ranges.push([run.start, run.end]);
        }
        run = undefined;
      };
      // Words are runs of non-white-space characters (as /\S+/g finds them).
      const n = text.length;
      let i = 0;
      while (i < n) {
        if (isSpace(text.charCodeAt(i))) {
          i++;
          continue;
        }
        const start = i;
        let upper = false;
        let lower = false;
        let amp = false;
        for (; i < n && !isSpace(text.charCodeAt(i)); i++) {
          const c = text.charCodeAt(i);
          if (c >= 65 && c <= 90) upper = true;
          else if (c >= 97 && c <= 122) lower = true;
          else if (c === 38) amp = true;
        }
        if (!upper && !lower && !amp) continue; // numbers and punctuation neither break nor extend a run
        if (upper && !lower) {
          if (!run) run = { start, end: i, words: [] };
          run.end = i;
          run.words.push(text.slice(start, i));
        } else {
          close();
        }
      }
      close();
      return ranges;
    }

    /** People written as letters or initials: settings, declarations, honorifics, pseudonym tables. */
    const personCodes = new Set<string>();
    for (const p of settings.pseudonyms ?? []) {
      for (const label of [p.label, ...(p.aliases ?? [])]) for (const m of label.matchAll(tokenFor(label))) personCodes.add(baseOf(m[0]).toUpperCase());
    }
    for (const block of doc.blocks) {
      if (block.kind === 'table') {
        const t = block.table!;
        const nameCol = t.header.findIndex((h) => /pseudonym|initials|\bname\b|person|individual/i.test(h));
        const roleCol = t.header.findIndex((h) => /role|relationship|relation|description|\bwho\b|status|connection/i.test(h));
        if (nameCol >= 0 && roleCol >= 0 && nameCol !== roleCol) {
          for (const row of t.rows) {
            const cell = row.cells[nameCol] ?? '';
            // A pseudonym table lists people: "AA", "Mr TL", "Adult A"; a cell that also has a role word is not one.
            if (/\b(?:police|trust|council|service|team|board)\b/i.test(cell)) continue;
            for (const m of cell.matchAll(tokenFor(cell))) if (m[0].length <= 3) personCodes.add(baseOf(m[0]).toUpperCase());
          }
        }
        continue;
      }
      const text = block.text;
      // "Mr TL", "Adult AB": letters after a title or a role are a person, not an acronym. The letters
      // follow white space, so each starts a run of letters, where eachToken would look.
      for (let m = first(TITLE_THEN_CAPITAL, text); m; m = TITLE_THEN_CAPITAL.exec(text)) {
        const index = m.index + m[0].length;
        const token = tokenAt(text, index, SHORT_CAPITALS);
        if (token && token.length <= 3 && token === token.toUpperCase() && HONORIFIC.test(wordBefore(text, index))) personCodes.add(token);
      }
      // A sentence is a piece of the block between white space: no declaration in the block, none in its sentences.
      if (!DECLARATION.test(text)) continue;
      for (const s of doc.sentences(block)) {
        if (!DECLARATION.test(s.text)) continue;
        const quoted = /["“‘']([A-Z]{1,3})["”’']/g;
        for (const m of s.text.matchAll(quoted)) personCodes.add(m[1]!);
        for (const m of s.text.matchAll(/\b(?:known (?:only )?as|referred to as|called|named|and|or)\s+["“‘']?([A-Z]{2,3})\b(?!\s*\()/g)) personCodes.add(m[1]!);
        for (const m of s.text.matchAll(/\b([A-Z]{2,3})["”’']?\s*\((?:not (?:her|his|their) real name|a pseudonym)/g)) personCodes.add(m[1]!);
        for (const m of s.text.matchAll(/\b(?:victim|perpetrator|deceased|sons?|daughters?|mother|father|sisters?|brothers?|partner|husband|wife|friends?|child(?:ren)?|neighbours?)\s+(?:is\s+|are\s+|was\s+)?(?:referred to\s+|known\s+)?as\s+["“‘']?([A-Z]{2,3})\b/gi)) {
          if (/^[A-Z]{2,3}$/.test(m[1]!)) personCodes.add(m[1]!);
        }
      }
    }

    function isCandidate(form: string, base: string): boolean {
      if (!shapeOk(base)) return false;
      const key = base.toUpperCase();
      if (allow.has(key) || personCodes.has(key)) return false;
      if (WORDS.has(form.toUpperCase()) || WORDS.has(key)) return false;
      if (base === key && base.length >= 4 && ordinaryWords.has(base.toLowerCase())) return false;
      return true;
    }

    const definitions: Definition[] = [];
    const addDef = (d: Definition): void => {
      definitions.push(d);
    };

    /** Definitions written in running text, a heading or a table cell. */
    function definitionsIn(text: string, block: Block, row: number | undefined, kind: Definition['kind'], glossary: boolean): void {
      if (!hasCapitalPair(text)) return;
      // "Multi-Agency Risk Assessment Conference (MARAC)" (both forms need a bracket)
      const brackets = text.includes('(');
      if (brackets) for (let m = first(BRACKETED, text); m; m = BRACKETED.exec(text)) {
        const base = baseOf(m[1]!);
        if (!shapeOk(base)) continue;
        const before = text.slice(0, m.index!);
        const clause = before.split(/[.;:()\n]/).pop() ?? '';
        if (!(isPlain(clause) ? /[A-Za-z]/.test(clause) : /[\p{L}]/u.test(clause))) continue;
        addDef({ key: base.toUpperCase(), block, row, offset: m.index! + m[0].indexOf(m[1]!), kind, expansion: expansionBefore(base, before) });
      }
      // "MARAC (Multi-Agency Risk Assessment Conference)"
      const plain = brackets && isPlain(text);
      const after = plain ? PLAIN_EXPANSION_AFTER : EXPANSION_AFTER;
      if (brackets) for (let m = first(after, text); m; m = after.exec(text)) {
        const base = baseOf(m[1]!);
        if (!shapeOk(base)) continue;
        const inner = m[2]!.trim().replace(/^["“‘']|["”’']$/g, '');
        if (NOT_EXPANSION.test(inner) || inner.split(/\s+/).length < 2) continue;
        const lf = expansionAfter(base, inner);
        const words = inner.split(/\s+/).filter((w) => (plain ? /^[A-Za-z]{3,}/.test(w) : /^[\p{L}]{3,}/u.test(w)));
        const capitalised = words.filter((w) => (plain ? /^[A-Z]/.test(w) : /^\p{Lu}/u.test(w))).length;
        if (lf || (words.length >= 2 && capitalised * 2 >= words.length)) {
          addDef({ key: base.toUpperCase(), block, row, offset: m.index!, kind, expansion: lf });
        }
      }
      // "MARAC – Multi-Agency …", "MARAC: …" at the start of a line (anywhere in a glossary).
      for (const line of text.includes('\n') ? text.split('\n') : [text]) {
        const m = SEPARATOR_LINE.exec(line);
        if (!m) continue;
        const base = baseOf(m[1]!);
        if (!shapeOk(base)) continue;
        const lf = expansionAfter(base, m[2]!);
        if (lf || glossary) addDef({ key: base.toUpperCase(), block, row, offset: text.indexOf(line) + line.indexOf(m[1]!), kind, expansion: lf });
      }
      // "… Conference, known as MARAC" / "… Conference, or MARAC,"
      for (let m = first(KNOWN_AS, text); m; m = KNOWN_AS.exec(text)) {
        const base = baseOf(m[1]!);
        if (!shapeOk(base)) continue;
        const lf = expansionBefore(base, text.slice(0, m.index!));
        if (lf) addDef({ key: base.toUpperCase(), block, row, offset: m.index! + m[0].lastIndexOf(m[1]!), kind, expansion: lf });
      }
      // "A MARAC is a …" / "The IDVA is the …" at a sentence start.
      for (let m = first(IS_A, text); m; m = IS_A.exec(text)) {
        const base = baseOf(m[1]!);
        if (!shapeOk(base)) continue;
        addDef({ key: base.toUpperCase(), block, row, offset: m.index! + m[0].indexOf(m[1]!), kind });
      }
    }

    function isGlossaryTable(table: Table): boolean {
      const h0 = table.header[0] ?? '';
      const h1 = table.header[1] ?? '';
      if (/abbreviation|acronym|^\s*term|glossary|^\s*key\b/i.test(h0) && /meaning|definition|explanation|full|description|stands|term|name/i.test(h1)) return true;
      const firsts = table.rows.map((r) => (r.cells[0] ?? '').trim()).filter(Boolean);
      if (firsts.length < 3) return false;
      const tokens = firsts.filter((c) => /^[A-Za-z][A-Za-z&]{0,7}[A-Za-z]s?$/.test(c) && capitals(c) >= 2);
      return tokens.length * 10 >= firsts.length * 6 && /^[A-Za-z][A-Za-z&]{0,7}[A-Za-z]s?$/.test(h0.trim()) === false;
    }

    let hasGlossary = false;
    const uses: Use[] = [];

    function usesIn(text: string, block: Block, row: number | undefined): void {
      let shouted: [number, number][] | undefined;
      // Fewer than two capitals: not an acronym (shapeOk), whatever the rest.
      eachToken(text, TWO_CAPITALS, (form, start) => {
        const base = baseOf(form);
        if (!isCandidate(form, base)) return;
        if (amongCapitals(text, start)) {
          shouted ??= shoutedRanges(text);
          if (shouted.some(([s, e]) => start >= s && start < e)) return;
        }
        // Web and e-mail addresses.
        const chunkStart = text.lastIndexOf(' ', start) + 1;
        const chunkEnd = text.indexOf(' ', start);
        const chunk = text.slice(chunkStart, chunkEnd < 0 ? text.length : chunkEnd);
        if (/@|:\/\/|www\.|\.(?:uk|com|org|net)\b/i.test(chunk)) return;
        uses.push({ key: base.toUpperCase(), form: base, block, row, start, end: start + base.length });
      });
    }

    function scanDocument(): void {
      // A glossary whose heading was read as a plain line (PDF): "Glossary" or "Appendix B – Abbreviations"
      // on its own, up to the next heading.
      let looseGlossary = false;
      for (const block of doc.blocks) {
        if (block.kind === 'heading') looseGlossary = false;
        else if (block.kind === 'paragraph' && /^(?:appendix\s+\w+\s*[–—:.-]?\s*)?(?:glossary|abbreviations|acronyms)(?:\s+(?:of|and|used)\b[^\n]{0,40})?\s*(?:\n|$)/i.test(block.text)) looseGlossary = true;
        if (block.kind === 'code' || outOfScope(block.section)) continue;
        const glossary = looseGlossary || isGlossarySection(block.section);
        if (glossary && block.kind !== 'heading') hasGlossary = true;
        const kind: Definition['kind'] = glossary ? 'glossary' : block.within.note ? 'note' : 'body';
        if (block.kind === 'table') {
          const table = block.table!;
          const glossaryTable = glossary || isGlossaryTable(table);
          if (glossaryTable && !glossary) hasGlossary = true;
          table.rows.forEach((r, index) => {
            if (glossaryTable) {
              const first = (r.cells[0] ?? '').trim();
              for (const m of first.matchAll(tokenFor(first))) {
                const base = baseOf(m[0]);
                if (!shapeOk(base)) continue;
                addDef({ key: base.toUpperCase(), block, row: index, offset: 0, kind: 'glossary', expansion: expansionAfter(base, r.cells[1] ?? '') });
              }
              return;
            }
            r.cells.forEach((cell) => definitionsIn(cell, block, index, kind, false));
          });
          if (!glossaryTable && !inIgnoredSection(doc, block.section, options.ignoreSections)) {
            table.rows.forEach((r, index) => usesIn(r.cells.join(' | '), block, index));
          }
          continue;
        }
        definitionsIn(block.text, block, undefined, kind, glossary);
        if (glossary) {
          // Everything a glossary lists counts as explained, however it is laid out (PDF glossaries lose their table).
          eachToken(block.text, TWO_CAPITALS, (token, index) => {
            const base = baseOf(token);
            if (shapeOk(base)) addDef({ key: base.toUpperCase(), block, offset: index, kind: 'glossary' });
          });
          continue;
        }
        if (block.kind === 'heading') continue;
        if (inIgnoredSection(doc, block.section, options.ignoreSections)) continue;
        usesIn(block.text, block, undefined);
      }
    }

    const position = (x: { block: Block; row?: number; offset?: number; start?: number }): [number, number, number] => [
      x.block.index,
      x.row ?? -1,
      x.offset ?? x.start ?? 0,
    ];
    const before = (a: [number, number, number], b: [number, number, number]): boolean =>
      a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

    function where(d: Definition): string {
      const path = doc.sectionPath(d.block.section);
      const label = path.length ? doc.sectionLabel(path[path.length - 1]!) : 'the opening pages';
      return d.kind === 'glossary' ? `the glossary` : `section ${label}`;
    }

    function locationOf(x: { block: Block; row?: number; start?: number; end?: number }): { block?: Block; span?: { start: number; end: number }; row?: { table: Table; index: number } } {
      if (x.row !== undefined && x.block.table) return { row: { table: x.block.table, index: x.row } };
      return { block: x.block, span: x.start !== undefined && x.end !== undefined ? { start: x.start, end: x.end } : undefined };
    }

    function confusableWith(key: string, known: Set<string>): boolean {
      for (const k of known) {
        if (k.length !== key.length) continue;
        let diff = 0;
        let ok = true;
        for (let i = 0; i < k.length && ok; i++) {
          if (k[i] === key[i]) continue;
          diff++;
          ok = CONFUSABLE.some(([a, b]) => (k[i] === a && key[i] === b) || (k[i] === b && key[i] === a));
        }
        if (ok && diff === 1) return true;
      }
      return false;
    }

    return {
      'document:exit'() {
        scanDocument();
        const defsByKey = new Map<string, Definition[]>();
        for (const d of definitions) {
          const list = defsByKey.get(d.key) ?? [];
          list.push(d);
          defsByKey.set(d.key, list);
        }
        const usesByKey = new Map<string, Use[]>();
        for (const u of uses) {
          const list = usesByKey.get(u.key) ?? [];
          list.push(u);
          usesByKey.set(u.key, list);
        }
        const explained = new Set([...defsByKey.keys(), ...allow]);
        for (const [key, list] of usesByKey) {
          list.sort((a, b) => (before(position(a), position(b)) ? -1 : 1));
          const first = list[0]!;
          const defs = (defsByKey.get(key) ?? []).sort((a, b) => (before(position(a), position(b)) ? -1 : 1));
          if (defs.length === 0) {
            if (confusableWith(key, explained)) continue;
            const expansion = known.get(key);
            // A capitalised word used once ("SORRY" in a quoted text, a name in capitals) looks like a
            // word, not an acronym: weaker evidence, reported at info.
            const vowels = (key.match(/[AEIOUY]/g) ?? []).length;
            const wordLike = !expansion && list.length === 1 && key.length >= 4 && vowels >= 2 && vowels * 10 >= key.length * 4;
            context.report({
              ...locationOf(first),
              messageId: 'undefined',
              level: wordLike ? 'info' : undefined,
              data: { acronym: first.form, known: expansion ? ` ("${expansion} (${first.form})")` : '' },
              suggestions: expansion
                ? [{ desc: `Write "${expansion} (${first.form})" at the first use.`, replacement: `${expansion} (${first.form})` }]
                : [{ desc: `Write the full name followed by "(${first.form})" at the first use, or add ${first.form} to the glossary.` }],
              details: { acronym: first.form, uses: list.length },
            });
            continue;
          }
          // The title page and other front matter ("Eastmere CSP", "DHR 2023/04") come before any
          // explanation could: the first use that matters is the first one in the body.
          const firstInBody = list.find((u) => u.block.section.part.kind !== 'front-matter' && !doc.isWithin(u.block.section, 'title-page'));
          if (options.checkFirstUse && firstInBody && !defs.some((d) => d.kind !== 'body')) {
            const first = firstInBody;
            const def = defs[0]!;
            // The definition itself is a use at the same place: only earlier uses count.
            const defPos = position(def);
            const firstPos = position(first);
            const sameBlock = first.block === def.block && first.row === def.row;
            if (before(firstPos, defPos) && !(sameBlock && def.offset - first.start < 200 && def.offset >= first.start)) {
              context.report({
                ...locationOf(first),
                messageId: 'late',
                level: 'info',
                data: { acronym: first.form, where: where(def) },
                related: [{ message: 'explained here', location: { ...def.block.location, section: doc.sectionPath(def.block.section).map((s) => doc.sectionLabel(s)) } }],
                suggestions: def.expansion ? [{ desc: `Write "${def.expansion} (${first.form})" here.`, replacement: `${def.expansion} (${first.form})` }] : undefined,
                details: { acronym: first.form, uses: list.length },
              });
            }
          }
        }
        if (options.checkConsistency) {
          for (const [key, defs] of defsByKey) {
            const withExp = defs
              .filter((d) => d.expansion && d.kind !== 'glossary')
              .concat(defs.filter((d) => d.expansion && d.kind === 'glossary'))
              .sort((a, b) => (before(position(a), position(b)) ? -1 : 1));
            const firstDef = withExp[0];
            if (!firstDef) continue;
            const norm = normaliseExpansion(firstDef.expansion!);
            const other = withExp.find((d) => {
              const n = normaliseExpansion(d.expansion!);
              return n && norm && !n.includes(norm) && !norm.includes(n);
            });
            if (!other) continue;
            context.report({
              ...locationOf({ block: other.block, row: other.row }),
              messageId: 'inconsistent',
              level: 'info',
              data: { acronym: key, expansion: other.expansion!, other: firstDef.expansion!, where: where(firstDef) },
              details: { acronym: key },
            });
          }
        }
        const distinct = [...usesByKey.keys()];
        if (!hasGlossary && distinct.length >= options.glossaryThreshold) {
          const examples = [...usesByKey.values()]
            .sort((a, b) => b.length - a.length)
            .slice(0, 5)
            .map((l) => l[0]!.form)
            .join(', ');
          context.report({
            messageId: 'noGlossary',
            level: doc.kind === 'executive-summary' ? 'info' : undefined,
            data: { count: distinct.length, examples },
            details: { acronyms: distinct },
          });
        }
      },
    };
  },
});

