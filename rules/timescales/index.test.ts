import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const intro = '# Overview Report\n\n## 1. Introduction\n\n1.1 Maria died in March 2023.';

/** A report whose timescales section has the four dates; `body` is appended after it. */
function report(timescales: string, body = ''): string {
  return `${intro}\n\n## 2. Timescales\n\n${timescales}${body ? `\n\n${body}` : ''}`;
}

const onTime =
  'The CSP decided on 4 April 2023 that a review was required. The Home Office was notified of the decision on 6 April 2023. ' +
  'The Review Panel first met on 22 June 2023. The review was completed on 30 September 2023.';

const late =
  'The CSP decided on 4 April 2023 that a review was required. The Home Office was notified on 6 April 2023. ' +
  'The Review Panel first met on 22 June 2023. The report was completed on 30 April 2024.';

new RuleTester().run('timescales', rule, {
  valid: [
    // The fictional, well-formed long report (fixtures/long-report) as Word and as PDF: no finding.
    { name: 'well-formed long report, Word without heading styles', file: 'fixtures/long-report/report-unstyled.docx' },
    { name: 'well-formed long report, PDF', file: 'fixtures/long-report/report.pdf' },
    { name: 'all four dates, completed within six months', md: report(onTime) },
    {
      name: 'late, with the reason in the Timescales section',
      md: report(`${late}\n\nThe Panel agreed with the Senior Investigating Officer that family members would not be approached until the criminal trial ended, and the CSP agreed an extended timetable.`),
    },
    {
      name: 'late, with the delay explained in another section (Parallel Reviews)',
      md: report(late, '## 10. Parallel Reviews\n\nThe review was paused until the criminal trial ended in November 2023.'),
    },
    {
      name: 'late, explained in the executive summary part of the same file',
      md: `${report(late)}\n\n# Executive Summary\n\nThe review was completed later than the six months the guidance expects because of the criminal trial.`,
    },
    {
      name: 'late by the default clock but within a 12-month clock set in settings',
      md: report(late.replace('30 April 2024', '30 March 2024')),
      settings: { completionMonths: 12 },
    },
    {
      name: 'late by the default clock but within a clock set in the rule options',
      md: report(late.replace('30 April 2024', '30 March 2024')),
      options: { completionMonths: 12 },
    },
    {
      name: 'dates given as a table',
      md: report(
        '| Stage | Date |\n|---|---|\n| Decision to hold a review | 4 April 2023 |\n| Home Office notified | 6 April 2023 |\n| First panel meeting | 22 June 2023 |\n| Report completed | 30 September 2023 |',
      ),
    },
    {
      name: 'dates as a list with month-only precision',
      md: report(
        '- The CSP decided to hold a review in April 2023.\n- The Home Office was informed in April 2023.\n- The Panel first met in June 2023.\n- The review was completed in October 2023.',
      ),
    },
    {
      name: 'the decision and the Home Office notice in one sentence',
      md: report(
        'The decision to hold a review was made on 4 April 2023 and the Home Office was informed on 10 April 2023. The Panel first met on 22 June 2023 and the review was completed on 2 October 2023.',
      ),
    },
    {
      name: '"notified of the decision" is the Home Office date, not the decision',
      md: report(
        'The CSP agreed on 4 April 2023 that the criteria for a DHR were met. The Home Office was notified of the decision on 12 April 2023. The Panel first met on 22 June 2023. The review was completed on 20 September 2023.',
      ),
    },
    {
      name: 'process block in an appendix',
      md: `${intro}\n\n## 5. Analysis\n\nText.\n\n## Appendix One – The Process\n\n### Timescales\n\n${onTime}`,
    },
    {
      name: 'combined heading "Review process and timescales"',
      md: `${intro}\n\n## 2. Review process and timescales\n\n${onTime}`,
    },
    {
      name: 'a heading the shared synonyms miss: "Review timescales", with the reason there',
      md: `${intro}\n\n## 2. Review timescales\n\n${late} The CSP agreed an extension because the trial was adjourned.`,
    },
    {
      name: 'year-only and case dates in the Timescales section are not process dates',
      md: report(`${onTime} Agency contact from 2016 was also considered, and the 2019 MARAC minutes were read.`),
    },
    {
      name: 'dates quoted from the chronology are ignored',
      md: report(
        onTime,
        '## 14. Chronology\n\n| Date | Event |\n|---|---|\n| 3 May 2019 | The MARAC first met about Maria. |\n| 1 June 2024 | Housing decided the application; review completed. |',
      ),
    },
    {
      name: 'an inquest and another review in the Timescales section are not this review',
      md: report(
        `${onTime} The inquest was opened on 20 March 2023 and concluded on 2 February 2022. A Safeguarding Adults Review was commissioned on 1 January 2023.`,
      ),
    },
    {
      name: 'a US date pasted into the report is read in the only possible order',
      md: report(
        'The CSP decided on 04/04/2023 that a review was required. The Home Office was notified on 04/06/2023. The Panel first met on 06/22/2023. The review was completed on 09/25/2023.',
      ),
    },
    {
      name: 'a report written month first, with the option set',
      md: report(
        'The CSP decided on 04/10/2023 that a review was required. The Home Office was notified on 04/12/2023. The Panel first met on 06/02/2023. The review was completed on 09/05/2023.',
      ),
      options: { dateOrder: 'mdy' },
    },
    {
      name: 'dates missing from the text but given in settings',
      md: report('The Panel first met on 22 June 2023.'),
      settings: { dates: { decision: '4 April 2023', homeOfficeNotified: '2023-04-06', completion: '29/09/2023' } },
    },
    {
      name: 'a draft need not give its completion date',
      md: report('The CSP decided on 4 April 2023 to hold a review. The Home Office was notified on 6 April 2023. The Panel first met on 22 June 2023.'),
      mode: 'draft',
    },
    {
      name: 'only the required dates chosen in the options',
      md: report('The CSP decided on 4 April 2023 to hold a review. The review was completed on 2 October 2023.'),
      options: { requireDates: ['decision', 'completion'] },
    },
    {
      name: 'a separate executive summary need not give the dates',
      md: '# Executive Summary\n\n## 1. The Review Process\n\nThe review followed the statutory guidance.',
    },
    {
      name: 'dates inside a quotation are not the report\'s own',
      md: report(`${onTime} The chair's letter said "the review was completed on 1 January 2023".`),
    },
    {
      name: 'completion date on the title page',
      md: `# Overview Report\n\nReport completed: 30 September 2023\n\n## 1. Introduction\n\nText.\n\n## 2. Timescales\n\nThe CSP decided on 4 April 2023 that a review was required. The Home Office was notified on 6 April 2023. The Panel first met on 22 June 2023.`,
    },
    {
      name: 'a bare date on the title page stands for the completion date',
      md: `# Overview Report\n\nEastmere Community Safety Partnership\n\nFinal version: 29 September 2023\n\n## 1. Introduction\n\nText.\n\n## 2. Timescales\n\nThe CSP decided on 4 April 2023 that a review was required. The Home Office was notified on 6 April 2023. The Panel first met on 22 June 2023.`,
    },
    {
      name: 'other wordings of the decision and the completion',
      md: report(
        'The CSP was notified of the death on 14 March 2023 and, having consulted partners, confirmed on 4 April 2023 that a DHR would be held. The Home Office was informed on 6 April 2023. The first panel meeting took place on 22 June 2023. The overview report was approved by the CSP Board on 29 September 2023.',
      ),
    },
    {
      name: 'the plain-text reader: numbered capitals headings',
      text: `1. INTRODUCTION\n\nMaria died in March 2023.\n\n2. TIMESCALES\n\n${onTime}`,
    },
  ],
  invalid: [
    {
      name: 'a Timescales section with no dates',
      md: report('The review took longer than planned.'),
      errors: [
        {
          messageId: 'missingDates',
          level: 'warn',
          section: ['2 Timescales'],
          data: {
            where: 'section "2 Timescales"',
            dates: 'the decision to hold the review, the date the Home Office was notified, the first Review Panel meeting or the date the review was completed',
          },
        },
      ],
    },
    {
      name: 'no Timescales section and no dates anywhere',
      md: `${intro}\n\n## 3. Terms of Reference\n\nThe review examines contact from 2019.`,
      errors: [{ messageId: 'missingDates', level: 'warn', section: ['1 Introduction'] }],
    },
    {
      name: 'only the Home Office date missing: info',
      md: report('The CSP decided on 4 April 2023 to hold a review. The Home Office was notified on [Insert date]. The Panel first met on 22 June 2023. The review was completed on 2 October 2023.'),
      errors: [{ messageId: 'missingDates', level: 'info', data: { where: 'section "2 Timescales"', dates: 'the date the Home Office was notified' } }],
    },
    {
      name: 'a "Delays in referral" sub-heading in the analysis is not the Timescales section',
      md: report(late, '## 16. Analysis\n\n### 16.2 Delays in referral\n\nThe GP referral was delayed by three weeks.'),
      errors: [{ messageId: 'lateNoReason', excerpt: '30 April 2024' }],
    },
    {
      name: 'late with no reason anywhere',
      md: report(late),
      errors: [
        {
          messageId: 'lateNoReason',
          line: 9,
          data: { months: 13, start: 'the decision to hold the review (4 April 2023)', completion: '30 April 2024', clock: 6, where: 'section "2 Timescales"' },
          section: ['2 Timescales'],
        },
      ],
    },
    {
      name: '"agreed that the criteria were met" is not a reason for delay',
      md: report(
        'The CSP agreed on 4 April 2023 that the criteria for a review were met. The Home Office was notified on 6 April 2023. The Panel first met on 22 June 2023 and agreed the terms of reference. The review was completed on 30 April 2024.',
      ),
      errors: [{ messageId: 'lateNoReason', excerpt: '30 April 2024' }],
    },
    {
      name: 'late past a 12-month clock from the options',
      md: report(late.replace('30 April 2024', '30 June 2024')),
      options: { completionMonths: 12 },
      errors: [{ messageId: 'lateNoReason', data: { months: 15, start: 'the decision to hold the review (4 April 2023)', completion: '30 June 2024', clock: 12, where: 'section "2 Timescales"' } }],
    },
    {
      name: 'explainAfterMonths overrides the clock',
      md: report(onTime.replace('30 September 2023', '30 November 2023')),
      options: { explainAfterMonths: 6, completionMonths: 12 },
      errors: [{ messageId: 'lateNoReason', data: { months: 8, start: 'the decision to hold the review (4 April 2023)', completion: '30 November 2023', clock: 6, where: 'section "2 Timescales"' } }],
    },
    {
      name: 'month-only dates: late even on the most generous reading',
      md: report(
        '- The CSP decided to hold a review in April 2023.\n- The Home Office was informed in April 2023.\n- The Panel first met in June 2023.\n- The review was completed in December 2023.',
      ),
      errors: [{ messageId: 'lateNoReason', data: { months: 7, start: 'the decision to hold the review (April 2023)', completion: 'December 2023', clock: 6, where: 'section "2 Timescales"' } }],
    },
    {
      name: 'the start of the review stands in for a missing decision date',
      md: report('The review began on 4 April 2023. The Home Office was notified on 6 April 2023. The Panel first met on 22 June 2023. The report was completed on 30 April 2024.'),
      errors: [
        {
          messageId: 'lateNoReason',
          data: { months: 13, start: 'the start of the review (4 April 2023)', completion: '30 April 2024', clock: 6, where: 'section "2 Timescales"' },
        },
      ],
    },
    {
      name: 'completion before the decision',
      md: report(
        'The CSP decided on 4 April 2023 that a review was required. The Home Office was notified on 6 April 2023. The Panel first met on 22 June 2023. The review was completed on 30 January 2023.',
      ),
      errors: [
        {
          messageId: 'impossibleOrder',
          data: { later: 'The date the review was completed', laterDate: '30 January 2023', earlier: 'the decision to hold the review', earlierDate: '4 April 2023', where: 'section "2 Timescales"' },
        },
      ],
    },
    {
      name: 'resubmitted after the approval (Brighton & Hove "Mrs A")',
      md: report(
        `${onTime} The report was considered by the Home Office Quality Assurance Panel in June 2014, resubmitted in October 2014 and approved by the Home Office in February 2014.`,
      ),
      errors: [{ messageId: 'impossibleOrder', excerpt: 'February 2014' }],
    },
    {
      name: 'a numeric date that may have been written month first',
      md: report(
        'The CSP decided on 04/05/2023 that a review was required. The Home Office was notified on 20/04/2023. The Panel first met on 03/05/2023. The review was completed on 20/09/2023.',
      ),
      errors: [{ messageId: 'impossibleOrder', excerpt: '03/05/2023' }],
    },
    {
      name: 'dates from settings in an impossible order',
      md: report(onTime.replace('The CSP decided on 4 April 2023 that a review was required. ', '')),
      settings: { dates: { decision: '2023-07-01' } },
      errors: [{ messageId: 'impossibleOrder', excerpt: '22 June 2023' }],
    },
    {
      name: 'decision given only as a year',
      md: report('The CSP decided in 2023 to hold a review. The Home Office was notified on 6 April 2023. The Panel first met on 22 June 2023. The review was completed on 30 September 2023.'),
      errors: [{ messageId: 'imprecise', level: 'info', data: { event: 'The decision to hold the review', date: 'the year 2023', where: 'section "2 Timescales"' } }],
    },
    {
      name: 'the summary in the same file is checked for its own dates',
      md: `${report(onTime)}\n\n# Executive Summary\n\nThe CSP decided on 4 April 2023 that a review was required. The review was completed on 30 March 2023.`,
      errors: [{ messageId: 'impossibleOrder', section: ['Executive Summary'] }],
    },
  ],
});
