/**
 * Keeps every rule honest (ESLint's checkRuleFiles, remark-lint's example tests): folder = id,
 * docs page with the expected headings, a test file, sources cited, every message id used in the
 * code, and the docs' ok / not-ok examples really pass and fail.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { runRuleOnCase } from '../src/testing/rule-tester.js';

const ruleFolders = readdirSync('rules', { withFileTypes: true })
  // Folders starting with "_" hold data and helpers shared by several rules, not rules.
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name);

function examples(doc: string): { kind: 'ok' | 'not-ok'; lang: string; body: string }[] {
  const out: { kind: 'ok' | 'not-ok'; lang: string; body: string }[] = [];
  const fence = /^```(md|text) (ok|not-ok)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(doc); m; m = fence.exec(doc)) out.push({ lang: m[1]!, kind: m[2] as 'ok' | 'not-ok', body: m[3]! });
  return out;
}

describe('rule catalogue', () => {
  it('registers every rule folder and nothing else', () => {
    expect(builtinRules.map((r) => r.meta.id).sort()).toEqual([...ruleFolders].sort());
  });

  for (const rule of builtinRules) {
    const id = rule.meta.id;
    describe(id, () => {
      const docPath = `docs/rules/${id}.md`;
      it('has a kebab-case id, a description, a default level and sources', () => {
        expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(rule.meta.description.length).toBeGreaterThan(10);
        expect(['error', 'warn', 'info']).toContain(rule.meta.defaultLevel);
        expect(rule.meta.sources.length).toBeGreaterThan(0);
      });
      it('has a docs page with the expected sections and a test file', () => {
        expect(existsSync(docPath), docPath).toBe(true);
        const doc = readFileSync(docPath, 'utf8');
        expect(doc.startsWith(`# ${id}\n`)).toBe(true);
        for (const heading of ['## Why', '## What it checks', '## Options', '## Examples']) expect(doc).toContain(`\n${heading}\n`);
        expect(existsSync(`rules/${id}/index.test.ts`)).toBe(true);
        const kinds = new Set(examples(doc).map((e) => e.kind));
        expect([...kinds].sort()).toEqual(['not-ok', 'ok']);
      });
      it('uses every message id it declares', () => {
        const source = readFileSync(`rules/${id}/index.ts`, 'utf8');
        for (const messageId of Object.keys(rule.meta.messages)) expect(source, messageId).toMatch(new RegExp(`['"]${messageId}['"]`));
      });
      it('documents examples that behave as they say', async () => {
        const doc = readFileSync(docPath, 'utf8');
        for (const example of examples(doc)) {
          const test = example.lang === 'md' ? { md: example.body } : { text: example.body };
          const findings = await runRuleOnCase(rule, test);
          if (example.kind === 'ok') expect(findings.map((f) => f.message), example.body).toEqual([]);
          else expect(findings.length, example.body).toBeGreaterThan(0);
        }
      });
    });
  }
});
