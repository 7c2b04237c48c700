/**
 * The offline page in a real browser (issue 10): `scripts/build-web.mjs` builds the one-file page,
 * headless Chromium (Debian's `chromium` package, driven by playwright-core; no browser download)
 * opens it from disk (file://), and the page must
 *
 * - lint the long Word and PDF fixtures and the example Markdown report, chosen together through
 *   the file input, with the same findings (rule ids, levels, messages, counts per file) as the
 *   CLI's JSON for the same three files in one folder, and download the same JSON;
 * - attempt no network request (every request is recorded; only file:, data: and blob: pass),
 *   refuse one when asked to (its Content-Security-Policy, in the page and in its worker), and
 *   log no console error;
 * - show progress while the PDF is read, filter by severity and rule, open a rule's explanation
 *   from a finding and close it with the keyboard, validate a config file (the CLI's messages),
 *   label every control, and not scroll sideways at 200% zoom.
 *
 * It saves test-artifacts/web-page.png (and docs/images/web-page.png for the README, when missing
 * or with UPDATE_GENERATED=1) and prints
 * a benchmark: the 100+ page .docx in the page against the CLI (the budget is 2×).
 * Skipped only when /usr/bin/chromium is missing outside CI.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { run } from '../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const FILES = [join(ROOT, 'fixtures/long-report/report-styled.docx'), join(ROOT, 'fixtures/long-report/report.pdf'), join(ROOT, 'examples/overview-report.md')];
const DOCX = FILES[0]!;
const ARTIFACTS = join(ROOT, 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
const skip = !haveChromium && !process.env.CI;

interface JsonFile {
  filePath: string;
  messages: { ruleId: string | null; level: string; message: string; related?: { file?: string }[] }[];
  [key: string]: unknown;
}

/** "ruleId level message" of each finding, sorted: what the page and the CLI must agree on. */
type Findings = Record<string, string[]>;

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {}, isTTY: false });
  return { code, stdout, stderr, ms: performance.now() - started };
}

function fromJson(files: JsonFile[]): Findings {
  return Object.fromEntries(files.map((f) => [basename(f.filePath), f.messages.map((m) => `${m.ruleId} ${m.level} ${m.message}`).sort()]));
}

function countsByRule(findings: Findings): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(findings).map(([file, list]) => {
      const counts: Record<string, number> = {};
      for (const f of list) counts[f.split(' ')[0]!] = (counts[f.split(' ')[0]!] ?? 0) + 1;
      return [file, counts];
    }),
  );
}

/** Paths in the CLI's JSON are absolute; the page knows file names only. */
function normalise(files: JsonFile[]): JsonFile[] {
  return files.map((f) => ({
    ...f,
    filePath: basename(f.filePath),
    messages: f.messages.map((m) => (m.related ? { ...m, related: m.related.map((r) => (r.file ? { ...r, file: basename(r.file) } : r)) } : m)),
  }));
}

