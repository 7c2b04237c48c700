import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { html, escapeHtml, PALETTE, CONTENT_SECURITY_POLICY } from '../../src/reporters/html.js';
import type { FileResult, OutlineSummary } from '../../src/engine/finding.js';
import { cli } from '../cli/helpers.js';
import { context, finding, sampleResults } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & \'quote\'';

function outline(ids: [string, string][], kind = 'overview'): OutlineSummary {
  return { kind, format: 'docx', pages: 40, sections: ids.map(([id, title], i) => ({ number: `${i + 1}`, title, level: 1, sectionIds: id ? [id] : [], part: 'overview' })) };
}

function overviewResult(): FileResult {
  return {
    filePath: 'reports/overview.docx',
    format: 'docx',
    suppressedCount: 1,
    outline: outline([
      ['introduction', 'Introduction'],
      ['terms-of-reference', 'Terms of Reference'],
      ['parallel-reviews', 'Parallel Reviews'],
      ['analysis', `Analysis ${HOSTILE}`],
    ]),
    facts: {
      'agency-balance': {
        shares: { unit: 'paragraphs', paragraphs: 60, sections: ['16 Analysis'], shares: { police: 0.62, health: 0.25, housing: 0.13 } },
      },
    },
    findings: [
      finding({ ruleId: 'overview-sections', messageId: 'emptySection', level: 'warn', message: '3 Parallel Reviews has a heading but no text.', section: ['3 Parallel Reviews'], sectionId: 'parallel-reviews', location: { paragraph: 30, docxParagraph: 29 } }),
      finding({ ruleId: 'overview-sections', messageId: 'missingRequired', message: 'The overview report has no Methodology section.', section: ['2 Terms of Reference'], sectionId: 'terms-of-reference', location: { paragraph: 20 } }),
      finding({ message: `Template text ${HOSTILE}`, excerpt: HOSTILE, section: [`4 Analysis ${HOSTILE}`], sectionId: 'analysis', suggestions: [{ desc: `Replace ${HOSTILE}`, replacement: HOSTILE }], location: { paragraph: 40, sectionParagraph: 2, page: 12 } }),
      finding({ ruleId: 'action-plan-smart', messageId: 'missingDate', level: 'warn', message: 'Recommendation 3: no target date.', excerpt: '3 | Local | Raise awareness | Eastmere CSP | | TBC', section: ['Action Plan'], location: { paragraph: 90, docxRow: 4 } }),
      finding({ ruleId: 'action-plan-smart', messageId: 'vagueAction', level: 'warn', message: 'Recommendation 3: "Raise awareness" is an activity.', excerpt: '3 | Local | Raise awareness | Eastmere CSP | | TBC', section: ['Action Plan'], location: { paragraph: 90, docxRow: 4 } }),
      finding({ ruleId: 'action-plan-smart', messageId: 'missingOwner', level: 'warn', message: 'Recommendation 5: no lead agency.', excerpt: '5 | Local | Publish the protocol | | | March 2025', section: ['Action Plan'], location: { paragraph: 92, docxRow: 6 } }),
      finding({ ruleId: 'agency-balance', messageId: 'dominant', level: 'info', message: 'Most of the agency discussion is about police.', section: ['4 Analysis'], location: { paragraph: 50 }, docsUrl: 'javascript:alert(1)' }),
      finding({ ruleId: 'review-documents', messageId: 'missingDocuments', level: 'info', message: 'No executive summary was given.', section: [], sectionId: undefined, excerpt: undefined, location: {} }),
    ],
  };
}

const page = html([overviewResult(), ...sampleResults()], context({ maxWarnings: 0 }));

