/**
 * The document model shared by every reader, the engine and every rule.
 *
 * Readers turn bytes into an mdast `Root` (plus a little metadata on each block node under
 * `node.data.dhr`); `buildDocument` turns that tree into a `ReportDocument`: a flat list of blocks in
 * reading order, a section outline with template ids, parts, tables and lazily computed text
 * helpers. Rules only ever see a `ReportDocument`.
 */
import type { Root, RootContent } from 'mdast';

export type Level = 'error' | 'warn' | 'info';
export type Format = 'markdown' | 'text' | 'docx' | 'pdf';

/** How a reader recognised a heading; shown by `--outline` so users can judge a guessed one. */
export type HeadingSource =
  | 'markdown' // an ATX or setext heading in Markdown
  | 'style' // a Word heading style or a style with an outline level
  | 'tag' // a tagged-PDF H1..H6 structure element
  | 'outline' // a PDF bookmark
  | 'numbering' // a short numbered line ("4. Terms of Reference", "Section Four", "Appendix B")
  | 'font' // bold or larger text in a short line
  | 'caps' // a short all-capitals line
  | 'known-title'; // a short line that is a known DHR section name

/**
 * Reader metadata attached to an mdast block node as `node.data.dhr`.
 * Every field is optional: each format fills what it knows.
 */
export interface ReaderBlockData {
  /** Physical page (1-based) where the block starts: PDF, and .docx when rendered breaks exist. */
  page?: number;
  /** Index (0-based) of the block's `w:p` among the body paragraphs of `word/document.xml`. */
  docxParagraph?: number;
  /** For table rows: index (0-based) of the `w:tr` among the body's table rows in document.xml. */
  docxRows?: number[];
  /** Heading recognition, for headings. */
  headingSource?: HeadingSource;
  /** Heading number as written or recovered from Word numbering ("4.2", "Section Four", "B"). */
  number?: string;
  /** True for a heading guessed from layout rather than declared (style, Markdown, tag). */
  probable?: boolean;
  /** Rules silenced on this block (Word comments `dhr-lint-disable rule -- reason`). */
  disable?: { rules: string[]; reason?: string }[];
  /** The block is a footnote or endnote body. */
  note?: 'footnote' | 'endnote';
  /** Text with tracked changes accepted differs from the raw text (for `--debug`). */
  trackedChanges?: boolean;
}

/** What a reader returns. */
export interface ReaderResult {
  tree: Root;
  /** The decoded source text (Markdown and plain text only): enables line:column locations. */
  source?: string;
  /** Page count where the format has pages. */
  pages?: number;
  /** Human notes about the reading ("tracked changes accepted", "3 headings guessed from bold"). */
  notes: string[];
  /** Text that is not body text but that some rules need (running headers and footers). */
  furniture?: { headers: string[]; footers: string[] };
  /** Word comments found (raw), for publication checks. */
  comments?: { author?: string; text: string }[];
}

/** Where a finding is: every field the format can provide. */
export interface SourceLocation {
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** 1-based number of the block in reading order (the "¶" of the whole document). */
  paragraph?: number;
  /** 1-based ordinal of the block within its section (the "¶3" in "4 Terms of Reference › ¶3"). */
  sectionParagraph?: number;
  page?: number;
  docxParagraph?: number;
  docxRow?: number;
}

export type BlockKind = 'heading' | 'paragraph' | 'table' | 'code';

export interface Table {
  /** The first row when it reads as a header (always, for GFM; detected for other formats). */
  header: string[];
  rows: TableRow[];
  block: Block;
}

export interface TableRow {
  cells: string[];
  location: SourceLocation;
}

export interface Block {
  /** Position in `ReportDocument.blocks`. */
  index: number;
  kind: BlockKind;
  node: RootContent;
  /** Plain text of the block (tables: cells joined with " | ", rows with "\n"). */
  text: string;
  /** Innermost containers: a block may sit in a list item, a block quote or a footnote body. */
  within: { list: boolean; quote: boolean; note: boolean };
  /**
   * For blocks inside a list item: whether the list is ordered, the item's number as a reader
   * sees it (Markdown keeps only the start number: "3." then the next items count on), and the
   * list nesting depth (1 = top-level list).
   */
  listItem?: { ordered: boolean; number?: number; depth: number };
  section: Section;
  location: SourceLocation;
  table?: Table;
  /** Heading depth for headings (1..6). */
  depth?: number;
  /** Reader data (see ReaderBlockData). */
  data: ReaderBlockData;
}

export interface Section {
  /** Position in `ReportDocument.sections` (0 is the untitled front matter / root). */
  index: number;
  heading?: Block;
  /** Heading text without its number. */
  title: string;
  /** The number as written ("4.1", "Section Four", "Appendix B"), if any. */
  number?: string;
  /** 0 for the root; heading depth otherwise. */
  level: number;
  /** Canonical section ids from TEMPLATES.md matched by meaning (combined headings give several). */
  templateIds: string[];
  parent?: Section;
  children: Section[];
  /** Content blocks directly under this heading (not the heading, not subsections). */
  blocks: Block[];
  /** Block index range of the whole section including its heading and subsections: [start, end). */
  start: number;
  end: number;
  part: Part;
}

export type PartKind = 'overview' | 'executive-summary' | 'action-plan' | 'appendix' | 'qa-letter' | 'front-matter';

export interface Part {
  kind: PartKind;
  title: string;
  /** Block index range [start, end). */
  start: number;
  end: number;
}

export type DocumentKind = 'overview' | 'executive-summary' | 'action-plan' | 'unknown';

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  text: string;
}

export interface Quotation extends Span {
  /** 'marks' = inside quotation marks; 'block' = a block quote; 'attributed' = introduced as a quote. */
  kind: 'marks' | 'block' | 'attributed';
}
