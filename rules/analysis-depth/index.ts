import { defineRule } from '../../src/api/rule.js';
import { countWords } from '../../src/api/text.js';
import type { Block, Section } from '../../src/model/types.js';
import {
  contributors as findContributors,
  isKnownSector,
  isPseudoGroup,
  labelOf,
  mentionsOf,
  SECTORS,
  type LocalNames,
} from '../_shared/agencies.js';
import { Prefilter } from '../_shared/prefilter.js';
import { isSpace, isWordChar } from '../_shared/chars.js';
import cues from './cues.json' with { type: 'json' };

interface ContextWindow {
  /** What the window is, in words ("the Covid-19 restrictions"). */
  name: string;
  /** ISO dates (inclusive). */
  from: string;
  to: string;
  /** Regular expressions (case-insensitive): any of them in the report counts as discussing it. */
  cues: string[];
}

interface Options {
  /** Minimum share of evaluative words in the narrative and analysis sections (0..1). */
  minAnalysisShare: number;
  /** Fewer words than this in those sections: too little to judge the share. */
  minWords: number;
  /** Section ids (TEMPLATES.md) whose paragraphs are classified as narrative or evaluative. */
  scope: string[];
  /** Check that every contributing agency has at least one evaluative paragraph. */
  agencies: boolean;
  /** Check that each key line of enquiry in the terms of reference is addressed. */
  linesOfEnquiry: boolean;
  /** Key terms of a line of enquiry that one passage must share to address it (minimum count). */
  minSharedTerms: number;
  /** ... and minimum proportion of the line's key terms (0..1). */
  sharedTermsRatio: number;
  /** Note when no research or national learning is cited. */
  research: 'info' | 'off';
  /** Periods whose effect the analysis should consider when events fall inside them. */
  contextWindows: ContextWindow[];
  /** Events inside a window before it is worth mentioning. */
  minEventsInWindow: number;
  /** Sectors that contributed, when the report has no usable Contributors section. */
  contributors: string[];
  /** Local agency names → sector or group id, added to `settings.agencies`. */
  sectors: Record<string, string>;
}

const STRONG = cues.strong.map((c) => new RegExp(c.pattern, 'gi'));
/**
 * The strong cues in lower case and without the `i` flag, for a text in lower case: they find the
 * same matches and compile about twice as fast (the cues are long, and most reports compile them
 * all). Lower case changes no character into ASCII but "İ" and the Kelvin sign (see `lowerCase`),
 * and the `i` flag without `u` matches an ASCII letter with its two cases only.
 */
const STRONG_LOWER = cues.strong.map((c) => new RegExp(c.pattern.replace(/\\.|[A-Z]/g, (m) => (m.length === 2 ? m : m.toLowerCase())), 'g'));

/** The text in lower case for STRONG_LOWER, or undefined when lower case would change its length or make ASCII of other letters. */
function lowerCase(text: string): string | undefined {
  return text.includes('\u0130') || text.includes('\u212a') ? undefined : text.toLowerCase();
}
const WEAK = cues.weak.map((c) => new RegExp(c.pattern, 'i'));
/** Which strong and weak cues can match in a text (one pass instead of one per cue). */
const CUE_FILTER = new Prefilter([...STRONG, ...WEAK]);
const RESEARCH = cues.research.map((c) => new RegExp(c.pattern, (c as { caseSensitive?: boolean }).caseSensitive ? '' : 'i'));
const TOR_PROCESS = new RegExp(cues.torProcess.pattern, 'i');
const TOR_QUESTION = new RegExp(cues.torQuestion.pattern, 'i');
const TOR_HEADING = new RegExp(cues.torHeading.pattern, 'i');
const TOR_BOILERPLATE = new RegExp(cues.torBoilerplate.pattern, 'i');
const STOPWORDS = new Set(cues.stopwords);
const GENERIC = cues.genericTerms.terms;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
const DATE = new RegExp(
  `\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\.?,?(?:\\s+(\\d{4}))?|(${MONTH})\\.?\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?,?\\s+)?(\\d{4})|(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4}|\\d{2})(?!\\d)|(?:in|during|by|since|from|until|early|late|mid)[- ](?:19|20)\\d\\d)\\b`,
  'gi',
);
const LEADING_NUMBER = /^\s*(?:\(?[\divxlc]+(?:\.\d+)*[.)]?|[a-z][.)])\s+/i;
const STARTS_WITH_DATE = new RegExp(`^(?:on|in|by|during|at|between|from|early|late|mid|around|about)?\\s*(?:the\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|(?:19|20)\\d\\d\\b)`, 'i');

