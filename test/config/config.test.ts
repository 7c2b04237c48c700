import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { parseCliRules, presetLayer, resolveConfig, type ConfigLayer } from '../../src/config/resolve.js';
import { ConfigError, validateConfig } from '../../src/config/validate.js';
import { findConfigFile, loadConfigFile, loadPlugins, validateLoadedConfig } from '../../src/cli/config-files.js';

const rel = () => 'reports/overview.md';
// Config logic is tested with the two foundation rules, so new rules do not change these results.
const rules = builtinRules.filter((r) => ['heading-numbering', 'template-residue'].includes(r.meta.id));

function levels(layers: ConfigLayer[], cliRules = {}) {
  const resolved = resolveConfig(layers, rules, { relativePath: rel, cliRules });
  return Object.fromEntries(resolved.rules.map((r) => [r.rule.meta.id, r.level]));
}

describe('presets', () => {
  it('recommended turns rules on at their default level', () => {
    expect(levels([presetLayer('dhr-lint:recommended', rules)])).toEqual({ 'heading-numbering': 'warn', 'template-residue': 'error' });
  });
  it('strict raises warnings to errors', () => {
    expect(levels([presetLayer('dhr-lint:strict', rules)])).toEqual({ 'heading-numbering': 'error', 'template-residue': 'error' });
  });
  it('publication sets the mode', () => {
    const resolved = resolveConfig([presetLayer('dhr-lint:publication', rules)], rules, { relativePath: rel });
    expect(resolved.mode).toBe('publication');
  });
});

describe('resolveConfig', () => {
  const base = presetLayer('dhr-lint:recommended', rules);
  it('layers rules, merges options over defaults and keeps options when only the level changes', () => {
    const layers: ConfigLayer[] = [
      base,
      { source: 'a', rules: { 'heading-numbering': ['error', { allowGaps: true }] } },
      { source: 'b', rules: { 'heading-numbering': 'info', 'template-residue': 'off' } },
    ];
    const resolved = resolveConfig(layers, rules, { relativePath: rel });
    expect(resolved.rules.map((r) => [r.rule.meta.id, r.level, r.options])).toEqual([
      ['heading-numbering', 'info', { allowGaps: true, checkContents: true, allowMixedStyles: false }],
    ]);
  });
  it('applies overrides whose glob matches the file, relative to the config folder', () => {
    const layer: ConfigLayer = {
      source: 'cfg',
      base: '/r',
      overrides: [
        { files: 'reports/**', rules: { 'template-residue': 'warn' }, settings: { deathType: 'suicide' } },
        { files: ['drafts/**'], rules: { 'heading-numbering': 'off' } },
      ],
    };
    const resolved = resolveConfig([base, layer], rules, { relativePath: rel });
    expect(resolved.rules.map((r) => [r.rule.meta.id, r.level])).toEqual([
      ['heading-numbering', 'warn'],
      ['template-residue', 'warn'],
    ]);
    expect(resolved.settings.deathType).toBe('suicide');
  });
  it('lets the command line win, and --mode over settings.mode', () => {
    const resolved = resolveConfig([base, { source: 's', settings: { mode: 'draft' } }], rules, {
      relativePath: rel,
      cliRules: { 'template-residue': 'off' },
      cliMode: 'publication',
    });
    expect(resolved.rules.map((r) => r.rule.meta.id)).toEqual(['heading-numbering']);
    expect(resolved.mode).toBe('publication');
    expect(resolved.settings.mode).toBe('publication');
  });
  it('merges object settings one level deep', () => {
    const resolved = resolveConfig(
      [{ source: 'a', settings: { area: { csp: 'Eastmere CSP' } } }, { source: 'b', settings: { area: { localAuthority: 'Eastmere BC' } } }],
      rules,
      { relativePath: rel },
    );
    expect(resolved.settings.area).toEqual({ csp: 'Eastmere CSP', localAuthority: 'Eastmere BC' });
    expect(resolved.settings.completionMonths).toBe(6);
  });
  it('rejects options that fail the rule schema, naming the rule', () => {
    expect(() =>
      resolveConfig([{ source: 'cfg.yaml', rules: { 'heading-numbering': ['warn', { allowGaps: 'yes' }] } }], rules, { relativePath: rel }),
    ).toThrow(/cfg\.yaml: rules\.heading-numbering: options allowGaps: must be boolean/);
  });
  it('rejects an unknown rule', () => {
    expect(() => resolveConfig([{ source: 'cfg', rules: { 'no-such-rule': 'warn' } }], rules, { relativePath: rel })).toThrow(ConfigError);
  });
});

