import { defineRule } from '../../src/api/rule.js';
import type { Block, Level, Span, Table } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import type { PseudonymSetting } from '../../src/config/settings.js';
import names from './names.json' with { type: 'json' };
import cues from './cues.json' with { type: 'json' };
import { Prefilter } from '../_shared/prefilter.js';
import { isPlain, isSpace, isWordChar } from '../_shared/chars.js';
import { isLetterOrNumber } from '../../src/api/text.js';

interface Options {
  /** Report a document that uses names but never says they are pseudonyms. */
  requireDeclaration: boolean;
  /** Largest spelling difference (edits) reported as a near miss of a pseudonym; 0 turns the check off. */
  nearMiss: number;
  /** Given names used but never declared as pseudonyms. */
  undeclaredNames: 'info' | 'off';
  /** Whether the report says who chose the pseudonyms. */
  whoChose: 'info' | 'off';
  /** Extra section ids whose names are not examined (panel, chair, contributors, QA letter... always). */
  ignoreSections: string[];
}

const GIVEN = new Map(names.givenNames.map((n) => [n.name, n.ambiguous]));
const DECLARATION = new RegExp(cues.declarations.map((c) => c.pattern).join('|'), 'i');
const GLOBAL = new RegExp(cues.globalDeclarations.map((c) => c.pattern).join('|'), 'i');
const CHOOSER = new RegExp(cues.chooser.map((c) => c.pattern).join('|'), 'i');
const RELATIONS = cues.relations.map((r) => r.word).join('|');
const TITLES = new Set(cues.titles.map((t) => t.word));
const IGNORED = cues.ignoreSections.map((s) => s.id);

/**
 * The expressions that find person labels, built for a class of "letters and numbers" (and one of
 * letters): the Unicode classes as written, or ASCII ones for plain texts (see `isPlain`).
 */
function labelExpressions(letterOrNumber: string, letter: string) {
  // A person label: a title or role with a letter ("Mrs A", "Adult H", "Mrs.Z", "Mrs 'Z'"), a capitalised
  // name of one or two words, or a code of capitals ("TL", "AA").
  const TITLE_LETTER = `(?:Mr|Mrs|Ms|Miss|Mx|Adult|Subject|Child|Person|Victim)\\.?\\s*['‘"“]?[A-Z]{1,2}['’"”]?(?![${letterOrNumber}])`;
  const LABEL = `(?:${TITLE_LETTER}|${NAME}(?:\\s+${NAME})?|[A-Z]{1,3}(?![${letterOrNumber}]))`;
  /** Labels in a list: "Daniel and Daniela", "Helen, Keith and Anne". */
  const LIST = `${LABEL}${CLOSE}?(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*)${OPEN}?${LABEL}${CLOSE}?)*`;
  return {
    TITLE_LETTER,
    QUOTED_LABEL: new RegExp(`${OPEN}(${LABEL})${CLOSE}`, 'gu'),
    LABEL_PATTERNS: [
      new RegExp(`(${LABEL})${CLOSE}?,?\\s*\\(\\s*(?:not (?:her|his|their) real name|a pseudonym|pseudonym)`, 'gu'),
      new RegExp(
        `\\b(?:known (?:only )?as|referred to as|called|named|pseudonyms?(?: of)?|chosen the (?:names?|pseudonyms?)|chose the (?:names?|pseudonyms?))\\s+${OPEN}?(${LIST})`,
        'gu',
      ),
      new RegExp(`(${LIST})\\s+(?:is|are|was|were)\\s+(?:a\\s+|the\\s+|all\\s+)?pseudonyms?\\b`, 'gu'),
      new RegExp(`(${LABEL})${CLOSE}?,?\\s+(?:is|was)\\s+not\\s+(?:her|his|their)\\s+real\\s+name`, 'gu'),
    ],
    LABEL_IN_LIST: new RegExp(LABEL, 'gu'),
    TOGETHER: new RegExp(`(${NAME})${CLOSE}?\\s*\\(\\s*${OPEN}?(${TITLE_LETTER})${CLOSE}?\\s*\\)`, 'gu'),
    ROLE: [
      // "Maria (victim, aged 38)", "Mrs A (the victim)"
      new RegExp(`(${LABEL})${CLOSE}?\\s*\\(\\s*(?:the\\s+)?${ROLE_WORDS}(?![${letter}'’-])(?!\\s*(?:\\d|[A-Z]\\b|one|two))`, 'gu'),
      // "Maria, the victim, was…" (not "Eastmere Police, the victim said…")
      new RegExp(`(${LABEL})${CLOSE}?,\\s+(?:the\\s+)?${ROLE_WORDS}(?=\\s*(?:[,.;)]|$)|\\s+aged\\b)`, 'gu'),
    ],
    TITLE_LETTER_USE: new RegExp(TITLE_LETTER, 'gu'),
  };
}
const NAME = String.raw`[A-Z][a-z]+(?:-[A-Z][a-z]+)?`;
const OPEN = `["“‘']`;
const CLOSE = `["”’']`;
const ROLE_WORDS = '(victim|deceased|perpetrator|alleged perpetrator|offender)';
const USED_FOR = /\bpseudonyms (?:are|have been) used for ([^.;]+)/gi;
const EXACT = labelExpressions('\\p{L}\\p{N}', '\\p{L}');
/**
 * The same for plain texts: in a text without letters or numbers beyond ASCII, [A-Za-z0-9] finds
 * what [\p{L}\p{N}] finds, and the expressions compile several times faster (a Unicode class is
 * hundreds of ranges, and a list of labels repeats it four times). Compiled on first use.
 */
