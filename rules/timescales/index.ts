import { defineRule } from '../../src/api/rule.js';
import type { ReportDocument } from '../../src/model/document.js';
import type { Block, Section, Span, Table } from '../../src/model/types.js';
import {
  addMonths,
  dateBounds,
  findDates,
  formatDate,
  isCertainlyBefore,
  monthsBetween,
  parseDate,
  type DateOrder,
  type FoundDate,
} from '../_shared/dates.js';
import { normaliseHeading } from '../../src/api/text.js';
import { Prefilter } from '../_shared/prefilter.js';
import cues from './cues.json' with { type: 'json' };

type EventId =
  | 'homeOfficeNotified'
  | 'qaResubmitted'
  | 'qaApproved'
  | 'qaConsidered'
  | 'firstPanel'
  | 'panelMeeting'
  | 'completion'
  | 'decision'
  | 'notified'
  | 'started'
  | 'chairAppointed'
  | 'death';

type RequiredDate = 'decision' | 'homeOfficeNotified' | 'firstPanel' | 'completion';

interface Options {
  /** Months the guidance allows; default: `settings.completionMonths` (6). */
  completionMonths?: number;
  /** Months after which the report must explain the length; default: the completion clock. */
  explainAfterMonths?: number;
  /** Check that process dates are in a possible order. */
  checkDateOrder: boolean;
  /** Order of numeric dates such as 03/04/2023. */
  dateOrder: DateOrder;
  /** Process dates the overview report must state. */
  requireDates: RequiredDate[];
}

interface EventCue {
  id: EventId;
  label: string;
  patterns: RegExp[];
  not: RegExp[];
  requires?: RegExp;
}

const EVENTS: EventCue[] = cues.events.map((e) => ({
  id: e.id as EventId,
  label: e.label,
  patterns: e.patterns.map((p) => new RegExp(p, 'i')),
  not: ((e as { not?: string[] }).not ?? []).map((p) => new RegExp(p, 'i')),
  requires: (e as { requires?: string }).requires ? new RegExp((e as { requires: string }).requires, 'i') : undefined,
}));
/** Which event patterns can match in a clause (in EVENTS order), and where each event's patterns start. */
const EVENT_FILTER = new Prefilter(EVENTS.flatMap((e) => e.patterns));
const FIRST_PATTERN = new Map<EventCue, number>();
EVENTS.reduce((n, e) => (FIRST_PATTERN.set(e, n), n + e.patterns.length), 0);
const LABELS: Record<string, string> = Object.fromEntries(EVENTS.map((e) => [e.id, e.label]));
LABELS.death = 'the date of death';
const OTHER_REVIEWS = new RegExp(cues.otherReviews.pattern, 'i');
const REASONS = cues.reasons.map((r) => new RegExp(r.pattern, 'i'));
const CONTEXT = new RegExp(cues.context.pattern, 'i');
const HEADINGS = cues.headings.patterns.map((p) => new RegExp(p, 'i'));
const NOT_HEADING = new RegExp(cues.headings.not, 'i');

/** A heading the shared synonym table misses ("Review timescales", "Timeframe"). */
function ownHeading(section: Section): boolean {
  const t = normaliseHeading(section.title);
  return section.level > 0 && HEADINGS.some((r) => r.test(t)) && !NOT_HEADING.test(t);
}

/** Sections whose dates are facts of the case, not of the review process. */
const NARRATIVE_IDS = [
  'chronology', 'summary-chronology', 'background-facts', 'overview', 'analysis', 'key-issues', 'conclusions',
  'lessons', 'recommendations', 'action-plan', 'parallel-reviews', 'glossary', 'contents', 'tribute',
  'equality-diversity', 'family-involvement', 'contributors', 'qa-letter',
];
const PROCESS_IDS = ['timescales', 'review-process'];
/** Words of a title-page line that dates the report itself. */
const TITLE_PAGE_DATE = /^(?:(?:report |final )?(?:date|dated|version(?: date)?|final version|final report|completed|published|submitted|issued|overview report|executive summary|report)\b[\w\s.]*)$/i;

