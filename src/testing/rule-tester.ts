/**
 * RuleTester for vitest, strict in the ESLint way: options must pass the rule's schema, expected
 * message ids must exist, cases must not repeat, a rule must not change the document, and every
 * message id of the rule must be exercised by at least one invalid case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Level, DocumentKind, Format } from '../model/types.js';
import type { Mode, Rule } from '../api/rule.js';
import { ReportDocument } from '../model/document.js';
import { readBytes } from '../readers/index.js';
import { formatFromPath } from '../readers/index.js';
import { lintDocument, lintReview } from '../engine/lint.js';
import { Review } from '../review/review.js';
import { validateRuleOptions } from '../config/validate.js';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings.js';
import type { Finding } from '../engine/finding.js';

export interface TestCase {
  name?: string;
  /** Markdown source. */
  md?: string;
  /** Plain-text source. */
  text?: string;
  /** A fixture file path (relative to the working directory), any supported format. */
  file?: string;
  options?: Record<string, unknown>;
  settings?: Partial<Settings>;
  mode?: Mode;
  kind?: DocumentKind;
  /** Level the rule is configured at (default: its defaultLevel). */
  level?: Level;
}

export interface ExpectedFinding {
  messageId: string;
  data?: Record<string, string | number>;
  level?: Level;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  page?: number;
  paragraph?: number;
  /** Section path labels, outermost first. */
  section?: string[];
  /** Text the excerpt must contain. */
  excerpt?: string;
}

export interface InvalidCase extends TestCase {
  errors: ExpectedFinding[];
}

export interface RuleTests {
  valid: (TestCase | string)[];
  invalid: InvalidCase[];
}

async function documentFor(test: TestCase): Promise<ReportDocument> {
  let bytes: Uint8Array;
  let format: Format;
  let file: string;
  if (test.md !== undefined) {
    bytes = new TextEncoder().encode(test.md);
    format = 'markdown';
    file = 'test.md';
  } else if (test.text !== undefined) {
    bytes = new TextEncoder().encode(test.text);
    format = 'text';
    file = 'test.txt';
  } else if (test.file) {
    bytes = new Uint8Array(readFileSync(test.file));
    const f = formatFromPath(test.file);
    if (!f) throw new Error(`unsupported fixture type: ${test.file}`);
    format = f;
    file = test.file;
  } else {
    throw new Error('a test case needs md, text or file');
  }
  const result = await readBytes(bytes, format);
  return new ReportDocument({ ...result, file, format, kind: test.kind });
}

/** A fingerprint of everything a rule could change by accident. */
function snapshot(doc: ReportDocument): string {
  return JSON.stringify({
    tree: doc.tree,
    blocks: doc.blocks.map((b) => [b.kind, b.text, b.location]),
    sections: doc.sections.map((s) => [s.title, s.number, s.level, s.templateIds]),
    tables: doc.tables.map((t) => [t.header, t.rows]),
  });
}

/** Lint one case with one rule; used by RuleTester and by the docs-examples test. */
export async function runRuleOnCase(rule: Rule<object>, test: TestCase): Promise<Finding[]> {
  if (test.options !== undefined) validateRuleOptions(rule, test.options);
  const doc = await documentFor(test);
  const before = snapshot(doc);
  const settings: Settings = { ...DEFAULT_SETTINGS, ...test.settings, mode: test.mode ?? test.settings?.mode ?? 'submission' };
  const run = {
    rules: [{ rule, level: test.level ?? rule.meta.defaultLevel, options: { ...(rule.meta.defaultOptions as object), ...test.options } }],
    settings,
    mode: settings.mode,
  };
  // A review rule sees the document as a review of one file (a summary may be a part of it).
  const { findings } = rule.meta.review ? lintReview(new Review([doc]), () => run).get(doc)! : lintDocument(doc, run);
  if (snapshot(doc) !== before) throw new Error(`rule "${rule.meta.id}" changed the document it was given`);
  return findings;
}

function caseKey(test: TestCase): string {
  return JSON.stringify([test.md, test.text, test.file, test.options, test.settings, test.mode, test.kind, test.level]);
}

export class RuleTester {
  run(name: string, rule: Rule<object>, tests: RuleTests): void {
    const seen = new Set<string>();
    const check = (test: TestCase): void => {
      const key = caseKey(test);
      if (seen.has(key)) throw new Error(`${name}: duplicate test case ${test.name ?? key.slice(0, 80)}`);
      seen.add(key);
    };
    const valid = tests.valid.map((t) => (typeof t === 'string' ? { md: t } : t));
    valid.forEach(check);
    tests.invalid.forEach(check);
    if (tests.invalid.length === 0) throw new Error(`${name}: a rule needs at least one invalid case`);
    if (valid.length === 0) throw new Error(`${name}: a rule needs at least one valid (must-not-flag) case`);
    const exercised = new Set<string>();

    describe(name, () => {
      describe('valid', () => {
        for (const test of valid) {
          it(test.name ?? (test.md ?? test.text ?? test.file ?? '').slice(0, 60), async () => {
            const findings = await runRuleOnCase(rule, test);
            expect(findings.map((f) => `${f.messageId}: ${f.message}`)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const test of tests.invalid) {
          for (const e of test.errors) {
            if (!(e.messageId in rule.meta.messages)) {
              throw new Error(`${name}: test "${test.name}" expects unknown messageId "${e.messageId}"`);
            }
            exercised.add(e.messageId);
          }
          it(test.name ?? (test.md ?? test.text ?? test.file ?? '').slice(0, 60), async () => {
            const findings = await runRuleOnCase(rule, test);
            expect(findings.length, findings.map((f) => `${f.messageId}: ${f.message}`).join('\n')).toBe(test.errors.length);
            test.errors.forEach((expected, i) => {
              const actual = findings[i]!;
              expect(actual.messageId).toBe(expected.messageId);
              const picked: Record<string, unknown> = {};
              const wanted: Record<string, unknown> = {};
              for (const k of ['line', 'column', 'endLine', 'endColumn', 'page', 'paragraph'] as const) {
                if (expected[k] !== undefined) {
                  picked[k] = actual.location[k];
                  wanted[k] = expected[k];
                }
              }
              if (expected.level) {
                picked.level = actual.level;
                wanted.level = expected.level;
              }
              if (expected.section) {
                picked.section = actual.section;
                wanted.section = expected.section;
              }
              expect(picked).toEqual(wanted);
              if (expected.data) {
                const template = rule.meta.messages[expected.messageId]!;
                expect(actual.message).toBe(template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (w, k: string) => (k in expected.data! ? String(expected.data![k]) : w)));
              }
              if (expected.excerpt) expect(actual.excerpt ?? '').toContain(expected.excerpt);
            });
          });
        }
      });
      it('exercises every message id in an invalid case', () => {
        const unused = Object.keys(rule.meta.messages).filter((id) => !exercised.has(id));
        expect(unused, `message ids without an invalid test case: ${unused.join(', ')}`).toEqual([]);
      });
    });
  }
}
