/**
 * The bundled fictional example report (examples/overview-report.md) as a Word file, made with the
 * `docx` package: heading styles, paragraphs, lists as plain numbered paragraphs, GFM tables as
 * Word tables. Optionally with a reviewer's comment and tracked changes already in it, to check
 * that `--annotate` leaves them alone.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { PhrasingContent, RootContent } from 'mdast';

export const EXAMPLE_MD = fileURLToPath(new URL('../../examples/overview-report.md', import.meta.url));

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];

function text(nodes: PhrasingContent[]): string {
  return nodes
    .map((n) => ('value' in n ? n.value : 'children' in n ? text(n.children as PhrasingContent[]) : n.type === 'break' ? ' ' : ''))
    .join('');
}

export interface ExampleOptions {
  /** Put a reviewer's comment ("Chair") on the first paragraph containing this text. */
  commentOn?: string;
  /** Make the first paragraph containing this text a tracked insertion plus a tracked deletion. */
  trackedIn?: string;
}

export const REVIEWER_COMMENT = 'Please check this against the chronology.';
export const INSERTED = ' (tracked insertion)';
export const DELETED = 'deleted words ';

export async function exampleDocx(options: ExampleOptions = {}): Promise<Uint8Array> {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(readFileSync(EXAMPLE_MD, 'utf8'));
  const children: (Paragraph | Table)[] = [];
  let commented = false;
  let tracked = false;
  const paragraph = (value: string): Paragraph => {
    const runs: ParagraphChild[] = [new TextRun(value)];
    if (options.commentOn && !commented && value.includes(options.commentOn)) {
      commented = true;
      return new Paragraph({ children: [new CommentRangeStart(0), ...runs, new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] });
    }
    if (options.trackedIn && !tracked && value.includes(options.trackedIn)) {
      tracked = true;
      const date = '2024-05-01T10:00:00Z';
      return new Paragraph({
        children: [
          ...runs,
          new InsertedTextRun({ text: INSERTED, id: 101, author: 'Chair', date }),
          new DeletedTextRun({ text: DELETED, id: 102, author: 'Chair', date }),
        ],
      });
    }
    return new Paragraph({ children: runs });
  };
  const visit = (node: RootContent): void => {
    switch (node.type) {
      case 'heading':
        children.push(new Paragraph({ text: text(node.children), heading: HEADINGS[node.depth - 1] }));
        break;
      case 'paragraph':
        children.push(paragraph(text(node.children)));
        break;
      case 'list':
        node.children.forEach((item, i) => {
          for (const c of item.children) {
            if (c.type === 'paragraph') children.push(paragraph(`${node.ordered ? `${(node.start ?? 1) + i}.` : '•'} ${text(c.children)}`));
          }
        });
        break;
      case 'blockquote':
        for (const c of node.children) visit(c);
        break;
      case 'table': {
        const columns = Math.max(...node.children.map((row) => row.children.length));
        children.push(
          new Table({
            width: { size: 9000, type: WidthType.DXA },
            columnWidths: Array.from({ length: columns }, () => Math.floor(9000 / columns)),
            rows: node.children.map(
              (row) => new TableRow({ children: row.children.map((cell) => new TableCell({ children: [new Paragraph(text(cell.children))] })) }),
            ),
          }),
        );
        break;
      }
      default:
        break;
    }
  };
  for (const node of tree.children) visit(node);
  const doc = new Document({
    creator: 'dhr-lint tests',
    comments: { children: commented ? [{ id: 0, author: 'Chair', initials: 'CH', date: new Date('2024-05-01T10:00:00Z'), children: [new Paragraph(REVIEWER_COMMENT)] }] : [] },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
