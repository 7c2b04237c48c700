import { defineRule } from '../../src/api/rule.js';
import type { Block, Section } from '../../src/model/types.js';
import {
  COLUMNS,
  COLUMN_IDS,
  findActionPlan,
  findRecommendations,
  recommendationSections,
  rowMatches,
  type ColumnId,
  type PlanTable,
} from '../_shared/action-plan.js';
import shared from '../_shared/action-plan.json' with { type: 'json' };

type Location = 'appendix' | 'separate-file' | 'either';

interface Options {
  /** Columns the plan must have (ids of the Home Office form). */
  requiredColumns: ColumnId[];
  /** Columns the Home Office form has that a plan should have (reported one level lower). */
  expectedColumns: ColumnId[];
  /** Where the plan is expected: an appendix of the report, a separate document, or either. */
  location: Location;
  /** Extra header wordings per column id. */
  columnSynonyms: Partial<Record<ColumnId, string[]>>;
  /** Check that every numbered recommendation has at least one row. */
  checkRecommendations: boolean;
  /** Say (info) when nothing states who monitors the plan and how often. */
  requireMonitoring: boolean;
}

const MONITORING = shared.monitoring.patterns.map((p) => new RegExp(p, 'i'));
const ABOUT_PLAN = /\b(action plan|recommendations?|progress|implementation|actions)\b/i;
/** A plan section that only points elsewhere ("published separately", "see the attached plan"). */
const POINTER = /\b(separate(?:ly)?|stand-?alone|published alongside|accompany(?:ing)?|attached|available (?:on|from)|held by (?:the|each))\b/i;

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function columnList(ids: ColumnId[]): { columns: string; headings: string; plural: string; it: string } {
  return {
    columns: listWords(ids.map((id) => COLUMNS.get(id)!.label)),
    headings: ids.map((id) => `"${COLUMNS.get(id)!.homeOffice}"`).join(', '),
    plural: ids.length > 1 ? 's' : '',
    it: ids.length > 1 ? 'them' : 'it',
  };
}

const columnIdSchema = { type: 'string', enum: [...COLUMN_IDS] };

