/**
 * Open a PDF with pdf.js (through unpdf's serverless build) safely and pull out what the layout
 * pass needs: positioned text items with real font names (bold), structure tags of tagged PDFs and
 * bookmarks. No network, no font evaluation, no worker fetches; errors become one-line ReadErrors.
 */
import { ReadError } from '../errors.js';

/** One positioned run of text, in PDF user space (origin bottom-left). */
export interface TextItem {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  w: number;
  size: number;
  bold: boolean;
  /** Index of the H1..H6 structure element the run belongs to (tagged PDFs). */
  heading?: number;
}

export interface PageText {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  /** Bottom of the page box (usually 0). */
  bottom: number;
  items: TextItem[];
}

export interface HeadingTag {
  depth: number;
}

export interface OutlineEntry {
  title: string;
  depth: number;
  page?: number;
}

export interface LoadedPdf {
  pages: PageText[];
  numPages: number;
  /** Heading structure elements (tagged PDFs), indexed by TextItem.heading. */
  headingTags: HeadingTag[];
  tagged: boolean;
  outline: OutlineEntry[];
  notes: string[];
  /** Horizontal ruling lines of a page (table borders), read on demand from its operator list. */
  rules(page: number): Promise<Rule[]>;
}

/** A horizontal line drawn on the page (page space). */
export interface Rule {
  y: number;
  x0: number;
  x1: number;
}

export const MAX_PAGES = 2000;
export const MAX_ITEMS_PER_PAGE = 20000;
/** Give up on one page after this long (a pathological content stream). */
const PAGE_TIMEOUT_MS = 8000;
/** Give up reading more pages after this long in total. */
const TOTAL_BUDGET_MS = 45000;

/**
 * pdf.js 5.6 calls `ArrayBuffer.prototype.transferToFixedLength` (ES2024, Node ≥ 21) when it hands
 * a parsed font to the main thread. On Node 20 that throws inside pdf.js and fonts never arrive,
 * so real font names (and bold) are lost. Add the method when missing (a copying version).
 */
function polyfill(): void {
  const proto = ArrayBuffer.prototype as unknown as Record<string, unknown>;
  if (typeof proto.transferToFixedLength !== 'function') {
    Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
      value(this: ArrayBuffer, length: number = this.byteLength) {
        const out = new ArrayBuffer(length);
        new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
        return out;
      },
      writable: true,
      configurable: true,
    });
  }
}

function oneLine(message: string): string {
  const line = message.split(/\r?\n/)[0]!.trim().replace(/\.$/, '');
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // pdf.js accepts a header anywhere in the first KB (some files start with junk).
  const limit = Math.min(bytes.length - 4, 1024);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) {
      return true;
    }
  }
  return false;
}

/** No "%PDF-" header, but PDF objects near the start: pdf.js can still read some of these. */
function looksLikePdfBody(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 65536));
  return /^\s*%/.test(head) && /\d+\s+\d+\s+obj\b/.test(head) && head.includes('endobj');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const BOLD_NAME = /bold|black|heavy|semibold|demibold|demi\b|[-,]bd\b|extrab|ultrab/i;

type PdfDocument = Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

interface FontInfo {
  name?: string;
  bold?: boolean;
  black?: boolean;
}

