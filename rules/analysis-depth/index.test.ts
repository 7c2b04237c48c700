import { describe, expect, it } from 'vitest';
import { RuleTester, runRuleOnCase } from '../../src/testing/rule-tester.js';
import rule, { classify } from './index.js';

const RESEARCH = 'Research on domestic homicide (Monckton-Smith, 2020) shows that control often escalates before a killing.';

/** Narrative paragraphs: dated events, no judgement (about 40 words each). */
function narrative(n: number, year = 2019): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `On ${i + 1} March ${year} Jane visited the GP surgery and reported poor sleep. She was given a prescription and a review appointment was booked for the following month. John drove her to the appointment and waited outside in the car park.`,
  );
}

const EVALUATIVE = [
  'The Panel considers that the GP should have asked Jane about her safety, because poor sleep and anxiety are known indicators of domestic abuse.',
  'Wendleshire Police did not check John’s history before grading the risk. This was a missed opportunity to identify the risk he posed.',
  'The IMR author accepts that the practice had no policy on seeing patients alone, and that staff lacked training.',
  'The response to the second call was good practice: officers separated Jane and John and completed the risk assessment with Jane alone.',
];

function md(...lines: string[]): string {
  return lines.join('\n\n');
}

new RuleTester().run('analysis-depth', rule, {
  valid: [
    {
      name: 'evaluative analysis, research cited, key lines of enquiry answered',
      md: md(
        '## 4. Terms of Reference',
        '### 4.2 Key lines of enquiry',
        '- What did each agency know about the risk John posed, and how did it assess that risk?\n- Were Jane’s anxiety and poor sleep recognised as possible signs of domestic abuse?',
        '## 16. Analysis',
        ...EVALUATIVE,
        `The GP recorded Jane’s anxiety and poor sleep but did not recognise them as signs of domestic abuse. ${RESEARCH}`,
      ),
    },
    {
      name: 'chronology in an appendix does not count against the analysis',
      md: md('## 16. Analysis', ...EVALUATIVE, RESEARCH, '## Appendix C – Combined Chronology', ...narrative(14, 2018)),
    },
    {
      name: 'merged "Overview and Analysis" section: paragraphs are classified, not headings',
      md: md('## 15. Overview and Analysis', ...narrative(8, 2018), ...EVALUATIVE, ...EVALUATIVE.map((p) => p.replace('Jane', 'she')), RESEARCH),
    },
    {
      name: 'short review: too few words to judge the share',
      md: md('## 15. Overview', ...narrative(3, 2018), '## 16. Analysis', RESEARCH),
    },
    {
      name: 'terms-of-reference items about the review process are not lines of enquiry',
      md: md(
        '## 4. Terms of Reference',
        '- IMRs to be submitted to the Chair by 1 May 2023.\n- The review period is 1 January 2019 to the date of Jane’s death.\n- The panel will meet at least four times.',
        '## 16. Analysis',
        ...EVALUATIVE,
        RESEARCH,
      ),
    },
    {
      name: 'the statutory purposes of a review listed in the terms of reference are not lines of enquiry',
      md: md(
        '## 4. Terms of Reference',
        '### 4.2 Key lines of enquiry',
        '- Establish what lessons are to be learned from the domestic homicide regarding the way in which local professionals and organisations work individually and together to safeguard victims;\n- Prevent domestic violence and homicide and improve service responses for all domestic violence and abuse victims and their children;\n- Highlight good practice.',
        '## 16. Analysis',
        ...EVALUATIVE,
        RESEARCH,
      ),
    },
    {
      name: 'generic lines of enquiry are answered across the analysis',
      md: md(
        '## 4. Terms of Reference',
        '- Were policies and procedures followed, and were they good enough?\n- Was there good practice that should be shared?',
        '## 16. Analysis',
        ...EVALUATIVE,
        RESEARCH,
      ),
    },
    {
      name: 'events during the Covid-19 restrictions, and the analysis discusses the lockdown',
      md: md(
        '## 14. Chronology',
        '| Date | Event |\n|---|---|\n| 4 May 2020 | Jane calls the GP. |\n| 12 November 2020 | Police attend. |\n| 2 February 2021 | Jane calls the IDVA. |',
        '## 16. Analysis',
        ...EVALUATIVE,
        `The lockdown increased Jane’s isolation from her family. ${RESEARCH}`,
      ),
    },
    {
      name: 'a line of enquiry answered under its label',
      md: md(
        '## 4. Terms of Reference',
        '### 4.2 Key lines of enquiry',
        'a) Did agencies know about John’s gambling debts and the pressure they put on the household finances?',
        '## 16. Analysis',
        '### Key line of enquiry (a)',
        'No agency knew of this. The Panel considers that the GP could have asked more.',
        RESEARCH,
      ),
    },
    {
      name: 'research check switched off',
      md: md('## 16. Analysis', ...EVALUATIVE),
      options: { research: 'off' },
    },
    {
      name: 'a contributing agency both described and evaluated',
      md: md(
        '## 7. Contributors to the Review',
        '| Agency | Contribution |\n|---|---|\n| Wendleshire Police | IMR |',
        '## 16. Analysis',
        'On 3 May 2019 Wendleshire Police attended the address after a neighbour called.',
        'The Panel considers that the police should have spoken to Jane alone.',
        RESEARCH,
      ),
    },
    {
      name: 'executive summaries are not measured',
      md: md('# Executive Summary', '## Summary of chronology', ...narrative(14, 2018)),
    },
  ],
  invalid: [
    {
      name: 'the analysis mostly retells events',
      md: md('## 15. Overview', ...narrative(12, 2018), '## 16. Analysis', EVALUATIVE[0]!, RESEARCH),
      errors: [{ messageId: 'lowAnalysisShare', section: ['16 Analysis'] }],
    },
    {
      name: 'a contributing agency only described, never evaluated',
      md: md(
        '## 7. Contributors to the Review',
        '| Agency | Contribution |\n|---|---|\n| Wendleshire Police | IMR |\n| Riverside Medical Practice (GP) | IMR |',
        '## 16. Analysis',
        '### 16.1 Wendleshire Police',
        'On 3 May 2019 officers attended the address after a neighbour called. They spoke to Jane and John and left after twenty minutes.',
        'On 9 June 2019 Jane telephoned to report that John had taken her keys. An officer visited on 10 June 2019.',
        '### 16.2 Riverside Medical Practice (GP)',
        'The Panel considers that the GP should have asked Jane about her safety. This was a missed opportunity.',
        RESEARCH,
      ),
      errors: [
        {
          messageId: 'agencyNotEvaluated',
          data: { agencies: 'Wendleshire Police (2 passages)', where: '"16 Analysis"' },
          section: ['16 Analysis'],
        },
      ],
    },
    {
      name: 'a key line of enquiry the analysis never answers',
      md: md(
        '## 4. Terms of Reference',
        '### 4.2 Key lines of enquiry',
        '- Did agencies know about John’s gambling debts and the pressure they put on the household finances?\n- What did each agency know about the risk John posed, and how did it assess that risk?',
        '## 16. Analysis',
        ...EVALUATIVE,
        RESEARCH,
      ),
      errors: [
        {
          messageId: 'lineNotAddressed',
          line: 5,
          section: ['4 Terms of Reference', '4.2 Key lines of enquiry'],
          data: { section: '4.2 Key lines of enquiry', terms: '"gambling", "debts", "pressure", "household"' },
        },
      ],
    },
    {
      name: 'no research or national learning cited',
      md: md('## 16. Analysis', ...EVALUATIVE),
      errors: [{ messageId: 'noResearch', level: 'info', section: ['16 Analysis'] }],
    },
    {
      name: 'events during the Covid-19 restrictions, never discussed',
      md: md(
        '## 14. Chronology',
        '| Date | Event |\n|---|---|\n| 4 May 2020 | Jane calls the GP. |\n| 12 November 2020 | Police attend. |\n| 2 February 2021 | Jane calls the IDVA. |',
        '## 16. Analysis',
        ...EVALUATIVE,
        RESEARCH,
      ),
      errors: [
        {
          messageId: 'contextNotConsidered',
          level: 'info',
          data: { count: 3, window: 'the Covid-19 restrictions', from: '2020-03-23', to: '2021-07-19' },
        },
      ],
    },
    {
      name: 'a configured context window',
      md: md('## 16. Analysis', ...EVALUATIVE, RESEARCH, 'In March 2018 and again in May 2018 Jane moved between refuges.'),
      options: { contextWindows: [{ name: 'the local refuge closure', from: '2018-01-01', to: '2018-12-31', cues: ['refuge closure', 'closed'] }] },
      errors: [{ messageId: 'contextNotConsidered', level: 'info' }],
    },
  ],
});

describe('analysis-depth paragraph classifier', () => {
  it.each([
    ['On 3 May 2019 officers attended the address. They spoke to Jane and left.', false],
    ['16.1.1 On 4 June 2020 Jane attended the GP surgery with John.', false],
    ['The Panel considers that the referral should have been made the same day.', true],
    ['This was a missed opportunity to see Jane alone.', true],
    ['The decision was made because the policy required a second assessment.', true],
    ['Jane said that she was fine and did not want help.', false],
  ])('%s → evaluative %s', (text, evaluative) => {
    expect(classify(text).evaluative).toBe(evaluative);
  });

  it('reports the word counts in the details', async () => {
    const findings = await runRuleOnCase(rule as never, { md: md('## 15. Overview', ...narrative(12, 2018), '## 16. Analysis', EVALUATIVE[0]!, RESEARCH) });
    const f = findings.find((x) => x.messageId === 'lowAnalysisShare')!;
    expect(f.details).toMatchObject({ minAnalysisShare: 0.25 });
    expect((f.details as { share: number }).share).toBeLessThan(0.25);
  });
});
