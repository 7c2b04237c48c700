/**
 * Test helper for review rules (rules with `meta.review`): build a Review from several Markdown
 * strings (or fixture files) and lint it as the CLI does, with one rule. The RuleTester lints one
 * document and never runs review rules; this is its counterpart for several documents.
 *
 * Candidate for src/testing (the lead may move it there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentKind, Format } from '../../src/model/types.js';
import type { Mode, Rule } from '../../src/api/rule.js';
import { ReportDocument } from '../../src/model/document.js';
import { readBytes, formatFromPath } from '../../src/readers/index.js';
import { Review } from '../../src/review/review.js';
import { groupReviews } from '../../src/review/group.js';
import { lintReview } from '../../src/engine/lint.js';
import { validateRuleOptions } from '../../src/config/validate.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/config/settings.js';
import type { Finding } from '../../src/engine/finding.js';
import type { Level } from '../../src/model/types.js';

export interface ReviewInputDoc {
  /** File name used in findings and related locations (also the grouping folder). */
  file: string;
  /** Markdown source; or `path` to a fixture of any supported format. */
  md?: string;
  path?: string;
  /** Force the kind, as `settings.documents` would. */
  kind?: DocumentKind;
}

export interface ReviewCase {
  docs: ReviewInputDoc[];
  options?: Record<string, unknown>;
  settings?: Partial<Settings>;
  mode?: Mode;
  level?: Level;
  /** Group the documents as the CLI does (by folder) instead of forcing one review. */
  group?: boolean;
}

/** A finding with the file it was filed under. */
export type ReviewFinding = Finding & { file: string };

export async function readReviewDocument(input: ReviewInputDoc): Promise<ReportDocument> {
  let bytes: Uint8Array;
  let format: Format;
  if (input.md !== undefined) {
    bytes = new TextEncoder().encode(input.md);
    format = 'markdown';
  } else if (input.path) {
    bytes = new Uint8Array(readFileSync(input.path));
    const f = formatFromPath(input.path);
    if (!f) throw new Error(`unsupported fixture type: ${input.path}`);
    format = f;
  } else {
    throw new Error('a review document needs md or path');
  }
  const result = await readBytes(bytes, format);
  return new ReportDocument({ ...result, file: input.file, format, kind: input.kind });
}

/** Lint the documents as one review (or as the CLI groups them) with one rule; findings in file order. */
export async function lintReviewCase(rule: Rule<object>, test: ReviewCase): Promise<ReviewFinding[]> {
  if (test.options !== undefined) validateRuleOptions(rule, test.options);
  const docs = await Promise.all(test.docs.map(readReviewDocument));
  const settings: Settings = { ...DEFAULT_SETTINGS, ...test.settings, mode: test.mode ?? test.settings?.mode ?? 'submission' };
  const run = {
    rules: [{ rule, level: test.level ?? rule.meta.defaultLevel, options: { ...(rule.meta.defaultOptions as object), ...test.options } }],
    settings,
    mode: settings.mode,
  };
  const reviews = test.group ? groupReviews(docs.map((d) => ({ path: d.file, document: d }))) : [new Review(docs)];
  const out: ReviewFinding[] = [];
  for (const review of reviews) {
    const results = lintReview(review, () => run);
    for (const doc of docs) {
      const r = results.get(doc);
      if (r) out.push(...r.findings.map((f) => ({ ...f, file: doc.file })));
    }
  }
  return out;
}

export interface ReviewExpected {
  messageId: string;
  /** File the finding is filed under. */
  file?: string;
  data?: Record<string, string | number>;
  level?: Level;
  line?: number;
  /** Section path labels, outermost first. */
  section?: string[];
  /** File and line of the first related location (the other document). */
  relatedFile?: string;
  relatedLine?: number;
}

export interface ReviewTests {
  valid: (ReviewCase & { name: string })[];
  invalid: (ReviewCase & { name: string; errors: ReviewExpected[] })[];
}

/** Compare a review's findings with the expected ones (in file order, then position). */
export async function expectReviewFindings(rule: Rule<object>, test: ReviewCase, expected: ReviewExpected[]): Promise<ReviewFinding[]> {
  const findings = await lintReviewCase(rule, test);
  const summary = findings.map((f) => `${f.file}:${f.location.line ?? ''} ${f.messageId}: ${f.message}`).join('\n');
  expect(findings.length, summary).toBe(expected.length);
  expected.forEach((e, i) => {
    const f = findings[i]!;
    const picked: Record<string, unknown> = { messageId: f.messageId };
    const wanted: Record<string, unknown> = { messageId: e.messageId };
    if (e.file !== undefined) [picked.file, wanted.file] = [f.file, e.file];
    if (e.level !== undefined) [picked.level, wanted.level] = [f.level, e.level];
    if (e.line !== undefined) [picked.line, wanted.line] = [f.location.line, e.line];
    if (e.section !== undefined) [picked.section, wanted.section] = [f.section, e.section];
    if (e.relatedFile !== undefined) [picked.relatedFile, wanted.relatedFile] = [f.related?.[0]?.file, e.relatedFile];
    if (e.relatedLine !== undefined) [picked.relatedLine, wanted.relatedLine] = [f.related?.[0]?.location.line, e.relatedLine];
    expect(picked, summary).toEqual(wanted);
    if (e.data) {
      const template = rule.meta.messages[e.messageId]!;
      expect(f.message, summary).toBe(template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (w, k: string) => (k in e.data! ? String(e.data![k]) : w)));
    }
  });
  return findings;
}

/**
 * The RuleTester's counterpart for review rules: valid reviews give no finding, invalid ones exactly
 * the expected findings, options must pass the schema, and every message id must be exercised.
 */
export class ReviewRuleTester {
  run(name: string, rule: Rule<object>, tests: ReviewTests): void {
    const exercised = new Set<string>();
    for (const t of tests.invalid) {
      for (const e of t.errors) {
        if (!(e.messageId in rule.meta.messages) && e.messageId !== 'missingDocuments') throw new Error(`${name}: test "${t.name}" expects unknown messageId "${e.messageId}"`);
        exercised.add(e.messageId);
      }
    }
    describe(name, () => {
      describe('valid', () => {
        for (const t of tests.valid) it(t.name, async () => void (await expectReviewFindings(rule, t, [])));
      });
      describe('invalid', () => {
        for (const t of tests.invalid) it(t.name, async () => void (await expectReviewFindings(rule, t, t.errors)));
      });
      it('exercises every message id in an invalid case', () => {
        const unused = Object.keys(rule.meta.messages).filter((id) => !exercised.has(id));
        expect(unused, `message ids without an invalid test case: ${unused.join(', ')}`).toEqual([]);
      });
    });
  }
}
