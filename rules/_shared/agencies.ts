/**
 * Agency taxonomy and matcher shared by agency-balance, analysis-depth, chair-independence and
 * acronyms-defined. The data (sectors, name patterns, abbreviations, review machinery that is not an
 * agency) lives in `agencies.json` (shared/domain/AGENCIES.md); this file compiles it once and finds
 * agency mentions in text. Per-document results are cached with `doc.memo`, so every rule that asks
 * shares one computation.
 *
 * A mention carries a fine sector (`health-mental`) and its group (`health`): rules that compare
 * weight across agencies use groups, as the Birmingham QA letter speaks of "health, social care and
 * education"; rules that need precision use sectors.
 */
import type { ReportDocument } from '../../src/model/document.js';
import type { Block, Section, Span } from '../../src/model/types.js';
import { Prefilter } from './prefilter.js';
import { isSpace, isWordChar } from './chars.js';
import data from './agencies.json' with { type: 'json' };

export interface SectorInfo {
  id: string;
  group: string;
  label: string;
}

export interface GroupInfo {
  id: string;
  label: string;
  /** Multi-agency forums and "other": counted, but never compared as a sector of their own. */
  pseudo: boolean;
}

export type MentionKind = 'name' | 'role' | 'abbreviation' | 'forum' | 'local';

export interface AgencyMention {
  sector: string;
  group: string;
  /** Span of the matched text in the text searched. */
  start: number;
  end: number;
  /** The matched text. */
  text: string;
  /** The matched text widened to the whole capitalised name ("Wendleshire Police"), for messages. */
  name: string;
  kind: MentionKind;
  /** The agency is named as someone's employer ("a serving police officer"), not as an agency in contact. */
  employment: boolean;
}

/** Local agency names, as in `settings.agencies`: name → sector or group id. */
export type LocalNames = Record<string, string>;

export const GROUPS: ReadonlyMap<string, GroupInfo> = new Map(
  data.groups.map((g) => [g.id, { id: g.id, label: g.label, pseudo: Boolean((g as { pseudo?: boolean }).pseudo) }]),
);
export const SECTORS: ReadonlyMap<string, SectorInfo> = new Map(data.sectors.map((s) => [s.id, { ...s }]));

/** The group of a sector id (a group id is its own group); undefined for unknown ids. */
export function groupOf(id: string): string | undefined {
  return SECTORS.get(id)?.group ?? (GROUPS.has(id) ? id : undefined);
}

/** Plain-words label of a sector or group id ("children's social care"). */
export function labelOf(id: string): string {
  return SECTORS.get(id)?.label ?? GROUPS.get(id)?.label ?? id;
}

export function isPseudoGroup(id: string): boolean {
  return GROUPS.get(groupOf(id) ?? id)?.pseudo ?? false;
}

/** True for a sector or group id the taxonomy knows (for validating `settings.agencies`). */
export function isKnownSector(id: string): boolean {
  return SECTORS.has(id) || GROUPS.has(id);
}

interface CompiledPattern {
  regex: RegExp;
  sector: string;
  kind: MentionKind;
  requires?: RegExp;
  contextSector?: { regex: RegExp; sector: string };
}

interface PatternEntry {
  sector: string;
  kind: string;
  pattern: string;
  caseSensitive?: boolean;
  requires?: string;
  contextSector?: { pattern: string; sector: string };
}

const PATTERNS: CompiledPattern[] = (data.patterns as PatternEntry[]).map((p) => ({
  regex: new RegExp(p.pattern, p.caseSensitive ? 'g' : 'gi'),
  sector: p.sector,
  kind: p.kind as MentionKind,
  requires: p.requires ? new RegExp(p.requires, 'i') : undefined,
  contextSector: p.contextSector ? { regex: new RegExp(p.contextSector.pattern, 'i'), sector: p.contextSector.sector } : undefined,
}));

