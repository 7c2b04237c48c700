/**
 * mammoth's document model + the raw pass → mdast. Headings from styles or, when the document has
 * none, from layout (a cover page is front matter, not headings); table of contents kept as
 * paragraphs; lists; tables with merged cells expanded; footnotes/endnotes placed after the block
 * that cites them; Word comments turned into `disable` directives on the paragraphs they cover.
 */
import type {
  FootnoteDefinition,
  Heading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table as MdTable,
  TableCell as MdTableCell,
  TableRow as MdTableRow,
} from 'mdast';
import type { HeadingSource, ReaderBlockData } from '../../model/types.js';
import { frontMatterLength, guessHeading, isKnownTitle, parseHeadingNumber, type FrontMatterItem, type HeadingGuess } from '../../model/headings.js';
import { parseDirectiveText } from '../../model/document.js';
import { MARKER_PREFIX, type RawDocument, type RawParagraph } from './raw.js';
import type { NumberLabel, Styles } from './styles.js';

/** The parts of mammoth's document model the reader uses. */
export interface MElement {
  type: string;
  children?: MElement[];
  value?: string;
  name?: string;
  styleId?: string | null;
  styleName?: string | null;
  isBold?: boolean;
  isItalic?: boolean;
  isAllCaps?: boolean;
  fontSize?: number | null;
  href?: string;
  anchor?: string;
  noteType?: 'footnote' | 'endnote';
  noteId?: string;
  breakType?: string;
  checked?: boolean;
  colSpan?: number;
  rowSpan?: number;
  isHeader?: boolean;
}

export interface MDocument {
  children: MElement[];
  notes: { resolve(ref: { noteType: string; noteId: string }): { body: MElement[] } | null };
  comments: { commentId: string; body: MElement[]; authorName?: string | null }[];
}

interface Directive {
  rules: string[];
  reason?: string;
}

interface NoteRef {
  noteType: 'footnote' | 'endnote';
  noteId: string;
  identifier: string;
}

/** A body paragraph with everything needed to decide what it is. */
interface Para {
  el: MElement;
  raw?: RawParagraph;
  styleId?: string;
  styleName?: string;
  inline: PhrasingContent[];
  text: string;
  refs: NoteRef[];
  bold: boolean;
  caps: boolean;
  /** Smallest font size of the visible runs (points). */
  size: number;
  numbering?: NumberLabel;
  kind?: 'heading' | 'toc' | 'list' | 'numbered' | 'paragraph';
  depth?: number;
  source?: HeadingSource;
  number?: string;
  probable?: boolean;
  tocLevel?: number;
}

type Item = { type: 'p'; p: Para } | { type: 'table'; el: MElement };

export interface BuildOutput {
  tree: Root;
  notes: string[];
  comments: { author?: string; text: string }[];
}

/** Author of the comments `--annotate` writes (src/annotate/docx-comments.ts): ignored when reading. */
const ANNOTATION_AUTHOR = 'dhr-lint';

const CONTENTS_TITLE = /^(table of )?contents( page)?$/i;
const TOC_LINE = /(\t|\.{3,}|…|\s{2,}|\s)\s*(\d{1,3}|[ivxlc]{1,6})\s*$/i;

export class DocxBuilder {
  private readonly noteIds = new Map<string, NoteRef>();
  private readonly defined = new Set<string>();
  private footnotes = 0;
  private endnotes = 0;
  private readonly directives = new Map<string, Directive>();
  private readonly comments: { author?: string; text: string }[] = [];
  private readonly notes: string[] = [];
  /**
   * Page numbers go on blocks only when Word recorded its own page breaks (rendered pages): hard
   * breaks alone undercount badly (an action plan on page 112 would read "p.5").
   */
  private get pagesKnown(): boolean {
    return this.raw.pages !== undefined;
  }

  constructor(
    private readonly model: MDocument,
    private readonly raw: RawDocument,
    private readonly styles: Styles,
  ) {}