interface DateHit {
  year: number;
  month: number;
  day?: number;
}

/** Dates of the texts seen so far (the narrative is read twice: classified, then for context windows). */
const datesCache = new Map<string, DateHit[]>();
const NO_DATES: DateHit[] = [];

/** The dates of a text (do not change the array: it is shared). */
function datesIn(text: string): DateHit[] {
  // Every form of date holds a digit.
  if (!/\d/.test(text)) return NO_DATES;
  let hits = datesCache.get(text);
  if (!hits) {
    hits = findDates(text);
    if (datesCache.size > 20_000) datesCache.clear();
    datesCache.set(text, hits);
  }
  return hits;
}

function findDates(text: string): DateHit[] {
  const hits: DateHit[] = [];
  DATE.lastIndex = 0;
  for (let m = DATE.exec(text); m; m = DATE.exec(text)) {
    if (m[2]) {
      if (m[3]) hits.push({ year: Number(m[3]), month: MONTHS[m[2].slice(0, 3).toLowerCase()]!, day: Number(m[1]) });
      else hits.push({ year: 0, month: MONTHS[m[2].slice(0, 3).toLowerCase()]!, day: Number(m[1]) });
    } else if (m[4]) {
      hits.push({ year: Number(m[6]), month: MONTHS[m[4].slice(0, 3).toLowerCase()]!, day: m[5] ? Number(m[5]) : undefined });
    } else if (m[7]) {
      const y = Number(m[9]);
      hits.push({ year: y < 100 ? 2000 + y : y, month: Number(m[8]), day: Number(m[7]) });
    } else {
      hits.push({ year: Number(/\d{4}/.exec(m[0])![0]), month: 0 });
    }
  }
  return hits;
}

interface Classified {
  evaluative: boolean;
  words: number;
  strong: number;
  weak: number;
  dates: number;
}

/** Narrative or evaluative (exported for tests and tuning). */
export function classify(raw: string): Classified {
  const text = raw.replace(LEADING_NUMBER, '');
  const words = countWords(text);
  const possible = CUE_FILTER.possible(text);
  let strong = 0;
  let lower: string | undefined | null = null;
  STRONG.forEach((r, i) => {
    if (!possible[i]) return;
    if (lower === null) lower = lowerCase(text);
    const re = lower === undefined ? r : STRONG_LOWER[i]!;
    re.lastIndex = 0;
    strong += ((lower ?? text).match(re) ?? []).length;
  });
  const weak = WEAK.filter((r, i) => possible[STRONG.length + i] && r.test(text)).length;
  const dates = datesIn(text).length;
  const datedStart = STARTS_WITH_DATE.test(text.trim());
  const evaluative = strong >= 2 || (strong === 1 && !(datedStart && dates >= 2)) || (weak >= 2 && dates <= 1 && !datedStart);
  return { evaluative, words, strong, weak, dates };
}

type Judged = Pick<Classified, 'evaluative' | 'words'>;

/**
 * What the rule needs of classify: whether a unit is evaluative, and its words. The same decision,
 * counting cues and dates no further than it needs (two strong cues settle it, as does one in a text
 * that does not start with a date).
 */
function judge(raw: string): Judged {
  const text = raw.replace(LEADING_NUMBER, '');
  const words = countWords(text);
  const possible = CUE_FILTER.possible(text);
  let strong = 0;
  let lower: string | undefined | null = null;
  for (let i = 0; i < STRONG.length && strong < 2; i++) {
    if (!possible[i]) continue;
    if (lower === null) lower = lowerCase(text);
    const re = lower === undefined ? STRONG[i]! : STRONG_LOWER[i]!;
    const target = lower ?? text;
    // No cue matches an empty string: exec finds what match would, one at a time.
    re.lastIndex = 0;
    while (strong < 2 && re.exec(target)) strong++;
  }
  if (strong >= 2) return { evaluative: true, words };
  const datedStart = STARTS_WITH_DATE.test(text.trim());
  if (strong === 1) return { evaluative: !datedStart || datesIn(text).length < 2, words };
  if (datedStart) return { evaluative: false, words };
  let weak = 0;
  for (let i = 0; i < WEAK.length && weak < 2; i++) if (possible[STRONG.length + i] && WEAK[i]!.test(text)) weak++;
  return { evaluative: weak >= 2 && datesIn(text).length <= 1, words };
}

