import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const good = [
  '# Overview Report',
  '## 1. Introduction',
  'Text.',
  '## 2. Timescales',
  '### 2.1 Decision',
  'Text.',
  '### 2.2 Delay',
  'Text.',
  '## 3. Terms of Reference',
  'Text.',
].join('\n\n');

new RuleTester().run('heading-numbering', rule, {
  valid: [
    { name: 'clean decimal numbering', md: good },
    { name: 'unnumbered headings', md: '## The Review Process\n\nText.\n\n## The Facts\n\nText.' },
    {
      name: 'paragraph numbering shared with headings: gaps are paragraphs, not missing headings',
      md: '## 1. Introduction\n\n1.1 The review was commissioned in 2023.\n\n1.2 It followed the guidance.\n\n### 1.3 Purpose\n\n1.4 The purpose is set out below.',
    },
    {
      name: 'appendices restart their numbering',
      md: '## 1. Introduction\n\nText.\n\n## 2. Analysis\n\nText.\n\n## Appendix A Terms of Reference\n\n### 1. Scope\n\nText.\n\n### 2. Period\n\nText.',
    },
    { name: 'gaps allowed by option', md: '## 1. Introduction\n\n## 3. Analysis', options: { allowGaps: true } },
    {
      name: 'a sentence starting with a count is not a numbered paragraph',
      md: '## 1. Introduction\n\n3 police officers attended.\n\n## 2. Analysis\n\n2 visits were made.',
    },
    {
      name: 'contents list that matches the body (with dot leaders and page numbers)',
      md: '## Contents\n\n1. Introduction ........ 3\n2. Timescales .......... 4\n\n## 1. Introduction\n\nText.\n\n## 2. Timescales\n\nText.',
    },
    {
      name: 'roman prefatory sections before a decimal body',
      md: '# Front\n\n## (i) Preface\n\nText.\n\n# Overview Report\n\n## 1. Introduction\n\nText.',
      options: { allowMixedStyles: true },
    },
    {
      name: 'word numbering used consistently',
      md: '## Section One – Introduction\n\nText.\n\n## Section Two – The Facts\n\nText.',
    },
    {
      name: 'plain-text report with numbered headings',
      text: '1. INTRODUCTION\n\nThe review.\n\n2. TIMESCALES\n\nDates.\n\n2.1 Decision to hold a review\n\nText.',
    },
  ],
  invalid: [
    {
      name: 'duplicate section numbers (7, 8, 7, 8 as in a published report)',
      md: '## 7. Analysis\n\nA.\n\n## 8. Conclusions\n\nB.\n\n## 7. Lessons\n\nC.',
      errors: [
        { messageId: 'duplicate', line: 9, data: { number: '7', title: 'Lessons', firstTitle: 'Analysis' } },
      ],
    },
    {
      name: 'gap at the same level',
      md: good.replace('### 2.2 Delay', '### 2.4 Delay'),
      errors: [{ messageId: 'gap', data: { number: '2.4', previous: '2.1', missing: '2.2' }, section: ['2 Timescales', '2.4 Delay'] }],
    },
    {
      name: 'first child numbered 2',
      md: '## 4. Analysis\n\n### 4.2 Police\n\nText.',
      errors: [{ messageId: 'gap', data: { number: '4.2', previous: '4', missing: '4.1' } }],
    },
    {
      name: 'numbering goes backwards',
      md: '## 1. Introduction\n\n## 3. Analysis\n\n## 2. Timescales',
      options: { allowGaps: true },
      errors: [{ messageId: 'decrease', data: { number: '2', previous: '3' }, line: 5 }],
    },
    {
      name: 'child number from another section',
      md: '## 4. Analysis\n\n### 4.1 Police\n\n## 5. Conclusions\n\n### 4.2 Health',
      errors: [{ messageId: 'parentMismatch', data: { number: '4.2', parent: '5' } }],
    },
    {
      name: 'mixed numbering styles at one level',
      md: '## 1. Introduction\n\nA.\n\n## 2. Timescales\n\nB.\n\n## Section Three – Analysis\n\nC.',
      errors: [{ messageId: 'mixedStyle', data: { level: 2, style: 'words (Section Four)', usual: 'decimal numbers (4.1)' } }],
    },
    {
      name: 'contents table names a heading the body lacks, and another with a different number',
      md: '## Contents\n\n| No. | Section | Page |\n|---|---|---|\n| 1 | Introduction | 3 |\n| 3 | Methodology | 4 |\n| 4 | Chronology | 5 |\n\n## 1. Introduction\n\nA.\n\n## 2. Methodology\n\nB.',
      errors: [
        { messageId: 'contentsNumber', data: { title: 'Methodology', contents: '3', body: '2' } },
        { messageId: 'contentsMissing', data: { title: 'Chronology' } },
      ],
    },
    {
      name: 'duplicate numbered paragraphs',
      md: '## 1. Introduction\n\n1.1 First.\n\n1.2 Second.\n\n1.2 Third.',
      errors: [{ messageId: 'duplicate', line: 7 }],
    },
  ],
});
