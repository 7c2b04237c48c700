/**
 * Template sections as data: used by `overview-sections`, `exec-summary-sections` and
 * `terms-of-reference`. A template (a rule's `templates.json`) lists section ids in template order
 * with a status (required / expected / optional / off), a block for order checks, extra heading
 * synonyms and paragraph cues for content written without its own heading. Users override
 * statuses and add synonyms (or whole sections) through rule options.
 */
import type { ReportDocument } from '../../src/model/document.js';
import type { Block, PartKind, Section } from '../../src/model/types.js';
import { normaliseHeading } from '../../src/api/text.js';
import { squash } from './squash.js';

export type Status = 'required' | 'expected' | 'optional' | 'off';
export type TemplateBlock = 'front' | 'intro' | 'process' | 'narrative' | 'analysis' | 'outcomes' | 'appendix';

export const BLOCK_ORDER: readonly TemplateBlock[] = ['front', 'intro', 'process', 'narrative', 'analysis', 'outcomes', 'appendix'];

export const BLOCK_NAMES: Record<TemplateBlock, string> = {
  front: 'the front matter (preface, tribute)',
  intro: 'the introduction',
  process: 'the review process (timescales, terms of reference, methodology, panel)',
  narrative: 'the facts and chronology',
  analysis: 'the analysis',
  outcomes: 'the conclusions, lessons and recommendations',
  appendix: 'the appendices',
};

export interface CueData {
  /** Regular expressions (case-insensitive) tested on paragraph text. */
  patterns: string[];
  /** Where to look: section ids (the section or an ancestor matches) or "front" (text before the first template section). Absent: anywhere in the checked parts. */
  in?: string[];
  /** "silent": content found this way satisfies the section without a finding (an unheaded condolence paragraph is a real variant). */
  accept?: 'silent' | 'info';
}

export interface TemplateEntryData {
  id: string;
  label: string;
  /** What the section should hold, in plain words (used in "add …" messages). */
  what: string;
  status: Status;
  block: TemplateBlock;
  /** May sit anywhere before the appendices (not order-checked). */
  anywhere?: boolean;
  /** Ids whose presence satisfies this one (defaults to the id itself). */
  satisfiedBy?: string[];
  /** Extra heading patterns (regular expressions on the normalised heading). */
  synonyms?: string[];
  /** Heading words with spaces removed, for OCR-split headings ("termsofreference"). */
  compact?: string[];
  cues?: CueData;
  /** Special detection instead of headings. */
  detect?: 'title-page';
  note?: string;
  source: string;
  confidence: string;
}

export interface TemplateData {
  title: string;
  source: string;
  confidence: string;
  sections: TemplateEntryData[];
}

export interface SectionOverride {
  status: Status;
  label?: string;
  what?: string;
  block?: TemplateBlock;
  anywhere?: boolean;
  patterns?: string[];
}

export interface Entry {
  id: string;
  label: string;
  what: string;
  status: Status;
  block: TemplateBlock;
  anywhere: boolean;
  satisfiedBy: string[];
  detect?: 'title-page';
  cues?: { patterns: RegExp[]; in?: string[]; accept: 'silent' | 'info' };
  /** Position in template order. */
  order: number;
}

export interface ResolvedTemplate {
  name: string;
  entries: Entry[];
  byId: Map<string, Entry>;
  /** Heading patterns per id, in addition to the model's `section.templateIds`. */
  synonyms: Map<string, RegExp[]>;
  compact: Map<string, string[]>;
}

function compile(pattern: string, what: string): RegExp {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    throw new Error(`${what}: "${pattern}" is not a valid regular expression`);
  }
}

/**
 * Pick the template (option `template`, else the `guidance` setting when a template of that name
 * exists, else the default) and apply the `sections` and `synonyms` options.
 */