/** Crude English stemmer: enough to pair "policies"/"policy", "assessment"/"assessed". */
function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 7 && w.endsWith('ment')) w = w.slice(0, -4);
  if (w.length > 6 && w.endsWith('ation')) w = w.slice(0, -5);
  // "share"/"shared", "procedure"/"procedures": drop a final e so both forms meet.
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 5 && (a.startsWith(b) || b.startsWith(a));
}

const WORD = /[\p{L}][\p{L}'’-]*/gu;

/** Stems of the words seen so far (a report repeats its words). */
const stems = new Map<string, string>();

function cachedStem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size > 50_000) stems.clear();
    s = stem(word);
    stems.set(word, s);
  }
  return s;
}

/** Code units known to be a letter (1), not (2), or not yet looked up (0). */
const LETTER = new Uint8Array(65536);
const LETTER_RE = /^\p{L}$/u;

function isLetter(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  if (cp > 0xffff) return LETTER_RE.test(String.fromCodePoint(cp));
  let known = LETTER[cp]!;
  if (known === 0) {
    known = LETTER_RE.test(String.fromCharCode(cp)) ? 1 : 2;
    LETTER[cp] = known;
  }
  return known === 1;
}

/** ASCII characters that start a word (letters), and that continue one (letters, apostrophe, hyphen). */
const WORD_START = new Uint8Array(128);
for (let c = 65; c <= 90; c++) WORD_START[c] = WORD_START[c + 32] = 1;
const WORD_PART = WORD_START.slice();
WORD_PART[39] = WORD_PART[45] = 1;

/** Code units of the code point at `i` (2 for a surrogate pair). */
const codePointSize = (text: string, i: number): number => (text.codePointAt(i)! > 0xffff ? 2 : 1);
const isLetterAt = (text: string, i: number): boolean => isLetter(text.codePointAt(i)!);

/** Calls `fn` with each word of a text as WORD finds it, split at hyphens, parts of three or more characters. */
function eachWord(text: string, fn: (word: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Most characters are ASCII: their class is a table lookup, without reading a code point.
    const c = text.charCodeAt(i);
    if (c < 128 ? WORD_START[c] === 0 : !isLetterAt(text, i)) {
      i += c < 0xd800 ? 1 : codePointSize(text, i);
      continue;
    }
    // A word: a letter, then letters, apostrophes and hyphens.
    const start = i;
    i += c < 0xd800 ? 1 : codePointSize(text, i);
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d < 128) {
        if (WORD_PART[d] === 0) break;
        i++;
      } else if (d === 0x2019 || isLetterAt(text, i)) i += d < 0xd800 ? 1 : codePointSize(text, i);
      else break;
    }
    if (i - start < 3) continue;
    const word = text.slice(start, i);
    if (word.includes('-')) {
      for (const part of word.split('-')) if (part.length >= 3) fn(part);
    } else fn(word);
  }
}

/** What every reference to a line of enquiry by its label starts with (see `citesLabel`). */
const LABEL_CUE = /\b(?:key lines? of (?:enquiry|inquiry)|lines? of (?:enquiry|inquiry)|KLOE|ToR|terms? of reference|question)/gi;

/**
 * Where the mentions of LABEL_CUE end in a text. Every match, and no other end: no cue holds
 * another that starts at a word boundary and ends elsewhere ("key lines of enquiry" holds "lines
 * of enquiry", which ends with it).
 */
function cueEnds(text: string): number[] {
  const ends: number[] = [];
  LABEL_CUE.lastIndex = 0;
  for (let m = LABEL_CUE.exec(text); m; m = LABEL_CUE.exec(text)) ends.push(m.index + m[0].length);
  return ends;
}

/** `[\w.]` without the `u` flag. */
const isWordOrDot = (c: number): boolean => isWordChar(c) || c === 46;

