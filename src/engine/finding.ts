import type { Level, SourceLocation } from '../model/types.js';
import type { RelatedLocation, Suggestion } from '../api/rule.js';

/** One finding, as every reporter receives it. */
export interface Finding {
  ruleId: string;
  messageId: string;
  level: Level;
  message: string;
  location: SourceLocation;
  /** Section path from the outermost heading ("4 Terms of Reference", "4.2 Scope"). */
  section: string[];
  /** Template id of the innermost section with one, if any. */
  sectionId?: string;
  /** A short extract of the text the finding is about (masked when sensitive). */
  excerpt?: string;
  suggestions?: Suggestion[];
  related?: RelatedLocation[];
  details?: Record<string, unknown>;
  docsUrl: string;
}

/** Everything known about one input after linting it. */
export interface FileResult {
  /** Path as given or found (relative to the working directory). */
  filePath: string;
  format?: string;
  findings: Finding[];
  /** Set when the file could not be linted: one line, no stack. */
  fatal?: string;
  /** Findings silenced by directives (counted, for the summary). */
  suppressedCount: number;
  /** Measurements rules published (`context.publish`), by rule id then name. */
  facts?: Record<string, Record<string, unknown>>;
  /** What the reader found, for reporters that show it (no document text beyond headings). */
  outline?: OutlineSummary;
}

/** The document's kind and headings with their template ids: enough for a section checklist. */
export interface OutlineSummary {
  kind: string;
  format: string;
  pages?: number;
  sections: { number?: string; title: string; level: number; sectionIds: string[]; part: string }[];
}