describe.skipIf(skip)('the offline page in Chromium', () => {
  let out: string;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  let reference: JsonFile[];
  let review: string;

  beforeAll(async () => {
    expect(haveChromium, `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
    // Build the page with the build script (into a folder of its own, so a concurrent
    // `npm run build`, which empties dist/, cannot remove it mid-test).
    const dir = mkdtempSync(join(tmpdir(), 'dhr-web-'));
    out = join(dir, 'dhr-lint.html');
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    expect(built.status, built.stderr).toBe(0);
    url = pathToFileURL(out).href;

    // The CLI on the same three files, in one folder (the page checks the files chosen together
    // as the CLI checks the files of one folder).
    review = join(dir, 'review');
    mkdirSync(review);
    for (const f of FILES) copyFileSync(f, join(review, basename(f)));
    const result = await cli([...FILES.map((f) => basename(f)), '--no-config-lookup', '--format', 'json'], review);
    expect(result.stderr).toBe('');
    reference = JSON.parse(result.stdout) as JsonFile[];

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    // Every request the page or its worker makes is recorded; anything but file:, data: and
    // blob: is also aborted, so a test failure never means data left the machine.
    context.on('request', (r) => void requests.push(r.url()));
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (/^(file|data|blob):/.test(target)) return route.continue();
      blocked.push(target);
      return route.abort();
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('worker', (w) => w.on('console', (m) => (m.type() === 'error' ? consoleErrors.push(`worker: ${m.text()}`) : undefined)));
    // Progress labels, as the page shows them.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      document.addEventListener('DOMContentLoaded', () => {
        const label = document.getElementById('progress-label')!;
        new MutationObserver(() => seen.push(label.textContent ?? '')).observe(label, { childList: true, characterData: true, subtree: true });
      });
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Choose files (or press "Check again") and wait for the results of that run. */
  async function check(paths?: string[]): Promise<{ ms: number; pageMs: number }> {
    const before = Number((await page.getAttribute('#results', 'data-run')) ?? 0);
    const started = performance.now();
    if (paths) await page.setInputFiles('#files', paths);
    else await page.click('#check');
    await page.waitForSelector(`#results[data-state="done"][data-run="${before + 1}"]`, { state: 'attached', timeout: 240_000 });
    const ms = performance.now() - started;
    return { ms, pageMs: Number(await page.getAttribute('#results', 'data-ms')) };
  }

  async function pageFindings(): Promise<Findings> {
    return page.$$eval('article[data-file]', (articles) =>
      Object.fromEntries(
        articles.map((a) => [
          (a as HTMLElement).dataset.file!,
          [...a.querySelectorAll<HTMLElement>('li.finding[data-rule-id]')]
            .map((li) => `${li.dataset.ruleId} ${li.dataset.level} ${li.querySelector('.msg')!.textContent!.replace(/^(Error|Warning|Info) /, '')}`)
            .sort(),
        ]),
      ),
    );
  }

  it('is one file under 4 MB with a CSP that forbids every request', () => {
    expect(statSync(out).size).toBeLessThan(4 * 1024 * 1024);
    const html = readFileSync(out, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    for (const directive of ["default-src 'none'", "connect-src 'none'", "img-src 'none'", "font-src 'none'", 'worker-src blob:', "form-action 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  });

  it('lints the .docx, the .pdf and the .md as the CLI does, with progress, offline', async () => {
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    const { ms } = await check(FILES);
    const shown = await pageFindings();
    const expected = fromJson(reference);
    expect(Object.keys(shown)).toEqual(FILES.map((f) => basename(f)));
    expect(countsByRule(shown)).toEqual(countsByRule(expected));
    expect(shown).toEqual(expected);
    expect(reference.every((f) => f.messages.every((m) => !('fatal' in m)))).toBe(true);
    const status = await page.textContent('#status');
    expect(status).toMatch(/^Checked 3 documents in [\d.]+ s/);
    // The HTML report's sections are shown: checklist, agency chart.
    expect(await page.locator('#doc-1 table').count()).toBeGreaterThan(0);
    // Progress while the PDF was read, page by page.
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(progress.some((p) => /^Reading report\.pdf \(2 of 3\): page \d+ of \d+$/.test(p))).toBe(true);
    console.log(`[web] three files in the page: ${(ms / 1000).toFixed(1)} s`);
  }, 240_000);

  it('downloads the same JSON as the CLI and the HTML report', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const downloaded = JSON.parse(readFileSync((await json.path())!, 'utf8')) as JsonFile[];
    expect(json.suggestedFilename()).toBe('dhr-lint-results.json');
    expect(downloaded).toEqual(normalise(reference));
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#download-html')]);
    const html = readFileSync((await report.path())!, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const f of FILES) expect(html).toContain(basename(f));
  });

  it('filters by severity and by rule', async () => {
    const total = await page.locator('li.finding').count();
    const warnings = await page.locator('li.finding[data-level="warn"]').count();
    expect(warnings).toBeGreaterThan(0);
    await page.uncheck('#filter-warn');
    expect(await page.locator('li.finding:visible').count()).toBe(total - warnings);
    expect(await page.locator('li.finding[data-level="warn"]:visible').count()).toBe(0);
    await page.check('#filter-warn');
    const rule = reference[2]!.messages[0]!.ruleId!;
    await page.selectOption('#filter-rule', rule);
    const visible = await page.$$eval('li.finding:not([hidden])', (l) => l.map((li) => (li as HTMLElement).dataset.ruleId));
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible)).toEqual(new Set([rule]));
    expect(await page.textContent('#shown')).toMatch(new RegExp(`^Showing ${visible.length} of ${total} findings\\.$`));
    await page.selectOption('#filter-rule', '');
    expect(await page.locator('li.finding:visible').count()).toBe(total);
  });

  it("opens a finding's rule explanation (bundled) and closes it with Escape", async () => {
    const button = page.locator('li.finding[data-rule-id="template-residue"] button[data-rule]').first();
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#rule-dialog[open]').count()).toBe(1);
    const text = (await page.textContent('#rule-dialog'))!;
    expect(text).toContain('template-residue');
    expect(text).toContain('Why');
    expect(text).toMatch(/Template instructions, placeholders/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#rule-dialog[open]').count()).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.rule)).toBe('template-residue');
  });

  it('labels every control and shows focus', async () => {
    const unlabelled = await page.$$eval('input, select, button', (controls) =>
      controls
        .filter((c) => !(c as HTMLElement).hidden && (c as HTMLElement).offsetParent !== null)
        .filter((c) => {
          const labels = (c as HTMLInputElement).labels;
          const name = c.getAttribute('aria-label') ?? (labels && labels.length ? labels[0]!.textContent : c.tagName === 'BUTTON' ? c.textContent : '');
          return !name || !name.trim();
        })
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    await page.focus('#mode');
    const outline = await page.evaluate(() => getComputedStyle(document.getElementById('mode')!).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('is readable at 200% zoom (no sideways scrolling at 640 CSS pixels)', async () => {
    await page.setViewportSize({ width: 640, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('validates a configuration file with the CLI messages, and applies a good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dhr-web-cfg-'));
    const bad = join(dir, 'dhr-lint.config.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'heading-numbering': 'loud' } }));
    const cliBad = await cli(['-c', bad, FILES[2]!], dir);
    await page.setInputFiles('#config', bad);
    await expect.poll(() => page.textContent('#config-status')).toMatch(/cannot be used/);
    const message = cliBad.stderr.trim().replace(/^dhr-lint: /, '').replace(bad, 'dhr-lint.config.json');
    expect(await page.textContent('#config-status')).toBe(`This configuration cannot be used: ${message}`);

    const good = join(dir, 'good', 'dhr-lint.config.json');
    mkdirSync(join(dir, 'good'));
    writeFileSync(good, JSON.stringify({ extends: 'dhr-lint:strict', rules: { 'template-residue': 'off' } }));
    await page.setInputFiles('#config', good);
    await expect.poll(() => page.textContent('#config-status')).toMatch(/^Using dhr-lint\.config\.json/);
    expect(await page.isDisabled('#preset')).toBe(true);
    await check([FILES[2]!]);
    copyFileSync(FILES[2]!, join(dir, 'good', basename(FILES[2]!)));
    const cliGood = await cli(['-c', good, basename(FILES[2]!), '--format', 'json'], join(dir, 'good'));
    const expected = fromJson(JSON.parse(cliGood.stdout) as JsonFile[]);
    expect(Object.values(expected)[0]!.some((f) => f.startsWith('template-residue'))).toBe(false);
    expect(await pageFindings()).toEqual(expected);
    await page.click('#config-clear');
    await expect.poll(() => page.isDisabled('#preset')).toBe(false);
  }, 240_000);

  it('is keyboard operable from the top of the page', async () => {
    await page.goto(url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    const order: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(order.slice(0, 4)).toEqual(['files', 'mode', 'preset', 'config']);
    expect(order).toContain('redact');
  });

  it('saves a screenshot of the results', async () => {
    await page.goto(url);
    await check([FILES[2]!]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.setViewportSize({ width: 1000, height: 1700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'web-page.png') });
    // The README's copy is replaced only when asked (as `npm run generate` does), or made when missing.
    const readme = join(ROOT, 'docs/images/web-page.png');
    if (process.env.UPDATE_GENERATED || !existsSync(readme)) {
      mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'web-page.png'), readme);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('benchmark: the 100+ page .docx in the page against the CLI', async () => {
    // A fresh page, as a user would open it; the CLI as a user would run it (a new process).
    await page.goto(url);
    const inPage = await check([DOCX]);
    const again = await check();
    const child = spawnSync(process.execPath, [join(ROOT, 'bin/dhr-lint.js'), DOCX, '--no-config-lookup', '--format', 'json'], { encoding: 'utf8' });
    const started = performance.now();
    spawnSync(process.execPath, [join(ROOT, 'bin/dhr-lint.js'), DOCX, '--no-config-lookup', '--format', 'json'], { encoding: 'utf8' });
    const cliMs = performance.now() - started;
    expect(child.status, child.stderr).toBe(0);
    const inProcess = await cli([basename(DOCX), '--no-config-lookup', '--format', 'json'], review);
    const ratio = inPage.ms / cliMs;
    console.log(
      `[web] benchmark ${basename(DOCX)}: page ${(inPage.ms / 1000).toFixed(2)} s (fresh page; again ${(again.ms / 1000).toFixed(2)} s), ` +
        `CLI process ${(cliMs / 1000).toFixed(2)} s (in-process run ${(inProcess.ms / 1000).toFixed(2)} s): page/CLI ${ratio.toFixed(2)}× (budget 2×)`,
    );
  }, 240_000);

  it('takes dropped files, and stops a long check when asked', async () => {
    await page.setInputFiles('#files', [FILES[1]!]);
    await page.waitForFunction(() => /page \d+ of \d+/.test(document.getElementById('progress-label')!.textContent ?? ''));
    await page.click('#cancel');
    expect(await page.textContent('#status')).toMatch(/^Stopped\./);
    expect(await page.isHidden('#progress-box')).toBe(true);
    const dropped = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['# Overview Report\n\n## 1. Introduction\n\nThe panel met on [Insert date].\n'], 'dropped.md'));
      return data;
    });
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dropped });
    await page.waitForSelector('article[data-file="dropped.md"] li.finding[data-rule-id="template-residue"]');
    expect(await page.textContent('#status')).toMatch(/^Checked 1 document/);
  }, 120_000);

  it('made no network request and logged no console error', async () => {
    expect(blocked).toEqual([]);
    expect(requests.filter((r) => !/^(file|data|blob):/.test(r))).toEqual([]);
    expect(requests.some((r) => r.startsWith('file:'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    // Asked to fetch, the page is refused by its own policy, and so is a worker it starts.
    const refused = await page.evaluate(async () => {
      const fromPage = await fetch('https://example.invalid/').then(
        () => 'fetched',
        () => 'refused',
      );
      const source = "fetch('https://example.invalid/').then(() => postMessage('fetched'), () => postMessage('refused'))";
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      const fromWorker = await new Promise((resolve) => (worker.onmessage = (e) => resolve(e.data)));
      worker.terminate();
      return [fromPage, fromWorker];
    });
    expect(refused).toEqual(['refused', 'refused']);
    expect(blocked).toEqual([]);
  });
});
