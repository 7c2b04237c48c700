/**
 * Action plans: find the plan's tables (an appendix, a part of the file, or a whole separate
 * action-plan document), put tables split across pages back together, map their columns to the
 * Home Office form (synonym-tolerant), and read their rows with the recommendation each row
 * delivers. Also reads the numbered recommendations of the report. Used by
 * `action-plan-structure` and `action-plan-smart` (shared/domain/ACTION-PLANS.md).
 *
 * Computed once per document (`doc.memo`).
 */
import type { Block, Section, Table } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import data from './action-plan.json' with { type: 'json' };
import { memoByKey } from './memo.js';

export type ColumnId = 'recommendation' | 'scope' | 'action' | 'lead-agency' | 'milestones' | 'target-date' | 'completion-outcome';

export const COLUMN_IDS: readonly ColumnId[] = data.columns.map((c) => c.id as ColumnId);

export interface ColumnInfo {
  id: ColumnId;
  /** Plain-words name used in messages ("lead agency"). */
  label: string;
  /** The Home Office form's header. */
  homeOffice: string;
}

export const COLUMNS: ReadonlyMap<ColumnId, ColumnInfo> = new Map(
  data.columns.map((c) => [c.id as ColumnId, { id: c.id as ColumnId, label: c.label, homeOffice: c.homeOffice }]),
);

/** Fold text for header comparison: lower case, letters and digits only, no spaces or line breaks. */
export function compact(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/#/g, 'hash')
    .replace(/[^a-z0-9]+/g, '');
}

interface Synonym {
  id: ColumnId;
  key: string;
  exact: boolean;
  /** Also heads chronology and contact tables ("Date", "Agency"): not enough on its own outside the plan. */
  generic: boolean;
}

function buildSynonyms(extra: Partial<Record<string, string[]>> = {}): Synonym[] {
  const list: Synonym[] = [];
  for (const c of data.columns) {
    for (const s of c.synonyms) {
      const flags = s as { exact?: boolean; generic?: boolean };
      list.push({ id: c.id as ColumnId, key: compact(s.text), exact: Boolean(flags.exact), generic: Boolean(flags.generic) });
    }
    for (const s of extra[c.id] ?? []) list.push({ id: c.id as ColumnId, key: compact(s), exact: false, generic: false });
  }
  // Longest first: "Action owner" (lead) wins over "Action", "Target completion date" over "Completion date".
  return list.filter((s) => s.key).sort((a, b) => b.key.length - a.key.length);
}

function matchWhole(cell: string, synonyms: Synonym[], strongOnly: boolean): ColumnId | undefined {
  const c = compact(cell);
  if (!c) return undefined;
  for (const s of synonyms) {
    if (c === s.key || (!s.exact && c.startsWith(s.key))) return strongOnly && s.generic ? undefined : s.id;
  }
  return undefined;
}

