import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const TITLE = '# Domestic Homicide Review: Overview Report\n\nEastmere Community Safety Partnership.\n\n';
const TOR =
  'The review examines agency contact with Maria and Adam from 1 January 2019 to 9 March 2023. ' +
  'The subjects of the review are Maria (victim) and Adam (perpetrator).\n\n' +
  'The key lines of enquiry were:\n\n' +
  '- What did each agency know about domestic abuse, including coercive control?\n' +
  '- How did agencies share information?\n';
const INTRO = 'On 9 March 2023 Maria was killed at her home by her partner, Adam, who was later convicted of her murder.';
const ANALYSIS =
  'The police did not recognise coercive control in November 2021. The GP saw signs of coercive control but did not ask. ' +
  'Housing did not ask about coercive control when Maria asked about leaving.';

function report(parts: { intro?: string; tor?: string | null; analysis?: string; torAfter?: boolean; appendix?: string } = {}): string {
  const tor = parts.tor === null ? '' : `## 2. Terms of Reference\n\n${parts.tor ?? TOR}\n\n`;
  return (
    TITLE +
    `## 1. Introduction\n\n${parts.intro ?? INTRO}\n\n` +
    (parts.torAfter ? '' : tor) +
    `## 3. Analysis\n\n${parts.analysis ?? ANALYSIS}\n\n` +
    (parts.torAfter ? tor : '') +
    `## 4. Conclusions\n\nThe Panel concluded that there were missed opportunities.\n` +
    (parts.appendix ?? '')
  );
}

