import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';
import terms from './terms.json' with { type: 'json' };

const better = (id: string): string => terms.vagueTerms.find((t) => t.id === id)!.better;

const HEADER = '| Recommendation | Scope | Action to take | Lead agency | Key milestones | Target date | Completion date and outcome |\n|---|---|---|---|---|---|---|';

/** An appendix action plan with the given rows (cells: rec, scope, action, lead, milestones, target, outcome). */
function plan(...rows: string[][]): string {
  return `Overview Report\n\n## 19. Recommendations\n\nSee the action plan.\n\n## Appendix A – Action Plan\n\n${HEADER}\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`;
}

const GOOD = ['1', 'Local', 'Add coercive-control questions to the housing-options triage form; train the 25 triage officers', 'Council Housing Options manager', 'Form live; audit of 30 triage records shows questions completed in at least 90%', '30 June 2026', ''];

const row = (over: Partial<Record<'rec' | 'scope' | 'action' | 'lead' | 'milestones' | 'target' | 'outcome', string>>): string[] => [
  over.rec ?? GOOD[0]!,
  over.scope ?? GOOD[1]!,
  over.action ?? GOOD[2]!,
  over.lead ?? GOOD[3]!,
  over.milestones ?? GOOD[4]!,
  over.target ?? GOOD[5]!,
  over.outcome ?? GOOD[6]!,
];

const R1 = 'Action plan, recommendation 1';

