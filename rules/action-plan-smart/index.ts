import { defineRule, type ReportDescriptor } from '../../src/api/rule.js';
import type { Level } from '../../src/model/types.js';
import { COLUMN_IDS, findActionPlan, type ColumnId, type PlanRow, type PlanTable } from '../_shared/action-plan.js';
import terms from './terms.json' with { type: 'json' };
import { memoByKey } from '../_shared/memo.js';

type Requirement = 'owner' | 'date' | 'measure' | 'scope';

interface Options {
  /** Extra vague words or phrases (regular expressions), flagged unless the action names a concrete output. */
  vagueTerms: string[];
  /** Built-in vague terms to switch off, by id (see terms.json). */
  ignoreTerms: string[];
  /** Extra target-date values (regular expressions) to report as not a date. */
  weakDates: string[];
  /** Which parts of a row must be present. */
  require: Requirement[];
  /** Accept a month and year ("March 2026") as a target date. */
  allowMonthYear: boolean;
  /** Accept a year alone ("2026", "2025/26") as a target date. */
  allowYearOnly: boolean;
  /** Lower findings on national rows (addressed to government or national bodies) to info. */
  nationalDowngrade: boolean;
  /** Extra header wordings per column id (as in action-plan-structure). */
  columnSynonyms: Partial<Record<ColumnId, string[]>>;
}

type Accept = 'deliverable' | 'measure' | 'never';

interface VagueTerm {
  id: string;
  phrase: string;
  regex: RegExp;
  accept: Accept;
  national: boolean;
  outcomeMarkers: boolean;
  better: string;
}

const BUILT_IN_TERMS: VagueTerm[] = terms.vagueTerms.map((t) => ({
  id: t.id,
  phrase: t.phrase,
  regex: new RegExp(t.pattern, 'gi'),
  accept: t.accept as Accept,
  national: Boolean((t as { national?: boolean }).national),
  outcomeMarkers: Boolean((t as { outcomeMarkers?: boolean }).outcomeMarkers),
  better: t.better,
}));

function alternation(words: string[]): string {
  return words
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]?'))
    .sort((a, b) => b.length - a.length)
    .join('|');
}

const D = terms.deliverable;
const NOUNS = `(?:${alternation(D.nouns)})(?:e?s)?`;
/** A clause that starts with a verb naming an output ("Publish …", "Police to amend …", "The CSP will add …"). */
const CLAUSE_LEAD = String.raw`^(?:(?:[\w'’&().,-]+\s+){0,6}?(?:will|to|should|must|shall|would|is to|are to)\s+(?:be\s+)?)?`;
const STRONG_CLAUSE = new RegExp(`${CLAUSE_LEAD}(?:${alternation(D.strongVerbs)})(?:e?s|e?d|ing)?\\b`, 'i');
const WEAK_CLAUSE = new RegExp(`${CLAUSE_LEAD}(?:${alternation(D.weakVerbs)})(?:e?s|e?d|ing)?\\b.*\\b${NOUNS}\\b`, 'i');
/** A deliverable named by its state: "a revised protocol", "a new referral form", "mandatory field". */
const NAMED_OUTPUT = new RegExp(`\\b(?:${alternation(D.adjectives)})\\s+(?:[\\w-]+\\s+){0,3}?${NOUNS}\\b`, 'i');
/** The output said in the passive: "protocol to be published", "form will be amended". */
const PASSIVE_OUTPUT = new RegExp(`\\b(?:to be|will be|is|are|has been|have been)\\s+(?:${alternation(D.strongVerbs)})(?:e?d)\\b`, 'i');
const OUTCOME = new RegExp(D.outcomeMarkers, 'i');
/** A decision point: findings or options reported to a named board ("report options to the CSP board"). */
const REPORT_TO = new RegExp(D.reportTo, 'i');
const MEASURES = terms.measure.patterns.map((p) => new RegExp(p, 'i'));

