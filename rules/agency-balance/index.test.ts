import { describe, expect, it } from 'vitest';
import { RuleTester, runRuleOnCase } from '../../src/testing/rule-tester.js';
import rule from './index.js';

/** A report skeleton: a contributors table, then the analysis paragraphs given. */
function report(contributors: string[], analysis: string[], extra = ''): string {
  return [
    '# Overview Report',
    '',
    '## 7. Contributors to the Review',
    '',
    '| Agency | Contribution |',
    '|---|---|',
    ...contributors.map((c) => `| ${c} | IMR |`),
    '',
    extra,
    '',
    '## 16. Analysis',
    '',
    ...analysis.flatMap((p) => [p, '']),
  ].join('\n');
}

const POLICE = [
  'Wendleshire Police attended in March 2021 and completed a risk assessment with Jane alone.',
  'The police did not check the previous report by John’s former partner before grading the risk.',
  'Officers from Wendleshire Police arrested John in May 2021; the custody sergeant released him without bail.',
  'The police response in June 2021 was prompt, and the officer in the case made a MARAC referral.',
  'Wendleshire Police did not tell Jane that John had been released.',
  'The Panel considers that the police should have sought a Domestic Violence Protection Notice.',
  'The police IMR accepts that supervision of the case was weak.',
];
const HEALTH = 'The GP saw Jane for anxiety but did not ask about her relationship.';

