/**
 * Worker threads that read and lint documents: both cores work when there is a folder to do, and
 * a file that hangs a parser or needs too much memory is stopped (time limit, heap limit) and
 * reported as "could not lint" while the others go on.
 */
import { availableParallelism } from 'node:os';
import type { Transferable, Worker } from 'node:worker_threads';
import type { Format, ReaderResult } from '../model/types.js';
import { ReadError } from '../readers/errors.js';
import { RuleError } from '../engine/lint.js';
import type { LintJob, LintJobResult, Reply, Request } from './worker-protocol.js';
import { DEFAULT_MEMORY_MB, startWorker, takeEarlyWorker } from './early-worker.js';

export interface ReaderLimits {
  /** Seconds one file may take to read. */
  timeoutSeconds: number;
  /** Heap a worker may use, in MB. */
  memoryMb: number;
}

/**
 * A 115-page report reads and lints within 96 MB of heap (so does 1 MB of Markdown, some 300
 * pages); 512 MB leaves room for reports several times longer. The limit also bounds how far V8
 * lets each worker's heap grow before collecting: with 2048 MB the two workers of a 40-report run
 * peaked above 700 MB together, with 512 MB at about 450 MB.
 */
export const DEFAULT_LIMITS: ReaderLimits = { timeoutSeconds: 120, memoryMb: DEFAULT_MEMORY_MB };

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Job {
  request: RequestBody;
  /** Seconds allowed (the per-file limit times the number of files). */
  seconds: number;
  transfer: Transferable[];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; job: Job; timer: NodeJS.Timeout };
}

/**
 * A pool of long-lived workers (starting a worker and loading the parsers and rules costs more
 * than linting a typical report). A worker that times out, runs out of memory or crashes is
 * thrown away with its job, and a new one takes its place.
 */
export class WorkerPool {
  private readonly queue: Job[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  readonly size: number;

  constructor(
    private readonly limits: ReaderLimits = DEFAULT_LIMITS,
    size = Math.max(1, Math.min(2, availableParallelism())),
  ) {
    this.size = size;
  }

  /** Read one document (the model is built by the caller). */
  read(bytes: Uint8Array, format: Format): Promise<ReaderResult> {
    const copy = bytes.slice();
    return this.submit({ type: 'read', bytes: copy, format }, this.limits.timeoutSeconds, [copy.buffer]) as Promise<ReaderResult>;
  }

  /** Read and lint the documents of one review; `signal` withdraws the job (or stops its worker). */
  lint(job: LintJob, signal?: AbortSignal): Promise<LintJobResult> {
    const files = job.files.map((f) => (f.bytes ? { ...f, bytes: f.bytes.slice() } : f));
    const transfer: Transferable[] = [...files.flatMap((f) => (f.bytes ? [f.bytes.buffer as ArrayBuffer] : [])), ...(job.to ?? []), ...(job.from ? [job.from] : [])];
    return this.submit({ type: 'lint', ...job, files }, this.limits.timeoutSeconds * Math.max(1, files.length), transfer, signal) as Promise<LintJobResult>;
  }

  /** Stop every worker (idle workers would otherwise keep the process alive). */
  close(): void {
    for (const slot of this.slots.splice(0)) {
      slot.worker.removeAllListeners('exit');
      void slot.worker.terminate();
    }
  }

  private submit(request: RequestBody, seconds: number, transfer: Transferable[], signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const job: Job = { request, seconds, transfer, resolve, reject };
      signal?.addEventListener('abort', () => this.withdraw(job), { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Drop a job: from the queue, or by stopping the worker running it. */
  private withdraw(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.busy?.job === job);
    if (slot) {
      clearTimeout(slot.busy!.timer);
      slot.busy = undefined;
      this.discard(slot);
    }
    job.reject(new Error('withdrawn'));
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
    // Idle workers must not keep the process alive once the run is over.
    for (const s of this.slots) if (!s.busy) s.worker.unref();
  }

  private spawn(): Slot {
    // The first may have been started by the entry point, before the CLI loaded.
    const worker = takeEarlyWorker(this.limits.memoryMb) ?? startWorker(this.limits.memoryMb);
    const slot: Slot = { worker };
    worker.on('message', (reply: Reply) => {
      if (!slot.busy || slot.busy.id !== reply.id) return;
      const { job, timer } = slot.busy;
      clearTimeout(timer);
      slot.busy = undefined;
      if (reply.ok) job.resolve(reply.result);
      else if (reply.name === 'ReadError') job.reject(new ReadError(reply.message));
      else if (reply.ruleId) job.reject(new RuleError(reply.ruleId, new Error(reply.message)));
      else job.reject(new Error(reply.message));
      this.dispatch();
    });
    const fail = (error: Error): void => {
      this.discard(slot);
      if (slot.busy) {
        const { job, timer } = slot.busy;
        clearTimeout(timer);
        slot.busy = undefined;
        job.reject(error);
      }
      this.dispatch();
    };
    worker.on('error', (error: Error & { code?: string }) =>
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ReadError(`needs more than ${this.limits.memoryMb} MB of memory to read (limit set by --max-read-memory)`)
          : error,
      ),
    );
    worker.on('exit', (code) => fail(new Error(`worker stopped unexpectedly (exit ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      if (slot.busy?.id !== id) return;
      slot.busy = undefined;
      this.discard(slot);
      job.reject(new ReadError(`took longer than ${job.seconds} s to ${job.request.type === 'read' ? 'read' : 'read and check'} (limit set by --max-read-seconds)`));
      this.dispatch();
    }, job.seconds * 1000);
    slot.busy = { id, job, timer };
    slot.worker.ref();
    slot.worker.postMessage({ id, ...job.request }, job.transfer);
  }

  private discard(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate();
  }
}