/** ASCII letters in lower case (how the `i` flag without `u` compares them). */
const foldAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * Whether a text cites a line of enquiry by its label ("Key line of enquiry (c)", "ToR 3", "question
 * no. 2"): what the expression
 * `\b(?:key lines? of (?:enquiry|inquiry)|…|question)\s*(?:no\.?\s*)?\(?LABEL\)?(?![\w.])` (`i`) finds,
 * checked after each cue instead of compiling an expression per label. The label is digits, dots
 * and letters, so white space is taken whole and "no", "." and "(" are taken when present, except
 * that "no" is also tried as not taken.
 */
function citesLabel(text: string, ends: number[], label: string): boolean {
  const labelAt = (at: number): boolean => {
    if (text.charCodeAt(at) === 40) at++; // (
    if (at + label.length > text.length) return false;
    for (let k = 0; k < label.length; k++) if (foldAscii(text.charCodeAt(at + k)) !== foldAscii(label.charCodeAt(k))) return false;
    // \)?(?![\w.]): a closing parenthesis is not [\w.] itself.
    const after = at + label.length;
    return after >= text.length || !isWordOrDot(text.charCodeAt(after));
  };
  const skipSpace = (at: number): number => {
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    return at;
  };
  for (const end of ends) {
    const at = skipSpace(end);
    if (foldAscii(text.charCodeAt(at)) === 110 && foldAscii(text.charCodeAt(at + 1)) === 111) {
      let q = at + 2;
      if (text.charCodeAt(q) === 46) q++;
      if (labelAt(skipSpace(q))) return true;
    }
    if (labelAt(at)) return true;
  }
  return false;
}

function isoToNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (y ?? 0) * 10000 + (m ?? 0) * 100 + (d ?? 0);
}

const DEFAULT_WINDOWS: ContextWindow[] = cues.contextWindows.map((w) => ({ name: w.name, from: w.from, to: w.to, cues: [w.cues] }));

