import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const analysed =
  '## 11. Equality and Diversity\n\n' +
  "11.1 The Panel considered each protected characteristic and asked how it affected Maria's access to help.\n\n" +
  '11.2 Sex. Maria was a woman killed by a male partner; the Panel read agency responses with that in mind, because most victims of domestic homicide are women.\n\n' +
  '11.3 Race. Maria was born in Portugal. The GP did not offer her an interpreter, which was a real barrier to disclosure.\n\n' +
  '11.4 Disability. Adam had depression and Maria was recorded as his carer; agencies assumed she was a carer rather than a person at risk.\n\n' +
  '11.5 Age, gender reassignment, marriage and civil partnership, pregnancy and maternity, religion or belief and sexual orientation were considered; the Panel found no evidence that they affected the responses in this case.';

const bareList =
  '## 11. Equality and Diversity\n\n' +
  'The nine protected characteristics under the Equality Act 2010 are age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation.';

const report = (ed: string, extra = ''): string => `# Overview Report\n\n## 1. Introduction\n\nText.\n\n${ed}${extra ? `\n\n${extra}` : ''}`;

new RuleTester().run('equality-diversity', rule, {
  valid: [
    // The fictional, well-formed long report (fixtures/long-report) as Word and as PDF: no finding.
    { name: 'well-formed long report, Word without heading styles', file: 'fixtures/long-report/report-unstyled.docx' },
    { name: 'well-formed long report, PDF', file: 'fixtures/long-report/report.pdf' },
    { name: 'each characteristic analysed or found not relevant', md: report(analysed) },
    {
      name: 'sub-headed by characteristic',
      md: report(
        '## 11. Equality and Diversity\n\n### 11.1 Approach\n\nThe Panel considered all nine protected characteristics in the Equality Act 2010: age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation, and whether each affected the responses Helen received; the Panel found that age, disability and sex were relevant.\n\n' +
          '### 11.2 Age\n\nHelen was 54. Practitioners did not see an employed woman in a long marriage as someone at high risk; that assumption affected the response.\n\n' +
          '### 11.3 Disability\n\nHer arthritis made her dependent on Keith, which increased his control.',
      ),
    },
    {
      name: 'equality discussed under Conclusions, with no section of its own',
      md: report(
        '## 17. Conclusions\n\n17.1 The Panel considered the protected characteristics in the Equality Act 2010. Sex is relevant because Maria was a woman killed by a man; her race and first language were barriers to disclosure.\n\n17.2 Her disability affected how agencies saw her: as a carer, not a victim.\n\n17.3 Age, gender reassignment, marriage, pregnancy, religion or belief and sexual orientation were not relevant.',
      ),
    },
    {
      name: '"sexual abuse", "aged 54" and "Disability Living Allowance" are not characteristics considered',
      md: report(analysed, '## 13. Background\n\nMaria, aged 38, disclosed sexual abuse in 2021. Adam received Disability Living Allowance.'),
    },
    {
      name: 'a table of characteristics with findings',
      md: report(
        '## 11. Equality and Diversity\n\nThe Panel considered every protected characteristic and whether it affected the help Maria received or how agencies responded to her; the findings are in the table below.\n\n| Characteristic | Finding |\n|---|---|\n| Age | Not relevant. |\n| Disability | Not relevant: no condition was recorded. |\n| Gender reassignment | Not relevant. |\n| Marriage and civil partnership | Not relevant. |\n| Pregnancy and maternity | Not relevant. |\n| Race | Relevant: no interpreter was offered, which was a barrier. |\n| Religion or belief | Not relevant. |\n| Sex | Relevant: she was a woman killed by a man, and agencies did not recognise the gendered risk. |\n| Sexual orientation | Not relevant. |',
      ),
    },
    {
      name: 'a separate executive summary without an equality section',
      md: '# Executive Summary\n\n## 1. The Review Process\n\nThe review followed the statutory guidance.',
    },
    {
      name: 'mention of each not required by option',
      md: report(
        '## 11. Equality and Diversity\n\nSex was relevant: Maria was a woman killed by a male partner, and the Panel considered whether agencies recognised the gendered nature of the abuse. Race was also relevant, because no interpreter was offered and Adam spoke for her, which was a barrier to disclosure that no agency recognised.',
      ),
      options: { requireEach: 'off' },
    },
  ],
  invalid: [
    {
      name: 'no equality and diversity anywhere',
      md: '# Overview Report\n\n## 1. Introduction\n\nText.\n\n## 10. Parallel Reviews\n\nThe inquest was adjourned.',
      errors: [{ messageId: 'missing', section: ['10 Parallel Reviews'], data: { victim: 'the victim' } }],
    },
    {
      name: 'equality named in passing in the methodology, never discussed',
      md: '# Overview Report\n\n## 5. Methodology\n\nThe review had regard to the Equality Act 2010 throughout.\n\n## 16. Analysis\n\nThe police response was slow.',
      errors: [{ messageId: 'missing', section: ['5 Methodology'] }],
    },
    {
      name: 'the nine characteristics only listed',
      md: report(bareList),
      errors: [
        {
          messageId: 'listedNotAnalysed',
          level: 'warn',
          section: ['11 Equality and Diversity'],
          data: {
            section: '"11 Equality and Diversity"',
            list: 'age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation',
            victim: 'the victim',
          },
        },
        { messageId: 'tooShort', data: { section: '"11 Equality and Diversity"', words: 29, victim: 'the victim' } },
      ],
    },
    {
      name: 'a bulleted list with no analysis',
      md: report(`## 11. Equality and Diversity\n\nThe protected characteristics are:\n\n- age\n- disability\n- gender reassignment\n- marriage and civil partnership\n- pregnancy and maternity\n- race\n- religion or belief\n- sex\n- sexual orientation`),
      settings: { pseudonyms: [{ label: 'Maria', role: 'victim' }] },
      errors: [{ messageId: 'listedNotAnalysed', level: 'warn' }, { messageId: 'tooShort', data: { section: '"11 Equality and Diversity"', words: 22, victim: 'Maria' } }],
    },
    {
      name: 'some analysed, others only named: info',
      md: report(
        `${analysed.split('\n\n11.5')[0]}\n\n11.5 Religion or belief and sexual orientation.\n\n11.6 Age, gender reassignment, marriage and civil partnership, pregnancy and maternity were considered; the Panel found no evidence that they were relevant.`,
      ),
      errors: [{ messageId: 'listedNotAnalysed', level: 'info', data: { section: '"11 Equality and Diversity"', list: 'religion or belief and sexual orientation', victim: 'the victim' } }],
    },
    {
      name: 'characteristics never mentioned',
      md: report(
        "## 11. Equality and Diversity\n\n11.1 Sex. Maria was a woman killed by a male partner, and the Panel considered whether agencies recognised the gendered nature of the abuse. 11.2 Race. Maria was born in Portugal; no interpreter was offered, and this was a barrier to disclosure that agencies did not recognise.",
      ),
      errors: [
        {
          messageId: 'notMentioned',
          level: 'info',
          data: {
            section: '"11 Equality and Diversity"',
            list: 'age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, religion or belief and sexual orientation',
            victim: 'the victim',
          },
        },
      ],
    },
    {
      name: 'a one-line dismissal',
      md: report('## 11. Equality and Diversity\n\nNo equality issues were identified in this review.'),
      errors: [{ messageId: 'notMentioned' }, { messageId: 'tooShort', data: { section: '"11 Equality and Diversity"', words: 8, victim: 'the victim' } }],
    },
    {
      name: 'an empty equality section',
      md: report('## 11. Equality and Diversity\n\n## 12. Dissemination\n\nCopies.'),
      errors: [{ messageId: 'tooShort', data: { section: '"11 Equality and Diversity"', words: 0, victim: 'the victim' } }],
    },
    {
      name: 'custom characteristics and a lower word threshold',
      md: report('## 11. Equality and Diversity\n\nImmigration status was a barrier to help.'),
      options: {
        minWords: 5,
        characteristics: [
          { id: 'immigration', label: 'immigration status', patterns: ['\\bimmigration\\b'] },
          { id: 'rurality', label: 'rurality', patterns: ['\\brural\\w*'] },
        ],
      },
      errors: [{ messageId: 'notMentioned', data: { section: '"11 Equality and Diversity"', list: 'rurality', victim: 'the victim' } }],
    },
  ],
});
