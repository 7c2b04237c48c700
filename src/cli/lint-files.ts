/**
 * Read, configure and lint the files of a run, review by review.
 *
 * Files are taken folder by folder (a review's documents sit together). Each folder is read and
 * linted in a worker thread, a few folders at a time, so both cores work and memory holds only a
 * window of documents; the main thread keeps findings only. With four threads or more and fewer
 * folders than threads, a folder is shared out between workers. Results come back in the order of
 * the files, whatever finished first.
 */
import { readFile, stat } from 'node:fs/promises';
import { MessageChannel } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import type { Format } from '../model/types.js';
import { formatFromPath, readsInParts } from '../readers/index.js';
import { lintDocuments, mergeShares, readDocument, type LoadedDocument, type Reader } from '../core.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { FileResult } from '../engine/finding.js';
import { DEFAULT_LIMITS, WorkerPool, type ReaderLimits } from './worker-pool.js';
import type { LintJob, LintJobResult, PortableConfig } from './worker-protocol.js';
import { builtinRules } from '../../rules/index.js';
import { ruleTiming } from '../engine/lint.js';
import type { ConfigSource } from './config-source.js';
import type { CliOptions, Io } from './options.js';
import { LintCache, sha256, DEFAULT_CACHE_FILE } from './cache.js';
import { Progress } from './progress.js';
import { WORKER_MIN_BYTES } from './early-worker.js';
import { formatSize } from '../model/limits.js';

/** Largest file read, in MB, by format: a 150-page report is well under 5 MB as text. */
export const DEFAULT_MAX_FILE_MB: Record<Format, number> = { markdown: 20, text: 20, docx: 200, pdf: 200 };

export function limitsOf(opts: CliOptions): ReaderLimits {
  return { timeoutSeconds: opts.maxReadSeconds ?? DEFAULT_LIMITS.timeoutSeconds, memoryMb: opts.maxReadMemory ?? DEFAULT_LIMITS.memoryMb };
}

/** Bytes of an input file, or a one-line reason it cannot be read. */
export async function readInput(file: string, format: Format, maxMb?: number): Promise<Uint8Array | string> {
  const limit = maxMb ?? DEFAULT_MAX_FILE_MB[format];
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'is a folder';
    if (info.size > limit * 1048576) {
      return `too large (${formatSize(info.size)}; the limit for this kind of file is ${limit} MB, set with --max-file-size)`;
    }
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file (was it moved or deleted during the run?)';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return `cannot read the file${code ? ` (${code})` : ''}`;
  }
}

/** Folders smaller than this are linted by one worker (sharing costs a worker's start-up). */
const SHARE_MIN_BYTES = 64 * 1024;
/** Fewest threads with which a folder is shared between workers (measured slower with two). */
const SHARE_MIN_THREADS = 4;

async function sizeOf(file: string): Promise<number> {
  return stat(file).then((info) => info.size, () => 0);
}

function fatal(filePath: string, message: string, format?: Format): FileResult {
  return { filePath, format, findings: [], fatal: message, suppressedCount: 0 };
}

/** A file whose bytes and configuration are known, before its document is read. */
interface Prepared {
  file: string;
  format: Format;
  bytes: Uint8Array;
  hash: string;
  config: ResolvedConfig & { configPath?: string };
  kind?: LoadedDocument['document']['kind'];
  group?: string;
}

async function prepare(file: string, configs: ConfigSource, opts: CliOptions, io: Io): Promise<Prepared | FileResult> {
  const format = formatFromPath(file);
  if (!format) return fatal(file, 'unsupported file type (expected .md, .txt, .docx or .pdf)');
  const bytes = await readInput(file, format, opts.maxFileSize);
  if (typeof bytes === 'string') return fatal(file, bytes, format);
  const config = await configs.resolveFor(file);
  const base = config.configPath ? dirname(config.configPath) : io.cwd;
  const documentSetting = config.settings.documents.find((d) => resolve(base, d.path) === file);
  const kind = documentSetting && documentSetting.kind !== 'appendix' ? documentSetting.kind : undefined;
  return { file, format, bytes, hash: sha256(bytes), config, kind, group: documentSetting ? (config.configPath ?? base) : undefined };
}