export function resolveTemplate(
  templates: Record<string, TemplateData>,
  defaultName: string,
  options: { template?: string; sections?: Record<string, Status | SectionOverride>; synonyms?: Record<string, string[]> },
  guidance?: string,
): ResolvedTemplate {
  let name = options.template ?? (guidance && templates[guidance] ? guidance : defaultName);
  const data = templates[name];
  if (!data) {
    throw new Error(`option "template": unknown template "${name}" (available: ${Object.keys(templates).join(', ')}); use option "sections" for a local variant`);
  }
  name = options.template ?? name;
  const synonyms = new Map<string, RegExp[]>();
  const compact = new Map<string, string[]>();
  const entries: Entry[] = data.sections.map((s, order) => {
    if (s.synonyms?.length) synonyms.set(s.id, s.synonyms.map((p) => compile(p, `template ${name}, section ${s.id}`)));
    if (s.compact?.length) compact.set(s.id, s.compact);
    return {
      id: s.id,
      label: s.label,
      what: s.what,
      status: s.status,
      block: s.block,
      anywhere: Boolean(s.anywhere),
      satisfiedBy: s.satisfiedBy ?? [s.id],
      detect: s.detect,
      cues: s.cues ? { patterns: s.cues.patterns.map((p) => compile(p, `template ${name}, cues of ${s.id}`)), in: s.cues.in, accept: s.cues.accept ?? 'info' } : undefined,
      order,
    };
  });
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const [id, value] of Object.entries(options.sections ?? {})) {
    const override: SectionOverride = typeof value === 'string' ? { status: value } : value;
    let entry = byId.get(id);
    if (!entry) {
      // A section the template does not know: a local variant (e.g. a "Scoping review" section).
      entry = {
        id,
        label: override.label ?? id,
        what: override.what ?? 'the content your template asks for',
        status: override.status,
        block: override.block ?? 'process',
        anywhere: override.anywhere ?? !override.block,
        satisfiedBy: [id],
        order: entries.length,
      };
      // Placed after the last section of its block, so "add it after …" names a sensible neighbour.
      const blockIndex = BLOCK_ORDER.indexOf(entry.block);
      let at = entries.length;
      for (let i = entries.length - 1; i >= 0; i--) {
        if (BLOCK_ORDER.indexOf(entries[i]!.block) <= blockIndex) {
          at = i + 1;
          break;
        }
        at = i;
      }
      entries.splice(at, 0, entry);
      entries.forEach((e, i) => (e.order = i));
      byId.set(id, entry);
    }
    entry.status = override.status;
    if (override.label) entry.label = override.label;
    if (override.what) entry.what = override.what;
    if (override.block) entry.block = override.block;
    if (override.anywhere !== undefined) entry.anywhere = override.anywhere;
    if (override.patterns?.length) {
      synonyms.set(id, [...(synonyms.get(id) ?? []), ...override.patterns.map((p) => compile(p, `option "sections", ${id}`))]);
    }
  }
  for (const [id, patterns] of Object.entries(options.synonyms ?? {})) {
    synonyms.set(id, [...(synonyms.get(id) ?? []), ...patterns.map((p) => compile(p, `option "synonyms", ${id}`))]);
  }
  return { name, entries, byId, synonyms, compact };
}

/** JSON schema pieces shared by the rules' option schemas. */
export const STATUS_SCHEMA = { enum: ['required', 'expected', 'optional', 'off'] };
export const SECTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: {
    anyOf: [
      STATUS_SCHEMA,
      {
        type: 'object',
        additionalProperties: false,
        required: ['status'],
        properties: {
          status: STATUS_SCHEMA,
          label: { type: 'string', minLength: 1 },
          what: { type: 'string', minLength: 1 },
          block: { enum: [...BLOCK_ORDER] },
          anywhere: { type: 'boolean' },
          patterns: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    ],
  },
};
export const SYNONYMS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
};

const SPLIT = /\s+(?:and|&)\s+|\s*[/–—,]\s*|\s+-\s+/i;

/** Template ids of a section: the model's ids plus the rule's synonyms and OCR-tolerant compact matches. */
export function sectionIds(section: Section, template: Pick<ResolvedTemplate, 'synonyms' | 'compact'>): string[] {
  if (section.level === 0) return [];
  const ids = new Set(section.templateIds);
  const whole = normaliseHeading(section.title);
  if (!whole) return [...ids];
  const pieces = [whole, ...section.title.split(SPLIT).map(normaliseHeading).filter((p) => p && p !== whole)];
  for (const [id, patterns] of template.synonyms) {
    if (ids.has(id)) continue;
    if (pieces.some((p) => patterns.some((re) => re.test(p)))) ids.add(id);
  }
  if (ids.size === 0 && whole.length <= 60) {
    // OCR splits words ("Terms of Refer ence"): compare without spaces.
    const squashed = whole.replace(/[^a-z]/g, '');
    for (const [id, words] of template.compact) if (words.some((w) => squashed.includes(w))) ids.add(id);
  }
  return [...ids];
}

const EMPTY_TEXT = /^\s*(?:n\/?a|none|nil|not applicable|tbc|tba|to follow|to be (?:added|confirmed|completed)|-+|–|—|\.+)\s*\.?\s*$/i;

/** Blocks of a section (subsections included) that carry real text. */
export function contentBlocks(doc: ReportDocument, section: Section): Block[] {
  return doc.blocksOf(section).filter((b) => b.kind !== 'heading' && b.text.trim().length > 0 && !EMPTY_TEXT.test(b.text));
}

export function hasContent(doc: ReportDocument, section: Section, minParagraphs: number): boolean {
  return contentBlocks(doc, section).length >= Math.max(1, minParagraphs);
}

