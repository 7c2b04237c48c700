/**
 * A review is several documents checked as one: the overview report, the executive summary and the
 * action plan, each a whole file or a part of a file holding several.
 */
import type { Block, Part, PartKind, Section } from '../model/types.js';
import type { ReportDocument } from '../model/document.js';

export type ReviewRole = 'overview' | 'executive-summary' | 'action-plan';

export const REVIEW_ROLES: readonly ReviewRole[] = ['overview', 'executive-summary', 'action-plan'];

/** One role of a review, seen inside the document that holds it. */
export interface ReviewView {
  role: ReviewRole;
  document: ReportDocument;
  /** Block index ranges [start, end) of the document that belong to this role. */
  ranges: { start: number; end: number }[];
  /** True when the role is a part of a file whose main kind is another (a summary inside the overview). */
  embedded: boolean;
  blocks: Block[];
  /** Headed sections that start inside the ranges. */
  sections: Section[];
}

const PART_ROLE: Partial<Record<PartKind, ReviewRole>> = {
  'executive-summary': 'executive-summary',
  'action-plan': 'action-plan',
};

function view(document: ReportDocument, role: ReviewRole, ranges: { start: number; end: number }[], embedded: boolean): ReviewView | undefined {
  const kept = ranges.filter((r) => r.end > r.start);
  if (kept.length === 0) return undefined;
  const inside = (i: number): boolean => kept.some((r) => i >= r.start && i < r.end);
  return {
    role,
    document,
    ranges: kept,
    embedded,
    blocks: document.blocks.filter((b) => inside(b.index)),
    sections: document.sections.filter((s) => s.level > 0 && inside(s.start)),
  };
}

/** The roles one document plays: its own kind (minus embedded parts) and any embedded parts. */
export function viewsOf(document: ReportDocument): ReviewView[] {
  const views: ReviewView[] = [];
  const main: ReviewRole = document.kind === 'executive-summary' || document.kind === 'action-plan' ? document.kind : 'overview';
  const partsOf = (role: ReviewRole): Part[] => document.parts.filter((p) => PART_ROLE[p.kind] === role);
  // The main role covers everything except parts that belong to the summary (an action-plan
  // appendix stays part of the overview too: the overview's numbering and text include it).
  const excluded = main === 'overview' ? partsOf('executive-summary') : [];
  const mainRanges = document.parts.filter((p) => !excluded.includes(p)).map((p) => ({ start: p.start, end: p.end }));
  const mainView = view(document, main, mainRanges.length ? mainRanges : [{ start: 0, end: document.blocks.length }], false);
  if (mainView) views.push(mainView);
  for (const role of REVIEW_ROLES) {
    if (role === main) continue;
    const embedded = view(document, role, partsOf(role).map((p) => ({ start: p.start, end: p.end })), true);
    if (embedded) views.push(embedded);
  }
  return views;
}

export class Review {
  readonly documents: ReportDocument[];
  private readonly views = new Map<ReviewRole, ReviewView>();

  constructor(documents: ReportDocument[]) {
    this.documents = documents;
    // A whole document of a kind wins over a part of another document playing the same role.
    for (const embeddedPass of [false, true]) {
      for (const doc of documents) {
        for (const v of viewsOf(doc)) if (v.embedded === embeddedPass && !this.views.has(v.role)) this.views.set(v.role, v);
      }
    }
  }

  /** The overview, executive summary or action plan of this review, if it was given. */
  get(role: ReviewRole): ReviewView | undefined {
    return this.views.get(role);
  }

  /** The document findings about the review as a whole are attached to. */
  get primary(): ReportDocument {
    return this.get('overview')?.document ?? this.documents[0]!;
  }
}