new RuleTester().run('action-plan-smart', rule, {
  valid: [
    { name: 'the "better" example rows of ACTION-PLANS.md', md: plan(GOOD, row({ rec: '2', action: 'Make the DASH risk checklist a mandatory step before closing a domestic abuse incident log', lead: 'Police public protection lead', milestones: 'System change live; monthly compliance figure reported to the CSP for 6 months', target: '31 March 2026' })) },
    { name: '"review" followed by a concrete deliverable', md: plan(row({ action: 'Review the safe-contact protocol and publish a revised version', milestones: 'Protocol published' })) },
    { name: '"review … to include" states the change', md: plan(row({ action: 'Review the domestic abuse policy to include routine enquiry for every injury attendance', milestones: 'Policy approved by the trust board' })) },
    { name: '"ensure" followed by a deliverable', md: plan(row({ action: 'Ensure a mandatory "safe to contact" field is added to the referral form', milestones: 'Field live' })) },
    { name: 'a vague word inside an action that names its output', md: plan(row({ action: 'Add a routine-enquiry prompt to the GP record to raise awareness of coercive control', milestones: 'Prompt live in all nine practices' })) },
    { name: 'training with who, how many and a check of practice', md: plan(row({ action: 'Deliver domestic abuse training to all 32 outpatient nurse specialists', milestones: 'All 32 trained; audit of 20 case notes in March 2026' })) },
    {
      name: 'completed rows are not checked',
      md: plan(
        row({ action: 'Raise awareness', lead: 'All agencies', milestones: '', target: 'TBC', outcome: 'Completed 12/03/2025: briefing to all staff' }),
        row({ rec: '2', action: 'Remind officers of DASH', lead: 'Police', milestones: '', target: 'Ongoing', outcome: '31/01/2025' }),
      ),
    },
    {
      name: 'accepted target dates: day, month and year, quarter with year, end of financial year',
      md: plan(
        row({ target: '31/03/2026' }),
        row({ rec: '2', target: 'March 2026' }),
        row({ rec: '3', target: 'End of March 2026' }),
        row({ rec: '4', target: 'Q3 2025/26' }),
        row({ rec: '5', target: 'End of financial year 2025/26' }),
        row({ rec: '6', target: '1st April 2026 (then reviewed annually)' }),
      ),
    },
    { name: 'year-only target allowed by option', md: plan(row({ target: '2026' })), options: { allowYearOnly: true } },
    { name: 'an owner naming its co-ordinator among all agencies', md: plan(row({ lead: 'All agencies, co-ordinated by Eastmere CSP' })) },
    {
      name: 'merged full-width label rows are not actions',
      md: plan(['Single-agency recommendations', 'Single-agency recommendations', 'Single-agency recommendations', 'Single-agency recommendations', 'Single-agency recommendations', 'Single-agency recommendations', 'Single-agency recommendations'], GOOD),
    },
    {
      name: 'a recommendation heading row followed by its actions (merged recommendation cell)',
      md: plan(['1. The CSP agrees a safe-contact protocol', '', '', '', '', '', ''], row({ rec: '' }), row({ rec: '', action: 'Publish the protocol on the CSP website', milestones: 'Published' })),
    },
    {
      name: 'a heading row carrying the recommendation and its lead, repeated (merged) on the action rows below',
      md: plan(
        ['1. Eastmere CSP introduces an interim safety step', 'Local', '', 'Eastmere CSP', '', '', ''],
        row({ rec: '1. Eastmere CSP introduces an interim safety step', action: 'a) Add the step to the MARAC protocol', milestones: 'Protocol revised' }),
        row({ rec: '1. Eastmere CSP introduces an interim safety step', action: 'b) Audit 30 referrals', milestones: 'Audit reported to the CSP board' }),
      ),
    },
    {
      name: 'a one-cell label row inside the table',
      md: plan(['Single-agency recommendations', '', '', '', '', '', ''], GOOD),
    },
    { name: 'no scope column: scope is left to action-plan-structure', md: `## Appendix A Action Plan\n\n| Recommendation | Action | Lead agency | Target date |\n|---|---|---|---|\n| 1 | Publish a safe-contact protocol | Eastmere CSP | 31 March 2026 |\n` },
    { name: 'owner, date, measure and scope checks switched off', md: plan(row({ lead: '', milestones: '', target: 'TBC', scope: '', action: 'Deliver a session' })), options: { require: [] } },
    { name: 'a built-in term switched off', md: plan(row({ action: 'Continue to fund the IDVA post', milestones: '' })), options: { ignoreTerms: ['continue'] } },
    {
      name: 'a chronology table elsewhere is not read as the plan',
      md: `Overview Report\n\n## 12. Chronology\n\n| Date | Agency | Action |\n|---|---|---|\n| 3 May 2021 | Police | Attended; advised to consider options |\n`,
    },
  ],
  invalid: [
    {
      name: 'the weak example row of ACTION-PLANS.md: raise awareness, all agencies, ongoing',
      md: plan(row({ action: 'Raise awareness of coercive control among housing staff', lead: 'All agencies', milestones: '', target: 'Ongoing' })),
      errors: [
        { messageId: 'vagueAction', level: 'warn', line: 11 },
        { messageId: 'vagueOwner', level: 'info', data: { row: R1, owner: 'All agencies' } },
        { messageId: 'weakDate', level: 'warn', data: { row: R1, value: 'Ongoing' } },
      ],
    },
    {
      name: 'remind officers, TBC',
      md: plan(row({ action: 'Police to remind officers of the importance of DASH', lead: 'Police', milestones: '', target: 'TBC' })),
      errors: [
        {
          messageId: 'vagueAction',
          data: { row: R1, term: 'remind', better: better('remind') },
        },
        { messageId: 'weakDate', data: { row: R1, value: 'TBC' } },
      ],
    },
    {
      name: 'consider, explore, review alone, seek to, ensure … aware, continue to',
      md: plan(
        row({ rec: '1', action: 'Consider the need for a new referral pathway', milestones: '' }),
        row({ rec: '2', action: 'Explore whether the MARAC could meet weekly', milestones: '' }),
        row({ rec: '3', action: 'Review the domestic abuse policy', milestones: '' }),
        row({ rec: '4', action: 'Seek to develop closer links with the recovery service', milestones: '' }),
        row({ rec: '5', action: 'Ensure that staff are aware of the MARAC referral criteria', milestones: '' }),
        row({ rec: '6', action: 'Continue to share information at MARAC', milestones: '' }),
      ),
      errors: [
        { messageId: 'vagueAction', data: { row: R1, term: 'Consider', better: better('consider') } },
        { messageId: 'vagueAction', data: { row: 'Action plan, recommendation 2', term: 'Explore', better: better('explore') } },
        { messageId: 'vagueAction', data: { row: 'Action plan, recommendation 3', term: 'Review', better: better('review') } },
        { messageId: 'vagueAction', data: { row: 'Action plan, recommendation 4', term: 'Seek to', better: better('seek-to') } },
        { messageId: 'vagueAction', data: { row: 'Action plan, recommendation 5', term: 'Ensure that staff are aware', better: better('ensure-aware') } },
        { messageId: 'vagueAction', data: { row: 'Action plan, recommendation 6', term: 'Continue to', better: better('continue') } },
      ],
    },
    {
      name: 'a national recommendation to government phrased as "consider" is downgraded to info',
      md: plan(row({ scope: 'National', action: 'The Home Office to consider guidance on victim withdrawal', lead: 'Home Office', milestones: '' })),
      errors: [{ messageId: 'vagueAction', level: 'info', data: { row: R1, term: 'consider', better: better('consider') } }],
    },
    {
      name: 'a hedge in the action',
      md: plan(row({ action: 'Offer a separate carer\'s assessment where possible', milestones: 'Quarterly report on offers to the Safeguarding Adults Board' })),
      errors: [{ messageId: 'hedgedAction', data: { row: R1, term: 'where possible' } }],
    },
    {
      name: 'empty action, owner and date; placeholder owner',
      md: plan(row({ action: '' }), row({ rec: '2', lead: '' }), row({ rec: '3', lead: 'TBC' }), row({ rec: '4', target: '' })),
      errors: [
        { messageId: 'missingAction', data: { row: R1 } },
        { messageId: 'missingOwner', data: { row: 'Action plan, recommendation 2' } },
        { messageId: 'missingOwner', data: { row: 'Action plan, recommendation 3' } },
        { messageId: 'missingDate', data: { row: 'Action plan, recommendation 4' } },
      ],
    },
    {
      name: 'an activity with no measurable output',
      md: plan(row({ action: 'Hold a meeting with the housing provider about the case', milestones: '' })),
      errors: [{ messageId: 'noMeasure', data: { row: R1 } }],
    },
    {
      name: 'weak target dates: ASAP, year only, quarter with no year, a period with no start, immediate (info)',
      md: plan(row({ target: 'ASAP' }), row({ rec: '2', target: '2026' }), row({ rec: '3', target: 'Q3' }), row({ rec: '4', target: 'Within 6 months' }), row({ rec: '5', target: 'Immediate' })),
      errors: [
        { messageId: 'weakDate', level: 'warn', data: { row: R1, value: 'ASAP' } },
        { messageId: 'weakDate', level: 'warn', data: { row: 'Action plan, recommendation 2', value: '2026' } },
        { messageId: 'weakDate', level: 'warn', data: { row: 'Action plan, recommendation 3', value: 'Q3' } },
        { messageId: 'weakDate', level: 'warn', data: { row: 'Action plan, recommendation 4', value: 'Within 6 months' } },
        { messageId: 'weakDate', level: 'info', data: { row: 'Action plan, recommendation 5', value: 'Immediate' } },
      ],
    },
    {
      name: 'month and year refused when allowMonthYear is false',
      md: plan(row({ target: 'March 2026' })),
      options: { allowMonthYear: false },
      errors: [{ messageId: 'weakDate', data: { row: R1, value: 'March 2026' } }],
    },
    {
      name: 'empty scope',
      md: plan(row({ scope: '' })),
      errors: [{ messageId: 'missingScope', data: { row: R1 } }],
    },
    {
      name: 'several rows for one recommendation are named by row',
      md: plan(row({}), row({ rec: '1', action: 'Remind staff', milestones: '' })),
      errors: [{ messageId: 'vagueAction', data: { row: 'Action plan, recommendation 1, row 2', term: 'Remind', better: better('remind') } }],
    },
    {
      name: 'rows without a recommendation number are named by their text',
      md: plan(row({ rec: 'The CSP agrees a safe-contact protocol with all agencies', action: 'Raise awareness', milestones: '' })),
      errors: [{ messageId: 'vagueAction', data: { row: 'Action plan, recommendation "The CSP agrees a safe-contact protocol…"', term: 'Raise awareness', better: better('raise-awareness') } }],
    },
    {
      name: 'a configured vague term and weak date',
      md: plan(row({ action: 'Champion the new referral route', milestones: '' }), row({ rec: '2', target: 'Next board meeting' })),
      options: { vagueTerms: ['\\bchampion\\b'], weakDates: ['board meeting'] },
      errors: [
        { messageId: 'vagueAction', data: { row: R1, term: 'Champion', better: 'a concrete output with a date' } },
        { messageId: 'weakDate', data: { row: 'Action plan, recommendation 2', value: 'Next board meeting' } },
      ],
    },
    {
      name: 'a table split across pages: rows of the continuation (with no header) are checked and named',
      md: `${plan(GOOD)}\n| 2 | Local | Remind staff of the MARAC criteria | Police | | 31 March 2026 | |\n|---|---|---|---|---|---|---|\n| 3 | Local | Publish the MARAC criteria on the intranet | Police | Published | 2026 | |\n`,
      errors: [
        { messageId: 'vagueAction', data: { row: 'Action plan, recommendation 2', term: 'Remind', better: better('remind') }, line: 13 },
        { messageId: 'weakDate', data: { row: 'Action plan, recommendation 3', value: '2026' }, line: 15 },
      ],
    },
    {
      name: 'a label/value action table',
      md: `## Appendix 1 Action Plan\n\n| Recommendation | 1 |\n|---|---|\n| Scope | Local |\n| Action to take | Raise awareness of stalking |\n| Lead agency | Eastmere CSP |\n| Target date | Ongoing |\n`,
      errors: [
        { messageId: 'vagueAction', data: { row: R1, term: 'Raise awareness', better: better('raise-awareness') }, line: 6 },
        { messageId: 'weakDate', data: { row: R1, value: 'Ongoing' }, line: 6 },
      ],
    },
  ],
});
