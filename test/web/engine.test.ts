/**
 * The page's engine and stand-ins, in Node (issue 10): the browser build swaps node:crypto,
 * node:path and Ajv for small stand-ins; these tests hold them to what they replace. The
 * precompiled validators are checked against Ajv itself over a corpus of good and bad
 * configurations (every rule's options included), through the engine bundled as in the page.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash as shimHash, sha256 } from '../../src/web/shims/crypto.js';
import * as shimPath from '../../src/web/shims/path.js';
import { lintInPage, parsePageConfig, resolvePageConfig } from '../../src/web/engine.js';
import { schemaKey } from '../../src/web/schema-key.js';
import { builtinRules } from '../../rules/index.js';
import { buildConfigSchema } from '../../src/config/schema.js';
import { run } from '../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('sha256 stand-in', () => {
  it('matches node:crypto on text and bytes of every length around the block edges', () => {
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70000]) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const text = 'Maria’s “report” — §4.2 ✓ 😀';
    expect(shimHash('sha256').update(text, 'utf8').digest('hex')).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(shimHash('sha256').update(text).digest('base64')).toBe(createHash('sha256').update(text).digest('base64'));
  });
});

describe('path stand-in', () => {
  it('follows node:path/posix for absolute paths', () => {
    const cases: [string, string][] = [
      ['/a/b', 'c/d.md'],
      ['/a/b', '/x/y.md'],
      ['/a/b', '../c.md'],
      ['/', 'report.docx'],
    ];
    for (const [from, to] of cases) {
      expect(shimPath.resolve(from, to)).toBe(posix.resolve(from, to));
      expect(shimPath.relative(from, shimPath.resolve(from, to))).toBe(posix.relative(from, posix.resolve(from, to)));
    }
    for (const p of ['/a/b/c.md', 'c.md', '/c.md', 'a/b/']) {
      expect(shimPath.dirname(p)).toBe(posix.dirname(p));
      expect(shimPath.basename(p)).toBe(posix.basename(p));
      expect(shimPath.extname(p)).toBe(posix.extname(p));
    }
  });

  it('keeps bare file names relative (the page has no working directory)', () => {
    expect(shimPath.resolve('', 'report.docx')).toBe('report.docx');
    expect(shimPath.relative('', 'report.docx')).toBe('report.docx');
    expect(shimPath.isAbsolute('report.docx')).toBe(false);
  });
});

describe('schema keys', () => {
  it('differ between the config schema and every rule schema, and are stable', () => {
    const schemas = [buildConfigSchema(builtinRules), ...builtinRules.filter((r) => r.meta.schema !== false).map((r) => r.meta.schema)];
    const keys = schemas.map(schemaKey);
    const distinctJson = new Set(schemas.map((s) => JSON.stringify(s)));
    expect(new Set(keys).size).toBe(distinctJson.size);
    expect(schemaKey(buildConfigSchema(builtinRules))).toBe(keys[0]);
  });
});

/** Configurations the corpus checks: valid and invalid, every rule's options among them. */
function corpus(): { name: string; value: unknown }[] {
  const list: { name: string; value: unknown }[] = [
    { name: 'empty', value: {} },
    { name: 'level', value: { rules: { 'heading-numbering': 'loud' } } },
    { name: 'unknown rule', value: { rules: { 'no-such-rule': 'warn' } } },
    { name: 'unknown key', value: { rulez: {} } },
    { name: 'extends type', value: { extends: 5 } },
    { name: 'mode', value: { settings: { mode: 'final' } } },
    { name: 'date pattern', value: { settings: { dates: { death: '2020/01/01' } } } },
    { name: 'pseudonym', value: { settings: { pseudonyms: [{ role: 'victim' }] } } },
    { name: 'area key', value: { settings: { area: { council: 'x' } } } },
    { name: 'override level', value: { overrides: [{ files: 'drafts/**', rules: { 'template-residue': 'loud' } }] } },
    { name: 'override without files', value: { overrides: [{ rules: {} }] } },
    { name: 'override settings', value: { overrides: [{ files: ['a.md'], settings: { completionMonths: 'six' } }] } },
    { name: 'array level', value: { rules: { 'heading-numbering': ['warn', { allowGaps: 'yes' }, 3] } } },
    { name: 'good', value: { extends: 'dhr-lint:strict', rules: { 'template-residue': ['warn', {}] }, settings: { mode: 'draft', completionMonths: 9 } } },
  ];
  for (const rule of builtinRules) {
    const id = rule.meta.id;
    list.push({ name: `${id} defaults`, value: { rules: { [id]: ['warn', rule.meta.defaultOptions] } } });
    list.push({ name: `${id} bogus option`, value: { rules: { [id]: ['warn', { bogusOption: 1 }] } } });
    list.push({ name: `${id} override bogus`, value: { overrides: [{ files: '*.md', rules: { [id]: ['error', { bogusOption: [] }] } }] } });
    for (const [key, value] of Object.entries(rule.meta.defaultOptions as Record<string, unknown>)) {
      // A value of the wrong type for each option.
      const wrong = typeof value === 'string' ? 42 : typeof value === 'number' ? 'x' : typeof value === 'boolean' ? 'yes' : Array.isArray(value) ? 'x' : 7;
      list.push({ name: `${id}.${key} wrong type`, value: { rules: { [id]: ['warn', { [key]: wrong }] } } });
    }
  }
  return list;
}

