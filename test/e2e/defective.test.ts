/**
 * The "deliberately defective" report of issue 4 ("Done means"): fixtures/defective/ holds a
 * fictional overview report with one planted defect per rule, and an executive summary with no
 * terms of reference. Each rule must report its defect in the section where the author made it.
 * The table below mirrors fixtures/defective/README.md; keep them in step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { ROOT } from './run-cli.js';

interface Message {
  ruleId: string | null;
  messageId?: string;
  line?: number;
  level: string;
  message: string;
  section: string[];
  fatal?: boolean;
}
interface JsonResult {
  filePath: string;
  messages: Message[];
}

const OVERVIEW = 'fixtures/defective/overview-report.md';
const SUMMARY = 'fixtures/defective/executive-summary.md';

interface Planted {
  file: typeof OVERVIEW | typeof SUMMARY;
  rule: string;
  /** The finding that names this defect, and the section path (outermost first) it must carry. */
  expect: { messageId: string; section: string[] }[];
}

const PLANTED: Planted[] = [
  {
    file: OVERVIEW,
    rule: 'overview-sections',
    // Methodology removed: reported as missing where it belongs (after the ToR). A Contributors
    // section naming the agencies that wrote IMRs is not a methodology.
    expect: [{ messageId: 'missingRequired', section: ['4 Terms of Reference'] }],
  },
  { file: OVERVIEW, rule: 'terms-of-reference', expect: [{ messageId: 'noPeriod', section: ['4 Terms of Reference'] }] },
  {
    file: OVERVIEW,
    rule: 'chair-independence',
    expect: [
      { messageId: 'noStatement', section: ['8 Author of the Overview Report'] },
      { messageId: 'priorServiceNoDate', section: ['8 Author of the Overview Report'] },
    ],
  },
  { file: OVERVIEW, rule: 'family-involvement', expect: [{ messageId: 'incomplete', section: ['5 Involvement of Family and Friends'] }] },
  { file: OVERVIEW, rule: 'equality-diversity', expect: [{ messageId: 'listedNotAnalysed', section: ['10 Equality and Diversity'] }] },
  { file: OVERVIEW, rule: 'timescales', expect: [{ messageId: 'lateNoReason', section: ['2 Timescales'] }] },
  { file: OVERVIEW, rule: 'heading-numbering', expect: [{ messageId: 'gap', section: ['5 Involvement of Family and Friends', '5.4 The perpetrator'] }] },
  { file: OVERVIEW, rule: 'template-residue', expect: [{ messageId: 'residue', section: ['11 Dissemination'] }] },
  // The rule measures "14 Overview" and "15 Analysis" together and reports at the first of them.
  { file: OVERVIEW, rule: 'agency-balance', expect: [{ messageId: 'dominantSector', section: ['14 Overview'] }] },
  { file: OVERVIEW, rule: 'analysis-depth', expect: [{ messageId: 'agencyNotEvaluated', section: ['15 Analysis'] }] },
  // Reported at the first use in the author's voice (the friends' accounts), not at 4.3 Definitions.
  { file: OVERVIEW, rule: 'abuse-definitions', expect: [{ messageId: 'undefinedTerm', section: ['5 Involvement of Family and Friends', '5.2 Friends and colleagues'] }] },
  {
    file: OVERVIEW,
    rule: 'action-plan-structure',
    expect: [{ messageId: 'recommendationWithoutRow', section: ['18 Recommendations', '18.2 Single-agency recommendations'] }],
  },
  {
    file: OVERVIEW,
    rule: 'action-plan-smart',
    expect: [
      { messageId: 'vagueAction', section: ['Appendix A Action Plan'] },
      { messageId: 'missingOwner', section: ['Appendix A Action Plan'] },
      { messageId: 'weakDate', section: ['Appendix A Action Plan'] },
    ],
  },
  { file: OVERVIEW, rule: 'victim-blaming-language', expect: [{ messageId: 'phrase', section: ['12 Background Information (The Facts)'] }] },
  { file: OVERVIEW, rule: 'abuse-terminology', expect: [{ messageId: 'term', section: ['17 Lessons to be Learned'] }] },
  { file: OVERVIEW, rule: 'personal-data', expect: [{ messageId: 'dateOfBirth', section: ['1 Introduction', '1.1 Summary of circumstances leading to the review'] }] },
  { file: OVERVIEW, rule: 'pseudonym-consistency', expect: [{ messageId: 'nearMiss', section: ['15 Analysis', '15.2 Riverside Medical Practice (GP)'] }] },
  { file: OVERVIEW, rule: 'acronyms-defined', expect: [{ messageId: 'undefined', section: ['15 Analysis', '15.1 Wendleshire Police'] }] },
  // The label is on the title page, which belongs to the document's top-level heading.
  { file: OVERVIEW, rule: 'publication-markings', expect: [{ messageId: 'draftLabel', section: ['Domestic Homicide Review: Overview Report'] }] },
  // No terms of reference: the summary reports where they belong (after section 4).
  {
    file: SUMMARY,
    rule: 'exec-summary-sections',
    expect: [{ messageId: 'missingRequired', section: ['4 Chair of the Review and Author of the Overview Report'] }],
  },
];

/** Rules that may report any one of their listed findings (none today); the others need each one. */
const ANY_OF = new Set<string>();

describe('defective report: each rule reports its planted defect in the right section', () => {
  let results: JsonResult[] = [];
  let stderr = '';

  beforeAll(async () => {
    const r = await cli(['--no-config-lookup', '--format', 'json', '--mode', 'publication', OVERVIEW, SUMMARY], ROOT);
    stderr = r.stderr;
    results = JSON.parse(r.stdout) as JsonResult[];
  }, 60_000);

  it('lints both documents without a fatal error', () => {
    expect(stderr).toBe('');
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.messages.filter((m) => m.fatal), r.filePath).toEqual([]);
  });

  it.each(PLANTED.map((p) => [p.rule, p] as const))('%s', (rule, planted) => {
    const result = results.find((r) => r.filePath.replace(/\\/g, '/').endsWith(planted.file));
    expect(result, planted.file).toBeDefined();
    const own = result!.messages.filter((m) => m.ruleId === rule);
    const seen = own.map((m) => `${m.messageId} @${m.line} ${JSON.stringify(m.section)}`);
    expect(own.length, `${rule} reported nothing in ${planted.file}`).toBeGreaterThan(0);
    const hit = (e: Planted['expect'][number]): boolean =>
      own.some((m) => m.messageId === e.messageId && JSON.stringify(m.section) === JSON.stringify(e.section));
    if (ANY_OF.has(rule)) {
      expect(planted.expect.some(hit), `${rule} found: ${seen.join('; ')}`).toBe(true);
    } else {
      for (const e of planted.expect) {
        expect(hit(e), `${rule}: expected ${e.messageId} in ${JSON.stringify(e.section)}; found: ${seen.join('; ')}`).toBe(true);
      }
    }
  });
});