new RuleTester().run('terms-of-reference', rule, {
  valid: [
    { name: 'long fictional report (Word)', file: 'fixtures/long-report/report-styled.docx' },
    { name: 'long fictional report (Markdown)', file: 'fixtures/long-report/report.md' },
    { name: 'complete terms of reference before the analysis', md: report() },
    {
      name: 'terms of reference as an unheaded numbered list in the introduction',
      md: report({
        tor: null,
        intro:
          INTRO +
          '\n\nThe terms of reference agreed by the Panel were as follows:\n\n1. to examine contact with Maria and Adam between 2019 and 2023;\n2. to consider whether agencies recognised coercive control;\n3. to identify good practice.',
      }),
    },
    {
      name: 'full terms of reference in an appendix with a summary in the body',
      md: report({
        tor: 'The review covers the period from January 2019 to March 2023; the full terms of reference are at Appendix 1.',
        appendix: '\n## Appendix 1 – Terms of Reference\n\n' + TOR,
      }),
    },
    {
      name: '"domestic abuse" as the umbrella term, with the statutory definition adopted',
      md: report({
        tor:
          'The review examines contact with Maria (victim) and Adam from 2019 to 2023, using the definition of domestic abuse in the Domestic Abuse Act 2021.\n\n- Did agencies recognise domestic abuse?\n- Did they share information?',
      }),
    },
    {
      name: 'coercive control mentioned only twice is not relied on',
      md: report({
        tor: 'The review examines contact with Maria (victim) and Adam from 2019 to 2023.\n\n- Did agencies recognise domestic abuse?\n- Did they share information?',
        analysis: 'The police did not recognise coercive control. The GP saw signs of coercive control.',
      }),
    },
    {
      name: 'suicide named in the terms of reference',
      md: report({ tor: TOR + '- How did agencies respond to Maria’s risk of suicide?\n' }),
      settings: { deathType: 'suicide' },
    },
    {
      name: 'homicide followed by the perpetrator’s suicide: the victim did not die by suicide',
      md: report({ intro: 'On 9 March 2023 Adam killed Maria at their home and then took his own life.' }),
    },
    {
      name: 'a perpetrator’s suicide threats are not the victim’s death by suicide',
      md: report({ intro: INTRO + ' Adam had threatened suicide several times when Maria tried to leave.' }),
    },
    {
      name: 'death type set to homicide: the text is not searched for suicide',
      md: report({ intro: 'Maria died by suicide in March 2023, after years of abuse.' }),
      settings: { deathType: 'homicide' },
    },
    {
      name: 'position "anywhere" accepts terms of reference after the analysis',
      md: report({ torAfter: true }),
      options: { position: 'anywhere' },
    },
    {
      name: 'subjects named by pseudonym from the settings, lines of enquiry as questions',
      md: report({
        tor: 'The review covers the five years before Maria’s death. Did agencies know of the abuse? Did they share what they knew? Were procedures followed?',
        analysis: 'The police response was prompt.',
      }),
      settings: { pseudonyms: [{ label: 'Maria' }] },
    },
    {
      name: 'executive summary with its own terms of reference',
      md:
        '# Domestic Homicide Review: Executive Summary\n\n## The Review Process\n\nThe review was commissioned in 2023.\n\n## Terms of Reference\n\n' +
        TOR +
        '\n## Conclusions\n\nThe Panel concluded that there were missed opportunities.\n',
    },
    {
      name: 'an empty terms-of-reference heading is left to overview-sections',
      md: report({ tor: 'N/A' }),
    },
  ],
  invalid: [
    {
      name: 'defective report (Word): late, no period, coercive control not named',
      file: 'rules/overview-sections/fixtures/defective-report.docx',
      errors: [
        { messageId: 'late', section: ['15 Terms of Reference'], data: { section: '"15 Terms of Reference"', where: 'after the analysis ("14 Analysis")' } },
        { messageId: 'noPeriod', section: ['15 Terms of Reference'] },
        { messageId: 'termMissing', section: ['15 Terms of Reference'], data: { section: '"15 Terms of Reference"', term: 'coercive control', count: 3 } },
      ],
    },
    {
      name: 'defective report (PDF): late, no period, coercive control not named',
      file: 'rules/overview-sections/fixtures/defective-report.pdf',
      errors: [
        { messageId: 'late', page: 3 },
        { messageId: 'noPeriod', page: 3 },
        { messageId: 'termMissing', page: 3 },
      ],
    },
    {
      name: 'no terms of reference at all',
      md: report({ tor: null }),
      errors: [{ messageId: 'missing', level: 'info' }],
    },
    {
      name: 'terms of reference after the analysis',
      md: report({ torAfter: true }),
      errors: [
        {
          messageId: 'late',
          level: 'warn',
          section: ['2 Terms of Reference'],
          data: { section: '"2 Terms of Reference"', where: 'after the analysis ("3 Analysis")' },
        },
      ],
    },
    {
      name: 'terms of reference only in an appendix',
      md: report({ tor: null, appendix: '\n## Appendix 1 – Terms of Reference\n\n' + TOR }),
      errors: [
        {
          messageId: 'late',
          section: ['Appendix 1 Terms of Reference'],
          data: { section: '"Appendix 1 Terms of Reference"', where: 'in an appendix, after the analysis ("3 Analysis")' },
        },
      ],
    },
    {
      name: 'position "main-body": an appendix is not enough',
      md: report({ tor: null, intro: 'Maria died in 2023.', appendix: '\n## Appendix 1 – Terms of Reference\n\n' + TOR }),
      options: { position: 'main-body' },
      errors: [{ messageId: 'late', data: { section: '"Appendix 1 Terms of Reference"', where: 'in an appendix' } }],
    },
    {
      name: 'terms of reference with no period, no subjects and no lines of enquiry',
      md: report({ tor: 'This section sets out the scope agreed by the panel at its first meeting.', analysis: 'The police response was prompt.' }),
      errors: [
        { messageId: 'noPeriod', section: ['2 Terms of Reference'], data: { section: '"2 Terms of Reference"' } },
        { messageId: 'noSubjects', data: { section: '"2 Terms of Reference"' } },
        { messageId: 'noLinesOfEnquiry', data: { section: '"2 Terms of Reference"' } },
      ],
    },
    {
      name: 'death by suicide (setting) not named in the terms of reference',
      md: report({ intro: 'Maria died in March 2023.' }),
      settings: { deathType: 'suicide' },
      errors: [{ messageId: 'noSuicide', data: { section: '"2 Terms of Reference"', basis: 'the deathType setting says so' } }],
    },
    {
      name: 'death by suicide (said in the introduction) not named in the terms of reference',
      md: report({ intro: 'In March 2023 Maria took her own life. She had experienced years of abuse from her partner.' }),
      errors: [{ messageId: 'noSuicide', data: { section: '"2 Terms of Reference"', basis: 'as "1 Introduction" says' } }],
    },
    {
      name: 'the report relies on coercive control but the terms of reference do not name it',
      md: report({ tor: 'The review examines contact with Maria (victim) and Adam from 2019 to 2023.\n\n- Did agencies recognise domestic abuse?\n- Did they share information?' }),
      errors: [{ messageId: 'termMissing', level: 'warn', data: { section: '"2 Terms of Reference"', term: 'coercive control', count: 3 } }],
    },
    {
      name: 'a term configured with its own patterns',
      md: report({ analysis: 'Adam stalked Maria at work. The stalking continued. Police did not record the stalking.' }),
      options: { requireTerms: [{ term: 'stalking', patterns: ['\\bstalk(ing|ed)\\b'] }] },
      errors: [{ messageId: 'termMissing', data: { section: '"2 Terms of Reference"', term: 'stalking', count: 3 } }],
    },
    {
      name: 'an unheaded terms of reference paragraph is checked too',
      md: report({ tor: null, intro: 'The terms of reference included the following: to examine how agencies worked together.' }),
      errors: [
        { messageId: 'noPeriod', section: ['1 Introduction'], data: { section: 'the paragraph in "1 Introduction"' } },
        { messageId: 'noSubjects', section: ['1 Introduction'] },
        { messageId: 'termMissing', data: { section: 'the paragraph in "1 Introduction"', term: 'coercive control', count: 3 } },
      ],
    },
  ],
});
