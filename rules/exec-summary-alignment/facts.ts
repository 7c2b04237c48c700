/**
 * Key facts of one document of a review, read from its own text: the date of death, the ages of the
 * people named, the dates of the review's milestones (decision, Home Office notified, first panel,
 * completion, conviction), the sentence, and the review period of the terms of reference.
 */
import type { Block } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import { findDates, formatDate, type FoundDate } from '../_shared/dates.js';
import { squash } from '../_shared/squash.js';
import { usesLabel } from './people.js';
import cues from './cues.json' with { type: 'json' };
import { memoByKey } from '../_shared/memo.js';

export interface DatedMention {
  date: FoundDate;
  block: Block;
}

export interface ValueMention {
  value: number;
  block: Block;
}

const DEATH_CUE = new RegExp(cues.death.cue, 'gi');
/**
 * The same without g, for a paragraph's squashed text: a sentence's squashed text is a piece of it
 * between white space, and the cues (like the milestones') are words between \b with no anchors or
 * lookarounds, so a paragraph where no cue matches has no sentence where one does.
 */
const DEATH_CUE_ANY = new RegExp(cues.death.cue, 'i');
const NOT_DEATH = new RegExp(cues.death.notDeath, 'i');
const NOT_DEATH_BEFORE = /\b(?:notif\w*|inform\w*|told|referr\w*|reported (?:to|by)|(?:months?|weeks?|days?|years?) (?:after|since)|since|anniversary of)\b[^.;]*$|\bbefore (?:(?:he|she|they|it) )?$/i;
const AGE_PATTERNS = cues.ages.patterns.map((p) => new RegExp(p, 'gi'));
/** Any age pattern, for a paragraph's squashed text (words between \b: see DEATH_CUE_ANY). */
const AGE_ANY = new RegExp(cues.ages.patterns.join('|'), 'i');
const NOT_AT_DEATH = new RegExp(cues.ages.notAtDeath, 'i');
const NOT_AT_DEATH_AFTER = new RegExp(cues.ages.notAtDeathAfter, 'i');
const MILESTONES = cues.milestones.map((m) => ({ id: m.id, label: m.label, regex: new RegExp(m.pattern, 'gi'), any: new RegExp(m.pattern, 'i') }));
/** Any milestone cue (the patterns have no back-references): one pass over a paragraph instead of one per milestone. */
const MILESTONE_ANY = new RegExp(cues.milestones.map((m) => `(?:${m.pattern})`).join('|'), 'i');
const SENTENCE_PATTERNS = cues.sentence.patterns.map((p) => new RegExp(p, 'gi'));
const PERIOD_PATTERNS = cues.period.patterns.map((p) => new RegExp(p, 'gi'));
const NOT_MILESTONE = /\b(?:action plan|recommendations?|target|by (?:the )?end of|IMRs?|individual management reviews?|chronolog\w*)\b/i;

export const MILESTONE_LABELS: Record<string, string> = Object.fromEntries(cues.milestones.map((m) => [m.id, m.label]));

/** The text blocks of a block list, by list (each fact below reads the same lists of a review's documents). */
const textBlocksCache = new WeakMap<Block[], { doc: ReportDocument; length: number; text: Block[] }>();

function textBlocks(doc: ReportDocument, blocks: Block[]): Block[] {
  const known = textBlocksCache.get(blocks);
  if (known && known.doc === doc && known.length === blocks.length) return known.text;
  const text = findTextBlocks(doc, blocks);
  textBlocksCache.set(blocks, { doc, length: blocks.length, text });
  return text;
}

function findTextBlocks(doc: ReportDocument, blocks: Block[]): Block[] {
  return blocks.filter((b) => (b.kind === 'paragraph' || b.kind === 'heading') && !b.within.note && !doc.isWithin(b.section, 'contents') && !doc.isWithin(b.section, 'qa-letter'));
}

/** Dates of a sentence, kept for the next pass (deaths and milestones read the same sentences). */
const datesIn: (text: string) => FoundDate[] = memoByKey(findDates, 5000);

/** The date nearest a cue inside one sentence (at most `reach` characters away), with the text between. */
function nearestDate(cueStart: number, cueEnd: number, dates: FoundDate[], reach = 80): FoundDate | undefined {
  let best: { d: FoundDate; dist: number } | undefined;
  for (const d of dates) {
    const dist = d.start >= cueEnd ? d.start - cueEnd : cueStart >= d.end ? cueStart - d.end : 0;
    // Prefer a date after the cue ("died on 9 March") over one before it at the same distance.
    const weighted = d.start >= cueEnd ? dist : dist + 5;
    if (dist <= reach && (!best || weighted < best.dist)) best = { d, dist: weighted };
  }
  return best?.d;
}

