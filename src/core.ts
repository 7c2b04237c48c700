/**
 * Lint one document from its bytes: read, build the model, run the rules. No file system, no
 * process: the CLI, the library entry and (later) the browser page all call this.
 */
import type { DocumentKind, Format } from './model/types.js';
import { ReportDocument } from './model/document.js';
import { readBytes, ReadError } from './readers/index.js';
import { lintDocument } from './engine/lint.js';
import type { ResolvedConfig } from './config/resolve.js';
import type { FileResult } from './engine/finding.js';

export interface LintBytesOptions {
  filePath: string;
  format: Format;
  config: ResolvedConfig;
  kind?: DocumentKind;
  redact?: (text: string) => string;
}

export async function readDocument(bytes: Uint8Array, filePath: string, format: Format, kind?: DocumentKind): Promise<ReportDocument> {
  const result = await readBytes(bytes, format);
  return new ReportDocument({ ...result, file: filePath, format, kind });
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
  const { findings, suppressedCount } = lintDocument(document, {
    rules: config.rules,
    settings: config.settings,
    mode: config.mode,
    redact: options.redact,
  });
  return { result: { filePath, format, findings, suppressedCount }, document };
}