const MACHINERY: RegExp[] = data.machinery.map((m) => new RegExp(m.pattern, (m as { caseSensitive?: boolean }).caseSensitive ? 'g' : 'gi'));
/** Literal prefilters: which machinery and agency patterns can match in a text (most match nowhere in a paragraph). */
const MACHINERY_FILTER = new Prefilter(MACHINERY);
const PATTERN_FILTER = new Prefilter(PATTERNS.map((p) => p.regex));
const EMPLOYMENT_BEFORE = new RegExp(data.employment.before, 'i');
const EMPLOYMENT_ROLE_BEFORE = new RegExp(data.employment.roleBefore, 'i');
const ONLY_AGENCY: RegExp[] = data.onlyAgency.patterns.map((p) => new RegExp(p, 'i'));
const NO_CONTACT = new RegExp(data.noContact.pattern, 'i');
const IMR = new RegExp(data.imr.pattern, 'i');
/** IMR-author independence statements say "no involvement" about the author, not the agency. */
const AUTHOR_INDEPENDENCE = /\b(?:author|independen\w*|line[- ]manag\w*|managerial|supervis\w*)\b/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const localCache = new Map<string, { regex: RegExp; sector: string }[]>();

type LocalPatterns = { regex: RegExp; sector: string }[];

function compileLocal(local: LocalNames | undefined): LocalPatterns {
  if (!local) return [];
  const key = JSON.stringify(Object.entries(local).sort());
  let compiled = localCache.get(key);
  if (!compiled) {
    compiled = Object.entries(local)
      .filter(([name, sector]) => name.trim().length > 1 && isKnownSector(sector))
      .map(([name, sector]) => ({
        regex: new RegExp(`(?<![\\w])${escapeRegExp(name.trim()).replace(/\s+/g, '\\s+')}(?![\\w])`, 'gi'),
        sector: SECTORS.has(sector) ? sector : defaultSectorOfGroup(sector),
      }));
    localCache.set(key, compiled);
  }
  return compiled;
}

function defaultSectorOfGroup(group: string): string {
  // A group id given for a local name: use the sector of that id, or the group's generic sector.
  if (SECTORS.has(group)) return group;
  for (const s of SECTORS.values()) if (s.group === group && s.id === group) return s.id;
  for (const s of SECTORS.values()) if (s.group === group) return s.id;
  return 'other';
}

/** Spans of review machinery (IMR, DHR, CSP, QA panel, PCC, risk checklists...) in a text. */
export function findMachinery(text: string): Span[] {
  const spans: Span[] = [];
  const possible = MACHINERY_FILTER.possible(text);
  for (let i = 0; i < MACHINERY.length; i++) {
    if (!possible[i]) continue;
    const regex = MACHINERY[i]!;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The text with the spans blanked out (line breaks kept). */
function mask(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  // Spans come sorted by start; they may overlap.
  let out = '';
  let pos = 0;
  for (const s of spans) {
    const end = Math.min(s.end, text.length);
    if (end <= pos) continue;
    const start = Math.max(s.start, pos);
    const piece = text.slice(start, end);
    out += text.slice(pos, start) + (piece.includes('\n') ? piece.replace(/[^\n]/g, ' ') : ' '.repeat(end - start));
    pos = end;
  }
  return out + text.slice(pos);
}

/** The sentence around a span: from the previous sentence end to the next one. */
function sentenceAround(text: string, start: number, end: number): { text: string; start: number } {
  let s = start;
  while (s > 0 && !isSentenceEnd(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && !isSentenceEnd(text.charCodeAt(e))) e++;
  return { text: text.slice(s, e), start: s };
}

/** `[.!?;\n]`, by code unit (no one-character strings and regular expressions per step). */
function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 10;
}

const NAME_STOP = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'By', 'From', 'To', 'When', 'After', 'Before', 'This', 'That', 'These', 'Those',
  'Both', 'Neither', 'Each', 'Every', 'Her', 'His', 'Their', 'Its', 'Our', 'With', 'For', 'Of', 'As', 'If', 'Where',
  'While', 'Although', 'However', 'Then', 'Also', 'And', 'But', 'Or', 'Nor', 'No', 'Not', 'All', 'Some', 'Any',
]);

/** `[\w'’&-]`: a character of a word of a name. */
function isNameChar(c: number): boolean {
  return isWordChar(c) || c === 39 || c === 0x2019 || c === 38 || c === 45;
}

/**
 * Where the last word of text[lo, hi) starts when white space follows it up to `hi`, as
 * /([A-Za-z][\w'’&-]*|&)\s+$/ (or, with `capital`, /([A-Z][\w'’&-]*)\s+$/) finds it in that slice;
 * -1 when it finds none. The word ends where the white space begins. By code unit: the slices and
 * end-anchored expressions this replaces tried every position of a long text before the name.
 */
