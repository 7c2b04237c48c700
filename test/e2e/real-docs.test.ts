/**
 * Real files nobody here made (issue 3): the CLI, as a child process with its worker pool and its
 * per-file limits, over every file in ../shared/real-docs/ (Word files saved by Word and
 * LibreOffice, PDFs from PDF.js's test suite, many broken or fuzzed on purpose). Each file is
 * linted (exit 0 or 1) or refused with a one-line message (exit 2): never a crash, a stack trace,
 * a hang, or a file written next to it. The refusals are printed, grouped by reason: the README's
 * "Reading Word and PDF files" section lists them from this output.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_DOCS, filesUnder, runCli, STACK_TRACE } from './run-cli.js';

/** Files per CLI run: big enough to keep both reader workers busy, small enough to bound a run. */
const BATCH = 40;
/** Per-file limits handed to the worker pool (a file that hangs a parser is stopped at this). */
const READ_SECONDS = 30;
const READ_MEMORY_MB = 512;
/** A run that has not ended after this is a hang. */
const RUN_TIMEOUT_MS = 150_000;

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; fatal?: boolean; message: string }[];
}

/** Every entry under a folder with its size and modification time: anything written shows up. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      const s = statSync(path);
      out.push(`${relative(dir, path)}|${e.isDirectory() ? 'dir' : s.size}|${s.mtimeMs}`);
      if (e.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** Why a file was refused, for the summary. Reader failures that are not refusals are crashes. */
function reason(message: string): string {
  if (/password|encrypt/i.test(message)) return 'encrypted';
  if (/no text layer/i.test(message)) return 'no text layer';
  if (/took longer than|more than \d+ MB|too large/i.test(message)) return 'too slow or too big';
  if (/corrupt|damaged|not a (pdf|word)|not a .* file|empty/i.test(message)) return 'corrupt or not the format';
  if (/unsupported file type/i.test(message)) return 'unsupported type';
  return 'other';
}

const files = filesUnder(REAL_DOCS).sort();

describe.runIf(files.length > 0)('the CLI over every real-world document', () => {
  it('lints or refuses each file with one line: no crash, stack trace, hang or file written', { timeout: 600_000 }, () => {
    expect(files.length).toBeGreaterThan(200);
    const before = listing(REAL_DOCS);
    const started = Date.now();
    const refused = new Map<string, string[]>();
    const problems: string[] = [];
    const runs: number[] = [];
    let linted = 0;
    for (let i = 0; i < files.length; i += BATCH) {
      const batch = files.slice(i, i + BATCH);
      const r = runCli(
        ['--format', 'json', '--no-config-lookup', '--max-read-seconds', String(READ_SECONDS), '--max-read-memory', String(READ_MEMORY_MB), ...batch],
        { timeoutMs: RUN_TIMEOUT_MS },
      );
      runs.push(r.ms);
      const label = `${relative(REAL_DOCS, batch[0]!)} … (${batch.length} files)`;
      expect(r.code, `${label}: the run did not end (hang) or was killed\n${r.stderr.slice(0, 2000)}`).not.toBeNull();
      expect([0, 1, 2], label).toContain(r.code);
      expect(r.stderr, label).not.toMatch(STACK_TRACE);
      expect(r.stdout, label).not.toMatch(STACK_TRACE);
      expect(r.stderr, label).not.toMatch(/internal error/);
      const results = JSON.parse(r.stdout) as JsonResult[];
      expect(results.map((x) => x.filePath).sort(), label).toEqual([...batch].sort());
      let fatalInBatch = false;
      for (const result of results) {
        const name = relative(REAL_DOCS, result.filePath);
        const fatal = result.messages.find((m) => m.fatal);
        if (!fatal) {
          linted++;
          continue;
        }
        fatalInBatch = true;
        if (fatal.message.includes('\n') || fatal.message.trim() === '') problems.push(`${name}: not a one-line message: ${JSON.stringify(fatal.message)}`);
        // An unexpected exception inside a reader is reported as "could not read the file": a crash.
        if (/could not read the file|stopped unexpectedly|internal error/i.test(fatal.message)) problems.push(`${name}: reader crashed: ${fatal.message}`);
        const group = `${reason(fatal.message)}: ${fatal.message}`;
        refused.set(group, [...(refused.get(group) ?? []), name]);
      }
      // Exit 2 exactly when a file was refused; otherwise 0 or 1 from the findings.
      expect(r.code === 2, `${label}: exit ${r.code}`).toBe(fatalInBatch);
    }
    const total = Date.now() - started;
    expect(problems).toEqual([]);
    expect(listing(REAL_DOCS)).toEqual(before);
    expect(linted).toBeGreaterThan(files.length / 2);
    const count = [...refused.values()].reduce((n, v) => n + v.length, 0);
    const lines = [...refused.entries()].sort().map(([group, names]) => `  ${group} (${names.length}): ${names.join(', ')}`);
    console.log(
      `real-docs: ${files.length} files, ${linted} linted, ${count} refused, ${runs.length} runs in ${(total / 1000).toFixed(1)} s ` +
        `(${runs.map((ms) => (ms / 1000).toFixed(1)).join(' + ')} s)\n${lines.join('\n')}`,
    );
  });
});
