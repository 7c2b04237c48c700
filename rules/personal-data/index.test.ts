import { readFileSync } from 'node:fs';
import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

// The full Birmingham QA Panel letter (2016): Home Office and council addresses, a telephone
// number and a mailbox, all legitimate in the letter appended to a report.
const birminghamLetter = readFileSync('../shared/reference/qa-panel-letter-birmingham-2016.txt', 'utf8')
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean)
  .join('\n\n');

const confidentiality =
  '## 3. Confidentiality\n\n3.1 The findings of this review are confidential until the Home Office Quality Assurance Panel has approved the report for publication. Information was shared only with Panel members, IMR authors and the family.\n\n3.2 Pseudonyms are used for Maria and Adam. Dates of birth and addresses are not given.';

new RuleTester().run('personal-data', rule, {
  valid: [
    { name: 'the standard confidentiality paragraph', md: confidentiality },
    { name: 'the QA Panel letter appended to the report (addresses, phone, mailbox)', md: `## Appendix C – Home Office Quality Assurance Panel letter\n\n${birminghamLetter}` },
    { name: 'the QA Panel letter under an appendix heading that does not say so', md: `## 19. Recommendations\n\nText.\n\n## Appendix C\n\n${birminghamLetter}` },
    {
      name: "chair's and panel members' real names are legitimate",
      md: '## 8. The Review Panel Members\n\n| Name | Role | Agency |\n|---|---|---|\n| Catherine Pryor | Independent Chair and Author | Independent |\n| Detective Inspector Joanne Whitby | Public Protection Unit | Wendleshire Police |',
    },
    {
      name: 'ages, age bands, month and year of death, full date of death',
      md: '## 1. Introduction\n\nMaria (victim, aged 38) and Mr C (60-64) are the subjects. Maria died in March 2023; she died on 9 March 2023. Mr C was born in 1955.',
    },
    { name: 'reference numbers that fail the NHS checksum', md: '## Chronology\n\nCrime reference 4512345678 and referral 943 476 5918 were recorded.' },
    { name: 'the HMRC example NI number that is never issued', md: '## Glossary\n\nA National Insurance number looks like QQ 12 34 56 A.' },
    { name: 'motorways, partial postcodes, emergency numbers, times and dates', md: '## Chronology\n\nThey drove on the M1 towards B3. She called 999 at 01:32hrs on 12/03/2021 and 101 later.' },
    { name: 'statute and plan names with numbers', md: '## Introduction\n\nSection 9 of the Domestic Violence, Crime and Victims Act 2004 applies; the NHS 5 Year Forward View and the 16 Days of Action were considered.' },
    { name: 'a date in brackets after a death is not a date of birth', md: '## Introduction\n\nThis review concerns the death of Mrs A (9 March 2023).' },
    { name: 'a divider line of asterisks', md: '## Analysis\n\nText.\n\n\\*\\*\\*\\*\\*\n\nMore text.' },
    { name: 'an allowed helpline', md: '## Support\n\nThe National Domestic Abuse Helpline is on 0808 2000 247.', options: { allow: ['0808 2000 247'] } },
    {
      name: 'kinds switched off',
      md: '## Contacts\n\nWrite to jane.doe@example.org.',
      options: { kinds: { email: false } },
    },
    { name: 'real names are matched as whole words only', md: '## Background\n\nJanet moved to Eastmere.', settings: { realNames: ['Jane', 'Jan'] } },
  ],
  invalid: [
    {
      name: 'date of birth in the terms of reference (Bassetlaw letter)',
      md: '## 4. Terms of Reference\n\nThe subjects are Sarah (DOB 12/03/1980) and Neil.',
      errors: [{ messageId: 'dateOfBirth', level: 'error', line: 3, column: 29, section: ['4 Terms of Reference'], excerpt: '1•/••/••80' }],
    },
    {
      name: 'month and year of birth, and "born on the ..."',
      md: '## Background\n\nMaria was born in March 1980 in Lisbon. Her brother was born on the 3rd of March 1975.',
      errors: [
        { messageId: 'partialDateOfBirth', level: 'warn' },
        { messageId: 'dateOfBirth', level: 'error' },
      ],
    },
    {
      name: 'a date of birth column in a subjects table',
      md: '## 4. Terms of Reference\n\n| Name | Relationship | Date of birth |\n|---|---|---|\n| Sarah | Victim | 12/03/1980 |\n| Neil | Perpetrator | March 1978 |\n| Tom | Son | 2004 |',
      errors: [
        { messageId: 'dateOfBirth', line: 5 },
        { messageId: 'partialDateOfBirth', level: 'warn', line: 6 },
      ],
    },
    {
      name: 'a date in brackets right after a person label',
      md: '## 4. Terms of Reference\n\nThe subjects are Mrs A (12.03.1980 – 09.03.2023) and Mr B.',
      errors: [{ messageId: 'possibleDateOfBirth', level: 'warn' }],
    },
    {
      name: 'NHS number with a valid check digit; a labelled one that fails',
      md: '## Chronology\n\nHer NHS number was 943 476 5919. His NHS No. 943 476 5918 was on the form.',
      errors: [
        { messageId: 'nhsNumber', level: 'error', data: {} },
        { messageId: 'nhsNumberUnchecked', level: 'warn' },
      ],
    },
    {
      name: 'National Insurance number',
      md: '## Background\n\nHis NI number AB 12 34 56 C was on the benefit claim.',
      errors: [{ messageId: 'niNumber' }],
    },
    {
      name: 'home address, postcode, telephone number and e-mail',
      md: '## Background\n\nShe lived at 14 Orchard Road, Eastmere EM4 7QT. Her mobile was 07700 900123 and her e-mail jane.doe@example.org.',
      errors: [
        { messageId: 'contactDetail', data: { kind: 'a street address' }, excerpt: '1• ••••••• ••ad' },
        { messageId: 'contactDetail', data: { kind: 'a postcode' } },
        { messageId: 'contactDetail', data: { kind: 'a telephone number' } },
        { messageId: 'contactDetail', data: { kind: 'an e-mail address' } },
      ],
    },
    {
      name: 'organisation contacts outside the QA letter are info',
      md: '## Support\n\nThe National Domestic Abuse Helpline is on 0808 2000 247. Write to DHREnquiries@homeoffice.gov.uk or community.safety@eastmere.gov.uk, or to the Home Office, 2 Marsham Street, London SW1P 4DF.',
      errors: [
        { messageId: 'organisationalContact', level: 'info', data: { kind: 'a telephone number' } },
        { messageId: 'organisationalContact', level: 'info', data: { kind: 'an e-mail address' } },
        { messageId: 'organisationalContact', level: 'info', data: { kind: 'an e-mail address' } },
        { messageId: 'organisationalContact', level: 'info', data: { kind: 'a street address' } },
        { messageId: 'organisationalContact', level: 'info', data: { kind: 'a postcode' } },
      ],
    },
    {
      name: 'organisation contacts at full level when allowOrganisational is false',
      md: '## Support\n\nThe helpline is on 0808 2000 247.',
      options: { allowOrganisational: false },
      errors: [{ messageId: 'contactDetail', level: 'error', data: { kind: 'a telephone number' } }],
    },
    {
      name: 'contact details in the QA letter are still reported when the letter is not ignored',
      md: '## Appendix C – Home Office Quality Assurance Panel letter\n\nPlease call Jo on 07700 900456.',
      options: { ignoreSections: [] },
      errors: [{ messageId: 'contactDetail' }],
    },
    {
      name: 'a configured real name is reported without being printed',
      md: '## 4. Terms of Reference\n\nThe review concerns Jane Realname and her son.',
      settings: { realNames: ['Someone Else', 'Jane Realname'] },
      errors: [{ messageId: 'realName', data: { entry: 2 }, excerpt: 'J•••' }],
    },
    {
      name: 'a real name in the running header of a Word file',
      file: 'rules/personal-data/fixtures/header-name.docx',
      settings: { realNames: ['Jane Realname'] },
      errors: [
        { messageId: 'inRunningText', data: { where: 'header', kind: 'a real name listed in the settings' } },
        { messageId: 'inRunningText', data: { where: 'header', kind: 'a date of birth' } },
      ],
    },
    {
      name: 'redaction markers are info; blanks and masks are warnings',
      md: '## Background\n\nOn the REDACTED November 2012 she met [redacted], who lives in _ and works at XXXX. He was convicted 1111and sentenced.',
      errors: [
        { messageId: 'redactionMarker', level: 'info', data: { text: 'REDACTED' } },
        { messageId: 'redactionMarker', level: 'info', data: { text: '[redacted]' } },
        { messageId: 'redactionBlank', level: 'warn', data: { text: '_' } },
        { messageId: 'redactionBlank', level: 'warn', data: { text: 'XXXX' } },
        { messageId: 'redactionBlank', level: 'warn', data: { text: '1111' } },
      ],
    },
    {
      name: 'full dates of death at info when the partnership asks for it',
      md: '## Introduction\n\nMaria died on 9 March 2023 at her home.',
      options: { dateOfDeath: 'info' },
      errors: [{ messageId: 'dateOfDeath', level: 'info' }],
    },
    {
      name: 'plain text keeps line and column',
      text: 'INTRODUCTION\n\nThe subjects are Sarah, D.O.B. 01/02/1980, and Neil.',
      errors: [{ messageId: 'dateOfBirth', line: 3, column: 32 }],
    },
  ],
});
