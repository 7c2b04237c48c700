import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const TITLE = '# Domestic Homicide Review: Executive Summary\n\nEastmere Community Safety Partnership. Review into the death of Maria.\n\n';
const TEXT = 'The Panel considered this part of the review with care and agreed the text below.';

/** The 2016 executive summary template (Central Bedfordshire "Andrew"), one paragraph each. */
const FULL: [string, string?][] = [
  ['Preface', 'The Panel offers its condolences to Maria’s family.'],
  ['1. The Review Process'],
  ['2. Contributors to the Review'],
  ['3. The Review Panel Members'],
  ['4. Chair of the DHR and Author of the Overview Report'],
  ['5. Terms of Reference for the Review'],
  ['6. Summary of Chronology'],
  ['7. Conclusions and Key Issues Arising from the Review'],
  ['8. Lessons to be Learned'],
  ['9. Recommendations from the Review'],
];

function summary(sections: [string, string?][], title = TITLE): string {
  return title + sections.map(([h, body]) => `## ${h}\n\n${body ?? TEXT}\n`).join('\n');
}

function without(...titles: string[]): [string, string?][] {
  return FULL.filter(([h]) => !titles.some((t) => h.includes(t)));
}

const DEVON =
  TITLE +
  '## Introduction\n\n' +
  [
    '1. The Chair and the Panel offer their deepest sympathy to Neil’s family.',
    '2. This review was commissioned by the Community Safety Partnership under section 9 of the Domestic Violence, Crime and Victims Act 2004. The Panel first met in May 2022. Individual Management Reviews were provided by the police, the GP practice and the hospital trust. The Panel comprised senior officers of each agency and was chaired by an independent chair with no connection to any agency involved.',
    '3. The terms of reference were as follows: to examine agency contact with Neil from January 2019 to his death in March 2022.',
    '4. In June 2020 Neil moved to the town. In March 2021 the police attended his home after a neighbour called.',
    '5. The Panel concluded that agencies missed chances to ask Neil about abuse.',
    '6. The lessons are that male victims need to be asked directly.',
    '7. The review recommends that the CSP raises awareness of abuse of men. Recommendation 1: the CSP commissions training.',
  ].join('\n\n') +
  '\n';

