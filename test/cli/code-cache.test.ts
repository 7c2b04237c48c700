import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { compileCommonJs, readBundle, readCodeCache, stampBundle, writeCodeCache } from '../../src/cli/code-cache.js';
import { ROOT } from '../e2e/run-cli.js';

describe("the worker's code cache", () => {
  const bundle = join(ROOT, 'dist/worker-main.cjs');
  const cache = join(ROOT, 'dist/worker-main.cache');

  it('is written by the build for its bundle and taken by V8 with the flags the CLI sets', () => {
    const { source, stamp } = readBundle(bundle);
    expect(stamp).toMatch(/^[0-9a-f]{16}$/);
    const data = readCodeCache(cache, stamp);
    expect(data).toBeDefined();
    // bin/dhr-lint.js sets this flag before any worker starts; V8 refuses a cache built with other flags.
    setFlagsFromString('--no-regexp-tier-up');
    expect(compileCommonJs(bundle, source, data).cachedDataRejected).toBe(false);
  });

  it('is not used for another build of the bundle, even one of the same length, nor by another Node.js', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dhr-cache-'));
    const a = join(dir, 'a.cjs');
    const b = join(dir, 'b.cjs');
    // Same length, other code: V8 alone would take a's cache for b.
    writeFileSync(a, 'module.exports = () => 1;');
    writeFileSync(b, 'module.exports = () => 2;');
    stampBundle(a);
    stampBundle(b);
    stampBundle(b); // stamped once only
    const first = readBundle(a);
    const second = readBundle(b);
    expect(second.source.match(/dhrLintBuild/g)).toHaveLength(1);
    expect(first.stamp).not.toBe(second.stamp);
    const cacheFile = join(dir, 'a.cache');
    writeCodeCache(cacheFile, first.stamp!, compileCommonJs(a, first.source).createCachedData());
    expect(readCodeCache(cacheFile, first.stamp)).toBeDefined();
    expect(readCodeCache(cacheFile, second.stamp)).toBeUndefined();
    expect(readCodeCache(join(dir, 'missing.cache'), first.stamp)).toBeUndefined();
    // Made by another Node.js: V8 would refuse it only after compiling, so it is not offered.
    const written = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.from(written.toString('latin1').replace(process.version, 'v0.0.0'), 'latin1'));
    expect(readCodeCache(cacheFile, first.stamp)).toBeUndefined();
  });

  it('is refused by V8, not trusted, when it does not match', () => {
    const { source, stamp } = readBundle(bundle);
    const damaged = Buffer.from(readCodeCache(cache, stamp)!);
    // The source hash field (V8's header) changed: the cache of some other source.
    damaged.writeUInt32LE(damaged.readUInt32LE(8) ^ 0xffff, 8);
    expect(compileCommonJs(bundle, source, damaged).cachedDataRejected).toBe(true);
  });
});
