/** Markdown reader: remark-parse with GFM tables and footnotes, positions kept for line:column. */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import type { Root, Paragraph, Heading } from 'mdast';
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

export function readMarkdown(bytes: Uint8Array): ReaderResult {
  const source = decodeText(bytes);
  const tree = processor.runSync(processor.parse(source)) as Root;
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