export default defineRule<Options>({
  meta: {
    id: 'action-plan-structure',
    group: 'action-plan',
    description: 'An action plan exists (appendix or separate file), has the Home Office columns, and every recommendation has at least one row',
    defaultLevel: 'error',
    sources: [
      { title: 'Home Office QA Panel letter to Birmingham (2016): the action plan "could be more ambitious and output focused"' },
      {
        title: 'Bassetlaw "Sarah" action plan (2023): the Home Office action-plan header (Recommendation, Scope, Action to take, Lead Agency, Key milestones, Target Date, Date of completion and outcome)',
        url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-violence-and-abuse/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-action-plan-sarah/',
      },
      {
        title: 'Bassetlaw "Sarah" QA Panel letter (2023): bring single-agency and multi-agency recommendations together',
        url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/',
      },
      { title: 'South Lakeland "Sarah" DHR (2014): action-plan columns Recommendation, Action, Lead, Key milestones, Target date', url: 'http://fayllar.org/domestic-homicide-review-south-lakeland-community-safety-partn.html' },
    ],
    messages: {
      missing: 'The report has no action plan: add it as an appendix table with one row per action and the Home Office columns ({{headings}}).',
      separateFile:
        'No action plan was found in this file: if the plan is a separate document, submit it with the report (and lint it together with this file); otherwise add it as an appendix.',
      noTable: 'The action plan in "{{section}}" has no table that could be read: set it out as a table with one row per action and columns for {{columns}}.',
      missingColumns: 'The action plan table has no {{columns}} column{{plural}}: add {{it}}, using the Home Office headings ({{headings}}).',
      missingExpectedColumns:
        'The action plan table has no {{columns}} column{{plural}}, which the Home Office form includes ({{headings}}): add {{it}} so that the plan can be monitored.',
      recommendationWithoutRow: '{{recommendation}} (in "{{section}}") has no row in the action plan: add at least one action for it, with a lead agency and a target date.',
      noRowMatches:
        'None of the {{count}} recommendations in "{{section}}" could be matched to a row of the action plan: number each row with the recommendation it delivers (e.g. "3" or "3a").',
      noMonitoring:
        'The report does not say who will monitor the action plan and how often: add a sentence such as "The CSP board will review progress every three months and report to …".',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requiredColumns: { type: 'array', items: columnIdSchema, uniqueItems: true },
        expectedColumns: { type: 'array', items: columnIdSchema, uniqueItems: true },
        location: { type: 'string', enum: ['appendix', 'separate-file', 'either'] },
        columnSynonyms: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(COLUMN_IDS.map((id) => [id, { type: 'array', items: { type: 'string', minLength: 1 } }])),
        },
        checkRecommendations: { type: 'boolean' },
        requireMonitoring: { type: 'boolean' },
      },
    },
    defaultOptions: {
      requiredColumns: ['recommendation', 'action', 'lead-agency', 'target-date'],
      expectedColumns: ['scope', 'milestones', 'completion-outcome'],
      location: 'either',
      columnSynonyms: {},
      checkRecommendations: true,
      requireMonitoring: true,
    },
  },

  create(context) {
    const { document: doc, options, settings, mode } = context;
    const strictMode = mode === 'submission' || mode === 'publication';

    function checkColumns(plans: PlanTable[]): void {
      const reported = new Set<string>();
      for (const plan of plans) {
        // Per-recommendation tables introduced by "Recommendation 3" need no recommendation column.
        const labelled = plan.rows.length > 0 && plan.rows.every((r) => r.recommendation?.number);
        const has = (id: ColumnId): boolean => plan.columns.has(id) || (id === 'recommendation' && labelled);
        const missing = options.requiredColumns.filter((id) => !has(id));
        const expected = options.expectedColumns.filter((id) => !has(id) && !options.requiredColumns.includes(id));
        const block = plan.tables[0]!.block;
        const key = `${missing.join()}|${expected.join()}`;
        if (reported.has(key)) continue;
        reported.add(key);
        if (missing.length) {
          context.report({
            block,
            messageId: 'missingColumns',
            data: columnList(missing),
            suggestions: [{ desc: `Add a column headed ${columnList(missing).headings}.` }],
            details: { missing, found: [...plan.columns] },
          });
        }
        if (expected.length) {
          context.report({
            block,
            messageId: 'missingExpectedColumns',
            data: columnList(expected),
            level: 'warn',
            suggestions: [{ desc: `Add a column headed ${columnList(expected).headings}.` }],
            details: { missing: expected, found: [...plan.columns] },
          });
        }
      }
    }

    function checkCoverage(plans: PlanTable[]): void {
      const rows = plans.flatMap((p) => p.rows);
      if (!rows.some((r) => r.recommendation)) return; // no recommendation column: reported as a missing column
      const recommendations = findRecommendations(doc);
      if (recommendations.length === 0) return;
      const numbered = rows.some((r) => r.recommendation?.number);
      const unmatched = recommendations.filter((rec) => !rows.some((row) => rowMatches(row, rec)));
      if (unmatched.length === 0) return;
      const sectionOf = (s: Section): string => doc.sectionLabel(recommendationSections(doc).find((r) => s.start >= r.start && s.start < r.end) ?? s);
      if (unmatched.length === recommendations.length && recommendations.length >= 2) {
        context.report({
          block: plans[0]!.tables[0]!.block,
          messageId: 'noRowMatches',
          data: { count: recommendations.length, section: sectionOf(recommendations[0]!.section) },
          level: 'warn',
        });
        return;
      }
      for (const rec of unmatched) {
        const words = rec.text.replace(/\s+/g, ' ').trim().split(' ');
        const quote = words.length > 8 ? `${words.slice(0, 8).join(' ')}…` : words.join(' ');
        context.report({
          block: rec.block,
          messageId: 'recommendationWithoutRow',
          data: { recommendation: rec.number ? `Recommendation ${rec.number}` : `The recommendation "${quote}"`, section: sectionOf(rec.section) },
          // Rows matched by text only are a weaker signal than numbered rows.
          level: numbered ? undefined : 'warn',
          suggestions: [{ desc: 'Add a row numbered with this recommendation, or number the existing row that delivers it.' }],
        });
      }
    }

    function monitoringStated(plans: PlanTable[]): boolean {
      const inPlan = (b: Block): boolean => doc.kind === 'action-plan' || b.section.part.kind === 'action-plan' || doc.isWithin(b.section, 'action-plan');
      for (const b of doc.blocks) {
        if (b.kind === 'heading') continue;
        // Plan rows are actions ("monitor attendance"), not the plan's own monitoring.
        if (inPlan(b) && b.kind !== 'table') {
          if (MONITORING.some((p) => p.test(b.text))) return true;
          continue;
        }
        if (b.kind === 'table' || !ABOUT_PLAN.test(b.text)) continue;
        for (const s of doc.sentences(b)) if (ABOUT_PLAN.test(s.text) && MONITORING.some((p) => p.test(s.text))) return true;
      }
      return plans.some((p) => p.rows.some((r) => /\baction plan\b/i.test(r.text) && MONITORING.some((m) => m.test(r.text))));
    }

    function anchorSection(): Section | undefined {
      return recommendationSections(doc)[0];
    }

    return {
      'document:exit'() {
        const plan = findActionPlan(doc, { synonyms: options.columnSynonyms });
        if (plan.tables.length > 0) {
          checkColumns(plan.tables);
          if (options.checkRecommendations) checkCoverage(plan.tables);
          if (options.requireMonitoring && !monitoringStated(plan.tables)) {
            context.report({ block: plan.tables[0]!.tables[0]!.block, messageId: 'noMonitoring', level: 'info' });
          }
          return;
        }
        // No table. A plan section with content that is not only a pointer elsewhere: the table could not be read.
        for (const section of plan.sections) {
          const blocks = doc.blocksOf(section).filter((b) => b.kind !== 'heading');
          const text = blocks.map((b) => b.text).join(' ');
          if (blocks.length > 0 && POINTER.test(text) && doc.wordCount(blocks[0]!) < 80) continue;
          if (blocks.length === 0 && !strictMode) continue;
          context.report({
            section,
            messageId: 'noTable',
            data: { section: doc.sectionLabel(section), columns: columnList(options.requiredColumns).columns },
            level: 'warn',
          });
          return;
        }
        // No plan in this file at all.
        if (!strictMode || doc.kind === 'executive-summary') return;
        if (doc.kind === 'action-plan') {
          context.report({ messageId: 'noTable', data: { section: 'this document', columns: columnList(options.requiredColumns).columns }, level: 'warn' });
          return;
        }
        if (options.location === 'separate-file') return;
        if (options.location === 'either') {
          if (settings.documents.some((d) => d.kind === 'action-plan')) return;
          context.report({ messageId: 'separateFile', section: anchorSection(), level: 'info' });
          return;
        }
        context.report({
          messageId: 'missing',
          section: anchorSection(),
          data: { headings: COLUMN_IDS.map((id) => `"${COLUMNS.get(id)!.homeOffice}"`).join(', ') },
          suggestions: [{ desc: 'Add "Appendix – Action Plan" with a table: one row per action, with the recommendation number, action, lead agency and target date.' }],
        });
      },
    };
  },
});
