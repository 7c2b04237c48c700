import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const preface =
  '## Preface\n\nThe Panel offers its sympathy to Maria\'s family. Her family describe Maria as warm and funny; she loved cooking for other people.';

const full =
  '## 6. Involvement of Family and Friends\n\n' +
  "6.1 The Chair wrote to Maria's mother and sisters, enclosing the Home Office leaflet, and offered a specialist advocate from AAFDA (Advocacy After Fatal Domestic Abuse). Maria's mother accepted.\n\n" +
  '6.2 The Chair met Maria\'s mother and elder sister twice, with an interpreter. They read the draft report and their comments have been included.\n\n' +
  "6.3 Two of Maria's friends spoke to the Chair by telephone.";

function report(family: string, extra = ''): string {
  return `# Overview Report\n\n${preface}\n\n## 5. Methodology\n\nAgencies wrote IMRs.\n\n${family}${extra ? `\n\n${extra}` : ''}`;
}

new RuleTester().run('family-involvement', rule, {
  valid: [
    // The fictional, well-formed long report (fixtures/long-report) as Word and as PDF: no finding.
    { name: 'well-formed long report, Word without heading styles', file: 'fixtures/long-report/report-unstyled.docx' },
    { name: 'well-formed long report, PDF', file: 'fixtures/long-report/report.pdf' },
    { name: 'contact, participation, advocacy and the draft all described', md: report(full) },
    {
      name: 'the family declined to take part',
      md: report("## 6. Involvement of Family and Friends\n\nThe Chair wrote to Maria's mother and brother through the police, enclosing the Home Office leaflet. They chose not to take part in the review, and the Panel respects their decision."),
    },
    {
      name: 'no family could be traced',
      md: report('## 6. Contact with Family and Friends\n\nDespite enquiries by the police and the coroner, no family members could be traced.'),
    },
    {
      name: 'family involvement described in the methodology, with no section of its own',
      md:
        "# Overview Report\n\n" + preface + "\n\n## 5. Methodology\n\nThe Chair wrote to Helen's daughter and sister and offered them an AAFDA advocate. The Chair met them three times, and they read the draft report before it was submitted.",
    },
    {
      name: '"family" in Family Court, family home and Family Liaison Officer elsewhere in a complete report',
      md: report(full, '## 13. Background\n\nThe Family Court made a child arrangements order. The family home was sold in 2020, and the Family Liaison Officer supported the family after the death.'),
    },
    {
      name: 'a heading the shared synonyms miss: "Family engagement"',
      md: report(full.replace('## 6. Involvement of Family and Friends', '## 6. Family engagement')),
    },
    {
      name: 'attempts to contact the family failed',
      md: report("## 6. Contact with Family and Friends\n\nThe Chair wrote to Maria's brother three times and asked the police to pass on a letter, but was unable to make contact with him."),
    },
    {
      name: 'other wordings: informed through the police, a written statement, the final report read with the Chair',
      md: report(
        "## 6. Involvement of Family and Friends\n\nMaria's mother was informed of the review by the police. Supported by a Victim Support Homicide Service caseworker, she provided a written statement and went through the final report with the Chair before it was submitted.",
      ),
    },
    {
      name: 'a separate executive summary that does not describe the family',
      md: '# Executive Summary\n\n## 1. The Review Process\n\nThe review followed the statutory guidance.',
    },
    {
      name: 'only some elements required by option',
      md: report("## 6. Involvement of Family and Friends\n\nThe Chair wrote to Maria's mother and met her twice."),
      options: { require: ['contact', 'participation'] },
    },
    {
      name: 'a tribute section of its own',
      md: `# Overview Report\n\n## A tribute to Maria\n\nWritten by her mother.\n\n${full}`,
    },
    {
      name: 'tribute check switched off',
      md: `# Overview Report\n\n## 1. Introduction\n\nThe review concerns the death of a woman in March 2023.\n\n${full}`,
      options: { tribute: 'off' },
    },
  ],
  invalid: [
    {
      name: 'no account of the family at all',
      md: '# Overview Report\n\n' + preface.replace("The Panel offers its sympathy to Maria's family. ", '') + '\n\n## 5. Methodology\n\nAgencies wrote IMRs and a learning event was held.',
      errors: [{ messageId: 'missing', section: ['5 Methodology'] }],
    },
    {
      name: '"family" only in Family Court, family home and Family Liaison Officer',
      md:
        '# Overview Report\n\n## Preface\n\nShe loved her garden.\n\n## 5. Methodology\n\nThe review read the Family Court file and visited the family home with the Family Liaison Officer.',
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'the family was written to, but nothing more is said',
      md: report("## 6. Involvement of Family and Friends\n\nThe Chair wrote to Maria's mother."),
      errors: [
        {
          messageId: 'incomplete',
          section: ['6 Involvement of Family and Friends'],
          data: {
            section: '"6 Involvement of Family and Friends"',
            items:
              'who took part, and how (meetings, calls, written accounts); whether specialist advocacy (for example from AAFDA) was offered; or whether the family saw the draft report and could comment on it',
          },
        },
      ],
    },
    {
      name: "the perpetrator's refusal is not the family declining",
      md: report(
        "## 6. Involvement of Family and Friends\n\n### 6.1 Maria's family\n\nThe Chair wrote to Maria's mother and met her twice. She read the draft report.\n\n### 6.2 The perpetrator\n\nThe Chair wrote to Adam in prison. He declined.",
      ),
      errors: [{ messageId: 'incomplete', data: { section: '"6 Involvement of Family and Friends"', items: 'whether specialist advocacy (for example from AAFDA) was offered' } }],
    },
    {
      name: "the victim's IDVA is not advocacy for the family",
      md: report(
        "## 6. Involvement of Family and Friends\n\nThe Chair met Maria's sister, who read the draft report. She said Maria had been supported by an Independent Domestic Violence Advocate in 2022.",
      ),
      errors: [{ messageId: 'incomplete', data: { section: '"6 Involvement of Family and Friends"', items: 'whether specialist advocacy (for example from AAFDA) was offered' } }],
    },
    {
      name: 'a decline of one offer only satisfies that offer',
      md: report("## 6. Involvement of Family and Friends\n\nThe Chair met Maria's mother twice. She declined the offer of an advocate."),
      errors: [{ messageId: 'incomplete', data: { section: '"6 Involvement of Family and Friends"', items: 'whether the family saw the draft report and could comment on it' } }],
    },
    {
      name: 'an empty family section',
      md: report('## 6. Involvement of Family and Friends\n\n## 7. Contributors\n\nAgencies.'),
      errors: [{ messageId: 'incomplete' }],
    },
    {
      name: 'no tribute or pen portrait anywhere',
      md: `# Overview Report\n\n## 1. Introduction\n\nThe review concerns the death of a woman in March 2023.\n\n${full}`,
      errors: [{ messageId: 'noTribute', level: 'info', section: ['1 Introduction'] }],
    },
  ],
});