/** Pairs that must be in this order when both are known. */
const ORDER: [EventId, EventId][] = [
  ['death', 'notified'],
  ['death', 'decision'],
  ['notified', 'decision'],
  ['decision', 'completion'],
  ['decision', 'firstPanel'],
  ['firstPanel', 'completion'],
  ['qaConsidered', 'qaResubmitted'],
  ['qaResubmitted', 'qaApproved'],
  ['qaConsidered', 'qaApproved'],
];

interface Found {
  id: EventId;
  date: FoundDate;
  /** 0 settings, 1 Timescales / Review Process section, 2 other process text, 3 a bare date on the title page. */
  tier: number;
  block?: Block;
  row?: { table: Table; index: number };
  span?: Span;
}

type Group = 'main' | 'summary';

function isCue(clause: string, cue: EventCue, possible: Uint8Array): boolean {
  if (!clause.trim()) return false;
  const first = FIRST_PATTERN.get(cue)!;
  if (!cue.patterns.some((p, j) => possible[first + j] === 1 && p.test(clause))) return false;
  if (cue.not.some((p) => p.test(clause))) return false;
  if (cue.requires && !cue.requires.test(clause)) return false;
  return true;
}

function classifyClause(clause: string): EventId | undefined {
  if (!clause.trim() || OTHER_REVIEWS.test(clause)) return undefined;
  const possible = EVENT_FILTER.possible(clause);
  for (const cue of EVENTS) if (isCue(clause, cue, possible)) return cue.id;
  return undefined;
}

