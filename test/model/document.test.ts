import { describe, expect, it } from 'vitest';
import { ReportDocument } from '../../src/model/document.js';
import { readMarkdown } from '../../src/readers/markdown.js';
import { readText } from '../../src/readers/text.js';

function md(source: string): ReportDocument {
  return new ReportDocument({ ...readMarkdown(new TextEncoder().encode(source)), file: 't.md', format: 'markdown' });
}
function txt(source: string): ReportDocument {
  return new ReportDocument({ ...readText(new TextEncoder().encode(source)), file: 't.txt', format: 'text' });
}

const REPORT = `# Domestic Homicide Review: Overview Report into the death of Anna

## Contents

- Introduction
- Terms of Reference

## 1. Introduction

1.1 This review examines contact with Anna.

1.2 Second paragraph.

## 2. Review Process and Timescales

Text.

## 4. Terms of Reference

### 4.1 Scope

The review period runs from 2019 to 2023.

## 9. Conclusions and Recommendations

The panel concluded.

## Appendix A – Action Plan

| Recommendation | Action | Lead agency | Target date |
|---|---|---|---|
| 1 | Train staff | Police | March 2025 |

## Appendix B Letter from the Home Office Quality Assurance Panel

Dear Chair,
`;

describe('ReportDocument outline', () => {
  const doc = md(REPORT);
  it('numbers, titles and levels of sections', () => {
    const outline = doc.sections.slice(1).map((s) => [s.number ?? '', s.title, s.level]);
    expect(outline).toEqual([
      ['', 'Domestic Homicide Review: Overview Report into the death of Anna', 1],
      ['', 'Contents', 2],
      ['1', 'Introduction', 2],
      ['2', 'Review Process and Timescales', 2],
      ['4', 'Terms of Reference', 2],
      ['4.1', 'Scope', 3],
      ['9', 'Conclusions and Recommendations', 2],
      ['Appendix A', 'Action Plan', 2],
      ['Appendix B', 'Letter from the Home Office Quality Assurance Panel', 2],
    ]);
  });
  it('matches template ids by meaning, combined headings giving several', () => {
    const ids = Object.fromEntries(doc.sections.slice(1).map((s) => [s.title, s.templateIds]));
    expect(ids['Contents']).toEqual(['contents']);
    expect(ids['Review Process and Timescales']).toContain('timescales');
    expect(ids['Terms of Reference']).toEqual(['terms-of-reference']);
    expect(ids['Conclusions and Recommendations']).toEqual(expect.arrayContaining(['conclusions', 'recommendations']));
    expect(ids['Action Plan']).toEqual(['action-plan']);
    expect(ids['Letter from the Home Office Quality Assurance Panel']).toEqual(['qa-letter']);
  });
  it('detects the document kind and its parts', () => {
    expect(doc.kind).toBe('overview');
    expect(doc.parts.map((p) => p.kind)).toEqual(['front-matter', 'overview', 'action-plan', 'qa-letter']);
  });
  it('gives blocks section-relative paragraph numbers and line:column', () => {
    const second = doc.blocks.find((b) => b.text.startsWith('1.2'))!;
    expect(second.location).toMatchObject({ line: 12, column: 1, sectionParagraph: 2 });
    // The document's title heading is left out of section paths.
    expect(doc.sectionPath(second.section).map((s) => doc.sectionLabel(s))).toEqual(['1 Introduction']);
    expect(doc.titleSection?.title).toBe('Domestic Homicide Review: Overview Report into the death of Anna');
  });
  it('reads tables with a header row', () => {
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]!.header).toEqual(['Recommendation', 'Action', 'Lead agency', 'Target date']);
    expect(doc.tables[0]!.rows[0]!.cells).toEqual(['1', 'Train staff', 'Police', 'March 2025']);
    expect(doc.tables[0]!.rows[0]!.location.line).toBe(32);
  });
  it('finds sections by template id and section text', () => {
    const tor = doc.sectionsById('terms-of-reference')[0]!;
    expect(doc.textOf(tor)).toContain('The review period runs from 2019 to 2023.');
    expect(doc.isWithin(doc.sections.find((s) => s.title === 'Scope')!, 'terms-of-reference')).toBe(true);
  });
});

describe('document kinds and parts', () => {
  it('reads an executive summary from its title and matches summary-only ids', () => {
    const doc = md('# Executive Summary\n\n## The Review Process\n\nText.\n\n## Summary of Chronology\n\nText.');
    expect(doc.kind).toBe('executive-summary');
    expect(doc.sections.map((s) => s.templateIds).flat()).toEqual(['review-process', 'summary-chronology']);
  });
  it('splits an overview holding an executive summary into parts', () => {
    const doc = md('# Overview Report\n\nCover.\n\n# Executive Summary\n\nES1.\n\n# 1. Introduction\n\nText.\n\n# 2. Analysis\n\nText.');
    expect(doc.parts.map((p) => p.kind)).toEqual(['overview', 'executive-summary', 'overview']);
  });
  it('skips the contents list when guessing the kind', () => {
    const doc = md('## Contents\n\nExecutive Summary\n\n## 1. Introduction\n\nText.');
    expect(doc.kind).toBe('overview');
  });
});

