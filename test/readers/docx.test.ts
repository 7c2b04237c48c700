import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ISectionOptions,
} from 'docx';
import type { Root, RootContent } from 'mdast';
import { readDocx } from '../../src/readers/docx/index.js';
import { ReadError } from '../../src/readers/errors.js';
import { ReportDocument } from '../../src/model/document.js';
import type { ReaderResult } from '../../src/model/types.js';

type DocOptions = ConstructorParameters<typeof Document>[0];

async function docx(children: ISectionOptions['children'], options: Partial<DocOptions> = {}, section: Partial<ISectionOptions> = {}): Promise<Uint8Array> {
  const doc = new Document({ ...options, sections: [{ ...section, children }] } as DocOptions);
  return new Uint8Array(await Packer.toBuffer(doc));
}

function build(result: ReaderResult): ReportDocument {
  return new ReportDocument({ ...result, file: 'x.docx', format: 'docx' });
}

function outline(doc: ReportDocument): string[] {
  return doc.sections.slice(1).map((s) => `${s.level}|${s.number ?? ''}|${s.title}`);
}


const bold = (text: string, size = 24): Paragraph => new Paragraph({ children: [new TextRun({ text, bold: true, size })] });
const body = (text: string): Paragraph => new Paragraph({ children: [new TextRun({ text, size: 22 })] });

const LONG = 'On this occasion, Adult Social Care shared information about a DASH risk assessment with the police.';

