/** Worker thread entry: read documents' bytes, one message at a time, and post each result back. */
import { parentPort } from 'node:worker_threads';
import type { Format } from '../model/types.js';
import { readBytes } from '../readers/index.js';
import { assertNesting } from '../model/limits.js';

interface Request {
  id: number;
  bytes: Uint8Array;
  format: Format;
}

async function readOne({ id, bytes, format }: Request): Promise<void> {
  try {
    const result = await readBytes(bytes, format);
    // Checked before posting: a pathologically deep tree would overflow the serialiser.
    assertNesting(result.tree);
    parentPort!.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort!.postMessage({
      id,
      ok: false,
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

parentPort!.on('message', (request: Request) => void readOne(request));