  build(): BuildOutput {
    this.readComments();
    const items = this.collect(this.model.children);
    const paras = items.flatMap((i) => (i.type === 'p' ? [i.p] : []));
    const tocCount = this.markToc(paras);
    const guessed = this.markHeadings(paras);
    this.markLists(paras);
    const children = this.emit(items);
    if (this.raw.trackedChanges) {
      this.notes.push(`${this.raw.trackedChanges} tracked change${this.raw.trackedChanges === 1 ? '' : 's'} read as accepted`);
    }
    if (guessed) this.notes.push(`${guessed} heading${guessed === 1 ? '' : 's'} guessed from layout (no Word heading styles)`);
    if (tocCount) this.notes.push(`table of contents recognised (${tocCount} entries), not read as headings`);
    const directives = [...this.directives.values()].length;
    if (directives) this.notes.push(`${directives} dhr-lint-disable comment${directives === 1 ? '' : 's'} read`);
    return { tree: { type: 'root', children }, notes: this.notes, comments: this.comments };
  }

  // ---- comments ----------------------------------------------------------------------------

  private readComments(): void {
    for (const c of this.model.comments ?? []) {
      // Comments dhr-lint wrote itself (`--annotate`) are neither the authors' comments nor
      // directives: a second run on the annotated copy gives the same findings.
      if (c.authorName === ANNOTATION_AUTHOR) continue;
      const text = c.body
        .map((el) => this.plain(el))
        .join('\n')
        .trim();
      this.comments.push({ author: c.authorName ?? undefined, text });
      const m = /^dhr-lint-disable(?![-\w])\s*([\s\S]*)$/i.exec(text);
      if (m) {
        // Word autocorrects " -- " to an en dash: accept both.
        const body = m[1]!.replace(/\s+[–—]\s+/g, ' -- ').replace(/^[–—]\s+/, '-- ').replace(/\s+/g, ' ');
        this.directives.set(c.commentId, parseDirectiveText(body));
      }
    }
  }

  // ---- collecting paragraphs ---------------------------------------------------------------

  private collect(elements: MElement[]): Item[] {
    const items: Item[] = [];
    let loose: MElement[] = [];
    const flushLoose = (): void => {
      if (loose.length) items.push({ type: 'p', p: this.para({ type: 'paragraph', children: loose }) });
      loose = [];
    };
    for (const el of elements) {
      if (el.type === 'paragraph') {
        flushLoose();
        items.push({ type: 'p', p: this.para(el) });
      } else if (el.type === 'table') {
        flushLoose();
        items.push({ type: 'table', el });
      } else loose.push(el);
    }
    flushLoose();
    return items;
  }

  /**
   * The raw paragraph behind a model paragraph: its marker. mammoth merges a paragraph whose mark
   * was deleted into the next one; the merged paragraph is the last `w:p` and inherits the
   * revisions and comments of the others.
   */
  private rawOf(el: MElement): RawParagraph | undefined {
    const found: RawParagraph[] = [];
    for (const c of el.children ?? []) {
      if (c.type === 'bookmarkStart' && c.name?.startsWith(MARKER_PREFIX)) {
        const raw = this.raw.paragraphs.get(Number(c.name.slice(MARKER_PREFIX.length)));
        if (raw) found.push(raw);
      }
    }
    const last = found[found.length - 1];
    if (found.length <= 1 || !last) return last;
    return {
      ...last,
      tracked: found.some((r) => r.tracked),
      comments: new Set(found.flatMap((r) => [...r.comments])),
    };
  }