/** Dates given as the date of death. */
export function deathDates(doc: ReportDocument, blocks: Block[]): DatedMention[] {
  const out: DatedMention[] = [];
  for (const block of textBlocks(doc, blocks)) {
    if (!DEATH_CUE_ANY.test(squash(block.text))) continue;
    for (const sentence of doc.sentences(block)) {
      const s = { text: squash(sentence.text) };
      const dates = datesIn(s.text);
      if (!dates.length) continue;
      DEATH_CUE.lastIndex = 0;
      for (const m of s.text.matchAll(DEATH_CUE)) {
        const cueStart = m.index!;
        const cueEnd = cueStart + m[0].length;
        if (NOT_DEATH_BEFORE.test(s.text.slice(Math.max(0, cueStart - 70), cueStart))) continue;
        const d = nearestDate(cueStart, cueEnd, dates);
        if (!d) continue;
        const between = d.start >= cueEnd ? s.text.slice(cueEnd, d.start) : s.text.slice(d.end, cueStart);
        if (NOT_DEATH.test(between)) continue;
        out.push({ date: d, block });
        break;
      }
    }
  }
  return out;
}

/** Ages given for a person ("Maria, aged 38", "Adam was 41", "38-year-old Maria"). */
export function agesOf(doc: ReportDocument, blocks: Block[], label: string, otherLabels: string[]): ValueMention[] {
  const out: ValueMention[] = [];
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const wasAgeSource = `(?<![\\p{L}])${escaped}(?:['’]s)? (?:was|is) (\\d{2})(?=[.,;]|\\s+(?:years|when|at the time))`;
  const wasAge = new RegExp(wasAgeSource, 'gu');
  // A sentence's squashed text is a piece of its paragraph's between white space, and these
  // expressions look no further than the sentence: no match in the paragraph, none in a sentence.
  const wasAgeAny = new RegExp(wasAgeSource, 'u');
  for (const block of textBlocks(doc, blocks)) {
    if (!usesLabel(block.text, label)) continue;
    const flat = squash(block.text);
    if (!AGE_ANY.test(flat) && !wasAgeAny.test(flat)) continue;
    for (const sentence of doc.sentences(block)) {
      const s = { text: squash(sentence.text) };
      if (!usesLabel(s.text, label)) continue;
      for (const m of s.text.matchAll(wasAge)) {
        if (NOT_AT_DEATH_AFTER.test(s.text.slice(m.index! + m[0].length))) continue;
        out.push({ value: Number(m[1]), block });
      }
      for (const re of AGE_PATTERNS) {
        re.lastIndex = 0;
        for (const m of s.text.matchAll(re)) {
          const at = m.index!;
          const value = Number(m[1]);
          if (value < 10 || value > 110) continue;
          if (NOT_AT_DEATH.test(s.text.slice(Math.max(0, at - 20), at))) continue;
          if (NOT_AT_DEATH_AFTER.test(s.text.slice(at + m[0].length))) continue;
          // The nearest label before the age (within 60 characters) is the person it belongs to;
          // "38-year-old Maria" puts the label just after.
          const before = s.text.slice(Math.max(0, at - 60), at);
          const owner = ownerBefore(before, [label, ...otherLabels]) ?? (/year/.test(m[0]) ? ownerAfter(s.text.slice(at + m[0].length, at + m[0].length + 20), [label, ...otherLabels]) : undefined);
          if (owner === label) out.push({ value, block });
        }
      }
    }
  }
  return out;
}

