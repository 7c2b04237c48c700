import { ReviewRuleTester } from '../_shared/review-testing.js';
import type { Rule } from '../../src/api/rule.js';
import esa from './index.js';

const rule = esa as unknown as Rule<object>;
const FIX = 'rules/exec-summary-alignment/fixtures';

const OVERVIEW = `# Overview Report

**Review into the death of Maria, who died in March 2023**

"Maria" is a pseudonym. The man who killed her is called "Adam".

## Tribute

Her mother describes Maria as warm and funny; she loved cooking for her friends.

## 1. Introduction

1.1 Maria, aged 38, died on 9 March 2023. Adam was convicted of her murder in November 2023.

## 2. Timescales

2.1 The CSP decided on 4 April 2023 that a review was required. The Review Panel first met on
22 June 2023.

## 3. Terms of Reference

3.1 The review covers agency contact from 1 January 2019 to 9 March 2023.

## 4. Analysis

4.1 The GP did not see Maria alone.

## 5. Conclusions

5.1 Agencies each held part of the picture.

## 6. Lessons to be Learned

6.1 Victims are seldom seen alone.

## 7. Recommendations

**Recommendation 1.** The GP practice adopts a policy on seeing patients alone whenever a partner
attends appointments.

**Recommendation 2.** Eastmere Housing Options adds a domestic abuse question to its triage form.

**Recommendation 3.** Wendleshire Police checks the history of the perpetrator with any previous
partner before grading the risk.
`;

const SUMMARY = `# Executive Summary

**Review into the death of Maria, who died in March 2023**

## Preface

"Maria" is a pseudonym; the man who killed her is called "Adam". Her mother describes Maria as
warm and funny.

## 1. The Review Process

1.1 Maria, aged 38, died on 9 March 2023. The CSP decided on 4 April 2023 that a review was
required, and the Panel first met on 22 June 2023.

## 2. Terms of Reference

2.1 The review covers agency contact from 1 January 2019 to 9 March 2023.

## 3. Conclusions

3.1 Agencies each held part of the picture.

## 4. Lessons to be Learned

4.1 Victims are seldom seen alone.

## 5. Recommendations

**Recommendation 1.** The GP practice adopts a policy on seeing patients alone whenever a partner
attends appointments.

**Recommendation 2.** Eastmere Housing Options adds a domestic abuse question to its triage form.

**Recommendation 3.** Wendleshire Police checks the history of the perpetrator with any previous
partner before grading the risk.
`;

const pair = (overview: string, summary: string) => [
  { file: 'case/overview.md', md: overview },
  { file: 'case/executive-summary.md', md: summary },
];

