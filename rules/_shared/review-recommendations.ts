/**
 * The recommendations of one document, or of one part of it (the executive summary inside an
 * overview file): "Recommendation 3." labels, list items, numbered paragraphs, rows of a
 * recommendations table, or (last resort) recommending paragraphs. Each keeps its number as
 * written (duplicates too), its block, and the set it belongs to (single-agency, multi-agency,
 * national) when a sub-heading or an introductory sentence says so.
 *
 * Also the word normalisation used to compare texts (recommendations between documents,
 * recommendations with findings). Used by exec-summary-alignment and recommendations-traceable.
 */
import type { Block, Section, Table } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import { squash } from './squash.js';
import { isPlain } from './chars.js';
import data from './review-recommendations.json' with { type: 'json' };

export type RecommendationSet = 'single' | 'multi' | 'national';
export type ExtractionMethod = 'label' | 'numbered' | 'list' | 'table' | 'prose';

export interface ReviewRecommendation {
  /** Normalised number ("3", "19.1.2", "3a") as written, or the position in an ordered list. */
  number?: string;
  /** The number is the item's position in an ordered list (Markdown renumbers "1. 1. 1."), not typed. */
  positional?: boolean;
  /** 1-based position among the recommendations found in the scope. */
  ordinal: number;
  /** Text without its label or number. */
  text: string;
  block: Block;
  /** For rows of a recommendations table. */
  row?: number;
  /** The innermost section holding it. */
  section: Section;
  /** The outermost recommendations section holding it (absent for summaries without headings). */
  home?: Section;
  set?: RecommendationSet;
  method: ExtractionMethod;
  /** In an appendix of the document rather than its main body. */
  inAppendix: boolean;
}

/** Which part of a document to read: a whole document, or the blocks of one review role. */
export interface Scope {
  doc: ReportDocument;
  blocks: Block[];
  /** Names the scope in memo keys (e.g. "overview:0-530"). */
  key: string;
}

const SETS = data.sets.map((s) => ({ set: s.set as RecommendationSet, regex: new RegExp(s.pattern, 'i') }));
const NOT_THIS_REVIEW = new RegExp(data.notThisReview.pattern, 'i');
const INTRO = new RegExp(data.intro.pattern, 'i');
const ELSEWHERE = new RegExp(data.elsewhere.pattern, 'i');
const RECOMMEND_VERB = new RegExp(data.recommendVerb.pattern, 'i');
const STOP = new Set(data.stopWords.words.split(/\s+/));

