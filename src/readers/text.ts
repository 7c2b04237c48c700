/**
 * Plain-text reader. Paragraphs are separated by blank lines; a short line that reads as a heading
 * (numbered, all capitals, or a known DHR section name) starts a section. Positions are kept so
 * findings carry line:column.
 */
import type { Root, RootContent, Heading } from 'mdast';
import type { ReaderBlockData, ReaderResult } from '../model/types.js';
import { guessHeading } from '../model/headings.js';
import { decodeText } from './decode.js';

interface Point {
  line: number;
  column: number;
  offset: number;
}

export function readText(bytes: Uint8Array): ReaderResult {
  const source = decodeText(bytes).replace(/\r\n?/g, '\n');
  const children: RootContent[] = [];
  let headings = 0;
  const lines = source.split('\n');
  let offset = 0;
  let chunk: { start: Point; lines: string[] } | undefined;

  const flush = (): void => {
    if (!chunk) return;
    let { start } = chunk;
    let rest = chunk.lines;
    const first = rest[0]!;
    const guess = guessHeading(first, { standalone: rest.length === 1 });
    if (guess) {
      headings++;
      const end: Point = { line: start.line, column: first.length + 1, offset: start.offset + first.length };
      const data: ReaderBlockData = { headingSource: guess.source, probable: true };
      children.push({
        type: 'heading',
        depth: Math.min(Math.max(guess.depth, 1), 6) as Heading['depth'],
        children: [{ type: 'text', value: first.trim(), position: { start: shift(start, first), end } }],
        position: { start, end },
        data: { dhr: data },
      } as Heading);
      rest = rest.slice(1);
      start = { line: start.line + 1, column: 1, offset: start.offset + first.length + 1 };
    }
    if (rest.length) {
      const value = rest.join('\n');
      const lastLine = rest[rest.length - 1]!;
      const end: Point = { line: start.line + rest.length - 1, column: lastLine.length + 1, offset: start.offset + value.length };
      children.push({
        type: 'paragraph',
        children: [{ type: 'text', value, position: { start, end } }],
        position: { start, end },
      });
    }
    chunk = undefined;
  };

  lines.forEach((line, i) => {
    if (line.trim() === '') flush();
    else if (!chunk) chunk = { start: { line: i + 1, column: 1, offset }, lines: [line] };
    else chunk.lines.push(line);
    offset += line.length + 1;
  });
  flush();
  const tree: Root = { type: 'root', children };
  return { tree, source, notes: headings ? [`${headings} headings recognised from the text layout`] : [] };
}

/** Point at the first non-space character of a line (headings are trimmed). */
function shift(start: Point, line: string): Point {
  const lead = line.length - line.trimStart().length;
  return { line: start.line, column: start.column + lead, offset: start.offset + lead };
}