/** An expression per label, compiled once (asked for every age a paragraph gives). */
function labelRegex(cache: Map<string, RegExp>, label: string, make: (escaped: string) => RegExp): RegExp {
  let regex = cache.get(label);
  if (!regex) {
    regex = make(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (cache.size >= 1000) cache.clear();
    cache.set(label, regex);
  }
  return regex;
}
const labelBefore = new Map<string, RegExp>();
const labelAfter = new Map<string, RegExp>();

function ownerBefore(text: string, labels: string[]): string | undefined {
  let best: { label: string; end: number } | undefined;
  for (const label of labels) {
    const regex = labelRegex(labelBefore, label, (escaped) => new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'gu'));
    for (const m of text.matchAll(regex)) {
      const end = m.index! + m[0].length;
      if (!best || end > best.end) best = { label, end };
    }
  }
  if (!best) return undefined;
  const between = text.slice(best.end);
  // "Maria's mother, aged 60" and "Maria and her son, aged 12" are someone else's ages.
  if (/^['’]s\b/.test(between) || /\b(?:and|with)\b/.test(between) || /[.;:]/.test(between)) return undefined;
  return best.label;
}

function ownerAfter(text: string, labels: string[]): string | undefined {
  for (const label of labels) {
    if (labelRegex(labelAfter, label, (escaped) => new RegExp(`^\\s*(?:woman |man |person )?${escaped}(?![\\p{L}])`, 'u')).test(text)) return label;
  }
  return undefined;
}

/** Milestone id → dates given for it. */
export function milestoneDates(doc: ReportDocument, blocks: Block[]): Map<string, DatedMention[]> {
  const out = new Map<string, DatedMention[]>();
  for (const block of textBlocks(doc, blocks)) {
    const flat = squash(block.text);
    if (!MILESTONE_ANY.test(flat)) continue;
    for (const sentence of doc.sentences(block)) {
      const s = { text: squash(sentence.text) };
      const dates = datesIn(s.text);
      if (!dates.length) continue;
      for (const milestone of MILESTONES) {
        milestone.regex.lastIndex = 0;
        const m = milestone.regex.exec(s.text);
        if (!m) continue;
        if (milestone.id === 'completion' && NOT_MILESTONE.test(s.text)) continue;
        // Dates near the cue, but not past another milestone's cue ("decided on 4 April; the panel first met on 22 June").
        const d = nearestDate(m.index, m.index + m[0].length, dates, 70);
        if (!d) continue;
        const between = d.start >= m.index + m[0].length ? s.text.slice(m.index + m[0].length, d.start) : s.text.slice(d.end, m.index);
        if (MILESTONES.some((o) => o !== milestone && o.any.test(between))) continue;
        const list = out.get(milestone.id) ?? [];
        list.push({ date: d, block });
        out.set(milestone.id, list);
      }
    }
  }
  return out;
}

/** Years of a custodial sentence (the minimum term of a life sentence, or a fixed term). */
export function sentenceYears(doc: ReportDocument, blocks: Block[]): ValueMention[] {
  const out: ValueMention[] = [];
  for (const block of textBlocks(doc, blocks)) {
    const flat = squash(block.text);
    if (!/sentenc|imprisonment|minimum term|tariff/i.test(flat)) continue;
    for (const re of SENTENCE_PATTERNS) {
      re.lastIndex = 0;
      for (const m of flat.matchAll(re)) out.push({ value: Number(m[1]), block });
    }
  }
  return out;
}

export interface Period {
  from: FoundDate;
  to: FoundDate;
  block: Block;
}

/** The first review period ("from 1 January 2019 to 9 March 2023") among some blocks. */
export function reviewPeriod(doc: ReportDocument, blocks: Block[]): Period | undefined {
  for (const block of textBlocks(doc, blocks)) {
    const flat = squash(block.text);
    for (const re of PERIOD_PATTERNS) {
      re.lastIndex = 0;
      for (const m of flat.matchAll(re)) {
        const a = findDates(m.groups!.a!, { years: true })[0];
        const b = findDates(m.groups!.b!, { years: true })[0];
        if (!a || !b || b.start > 3) continue;
        if (a.iso >= b.iso && a.precision === b.precision) continue;
        return { from: a, to: b, block };
      }
    }
  }
  return undefined;
}

/** Two dates that can name the same day ("March 2023" and "9 March 2023" can; "8 March" and "9 March" cannot). */
export function compatible(a: FoundDate, b: FoundDate): boolean {
  if (a.year !== b.year) return false;
  if (a.month === undefined || b.month === undefined) return true;
  if (a.month !== b.month) return false;
  if (a.day === undefined || b.day === undefined) return true;
  return a.day === b.day;
}

/** Same month and year (for the date of death: the key fact is the month and year). */
export function sameMonth(a: FoundDate, b: FoundDate): boolean {
  return a.year === b.year && (a.month === undefined || b.month === undefined || a.month === b.month);
}

export { formatDate };