/** Column ids a header cell names: the whole cell, and each part of a combined header ("Target date / status"). */
export function columnsOfHeader(cell: string, synonyms: Synonym[], strongOnly = false): ColumnId[] {
  const ids = new Set<ColumnId>();
  // Brackets hold explanations ("Scope (i.e. local or regional)"): match on the text before them too.
  const whole = matchWhole(cell, synonyms, strongOnly) ?? matchWhole(cell.replace(/\(.*$/s, ''), synonyms, strongOnly);
  if (whole) ids.add(whole);
  const pieces = cell.split(/\s*[/&+]\s*|\s+and\s+|\s*;\s*/i);
  if (pieces.length > 1) {
    for (const piece of pieces) {
      const id = matchWhole(piece.replace(/\(.*$/s, ''), synonyms, strongOnly);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/** A recommendation as a row of the plan refers to it. */
export interface RecommendationRef {
  /** Normalised number ("3", "1a", "15.10.1"), when the cell carries one. */
  number?: string;
  /** The recommendation's text, when the cell has more than a number. */
  text?: string;
}

export interface PlanRow {
  /** The physical table the row sits in (a plan split across pages has several). */
  table: Table;
  /** Index into `table.rows`; -1 when the row is the table's header row (a continuation table without a header). */
  index: number;
  /** The cells of the row, by column (cells of a combined header count for each column). */
  cells: Partial<Record<ColumnId, string>>;
  /** Text of the whole row. */
  text: string;
  /** Text of cells under headers that name no Home Office column. */
  other: string;
  /** The recommendation this row delivers (from its own cell, a merged cell above, or a label before the table). */
  recommendation?: RecommendationRef;
  /** 1-based position of the row among the rows of the same recommendation. */
  ordinal: number;
  /** How many rows the same recommendation has. */
  siblings: number;
  /** 1-based position among the data rows of its logical table. */
  position: number;
  /** "Action plan, recommendation 3, row 2": how messages name the row. */
  label: string;
}

export interface PlanTable {
  /** Physical tables (one, or several when the plan is split across pages). */
  tables: Table[];
  /** Column ids found in the header. */
  columns: Set<ColumnId>;
  /** Header text per column id (the first cell that named it). */
  headerOf: Partial<Record<ColumnId, string>>;
  /** The header row was recognised (at least one Home Office column named). */
  headerFound: boolean;
  /** Written as label/value pairs ("Action | …" on each line) rather than one row per action. */
  transposed: boolean;
  rows: PlanRow[];
  /** True when the table sits in the action-plan part or section, or the document is an action plan. */
  inPlanArea: boolean;
}

export interface ActionPlan {
  tables: PlanTable[];
  /** Sections that are the action plan (headed "Action plan", or the action-plan part), outermost only. */
  sections: Section[];
  /** The whole document is an action plan. */
  wholeDocument: boolean;
}

const NOT_PLAN_SECTIONS = data.notPlanSections.ids;

/** "Recommendation 3", "Rec 3:", "R3", "DHR recommendation 2." at the start of a text. */
const REC_LABEL =
  /^\s*(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?\s+)?(?:(?:dhr|imr|panel|review|multi[- ]?agency|single[- ]?agency|national|local|regional|csp)\s+)?(?:recommendation|rec\.?)\s*(?:no\.?|number|ref\.?)?\s*[:#.]?\s*(\d{1,3}(?:\.\d{1,3})*(?:\s?\(?[a-z]\)|[a-z])?)(?![\d/])\s*[:.)–—-]?/i;
const R_LABEL = /^\s*R\s?(\d{1,3}(?:\.\d{1,3})*[a-z]?)\b\s*[:.)–—-]?/;
/** A cell that starts with a bare number: "3", "3.", "3a", "3(a)", "15.10.1", "(3)". */
const BARE_NUMBER = /^\s*\(?(\d{1,3}(?:\.\d{1,3})*(?:\s?\(?[a-z]\)|[a-z])?)(?![\d/,])\)?\s*[:.)–—-]?(?:\s|$)/i;

export function normaliseRecNumber(raw: string): string {
  return raw.toLowerCase().replace(/[\s()]/g, '').replace(/\.$/, '');
}

/** Read a recommendation reference from a cell or a label. */
export function parseRecommendationRef(text: string, allowBare = true): RecommendationRef | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || /^[-–—]+$/.test(t)) return undefined;
  const labelled = REC_LABEL.exec(t) ?? R_LABEL.exec(t);
  const m = labelled ?? (allowBare ? BARE_NUMBER.exec(t) : null);
  if (m) {
    const rest = t.slice(m[0].length).trim();
    // A bare leading number followed by a unit is a quantity, not a number ("3 officers").
    if (!labelled && /^(?:%|per\b|months?\b|weeks?\b|days?\b|years?\b)/i.test(rest)) return { text: t };
    return { number: normaliseRecNumber(m[1]!), text: rest.length > 3 ? rest : undefined };
  }
  return { text: t };
}

function recKey(ref: RecommendationRef | undefined): string {
  if (!ref) return '';
  return ref.number ? `#${ref.number}` : `t:${compact(ref.text ?? '').slice(0, 60)}`;
}

function shortQuote(text: string, words = 6): string {
  const w = text.replace(/\s+/g, ' ').trim().split(' ');
  return w.length > words ? `${w.slice(0, words).join(' ')}…` : w.join(' ');
}

function distinctNonEmpty(cells: string[]): string[] {
  return [...new Set(cells.map((c) => c.trim()).filter(Boolean))];
}

/** A row whose cells are all the same text (a merged full-width row): a group label, not an action. */
function isMergedLabel(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim());
  return cells.length > 1 && filled.length > 1 && distinctNonEmpty(cells).length === 1;
}

interface HeaderChoice {
  /** -1 = table.header, 0.. = table.rows[i]. */
  at: number;
  ids: ColumnId[][];
  score: number;
}

function scoreRow(cells: string[], synonyms: Synonym[]): { ids: ColumnId[][]; score: number } {
  const ids = cells.map((c) => columnsOfHeader(c, synonyms));
  return { ids, score: new Set(ids.flat()).size };
}

/** The header row: the best-scoring of the first three rows (a title row may come first). */
function chooseHeader(table: Table, synonyms: Synonym[]): HeaderChoice {
  const candidates: { at: number; cells: string[] }[] = [{ at: -1, cells: table.header }];
  for (let i = 0; i < Math.min(2, table.rows.length); i++) candidates.push({ at: i, cells: table.rows[i]!.cells });
  let best: HeaderChoice = { at: -1, ids: table.header.map(() => []), score: 0 };
  for (const c of candidates) {
    if (isMergedLabel(c.cells) && c.cells.length > 1) continue;
    const { ids, score } = scoreRow(c.cells, synonyms);
    if (score > best.score) best = { at: c.at, ids, score };
  }
  return best;
}

function looksLikePlanHeader(ids: Set<ColumnId>): boolean {
  return (
    (ids.has('action') && (ids.has('lead-agency') || ids.has('target-date'))) ||
    (ids.has('recommendation') && ids.has('lead-agency') && ids.has('target-date'))
  );
}

/** Label/value tables ("Recommendation | …", "Action | …", "Lead agency | …" down the first column). */
function transposedIds(table: Table, synonyms: Synonym[], strongOnly = false): ColumnId[][] | undefined {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.cells.length));
  if (width < 2) return undefined;
  const first = [table.header, ...table.rows.map((r) => r.cells)].map((cells) => columnsOfHeader(cells[0] ?? '', synonyms, strongOnly));
  const distinct = new Set(first.flat());
  if (distinct.size < 3 || !distinct.has('action')) return undefined;
  return first;
}

