/**
 * The raw pass over word/document.xml (txml): what mammoth's model does not carry, per `w:p`.
 * Paragraphs are identified by the marker bookmark `_dhrN` injected at the start of every `w:p`
 * (N = its index among all `w:p` of document.xml), which mammoth also sees, so the two views join
 * exactly.
 */
import { attr, child, type XNode } from './xml.js';
import { Numbering, readNumPr, type NumberLabel } from './styles.js';

export const MARKER_PREFIX = '_dhr';

export interface RawParagraph {
  /** Index among all `w:p` of document.xml. */
  index: number;
  /** For a text-box paragraph read from mc:Fallback: the index of the same paragraph in mc:Choice. */
  alias?: number;
  page: number;
  /** Index of the innermost enclosing `w:tr`. */
  row?: number;
  styleId?: string;
  /** Direct `w:outlineLvl` (0-based). */
  outlineLvl?: number;
  numbering?: NumberLabel;
  tracked: boolean;
  comments: Set<string>;
  /** Inside a TOC field. */
  tocField: boolean;
  /** Inside a content control marked as a table of contents. */
  tocBlock: boolean;
  inTextBox: boolean;
}

export interface RawDocument {
  paragraphs: Map<number, RawParagraph>;
  paragraphCount: number;
  rowCount: number;
  trackedChanges: number;
  /** Page count when Word recorded rendered page breaks. */
  pages?: number;
  /** Any page information at all (rendered or hard breaks): enough to find the cover page. */
  hasPageInfo: boolean;
}

interface Field {
  instr: string;
  toc: boolean;
}

const TRACKED = new Set(['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo']);
const SKIP = new Set(['w:rPr', 'w:sectPr', 'w:tblPr', 'w:tblGrid', 'w:tcPr', 'w:sdtPr', 'w:sdtEndPr']);

