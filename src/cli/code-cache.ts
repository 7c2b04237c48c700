/**
 * Running a CommonJS bundle through V8's code cache (see worker-loader.ts for why). The cache
 * holds compiled code only, never a document's text.
 *
 * V8 refuses a cache made by another V8 version or with other flags, but it recognises the source
 * only by its length: a cache of another build of the same length would be taken, and run that
 * build's code. So the build stamps the bundle with a hash of its content (a last-line comment,
 * which moves no line of the source map), and the cache file begins with the stamp it was made for.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const STAMP = /\n\/\/# dhrLintBuild=([0-9a-f]{16})\n$/;

/** Stamp a built bundle with a hash of its content (the build calls this once). */
export function stampBundle(path: string): void {
  const source = readFileSync(path, 'utf8');
  if (STAMP.test(source.slice(-64))) return;
  writeFileSync(path, `${source}\n//# dhrLintBuild=${createHash('sha256').update(source).digest('hex').slice(0, 16)}\n`);
}

/** A bundle's source and its stamp (undefined when it has none). */
export function readBundle(path: string): { source: string; stamp?: string } {
  const source = readFileSync(path, 'utf8');
  return { source, stamp: STAMP.exec(source.slice(-64))?.[1] };
}

/**
 * What a cache file begins with: the bundle's stamp and the Node.js it was made with. V8 would
 * refuse a cache from another version, but only after compiling the whole bundle: knowing it
 * beforehand lets the loader take the ES module build instead. (A cache refused for other V8 flags,
 * given in NODE_OPTIONS, costs that compile; the result is the same.)
 */
function header(stamp: string): Buffer {
  return Buffer.from(`${stamp} ${process.version} ${process.platform}-${process.arch}\n`);
}

/** The code cache made for this stamp (and this Node.js), if there is one. */
export function readCodeCache(path: string, stamp: string | undefined): Buffer | undefined {
  if (!stamp || !existsSync(path)) return undefined;
  const file = readFileSync(path);
  const expected = header(stamp);
  return file.subarray(0, expected.length).equals(expected) ? file.subarray(expected.length) : undefined;
}

export function writeCodeCache(path: string, stamp: string, data: Buffer): void {
  writeFileSync(path, Buffer.concat([header(stamp), data]));
}

/** Compile a CommonJS bundle, with its code cache when given. */
export function compileCommonJs(path: string, source: string, cachedData?: Buffer): Script {
  // The CommonJS wrapper on the bundle's first line, so that its line numbers stay as built; strict,
  // as the ES modules it was bundled from are.
  return new Script(`(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`, { filename: path, cachedData });
}

/** Run a compiled CommonJS bundle as Node.js would run it; its exports. */
export function runCommonJs(script: Script, path: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  return module.exports;
}