export interface PlanOptions {
  /** Extra header wordings per column id. */
  synonyms?: Partial<Record<string, string[]>>;
}

function isPlanArea(doc: ReportDocument, section: Section): boolean {
  return doc.kind === 'action-plan' || section.part.kind === 'action-plan' || doc.isWithin(section, 'action-plan');
}

/** Where a table headed only with generic words ("Rec | Action | Agency | Date") is still read as the plan. */
function isRecognitionArea(doc: ReportDocument, section: Section): boolean {
  return isPlanArea(doc, section) || doc.isWithin(section, 'recommendations');
}

function excludedSection(doc: ReportDocument, section: Section): boolean {
  return NOT_PLAN_SECTIONS.some((id) => doc.isWithin(section, id));
}

/** Blocks between two tables that do not break a table split across pages. */
function onlyFurnitureBetween(doc: ReportDocument, a: Table, b: Table): boolean {
  for (let i = a.block.index + 1; i < b.block.index; i++) {
    const block = doc.blocks[i]!;
    if (block.kind === 'heading' || block.kind === 'table') return false;
    // Page numbers, running headers and "continued" notes are short.
    if (doc.wordCount(block) > 12) return false;
  }
  return true;
}

/** A label before a table that names its recommendation ("Recommendation 3: …" as a heading or paragraph). */
function introRecommendation(doc: ReportDocument, table: Table): RecommendationRef | undefined {
  for (let i = table.block.index - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const block = doc.blocks[i]!;
    if (block.kind === 'table') return undefined;
    const text = block.kind === 'heading' ? block.section.title || block.text : block.text;
    const ref = parseRecommendationRef(text, false);
    if (ref?.number) return ref;
    if (block.kind === 'heading') return undefined;
  }
  return undefined;
}

