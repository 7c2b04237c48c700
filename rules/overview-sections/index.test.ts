import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const TITLE = '# Domestic Homicide Review: Overview Report\n\nEastmere Community Safety Partnership. Review into the death of Maria (March 2023).\n\n';
const TEXT = 'The Panel considered this part of the review with care and agreed the text below.';

/** The 2016 model layout, one paragraph each. */
const FULL: [string, string?][] = [
  ['Preface', 'The Panel offers its condolences to Maria’s family.'],
  ['1. Introduction'],
  ['2. Timescales'],
  ['3. Confidentiality'],
  ['4. Terms of Reference'],
  ['5. Methodology'],
  ['6. Involvement of Family and Friends'],
  ['7. Contributors to the Review'],
  ['8. The Review Panel Members'],
  ['9. Author of the Overview Report'],
  ['10. Parallel Reviews'],
  ['11. Equality and Diversity'],
  ['12. Dissemination'],
  ['13. Background Information (The Facts)'],
  ['14. Chronology'],
  ['15. Overview'],
  ['16. Analysis'],
  ['17. Conclusions'],
  ['18. Lessons to be Learned'],
  ['19. Recommendations'],
];

function report(sections: [string, string?][], title = TITLE): string {
  return title + sections.map(([h, body]) => `## ${h}\n\n${body ?? TEXT}\n`).join('\n');
}

function without(...titles: string[]): [string, string?][] {
  return FULL.filter(([h]) => !titles.some((t) => h.includes(t)));
}

function replace(title: string, ...by: [string, string?][]): [string, string?][] {
  return FULL.flatMap((s) => (s[0].includes(title) ? by : [s]));
}

