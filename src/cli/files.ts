/**
 * Expand command-line arguments (files, folders, globs) into the documents to lint, honouring
 * `.dhrlintignore` (gitignore syntax) and `ignores` from config.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import ignore, { type Ignore } from 'ignore';
import { EXTENSIONS } from '../readers/index.js';

export const IGNORE_FILE = '.dhrlintignore';
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/~$*']; // Word lock files: ~$report.docx

export interface FileList {
  files: string[];
  /** Arguments that matched nothing: reported as errors (exit 2), as ESLint does. */
  missing: string[];
}

function loadIgnoreFile(cwd: string): Ignore {
  const ig = ignore();
  const path = resolve(cwd, IGNORE_FILE);
  if (existsSync(path)) ig.add(readFileSync(path, 'utf8'));
  return ig;
}

const extensionGlob = `**/*.{${Object.keys(EXTENSIONS)
  .map((e) => e.slice(1))
  .join(',')}}`;

export async function expandArguments(args: string[], cwd: string, extraIgnores: string[] = []): Promise<FileList> {
  const ig = loadIgnoreFile(cwd).add(extraIgnores);
  const isIgnored = (abs: string): boolean => {
    const rel = relative(cwd, abs).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && ig.ignores(rel);
  };
  const found = new Set<string>();
  const missing: string[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      // A file named explicitly is linted whatever its extension (the reader decides) and ignores.
      found.add(abs);
      continue;
    }
    let matches: string[];
    if (stat?.isDirectory()) {
      matches = await glob(extensionGlob, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false, caseSensitiveMatch: false });
    } else if (isDynamicPattern(arg)) {
      matches = await glob(arg, { cwd, absolute: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false });
      matches = matches.filter((m) => EXTENSIONS[m.slice(m.lastIndexOf('.')).toLowerCase()] !== undefined);
    } else {
      missing.push(arg);
      continue;
    }
    const kept = matches.filter((m) => !isIgnored(m)).sort();
    if (matches.length === 0) missing.push(arg);
    for (const m of kept) found.add(m);
  }
  // Files come out in the order of the arguments (each folder or glob sorted), without repeats.
  return { files: [...found], missing };
}
