import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const ANALYSIS = `# Overview Report

## 16. Analysis

16.1 The GP did not see Maria alone when Adam attended her appointments, and the practice had no
policy on seeing patients alone.

16.2 The housing officer did not ask why Maria wanted to leave, and the triage form has no question
about domestic abuse.

16.3 The police graded the risk as standard without checking Adam's history with a previous
partner.

## 17. Conclusions

17.1 Agencies each held part of the picture, and none of them asked Maria about her safety.

## 18. Lessons to be Learned

18.1 Victims are seldom seen alone: every agency needs a way to speak to a patient without the
partner present.

18.2 A question about leaving a partner is a disclosure that calls for a question about safety.
`;

const RECS = `
## 19. Recommendations

1. The GP practice adopts a policy on seeing patients alone whenever a partner attends their
   appointments.
2. Eastmere Housing Options adds a domestic abuse question to its triage form and asks applicants
   who want to leave about their safety.
3. Wendleshire Police checks the history of the perpetrator with any previous partner before
   grading the risk.
`;

const CLEAN = ANALYSIS + RECS;

/** Analysis that dwells on coercive control (two paragraphs) with only single-agency recommendations. */
const THEME = `# Overview Report

## 16. Analysis

16.1 The GP recorded that Adam checked Maria's phone but did not recognise this as coercive control.

16.2 Housing staff saw Adam answer for Maria and did not consider coercive control.

## 17. Recommendations

### 17.1 Single-agency recommendations

**Recommendation 1.** The GP practice records when a partner checks a patient's phone and asks
the patient alone about coercive control.

**Recommendation 2.** Housing Options trains staff to notice when a partner answers for an
applicant, and to consider coercive control.
`;