  private para(el: MElement): Para {
    const raw = this.rawOf(el);
    const styleId = el.styleId ?? raw?.styleId ?? undefined;
    const inline: PhrasingContent[] = [];
    const refs: NoteRef[] = [];
    const stats = { chars: 0, bold: 0, caps: 0, minSize: Infinity };
    this.inline(el.children ?? [], inline, refs, { styleId, stats });
    const text = textOf(inline);
    return {
      el,
      raw,
      styleId,
      styleName: el.styleName ?? this.styles.name(styleId) ?? undefined,
      inline,
      text,
      refs,
      bold: stats.chars > 0 && stats.bold === stats.chars,
      caps: stats.chars > 0 && stats.caps === stats.chars,
      size: Number.isFinite(stats.minSize) ? stats.minSize : this.styles.size(styleId),
      numbering: raw?.numbering,
    };
  }

  /** Convert mammoth inline elements to mdast phrasing content (adjacent same-format runs merged). */
  private inline(
    elements: MElement[],
    out: PhrasingContent[],
    refs: NoteRef[],
    ctx: { styleId?: string; stats?: { chars: number; bold: number; caps: number; minSize: number }; run?: MElement },
  ): void {
    for (const el of elements) {
      switch (el.type) {
        case 'run': {
          this.inline(el.children ?? [], out, refs, { ...ctx, run: el });
          break;
        }
        case 'text':
        case 'tab':
        case 'checkbox': {
          const value = el.type === 'text' ? (el.value ?? '') : el.type === 'tab' ? '\t' : el.checked ? '☒' : '☐';
          const run = ctx.run;
          const bold = Boolean(run?.isBold);
          const italic = Boolean(run?.isItalic);
          pushText(out, value, bold, italic);
          const visible = visibleLength(value);
          if (ctx.stats && visible) {
            const styles = this.styles;
            const effBold = bold || styles.bold(run?.styleId ?? undefined) || styles.bold(ctx.styleId);
            const effCaps = Boolean(run?.isAllCaps) || styles.caps(run?.styleId ?? undefined) || styles.caps(ctx.styleId);
            const charSize = run?.styleId ? styles.inherited(run.styleId, (s) => s.size) : undefined;
            const size = run?.fontSize ?? (charSize ? charSize / 2 : styles.size(ctx.styleId));
            ctx.stats.chars += visible;
            if (effBold) ctx.stats.bold += visible;
            if (effCaps) ctx.stats.caps += visible;
            ctx.stats.minSize = Math.min(ctx.stats.minSize, size);
          }
          break;
        }
        case 'break':
          if (el.breakType === 'line') out.push({ type: 'break' });
          break;
        case 'hyperlink': {
          const children: PhrasingContent[] = [];
          this.inline(el.children ?? [], children, refs, ctx);
          if (!children.length) break;
          const url = el.href ?? (el.anchor ? `#${el.anchor}` : '');
          if (url) out.push({ type: 'link', url, children: children as never });
          else out.push(...children);
          break;
        }
        case 'noteReference': {
          const ref = this.noteRef(el);
          refs.push(ref);
          out.push({ type: 'footnoteReference', identifier: ref.identifier, label: ref.identifier });
          break;
        }
        case 'paragraph':
          // A paragraph nested where inline content was expected (text boxes in notes): flatten.
          if (out.length) out.push({ type: 'break' });
          this.inline(el.children ?? [], out, refs, ctx);
          break;
        case 'bookmarkStart':
        case 'commentReference':
        case 'image':
          break;
        default:
          if (el.children) this.inline(el.children, out, refs, ctx);
      }
    }
  }

  private noteRef(el: MElement): NoteRef {
    const noteType = el.noteType === 'endnote' ? 'endnote' : 'footnote';
    const key = `${noteType}-${el.noteId}`;
    let ref = this.noteIds.get(key);
    if (!ref) {
      const n = noteType === 'endnote' ? ++this.endnotes : ++this.footnotes;
      ref = { noteType, noteId: el.noteId ?? '', identifier: `${noteType === 'endnote' ? 'en' : 'fn'}${n}` };
      this.noteIds.set(key, ref);
    }
    return ref;
  }

  private plain(el: MElement): string {
    const out: PhrasingContent[] = [];
    this.inline(el.type === 'paragraph' ? (el.children ?? []) : [el], out, [], {});
    return textOf(out);
  }

