/**
 * Build a `ReportDocument` from a reader's mdast tree: blocks in reading order, the section
 * outline with template ids, parts, tables, directives and lazily computed text indexes that every
 * rule shares (computed once per document, whatever the number of rules).
 */
import type { Root, RootContent, PhrasingContent, Table as MdTable } from 'mdast';
import type {
  Block,
  BlockKind,
  DocumentKind,
  Format,
  Part,
  PartKind,
  Quotation,
  ReaderBlockData,
  ReaderResult,
  Section,
  Sentence,
  SourceLocation,
  Span,
  Table,
} from './types.js';
import { parseHeadingNumber } from './headings.js';
import { matchTemplateIds, normaliseHeading } from './templates.js';
import { countWords, findQuotations, splitSentences } from './text.js';

/** A range of blocks where some rules (or all, when `rules` is empty) are silenced. */
export interface Suppression {
  rules: string[];
  reason?: string;
  /** Block index range [from, to). */
  from: number;
  to: number;
  /** Where the directive was written, for "unused directive" style messages. */
  origin: SourceLocation;
}

/** Maps offsets of a block's text back to offsets in the source (text formats only). */
interface TextSegment {
  textStart: number;
  textEnd: number;
  sourceStart: number;
}

export interface BuildInput extends ReaderResult {
  file: string;
  format: Format;
  /** Force the document kind (from `settings.documents`). */
  kind?: DocumentKind;
}

const DIRECTIVE = /^<!--\s*dhr-lint-(disable-next|disable|enable)\b([\s\S]*?)-->\s*$/;

export function parseDirectiveText(body: string): { rules: string[]; reason?: string } {
  const [rulePart = '', ...reasonParts] = body.split(/\s--\s|^--\s/);
  const rules = rulePart
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  const reason = reasonParts.join(' -- ').trim() || undefined;
  return { rules, reason };
}

export class ReportDocument {
  readonly file: string;
  readonly format: Format;
  readonly tree: Root;
  readonly source?: string;
  readonly pages?: number;
  readonly notes: string[];
  readonly furniture?: { headers: string[]; footers: string[] };
  readonly comments: { author?: string; text: string }[];
  readonly blocks: Block[] = [];
  /** All sections in document order; `sections[0]` is the root (text before the first heading). */
  readonly sections: Section[] = [];
  readonly parts: Part[] = [];
  readonly tables: Table[] = [];
  readonly suppressions: Suppression[] = [];
  kind: DocumentKind = 'unknown';
  /** Where `kind` came from: the title page, configuration, or the default (no evidence: overview). */
  kindSource: 'title' | 'config' | 'default' = 'default';
  /** A lone top-level heading that wraps the whole document: its title, left out of section paths. */
  titleSection?: Section;

  private readonly segments = new Map<Block, TextSegment[]>();
  private readonly sentenceCache = new Map<number, Sentence[]>();
  private readonly quotationCache = new Map<number, Quotation[]>();
  private readonly wordCache = new Map<number, number>();
  private readonly sectionText = new Map<number, string>();
  private byTemplateId?: Map<string, Section[]>;
  private lineStarts?: number[];
  private readonly memos = new Map<string, unknown>();

  constructor(input: BuildInput) {
    this.file = input.file;
    this.format = input.format;
    this.tree = input.tree;
    this.source = input.source;
    this.pages = input.pages;
    this.notes = input.notes;
    this.furniture = input.furniture;
    this.comments = input.comments ?? [];
    new Builder(this, this.segments).build(input.kind);
  }