async function expectReadError(bytes: Uint8Array, pattern: RegExp, limits?: Parameters<typeof readDocx>[1]): Promise<void> {
  const error = await readDocx(bytes, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toContain('\n');
}

describe('readDocx: headings', () => {
  it('reads Word heading styles (with typed numbers) as declared headings', async () => {
    const bytes = await docx([
      new Paragraph({ text: 'Domestic Homicide Review', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: '1. Introduction', heading: HeadingLevel.HEADING_1 }),
      body(LONG),
      new Paragraph({ text: '1.1 Purpose', heading: HeadingLevel.HEADING_2 }),
      body(LONG),
      new Paragraph({ text: '2. Terms of Reference', heading: HeadingLevel.HEADING_1 }),
    ]);
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(outline(doc)).toEqual(['1||Domestic Homicide Review', '1|1|Introduction', '2|1.1|Purpose', '1|2|Terms of Reference']);
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.every((h) => h.data.headingSource === 'style' && !h.data.probable)).toBe(true);
    expect(doc.sectionsById('terms-of-reference')).toHaveLength(1);
  });

  it('guesses unstyled bold/larger numbered lines, "Section Four", "Appendix B" and capitals', async () => {
    const bytes = await docx([
      bold('EXECUTIVE SUMMARY', 28),
      body(LONG),
      bold('4. Terms of Reference', 28),
      bold('4.1 Scope of the review', 24),
      body(`4.2 ${LONG}`),
      body('1. Police'),
      bold('Section Four', 28),
      body(LONG),
      bold('Appendix B', 28),
      body(LONG),
    ]);
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(outline(doc)).toEqual([
      '1||Executive Summary'.replace('Executive Summary', 'EXECUTIVE SUMMARY'),
      '1|4|Terms of Reference',
      '2|4.1|Scope of the review',
      '1|Section Four|',
      '1|Appendix B|',
    ]);
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.every((h) => h.data.probable === true)).toBe(true);
    expect(headings.find((h) => h.text.startsWith('4.1'))!.data.headingSource).toBe('numbering');
    // the numbered body paragraph and the plain short numbered line stay paragraphs
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && b.text.startsWith('4.2 On this occasion'))).toBe(true);
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && b.text === '1. Police')).toBe(true);
    expect(result.notes.join(' ')).toMatch(/headings? guessed/);
  });

  it('recovers Word automatic numbers from numbering.xml (start values, levels, counters)', async () => {
    const numbering = {
      config: [
        {
          reference: 'dhr',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 4, alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', start: 1, alignment: AlignmentType.START },
          ],
        },
      ],
    };
    const num = (text: string, level: number, isBold: boolean): Paragraph =>
      new Paragraph({ numbering: { reference: 'dhr', level }, children: [new TextRun({ text, bold: isBold, size: isBold ? 28 - level * 4 : 22 })] });
    const bytes = await docx(
      [
        num('Terms of Reference', 0, true),
        num('Scope', 1, true),
        num(LONG, 1, false),
        num('Methodology', 0, true),
        num(LONG, 1, false),
      ],
      { numbering },
    );
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(outline(doc)).toEqual(['1|4|Terms of Reference', '2|4.1|Scope', '1|5|Methodology']);
    const paras = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text.slice(0, 20));
    expect(paras).toEqual(['4.2 On this occasion', '5.1 On this occasion']);
    const heading = doc.blocks.find((b) => b.text === 'Scope')!;
    expect(heading.data).toMatchObject({ number: '4.1', headingSource: 'numbering', probable: true });
  });

  it('recovers numbers of heading styles linked to a numbering definition', async () => {
    const numbering = {
      config: [
        {
          reference: 'h',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 1 },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', start: 1 },
          ],
        },
      ],
    };
    const bytes = await docx(
      [
        new Paragraph({ text: 'Introduction', heading: HeadingLevel.HEADING_1, numbering: { reference: 'h', level: 0 } }),
        new Paragraph({ text: 'Purpose', heading: HeadingLevel.HEADING_2, numbering: { reference: 'h', level: 1 } }),
        new Paragraph({ text: 'Timescales', heading: HeadingLevel.HEADING_2, numbering: { reference: 'h', level: 1 } }),
        new Paragraph({ text: 'Terms of Reference', heading: HeadingLevel.HEADING_1, numbering: { reference: 'h', level: 0 } }),
      ],
      { numbering },
    );
    const doc = build(await readDocx(bytes));
    expect(outline(doc)).toEqual(['1|1|Introduction', '2|1.1|Purpose', '2|1.2|Timescales', '1|2|Terms of Reference']);
  });

  it('keeps the table of contents as paragraphs under "Contents", never as headings', async () => {
    const bytes = await docx([
      bold('Contents', 28),
      body('1. Introduction\t3'),
      body('2. Terms of Reference\t5'),
      body('2.1 Scope\t5'),
      new Paragraph({ children: [new PageBreak()] }),
      bold('1. Introduction', 28),
      body(LONG),
      bold('2. Terms of Reference', 28),
      body(LONG),
      bold('2.1 Scope', 24),
    ]);
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(outline(doc)).toEqual(['1||Contents', '1|1|Introduction', '1|2|Terms of Reference', '2|2.1|Scope']);
    expect(doc.sections[1]!.blocks.map((b) => b.text)).toEqual(['1. Introduction\t3', '2. Terms of Reference\t5', '2.1 Scope\t5']);
    expect(result.notes.join(' ')).toMatch(/table of contents recognised \(3 entries\)/);
  });

  it('treats TOC-styled paragraphs as contents entries in a styled document', async () => {
    const bytes = await docx(
      [
        new Paragraph({ text: 'Introduction\t2', style: 'TOC1' }),
        new Paragraph({ text: 'Purpose\t2', style: 'TOC2' }),
        new Paragraph({ text: 'Introduction', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ text: 'Purpose', heading: HeadingLevel.HEADING_2 }),
      ],
      {
        styles: {
          paragraphStyles: [
            { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', run: { bold: true } },
            { id: 'TOC2', name: 'toc 2', basedOn: 'Normal' },
          ],
        },
      },
    );
    const doc = build(await readDocx(bytes));
    expect(outline(doc)).toEqual(['1||Contents', '1||Introduction', '2||Purpose']);
    expect(doc.sections[1]!.blocks).toHaveLength(2);
  });
});

