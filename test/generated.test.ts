/**
 * Files generated from rule metadata must be up to date: the rules index of the docs and the
 * config JSON Schema (for editors). Regenerate with `npm run generate`.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { buildConfigSchema } from '../src/config/schema.js';

const update = process.env.UPDATE_GENERATED === '1';

function rulesIndex(): string {
  const rows = builtinRules.map(
    (r) => `| [\`${r.meta.id}\`](${r.meta.id}.md) | ${r.meta.group} | ${r.meta.defaultLevel} | ${r.meta.description} |`,
  );
  return [
    '# Rules',
    '',
    'Generated from rule metadata by `npm run generate`; do not edit by hand.',
    '',
    '| Rule | Group | Default level | What it checks |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function schemaText(): string {
  return `${JSON.stringify(buildConfigSchema(builtinRules), null, 2)}\n`;
}

function check(path: string, expected: string): void {
  if (update) writeFileSync(path, expected);
  expect(existsSync(path), `${path} is missing: run npm run generate`).toBe(true);
  expect(readFileSync(path, 'utf8'), `${path} is out of date: run npm run generate`).toBe(expected);
}

describe('generated files', () => {
  it('docs/rules/README.md lists every rule', () => check('docs/rules/README.md', rulesIndex()));
  it('schema/dhr-lint.config.schema.json matches the rules', () => check('schema/dhr-lint.config.schema.json', schemaText()));
});