/** `"4 Terms of Reference"`: a section as an author sees it. */
export function sectionName(doc: ReportDocument, section: Section): string {
  return `"${doc.sectionLabel(section)}"`;
}

/** Sections of the given part kinds, outside the contents list. */
export function sectionsInParts(doc: ReportDocument, kinds: readonly PartKind[]): Section[] {
  return doc.sections.filter((s) => s.level > 0 && kinds.includes(s.part.kind) && !doc.isWithin(s, 'contents'));
}

/** Does a block sit under a section (or ancestor) carrying one of the ids, by the given id function? */
export function blockWithin(block: Block, ids: readonly string[], idsOf: (s: Section) => string[]): boolean {
  for (let s: Section | undefined = block.section; s && s.level > 0; s = s.parent) if (idsOf(s).some((id) => ids.includes(id))) return true;
  return false;
}

/**
 * Indices of a longest non-decreasing subsequence of `values`: the sections that are in order.
 * Everything else is out of order.
 */
export function longestOrdered(values: number[]): Set<number> {
  const n = values.length;
  const tails: number[] = []; // index of the last element of the best run of each length
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! <= values[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

const REVIEW_WORDS =
  /\b(domestic homicide review|dhr|ohr|domestic abuse related death review|dardr|single unified safeguarding review|susr|overview report|executive summary|into the death of|in respect of the death of|community safety partnership)\b/i;

/** A title page: review-type words in the text before the first section, the title heading or the running headers. */
export function hasTitlePage(doc: ReportDocument): boolean {
  const firstBody = doc.sections.find((s) => s.level > 0 && s !== doc.titleSection);
  const limit = Math.min(firstBody?.start ?? doc.blocks.length, 60);
  const texts = doc.blocks.slice(0, Math.max(limit, 1)).map((b) => b.text);
  if (doc.titleSection) texts.push(doc.titleSection.title);
  texts.push(...(doc.furniture?.headers ?? []), ...(doc.furniture?.footers ?? []));
  return texts.some((t) => REVIEW_WORDS.test(t));
}

const APPENDIX_TITLE = /^(appendix|appendices|annexe?s?)\b/i;

/** True inside an appendix: an appendix part, or under a heading "Appendix …" / "Appendices". */
export function inAppendix(section: Section): boolean {
  if (section.part.kind === 'appendix') return true;
  for (let s: Section | undefined = section; s && s.level > 0; s = s.parent) {
    if (APPENDIX_TITLE.test(s.number ?? '') || APPENDIX_TITLE.test(s.title)) return true;
  }
  return false;
}

export interface EntryState {
  entry: Entry;
  /** Sections (in scope) carrying one of the entry's `satisfiedBy` ids. */
  sections: Section[];
  /** Those with enough text. */
  withContent: Section[];
}

/**
 * Presence of template sections inside a scope (a set of sections: the overview part and its
 * appendices, or the executive summary), with content, cue and "where should it go" helpers.
 */
export class TemplateCheck {
  private readonly ids = new Map<number, string[]>();
  private readonly scopeSet: Set<Section>;
  readonly byId = new Map<string, Section[]>();

  constructor(
    readonly doc: ReportDocument,
    readonly template: ResolvedTemplate,
    /** Sections in scope, in document order. */
    readonly scope: Section[],
    readonly minParagraphs: number,
    /** Whether the document's front matter (title block) belongs to this scope. */
    readonly ownsFront: boolean,
  ) {
    this.scopeSet = new Set(scope);
    for (const s of scope) {
      for (const id of this.idsOf(s)) {
        const list = this.byId.get(id) ?? [];
        list.push(s);
        this.byId.set(id, list);
      }
    }
  }

  idsOf(section: Section): string[] {
    let ids = this.ids.get(section.index);
    if (!ids) {
      // A title-page heading ("DOMESTIC HOMICIDE REVIEW") is not an Introduction.
      ids = isTitleHeading(this.doc, section) ? [] : sectionIds(section, this.template);
      this.ids.set(section.index, ids);
    }
    return ids;
  }

  /** Outermost sections only: a "1.2 Purpose of the review" under "1 Introduction" is not a second introduction. */
  isNested(section: Section): boolean {
    for (let p = section.parent; p && p.level > 0; p = p.parent) if (this.idsOf(p).length) return true;
    return false;
  }

  state(entry: Entry): EntryState {
    const seen = new Set<Section>();
    for (const id of entry.satisfiedBy) for (const s of this.byId.get(id) ?? []) seen.add(s);
    const sections = [...seen].sort((a, b) => a.start - b.start);
    return { entry, sections, withContent: sections.filter((s) => hasContent(this.doc, s, this.minParagraphs)) };
  }

  /** The section that stands for an entry (its own id first), for "add it after …" and order checks. */
  located(entry: Entry): Section | undefined {
    const own = (this.byId.get(entry.id) ?? []).filter((s) => hasContent(this.doc, s, this.minParagraphs));
    if (own.length) return own[0];
    return this.state(entry).withContent[0];
  }

  /** Where a missing entry belongs: after the nearest earlier template section present, else before the next. */
  where(entry: Entry): { text: string; section?: Section } {
    const entries = this.template.entries;
    const usable = (e: Entry): boolean => !e.detect && e.id !== entry.id && e.block !== 'appendix';
    // A section that may sit anywhere is a neighbour only where it is a section of its own.
    const place = (e: Entry): Section | undefined => {
      const s = this.located(e);
      return s && (!e.anywhere || !this.isNested(s)) ? s : undefined;
    };
    let next: Section | undefined;
    for (let i = entry.order + 1; i < entries.length && !next; i++) next = usable(entries[i]!) ? place(entries[i]!) : undefined;
    // The nearest earlier section that is itself in place: "15 Terms of Reference" after the analysis is a poor landmark.
    let previous: Section | undefined;
    for (let i = entry.order - 1; i >= 0 && !previous; i--) {
      const s = usable(entries[i]!) ? place(entries[i]!) : undefined;
      if (s && (!next || s.start < next.start)) previous = s;
    }
    if (previous) return { text: `after ${sectionName(this.doc, previous)}`, section: previous };
    if (next) return { text: `before ${sectionName(this.doc, next)}`, section: next };
    return { text: 'in the main text' };
  }

  /** Blocks of the scope (and of the front matter when the scope owns it), headings and tables left out. */
  scopeBlocks(): Block[] {
    return this.doc.blocks.filter((b) => {
      if (b.kind === 'heading' || b.kind === 'table' || b.kind === 'code') return false;
      if (this.scopeSet.has(b.section)) return true;
      return this.ownsFront && (b.section.level === 0 || b.section === this.doc.titleSection);
    });
  }

  private isFront(block: Block): boolean {
    if (block.section.level === 0 || block.section === this.doc.titleSection) return true;
    const firstWithId = this.scope.find((s) => this.idsOf(s).some((id) => this.template.byId.get(id)?.block !== 'front'));
    return firstWithId !== undefined && block.index < firstWithId.start;
  }

  /** First paragraph that carries the entry's content without its heading (phrase cues). */
  findCue(entry: Entry, blocks: Block[] = this.scopeBlocks()): Block | undefined {
    const cues = entry.cues;
    if (!cues) return undefined;
    for (const b of blocks) {
      if (this.doc.isWithin(b.section, 'contents') || this.doc.isWithin(b.section, 'glossary')) continue;
      if (cues.in) {
        const ids = cues.in.filter((i) => i !== 'front');
        const ok = (cues.in.includes('front') && this.isFront(b)) || (ids.length > 0 && blockWithin(b, ids, (s) => this.idsOf(s)));
        if (!ok) continue;
      }
      const text = squash(b.text);
      if (cues.patterns.some((re) => re.test(text))) return b;
    }
    return undefined;
  }
}

/**
 * A heading that belongs to the title page ("DOMESTIC HOMICIDE REVIEW", "Overview Report"), not a
 * section: the document's title heading, or review-type words in one of the first headings.
 */
export function isTitleHeading(doc: ReportDocument, section: Section): boolean {
  if (section === doc.titleSection) return true;
  if (section.level === 0 || !REVIEW_WORDS.test(section.title)) return false;
  for (const s of doc.sections) {
    if (s === section) return true;
    if (s.level === 0) continue;
    if (!REVIEW_WORDS.test(s.title) && !/^(table of )?contents$/i.test(s.title.trim())) return false;
  }
  return false;
}

/** How a finding names the place of a paragraph: its section, or the opening text before any heading. */
export function placeOf(doc: ReportDocument, block: Block): string {
  if (block.section.level === 0 || block.section === doc.titleSection) return `the opening text (paragraph ${block.location.paragraph ?? 1})`;
  return sectionName(doc, block.section);
}

/**
 * A file configured as a separate appendix (`settings.documents` kind "appendix"): the model reads
 * it as an overview report, but it is not one. Matched on the configured path's ending, because
 * the rule does not know the config file's folder.
 */
export function isSeparateAppendix(doc: ReportDocument, documents: readonly { path: string; kind: string }[]): boolean {
  const file = doc.file.replace(/\\/g, '/');
  return documents.some((d) => {
    if (d.kind !== 'appendix') return false;
    const path = d.path.replace(/\\/g, '/').replace(/^\.\//, '');
    return file === path || file.endsWith(`/${path}`);
  });
}