  // ---- classification --------------------------------------------------------------------

  /** Table of contents: TOC field, TOC content control, TOC styles, or lines after "Contents". */
  private markToc(paras: Para[]): number {
    let count = 0;
    let afterTitle = false;
    for (const p of paras) {
      const text = p.text.trim();
      const styleName = p.styleName ?? '';
      const isTitle = CONTENTS_TITLE.test(text.replace(/[:.]$/, '')) || /^toc heading$/i.test(styleName);
      const styled = /^(toc|contents)\s*\d$/i.test(styleName) || /^(toc|contents)\d$/i.test(p.styleId ?? '');
      if (isTitle && !p.raw?.tocField) {
        p.kind = 'heading';
        const depth = this.styles.headingDepth(p.styleId);
        p.depth = 1;
        p.source = depth || /^toc heading$/i.test(styleName) ? 'style' : 'known-title';
        p.probable = p.source !== 'style';
        afterTitle = true;
        continue;
      }
      if (p.raw?.tocField || styled || (p.raw?.tocBlock && text !== '')) {
        p.kind = 'toc';
        const m = /(\d)$/.exec(styleName);
        p.tocLevel = m ? Number(m[1]) : undefined;
        count++;
        afterTitle = true;
        continue;
      }
      if (afterTitle) {
        if (text === '') continue;
        const words = (parseHeadingNumber(text)?.rest ?? text).replace(/\.{2,}|…/g, ' ');
        if (TOC_LINE.test(text) && text.length <= 160 && !/[.!?]\s+\S/.test(words)) {
          p.kind = 'toc';
          count++;
          continue;
        }
        afterTitle = false;
      }
    }
    return count;
  }

  /** Headings from styles; from layout when the document declares none. Returns the guessed count. */
  private markHeadings(paras: Para[]): number {
    let styled = 0;
    for (const p of paras) {
      if (p.kind || p.text.trim() === '') continue;
      let depth = this.styles.headingDepth(p.styleId);
      if (depth === undefined && p.raw?.outlineLvl !== undefined && p.raw.outlineLvl < 9) depth = Math.min(p.raw.outlineLvl + 1, 6);
      if (depth !== undefined) {
        styled++;
      } else if (/^title$/i.test(p.styleName ?? '') || /^title$/i.test(p.styleId ?? '')) {
        depth = 1;
      }
      if (depth === undefined) continue;
      p.kind = 'heading';
      p.depth = depth;
      p.source = 'style';
      if (p.numbering && !p.numbering.bullet && p.numbering.number) p.number = p.numbering.number;
    }
    if (styled > 0) return 0;

    // No heading styles: read headings from what a reader sees.
    const bodySize = this.bodySize(paras);
    // A cover page (title lines before the contents or the first numbered section) is front
    // matter: its lines are not headings and its big fonts do not rank heading levels.
    const front = this.frontMatter(paras, bodySize);
    const larger = [
      ...new Set(paras.filter((p) => !p.kind && !front.has(p) && p.size >= bodySize + 1 && p.text.trim().length <= 120).map((p) => p.size)),
    ].sort((a, b) => b - a);
    const tocTitles = this.tocTitles(paras);
    let guessed = 0;
    for (const p of paras) {
      if (p.kind || front.has(p) || p.raw?.inTextBox || p.text.length > 240) continue;
      const text = p.text.replace(/\s+/g, ' ').trim();
      if (!text || (p.numbering?.bullet ?? false)) continue;
      const isLarger = p.size >= bodySize + 1;
      const sizeRank = isLarger ? larger.indexOf(p.size) + 1 || undefined : p.bold ? larger.length + 1 : undefined;
      const { guess, shown, label } = this.guess(p, bodySize, sizeRank);
      let source: HeadingSource | undefined = guess?.source;
      let depth = guess?.depth;
      let number = label ? p.numbering!.number : guess?.number?.raw;
      if (!guess) {
        if (!tocTitles.size || shown.length > 150) continue;
        const hint = tocTitles.get(normalise(shown)) ?? tocTitles.get(normalise(text));
        if (hint === undefined) continue;
        const parsed = parseHeadingNumber(shown);
        source = parsed ? 'numbering' : 'known-title';
        depth = hint || (parsed?.style === 'decimal' ? parsed.parts.length : 1);
        number = label ? p.numbering!.number : parsed?.raw;
      }
      p.kind = 'heading';
      p.depth = Math.min(Math.max(depth ?? 1, 1), 6);
      p.source = source;
      p.number = number || undefined;
      p.probable = true;
      guessed++;
    }
    if (front.size) this.notes.push(`cover page: ${front.size} paragraph${front.size === 1 ? '' : 's'} read as front matter, not as headings`);
    return guessed;
  }