  /**
   * Compute something once per document and share it between rules (agency mentions, date
   * lists...). `key` must name what is computed; `compute` must not change the document.
   */
  memo<T>(key: string, compute: (doc: ReportDocument) => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute(this));
    return this.memos.get(key) as T;
  }

  get root(): Section {
    return this.sections[0]!;
  }

  /** Sections whose heading matched a template id, in document order. */
  sectionsById(id: string): Section[] {
    if (!this.byTemplateId) {
      this.byTemplateId = new Map();
      for (const s of this.sections) {
        for (const t of s.templateIds) {
          const list = this.byTemplateId.get(t) ?? [];
          list.push(s);
          this.byTemplateId.set(t, list);
        }
      }
    }
    return this.byTemplateId.get(id) ?? [];
  }

  /**
   * Headed sections from the outermost to `section`. The root and the document's title heading are
   * left out ("4 Terms of Reference", not "Overview Report › 4 Terms of Reference"), except for
   * text that sits directly under the title.
   */
  sectionPath(section: Section): Section[] {
    const path: Section[] = [];
    for (let s: Section | undefined = section; s && s.level > 0; s = s.parent) {
      if (s !== this.titleSection || s === section) path.unshift(s);
    }
    return path;
  }

  /** "4 Terms of Reference": the number as written, then the title. */
  sectionLabel(section: Section): string {
    if (section.level === 0) return '(before the first heading)';
    return section.number ? `${section.number} ${section.title}`.trim() : section.title;
  }

  /** The innermost template id that applies to a block (its section or an ancestor's). */
  templateIdOf(section: Section): string | undefined {
    for (let s: Section | undefined = section; s; s = s.parent) if (s.templateIds.length) return s.templateIds[0];
    return undefined;
  }

  /** True if the section or one of its ancestors matched the template id. */
  isWithin(section: Section, id: string): boolean {
    for (let s: Section | undefined = section; s; s = s.parent) if (s.templateIds.includes(id)) return true;
    return false;
  }

  /** Blocks of a section including subsections (and the headings of subsections). */
  blocksOf(section: Section): Block[] {
    return this.blocks.slice(section.start, section.end);
  }

  /** Plain text of a whole section, subsections included (cached). */
  textOf(section: Section): string {
    let text = this.sectionText.get(section.index);
    if (text === undefined) {
      text = this.blocksOf(section)
        .map((b) => b.text)
        .join('\n');
      this.sectionText.set(section.index, text);
    }
    return text;
  }

  sentences(block: Block): Sentence[] {
    let s = this.sentenceCache.get(block.index);
    if (!s) {
      s = block.kind === 'table' ? [] : splitSentences(block.text);
      this.sentenceCache.set(block.index, s);
    }
    return s;
  }

  /** Quoted spans of a block; a block quote is quoted as a whole. */
  quotations(block: Block): Quotation[] {
    let q = this.quotationCache.get(block.index);
    if (!q) {
      q = block.within.quote ? [{ start: 0, end: block.text.length, kind: 'block' }] : findQuotations(block.text);
      this.quotationCache.set(block.index, q);
    }
    return q;
  }

  /** Is the span (or the whole block) inside reported speech? */
  isQuoted(block: Block, span?: Span): boolean {
    const s = span ?? { start: 0, end: block.text.length };
    return this.quotations(block).some((q) => q.start <= s.start && q.end >= s.end);
  }

  wordCount(block: Block): number {
    let n = this.wordCache.get(block.index);
    if (n === undefined) {
      n = countWords(block.text);
      this.wordCache.set(block.index, n);
    }
    return n;
  }

  /** The part (overview, executive summary, action plan, appendix...) a block belongs to. */
  partOf(block: Block): Part {
    return block.section.part;
  }

  /** Precise location of a block, or of a span of its text. */
  locate(block: Block, span?: Span): SourceLocation {
    const base = block.location;
    if (!span || this.source === undefined) return { ...base };
    const segs = this.segments.get(block);
    if (!segs || segs.length === 0) return { ...base };
    const start = this.sourceOffset(segs, span.start, false);
    const end = this.sourceOffset(segs, span.end, true);
    const a = this.lineColumn(start);
    const b = this.lineColumn(end);
    return { ...base, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  private sourceOffset(segs: TextSegment[], offset: number, isEnd: boolean): number {
    let chosen = segs[0]!;
    for (const seg of segs) {
      if (offset >= seg.textStart && (offset < seg.textEnd || (isEnd && offset === seg.textEnd))) {
        chosen = seg;
        break;
      }
      if (seg.textStart <= offset) chosen = seg;
    }
    const within = Math.min(Math.max(offset - chosen.textStart, 0), chosen.textEnd - chosen.textStart);
    return chosen.sourceStart + within;
  }

  private lineColumn(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      const starts = [0];
      const src = this.source ?? '';
      for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

type Within = Block['within'];

/** One pass over the tree that fills a ReportDocument. */
class Builder {
  private paragraphCount = 0;
  private listDepth?: number;
  private listItem?: Block['listItem'];
  private current!: Section;
  private pendingDisableNext: { rules: string[]; reason?: string; origin: SourceLocation }[] = [];
  private openDisables: { rules: string[]; reason?: string; from: number; origin: SourceLocation }[] = [];

  constructor(
    private readonly doc: ReportDocument,
    private readonly segments: Map<Block, TextSegment[]>,
  ) {}

  build(kindOverride?: DocumentKind): void {
    const doc = this.doc;
    const root: Section = {
      index: 0,
      title: '',
      level: 0,
      templateIds: [],
      children: [],
      blocks: [],
      start: 0,
      end: 0,
      part: undefined as unknown as Part,
    };
    doc.sections.push(root);
    this.current = root;
    for (const node of doc.tree.children) this.visit(node, { list: false, quote: false, note: false });
    for (const d of this.openDisables) {
      doc.suppressions.push({ rules: d.rules, reason: d.reason, from: d.from, to: doc.blocks.length, origin: d.origin });
    }
    // Close section ranges.
    for (const s of doc.sections) if (s.end === 0 || s.end < s.start) s.end = doc.blocks.length;
    root.end = doc.blocks.length;
    this.assignKindAndParts(kindOverride);
  }

  private visit(node: RootContent, within: Within): void {
    switch (node.type) {
      case 'heading':
        this.addHeading(node, within);
        return;
      case 'paragraph':
        this.addBlock('paragraph', node, within);
        return;
      case 'table':
        this.addTable(node, within);
        return;
      case 'code':
        this.addBlock('code', node, within);
        return;
      case 'list': {
        const depth = (this.listDepth ?? 0) + 1;
        const saved = this.listItem;
        this.listDepth = depth;
        node.children.forEach((item, i) => {
          this.listItem = { ordered: Boolean(node.ordered), number: node.ordered ? (node.start ?? 1) + i : undefined, depth };
          for (const child of item.children) this.visit(child, { ...within, list: true });
        });
        this.listItem = saved;
        this.listDepth = depth - 1;
        return;
      }
      case 'blockquote':
        for (const child of node.children) this.visit(child, { ...within, quote: true });
        return;
      case 'footnoteDefinition':
        for (const child of node.children) this.visit(child, { ...within, note: true });
        return;
      case 'html':
        this.directive(node.value, node);
        return;
      default:
        return;
    }
  }

  private directive(value: string, node: RootContent): void {
    const m = DIRECTIVE.exec(value.trim());
    if (!m) return;
    const { rules, reason } = parseDirectiveText(m[2] ?? '');
    const origin = positionOf(node);
    const next = this.doc.blocks.length;
    if (m[1] === 'disable-next') this.pendingDisableNext.push({ rules, reason, origin });
    else if (m[1] === 'disable') this.openDisables.push({ rules, reason, from: next, origin });
    else {
      // enable: closes matching disables (all of them when no rule is named).
      const keep: typeof this.openDisables = [];
      for (const d of this.openDisables) {
        const closesAll = rules.length === 0;
        const closing = closesAll ? d.rules : d.rules.filter((r) => rules.includes(r));
        if (closing.length === 0 && !(closesAll || d.rules.length === 0)) {
          keep.push(d);
          continue;
        }
        this.doc.suppressions.push({
          rules: closesAll ? d.rules : closing,
          reason: d.reason,
          from: d.from,
          to: next,
          origin: d.origin,
        });
        const remaining = closesAll ? [] : d.rules.filter((r) => !rules.includes(r));
        if (remaining.length) keep.push({ ...d, rules: remaining, from: next });
      }
      this.openDisables = keep;
    }
  }

  private newBlock(kind: BlockKind, node: RootContent, within: Within, text: string): Block {
    const data = ((node.data as { dhr?: ReaderBlockData } | undefined)?.dhr ?? {}) as ReaderBlockData;
    const pos = positionOf(node);
    const block: Block = {
      index: this.doc.blocks.length,
      kind,
      node,
      text,
      within,
      section: this.current,
      ...(within.list && this.listItem ? { listItem: this.listItem } : {}),
      location: {
        ...pos,
        page: data.page,
        docxParagraph: data.docxParagraph,
      },
      data,
    };
    if (kind !== 'heading') {
      this.paragraphCount++;
      block.location.paragraph = this.paragraphCount;
      block.location.sectionParagraph = this.current.blocks.length + 1;
      this.current.blocks.push(block);
    }
    this.doc.blocks.push(block);
    for (const d of this.pendingDisableNext) {
      this.doc.suppressions.push({ ...d, from: block.index, to: block.index + 1 });
    }
    this.pendingDisableNext = [];
    for (const d of data.disable ?? []) {
      this.doc.suppressions.push({ rules: d.rules, reason: d.reason, from: block.index, to: block.index + 1, origin: block.location });
    }
    return block;
  }

  private addBlock(kind: BlockKind, node: RootContent, within: Within): Block {
    const segs: TextSegment[] = [];
    let text: string;
    if (node.type === 'code') {
      text = node.value;
    } else {
      const out = { text: '' };
      collectInline((node as { children?: PhrasingContent[] }).children ?? [], out, segs);
      text = out.text;
    }
    // trimEnd removes what /\s+$/ matches (white space and line terminators).
    const block = this.newBlock(kind, node, within, text.trimEnd());
    if (segs.length) this.segments.set(block, segs);
    return block;
  }

  private addHeading(node: RootContent & { type: 'heading' }, within: Within): void {
    const segs: TextSegment[] = [];
    const out = { text: '' };
    collectInline(node.children, out, segs);
    const text = out.text.replace(/\s+/g, ' ').trim();
    const data = ((node.data as { dhr?: ReaderBlockData } | undefined)?.dhr ?? {}) as ReaderBlockData;
    const depth = node.depth;
    // Close sections at this depth or deeper.
    let parent = this.current;
    while (parent.level >= depth && parent.parent) {
      parent.end = this.doc.blocks.length;
      parent = parent.parent;
    }
    let number = data.number;
    let title = text;
    if (!number) {
      const parsed = parseHeadingNumber(text);
      if (parsed && parsed.rest) {
        number = parsed.raw;
        title = parsed.rest;
      }
    } else if (text.startsWith(number)) {
      title = text.slice(number.length).replace(/^[\s.:–—-]+/, '');
    }
    const section: Section = {
      index: this.doc.sections.length,
      title,
      number,
      level: depth,
      templateIds: [],
      parent,
      children: [],
      blocks: [],
      start: this.doc.blocks.length,
      end: 0,
      part: undefined as unknown as Part,
    };
    parent.children.push(section);
    this.doc.sections.push(section);
    this.current = section;
    const block = this.newBlock('heading', node, within, text);
    block.depth = depth;
    section.heading = block;
    if (segs.length) this.segments.set(block, segs);
  }

  private addTable(node: MdTable, within: Within): void {
    const rowTexts = node.children.map((row) =>
      row.children.map((cell) => {
        const out = { text: '' };
        collectInline(cell.children, out, []);
        return out.text.replace(/\s+/g, ' ').trim();
      }),
    );
    const text = rowTexts.map((cells) => cells.join(' | ')).join('\n');
    const block = this.newBlock('table', node, within, text);
    const dataRows = (block.data.docxRows ?? []) as number[];
    const rows = node.children.map((row, i) => ({
      cells: rowTexts[i]!,
      location: {
        ...block.location,
        ...positionOf(row),
        page: ((row.data as { dhr?: ReaderBlockData } | undefined)?.dhr?.page ?? block.location.page),
        docxRow: dataRows[i],
      },
    }));
    const table: Table = { header: rows[0]?.cells ?? [], rows: rows.slice(1), block };
    block.table = table;
    this.doc.tables.push(table);
  }

  /** Decide what kind of document this is, split it into parts, and match template ids. */
  private assignKindAndParts(kindOverride?: DocumentKind): void {
    const doc = this.doc;
    const detected = detectKind(doc);
    doc.kind = kindOverride ?? detected ?? 'overview';
    doc.kindSource = kindOverride ? 'config' : detected ? 'title' : 'default';
    const root = doc.root;
    // A lone top heading that wraps everything is the document's title, not a part.
    let top = root.children;
    if (top.length === 1 && top[0]!.children.length > 1) {
      doc.titleSection = top[0];
      top = top[0]!.children;
    }
    const mainKind: PartKind =
      doc.kind === 'executive-summary' ? 'executive-summary' : doc.kind === 'action-plan' ? 'action-plan' : 'overview';
    const front: Part = { kind: 'front-matter', title: '', start: 0, end: top[0]?.start ?? doc.blocks.length };
    const parts: Part[] = [];
    if (front.end > 0 || top.length === 0) parts.push(front);
    for (const section of top) {
      const kind = partKindOf(section, mainKind);
      const last = parts[parts.length - 1];
      if (last && last.kind === kind && kind !== 'appendix') last.end = section.end;
      else parts.push({ kind, title: section.title, start: section.start, end: section.end });
    }
    if (parts.length === 0) parts.push({ kind: mainKind, title: '', start: 0, end: doc.blocks.length });
    doc.parts.push(...parts);
    const partAt = (index: number): Part =>
      parts.find((p) => index >= p.start && index < p.end) ?? parts[parts.length - 1]!;
    for (const section of doc.sections) {
      section.part = section.level === 0 ? parts[0]! : partAt(section.start);
      if (section.level > 0) {
        const summary = section.part.kind === 'executive-summary';
        section.templateIds = matchTemplateIds(section.title, { summary });
        // The document's title ("Domestic Homicide Review into the death of…") is not a section.
        if (section === doc.titleSection) section.templateIds = section.templateIds.filter((id) => id === 'title-page');
      }
    }
  }
}

function partKindOf(section: Section, mainKind: PartKind): PartKind {
  const t = normaliseHeading(section.title);
  const ids = matchTemplateIds(section.title);
  const appendix = /^(appendix|annexe?)\b/i.test(section.number ?? '') || /^(appendix|appendices|annexe?s?)\b/.test(t);
  if (ids.includes('qa-letter')) return 'qa-letter';
  if (ids.includes('action-plan') && (appendix || /^(dhr |the )?action plan/.test(t))) return 'action-plan';
  if (/^executive summary\b/.test(t) && mainKind !== 'executive-summary') return 'executive-summary';
  if (appendix) return 'appendix';
  return mainKind;
}

/** Kind from the title page: the first of "executive summary", "action plan", "overview report" found. */
function detectKind(doc: ReportDocument): DocumentKind | undefined {
  const limit = Math.min(doc.blocks.length, 40);
  for (let i = 0; i < limit; i++) {
    const b = doc.blocks[i]!;
    if (b.kind === 'table') continue;
    // Skip the contents list: its entries name every part.
    if (b.section.level > 0 && /^(table of )?contents$/i.test(b.section.title.trim())) continue;
    if (b.text.length > 200) continue;
    const t = b.text.toLowerCase();
    // "Overview Report and Executive Summary": one file holding both is an overview with a summary part.
    if (/\boverview report\b/.test(t)) return 'overview';
    if (/\bexecutive summary\b/.test(t)) return looksLikeWholeReport(doc, b) ? 'overview' : 'executive-summary';
    if (/\baction plan\b/.test(t) && b.kind === 'heading' && i < 5) return 'action-plan';
    if (/\b(domestic homicide|domestic abuse related death|single unified safeguarding) review\b/.test(t) && b.kind === 'heading' && i < 5) {
      return 'overview';
    }
  }
  return undefined;
}

/**
 * An overview report that opens with its executive summary (no "Overview Report" on the cover):
 * the summary is a section followed by other top-level sections, and the document is long.
 */
function looksLikeWholeReport(doc: ReportDocument, block: Block): boolean {
  if (block.kind !== 'heading' || !block.section.parent) return false;
  const siblings = block.section.parent.children;
  const after = siblings.slice(siblings.indexOf(block.section) + 1);
  if (after.length < 3) return false;
  let words = 0;
  for (const b of doc.blocks) words += b.text.length / 6; // rough: a word is about six characters
  return words > OVERVIEW_MIN_WORDS;
}

/** Executive summaries run to a few thousand words; overview reports to tens of thousands. */
const OVERVIEW_MIN_WORDS = 12_000;

function positionOf(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } }): SourceLocation {
  const p = node.position;
  if (!p) return {};
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

/** Concatenate inline text, recording where each piece came from in the source. */
function collectInline(nodes: PhrasingContent[], out: { text: string }, segs: TextSegment[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode': {
        const start = out.text.length;
        out.text += node.value;
        const offset = node.position?.start.offset;
        if (offset !== undefined) {
          // inline code: skip the opening backticks so columns point at the text itself
          const lead = node.type === 'inlineCode' ? Math.max(0, (node.position!.end.offset! - offset - node.value.length) / 2) : 0;
          segs.push({ textStart: start, textEnd: out.text.length, sourceStart: offset + lead });
        }
        break;
      }
      case 'break':
        out.text += '\n';
        break;
      case 'footnoteReference':
        break;
      case 'image':
        break;
      case 'html':
        break;
      default:
        if ('children' in node) collectInline(node.children as PhrasingContent[], out, segs);
    }
  }
}
