import { describe, expect, it } from 'vitest';
import { stylish } from '../../src/reporters/stylish.js';
import { context, finding, sampleResults, CWD } from './fixtures.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[\d+(;\d+)*m/;

describe('stylish reporter', () => {
  const output = stylish(sampleResults(), context());
  const lines = output.split('\n');

  it('prints nothing when there is nothing to say', () => {
    expect(stylish([{ filePath: 'a.md', findings: [], suppressedCount: 0 }], context())).toBe('');
  });

  it('prints paths relative to the working folder, whether given relative or absolute', () => {
    expect(lines).toContain('reports/overview.md');
    expect(lines).toContain('reports/action-plan.docx');
    expect(output).not.toContain(CWD);
  });

  it('groups by file, then by section path, in document order', () => {
    const overview = output.slice(output.indexOf('reports/overview.md'), output.indexOf('reports/action-plan.docx'));
    const headers = overview.split('\n').filter((line) => /^ {2}\S/.test(line)).map((line) => line.trim());
    expect(headers).toEqual(['(document)', '4 Terms of Reference', '4 Terms of Reference › 4.3 Scope']);
  });

  it('shows line:column when known, else page, with the paragraph within the section', () => {
    const markdownLine = lines.find((line) => line.includes('[insert name]') && line.includes('12:5'));
    expect(markdownLine).toMatch(/^ {4}¶3\s+12:5\s+error\s+Template text/);
    const wordLine = lines.find((line) => line.includes('p.12'));
    expect(wordLine).toMatch(/^ {4}¶4\s+p\.12\s+error\s+Template text/);
  });

  it('ends each finding line with its rule id and docs link', () => {
    const line = lines.find((l) => l.includes('Numbering restarts'))!;
    expect(line).toMatch(/warning\s+Numbering restarts at 1\.\s+heading-numbering\s+https:\/\/\S+\/heading-numbering\.md$/);
  });

  it('aligns the columns of one file', () => {
    const start = lines.indexOf('reports/overview.md');
    const rows = lines.slice(start, lines.indexOf('', start)).filter((line) => line.startsWith('    '));
    const levelColumn = rows.map((row) => row.search(/(error|warning|info) /));
    expect(new Set(levelColumn).size).toBe(1);
    const ruleColumn = rows.map((row) => row.search(/(template-residue|heading-numbering|passive-voice)/));
    expect(new Set(ruleColumn).size).toBe(1);
  });

  it('prints a fatal file as one line', () => {
    const start = lines.indexOf('reports/broken.pdf');
    expect(lines[start + 1]).toBe('  fatal  could not read the file: bad XRef table');
  });

  it('ends with a summary that counts fatal files as errors and states suppressions', () => {
    expect(output.trimEnd().split('\n').at(-1)).toBe('✖ 6 problems (3 errors, 2 warnings, 1 info), 2 suppressed by directives');
  });

  it('uses singulars and says when there are too many warnings', () => {
    const one = stylish([{ filePath: 'a.md', findings: [finding({ level: 'warn' })], suppressedCount: 0 }], context({ maxWarnings: 0 }));
    expect(one).toContain('✖ 1 problem (0 errors, 1 warning, 0 info)\n');
    expect(one).toContain('✖ Too many warnings: 1 (maximum: 0).');
    const within = stylish([{ filePath: 'a.md', findings: [finding({ level: 'warn' })], suppressedCount: 0 }], context({ maxWarnings: 1 }));
    expect(within).not.toContain('Too many');
  });

  it('mentions suppressed findings even when nothing else is left', () => {
    expect(stylish([{ filePath: 'a.md', findings: [], suppressedCount: 3 }], context())).toBe('\n✔ No problems, 3 suppressed by directives\n');
  });

  it('keeps one line per finding when a message has line breaks', () => {
    const out = stylish([{ filePath: 'a.md', findings: [finding({ message: 'first\nsecond' })], suppressedCount: 0 }], context());
    expect(out).toContain('first second');
  });

  it('has no colour codes unless asked, and colour when asked', () => {
    expect(output).not.toMatch(ANSI);
    const coloured = stylish(sampleResults(), context({ color: true }));
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[31merror');
    // Colour codes do not count towards the column widths: stripped, the text is the same.
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+(;\d+)*m/g, '')).toBe(output);
  });
});

describe('stylish: related locations', () => {
  it('prints the other place a finding is about under it', async () => {
    const { stylish } = await import('../../src/reporters/stylish.js');
    const output = stylish(
      [
        {
          filePath: '/r/es.md',
          suppressedCount: 0,
          findings: [
            {
              ruleId: 'exec-summary-alignment',
              messageId: 'recommendationMissing',
              level: 'warn',
              message: 'Recommendation 3 of the overview is not in the summary.',
              location: { line: 4 },
              section: ['Recommendations'],
              docsUrl: 'https://example.invalid/x',
              related: [{ file: '/r/overview.md', message: 'overview version', location: { line: 120, section: ['19 Recommendations'] } }],
            },
          ],
        },
      ],
      { rules: new Map(), cwd: '/r', color: false, version: '0.0.0' },
    );
    expect(output).toContain('↳ overview version (overview.md, 19 Recommendations, line 120)');
  });
});