export function walkDocument(root: XNode | undefined, numbering: Numbering): RawDocument {
  const out: RawDocument = {
    paragraphs: new Map(),
    paragraphCount: 0,
    rowCount: 0,
    trackedChanges: 0,
    hasPageInfo: false,
  };
  let page = 1;
  let pendingHard = false;
  let sawRendered = false;
  const stack: { p: RawParagraph; sawText: boolean; startPage: number }[] = [];
  const rows: number[] = [];
  const fields: Field[] = [];
  const activeComments = new Set<string>();
  let pendingTracked = false;
  let tocBlock = 0;
  let textBox = 0;
  // Fallback (duplicate) mode: paragraphs alias those collected from mc:Choice.
  let aliasQueue: number[] | undefined;
  let choiceCollector: number[] | undefined;
  let autoIndex = 0;

  const current = (): RawParagraph | undefined => stack[stack.length - 1]?.p;
  const hardBreak = (): void => {
    if (aliasQueue || textBox) return;
    page++;
    pendingHard = true;
    out.hasPageInfo = true;
  };
  const markTracked = (): void => {
    if (aliasQueue) return;
    out.trackedChanges++;
    const p = current();
    if (p) p.tracked = true;
    else pendingTracked = true;
  };
  const fieldIsToc = (): boolean => fields.some((f) => f.toc);

  const visitParagraph = (node: XNode): void => {
    const pPr = child(node, 'w:pPr');
    const first = node.children.find((c): c is XNode => typeof c === 'object');
    const name = first?.tagName === 'w:bookmarkStart' ? attr(first, 'w:name') : undefined;
    const index = name?.startsWith(MARKER_PREFIX) ? Number(name.slice(MARKER_PREFIX.length)) : autoIndex;
    autoIndex = index + 1;
    out.paragraphCount = Math.max(out.paragraphCount, index + 1);
    const styleId = attr(child(pPr, 'w:pStyle'), 'w:val');
    const lvl = attr(child(pPr, 'w:outlineLvl'), 'w:val');
    const deleted = Boolean(child(child(pPr, 'w:rPr'), 'w:del'));
    const p: RawParagraph = {
      index,
      page,
      row: rows[rows.length - 1],
      styleId,
      outlineLvl: lvl !== undefined && /^\d$/.test(lvl) ? Number(lvl) : undefined,
      tracked: pendingTracked,
      comments: new Set(activeComments),
      tocField: fieldIsToc(),
      tocBlock: tocBlock > 0,
      inTextBox: textBox > 0,
    };
    pendingTracked = false;
    if (aliasQueue) {
      p.alias = aliasQueue.shift();
    } else {
      choiceCollector?.push(index);
      const numPr = child(pPr, 'w:numPr');
      if (!deleted) p.numbering = numbering.next(numPr ? readNumPr(numPr) : undefined, styleId);
      const pageBreakBefore = child(pPr, 'w:pageBreakBefore');
      if (pageBreakBefore && attr(pageBreakBefore, 'w:val') !== '0' && attr(pageBreakBefore, 'w:val') !== 'false' && index > 0) {
        hardBreak();
      }
    }
    p.page = page;
    out.paragraphs.set(index, p);
    stack.push({ p, sawText: false, startPage: p.page });
    visitChildren(node);
    const top = stack.pop()!;
    if (!top.sawText) p.page = top.startPage;
    // A section break in the paragraph's properties starts a new page (unless continuous).
    const sect = child(pPr, 'w:sectPr');
    if (sect) {
      const type = attr(child(sect, 'w:type'), 'w:val');
      if (type !== 'continuous' && type !== 'nextColumn') hardBreak();
    }
  };

  const visitChildren = (node: XNode): void => {
    for (const c of node.children) if (typeof c === 'object') visit(c);
  };

  const visit = (node: XNode): void => {
    const tag = node.tagName;
    if (TRACKED.has(tag)) {
      markTracked();
      if (tag === 'w:del' || tag === 'w:moveFrom') {
        // Deleted text does not count as text seen (pages) but may hold comment marks.
        visitChildren(node);
        return;
      }
    }
    switch (tag) {
      case 'w:p':
        visitParagraph(node);
        return;
      case 'w:pPr': {
        // Paragraph-mark revisions live in pPr/rPr.
        const rPr = child(node, 'w:rPr');
        if (rPr && (child(rPr, 'w:ins') || child(rPr, 'w:del') || child(rPr, 'w:moveFrom') || child(rPr, 'w:moveTo'))) markTracked();
        return;
      }
      case 'w:trPr':
        if (child(node, 'w:ins') || child(node, 'w:del')) markTracked();
        return;
      case 'w:tr':
        rows.push(out.rowCount++);
        visitChildren(node);
        rows.pop();
        return;
      case 'w:t': {
        const top = stack[stack.length - 1];
        if (top && !top.sawText && node.children.some((s) => typeof s === 'string' && s.length > 0)) {
          top.sawText = true;
          if (!aliasQueue && !textBox) pendingHard = false;
          top.p.page = page;
        }
        return;
      }
      case 'w:lastRenderedPageBreak':
        if (aliasQueue || textBox) return;
        out.hasPageInfo = true;
        sawRendered = true;
        if (pendingHard) pendingHard = false;
        else page++;
        return;
      case 'w:br':
        if (attr(node, 'w:type') === 'page') hardBreak();
        return;
      case 'w:fldChar': {
        const type = attr(node, 'w:fldCharType');
        if (type === 'begin') fields.push({ instr: '', toc: false });
        else if (type === 'end') fields.pop();
        return;
      }
      case 'w:instrText': {
        const f = fields[fields.length - 1];
        if (f) {
          for (const s of node.children) if (typeof s === 'string') f.instr += s;
          if (/^\s*TOC\b/i.test(f.instr)) {
            f.toc = true;
            const p = current();
            if (p) p.tocField = true;
          }
        }
        return;
      }
      case 'w:fldSimple':
        if (/^\s*TOC\b/i.test(attr(node, 'w:instr') ?? '')) {
          const p = current();
          if (p) p.tocField = true;
        }
        visitChildren(node);
        return;
      case 'w:commentRangeStart': {
        const id = attr(node, 'w:id');
        if (id !== undefined && !aliasQueue) {
          activeComments.add(id);
          current()?.comments.add(id);
        }
        return;
      }
      case 'w:commentRangeEnd': {
        const id = attr(node, 'w:id');
        if (id !== undefined) activeComments.delete(id);
        return;
      }
      case 'w:commentReference': {
        const id = attr(node, 'w:id');
        if (id !== undefined && !aliasQueue) current()?.comments.add(id);
        return;
      }
      case 'w:sdt': {
        const gallery = attr(child(child(child(node, 'w:sdtPr'), 'w:docPartObj'), 'w:docPartGallery'), 'w:val') ?? '';
        const isToc = /table of contents/i.test(gallery);
        if (isToc) tocBlock++;
        visitChildren(node);
        if (isToc) tocBlock--;
        return;
      }
      case 'w:txbxContent':
        textBox++;
        visitChildren(node);
        textBox--;
        return;
      case 'mc:AlternateContent': {
        const choice = node.children.find((c): c is XNode => typeof c === 'object' && c.tagName === 'mc:Choice');
        const fallback = child(node, 'mc:Fallback');
        if (aliasQueue) {
          // Already inside a duplicate: only the fallback matters (it is what mammoth reads).
          if (fallback) visitChildren(fallback);
          return;
        }
        const outer = choiceCollector;
        const collected: number[] = [];
        choiceCollector = collected;
        if (choice) visitChildren(choice);
        choiceCollector = outer;
        outer?.push(...collected);
        if (fallback) {
          aliasQueue = choice ? [...collected] : undefined;
          visitChildren(fallback);
          aliasQueue = undefined;
        }
        return;
      }
      default:
        if (SKIP.has(tag)) return;
        visitChildren(node);
    }
  };

  const body = child(root, 'w:body');
  if (body) visitChildren(body);
  if (sawRendered) out.pages = page;
  return out;
}