/** The event a date belongs to, from the words of its own clause. */
function classify(text: string, dates: FoundDate[], i: number): EventId | undefined {
  const d = dates[i]!;
  const lead = text.slice(i > 0 ? dates[i - 1]!.end : 0, d.start);
  const trail = text.slice(d.end, i + 1 < dates.length ? dates[i + 1]!.start : text.length);
  const leadPieces = lead.split(/[;,:(]|\s[–—-]\s|\b(?:and|but|while|whereas|then)\b/i).filter((p) => p.trim());
  const lastLead = leadPieces[leadPieces.length - 1] ?? '';
  const firstTrail = trail.split(/[;,(]|\s[–—-]\s|\bbut\b/i)[0] ?? '';
  for (const clause of [lastLead, firstTrail, lead, trail]) {
    const id = classifyClause(clause);
    if (id) return id;
  }
  return undefined;
}

function sectionLabel(doc: ReportDocument, section: Section): string {
  return `"${doc.sectionLabel(section)}"`;
}

export default defineRule<Options>({
  meta: {
    id: 'timescales',
    group: 'structure',
    description: 'Key process dates are stated, a review that ran past the clock says why, and the dates are in a possible order',
    defaultLevel: 'warn',
    sources: [
      {
        title: 'Home Office QA Panel criteria for DHR reports: complete within 6 months unless another timeframe was agreed; inadequate when late with no explanation in the overview report (partial, third-party copy)',
        url: 'https://vdocument.in/criteria-for-considering-domestic-homicide-review-reports-criteria-adequate-inadequate.html',
      },
      {
        title: 'Home Office, Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews (2016): the model report layout has a Timescales section',
        url: 'https://www.gov.uk/government/publications/revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews',
      },
      {
        title: 'Brighton & Hove "Mrs A" overview report: resubmitted in October 2014, approved in February 2014 (impossible order in a published report)',
        url: 'https://mta-sts.brighton-hove.gov.uk/community-safety-partnership/published-domestic-homicide-reviews-dhrs/domestic-homicide-review-relating-death-mrs-overview-report',
      },
      { title: 'shared/domain/GUIDANCE-STATUS.md: 6-month clock now, 12 months proposed in 2024 (a setting, not a constant)' },
    ],
    messages: {
      missingDates:
        'Process dates are missing: {{where}} does not give {{dates}}. State each date, so that readers and the Home Office can see when each stage of the review happened.',
      lateNoReason:
        'The review took about {{months}} months, from {{start}} to completion ({{completion}}), longer than the {{clock}} months expected, and the report does not say why. Explain the delay in {{where}} (for example criminal proceedings, an inquest, or an extension agreed with the Community Safety Partnership).',
      impossibleOrder:
        '{{later}} ({{laterDate}}) is given as earlier than {{earlier}} ({{earlierDate}}), which cannot be right: check these dates in {{where}}.',
      imprecise:
        '{{event}} is given only as {{date}} in {{where}}: give the day and month, so that the length of the review can be checked.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        completionMonths: { type: 'number', minimum: 1, maximum: 60 },
        explainAfterMonths: { type: 'number', minimum: 1, maximum: 60 },
        checkDateOrder: { type: 'boolean' },
        dateOrder: { enum: ['dmy', 'mdy'] },
        requireDates: {
          type: 'array',
          uniqueItems: true,
          items: { enum: ['decision', 'homeOfficeNotified', 'firstPanel', 'completion'] },
        },
      },
    },
    defaultOptions: {
      checkDateOrder: true,
      dateOrder: 'dmy',
      requireDates: ['decision', 'homeOfficeNotified', 'firstPanel', 'completion'],
    },
  },

  create(context) {
    const { document: doc, options, settings, mode } = context;
    /** Text before the first heading, or directly under a title heading that wraps the document. */
    const onTitlePage = (block: Block): boolean => block.section.level === 0 || block.section === doc.titleSection;
    const order = options.dateOrder;

    function groupOf(block: Block): Group | undefined {
      const kind = block.section.part.kind;
      if (kind === 'qa-letter' || kind === 'action-plan') return undefined;
      if (doc.kind === 'executive-summary' || kind === 'executive-summary') return 'summary';
      return 'main';
    }

    const narrative = (section: Section): boolean => NARRATIVE_IDS.some((id) => doc.isWithin(section, id));
    const isProcessSection = (s: Section): boolean =>
      s.level > 0 && (s.templateIds.some((id) => PROCESS_IDS.includes(id)) || (ownHeading(s) && !narrative(s)));

    /** Tiers by section: the blocks of a section share one. */
    const tiers = new Map<Section, number | undefined>();
    /** 1: Timescales / Review Process; 2: other process text; (3, set in collect: a bare date on the title page). */
    function tierOf(section: Section): number | undefined {
      if (tiers.has(section)) return tiers.get(section);
      const tier = sectionTier(section);
      tiers.set(section, tier);
      return tier;
    }

    function sectionTier(section: Section): number | undefined {
      if (PROCESS_IDS.some((id) => doc.isWithin(section, id))) return 1;
      if (narrative(section)) return undefined;
      for (let s: Section | undefined = section; s && s.level > 0; s = s.parent) if (ownHeading(s)) return 1;
      return 2;
    }

    function processSections(group: Group): Section[] {
      return doc.sections.filter((s) => isProcessSection(s) && s.heading && groupOf(s.heading) === group);
    }

    function collect(): Map<Group, Found[]> {
      const byGroup = new Map<Group, Found[]>([
        ['main', []],
        ['summary', []],
      ]);
      const add = (group: Group, found: Found): void => void byGroup.get(group)!.push(found);
      for (const block of doc.blocks) {
        const group = groupOf(block);
        if (!group) continue;
        const tier = tierOf(block.section);
        if (tier === undefined) continue;
        if (block.kind === 'table' && block.table) {
          const table = block.table;
          table.rows.forEach((row, index) => {
            const text = row.cells.join(' | ');
            const dates = findDates(text, { order, years: true });
            dates.forEach((date, i) => {
              const id = classify(text, dates, i);
              if (id) add(group, { id, date, tier, row: { table, index } });
            });
          });
        } else if (block.kind !== 'code') {
          for (const sentence of doc.sentences(block)) {
            // Offsets inside the block: shift the sentence's dates back into block coordinates.
            const dates = findDates(sentence.text, { order, years: true });
            dates.forEach((date, i) => {
              const span = { start: sentence.start + date.start, end: sentence.start + date.end };
              if (doc.isQuoted(block, span)) return;
              const cued = classify(sentence.text, dates, i);
              const id = cued ?? titlePageDate(block, dates, date);
              if (!id) return;
              add(group, { id, date: { ...date, ...span }, tier: cued ? tier : 3, block, span });
            });
          }
        }
      }
      return byGroup;
    }

    /**
     * A short dated line on the title page ("Date: 28 June 2024", "Final version, June 2024", or the
     * date alone) is taken as the completion date when the report gives no other.
     */
    function titlePageDate(block: Block, dates: FoundDate[], date: FoundDate): EventId | undefined {
      if (!onTitlePage(block) || block.kind !== 'paragraph' || block.text.length > 120 || dates.length !== 1) return undefined;
      if (date.precision === 'year') return undefined;
      const rest = block.text.replace(date.text, '').replace(/[\s*_:,.–—-]+/g, ' ').trim();
      if (rest === '' || TITLE_PAGE_DATE.test(rest)) return 'completion';
      return undefined;
    }

    function fromSettings(): Found[] {
      const out: Found[] = [];
      for (const [key, value] of Object.entries(settings.dates ?? {})) {
        if (typeof value !== 'string') continue;
        const date = parseDate(value, { order });
        if (!date) continue;
        out.push({ id: key as EventId, date, tier: 0 });
      }
      return out;
    }

    /** One date per event: the best tier; the earliest date, except completion (the latest). */
    function pick(found: Found[]): Map<EventId, Found> {
      const chosen = new Map<EventId, Found>();
      for (const f of found) {
        const current = chosen.get(f.id);
        if (!current || f.tier < current.tier) {
          chosen.set(f.id, f);
          continue;
        }
        if (f.tier > current.tier) continue;
        const later = dateBounds(f.date).first > dateBounds(current.date).first;
        if (f.id === 'completion' ? later : dateBounds(f.date).first < dateBounds(current.date).first) chosen.set(f.id, f);
      }
      if (!chosen.has('firstPanel') && chosen.has('panelMeeting')) chosen.set('firstPanel', chosen.get('panelMeeting')!);
      // No decision date: the start of the review stands in for it (never overstating the length).
      if (!chosen.has('decision') && chosen.has('started')) chosen.set('decision', chosen.get('started')!);
      return chosen;
    }

    function reasonGiven(): boolean {
      return doc.memo('timescales:reason-given', () => {
        for (const block of doc.blocks) {
          const kind = block.section.part.kind;
          if (kind === 'qa-letter' || block.kind === 'code') continue;
          const inProcess = tierOf(block.section) === 1;
          const texts =
            block.kind === 'table' && block.table
              ? block.table.rows.map((r) => r.cells.join(' | '))
              : doc.sentences(block).map((s) => s.text);
          for (const text of texts) {
            if (REASONS.some((r) => r.test(text)) && (inProcess || CONTEXT.test(text))) return true;
          }
        }
        return false;
      });
    }

    function placeOf(block: Block): string {
      return onTitlePage(block) ? 'the title page' : `section ${sectionLabel(doc, block.section)}`;
    }

    /** Where the process dates belong: the Timescales section, else where the report gives them. */
    function where(group: Group, near?: Found): string {
      const sections = processSections(group);
      if (sections.length) return `section ${sectionLabel(doc, sections[0]!)}`;
      const block = near?.block ?? near?.row?.table.block;
      if (block && !onTitlePage(block)) return placeOf(block);
      return group === 'summary' ? 'the review process section' : 'a Timescales section after the Introduction';
    }

    function anchor(found: Found | undefined, group: Group): { block?: Block; span?: Span; row?: { table: Table; index: number }; section?: Section } {
      if (found?.block) return { block: found.block, span: found.span };
      if (found?.row) return { row: found.row };
      const section = processSections(group)[0];
      return section ? { section } : {};
    }

    function checkGroup(group: Group, events: Map<EventId, Found>): void {
      const sections = processSections(group);
      // 1. Dates the overview report must give.
      if (group === 'main' && doc.kind !== 'executive-summary') {
        const required = options.requireDates.filter((id) => !(id === 'completion' && mode === 'draft'));
        const missing = required.filter((id) => !events.has(id));
        if (missing.length) {
          const critical = missing.includes('decision') || missing.includes('completion');
          const whereText = sections.length ? `section ${sectionLabel(doc, sections[0]!)}` : 'the report (no Timescales section was found; it usually follows the Introduction)';
          const names = missing.map((id) => LABELS[id]!);
          const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0]!;
          const target = sections[0] ?? doc.sectionsById('introduction')[0];
          context.report({
            messageId: 'missingDates',
            ...(target ? { section: target } : {}),
            data: { where: whereText, dates: list },
            level: critical ? undefined : 'info',
            details: { missing },
          });
        }
      }

      // 2. The clock.
      const decision = events.get('decision');
      const completion = events.get('completion');
      for (const f of [decision, completion]) {
        if (f && f.date.precision === 'year') {
          context.report({
            messageId: 'imprecise',
            ...anchor(f, group),
            data: { event: capitalise(LABELS[f.id]!), date: `the year ${f.date.year}`, where: f.block ? placeOf(f.block) : where(group) },
            level: 'info',
          });
        }
      }
      if (decision && completion && decision.date.precision !== 'year' && completion.date.precision !== 'year') {
        const clock = options.explainAfterMonths ?? options.completionMonths ?? settings.completionMonths ?? 6;
        const from = dateBounds(decision.date).last;
        const to = dateBounds(completion.date).first;
        if (to > addMonths(from, clock) && !isCertainlyBefore(completion.date, decision.date) && !reasonGiven() && !reportedLate) {
          reportedLate = true;
          context.report({
            messageId: 'lateNoReason',
            ...anchor(completion, group),
            data: {
              months: Math.round(monthsBetween(from, to)),
              start: `${LABELS[decision.id]} (${formatDate(decision.date)})`,
              completion: formatDate(completion.date),
              clock,
              where: where(group, decision),
            },
            details: { months: Number(monthsBetween(from, to).toFixed(1)), clock },
          });
        }
      }

      // 3. Dates in an impossible order.
      if (options.checkDateOrder) {
        const reported = new Set<EventId>();
        for (const [first, second] of ORDER) {
          const a = events.get(first);
          const b = events.get(second);
          if (!a || !b || reported.has(first) || reported.has(second)) continue;
          if (!isCertainlyBefore(b.date, a.date)) continue;
          const key = `${first}>${second}`;
          if (a.tier === 0 && b.tier === 0 && settingsPairsReported.has(key)) continue;
          settingsPairsReported.add(key);
          reported.add(first);
          reported.add(second);
          const suspect = [a, b].find((f) => f.date.ambiguous);
          const atLater = b.block || b.row ? b : a;
          context.report({
            messageId: 'impossibleOrder',
            ...anchor(atLater, group),
            data: {
              later: capitalise(LABELS[b.id]!),
              laterDate: formatDate(b.date),
              earlier: LABELS[a.id]!,
              earlierDate: formatDate(a.date),
              where: where(group, b.block || b.row ? b : a),
            },
            suggestions: suspect
              ? [{ desc: `"${suspect.date.text}" can be read day first or month first: if the report writes dates month first, set the option dateOrder to "${order === 'dmy' ? 'mdy' : 'dmy'}".` }]
              : [{ desc: 'Correct the date that is wrong, or say what the dates refer to.' }],
          });
        }
      }
    }

    let reportedLate = false;
    const settingsPairsReported = new Set<string>();

    return {
      'document:exit'() {
        const byGroup = collect();
        const settingsDates = fromSettings();
        for (const group of ['main', 'summary'] as Group[]) {
          const found = byGroup.get(group)!;
          // A summary part is checked only for what it states; the main report (or a summary file) always.
          if (group === 'summary' && doc.kind !== 'executive-summary' && found.length === 0) continue;
          if (group === 'main' && doc.kind === 'executive-summary' && found.length === 0) continue;
          const events = pick([...settingsDates, ...found]);
              checkGroup(group, events);
        }
      },
    };
  },
});

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