describe('readDocx: a cover page in a document without heading styles', () => {
  const centred = (text: string, size: number, isBold = true): Paragraph =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: isBold, size })] });
  const PSEUDONYMS = '"Rose" is a pseudonym chosen by her family. Her partner is called "Dan" in this report. Neither is a real name, and no other person in the report is named.';

  it('reads the cover lines as front matter and keeps their big fonts out of heading levels', async () => {
    const bytes = await docx([
      centred('Northfield Community Safety Partnership', 32),
      centred('Domestic Homicide Review', 52),
      centred('Overview Report', 40),
      centred('Report into the death of Rose, who died in March 2024', 28),
      centred('12 May 2025', 24, false),
      body(PSEUDONYMS),
      new Paragraph({ children: [new PageBreak()] }),
      bold('Executive Summary', 28),
      body(LONG),
      bold('1. Introduction', 28),
      bold('1.1 Purpose of the review', 24),
      body(LONG),
      bold("Rose's family", 24),
      body(LONG),
    ]);
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(outline(doc)).toEqual(['1||Executive Summary', '1|1|Introduction', '2|1.1|Purpose of the review', "2||Rose's family"]);
    const front = doc.root.blocks.map((b) => b.text);
    expect(front.slice(0, 5)).toEqual([
      'Northfield Community Safety Partnership',
      'Domestic Homicide Review',
      'Overview Report',
      'Report into the death of Rose, who died in March 2024',
      '12 May 2025',
    ]);
    expect(doc.parts[0]!.kind).toBe('front-matter');
    expect(doc.parts.find((p) => p.kind === 'executive-summary')?.title).toBe('Executive Summary');
    expect(result.notes.join('\n')).toMatch(/cover page: 6 paragraphs read as front matter/);
  });

  it('reads a title block on the same page as the body as front matter when no prose comes between', async () => {
    const bytes = await docx([
      centred('Domestic Homicide Review', 40),
      centred('Overview Report', 32),
      bold('1. Introduction', 28),
      body(LONG),
      bold('1.1 Scope', 24),
      body(LONG),
      bold('2. Timescales', 28),
      body(LONG),
    ]);
    const doc = build(await readDocx(bytes));
    expect(outline(doc)).toEqual(['1|1|Introduction', '2|1.1|Scope', '1|2|Timescales']);
    expect(doc.root.blocks.map((b) => b.text)).toEqual(['Domestic Homicide Review', 'Overview Report']);
  });

  it('keeps bold headings with text under them before the first numbered section (not a cover)', async () => {
    const bytes = await docx([
      bold('Background to the review', 28),
      body(`${LONG} ${LONG}`),
      bold('Her life', 28),
      body(`${LONG} ${LONG}`),
      bold('1. Introduction', 28),
      body(LONG),
    ]);
    const result = await readDocx(bytes);
    expect(outline(build(result))).toEqual(['1||Background to the review', '1||Her life', '1|1|Introduction']);
    expect(result.notes.join('\n')).not.toMatch(/cover page/);
  });

  it('leaves a document whose first line is already a section alone', async () => {
    const bytes = await docx([bold('Introduction', 28), body(LONG), bold('1. Terms of Reference', 28), body(LONG)]);
    expect(outline(build(await readDocx(bytes)))).toEqual(['1||Introduction', '1|1|Terms of Reference']);
  });
});