  /** How a paragraph reads as a heading from its text and font (no Word heading style). */
  private guess(p: Para, bodySize: number, sizeRank?: number): { guess?: HeadingGuess; shown: string; label: string } {
    const text = p.text.replace(/\s+/g, ' ').trim();
    const isLarger = p.size >= bodySize + 1;
    const label = p.numbering && !p.numbering.bullet ? p.numbering.label : '';
    const shown = label ? `${label} ${text}` : text;
    const guessText = p.caps ? shown.toUpperCase() : shown;
    const emphasised = p.bold || isLarger;
    let guess = guessHeading(guessText, { bold: p.bold, larger: isLarger, sizeRank });
    if (guess?.source === 'numbering' && guess.number?.style === 'decimal' && !emphasised && !isKnownTitle(guess.number.rest)) {
      // Font information is reliable in Word: a plain numbered line is a numbered paragraph.
      guess = undefined;
    }
    return { guess, shown, label };
  }

  /** Paragraphs of a cover page, found with the shared front-matter heuristic. */
  private frontMatter(paras: Para[], bodySize: number): Set<Para> {
    const items: Para[] = [];
    const view: FrontMatterItem[] = [];
    // Only the paragraphs up to the first anchor matter.
    for (const p of paras) {
      if (p.text.trim() === '' && !p.kind) continue;
      let anchor = p.kind === 'heading' || p.kind === 'toc';
      if (!anchor && !p.raw?.inTextBox && p.text.length <= 240 && !(p.numbering?.bullet ?? false)) {
        const source = this.guess(p, bodySize).guess?.source;
        anchor = source === 'numbering' || source === 'known-title';
      }
      items.push(p);
      view.push({ text: p.text, page: this.raw.hasPageInfo ? p.raw?.page : undefined, emphasised: p.bold || p.caps || p.size >= bodySize + 1, anchor });
      if (anchor) break;
    }
    return new Set(items.slice(0, frontMatterLength(view)));
  }

  /** Most common font size over body text, weighted by characters. */
  private bodySize(paras: Para[]): number {
    const weight = new Map<number, number>();
    for (const p of paras) {
      if (p.kind) continue;
      weight.set(p.size, (weight.get(p.size) ?? 0) + p.text.length);
    }
    let best = this.styles.size(undefined);
    let max = -1;
    for (const [size, w] of weight) if (w > max) (max = w), (best = size);
    return best;
  }

  /** Titles listed in the table of contents (page numbers stripped) → level (0 = unknown). */
  private tocTitles(paras: Para[]): Map<string, number> {
    const titles = new Map<string, number>();
    for (const p of paras) {
      if (p.kind !== 'toc') continue;
      const title = p.text.replace(/[\t .…·_-]*(\d{1,3}|[ivxlc]{1,6})\s*$/i, '').trim();
      if (title) titles.set(normalise(title), p.tocLevel ?? 0);
    }
    return titles;
  }

