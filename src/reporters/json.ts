/**
 * Machine-readable output in ESLint's JSON shape (an array of file results), so tools that read
 * `eslint --format json` read it too; dhr-lint's own fields sit beside ESLint's. Unknown
 * locations are left out rather than zeroed (as ESLint leaves out `endLine`).
 */
import type { Finding, FileResult } from '../engine/finding.js';
import type { RelatedLocation, Suggestion } from '../api/rule.js';
import type { Level } from '../model/types.js';
import type { Reporter, ReporterContext } from './types.js';
import { absolutePath } from './paths.js';
import { countFile } from './summary.js';

/** ESLint's output is a bare array, so the version of this shape is stated on every file object. */
export const JSON_FORMAT_VERSION = 1 as const;

export interface JsonMessage {
  /** null for a file that could not be linted. */
  ruleId: string | null;
  severity: 1 | 2;
  level: Level;
  message: string;
  messageId?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  section: string[];
  sectionId?: string;
  paragraph?: number;
  sectionParagraph?: number;
  page?: number;
  excerpt?: string;
  suggestions?: Suggestion[];
  related?: RelatedLocation[];
  details?: Record<string, unknown>;
  docsUrl?: string;
  fatal?: true;
}

export interface JsonFileResult {
  dhrLintJsonVersion: typeof JSON_FORMAT_VERSION;
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  fixableErrorCount: 0;
  fixableWarningCount: 0;
  suppressedCount: number;
  /** Figures rules published (e.g. agency-balance sector shares), by rule id. */
  facts?: Record<string, Record<string, unknown>>;
}

/** ESLint has no "info": it is reported as 1, like a warning; `level` tells them apart. */
const SEVERITY: Record<Level, 1 | 2> = { error: 2, warn: 1, info: 1 };

export const json: Reporter = (results, context) => {
  // One compact line per file: valid JSON, small, and still readable in a diff.
  const files = results.map((result) => JSON.stringify(fileObject(result, context)));
  return `[${files.join(',\n')}]\n`;
};

function fileObject(result: FileResult, context: ReporterContext): JsonFileResult {
  const counts = countFile(result);
  const messages = result.fatal !== undefined ? [fatalMessage(result.fatal)] : [];
  messages.push(...result.findings.map(message));
  return {
    dhrLintJsonVersion: JSON_FORMAT_VERSION,
    filePath: absolutePath(context.cwd, result.filePath),
    messages,
    errorCount: counts.errors,
    warningCount: counts.warnings,
    infoCount: counts.infos,
    fatalErrorCount: counts.fatals,
    // dhr-lint never fixes a report; present because ESLint consumers expect them.
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    suppressedCount: counts.suppressed,
    ...(result.facts ? { facts: result.facts } : {}),
  };
}

function message(finding: Finding): JsonMessage {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    severity: SEVERITY[finding.level],
    level: finding.level,
    message: finding.message,
    messageId: finding.messageId,
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
    section: finding.section,
    sectionId: finding.sectionId,
    paragraph: location.paragraph,
    sectionParagraph: location.sectionParagraph,
    page: location.page,
    excerpt: finding.excerpt,
    suggestions: finding.suggestions,
    related: finding.related,
    details: finding.details,
    docsUrl: finding.docsUrl,
  };
}

function fatalMessage(reason: string): JsonMessage {
  return { ruleId: null, fatal: true, severity: 2, level: 'error', message: reason, section: [] };
}