new RuleTester().run('agency-balance', rule, {
  valid: [
    {
      name: 'balanced analysis across the contributing agencies',
      md: report(
        ['Wendleshire Police', 'Riverside Medical Practice (GP)', 'Wendleshire County Council Adult Social Care', 'Eastmere Borough Council Housing Options'],
        [
          'Wendleshire Police attended twice and graded the risk as standard.',
          'The police did not check John’s history.',
          'The GP saw Jane four times and did not see her alone.',
          'Riverside Medical Practice had no domestic abuse training.',
          'Adult Social Care assessed John by telephone with Jane present.',
          'A carer’s assessment was not offered by Adult Social Care.',
          'Housing Options gave Jane general advice only.',
          'The housing officer did not ask why Jane wanted to leave.',
        ],
      ),
    },
    {
      name: 'police the only agency in contact, and the report says so',
      md: report(['Wendleshire Police'], POLICE.concat(HEALTH), 'Wendleshire Police were the only agency to have any contact with Jane or John during the review period.'),
    },
    {
      name: 'police dominate, the report says no other agency had contact (sentence names no agency)',
      md: report(['Wendleshire Police', 'Riverside Medical Practice (GP)'], POLICE.concat(HEALTH), 'No other agency had any contact with Jane apart from one GP appointment.'),
    },
    {
      name: 'only one sector contributed to the review',
      md: report(['Wendleshire Police', 'Eastmere Constabulary Control Room'], POLICE.concat(HEALTH)),
    },
    {
      name: '"police" in "Police and Crime Commissioner" is not counted',
      md: report(
        ['Riverside Medical Practice (GP)', 'Eastmere Domestic Abuse Service'],
        [
          'The Police and Crime Commissioner funds the IDVA service, which called Jane three times.',
          'The Office of the Police and Crime Commissioner (OPCC) commissioned the refuge, which had a space.',
          'The Police and Crime Commissioner will receive this report; the GP did not ask about abuse.',
          'The GP practice has no link to the domestic abuse service.',
          'The IDVA left a voicemail that John may have heard.',
          'The GP saw Jane alone only once.',
        ],
      ),
    },
    {
      name: 'perpetrator employed by the police: employer mentions are not agency involvement',
      md: report(
        ['Riverside Medical Practice (GP)', 'Eastmere and Wendle Hospitals NHS Foundation Trust'],
        [
          'John was a serving police officer; the GP knew this and was reluctant to ask about abuse.',
          'John worked for Wendleshire Police, and Jane told the GP she feared no one would believe her.',
          'The hospital treated Jane for a fractured wrist in 2021.',
          'John, a serving police officer, attended every hospital appointment with Jane.',
          'The GP did not consider that his job could be a barrier to Jane seeking help.',
          'The hospital did not see Jane alone.',
        ],
      ),
    },
    {
      name: '"mental health" as a topic is not an agency',
      md: report(
        ['Wendleshire Police', 'Riverside Medical Practice (GP)'],
        [
          'Jane’s mental health was poor and Wendleshire Police noted it.',
          'John’s mental health declined; the GP prescribed antidepressants.',
          'The police recorded that his mental health was a factor.',
          'The GP did not ask about her mental health at home.',
          'Wendleshire Police did not share the incident with the GP.',
          'The GP did not refer Jane to a specialist.',
        ],
      ),
    },
    {
      name: 'the chronology is not counted, even when it is all police',
      md: [
        report(
          ['Wendleshire Police', 'Riverside Medical Practice (GP)'],
          [
            'Wendleshire Police graded the risk as standard.',
            'The GP saw Jane twice.',
            'The police did not check John’s history.',
            'The GP did not see Jane alone.',
            'The police did not refer to MARAC.',
            'The GP had no training.',
          ],
        ),
        '## 14. Chronology',
        '',
        ...Array.from({ length: 12 }, (_, i) => `${i + 1} March 2021: Wendleshire Police attended; the police graded the risk as standard.\n`),
      ].join('\n'),
    },
    {
      name: 'too few paragraphs to judge',
      md: report(['Wendleshire Police', 'Riverside Medical Practice (GP)'], POLICE.slice(0, 4)),
    },
    {
      name: 'agency-structured analysis: a heading assigns its section to that agency',
      md: report(
        ['Surrey Police', 'Riverside Medical Practice (GP)'],
        [
          '### 16.1 Surrey Police',
          'Officers attended in 2019.',
          'The risk was graded standard.',
          'No referral was made.',
          '### 16.2 Riverside Medical Practice (GP)',
          'Jane was seen four times.',
          'She was never seen alone.',
          'No interpreter was offered.',
        ],
      ),
    },
    {
      name: 'an exclusion with its reason',
      md: report(
        ['Wendleshire Police'],
        [],
        "Children's social care was not asked to provide an IMR because Jane and John had no children. The Probation Service did not contribute, as John had never been supervised.",
      ),
    },
    {
      name: 'an exclusion with its reason in the next sentence',
      md: report(['Wendleshire Police'], [], 'The GP practice was not asked to contribute. Neither Jane nor John was registered there during the review period, so it had no records.'),
    },
    {
      name: 'police the main agency in contact, and the report says so',
      md: report(
        ['Wendleshire Police', 'Riverside Medical Practice (GP)', 'Eastmere and Wendle Hospitals NHS Foundation Trust'],
        POLICE.concat([HEALTH, 'The hospital treated Jane once.']),
        'Most of the agency contact in the review period was with Wendleshire Police; the GP and the hospital each saw Jane once.',
      ),
    },
    {
      name: 'an agency without an IMR that still contributed',
      md: report(['Wendleshire Police'], [], 'Eastmere Borough Council Housing Options was not asked to provide an IMR but provided a chronology and a summary report.'),
    },
    {
      name: 'executive summaries are not measured',
      md: ['# Executive Summary', '', '## Analysis', '', ...POLICE.concat(HEALTH).flatMap((p) => [p, ''])].join('\n'),
    },
    {
      name: 'a configured contributor that the analysis covers',
      md: report([], POLICE.concat([HEALTH, HEALTH.replace('anxiety', 'poor sleep'), 'The GP practice did not see Jane alone.', 'Riverside Medical Practice had no policy.'])),
      options: { contributors: ['police', 'health-primary'], maxShare: 0.7 },
    },
  ],
  invalid: [
    {
      name: 'police dominate the analysis (Birmingham letter)',
      md: report(
        ['Wendleshire Police', 'Riverside Medical Practice (GP)', 'Eastmere and Wendle Hospitals NHS Foundation Trust', 'Wendleshire County Council Adult Social Care'],
        POLICE.concat([HEALTH, 'The hospital treated Jane once.', 'Adult Social Care assessed John in 2020.']),
      ),
      errors: [{ messageId: 'dominantSector', section: ['16 Analysis'] }],
    },
    {
      name: 'a contributing agency the analysis never discusses',
      md: report(
        ['Wendleshire Police', 'Riverside Medical Practice (GP)', 'Eastmere Borough Council Housing Options'],
        [
          'Wendleshire Police graded the risk as standard.',
          'The GP saw Jane twice.',
          'The police did not check John’s history.',
          'The GP did not see Jane alone.',
          'The police did not refer to MARAC.',
          'The GP had no training.',
        ],
      ),
      errors: [
        {
          messageId: 'unanalysedAgency',
          data: {
            agency: 'Eastmere Borough Council Housing Options',
            contribution: 'IMR; listed in "7 Contributors to the Review"',
            where: 'the analysis ("16 Analysis")',
            sector: 'housing',
            share: '0%',
            shares: 'health 50%, police 42%, multi-agency forums 8%',
          },
          section: ['16 Analysis'],
        },
      ],
    },
    {
      name: 'only IMR authors are expected when the list marks them',
      md: [
        '## 7. Contributors to the Review',
        '',
        '| Agency | IMR |',
        '|---|---|',
        '| Wendleshire Police | Yes |',
        '| Riverside Medical Practice (GP) | Yes |',
        '| Wendleshire Fire and Rescue Service | No |',
        '| Eastmere Borough Council Housing Options | Yes |',
        '',
        '## 16. Analysis',
        '',
        ...['Wendleshire Police graded the risk.', 'The GP saw Jane.', 'The police did not check.', 'The GP did not ask.', 'The police made no referral.', 'The GP had no training.'].flatMap((p) => [p, '']),
      ].join('\n'),
      errors: [{ messageId: 'unanalysedAgency', excerpt: '' }],
    },
    {
      name: 'an agency left out with no reason',
      md: report(['Wendleshire Police'], [], "Children's social care was not asked to contribute to the review."),
      errors: [{ messageId: 'exclusionWithoutReason', data: { agency: "Children's social care" }, section: ['7 Contributors to the Review'] }],
    },
    {
      name: 'an agency that declined, with no reason, in the methodology',
      md: '## 5. Methodology\n\nThe GP practice declined to take part in the review.\n',
      errors: [{ messageId: 'exclusionWithoutReason', line: 3, column: 1 }],
    },
    {
      name: 'mentions as the unit',
      md: report(
        ['Wendleshire Police', 'Riverside Medical Practice (GP)', 'Eastmere and Wendle Hospitals NHS Foundation Trust'],
        POLICE.concat([HEALTH, 'The hospital treated Jane once.']),
      ),
      options: { unit: 'mentions' },
      errors: [{ messageId: 'dominantSector' }],
    },
    {
      name: 'fine sectors: mental health services barely covered among the health agencies',
      md: report(
        ['Riverside Medical Practice (GP)', 'Wendleshire Partnership NHS Foundation Trust', 'Eastmere and Wendle Hospitals NHS Foundation Trust'],
        [
          'The GP saw Jane four times.',
          'The GP did not ask about abuse.',
          'The hospital treated Jane once.',
          'The hospital did not see her alone.',
          'The GP prescribed sleeping tablets.',
          'The hospital discharged her the same day.',
          'The GP did not know about the hospital visit.',
          'The hospital did not tell the GP.',
        ],
      ),
      options: { granularity: 'sector' },
      errors: [{ messageId: 'unanalysedAgency' }],
    },
  ],
});

describe('agency-balance details', () => {
  it('exposes the shares in the finding details for JSON output', async () => {
    const findings = await runRuleOnCase(rule as never, {
      md: report(
        ['Wendleshire Police', 'Riverside Medical Practice (GP)', 'Eastmere and Wendle Hospitals NHS Foundation Trust'],
        POLICE.concat([HEALTH, 'The hospital treated Jane once.']),
      ),
    });
    const f = findings.find((x) => x.messageId === 'dominantSector')!;
    expect(f.message).toContain('is about police (police 72%, health 22%, multi-agency forums 6%)');
    expect(f.details).toMatchObject({ unit: 'paragraphs', paragraphs: 9, dominant: 'police', shares: { police: 0.722, health: 0.222, 'multi-agency': 0.056 } });
  });
});
