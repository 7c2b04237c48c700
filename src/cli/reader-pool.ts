/**
 * Read documents in worker threads: both cores work when there is a folder to do, and a file
 * that hangs a parser or needs too much memory is stopped (time limit, heap limit) and reported
 * as "could not lint" while the others go on. The model and the rules run on the main thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Format, ReaderResult } from '../model/types.js';
import { ReadError } from '../readers/errors.js';

export interface ReaderLimits {
  /** Seconds one file may take to read. */
  timeoutSeconds: number;
  /** Heap a reader may use, in MB. */
  memoryMb: number;
}

export const DEFAULT_LIMITS: ReaderLimits = { timeoutSeconds: 120, memoryMb: 2048 };

interface Job {
  bytes: Uint8Array;
  format: Format;
  resolve: (result: ReaderResult) => void;
  reject: (error: Error) => void;
}

type Reply = { ok: true; result: ReaderResult } | { ok: false; name: string; message: string };

/** The bundled worker script: beside the bundle, or in dist/ when running from sources (tests). */
function workerScript(): URL {
  const beside = new URL('./reader-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../dist/reader-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error('reader worker not built: run npm run build');
}

export class ReaderPool {
  private readonly queue: Job[] = [];
  private running = 0;
  private readonly size: number;

  constructor(
    private readonly limits: ReaderLimits = DEFAULT_LIMITS,
    size = Math.max(1, Math.min(2, availableParallelism())),
  ) {
    this.size = size;
  }

  read(bytes: Uint8Array, format: Format): Promise<ReaderResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, format, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.size && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      this.runJob(job).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  /** One worker per file: a fresh heap each time, and nothing left over from a hostile file. */
  private runJob(job: Job): Promise<void> {
    return new Promise((done) => {
      let settled = false;
      const worker = new Worker(workerScript(), {
        workerData: { format: job.format },
        resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
        stdout: true,
        stderr: true,
      });
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
        void worker.terminate();
        done();
      };
      const timer = setTimeout(() => {
        finish(() => job.reject(new ReadError(`took longer than ${this.limits.timeoutSeconds} s to read (limit set by --max-read-seconds)`)));
      }, this.limits.timeoutSeconds * 1000);
      worker.on('message', (reply: Reply) => {
        finish(() => {
          if (reply.ok) job.resolve(reply.result);
          else if (reply.name === 'ReadError') job.reject(new ReadError(reply.message));
          else job.reject(new Error(reply.message));
        });
      });
      worker.on('error', (error: Error & { code?: string }) => {
        finish(() => {
          if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            job.reject(new ReadError(`needs more than ${this.limits.memoryMb} MB of memory to read (limit set by --max-read-memory)`));
          } else job.reject(error);
        });
      });
      worker.on('exit', (code) => finish(() => job.reject(new Error(`reader stopped unexpectedly (exit ${code})`))));
      const copy = job.bytes.slice();
      worker.postMessage(copy, [copy.buffer]);
    });
  }
}