new RuleTester().run('recommendations-traceable', rule, {
  valid: [
    { name: 'every recommendation shares key terms with a finding, every lesson leads to one', md: CLEAN },
    {
      name: 'a recommendation with few shared words but a cross-reference',
      md: `${CLEAN}4. Eastmere CSP commissions an independent audit of referral pathways (see 16.2).\n`,
    },
    {
      name: 'a general recommendation about monitoring the whole review is not tied to one finding',
      md: `${CLEAN}4. Eastmere CSP monitors the implementation of these recommendations and reports to the board every six months.\n`,
    },
    {
      name: 'section-based numbering (19.1.1, 19.2.1) is unique',
      md: `${ANALYSIS}
## 19. Recommendations

### 19.1 Multi-agency recommendations

**Recommendation 19.1.1** The GP practice adopts a policy on seeing patients alone whenever a partner attends appointments.

### 19.2 Single-agency recommendations

**Recommendation 19.2.1** Eastmere Housing Options adds a domestic abuse question to its triage form and asks about safety.

**Recommendation 19.2.2** Wendleshire Police checks the history of the perpetrator with any previous partner before grading the risk.
`,
    },
    {
      name: 'single-agency (IMR) recommendations in an appendix with a pointer from the main report',
      md: `${ANALYSIS}
## 19. Recommendations

### 19.1 Multi-agency recommendations

1. Eastmere CSP agrees how every agency sees patients alone when a partner attends appointments,
   and how staff ask about safety.

### 19.2 Single-agency recommendations

The single-agency recommendations made in the IMRs are set out in full in Appendix C.

## Appendix C – Single-agency recommendations

1. Eastmere Housing Options adds a domestic abuse question to its triage form.
2. Wendleshire Police checks the perpetrator's history with previous partners before grading the risk.
`,
    },
    {
      name: 'a theme the analysis raises is addressed by a multi-agency recommendation',
      md: THEME.replace('### 17.1 Single-agency recommendations', '### 17.1 Multi-agency recommendations'),
    },
    {
      name: 'a theme met by a recommendation addressed to the partnership (no set headings)',
      md: THEME.replace('### 17.1 Single-agency recommendations\n\n', '').replace('**Recommendation 2.** Housing Options', '**Recommendation 2.** Eastmere CSP and all partner agencies: Housing Options'),
    },
    {
      name: 'a theme is not raised by its definition in the terms of reference alone',
      md: `${CLEAN.replace('## 16. Analysis', '## 4. Terms of Reference\n\n4.1 The review uses the definition of controlling or coercive behaviour.\n\n## 16. Analysis')}`,
    },
    {
      name: 'dissemination that changes practice is not "distribution only"',
      md: `${CLEAN}4. Eastmere CSP shares the learning from this review through briefings for 200 frontline staff and audits the use of the triage question after six months (see 16.2).\n`,
    },
    {
      name: 'good practice needs no recommendation',
      md: CLEAN.replace('## 18. Lessons to be Learned', '## 18. Lessons to be Learned\n\n### Good practice\n\nThe ambulance crew recorded the injuries with photographs and passed them to the police promptly.\n\n### Lessons'),
    },
    {
      name: 'an executive summary on its own is not checked',
      md: `# Executive Summary\n\n## Recommendations\n\n**Recommendation 1.** The CSP publishes a new policy.\n\n**Recommendation 1.** The police review training.\n`,
    },
    {
      name: 'the recommendations of the executive summary part of a combined file are not checked',
      md: `# Overview Report\n\nCover.\n\n# Executive Summary\n\n## Recommendations\n\n**Recommendation 1.** The CSP publishes a new policy on everything.\n\n**Recommendation 1.** The police review training.\n\n${CLEAN.replace('# Overview Report\n', '')}`,
    },
    {
      name: 'a recommendation split over two rows of a table keeps one number',
      md: `${ANALYSIS}
## 19. Recommendations

| No. | Recommendation | Lead |
|---|---|---|
| 1 | The GP practice adopts a policy on seeing patients alone whenever a partner attends appointments. | GP |
| 1 | The policy is audited after six months. | GP |
| 2 | Eastmere Housing Options adds a domestic abuse question to its triage form and asks about safety. | Housing |
| 3 | Wendleshire Police checks the perpetrator's history with any previous partner before grading the risk. | Police |
`,
    },
    {
      name: 'numbering continued across the multi- and single-agency lists',
      md: `${ANALYSIS}
## 19. Recommendations

### 19.1 Multi-agency recommendations

1. Eastmere CSP agrees how every agency sees patients alone when a partner attends appointments.

### 19.2 Single-agency recommendations

2. Eastmere Housing Options adds a domestic abuse question to its triage form and asks about safety.
3. Wendleshire Police checks the perpetrator's history with any previous partner before grading the risk.
`,
    },
  ],
  invalid: [
    {
      name: 'a recommendation that answers no finding',
      md: `${CLEAN}4. Eastmere CSP commissions a survey of bus shelters and street lighting in the town centre.\n`,
      errors: [{ messageId: 'untraced', line: 33, section: ['19 Recommendations'], data: { name: 'Recommendation 4', quote: 'Eastmere CSP commissions a survey of bus shelters…', min: 2 } }],
    },
    {
      name: 'cross-references required by option',
      md: CLEAN.replace('2. Eastmere Housing', '2. (see 16.2) Eastmere Housing').replace('3. Wendleshire Police checks', '3. Wendleshire Police (16.3) checks'),
      options: { requireCrossReference: true },
      errors: [{ messageId: 'noCrossReference', line: 27 }],
    },
    {
      name: 'a lesson that no recommendation acts on',
      md: CLEAN.replace('18.2 A question', '18.3 Professional interpreters should be offered whenever language could be a barrier to disclosure.\n\n18.2 A question'),
      errors: [{ messageId: 'lessonWithoutRecommendation', line: 23, data: { section: '18 Lessons to be Learned', quote: '18.3 Professional interpreters should be offered whenever language…' } }],
    },
    {
      name: 'every recommendation numbered "1" (as in a published list)',
      md: `${ANALYSIS}
## 19. Recommendations

**Recommendation 1.** The GP practice adopts a policy on seeing patients alone whenever a partner attends appointments.

**Recommendation 1.** Eastmere Housing Options adds a domestic abuse question to its triage form and asks about safety.

**Recommendation 1.** Wendleshire Police checks the perpetrator's history with any previous partner before grading the risk.
`,
      errors: [
        { messageId: 'duplicateNumber', line: 29, data: { number: '1', count: 3, section: '19 Recommendations' } },
        { messageId: 'duplicateNumber', line: 31 },
      ],
    },
    {
      name: 'single-agency recommendations numbered from 1 again',
      md: `${ANALYSIS}
## 19. Recommendations

### 19.1 Multi-agency recommendations

1. Eastmere CSP agrees how every agency sees patients alone when a partner attends appointments.

### 19.2 Single-agency recommendations

1. Eastmere Housing Options adds a domestic abuse question to its triage form and asks about safety.
2. Wendleshire Police checks the perpetrator's history with any previous partner before grading the risk.
`,
      errors: [{ messageId: 'numberingRestarts', level: 'info', section: ['19 Recommendations', '19.2 Single-agency recommendations'], data: { section: '19.2 Single-agency recommendations', number: '1', other: 'also in 19.1 Multi-agency recommendations' } }],
    },
    {
      name: 'single-agency recommendations left in the IMRs',
      md: `${ANALYSIS}
## 19. Recommendations

19.1 Each agency made its own single-agency recommendations, which are contained in the IMRs and are not repeated here.

1. The GP practice adopts a policy on seeing patients alone whenever a partner attends appointments.
2. Eastmere Housing Options adds a domestic abuse question to its triage form and asks about safety.
3. Wendleshire Police checks the perpetrator's history with any previous partner before grading the risk.
`,
      errors: [{ messageId: 'singleAgencyElsewhere', line: 27, data: { section: '19 Recommendations' } }],
    },
    {
      name: 'single-agency recommendations only in an appendix, with no pointer',
      md: `${ANALYSIS}
## 19. Recommendations

1. Eastmere CSP agrees how every agency sees patients alone when a partner attends appointments,
   and how staff ask about safety.

## Appendix C – Single-agency recommendations

1. Eastmere Housing Options adds a domestic abuse question to its triage form.
2. Wendleshire Police checks the perpetrator's history with previous partners before grading the risk.
`,
      errors: [{ messageId: 'singleAgencyInAppendix', line: 30, data: { section: 'Appendix C Single-agency recommendations' } }],
    },
    {
      name: 'a theme of the analysis with single-agency recommendations only',
      md: THEME,
      errors: [{ messageId: 'themeWithoutSystemRecommendation', level: 'info', line: 9, data: { theme: 'coercive control', places: 'in 16' } }],
    },
    {
      name: 'a theme given by option',
      md: `${CLEAN.replace('16.1 The GP', '16.1 No interpreter was offered. The GP').replace('16.2 The housing', '16.2 No interpreter was offered at housing either. The housing')}`,
      options: { themes: ['language-barriers'] },
      errors: [{ messageId: 'themeWithoutSystemRecommendation', level: 'info', data: { theme: 'language barriers and interpreting', places: 'in 16' } }],
    },
    {
      name: 'a recommendation that only circulates the report',
      md: `${CLEAN}4. All parties to the review receive a copy of the final overview report.\n`,
      errors: [{ messageId: 'distributionOnly', level: 'info', line: 33, data: { name: 'Recommendation 4', quote: 'All parties to the review receive a copy…' } }],
    },
  ],
});
