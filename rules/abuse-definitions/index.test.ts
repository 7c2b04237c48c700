import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const DA_2021 =
  'This review uses the definition of domestic abuse in section 1 of the Domestic Abuse Act 2021: behaviour of a person towards another is domestic abuse if both are aged 16 or over, are personally connected, and the behaviour is abusive.';
const DA_2013 =
  'The review uses the cross-government definition of domestic violence and abuse: any incident or pattern of incidents of controlling, coercive, threatening behaviour, violence or abuse between those aged 16 or over who are, or have been, intimate partners or family members.';
const CC_DEF =
  'Coercive behaviour is an act or a pattern of acts of assault, threats, humiliation and intimidation or other abuse that is used to harm, punish, or frighten the victim.';

function md(...lines: string[]): string {
  return lines.join('\n\n');
}

const ANALYSIS_CC = [
  '## 16. Analysis',
  'The GP did not recognise the coercive control that John exercised over Jane.',
  'Agencies saw the controlling behaviour only as jealousy.',
];

new RuleTester().run('abuse-definitions', rule, {
  valid: [
    {
      name: 'coercive control defined in a definitions section under the terms of reference',
      md: md('## 4. Terms of Reference', '### 4.3 Definitions used in this review', DA_2021, CC_DEF, ...ANALYSIS_CC),
    },
    {
      name: 'defined in the glossary (appendix table)',
      md: md(DA_2021, ...ANALYSIS_CC, '## Appendix B – Glossary', '| Term | Meaning |\n|---|---|\n| Coercive control | A purposeful pattern of behaviour that takes place over time to exert power over another person |'),
    },
    {
      name: 'defined in a footnote',
      md: md(DA_2021, '## 16. Analysis', 'The GP did not recognise the coercive control[^1] that John exercised over Jane.', 'Agencies saw it only as jealousy.', '[^1]: Home Office (2015) Controlling or Coercive Behaviour in an Intimate or Family Relationship: statutory guidance framework.'),
    },
    {
      name: 'defined in the same paragraph as its first use',
      md: md(DA_2021, '## 16. Analysis', 'John subjected Jane to coercive control, which is a purposeful pattern of behaviour used to harm, punish or frighten a victim.', 'The GP did not see the coercive control.'),
    },
    {
      name: 'defined in the next paragraph',
      md: md(DA_2021, '## 16. Analysis', 'John subjected Jane to coercive control for years.', 'This is behaviour designed to make a person subordinate and dependent.', 'No agency recognised the coercive control.'),
    },
    {
      name: 'defined by reference to the offence (Serious Crime Act 2015)',
      md: md(DA_2021, 'Controlling or coercive behaviour in an intimate or family relationship is an offence under section 76 of the Serious Crime Act 2015.', ...ANALYSIS_CC),
    },
    {
      name: 'economic abuse defined by section 1(4), "financial abuse" used as a synonym',
      md: md(DA_2021, 'Economic abuse means any behaviour that has a substantial adverse effect on a person’s ability to acquire, use or maintain money or other property.', '## 16. Analysis', 'John’s financial abuse left Jane without money for food.', 'The bank did not recognise the economic abuse.'),
    },
    {
      name: 'the term only inside the terms of reference is not reliance',
      md: md('## 4. Terms of Reference', DA_2021, '- What did each agency know about coercive control in the relationship?', '## 16. Analysis', 'The GP did not ask Jane about her safety at home.'),
    },
    {
      name: 'DASH (Domestic Abuse, Stalking and Harassment) is a checklist, not stalking',
      md: md(DA_2021, '## 16. Analysis', 'Officers completed the Domestic Abuse, Stalking and Harassment and Honour Based Violence (DASH) risk assessment.', 'The DASH was graded standard, which the Panel considers wrong.'),
    },
    {
      name: '"no evidence of stalking" does not rely on stalking',
      md: md(DA_2021, '## 16. Analysis', 'There was no evidence of stalking after the separation.', 'The Panel found no indication that John had been stalking Jane.'),
    },
    {
      name: 'strangulation as the cause of death is not reliance on non-fatal strangulation',
      md: md(DA_2021, '## 1. Introduction', 'The post-mortem found that Jane died from strangulation.', '## 16. Analysis', 'John strangled Jane on the night she died.'),
    },
    {
      name: 'quoted use is not reliance',
      md: md(DA_2021, '## 16. Analysis', 'Jane’s sister told the Chair that John was "a stalker, always watching her".', 'The Panel notes that "stalking" was the word her friends used.'),
    },
    {
      name: 'the 2013 definition for a death before the 2021 Act',
      md: md(DA_2013, ...ANALYSIS_CC, CC_DEF),
      settings: { dates: { death: '2019-06-14' } },
    },
    {
      name: 'both definitions given for a death after October 2021',
      md: md(DA_2013, DA_2021, CC_DEF, ...ANALYSIS_CC),
      settings: { dates: { death: '2022-06-14' } },
    },
    {
      name: 'no date known: either definition is accepted',
      md: md(DA_2013, CC_DEF, ...ANALYSIS_CC),
    },
    {
      name: 'death between Royal Assent and commencement: either definition',
      md: md(DA_2013, CC_DEF, ...ANALYSIS_CC),
      settings: { dates: { death: '2021-07-20' } },
    },
    {
      name: 'an executive summary may rely on the overview report’s definitions (off by default)',
      md: md('# Executive Summary', '## Conclusions', 'Jane was subjected to coercive control and economic abuse.'),
    },
    {
      name: 'a single passing use outside the analysis is not reliance',
      md: md(DA_2021, '## 13. Background', 'Jane had once called the National Stalking Helpline about a former partner.', 'A friend said John was controlling.'),
    },
    {
      name: 'an ignored term',
      md: md(DA_2021, ...ANALYSIS_CC),
      options: { ignoreTerms: ['coercive-control'] },
    },
  ],
  invalid: [
    {
      name: 'coercive control relied on in the analysis, never defined (Devon case 23 letter)',
      md: md(DA_2021, ...ANALYSIS_CC),
      errors: [{ messageId: 'undefinedTerm', line: 5, column: 30, section: ['16 Analysis'] }],
    },
    {
      name: 'economic abuse used twice, never defined',
      md: md(DA_2021, CC_DEF, '## 13. Background', 'Friends described economic abuse: John took her wages.', '## 17. Conclusions', 'The economic abuse went unnoticed by every agency.'),
      errors: [{ messageId: 'undefinedTerm', line: 7 }],
    },
    {
      name: 'non-fatal strangulation in the analysis, never explained',
      md: md(DA_2021, '## 16. Analysis', 'In 2020 John put his hands around Jane’s neck; officers did not treat it as a serious matter.'),
      errors: [{ messageId: 'undefinedTerm', line: 5 }],
    },
    {
      name: 'a custom term',
      md: md(DA_2021, '## 16. Analysis', 'Jane experienced technology-facilitated abuse through a tracking app.'),
      options: { terms: { 'tech-abuse': { label: 'technology-facilitated abuse', triggers: ['technology[- ]facilitated abuse'] } } },
      errors: [{ messageId: 'undefinedTerm', data: { term: 'technology-facilitated abuse', suggest: 'a definition in plain words' } }],
    },
    {
      name: 'no definition of domestic abuse at all',
      md: md('# Overview Report', '## 4. Terms of Reference', 'The review examines agency contact from 2019.', CC_DEF, ...ANALYSIS_CC),
      errors: [{ messageId: 'noDomesticAbuseDefinition', section: ['4 Terms of Reference'] }],
    },
    {
      name: 'only the 2013 definition for a death in 2022',
      md: md(DA_2013, CC_DEF, ...ANALYSIS_CC),
      settings: { dates: { death: '2022-03-09' } },
      errors: [
        {
          messageId: 'outdatedDefinition',
          line: 1,
          data: { reason: 'the death (9 March 2022) came after the 2021 definition took effect on 1 October 2021' },
        },
      ],
    },
    {
      name: 'date of death read from the title page: the finding is weaker',
      md: md('**Report into the death of Jane, who died in March 2023**', DA_2013, CC_DEF, ...ANALYSIS_CC),
      errors: [{ messageId: 'outdatedDefinition', level: 'info' }],
    },
    {
      name: 'only the 2021 definition for a death in 2019 (a note)',
      md: md(DA_2021, CC_DEF, ...ANALYSIS_CC),
      settings: { dates: { death: '2019-06-14' } },
      errors: [{ messageId: 'laterDefinition', level: 'info' }],
    },
    {
      name: 'definition source forced by the configuration',
      md: md(DA_2013, CC_DEF, ...ANALYSIS_CC),
      options: { definitionSource: 'da-act-2021' },
      errors: [{ messageId: 'outdatedDefinition', data: { reason: 'the configuration asks for it' } }],
    },
    {
      name: 'executive summary findings when asked for',
      md: md('# Executive Summary', '## Conclusions', DA_2021, 'Jane was subjected to coercive control and economic abuse.'),
      options: { executiveSummary: 'info' },
      errors: [
        { messageId: 'undefinedTerm', level: 'info' },
        { messageId: 'undefinedTerm', level: 'info' },
      ],
    },
  ],
});