/** "Recommendation 3:", "19.1.1 Recommendation 1:", "DHR recommendation 2.", "Rec 4 –" at the start of a text. */
const REC_LABEL =
  /^\s*(?:[•●▪◦‣∙·*–-]\s*)?(?:\(?(?:ES\s?)?\d{1,3}(?:\.\d{1,3}){0,3}\.?\)?\s+)?(?:(?:dhr|imr|panel|review|multi[- ]?agency|single[- ]?agency|national|local|regional|csp)\s+)?(?:recommendation|rec\.?)\s*(?:no\.?|number|ref\.?)?\s*[:#.]?\s*(\d{1,3}(?:\.\d{1,3}){0,3}(?:\s?\([a-z]\)|[a-z])?)(?![\d/])\s*(?:[:.)–—-]\s*|\s+|$)/i;
/** "R3:" / "R3." */
const R_LABEL = /^\s*(?:[•●▪◦‣∙·*–-]\s*)?R\s?(\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*[:.)–—-]\s*/;
/** "1.", "19.1.2", "(3)", "3)", "ES13" at the start of a paragraph. */
const NUMBERED = /^\s*(?:[•●▪◦‣∙·*]\s*)?\(?((?:ES\s?)?\d{1,3}(?:\.\d{1,3}){0,3})(?:\.(?!\d)|\))?\s+(?=\S)/i;
/** "a)", "(b)", "(iv)" at the start of a paragraph. */
const LETTERED = /^\s*\(?([a-h]|i{1,3}|iv|v|vi{1,3}|ix|x)\)\s+(?=\S)/i;

export function normaliseNumber(raw: string): string {
  return raw.toLowerCase().replace(/^es\s?/, 'es').replace(/[\s()]/g, '').replace(/\.$/, '');
}

/** A scope covering a whole document except the parts that belong to another role. */
export function documentScope(doc: ReportDocument, exclude: readonly string[] = ['executive-summary']): Scope {
  const blocks = doc.blocks.filter((b) => !exclude.includes(b.section.part.kind));
  return { doc, blocks, key: `doc:${exclude.join(',')}` };
}

function inScopeSet(scope: Scope): Set<number> {
  return scope.doc.memo(`review-recs:scope:${scope.key}`, () => new Set(scope.blocks.map((b) => b.index)));
}

/** Outermost sections about this review's recommendations, inside the scope. */
export function recommendationSections(scope: Scope): Section[] {
  const { doc } = scope;
  const inside = inScopeSet(scope);
  const candidates = doc.sections.filter((s) => {
    if (s.level === 0 || !s.heading || !inside.has(s.heading.index)) return false;
    if (!s.templateIds.includes('recommendations')) return false;
    if (NOT_THIS_REVIEW.test(s.title)) return false;
    if (s.part.kind === 'qa-letter' || doc.isWithin(s, 'contents') || doc.isWithin(s, 'qa-letter')) return false;
    if ((s.part.kind === 'action-plan' || doc.isWithin(s, 'action-plan')) && doc.kind !== 'action-plan') return false;
    return true;
  });
  return candidates.filter((s) => {
    for (let p = s.parent; p; p = p.parent) if (candidates.includes(p)) return false;
    return true;
  });
}

interface ListInfo {
  /** First paragraph of its list item. */
  first: boolean;
  number: number;
  ordered: boolean;
  depth: number;
}

/** Every paragraph node inside a list: whether it opens its item, and the item's number and depth. */
function listInfo(doc: ReportDocument): Map<unknown, ListInfo> {
  return doc.memo('review-recs:list-info', () => {
    const map = new Map<unknown, ListInfo>();
    type Node = { type: string; children?: Node[]; ordered?: boolean | null; start?: number | null };
    const visit = (node: Node, depth: number): void => {
      if (node.type === 'list') {
        (node.children ?? []).forEach((item, i) => {
          (item.children ?? []).forEach((child, j) => {
            if (child.type === 'paragraph') map.set(child, { first: j === 0, number: (node.start ?? 1) + i, ordered: Boolean(node.ordered), depth: depth + 1 });
            visit(child, depth + 1);
          });
        });
        return;
      }
      for (const child of node.children ?? []) visit(child, depth);
    };
    visit(doc.tree as unknown as Node, 0);
    return map;
  });
}

function setOfTitle(title: string): RecommendationSet | undefined {
  if (!/recommend|agenc|imr|dhr|national|panel|partnership|csp|system/i.test(title)) return undefined;
  for (const s of SETS) if (s.regex.test(title)) return s.set;
  return undefined;
}

/** The set named by the sub-headings between a block's section and the recommendations section. */
function setOfSection(section: Section, home: Section | undefined): RecommendationSet | undefined {
  for (let s: Section | undefined = section; s; s = s.parent) {
    const set = setOfTitle(s.title);
    if (set) return set;
    if (s === home || s.level <= 1) break;
  }
  return undefined;
}

/** The set an introductory sentence announces ("The single-agency recommendations below…"). */
export function setOfText(raw: string): RecommendationSet | undefined {
  const text = flat(raw);
  if (!/recommend/i.test(text)) return undefined;
  // "… single-agency recommendations are contained in the IMRs": not the set that follows.
  if (ELSEWHERE.test(text)) return undefined;
  for (const s of SETS) if (s.regex.test(text)) return s.set;
  return undefined;
}

function flat(text: string): string {
  return squash(text);
}

function usable(b: Block): boolean {
  return !b.within.note && !b.within.quote && b.kind !== 'code';
}

interface Draft {
  number?: string;
  positional?: boolean;
  text: string;
  block: Block;
  row?: number;
  method: ExtractionMethod;
  set?: RecommendationSet;
}

/** Read the recommendations among some blocks (one recommendations section, or a whole summary). */
function readBlocks(doc: ReportDocument, blocks: Block[], home: Section | undefined, single: boolean): Draft[] {
  const lists = listInfo(doc);
  let introSet: RecommendationSet | undefined;
  let introSection: Section | undefined;
  // An introductory sentence ("The single-agency recommendations below…") overrides its section's heading.
  const setFor = (b: Block): RecommendationSet | undefined =>
    (introSection && isInside(b.section, introSection) ? introSet : undefined) ?? setOfSection(b.section, home);
  const noteIntro = (b: Block): void => {
    const set = setOfText(b.text);
    if (set) {
      introSet = set;
      introSection = b.section;
    }
  };

  // 1. Labels: "Recommendation 3." in a paragraph or a heading.
  const labelled: Draft[] = [];
  for (const b of blocks) {
    if (!usable(b) || b.kind === 'table') continue;
    if (b.kind === 'heading') {
      const m = REC_LABEL.exec(b.section.title) ?? REC_LABEL.exec(b.text) ?? R_LABEL.exec(b.text);
      if (m) labelled.push({ number: normaliseNumber(m[1]!), text: b.text.slice(m[0].length).trim(), block: b, method: 'label', set: setFor(b) });
      continue;
    }
    const m = REC_LABEL.exec(b.text) ?? R_LABEL.exec(b.text);
    if (m) {
      labelled.push({ number: normaliseNumber(m[1]!), text: b.text.slice(m[0].length).trim(), block: b, method: 'label', set: setFor(b) });
      continue;
    }
    const last = labelled[labelled.length - 1];
    if (INTRO.test(flat(b.text)) && doc.wordCount(b) < 40) {
      noteIntro(b);
      continue;
    }
    // Text under a labelled heading, or a paragraph continuing a labelled one.
    if (last && (last.block.kind === 'heading' ? isInside(b.section, last.block.section) : b.section === last.block.section && !NUMBERED.test(b.text))) {
      last.text = `${last.text} ${b.text}`.trim();
    }
  }
  if (labelled.length) return labelled;
  introSet = undefined;
  introSection = undefined;

  // 2. Numbered paragraphs outside lists ("19.1.2 The CSP…", "3. Police should…"), with any list
  //    under one appended to it.
  const numbered: Draft[] = [];
  for (const b of blocks) {
    if (!usable(b) || b.kind !== 'paragraph') continue;
    if (b.within.list) {
      const last = numbered[numbered.length - 1];
      if (last && last.block.section === b.section) last.text += ` ${b.text}`;
      continue;
    }
    const m = NUMBERED.exec(b.text) ?? LETTERED.exec(b.text);
    if (!m) continue;
    if (INTRO.test(flat(b.text)) && doc.wordCount(b) < 40) {
      noteIntro(b);
      continue;
    }
    if (doc.wordCount(b) < 5) continue;
    if (!single && !RECOMMEND_VERB.test(flat(b.text))) continue;
    if (/^\d+$/.test(m[1]!) && Number(m[1]) > 200) continue;
    numbered.push({ number: normaliseNumber(m[1]!), text: b.text.slice(m[0].length).trim(), block: b, method: 'numbered', set: setFor(b) });
  }
  if (numbered.length >= 2 || (numbered.length === 1 && !blocks.some((b) => b.within.list))) return numbered;
  introSet = undefined;
  introSection = undefined;

  // 3. List items (the shallowest list level) and rows of recommendation tables.
  const items: Draft[] = [];
  const depths = blocks.filter((b) => b.within.list && lists.get(b.node)).map((b) => lists.get(b.node)!.depth);
  const top = depths.length ? Math.min(...depths) : 0;
  for (const b of blocks) {
    if (!usable(b)) continue;
    if (b.kind === 'table') {
      items.push(...tableRows(b, setFor(b)));
      continue;
    }
    if (b.kind !== 'paragraph') continue;
    const info = b.within.list ? lists.get(b.node) : undefined;
    if (!info) {
      if (INTRO.test(flat(b.text)) || setOfText(b.text)) noteIntro(b);
      continue;
    }
    const last = items[items.length - 1];
    if (info.depth > top || !info.first) {
      if (last && last.method === 'list') last.text += ` ${b.text}`;
      continue;
    }
    if (INTRO.test(flat(b.text)) && doc.wordCount(b) < 25) {
      noteIntro(b);
      continue;
    }
    const written = NUMBERED.exec(b.text);
    items.push({
      number: written ? normaliseNumber(written[1]!) : info.ordered ? String(info.number) : undefined,
      positional: !written && info.ordered,
      text: written ? b.text.slice(written[0].length).trim() : b.text,
      block: b,
      method: 'list',
      set: setFor(b),
    });
  }
  if (items.length) return items;

  // 4. Prose: recommending paragraphs of a section that is only about recommendations.
  if (!single) return [];
  const prose: Draft[] = [];
  for (const b of blocks) {
    if (!usable(b) || b.kind !== 'paragraph') continue;
    if (INTRO.test(flat(b.text)) && doc.wordCount(b) < 40) {
      noteIntro(b);
      continue;
    }
    if (doc.wordCount(b) < 8 || !RECOMMEND_VERB.test(flat(b.text))) continue;
    prose.push({ text: b.text, block: b, method: 'prose', set: setFor(b) });
  }
  return prose;
}

function isInside(section: Section, ancestor: Section): boolean {
  for (let s: Section | undefined = section; s; s = s.parent) if (s === ancestor) return true;
  return false;
}

/** Rows of a table whose header names a recommendation column. */
function tableRows(block: Block, set: RecommendationSet | undefined): Draft[] {
  const table = block.table as Table | undefined;
  if (!table) return [];
  const header = table.header.map((h) => h.toLowerCase());
  let textColumn = header.findIndex((h) => /recommendation/.test(h) && !/^(?:rec(?:ommendation)?\.?\s*(?:no\.?|number|ref)?|no\.?|ref\.?)$/.test(h.trim()));
  const numberColumn = header.findIndex((h) => /^(?:#|no\.?|number|ref\.?|rec(?:ommendation)?\.?\s*(?:no\.?|number|ref)\.?)$/.test(h.trim()));
  if (textColumn < 0 && numberColumn < 0 && !header.some((h) => /recommend/.test(h))) return [];
  const out: Draft[] = [];
  table.rows.forEach((row, i) => {
    const cells = row.cells;
    let col = textColumn;
    if (col < 0) {
      // The longest cell holds the text.
      col = cells.reduce((best, c, j) => (c.length > (cells[best] ?? '').length ? j : best), 0);
    }
    const raw = (cells[col] ?? '').trim();
    if (!raw) return;
    const label = REC_LABEL.exec(raw) ?? R_LABEL.exec(raw);
    const numberCell = numberColumn >= 0 ? cells[numberColumn] ?? '' : col !== 0 ? cells[0] ?? '' : '';
    const n = label?.[1] ?? /^\s*(\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\b/.exec(numberCell)?.[1];
    const number = n ? normaliseNumber(n) : undefined;
    const last = out[out.length - 1];
    // Rows of one recommendation (the number repeated, or a merged number cell left empty) are one.
    if (last && numberColumnUsed(numberColumn, col) && (number === undefined ? !label : number === last.number)) {
      last.text += ` ${raw}`;
      return;
    }
    out.push({ number, text: label ? raw.slice(label[0].length).trim() : raw, block, row: i, method: 'table', set });
  });
  return out;
}

function numberColumnUsed(numberColumn: number, textColumn: number): boolean {
  return numberColumn >= 0 || textColumn !== 0;
}

/** The labelled recommendations of a text without recommendation headings (summaries written as paragraphs). */
function readUnheaded(doc: ReportDocument, blocks: Block[]): Draft[] {
  const lists = listInfo(doc);
  const usableBlocks = blocks.filter((b) => usable(b) && b.kind === 'paragraph' && !doc.isWithin(b.section, 'contents') && !doc.isWithin(b.section, 'action-plan'));
  const out: Draft[] = [];
  // "Recommendation 3: …" paragraphs or list items.
  for (const b of usableBlocks) {
    const m = REC_LABEL.exec(b.text) ?? R_LABEL.exec(b.text);
    if (m && b.text.length - m[0].length > 15) out.push({ number: normaliseNumber(m[1]!), text: b.text.slice(m[0].length).trim(), block: b, method: 'label', set: setOfText(b.text) });
  }
  if (out.length) return out;
  // A list right after "The review makes the following recommendations:".
  for (let i = 0; i < usableBlocks.length; i++) {
    const b = usableBlocks[i]!;
    if (b.within.list || !/recommend/i.test(b.text) || !INTRO.test(flat(b.text))) continue;
    const set = setOfText(b.text);
    for (let j = b.index + 1; j < doc.blocks.length; j++) {
      const next = doc.blocks[j]!;
      if (!next.within.list || next.kind !== 'paragraph') break;
      const info = lists.get(next.node);
      if (!info) break;
      if (!info.first) {
        if (out.length) out[out.length - 1]!.text += ` ${next.text}`;
        continue;
      }
      out.push({ number: info.ordered ? String(info.number) : undefined, positional: info.ordered, text: next.text, block: next, method: 'list', set });
    }
  }
  return out;
}

/**
 * The recommendations in a scope, in reading order (cached per document and scope). Summaries
 * without a recommendations heading are read from their labels, or from the list after "The review
 * makes the following recommendations".
 */
export function findReviewRecommendations(scope: Scope): ReviewRecommendation[] {
  return scope.doc.memo(`review-recs:${scope.key}`, () => {
    const { doc } = scope;
    const inside = inScopeSet(scope);
    const out: ReviewRecommendation[] = [];
    const homes = recommendationSections(scope);
    for (const home of homes) {
      const earlier = (b: Block): boolean => {
        for (let x: Section | undefined = b.section; x && x !== home; x = x.parent) if (NOT_THIS_REVIEW.test(x.title)) return true;
        return false;
      };
      const blocks = doc.blocksOf(home).filter((b) => inside.has(b.index) && b !== home.heading && !earlier(b));
      const single = home.templateIds.length === 1;
      for (const d of readBlocks(doc, blocks, home, single)) {
        out.push({ ...d, ordinal: 0, section: d.block.section, home, inAppendix: isAppendix(home) });
      }
    }
    if (homes.length === 0) {
      for (const d of readUnheaded(doc, scope.blocks)) out.push({ ...d, ordinal: 0, section: d.block.section, inAppendix: isAppendix(d.block.section) });
    }
    out.sort((a, b) => a.block.index - b.block.index || (a.row ?? 0) - (b.row ?? 0));
    out.forEach((r, i) => (r.ordinal = i + 1));
    return out;
  });
}

function isAppendix(section: Section): boolean {
  if (section.part.kind === 'appendix') return true;
  for (let s: Section | undefined = section; s && s.level > 0; s = s.parent) {
    if (/^(?:appendix|annexe?)\b/i.test(s.number ?? '') || /^(?:appendix|appendices|annexe?s?)\b/i.test(s.title)) return true;
  }
  return false;
}

/** How a recommendation reads in a message: "Recommendation 3", or "the 3rd recommendation". */
export function recommendationName(rec: ReviewRecommendation): string {
  if (rec.number) return `recommendation ${rec.number}`;
  return `the ${ordinalWord(rec.ordinal)} recommendation`;
}

function ordinalWord(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** The first words of a text, for quoting in a message. */
export function quote(text: string, words = 8): string {
  const w = text.replace(/\s+/g, ' ').replace(/^[*_"“]+|[*_"”]+$/g, '').trim().split(' ');
  return w.length > words ? `${w.slice(0, words).join(' ')}…` : w.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Comparing texts

/** A light English stem: plurals, -ing, -ed (enough to pair "referral"/"referrals", "seeing"/"see"). */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  // Collapse a final double consonant everywhere, so "controlled", "controlling" and "control" agree
  // (what /([b-df-hj-np-tv-z])\1$/ finds).
  const n = w.length;
  if (n >= 2) {
    const c = w.charCodeAt(n - 1);
    if (c === w.charCodeAt(n - 2) && c >= 98 && c <= 122 && c !== 101 && c !== 105 && c !== 111 && c !== 117) w = w.slice(0, -1);
  }
  return w;
}


/**
 * What each word contributes to contentWords: its stem, or '' for a word left out (a stop-word, or
 * one of the extra stop-words). A report repeats its words: each is stemmed and looked up once.
 */
const contentStems = new Map<string, string>();
const contentStemsWith = new WeakMap<ReadonlySet<string>, Map<string, string>>();

function contentStem(w: string, extraStop: ReadonlySet<string> | undefined): string {
  let cache = contentStems;
  if (extraStop) {
    let known = contentStemsWith.get(extraStop);
    if (!known) contentStemsWith.set(extraStop, (known = new Map()));
    cache = known;
  }
  let s = cache.get(w);
  if (s === undefined) {
    s = STOP.has(w) ? '' : stem(w);
    if (extraStop?.has(s) || extraStop?.has(w)) s = '';
    if (cache.size > 50_000) cache.clear();
    cache.set(w, s);
  }
  return s;
}

/** Normalised content words: lower case, no accents or numbers, stop-words removed, stemmed (`extraStop`: a set that never changes). */
export function contentWords(text: string, extraStop?: ReadonlySet<string>): Set<string> {
  // Accents go with the decomposition; a plain text (chars.ts) has none, and compatibility
  // decomposition makes no letter, digit or apostrophe there, nor removes a character: its other
  // characters separate words whether decomposed or not.
  let lower = (isPlain(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
  // Apostrophes and possessives go (most texts have none: no need to run the expressions).
  if (lower.includes("'") || lower.includes('’')) lower = lower.replace(/[’']s\b/g, '').replace(/[’']/g, '');
  const out = new Set<string>();
  // The runs of [a-z0-9] (what splitting at [^a-z0-9]+ gives) of three characters or more, without a digit.
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let digit = false;
    for (; i < n; i++) {
      const c = lower.charCodeAt(i);
      if (c >= 97 && c <= 122) continue;
      if (c >= 48 && c <= 57) digit = true;
      else break;
    }
    if (i - start >= 3 && !digit) {
      const s = contentStem(lower.slice(start, i), extraStop);
      if (s) out.add(s);
    }
    i++;
  }
  return out;
}

export function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  // The size of the intersection: walk the smaller set.
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const w of small) if (large.has(w)) n++;
  return n;
}

/** Dice coefficient of two word sets (1 = same words). */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  return (2 * sharedCount(a, b)) / (a.size + b.size);
}

/** Share of the smaller set found in the larger (1 = one text's words are all in the other). */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const min = Math.min(a.size, b.size);
  return min === 0 ? 0 : sharedCount(a, b) / min;
}