new ReviewRuleTester().run('exec-summary-alignment', rule, {
  valid: [
    { name: 'the example overview report and executive summary', docs: [{ file: 'examples/overview-report.md', path: 'examples/overview-report.md' }, { file: 'examples/executive-summary.md', path: 'examples/executive-summary.md' }] },
    { name: 'an aligned pair: summary written as numbered paragraphs, recommendations shortened', docs: [{ file: `${FIX}/aligned/overview.md`, path: `${FIX}/aligned/overview.md` }, { file: `${FIX}/aligned/executive-summary.md`, path: `${FIX}/aligned/executive-summary.md` }] },
    { name: 'an overview report with its summary in the same Word file', docs: [{ file: 'fixtures/long-report/report-styled.docx', path: 'fixtures/long-report/report-styled.docx' }] },
    { name: 'the same document pair, inline', docs: pair(OVERVIEW, SUMMARY) },
    {
      name: 'recommendations renumbered and reordered in the summary',
      docs: pair(
        OVERVIEW,
        SUMMARY.replace(/\*\*Recommendation 1\.\*\*[\s\S]*$/, `1. Wendleshire Police checks the history of the perpetrator with any previous partner before grading the risk.
2. The GP practice adopts a policy on seeing patients alone whenever a partner attends appointments.
3. Eastmere Housing Options adds a domestic abuse question to its triage form.
`),
      ),
    },
    {
      name: 'the summary gives the recommendations in a table',
      docs: pair(
        OVERVIEW,
        SUMMARY.replace(/(## 5\. Recommendations\n\n)[\s\S]*$/, `$1| No. | Recommendation | Lead agency |
|---|---|---|
| 1 | The GP practice adopts a policy on seeing patients alone whenever a partner attends appointments. | GP practice |
| 2 | Eastmere Housing Options adds a domestic abuse question to its triage form. | Housing Options |
| 3 | Wendleshire Police checks the history of the perpetrator with any previous partner before grading the risk. | Police |
`),
      ),
    },
    {
      name: 'a shortened recommendation keeps its words',
      docs: pair(OVERVIEW, SUMMARY.replace('Wendleshire Police checks the history of the perpetrator with any previous\npartner before grading the risk.', 'Wendleshire Police checks the perpetrator\'s history before grading the risk.')),
    },
    {
      name: 'the summary\'s terms of reference give the key lines only (no period to compare)',
      docs: pair(OVERVIEW, SUMMARY.replace('2.1 The review covers agency contact from 1 January 2019 to 9 March 2023.', '2.1 The key lines of enquiry asked what agencies knew about the abuse and how they shared it.')),
    },
    {
      name: 'a month and year in one document and the day in the other agree',
      docs: pair(OVERVIEW, SUMMARY.replace('1.1 Maria, aged 38, died on 9 March 2023.', '1.1 Maria, aged 38, died in March 2023.')),
    },
    {
      name: 'an age at another time of life is not the age at death',
      docs: pair(OVERVIEW, SUMMARY.replace('The CSP decided', 'Maria was 19 when she met Adam. The CSP decided')),
    },
    {
      name: 'the date the police told the CSP of the death is not the date of death',
      docs: pair(OVERVIEW, SUMMARY.replace('The CSP decided', 'The police notified the CSP of her death on 14 March 2023. The CSP decided')),
    },
    {
      name: 'single-agency recommendations the overview keeps in an appendix are not extra in the summary',
      docs: pair(
        `${OVERVIEW}\n## Appendix C – Single-agency recommendations\n\n1. Eastmere Ambulance Service records who is present when a patient is assessed.\n`,
        `${SUMMARY}\n**Recommendation 4.** Eastmere Ambulance Service records who is present when a patient is assessed.\n`,
      ),
    },
    {
      name: 'no tribute in either document',
      docs: pair(OVERVIEW.replace(/## Tribute\n\n[^\n]*\n\n/, ''), SUMMARY.replace(' Her mother describes Maria as\nwarm and funny.', '')),
    },
    {
      name: 'only the checks asked for run',
      docs: pair(OVERVIEW, SUMMARY.replace(/## 5\. Recommendations[\s\S]*$/, '## 5. Recommendations\n\nThe recommendations are in the action plan.\n')),
      options: { check: ['terms-of-reference', 'pseudonyms', 'key-facts', 'tribute'] },
    },
  ],
  invalid: [
    {
      name: 'a mismatched pair (Markdown fixtures)',
      docs: [{ file: `${FIX}/misaligned/overview.md`, path: `${FIX}/misaligned/overview.md` }, { file: `${FIX}/misaligned/executive-summary.md`, path: `${FIX}/misaligned/executive-summary.md` }],
      errors: [
        { messageId: 'factDiffers', line: 5, file: `${FIX}/misaligned/executive-summary.md`, relatedFile: `${FIX}/misaligned/overview.md`, relatedLine: 5, data: { fact: 'month and year of death', summary: 'April 2022', summaryPlace: 'on the title page, line 5', overview: 'May 2022', overviewPlace: 'on the title page, line 5' } },
        { messageId: 'tributeMissingInSummary', line: 9, relatedLine: 14, data: { overviewPlace: 'Tribute to Joanne, line 14', where: 'before "1 The Review Process"' } },
        { messageId: 'pseudonymDiffers', line: 11, relatedLine: 11, data: { role: 'perpetrator', summary: 'David', summaryPlace: 'in 1 The Review Process, line 11', overview: 'Daniel', overviewPlace: 'on the title page, line 11' } },
        { messageId: 'factDiffers', line: 11, relatedLine: 22, data: { fact: 'age of Joanne', summary: '43', summaryPlace: 'in 1 The Review Process, line 11', overview: '34', overviewPlace: 'in 1 Introduction, line 22' } },
        { messageId: 'reviewPeriodDiffers', line: 21, relatedLine: 33, data: { summary: '1 June 2020 to 21 May 2022', summaryPlace: 'in 2 Terms of Reference, line 21', overview: '1 June 2019 to 21 May 2022', overviewPlace: 'in 3 Terms of Reference, line 33' } },
        { messageId: 'recommendationCount', line: 35, relatedLine: 76, data: { summary: '5 recommendations', summaryPlace: '5 Recommendations, line 35', overview: '6 recommendations', overviewPlace: '7 Recommendations, line 76' } },
        { messageId: 'recommendationMissing', line: 35, relatedLine: 90, data: { name: 'recommendation 5', quote: 'Hallowmere CSP commissions stalking awareness training for police…', overviewPlace: 'in 7 Recommendations, line 90' } },
        { messageId: 'lessonsMissing', line: 35, relatedLine: 69, data: { overviewPlace: '6 Lessons to be Learned, line 69', where: 'before "5 Recommendations"' } },
        { messageId: 'recommendationReworded', line: 43, relatedLine: 84, data: { name: 'Recommendation 3', summaryPlace: 'in 5 Recommendations, line 43', summary: 'Health partners should consider raising awareness of domestic abuse among practice staff.', overviewPlace: 'in 7 Recommendations, line 84', overview: 'The GP practice adds routine enquiry about domestic abuse, asked when the…' } },
      ],
    },
    {
      name: 'one file holding the overview and its summary',
      docs: [{ file: `${FIX}/combined/report.md`, path: `${FIX}/combined/report.md` }],
      errors: [
        { messageId: 'recommendationCount', line: 34, relatedLine: 109 },
        { messageId: 'recommendationMissing', line: 34, relatedLine: 123 },
      ],
    },
    {
      name: 'a summary without terms of reference',
      docs: pair(OVERVIEW, SUMMARY.replace(/## 2\. Terms of Reference\n\n[^\n]*\n\n/, '')),
      errors: [{ messageId: 'termsOfReferenceMissing', line: 15, section: ['3 Conclusions'], relatedLine: 20, data: { overviewPlace: '3 Terms of Reference, line 20', where: 'before "3 Conclusions"' } }],
    },
    {
      name: 'a summary that points to the action plan instead of listing the recommendations',
      docs: pair(OVERVIEW, SUMMARY.replace(/(## 5\. Recommendations\n\n)[\s\S]*$/, '$1The review made three recommendations, which are set out in the action plan.\n')),
      errors: [{ messageId: 'recommendationsNotListed', line: 27, data: { count: '3 recommendations', overviewPlace: '7 Recommendations, line 36' } }],
    },
    {
      name: 'a recommendation in the summary that the overview does not make',
      docs: pair(OVERVIEW, `${SUMMARY}\n**Recommendation 4.** Eastmere CSP publishes a leaflet on stalking for taxi drivers.\n`),
      errors: [
        { messageId: 'recommendationCount', line: 27 },
        { messageId: 'recommendationExtra', line: 37, relatedLine: 36, data: { name: 'recommendation 4', quote: 'Eastmere CSP publishes a leaflet on stalking for…', summaryPlace: 'in 5 Recommendations, line 37', overviewPlace: '7 Recommendations, line 36' } },
      ],
    },
    {
      name: 'a name the overview never uses',
      docs: pair(OVERVIEW, SUMMARY.replace('Her mother describes Maria as\nwarm and funny.', 'Her sister, known as "Bella", describes Maria as\nwarm and funny.')),
      errors: [{ messageId: 'pseudonymUnknown', line: 7, data: { name: 'Bella', summaryPlace: 'in Preface, line 7' } }],
    },
    {
      name: 'a milestone date that differs',
      docs: pair(OVERVIEW, SUMMARY.replace('Panel first met on 22 June 2023', 'Panel first met on 29 June 2023')),
      errors: [{ messageId: 'factDiffers', line: 12, relatedLine: 17, data: { fact: 'date of the first panel meeting', summary: '29 June 2023', summaryPlace: 'in 1 The Review Process, line 12', overview: '22 June 2023', overviewPlace: 'in 2 Timescales, line 17' } }],
    },
    {
      name: 'a sentence that differs',
      docs: pair(
        OVERVIEW.replace('in November 2023.', 'in November 2023 and sentenced to life imprisonment with a minimum term of 20 years.'),
        SUMMARY.replace('1.1 Maria, aged 38, died on 9 March 2023.', '1.1 Maria, aged 38, died on 9 March 2023. Adam was sentenced to life imprisonment with a minimum term of 18 years.'),
      ),
      errors: [{ messageId: 'factDiffers', line: 12, data: { fact: 'length of the sentence', summary: '18 years', summaryPlace: 'in 1 The Review Process, line 12', overview: '20 years', overviewPlace: 'in 1 Introduction, line 13' } }],
    },
    {
      name: 'a summary without conclusions',
      docs: pair(OVERVIEW, SUMMARY.replace(/## 3\. Conclusions\n\n[^\n]*\n\n/, '')),
      errors: [{ messageId: 'conclusionsMissing', line: 19, data: { overviewPlace: '5 Conclusions, line 28', where: 'before "4 Lessons to be Learned"' } }],
    },
    {
      name: 'a tribute only in the summary',
      docs: pair(OVERVIEW.replace(/## Tribute\n\n[^\n]*\n\n/, ''), SUMMARY),
      errors: [{ messageId: 'tributeMissingInOverview', file: 'case/overview.md', line: 1, relatedFile: 'case/executive-summary.md', relatedLine: 7, data: { summaryPlace: 'in Preface, line 7' } }],
    },
    {
      name: 'an overview linted alone: one notice that the summary is missing',
      docs: [{ file: 'case/overview.md', md: OVERVIEW }],
      errors: [{ messageId: 'missingDocuments', level: 'info' }],
    },
  ],
});
