import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, github } from '../../src/reporters/github.js';
import { context, finding, sampleResults } from './fixtures.js';

describe('github reporter', () => {
  const lines = github(sampleResults(), context()).trimEnd().split('\n');

  it('writes one workflow command per finding and fatal file', () => {
    expect(lines).toHaveLength(6);
  });

  it('maps levels to error, warning and notice, with the location and rule id', () => {
    expect(lines[0]).toBe(
      '::error file=reports/overview.md,line=12,col=5,endLine=12,endColumn=18,title=template-residue::Template text "[insert name]" left in the report.',
    );
    expect(lines[1]).toBe('::warning file=reports/overview.md,line=40,col=1,title=heading-numbering::Heading "4.3 Scope" follows "4.1": 4.2 is missing.');
    expect(lines[2]).toMatch(/^::notice file=reports\/overview\.md,line=3,col=1,title=passive-voice::/);
  });

  it('puts section, page and paragraph in the message when there is no line', () => {
    expect(lines[3]).toBe('::error file=reports/action-plan.docx,title=template-residue::Action Plan › p.12 ¶4: Template text "[insert name]" left in the report.');
    expect(lines[4]).toBe('::warning file=reports/action-plan.docx,title=heading-numbering::Action Plan › Recommendations › p.14: Numbering restarts at 1.');
  });

  it('gives the document-wide paragraph only for findings outside any section', () => {
    const out = github([{ filePath: 'a.docx', findings: [finding({ section: [], location: { paragraph: 5 } })], suppressedCount: 0 }], context());
    expect(out).toContain('::¶5: Template text');
  });

  it('reports a fatal file as an error on the file', () => {
    expect(lines[5]).toBe('::error file=reports/broken.pdf::could not read the file: bad XRef table');
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    const out = github(
      [{ filePath: 'my,odd:name.md', findings: [finding({ message: 'Rate 50%,\nthen: stop', ruleId: 'x' })], suppressedCount: 0 }],
      context(),
    );
    expect(out).toBe('::error file=my%2Codd%3Aname.md,line=12,col=5,endLine=12,endColumn=18,title=x::Rate 50%25,%0Athen: stop\n');
  });

  it('prints nothing for clean files', () => {
    expect(github([{ filePath: 'a.md', findings: [], suppressedCount: 1 }], context())).toBe('');
  });
});