new RuleTester().run('exec-summary-sections', rule, {
  valid: [
    { name: 'long fictional report with a numbered-paragraph summary (Word)', file: 'fixtures/long-report/report-autonum.docx' },
    { name: 'the 2016 template', md: summary(FULL) },
    {
      name: 'Southampton "TL" variant: brief facts, the panel, equalities, conclusions and recommendations',
      md: summary([
        ['Brief facts', 'Our condolences go to TL’s family. TL died in 2015.'],
        ['The Panel', 'The Panel was chaired by an independent chair. IMRs were provided by the police and the GP practice.'],
        ['Terms of Reference'],
        ['Contact with family and friends'],
        ['Equalities'],
        ['Conclusions and recommendations', 'The learning from this review is set out with each recommendation. Recommendation 1: the CSP reviews its training.'],
      ]),
    },
    {
      name: 'Welwyn Hatfield "J" variant: foreword, key facts, findings, conclusions and recommendations, glossary',
      md: summary([
        ['Foreword', 'Our condolences to J’s family.'],
        ['Key Facts'],
        ['The review process', 'The review was chaired by an independent chair. The Panel included the police and health. Individual management reviews were received from four agencies.'],
        ['Terms of reference'],
        ['Findings of the review', 'The lessons learned are set out below.'],
        ['Conclusions and Recommendations'],
        ['Glossary'],
      ]),
    },
    { name: 'Devon: numbered paragraphs under one heading, every item present in the text', md: DEVON },
    {
      name: 'a short "Executive summary" at the top of an overview report is not the summary document',
      md: '# Overview Report\n\n## Executive summary\n\n' + TEXT + '\n\n## 1. Introduction\n\n' + TEXT + '\n\n## 2. Terms of Reference\n\n' + TEXT + '\n',
    },
    { name: 'an overview report without a summary is not checked', md: '# Overview Report\n\n## 1. Introduction\n\n' + TEXT + '\n' },
    {
      name: 'combined file: the summary part after the overview',
      md:
        '# Overview Report\n\n## Introduction\n\n' + TEXT + '\n\n## Terms of Reference\n\n' + TEXT + '\n\n' +
        summary(FULL, '# Executive Summary\n\nEastmere Community Safety Partnership.\n\n').replace(/^## /gm, '### '),
    },
    {
      name: 'a section made optional',
      md: summary(without('Panel Members')),
      options: { sections: { 'panel-members': 'optional' } },
    },
  ],
  invalid: [
    {
      name: 'defective report (Word): the summary part has no terms of reference',
      file: 'rules/overview-sections/fixtures/defective-report.docx',
      errors: [{ messageId: 'missingRequired', section: ['Executive Summary', 'The Review Process'], data: { label: 'Terms of Reference', where: 'after "The Review Process"', what: 'the review period, the subjects and the key lines of enquiry, as in the overview report' } }],
    },
    {
      name: 'defective report (PDF): the summary part has no terms of reference',
      file: 'rules/overview-sections/fixtures/defective-report.pdf',
      errors: [{ messageId: 'missingRequired', section: ['Executive Summary', 'The Review Process'], page: 4 }],
    },
    {
      name: 'terms of reference missing (the Birmingham complaint)',
      md: summary(without('Terms of Reference')),
      errors: [
        {
          messageId: 'missingRequired',
          level: 'error',
          section: ['4 Chair of the DHR and Author of the Overview Report'],
          data: {
            label: 'Terms of Reference',
            where: 'after "4 Chair of the DHR and Author of the Overview Report"',
            what: 'the review period, the subjects and the key lines of enquiry, as in the overview report',
          },
        },
      ],
    },
    {
      name: 'recommendations missing',
      md: summary(without('Recommendations')),
      errors: [{ messageId: 'missingRequired', level: 'error', section: ['8 Lessons to be Learned'] }],
    },
    {
      name: 'an expected section missing',
      md: summary(without('Panel Members')),
      errors: [{ messageId: 'missingExpected', level: 'warn', section: ['2 Contributors to the Review'] }],
    },
    {
      name: 'no title',
      md: summary(FULL, '').replace('## Preface', '# Executive summary\n\n## Preface').replace('# Executive summary', '# Summary'),
      kind: 'executive-summary',
      errors: [{ messageId: 'noTitlePage', level: 'warn' }],
    },
    {
      name: 'a heading with only "To follow"',
      md: summary([...without('Recommendations'), ['9. Recommendations', 'To follow.']]),
      errors: [
        {
          messageId: 'emptySection',
          section: ['9 Recommendations'],
          data: { section: '"9 Recommendations"', label: 'Recommendations', what: 'the review’s recommendations, the same as in the overview report'.replace('’', "'") },
        },
      ],
    },
    {
      name: 'recommendations given inside the conclusions, without their own heading',
      md: summary([...without('Recommendations', 'Conclusions'), ['7. Conclusions', 'The review recommends that the CSP commissions training for GPs.']]),
      errors: [{ messageId: 'foundWithoutHeading', level: 'info', section: ['7 Conclusions'], data: { label: 'Recommendations', section: '"7 Conclusions"' } }],
    },
    {
      name: 'numbered paragraphs without headings and no terms of reference: one level lower',
      md: DEVON.replace(/3\. The terms of reference[^\n]*/, '3. Neil lived alone.'),
      errors: [
        {
          messageId: 'notFoundInText',
          level: 'warn',
          line: 5,
          data: { label: 'Terms of Reference', what: 'the review period, the subjects and the key lines of enquiry, as in the overview report' },
        },
      ],
    },
    {
      name: 'the summary part of a combined file lacks its terms of reference',
      md:
        '# Overview Report\n\n## Introduction\n\n' + TEXT + '\n\n## Terms of Reference\n\n' + TEXT + '\n\n' +
        summary(without('Terms of Reference'), '# Executive Summary\n\nEastmere Community Safety Partnership.\n\n').replace(/^## /gm, '### '),
      errors: [{ messageId: 'missingRequired', section: ['Executive Summary', '4 Chair of the DHR and Author of the Overview Report'] }],
    },
    {
      name: 'required list narrowed by option: summary of chronology becomes expected',
      md: summary(without('Chronology')),
      options: { required: ['review-process', 'terms-of-reference', 'conclusions', 'recommendations'] },
      errors: [{ messageId: 'missingExpected', level: 'warn', section: ['5 Terms of Reference for the Review'] }],
    },
  ],
});
