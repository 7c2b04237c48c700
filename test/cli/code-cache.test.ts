import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { compileCommonJs } from '../../src/cli/code-cache.js';
import { ROOT } from '../e2e/run-cli.js';

describe("the worker's code cache", () => {
  const bundle = join(ROOT, 'dist/worker-main.cjs');
  const cache = join(ROOT, 'dist/worker-main.cache');

  it('is written by the build and taken by V8 with the flags the CLI sets', () => {
    expect(existsSync(cache)).toBe(true);
    // bin/dhr-lint.js sets this flag before any worker starts; V8 refuses a cache built with other flags.
    setFlagsFromString('--no-regexp-tier-up');
    const script = compileCommonJs(bundle, readFileSync(cache));
    expect(script.cachedDataRejected).toBe(false);
  });

  it('is refused, not trusted, when it does not match the code', () => {
    const cached = readFileSync(cache);
    const damaged = Buffer.from(cached);
    // A cache of other code: the same bytes with the source hash field changed.
    damaged.writeUInt32LE(damaged.readUInt32LE(8) ^ 0xffff, 8);
    expect(compileCommonJs(bundle, damaged).cachedDataRejected).toBe(true);
  });
});
