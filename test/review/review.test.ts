import { describe, expect, it } from 'vitest';
import { ReportDocument } from '../../src/model/document.js';
import { readMarkdown } from '../../src/readers/markdown.js';
import { groupReviews } from '../../src/review/group.js';
import { Review } from '../../src/review/review.js';
import { lintReview } from '../../src/engine/lint.js';
import { defineRule, type Rule } from '../../src/api/rule.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';

function md(file: string, source: string): ReportDocument {
  return new ReportDocument({ ...readMarkdown(new TextEncoder().encode(source)), file, format: 'markdown' });
}

const OVERVIEW = '# Overview Report into the death of Maria\n\n## 1. Introduction\n\nText.\n\n## 2. Recommendations\n\nOne.';
const SUMMARY = '# Executive Summary\n\n## Terms of Reference\n\nText.\n\n## Recommendations\n\nOne.';
const PLAN = '# Action Plan\n\n| Recommendation | Action | Lead agency | Target date |\n|---|---|---|---|\n| 1 | Train | Police | May 2025 |';

describe('groupReviews', () => {
  it('puts the overview, summary and plan of one folder together, leaving out documents of unknown kind', () => {
    const docs = [md('case/overview.md', OVERVIEW), md('case/README.md', 'Notes about the case.'), md('case/es.md', SUMMARY), md('case/plan.md', PLAN)];
    const reviews = groupReviews(docs.map((d) => ({ path: d.file, document: d })));
    expect(reviews.map((r) => r.documents.map((d) => d.file))).toEqual([['case/overview.md', 'case/es.md', 'case/plan.md'], ['case/README.md']]);
  });
  it('keeps folders apart', () => {
    const docs = [md('a/overview.md', OVERVIEW), md('b/es.md', SUMMARY)];
    expect(groupReviews(docs.map((d) => ({ path: d.file, document: d }))).map((r) => r.documents.length)).toEqual([1, 1]);
  });
  it('pairs by file name when a folder holds several reviews', () => {
    const docs = [
      md('all/anna-overview.md', OVERVIEW),
      md('all/bella-overview.md', OVERVIEW),
      md('all/bella-executive-summary.md', SUMMARY),
      md('all/anna-exec-summary.md', SUMMARY),
    ];
    const reviews = groupReviews(docs.map((d) => ({ path: d.file, document: d })));
    expect(reviews.map((r) => r.documents.map((d) => d.file))).toEqual([
      ['all/anna-overview.md', 'all/anna-exec-summary.md'],
      ['all/bella-overview.md', 'all/bella-executive-summary.md'],
    ]);
  });
  it('groups files paired by configuration across folders', () => {
    const docs = [md('x/one.md', OVERVIEW), md('y/two.md', SUMMARY)];
    const reviews = groupReviews(docs.map((d) => ({ path: d.file, document: d, group: 'cfg' })));
    expect(reviews).toHaveLength(1);
  });
});

describe('Review roles', () => {
  it('finds an executive summary embedded in the overview file', () => {
    const combined = md('c.md', '# Overview Report\n\nCover.\n\n# Executive Summary\n\nES1 text.\n\n# 1. Introduction\n\nText.');
    const review = new Review([combined]);
    const summary = review.get('executive-summary')!;
    expect(summary.embedded).toBe(true);
    expect(summary.blocks.map((b) => b.text)).toEqual(['Executive Summary', 'ES1 text.']);
    expect(review.get('overview')!.blocks.map((b) => b.text)).not.toContain('ES1 text.');
  });
  it('prefers a whole document over an embedded part', () => {
    const combined = md('c.md', '# Overview Report\n\nCover.\n\n# Executive Summary\n\nShort.\n\n# 1. Introduction\n\nText.');
    const es = md('es.md', SUMMARY);
    expect(new Review([combined, es]).get('executive-summary')!.document).toBe(es);
  });
});

describe('lintReview', () => {
  const calls: string[] = [];
  const compare = defineRule<Record<string, never>>({
    meta: {
      id: 'compare',
      group: 'structure',
      description: 'test review rule',
      defaultLevel: 'warn',
      sources: [{ title: 't' }],
      messages: { diff: 'differs from {{other}}' },
      schema: false,
      defaultOptions: {},
      review: { needs: ['overview', 'executive-summary'] },
    },
    create(context) {
      return {
        'document:exit'() {
          const summary = context.review!.get('executive-summary')!;
          calls.push(context.document.file);
          context.report({
            document: summary.document,
            block: summary.blocks[1],
            messageId: 'diff',
            data: { other: 'overview' },
            related: [{ file: context.document.file, message: 'overview version', location: {} }],
          });
        },
      };
    },
  }) as unknown as Rule<object>;
  const run = { rules: [{ rule: compare, level: 'warn' as const, options: {} }], settings: DEFAULT_SETTINGS, mode: 'submission' as const };

  it('runs a review rule once and files its finding under the document it is about', () => {
    const overview = md('o.md', OVERVIEW);
    const summary = md('s.md', SUMMARY);
    const results = lintReview(new Review([overview, summary]), () => run);
    expect(calls).toEqual(['o.md']);
    expect(results.get(overview)!.findings).toEqual([]);
    expect(results.get(summary)!.findings.map((f) => [f.ruleId, f.message, f.section])).toEqual([['compare', 'differs from overview', ['Terms of Reference']]]);
  });
  it('says once which document is missing instead of running the rule', () => {
    const overview = md('o.md', OVERVIEW);
    const results = lintReview(new Review([overview]), () => run);
    const findings = results.get(overview)!.findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'review-documents', level: 'info' });
    expect(findings[0]!.message).toMatch(/executive summary was not given.*compare/);
  });
});