const outcome = async (parse: typeof parsePageConfig, value: unknown): Promise<string> => {
  try {
    const config = await parse('dhr-lint.config.json', JSON.stringify(value));
    return `ok ${JSON.stringify(config.extends ?? null)}`;
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
};

describe('configuration in the page', () => {
  let asInPage: { parsePageConfig: typeof parsePageConfig; lintInPage: typeof lintInPage };

  beforeAll(async () => {
    const build = await import(pathToFileURL(join(ROOT, 'scripts/build-web.mjs')).href);
    asInPage = await build.importAsInPage('src/web/engine.ts');
  }, 120_000);

  it('precompiled validators give the same outcome and message as Ajv for every config of the corpus', async () => {
    const cases = corpus();
    expect(cases.length).toBeGreaterThan(60);
    let failures = 0;
    for (const { name, value } of cases) {
      const withAjv = await outcome(parsePageConfig, value);
      const precompiled = await outcome(asInPage.parsePageConfig, value);
      expect(precompiled, name).toBe(withAjv);
      if (withAjv.startsWith('error')) failures++;
    }
    expect(failures).toBeGreaterThan(cases.length / 2);
  });

  it('gives the CLI its messages for a bad config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dhr-web-config-'));
    for (const value of [{ rules: { 'heading-numbering': 'loud' } }, { settings: { mode: 'final' } }, { rules: { 'template-residue': ['error', { patterns: 'x' }] } }]) {
      writeFileSync(join(dir, 'dhr-lint.config.json'), JSON.stringify(value));
      let stderr = '';
      await run(['-c', 'dhr-lint.config.json', 'x.md'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir, env: {}, isTTY: false });
      const page = await outcome(asInPage.parsePageConfig, value);
      expect(page).toBe(`error ${stderr.replace(/^dhr-lint: /, '').trim()}`);
    }
  });

  it('refuses what only the CLI can do: extending files, plugins', async () => {
    await expect(parsePageConfig('c.json', JSON.stringify({ extends: './base.json' }))).rejects.toThrow(/only extend the built-in presets/);
    await expect(parsePageConfig('c.json', JSON.stringify({ plugins: ['./rule.js'] }))).rejects.toThrow(/plugins cannot be loaded in the page/);
    await expect(parsePageConfig('c.json', '{ "rules": ')).rejects.toThrow(/^c\.json: cannot parse/);
    await expect(parsePageConfig('c.json', '[]')).rejects.toThrow(/must hold an object/);
    await expect(parsePageConfig('c.yaml', 'rules:\n  template-residue: warn\n')).resolves.toMatchObject({ name: 'c.yaml' });
  });

  it('applies presets, the config, its overrides (by file name) and the mode as the CLI layers them', async () => {
    const config = await parsePageConfig(
      'dhr-lint.config.json',
      JSON.stringify({ rules: { 'template-residue': 'warn' }, overrides: [{ files: '*.md', rules: { 'heading-numbering': 'off' } }], settings: { mode: 'draft' } }),
    );
    const md = resolvePageConfig({ mode: 'publication', preset: 'dhr-lint:strict', config }, 'report.md');
    const docx = resolvePageConfig({ mode: 'publication', preset: 'dhr-lint:strict', config }, 'report.docx');
    expect(md.ruleSettings['template-residue']).toBe('warn');
    expect(md.rules.some((r) => r.rule.meta.id === 'heading-numbering')).toBe(false);
    expect(docx.rules.some((r) => r.rule.meta.id === 'heading-numbering')).toBe(true);
    expect(md.mode).toBe('publication');
    // Without extends the page's preset applies; strict raises warnings.
    expect(docx.ruleSettings['heading-numbering']).toBe('error');
  });
});

describe('linting in the page (Node)', () => {
  it('gives the CLI JSON for a review of two documents, file paths apart', async () => {
    const names = ['overview-report.md', 'executive-summary.md'];
    const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'examples', name))) }));
    const page = await lintInPage(files, { mode: 'submission', preset: 'dhr-lint:recommended' });
    let stdout = '';
    await run([...names, '--no-config-lookup', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: join(ROOT, 'examples'), env: {}, isTTY: false });
    const cli = JSON.parse(stdout) as { filePath: string }[];
    const pageJson = JSON.parse(page.json) as { filePath: string }[];
    // In Node the JSON reporter resolves names against the working directory; in the page they stay names.
    expect(pageJson.map((f) => f.filePath.split('/').pop())).toEqual(names);
    expect(pageJson.map((f) => ({ ...f, filePath: '' }))).toEqual(cli.map((f) => ({ ...f, filePath: '' })));
    expect(page.html).toMatch(/^<!DOCTYPE html>/);
  });

  it('reports an unsupported or empty file as not linted, and the others still', async () => {
    const page = await lintInPage(
      [
        { name: 'notes.rtf', bytes: new Uint8Array([1, 2, 3]) },
        { name: 'empty.md', bytes: new Uint8Array() },
        { name: 'ok.md', bytes: new TextEncoder().encode('# Overview Report\n\n## 1. Introduction\n\nText.\n') },
      ],
      { mode: 'draft', preset: 'dhr-lint:recommended' },
    );
    expect(page.results.map((r) => r.fatal)).toEqual(['unsupported file type (expected .md, .txt, .docx or .pdf)', 'the file is empty', undefined]);
  });
});