describe('readDocx: blocks', () => {
  it('reads tables with a header row and expands merged cells', async () => {
    const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number } = {}): TableCell =>
      new TableCell({ children: [new Paragraph(text)], ...opts });
    const bytes = await docx([
      body('Action plan'),
      new Table({
        rows: [
          new TableRow({ children: ['Recommendation', 'Action', 'Lead agency', 'Target date'].map((t) => cell(t)) }),
          new TableRow({ children: [cell('1. Review DASH use', { rowSpan: 2 }), cell('Audit DASH forms'), cell('Police'), cell('March 2024')] }),
          new TableRow({ children: [cell('Deliver training'), cell('Police and CSP', { columnSpan: 2 })] }),
        ],
      }),
      body('After the table'),
    ]);
    const result = await readDocx(bytes);
    const doc = build(result);
    const table = doc.tables[0]!;
    expect(table.header).toEqual(['Recommendation', 'Action', 'Lead agency', 'Target date']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['1. Review DASH use', 'Audit DASH forms', 'Police', 'March 2024'],
      ['1. Review DASH use', 'Deliver training', 'Police and CSP', 'Police and CSP'],
    ]);
    expect(table.block.data.docxRows).toEqual([0, 1, 2]);
    expect(table.rows.map((r) => r.location.docxRow)).toEqual([1, 2]);
    expect(table.block.data.docxParagraph).toBe(1);
  });

  it('places footnotes right after the paragraph that cites them', async () => {
    const bytes = await docx(
      [
        new Paragraph({ children: [new TextRun('The police attended.'), new FootnoteReferenceRun(1)] }),
        body('Next paragraph.'),
        new Paragraph({ children: [new TextRun('A second note.'), new FootnoteReferenceRun(2)] }),
      ],
      {
        footnotes: {
          1: { children: [new Paragraph('See the IMR, paragraph 4.')] },
          2: { children: [new Paragraph('Home Office guidance 2016.')] },
        },
      },
    );
    const result = await readDocx(bytes);
    const types = result.tree.children.map((n) => n.type);
    expect(types).toEqual(['paragraph', 'footnoteDefinition', 'paragraph', 'paragraph', 'footnoteDefinition']);
    const first = result.tree.children[0] as Extract<RootContent, { type: 'paragraph' }>;
    expect(first.children.some((c) => c.type === 'footnoteReference')).toBe(true);
    const doc = build(result);
    const note = doc.blocks.find((b) => b.within.note)!;
    expect(note.text).toBe('See the IMR, paragraph 4.');
    expect(note.data).toMatchObject({ note: 'footnote', docxParagraph: 0 });
  });

  it('reads tracked changes as accepted and says so', async () => {
    const date = '2024-01-01T00:00:00Z';
    const bytes = await docx([
      new Paragraph({
        children: [
          new TextRun('The police '),
          new InsertedTextRun({ text: 'did', id: 1, author: 'Chair', date }),
          new DeletedTextRun({ text: 'did not', id: 2, author: 'Chair', date }),
          new TextRun(' attend.'),
        ],
      }),
      body('Untouched.'),
    ]);
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(doc.blocks[0]!.text).toBe('The police did attend.');
    expect(doc.blocks[0]!.data.trackedChanges).toBe(true);
    expect(doc.blocks[1]!.data.trackedChanges).toBeUndefined();
    expect(result.notes).toContain('2 tracked changes read as accepted');
  });

  it('turns a dhr-lint-disable comment into disable data on every paragraph it covers', async () => {
    const bytes = await docx(
      [
        body('Before.'),
        new Paragraph({ children: [new CommentRangeStart(0), new TextRun('Quoted from the IMR: he was a perpetrator.')] }),
        new Paragraph({ children: [new TextRun('Still quoted.'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] }),
        new Paragraph({ children: [new CommentRangeStart(1), new TextRun('Dash variant.'), new CommentRangeEnd(1), new TextRun({ children: [new CommentReference(1)] })] }),
        body('After.'),
      ],
      {
        comments: {
          children: [
            { id: 0, author: 'Chair', children: [new Paragraph('dhr-lint-disable victim-blaming, person-first -- quoted from the IMR')] },
            { id: 1, author: 'Chair', children: [new Paragraph('dhr-lint-disable jargon – Word turned the dashes into an en dash')] },
          ],
        },
      },
    );
    const result = await readDocx(bytes);
    expect(result.comments).toEqual([
      { author: 'Chair', text: 'dhr-lint-disable victim-blaming, person-first -- quoted from the IMR' },
      { author: 'Chair', text: 'dhr-lint-disable jargon – Word turned the dashes into an en dash' },
    ]);
    const doc = build(result);
    const disables = doc.blocks.map((b) => b.data.disable);
    expect(disables[0]).toBeUndefined();
    expect(disables[1]).toEqual([{ rules: ['victim-blaming', 'person-first'], reason: 'quoted from the IMR' }]);
    expect(disables[2]).toEqual(disables[1]);
    expect(disables[3]).toEqual([{ rules: ['jargon'], reason: 'Word turned the dashes into an en dash' }]);
    expect(disables[4]).toBeUndefined();
    expect(doc.suppressions.filter((s) => s.rules.includes('victim-blaming')).map((s) => s.from)).toEqual([1, 2]);
  });

  it('keeps headers and footers out of the body and returns them as furniture', async () => {
    const bytes = await docx([body('Body text.')], {}, {
      headers: { default: new Header({ children: [new Paragraph('OFFICIAL-SENSITIVE')] }) },
      footers: { default: new Footer({ children: [new Paragraph('Page footer text')] }) },
    });
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(doc.blocks.map((b) => b.text)).toEqual(['Body text.']);
    expect(result.furniture).toEqual({ headers: ['OFFICIAL-SENSITIVE'], footers: ['Page footer text'] });
  });

  it('gives every block the index of its w:p in document.xml, and no page from hard breaks alone', async () => {
    const bytes = await docx([
      body('First.'),
      new Paragraph(''),
      new Table({
        rows: [
          new TableRow({ children: [new TableCell({ children: [new Paragraph('A')] }), new TableCell({ children: [new Paragraph('B')] })] }),
          new TableRow({ children: [new TableCell({ children: [new Paragraph('C')] }), new TableCell({ children: [new Paragraph('D')] })] }),
        ],
      }),
      new Paragraph({ children: [new TextRun('Second.'), new PageBreak()] }),
      body('On page two.'),
    ]);
    // Independent count: the n-th <w:p> start tag of word/document.xml.
    const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']);
    const starts = [...xml.matchAll(/<w:p[\s>/]/g)].map((m) => m.index!);
    const textAt = (i: number): string => /<w:t[^>]*>([^<]*)/.exec(xml.slice(starts[i]!))![1]!;
    const result = await readDocx(bytes);
    const doc = build(result);
    const blocks = doc.blocks.map((b) => [b.kind, b.data.docxParagraph, b.data.page]);
    // A hard page break without Word's rendered page breaks says too little to number pages.
    expect(blocks).toEqual([
      ['paragraph', 0, undefined],
      ['table', 2, undefined],
      ['paragraph', 6, undefined],
      ['paragraph', 7, undefined],
    ]);
    expect(result.pages).toBeUndefined();
    expect(textAt(0)).toBe('First.');
    expect(textAt(2)).toBe('A');
    expect(textAt(6)).toBe('Second.');
    expect(textAt(7)).toBe('On page two.');
  });
});