  /** Auto-numbered paragraphs: outline numbering ("4.2 ...") keeps its number; others are lists. */
  private markLists(paras: Para[]): void {
    const headingLists = new Set(paras.filter((p) => p.kind === 'heading' && p.numbering).map((p) => p.numbering!.list));
    for (const p of paras) {
      if (p.kind || !p.numbering || p.text.trim() === '') continue;
      const n = p.numbering;
      if (!n.bullet && (headingLists.has(n.list) || /\d+\.\d+/.test(n.label))) p.kind = 'numbered';
      else p.kind = 'list';
    }
  }

  // ---- emitting mdast --------------------------------------------------------------------

  private emit(items: Item[]): RootContent[] {
    const out: RootContent[] = [];
    let list: { node: List; key: string } | undefined;
    let tocHeading = false;
    for (const item of items) {
      if (item.type === 'table') {
        list = undefined;
        const table = this.table(item.el);
        if (table) out.push(table.node, ...this.definitions(table.refs, table.raws));
        continue;
      }
      const p = item.p;
      if (p.text.trim() === '' && p.refs.length === 0) continue;
      const raws = p.raw ? [p.raw] : [];
      const data = this.data(raws);
      if (p.kind === 'list') {
        const n = p.numbering!;
        const key = `${n.list}`;
        const para: Paragraph = { type: 'paragraph', children: trimInline(p.inline), data: { dhr: data } as never };
        const itemNode: ListItem = { type: 'listItem', spread: false, children: [para, ...this.definitions(p.refs, raws)] };
        if (list && list.key === key) list.node.children.push(itemNode);
        else {
          list = { node: { type: 'list', ordered: !n.bullet, spread: false, children: [itemNode], data: { dhr: { ...data } } as never }, key };
          out.push(list.node);
        }
        continue;
      }
      list = undefined;
      if (p.kind === 'heading') {
        if (p.depth === 1 && CONTENTS_TITLE.test(p.text.trim().replace(/[:.]$/, ''))) tocHeading = true;
        else tocHeading = false;
        const heading: Heading = {
          type: 'heading',
          depth: p.depth as Heading['depth'],
          children: trimInline(unwrap(p.inline)),
          data: {
            dhr: { ...data, headingSource: p.source, ...(p.number ? { number: p.number } : {}), ...(p.probable ? { probable: true } : {}) },
          } as never,
        };
        out.push(heading, ...this.definitions(p.refs, raws));
        continue;
      }
      if (p.kind === 'toc' && !tocHeading) {
        // A contents list without a title: put it under a "Contents" heading all the same.
        out.push({
          type: 'heading',
          depth: 1,
          children: [{ type: 'text', value: 'Contents' }],
          data: { dhr: { ...data, headingSource: 'known-title', probable: true } } as never,
        });
        tocHeading = true;
      }
      let children = trimInline(p.inline);
      if (p.kind === 'numbered' && p.numbering) children = [{ type: 'text', value: `${p.numbering.label} ` }, ...children];
      out.push({ type: 'paragraph', children, data: { dhr: data } as never }, ...this.definitions(p.refs, raws));
    }
    return out;
  }

  /** Reader data for a block made of these raw paragraphs. */
  private data(raws: RawParagraph[]): ReaderBlockData {
    const data: ReaderBlockData = {};
    const first = raws[0];
    if (first) {
      data.docxParagraph = first.alias ?? first.index;
      if (this.pagesKnown) data.page = first.page;
    }
    if (raws.some((r) => r.tracked)) data.trackedChanges = true;
    const disable: Directive[] = [];
    const seen = new Set<string>();
    for (const r of raws) {
      for (const id of r.comments) {
        const d = this.directives.get(id);
        if (d && !seen.has(id)) {
          seen.add(id);
          disable.push(d.reason ? { rules: d.rules, reason: d.reason } : { rules: d.rules });
        }
      }
    }
    if (disable.length) data.disable = disable;
    return data;
  }