/** Stem → indexes of the passages holding it. */
export default defineRule<Options>({
  meta: {
    id: 'analysis-depth',
    group: 'analysis',
    description: 'The analysis evaluates rather than narrates, covers each contributing agency and each key line of enquiry, and draws on research and context',
    defaultLevel: 'warn',
    sources: [
      { title: 'Home Office QA Panel letter to Birmingham, 15 February 2016 (shared/reference/qa-panel-letter-birmingham-2016.txt): parts of the report "could … benefit from further analysis"' },
      { title: 'Devon case 23 "Neil" QA Panel letter (2023): issues "not explored fully enough"; explore the impact of the Covid-19 lockdown', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-feedback-letter/' },
      { title: 'Devon case 17 "Louise" QA Panel letter (2022): praised analysis drawn from the IMRs and "good use of research"', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-17-feedback-letter/' },
      { title: 'Scottish Government review of DHR practice: reviews should go "beyond a simple description of the case"', url: 'https://www.gov.scot/publications/domestic-homicide-reviews-identifying-best-practice-learning-lessons-implementing-change/pages/2/' },
    ],
    messages: {
      lowAnalysisShare:
        'Only {{share}} of the narrative and analysis ({{evaluativeWords}} of {{totalWords}} words, in {{where}}) evaluates what happened; the rest retells events. Explain why decisions were taken, what went well and which opportunities were missed, agency by agency.',
      agencyNotEvaluated:
        'These contributing agencies appear in {{where}} only in passages that describe events: {{agencies}}. Add analysis of why each acted as it did, whether that was good practice and what it could have done differently.',
      lineNotAddressed:
        'This key line of enquiry from "{{section}}" does not seem to be answered in the analysis or conclusions (no passage discusses {{terms}} together): answer it there, or say why it could not be answered.',
      noResearch:
        'The report cites no research or national learning: where relevant, draw on research (for example on coercive control, strangulation or homicide timelines) or on national DHR findings in the analysis.',
      contextNotConsidered:
        '{{count}} events in the narrative fall within {{window}} ({{from}} to {{to}}), but the report never discusses it: consider how it affected the victim\'s access to help and the agencies\' responses.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minAnalysisShare: { type: 'number', minimum: 0, maximum: 1 },
        minWords: { type: 'integer', minimum: 0 },
        scope: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        agencies: { type: 'boolean' },
        linesOfEnquiry: { type: 'boolean' },
        minSharedTerms: { type: 'integer', minimum: 1 },
        sharedTermsRatio: { type: 'number', minimum: 0, maximum: 1 },
        research: { enum: ['info', 'off'] },
        contextWindows: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'from', 'to', 'cues'],
            properties: {
              name: { type: 'string', minLength: 1 },
              from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
              to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
              cues: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
            },
          },
        },
        minEventsInWindow: { type: 'integer', minimum: 1 },
        contributors: { type: 'array', items: { type: 'string', minLength: 1 } },
        sectors: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
      },
    },
    defaultOptions: {
      minAnalysisShare: 0.25,
      minWords: 400,
      scope: ['background-facts', 'chronology', 'overview', 'analysis', 'key-issues'],
      agencies: true,
      linesOfEnquiry: true,
      minSharedTerms: 2,
      sharedTermsRatio: 0.35,
      research: 'info',
      contextWindows: DEFAULT_WINDOWS,
      minEventsInWindow: 2,
      contributors: [],
      sectors: {},
    },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const local: LocalNames = { ...(settings.agencies ?? {}), ...options.sectors };
    const skipped = doc.kind === 'executive-summary' || doc.kind === 'action-plan';

    /** A test of sections, worked out once per section (blocks are tested one by one, several times). */
    const bySection = (test: (s: Section) => boolean): ((s: Section) => boolean) => {
      const known = new Map<Section, boolean>();
      return (s) => {
        let yes = known.get(s);
        if (yes === undefined) {
          yes = test(s);
          known.set(s, yes);
        }
        return yes;
      };
    };
    const inScope = bySection((section) => options.scope.some((id) => doc.isWithin(section, id)));
    const mainBody = (block: Block): boolean => block.section.part.kind === 'overview';
    const outsideSection = bySection((s) => s.part.kind === 'qa-letter' || ['glossary', 'contents', 'qa-letter'].some((id) => doc.isWithin(s, id)));
    const outside = (block: Block): boolean => outsideSection(block.section);

    function topSections(pred: (s: Section) => boolean): Section[] {
      return doc.sections.filter((s) => s.level > 0 && pred(s) && !(s.parent && s.parent.level > 0 && pred(s.parent)));
    }

    function describe(sections: Section[]): string {
      const labels = sections.map((s) => `"${doc.sectionLabel(s)}"`);
      if (labels.length === 0) return 'the report';
      if (labels.length > 4) return `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more sections`;
      return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}` : labels[0]!;
    }

    /** Units (paragraphs, table rows) of the narrative and analysis sections of the main report. */
    function units(): { block: Block; text: string; c: Judged }[] {
      const out: { block: Block; text: string; c: Judged }[] = [];
      for (const block of doc.blocks) {
        if (!mainBody(block) || !inScope(block.section) || block.within.note) continue;
        if (block.kind === 'paragraph') out.push({ block, text: block.text, c: judge(block.text) });
        else if (block.kind === 'table' && block.table) {
          for (const row of block.table.rows) {
            const text = row.cells.join(' ');
            out.push({ block, text, c: judge(text) });
          }
        }
      }
      return out;
    }

    function checkShare(list: { block: Block; c: Judged }[], anchor: Section | undefined, where: string): void {
      let evaluative = 0;
      let total = 0;
      for (const u of list) {
        total += u.c.words;
        if (u.c.evaluative) evaluative += u.c.words;
      }
      if (total === 0) return;
      const share = evaluative / total;
      context.publish('analysisShare', {
        evaluativeWords: evaluative,
        narrativeWords: total - evaluative,
        share: Math.round(share * 1000) / 1000,
        units: list.length,
        evaluativeUnits: list.filter((u) => u.c.evaluative).length,
      });
      if (total < options.minWords) return;
      if (share >= options.minAnalysisShare) return;
      context.report({
        section: anchor,
        messageId: 'lowAnalysisShare',
        data: { share: `${Math.round(share * 100)}%`, evaluativeWords: evaluative, totalWords: total, where },
        details: {
          evaluativeWords: evaluative,
          narrativeWords: total - evaluative,
          share: Math.round(share * 1000) / 1000,
          minAnalysisShare: options.minAnalysisShare,
          units: list.length,
          evaluativeUnits: list.filter((u) => u.c.evaluative).length,
        },
      });
    }

    function headingSectors(section: Section): string[] {
      for (let s: Section | undefined = section; s && s.level > 0 && inScope(s); s = s.parent) {
        if (!s.heading) continue;
        const sectors = mentionsOf(doc, s.heading, local).map((m) => m.sector);
        if (sectors.length) return [...new Set(sectors)];
      }
      return [];
    }

    function checkAgencies(list: { block: Block; text: string; c: Judged }[], where: string): void {
      let expected: { sector: string; names: string[] }[];
      if (options.contributors.length) {
        expected = options.contributors.filter((id) => SECTORS.has(id)).map((id) => ({ sector: id, names: [labelOf(id)] }));
      } else {
        const listed = findContributors(doc, local);
        expected = [...listed.sectors.values()].filter((c) => !listed.imrMarked || c.imr).map((c) => ({ sector: c.sector, names: c.names }));
      }
      const onlyDescribed: { sector: string; names: string[]; described: number }[] = [];
      // Sectors of each paragraph unit (its own mentions and its headings'), worked out once.
      const unitSectors = new Map<(typeof list)[number], Set<string>>();
      const sectorsOf = (u: (typeof list)[number]): Set<string> => {
        let sectors = unitSectors.get(u);
        if (!sectors) {
          sectors = new Set([...mentionsOf(doc, u.block, local).map((m) => m.sector), ...headingSectors(u.block.section)]);
          unitSectors.set(u, sectors);
        }
        return sectors;
      };
      for (const e of expected) {
        if (isPseudoGroup(e.sector) || !isKnownSector(e.sector)) continue;
        let described = 0;
        let evaluated = 0;
        for (const u of list) {
          if (u.block.kind !== 'paragraph') continue;
          const sectors = sectorsOf(u);
          if (!sectors.has(e.sector)) continue;
          described++;
          if (u.c.evaluative) evaluated++;
        }
        // An agency the analysis never mentions is agency-balance's `unanalysedAgency`.
        if (described > 0 && evaluated === 0) onlyDescribed.push({ sector: e.sector, names: e.names, described });
      }
      if (onlyDescribed.length === 0) return;
      const agencies = onlyDescribed.map((o) => `${o.names.slice(0, 2).join(', ')} (${o.described} ${o.described === 1 ? 'passage' : 'passages'})`);
      context.report({
        section: topSections((s) => s.part.kind === 'overview' && doc.isWithin(s, 'analysis'))[0] ?? topSections((s) => s.part.kind === 'overview' && inScope(s))[0],
        messageId: 'agencyNotEvaluated',
        data: { agencies: agencies.join('; '), where },
        details: { agencies: onlyDescribed.map((o) => ({ sector: o.sector, names: o.names, paragraphs: o.described, evaluative: 0 })) },
      });
    }

    /** Key lines of enquiry: questions and instructions listed in the terms of reference. */
    function linesOfEnquiry(): { block: Block; section: Section; text: string; label?: string }[] {
      const tors = doc.sectionsById('terms-of-reference').filter((s) => s.part.kind !== 'qa-letter' && s.part.kind !== 'executive-summary');
      const seen = new Set<number>();
      const lines: { block: Block; section: Section; text: string; label?: string }[] = [];
      for (const tor of tors) {
        const blocks = doc.blocksOf(tor).filter((b) => b.kind === 'paragraph' && !seen.has(b.index));
        blocks.forEach((b) => seen.add(b.index));
        const keyLineSections = new Set(
          doc.sections.filter((s) => s.start >= tor.start && s.end <= tor.end && TOR_HEADING.test(s.title)).map((s) => s.index),
        );
        const underKeyHeading = (b: Block): boolean => {
          for (let s: Section | undefined = b.section; s && s.start >= tor.start; s = s.parent) if (keyLineSections.has(s.index)) return true;
          return false;
        };
        const useHeading = keyLineSections.size > 0;
        for (const b of blocks) {
          const text = b.text.replace(LEADING_NUMBER, '').trim();
          if (!text || /:\s*$/.test(text) || countWords(text) < 4) continue;
          if (useHeading && !underKeyHeading(b)) continue;
          const question = /\?\s*$/.test(text) || TOR_QUESTION.test(text);
          if (!useHeading && !(question && (b.within.list || /\?\s*$/.test(text)))) continue;
          if (TOR_PROCESS.test(text) && !/\?\s*$/.test(text)) continue;
          if (TOR_BOILERPLATE.test(text)) continue;
          const label = /^\s*\(?(\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+/i.exec(b.text)?.[1];
          lines.push({ block: b, section: b.section, text, label });
        }
      }
      return lines;
    }

    /** Key words of a line of enquiry: stems for matching, with the word as written for messages. */
    function keyTerms(text: string, names: Set<string>): { stem: string; word: string }[] {
      const terms: { stem: string; word: string }[] = [];
      const words = [...text.matchAll(WORD)].map((m) => m[0]);
      words.forEach((w, i) => {
        for (const part of w.split('-')) {
          const lower = part.toLowerCase().replace(/['’]s$/, '');
          if (lower.length < 4 || STOPWORDS.has(lower) || names.has(lower)) continue;
          // Capitalised words inside the line are names (people, places, agencies), not topics.
          if (i > 0 && /^[A-Z][a-z]/.test(part) && !/^[A-Z]{2,}$/.test(part)) continue;
          const s = stem(lower);
          if (!terms.some((t) => t.stem === s)) terms.push({ stem: s, word: lower });
        }
      });
      return terms;
    }

    const ANSWER_EXCLUDE = [
      'terms-of-reference', 'contents', 'glossary', 'methodology', 'contributors', 'panel-members', 'chair-author', 'dissemination',
      'confidentiality', 'timescales', 'qa-letter', 'action-plan', 'references', 'introduction', 'review-process', 'title-page',
      'preface', 'chronology', 'summary-chronology', 'parallel-reviews',
    ];

    const excluded = bySection((s) => ANSWER_EXCLUDE.some((id) => doc.isWithin(s, id)));

    function checkLines(): void {
      const lines = linesOfEnquiry();
      if (lines.length === 0) return;
      const names = new Set(settings.pseudonyms.flatMap((p) => [p.label, ...(p.aliases ?? [])]).map((n) => n.toLowerCase()));
      const passages: { block: Block }[] = [];
      for (const block of doc.blocks) {
        if (block.kind === 'code' || block.within.note || outside(block)) continue;
        if (block.section.part.kind === 'executive-summary' || block.section.part.kind === 'action-plan') continue;
        if (excluded(block.section)) continue;
        passages.push({ block });
      }
      // The stems of the passages, worked out when a line is not answered by its label: for each
      // stem, the indexes of the passages holding it.
      let byPrefix: Map<string, string[]> | undefined;
      let passagesOf: Map<string, number[]> | undefined;
      const readStems = (): void => {
        // Words first (a report repeats its words), then each different word's stem.
        const byWord = new Map<string, number[]>();
        passages.forEach((p, i) => {
          eachWord(p.block.text, (w) => {
            const list = byWord.get(w);
            if (!list) byWord.set(w, [i]);
            else if (list[list.length - 1] !== i) list.push(i);
          });
        });
        // (A stem's list may name a passage twice, when two of its words are there: it only sets flags.)
        const index = new Map<string, number[]>();
        for (const [w, list] of byWord) {
          const s = cachedStem(w);
          const known = index.get(s);
          index.set(s, known ? known.concat(list) : list);
        }
        passagesOf = index;
        // The stems that count as a term (sameStem): the term itself, or stems of five letters or
        // more that share its first five letters and extend it or are extended by it.
        byPrefix = new Map<string, string[]>();
        for (const s of index.keys()) {
          if (s.length < 5) continue;
          const key = s.slice(0, 5);
          const list = byPrefix.get(key);
          if (list) list.push(s);
          else byPrefix.set(key, [s]);
        }
      };
      const matchingCache = new Map<string, string[]>();
      const matchingOf = (t: string): string[] => {
        let list = matchingCache.get(t);
        if (!list) {
          if (!byPrefix) readStems();
          list = t.length >= 5 ? (byPrefix!.get(t.slice(0, 5)) ?? []).filter((s) => sameStem(s, t)) : passagesOf!.has(t) ? [t] : [];
          matchingCache.set(t, list);
        }
        return list;
      };
      // Only passages that name a line of enquiry, the terms of reference or a question can cite a label.
      let citing: { text: string; ends: number[] }[] | undefined;
      for (const line of lines) {
        const keyWords = keyTerms(line.text, names);
        const terms = keyWords.map((k) => k.stem);
        if (terms.length < 2) continue;
        // The analysis answers the line by its label ("Key line of enquiry (c)", "ToR 3").
        if (line.label) {
          const label = line.label;
          citing ??= passages.flatMap((p) => {
            const ends = cueEnds(p.block.text);
            return ends.length ? [{ text: p.block.text, ends }] : [];
          });
          if (citing.some((p) => citesLabel(p.text, p.ends, label))) continue;
        }
        const need = Math.min(terms.length, Math.max(options.minSharedTerms, Math.ceil(terms.length * options.sharedTermsRatio)));
        // How many terms a passage (or a passage and the next) shares: a term counts when one of
        // its matching stems is among the passage's.
        const matching = terms.map(matchingOf);
        // has[k][i]: passage i holds a matching stem of term k (from the stem → passages index,
        // instead of testing every passage for every term).
        const where = passagesOf!;
        const hasTerm = matching.map((list) => {
          const flags = new Uint8Array(passages.length + 1);
          for (const s of list) for (const i of where.get(s) ?? []) flags[i] = 1;
          return flags;
        });
        const has = (i: number, k: number): boolean => hasTerm[k]![i] === 1;
        const foundIn = (i: number, withNext: boolean): number => {
          let n = 0;
          for (let k = 0; k < terms.length; k++) if (has(i, k) || (withNext && has(i + 1, k))) n++;
          return n;
        };
        // A line made mostly of generic words ("Were policies and procedures followed?") is answered
        // across the analysis, not in one passage.
        const generic = terms.filter((t) => GENERIC.some((g) => sameStem(g, t))).length;
        const foundAnywhere = matching.filter((m) => m.length > 0).length;
        if (generic * 2 >= terms.length && foundAnywhere >= Math.min(need, Math.ceil(terms.length / 3))) continue;
        let best = 0;
        for (let i = 0; i < passages.length && best < need; i++) {
          const p = passages[i]!;
          let n = foundIn(i, false);
          // A passage and the next one in the same section are read together.
          const next = passages[i + 1];
          if (n < need && next && next.block.section === p.block.section) n = foundIn(i, true);
          best = Math.max(best, n);
        }
        if (best >= need) continue;
        const shown = keyWords.slice(0, 4).map((k) => `"${k.word}"`);
        context.report({
          block: line.block,
          messageId: 'lineNotAddressed',
          data: { section: doc.sectionLabel(line.section), terms: shown.join(', ') },
          details: { terms: keyWords.map((k) => k.word), needed: need, bestMatch: best },
        });
      }
    }

    function checkResearch(anchor: Section | undefined): void {
      if (options.research === 'off') return;
      for (const block of doc.blocks) {
        if (block.kind === 'code' || outside(block)) continue;
        if (RESEARCH.some((r) => r.test(block.text))) return;
        if (block.within.note && /(?:https?:\/\/|www\.|\b(?:19|20)\d\d\b)/.test(block.text)) return;
      }
      context.report({ section: anchor, messageId: 'noResearch', level: 'info' });
    }

    function checkWindows(anchor: Section | undefined): void {
      if (options.contextWindows.length === 0) return;
      const narrativeIds = ['background-facts', 'chronology', 'summary-chronology', 'overview', 'analysis'];
      const narrative = bySection((s) => narrativeIds.some((id) => doc.isWithin(s, id)));
      const allText: string[] = [];
      const eventDates: { date: DateHit }[] = [];
      for (const block of doc.blocks) {
        if (block.kind === 'code' || outside(block)) continue;
        allText.push(block.text);
        if (!narrative(block.section)) continue;
        const texts = block.kind === 'table' && block.table ? block.table.rows.map((r) => r.cells.join(' ')) : [block.text];
        for (const t of texts) for (const d of datesIn(t)) if (d.year > 0 && d.month > 0) eventDates.push({ date: d });
      }
      let whole: string | undefined;
      for (const w of options.contextWindows) {
        const from = isoToNumber(w.from);
        const to = isoToNumber(w.to);
        const inside = new Set(
          eventDates
            .filter(({ date }) => {
              const lo = date.year * 10000 + date.month * 100 + (date.day ?? 1);
              const hi = date.year * 10000 + date.month * 100 + (date.day ?? 31);
              return hi >= from && lo <= to;
            })
            .map(({ date }) => `${date.year}-${date.month}-${date.day ?? ''}`),
        );
        if (inside.size < options.minEventsInWindow) continue;
        // The report's text, joined only when a window has enough events.
        whole ??= allText.join('\n');
        const text = whole;
        const discussed = w.cues.some((c) => new RegExp(c, 'i').test(text));
        if (discussed) continue;
        context.report({
          section: anchor,
          messageId: 'contextNotConsidered',
          level: 'info',
          data: { count: inside.size, window: w.name, from: w.from, to: w.to },
          details: { window: w.name, from: w.from, to: w.to, events: inside.size },
        });
      }
    }

    return {
      'document:exit'() {
        if (skipped) return;
        const list = units();
        const analysisTop = topSections((s) => s.part.kind === 'overview' && doc.isWithin(s, 'analysis'));
        const scopeTop = topSections((s) => s.part.kind === 'overview' && inScope(s));
        const anchor = analysisTop[0] ?? scopeTop[0];
        const where = describe(scopeTop);
        if (list.length) checkShare(list, anchor, where);
        if (options.agencies && list.length) checkAgencies(list, where);
        if (options.linesOfEnquiry) checkLines();
        checkResearch(anchor);
        checkWindows(anchor);
      },
    };
  },
});