const PLAIN = labelExpressions('A-Za-z0-9', 'A-Za-z');

const expressionsFor = (text: string): typeof EXACT => (isPlain(text) ? PLAIN : EXACT);

/**
 * Which of the role patterns and TITLE_LETTER_USE can match in a line, then GLOBAL and DECLARATION
 * (most lines hold no declaration: the large expressions need not run there, nor even be compiled).
 */
const LINE_FILTER = new Prefilter([...EXACT.ROLE, new RegExp(EXACT.TITLE_LETTER, 'gu'), GLOBAL, DECLARATION]);
const ROLES = EXACT.ROLE.length;
const GLOBAL_INDEX = ROLES + 1;
const DECLARATION_INDEX = ROLES + 2;
const ORGANISATION_WORDS = /\b(?:Police|Council|Service|Services|Trust|Practice|Partnership|Board|Office|Court|Team|Unit|Hospital|Agency|Care|Health|Housing)\b/;

/** The code point that ends just before `i` (a surrogate pair read as one, as the `u` flag does). */
function codePointBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
  }
  return c;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

/** Candidates for TOKEN: the same words without the look-around (which is checked in code). */
const CAPITALISED = /[A-Z][a-z]+(?:-[A-Z][a-z]+)?/g;

/**
 * Calls `fn` for each capitalised word as TOKEN matched it:
 * /(?<![\p{L}\p{N}'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\p{L}\p{N}])/gu, a capital, lower-case
 * letters, maybe a hyphen and another such word, not inside a longer word or number. Its leading
 * look-behind made it try every position of every line; the candidates come from an expression
 * without it, and no match can start inside a candidate (a letter or a hyphen precedes).
 */
function eachToken(text: string, fn: (token: string, start: number) => void): void {
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(text); m; m = CAPITALISED.exec(text)) {
    const start = m.index;
    if (start > 0) {
      const before = codePointBefore(text, start);
      if (before === 39 || before === 0x2019 || before === 45 || isLetterOrNumber(before)) continue;
    }
    let word = m[0];
    const end = start + word.length;
    if (end < text.length && isLetterOrNumber(text.codePointAt(end)!)) {
      // Not the whole candidate; without its hyphenated part the word ends at the hyphen (fine).
      const hyphen = word.indexOf('-');
      if (hyphen < 0) continue;
      word = word.slice(0, hyphen);
    }
    fn(word, start);
  }
}

