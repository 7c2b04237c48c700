import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const REPORT =
  '# Domestic Homicide Review: Overview Report\n\nEastmere Community Safety Partnership.\n\n' +
  '## 1. Timescales\n\nThe report was submitted to the Home Office Quality Assurance Panel in May 2024 and considered at its meeting on 3 July 2024.\n\n' +
  '## 2. Recommendations\n\nRecommendation 1: the CSP reviews its training.\n\n' +
  '## Appendix A – Action Plan\n\n| Recommendation | Action |\n|---|---|\n| 1 | Review training |\n';

/** The shape of the 2016 Birmingham letter (shared/reference/qa-panel-letter-birmingham-2016.txt), abridged. */
const LETTER =
  'Home Office\n\nPublic Protection Unit\n\n15 February 2016\n\nDear Ms Weston-Jones,\n\n' +
  'Thank you for submitting the Domestic Homicide Review report for Birmingham to the Home Office Quality Assurance Panel. ' +
  'The report was considered at the Quality Assurance (QA) Panel meeting on 27 January 2016.\n\n' +
  'There were some aspects of the report which the Panel felt could be revised, or benefit from further analysis.\n\n' +
  'The Panel does not need to see another version of the report, but I would be grateful if you could include our letter as an appendix to the report.\n\n' +
  'Yours sincerely\n\nChristian Papaleontiou\n\nChair of the Home Office DHR Quality Assurance Panel\n';

new RuleTester().run('qa-letter-appendix', rule, {
  valid: [
    { name: 'long fictional report, submission copy (Word)', file: 'fixtures/long-report/report-styled.docx' },
    { name: 'a submission copy has no letter yet', md: REPORT },
    { name: 'a draft copy has no letter yet', md: REPORT, mode: 'draft' },
    {
      name: 'publication copy with the letter under its own appendix heading',
      md: REPORT + '\n## Appendix B – Letter from the Home Office Quality Assurance Panel\n\n(The letter is reproduced on the next page.)\n',
      mode: 'publication',
    },
    {
      name: 'publication copy with the letter text under a bare appendix heading',
      md: REPORT + '\n## Appendix B\n\n' + LETTER,
      mode: 'publication',
    },
    {
      name: 'publication copy whose contents list names the letter (the letter is a scanned image)',
      md: REPORT.replace('Eastmere Community Safety Partnership.\n\n', 'Eastmere Community Safety Partnership.\n\n## Contents\n\n- Timescales\n- Recommendations\n- Appendix B: Home Office QA Panel feedback letter\n\n'),
      mode: 'publication',
    },
    { name: 'the partnership publishes the letter separately (option)', md: REPORT, mode: 'publication', options: { letterPublishedSeparately: true } },
    { name: 'the partnership publishes the letter separately (setting)', md: REPORT, mode: 'publication', settings: { qaLetter: 'separate' } },
    {
      name: 'an executive summary on its own is not checked',
      md: '# Domestic Homicide Review: Executive Summary\n\n## Terms of Reference\n\nText.\n\n## Recommendations\n\nText.\n',
      mode: 'publication',
    },
    {
      name: 'the report says the letter is attached, and it is',
      md:
        REPORT.replace('considered at its meeting on 3 July 2024.', 'considered at its meeting on 3 July 2024. The letter from the Home Office Quality Assurance Panel is attached at Appendix B.') +
        '\n## Appendix B – Home Office QA Panel letter\n\n' +
        LETTER,
      mode: 'publication',
    },
  ],
  invalid: [
    {
      name: 'long fictional report, publication copy without the letter (PDF)',
      file: 'fixtures/long-report/report.pdf',
      mode: 'publication',
      errors: [{ messageId: 'missing', section: ['Appendix B Glossary'], data: { where: ' after "Appendix B Glossary"' } }],
    },
    {
      name: 'defective report (Word): the letter is said to be attached',
      file: 'rules/overview-sections/fixtures/defective-report.docx',
      errors: [{ messageId: 'referencedButMissing', section: ['2 Timescales'] }],
    },
    {
      name: 'defective report (PDF): the letter is said to be attached',
      file: 'rules/overview-sections/fixtures/defective-report.pdf',
      errors: [{ messageId: 'referencedButMissing', section: ['2 Timescales'], page: 2 }],
    },
    {
      name: 'publication copy without the letter',
      md: REPORT,
      mode: 'publication',
      errors: [{ messageId: 'missing', level: 'info', section: ['Appendix A Action Plan'], data: { where: ' after "Appendix A Action Plan"' } }],
    },
    {
      name: 'a mention of the QA Panel in the timescales is not the letter',
      md: REPORT.replace('## Appendix A', '## 3. Post-QA changes\n\nThe Panel asked for the analysis to be broadened; this was done.\n\n## Appendix A'),
      mode: 'publication',
      level: 'warn',
      errors: [{ messageId: 'missing', level: 'warn' }],
    },
    {
      name: 'the report says the letter is appended, but it is not (any mode)',
      md: REPORT.replace('considered at its meeting on 3 July 2024.', 'considered at its meeting on 3 July 2024. The letter from the Home Office Quality Assurance Panel is attached at Appendix B.'),
      errors: [{ messageId: 'referencedButMissing', section: ['1 Timescales'], line: 7, column: 127 }],
    },
    {
      name: 'checked in other modes when configured',
      md: REPORT,
      options: { onlyInMode: ['submission', 'publication'] },
      errors: [{ messageId: 'missing' }],
    },
  ],
});
