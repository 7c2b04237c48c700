import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type * as Sarif from 'sarif';
import { FINGERPRINT_KEY, sarif } from '../../src/reporters/sarif.js';
import type { FileResult } from '../../src/engine/finding.js';
import { context, finding, sampleResults, CWD } from './fixtures.js';

/**
 * The official SARIF 2.1.0 (rtm.5) schema, as shipped in the npm package
 * @microsoft/sarif-matcher-utils@1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json), copied unchanged.
 * It is written in draft-04; its only draft-04-only keyword is the root `id`, so it is read into
 * Ajv 8 (draft-07) by renaming that to `$id` and dropping `$schema`. Its `language` pattern has a
 * stray "]" that is a syntax error only under the regex `u` flag, hence `unicodeRegExp: false`.
 */
function sarifValidator() {
  const { $schema: _draft04, id, ...schema } = JSON.parse(
    readFileSync(new URL('./sarif-2.1.0-rtm.5.schema.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z\d+.-]*:/i.test(value) && URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...schema, $id: id as string });
}
const validate = sarifValidator();

function run(results: FileResult[]): Sarif.Run {
  return (JSON.parse(sarif(results, context())) as Sarif.Log).runs[0]!;
}

function fingerprint(result: FileResult): string {
  return run([result]).results![0]!.partialFingerprints![FINGERPRINT_KEY]!;
}

describe('sarif reporter', () => {
  const log = JSON.parse(sarif(sampleResults(), context())) as Sarif.Log;
  const { tool, results, invocations, originalUriBaseIds } = log.runs[0]!;

  it('is valid against the SARIF 2.1.0 schema', () => {
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a validator that rejects what the schema forbids', () => {
    const bad = structuredClone(log);
    Object.assign(bad.runs[0]!.results![0]!, { line: 12 });
    bad.runs[0]!.results![1]!.level = 'warn' as Sarif.Result.level;
    expect(validate(bad)).toBe(false);
    expect(validate.errors!.map((e) => e.keyword).sort()).toEqual(expect.arrayContaining(['additionalProperties', 'enum']));
  });

  it('stays valid with related locations and with no files at all', () => {
    const [result] = sampleResults();
    result!.findings[0]!.related = [
      { message: 'First use', location: { line: 2, column: 1, section: ['1 Introduction'] } },
      { file: 'reports/executive-summary.docx', message: 'Same name here', location: { paragraph: 7, page: 2 } },
    ];
    expect(validate(JSON.parse(sarif([result!], context())))).toBe(true);
    expect(validate(JSON.parse(sarif([], context())))).toBe(true);
  });

  it('describes the tool and every rule that ran, with help links, levels and group tags', () => {
    expect(log.version).toBe('2.1.0');
    expect(tool.driver).toMatchObject({ name: 'dhr-lint', version: '0.1.0', informationUri: 'https://github.com/dhr-lint/dhr-lint' });
    expect(tool.driver.rules!.map((r) => [r.id, r.defaultConfiguration!.level, r.properties!.tags])).toEqual([
      ['template-residue', 'error', ['structure']],
      ['heading-numbering', 'warning', ['structure']],
      ['passive-voice', 'note', ['language']],
    ]);
    expect(tool.driver.rules![0]).toMatchObject({
      shortDescription: { text: 'Checks template-residue.' },
      helpUri: 'https://github.com/dhr-lint/dhr-lint/blob/v0.1.0/docs/rules/template-residue.md',
    });
  });

  it('maps levels and points each result at its rule descriptor', () => {
    expect(results!.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['template-residue', 0, 'error'],
      ['heading-numbering', 1, 'warning'],
      ['passive-voice', 2, 'note'],
      ['template-residue', 0, 'error'],
      ['heading-numbering', 1, 'warning'],
    ]);
  });

  it('locates results relative to %SRCROOT%, the working folder', () => {
    expect(originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${CWD}/` } });
    const physical = results![0]!.locations![0]!.physicalLocation!;
    expect(physical.artifactLocation).toEqual({ uri: 'reports/overview.md', uriBaseId: '%SRCROOT%' });
    expect(physical.region).toEqual({ startLine: 12, startColumn: 5, endLine: 12, endColumn: 18 });
    expect(results![3]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('reports/action-plan.docx');
  });

  it('gives page and paragraph as properties when there is no line', () => {
    const physical = results![3]!.locations![0]!.physicalLocation!;
    expect(physical.region).toBeUndefined();
    expect(physical.properties).toEqual({ page: 12, paragraph: 31, sectionParagraph: 4 });
  });

  it('names the section as a logical location', () => {
    expect(results![1]!.locations![0]!.logicalLocations).toEqual([
      { name: '4.3 Scope', fullyQualifiedName: '4 Terms of Reference › 4.3 Scope', kind: 'section' },
    ]);
    expect(results![2]!.locations![0]!.logicalLocations).toBeUndefined();
  });

  it('percent-encodes file names', () => {
    const out = run([{ filePath: 'my report #2.md', findings: [finding()], suppressedCount: 0 }]);
    expect(out.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('my%20report%20%232.md');
  });

  it('reports related locations, in other files too', () => {
    const [result] = sampleResults();
    result!.findings = [finding({ related: [{ file: 'reports/summary.md', message: 'Also here', location: { line: 7, section: ['Summary'] } }] })];
    expect(run([result!]).results![0]!.relatedLocations).toEqual([
      {
        id: 0,
        message: { text: 'Also here' },
        physicalLocation: { artifactLocation: { uri: 'reports/summary.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 7 } },
        logicalLocations: [{ name: 'Summary', fullyQualifiedName: 'Summary', kind: 'section' }],
      },
    ]);
  });

  it('reports unreadable files as tool execution notifications', () => {
    expect(invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'could not read the file: bad XRef table' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'reports/broken.pdf', uriBaseId: '%SRCROOT%' } } }],
          },
        ],
      },
    ]);
    expect(run(sampleResults().slice(0, 2)).invocations).toEqual([{ executionSuccessful: true }]);
  });

  describe('fingerprints', () => {
    const base = (overrides = {}): FileResult => ({ filePath: 'reports/overview.md', findings: [finding(overrides)], suppressedCount: 0 });

    it('do not change when only line, column or paragraph numbers change', () => {
      const moved = base({ location: { line: 80, column: 9, endLine: 81, endColumn: 2, paragraph: 44, sectionParagraph: 7 } });
      expect(fingerprint(moved)).toBe(fingerprint(base()));
    });

    it('ignore case and spacing differences in the excerpt', () => {
      expect(fingerprint(base({ excerpt: '  the panel   met [Insert Name] on ' }))).toBe(fingerprint(base()));
    });

    it('change with the message id, rule, section, excerpt or file', () => {
      const original = fingerprint(base());
      expect(fingerprint(base({ messageId: 'other' }))).not.toBe(original);
      expect(fingerprint(base({ ruleId: 'heading-numbering' }))).not.toBe(original);
      expect(fingerprint(base({ section: ['5 Chronology'] }))).not.toBe(original);
      expect(fingerprint(base({ excerpt: 'another passage' }))).not.toBe(original);
      expect(fingerprint({ ...base(), filePath: 'reports/other.md' })).not.toBe(original);
    });

    it('number identical findings so each keeps its own alert', () => {
      const twice: FileResult = { filePath: 'a.md', findings: [finding(), finding({ location: { line: 99 } })], suppressedCount: 0 };
      const [first, second] = run([twice]).results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]!);
      expect(first).toMatch(/^[0-9a-f]{64}:1$/);
      expect(second).toBe(first!.replace(/:1$/, ':2'));
    });
  });
});
