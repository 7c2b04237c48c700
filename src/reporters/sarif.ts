/**
 * SARIF 2.1.0 for code scanning in CI (GitHub, Azure DevOps, IDE viewers). One run; rule
 * descriptors from the rules that ran; each result located in its file (line and column when the
 * format has them) and in its section (a logical location); fingerprints that survive edits
 * elsewhere in the report, so an alert keeps its identity from one run to the next.
 */
import type * as Sarif from 'sarif';
import type { RelatedLocation, RuleMeta } from '../api/rule.js';
import type { Finding, FileResult } from '../engine/finding.js';
import { docsUrlFor } from '../engine/docs-url.js';
import type { Level, SourceLocation } from '../model/types.js';
import type { Reporter, ReporterContext } from './types.js';
import { sha256Hex } from './fingerprint.js';
import { folderUri, relativeUri } from './paths.js';
import { sectionPath } from './summary.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/dhr-lint/dhr-lint';
/** Paths in the log are relative to this base, resolved by `originalUriBaseIds` (the working folder). */
const SRCROOT = '%SRCROOT%';
/** Name of our partial fingerprint; bump the version if what is hashed ever changes. */
export const FINGERPRINT_KEY = 'dhrLintFinding/v1';

const SARIF_LEVEL: Record<Level, Sarif.ReportingConfiguration.level> = { error: 'error', warn: 'warning', info: 'note' };

export const sarif: Reporter = (results, context) => {
  const rules = ruleDescriptors(results, context);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarifResults = results.flatMap((result) => fileResults(result, context, ruleIndex));
  const fatals = results.filter((result) => result.fatal !== undefined);
  const invocation: Sarif.Invocation = { executionSuccessful: fatals.length === 0 };
  if (fatals.length) {
    invocation.toolExecutionNotifications = fatals.map((result) => ({
      level: 'error',
      message: { text: result.fatal! },
      locations: [{ physicalLocation: { artifactLocation: artifact(context.cwd, result.filePath) } }],
    }));
  }
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dhr-lint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(context.cwd) } },
        // Columns come from JavaScript strings (mdast positions count UTF-16 code units).
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** Every rule that ran, plus (defensively) any rule that reported without being in the context. */
function ruleDescriptors(results: FileResult[], context: ReporterContext): Sarif.ReportingDescriptor[] {
  const descriptors = [...context.rules.values()].map(descriptor);
  const known = new Set(descriptors.map((rule) => rule.id));
  for (const finding of results.flatMap((result) => result.findings)) {
    if (known.has(finding.ruleId)) continue;
    known.add(finding.ruleId);
    descriptors.push({ id: finding.ruleId, helpUri: finding.docsUrl });
  }
  return descriptors;
}

function descriptor(meta: RuleMeta<object>): Sarif.ReportingDescriptor {
  const docsUrl = docsUrlFor(meta);
  return {
    id: meta.id,
    shortDescription: { text: meta.description },
    helpUri: docsUrl,
    // Code-scanning UIs show `help` on the alert page; the docs page holds the full text.
    help: { text: `${meta.description} See ${docsUrl}`, markdown: `${meta.description}\n\n[Rule documentation](${docsUrl})` },
    defaultConfiguration: { level: SARIF_LEVEL[meta.defaultLevel] },
    properties: { tags: [meta.group] },
  };
}

function fileResults(result: FileResult, context: ReporterContext, ruleIndex: Map<string, number>): Sarif.Result[] {
  const uri = relativeUri(context.cwd, result.filePath);
  // Identical findings (same rule, section and text) get an occurrence number so each keeps its own alert.
  const occurrences = new Map<string, number>();
  return result.findings.map((finding) => {
    const hash = sha256Hex(fingerprintSource(finding, uri));
    const occurrence = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, occurrence);
    const sarifResult: Sarif.Result = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: SARIF_LEVEL[finding.level],
      message: { text: finding.message },
      locations: [location(context.cwd, result.filePath, finding.location, finding.section)],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
    };
    if (finding.related?.length) {
      sarifResult.relatedLocations = finding.related.map((related, index) => relatedLocation(context.cwd, result.filePath, related, index));
    }
    return sarifResult;
  });
}

/**
 * What identifies a finding across runs: where it is by meaning (file, section), what it says
 * (rule, message id) and about which text. Line numbers are left out on purpose: adding a
 * paragraph above must not turn every later finding into a new alert.
 */
export function fingerprintSource(finding: Finding, uri: string): string {
  const excerpt = (finding.excerpt ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return JSON.stringify([finding.ruleId, uri, finding.section, finding.messageId, excerpt]);
}

function artifact(cwd: string, filePath: string): Sarif.ArtifactLocation {
  return { uri: relativeUri(cwd, filePath), uriBaseId: SRCROOT };
}

function location(cwd: string, filePath: string, where: SourceLocation, section: readonly string[]): Sarif.Location {
  const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: artifact(cwd, filePath) };
  if (where.line !== undefined) {
    physicalLocation.region = {
      startLine: where.line,
      startColumn: where.column,
      endLine: where.endLine,
      endColumn: where.endColumn,
    };
  } else {
    // A region needs a line or an offset; Word and PDF give page and paragraph instead.
    const properties = { page: where.page, paragraph: where.paragraph, sectionParagraph: where.sectionParagraph };
    if (Object.values(properties).some((value) => value !== undefined)) physicalLocation.properties = properties;
  }
  const sarifLocation: Sarif.Location = { physicalLocation };
  if (section.length) {
    sarifLocation.logicalLocations = [{ name: section[section.length - 1], fullyQualifiedName: sectionPath(section), kind: 'section' }];
  }
  return sarifLocation;
}

function relatedLocation(cwd: string, filePath: string, related: RelatedLocation, index: number): Sarif.Location {
  const { section = [], ...where } = related.location;
  return { id: index, ...location(cwd, related.file ?? filePath, where, section), message: { text: related.message } };
}