function lastWordStart(text: string, lo: number, hi: number, capital: boolean): number {
  let j = hi;
  while (j > lo && isSpace(text.charCodeAt(j - 1))) j--;
  if (j === hi) return -1;
  let r = j;
  while (r > lo && isNameChar(text.charCodeAt(r - 1))) r--;
  // The expression's leftmost match: the first letter of the run of word characters.
  for (let i = r; i < j; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (!capital && c >= 97 && c <= 122)) return i;
  }
  // No letter: a lone "&" right before the white space.
  if (!capital && j > r && text.charCodeAt(j - 1) === 38) return j - 1;
  return -1;
}

/** The end of the word that starts at `from`: where the white space after it begins. */
function wordEnd(text: string, from: number): number {
  let e = from;
  while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
  return e;
}

/** Widen a capitalised match leftwards over the rest of its name ("Wendleshire County Council"). */
function widenName(text: string, start: number, end: number, floor: number): string {
  const first = text.charCodeAt(start);
  if (!(start < end && first >= 65 && first <= 90)) return text.slice(start, end);
  const lo = Math.max(floor, 0);
  let s = start;
  let tokens = 0;
  for (;;) {
    const candidateStart = lastWordStart(text, lo, s, false);
    if (candidateStart < 0) break;
    const word = text.slice(candidateStart, wordEnd(text, candidateStart));
    if (word === 'and' || word === '&' || word === 'of' || word === 'upon') {
      // Only keep a connective when a capitalised word precedes it.
      const prev = lastWordStart(text, lo, candidateStart, true);
      if (prev < 0 || NAME_STOP.has(text.slice(prev, wordEnd(text, prev)))) break;
      s = prev;
      tokens += 2;
    } else if (word.charCodeAt(0) >= 65 && word.charCodeAt(0) <= 90 && !NAME_STOP.has(word)) {
      s = candidateStart;
      tokens++;
    } else break;
    if (tokens >= 6) break;
  }
  return text.slice(s, end).replace(/\s+/g, ' ').trim();
}

interface Candidate {
  start: number;
  end: number;
  sector: string;
  kind: MentionKind;
  priority: number;
}

/**
 * Agency mentions in a text, in order. Review machinery (IMR, DHR, CSP, QA panel, Police and Crime
 * Commissioner, risk checklists, statutes) is never an agency; ambiguous abbreviations count only in
 * the context AGENCIES.md §3 gives; topic words ("mental health", "housing need") do not count.
 */
export function findAgencyMentions(text: string, local?: LocalNames): AgencyMention[] {
  return mentionsIn(text, compileLocal(local));
}