describe('validateConfig', () => {
  const cases: [unknown, RegExp][] = [
    [{ rules: { 'heading-numbering': 'warning' } }, /rules\.heading-numbering: level "warning" is not one of off, info, warn, error/],
    [{ rules: { 'no-such-rule': 'warn' } }, /rules: unknown rule "no-such-rule"/],
    [{ rulez: {} }, /unknown key "rulez"/],
    [{ settings: { deathType: 'murder' } }, /settings\.deathType: must be one of "homicide"/],
    [{ settings: { completionMonths: 'six' } }, /settings\.completionMonths: must be number/],
    [{ rules: { 'heading-numbering': ['warn', { allowGapz: true }] } }, /rules\.heading-numbering\[1\]: unknown key "allowGapz"/],
    [{ overrides: [{ rules: {} }] }, /overrides\[0\]: must have required property 'files'/],
    [{ settings: { dates: { death: '12/03/2023' } } }, /settings\.dates\.death: must match pattern/],
  ];
  for (const [config, message] of cases) {
    it(`names the offending key: ${message.source.slice(0, 40)}`, () => {
      expect(() => validateConfig(config, rules, 'dhr-lint.config.yaml')).toThrow(message);
    });
  }
  it('accepts a full valid config', () => {
    expect(() =>
      validateConfig(
        {
          extends: 'dhr-lint:recommended',
          rules: { 'heading-numbering': ['warn', { allowGaps: true }], 'template-residue': 'error' },
          settings: { mode: 'draft', deathType: 'suicide', dates: { death: '2023-03-01' }, pseudonyms: [{ label: 'Anna', role: 'victim' }], completionMonths: 12 },
          overrides: [{ files: 'drafts/**', rules: { 'heading-numbering': 'off' } }],
          ignores: ['old/**'],
        },
        rules,
        'x',
      ),
    ).not.toThrow();
  });
});

describe('config files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dhr-config-'));
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'dhr-lint.config.yaml'), 'extends: [dhr-lint:strict, ./base.json]\nrules:\n  template-residue: warn\n');
  writeFileSync(join(dir, 'base.json'), JSON.stringify({ extends: [], settings: { completionMonths: 12 } }));
  it('is found from a nested folder upward', () => {
    expect(findConfigFile(join(dir, 'sub', 'deeper'))).toBe(join(dir, 'dhr-lint.config.yaml'));
  });
  it('loads extends chains (presets and files) in order', () => {
    const loaded = loadConfigFile(join(dir, 'dhr-lint.config.yaml'), rules);
    validateLoadedConfig(loaded, rules);
    expect(loaded.layers.map((l) => l.source)).toEqual(['dhr-lint:strict', relative(process.cwd(), join(dir, 'base.json')), relative(process.cwd(), join(dir, 'dhr-lint.config.yaml'))]);
    const resolved = resolveConfig(loaded.layers, rules, { relativePath: rel });
    expect(resolved.settings.completionMonths).toBe(12);
    expect(resolved.rules.map((r) => [r.rule.meta.id, r.level])).toEqual([
      ['heading-numbering', 'error'],
      ['template-residue', 'warn'],
    ]);
  });
  it('reports unparsable files and extends cycles as config errors', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'rules: [unclosed\n');
    expect(() => loadConfigFile(join(dir, 'bad.yaml'), rules)).toThrow(/bad\.yaml: cannot parse/);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ extends: './b.json' }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ extends: './a.json' }));
    expect(() => loadConfigFile(join(dir, 'a.json'), rules)).toThrow(/cycle/);
    expect(() => loadConfigFile(join(dir, 'missing.json'), rules)).toThrow(/cannot read config file .*missing\.json: no such file/);
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(() => loadConfigFile(join(dir, 'list.yaml'), rules)).toThrow(/must hold an object/);
  });
  it('loads plugin rules from a local path', async () => {
    writeFileSync(
      join(dir, 'my-rule.mjs'),
      `export default { meta: { id: 'local-rule', group: 'structure', description: 'x', defaultLevel: 'warn', sources: [], messages: { m: 'hi' }, schema: false, defaultOptions: {} }, create(ctx) { return { 'document:exit'() { ctx.report({ messageId: 'm' }); } }; } };`,
    );
    const rules = await loadPlugins([{ specifier: './my-rule.mjs', base: dir }]);
    expect(rules.map((r) => r.meta.id)).toEqual(['local-rule']);
    writeFileSync(join(dir, 'not-a-rule.mjs'), 'export default 42;');
    await expect(loadPlugins([{ specifier: './not-a-rule.mjs', base: dir }])).rejects.toThrow(/does not export a rule/);
    await expect(loadPlugins([{ specifier: 'dhr-lint-plugin-that-does-not-exist', base: dir }])).rejects.toThrow(/not found/);
  });
});

describe('--rule values', () => {
  it('parses id:level lists', () => {
    expect(parseCliRules(['heading-numbering:off', 'template-residue:warning,heading-numbering:error'])).toEqual({
      'heading-numbering': 'error',
      'template-residue': 'warn',
    });
  });
  it('rejects malformed values', () => {
    expect(() => parseCliRules(['heading-numbering'])).toThrow(/expected rule-id:level/);
  });
});
