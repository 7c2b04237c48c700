/**
 * Read, configure and lint the files of a run, review by review.
 *
 * Files are taken folder by folder (a review's documents sit together). A few folders are read
 * ahead in worker threads while the current one is linted, so both cores work and memory holds
 * only a window of documents. Results come back in the order of the files, whatever finished first.
 */
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import type { Format } from '../model/types.js';
import { formatFromPath } from '../readers/index.js';
import { lintDocuments, readDocument, type LoadedDocument, type Reader } from '../core.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { FileResult } from '../engine/finding.js';
import { DEFAULT_LIMITS, ReaderPool, type ReaderLimits } from './reader-pool.js';
import type { ConfigSource } from './config-source.js';
import type { CliOptions, Io } from './options.js';
import { LintCache, sha256, DEFAULT_CACHE_FILE } from './cache.js';
import { Progress } from './progress.js';

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
      return `too large (${(info.size / 1048576).toFixed(0)} MB; the limit for this kind of file is ${limit} MB, set with --max-file-size)`;
    }
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file (was it moved or deleted during the run?)';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return `cannot read the file${code ? ` (${code})` : ''}`;
  }
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

export async function lintFiles(files: string[], configs: ConfigSource, opts: CliOptions, io: Io): Promise<FileResult[]> {
  const results = new Map<string, FileResult>();
  const paired: LoadedDocument[] = [];
  const folders = new Map<string, string[]>();
  for (const file of files) folders.set(dirname(file), [...(folders.get(dirname(file)) ?? []), file]);
  const folderList = [...folders.values()];

  const cache = opts.cache ? LintCache.open(resolve(io.cwd, opts.cacheLocation ?? DEFAULT_CACHE_FILE)) : undefined;
  const progress = new Progress(io, files.length);
  // Word and PDF parsers (and any run of several files) read in worker threads, with a time and
  // memory limit per file; a single Markdown or text file is read in-process (faster start).
  const concurrency = opts.concurrency ?? Math.max(1, Math.min(availableParallelism(), 8));
  const usePool =
    files.length > 1 || files.some((f) => /\.(docx|pdf)$/i.test(f)) || opts.maxReadSeconds !== undefined || opts.maxReadMemory !== undefined;
  const pool = usePool ? new ReaderPool(limitsOf(opts), concurrency) : undefined;
  const read: Reader | undefined = pool ? (bytes, format) => pool.read(bytes, format) : undefined;

  interface FolderWork {
    files: string[];
    cached?: FileResult[];
    loaded?: (LoadedDocument | FileResult)[];
    keys: Map<string, string>;
  }

  const startFolder = async (folderFiles: string[]): Promise<FolderWork> => {
    const prepared = await Promise.all(folderFiles.map((f) => prepare(f, configs, opts, io)));
    const keys = new Map<string, string>();
    const readable = prepared.filter((p): p is Prepared => 'bytes' in p);
    if (cache) {
      const batchHashes = readable.map((p) => p.hash);
      for (const p of readable) {
        keys.set(p.file, LintCache.key({ path: p.file, fileHash: p.hash, batchHashes, config: configFingerprint(p.config), redact: Boolean(opts.redact) }));
      }
      const hits = readable.map((p) => cache.get(keys.get(p.file)!, p.file));
      if (hits.every(Boolean)) {
        const cached = prepared.map((p) => ('bytes' in p ? hits[readable.indexOf(p)]! : p));
        progress.tick(folderFiles.length);
        return { files: folderFiles, cached, keys };
      }
    }
    const loaded = await Promise.all(
      prepared.map(async (p) => {
        const outcome = 'bytes' in p ? await load(p, opts, io, read) : p;
        progress.tick(1);
        return outcome;
      }),
    );
    return { files: folderFiles, loaded, keys };
  };

  // Read a few folders ahead of the one being linted (bounded, so memory stays bounded).
  const window = Math.max(2, concurrency * 2);
  const started: (Promise<FolderWork> | undefined)[] = [];
  for (let i = 0; i < Math.min(window, folderList.length); i++) started[i] = startFolder(folderList[i]!);
  try {
    for (let i = 0; i < folderList.length; i++) {
      const work = await started[i]!;
      started[i] = undefined;
      if (i + window < folderList.length) started[i + window] = startFolder(folderList[i + window]!);
      if (work.cached) {
        for (const r of work.cached) results.set(r.filePath, r);
        continue;
      }
      const batch: LoadedDocument[] = [];
      work.loaded!.forEach((loaded, index) => {
        if ('findings' in loaded) results.set(work.files[index]!, loaded);
        else if (loaded.group !== undefined) paired.push(loaded);
        else batch.push(loaded);
      });
      for (const r of lintDocuments(batch, { redact: opts.redact })) {
        results.set(r.filePath, r);
        const key = work.keys.get(r.filePath);
        if (cache && key) cache.set(key, r);
      }
    }
    for (const r of lintDocuments(paired, { redact: opts.redact })) results.set(r.filePath, r);
  } finally {
    progress.done();
  }
  await cache?.save();
  return files.map((f) => results.get(f)!);
}