/** Sections of the page between two strings. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(start, text.indexOf(to, start + from.length));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x! + 0.05) / (y! + 0.05);
}

describe('html reporter: one self-contained, accessible page', () => {
  it('is a complete HTML document with landmarks and headings in order', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    for (const tag of ['<header', '<nav', '<main id="main"', '<footer', '<meta name="viewport"', '<meta charset="utf-8">']) expect(page).toContain(tag);
    expect(page.match(/<h1\b/g)).toHaveLength(1);
    expect(page.match(/<article class="doc"/g)).toHaveLength(4);
    // no heading level skipped
    const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!).toBeLessThanOrEqual(1));
    expect(page).toContain('<a class="skip" href="#main">');
    // every table has column headers
    expect(page.match(/<table>/g)!.length).toBe(page.match(/<th scope="col">Section<\/th>|<th scope="col">Sector<\/th>|<th scope="col">Row<\/th>/g)!.length);
  });

  it('has a strict Content-Security-Policy: nothing may be fetched, the stylesheet is allowed by its hash', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(meta).toMatch(/^default-src 'none';/);
    for (const d of ['img-src', 'font-src', 'connect-src', 'script-src', 'object-src', 'frame-src']) expect(meta).toContain(`${d} 'none'`);
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    expect(meta).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  it('loads nothing: no script, no src, no url(), no @import; http(s) only in docs links', () => {
    expect(page).not.toMatch(/<script|<link\b|<iframe|<img\b|<object|<embed|<[a-z][^>]*\s(?:src|style|srcset|background|on\w+)=|url\(|@import|@font-face/i);
    const outsideLinks = page.replace(/<a href="https:\/\/[^"]+\/docs\/rules\/[\w-]+\.md">/g, '');
    expect(outsideLinks).not.toMatch(/https?:\/\//i);
    expect(page.match(/<a href="https:/g)!.length).toBeGreaterThan(5);
  });

  it('escapes everything that comes from documents and configuration', () => {
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    const escaped = escapeHtml(HOSTILE);
    expect(escaped).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quote&#39;');
    expect(page.split(escaped).length - 1).toBeGreaterThanOrEqual(6); // message, excerpt, section, suggestion, replacement, outline title
    const hostileFile: FileResult = { filePath: `reports/${HOSTILE}.docx`, findings: [], fatal: `bad ${HOSTILE}`, suppressedCount: 0 };
    const out = html([hostileFile], context());
    expect(out).not.toMatch(/<script>|<img/);
    expect(out).toContain(`Not linted:</strong> bad ${escaped}`);
    // a docs URL that is not http(s) is not made a link
    expect(page).not.toContain('javascript:');
  });

  it('summarises counts per document and overall', () => {
    expect(page).toContain('<span class="badge b-error">');
    expect(between(page, '<header', '</header>')).toContain('Too many warnings');
    const nav = between(page, '<nav', '</nav>');
    expect(nav).toContain('href="#doc-1">reports/overview.docx</a> <span class="muted">(2 errors, 4 warnings, 2 info, 1 suppressed)');
    expect(nav).toContain('reports/broken.pdf</a> <span class="muted">(not linted)');
  });

  it('lists the template sections: present, weak (a section-rule finding names it) and missing', () => {
    const doc = between(page, 'id="doc-1"', '</article>');
    expect(doc).toContain('<strong>4 present, 1 weak, 17 missing</strong>');
    const attention = between(doc, '<caption>Sections to look at</caption>', '</table>');
    expect(attention).toMatch(/Parallel Reviews <span class="muted">\(expected\)<\/span><\/th><td><span class="badge s-weak">Weak<\/span><\/td><td>Found as: 3 Parallel Reviews<br>3 Parallel Reviews has a heading but no text\./);
    expect(attention).toMatch(/Methodology <span class="muted">\(required\)<\/span><\/th><td><span class="badge s-missing">Missing/);
    expect(attention).not.toContain('Terms of Reference <span class="muted">'); // present; its missingRequired finding is about another section
    const all = between(doc, '<summary>All 22 sections, in template order</summary>', '</details>');
    expect(all).toMatch(/Introduction <span class="muted">\(required\)<\/span><\/th><td><span class="badge s-present">Present/);
    expect(all).toMatch(/Title page .*?s-present.*?Title lines open the document/);
    // an executive summary gets the §3 list
    const es = html([{ filePath: 'es.md', findings: [], suppressedCount: 0, outline: outline([['review-process', 'The Review Process'], ['conclusions', 'Conclusions']], 'executive-summary') }], context());
    expect(es).toContain('Of the 10 sections');
    expect(es).toMatch(/Conclusions and key issues .*?s-present/);
  });

  it('draws the agency balance from the published shares, and nothing when they are absent', () => {
    const doc = between(page, 'id="doc-1"', '</article>');
    const chart = between(doc, 'Agency balance</h3>', '</section>');
    expect(chart).toContain('60 paragraphs counted in “16 Analysis”');
    expect([...chart.matchAll(/<th scope="row">([^<]+)<\/th><td class="bar"><svg[^>]*><rect x="0" y="0" height="10" width="([\d.]+)"><\/rect><\/svg><\/td><td class="num">([\d.]+)%/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['Police', '62.0', '62'],
      ['Health', '25.0', '25'],
      ['Housing', '13.0', '13'],
    ]);
    // a plain sector → share map works too
    const plain = html([{ ...overviewResult(), facts: { 'agency-balance': { shares: { police: 0.5, education: 0.5 } } } }], context());
    expect(plain).toContain('<th scope="row">Education</th>');
    expect(html([{ ...overviewResult(), facts: {} }], context())).not.toContain('Agency balance');
  });

  it('lists each action-plan row once, with what it lacks', () => {
    const table = between(page, 'Action plan rows that need work</h3>', '</section>');
    expect(table).toContain('2 rows of the action plan are not yet SMART');
    expect(table).toContain('<td>3 | Local | Raise awareness | Eastmere CSP | | TBC</td><td><ul class="lacks"><li>a target date</li><li>an output (the action is an activity)</li></ul>');
    expect(table).toContain('<li>a lead agency</li>');
  });

  it('groups findings by section with excerpts, level badges, locations and docs links', () => {
    const doc = between(page, 'id="doc-1"', '</article>');
    const findings = doc.slice(doc.indexOf('Findings</h3>'));
    const groups = [...findings.matchAll(/<h4>(.*?) <span class="muted">\((\d+)\)<\/span><\/h4>/g)].map((m) => `${m[1]} (${m[2]})`);
    expect(groups).toEqual([
      'The whole document (1)',
      '2 Terms of Reference (1)',
      '3 Parallel Reviews (1)',
      `4 Analysis ${escapeHtml(HOSTILE)} (1)`,
      '4 Analysis (1)',
      'Action Plan (3)',
    ]);
    expect(findings).toContain(`<blockquote class="excerpt"><span class="vh">Excerpt: </span>${escapeHtml(HOSTILE)}</blockquote>`);
    expect(findings).toContain('<span class="badge b-warn">Warning</span>');
    expect(findings).toContain('p.12 ¶2 · <span class="rule">Rule <a href="https://github.com/dhr-lint/dhr-lint/blob/v0.1.0/docs/rules/template-residue.md">template-residue</a>');
    const markdown = between(page, 'id="doc-2"', '</article>');
    expect(markdown).toContain('line 12:5 · ¶3');
  });

  it('uses colours with a contrast of at least 4.5:1 for text, 3:1 for the bars', () => {
    const pairs: [string, string][] = [
      [PALETTE.text, PALETTE.background],
      [PALETTE.muted, PALETTE.background],
      [PALETTE.text, PALETTE.panel],
      [PALETTE.muted, PALETTE.panel],
      [PALETTE.link, PALETTE.background],
      [PALETTE.link, PALETTE.panel],
      [PALETTE.errorText, PALETTE.errorBg],
      [PALETTE.warnText, PALETTE.warnBg],
      [PALETTE.infoText, PALETTE.infoBg],
      [PALETTE.okText, PALETTE.okBg],
    ];
    for (const [fg, bg] of pairs) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(PALETTE.bar, PALETTE.panel)).toBeGreaterThanOrEqual(3);
  });

  it('prints without the controls, and adapts to narrow screens', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    expect(css).toMatch(/@media print\{[^]*nav,\.skip,\.no-print\{display:none!important\}/);
    expect(css).toMatch(/@media \(max-width:40rem\)/);
    expect(css).toContain(':focus-visible');
  });
});

// ---- a real browser ------------------------------------------------------------------------------

const CHROMIUM = '/usr/bin/chromium';
// In CI the browser check must run (.ci/run installs Debian's chromium); elsewhere it is skipped without it.
const browserCheck = existsSync(CHROMIUM) || Boolean(process.env.CI);

describe.runIf(browserCheck)('the HTML report in headless Chromium', () => {
  it('opens offline with no console error and no request, shows the findings, works from the keyboard, prints, fits a phone', async () => {
    expect(existsSync(CHROMIUM), 'chromium is required in CI (.ci/run installs it)').toBe(true);
    // The example review, with a section removed and one left empty so the checklist has work to show.
    const dir = mkdtempSync(join(tmpdir(), 'dhr-html-'));
    const overview = readFileSync(join(ROOT, 'examples/overview-report.md'), 'utf8')
      .replace(/## 12\. Dissemination\n[\s\S]*?(?=## 13\.)/, '')
      .replace(/(## 8\. The Review Panel Members\n)[\s\S]*?(?=## 9\.)/, '$1\n');
    writeFileSync(join(dir, 'overview-report.md'), overview);
    copyFileSync(join(ROOT, 'examples/executive-summary.md'), join(dir, 'executive-summary.md'));
    const r = await cli(['overview-report.md', 'executive-summary.md', '--no-config-lookup', '--format', 'html', '--output-file', 'report.html'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const file = join(dir, 'report.html');
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('Dissemination <span class="muted">(expected)</span></th><td><span class="badge s-missing">');
    expect(source).toContain('The Review Panel Members <span class="muted">(required)</span></th><td><span class="badge s-weak">');

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1200, height: 1500 } });
      const requests: string[] = [];
      const problems: string[] = [];
      await context.route('**/*', async (route) => {
        requests.push(route.request().url());
        await (route.request().url().startsWith('file:') ? route.continue() : route.abort());
      });
      const page = await context.newPage();
      page.on('request', (req) => requests.push(req.url()));
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300);

      // The findings are there.
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('dhr-lint report');
      expect(await page.getByText('Template text "[Insert date]" is still in the report').isVisible()).toBe(true);
      expect(await page.locator('li.finding').count()).toBeGreaterThanOrEqual(8);
      expect(await page.getByRole('link', { name: 'template-residue' }).first().getAttribute('href')).toMatch(/^https:\/\/.*template-residue\.md$/);
      expect(await page.locator('main article').count()).toBe(2);
      expect(await page.locator('svg.bar rect').count()).toBeGreaterThan(2);
      const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
      expect(csp).toMatch(/^default-src 'none'/);
      // The stylesheet applied (allowed by its hash): the error badge is red.
      expect(await page.locator('.badge.b-error').first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(164, 22, 26)');

      mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-artifacts/html-report.png') });
      await page.screenshot({ path: join(ROOT, 'test-artifacts/html-report-full.png'), fullPage: true });

      // Keyboard: the first Tab reaches the skip link, which is then visible and leads to <main>.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the report');
      expect(await page.locator('a.skip').boundingBox()).toMatchObject({ x: expect.any(Number) });
      expect((await page.locator('a.skip').boundingBox())!.x).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(page.url()).toBe(`${url}#main`);
      // Filtering by level with the keyboard (checkbox + Space), no script.
      const infos = await page.locator('li.level-info').count();
      expect(infos).toBeGreaterThan(0);
      await page.locator('#show-info').focus();
      await page.keyboard.press('Space');
      expect(await page.locator('#show-info').isChecked()).toBe(false);
      expect(await page.locator('li.level-info:visible').count()).toBe(0);
      expect(await page.locator('li.level-error:visible').count()).toBeGreaterThan(0);
      await page.keyboard.press('Space');
      expect(await page.locator('li.level-info:visible').count()).toBe(infos);

      // Print: no navigation or controls; the docs URL is printed after each rule link.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('nav').isVisible()).toBe(false);
      expect(await page.locator('li.finding .rule a').first().evaluate((a) => getComputedStyle(a, '::after').content)).toMatch(/^"? ?\(/);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });

      // A phone: nothing wider than the screen.
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(ROOT, 'test-artifacts/html-report-narrow.png') });

      expect(problems).toEqual([]);
      expect([...new Set(requests)]).toEqual([url]);
      await context.close();
    } finally {
      await browser.close();
    }
  }, 120_000);
});
