import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownChunks, readMarkdown, readMarkdownPart } from '../../src/readers/markdown.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** Parse in `count` chunks as the workers would, joined by the last one (any may join). */
async function inParts(bytes: Uint8Array, count: number) {
  const reads = Array.from({ length: count }, (_, k) => readMarkdownPart(bytes, k, count));
  return reads[count - 1]!.join(reads.map((r) => r.part));
}

function markdownFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|markdown)$/.test(name)) files.push(path);
    }
  };
  for (const dir of ['examples', 'fixtures', 'docs', 'rules']) walk(new URL(`../../${dir}`, import.meta.url).pathname);
  return files;
}

describe('reading Markdown in chunks on several threads', () => {
  it('gives the tree of one parse, positions included, for every Markdown file here', async () => {
    let cut = 0;
    for (const file of markdownFiles()) {
      const bytes = new Uint8Array(readFileSync(file));
      const whole = readMarkdown(bytes);
      for (const count of [2, 3, 5]) {
        expect(await inParts(bytes, count), `${file} in ${count}`).toEqual(whole);
        if (markdownChunks(whole.source!, count).length > 1) cut++;
      }
    }
    expect(cut).toBeGreaterThan(20);
  });
  it('keeps references to definitions in other chunks, and CRLF line ends', async () => {
    const doc = [
      '# One', '', 'See note[^a] and [the guide][g].', '', '```', '# not a heading', '', '# still code', '```', '',
      '# Two', '', '- item', '', '# Three', '', '<!-- a comment', '', '# inside the comment -->', '',
      '# Four', '', '[^a]: The note.', '', '[g]: https://example.org', '', '| a | b |', '|---|---|', '| 1 | 2 |', '',
    ].join('\r\n');
    const bytes = encode(doc);
    const chunks = markdownChunks(doc, 4);
    // Never inside the fence or the comment.
    for (const start of chunks.starts.slice(1)) expect(['# Two', '# Three', '# Four']).toContain(doc.slice(start.offset).split('\r\n')[0]);
    expect(chunks.length).toBeGreaterThan(1);
    for (const count of [2, 3, 4]) expect(await inParts(bytes, count)).toEqual(readMarkdown(bytes));
  });
  it('does not cut where a chunk could parse differently', () => {
    expect(markdownChunks('# A\n\ntext\n\n# B\n\n> [x]: /url\n\n[x]\n', 2).length).toBe(1);
    expect(markdownChunks('# A\n\n<pre>\n\n# B\n\n</pre>\n', 2).length).toBe(1);
    expect(markdownChunks('# A\n\ntext\n# B\n\ntext\n', 2).length).toBe(1); // no blank line before "# B"
  });
});
