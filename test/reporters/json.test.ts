import { describe, expect, it } from 'vitest';
import { json, type JsonFileResult } from '../../src/reporters/json.js';
import { context, sampleResults, CWD } from './fixtures.js';

describe('json reporter', () => {
  const text = json(sampleResults(), context());
  const files = JSON.parse(text) as JsonFileResult[];

  it('is a JSON array with one compact line per file', () => {
    expect(text.trimEnd().split('\n')).toHaveLength(3);
    expect(files).toHaveLength(3);
  });

  it('gives absolute paths and the format version on every file', () => {
    expect(files.map((f) => f.filePath)).toEqual([
      `${CWD}/reports/overview.md`,
      `${CWD}/reports/action-plan.docx`,
      `${CWD}/reports/broken.pdf`,
    ]);
    for (const file of files) expect(file.dhrLintJsonVersion).toBe(1);
  });

  it('counts by level', () => {
    const [overview, plan, broken] = files;
    expect(overview).toMatchObject({ errorCount: 1, warningCount: 1, infoCount: 1, fatalErrorCount: 0, suppressedCount: 2 });
    expect(plan).toMatchObject({ errorCount: 1, warningCount: 1, infoCount: 0, fatalErrorCount: 0, suppressedCount: 0 });
    expect(broken).toMatchObject({ errorCount: 1, warningCount: 0, infoCount: 0, fatalErrorCount: 1 });
  });

  it('maps severity as ESLint does, info included, and keeps the level', () => {
    const severities = files[0]!.messages.map((m) => [m.level, m.severity]);
    expect(severities).toEqual([
      ['error', 2],
      ['warn', 1],
      ['info', 1],
    ]);
  });

  it('carries every field of a finding and leaves unknown locations out', () => {
    expect(files[0]!.messages[0]).toEqual({
      ruleId: 'template-residue',
      severity: 2,
      level: 'error',
      message: 'Template text "[insert name]" left in the report.',
      messageId: 'residue',
      line: 12,
      column: 5,
      endLine: 12,
      endColumn: 18,
      section: ['4 Terms of Reference'],
      sectionId: 'terms-of-reference',
      paragraph: 9,
      sectionParagraph: 3,
      excerpt: 'The panel met [insert name] on',
      docsUrl: 'https://github.com/dhr-lint/dhr-lint/blob/v0.1.0/docs/rules/template-residue.md',
    });
    const word = files[1]!.messages[0]!;
    expect(word).toMatchObject({ page: 12, paragraph: 31, sectionParagraph: 4 });
    expect(word).not.toHaveProperty('line');
  });

  it('reports an unreadable file as one fatal message without a rule', () => {
    expect(files[2]!.messages).toEqual([
      { ruleId: null, fatal: true, severity: 2, level: 'error', message: 'could not read the file: bad XRef table', section: [] },
    ]);
  });

  it('passes suggestions, related locations and details through', () => {
    const [result] = sampleResults();
    result!.findings[0] = {
      ...result!.findings[0]!,
      suggestions: [{ desc: 'Replace with the pseudonym', replacement: 'Adult A' }],
      related: [{ message: 'First use', location: { line: 2, section: ['1 Introduction'] } }],
      details: { share: 0.4 },
    };
    const message = (JSON.parse(json([result!], context())) as JsonFileResult[])[0]!.messages[0]!;
    expect(message.suggestions).toEqual([{ desc: 'Replace with the pseudonym', replacement: 'Adult A' }]);
    expect(message.related).toEqual([{ message: 'First use', location: { line: 2, section: ['1 Introduction'] } }]);
    expect(message.details).toEqual({ share: 0.4 });
  });

  it('prints an empty array for no files', () => {
    expect(JSON.parse(json([], context()))).toEqual([]);
  });
});
