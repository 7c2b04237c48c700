/**
 * End-to-end: the multi-document paths of the command line with exec-summary-alignment on — a folder
 * holding a review, a mismatched pair named on the command line, a pair in two folders paired by
 * configuration, one file holding the overview and its summary, a Word pair, and an overview alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, project } from '../../test/cli/helpers.js';

const FIX = 'rules/exec-summary-alignment/fixtures';
const CONFIG = JSON.stringify({ extends: [], rules: { 'exec-summary-alignment': 'warn' } });
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(`${FIX}/${path}`));

interface JsonMessage {
  ruleId: string;
  messageId: string;
  level: string;
  line?: number;
  message: string;
  section: string[];
  related?: { file?: string; message: string; location: { line?: number; section?: string[] } }[];
}
interface JsonFile {
  filePath: string;
  messages: JsonMessage[];
}

function parse(stdout: string): JsonFile[] {
  return JSON.parse(stdout) as JsonFile[];
}

const MISALIGNED_IDS = [
  'factDiffers',
  'tributeMissingInSummary',
  'pseudonymDiffers',
  'factDiffers',
  'reviewPeriodDiffers',
  'recommendationCount',
  'recommendationMissing',
  'lessonsMissing',
  'recommendationReworded',
];

describe('exec-summary-alignment on the command line', () => {
  it('lints a folder holding an aligned review with no finding', async () => {
    const dir = project({
      'dhr-lint.config.json': CONFIG,
      'case-7/overview.md': read('aligned/overview.md'),
      'case-7/executive-summary.md': read('aligned/executive-summary.md'),
    });
    const r = await cli(['case-7/'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: '' });
  });

  it('pairs the documents of a folder and files each finding under the summary, pointing at the overview', async () => {
    const dir = project({
      'dhr-lint.config.json': CONFIG,
      'case-9/overview.md': read('misaligned/overview.md'),
      'case-9/executive-summary.md': read('misaligned/executive-summary.md'),
    });
    const r = await cli(['case-9', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const files = parse(r.stdout);
    expect(files).toHaveLength(2);
    const overview = files.find((f) => /case-9[/\\]overview\.md$/.test(f.filePath));
    const summary = files.find((f) => /case-9[/\\]executive-summary\.md$/.test(f.filePath));
    expect(overview!.messages).toEqual([]);
    expect(summary!.messages.map((m) => m.messageId)).toEqual(MISALIGNED_IDS);
    const missing = summary!.messages.find((m) => m.messageId === 'recommendationMissing')!;
    expect(missing.message).toContain('recommendation 5');
    expect(missing.message).toContain('line 90');
    expect(missing.related).toEqual([
      { file: expect.stringMatching(/case-9[/\\]overview\.md$/), message: "the overview report's recommendation 5", location: expect.objectContaining({ line: 90, section: ['7 Recommendations'] }) },
    ]);
  });

  it('checks a mismatched pair named on the command line (stylish output names both places)', async () => {
    const dir = project({
      'dhr-lint.config.json': CONFIG,
      'a/overview.md': read('misaligned/overview.md'),
      'a/executive-summary.md': read('misaligned/executive-summary.md'),
    });
    const r = await cli(['a/overview.md', 'a/executive-summary.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('executive-summary.md');
    expect(r.stdout).toContain('The review period differs: the executive summary gives 1 June 2020 to 21 May 2022');
    expect(r.stdout).toContain('exec-summary-alignment');
    expect(r.stdout).toMatch(/9 problems/);
  });

  it('pairs documents in different folders named in settings.documents', async () => {
    const config = JSON.stringify({
      extends: [],
      rules: { 'exec-summary-alignment': 'warn' },
      settings: { documents: [{ path: 'final/report.md', kind: 'overview' }, { path: 'summary/es-final.md', kind: 'executive-summary' }] },
    });
    const dir = project({
      'dhr-lint.config.json': config,
      'final/report.md': read('misaligned/overview.md'),
      'summary/es-final.md': read('misaligned/executive-summary.md'),
    });
    const r = await cli(['final/report.md', 'summary/es-final.md', '-f', 'json'], dir);
    const files = parse(r.stdout);
    expect(files[1]!.messages.map((m) => m.messageId)).toEqual(MISALIGNED_IDS);
  });

  it('checks one file holding both the overview report and the executive summary', async () => {
    const dir = project({ 'dhr-lint.config.json': CONFIG, 'combined.md': read('combined/report.md') });
    const r = await cli(['combined.md', '-f', 'json'], dir);
    const [file] = parse(r.stdout);
    expect(file!.messages.map((m) => [m.messageId, m.line, m.section])).toEqual([
      ['recommendationCount', 34, ['Executive Summary', 'Recommendations']],
      ['recommendationMissing', 34, ['Executive Summary', 'Recommendations']],
    ]);
    expect(file!.messages[1]!.related![0]!.location).toMatchObject({ line: 123, section: ['7 Recommendations'] });
  });

  it('gives the same findings for the Word pair as for the Markdown pair it was made from', async () => {
    const dir = project({
      'dhr-lint.config.json': CONFIG,
      'word/overview.docx': read('docx/overview.docx'),
      'word/executive-summary.docx': read('docx/executive-summary.docx'),
    });
    const r = await cli(['word', '-f', 'json'], dir);
    const files = parse(r.stdout);
    const summary = files.find((f) => f.filePath.endsWith('executive-summary.docx'))!;
    expect(summary.messages.map((m) => m.messageId).sort()).toEqual([...MISALIGNED_IDS].sort());
    expect(files.find((f) => f.filePath.endsWith('overview.docx'))!.messages).toEqual([]);
  });

  it('says once that the summary is missing when an overview is linted alone', async () => {
    const dir = project({ 'dhr-lint.config.json': CONFIG, 'alone/overview.md': read('aligned/overview.md') });
    const r = await cli(['alone/overview.md', '-f', 'json'], dir);
    const [file] = parse(r.stdout);
    expect(file!.messages).toHaveLength(1);
    expect(file!.messages[0]).toMatchObject({ ruleId: 'review-documents', messageId: 'missingDocuments', level: 'info' });
    expect(file!.messages[0]!.message).toMatch(/executive summary was not given.*exec-summary-alignment/);
  });
});
