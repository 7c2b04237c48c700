import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const declared =
  '# Domestic Homicide Review: Overview Report\n\n"Maria" is a pseudonym chosen by her mother. It is not her real name. The man who killed her is called "Adam" in this report; that is not his real name either.';

const wellFormed = [
  declared,
  '## 1. Introduction',
  '1.1 On 9 March 2023 Wendleshire Police were called to Maria\'s home. Adam was arrested. Maria was 38 years old.',
  '1.2 The Chair, Catherine Pryor, met Maria\'s mother twice. Catherine has chaired reviews since 2016.',
  '## 4. Terms of Reference',
  '4.1 The subjects of the review are Maria (victim, aged 38) and Adam (perpetrator, aged 41).',
  '## 8. The Review Panel Members',
  '| Name | Role | Agency |\n|---|---|---|\n| Catherine Pryor | Independent Chair | Independent |\n| Louise Hartley | Service Manager | Eastmere Domestic Abuse Service |',
  '## 9. Author of the Overview Report',
  '9.1 Catherine Pryor is the author. Louise assisted with the chronology.',
  '## 16. Analysis',
  '16.1 Riverside Medical Practice saw Adam eleven times. Will the agencies learn? Research by Jane Monckton Smith (2020) describes an eight-stage timeline. Maria was treated at Queen Elizabeth Hospital.',
].join('\n\n');

new RuleTester().run('pseudonym-consistency', rule, {
  valid: [
    { name: 'a declared report with the chair, author and panel named (legitimate)', md: wellFormed },
    {
      name: 'pseudonym "April" and the month',
      md: '## Introduction\n\nApril (not her real name) died in April 2019. In April 2018 April moved to Eastmere. April told her GP in May 2018.',
    },
    { name: 'role labels only ("the perpetrator"), no names', md: '## Introduction\n\nThe victim was killed by the perpetrator in 2021. The Perpetrator did not take part in the review.' },
    {
      name: 'initials and letters under a global declaration',
      md: '## Introduction\n\nAll names have been replaced by letters. Mrs B lived with her son AC and daughter BC. Mrs B told AC. Mrs B saw her friend Rose in town.',
    },
    {
      name: 'two labels declared together are one person',
      md: '## Introduction\n\nAlina (Adult H) is a pseudonym. Alina (the victim) moved to Brighton. Adult H (the victim) was known to the police.',
    },
    { name: 'place pseudonyms', md: '## Introduction\n\nSarah (not her real name) lived in Town H and later in Town N. Sarah worked in Town H.' },
    {
      name: 'settings pseudonyms with aliases and roles',
      md: '## Introduction\n\nSarah (not her real name) is the victim. Mrs A (the victim) was 54.\n\nSarah lived alone.',
      settings: { pseudonyms: [{ label: 'Sarah', aliases: ['Mrs A'], role: 'victim' }] },
    },
    {
      name: 'two names of similar spelling that are both declared',
      md: '## Introduction\n\nThe pseudonyms Daniel and Daniela were chosen by the family. Daniel and Daniela are siblings. Daniela spoke to the Chair; Daniel did not.',
    },
    { name: 'undeclared names not reported when switched off', md: `${declared}\n\n## Background\n\nMaria's sister Joanna spoke to the Chair.`, options: { undeclaredNames: 'off' } },
    {
      name: 'an agency before ", the victim" is not a second label',
      md: '## Introduction\n\nMaria and Adam are pseudonyms. The subjects are Maria (victim, aged 38) and Adam.\n\n## Analysis\n\nWhen officers called Wendleshire Police, the victim said she was safe. Maria, the victim, was 38.',
    },
    {
      name: 'a declaration need not be given when not required',
      md: '## Introduction\n\nMrs A lived alone. Mrs A worked in Eastmere. Mrs A was 54.',
      options: { requireDeclaration: false },
    },
  ],
  invalid: [
    {
      name: 'letter labels used without any declaration',
      md: '## Introduction\n\nMrs A lived alone. Mrs A worked in Eastmere. Mrs A was 54.',
      errors: [{ messageId: 'noDeclaration', line: 3, column: 1, data: { label: 'Mrs A', count: 3, example: 'Mrs A' } }],
    },
    {
      name: 'a given name used often without a declaration is masked',
      md: '## Introduction\n\nHelen lived alone. Helen worked in Eastmere. Helen saw her GP. Helen called the police. Helen died in 2022.',
      errors: [{ messageId: 'noDeclaration', data: { label: 'H•••n', count: 5, example: 'Maria' }, excerpt: 'H••en' }],
    },
    {
      name: 'a label the review settings do not know',
      md: '## Introduction\n\n"Jane" (not her real name) died in 2022. Jane lived alone.',
      settings: { pseudonyms: [{ label: 'Sarah', role: 'victim' }, { label: 'Neil', role: 'perpetrator' }] },
      errors: [{ messageId: 'unknownLabel', data: { label: 'Jane', known: '"Sarah", "Neil"' } }],
    },
    {
      name: 'two labels for the victim',
      md: '## Introduction\n\nSarah (not her real name) died in 2022.\n\n## 4. Terms of Reference\n\nThe subjects are Sarah (victim, aged 54) and Neil.\n\n## Analysis\n\nMrs A (the victim) was seen by her GP.',
      errors: [{ messageId: 'twoLabels', line: 11, data: { role: 'victim', label: 'Mrs A', other: 'Sarah' } }],
    },
    {
      name: 'near-miss spelling of a pseudonym',
      md: '## Introduction\n\nTracy (not her real name) lived in Eastmere. Tracy worked at a school. Tracy saw her GP. Tracey called the police.',
      errors: [{ messageId: 'nearMiss', line: 3, data: { variant: 'Tracey', label: 'Tracy', count: 1 } }],
    },
    {
      name: 'undeclared given names of relatives and friends',
      md: `${declared}\n\n## Background\n\nMaria's sister Joanna spoke to the Chair. Her friend Rose said Maria was frightened. Joanna said the same.`,
      errors: [
        { messageId: 'undeclaredName', level: 'info', line: 7, data: { name: 'J••••a' } },
        { messageId: 'undeclaredName', level: 'info', data: { name: 'R••e' } },
      ],
    },
    {
      name: 'who chose the names (option)',
      md: '## Introduction\n\nSarah (not her real name) died in 2022. Sarah lived alone.',
      options: { whoChose: 'info' },
      errors: [{ messageId: 'whoChose', level: 'info' }],
    },
  ],
});
