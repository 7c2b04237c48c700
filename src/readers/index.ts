/**
 * Readers take bytes (never a path) so the same core can run in a browser. Heavy readers are
 * imported only when a file of their format is read, which keeps start-up fast.
 */
import type { Format, ReaderResult } from '../model/types.js';
import { ReadError } from './errors.js';

export { ReadError };

export const EXTENSIONS: Record<string, Format> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

export function formatFromPath(path: string): Format | undefined {
  const m = /\.[^./\\]+$/.exec(path.toLowerCase());
  return m ? EXTENSIONS[m[0]] : undefined;
}

/**
 * One thread's part of a document that several threads read (PDF page ranges, Markdown chunks).
 * `part` is plain data for the other threads; `join` makes the whole document from every part in
 * order (this thread's own among them); `close` releases what the part holds when not joining.
 */
export interface PartRead {
  part: unknown;
  join(parts: unknown[]): Promise<ReaderResult>;
  close(): Promise<void>;
}

export function readsInParts(format: Format): boolean {
  return format === 'pdf' || format === 'markdown';
}

/** Read part `index` of `count` of a document whose format `readsInParts`. */
export async function readPart(bytes: Uint8Array, format: Format, index: number, count: number): Promise<PartRead> {
  if (bytes.length === 0) throw new ReadError('the file is empty');
  if (format === 'markdown') return (await import('./markdown.js')).readMarkdownPart(bytes, index, count);
  if (format === 'pdf') return (await import('./pdf/index.js')).readPdfPart(bytes, index, count);
  throw new Error(`${format} files are read whole`);
}

export async function readBytes(bytes: Uint8Array, format: Format): Promise<ReaderResult> {
  if (bytes.length === 0) throw new ReadError('the file is empty');
  switch (format) {
    case 'markdown':
      return (await import('./markdown.js')).readMarkdown(bytes);
    case 'text':
      return (await import('./text.js')).readText(bytes);
    case 'docx':
      return (await import('./docx/index.js')).readDocx(bytes);
    case 'pdf':
      return (await import('./pdf/index.js')).readPdf(bytes);
  }
}