/** Wait for a font object pdf.js sends after an operator list (resolves undefined if it never comes). */
function fontObject(page: PdfPage, id: string): Promise<FontInfo | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 250);
    try {
      (page.commonObjs as unknown as { get(id: string, cb: (v: unknown) => void): void }).get(id, (v) => {
        clearTimeout(timer);
        resolve(v && typeof v === 'object' ? (v as FontInfo) : undefined);
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** Map marked-content ids to the heading element they belong to. */
function collectHeadings(node: StructNode | null | undefined, tags: HeadingTag[], out: Map<string, number>, current?: number): void {
  if (!node) return;
  let here = current;
  const role = node.role ?? '';
  const m = /^H([1-6])?$/.exec(role);
  if (m) {
    here = tags.length;
    tags.push({ depth: m[1] ? Number(m[1]) : 1 });
  }
  if (node.type === 'content' && node.id && here !== undefined) out.set(node.id, here);
  for (const child of node.children ?? []) collectHeadings(child, tags, out, here);
}

async function readOutline(doc: PdfDocument): Promise<OutlineEntry[]> {
  const out: OutlineEntry[] = [];
  let outline: unknown;
  try {
    outline = await withTimeout(doc.getOutline(), 3000, 'outline');
  } catch {
    return out;
  }
  type Node = { title?: string; dest?: unknown; items?: Node[] };
  const walk = async (nodes: Node[] | null | undefined, depth: number): Promise<void> => {
    for (const node of nodes ?? []) {
      if (out.length >= 2000) return;
      let page: number | undefined;
      try {
        let dest = node.dest;
        if (typeof dest === 'string') dest = await doc.getDestination(dest);
        if (Array.isArray(dest) && dest.length > 0) {
          const ref = dest[0];
          if (typeof ref === 'number') page = ref + 1;
          else if (ref && typeof ref === 'object') page = (await doc.getPageIndex(ref as never)) + 1;
        }
      } catch {
        page = undefined;
      }
      const title = (node.title ?? '').replace(/\s+/g, ' ').trim();
      if (title) out.push({ title, depth, page });
      if (depth < 12) await walk(node.items, depth + 1);
    }
  };
  try {
    await walk(outline as Node[], 1);
  } catch {
    // A broken outline is just no outline.
  }
  return out;
}

/**
 * Which pages to read: all of them, or part `index` of `count` contiguous ranges (several threads
 * reading one long PDF, see `readPdfPart`).
 */
export interface PageShare {
  index: number;
  count: number;
}

/** The pages of one part, as plain data (posted between threads). */
export interface PdfPart {
  pages: PageText[];
  headingTags: HeadingTag[];
  tagged: boolean;
  notes: string[];
  /** Bookmarks (read by the first share only). */
  outline?: OutlineEntry[];
}

export function pagesOfShare(numPages: number, share?: PageShare): [number, number] {
  const count = Math.min(numPages, MAX_PAGES);
  if (!share || share.count <= 1) return [1, count];
  const size = Math.ceil(count / share.count);
  return [share.index * size + 1, Math.min(count, (share.index + 1) * size)];
}

/** Add the pages other threads read to the loaded part 0, in page order. */
export function addParts(pdf: LoadedPdf, parts: PdfPart[]): LoadedPdf {
  let tagged = pdf.tagged;
  for (const part of parts) {
    // Heading indices are per part: shift them past the tags already collected.
    const offset = pdf.headingTags.length;
    pdf.headingTags.push(...part.headingTags);
    for (const page of part.pages) {
      if (offset) for (const item of page.items) if (item.heading !== undefined) item.heading += offset;
      pdf.pages.push(page);
    }
    pdf.notes.push(...part.notes);
    tagged ||= part.tagged;
  }
  pdf.tagged = tagged && pdf.headingTags.length > 0;
  return pdf;
}

export async function loadPdf(input: Uint8Array, share?: PageShare): Promise<LoadedPdf> {
  if (!hasPdfHeader(input) && !looksLikePdfBody(input)) throw new ReadError('not a PDF file');
  polyfill();
  const { getResolvedPDFJS } = await import('unpdf');
  const pdfjs = await getResolvedPDFJS();
  // pdf.js takes ownership of (detaches) the buffer: give it a copy.
  const data = new Uint8Array(input);
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    verbosity: 0,
  });
  let doc: PdfDocument;
  try {
    doc = (await withTimeout(task.promise, 15000, 'opening the file')) as PdfDocument;
  } catch (err) {
    void task.destroy().catch(() => undefined);
    const e = err as { name?: string; message?: string };
    if (e?.name === 'PasswordException') throw new ReadError('password-protected PDF', { cause: err });
    if (e?.name === 'InvalidPDFException') throw new ReadError(`corrupt PDF: ${oneLine(e.message ?? 'invalid structure')}`, { cause: err });
    throw new ReadError(`corrupt PDF: ${oneLine(e?.message ?? String(err))}`, { cause: err });
  }
  try {
    return await readDocument(doc, pdfjs.OPS as Record<string, number>, share);
  } catch (err) {
    void task.destroy().catch(() => undefined);
    throw err;
  }
}

/** Release pdf.js resources once the layout pass is done. */
export async function closePdf(pdf: LoadedPdf): Promise<void> {
  await (pdf as LoadedPdf & { close?: () => Promise<void> }).close?.();
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** Horizontal rules from an operator list: thin filled rectangles and horizontal stroked segments. */
function rulesFrom(opList: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): Rule[] {
  const rules: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const limit = Math.min(opList.fnArray.length, 200000);
  for (let i = 0; i < limit && rules.length < 5000; i++) {
    const fn = opList.fnArray[i];
    const args = opList.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args && args.length >= 6) ctm = multiply(ctm, args.slice(0, 6).map(Number) as Matrix);
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      if (paint === OPS.endPath) continue;
      const paths = args[1] as ArrayLike<number>[] | undefined;
      for (const data of paths ?? []) {
        if (!data || typeof data.length !== 'number') continue;
        const pts: [number, number][] = [];
        const flushSub = (): void => {
          if (pts.length >= 2) {
            const ys = pts.map((p) => p[1]);
            const xs = pts.map((p) => p[0]);
            const h = Math.max(...ys) - Math.min(...ys);
            const w = Math.max(...xs) - Math.min(...xs);
            if (h <= 3 && w >= 10) rules.push({ y: (Math.max(...ys) + Math.min(...ys)) / 2, x0: Math.min(...xs), x1: Math.max(...xs) });
            else if (pts.length > 2) {
              for (let k = 1; k < pts.length; k++) {
                const [ax, ay] = pts[k - 1]!;
                const [bx, by] = pts[k]!;
                if (Math.abs(ay - by) <= 1 && Math.abs(ax - bx) >= 10) rules.push({ y: (ay + by) / 2, x0: Math.min(ax, bx), x1: Math.max(ax, bx) });
              }
            }
          }
          pts.length = 0;
        };
        let k = 0;
        while (k < data.length) {
          const op = data[k]!;
          if (op === 0 || op === 1) {
            if (op === 0) flushSub();
            const x = data[k + 1]!;
            const y = data[k + 2]!;
            pts.push([ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]]);
            k += 3;
          } else if (op === 2) {
            flushSub();
            k += 7;
          } else if (op === 3) {
            flushSub();
            k += 5;
          } else if (op === 4) {
            k += 1;
          } else break;
        }
        flushSub();
      }
    }
  }
  return rules;
}

