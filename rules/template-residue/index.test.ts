import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

new RuleTester().run('template-residue', rule, {
  valid: [
    { name: 'ordinary prose', md: '## Conclusions\n\nThe panel found three missed opportunities.' },
    {
      name: 'the word "insert" in ordinary prose',
      md: '## Recommendations\n\nThe trust will insert a routine-enquiry question into its triage form.',
    },
    {
      name: 'square brackets used for an editorial insertion in a quote',
      md: '## Analysis\n\nThe officer wrote that "[Adult A] appeared calm and [the children] were asleep".',
    },
    {
      name: 'TBC inside the action plan is left to the action-plan rules',
      md: '## Appendix A Action Plan\n\n| Recommendation | Target date |\n|---|---|\n| Audit referrals | TBC |',
    },
    {
      name: 'TBC in an action plan part introduced by its own heading',
      md: '# Action Plan\n\n| Action | Lead agency | Target date |\n|---|---|---|\n| Train staff | Eastmere Trust | TBA |\n\n## Notes\n\nDates TBC at the next panel.',
    },
    {
      name: 'ordinary brackets with "as required" are prose',
      md: '## Methodology\n\nThe Panel met monthly (and more often as required by the chair).',
    },
    {
      name: 'lower-case "tbc" as part of a word is not flagged',
      md: '## Background\n\nShe worked at the tbcafe in town.',
    },
    {
      name: 'a declared pseudonym that looks like a placeholder',
      md: '## Introduction\n\nThe review concerns {{Adult X}} who lived in Eastmere.',
      settings: { pseudonyms: [{ label: '{{Adult X}}' }] },
    },
    {
      name: 'a full CSP name is not a broken one',
      md: '## Introduction\n\nEastmere Community Safety Partnership (CSP) commissioned this review.',
    },
    {
      name: 'ignored section',
      md: '## Glossary\n\nTBC: to be confirmed.',
      options: { ignoreSections: ['glossary'] },
    },
    {
      name: 'other area names are only checked when the own area is configured',
      md: '## Introduction\n\nAnna moved from Westshire to Eastmere in 2015.',
      options: { otherAreas: ['Westshire'] },
    },
    {
      name: 'plain text without residue',
      text: '1. INTRODUCTION\n\n1.1 The review was commissioned in March 2023.',
    },
  ],
  invalid: [
    {
      name: 'template note in a heading',
      md: '## Conclusions and key issues (Add issues as required)',
      errors: [{ messageId: 'residue', data: { text: '(Add issues as required)' }, line: 1, column: 31, endColumn: 55, section: ['Conclusions and key issues (Add issues as required)'] }],
    },
    {
      name: 'insert placeholder and Word field error in body text',
      md: '# Report\n\n## 3. Timescales\n\nThe panel first met on [Insert date].\n\nSee section 4 (Error! Bookmark not defined.).',
      errors: [
        { messageId: 'residue', data: { text: '[Insert date]' }, line: 5, column: 24, section: ['Report', '3 Timescales'] },
        { messageId: 'fieldError', data: { text: 'Error! Bookmark not defined.' }, line: 7, column: 16 },
      ],
    },
    {
      name: 'Word content control placeholder and date placeholder',
      md: '## Introduction\n\nClick here to enter text. The death occurred on dd/mm/yyyy.',
      errors: [
        { messageId: 'fieldError', data: { text: 'Click here to enter text.' }, column: 1 },
        { messageId: 'residue', data: { text: 'dd/mm/yyyy' } },
      ],
    },
    {
      name: 'TBC outside the action plan',
      md: '## Timescales\n\nThe review was completed in TBC.',
      errors: [{ messageId: 'unfinished', data: { text: 'TBC' }, line: 3, column: 29 }],
    },
    {
      name: 'residue in a table row is reported on the row',
      md: '## Review Panel\n\n| Name | Agency |\n|---|---|\n| Jo Smith | [Name of agency] |',
      errors: [{ messageId: 'residue', data: { text: '[Name of agency]' }, line: 5, excerpt: '[Name of agency]' }],
    },
    {
      name: 'broken CSP name is a warning',
      md: '## Introduction\n\nEastmere Community Partnership (CSP) commissioned the review.',
      errors: [{ messageId: 'brokenCspName', level: 'warn', data: { text: 'Community Partnership (CSP)' } }],
    },
    {
      name: 'another area named when the review is for a configured one',
      md: '## Introduction\n\nAnna was a resident of the London Borough of Westshire.',
      options: { otherAreas: ['London Borough of Westshire'] },
      settings: { area: { localAuthority: 'Eastmere Borough Council' } },
      errors: [{ messageId: 'otherArea', level: 'warn', data: { text: 'London Borough of Westshire', area: 'Eastmere Borough Council' } }],
    },
    {
      name: 'other template notes of the same shape',
      md: '## Dissemination\n\nThe report was sent to (Add recipients as required).',
      errors: [{ messageId: 'residue', data: { text: '(Add recipients as required)' } }],
    },
    {
      name: 'extra patterns from options',
      md: '## Introduction\n\nPARAGRAPH TO BE WRITTEN BY CHAIR',
      options: { patterns: ['to be written by chair'] },
      errors: [{ messageId: 'residue', data: { text: 'TO BE WRITTEN BY CHAIR' } }],
    },
    {
      name: 'plain text keeps line and column',
      text: 'INTRODUCTION\n\nThe review began on XX/XX/XXXX and\nended on [insert date].',
      errors: [
        { messageId: 'residue', line: 3, column: 21, data: { text: 'XX/XX/XXXX' } },
        { messageId: 'residue', line: 4, column: 10, data: { text: '[insert date]' } },
      ],
    },
  ],
});
