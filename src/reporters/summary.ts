/** Counting and ordering shared by the reporters. */
import type { Finding, FileResult } from '../engine/finding.js';
import type { SourceLocation } from '../model/types.js';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  /** Files that could not be linted; each also counts as one error (as in ESLint). */
  fatals: number;
  suppressed: number;
}

export function countFile(result: FileResult): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, fatals: 0, suppressed: result.suppressedCount };
  if (result.fatal !== undefined) {
    counts.fatals = 1;
    counts.errors = 1;
  }
  for (const finding of result.findings) {
    if (finding.level === 'error') counts.errors++;
    else if (finding.level === 'warn') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

export function countAll(results: FileResult[]): Counts {
  const total: Counts = { errors: 0, warnings: 0, infos: 0, fatals: 0, suppressed: 0 };
  for (const result of results) {
    const counts = countFile(result);
    total.errors += counts.errors;
    total.warnings += counts.warnings;
    total.infos += counts.infos;
    total.fatals += counts.fatals;
    total.suppressed += counts.suppressed;
  }
  return total;
}

/** Section path as printed: "4 Terms of Reference › 4.2 Scope". */
export function sectionPath(section: readonly string[]): string {
  return section.join(' › ');
}

/**
 * The "¶N" to print after a section path: the paragraph within that section. Outside any section
 * the document-wide number is the useful one; inside one it would be misread as a section count.
 */
export function paragraphLabel(finding: Finding): string {
  const { sectionParagraph, paragraph } = finding.location;
  const number = finding.section.length ? sectionParagraph : (sectionParagraph ?? paragraph);
  return number !== undefined ? `¶${number}` : '';
}

/** Page and paragraph of a finding without line numbers: "p.12 ¶3". */
export function pageAndParagraph(finding: Finding): string {
  const page = finding.location.page !== undefined ? `p.${finding.location.page}` : '';
  return [page, paragraphLabel(finding)].filter(Boolean).join(' ');
}

/**
 * Document order. Formats know different things (line for text, paragraph for Word, page for
 * PDF), so compare on the most precise field both findings have; findings with no location at
 * all (about the whole document) come first.
 */
export function byPosition(a: Finding, b: Finding): number {
  const x = a.location;
  const y = b.location;
  if (x.line !== undefined && y.line !== undefined) return x.line - y.line || (x.column ?? 0) - (y.column ?? 0);
  if (x.paragraph !== undefined && y.paragraph !== undefined) return x.paragraph - y.paragraph;
  if (x.page !== undefined && y.page !== undefined) return x.page - y.page;
  return knownFields(x) - knownFields(y);
}

function knownFields(location: SourceLocation): number {
  return Object.values(location).filter((value) => value !== undefined).length;
}
