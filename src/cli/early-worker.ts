/**
 * The first worker thread, started by `bin/dhr-lint.js` before the CLI itself loads. Loading the
 * worker's code (parsers, rules) then overlaps with loading the CLI and resolving the config on the
 * main thread, and the worker warms its rules up (a made-up report: patterns compiled, tables
 * built) until its first job arrives, instead of doing all that after the CLI has asked for it.
 *
 * This module stays small: the entry point imports it before anything else.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Heap a worker may use, in MB, unless --max-read-memory says otherwise (see DEFAULT_LIMITS). */
export const DEFAULT_MEMORY_MB = 512;

/** A Markdown or text file this big or bigger is linted in a worker, not in-process (lint-files.ts). */
export const WORKER_MIN_BYTES = 64 * 1024;

/** What the worker thread is told when it starts. */
export interface WorkerStart {
  /** Lint a made-up report while waiting for the first job (unless it reads a file ahead: prefetch). */
  warmUp: boolean;
  /**
   * The one file the command line names: the worker starts reading it at once, before the CLI has
   * loaded and sent it. The CLI still sends the bytes it read; the early reading is used only if
   * they are the same bytes (see worker.ts).
   */
  prefetch?: string;
  /** Documents to lint at start, and then write V8's code cache of the worker (build only: see worker-loader.ts). */
  samples?: string[];
}

/** Largest file read ahead, in bytes (the smallest default --max-file-size). */
const PREFETCH_MAX_BYTES = 20 * 1048576;

/** The bundled worker script: beside the bundle, or in dist/ when running from sources (tests). */
export function workerScript(): URL {
  const beside = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../dist/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error('worker not built: run npm run build');
}

export function startWorker(memoryMb: number, start: WorkerStart = { warmUp: false }): Worker {
  return new Worker(workerScript(), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    stdout: true,
    stderr: true,
    workerData: start,
  });
}

let early: { worker: Worker; failed: boolean } | undefined;

/** Options after which the CLI does not lint files (or, with a heap limit of its own, starts its own workers). */
const NO_LINT = new Set(['-h', '--help', '--list-rules', '--print-config', '--max-read-memory']);
/** Options whose value is not a file to lint (--outline's is: its .docx or .pdf is read in a worker). */
const VALUED = new Set(['-o', '--output-file', '-c', '--config', '--rule', '--max-warnings', '--max-read-seconds', '--max-file-size', '--concurrency', '--annotate', '--cache-location', '-f', '--format', '--mode']);

/**
 * Whether the CLI will want a worker for these arguments: a .docx or .pdf file, a folder or a glob,
 * a Markdown or text file big enough (unless one thread is asked for: it is linted in-process);
 * not when it prints something else or sets its own heap limit. A guess, good enough to start one
 * ahead.
 */
export function wantsWorker(args: string[], env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): boolean {
  if (cores < 2 || env.TIMING) return false;
  const oneThread = args.some((arg, i) => arg === '--concurrency=1' || (arg === '--concurrency' && args[i + 1] === '1'));
  return lintTargets(args)?.some((arg) => needsWorker(arg, oneThread)) ?? false;
}

/** The arguments naming what to lint (options and their values left out); undefined when an option means no linting. */
function lintTargets(args: string[]): string[] | undefined {
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (NO_LINT.has(arg.split('=')[0]!)) return undefined;
    if (VALUED.has(arg)) i++;
    else if (!arg.startsWith('-')) targets.push(arg);
  }
  return targets;
}

/**
 * The file to read ahead: the only file argument, when it is a file (not a folder, a glob or one
 * of several, whose order of reading the CLI decides). The worker skips kinds it cannot read.
 */
export function prefetchTarget(args: string[]): string | undefined {
  const targets = lintTargets(args);
  if (targets?.length !== 1) return undefined;
  const file = targets[0]!;
  try {
    const info = statSync(file);
    return info.isFile() && info.size > 0 && info.size <= PREFETCH_MAX_BYTES ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a worker now when the CLI will want one (wantsWorker) and there is a second core to load
 * it on. A worker started for nothing is not referenced, so it never keeps the process alive.
 */
export function startWorkerEarly(args: string[]): void {
  if (early || !wantsWorker(args)) return;
  try {
    const worker = startWorker(DEFAULT_MEMORY_MB, { warmUp: true, prefetch: prefetchTarget(args) });
    const entry = { worker, failed: false };
    worker.once('error', () => (entry.failed = true));
    worker.once('exit', () => (entry.failed = true));
    worker.unref();
    early = entry;
  } catch {
    // No early worker: the pool starts its own.
  }
}

function needsWorker(arg: string, oneThread: boolean): boolean {
  const ext = extname(arg).toLowerCase();
  if (ext === '.docx' || ext === '.pdf') return true;
  try {
    const info = statSync(arg);
    if (info.isDirectory()) return true;
    return !oneThread && (ext === '.md' || ext === '.txt') && info.size >= WORKER_MIN_BYTES;
  } catch {
    // A glob, or a file that is not there: the CLI will say.
    return /[*?[{]/.test(arg);
  }
}

/** The early worker, for the pool's first slot: only if it is alive and has the heap limit wanted. */
export function takeEarlyWorker(memoryMb: number): Worker | undefined {
  const entry = early;
  early = undefined;
  if (!entry) return undefined;
  if (entry.failed || memoryMb !== DEFAULT_MEMORY_MB) {
    void entry.worker.terminate();
    return undefined;
  }
  entry.worker.removeAllListeners('error');
  entry.worker.removeAllListeners('exit');
  return entry.worker;
}
