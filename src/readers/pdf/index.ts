/**
 * PDF reader: pdf.js text with positions and fonts → lines → blocks → mdast.
 *
 * Headings, in order of trust: the structure tree of a tagged PDF (H1..H6), bookmarks (outline
 * titles found on their destination page), then layout (bold or larger short lines, numbering,
 * known DHR titles; shared heuristics in model/headings.ts). A cover page before the contents or
 * the first section is front matter (no headings, sizes out of the ranking), and with bookmarks
 * no font guess comes before the first bookmarked heading. Running headers and footers are
 * removed and returned as furniture; footnotes at the page foot become footnote definitions;
 * tables (the action plan) come from text positions and ruling lines and are merged across pages.
 */
import type { FootnoteDefinition, Heading, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import type { HeadingSource, ReaderBlockData, ReaderResult } from '../../model/types.js';
import { frontMatterLength, guessHeading, parseHeadingNumber, type FrontMatterItem, type HeadingGuess } from '../../model/headings.js';
import { ReadError } from '../errors.js';
import { removeFurniture, type PageLines } from './furniture.js';
import { buildLines } from './lines.js';
import { addParts, closePdf, loadPdf, type LoadedPdf, type PdfPart } from './load.js';
import { joinPages, measure, pageBlocks, type Metrics, type PdfBlock } from './layout.js';

interface HeadingInfo {
  depth: number;
  source: HeadingSource;
  number?: string;
  probable: boolean;
}

type Classified = PdfBlock & { headingInfo?: HeadingInfo };

export async function readPdf(bytes: Uint8Array): Promise<ReaderResult> {
  let pdf: LoadedPdf | undefined;
  try {
    pdf = await loadPdf(bytes);
    return await layout(pdf);
  } catch (err) {
    throw asReadError(err);
  } finally {
    if (pdf) await closePdf(pdf).catch(() => undefined);
  }
}

function asReadError(err: unknown): ReadError {
  if (err instanceof ReadError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ReadError(`corrupt PDF: ${message.split(/\r?\n/)[0]!.slice(0, 160)}`, { cause: err });
}

/**
 * Read share `index` of `count` of a PDF's pages. The document stays open: `join` lays out the
 * whole report from every share's pages (ruling lines of any page are read from it on demand).
 */
export async function readPdfPart(bytes: Uint8Array, index: number, count: number): Promise<{ part: PdfPart; join(parts: unknown[]): Promise<ReaderResult>; close(): Promise<void> }> {
  let pdf: LoadedPdf;
  try {
    pdf = await loadPdf(bytes, { index, count });
  } catch (err) {
    throw asReadError(err);
  }
  const close = () => closePdf(pdf).catch(() => undefined);
  const part: PdfPart = { pages: pdf.pages, headingTags: pdf.headingTags, tagged: pdf.tagged, notes: pdf.notes, outline: pdf.outline };
  return {
    part,
    close,
    join: async (parts) => {
      try {
        const all = parts as PdfPart[];
        // Bookmarks come with the first share; pages, tags and notes from all, in order.
        const whole: LoadedPdf = { ...pdf, pages: [], headingTags: [], notes: [], tagged: false, outline: all[0]?.outline ?? [] };
        return await layout(addParts(whole, all));
      } catch (err) {
        throw asReadError(err);
      } finally {
        await close();
      }
    },
  };
}

async function layout(pdf: LoadedPdf): Promise<ReaderResult> {
  const notes = [...pdf.notes];
  const pages: PageLines[] = pdf.pages.map((p) => ({
    page: p.page,
    width: p.width,
    height: p.height,
    bottom: p.bottom,
    lines: buildLines(p.page, p.items),
  }));
  if (!pages.some((p) => p.lines.some((l) => /\S/.test(l.text)))) {
    throw new ReadError('no text layer (a scanned document?): run OCR first');
  }
  const furniture = removeFurniture(pages);
  if (furniture.headers.length || furniture.footers.length) notes.push('running headers and footers removed from the text');
  const metrics = measure(pages.map((p) => p.lines));

  let blocks: PdfBlock[] = [];
  for (const p of pages) {
    // Ruling lines cost an operator list: fetch them only where the text cannot tell rows apart.
    let found = pageBlocks({ page: p.page, width: p.width, lines: p.lines }, metrics);
    if (found.some((b) => b.table?.ambiguous)) {
      const rules = await pdf.rules(p.page);
      if (rules.length) found = pageBlocks({ page: p.page, width: p.width, lines: p.lines, rules }, metrics);
    }
    blocks.push(...found);
  }
  blocks = joinPages(blocks);

  const classified = classifyHeadings(blocks, pdf, metrics, notes);
  const tree = toMdast(classified);
  const footnotes = blocks.filter((b) => b.kind === 'footnote').length;
  if (footnotes) notes.push(`${footnotes} footnote(s) read from the page feet`);
  return { tree, pages: pdf.numPages, notes, furniture };
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function classifyHeadings(blocks: PdfBlock[], pdf: LoadedPdf, m: Metrics, notes: string[]): Classified[] {
  const out = blocks as Classified[];
  const contentsTitle = (b: Classified): void => {
    b.headingInfo = { depth: 1, source: 'known-title', probable: true };
  };
  // 1. Tagged PDF: H1..H6 structure elements.
  if (pdf.tagged) {
    let n = 0;
    for (const b of out) {
      if ((b.kind === 'paragraph' || b.kind === 'contents-title') && b.heading !== undefined) {
        const tag = pdf.headingTags[b.heading];
        if (!tag) continue;
        const num = parseHeadingNumber(b.text);
        b.headingInfo = { depth: Math.min(tag.depth, 6), source: 'tag', number: num?.rest ? num.raw : undefined, probable: false };
        n++;
      } else if (b.kind === 'contents-title') contentsTitle(b);
    }
    if (n > 0) {
      notes.push(`${n} headings from the PDF's structure tags`);
      return out;
    }
  }
  // 2. Bookmarks.
  const outlineStyles = new Set<string>();
  const styleKey = (b: PdfBlock): string => `${Math.round(b.size * 2) / 2}|${b.bold}`;
  const entries = pdf.outline.filter((e) => e.page !== undefined);
  let matched = 0;
  if (entries.length >= 2) {
    let from = 0;
    for (const e of entries) {
      const t = norm(e.title);
      if (!t) continue;
      for (let i = from; i < out.length; i++) {
        const b = out[i]!;
        if (b.page > e.page! + 1) break;
        if (b.page < e.page! || (b.kind !== 'paragraph' && b.kind !== 'contents-title') || b.lines.length > 4 || b.headingInfo) continue;
        const bt = norm(b.text);
        if (bt === t || (bt.startsWith(t) && bt.length <= t.length + 8) || (t.startsWith(bt) && bt.length >= 4 && bt.length >= t.length * 0.6)) {
          const num = parseHeadingNumber(b.text);
          b.headingInfo = { depth: Math.min(e.depth, 6), source: 'outline', number: num?.rest ? num.raw : undefined, probable: false };
          outlineStyles.add(styleKey(b));
          matched++;
          from = i + 1;
          break;
        }
      }
    }
  }
  const outlineMode = matched >= 2 && matched >= entries.length * 0.5;
  if (matched) notes.push(`${matched} headings from the PDF's bookmarks`);

  // 3. Layout: size and weight, numbering, known titles.
  const isCandidate = (b: Classified): boolean =>
    b.kind === 'paragraph' && !b.headingInfo && b.lines.length <= 3 && b.text.length <= 120 && b.size >= m.bodySize - 0.6;
  const layoutGuess = (b: Classified, sizeRank?: number): HeadingGuess | undefined => {
    const larger = b.size > m.bodySize + 0.5;
    const guess = guessHeading(b.text, { bold: b.bold, larger, sizeRank });
    if (!guess) return undefined;
    if (!b.bold && !larger && guess.source !== 'numbering' && b.lines.length > 1) return undefined;
    return guess;
  };
  // A cover page before the contents or the first section is front matter: no headings there,
  // and its big title fonts do not rank heading levels.
  const front = frontMatter(out, m, (b) => {
    if (b.headingInfo || b.kind === 'contents' || b.kind === 'contents-title') return true;
    if (!isCandidate(b)) return false;
    const source = layoutGuess(b)?.source;
    return source === 'numbering' || source === 'known-title';
  });
  if (front.size) notes.push(`cover page: ${front.size} block(s) read as front matter, not as headings`);
  // With bookmarks covering the body, a font guess never comes before the first bookmarked heading.
  const firstDeclared = outlineMode ? out.findIndex((b) => b.headingInfo?.source === 'outline') : -1;
  const beforeDeclared = new Set(firstDeclared > 0 ? out.slice(0, firstDeclared) : []);
  const candidates = out.filter((b) => isCandidate(b) && !front.has(b));
  const largerSizes = [...new Set(candidates.filter((b) => b.size > m.bodySize + 0.5).map((b) => Math.round(b.size * 2) / 2))].sort((a, b) => b - a);
  const guesses = new Map<Classified, HeadingGuess>();
  for (const b of candidates) {
    const larger = b.size > m.bodySize + 0.5;
    const size = Math.round(b.size * 2) / 2;
    const sizeRank = larger ? largerSizes.indexOf(size) + 1 : b.bold ? largerSizes.length + 1 : undefined;
    const guess = layoutGuess(b, sizeRank);
    if (!guess) continue;
    if (outlineMode && !outlineStyles.has(styleKey(b))) continue;
    if (beforeDeclared.has(b) && (guess.source === 'font' || guess.source === 'caps')) continue;
    guesses.set(b, guess);
  }
  // Depth: numbering depth; otherwise the depth numbered headings of the same style have.
  const depthByStyle = new Map<string, Map<number, number>>();
  for (const b of out) {
    const num = b.headingInfo ? parseHeadingNumber(b.text) : guesses.get(b)?.number;
    const depth = b.headingInfo?.depth ?? (num?.style === 'decimal' ? Math.min(num.parts.length, 6) : undefined);
    if (depth === undefined || (!b.headingInfo && !guesses.has(b))) continue;
    const key = styleKey(b);
    const counts = depthByStyle.get(key) ?? new Map<number, number>();
    counts.set(depth, (counts.get(depth) ?? 0) + 1);
    depthByStyle.set(key, counts);
  }
  const styleDepth = (b: PdfBlock): number | undefined => {
    const counts = depthByStyle.get(styleKey(b));
    if (!counts) return undefined;
    return [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]![0];
  };
  let guessed = 0;
  for (const [b, g] of guesses) {
    const num = g.number;
    let depth = num?.style === 'decimal' ? Math.min(num.parts.length, 6) : styleDepth(b) ?? g.depth;
    depth = Math.max(1, Math.min(depth, 6));
    b.headingInfo = { depth, source: g.source, number: num?.rest ? num.raw : undefined, probable: true };
    guessed++;
  }
  if (guessed) notes.push(`${guessed} headings guessed from layout (font, numbering, known titles)`);
  for (const b of out) if (b.kind === 'contents-title' && !b.headingInfo) contentsTitle(b);
  return out;
}

/** Blocks of a cover page, found with the shared front-matter heuristic (footnotes left out). */
function frontMatter(blocks: Classified[], m: Metrics, anchor: (b: Classified) => boolean): Set<Classified> {
  const body: Classified[] = [];
  const view: FrontMatterItem[] = [];
  // Only the blocks up to the first anchor matter.
  for (const b of blocks) {
    if (b.kind === 'footnote') continue;
    const letters = b.text.replace(/[^A-Za-z]/g, '');
    const caps = letters.length >= 4 && letters === letters.toUpperCase();
    const isAnchor = anchor(b);
    body.push(b);
    view.push({ text: b.text, page: b.page, emphasised: b.bold || caps || b.size > m.bodySize + 0.5, anchor: isAnchor });
    if (isAnchor) break;
  }
  return new Set(body.slice(0, frontMatterLength(view)));
}

const CONTENTS_HEADING = /^(?:table of )?contents(?: page)?:?$/i;

function dhr(data: ReaderBlockData): { dhr: ReaderBlockData } {
  return { dhr: data };
}

function toMdast(blocks: Classified[]): Root {
  const children: RootContent[] = [];
  // Footnote identifiers: the label, made unique with the page when labels repeat.
  const footnotes = blocks.filter((b) => b.kind === 'footnote');
  const labelCount = new Map<string, number>();
  for (const f of footnotes) labelCount.set(f.noteLabel ?? '', (labelCount.get(f.noteLabel ?? '') ?? 0) + 1);
  const ids = new Map<PdfBlock, string>();
  footnotes.forEach((f, i) => {
    const label = f.noteLabel ?? String(i + 1);
    ids.set(f, (labelCount.get(f.noteLabel ?? '') ?? 0) > 1 || !f.noteLabel ? `${label}-p${f.page}` : label);
  });
  const placed = new Set<PdfBlock>();
  const footnoteNode = (f: PdfBlock): FootnoteDefinition => ({
    type: 'footnoteDefinition',
    identifier: ids.get(f)!,
    label: ids.get(f)!,
    children: [{ type: 'paragraph', children: [{ type: 'text', value: f.text }], data: dhr({ page: f.page, note: 'footnote' }) }],
    data: dhr({ page: f.page, note: 'footnote' }),
  });
  const findNote = (label: string, from: number, to: number): PdfBlock | undefined =>
    footnotes.find((f) => f.noteLabel === label && f.page >= from && f.page <= to + 1 && !placed.has(f));

  // Inside the contents section: a list that goes on over the next page (even after a line that
  // was not recognised as an entry) continues it; only another heading ends it.
  let inContents = false;
  for (const b of blocks) {
    if (b.kind === 'footnote') {
      if (!placed.has(b)) {
        // Not referenced from any block: keep it where it sits (the end of its page).
        placed.add(b);
        children.push(footnoteNode(b));
      }
      continue;
    }
    if (b.kind === 'contents' && !inContents) {
      children.push({
        type: 'heading',
        depth: 1,
        children: [{ type: 'text', value: 'Contents' }],
        data: dhr({ page: b.page, headingSource: 'known-title', probable: true }),
      });
      inContents = true;
    }
    if (b.headingInfo) inContents = b.kind === 'contents-title' || CONTENTS_HEADING.test(b.text.replace(/\s+/g, ' ').trim());
    if (b.headingInfo) {
      const h = b.headingInfo;
      const node: Heading = {
        type: 'heading',
        depth: h.depth as Heading['depth'],
        children: [{ type: 'text', value: b.text.replace(/\s+/g, ' ').trim() }],
        data: dhr({ page: b.page, headingSource: h.source, number: h.number, probable: h.probable || undefined }),
      };
      children.push(node);
      continue;
    }
    if (b.kind === 'table' && b.table) {
      const width = Math.max(...b.table.rows.map((r) => r.cells.length));
      const rows: TableRow[] = b.table.rows.map((r) => ({
        type: 'tableRow',
        children: Array.from({ length: width }, (_, i) => ({
          type: 'tableCell' as const,
          children: r.cells[i] ? [{ type: 'text' as const, value: r.cells[i]! }] : [],
        })),
        data: dhr({ page: r.page }),
      }));
      const table: Table = { type: 'table', align: Array.from({ length: width }, () => null), children: rows, data: dhr({ page: b.page }) };
      children.push(table);
      continue;
    }
    // Paragraph (contents entries and unrecognised contents titles included).
    const lastPage = b.lines[b.lines.length - 1]?.page ?? b.page;
    const inline: PhrasingContent[] = [];
    const after: FootnoteDefinition[] = [];
    let at = 0;
    for (const r of [...b.refs].sort((x, y) => x.offset - y.offset)) {
      const note = findNote(r.label, b.page, lastPage);
      if (!note) continue;
      placed.add(note);
      const offset = Math.min(Math.max(r.offset, at), b.text.length);
      if (offset > at) inline.push({ type: 'text', value: b.text.slice(at, offset) });
      inline.push({ type: 'footnoteReference', identifier: ids.get(note)!, label: ids.get(note)! });
      after.push(footnoteNode(note));
      at = offset;
    }
    if (at < b.text.length) inline.push({ type: 'text', value: b.text.slice(at) });
    const paragraph: Paragraph = { type: 'paragraph', children: inline, data: dhr({ page: b.page }) };
    children.push(paragraph, ...after);
  }
  return { type: 'root', children };
}
