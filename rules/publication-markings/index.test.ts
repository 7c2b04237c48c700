import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const body = '## 1. Introduction\n\n1.1 The review examined agency contact with Maria and Adam from 2019 to 2023, the date of her death.';
const titled = (line: string): string => `# Domestic Homicide Review: Overview Report\n\n**Eastmere Community Safety Partnership**\n\n**${line}**\n\n${body}`;
const running = (line: string): string =>
  `${body}\n\n${line}\n\n## 2. Timescales\n\nThe Panel met six times.\n\n${line}\n\n## 3. Analysis\n\nThe Panel found missed opportunities.\n\n${line}\n\nMore analysis.`;

new RuleTester().run('publication-markings', rule, {
  valid: [
    {
      name: 'the standard Confidentiality section',
      md: '## 3. Confidentiality\n\n3.1 The findings of this review are confidential until the Home Office Quality Assurance Panel has approved the report for publication. Information was available only to Panel members and IMR authors.\n\nCONFIDENTIAL until publication.',
      mode: 'publication',
    },
    { name: '"confidential" in narrative', md: '## 16. Analysis\n\nShe made a confidential disclosure to her GP.', mode: 'publication' },
    {
      name: '"draft" as a process fact (good practice)',
      md: '## 6. Involvement of Family\n\nThe draft report was shared with the family.\n\n- Draft report shared with Maria\'s mother in May 2024.',
      mode: 'publication',
    },
    {
      name: 'a glossary entry explaining the marking scheme',
      md: '## Glossary\n\n| Term | Meaning |\n|---|---|\n| GPMS | Government Protective Marking Scheme: PROTECT, RESTRICTED, CONFIDENTIAL |\n| OFFICIAL-SENSITIVE | A handling caveat |',
      mode: 'publication',
    },
    { name: 'copyright footer', md: `${body}\n\nCopyright © 2024 Standing Together Against Domestic Violence`, mode: 'publication' },
    { name: 'ordinary words that look like markings', md: '## 16. Analysis\n\nThe officer was placed on restricted duties.\n\nRestricted access was applied to the record.\n\nThe current version includes a section on coercive control.', mode: 'publication' },
    { name: 'draft labels are not reported before publication', md: titled('Draft v0.3 for panel'), mode: 'submission' },
    { name: 'OFFICIAL alone is not reported before publication', md: titled('OFFICIAL'), mode: 'draft' },
    { name: 'runningTextOnly skips the title page', md: titled('OFFICIAL-SENSITIVE'), mode: 'publication', options: { runningTextOnly: true } },
    { name: 'a Word file without markings, comments or changes', file: 'rules/publication-markings/fixtures/clean.docx', mode: 'publication' },
  ],
  invalid: [
    {
      name: 'protective marking on the title page of a publication copy',
      md: titled('OFFICIAL-SENSITIVE'),
      mode: 'publication',
      level: 'error',
      errors: [{ messageId: 'protectiveMarking', level: 'error', line: 5, data: { marking: 'OFFICIAL-SENSITIVE', where: 'is on the title page' } }],
    },
    {
      name: 'handling notice and draft label on the title page',
      md: titled('Not to be published or circulated until permission granted') + '\n\nFINAL VERSION POST QA',
      mode: 'publication',
      errors: [
        { messageId: 'handlingInstruction', level: 'error', data: { marking: 'Not to be published', where: 'is on the title page' } },
        { messageId: 'draftLabel', level: 'info', data: { marking: 'FINAL VERSION POST QA', where: 'is in the text' } },
      ],
      level: 'error',
    },
    {
      name: 'draft and version labels in publication mode',
      md: titled('Draft v0.3 for panel'),
      mode: 'publication',
      errors: [{ messageId: 'draftLabel', level: 'warn', data: { marking: 'Draft v0.3', where: 'is on the title page' } }],
    },
    {
      name: 'a marking line repeated on every page (text from a PDF)',
      md: running('RESTRICTED – Official Sensitive'),
      mode: 'publication',
      errors: [{ messageId: 'protectiveMarking', level: 'warn', line: 5, data: { marking: 'RESTRICTED', where: 'is repeated 3 times, like a running header or footer' } }],
    },
    {
      name: 'a running header fused into long paragraphs',
      md: `## 16. Analysis\n\n${Array.from({ length: 3 }, (_, i) => `16.${i + 1} OFFICIAL SENSITIVE The Panel considered the response of each agency in turn and found that information was not shared in time, and that the risk was not recognised by anyone who saw part of it.`).join('\n\n')}`,
      mode: 'publication',
      level: 'error',
      errors: [{ messageId: 'protectiveMarking', level: 'error', data: { marking: 'OFFICIAL SENSITIVE', where: 'is repeated 3 times, like a running header or footer' } }],
    },
    {
      name: 'before publication a marking is only info',
      md: titled('Restricted Until Publication'),
      errors: [{ messageId: 'handlingInstruction', level: 'info', data: { marking: 'Restricted Until Publication', where: 'is on the title page' } }],
    },
    {
      name: 'OFFICIAL alone is info in a publication copy',
      md: titled('OFFICIAL'),
      mode: 'publication',
      errors: [{ messageId: 'protectiveMarking', level: 'info' }],
    },
    {
      name: 'a document-control table',
      md: `${titled('Overview Report')}\n\n| Version | Date | Status |\n|---|---|---|\n| 0.3 | 4 March 2024 | Draft for panel |`,
      mode: 'publication',
      errors: [{ messageId: 'draftLabel', level: 'info', data: { marking: 'Draft', where: 'is in the text' } }],
    },
    {
      name: 'Word header, footer, comment and tracked change in a publication copy',
      file: 'rules/publication-markings/fixtures/marked.docx',
      mode: 'publication',
      level: 'error',
      errors: [
        { messageId: 'protectiveMarking', level: 'error', data: { marking: 'OFFICIAL-SENSITIVE', where: 'is in the page header' } },
        { messageId: 'draftLabel', level: 'warn', data: { marking: 'Draft v0.3', where: 'is in the page footer' } },
        { messageId: 'handlingInstruction', level: 'error', data: { marking: 'not to be published', where: 'is in the page footer' } },
        { messageId: 'wordComments', level: 'error', data: { count: 1 } },
        { messageId: 'trackedChanges', level: 'error', data: { count: 1 } },
      ],
    },
    {
      name: 'the same Word file before publication: info only, no draft label',
      file: 'rules/publication-markings/fixtures/marked.docx',
      mode: 'submission',
      errors: [
        { messageId: 'protectiveMarking', level: 'info' },
        { messageId: 'handlingInstruction', level: 'info' },
        { messageId: 'wordComments', level: 'info' },
        { messageId: 'trackedChanges', level: 'info' },
      ],
    },
    {
      name: 'the rule option mode overrides the shared setting',
      md: titled('DRAFT'),
      options: { mode: 'publication' },
      errors: [{ messageId: 'draftLabel', level: 'warn', data: { marking: 'DRAFT', where: 'is on the title page' } }],
    },
    {
      name: 'custom markings',
      md: titled('For CSP board only'),
      options: { markings: [{ pattern: 'for csp board only', level: 'warn' }] },
      errors: [{ messageId: 'customMarking', level: 'warn', data: { marking: 'For CSP board only', where: 'is on the title page' } }],
    },
  ],
});
