import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prefetchTarget, startWorker, startWorkerEarly, takeEarlyWorker, wantsWorker, WORKER_MIN_BYTES } from '../../src/cli/early-worker.js';
import type { Reply } from '../../src/cli/worker-protocol.js';
import type { ReaderResult } from '../../src/model/types.js';
import { runCli, ROOT } from '../e2e/run-cli.js';

describe('starting the first worker ahead of the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dhr-early-'));
  const small = join(dir, 'small.md');
  const big = join(dir, 'big.md');
  const folder = join(dir, 'review');
  writeFileSync(small, '# Report\n');
  writeFileSync(big, `# Report\n\n${'The panel met. '.repeat(WORKER_MIN_BYTES / 10)}\n`);
  mkdirSync(folder);
  const wants = (args: string[], cores = 2, env: NodeJS.ProcessEnv = {}): boolean => wantsWorker(args, env, cores);

  it('wants one for Word and PDF files, folders, globs and big Markdown files', () => {
    expect(wants(['report.docx'])).toBe(true);
    expect(wants(['--mode', 'publication', 'Report.PDF'])).toBe(true);
    expect(wants([folder])).toBe(true);
    expect(wants(['reviews/**/*.md'])).toBe(true);
    expect(wants([big])).toBe(true);
    expect(wants(['--outline', 'report.pdf'])).toBe(true);
    expect(wants(['--concurrency', '2', 'report.docx'])).toBe(true);
    // One worker thread still reads Word files and folders.
    expect(wants(['--concurrency', '1', 'report.docx'])).toBe(true);
    expect(wants(['--concurrency=1', folder])).toBe(true);
  });

  it('does not want one where the CLI lints in-process or lints nothing', () => {
    expect(wants([small])).toBe(false);
    expect(wants(['-o', 'out.pdf', '--format', 'json', small])).toBe(false);
    expect(wants(['--annotate', 'copy.docx', small])).toBe(false);
    expect(wants(['--concurrency', '1', big])).toBe(false);
    expect(wants(['--concurrency=1', big])).toBe(false);
    expect(wants(['--list-rules'])).toBe(false);
    expect(wants(['--print-config', 'report.docx'])).toBe(false);
    expect(wants(['--help', 'report.docx'])).toBe(false);
    expect(wants(['--max-read-memory', '64', 'report.docx'])).toBe(false);
    expect(wants([join(dir, 'missing.md')])).toBe(false);
  });

  it('does not want one on a single core, nor when rules are being timed', () => {
    expect(wants(['report.docx'], 1)).toBe(false);
    expect(wants(['report.docx'], 4, { TIMING: '10' })).toBe(false);
  });

  it('reads ahead only the one file named, when it is a file', () => {
    expect(prefetchTarget([big])).toBe(big);
    expect(prefetchTarget(['--format', 'json', '-o', join(dir, 'out.json'), small])).toBe(small);
    expect(prefetchTarget(['--outline', big])).toBe(big);
    expect(prefetchTarget([small, big])).toBeUndefined();
    expect(prefetchTarget([folder])).toBeUndefined();
    expect(prefetchTarget(['reviews/**/*.md'])).toBeUndefined();
    expect(prefetchTarget([join(dir, 'missing.md')])).toBeUndefined();
    expect(prefetchTarget(['--print-config', big])).toBeUndefined();
    writeFileSync(join(dir, 'empty.md'), '');
    expect(prefetchTarget([join(dir, 'empty.md')])).toBeUndefined();
  });

  it('uses what it read ahead only if the CLI sends the same bytes', async () => {
    const file = join(dir, 'changing.md');
    writeFileSync(file, '# Read ahead\n\nThe first version.\n');
    const worker = startWorker(512, { warmUp: false, prefetch: file });
    const read = (id: number, text: string): Promise<ReaderResult> =>
      new Promise((resolve, reject) => {
        worker.once('message', (reply: Reply) => (reply.ok ? resolve(reply.result as ReaderResult) : reject(new Error(reply.message))));
        worker.postMessage({ id, type: 'read', bytes: new TextEncoder().encode(text), format: 'markdown' });
      });
    const texts = (result: ReaderResult): string => JSON.stringify(result.tree).match(/"value":"[^"]*"/g)!.join(' ');
    try {
      // The file changed after the worker read it: the result is of the bytes sent.
      const changed = await read(1, '# Read ahead\n\nThe second version.\n');
      expect(texts(changed)).toContain('The second version.');
      expect(texts(changed)).not.toContain('first');
    } finally {
      await worker.terminate();
    }
    const same = startWorker(512, { warmUp: false, prefetch: file });
    const fresh = startWorker(512, { warmUp: false });
    const ask = (w: typeof worker): Promise<ReaderResult> =>
      new Promise((resolve, reject) => {
        w.once('message', (reply: Reply) => (reply.ok ? resolve(reply.result as ReaderResult) : reject(new Error(reply.message))));
        w.postMessage({ id: 1, type: 'read', bytes: new TextEncoder().encode('# Read ahead\n\nThe first version.\n'), format: 'markdown' });
      });
    try {
      expect(await ask(same)).toEqual(await ask(fresh));
    } finally {
      await Promise.all([same.terminate(), fresh.terminate()]);
    }
  });

  it('hands the worker it started to the first pool with the same heap limit, once', async () => {
    expect(takeEarlyWorker(512)).toBeUndefined();
    startWorkerEarly(['report.docx']);
    const worker = takeEarlyWorker(512);
    expect(worker).toBeDefined();
    expect(takeEarlyWorker(512)).toBeUndefined();
    await worker!.terminate();
    // A pool with another heap limit starts its own; the early one is stopped.
    startWorkerEarly(['report.docx']);
    expect(takeEarlyWorker(256)).toBeUndefined();
    expect(takeEarlyWorker(512)).toBeUndefined();
  });

  it('gives the same findings with the early worker as without', () => {
    const docx = join(ROOT, 'fixtures/long-report/report-styled.docx');
    const args = ['--no-config-lookup', '--format', 'json', docx];
    const early = runCli(args);
    // A heap limit given on the command line: the CLI starts its worker itself.
    const noWorkerAhead = runCli(['--max-read-memory', '512', ...args]);
    expect(early.code).toBe(0);
    expect(early.stderr).toBe('');
    expect(JSON.parse(early.stdout)[0].messages.length).toBeGreaterThan(0);
    expect(JSON.parse(early.stdout)).toEqual(JSON.parse(noWorkerAhead.stdout));
  }, 120_000);
});
