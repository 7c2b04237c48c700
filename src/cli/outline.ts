/** `--outline`: what the reader saw, so users can check it before trusting the findings. */
import type { ReportDocument } from '../model/document.js';

export interface OutlineEntry {
  number: string | null;
  title: string;
  level: number;
  sectionIds: string[];
  part: string;
  source: string;
  probable: boolean;
  location: { line?: number; page?: number; paragraph?: number; docxParagraph?: number };
}

export function outlineOf(doc: ReportDocument): OutlineEntry[] {
  return doc.sections.slice(1).map((s) => {
    const h = s.heading!;
    return {
      number: s.number ?? null,
      title: s.title,
      level: s.level,
      sectionIds: s.templateIds,
      part: s.part.kind,
      source: h.data.headingSource ?? (doc.format === 'markdown' ? 'markdown' : 'unknown'),
      probable: Boolean(h.data.probable),
      location: {
        line: h.location.line,
        page: h.location.page,
        paragraph: doc.blocks.slice(0, h.index).filter((b) => b.kind !== 'heading').length + 1,
        docxParagraph: h.location.docxParagraph,
      },
    };
  });
}

export function formatOutline(doc: ReportDocument, json: boolean): string {
  const entries = outlineOf(doc);
  if (json) {
    return `${JSON.stringify({ file: doc.file, format: doc.format, kind: doc.kind, parts: doc.parts.map((p) => ({ kind: p.kind, title: p.title })), sections: entries }, null, 2)}\n`;
  }
  const lines = [`${doc.file} (${doc.format}, read as ${doc.kind.replace('-', ' ')}): ${entries.length} headings`];
  for (const e of entries) {
    const where = e.location.line !== undefined ? `line ${e.location.line}` : e.location.page !== undefined ? `p.${e.location.page}` : `¶${e.location.paragraph}`;
    const label = `${'  '.repeat(Math.max(0, e.level - 1))}${e.number ? `${e.number} ` : ''}${e.title}`;
    const ids = e.sectionIds.length ? ` [${e.sectionIds.join(', ')}]` : '';
    lines.push(`${label}${ids}  (${e.source}${e.probable ? ', guessed' : ''}; ${where})`);
  }
  if (doc.notes.length) lines.push('', ...doc.notes.map((n) => `note: ${n}`));
  return `${lines.join('\n')}\n`;
}