describe('directives', () => {
  it('disable / enable ranges and disable-next', () => {
    const doc = md(
      'A.\n\n<!-- dhr-lint-disable template-residue -- quoting the template on purpose -->\n\nB.\n\nC.\n\n<!-- dhr-lint-enable -->\n\nD.\n\n<!-- dhr-lint-disable-next heading-numbering -->\n\nE.\n\nF.',
    );
    const texts = (s: { from: number; to: number }) => doc.blocks.slice(s.from, s.to).map((b) => b.text);
    expect(doc.suppressions.map((s) => [s.rules, texts(s), s.reason])).toEqual([
      [['template-residue'], ['B.', 'C.'], 'quoting the template on purpose'],
      [['heading-numbering'], ['E.'], undefined],
    ]);
  });
  it('a disable with no rule silences all rules to the end', () => {
    const doc = md('A.\n\n<!-- dhr-lint-disable -->\n\nB.');
    expect(doc.suppressions).toEqual([expect.objectContaining({ rules: [], from: 1, to: 2 })]);
  });
});

describe('text helpers', () => {
  const doc = md('## Analysis\n\nThe IMR states: she was difficult. Mr. Jones said "it was a row" to the officer. Dr. Patel agreed.\n\n> Quoted block.');
  const para = doc.blocks[1]!;
  it('splits sentences, not at abbreviations', () => {
    expect(doc.sentences(para).map((s) => s.text)).toEqual([
      'The IMR states: she was difficult.',
      'Mr. Jones said "it was a row" to the officer.',
      'Dr. Patel agreed.',
    ]);
  });
  it('marks quoted and attributed text', () => {
    const start = para.text.indexOf('it was a row');
    expect(doc.isQuoted(para, { start, end: start + 12 })).toBe(true);
    const own = para.text.indexOf('to the officer');
    expect(doc.isQuoted(para, { start: own, end: own + 5 })).toBe(false);
    expect(doc.quotations(para).some((q) => q.kind === 'attributed')).toBe(true);
    expect(doc.isQuoted(doc.blocks[2]!)).toBe(true);
  });
  it("does not take apostrophes for quotation marks", () => {
    const d = md("She didn't call the police; the officers' notes say little.");
    expect(d.quotations(d.blocks[0]!)).toEqual([]);
  });
});

describe('plain text reader', () => {
  it('recognises numbered, capitalised and known-title headings and keeps positions', () => {
    const doc = txt('EXECUTIVE SUMMARY\n\n1. Introduction\nThe review began.\n\n1.1 Purpose of the Review\n\nIt looks at 2019.\n\nGlossary\n\nIDVA: adviser.');
    expect(doc.sections.slice(1).map((s) => [s.number ?? '', s.title, s.level, s.heading!.data.headingSource])).toEqual([
      ['', 'EXECUTIVE SUMMARY', 1, 'known-title'],
      ['1', 'Introduction', 1, 'numbering'],
      ['1.1', 'Purpose of the Review', 2, 'numbering'],
      ['', 'Glossary', 1, 'known-title'],
    ]);
    const body = doc.blocks.find((b) => b.text === 'The review began.')!;
    expect(body.location).toMatchObject({ line: 4, column: 1 });
  });
  it('does not take numbered prose paragraphs for headings', () => {
    const doc = txt('4.2 The police attended the address and spoke to both parties.\n\n4.3 On 3 May the GP saw Anna.');
    expect(doc.sections).toHaveLength(1);
  });
});

describe('list items', () => {
  it('keep the number of ordered items and the nesting depth', () => {
    const doc = md('## 19. Recommendations\n\n3. Train staff.\n4. Audit referrals.\n   - sub point\n\n- bullet');
    expect(doc.blocks.filter((b) => b.within.list).map((b) => [b.text, b.listItem])).toEqual([
      ['Train staff.', { ordered: true, number: 3, depth: 1 }],
      ['Audit referrals.', { ordered: true, number: 4, depth: 1 }],
      ['sub point', { ordered: false, number: undefined, depth: 2 }],
      ['bullet', { ordered: false, number: undefined, depth: 1 }],
    ]);
  });
});

describe('kind detection edge cases', () => {
  it('a title naming both documents is an overview with a summary part', () => {
    const doc = md('# Overview Report and Executive Summary\n\n## Executive Summary\n\nES.\n\n## 1. Introduction\n\nText.\n\n## 2. Analysis\n\nText.');
    expect(doc.kind).toBe('overview');
    expect(doc.parts.map((p) => p.kind)).toContain('executive-summary');
  });
  it('a long overview that opens with its executive summary stays an overview', () => {
    const long = 'Words of the analysis. '.repeat(3500);
    const doc = md(`# Executive Summary\n\nES1.\n\n# 1. Introduction\n\n${long}\n\n# 2. Analysis\n\n${long}\n\n# 3. Conclusions\n\n${long}`);
    expect(doc.kind).toBe('overview');
    expect(doc.parts.map((p) => p.kind)).toEqual(['executive-summary', 'overview']);
  });
  it('a short summary with numbered sections stays a summary', () => {
    const doc = md('# Executive Summary\n\nText.\n\n# 1. The Review Process\n\nText.\n\n# 2. Terms of Reference\n\nText.\n\n# 3. Conclusions\n\nText.');
    expect(doc.kind).toBe('executive-summary');
  });
  it('a title heading gets no section id other than title-page', () => {
    const doc = md('# Domestic Homicide Review\n\n## 1. Introduction\n\nText.\n\n## 2. Analysis\n\nText.');
    expect(doc.titleSection?.templateIds).toEqual([]);
  });
  it('"Appendices" starts the appendix part', () => {
    const doc = md('## 1. Introduction\n\nText.\n\n## Appendices\n\nA list.');
    expect(doc.parts.map((p) => p.kind)).toEqual(['overview', 'appendix']);
  });
});
