/** Match headings to the canonical section ids of TEMPLATES.md, by meaning rather than exact text. */
import data from './data/sections.json' with { type: 'json' };

export type TemplateBlock = 'front' | 'intro' | 'process' | 'narrative' | 'analysis' | 'outcomes' | 'appendix';

export interface TemplateSection {
  id: string;
  block: TemplateBlock;
  /** Only meaningful inside an executive summary. */
  summaryOnly?: boolean;
  /** May sit anywhere before the appendices (TEMPLATES.md §4). */
  anywhere?: boolean;
  patterns: RegExp[];
}

export const TEMPLATE_SECTIONS: readonly TemplateSection[] = data.sections.map((s) => ({
  id: s.id,
  block: s.block as TemplateBlock,
  summaryOnly: (s as { summaryOnly?: boolean }).summaryOnly,
  anywhere: (s as { anywhere?: boolean }).anywhere,
  patterns: s.patterns.map((p) => new RegExp(p, 'i')),
}));

const BY_ID = new Map(TEMPLATE_SECTIONS.map((s) => [s.id, s]));

export function templateSection(id: string): TemplateSection | undefined {
  return BY_ID.get(id);
}

/** Fold a heading to the form the patterns are written for. */
export function normaliseHeading(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\bohr\b/g, 'dhr') // OCR noise seen in published PDFs (TEMPLATES.md §4)
    .replace(/&/g, ' and ')
    .replace(/\blearnt\b/g, 'learned')
    .replace(/[’'`]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function matchOne(normalised: string, summary: boolean): string[] {
  const ids: string[] = [];
  for (const section of TEMPLATE_SECTIONS) {
    if (section.summaryOnly && !summary) continue;
    if (section.patterns.some((p) => p.test(normalised))) ids.push(section.id);
  }
  return ids;
}

/**
 * Template ids a heading satisfies. Combined headings ("Conclusions and Recommendations",
 * "Review process and timescales") satisfy each of their parts.
 */
export function matchTemplateIds(title: string, options: { summary?: boolean } = {}): string[] {
  const summary = options.summary ?? false;
  const whole = normaliseHeading(title);
  if (!whole) return [];
  const ids = new Set(matchOne(whole, summary));
  const pieces = title.split(/\s+(?:and|&)\s+|\s*[/–—]\s*|\s+-\s+/i);
  if (pieces.length > 1) {
    for (const piece of pieces) for (const id of matchOne(normaliseHeading(piece), summary)) ids.add(id);
  }
  // The broad "chronology" pattern should not also claim "Summary of chronology" in a summary twice.
  if (ids.has('summary-chronology')) ids.delete('chronology');
  // "Terms of reference" inside an action-plan heading etc. is rare; a QA-letter heading is not a plan.
  if (ids.has('qa-letter')) ids.delete('recommendations');
  return [...ids];
}
