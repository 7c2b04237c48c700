import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project, CLEAN, RESIDUE, GAP } from './helpers.js';

const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe('exit codes and stylish output', () => {
  it('exits 0 with no output for a clean report', async () => {
    const dir = project({ 'clean.md': CLEAN });
    const r = await cli(['clean.md'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('');
  });
  it('exits 1 on an error-level finding, with section path, location, rule id and docs link', async () => {
    const dir = project({ 'draft.md': RESIDUE });
    const r = await cli(['draft.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('draft.md');
    expect(r.stdout).toContain('Overview Report › 1 Introduction');
    expect(r.stdout).toMatch(/5:24/);
    expect(r.stdout).toContain('template-residue');
    expect(r.stdout).toContain('docs/rules/template-residue.md');
    expect(r.stdout).toMatch(/1 problem/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // not a TTY: no colour
  });
  it('exits 0 on warnings, and 1 when they exceed --max-warnings', async () => {
    const dir = project({ 'gap.md': GAP });
    expect((await cli(['gap.md'], dir)).code).toBe(0);
    const r = await cli(['gap.md', '--max-warnings', '0'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 warnings? found; --max-warnings allows 0/);
  });
  it('--quiet reports errors only', async () => {
    const dir = project({ 'gap.md': GAP });
    const r = await cli(['gap.md', '--quiet'], dir);
    expect(r.stdout).not.toContain('heading-numbering');
  });
  it('--rule switches a rule off or changes its level', async () => {
    const dir = project({ 'draft.md': RESIDUE, 'gap.md': GAP });
    expect((await cli(['draft.md', '--rule', 'template-residue:off'], dir)).code).toBe(0);
    expect((await cli(['gap.md', '--rule', 'heading-numbering:error'], dir)).code).toBe(1);
    const bad = await cli(['gap.md', '--rule', 'no-such-rule:warn'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown rule "no-such-rule"/);
  });
  it('colours only when asked or on a TTY, and respects NO_COLOR', async () => {
    const dir = project({ 'draft.md': RESIDUE });
    expect((await cli(['draft.md'], dir, { FORCE_COLOR: '1' })).stdout).toMatch(/\u001b\[/);
    expect((await cli(['draft.md'], dir, {}, true)).stdout).toMatch(/\u001b\[/);
    expect((await cli(['draft.md'], dir, { NO_COLOR: '1' }, true)).stdout).not.toMatch(/\u001b\[/);
    expect((await cli(['draft.md', '--no-color'], dir, { FORCE_COLOR: '1' })).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('formats and output files', () => {
  it('--format json gives the ESLint-compatible array with counts', async () => {
    const dir = project({ 'draft.md': RESIDUE, 'gap.md': GAP });
    const r = await cli(['.', '--format', 'json'], dir);
    const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; warningCount: number; messages: { ruleId: string; severity: number; level: string; line: number; section: string[] }[] }[];
    expect(results.map((x) => [x.filePath.endsWith('draft.md') || x.filePath.endsWith('gap.md'), x.errorCount, x.warningCount])).toEqual([
      [true, 1, 0],
      [true, 0, 1],
    ]);
    expect(results[0]!.messages[0]).toMatchObject({ ruleId: 'template-residue', severity: 2, level: 'error', line: 5, section: ['Overview Report', '1 Introduction'] });
  });
  it('--output-file writes the report and nothing to stdout', async () => {
    const dir = project({ 'draft.md': RESIDUE });
    const r = await cli(['draft.md', '-f', 'sarif', '-o', 'out/results.sarif'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(dir, 'out/results.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
  });
  it('--format github prints workflow commands', async () => {
    const dir = project({ 'draft.md': RESIDUE });
    const r = await cli(['draft.md', '-f', 'github'], dir);
    expect(r.stdout).toMatch(/^::error file=draft\.md,line=5,/m);
  });
  it('rejects an unknown format', async () => {
    const r = await cli(['x.md', '--format', 'xml'], project({ 'x.md': CLEAN }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xml/);
  });
});

describe('files, folders, globs and ignores', () => {
  const dir = project({
    'reviews/a.md': RESIDUE,
    'reviews/b.txt': 'INTRODUCTION\n\nThe date was [insert date].\n',
    'reviews/old/c.md': RESIDUE,
    'reviews/notes.rtf': 'ignored type',
    'reviews/skip/d.md': RESIDUE,
    '.dhrlintignore': 'reviews/skip/\n',
    'dhr-lint.config.yaml': 'extends: []\nrules: { template-residue: error }\nignores: ["reviews/old/**"]\n',
  });
  it('walks folders for supported types, honouring .dhrlintignore and config ignores', async () => {
    const r = await cli(['reviews', '-f', 'json'], dir);
    const files = (JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath.slice(dir.length + 1)).sort();
    expect(files).toEqual(['reviews/a.md', 'reviews/b.txt']);
  });
  it('expands globs', async () => {
    const r = await cli(['reviews/*.md', '-f', 'json'], dir);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(1);
  });
  it('a missing file is an error (exit 2) while the other files are still linted', async () => {
    const r = await cli(['reviews/a.md', 'nope.md', '-f', 'json'], dir);
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; messages: { fatal?: boolean; message: string }[] }[];
    expect(results.find((x) => x.filePath.endsWith('a.md'))!.errorCount).toBe(1);
    expect(results.find((x) => x.filePath.endsWith('nope.md'))!.messages[0]).toMatchObject({ fatal: true });
  });
});

describe('bad input gives one clear line and exit 2', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['empty.md', '', /the file is empty/],
    ['latin1.md', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff]), /not valid UTF-8/],
    ['binary.txt', new Uint8Array([0x41, 0, 0, 0x42]), /binary data/],
    ['report.rtf', '{\\rtf1 hello}', /unsupported file type/],
  ];
  for (const [name, content, message] of cases) {
    it(name, async () => {
      const dir = project({ [name]: content });
      const r = await cli([name], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(message);
      expect(r.stdout + r.stderr).not.toMatch(NO_STACK);
    });
  }
  it('reads UTF-16 text with a BOM', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(Buffer.from('INTRODUCTION\n\nThe date was [insert date].\n', 'utf16le'))]);
    const r = await cli(['u16.txt', '-f', 'json'], project({ 'u16.txt': utf16 }));
    expect(r.code).toBe(1);
  });
  it('no arguments', async () => {
    const r = await cli([], project({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no files given/);
  });
  it('an unknown option', async () => {
    const r = await cli(['--frobnicate'], project({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });
});

describe('config', () => {
  it('is found from the linted file upward and applies overrides', async () => {
    const dir = project({
      'dhr-lint.config.yaml': 'extends: []\nrules:\n  template-residue: warn\n  heading-numbering: warn\noverrides:\n  - files: "drafts/**"\n    rules:\n      template-residue: "off"\n',
      'final/a.md': RESIDUE,
      'drafts/b.md': RESIDUE,
    });
    const r = await cli(['.', '-f', 'json'], dir);
    const results = JSON.parse(r.stdout) as { filePath: string; warningCount: number; errorCount: number }[];
    expect(r.code).toBe(0);
    expect(results.map((x) => [x.filePath.slice(dir.length + 1), x.errorCount, x.warningCount])).toEqual([
      ['drafts/b.md', 0, 0],
      ['final/a.md', 0, 1],
    ]);
  });
  it('an invalid config exits 2 naming the key, with no stack trace', async () => {
    const dir = project({ 'dhr-lint.config.json': JSON.stringify({ rules: { 'heading-numbering': 'loud' } }), 'a.md': CLEAN });
    const r = await cli(['a.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dhr-lint\.config\.json: rules\.heading-numbering: level "loud"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('--config uses one file and --no-config-lookup ignores them', async () => {
    const dir = project({
      'dhr-lint.config.yaml': 'extends: []\nrules:\n  template-residue: "off"\n',
      'strict.yaml': 'extends: dhr-lint:strict\n',
      'a.md': RESIDUE,
    });
    expect((await cli(['a.md'], dir)).code).toBe(0);
    expect((await cli(['a.md', '--no-config-lookup'], dir)).code).toBe(1);
    expect((await cli(['a.md', '--config', 'strict.yaml'], dir)).code).toBe(1);
    const missing = await cli(['a.md', '--config', 'nope.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read config file nope\.yaml/);
  });
  it('loads a plugin rule named in the config', async () => {
    const dir = project({
      'rules/no-foo.mjs': `export default { meta: { id: 'no-foo', group: 'language', description: 'No foo', defaultLevel: 'error', sources: [], messages: { foo: 'Do not write foo.' }, schema: false, defaultOptions: {}, docsUrl: 'https://example.invalid/no-foo' }, create(ctx) { return { paragraph(b) { if (b.text.includes('foo')) ctx.report({ block: b, messageId: 'foo' }); } }; } };`,
      'dhr-lint.config.yaml': 'extends: []\nplugins: ["./rules/no-foo.mjs"]\nrules:\n  no-foo: warn\n',
      'a.md': 'Some foo here.\n',
    });
    const r = await cli(['a.md', '-f', 'json'], dir);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number; docsUrl: string }[] }[];
    expect(result!.messages).toEqual([expect.objectContaining({ ruleId: 'no-foo', severity: 1, docsUrl: 'https://example.invalid/no-foo' })]);
  });
  it('--print-config shows the effective rules and settings, hiding real names', async () => {
    const dir = project({ 'dhr-lint.config.yaml': 'extends: []\nrules: { heading-numbering: warn, template-residue: error }\nsettings:\n  realNames: ["Jane Realname"]\n  deathType: suicide\n', 'a.md': CLEAN });
    const r = await cli(['--print-config', 'a.md', '--mode', 'publication'], dir);
    const printed = JSON.parse(r.stdout);
    expect(printed.rules).toEqual({ 'heading-numbering': 'warn', 'template-residue': 'error' });
    expect(printed.mode).toBe('publication');
    expect(printed.settings.deathType).toBe('suicide');
    expect(r.stdout).not.toContain('Jane Realname');
  });
});

describe('directives', () => {
  it('silence a rule for the following blocks and count what they hid', async () => {
    const dir = project({ 'a.md': `${RESIDUE}\n<!-- dhr-lint-disable-next template-residue -- quoting the template -->\n\nAlso [insert name].\n\nAnd [insert town].\n` });
    const r = await cli(['a.md', '-f', 'json'], dir);
    const [result] = JSON.parse(r.stdout) as { messages: { line: number }[]; suppressedCount: number }[];
    expect(result!.messages.map((m) => m.line)).toEqual([5, 11]);
    expect(result!.suppressedCount).toBe(1);
  });
});

describe('information commands', () => {
  const dir = project({ 'a.md': GAP });
  it('--list-rules comes from rule metadata', async () => {
    const r = await cli(['--list-rules'], dir);
    expect(r.stdout).toMatch(/heading-numbering\s+structure\s+warn/);
    expect(r.stdout).toMatch(/template-residue\s+structure\s+error/);
  });
  it('--outline shows numbers, titles, section ids and how headings were found', async () => {
    const r = await cli(['--outline', 'a.md'], dir);
    expect(r.stdout).toContain('1 Introduction [introduction]');
    expect(r.stdout).toContain('(markdown; line 3)');
    const json = JSON.parse((await cli(['--outline', 'a.md', '-f', 'json'], dir)).stdout);
    expect(json.sections.map((s: { number: string | null }) => s.number)).toEqual([null, '1', '3']);
  });
  it('--help explains with examples; --version prints the version', async () => {
    const help = await cli(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('Exit codes');
    const version = await cli(['--version'], dir);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('writes nothing beside the linted files', async () => {
    const before = readdirSync(dir).sort();
    await cli(['.', '-f', 'json'], dir);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('--redact', () => {
  it('masks personal data and configured names in excerpts and messages', async () => {
    const dir = project({
      'dhr-lint.config.yaml': 'extends: []\nrules: { heading-numbering: warn, template-residue: error }\nsettings:\n  realNames: ["Jane Realname"]\n',
      // Numbered paragraphs out of order: the finding's excerpt is the whole paragraph.
      'a.md': '# Report\n\n## 1. Introduction\n\n1.2 First.\n\n1.1 Jane Realname (DOB 12/03/1980) called 07700 900123.\n\nOn [insert date].\n',
    });
    const plain = await cli(['a.md', '-f', 'json'], dir);
    expect(plain.stdout).toContain('07700 900123');
    const redacted = await cli(['a.md', '-f', 'json', '--redact'], dir);
    expect(redacted.stdout).not.toMatch(/Jane Realname|07700 900123|12\/03\/1980/);
    expect(redacted.stdout).toContain('[redacted]');
    expect(JSON.parse(redacted.stdout)[0].errorCount).toBe(1);
  });
});

describe('reader limits (worker threads)', () => {
  it('stops a file that takes longer than --max-read-seconds and still reports the others', async () => {
    const dir = project({ 'a.md': CLEAN, 'b.md': RESIDUE });
    const r = await cli(['a.md', 'b.md', '-f', 'json', '--max-read-seconds', '0.001'], dir);
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as { messages: { fatal?: boolean; message: string }[] }[];
    expect(results).toHaveLength(2);
    for (const result of results) expect(result.messages[0]!.message).toMatch(/took longer than 0\.001 s to read/);
  });
  it('stops a file that needs more memory than --max-read-memory', async () => {
    const big = `# Report\n\n${'| a | b |\n|---|---|\n' + '| cell text here | more text |\n'.repeat(60000)}`;
    const dir = project({ 'big.md': big, 'small.md': CLEAN });
    const r = await cli(['big.md', 'small.md', '-f', 'json', '--max-read-memory', '16'], dir);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { fatal?: boolean; message: string }[] }[];
    const bigResult = results.find((x) => x.filePath.endsWith('big.md'))!;
    expect(bigResult.messages[0]!.message).toMatch(/needs more than 16 MB of memory/);
    expect(results.find((x) => x.filePath.endsWith('small.md'))!.messages).toEqual([]);
    expect(r.code).toBe(2);
  });
  it('shares the rules of a lone folder between workers, with the results of one thread', async () => {
    // Big enough to be shared (small folders go to one worker).
    const text = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    const dir = project({ 'dhr-lint.config.json': '{"extends": "dhr-lint:strict"}', 'overview.md': text('fixtures/long-report/report.md'), 'summary.md': text('examples/executive-summary.md') });
    writeFileSync(join(dir, 'report.pdf'), readFileSync(new URL('../../fixtures/long-report/report.pdf', import.meta.url)));
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other/report.md'), text('fixtures/long-report/report.md'));
    // A PDF's pages are read in parts by the workers sharing it.
    for (const files of [['overview.md', 'summary.md'], ['report.pdf']]) {
      const serial = await cli([...files, '-f', 'json', '--concurrency', '1'], dir);
      // Four threads share a lone folder four ways through the worker that reads; with two
      // folders, two workers share each and swap their parts.
      for (const [threads, extra] of [['4', []], ['4', ['other/report.md']]] as const) {
        const shared = await cli([...files, ...extra, '-f', 'json', '--concurrency', threads], dir);
        if (extra.length) {
          const [mine, other] = [JSON.parse(shared.stdout).slice(0, files.length), JSON.parse(shared.stdout).slice(files.length)];
          expect(JSON.stringify(mine)).toBe(JSON.stringify(JSON.parse(serial.stdout)));
          expect(other[0].messages.length).toBeGreaterThan(2);
          continue;
        }
        expect(shared.code).toBe(serial.code);
        expect(shared.stdout).toBe(serial.stdout);
      }
      expect(JSON.parse(serial.stdout)[0].messages.length).toBeGreaterThan(2);
    }
    // A shared folder over the time limit: one line for the file, and the workers waiting on it stopped.
    const slow = await cli(['overview.md', '-f', 'json', '--concurrency', '4', '--max-read-seconds', '0.01'], dir);
    expect(slow.code).toBe(2);
    expect(JSON.parse(slow.stdout)[0].messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/took longer than 0\.01 s/) })]);
  }, 180_000);
  it('lints several files through the pool with the same results as in-process', async () => {
    const dir = project({ 'a.md': RESIDUE, 'b.md': GAP });
    const together = JSON.parse((await cli(['a.md', 'b.md', '-f', 'json'], dir)).stdout) as { messages: unknown[] }[];
    const alone = [JSON.parse((await cli(['a.md', '-f', 'json'], dir)).stdout)[0], JSON.parse((await cli(['b.md', '-f', 'json'], dir)).stdout)[0]];
    expect(together.map((x) => x.messages)).toEqual(alone.map((x: { messages: unknown[] }) => x.messages));
  });
});

describe('many files: cache, progress, concurrency, limits', () => {
  it('--cache reuses results of unchanged files and notices changes', async () => {
    const dir = project({ 'a.md': RESIDUE, 'b.md': GAP });
    const first = await cli(['.', '-f', 'json', '--cache'], dir);
    const cacheFile = join(dir, '.dhrlintcache');
    expect(existsSync(cacheFile)).toBe(true);
    // Prove the second run reads from the cache: mark every cached message.
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    for (const entry of Object.values(cache.entries) as { findings: { message: string }[] }[]) for (const f of entry.findings) f.message = `CACHED ${f.message}`;
    writeFileSync(cacheFile, JSON.stringify(cache));
    const second = await cli(['.', '-f', 'json', '--cache'], dir);
    expect(second.stdout).toContain('CACHED');
    expect(second.code).toBe(first.code);
    writeFileSync(join(dir, 'a.md'), CLEAN);
    const third = await cli(['.', '-f', 'json', '--cache'], dir);
    expect(third.stdout).not.toContain('CACHED Template');
    expect((JSON.parse(third.stdout) as { errorCount: number }[])[0]!.errorCount).toBe(0);
    // Another configuration is another key.
    const other = await cli(['.', '-f', 'json', '--cache', '--rule', 'heading-numbering:off'], dir);
    expect(other.stdout).not.toContain('CACHED');
  });
  it('--cache-location puts the cache where asked and nothing beside the reports', async () => {
    const dir = project({ 'reports/a.md': RESIDUE });
    await cli(['reports', '--cache', '--cache-location', 'tmp/lint.cache'], dir);
    expect(existsSync(join(dir, 'tmp/lint.cache'))).toBe(true);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['a.md']);
  });
  it('shows a progress bar on a terminal stderr only', async () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`${n}.md`, CLEAN]));
    const dir = project(files);
    let stderr = '';
    const { run } = await import('../../src/cli/main.js');
    await run(['.', '-f', 'json'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir, env: {}, isTTY: false, stderrIsTTY: true });
    expect(stderr).toContain('5/5 files');
    const plain = await cli(['.', '-f', 'json'], dir);
    expect(plain.stderr).toBe('');
  });
  it('rejects a bad --concurrency and reads with --concurrency 1', async () => {
    const dir = project({ 'a.md': RESIDUE, 'b.md': GAP });
    expect((await cli(['.', '--concurrency', '0'], dir)).code).toBe(2);
    const serial = await cli(['.', '-f', 'json', '--concurrency', '1'], dir);
    const parallel = await cli(['.', '-f', 'json', '--concurrency', '2'], dir);
    expect(serial.stdout).toBe(parallel.stdout);
  });
  it('refuses files over the size limit and documents nested too deep', async () => {
    const deep = `${'> '.repeat(150)}text\n`;
    const dir = project({ 'a.md': RESIDUE, 'deep.md': deep });
    const big = await cli(['a.md', '--max-file-size', '0.00001', '-f', 'json'], dir);
    expect(big.code).toBe(2);
    expect(big.stdout).toMatch(/too large \(\d+ KB; the limit for this kind of file is 0\.00001 MB/);
    const nested = await cli(['deep.md', '-f', 'json'], dir);
    expect(nested.code).toBe(2);
    expect(nested.stdout).toMatch(/nested more than 100 levels/);
  });
});
