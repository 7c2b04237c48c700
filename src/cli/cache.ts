/**
 * `--cache`: results of unchanged files are reused without reading them again. An entry's key is
 * the hash of the file's bytes, of the bytes of the other files it was linted with (a review's
 * findings depend on all its documents), of the effective configuration and of dhr-lint's version.
 *
 * The cache holds findings, and findings hold short excerpts of the report: it is written only
 * when asked, to `.dhrlintcache` in the working directory (or `--cache-location`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileResult } from '../engine/finding.js';
import { VERSION } from '../version.js';

export const DEFAULT_CACHE_FILE = '.dhrlintcache';
const MAX_ENTRIES = 5000;

type CachedResult = Omit<FileResult, 'filePath'>;

interface CacheFile {
  dhrLintCache: 1;
  version: string;
  entries: Record<string, CachedResult>;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export class LintCache {
  private readonly entries: Map<string, CachedResult>;
  private readonly used = new Set<string>();
  private changed = false;

  private constructor(
    private readonly path: string,
    entries: Record<string, CachedResult>,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /** Open the cache file; a missing, unreadable or foreign file starts an empty cache. */
  static open(path: string): LintCache {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (parsed.dhrLintCache === 1 && parsed.version === VERSION && parsed.entries && typeof parsed.entries === 'object') {
        return new LintCache(path, parsed.entries);
      }
    } catch {
      // no cache yet, or not ours: start afresh
    }
    return new LintCache(path, {});
  }

  /**
   * The file's path is part of the key: findings can name the file (related locations in the
   * other documents of a review), so a copy of a report elsewhere is linted afresh.
   */
  static key(parts: { path: string; fileHash: string; batchHashes: string[]; config: string; redact: boolean }): string {
    return sha256(JSON.stringify([VERSION, parts.path, parts.fileHash, [...parts.batchHashes].sort(), parts.config, parts.redact]));
  }

  get(key: string, filePath: string): FileResult | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.used.add(key);
    return { ...hit, filePath };
  }

  set(key: string, result: FileResult): void {
    // Files that could not be read are not cached: the reason may be temporary (a time limit).
    if (result.fatal) return;
    const { filePath: _path, ...rest } = result;
    this.entries.set(key, rest);
    this.used.add(key);
    this.changed = true;
  }

  /** Write atomically (temporary file, then rename); entries used in this run are kept first. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const ordered = [...this.used, ...[...this.entries.keys()].filter((k) => !this.used.has(k))].slice(0, MAX_ENTRIES);
    const file: CacheFile = { dhrLintCache: 1, version: VERSION, entries: Object.fromEntries(ordered.map((k) => [k, this.entries.get(k)!])) };
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(file));
    await rename(temporary, this.path);
  }
}
