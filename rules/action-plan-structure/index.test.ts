import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const RECS = `Overview Report into the death of Maria

## 19. Recommendations

**Recommendation 1.** Eastmere CSP introduces an interim safety step for every high-risk referral.

**Recommendation 2.** Wendleshire Police makes the DASH checklist a mandatory step before closing a log.
`;

const MONITORING = 'The Eastmere CSP board will review progress on this plan every three months.';

const HEADER = '| Recommendation | Scope | Action to take | Lead agency | Key milestones | Target date | Completion date and outcome |\n|---|---|---|---|---|---|---|';
const ROW1 = '| 1 | Local | Add an interim safety step to the MARAC protocol | Wendleshire MARAC steering group | Protocol revised; audit of 30 referrals | 30 September 2024 | |';
const ROW2 = '| 2 | Local | Make the DASH checklist a mandatory step before closing a log | Wendleshire Police | System change live | 31 October 2024 | |';

const GOOD_PLAN = `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
${ROW1}
${ROW2}
`;

new RuleTester().run('action-plan-structure', rule, {
  valid: [
    { name: 'a plan with the seven Home Office columns and a row for every recommendation', md: GOOD_PLAN },
    {
      name: 'header words broken over lines or hyphenated, and combined headers',
      md: `${RECS}
## Appendix A Action Plan

${MONITORING}

| Recommen- dation | Scope (i.e. local or regional) | Actions required | Lead agency / officer | Progress | Target date / status |
|---|---|---|---|---|---|
| 1 | Local | Add an interim safety step | MARAC steering group | Draft agreed | 30 September 2024 |
| 2 | Local | Make DASH mandatory | Wendleshire Police | Live | 31 October 2024 |
`,
    },
    {
      name: 'a table split across pages: the second part has no header row (its first row is data)',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
${ROW1}

| 2 | Local | Make the DASH checklist a mandatory step before closing a log | Wendleshire Police | System change live | 31 October 2024 | |
|---|---|---|---|---|---|---|
| 2 | Local | Report monthly compliance to the CSP | Wendleshire Police | Report received | 31 January 2025 | |
`,
    },
    {
      name: 'a table split across pages with the header repeated',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
${ROW1}

Page 34

${HEADER}
${ROW2}
`,
    },
    {
      name: 'merged recommendation cells: the number only on the first row of a recommendation',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
| 1 | Local | Add an interim safety step to the MARAC protocol | MARAC steering group | Protocol revised | 30 September 2024 | |
| | Local | Audit 30 referrals | MARAC steering group | Audit reported | 31 March 2025 | |
${ROW2}
`,
    },
    {
      name: 'one table per recommendation, introduced by "Recommendation N" (no recommendation column needed)',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

Recommendation 1

| Action | Lead agency | Target date | Scope | Key milestones | Outcome |
|---|---|---|---|---|---|
| Add an interim safety step to the MARAC protocol | MARAC steering group | 30 September 2024 | Local | Protocol revised | |

Recommendation 2

| Action | Lead agency | Target date | Scope | Key milestones | Outcome |
|---|---|---|---|---|---|
| Make the DASH checklist a mandatory step | Wendleshire Police | 31 October 2024 | Local | Live | |
`,
    },
    {
      name: 'sub-actions numbered 1a, 1b deliver recommendation 1',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
| 1a | Local | Add an interim safety step | MARAC steering group | Protocol revised | 30 September 2024 | |
| 1b | Local | Audit 30 referrals | MARAC steering group | Audit reported | 31 March 2025 | |
| Rec 2 | Local | Make DASH mandatory | Wendleshire Police | Live | 31 October 2024 | |
`,
    },
    {
      name: 'rows that repeat the recommendation text instead of its number',
      md: `Overview Report

## Recommendations

1. Eastmere CSP introduces an interim safety step for every high-risk referral awaiting MARAC.
2. Wendleshire Police makes the DASH checklist a mandatory step before closing an incident log.

## Appendix A – Action Plan

${MONITORING}

| Recommendation | Action | Lead agency | Target date | Scope | Key milestones | Outcome |
|---|---|---|---|---|---|---|
| Eastmere CSP introduces an interim safety step for every high-risk referral awaiting MARAC | Amend the protocol | CSP | 30 September 2024 | Local | Done | |
| Wendleshire Police makes the DASH checklist a mandatory step before closing an incident log | Change the system | Police | 31 October 2024 | Local | Live | |
`,
    },
    {
      name: 'report numbering 19.1, 19.2 in the body and 1, 2 in the plan',
      md: `Overview Report

## 19. Recommendations

19.1 Eastmere CSP introduces an interim safety step for every high-risk referral.

19.2 Wendleshire Police makes the DASH checklist a mandatory step before closing a log.

## Appendix A – Action Plan

${MONITORING}

${HEADER}
${ROW1}
${ROW2}
`,
    },
    {
      name: 'label/value tables (one per action) are read as rows',
      md: `## Appendix 1 Action Plan

${MONITORING}

| Recommendation | 1 |
|---|---|
| Scope | Local |
| Action to take | Add an interim safety step to the MARAC protocol |
| Lead agency | MARAC steering group |
| Key milestones | Protocol revised |
| Target date | 30 September 2024 |
| Date of completion and outcome | |
`,
    },
    {
      name: 'a separate action-plan document: the whole file is the plan',
      md: `# Domestic Homicide Review Action Plan

${MONITORING}

${HEADER}
${ROW1}
`,
    },
    {
      name: 'an executive summary needs no action plan',
      md: `# Executive Summary\n\n## Recommendations\n\n**Recommendation 1.** The CSP publishes a protocol.`,
    },
    {
      name: 'draft mode: a missing plan is not reported',
      md: `${RECS}`,
      mode: 'draft',
    },
    {
      name: 'location separate-file: an overview without a plan is fine',
      md: `${RECS}`,
      options: { location: 'separate-file' },
    },
    {
      name: 'either: the plan is configured as a separate document',
      md: `${RECS}`,
      settings: { documents: [{ path: 'action-plan.docx', kind: 'action-plan' }] },
    },
    {
      name: 'a chronology table (Date | Agency | Action) is not an action plan',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
${ROW1}
${ROW2}

## Appendix B – Combined chronology

| Date | Agency | Action |
|---|---|---|
| 3 May 2021 | Police | Attended; DASH completed |
`,
    },
    {
      name: 'a contact table outside the plan with generic headers is not read as the plan',
      md: `Overview Report

## 12. Agency contact

| Date | Agency | Action | Outcome |
|---|---|---|---|
| 3 May 2021 | Police | Attended | No further action |

${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
${ROW1}
${ROW2}
`,
    },
    {
      name: 'merged full-width label rows and heading rows inside the table',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
| Multi-agency | Multi-agency | Multi-agency | Multi-agency | Multi-agency | Multi-agency | Multi-agency |
${ROW1}
| Single agency | Single agency | Single agency | Single agency | Single agency | Single agency | Single agency |
${ROW2}
`,
    },
    {
      name: 'monitoring stated in the recommendations section instead of the plan',
      md: `Overview Report

## 19. Recommendations

**Recommendation 1.** Eastmere CSP introduces an interim safety step for every high-risk referral.

The CSP will monitor the action plan quarterly.

## Appendix A – Action Plan

${HEADER}
${ROW1}
`,
    },
    {
      name: 'a title row above the header, and recommendations of earlier reviews are not this review\'s',
      md: `${RECS}
### 19.4 Progress on previous recommendations

**Recommendation 7.** (2019 review) The CSP audits MARAC attendance. This has been completed.

## Appendix A – Action Plan

${MONITORING}

| DHR Action Plan – Maria | | | | | | |
|---|---|---|---|---|---|---|
| Recommendation | Scope | Action to take | Lead agency | Key milestones | Target date | Completion date and outcome |
${ROW1}
${ROW2}
`,
    },
    {
      name: 'a heading row carrying the recommendation (and its lead), merged cell repeated on the rows below',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
| 1. Eastmere CSP introduces an interim safety step | Local | | Eastmere CSP | | | |
| 1. Eastmere CSP introduces an interim safety step | Local | a) Add the step to the MARAC protocol | MARAC steering group | Protocol revised | 30 September 2024 | |
| 1. Eastmere CSP introduces an interim safety step | Local | b) Audit 30 referrals | MARAC steering group | Audit reported | 31 March 2025 | |
${ROW2}
`,
    },
    {
      name: 'monitoring check switched off',
      md: `## Appendix A – Action Plan\n\n${HEADER}\n${ROW1}\n`,
      options: { requireMonitoring: false },
    },
    {
      name: 'extra header wording configured',
      md: `## Appendix A – Action Plan

${MONITORING}

| Recommendation | Scope | Action to take | Accountable manager | Key milestones | Target date | Completion date and outcome |
|---|---|---|---|---|---|---|
${ROW1.replace('Wendleshire MARAC steering group', 'MARAC chair')}
`,
      options: { columnSynonyms: { 'lead-agency': ['Accountable manager'] } },
    },
  ],
  invalid: [
    {
      name: 'no plan, plan expected as an appendix',
      md: RECS,
      options: { location: 'appendix' },
      errors: [{ messageId: 'missing', level: 'error', section: ['19 Recommendations'] }],
    },
    {
      name: 'no plan, either location: say once that the plan must be supplied separately',
      md: RECS,
      errors: [{ messageId: 'separateFile', level: 'info' }],
    },
    {
      name: 'publication mode: the plan is still expected',
      md: RECS,
      mode: 'publication',
      options: { location: 'appendix' },
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'an action-plan section written as prose',
      md: `${RECS}
## Appendix A – Action Plan

The CSP will deliver the recommendations over the next year, and agencies will report progress every quarter.
`,
      errors: [{ messageId: 'noTable', level: 'warn', data: { section: 'Appendix A Action Plan', columns: 'recommendation, action, lead agency and target date' } }],
    },
    {
      name: 'an empty action-plan heading',
      md: `${RECS}\n## Appendix A Action Plan\n`,
      errors: [{ messageId: 'noTable' }],
    },
    {
      name: 'a separate action-plan document with no table',
      md: `# DHR Action Plan\n\nActions will be agreed at the next meeting.\n`,
      errors: [{ messageId: 'noTable' }],
    },
    {
      name: 'required and expected columns missing',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

| Recommendation | Action |
|---|---|
| 1 | Add an interim safety step |
| 2 | Make DASH mandatory |
`,
      errors: [
        {
          messageId: 'missingColumns',
          level: 'error',
          data: { columns: 'lead agency and target date', plural: 's', it: 'them', headings: '"Lead Agency", "Target Date"' },
          section: ['Appendix A Action Plan'],
        },
        {
          messageId: 'missingExpectedColumns',
          level: 'warn',
          data: {
            columns: 'scope (local, regional or national), key milestones and date of completion and outcome',
            plural: 's',
            it: 'them',
            headings: '"Scope of recommendation (i.e. local or regional)", "Key milestones achieved in enacting recommendation", "Date of completion and outcome"',
          },
        },
      ],
    },
    {
      name: 'a plan table whose header names no Home Office column',
      md: `## Appendix A – Action Plan

${MONITORING}

| Issue | Response | Comments |
|---|---|---|
| Training | Police will train staff | 2025 |
`,
      options: { expectedColumns: [] },
      errors: [
        {
          messageId: 'missingColumns',
          data: { columns: 'recommendation, action, lead agency and target date', plural: 's', it: 'them', headings: '"Recommendation", "Action to take", "Lead Agency", "Target Date"' },
        },
      ],
    },
    {
      name: 'a recommendation with no row',
      md: `Overview Report

## 19. Recommendations

**Recommendation 1.** Eastmere CSP introduces an interim safety step for every high-risk referral.

**Recommendation 2.** Wendleshire Police makes the DASH checklist a mandatory step.

**Recommendation 3.** Eastmere CSP raises awareness of coercive control.

## Appendix A – Action Plan

${MONITORING}

${HEADER}
${ROW1}
${ROW2}
`,
      errors: [{ messageId: 'recommendationWithoutRow', level: 'error', data: { recommendation: 'Recommendation 3', section: '19 Recommendations' }, line: 9 }],
    },
    {
      name: 'a list recommendation with no row, rows matched by text only (weaker: warn)',
      md: `Overview Report

## Recommendations

1. Eastmere CSP introduces an interim safety step for every high-risk referral awaiting MARAC.
2. Wendleshire Police makes the DASH checklist a mandatory step before closing an incident log.

## Appendix A – Action Plan

${MONITORING}

| Recommendation | Action | Lead agency | Target date | Scope | Key milestones | Outcome |
|---|---|---|---|---|---|---|
| Eastmere CSP introduces an interim safety step for every high-risk referral awaiting MARAC | Amend the protocol | CSP | 30 September 2024 | Local | Done | |
`,
      errors: [{ messageId: 'recommendationWithoutRow', level: 'warn', data: { recommendation: 'Recommendation 2', section: 'Recommendations' } }],
    },
    {
      name: 'no recommendation matches any row',
      md: `${RECS}
## Appendix A – Action Plan

${MONITORING}

${HEADER}
| 7 | Local | Audit referrals | CSP | Audit of 20 | 31 March 2025 | |
| 8 | Local | Publish a leaflet | CSP | Leaflet published | 31 March 2025 | |
`,
      errors: [{ messageId: 'noRowMatches', level: 'warn', data: { count: 2, section: '19 Recommendations' } }],
    },
    {
      name: 'nothing says who monitors the plan',
      md: `${RECS}\n## Appendix A – Action Plan\n\n${HEADER}\n${ROW1}\n${ROW2}\n`,
      errors: [{ messageId: 'noMonitoring', level: 'info' }],
    },
  ],
});
