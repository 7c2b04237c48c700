/** Hand-built results for the reporter tests: one Markdown file, one Word file, one unreadable file. */
import type { RuleMeta } from '../../src/api/rule.js';
import type { Finding, FileResult } from '../../src/engine/finding.js';
import type { ReporterContext } from '../../src/reporters/types.js';

export const CWD = '/home/panel/review';
const DOCS = 'https://github.com/dhr-lint/dhr-lint/blob/v0.1.0/docs/rules';

function meta(id: string, group: RuleMeta['group'], defaultLevel: RuleMeta['defaultLevel']): RuleMeta<object> {
  return { id, group, defaultLevel, description: `Checks ${id}.`, sources: [], messages: {}, schema: false, defaultOptions: {} };
}

export const RULES: ReadonlyMap<string, RuleMeta<object>> = new Map([
  ['template-residue', meta('template-residue', 'structure', 'error')],
  ['heading-numbering', meta('heading-numbering', 'structure', 'warn')],
  ['passive-voice', meta('passive-voice', 'language', 'info')],
]);

export function finding(overrides: Partial<Finding> = {}): Finding {
  const ruleId = overrides.ruleId ?? 'template-residue';
  return {
    ruleId,
    messageId: 'residue',
    level: 'error',
    message: 'Template text "[insert name]" left in the report.',
    location: { line: 12, column: 5, endLine: 12, endColumn: 18, paragraph: 9, sectionParagraph: 3 },
    section: ['4 Terms of Reference'],
    sectionId: 'terms-of-reference',
    excerpt: 'The panel met [insert name] on',
    docsUrl: `${DOCS}/${ruleId}.md`,
    ...overrides,
  };
}

/** Two errors, two warnings, one info, two suppressed; plus one fatal file (counted as an error). */
export function sampleResults(): FileResult[] {
  return [
    {
      filePath: 'reports/overview.md',
      format: 'markdown',
      suppressedCount: 2,
      findings: [
        finding(),
        finding({
          ruleId: 'heading-numbering',
          messageId: 'gap',
          level: 'warn',
          message: 'Heading "4.3 Scope" follows "4.1": 4.2 is missing.',
          location: { line: 40, column: 1, paragraph: 20 },
          section: ['4 Terms of Reference', '4.3 Scope'],
          excerpt: '4.3 Scope',
        }),
        finding({
          ruleId: 'passive-voice',
          messageId: 'passive',
          level: 'info',
          message: 'Passive voice hides who acted: "it was decided".',
          location: { line: 3, column: 1, paragraph: 2, sectionParagraph: 2 },
          section: [],
          sectionId: undefined,
          excerpt: 'it was decided',
        }),
      ],
    },
    {
      filePath: `${CWD}/reports/action-plan.docx`,
      format: 'docx',
      suppressedCount: 0,
      findings: [
        finding({ location: { paragraph: 31, sectionParagraph: 4, page: 12 }, section: ['Action Plan'], sectionId: 'action-plan' }),
        finding({
          ruleId: 'heading-numbering',
          messageId: 'gap',
          level: 'warn',
          message: 'Numbering restarts at 1.',
          location: { paragraph: 40, page: 14 },
          section: ['Action Plan', 'Recommendations'],
        }),
      ],
    },
    { filePath: 'reports/broken.pdf', format: 'pdf', findings: [], fatal: 'could not read the file: bad XRef table', suppressedCount: 0 },
  ];
}

export function context(overrides: Partial<ReporterContext> = {}): ReporterContext {
  return { rules: RULES, cwd: CWD, color: false, version: '0.1.0', ...overrides };
}