function cellsByColumn(cells: string[], ids: ColumnId[][]): { byColumn: Partial<Record<ColumnId, string>>; text: string; other: string } {
  const parts: Partial<Record<ColumnId, string[]>> = {};
  const other: string[] = [];
  cells.forEach((cell, i) => {
    if (!(ids[i] ?? []).length && cell.trim() && !other.includes(cell.trim())) other.push(cell.trim());
    for (const id of ids[i] ?? []) {
      const list = (parts[id] ??= []);
      // Merged cells arrive repeated: keep each text once.
      if (cell.trim() && !list.includes(cell.trim())) list.push(cell.trim());
    }
  });
  const byColumn: Partial<Record<ColumnId, string>> = {};
  for (const id of COLUMN_IDS) byColumn[id] = (parts[id] ?? []).join(' ');
  return { byColumn, text: distinctNonEmpty(cells).join(' | '), other: other.join(' ') };
}

interface RawRow {
  table: Table;
  index: number;
  cells: string[];
}

function buildPlanTable(
  doc: ReportDocument,
  tables: Table[],
  header: HeaderChoice,
  transposed: ColumnId[][] | undefined,
  inPlanArea: boolean,
  synonyms: Synonym[],
): PlanTable {
  const columns = new Set<ColumnId>();
  const headerOf: Partial<Record<ColumnId, string>> = {};
  const plan: PlanTable = { tables, columns, headerOf, headerFound: false, transposed: Boolean(transposed), rows: [], inPlanArea };
  const pending: { raw: RawRow; byColumn: Partial<Record<ColumnId, string>>; text: string; other: string; intro?: RecommendationRef }[] = [];

  if (transposed) {
    const table = tables[0]!;
    const all = [table.header, ...table.rows.map((r) => r.cells)];
    transposed.forEach((ids, r) => {
      for (const id of ids) {
        columns.add(id);
        headerOf[id] ??= all[r]![0] ?? '';
      }
    });
    plan.headerFound = true;
    const width = Math.max(...all.map((c) => c.length));
    const actionRow = transposed.findIndex((ids) => ids.includes('action'));
    for (let col = 1; col < width; col++) {
      const byColumn: Partial<Record<ColumnId, string>> = {};
      transposed.forEach((ids, r) => {
        for (const id of ids) byColumn[id] = [byColumn[id], all[r]![col] ?? ''].filter(Boolean).join(' ');
      });
      const text = distinctNonEmpty(all.map((c) => c[col] ?? '')).join(' | ');
      if (!text) continue;
      // Findings are reported on the "Action" line of the table (-1: the first line, the header).
      pending.push({ raw: { table, index: actionRow - 1, cells: [] }, byColumn, text, other: '', intro: introRecommendation(doc, table) });
    }
  } else {
    header.ids.forEach((ids, i) => {
      for (const id of ids) {
        columns.add(id);
        headerOf[id] ??= (header.at < 0 ? tables[0]!.header : tables[0]!.rows[header.at]!.cells)[i] ?? '';
      }
    });
    plan.headerFound = header.score > 0;
    const headerKey = compact((header.at < 0 ? tables[0]!.header : tables[0]!.rows[header.at]!.cells).join('|'));
    tables.forEach((table, t) => {
      const intro = introRecommendation(doc, table);
      const raws: RawRow[] = [];
      if (t === 0) {
        for (let i = header.at + 1; i < table.rows.length; i++) raws.push({ table, index: i, cells: table.rows[i]!.cells });
      } else {
        // A continuation: its first row is either the repeated header or already data.
        if (compact(table.header.join('|')) !== headerKey && scoreRow(table.header, synonyms).score < 2) {
          raws.push({ table, index: -1, cells: table.header });
        }
        table.rows.forEach((row, i) => raws.push({ table, index: i, cells: row.cells }));
      }
      for (const raw of raws) {
        if (!raw.cells.some((c) => c.trim())) continue;
        // Header rows repeated on each page.
        if (compact(raw.cells.join('|')) === headerKey) continue;
        const { byColumn, text, other } = cellsByColumn(raw.cells, header.ids);
        pending.push({ raw, byColumn, text, other, intro });
      }
    });
  }

  // Recommendation of each row: its own cell, else the row above (a merged cell), else the table's label.
  let current: RecommendationRef | undefined;
  let currentTable: Table | undefined;
  const kept: { raw: RawRow; byColumn: Partial<Record<ColumnId, string>>; text: string; other: string; rec?: RecommendationRef }[] = [];
  pending.forEach((p, i) => {
    if (p.raw.table !== currentTable) {
      currentTable = p.raw.table;
      if (p.intro) current = p.intro;
    }
    const cells = p.raw.cells;
    if (!transposed && isMergedLabel(cells)) {
      const ref = parseRecommendationRef(cells.find((c) => c.trim()) ?? '', false);
      if (ref?.number) current = ref;
      return;
    }
    const recCell = (p.byColumn.recommendation ?? '').trim();
    const own = recCell ? parseRecommendationRef(recCell) : undefined;
    if (!transposed) {
      const filled = cells.filter((c) => c.trim()).length;
      const actionEmpty = !(p.byColumn.action ?? '').trim();
      const next = pending[i + 1];
      const nextRec = next ? parseRecommendationRef((next.byColumn.recommendation ?? '').trim()) : undefined;
      // The next row belongs to this recommendation: its cell is empty (merged), the same (merged and
      // repeated), or a sub-number ("3a" under "3").
      const inherits =
        next !== undefined &&
        Boolean((next.byColumn.action ?? '').trim()) &&
        (!nextRec || recKey(nextRec) === recKey(own) || Boolean(own?.number && nextRec.number?.startsWith(own.number) && nextRec.number !== own.number));
      // A heading row: the recommendation (and perhaps its scope or lead) with its actions on the rows below.
      if (own && actionEmpty && inherits && plan.columns.has('action')) {
        current = own;
        return;
      }
      // A label in one cell ("Single-agency recommendations") that names no recommendation.
      if (filled === 1 && actionEmpty && cells.length >= 3 && !own?.number && plan.columns.has('action')) return;
    }
    if (own) current = own;
    kept.push({ ...p, rec: current });
  });

  const counts = new Map<string, number>();
  for (const k of kept) counts.set(recKey(k.rec), (counts.get(recKey(k.rec)) ?? 0) + 1);
  const seen = new Map<string, number>();
  kept.forEach((k, i) => {
    const key = recKey(k.rec);
    const ordinal = (seen.get(key) ?? 0) + 1;
    seen.set(key, ordinal);
    plan.rows.push({
      table: k.raw.table,
      index: k.raw.index,
      cells: k.byColumn,
      text: k.text,
      other: k.other,
      recommendation: k.rec,
      ordinal,
      siblings: counts.get(key) ?? 1,
      position: i + 1,
      label: '',
    });
  });
  return plan;
}

