import type { ReaderResult } from '../../model/types.js';
import { ReadError } from '../errors.js';

// Placeholder until the Word reader lands (issue 3): refuse clearly rather than crash.
export async function readDocx(_bytes: Uint8Array): Promise<ReaderResult> {
  throw new ReadError('Word (.docx) files are not supported yet');
}
