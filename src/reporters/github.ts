/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request
 * ("::warning file=…,line=…::message"). Word and PDF findings have no line, so their section
 * and page go into the message instead.
 */
import type { Finding } from '../engine/finding.js';
import type { Level } from '../model/types.js';
import type { Reporter } from './types.js';
import { portablePath } from './paths.js';
import { pageAndParagraph, sectionPath } from './summary.js';

const COMMAND: Record<Level, string> = { error: 'error', warn: 'warning', info: 'notice' };

export const github: Reporter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = portablePath(context.cwd, result.filePath);
    if (result.fatal !== undefined) lines.push(command('error', { file }, result.fatal));
    for (const finding of result.findings) lines.push(annotation(finding, file));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};

function annotation(finding: Finding, file: string): string {
  const { line, column, endLine, endColumn } = finding.location;
  if (line === undefined) {
    return command(COMMAND[finding.level], { file, title: finding.ruleId }, `${where(finding)}${finding.message}`);
  }
  const properties = { file, line, col: column, endLine, endColumn, title: finding.ruleId };
  return command(COMMAND[finding.level], properties, finding.message);
}

/** "4 Terms of Reference › p.12 ¶3: " — the place a reader of the annotation has to look. */
function where(finding: Finding): string {
  const place = [sectionPath(finding.section), pageAndParagraph(finding)].filter(Boolean).join(' › ');
  return place ? `${place}: ` : '';
}

function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name} ${list}::${escapeData(message)}`;
}

/** As in @actions/core: "%" first, so the escapes themselves are not escaped again. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
