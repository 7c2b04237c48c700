/**
 * Bad input gives a clear one-line error and exit 2, and the other files of the run are still
 * linted: the matrix of issue 8, through the real CLI (worker threads, limits and all).
 */
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8, Zip, ZipDeflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ROOT, REAL_DOCS, runCli, STACK_TRACE } from './run-cli.js';

const GOOD = '# Overview Report\n\n## 1. Introduction\n\nThe panel first met on [insert date].\n';

function minimalDocx(text: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  });
}

/** Set the uncompressed size that the central directory declares for every entry. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 < out.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

/** A real bomb: word/document.xml inflates to 300 MB of spaces, declared as a few bytes. */
function lyingBomb(): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const file = new ZipDeflate('word/document.xml', { level: 9 });
  zip.add(file);
  const block = new Uint8Array(1 << 20).fill(0x20);
  for (let i = 0; i < 300; i++) file.push(block);
  file.push(new Uint8Array(0), true);
  zip.end();
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return declareSize(all, 2000);
}

describe('hostile input matrix', () => {
  it('each bad file gets one line and exit 2; the good file is still linted', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'dhr-hostile-'));
    const cases: Record<string, [Uint8Array | string, RegExp]> = {
      'empty.md': ['', /the file is empty/],
      'zero-bytes.docx': ['', /the file is empty/],
      'not-a-zip.docx': ['This is plain text, not a Word file.', /not a Word .docx file/],
      'truncated.docx': [readFileSync(join(ROOT, 'fixtures/long-report/report-styled.docx')).subarray(0, 20_000), /truncated|corrupt/],
      'declared-bomb.docx': [declareSize(minimalDocx('hello'), 3_000_000_000), /zip bomb|would inflate/],
      'lying-bomb.docx': [lyingBomb(), /corrupt|truncated|inflate|zip bomb|not a Word/],
      'encrypted.docx': [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(1024)]), /password|encrypted|\.doc/],
      'protected.pdf': [readFileSync(join(ROOT, 'fixtures/pdf/protected.pdf')), /password/],
      'really-html.pdf': ['<!DOCTYPE html><html><body><p>Overview report</p></body></html>', /not a PDF/],
      'truncated.pdf': [readFileSync(join(ROOT, 'fixtures/pdf/report-plain.pdf')).subarray(0, 3000), /.+/],
      'latin1.md': [new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), /not valid UTF-8/],
      'bad-utf16.txt': [new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), /not valid UTF-16/],
      'huge.md': [`# Report\n\n${'Text of a paragraph. '.repeat(1_100_000)}`, /too large/],
      'nested-lists.md': [Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), /nested more than 100 levels/],
      'nested-quotes.md': [`${'> '.repeat(500)}deep`, /nested more than 100 levels/],
    };
    for (const [name, [content]] of Object.entries(cases)) writeFileSync(join(dir, name), content);
    writeFileSync(join(dir, 'utf16.txt'), new Uint8Array([0xff, 0xfe, ...Buffer.from('INTRODUCTION\n\nOn [insert date].\n', 'utf16le')]));
    writeFileSync(join(dir, 'good.md'), GOOD);
    // A file that vanished before it could be read (named on the command line, now a dangling link).
    symlinkSync(join(dir, 'no-longer-there.md'), join(dir, 'gone.md'));
    // A folder that links back to itself must not loop.
    mkdirSync(join(dir, 'loop'));
    writeFileSync(join(dir, 'loop', 'inner.md'), GOOD);
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
    const scanned = existsSync(join(REAL_DOCS, 'pdf/pdfjs/empty.pdf')) ? join(REAL_DOCS, 'pdf/pdfjs/empty.pdf') : undefined;

    const r = runCli([dir, join(dir, 'gone.md'), ...(scanned ? [scanned] : []), '--format', 'json', '--no-config-lookup', '--max-read-seconds', '60'], { timeoutMs: 170_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; messages: { fatal?: boolean; message: string }[] }[];
    const byName = new Map(results.map((x) => [x.filePath.startsWith(`${dir}/`) ? x.filePath.slice(dir.length + 1) : x.filePath, x]));
    for (const [name, [, message]] of Object.entries(cases)) {
      const result = byName.get(name);
      expect(result, name).toBeDefined();
      const fatal = result!.messages.find((m) => m.fatal);
      expect(fatal, `${name} should be refused`).toBeDefined();
      expect(fatal!.message, name).toMatch(message);
      expect(fatal!.message, name).not.toContain('\n');
    }
    expect(byName.get('good.md')!.errorCount).toBeGreaterThan(0);
    expect(byName.get('utf16.txt')!.messages.some((m) => m.fatal)).toBe(false);
    expect(byName.get('loop/inner.md')!.errorCount).toBeGreaterThan(0);
    expect(byName.get('gone.md')!.messages[0]!.message).toMatch(/no such file/);
    if (scanned) expect(byName.get(scanned)!.messages[0]!.message).toMatch(/no text layer|OCR/);
  });
});