  /** Footnote/endnote definitions for references not yet defined, to place after their block. */
  private definitions(refs: NoteRef[], raws: RawParagraph[]): FootnoteDefinition[] {
    const defs: FootnoteDefinition[] = [];
    for (const ref of refs) {
      if (this.defined.has(ref.identifier)) continue;
      this.defined.add(ref.identifier);
      const note = this.model.notes.resolve({ noteType: ref.noteType, noteId: ref.noteId });
      const base = this.data(raws.slice(0, 1));
      const data: ReaderBlockData = { note: ref.noteType };
      if (base.docxParagraph !== undefined) data.docxParagraph = base.docxParagraph;
      if (base.page !== undefined) data.page = base.page;
      const children: Paragraph[] = [];
      for (const el of note?.body ?? []) {
        const inline: PhrasingContent[] = [];
        const inner: NoteRef[] = [];
        if (el.type === 'table') {
          for (const row of el.children ?? [])
            for (const cell of row.children ?? []) for (const cp of cell.children ?? []) this.inline([cp], inline, inner, {});
        } else this.inline(el.type === 'paragraph' ? (el.children ?? []) : [el], inline, inner, {});
        const trimmed = trimInline(inline);
        if (textOf(trimmed).trim() === '') continue;
        children.push({ type: 'paragraph', children: trimmed, data: { dhr: { ...data } } as never });
      }
      if (!children.length) continue;
      defs.push({ type: 'footnoteDefinition', identifier: ref.identifier, label: ref.identifier, children, data: { dhr: data } as never });
    }
    return defs;
  }

  private table(el: MElement): { node: MdTable; refs: NoteRef[]; raws: RawParagraph[] } | undefined {
    const refs: NoteRef[] = [];
    const raws: RawParagraph[] = [];
    const rows: { cells: PhrasingContent[][]; raws: RawParagraph[] }[] = [];
    const pending = new Map<number, { left: number; content: PhrasingContent[] }>();
    for (const row of el.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells: PhrasingContent[][] = [];
      const rowRaws: RawParagraph[] = [];
      let col = 0;
      const fillPending = (): void => {
        for (let span = pending.get(col); span; span = pending.get(col)) {
          cells[col] = clone(span.content);
          if (--span.left <= 0) pending.delete(col);
          col++;
        }
      };
      for (const cell of row.children ?? []) {
        fillPending();
        const content = this.cellContent(cell, refs, rowRaws);
        const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, 64));
        const rowSpan = Math.max(1, cell.rowSpan ?? 1);
        for (let k = 0; k < colSpan; k++) {
          cells[col + k] = k === 0 ? content : clone(content);
          if (rowSpan > 1) pending.set(col + k, { left: rowSpan - 1, content });
        }
        col += colSpan;
      }
      // Cells merged down from above after the last cell of this row.
      const rest = [...pending.keys()].filter((c) => c >= col).sort((a, b) => a - b);
      for (const c of rest) {
        col = c;
        fillPending();
      }
      for (let i = 0; i < cells.length; i++) cells[i] ??= [];
      raws.push(...rowRaws);
      rows.push({ cells, raws: rowRaws });
    }
    if (!rows.length) return undefined;
    const width = Math.max(...rows.map((r) => r.cells.length));
    const mdRows: MdTableRow[] = rows.map((r) => {
      while (r.cells.length < width) r.cells.push([]);
      const cellNodes: MdTableCell[] = r.cells.map((c) => ({ type: 'tableCell', children: c as never }));
      const rowData: ReaderBlockData = {};
      if (this.pagesKnown && r.raws[0]) rowData.page = r.raws[0].page;
      return { type: 'tableRow', children: cellNodes, data: { dhr: rowData } as never };
    });
    const data = this.data(raws);
    const docxRows = rows.map((r) => r.raws[0]?.row ?? -1);
    if (docxRows.every((r) => r >= 0)) data.docxRows = docxRows;
    else if (docxRows.some((r) => r >= 0)) data.docxRows = docxRows.map((r) => (r < 0 ? undefined : r)) as number[];
    const node: MdTable = { type: 'table', align: new Array(width).fill(null), children: mdRows, data: { dhr: data } as never };
    return { node, refs, raws };
  }

  /** A cell's paragraphs (and nested tables) as one line of phrasing content, joined by breaks. */
  private cellContent(cell: MElement, refs: NoteRef[], raws: RawParagraph[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    const visit = (els: MElement[]): void => {
      for (const el of els) {
        if (el.type === 'paragraph') {
          const raw = this.rawOf(el);
          if (raw) raws.push(raw);
          const inline: PhrasingContent[] = [];
          this.inline(el.children ?? [], inline, refs, { styleId: el.styleId ?? undefined });
          const trimmed = trimInline(inline);
          if (!trimmed.length) continue;
          if (out.length) out.push({ type: 'break' });
          out.push(...trimmed);
        } else if (el.children) visit(el.children);
      }
    };
    visit(cell.children ?? []);
    return out;
  }
}

