import type { ReaderResult } from '../../model/types.js';
import { ReadError } from '../errors.js';

// Placeholder until the PDF reader lands (issue 3): refuse clearly rather than crash.
export async function readPdf(_bytes: Uint8Array): Promise<ReaderResult> {
  throw new ReadError('PDF files are not supported yet');
}