describe('readDocx: a Word-saved shape (TOC field, text box, rendered page breaks)', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
  const p = (style: string, inner: string): string => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${inner}</w:p>`;
  const r = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
  const tocEntry = (text: string, page: number): string =>
    p('TOC1', `<w:hyperlink w:anchor="_Toc1">${r(text)}<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r(String(page))}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>`);
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:mc="${MC}"><w:body>
<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>
${p('TOCHeading', r('Contents'))}
<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc0">${r('Introduction')}<w:r><w:tab/></w:r>${r('2')}</w:hyperlink></w:p>
${tocEntry('Terms of Reference', 3)}
<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
</w:sdtContent></w:sdt>
${p('Heading1', `<w:r><w:lastRenderedPageBreak/></w:r>${r('Introduction')}`)}
<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>${r('Boxed text')}</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p>${r('Boxed text')}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
${p('Heading1', `${r('Terms of')}<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"> Reference</w:t></w:r>`)}
<w:p>${r('The panel agreed the terms.')}<w:ins w:id="9" w:author="A" w:date="2024-01-01T00:00:00Z">${r(' Later.')}</w:ins></w:p>
<w:sectPr/></w:body></w:document>`;
  const stylesXml = `<?xml version="1.0"?><w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>`;
  const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const bytes = zipSync({
    'word/document.xml': strToU8(documentXml),
    'word/styles.xml': strToU8(stylesXml),
    'word/_rels/document.xml.rels': strToU8(rels),
  });

  it('keeps the TOC field entries as paragraphs, reads the text box once, counts pages', async () => {
    const result = await readDocx(bytes);
    const doc = build(result);
    expect(outline(doc)).toEqual(['1||Contents', '1||Introduction', '1||Terms of Reference']);
    expect(doc.sections[1]!.blocks.map((b) => b.text.replace(/\t/g, ' '))).toEqual(['Introduction 2', 'Terms of Reference 3']);
    const boxed = doc.blocks.find((b) => b.text === 'Boxed text')!;
    // the text box paragraph points at its mc:Choice copy (what Word shows), not the fallback
    expect(boxed.data.docxParagraph).toBe(6);
    expect(doc.blocks.filter((b) => b.text === 'Boxed text')).toHaveLength(1);
    expect(doc.blocks.find((b) => b.text === 'Introduction' && b.kind === 'heading')!.data.page).toBe(2);
    const tor = doc.blocks.find((b) => b.text === 'Terms of Reference' && b.kind === 'heading')!;
    expect(tor.data.page).toBe(2);
    expect(doc.blocks[doc.blocks.length - 1]!.data).toMatchObject({ page: 3, trackedChanges: true });
    expect(result.pages).toBe(3);
    expect(result.notes).toContain('1 tracked change read as accepted');
  });
});

describe('readDocx: lists and merged paragraphs', () => {
  it('reads bullets and simple numbered lists as mdast lists', async () => {
    const numbering = {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•' }] },
        { reference: 'letters', levels: [{ level: 0, format: LevelFormat.LOWER_LETTER, text: '(%1)' }] },
      ],
    };
    const bytes = await docx(
      [
        body('Agencies involved:'),
        new Paragraph({ text: 'Police', numbering: { reference: 'bullets', level: 0 } }),
        new Paragraph({ text: 'Adult Social Care', numbering: { reference: 'bullets', level: 0 } }),
        new Paragraph({ text: 'first option', numbering: { reference: 'letters', level: 0 } }),
        new Paragraph({ text: 'second option', numbering: { reference: 'letters', level: 0 } }),
      ],
      { numbering },
    );
    const result = await readDocx(bytes);
    const lists = result.tree.children.filter((n): n is Extract<RootContent, { type: 'list' }> => n.type === 'list');
    expect(lists.map((l) => [l.ordered, l.children.length])).toEqual([
      [false, 2],
      [true, 2],
    ]);
    const doc = build(result);
    expect(doc.blocks.filter((b) => b.within.list).map((b) => [b.text, b.data.docxParagraph])).toEqual([
      ['Police', 1],
      ['Adult Social Care', 2],
      ['first option', 3],
      ['second option', 4],
    ]);
  });

  it('joins a paragraph whose mark was deleted to the next one, as Word shows it once accepted', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const xml = `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>
