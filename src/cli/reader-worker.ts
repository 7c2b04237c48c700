/** Worker thread entry: read one document's bytes and post the reader's result back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Format } from '../model/types.js';
import { readBytes } from '../readers/index.js';
import { assertNesting } from '../model/limits.js';

const { format } = workerData as { format: Format };

async function readOne(bytes: Uint8Array): Promise<void> {
  try {
    const result = await readBytes(bytes, format);
    // Checked before posting: a pathologically deep tree would overflow the serialiser.
    assertNesting(result.tree);
    parentPort!.postMessage({ ok: true, result });
  } catch (error) {
    parentPort!.postMessage({
      ok: false,
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

parentPort!.once('message', (bytes: Uint8Array) => void readOne(bytes));