const SYNONYMS_DEFAULT = buildSynonyms();

function labelRows(plans: PlanTable[]): void {
  // Name the table too when recommendation labels would repeat across the plan's tables.
  const keysByTable = plans.map((p) => new Set(p.rows.map((r) => recKey(r.recommendation)).filter(Boolean)));
  const ambiguous = plans.length > 1 && keysByTable.some((keys, i) => [...keys].some((k) => keysByTable.some((o, j) => j !== i && o.has(k))));
  plans.forEach((plan, t) => {
    const prefix = ambiguous ? `Action plan (table ${t + 1})` : 'Action plan';
    for (const row of plan.rows) {
      const rec = row.recommendation;
      let label: string;
      if (rec?.number) label = `${prefix}, recommendation ${rec.number}`;
      else if (rec?.text) label = `${prefix}, recommendation "${shortQuote(rec.text)}"`;
      else label = `${prefix}, row ${row.position}`;
      if (rec && row.siblings > 1) label += `, row ${row.ordinal}`;
      row.label = label;
    }
  });
}

/** Find and read the action plan of a document (cached per document and options). */
export function findActionPlan(doc: ReportDocument, options: PlanOptions = {}): ActionPlan {
  const key = `action-plan:${JSON.stringify(options.synonyms ?? {})}`;
  return doc.memo(key, () => readActionPlan(doc, options));
}