/** findAgencyMentions with the local names compiled (once for all the blocks of a document). */
function mentionsIn(text: string, localPatterns: LocalPatterns): AgencyMention[] {
  if (!text) return [];
  const candidates: Candidate[] = [];
  const localSpans: Span[] = [];
  for (const { regex, sector } of localPatterns) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      candidates.push({ start: m.index, end: m.index + m[0].length, sector, kind: 'local', priority: 2 });
      localSpans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  const machinery = findMachinery(text).filter((s) => !localSpans.some((l) => l.start <= s.start && l.end >= s.end));
  const masked = mask(text, machinery);
  const possible = PATTERN_FILTER.possible(masked);
  for (let i = 0; i < PATTERNS.length; i++) {
    if (!possible[i]) continue;
    const p = PATTERNS[i]!;
    p.regex.lastIndex = 0;
    for (let m = p.regex.exec(masked); m; m = p.regex.exec(masked)) {
      if (m[0].length === 0) {
        p.regex.lastIndex++;
        continue;
      }
      const start = m.index;
      // The match without its trailing white space.
      let end = m.index + m[0].length;
      while (end > start && isSpace(masked.charCodeAt(end - 1))) end--;
      // Look again from the next character: a shorter match must not hide a longer one that starts
      // inside it ("Council Housing Options"); the longest candidate wins below.
      p.regex.lastIndex = m.index + 1;
      let sector = p.sector;
      if (p.requires || p.contextSector) {
        const sentence = sentenceAround(masked, start, end).text;
        if (p.requires && !p.requires.test(sentence)) continue;
        if (p.contextSector && p.contextSector.regex.test(sentence)) sector = p.contextSector.sector;
      }
      candidates.push({ start, end, sector, kind: p.kind, priority: p.kind === 'abbreviation' ? 0 : 1 });
    }
  }
  // Longest match first, then local names, then names over abbreviations.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    if (accepted.some((a) => a.start < c.end && c.start < a.end)) continue;
    accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);
  // "Eastmere Borough Council Housing Options", "NHS Wendleshire Integrated Care Board": the
  // department or specific body that follows a council or a bare "NHS" is the agency meant.
  const kept = accepted.filter((c, i) => {
    if (c.sector !== 'local-authority' && c.sector !== 'health') return true;
    const next = accepted[i + 1];
    if (!next || next.sector === c.sector) return true;
    // A long gap keeps the mention whatever it holds: it needs no slice nor test.
    if (next.start - c.end > 60) return true;
    return !/^(?:['’]s)?(?:\s+(?:[A-Z][\w'’&-]*|and|&|of))*\s*$/.test(text.slice(c.end, next.start));
  });
  const mentions: AgencyMention[] = [];
  let floor = 0;
  // Where the sentence of the next mention starts, found by one pass forward (mentions are in order)
  // rather than by walking back from each mention: a table's text may run long without a sentence end.
  let scanned = 0;
  let sentenceFrom = 0;
  for (const c of kept) {
    const group = groupOf(c.sector) ?? 'other';
    for (; scanned < c.start; scanned++) if (isSentenceEnd(text.charCodeAt(scanned))) sentenceFrom = scanned + 1;
    const before = text.slice(sentenceFrom, c.start);
    const employment = EMPLOYMENT_BEFORE.test(before) || (c.kind === 'role' && EMPLOYMENT_ROLE_BEFORE.test(before));
    mentions.push({
      sector: c.sector,
      group,
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      name: widenName(text, c.start, c.end, floor),
      kind: c.kind,
      employment,
    });
    floor = c.end;
  }
  return mentions;
}

export interface AgencyIndex {
  /** Mentions of every block (headings, paragraphs, tables), by block index. */
  byBlock: Map<number, AgencyMention[]>;
}

function localKey(local: LocalNames | undefined): string {
  const entries = Object.entries(local ?? {});
  return entries.length ? `:${JSON.stringify(entries.sort())}` : '';
}

/** Agency mentions of every block of the document, computed once per document (and local-name map). */
export function agencyIndex(doc: ReportDocument, local?: LocalNames): AgencyIndex {
  return doc.memo(`agency-mentions${localKey(local)}`, (d) => {
    const byBlock = new Map<number, AgencyMention[]>();
    const localPatterns = compileLocal(local);
    for (const block of d.blocks) byBlock.set(block.index, mentionsIn(block.text, localPatterns));
    return { byBlock };
  });
}

/** Mentions of one block (cached), leaving out employer mentions unless asked. */
export function mentionsOf(doc: ReportDocument, block: Block, local?: LocalNames, options: { employment?: boolean } = {}): AgencyMention[] {
  const all = agencyIndex(doc, local).byBlock.get(block.index) ?? [];
  return options.employment ? all : all.filter((m) => !m.employment);
}

export interface ContributorInfo {
  sector: string;
  group: string;
  /** Agency names as written. */
  names: string[];
  /** The entry says the agency wrote an IMR. */
  imr: boolean;
  block: Block;
}

export interface Contributors {
  /** Sections matched as the contributors list (TEMPLATES.md `contributors`). */
  sections: Section[];
  /** Sectors that contributed and had contact, by sector id. */
  sectors: Map<string, ContributorInfo>;
  /** Sectors listed as having had no contact (nil returns, records checked). */
  noContact: Map<string, ContributorInfo>;
  /** The list distinguishes agencies that wrote an IMR from the others. */
  imrMarked: boolean;
}

function addContributor(map: Map<string, ContributorInfo>, m: AgencyMention, imr: boolean, block: Block): void {
  const info = map.get(m.sector);
  if (info) {
    if (!info.names.includes(m.name)) info.names.push(m.name);
    info.imr ||= imr;
  } else {
    map.set(m.sector, { sector: m.sector, group: m.group, names: [m.name], imr, block });
  }
}

const NIL_CELL = /^(?:no|none|n\/?a|nil|-|–|—|x|✗|✘)?$/i;