<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">The police attended </w:t></w:r></w:p>
<w:p><w:r><w:t>the next day.</w:t></w:r></w:p>
<w:p><w:r><w:t>Unchanged.</w:t></w:r></w:p></w:body></w:document>`;
    const result = await readDocx(zipSync({ 'word/document.xml': strToU8(xml) }));
    const doc = build(result);
    expect(doc.blocks.map((b) => [b.text, b.data.docxParagraph, b.data.trackedChanges])).toEqual([
      ['The police attended the next day.', 1, true],
      ['Unchanged.', 2, undefined],
    ]);
  });
});

describe('readDocx: bad input is refused with one line', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const ole = (name: string): Uint8Array => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < name.length; i++) bytes[1024 + i * 2] = name.charCodeAt(i);
    return bytes;
  };

  it('not a zip', async () => {
    await expectReadError(strToU8('just some text, not a Word file'), /not a Word \.docx file \(not a zip archive\)/);
  });
  it('empty', async () => {
    await expectReadError(new Uint8Array(0), /empty/);
  });
  it('old .doc (OLE)', async () => {
    await expectReadError(ole('WordDocument'), /old Word 97-2003 \.doc/);
  });
  it('password-protected .docx (OLE with EncryptionInfo)', async () => {
    await expectReadError(ole('EncryptionInfo'), /password-protected/);
  });
  it('truncated zip', async () => {
    const bytes = await docx([body('Some text.')]);
    await expectReadError(bytes.slice(0, Math.floor(bytes.length / 2)), /truncated or corrupt/);
  });
  it('zip without word/document.xml', async () => {
    await expectReadError(zipSync({ 'hello.txt': strToU8('hi') }), /no word\/document\.xml/);
  });
  it('zip bomb (declared size over the limit) is refused before inflating', async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(32);
    const bytes = zipSync({ 'word/document.xml': big }, { level: 9 });
    expect(bytes.length).toBeLessThan(100_000);
    await expectReadError(bytes, /zip bomb/, { maxPartBytes: 1024 * 1024 });
  });
  it('malformed XML', async () => {
    const xml = `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:body></w:document>`;
    await expectReadError(zipSync({ 'word/document.xml': strToU8(xml) }), /damaged Word/);
  });
  it('a minimal valid package still reads', async () => {
    const xml = `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>`;
    const result = await readDocx(zipSync({ 'word/document.xml': strToU8(xml) }));
    expect(build(result).blocks.map((b) => b.text)).toEqual(['Hi']);
  });
});

describe('readDocx: real files nobody here made', () => {
  const root = '/work/shared/real-docs/docx';
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.docx')) files.push(path);
    }
  };
  try {
    walk(root);
  } catch {
    // the shared corpus is not there: nothing to run
  }

  it.runIf(files.length > 0)('reads every file or refuses it with a ReadError', async () => {
    const failures: string[] = [];
    for (const file of files) {
      try {
        const result = await readDocx(new Uint8Array(readFileSync(file)));
        expect((result.tree as Root).type).toBe('root');
        build(result);
      } catch (error) {
        if (!(error instanceof ReadError)) failures.push(`${file}: ${String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.runIf(files.length > 0)('reads footnotes, tables, text boxes, comments and strict OOXML in the real files', async () => {
    const read = async (name: string): Promise<ReportDocument> => build(await readDocx(new Uint8Array(readFileSync(join(root, name)))));
    expect((await read('mammoth/strict-format.docx')).blocks.map((b) => b.text)).toEqual(['Test']);
    expect((await read('mammoth/text-box.docx')).blocks.map((b) => b.text)).toContain('Datum plane');
    expect((await read('mammoth/tables.docx')).tables[0]!.header).toEqual(['Top left', 'Top right']);
    const notes = await read('mammoth/endnotes.docx');
    expect(notes.blocks.filter((b) => b.within.note).map((b) => b.data.note)).toEqual(['endnote', 'endnote']);
    expect((await read('mammoth/comments.docx')).comments.map((c) => c.text)).toEqual(['A tachyon walks into a bar.', 'Fin.']);
    const pages = await read('python-docx/par-rendered-page-breaks.docx');
    expect(pages.pages).toBe(6);
    expect(pages.blocks.map((b) => b.data.page)).toEqual([1, 1, 2, 4]);
  });
});