async function load(p: Prepared, opts: CliOptions, io: Io, read?: Reader): Promise<LoadedDocument | FileResult> {
  try {
    const document = await readDocument(p.bytes, p.file, p.format, p.kind, read);
    if (opts.debug) for (const note of document.notes) io.stderr(`dhr-lint: ${relative(io.cwd, p.file)}: ${note}\n`);
    return { filePath: p.file, document, config: p.config, group: p.group };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    if (error instanceof Error && error.name === 'ReadError') return fatal(p.file, message, p.format);
    // An unexpected failure inside a reader: this file could not be linted; the others go on.
    if (opts.debug && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return fatal(p.file, `could not read the file: ${message}`, p.format);
  }
}

function configFingerprint(config: ResolvedConfig): string {
  return JSON.stringify([config.mode, config.ruleSettings, config.settings]);
}

const builtins = new Set<unknown>(builtinRules);

/** The config as a worker can rebuild it, or undefined when a plugin rule is active (main thread). */
function portable(config: ResolvedConfig): PortableConfig | undefined {
  if (!config.rules.every((r) => builtins.has(r.rule))) return undefined;
  return { rules: config.rules.map((r) => ({ id: r.rule.meta.id, level: r.level, options: r.options })), settings: config.settings, mode: config.mode };
}

export async function lintFiles(files: string[], configs: ConfigSource, opts: CliOptions, io: Io): Promise<FileResult[]> {
  const results = new Map<string, FileResult>();
  const paired: LoadedDocument[] = [];
  const folders = new Map<string, string[]>();
  for (const file of files) folders.set(dirname(file), [...(folders.get(dirname(file)) ?? []), file]);
  const folderList = [...folders.values()];

  const cache = opts.cache ? LintCache.open(resolve(io.cwd, opts.cacheLocation ?? DEFAULT_CACHE_FILE)) : undefined;
  const progress = new Progress(io, files.length);
  const concurrency = opts.concurrency ?? Math.max(1, Math.min(availableParallelism(), 8));
  // Workers give every file a time and memory limit and use the cores; one Markdown or text file
  // too small to share, or on one core, is linted in-process (no worker to start).
  const inProcess =
    files.length === 1 &&
    !/\.(docx|pdf)$/i.test(files[0]!) &&
    (concurrency === 1 || (await sizeOf(files[0]!)) < WORKER_MIN_BYTES) &&
    opts.maxReadSeconds === undefined &&
    opts.maxReadMemory === undefined;
  const pool = inProcess ? undefined : new WorkerPool(limitsOf(opts), concurrency);
  const read: Reader | undefined = pool ? (bytes, format) => pool.read(bytes, format) : undefined;
  // Fewer folders than threads: each folder is shared out so no core idles. Not below
  // SHARE_MIN_THREADS: with two, each worker's own start (compiling code, regular expressions)
  // costs more than sharing saves, as V8's background compiler and GC already use the second core.
  const shares = concurrency >= SHARE_MIN_THREADS ? Math.max(1, Math.floor(concurrency / Math.max(1, folderList.length))) : 1;
  const timing = ruleTiming();

  /** Read and lint files on the main thread (plugins, paired documents, retries). */
  const loadAll = (prepared: Prepared[]): Promise<(LoadedDocument | FileResult)[]> => Promise.all(prepared.map((p) => load(p, opts, io, read)));
  const lintHere = (loaded: (LoadedDocument | FileResult)[]): FileResult[] => {
    const docs = loaded.filter((l): l is LoadedDocument => 'document' in l);
    const linted = new Map(lintDocuments(docs, { redact: opts.redact }).map((r) => [r.filePath, r]));
    return loaded.map((l) => ('document' in l ? linted.get(l.filePath)! : l));
  };

  /** Read and lint one folder's files in workers (all shares of the rules in parallel). */
  const lintInWorkers = async (pool: WorkerPool, prepared: Prepared[]): Promise<FileResult[]> => {
    const portableConfigs: PortableConfig[] = [];
    const configIndex = new Map<ResolvedConfig, number>();
    const job: Omit<LintJob, 'shard'> = {
      files: prepared.map((p) => {
        if (!configIndex.has(p.config)) configIndex.set(p.config, portableConfigs.push(portable(p.config)!) - 1);
        return { filePath: p.file, format: p.format, bytes: p.bytes, kind: p.kind, config: configIndex.get(p.config)! };
      }),
      configs: portableConfigs,
      redact: Boolean(opts.redact),
      timing: Boolean(timing),
    };
    // Big enough folders only: a small one is done before a second worker has warmed up.
    const bytes = prepared.reduce((n, p) => n + p.bytes.length, 0);
    const count = bytes >= SHARE_MIN_BYTES ? Math.min(shares, pool.size) : 1;
    const stop = new AbortController();
    const jobs: Promise<LintJobResult>[] = [];
    if (count === 1) {
      jobs.push(pool.lint(job));
    } else {
      // The first worker reads and passes what it read to the others; each runs a share of the rules.
      const channels = Array.from({ length: count - 1 }, () => new MessageChannel());
      jobs.push(pool.lint({ ...job, shard: { index: 0, count }, to: channels.map((c) => c.port1) }, stop.signal));
      channels.forEach((channel, k) => {
        // Bytes go only where the worker reads a part (PDF pages, Markdown chunks); the rest arrives read.
        const files = job.files.map(({ bytes, ...rest }) => (readsInParts(rest.format) ? { ...rest, bytes } : rest));
        jobs.push(pool.lint({ ...job, files, shard: { index: k + 1, count }, from: channel.port2 }, stop.signal));
      });
    }
    let replies: LintJobResult[];
    try {
      replies = await Promise.all(jobs);
    } catch (error) {
      stop.abort();
      if (error instanceof Error && error.name === 'RuleError') throw error;
      // One file's failure is its own; a folder's cannot be pinned on a file: retry them one by one.
      if (prepared.length === 1 && error instanceof Error) return [fatal(prepared[0]!.file, error.name === 'ReadError' ? error.message : `could not read the file: ${error.message}`, prepared[0]!.format)];
      return lintHere(await loadAll(prepared));
    }
    for (const reply of replies) for (const [id, ms] of reply.timing ?? []) timing?.set(id, (timing.get(id) ?? 0) + ms);
    if (opts.debug) replies[0]!.notes.forEach((notes, i) => notes.forEach((note) => io.stderr(`dhr-lint: ${relative(io.cwd, prepared[i]!.file)}: ${note}\n`)));
    return prepared.map((_, i) => mergeShares(replies.map((r) => r.results[i]!)));
  };

  const lintFolder = async (folderFiles: string[]): Promise<void> => {
    const prepared = await Promise.all(folderFiles.map((f) => prepare(f, configs, opts, io)));
    const readable = prepared.filter((p): p is Prepared => 'bytes' in p);
    const keys = new Map<string, string>();
    if (cache) {
      const batchHashes = readable.map((p) => p.hash);
      for (const p of readable) {
        keys.set(p.file, LintCache.key({ path: p.file, fileHash: p.hash, batchHashes, config: configFingerprint(p.config), redact: Boolean(opts.redact) }));
      }
      const hits = readable.map((p) => cache.get(keys.get(p.file)!, p.file));
      if (hits.every(Boolean)) {
        for (const r of prepared.map((p) => ('bytes' in p ? hits[readable.indexOf(p)]! : p))) results.set(r.filePath, r);
        progress.tick(folderFiles.length);
        return;
      }
    }
    for (const p of prepared) if (!('bytes' in p)) results.set(p.filePath, p);
    // Documents paired across folders by settings.documents are linted together at the end.
    const grouped = readable.filter((p) => p.group !== undefined);
    const rest = readable.filter((p) => p.group === undefined);
    const inWorkers = pool && rest.every((p) => portable(p.config)) ? rest : [];
    const here = rest.filter((p) => !inWorkers.includes(p));
    const done = [
      ...(inWorkers.length ? await lintInWorkers(pool!, inWorkers) : []),
      ...(here.length ? lintHere(await loadAll(here)) : []),
    ];
    for (const loaded of await loadAll(grouped)) {
      if ('document' in loaded) paired.push(loaded);
      else results.set(loaded.filePath, loaded);
    }
    for (const r of done) {
      results.set(r.filePath, r);
      const key = keys.get(r.filePath);
      if (cache && key && r.fatal === undefined) cache.set(key, r);
    }
    progress.tick(folderFiles.length);
  };

  // A few folders in flight at a time (bounded, so memory stays bounded); the pool queues them.
  const window = Math.max(2, concurrency * 2);
  try {
    let next = 0;
    const runner = async (): Promise<void> => {
      while (next < folderList.length) await lintFolder(folderList[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(window, folderList.length) }, runner));
    // Folders finish in any order: pair documents in the order the files were given.
    paired.sort((a, b) => files.indexOf(a.filePath) - files.indexOf(b.filePath));
    for (const r of lintDocuments(paired, { redact: opts.redact })) results.set(r.filePath, r);
  } finally {
    progress.done();
    pool?.close();
  }
  await cache?.save();
  return files.map((f) => results.get(f)!);
}
