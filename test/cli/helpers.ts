import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process against a folder, capturing output. */
export async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, isTTY = false): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env,
    isTTY,
  });
  return { code, stdout, stderr };
}

/**
 * CLI tests exercise the command line, not the rule catalogue: unless a test brings its own config,
 * its folder gets one with only the two foundation rules, so new rules do not change these results.
 */
export const BASE_CONFIG = JSON.stringify({ extends: [], rules: { 'heading-numbering': 'warn', 'template-residue': 'error' } });

/** A temporary folder holding the given files (paths relative to it). */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dhr-cli-'));
  const hasConfig = Object.keys(files).some((f) => /(^|\/)dhr-lint\.config\.(json|ya?ml)$/.test(f));
  if (!hasConfig) writeFileSync(join(dir, 'dhr-lint.config.json'), BASE_CONFIG);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export const CLEAN = '# Overview Report\n\n## 1. Introduction\n\nThe review looked at agency contact.\n\n## 2. Timescales\n\nThe panel met in May 2023.\n';
export const RESIDUE = '# Overview Report\n\n## 1. Introduction\n\nThe panel first met on [Insert date].\n';
export const GAP = '# Overview Report\n\n## 1. Introduction\n\nText.\n\n## 3. Timescales\n\nText.\n';