function readActionPlan(doc: ReportDocument, options: PlanOptions): ActionPlan {
  const synonyms = options.synonyms && Object.keys(options.synonyms).length ? buildSynonyms(options.synonyms) : SYNONYMS_DEFAULT;
  const wholeDocument = doc.kind === 'action-plan';
  const sections = doc.sections.filter((s) => {
    if (s.level === 0 || wholeDocument) return false;
    const own =
      (s.templateIds.includes('action-plan') && !s.templateIds.includes('recommendations')) ||
      (s.part.kind === 'action-plan' && s.start === s.part.start);
    if (!own || doc.isWithin(s, 'contents')) return false;
    // Outermost only.
    for (let p = s.parent; p; p = p.parent) if (p.templateIds.includes('action-plan') && !p.templateIds.includes('recommendations')) return false;
    return true;
  });

  const plans: PlanTable[] = [];
  let last: { plan: PlanTable; width: number; headerKey: string } | undefined;
  const anyRecognisedInArea = doc.tables.some((t) => isPlanArea(doc, t.block.section) && chooseHeader(t, synonyms).score > 0);

  for (const table of doc.tables) {
    const section = table.block.section;
    const inArea = isPlanArea(doc, section);
    if (!inArea && excludedSection(doc, section)) continue;
    if (table.block.within.quote) continue;
    const width = Math.max(table.header.length, ...table.rows.map((r) => r.cells.length));
    const header = chooseHeader(table, synonyms);
    const ids = new Set(header.ids.flat());
    const headerCells = header.at < 0 ? table.header : table.rows[header.at]!.cells;
    // Outside the plan and the recommendations, generic headers ("Date | Agency | Action") are a chronology's.
    const strong = isRecognitionArea(doc, section) ? ids : new Set(headerCells.flatMap((c) => columnsOfHeader(c, synonyms, true)));
    const headerKey = compact((header.at < 0 ? table.header : table.rows[header.at]!.cells).join('|'));

    // A continuation of the previous plan table (split across pages): same header, or no header and the same width.
    if (last && onlyFurnitureBetween(doc, last.plan.tables[last.plan.tables.length - 1]!, table) && width === last.width) {
      if (headerKey === last.headerKey || header.score === 0) {
        last.plan.tables.push(table);
        continue;
      }
    }

    let transposed: ColumnId[][] | undefined;
    let isPlan = false;
    if (looksLikePlanHeader(strong)) isPlan = true;
    else if (transposedIds(table, synonyms, !isRecognitionArea(doc, section))) {
      transposed = transposedIds(table, synonyms);
      isPlan = true;
    } else if (inArea && header.score >= 1 && (ids.has('action') || ids.has('recommendation') || ids.has('lead-agency') || ids.has('target-date'))) isPlan = true;
    // A table in the plan area with a header we cannot read at all, when nothing else there is readable.
    else if (inArea && !anyRecognisedInArea && width >= 3 && table.rows.length > 0 && plans.length === 0) isPlan = true;
    if (!isPlan) {
      last = undefined;
      continue;
    }
    const plan = buildPlanTable(doc, [table], header, transposed, inArea, synonyms);
    plans.push(plan);
    last = transposed ? undefined : { plan, width, headerKey };
  }

  // Continuation tables were attached after the plan was built: rebuild those with several parts.
  const rebuilt = plans.map((p) => {
    if (p.tables.length === 1 || p.transposed) return p;
    return buildPlanTable(doc, p.tables, chooseHeader(p.tables[0]!, synonyms), undefined, p.inPlanArea, synonyms);
  });
  labelRows(rebuilt);
  return { tables: rebuilt, sections, wholeDocument };
}

