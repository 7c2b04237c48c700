/** Markdown reader: remark-parse with GFM tables and footnotes, positions kept for line:column. */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import type { Root, Paragraph, Heading } from 'mdast';
import type { Position } from 'unist';
import type { ReaderBlockData, ReaderResult } from '../model/types.js';
import { guessHeading } from '../model/headings.js';
import { decodeText } from './decode.js';

/**
 * Only the GFM parts a report needs: tables (the action plan, the panel list) and footnotes.
 * Autolink literals, strikethrough and task lists change no text a rule reads, and leaving them
 * out makes parsing markedly faster than full remark-gfm (see `npm run bench`).
 */
function reportGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown());
}

const processor = unified().use(remarkParse).use(reportGfm);

/**
 * Parse chunk `index` of `count` (null when the document gave fewer chunks); joined with the
 * other threads' chunks by `joinMarkdown`.
 */
export function readMarkdownPart(bytes: Uint8Array, index: number, count: number): { part: Root | null; join(parts: unknown[]): Promise<ReaderResult>; close(): Promise<void> } {
  const source = decodeText(bytes);
  const chunks = markdownChunks(source, count);
  return {
    part: index < chunks.length ? parseChunk(source, chunks, index) : null,
    join: async (parts) => joinMarkdown(bytes, parts as (Root | null)[]),
    close: async () => undefined,
  };
}

/** The document from all its chunks' trees, in order (any thread that has them all can join). */
export function joinMarkdown(bytes: Uint8Array, parts: (Root | null)[]): ReaderResult {
  const source = decodeText(bytes);
  const [first, ...others] = parts;
  const tree: Root = { ...first!, children: [...first!.children] };
  for (const other of others) {
    if (!other) continue;
    tree.children.push(...other.children);
    if (tree.position && other.position) tree.position = { start: tree.position.start, end: other.position.end };
  }
  return finish(tree, source);
}

export function readMarkdown(bytes: Uint8Array): ReaderResult {
  const source = decodeText(bytes);
  return finish(processor.runSync(processor.parse(source)) as Root, source);
}

function finish(tree: Root, source: string): ReaderResult {
  const notes: string[] = [];
  const promoted = promoteBoldHeadings(tree);
  if (promoted) notes.push(`${promoted} headings recognised from bold numbered lines (no Markdown headings)`);
  return { tree, source, notes };
}

/**
 * Reports converted from Word often arrive with no Markdown headings, only bold lines such as
 * "**4. Terms of Reference**". When a document has no heading at all, read those as headings.
 */
function promoteBoldHeadings(tree: Root): number {
  if (tree.children.some((n) => n.type === 'heading')) return 0;
  let count = 0;
  tree.children = tree.children.map((node) => {
    if (node.type !== 'paragraph' || node.children.length !== 1) return node;
    const only = node.children[0]!;
    if (only.type !== 'strong') return node;
    const text = only.children.map((c) => ('value' in c ? c.value : '')).join('');
    const guess = guessHeading(text, { bold: true });
    if (!guess) return node;
    count++;
    const data: ReaderBlockData = { headingSource: guess.source === 'known-title' ? 'known-title' : 'font', probable: true };
    const heading: Heading = {
      type: 'heading',
      depth: Math.min(Math.max(guess.depth, 1), 6) as Heading['depth'],
      children: only.children,
      position: (node as Paragraph).position,
      data: { dhr: data } as Heading['data'],
    };
    return heading;
  });
  return count;
}

/** Where a chunk starts: its offset in the source and its 1-based line. */
interface ChunkStart {
  offset: number;
  line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const DEFINITION = /^ {0,3}\[(\^?)((?:[^\]\\]|\\.)+)\]:/;

/**
 * Cut a document into up to `count` chunks that parse exactly as they do in the whole: each
 * starts at an ATX heading at the start of a line, after a blank line, outside fenced code and
 * HTML comments. Link and footnote definitions are document-wide, so each chunk is parsed with
 * stubs of all of them (dropped afterwards); a definition-like line anywhere else, or a raw HTML
 * block that may hold blank lines, means the document is not cut at all.
 */
export function markdownChunks(source: string, count: number): { starts: ChunkStart[]; definitions: string[] } & { length: number } {
  const whole = { starts: [{ offset: 0, line: 1 }], definitions: [] as string[], length: 1 };
  if (count <= 1 || /<(?:script|pre|style|textarea)\b/i.test(source)) return whole;
  const candidates: ChunkStart[] = [];
  const definitions: string[] = [];
  let fence: string | undefined;
  let comment = false;
  let blankBefore = true;
  let line = 1;
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (;;) {
    const m = pattern.exec(source);
    const end = m ? m.index : source.length;
    const text = source.slice(start, end);
    if (fence) {
      const close = FENCE.exec(text);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && text.trim() === close[0].trim()) fence = undefined;
    } else if (comment) {
      if (text.includes('-->')) comment = false;
    } else {
      const open = FENCE.exec(text);
      if (open) fence = open[1]!;
      else if (text.includes('<!--') && !text.slice(text.lastIndexOf('<!--')).includes('-->')) comment = true;
      else if (blankBefore && ATX.test(text)) candidates.push({ offset: start, line });
      const definition = DEFINITION.exec(text);
      if (definition) definitions.push(`[${definition[1]}${definition[2]}]`);
      else if (/\]:/.test(text)) return whole; // a definition nested in a list or quote: no cutting
    }
    blankBefore = text.trim() === '';
    if (!m) break;
    start = m.index + m[0].length;
    line++;
  }
  const starts: ChunkStart[] = [{ offset: 0, line: 1 }];
  for (let k = 1; k < count; k++) {
    const target = (source.length * k) / count;
    const next = candidates.find((c) => c.offset >= target && c.offset > starts[starts.length - 1]!.offset);
    if (next) starts.push(next);
  }
  return { starts, definitions: [...new Set(definitions)], length: starts.length };
}

/** Parse one chunk, with positions as in the whole document and the definition stubs dropped. */
function parseChunk(source: string, chunks: ReturnType<typeof markdownChunks>, index: number): Root {
  const from = chunks.starts[index]!;
  const to = chunks.starts[index + 1]?.offset ?? source.length;
  const text = source.slice(from.offset, to);
  if (chunks.length === 1) return processor.runSync(processor.parse(text)) as Root;
  const stubs = chunks.definitions.map((label) => `${label}: #`).join('\n\n');
  const tree = processor.runSync(processor.parse(stubs ? `${text}\n\n${stubs}\n` : text)) as Root;
  tree.children = tree.children.filter((node) => (node.position?.start.offset ?? 0) < text.length);
  shift(tree, from.line - 1, from.offset);
  // The root spans the chunk's text (the stubs after it are not part of the document).
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  const tail = text.length - Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) - 1;
  tree.position = { start: { line: from.line, column: 1, offset: from.offset }, end: { line: from.line + breaks, column: tail + 1, offset: to } };
  return tree;
}

function shift(node: { position?: Position; children?: unknown[] }, lines: number, offset: number): void {
  if (node.position) {
    for (const point of [node.position.start, node.position.end]) {
      point.line += lines;
      if (point.offset !== undefined) point.offset += offset;
    }
  }
  for (const child of node.children ?? []) shift(child as { position?: Position; children?: unknown[] }, lines, offset);
}