/**
 * The agencies the Contributors section lists, with whether each wrote an IMR and whether it said it
 * had no contact. Computed once per document.
 */
export function contributors(doc: ReportDocument, local?: LocalNames): Contributors {
  return doc.memo(`agency-contributors${localKey(local)}`, (d) => {
    const sections = d.sectionsById('contributors').filter((s) => s.part.kind !== 'qa-letter');
    const result: Contributors = { sections, sectors: new Map(), noContact: new Map(), imrMarked: false };
    const seen = new Set<number>();
    for (const section of sections) {
      for (const block of d.blocksOf(section)) {
        if (seen.has(block.index) || block.kind === 'heading' || block.kind === 'code') continue;
        seen.add(block.index);
        const units: { text: string; imr: boolean }[] = [];
        if (block.kind === 'table' && block.table) {
          const imrColumn = block.table.header.findIndex((h) => IMR.test(h));
          for (const row of block.table.rows) {
            const cellImr = imrColumn >= 0 && !NIL_CELL.test((row.cells[imrColumn] ?? '').trim());
            units.push({ text: row.cells.join(' | '), imr: cellImr });
          }
        } else {
          // A table or list that reached us as one paragraph (plain text, some PDFs): one unit a line.
          const lines = block.text.split('\n').filter((l) => l.trim() && !/^[\s|:+-]+$/.test(l));
          const rowLike = lines.filter((l) => /\||\t|^\s*(?:[-•*–]|\d+[.)]|[a-z][.)])\s/.test(l)).length;
          if (lines.length >= 2 && rowLike * 2 >= lines.length) for (const l of lines) units.push({ text: l, imr: false });
          else for (const s of d.sentences(block)) units.push({ text: s.text, imr: false });
        }
        for (const unit of units) {
          const mentions = findAgencyMentions(unit.text, local).filter((m) => !m.employment);
          if (mentions.length === 0) continue;
          const imr = unit.imr || IMR.test(unit.text.replace(/\b(?:non[- ]IMR|no IMR|not (?:an? )?IMR)\b/gi, ''));
          const nil = NO_CONTACT.test(unit.text) && !AUTHOR_INDEPENDENCE.test(unit.text) && !unit.imr;
          if (imr) result.imrMarked = true;
          for (const m of mentions) {
            // "Riverside Medical Practice (GP)": the abbreviation repeats the name.
            if (m.kind === 'abbreviation' && mentions.some((o) => o !== m && o.sector === m.sector && o.kind !== 'abbreviation')) continue;
            addContributor(nil ? result.noContact : result.sectors, m, imr && !nil, block);
          }
        }
      }
    }
    for (const sector of result.sectors.keys()) result.noContact.delete(sector);
    return result;
  });
}

export interface OnlyAgencyStatement {
  block: Block;
  sentence: string;
  /** Groups the sentence names as the only ones in contact; empty when it names none. */
  groups: string[];
}

/**
 * Sentences saying that one agency was the only one in contact ("Police were the only agency to
 * have contact with Jane"). Such a review is expected to be dominated by that agency.
 */
export function onlyAgencyStatements(doc: ReportDocument, local?: LocalNames): OnlyAgencyStatement[] {
  return doc.memo(`agency-only-statements${localKey(local)}`, (d) => {
    const out: OnlyAgencyStatement[] = [];
    for (const block of d.blocks) {
      if (block.kind === 'heading' || block.kind === 'code' || block.kind === 'table') continue;
      if (block.section.part.kind === 'qa-letter') continue;
      if (d.isWithin(block.section, 'glossary') || d.isWithin(block.section, 'contents')) continue;
      for (const sentence of d.sentences(block)) {
        if (!ONLY_AGENCY.some((r) => r.test(sentence.text))) continue;
        const groups = [
          ...new Set(
            findAgencyMentions(sentence.text, local)
              .filter((m) => !m.employment && !isPseudoGroup(m.group))
              .map((m) => m.group),
          ),
        ];
        // "No other agency had contact…" names the exception, not the only agency: it explains any dominance.
        out.push({ block, sentence: sentence.text, groups: /\bno other\b|\bnot known to any\b|\bnone of the other\b/i.test(sentence.text) ? [] : groups });
      }
    }
    return out;
  });
}