// ---------------------------------------------------------------------------------------------
// Recommendations of the report

export interface Recommendation {
  /** Normalised number ("3", "15.2"), when written or given by list position. */
  number?: string;
  /** 1-based position among the recommendations found. */
  ordinal: number;
  text: string;
  block: Block;
  section: Section;
}

const INTRO =
  /(?::\s*$|\bfollowing recommendations?\b|\brecommendations? (?:are|is|have been|were) (?:made|set out|listed|as follows)\b|\bmakes? the following\b|\bas follows\b|\bset out (?:below|in)\b|\baction plan (?:is|at|in)\b)/i;

/** Top-level list items: the first paragraph of each, and its number when the list is ordered. */
function listItems(doc: ReportDocument): Map<unknown, { number: number; ordered: boolean }> {
  return doc.memo('action-plan:list-items', () => {
    const map = new Map<unknown, { number: number; ordered: boolean }>();
    type Node = { type: string; children?: Node[]; ordered?: boolean | null; start?: number | null };
    const visit = (node: Node, inList: boolean): void => {
      if (node.type === 'list') {
        (node.children ?? []).forEach((item, i) => {
          const first = item.children?.[0];
          if (!inList && first) map.set(first, { number: (node.start ?? 1) + i, ordered: Boolean(node.ordered) });
          for (const child of item.children ?? []) visit(child, true);
        });
        return;
      }
      for (const child of node.children ?? []) visit(child, inList);
    };
    visit(doc.tree as unknown as Node, false);
    return map;
  });
}

/** Outermost recommendation sections of the report's main part (and appendices), not the plan itself. */
/** Earlier reviews' recommendations, or progress on them, are not this review's. */
const NOT_THIS_REVIEW = /\b(?:previous|earlier|prior|past|other|existing|implementation of|progress (?:on|against|with))\b/i;

export function recommendationSections(doc: ReportDocument): Section[] {
  const mainIsSummary = doc.kind === 'executive-summary';
  return doc.sections.filter((s) => {
    if (s.level === 0 || !s.templateIds.includes('recommendations')) return false;
    if (NOT_THIS_REVIEW.test(s.title)) return false;
    if (s.part.kind === 'qa-letter' || doc.isWithin(s, 'contents')) return false;
    if (s.part.kind === 'action-plan' && doc.kind !== 'action-plan') return false;
    if (s.part.kind === 'executive-summary' && !mainIsSummary) return false;
    for (let p = s.parent; p; p = p.parent) if (p.templateIds.includes('recommendations')) return false;
    return true;
  });
}

/**
 * The numbered recommendations of the report: "Recommendation 3 …" labels, else the items of a
 * list, else numbered paragraphs. Unnumbered prose gives none (nothing to check against).
 */
export function findRecommendations(doc: ReportDocument): Recommendation[] {
  return doc.memo('action-plan:recommendations', () => {
    const out: Recommendation[] = [];
    for (const section of recommendationSections(doc)) out.push(...recommendationsIn(doc, section));
    out.forEach((r, i) => (r.ordinal = i + 1));
    return out;
  });
}

