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
 * Several threads may read one document in parts when its format allows (PDF: page ranges): part
 * 0's reader gets the others' results (plain data) and returns the whole document.
 */
export interface Parts {
  count: number;
  others: Promise<unknown>[];
}

export function readsInParts(format: Format): boolean {
  return format === 'pdf' || format === 'markdown';
}

/**
 * Formats whose parts any thread can join (Markdown: the trees are simply concatenated); a PDF's
 * parts are joined by the thread that holds the opened document.
 */
export function joinsAnywhere(format: Format): boolean {
  return format === 'markdown';
}

/** The document from all its parts, in order, for a format that `joinsAnywhere`. */
export async function joinParts(bytes: Uint8Array, format: Format, parts: unknown[]): Promise<ReaderResult> {
  if (format !== 'markdown') throw new Error(`${format} parts are joined by the reading thread`);
  return (await import('./markdown.js')).joinMarkdown(bytes, parts as Parameters<typeof import('./markdown.js').joinMarkdown>[1]);
}

/** Read part `index` of `count` of a document whose format `readsInParts`. */
export async function readPart(bytes: Uint8Array, format: Format, index: number, count: number): Promise<unknown> {
  if (format === 'markdown') return (await import('./markdown.js')).readMarkdownPart(bytes, index, count);
  if (format !== 'pdf') throw new Error(`${format} files are read whole`);
  return (await import('./pdf/index.js')).readPdfPart(bytes, index, count);
}

export async function readBytes(bytes: Uint8Array, format: Format, parts?: Parts): Promise<ReaderResult> {
  if (bytes.length === 0) throw new ReadError('the file is empty');
  switch (format) {
    case 'markdown': {
      const markdown = await import('./markdown.js');
      return parts ? markdown.readMarkdownShared(bytes, parts) : markdown.readMarkdown(bytes);
    }
    case 'text':
      return (await import('./text.js')).readText(bytes);
    case 'docx':
      return (await import('./docx/index.js')).readDocx(bytes);
    case 'pdf':
      return (await import('./pdf/index.js')).readPdf(bytes, parts as Parameters<typeof import('./pdf/index.js').readPdf>[1]);
  }
}