/** The word before a name, as /([A-Za-z]+)\.?\s+$/ finds it in `text` (undefined: none). */
function wordBefore(text: string): string | undefined {
  let j = text.length;
  while (j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
  if (j === text.length) return undefined;
  const end = j > 0 && text.charCodeAt(j - 1) === 46 ? j - 1 : j;
  let k = end;
  while (k > 0 && (isLower(text.charCodeAt(k - 1)) || isUpper(text.charCodeAt(k - 1)))) k--;
  return k < end ? text.slice(k, end) : undefined;
}

/**
 * Whether a lower-case word occurs in `text` as a word of its own, as \b[a-z][a-z]+\b finds words:
 * a run of lower-case ASCII letters between non-word characters.
 */
function hasLowerWord(text: string, word: string): boolean {
  if (!/^[a-z]{2,}$/.test(word)) return false;
  for (let p = text.indexOf(word); p >= 0; p = text.indexOf(word, p + 1)) {
    const q = p + word.length;
    if ((p === 0 || !isWordChar(text.charCodeAt(p - 1))) && (q >= text.length || !isWordChar(text.charCodeAt(q)))) return true;
  }
  return false;
}

const RELATION_BEFORE = new RegExp(
  `\\b(?:[Hh]er|[Hh]is|[Tt]heir|[A-Z][a-z]+['’]s)\\s+(?:(?:elder|older|younger|eldest|youngest|twin|half|step|best|close|former|ex|new|late|adult)[\\s-]+)?(?:${RELATIONS})s?,?\\s+$`,
);
const RELATION_WORDS = new Set(cues.relations.map((r) => r.word));

/**
 * Whether RELATION_BEFORE can match `text.slice(from, end)`: it ends with a relation word (maybe
 * plural, maybe a comma) and white space. Most names follow no relation word; the expression,
 * anchored at the end, would try every position of the text before.
 */
function mayFollowRelation(text: string, from: number, end: number): boolean {
  let j = end;
  while (j > from && isSpace(text.charCodeAt(j - 1))) j--;
  if (j === end) return false;
  if (j > from && text.charCodeAt(j - 1) === 44) j--;
  let k = j;
  while (k > from && isLower(text.charCodeAt(k - 1))) k--;
  // "ex-partner" ends with "partner", a relation too.
  const word = text.slice(k, j);
  return RELATION_WORDS.has(word) || (word.endsWith('s') && RELATION_WORDS.has(word.slice(0, -1)));
}

const NOT_LABELS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'Her', 'His', 'She', 'He', 'They', 'It', 'In', 'All', 'A', 'An', 'I', 'Panel', 'Review', 'Chair',
  'Home', 'Office', 'Police', 'Report', 'Overview', 'Executive', 'Summary', 'None', 'Names', 'Pseudonyms', 'Pseudonym', 'Both', 'Each', 'Their',
  'Victim', 'Perpetrator', 'Family', 'Mother', 'Father', 'For', 'To', 'As', 'At', 'Of', 'On', 'By', 'We', 'Our',
]);