new RuleTester().run('overview-sections', rule, {
  valid: [
    { name: 'long fictional report (Word, heading styles)', file: 'fixtures/long-report/report-styled.docx' },
    { name: 'long fictional report (Word, no heading styles)', file: 'fixtures/long-report/report-unstyled.docx' },
    { name: 'long fictional report (PDF)', file: 'fixtures/long-report/report.pdf' },
    { name: 'the complete model layout', md: report(FULL) },
    {
      name: 'headings numbered in words, with OCR noise ("OHR", a split word)',
      md: report(
        FULL.map(([h, b]) => [
          h
            .replace(/^(\d+)\. /, (_, n: string) => `Section ${['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve', 'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen'][Number(n)]} – `)
            .replace('Terms of Reference', 'Terms of Refer ence')
            .replace('Methodology', 'OHR Methodology'),
          b,
        ]),
      ),
    },
    {
      name: 'combined headings satisfy several sections',
      md: report([
        ['Preface', 'Our condolences to the family.'],
        ['1. Introduction'],
        ['2. Review Process and Timescales'],
        ['3. Confidentiality'],
        ['4. Terms of Reference'],
        ['5. Methodology'],
        ['6. Contact with family and friends'],
        ['7. Contributors and Panel Members'],
        ['8. Chair of the DHR and Author of the Overview Report'],
        ['9. Parallel Reviews'],
        ['10. Equalities'],
        ['11. Dissemination'],
        ['12. Background and Chronology'],
        ['13. Overview and Analysis'],
        ['14. Conclusions'],
        ['15. Lessons Learned and Recommendations'],
      ]),
    },
    {
      name: 'the process block in an appendix (Norfolk "April")',
      md:
        TITLE +
        '## (i) Preface\n\nThe partnership wishes to express its sympathy to April’s family.\n\n' +
        '## Section One – Introduction\n\n' + TEXT + '\n\n' +
        '## Section Two – The Facts\n\n' + TEXT + '\n\n' +
        '## Section Three – Chronology\n\n' + TEXT + '\n\n### 3.1 Contact with family and friends\n\n' + TEXT + '\n\n' +
        '## Section Four – Analysis\n\n' + TEXT + '\n\n' +
        '## Section Five – Conclusions\n\n' + TEXT + '\n\n' +
        '## Section Six – Lessons Learned and Recommendations\n\n' + TEXT + '\n\n' +
        '## Appendix One – The Process\n\n' +
        ['Timescales', 'Dissemination', 'Terms of Reference', 'Methodology', 'Contributors to the Review', 'Review Panel', 'Author of the Overview Report', 'Parallel Reviews', 'Equality and Diversity', 'Confidentiality']
          .map((h) => `### ${h}\n\n${TEXT}\n`)
          .join('\n') +
        '\n## Appendix Two – Overview of agency contact\n\nThe overview of contact is summarised agency by agency.\n\n### Overview\n\n' + TEXT + '\n',
    },
    {
      name: 'agency-by-agency analysis with its own lessons and recommendations (Guildford layout)',
      md: report(
        replace(
          '16. Analysis',
          ['16. Individual agency involvement', TEXT],
          ['16.1 Wendleshire Police', TEXT],
          ['16.1.1 Review of involvement'],
          ['16.1.2 Analysis of involvement'],
          ['16.1.3 Effective practice and lessons learnt'],
          ['16.1.4 Recommendations'],
          ['16.2 Riverside Medical Practice', TEXT],
          ['16.2.1 Review of involvement'],
          ['16.2.2 Analysis of involvement'],
          ['16.2.3 Lessons learnt'],
        ),
      ),
    },
    {
      name: '"Key Issues" in place of the analysis heading',
      md: report(replace('16. Analysis', ['16. Key Issues Arising from the Review'])),
    },
    {
      name: 'an unheaded condolence paragraph stands for the preface',
      md: TITLE + 'The Chair and the Panel offer their deepest sympathy to Maria’s family.\n\n' + report(without('Preface'), ''),
    },
    {
      name: 'glossary and references at the end, appendices grouped under "Appendices"',
      md:
        report(FULL) +
        '\n## Glossary\n\nCSP: Community Safety Partnership.\n\n## Appendices\n\n### Appendix A Chronology\n\n' + TEXT + '\n\n### References\n\nHome Office (2016).\n',
    },
    {
      name: 'executive summary and overview in one file: the summary’s sections are not the overview’s',
      md:
        report(FULL, '# Overview Report\n\nEastmere Community Safety Partnership.\n\n') +
        '\n# Executive Summary\n\n## The Review Process\n\n' + TEXT + '\n\n## Chronology\n\n' + TEXT + '\n\n## Recommendations\n\n' + TEXT + '\n',
    },
    {
      name: 'an executive summary file is not checked against the overview layout',
      md: '# Domestic Homicide Review: Executive Summary\n\n## Terms of Reference\n\n' + TEXT + '\n\n## Recommendations\n\n' + TEXT + '\n',
    },
    {
      name: 'a section made optional may be absent',
      md: report(replace('2. Timescales')),
      options: { sections: { timescales: 'optional' } },
    },
    {
      name: 'a local heading added through the synonyms option',
      md: report(replace('5. Methodology', ['5. How we went about it'])),
      options: { synonyms: { methodology: ['^how we went about it$'] } },
    },
    {
      name: 'a section switched off',
      md: report(without('Parallel Reviews', 'Dissemination')),
      options: { sections: { 'parallel-reviews': 'off', dissemination: 'optional' } },
    },
    {
      name: 'a file configured as a separate appendix is not an overview report',
      md: '## Appendix 1 – Terms of Reference\n\n' + TEXT + '\n',
      settings: { documents: [{ path: 'test.md', kind: 'appendix' }] },
    },
    {
      name: 'an unknown guidance setting falls back to the 2016 template',
      md: report(FULL),
      settings: { guidance: 'wales-susr' },
    },
    {
      name: 'dissemination and parallel reviews placed at the end',
      md: report([...without('Dissemination', 'Parallel Reviews'), ['20. Parallel Reviews'], ['21. Dissemination']]),
    },
    {
      name: 'plain text with capitals headings',
      text:
        'DOMESTIC HOMICIDE REVIEW\n\nOVERVIEW REPORT\n\nThe Panel offers its condolences to the family.\n\n' +
        FULL.slice(1)
          .map(([h]) => `${h.replace(/^(\d+)\. /, '$1. ').toUpperCase()}\n\n${h.startsWith('1.') ? 'DOMESTIC HOMICIDE REVIEW is the statutory process.' : TEXT}\n`)
          .join('\n'),
    },
  ],
  invalid: [
    {
      name: 'defective report (Word): no Methodology',
      file: 'rules/overview-sections/fixtures/defective-report.docx',
      errors: [{ messageId: 'missingRequired', level: 'error', section: ['3 Confidentiality'], data: { label: 'Methodology', where: 'after "3 Confidentiality"', what: 'how the review was done: IMRs, chronologies, interviews and any learning event' } }],
    },
    {
      name: 'defective report (PDF): no Methodology',
      file: 'rules/overview-sections/fixtures/defective-report.pdf',
      errors: [{ messageId: 'missingRequired', section: ['3 Confidentiality'], page: 2 }],
    },
    {
      name: 'a required section is missing: where it belongs is named',
      md: report(without('Methodology')),
      errors: [
        {
          messageId: 'missingRequired',
          level: 'error',
          section: ['4 Terms of Reference'],
          data: { label: 'Methodology', where: 'after "4 Terms of Reference"', what: 'how the review was done: IMRs, chronologies, interviews and any learning event' },
        },
      ],
    },
    {
      name: 'an expected section is missing: one level lower',
      md: report(without('Dissemination')),
      errors: [
        {
          messageId: 'missingExpected',
          level: 'warn',
          section: ['11 Equality and Diversity'],
          data: { label: 'Dissemination', where: 'after "11 Equality and Diversity"', what: 'who will receive copies of the report' },
        },
      ],
    },
    {
      name: 'no title page',
      md: report(FULL, ''),
      errors: [{ messageId: 'noTitlePage', level: 'warn', line: 1 }],
    },
    {
      name: 'a heading with no text, or only "N/A"',
      md: report(replace('11. Equality and Diversity', ['11. Equality and Diversity', 'N/A'])),
      errors: [{ messageId: 'emptySection', section: ['11 Equality and Diversity'], level: 'error', data: { section: '"11 Equality and Diversity"', label: 'Equality and Diversity', what: "how the protected characteristics of the Equality Act 2010 affected the victim and the agencies' responses" } }],
    },
    {
      name: 'the terms of reference set out in the introduction without a heading',
      md: report(
        replace('4. Terms of Reference').map(([h, b]) =>
          h.startsWith('1.') ? [h, 'The terms of reference for the review were as follows: to examine agency contact with Maria from 2019.'] : [h, b],
        ),
      ),
      errors: [{ messageId: 'foundWithoutHeading', level: 'info', section: ['1 Introduction'], data: { label: 'Terms of Reference', section: '"1 Introduction"' } }],
    },
    {
      name: 'a section out of block order',
      md: report([...without('Chronology'), ['20. Chronology']]),
      errors: [
        {
          messageId: 'outOfOrder',
          level: 'warn',
          section: ['20 Chronology'],
          data: {
            section: '"20 Chronology"',
            relation: 'after',
            other: '"19 Recommendations"',
            block: 'the facts and chronology',
            expected: 'before',
            otherBlock: 'the conclusions, lessons and recommendations',
          },
        },
      ],
    },
    {
      name: 'strict order: methodology before timescales',
      md: report([FULL[0]!, FULL[1]!, FULL[5]!, FULL[2]!, ...FULL.slice(3, 5), ...FULL.slice(6)]),
      options: { order: 'strict' },
      errors: [
        {
          messageId: 'outOfOrder',
          section: ['5 Methodology'],
          data: { section: '"5 Methodology"', relation: 'before', other: '"2 Timescales"', block: '"Methodology"', expected: 'after', otherBlock: '"Timescales"' },
        },
      ],
    },
    {
      name: 'process block only in an appendix when that is not allowed',
      md: report([...without('2. Timescales'), ['Appendix A – Timescales']]),
      options: { allowProcessInAppendix: false },
      errors: [{ messageId: 'inAppendix', level: 'warn', data: { section: '"Appendix A Timescales"', label: 'Timescales' } }],
    },
    {
      name: 'headings not recognised: one finding, not twenty',
      md: TITLE + '## Introduction\n\n' + TEXT + '\n\n## What happened\n\n' + TEXT + '\n\n## Recommendations\n\n' + TEXT + '\n',
      errors: [{ messageId: 'fewHeadings', level: 'warn', data: { count: 2, found: 'Introduction, Recommendations' } }],
    },
    {
      name: 'a partnership’s own required section',
      md: report(FULL),
      options: { sections: { 'scoping-review': { status: 'required', label: 'Scoping Review', block: 'process', patterns: ['^scoping review$'], what: 'the early learning from the scoping review' } } },
      errors: [{ messageId: 'missingRequired', data: { label: 'Scoping Review', where: 'after "12 Dissemination"', what: 'the early learning from the scoping review' } }],
    },
    {
      name: 'missing required and expected sections in a combined file are looked for in the overview part only',
      md:
        report(without('Methodology'), '# Overview Report\n\nEastmere Community Safety Partnership.\n\n') +
        '\n# Executive Summary\n\n## Methodology\n\n' + TEXT + '\n\n## Terms of Reference\n\n' + TEXT + '\n\n## Recommendations\n\n' + TEXT + '\n',
      errors: [{ messageId: 'missingRequired', level: 'error', section: ['Overview Report', '4 Terms of Reference'] }],
    },
  ],
});
