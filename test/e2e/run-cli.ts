/** Run the built CLI as a child process (the real entry point, worker threads and all). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin/dhr-lint.js');
/** shared/real-docs beside the repository (a copy sits beside the clone in CI). */
export const REAL_DOCS = join(ROOT, '..', 'shared', 'real-docs');

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): ChildResult {
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - start };
}

/** A stack trace line such as "    at readDocx (file.js:10:5)". */
export const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    return d.isDirectory() ? filesUnder(path) : d.isFile() ? [path] : [];
  });
}

/** sha256 and modification time of every file, to prove inputs were not touched. */
export function fingerprints(files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f, `${createHash('sha256').update(readFileSync(f)).digest('hex')}:${statSync(f).mtimeMs}`]));
}
