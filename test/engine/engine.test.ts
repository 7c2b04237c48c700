import { describe, expect, it } from 'vitest';
import { ReportDocument } from '../../src/model/document.js';
import { readMarkdown } from '../../src/readers/markdown.js';
import { readFileSync } from 'node:fs';
import { lintDocument, RuleError, rulesOfShard } from '../../src/engine/lint.js';
import { defineRule, type Rule } from '../../src/api/rule.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import { lintDocuments, mergeShares } from '../../src/core.js';
import { builtinRules } from '../../rules/index.js';
import { presetLayer, resolveConfig } from '../../src/config/resolve.js';

const doc = (source: string) => new ReportDocument({ ...readMarkdown(new TextEncoder().encode(source)), file: 'x.md', format: 'markdown' });
const settings = DEFAULT_SETTINGS;

function rule(create: Rule<object>['create'], messages: Record<string, string> = { m: 'message {{n}}' }): Rule<object> {
  return defineRule<object>({
    meta: { id: 'probe', group: 'structure', description: 'probe rule', defaultLevel: 'warn', sources: [{ title: 't' }], messages, schema: false, defaultOptions: {} },
    create,
  });
}

describe('engine', () => {
  it('walks once, calling section, heading, paragraph and table visitors in reading order', () => {
    const seen: string[] = [];
    const probe = rule(() => ({
      document: () => seen.push('document'),
      section: (s) => seen.push(`section:${s.title}`),
      heading: (b) => seen.push(`heading:${b.text}`),
      paragraph: (b) => seen.push(`paragraph:${b.text}`),
      table: (b) => seen.push(`table:${b.table!.header.join(',')}`),
      'document:exit': () => seen.push('exit'),
    }));
    lintDocument(doc('Intro.\n\n## A\n\nText.\n\n| h1 | h2 |\n|---|---|\n| a | b |'), { rules: [{ rule: probe, level: 'warn', options: {} }], settings, mode: 'submission' });
    expect(seen).toEqual(['document', 'section:', 'paragraph:Intro.', 'section:A', 'heading:A', 'paragraph:Text.', 'table:h1,h2', 'exit']);
  });
  it('never raises a finding above the configured level, but lowers it on request', () => {
    const probe = rule((ctx) => ({
      paragraph(b) {
        ctx.report({ block: b, messageId: 'm', data: { n: 1 }, level: 'error' });
        ctx.report({ block: b, messageId: 'm', data: { n: 2 }, level: 'info' });
      },
    }));
    const { findings } = lintDocument(doc('Text.'), { rules: [{ rule: probe, level: 'warn', options: {} }], settings, mode: 'submission' });
    expect(findings.map((f) => [f.message, f.level])).toEqual([
      ['message 1', 'warn'],
      ['message 2', 'info'],
    ]);
  });
  it('turns an exception in a rule into a RuleError naming the rule', () => {
    const probe = rule(() => ({
      paragraph() {
        throw new Error('boom');
      },
    }));
    expect(() => lintDocument(doc('Text.'), { rules: [{ rule: probe, level: 'warn', options: {} }], settings, mode: 'submission' })).toThrow(RuleError);
    expect(() => lintDocument(doc('Text.'), { rules: [{ rule: probe, level: 'warn', options: {} }], settings, mode: 'submission' })).toThrow(/rule "probe" failed: boom/);
  });
  it('rejects an unknown message id', () => {
    const probe = rule((ctx) => ({ paragraph: (b) => ctx.report({ block: b, messageId: 'nope' }) }));
    expect(() => lintDocument(doc('Text.'), { rules: [{ rule: probe, level: 'warn', options: {} }], settings, mode: 'submission' })).toThrow(/unknown messageId "nope"/);
  });
  it('masks sensitive excerpts', () => {
    const probe = rule((ctx) => ({ paragraph: (b) => ctx.report({ block: b, span: { start: 4, end: 16 }, messageId: 'm', data: { n: 0 }, sensitive: true }) }));
    const { findings } = lintDocument(doc('Tel 07700 900123 now.'), { rules: [{ rule: probe, level: 'warn', options: {} }], settings, mode: 'submission' });
    expect(findings[0]!.excerpt).not.toContain('900123');
    expect(findings[0]!.excerpt).toBe("0•••• ••••23");
  });
  it('collects published facts per rule and passes them to file results with the outline', () => {
    const probe = rule((ctx) => ({ 'document:exit': () => ctx.publish('shares', { police: 0.7, health: 0.3 }) }));
    const config = resolveConfig([presetLayer('dhr-lint:recommended', [probe])], [probe], { relativePath: () => 'x.md' });
    const [result] = lintDocuments([{ filePath: 'x.md', document: doc('# Overview Report\n\n## 4. Terms of Reference\n\nText.'), config }]);
    expect(result!.facts).toEqual({ probe: { shares: { police: 0.7, health: 0.3 } } });
    expect(result!.outline!.sections.map((s) => [s.number, s.title, s.sectionIds])).toEqual([
      [undefined, 'Overview Report', []],
      ['4', 'Terms of Reference', ['terms-of-reference']],
    ]);
  });
});

describe('rule shares (several threads linting one review)', () => {
  const read = (path: string) => doc(readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8'));
  const config = resolveConfig([presetLayer('dhr-lint:strict', builtinRules)], builtinRules, { relativePath: () => 'x.md' });
  const lintShared = (paths: string[], count: number) => {
    const shares = Array.from({ length: count }, (_, index) =>
      lintDocuments(
        paths.map((p) => ({ filePath: p, document: read(p), config })),
        { shard: count > 1 ? { index, count } : undefined },
      ),
    );
    return paths.map((_, i) => mergeShares(shares.map((s) => s[i]!)));
  };

  it('gives each rule to exactly one share', () => {
    for (const count of [2, 3]) {
      const picked = Array.from({ length: count }, (_, index) => rulesOfShard(config.rules, { index, count }).map((r) => r.rule.meta.id));
      expect(picked.flat().sort()).toEqual(config.rules.map((r) => r.rule.meta.id).sort());
      for (const ids of picked) expect(ids.length).toBeGreaterThan(0);
    }
  });
  it('merged shares give the findings of one thread, review rules and notices included', () => {
    for (const paths of [['overview-report.md', 'executive-summary.md'], ['overview-report.md']]) {
      const whole = lintShared(paths, 1);
      expect(whole.flatMap((r) => r.findings).length).toBeGreaterThan(5);
      for (const count of [2, 3]) expect(lintShared(paths, count)).toEqual(whole);
    }
    // The notice about review rules that could not run is given once, not once per share.
    const alone = lintShared(['overview-report.md'], 2)[0]!;
    expect(alone.findings.filter((f) => f.ruleId === 'review-documents')).toHaveLength(1);
  });
});
