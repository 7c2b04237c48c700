/** Worker thread entry: read one document's bytes and post the reader's result back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Format } from '../model/types.js';
import { readBytes } from '../readers/index.js';

const { format } = workerData as { format: Format };

parentPort!.once('message', (bytes: Uint8Array) => {
  readBytes(bytes, format).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) =>
      parentPort!.postMessage({
        ok: false,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
