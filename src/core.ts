/**
 * Lint one document from its bytes: read, build the model, run the rules. No file system, no
 * process: the CLI, the library entry and (later) the browser page all call this.
 */
import type { DocumentKind, Format, ReaderResult } from './model/types.js';
import { ReportDocument } from './model/document.js';
import { readBytes, ReadError } from './readers/index.js';
import { byKey, compareFindings, lintDocument, lintReview, type RuleShard } from './engine/lint.js';
import { groupReviews } from './review/group.js';
import { createRedactor } from './privacy/personal-data.js';
import { assertNesting } from './model/limits.js';
import type { ResolvedConfig } from './config/resolve.js';
import type { FileResult, OutlineSummary } from './engine/finding.js';

export interface LintBytesOptions {
  filePath: string;
  format: Format;
  config: ResolvedConfig;
  kind?: DocumentKind;
  redact?: (text: string) => string;
}

export type Reader = (bytes: Uint8Array, format: Format) => Promise<ReaderResult>;

export async function readDocument(
  bytes: Uint8Array,
  filePath: string,
  format: Format,
  kind?: DocumentKind,
  read: Reader = readBytes,
): Promise<ReportDocument> {
  const result = await read(bytes, format);
  assertNesting(result.tree);
  return new ReportDocument({ ...result, file: filePath, format, kind });
}

/** Headings and their template ids (no body text): for checklists in reporters. */
export function outlineSummary(doc: ReportDocument): OutlineSummary {
  return {
    kind: doc.kind,
    format: doc.format,
    pages: doc.pages,
    sections: doc.sections.slice(1).map((s) => ({ number: s.number, title: s.title, level: s.level, sectionIds: s.templateIds, part: s.part.kind })),
  };
}

export async function lintBytes(bytes: Uint8Array, options: LintBytesOptions): Promise<{ result: FileResult; document?: ReportDocument }> {
  const { filePath, format, config } = options;
  let document: ReportDocument;
  try {
    document = await readDocument(bytes, filePath, format, options.kind);
  } catch (error) {
    if (error instanceof ReadError) return { result: { filePath, format, findings: [], fatal: error.message, suppressedCount: 0 } };
    throw error;
  }
  const { findings, suppressedCount, facts } = lintDocument(document, {
    rules: config.rules,
    settings: config.settings,
    mode: config.mode,
    redact: options.redact,
  });
  return { result: { filePath, format, findings, suppressedCount, ...(Object.keys(facts).length ? { facts } : {}), outline: outlineSummary(document) }, document };
}

/** A document read and configured, waiting to be linted with the others of its review. */
export interface LoadedDocument {
  filePath: string;
  document: ReportDocument;
  config: ResolvedConfig;
  /** Files that configuration pairs (settings.documents) share a group key. */
  group?: string;
}

/**
 * Lint documents as reviews: documents of one review are checked together, so rules comparing the
 * executive summary with the overview see both. Results come back in the order given.
 */
export function lintDocuments(loaded: LoadedDocument[], options: { redact?: boolean; shard?: RuleShard } = {}): FileResult[] {
  const byDocument = new Map(loaded.map((l) => [l.document, l]));
  // One redactor per configuration (real names come from each file's settings).
  const redactors = new Map<ResolvedConfig, (text: string) => string>();
  const redactFor = (config: ResolvedConfig): ((text: string) => string) | undefined => {
    if (!options.redact) return undefined;
    if (!redactors.has(config)) redactors.set(config, createRedactor(config.settings.realNames));
    return redactors.get(config);
  };
  const results = new Map<ReportDocument, FileResult>();
  for (const review of groupReviews(loaded.map((l) => ({ path: l.filePath, document: l.document, group: l.group })))) {
    const lints = lintReview(review, (doc) => {
      const { config } = byDocument.get(doc)!;
      return { rules: config.rules, settings: config.settings, mode: config.mode, redact: redactFor(config) };
    }, options.shard);
    for (const [doc, lint] of lints) {
      const { filePath } = byDocument.get(doc)!;
      results.set(doc, {
        filePath,
        format: doc.format,
        findings: lint.findings,
        suppressedCount: lint.suppressedCount,
        ...(Object.keys(lint.facts).length ? { facts: lint.facts } : {}),
        outline: outlineSummary(doc),
      });
    }
  }
  return loaded.map((l) => results.get(l.document)!);
}

/** One file's results from every share of the rules, as if one thread had run them all. */
export function mergeShares(shares: FileResult[]): FileResult {
  const [first, ...rest] = shares;
  if (rest.length === 0 || first!.fatal !== undefined) return first!;
  const facts = byKey(Object.assign({}, ...shares.map((s) => s.facts ?? {})) as NonNullable<FileResult['facts']>);
  return {
    ...first!,
    findings: shares.flatMap((s) => s.findings).sort(compareFindings),
    suppressedCount: shares.reduce((n, s) => n + s.suppressedCount, 0),
    ...(Object.keys(facts).length ? { facts } : {}),
  };
}
