import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

new RuleTester().run('abuse-terminology', rule, {
  valid: [
    { name: 'statute name', md: '## Introduction\n\nThe Domestic Violence, Crime and Victims Act 2004 requires a review to be held.' },
    { name: 'statute name without the comma', md: '## Introduction\n\nSection 9 of the Domestic Violence Crime and Victims Act 2004 applies.' },
    { name: 'DVPN/DVPO scheme names', md: '## Analysis\n\nOfficers did not consider a Domestic Violence Protection Notice or a domestic violence protection order.' },
    { name: 'disclosure scheme', md: '## Analysis\n\nNo application was made under the Domestic Violence Disclosure Scheme (Clare\'s Law).' },
    { name: 'organisation names in Title Case', md: '## Contributors\n\nEastmere Domestic Violence Service and Standing Together Against Domestic Violence contributed.' },
    { name: 'IDVA role name', md: '## Analysis\n\nAn Independent Domestic Violence Advisor (IDVA) was allocated.' },
    {
      name: 'the quoted 2013 definition',
      md: '## Terms of Reference\n\nThe cross-government definition of domestic violence and abuse is: "any incident or pattern of incidents of controlling, coercive, threatening behaviour, violence or abuse".',
    },
    { name: 'a definitions section', md: '## Definitions\n\nDomestic violence is now called domestic abuse in law.' },
    { name: 'talking about the term', md: '## Introduction\n\nThis report uses domestic abuse rather than domestic violence.' },
    { name: 'quoted coroner wording', md: '## Parallel reviews\n\nThe coroner recorded that he "committed suicide".' },
    { name: 'domestic as an adjective', md: '## Analysis\n\nOfficers attended a domestic abuse incident and completed a domestic abuse risk assessment.' },
    { name: 'domestic and sexual violence strategy', md: '## Analysis\n\nThe domestic and sexual violence strategy was renewed in 2020.' },
    { name: 'so-called honour-based abuse', md: '## Analysis\n\nThe Panel considered so-called honour-based abuse and found no evidence of it.' },
    { name: 'so-called with the word honour quoted', md: '## Analysis\n\nThe Panel considered so-called \'honour\' killing.' },
    { name: 'DASH checklist title', md: '## Analysis\n\nThe Domestic Abuse, Stalking and Harassment and Honour Based Violence checklist was used.' },
    { name: 'alleged before a conviction', md: '## Introduction\n\nThe alleged perpetrator died before trial.' },
    { name: 'conviction check off', md: '## Introduction\n\nHe was convicted of her murder. The alleged perpetrator had no previous record.', options: { conviction: 'off' } },
    { name: 'an ignored name from options', md: '## Contributors\n\nThe county domestic violence forum contributed.', options: { ignoreNames: ['county domestic violence forum'] } },
    { name: 'record wording in a chronology table', md: '## Chronology\n\n| Date | Event |\n|---|---|\n| 2019 | Police log a DV incident; domestic violence risk assessment standard |' },
    { name: 'a disabled term', md: '## Analysis\n\nShe was in an abusive relationship.', options: { disable: ['abusive-relationship'] } },
  ],
  invalid: [
    {
      name: 'generic domestic violence',
      md: '## Analysis\n\nThe GP did not ask about domestic violence.',
      errors: [
        {
          messageId: 'term',
          level: 'info',
          line: 3,
          column: 26,
          data: {
            text: 'domestic violence',
            preferred: 'domestic abuse',
            note: '"domestic violence" suggests only physical, one-off acts; the Domestic Abuse Act 2021 definition also covers coercive control and economic, psychological and emotional abuse.',
            context: '',
          },
        },
      ],
    },
    {
      name: 'abusive relationship names the declared people',
      md: '"Amira" is a pseudonym. The man who killed her is called "Dan".\n\n## Analysis\n\nAmira had been in an abusive relationship for years.',
      errors: [
        {
          messageId: 'term',
          data: {
            text: 'abusive relationship',
            preferred: 'abusive partner" or "Dan\'s abuse of Amira',
            note: 'a person is abusive, not a relationship: the phrase spreads responsibility to both partners.',
            context: '',
          },
        },
      ],
    },
    {
      name: 'domestic as a noun',
      md: '## Chronology\n\nOfficers attended a domestic at the address.',
      errors: [{ messageId: 'term', excerpt: 'a domestic' }],
    },
    {
      name: 'committed suicide, and a failed suicide attempt',
      md: '## Background\n\nHis brother committed suicide in 2010. In 2019 he made a failed suicide attempt.',
      errors: [
        { messageId: 'term', excerpt: 'committed suicide' },
        { messageId: 'term', excerpt: 'failed suicide attempt' },
      ],
    },
    {
      name: 'honour killing without so-called',
      md: '## Analysis\n\nThe Panel asked whether this was an honour killing.',
      errors: [{ messageId: 'term', excerpt: 'honour killing' }],
    },
    {
      name: 'Domestic violence at a sentence start',
      md: '## Analysis\n\nDomestic violence was not discussed at the appointment.',
      errors: [{ messageId: 'term', excerpt: 'Domestic violence' }],
    },
    {
      name: 'quoted text reported with quoted: same',
      md: '## Analysis\n\nThe IMR says the GP "did not suspect domestic violence".',
      options: { quoted: 'same' },
      errors: [{ messageId: 'term', excerpt: 'domestic violence' }],
    },
    {
      name: 'alleged after a conviction',
      md: '## Introduction\n\nIn 2023 he was convicted of her murder.\n\n## Analysis\n\nThe alleged perpetrator had no previous record.',
      errors: [{ messageId: 'alleged', data: { text: 'alleged perpetrator' } }],
    },
    {
      name: 'in a table row outside the chronology',
      md: '## Analysis\n\n| Date | Event |\n|---|---|\n| 2019 | GP records domestic violence concern |',
      errors: [{ messageId: 'term', line: 5 }],
    },
  ],
});
