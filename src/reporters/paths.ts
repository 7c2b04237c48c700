/**
 * Path helpers for reporters, kept in one module for the same reason as `fingerprint.ts`:
 * `node:path` and `node:url` are the only other Node built-ins the reporters need.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Absolute path of a result's file (results may carry paths relative to the working directory). */
export function absolutePath(cwd: string, filePath: string): string {
  return isAbsolute(filePath) ? filePath : resolve(cwd, filePath);
}

/** Path relative to `cwd`, with the platform's separators: for people to read. */
export function displayPath(cwd: string, filePath: string): string {
  return relative(cwd, absolutePath(cwd, filePath)) || filePath;
}

/** Path relative to `cwd` with forward slashes: for CI tools (GitHub annotations, SARIF). */
export function portablePath(cwd: string, filePath: string): string {
  return displayPath(cwd, filePath).split(sep).join('/');
}

/** A relative URI reference for SARIF: each segment percent-encoded ("my report.md" → "my%20report.md"). */
export function relativeUri(cwd: string, filePath: string): string {
  return portablePath(cwd, filePath).split('/').map(encodeURIComponent).join('/');
}

/** The `file:` URI of a folder, ending in "/" as SARIF requires of a base URI. */
export function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