async function readDocument(doc: PdfDocument, OPS: Record<string, number>, share?: PageShare): Promise<LoadedPdf> {
  const notes: string[] = [];
  const numPages = doc.numPages;
  // Said once, by the share reading the first pages.
  if (numPages > MAX_PAGES && (share?.index ?? 0) === 0) notes.push(`only the first ${MAX_PAGES} of ${numPages} pages were read`);

  let tagged = false;
  try {
    const mark = (await withTimeout(doc.getMarkInfo(), 3000, 'mark info')) as { Marked?: boolean } | null;
    tagged = Boolean(mark?.Marked);
  } catch {
    tagged = false;
  }
  // Bookmarks are read once, by the thread reading the first pages.
  const outline = (share?.index ?? 0) === 0 ? await readOutline(doc) : [];
  const [first, last] = pagesOfShare(numPages, share);

  const fonts = new Map<string, boolean>();
  const headingTags: HeadingTag[] = [];
  const pages: PageText[] = [];
  const started = Date.now();
  let failed = 0;
  let truncated = 0;
  for (let n = first; n <= last; n++) {
    if (Date.now() - started > TOTAL_BUDGET_MS) {
      notes.push(`stopped after page ${n - 1}: the file is too slow to read`);
      break;
    }
    try {
      const page = await withTimeout(doc.getPage(n), PAGE_TIMEOUT_MS, `page ${n}`);
      const text = await withTimeout(page.getTextContent({ includeMarkedContent: tagged }), PAGE_TIMEOUT_MS, `page ${n}`);
      const raw = text.items as unknown[];
      if (raw.length > MAX_ITEMS_PER_PAGE) truncated++;

      // Real font names come only with an operator list: fetch one for pages that bring new fonts.
      const unknown = new Set<string>();
      for (let i = 0; i < raw.length && i < MAX_ITEMS_PER_PAGE; i++) {
        const f = (raw[i] as { fontName?: string }).fontName;
        if (f && !fonts.has(f)) unknown.add(f);
      }
      if (unknown.size > 0) {
        try {
          await withTimeout(page.getOperatorList(), PAGE_TIMEOUT_MS, `fonts of page ${n}`);
          for (const id of unknown) {
            const font = await fontObject(page, id);
            fonts.set(id, Boolean(font && (font.bold || font.black || BOLD_NAME.test(font.name ?? ''))));
          }
        } catch {
          for (const id of unknown) if (!fonts.has(id)) fonts.set(id, false);
        }
      }

      let mcHeading = new Map<string, number>();
      if (tagged) {
        try {
          const tree = (await withTimeout(page.getStructTree(), PAGE_TIMEOUT_MS, 'structure')) as StructNode | null;
          collectHeadings(tree, headingTags, mcHeading);
        } catch {
          mcHeading = new Map();
        }
      }

      // Work in the page as displayed (rotation applied), y up from the bottom.
      const viewport = page.getViewport({ scale: 1 });
      const vt = viewport.transform as Matrix;
      const vh = viewport.height;
      const items: TextItem[] = [];
      const rotated: TextItem[] = [];
      const stack: (number | undefined)[] = [];
      let heading: number | undefined;
      for (let i = 0; i < raw.length && items.length < MAX_ITEMS_PER_PAGE; i++) {
        const it = raw[i] as {
          type?: string;
          id?: string;
          str?: string;
          transform?: number[];
          width?: number;
          fontName?: string;
        };
        if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') {
          stack.push(heading);
          if (it.id && mcHeading.has(it.id)) heading = mcHeading.get(it.id);
          continue;
        }
        if (it.type === 'endMarkedContent') {
          heading = stack.pop();
          continue;
        }
        const str = it.str;
        const t = it.transform;
        if (typeof str !== 'string' || !t || t.length < 6 || str.trim() === '') continue;
        if (!t.every(Number.isFinite)) continue;
        const [a, b, c, d, e, f] = multiply(vt, t.slice(0, 6) as Matrix);
        const size = Math.abs(d) || Math.hypot(c, d);
        if (!(size > 0.5 && size < 500)) continue;
        const item: TextItem = {
          str,
          x: e,
          y: vh - f,
          w: Number.isFinite(it.width) ? Math.max(0, it.width!) : str.length * size * 0.5,
          size: Math.round(size * 10) / 10,
          bold: fonts.get(it.fontName ?? '') ?? false,
          heading,
        };
        // Only horizontal text takes part in the layout (rotated stamps and margin notes do not),
        // unless the page has nothing else.
        if (Math.abs(b) > Math.abs(a) * 0.1 || Math.abs(c) > Math.abs(d) * 0.1 || a <= 0) {
          if (rotated.length < 2000) rotated.push({ ...item, size: Math.round(Math.hypot(a, b) * 10) / 10 || 10 });
          continue;
        }
        items.push(item);
      }
      if (items.length === 0 && rotated.length > 0) {
        // Text set at an angle only: read it in drawing order, one run per line.
        rotated.forEach((r, k) => items.push({ ...r, x: 0, y: (rotated.length - k) * r.size * 1.5 }));
      }
      const x0 = 0;
      const x1 = viewport.width;
      const y0 = 0;
      const y1 = viewport.height;
      pages.push({ page: n, width: x1 - x0, height: y1 - y0, bottom: Math.min(y0, y1), items });
      page.cleanup();
    } catch (err) {
      failed++;
      pages.push({ page: n, width: 612, height: 792, bottom: 0, items: [] });
      void err;
    }
  }
  if (failed) notes.push(`${failed} page(s) could not be read and were skipped`);
  if (truncated) notes.push(`${truncated} page(s) had more than ${MAX_ITEMS_PER_PAGE} text items: the rest was ignored`);
  const rules = async (n: number): Promise<Rule[]> => {
    try {
      const page = await withTimeout(doc.getPage(n), PAGE_TIMEOUT_MS, `page ${n}`);
      const ops = await withTimeout(page.getOperatorList(), PAGE_TIMEOUT_MS, `drawing of page ${n}`);
      return rulesFrom(ops as never, OPS);
    } catch {
      return [];
    }
  };
  const close = async (): Promise<void> => {
    await doc.loadingTask.destroy().catch(() => undefined);
  };
  // A part keeps the raw flag: whether any part found heading tags is known once parts are joined.
  return { pages, numPages, headingTags, tagged: share && share.count > 1 ? tagged : tagged && headingTags.length > 0, outline, notes, rules, close } as LoadedPdf;
}
