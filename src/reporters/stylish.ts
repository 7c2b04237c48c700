/**
 * The default, human-readable report, modelled on ESLint's "stylish": findings grouped by file
 * and then by section, one aligned line each, then a summary line.
 *
 *   reports/overview.md
 *     4 Terms of Reference
 *       ¶3  12:5  error    Template text "[insert name]" left in   template-residue  https://…
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 info)
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, FileResult } from '../engine/finding.js';
import type { Level } from '../model/types.js';
import type { Reporter } from './types.js';
import { displayPath } from './paths.js';
import { byPosition, countAll, paragraphLabel, sectionPath, type Counts } from './summary.js';

const LEVEL_LABEL: Record<Level, string> = { error: 'error', warn: 'warning', info: 'info' };
/** Header of findings that belong to no section (before the first heading, or the whole document). */
const NO_SECTION = '(document)';

export const stylish: Reporter = (results, context) => {
  // Level 0 prints plain text; the CLI alone decides colour (TTY, NO_COLOR, FORCE_COLOR).
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const blocks: string[] = [];
  for (const result of results) {
    if (result.fatal === undefined && result.findings.length === 0) continue;
    blocks.push(formatFile(result, displayPath(context.cwd, result.filePath), chalk, context.cwd));
  }
  const summary = formatSummary(countAll(results), context.maxWarnings, chalk);
  if (summary) blocks.push(summary);
  return blocks.length ? `\n${blocks.join('\n\n')}\n` : '';
};

function relatedLabel(related: NonNullable<Finding['related']>[number], cwd: string): string {
  const { location } = related;
  const where = [
    related.file ? displayPath(cwd, related.file) : '',
    location.section?.length ? sectionPath(location.section) : '',
    location.line !== undefined ? `line ${location.line}` : location.page !== undefined ? `p.${location.page}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${oneLine(related.message)} (${where})` : oneLine(related.message);
}

function formatFile(result: FileResult, path: string, chalk: ChalkInstance, cwd: string): string {
  const lines = [chalk.underline(path)];
  if (result.fatal !== undefined) lines.push(`  ${chalk.red('fatal')}  ${oneLine(result.fatal)}`);

  const findings = [...result.findings].sort(byPosition);
  const rows = findings.map((finding) => cells(finding));
  const widths = columnWidths(rows);
  const bySection = new Map<string, string[]>();
  findings.forEach((finding, i) => {
    const header = sectionPath(finding.section) || NO_SECTION;
    const row = rows[i]!;
    const line = [
      row.paragraph.padEnd(widths.paragraph),
      row.position.padEnd(widths.position),
      paint(finding.level, row.level.padEnd(widths.level), chalk),
      row.message.padEnd(widths.message),
      chalk.dim(row.ruleId.padEnd(widths.ruleId)),
      chalk.dim(row.docsUrl),
    ].join('  ');
    const group = bySection.get(header) ?? [];
    group.push(`    ${line.trimEnd()}`);
    // The other place a finding is about (the summary's version of a recommendation, the first use of a number).
    for (const related of finding.related ?? []) group.push(chalk.dim(`      ↳ ${relatedLabel(related, cwd)}`));
    bySection.set(header, group);
  });
  for (const [header, group] of bySection) lines.push(`  ${chalk.bold(header)}`, ...group);
  return lines.join('\n');
}

interface Cells {
  paragraph: string;
  position: string;
  level: string;
  message: string;
  ruleId: string;
  docsUrl: string;
}

/** Plain text of each column: widths are measured before colour codes are added. */
function cells(finding: Finding): Cells {
  const { line, column, page } = finding.location;
  let position = '';
  if (line !== undefined) position = column !== undefined ? `${line}:${column}` : `${line}`;
  else if (page !== undefined) position = `p.${page}`;
  return {
    // Under its section header, "¶3" reads as "4 Terms of Reference › ¶3".
    paragraph: paragraphLabel(finding),
    position,
    level: LEVEL_LABEL[finding.level],
    message: oneLine(finding.message),
    ruleId: finding.ruleId,
    docsUrl: finding.docsUrl,
  };
}

function columnWidths(rows: Cells[]): Record<keyof Cells, number> {
  const width = (key: keyof Cells) => Math.max(0, ...rows.map((row) => row[key].length));
  return {
    paragraph: width('paragraph'),
    position: width('position'),
    level: width('level'),
    message: width('message'),
    ruleId: width('ruleId'),
    docsUrl: 0,
  };
}

function paint(level: Level, text: string, chalk: ChalkInstance): string {
  if (level === 'error') return chalk.red(text);
  if (level === 'warn') return chalk.yellow(text);
  return chalk.blue(text);
}

function formatSummary(counts: Counts, maxWarnings: number | undefined, chalk: ChalkInstance): string {
  const problems = counts.errors + counts.warnings + counts.infos;
  const lines: string[] = [];
  const suppressed = counts.suppressed ? `, ${counts.suppressed} suppressed by directives` : '';
  if (problems > 0) {
    const colour = counts.errors ? chalk.red : counts.warnings ? chalk.yellow : chalk.blue;
    const detail = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info`;
    lines.push(colour.bold(`✖ ${plural(problems, 'problem')} (${detail})${suppressed}`));
  } else if (counts.suppressed) {
    lines.push(chalk.green.bold(`✔ No problems${suppressed}`));
  }
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
    lines.push(chalk.red.bold(`✖ Too many warnings: ${counts.warnings} (maximum: ${maxWarnings}).`));
  }
  return lines.join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One finding, one line: a message with a line break would break the columns. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