function recommendationsIn(doc: ReportDocument, section: Section): Recommendation[] {
  const inExcludedSubsection = (b: Block): boolean => {
    for (let x: Section | undefined = b.section; x && x !== section; x = x.parent) if (NOT_THIS_REVIEW.test(x.title)) return true;
    return false;
  };
  const blocks = doc
    .blocksOf(section)
    .filter((b) => !b.within.note && !b.within.quote && b.kind !== 'table' && b.kind !== 'code' && !inExcludedSubsection(b));
  const items: Recommendation[] = [];
  // 1. Labels: "Recommendation 3." (paragraph or heading).
  let labelled = false;
  for (const block of blocks) {
    const text = block.kind === 'heading' ? block.section.title || block.text : block.text;
    const m = REC_LABEL.exec(text) ?? R_LABEL.exec(text);
    if (m) {
      labelled = true;
      items.push({ number: normaliseRecNumber(m[1]!), ordinal: 0, text: text.slice(m[0].length).trim(), block, section: block.section });
    } else if (block.kind !== 'heading' && labelled && items.length && items[items.length - 1]!.block.section === block.section) {
      items[items.length - 1]!.text += ` ${block.text}`;
    }
  }
  if (labelled) return mergeDuplicates(items);
  // 2. Top-level list items.
  const lists = listItems(doc);
  let ordinal = 0;
  for (const block of blocks) {
    if (!block.within.list || block.kind !== 'paragraph') continue;
    const item = lists.get(block.node);
    if (item) {
      if (INTRO.test(block.text) && doc.wordCount(block) < 25) continue;
      ordinal++;
      const written = parseRecommendationRef(block.text);
      items.push({
        number: written?.number ?? String(item.ordered ? item.number : ordinal),
        ordinal: 0,
        text: written?.number && written.text ? written.text : block.text,
        block,
        section: block.section,
      });
    } else if (items.length) items[items.length - 1]!.text += ` ${block.text}`;
  }
  if (items.length) return items;
  // 3. Numbered paragraphs ("1.", "15.2 The CSP should …").
  if (section.templateIds.length !== 1) return items; // combined headings ("Lessons and recommendations"): too ambiguous
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const m = /^\s*\(?(\d{1,3}(?:\.\d{1,3}){0,3})[.)]?\s+(?=\S)/.exec(block.text);
    if (!m) continue;
    if (INTRO.test(block.text) || doc.wordCount(block) < 5) continue;
    if (Number(m[1]!.split('.')[0]) > 200) continue;
    items.push({ number: normaliseRecNumber(m[1]!), ordinal: 0, text: block.text.slice(m[0].length), block, section: block.section });
  }
  return items;
}

/** The same label twice (a summary list and a detailed list): keep the first. */
function mergeDuplicates(items: Recommendation[]): Recommendation[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.number}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Matching rows to recommendations

const STOP = new Set(
  'the and for that with this from will should would could their they them have has been being which into onto within where when what about also such than then there these those other each every both more most some were into upon under over after before between agencies agency partner partners staff review recommendation recommendations action actions ensure all any its our your his her was are not can may must shall'.split(' '),
);

export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !STOP.has(w) && !/^\d+$/.test(w))
    .map((w) => w.replace(/(?:ies)$/, 'y').replace(/(?:s)$/, ''));
  return new Set(words);
}

/**
 * contentWords of the texts seen so far: every row is compared with every recommendation, and the
 * same texts again and again (the sets are only read).
 */
const cachedContentWords: (text: string) => ReadonlySet<string> = memoByKey(contentWords, 5000);

function numbersMatch(rowNumber: string, rec: Recommendation): boolean {
  const n = rec.number;
  if (!n) return false;
  if (rowNumber === n) return true;
  // Sub-actions: "3a", "3.1", "3(b)" deliver recommendation 3.
  if (rowNumber.startsWith(n) && /^(?:\.|[a-z]$|[a-z]?\.)/.test(rowNumber.slice(n.length))) return true;
  // Section-based numbers in the report ("19.3") and plain ones in the plan ("3").
  if (n.includes('.') && !rowNumber.includes('.') && rowNumber.replace(/[a-z]$/, '') === String(rec.ordinal)) return true;
  const last = n.split('.').pop();
  if (n.includes('.') && !rowNumber.includes('.') && rowNumber.replace(/[a-z]$/, '') === last) return true;
  return false;
}

/** Does a plan row deliver this recommendation (by number, or by sharing most of its words)? */
export function rowMatches(row: PlanRow, rec: Recommendation): boolean {
  const ref = row.recommendation;
  if (ref?.number && numbersMatch(ref.number, rec)) return true;
  const recWords = cachedContentWords(rec.text);
  if (recWords.size < 3) return false;
  const rowWords = cachedContentWords(`${ref?.text ?? ''} ${row.cells.action ?? ''}`);
  let shared = 0;
  for (const w of recWords) if (rowWords.has(w)) shared++;
  return shared >= 3 && shared / recWords.size >= 0.5;
}