/** A vague term at the start of a clause (compiled once per term: a plan repeats its vague words). */
const leadingTerm = memoByKey((source) => new RegExp(`^\\W*${source}`, 'i'), 1000);
const WEAK_DATES = terms.weakDates.map((w) => ({ id: w.id, regex: new RegExp(w.pattern, 'i'), level: (w as { level?: Level }).level }));
const COMPLETED = new RegExp(terms.completed.pattern, 'i');
const NOT_COMPLETED = new RegExp(terms.completed.negative, 'i');
const VAGUE_OWNER = new RegExp(terms.owners.vague, 'i');
const EMPTY_OWNER = new RegExp(terms.owners.empty, 'i');
const NATIONAL = new RegExp(terms.national.pattern, 'i');
/** A cell holding only a placeholder ("TBC", "N/A", "-"). */
const PLACEHOLDER = EMPTY_OWNER;
const EMPTY_DATE = /^(?:-+|–|—|\.+|\?+|x+)$/i;

// Dates -------------------------------------------------------------------------------------------
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const FULL_DATE = [
  /\b\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})\b/,
  /\b\d{4}-\d{2}-\d{2}\b/,
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+(?:\\d{4}|['’]?\\d{2})\\b`, 'i'),
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'i'),
];
const MONTH_YEAR = [
  new RegExp(`\\b(?:${MONTHS})\\.?[\\s'’-]+(?:20\\d{2}|\\d{2})\\b`, 'i'),
  /\b(?:0?[1-9]|1[0-2])[/.-]20\d{2}\b/,
  /^\s*(?:0?[1-9]|1[0-2])\/\d{2}\s*$/,
  /\b(?:q[1-4]|quarter\s*[1-4]|(?:first|second|third|fourth|1st|2nd|3rd|4th) quarter)\s*(?:of\s*)?(?:fy\s*|the financial year\s*)?(?:20)?\d{2}(?:\s?[/-]\s?\d{2,4})?\b/i,
  /\b(?:end|close) of (?:the )?(?:financial |calendar )?(?:year )?(?:fy\s*)?20\d{2}(?:\s?[/-]\s?\d{2,4})?\b/i,
  /\b20\d{2}(?:\s?[/-]\s?\d{2,4})?\s*[,:-]?\s*(?:q[1-4]|quarter\s*[1-4])\b/i,
];
const YEAR = /\b(?:19|20)\d{2}(?:\s?[/-]\s?\d{2,4})?\b/;
const QUARTER_NO_YEAR = /\b(?:q[1-4]|quarter\s*[1-4])\b/i;

type DateVerdict = { ok: true } | { ok: false; kind: 'empty' | 'weak'; level?: Level };

/** Global copies of the date patterns for withoutReferences, compiled once rather than per call. */
const DATES_GLOBAL = [...FULL_DATE, ...MONTH_YEAR].map((r) => new RegExp(r.source, `${r.flags.replace('g', '')}g`));
const YEAR_GLOBAL = new RegExp(YEAR.source, 'g');

