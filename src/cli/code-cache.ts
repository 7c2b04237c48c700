/**
 * Running a CommonJS bundle through V8's code cache (see worker-loader.ts for why). The cache
 * holds compiled code only, never a document's text. V8 checks that it matches the source, the V8
 * version and the flags; when it does not (another Node.js version), V8 ignores it and compiles as
 * usual, so a stale cache costs time, never a wrong result.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Compile a CommonJS file, with its code cache when given. */
export function compileCommonJs(path: string, cachedData?: Buffer): Script {
  // The CommonJS wrapper on the bundle's first line, so that its line numbers stay as built; strict,
  // as the ES modules it was bundled from are.
  const source = `(function (exports, require, module, __filename, __dirname) {'use strict';${readFileSync(path, 'utf8')}\n})`;
  return new Script(source, { filename: path, cachedData });
}

/** Run a compiled CommonJS file as Node.js would run it; its exports. */
export function runCommonJs(script: Script, path: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  return module.exports;
}