// ---- helpers -------------------------------------------------------------------------------

/** Characters of a run that are not white space (`\s` in a regular expression), without a copy. */
function visibleLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const space =
      c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
    if (!space) n++;
  }
  return n;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s.:–—-]+/g, ' ').trim();
}

function pushText(out: PhrasingContent[], value: string, bold: boolean, italic: boolean): void {
  if (!value) return;
  let container: PhrasingContent[] = out;
  if (bold) {
    const last = container[container.length - 1];
    if (last?.type === 'strong') container = last.children;
    else {
      const strong: PhrasingContent = { type: 'strong', children: [] };
      container.push(strong);
      container = strong.children;
    }
  }
  if (italic) {
    const last = container[container.length - 1];
    if (last?.type === 'emphasis') container = last.children;
    else {
      const em: PhrasingContent = { type: 'emphasis', children: [] };
      container.push(em);
      container = em.children;
    }
  }
  const last = container[container.length - 1];
  if (last?.type === 'text') last.value += value;
  else container.push({ type: 'text', value });
}

export function textOf(nodes: PhrasingContent[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text') s += n.value;
    else if (n.type === 'break') s += '\n';
    else if ('children' in n) s += textOf(n.children as PhrasingContent[]);
  }
  return s;
}

/** Strong/emphasis removed (heading text), tabs as spaces. */
function unwrap(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    if (n.type === 'strong' || n.type === 'emphasis') out.push(...unwrap(n.children));
    else if (n.type === 'break') out.push({ type: 'text', value: ' ' });
    else out.push(n);
  }
  const merged: PhrasingContent[] = [];
  for (const n of out) {
    const last = merged[merged.length - 1];
    if (n.type === 'text' && last?.type === 'text') last.value += n.value;
    else merged.push(n.type === 'text' ? { ...n, value: n.value } : n);
  }
  for (const n of merged) if (n.type === 'text') n.value = n.value.replace(/\t+/g, ' ');
  return merged;
}

/** Trim leading/trailing whitespace of a paragraph's inline content; drop empty containers. */
function trimInline(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.filter((n) => !(('children' in n) && n.type !== 'link' && textOf(n.children as PhrasingContent[]) === ''));
  const edge = (list: PhrasingContent[], atStart: boolean): void => {
    while (list.length) {
      const n = atStart ? list[0]! : list[list.length - 1]!;
      if (n.type === 'break') {
        if (atStart) list.shift();
        else list.pop();
        continue;
      }
      if (n.type === 'text') {
        n.value = atStart ? n.value.replace(/^\s+/, '') : n.value.replace(/\s+$/, '');
        if (n.value === '') {
          if (atStart) list.shift();
          else list.pop();
          continue;
        }
      } else if ((n.type === 'strong' || n.type === 'emphasis') && n.children.length) {
        edge(n.children, atStart);
        if (!n.children.length) {
          if (atStart) list.shift();
          else list.pop();
          continue;
        }
      }
      return;
    }
  };
  edge(out, true);
  edge(out, false);
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
