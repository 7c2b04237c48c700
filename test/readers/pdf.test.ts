import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import type { Root, RootContent } from 'mdast';
import { readPdf } from '../../src/readers/pdf/index.js';
import { ReadError } from '../../src/readers/errors.js';
import { ReportDocument } from '../../src/model/document.js';
import type { ReaderBlockData, ReaderResult } from '../../src/model/types.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');
const REAL = join(import.meta.dirname, '..', '..', '..', 'shared', 'real-docs', 'pdf', 'pdfjs');

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

function text(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(text).join(node.type === 'tableRow' ? ' | ' : '');
  return '';
}
const dhr = (node: RootContent): ReaderBlockData => ((node.data as { dhr?: ReaderBlockData } | undefined)?.dhr ?? {});
const headings = (r: ReaderResult) =>
  r.tree.children
    .filter((n) => n.type === 'heading')
    .map((n) => ({ text: text(n), depth: (n as { depth: number }).depth, source: dhr(n).headingSource, number: dhr(n).number }));

/** A minimal one-page PDF whose content stream is `content` (no fonts: no text layer). */
function makePdf(content: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readPdf(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(ReadError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a ReadError');
}

describe('readPdf: untagged PDF without heading styles (report-plain.pdf)', () => {
  let r: ReaderResult;
  beforeAll(async () => {
    r = await readPdf(fixture('report-plain.pdf'));
  });

  it('counts pages and puts a page on every block', () => {
    expect(r.pages).toBe(11);
    for (const n of r.tree.children) expect(dhr(n).page, `${n.type}: ${text(n).slice(0, 40)}`).toBeGreaterThan(0);
  });

  it('finds the numbered and bold headings with depth from the numbering', () => {
    const hs = headings(r).filter((h) => h.text !== 'Domestic Homicide Review' && !h.text.startsWith('Overview Report'));
    expect(hs.map((h) => `${h.depth} ${h.text}`)).toEqual([
      '1 Contents',
      '1 1. Introduction',
      '2 1.1 Purpose of the review',
      '2 1.2 Timescales',
      '1 2. Terms of Reference',
      '2 2.1 Scope of the review',
      '1 3. Methodology',
      '2 3.1 Involvement of family and friends',
      '2 3.2 Contributors to the review',
      '1 4. Analysis',
      '2 4.1 Police',
      '2 4.2 Adult Social Care',
      '1 5. Conclusions',
      '1 6. Recommendations',
      '1 Glossary',
      '1 Appendix A: Action Plan',
    ]);
    const intro = headings(r).find((h) => h.text === '1.1 Purpose of the review')!;
    expect(intro.number).toBe('1.1');
    expect(['numbering', 'font']).toContain(intro.source);
    for (const n of r.tree.children) if (n.type === 'heading' && dhr(n).headingSource !== 'known-title') expect(dhr(n).probable).toBe(true);
  });

  it('keeps contents entries as paragraphs under the Contents heading, never as headings', () => {
    const i = r.tree.children.findIndex((n) => n.type === 'heading' && text(n) === 'Contents');
    const entries = r.tree.children.slice(i + 1, i + 16);
    expect(entries.every((n) => n.type === 'paragraph')).toBe(true);
    expect(text(entries[0]!)).toBe('1. Introduction\t3');
    expect(text(entries[14]!)).toBe('Appendix A: Action Plan\t10');
  });

  it('removes running headers and footers and reports them as furniture', () => {
    expect(r.furniture?.headers).toEqual(['OFFICIAL-SENSITIVE | DHR Anna: Overview Report']);
    expect(r.furniture?.footers.some((f) => /P a g e/.test(f))).toBe(true);
    const all = r.tree.children.map(text).join('\n');
    expect(all).not.toContain('OFFICIAL-SENSITIVE');
    expect(all).not.toMatch(/P a g e/);
  });

  it('reads footnotes from the page foot and strips reference markers from the words', () => {
    const notes = r.tree.children.filter((n) => n.type === 'footnoteDefinition');
    expect(notes.map(text)).toContain('Statutory guidance, section 3.');
    expect(notes.length).toBe(6);
    const para = r.tree.children.find((n) => n.type === 'paragraph' && text(n).startsWith('1.1 The review panel'))!;
    expect(text(para)).toContain('to be involved. The panel noted this');
    expect((para as { children: RootContent[] }).children.some((c) => c.type === 'footnoteReference')).toBe(true);
    // The definition follows the paragraph that refers to it.
    const at = r.tree.children.indexOf(para);
    expect(r.tree.children[at + 1]?.type).toBe('footnoteDefinition');
    // Footnote text is not body text.
    expect(r.tree.children.filter((n) => n.type === 'paragraph').some((n) => text(n).startsWith('Statutory guidance'))).toBe(false);
  });

  it('joins a paragraph that runs over a page break', () => {
    const long = r.tree.children.filter((n) => n.type === 'paragraph' && text(n).endsWith('practice must change'));
    expect(long).toHaveLength(1);
    expect(text(long[0]!).startsWith('The housing provider had a policy')).toBe(true);
  });

  it('reads the action plan as one table over four pages: header once, split rows joined', () => {
    const tables = r.tree.children.filter((n) => n.type === 'table' && text(n).startsWith('Recommendation'));
    expect(tables).toHaveLength(1);
    const rows = (tables[0] as { children: RootContent[] }).children.map((row) =>
      (row as { children: RootContent[] }).children.map((c) => text(c)),
    );
    expect(rows[0]).toEqual(['Recommendation', 'Scope', 'Action to take', 'Lead agency', 'Key milestones', 'Target date', 'Completion date and outcome']);
    expect(rows.length).toBe(22);
    expect(rows.slice(1).map((row) => row[0])).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
    expect(rows[2]).toEqual(['2', 'Local', 'Deliver training on the DASH risk assessment to all frontline officers', 'Police', 'Training plan approved', 'June 2025', 'Completed May 2025: 320 officers trained']);
    // Row 17 is split over three pages.
    expect(rows[17]![2]).toMatch(/^Introduce routine enquiry .* safeguarding board\. Health professionals .* single telephone call\.$/);
    expect(rows[17]![3]).toBe('Integrated Care Board');
  });

  it('tells tight single-line rows from a wrapped first cell by the ruling lines', () => {
    const tables = r.tree.children.filter((n) => n.type === 'table');
    const panel = tables.find((t) => text(t).startsWith('Name'))!;
    const rows = (panel as { children: RootContent[] }).children.map(text);
    expect(rows).toEqual([
      'Name | Role | Agency',
      'A. Brown | Independent Chair | Independent',
      'C. Davies | Detective Inspector | Police',
      'Dr Eleanor Evans-Whitfield, Designated Nurse for Safeguarding | Safeguarding Lead | Integrated Care Board',
      'F. Green | Service Manager | Adult Social Care',
    ]);
  });

  it('builds a document model with sections and the action-plan table', () => {
    const doc = new ReportDocument({ ...r, file: 'report-plain.pdf', format: 'pdf' });
    expect(doc.tables).toHaveLength(2);
    expect(doc.tables[1]!.header[2]).toBe('Action to take');
    expect(doc.tables[1]!.rows).toHaveLength(21);
    expect(doc.tables[1]!.rows[16]!.location.page).toBe(9);
    const terms = doc.sections.find((s) => s.title === 'Terms of Reference')!;
    expect(terms.number).toBe('2');
    expect(terms.children.map((c) => c.title)).toEqual(['Scope of the review']);
    expect(doc.blocks.find((b) => b.within.note)?.data.note).toBe('footnote');
  });
});

describe('readPdf: headings from bookmarks and from tags', () => {
  const expected = [
    '1 1. Introduction',
    '2 1.1 Purpose of the review',
    '2 1.2 Timescales',
    '1 2. Terms of Reference',
    '2 2.1 Scope of the review',
    '1 3. Methodology',
    '2 3.1 Involvement of family and friends',
    '2 3.2 Contributors to the review',
    '1 4. Analysis',
    '2 4.1 Police',
    '2 4.2 Adult Social Care',
    '1 5. Conclusions',
    '1 6. Recommendations',
    '1 Glossary',
    '1 Appendix A: Action Plan',
  ];
  it('uses the outline of an untagged PDF', async () => {
    const r = await readPdf(fixture('report-styled.pdf'));
    const hs = headings(r).filter((h) => h.source === 'outline');
    expect(hs.map((h) => `${h.depth} ${h.text}`)).toEqual(expected);
    expect(headings(r).filter((h) => h.source !== 'outline').map((h) => h.text)).toEqual(['Contents']);
    expect(r.furniture?.footers).toContain('Page 1 of 11');
    expect(r.tree.children.filter((n) => n.type === 'table')).toHaveLength(2);
  });
  it('uses H1..H6 structure tags of a tagged PDF', async () => {
    const r = await readPdf(fixture('report-tagged.pdf'));
    const hs = headings(r).filter((h) => h.source === 'tag');
    expect(hs.map((h) => `${h.depth} ${h.text}`)).toEqual(expected);
    for (const n of r.tree.children) if (n.type === 'heading' && dhr(n).headingSource === 'tag') expect(dhr(n).probable).toBeUndefined();
  });
});

describe('readPdf: a cover page and a contents list over two pages (report-cover.pdf)', () => {
  let r: ReaderResult;
  beforeAll(async () => {
    r = await readPdf(fixture('report-cover.pdf'));
  });

  it('reads the cover lines as front matter even when one has the Heading 1 font', () => {
    const first = r.tree.children.findIndex((n) => n.type === 'heading');
    const cover = r.tree.children.slice(0, first);
    expect(cover.every((n) => n.type === 'paragraph' && dhr(n).page === 1)).toBe(true);
    expect(cover.map(text).slice(0, 5)).toEqual([
      'Northfield Community Safety Partnership',
      'Domestic Homicide Review',
      'Overview Report',
      'Report into the death of Rose, who died in March 2024',
      '12 May 2025',
    ]);
    expect(r.notes.join('\n')).toMatch(/cover page: 6 block/);
  });

  it('makes one Contents section of a list that runs over two pages, wrapped titles joined', () => {
    const hs = headings(r);
    expect(hs.filter((h) => h.text === 'Contents')).toHaveLength(1);
    expect(hs[0]).toMatchObject({ text: 'Contents', depth: 1 });
    expect(hs[1]).toMatchObject({ text: '1. Introduction', source: 'outline' });
    const start = r.tree.children.findIndex((n) => n.type === 'heading' && text(n) === 'Contents');
    const end = r.tree.children.findIndex((n, i) => i > start && n.type === 'heading');
    const entries = r.tree.children.slice(start + 1, end);
    expect(entries.every((n) => n.type === 'paragraph')).toBe(true);
    expect(new Set(entries.map((n) => dhr(n).page))).toEqual(new Set([2, 3]));
    // Every entry ends with its page number, also those whose title wrapped (at a page top too).
    for (const e of entries) expect(text(e), text(e)).toMatch(/^\d+(\.\d*)? \S.*\t\d+$/);
    expect(entries.map(text)).toContain('9.4 Analysis of the involvement of Northfield and District Hospitals NHS Foundation Trust with Rose and with her partner\t21');
    // All bookmarked sections are headings, and nothing else is.
    expect(hs.slice(1).every((h) => h.source === 'outline')).toBe(true);
  });

  it('reads no cover line of report-plain.pdf (no bookmarks) as a heading', async () => {
    const plain = await readPdf(fixture('report-plain.pdf'));
    const hs = headings(plain);
    expect(hs[0]).toMatchObject({ text: 'Contents', depth: 1 });
    expect(hs.map((h) => h.text)).not.toContain('Domestic Homicide Review');
    expect(hs.find((h) => h.text === 'Glossary')?.depth).toBe(1);
  });
});

describe('readPdf: refusals', () => {
  it('refuses a password-protected PDF', async () => {
    expect(await refusal(fixture('protected.pdf'))).toBe('password-protected PDF');
  });
  it('refuses a file that is not a PDF', async () => {
    expect(await refusal(new TextEncoder().encode('<!doctype html><html><body>Report</body></html>'))).toBe('not a PDF file');
  });
  it('refuses a PDF without a text layer (a scan)', async () => {
    expect(await refusal(makePdf('0 0 1 rg 100 100 200 200 re f'))).toBe('no text layer (a scanned document?): run OCR first');
  });
  it('refuses a truncated PDF with one line', async () => {
    const bytes = fixture('report-plain.pdf').slice(0, 4000);
    const message = await refusal(bytes);
    expect(message).toMatch(/corrupt PDF|no text layer/);
  });
  it('does not detach the caller\'s buffer', async () => {
    const bytes = fixture('report-plain.pdf');
    await readPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(bytes[0]).toBe(0x25);
  });
});

describe.runIf(existsSync(REAL))('readPdf: real PDFs from the pdf.js test suite', () => {
  it('returns a tree or a one-line ReadError for every file, in time', { timeout: 120_000 }, async () => {
    const files = readdirSync(REAL).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
    expect(files.length).toBeGreaterThan(100);
    const refused: string[] = [];
    const started = Date.now();
    for (const f of files) {
      const t0 = Date.now();
      try {
        const r = await readPdf(new Uint8Array(readFileSync(join(REAL, f))));
        expect(r.tree.type, f).toBe('root');
        expect(r.pages, f).toBeGreaterThan(0);
      } catch (err) {
        expect(err, `${f}: ${String(err)}`).toBeInstanceOf(ReadError);
        expect((err as Error).message, f).not.toContain('\n');
        refused.push(`${f}: ${(err as Error).message}`);
      }
      expect(Date.now() - t0, `${f} took too long`).toBeLessThan(15_000);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    console.log(`refused ${refused.length} of ${files.length}:\n${refused.join('\n')}`);
  });
});