/** Numbers that are references or dates, not measures. */
function withoutReferences(text: string): string {
  let t = text;
  for (const r of DATES_GLOBAL) t = t.replace(r, ' ');
  return t
    .replace(YEAR_GLOBAL, ' ')
    .replace(/\b(?:recommendations?|recs?|sections?|paragraphs?|paras?|appendix|annexe?|phase|stage|level|tier|step|part|version|v|page|chapter|item|action|point|no\.?|act|q)\s*\d+(?:\.\d+)*[a-z]?\b/gi, ' ')
    .replace(/(?:^|[\s(;•])\(?\d{1,2}(?:\.\d{1,2})*[.)]\s/g, ' ') // enumerators "1." "2)"
    .replace(/\b(?:24\/7|999|101|111)\b/g, ' ');
}

export default defineRule<Options>({
  meta: {
    id: 'action-plan-smart',
    group: 'action-plan',
    description: 'Each action-plan row has a specific, output-focused action, a named lead, a measure of completion, a concrete target date and a scope',
    defaultLevel: 'warn',
    sources: [
      { title: 'Home Office QA Panel letter to Birmingham (2016): the action plan "could be more ambitious and output focused"' },
      {
        title: 'Bassetlaw "Sarah" action plan (2023): Home Office columns; "Ensure … are aware", "consider a set of common minimum standards"',
        url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-violence-and-abuse/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-action-plan-sarah/',
      },
      { title: 'Cardiff DHR recommendations quoted by the Accountability Index: "explore whether", "work towards", "Efforts should be made"', url: 'https://www.accountabilityindex.uk/sources/dhr/647a0946-cardiff/' },
      { title: 'Nottingham DHR recommendations quoted by the Accountability Index: "remind staff"', url: 'https://www.accountabilityindex.uk/sources/dhr/64bf888c-nottingham/' },
      { title: 'Safer Plymouth (2018) glossary: SMART = Specific, Measurable, Achievable, Realistic and Timely', url: 'https://fdocuments.us/document/safer-plymouth-smart-specific-measurable-achievable-realistic-and-timely-.html' },
      { title: 'Domestic homicide review committees: recommendations and impacts (systematic review): recommendations dominated by training and awareness', url: 'https://winchester.elsevierpure.com/en/publications/domestic-homicide-review-committees-recommendations-and-impacts-a' },
    ],
    messages: {
      missingAction: '{{row}}: the action is empty: say what will be done and what it will produce.',
      vagueAction: '{{row}}: "{{term}}" describes an activity, not an output: say what will exist or change and how anyone will know, for example {{better}}.',
      hedgedAction: '{{row}}: "{{term}}" leaves it open whether the action happens at all: state the action without the hedge.',
      missingOwner: '{{row}}: no lead agency: name the agency, team or post responsible for this action.',
      vagueOwner: '{{row}}: "{{owner}}" is not a lead: name the one agency or post that co-ordinates this action.',
      noMeasure:
        '{{row}}: no measurable output or evidence of completion: name what will exist (a published protocol, a changed form, a system change) or how completion will be checked (an audit, a figure reported to a named board).',
      missingDate: '{{row}}: no target date: give a day, or a month and year (e.g. "31 March 2026").',
      weakDate: '{{row}}: the target date "{{value}}" is not a date progress can be checked against: give a day, or a month and year (e.g. "31 March 2026").',
      missingScope: '{{row}}: the scope is empty: say whether the action is local, regional or national.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        vagueTerms: { type: 'array', items: { type: 'string', minLength: 2 } },
        ignoreTerms: { type: 'array', items: { type: 'string', enum: terms.vagueTerms.map((t) => t.id) }, uniqueItems: true },
        weakDates: { type: 'array', items: { type: 'string', minLength: 1 } },
        require: { type: 'array', items: { type: 'string', enum: ['owner', 'date', 'measure', 'scope'] }, uniqueItems: true },
        allowMonthYear: { type: 'boolean' },
        allowYearOnly: { type: 'boolean' },
        nationalDowngrade: { type: 'boolean' },
        columnSynonyms: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(COLUMN_IDS.map((id) => [id, { type: 'array', items: { type: 'string', minLength: 1 } }])),
        },
      },
    },
    defaultOptions: {
      vagueTerms: [],
      ignoreTerms: [],
      weakDates: [],
      require: ['owner', 'date', 'measure', 'scope'],
      allowMonthYear: true,
      allowYearOnly: false,
      nationalDowngrade: true,
      columnSynonyms: {},
    },
  },

  create(context) {
    const { document: doc, options } = context;
    const compile = (p: string, name: string, flags: string): RegExp => {
      try {
        return new RegExp(p, flags);
      } catch {
        throw new Error(`option "${name}": "${p}" is not a valid regular expression`);
      }
    };
    const vague: VagueTerm[] = [
      ...BUILT_IN_TERMS.filter((t) => !options.ignoreTerms.includes(t.id)),
      ...options.vagueTerms.map((p, i) => ({
        id: `custom-${i}`,
        phrase: p,
        regex: compile(p, 'vagueTerms', 'gi'),
        accept: 'deliverable' as Accept,
        national: false,
        outcomeMarkers: false,
        better: 'a concrete output with a date',
      })),
    ];
    const extraWeakDates = options.weakDates.map((p) => compile(p, 'weakDates', 'i'));
    const requires = new Set(options.require);

    function clauses(text: string): { start: number; end: number; text: string }[] {
      const out: { start: number; end: number; text: string }[] = [];
      // Split on sentence ends, semicolons, bullets, colons and "and" ("Review and publish").
      const splitter = /\s*(?:[;\n•]|\.(?=\s|$)|,?\s+and(?:\s+then)?\s+|,\s+then\s+|\s+then\s+|:\s+)\s*/gi;
      let last = 0;
      for (let m = splitter.exec(text); m; m = splitter.exec(text)) {
        if (m.index > last) out.push({ start: last, end: m.index, text: text.slice(last, m.index) });
        last = m.index + m[0].length;
      }
      if (last < text.length) out.push({ start: last, end: text.length, text: text.slice(last) });
      return out.map((c) => ({ ...c, text: c.text.replace(/^\s*(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|[-–—*])\s*/i, '') }));
    }

    function namesOutput(clause: string): boolean {
      return STRONG_CLAUSE.test(clause) || WEAK_CLAUSE.test(clause) || PASSIVE_OUTPUT.test(clause) || REPORT_TO.test(clause);
    }

    function hasMeasure(text: string): boolean {
      if (MEASURES.some((m) => m.test(text))) return true;
      return /\b\d+(?:[.,]\d+)?\b/.test(withoutReferences(text));
    }

    /** The first vague term in the action that nothing else in the row redeems. */
    function vagueIn(action: string, measureElsewhere: boolean): { term: VagueTerm; text: string; start: number } | undefined {
      const parts = clauses(action);
      const deliverableClauses = parts.map((c) => namesOutput(c.text));
      const anyDeliverable = deliverableClauses.some(Boolean) || NAMED_OUTPUT.test(action);
      let measured: boolean | undefined;
      for (const term of vague) {
        term.regex.lastIndex = 0;
        for (let m = term.regex.exec(action); m; m = term.regex.exec(action)) {
          if (m[0].length === 0) {
            term.regex.lastIndex++;
            continue;
          }
          if (term.accept === 'never') return { term, text: m[0], start: m.index };
          const at = parts.findIndex((c) => m!.index >= c.start && m!.index < c.end + 1);
          const own = parts[at];
          // An output named in another clause ("Review and publish a revised protocol").
          const otherClause = parts.some((_, i) => i !== at && deliverableClauses[i]);
          // The vague word inside a clause that itself names an output ("Add a field to raise awareness …").
          const ownLeads = own ? deliverableClauses[at]! && !leadingTerm(term.regex.source).test(own.text) : false;
          const ownOutcome = term.outcomeMarkers && own ? OUTCOME.test(own.text) || NAMED_OUTPUT.test(own.text) : false;
          let ok = otherClause || ownLeads || ownOutcome;
          if (term.accept === 'measure') ok = ok || anyDeliverable || measureElsewhere || (measured ??= hasMeasure(action));
          if (!ok) return { term, text: m[0], start: m.index };
        }
      }
      return undefined;
    }

    function dateVerdict(cell: string): DateVerdict {
      const t = cell.replace(/\s+/g, ' ').trim();
      if (!t || EMPTY_DATE.test(t)) return { ok: false, kind: 'empty' };
      if (FULL_DATE.some((r) => r.test(t))) return { ok: true };
      if (MONTH_YEAR.some((r) => r.test(t))) return options.allowMonthYear ? { ok: true } : { ok: false, kind: 'weak' };
      for (const w of WEAK_DATES) if (w.regex.test(t)) return { ok: false, kind: 'weak', level: w.level };
      if (extraWeakDates.some((r) => r.test(t))) return { ok: false, kind: 'weak' };
      if (YEAR.test(t)) return options.allowYearOnly && !QUARTER_NO_YEAR.test(t) ? { ok: true } : { ok: false, kind: 'weak' };
      return { ok: false, kind: 'weak' };
    }

    function completed(row: PlanRow, plan: PlanTable): boolean {
      const outcome = (row.cells['completion-outcome'] ?? '').trim();
      const target = (row.cells['target-date'] ?? '').trim();
      for (const cell of [outcome, target]) {
        if (cell && COMPLETED.test(cell) && !NOT_COMPLETED.test(cell.slice(0, 40))) return true;
      }
      // A "Date of completion" column holding a date.
      const header = (plan.headerOf['completion-outcome'] ?? '').toLowerCase();
      if (outcome && /\b(?:date|completed|completion date)\b/.test(header) && !/\b(?:target|expected|planned)\b/.test(header)) {
        if (FULL_DATE.some((r) => r.test(outcome)) && !NOT_COMPLETED.test(outcome)) return true;
      }
      return false;
    }

    function isNational(row: PlanRow): boolean {
      const scope = row.cells.scope ?? '';
      if (scope.trim()) return /\bnational\b/i.test(scope);
      return NATIONAL.test(row.cells['lead-agency'] ?? '') || /^\W*(?:the )?(?:home office|government|ministry|department|nhs england|college of policing)\b/i.test(row.cells.action ?? '');
    }

    function report(row: PlanRow, messageId: string, data: Record<string, string>, level?: Level, suggestion?: string): void {
      const descriptor: ReportDescriptor = {
        messageId,
        data: { row: row.label, ...data },
        level,
        details: { recommendation: row.recommendation?.number ?? row.recommendation?.text, row: row.ordinal, position: row.position },
        suggestions: suggestion ? [{ desc: suggestion }] : undefined,
      };
      if (row.index >= 0 && row.index < row.table.rows.length) descriptor.row = { table: row.table, index: row.index };
      else descriptor.block = row.table.block;
      context.report(descriptor);
    }

    function quote(text: string, max = 40): string {
      const t = text.replace(/\s+/g, ' ').trim();
      return t.length > max ? `${t.slice(0, max - 1)}…` : t;
    }

    function checkRow(row: PlanRow, plan: PlanTable): void {
      if (completed(row, plan)) return;
      const national = options.nationalDowngrade && isNational(row);
      const lower: Level | undefined = national ? 'info' : undefined;
      const has = plan.columns;
      const action = (row.cells.action ?? '').trim() || (has.has('action') ? '' : (row.recommendation?.text ?? '').trim());
      if (!action || PLACEHOLDER.test(action)) {
        if (has.has('action')) report(row, 'missingAction', {}, undefined, 'Write the action: what will be done, by whom, and what it will produce.');
        return;
      }
      const measureText = [row.cells.milestones, row.cells['completion-outcome'], row.other].filter(Boolean).join(' ; ');
      const measureElsewhere = hasMeasure(measureText);
      const found = vagueIn(action, measureElsewhere);
      if (found) {
        if (found.term.accept === 'never') {
          report(row, 'hedgedAction', { term: found.text }, lower, `Remove "${found.text}" and state the action.`);
        } else {
          report(row, 'vagueAction', { term: found.text, better: found.term.better }, found.term.national && national ? 'info' : lower, `Replace "${found.text}" with the output, for example ${found.term.better}.`);
        }
      }
      if (requires.has('owner') && has.has('lead-agency')) {
        const owner = (row.cells['lead-agency'] ?? '').trim();
        if (!owner || EMPTY_OWNER.test(owner)) report(row, 'missingOwner', {}, lower, 'Name the lead agency, team or post (e.g. "Council Housing Options manager").');
        else if (VAGUE_OWNER.test(owner.replace(/[.]$/, ''))) report(row, 'vagueOwner', { owner: quote(owner) }, 'info', 'Name the agency or post that co-ordinates the action, and list the others as contributors.');
      }
      // One finding about the action: a vague or hedged action already asks for the output.
      if (requires.has('measure') && !found) {
        const all = `${action} ; ${measureText}`;
        const deliverable = clauses(action).some((c) => namesOutput(c.text)) || NAMED_OUTPUT.test(action);
        if (!deliverable && !hasMeasure(all)) {
          report(row, 'noMeasure', {}, lower, 'Add the evidence of completion, e.g. "protocol published; audit of 20 cases after six months shows it used in at least 90%".');
        }
      }
      if (requires.has('date') && has.has('target-date')) {
        const cell = row.cells['target-date'] ?? '';
        const verdict = dateVerdict(cell);
        if (!verdict.ok) {
          const level = national ? 'info' : verdict.level;
          if (verdict.kind === 'empty') report(row, 'missingDate', {}, level, 'Give a target date such as "31 March 2026".');
          else report(row, 'weakDate', { value: quote(cell) }, level, 'Give a target date such as "31 March 2026".');
        }
      }
      if (requires.has('scope') && has.has('scope')) {
        const scope = (row.cells.scope ?? '').trim();
        if (!scope || PLACEHOLDER.test(scope)) report(row, 'missingScope', {}, lower, 'Write "local", "regional" or "national".');
      }
    }

    return {
      'document:exit'() {
        const plan = findActionPlan(doc, { synonyms: options.columnSynonyms });
        for (const table of plan.tables) for (const row of table.rows) checkRow(row, table);
      },
    };
  },
});

