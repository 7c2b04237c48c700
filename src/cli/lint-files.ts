/** Read, configure and lint the files of a run, review by review. */
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { formatFromPath } from '../readers/index.js';
import { lintDocuments, readDocument, type LoadedDocument, type Reader } from '../core.js';
import type { FileResult } from '../engine/finding.js';
import { DEFAULT_LIMITS, ReaderPool, type ReaderLimits } from './reader-pool.js';
import type { ConfigSource } from './config-source.js';
import type { CliOptions, Io } from './options.js';

/** Biggest input read at all: a 150-page report is a few MB; this guards memory. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Bytes of an input file, or a one-line reason it cannot be read. */
export async function readInput(file: string, shown: string): Promise<Uint8Array | string> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'is a folder';
    if (info.size > MAX_FILE_BYTES) return `too large (${Math.round(info.size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`;
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return `cannot read ${shown}${code ? ` (${code})` : ''}`;
  }
}

type Loaded = LoadedDocument | FileResult;

export function limitsOf(opts: CliOptions): ReaderLimits {
  return { timeoutSeconds: opts.maxReadSeconds ?? DEFAULT_LIMITS.timeoutSeconds, memoryMb: opts.maxReadMemory ?? DEFAULT_LIMITS.memoryMb };
}

/** Read, configure and build the model of one file; a file that cannot be read becomes a fatal result. */
async function loadFile(file: string, configs: ConfigSource, opts: CliOptions, io: Io, read?: Reader): Promise<Loaded> {
  const format = formatFromPath(file);
  if (!format) {
    return { filePath: file, findings: [], fatal: 'unsupported file type (expected .md, .txt, .docx or .pdf)', suppressedCount: 0 };
  }
  const bytes = await readInput(file, file);
  if (typeof bytes === 'string') return { filePath: file, format, findings: [], fatal: bytes, suppressedCount: 0 };
  const config = await configs.resolveFor(file);
  const base = config.configPath ? dirname(config.configPath) : io.cwd;
  const documentSetting = config.settings.documents.find((d) => resolve(base, d.path) === file);
  const kind = documentSetting && documentSetting.kind !== 'appendix' ? documentSetting.kind : undefined;
  try {
    const document = await readDocument(bytes, file, format, kind, read);
    if (opts.debug) for (const note of document.notes) io.stderr(`dhr-lint: ${relative(io.cwd, file)}: ${note}\n`);
    return { filePath: file, document, config, group: documentSetting ? (config.configPath ?? base) : undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (error instanceof Error && error.name === 'ReadError') return { filePath: file, format, findings: [], fatal: message, suppressedCount: 0 };
    // An unexpected failure inside a reader: this file could not be linted; the others go on.
    if (opts.debug && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return { filePath: file, format, findings: [], fatal: `could not read the file: ${message}`, suppressedCount: 0 };
  }
}

/**
 * Lint files as reviews. Files are handled folder by folder (a review's documents sit together)
 * so memory holds one folder's documents at a time; files paired by configuration are kept for a
 * last batch since they may sit in different folders.
 */
export async function lintFiles(files: string[], configs: ConfigSource, opts: CliOptions, io: Io): Promise<FileResult[]> {
  const results = new Map<string, FileResult>();
  const paired: LoadedDocument[] = [];
  const folders = new Map<string, string[]>();
  for (const file of files) folders.set(dirname(file), [...(folders.get(dirname(file)) ?? []), file]);
  const flush = (batch: LoadedDocument[]): void => {
    for (const r of lintDocuments(batch, { redact: opts.redact })) results.set(r.filePath, r);
  };
  // Word and PDF parsers (and any run of several files) read in worker threads, with a time and
  // memory limit per file; a single Markdown or text file is read in-process (faster start).
  const usePool = files.length > 1 || files.some((f) => /\.(docx|pdf)$/i.test(f)) || opts.maxReadSeconds !== undefined || opts.maxReadMemory !== undefined;
  const pool = usePool
    ? new ReaderPool(limitsOf(opts))
    : undefined;
  const read: Reader | undefined = pool ? (bytes, format) => pool.read(bytes, format) : undefined;
  for (const folderFiles of folders.values()) {
    const batch: LoadedDocument[] = [];
    // Start every read of the folder at once: the pool runs as many as there are cores.
    const loadedFiles = await Promise.all(folderFiles.map((file) => loadFile(file, configs, opts, io, read)));
    loadedFiles.forEach((loaded, i) => {
      if ('findings' in loaded) results.set(folderFiles[i]!, loaded);
      else if (loaded.group !== undefined) paired.push(loaded);
      else batch.push(loaded);
    });
    flush(batch);
  }
  flush(paired);
  return files.map((f) => results.get(f)!);
}