function normaliseLabel(label: string): string {
  return label
    .replace(/['‘’"“”]/g, '')
    .replace(/\.(?=\s*[A-Z])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function maskName(name: string): string {
  if (name.length <= 2) return `${name[0]}•`;
  return `${name[0]}${'•'.repeat(name.length - 2)}${name[name.length - 1]}`;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** One run of text: a paragraph or heading, or a table row (reported on the row). */
interface Line {
  block: Block;
  text: string;
  row?: { table: Table; index: number };
}

interface Occurrence {
  line: Line;
  start: number;
  end: number;
}

interface Declared {
  label: string;
  line: Line;
  start: number;
  end: number;
}

interface NameIndex {
  lines: Line[];
  declarations: Line[];
  declared: Declared[];
  together: [string, string][];
  global: boolean;
  roles: { label: string; role: 'victim' | 'perpetrator'; occ: Occurrence }[];
  tokens: Map<string, Occurrence[]>;
  letterLabels: Map<string, Occurrence[]>;
  /** Whether a word occurs in the lines in lower case, as a word of its own (\b[a-z][a-z]+\b). */
  isLowerWord: (word: string) => boolean;
  /** Given names seen as the first word of a full name ("Catherine Pryor") or after a title. */
  professional: Set<string>;
}

function buildIndex(doc: ReportDocument, ignore: string[]): NameIndex {
  const lines: Line[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'code') continue;
    if (ignore.some((id) => doc.isWithin(block.section, id)) || block.section.part.kind === 'qa-letter') continue;
    if (block.kind === 'table') {
      const table = block.table!;
      table.rows.forEach((row, index) => lines.push({ block, text: row.cells.join(' | '), row: { table, index } }));
    } else {
      lines.push({ block, text: block.text });
    }
  }
  const index: NameIndex = {
    lines,
    declarations: [],
    declared: [],
    together: [],
    global: false,
    roles: [],
    tokens: new Map(),
    letterLabels: new Map(),
    isLowerWord: () => false,
    professional: new Set(),
  };
  const addDeclared = (label: string, line: Line, start: number): void => {
    const clean = normaliseLabel(label);
    if (!clean || NOT_LABELS.has(clean) || NOT_LABELS.has(clean.split(' ')[0]!)) return;
    index.declared.push({ label: clean, line, start, end: start + label.length });
  };
  // Declarations are looked for everywhere, even in sections whose names are not examined.
  const allLines: Line[] = doc.blocks
    .filter((b) => b.kind === 'paragraph' || b.kind === 'heading')
    .map((block) => ({ block, text: block.text }));
  for (const line of allLines) {
    const text = line.text;
    const possible = LINE_FILTER.possible(text);
    if (possible[GLOBAL_INDEX] && GLOBAL.test(text)) index.global = true;
    if (!possible[DECLARATION_INDEX] || !DECLARATION.test(text)) continue;
    index.declarations.push(line);
    const { QUOTED_LABEL, LABEL_PATTERNS, LABEL_IN_LIST } = expressionsFor(text);
    for (const m of text.matchAll(QUOTED_LABEL)) addDeclared(m[1]!, line, m.index + 1);
    for (const re of LABEL_PATTERNS) {
      for (const m of text.matchAll(re)) {
        // A list of labels ("the pseudonyms Daniel and Daniela"): each label on its own.
        const group = m[1]!;
        const offset = m.index + m[0].indexOf(group);
        for (const l of group.matchAll(LABEL_IN_LIST)) addDeclared(l[0], line, offset + l.index);
      }
    }
    for (const m of text.matchAll(USED_FOR)) {
      const list = m[1]!;
      const offset = m.index + m[0].length - list.length;
      eachToken(list, (token, start) => {
        const before = list.slice(0, start);
        if (/\b(?:their|her|his)\s*$/i.test(before)) return;
        addDeclared(token, line, offset + start);
      });
    }
  }
  for (const line of allLines) {
    // Every match holds a parenthesis.
    if (!line.text.includes('(')) continue;
    for (const m of line.text.matchAll(expressionsFor(line.text).TOGETHER)) index.together.push([normaliseLabel(m[1]!), normaliseLabel(m[2]!)]);
  }
  // Given names that start a full name ("Catherine Pryor") or follow a title ("DI Whitby", "Dr Nadia
  // Ferreira"), anywhere, the panel table included: professionals and institutions, not pseudonyms.
  // The capitalised words of each paragraph and heading, kept for the lines below (the same text):
  // one search of the report instead of two.
  const tokensOf = new Map<Block, { tokens: string[]; starts: number[] }>();
  for (const block of doc.blocks) {
    const text = block.text;
    const kept = block.kind === 'table' ? undefined : { tokens: [] as string[], starts: [] as number[] };
    if (kept) tokensOf.set(block, kept);
    eachToken(text, (token, start) => {
      if (kept) {
        kept.tokens.push(token);
        kept.starts.push(start);
      }
      if (!GIVEN.has(token)) return;
      // /^[ \t]+[A-Z][a-z]+/ after the name: a surname follows.
      const end = start + token.length;
      let k = end;
      while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
      if (k > end && isUpper(text.charCodeAt(k)) && isLower(text.charCodeAt(k + 1))) {
        index.professional.add(token);
        return;
      }
      const prevWord = wordBefore(text.slice(Math.max(0, start - 20), start));
      if (prevWord && TITLES.has(prevWord)) index.professional.add(token);
    });
  }
  for (const line of lines) {
    const text = line.text;
    const addToken = (token: string, start: number): void => {
      const end = start + token.length;
      // "Clare's Law", "Sarah's Law": names of schemes, not people in the review.
      const next = text.charCodeAt(end);
      if ((next === 39 || next === 0x2019) && /^['’]s\s+Law\b/.test(text.slice(end))) return;
      const list = index.tokens.get(token);
      if (list) list.push({ line, start, end });
      else index.tokens.set(token, [{ line, start, end }]);
    };
    const kept = line.row ? undefined : tokensOf.get(line.block);
    if (kept) for (let i = 0; i < kept.tokens.length; i++) addToken(kept.tokens[i]!, kept.starts[i]!);
    else eachToken(text, addToken);
    const possible = LINE_FILTER.possible(text);
    const expressions = possible[ROLES] || possible[0] || possible[1] ? expressionsFor(text) : EXACT;
    if (possible[ROLES]) for (const m of text.matchAll(expressions.TITLE_LETTER_USE)) {
      const label = normaliseLabel(m[0]);
      const list = index.letterLabels.get(label) ?? [];
      list.push({ line, start: m.index, end: m.index + m[0].length });
      index.letterLabels.set(label, list);
    }
    if (!possible[0] && !possible[1]) continue;
    for (const m of expressions.ROLE.flatMap((re) => [...text.matchAll(re)]).sort((a, b) => a.index - b.index)) {
      const label = normaliseLabel(m[1]!);
      if (NOT_LABELS.has(label) || NOT_LABELS.has(label.split(' ')[0]!) || ORGANISATION_WORDS.test(label)) continue;
      const role = /perpetrator|offender/i.test(m[2]!) ? 'perpetrator' : 'victim';
      index.roles.push({ label, role, occ: { line, start: m.index, end: m.index + m[1]!.length } });
    }
  }
  // Asked for a few names only: each is looked for in the text (all lines, one per line of the string).
  let all: string | undefined;
  const lowerWords = new Map<string, boolean>();
  index.isLowerWord = (word) => {
    let found = lowerWords.get(word);
    if (found === undefined) {
      all ??= lines.map((l) => l.text).join('\n');
      found = hasLowerWord(all, word);
      lowerWords.set(word, found);
    }
    return found;
  };
  return index;
}

export default defineRule<Options>({
  meta: {
    id: 'pseudonym-consistency',
    group: 'anonymisation',
    description: 'Each person has one pseudonym, declared as such and spelt the same way throughout; names that are never declared',
    defaultLevel: 'warn',
    sources: [
      {
        title: 'Bassetlaw "Sarah" QA Panel letter (2023): real names in the terms of reference to be removed before publication',
        url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/',
      },
      {
        title: 'Naming practices in Domestic Homicide Reviews in England and Wales (study of 60 reviews): pseudonyms, initials or letters, little explanation of how names were chosen',
        url: 'https://westminsterresearch.westminster.ac.uk/item/w54v0/naming-practices-in-domestic-homicide-reviews-in-england-and-wales',
      },
      { title: 'Preston City Council: reports are published anonymised to protect victims and contributors', url: 'https://preston.gov.uk/article/1153/Domestic-homicide-reviews' },
    ],
    messages: {
      noDeclaration:
        'The report names people ("{{label}}" is used {{count}} times) but never says that the names are pseudonyms: add a declaration near the start, such as "{{example}} (not her real name)", and say who chose the names.',
      unknownLabel:
        '"{{label}}" is declared as a pseudonym here, but the review\'s pseudonyms (settings) are {{known}}: use the same label for each person in every document of the review, or add it to the settings.',
      twoLabels:
        'The {{role}} is called "{{label}}" here but "{{other}}" elsewhere: use one label for each person, or declare both together once ("Alina (Adult H)").',
      nearMiss: '"{{variant}}" looks like a misspelling of the pseudonym "{{label}}" ({{count}} time(s)): use one spelling throughout.',
      undeclaredName:
        'A given name ("{{name}}") is used here but never declared: if it is a pseudonym, declare it with the others ("… (not her real name)"); if it is a real name, replace it with a pseudonym or a role ("her sister").',
      whoChose: 'The report declares pseudonyms but does not say who chose them: say whether the family chose the names (good practice noted in research on DHR naming).',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requireDeclaration: { type: 'boolean' },
        nearMiss: { type: 'integer', minimum: 0, maximum: 2 },
        undeclaredNames: { enum: ['info', 'off'] },
        whoChose: { enum: ['info', 'off'] },
        ignoreSections: { type: 'array', items: { type: 'string' } },
      },
    },
    defaultOptions: { requireDeclaration: true, nearMiss: 2, undeclaredNames: 'info', whoChose: 'off', ignoreSections: [] },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const ignore = [...IGNORED, ...options.ignoreSections];
    const pseudonyms: PseudonymSetting[] = (settings.pseudonyms ?? []).filter((p) => p && typeof p.label === 'string');
    const realNames = new Set((settings.realNames ?? []).flatMap((n) => n.split(/\s+/)).map((n) => n.toLowerCase()));

    function report(occ: Occurrence, messageId: string, data: Record<string, string | number>, level?: Level, sensitive = false): void {
      const { line } = occ;
      if (line.row) context.report({ row: line.row, messageId, data, level, sensitive });
      else context.report({ block: line.block, span: { start: occ.start, end: occ.end } as Span, messageId, data, level, sensitive });
    }

    return {
      'document:exit'() {
        const index = doc.memo(`pseudonym-consistency:${ignore.join(',')}`, (d) => buildIndex(d, ignore));
        const count = (label: string): number => index.tokens.get(label)?.length ?? index.letterLabels.get(label)?.length ?? 0;

        // People: settings first (label + aliases), then declared labels; declared-together labels join.
        const person = new Map<string, number>();
        pseudonyms.forEach((p, i) => {
          for (const l of [p.label, ...(p.aliases ?? [])]) person.set(normaliseLabel(l), i);
        });
        const settingsLabels = new Set(person.keys());
        let next = pseudonyms.length;
        for (const d of index.declared) if (!person.has(d.label)) person.set(d.label, next++);
        for (const [a, b] of index.together) {
          const pa = person.get(a) ?? person.get(b) ?? next++;
          person.set(a, pa);
          person.set(b, pa);
        }
        const known = new Set(person.keys());
        const knownFirstWords = new Set([...known].map((k) => k.split(' ')[0]!));
        const isKnown = (token: string): boolean => known.has(token) || knownFirstWords.has(token);

        // 1. A document that uses names but never declares them.
        if (options.requireDeclaration && index.declarations.length === 0 && !index.global) {
          type Evidence = { label: string; shown: string; occs: Occurrence[] };
          const evidence: Evidence[] = [];
          for (const l of settingsLabels) {
            const occs = index.tokens.get(l) ?? index.letterLabels.get(l) ?? [];
            if (occs.length) evidence.push({ label: l, shown: l, occs });
          }
          for (const [l, occs] of index.letterLabels) if (occs.length >= 3) evidence.push({ label: l, shown: l, occs });
          for (const [t, occs] of index.tokens) {
            if (GIVEN.get(t) === false && !index.professional.has(t) && occs.length >= 5) evidence.push({ label: t, shown: maskName(t), occs });
          }
          evidence.sort((a, b) => b.occs.length - a.occs.length);
          const top = evidence[0];
          if (top) {
            const safe = top.shown === top.label;
            report(top.occs[0]!, 'noDeclaration', { label: top.shown, count: top.occs.length, example: safe ? top.label : 'Maria' }, undefined, !safe);
          }
        }

        // 2. Labels declared here that the review's settings do not know.
        if (pseudonyms.length) {
          const seen = new Set<string>();
          const list = pseudonyms.map((p) => `"${p.label}"`).join(', ');
          for (const d of index.declared) {
            if (settingsLabels.has(d.label) || seen.has(d.label)) continue;
            if (index.together.some(([a, b]) => (a === d.label && settingsLabels.has(b)) || (b === d.label && settingsLabels.has(a)))) continue;
            seen.add(d.label);
            report({ line: d.line, start: d.start, end: d.end }, 'unknownLabel', { label: d.label, known: list });
          }
        }

        // 3. Two labels for the victim (or the perpetrator).
        const roleOf = new Map<'victim' | 'perpetrator', { label: string; occ?: Occurrence }>();
        pseudonyms.forEach((p) => {
          const role = /victim|deceased/i.test(p.role ?? '') ? 'victim' : /perpetrator|offender|killer|abuser/i.test(p.role ?? '') ? 'perpetrator' : undefined;
          if (role && !roleOf.has(role)) roleOf.set(role, { label: normaliseLabel(p.label) });
        });
        const reportedRoles = new Set<string>();
        for (const r of index.roles) {
          const first = roleOf.get(r.role);
          if (!first) {
            roleOf.set(r.role, { label: r.label, occ: r.occ });
            continue;
          }
          const same = first.label === r.label || (person.has(first.label) && person.get(first.label) === person.get(r.label));
          if (same || reportedRoles.has(`${r.role}:${r.label}`)) continue;
          reportedRoles.add(`${r.role}:${r.label}`);
          // Two labels used often are more likely two people (a review of two deaths): a weaker signal.
          const level: Level | undefined = count(first.label) >= 3 && count(r.label) >= 3 ? 'info' : undefined;
          report(r.occ, 'twoLabels', { role: r.role, label: r.label, other: first.label }, level);
        }

        // 4. Near-miss spellings of a name pseudonym ("Tracey" for "Tracy").
        const variants = new Set<string>();
        if (options.nearMiss > 0) {
          const labels = [...known].filter((l) => /^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$/.test(l) && l.length >= 5 && count(l) >= 2);
          for (const [token, occs] of index.tokens) {
            if (token.length < 4 || known.has(token) || realNames.has(token.toLowerCase())) continue;
            if (index.professional.has(token)) continue;
            for (const label of labels) {
              const max = Math.min(options.nearMiss, label.length >= 7 ? 2 : 1);
              // Slips keep the first letter ("Tracey" for "Tracy"); "Farah" next to "Sarah" is someone else.
              if (token[0] !== label[0]) continue;
              const distance = editDistance(token.toLowerCase(), label.toLowerCase());
              if (distance < 1 || distance > max) continue;
              if (occs.length > 2 && occs.length * 3 > count(label)) continue;
              // A word that is also written in lower case is an ordinary word, not a slip (looked up last: it searches the text).
              if (index.isLowerWord(token.toLowerCase())) break;
              variants.add(token);
              report(occs[0]!, 'nearMiss', { variant: token, label, count: occs.length }, undefined, false);
              break;
            }
          }
        }

        // 5. Given names used but never declared (only when the report declares some names).
        if (options.undeclaredNames === 'info' && index.declarations.length > 0 && !index.global) {
          for (const [token, occs] of index.tokens) {
            if (isKnown(token) || variants.has(token) || index.professional.has(token) || realNames.has(token.toLowerCase())) continue;
            const ambiguous = GIVEN.get(token);
            // The first use that reads as a name (the only one reported).
            const named = occs.find((o) => {
              const text = o.line.text;
              const from = Math.max(0, o.start - 60);
              // After no relation word, only an unambiguous given name can read as a name (tested first: cheap).
              const relation = mayFollowRelation(text, from, o.start);
              if (!relation && ambiguous !== false) return false;
              // /^\s+[A-Z][a-z]/ after it: a full name or an organisation ("Grace House").
              let k = o.end;
              while (k < text.length && isSpace(text.charCodeAt(k))) k++;
              if (k > o.end && isUpper(text.charCodeAt(k)) && isLower(text.charCodeAt(k + 1))) return false;
              const before = text.slice(from, o.start);
              const prevWord = wordBefore(before);
              if (prevWord && (TITLES.has(prevWord) || /^(?:Mr|Mrs|Ms|Miss|Mx)$/.test(prevWord))) return false;
              if (relation && RELATION_BEFORE.test(before)) return true;
              if (ambiguous !== false) return false;
              // A name at the start of a sentence that is also an ordinary word ("Will") is not a name.
              return !index.isLowerWord(token.toLowerCase());
            });
            if (!named) continue;
            report(named, 'undeclaredName', { name: maskName(token) }, 'info', true);
          }
        }

        // 6. Who chose the names.
        if (options.whoChose === 'info' && index.declarations.length > 0 && !index.declarations.some((l) => CHOOSER.test(l.text))) {
          const first = index.declarations[0]!;
          report({ line: first, start: 0, end: first.text.length }, 'whoChose', {}, 'info');
        }
      },
    };
  },
});
