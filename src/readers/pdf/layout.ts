/**
 * Lines of one page → blocks: footnotes at the page foot, contents entries, tables, paragraphs.
 * Then across pages: tables continued on the next page merged, paragraphs broken by a page break
 * joined.
 */
import type { Line } from './lines.js';
import type { Rule } from './load.js';
import { buildTable, continues, findTableRegions, mergeTables, type PdfTable } from './tables.js';

export type BlockKind = 'paragraph' | 'table' | 'contents' | 'contents-title' | 'footnote';

export interface PdfBlock {
  kind: BlockKind;
  page: number;
  lines: Line[];
  text: string;
  size: number;
  bold: boolean;
  refs: { label: string; offset: number }[];
  table?: PdfTable;
  noteLabel?: string;
  /** Tagged-PDF heading element. */
  heading?: number;
}

export interface Metrics {
  bodySize: number;
  /** Baseline-to-baseline distance of body lines. */
  pitch: number;
}

export function measure(pages: Line[][]): Metrics {
  const bySize = new Map<number, number>();
  for (const lines of pages) for (const l of lines) {
    const key = Math.round(l.size * 2) / 2;
    bySize.set(key, (bySize.get(key) ?? 0) + l.text.length);
  }
  let bodySize = 10;
  let best = -1;
  for (const [s, n] of bySize) if (n > best) [bodySize, best] = [s, n];
  const gaps = new Map<number, number>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1]!;
      const b = lines[i]!;
      if (Math.abs(a.size - bodySize) > 0.6 || Math.abs(b.size - bodySize) > 0.6) continue;
      const g = Math.round((a.y - b.y) * 2) / 2;
      if (g >= bodySize * 0.9 && g <= bodySize * 2.2) gaps.set(g, (gaps.get(g) ?? 0) + 1);
    }
  }
  let pitch = bodySize * 1.2;
  best = -1;
  for (const [g, n] of gaps) if (n > best || (n === best && g < pitch)) [pitch, best] = [g, n];
  return { bodySize, pitch };
}

const TERMINAL = /[.!?:;)"”’»\]]$/;
const LIST_START = /^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z][.)]|\(?[ivx]{1,5}\)|[•▪◦●■□➢✓–\-*·o])\s/;
const LEADER_TAIL = /\s*(?:[.…_·]\s?){3,}\s*(\d{1,4})\s*$/;

/** A contents entry: "4. Terms of Reference ..... 7" or a title and a page number set apart. */
function contentsEntry(l: Line): { title: string; page: number } | undefined {
  const m = LEADER_TAIL.exec(l.text);
  if (m) {
    const title = l.text.slice(0, m.index).trim();
    if (/[A-Za-z]/.test(title)) return { title, page: Number(m[1]) };
    // Only a dot leader and the page: the tail of an entry whose title wrapped onto two lines.
    if (title === '') return { title: '', page: Number(m[1]) };
  }
  if (l.segments.length >= 2 && l.segments.length <= 3) {
    const last = l.segments[l.segments.length - 1]!.text;
    const title = l.segments
      .slice(0, -1)
      .map((s) => s.text)
      .join(' ')
      .replace(/[.…_·\s]+$/, '');
    if (/^\d{1,4}$/.test(last) && /[A-Za-z]{3}/.test(title)) return { title, page: Number(last) };
  }
  return undefined;
}

const CONTENTS_TITLE = /^(table of )?contents( page)?$|^index$/i;

/** Join wrapped lines of a paragraph: keep a line-end hyphen in compounds ("multi-agency"). */
export function joinLines(lines: Line[]): { text: string; refs: { label: string; offset: number }[] } {
  let text = '';
  const refs: { label: string; offset: number }[] = [];
  for (const l of lines) {
    let base = text.length;
    if (text) {
      if (/\u00ad$/.test(text)) {
        text = text.slice(0, -1);
        base = text.length;
      } else if (!(/[A-Za-z]-$/.test(text) && /^[a-z]/.test(l.text))) {
        text += ' ';
        base = text.length;
      }
    }
    text += l.text;
    for (const r of l.refs) refs.push({ label: r.label, offset: base + r.offset });
  }
  return { text: text.replace(/\u00ad/g, ''), refs };
}

function block(kind: BlockKind, lines: Line[], extra: Partial<PdfBlock> = {}): PdfBlock {
  const { text, refs } = joinLines(lines);
  let boldChars = 0;
  let chars = 0;
  for (const l of lines) {
    chars += l.text.length;
    if (l.bold) boldChars += l.text.length;
  }
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  return {
    kind,
    page: lines[0]!.page,
    lines,
    text,
    size: sizes[Math.floor(sizes.length / 2)] ?? 0,
    bold: chars > 0 && boldChars >= chars * 0.9,
    refs,
    heading: lines[0]!.heading,
    ...extra,
  };
}

/** The footnote area: lines at the foot of the page that start with a note marker. */
function footnoteStart(lines: Line[], m: Metrics): number {
  if (lines.length < 2) return lines.length;
  const lastSize = lines[lines.length - 1]!.size;
  if (lastSize > m.bodySize + 0.3) return lines.length;
  let start = lines.length;
  for (let i = lines.length - 1; i > 0; i--) {
    const l = lines[i]!;
    if (l.size > lastSize + 0.6 || l.segments.length > 2) break;
    const startsNote = Boolean(l.noteLabel) || (l.size < m.bodySize * 0.95 && /^\d{1,3}\s?\S/.test(l.text) && l.text.length > 3);
    if (startsNote) {
      const above = lines[i - 1]!;
      const gap = above.y - l.y;
      const separated = gap > m.pitch * 1.3 || l.size < above.size * 0.95;
      if (separated) start = i;
    }
    if (i < lines.length - 1 && lines[i]!.y - lines[i + 1]!.y > Math.max(l.size, 6) * 3) break;
  }
  return start;
}

export interface PageInput {
  page: number;
  width: number;
  lines: Line[];
  rules?: Rule[];
}

export function pageBlocks(p: PageInput, m: Metrics): PdfBlock[] {
  const out: PdfBlock[] = [];
  const fnAt = footnoteStart(p.lines, m);
  const body = p.lines.slice(0, fnAt);
  const notes = p.lines.slice(fnAt);

  // Contents entries: runs of at least three, with page numbers that do not go down much.
  const taken = new Set<Line>();
  const entries = body.map(contentsEntry);
  // A wrapped entry title may start a run at the top of a page (the list continues from the
  // previous page) or when the next line is only the leader and the page number.
  const wrappedTitle = (i: number): boolean =>
    !entries[i] &&
    i + 1 < body.length &&
    Boolean(entries[i + 1]) &&
    (i === 0 || entries[i + 1]!.title === '') &&
    !CONTENTS_TITLE.test(body[i]!.text.trim()) &&
    !body[i]!.segments.some((s) => /^\d+$/.test(s.text));
  for (let i = 0; i < body.length; ) {
    if (!entries[i] && !wrappedTitle(i)) {
      i++;
      continue;
    }
    let j = i;
    let count = 0;
    let drops = 0;
    let lastPage = -1;
    const run: number[] = [];
    while (j < body.length) {
      const e = entries[j];
      if (e) {
        if (e.page < lastPage) drops++;
        lastPage = e.page;
        count++;
        run.push(j);
        j++;
      } else if (j + 1 < body.length && entries[j + 1] && !body[j]!.segments.some((s) => /^\d+$/.test(s.text))) {
        run.push(j); // a wrapped entry title
        j++;
      } else break;
    }
    if (count >= 3 && drops <= Math.max(1, count / 5)) for (const k of run) taken.add(body[k]!);
    i = Math.max(j, i + 1);
  }
  const regions = findTableRegions(body, taken, p.width);

  let para: Line[] = [];
  const flush = (): void => {
    if (para.length) out.push(block('paragraph', para));
    para = [];
  };
  let r = 0;
  for (let i = 0; i < body.length; i++) {
    const region = regions[r];
    if (region && i === region.start) {
      flush();
      const lines = body.slice(region.start, region.end);
      if (region.prose) {
        // Two columns of text: read the left column, then the right one.
        const split = region.columns[1]! - 6;
        const leftLines: Line[] = [];
        const rightLines: Line[] = [];
        for (const l of lines) {
          const segsL = l.segments.filter((s) => s.x < split);
          const segsR = l.segments.filter((s) => s.x >= split);
          if (segsL.length) leftLines.push({ ...l, segments: segsL, text: segsL.map((s) => s.text).join(' '), x: segsL[0]!.x, right: segsL[segsL.length - 1]!.right, refs: segsR.length ? [] : l.refs });
          if (segsR.length) rightLines.push({ ...l, segments: segsR, text: segsR.map((s) => s.text).join(' '), x: segsR[0]!.x, right: segsR[segsR.length - 1]!.right, refs: segsL.length ? [] : l.refs });
        }
        for (const col of [leftLines, rightLines]) {
          for (let k = 0; k < col.length; k++) {
            if (para.length && breaksParagraph(para[para.length - 1]!, col[k]!, m)) flush();
            para.push(col[k]!);
          }
          flush();
        }
      } else {
        const table = buildTable(lines, region.columns, p.rules ?? [], p.page);
        if (table.rows.length >= 2) out.push({ ...block('table', lines), table });
        else for (const l of lines) out.push(block('paragraph', [l]));
      }
      i = region.end - 1;
      r++;
      continue;
    }
    const l = body[i]!;
    if (taken.has(l)) {
      flush();
      // A wrapped entry title joins the next entry.
      const e = contentsEntry(l);
      const prev = out[out.length - 1];
      if (prev?.kind === 'contents' && !contentsEntry(prev.lines[prev.lines.length - 1]!) ) {
        prev.lines.push(l);
        const titles = prev.lines
          .map((x) => contentsEntry(x)?.title ?? x.text)
          .filter((t) => t !== '')
          .join(' ');
        prev.text = e ? `${titles}\t${e.page}` : titles;
      } else {
        out.push({ ...block('contents', [l]), text: e ? `${e.title}\t${e.page}` : l.text });
      }
      continue;
    }
    if (CONTENTS_TITLE.test(l.text.trim()) && body.slice(i + 1, i + 4).some((x) => taken.has(x))) {
      flush();
      out.push(block('contents-title', [l]));
      continue;
    }
    if (para.length && breaksParagraph(para[para.length - 1]!, l, m)) flush();
    para.push(l);
  }
  flush();

  // Footnotes: each marker starts a note.
  let note: Line[] = [];
  let label: string | undefined;
  const flushNote = (): void => {
    if (note.length) {
      const b = block('footnote', note, { noteLabel: label });
      b.text = b.text.replace(/^\d{1,3}\s?(?=\S)/, (mm) => (label === undefined ? '' : mm));
      out.push(b);
    }
    note = [];
  };
  for (const l of notes) {
    const lead = l.noteLabel ?? (/^(\d{1,3})\s?\S/.exec(l.text)?.[1] && l.size < m.bodySize * 0.95 ? /^(\d{1,3})/.exec(l.text)![1] : undefined);
    if (lead !== undefined && note.length) flushNote();
    if (lead !== undefined) {
      label = lead;
      if (!l.noteLabel) {
        const stripped = l.text.replace(/^\d{1,3}\s?/, '');
        note.push({ ...l, text: stripped });
        continue;
      }
    }
    note.push(l);
  }
  flushNote();
  return out;
}

function breaksParagraph(prev: Line, l: Line, m: Metrics): boolean {
  if (Math.abs(prev.size - l.size) > 0.6) return true;
  if (prev.bold !== l.bold) return true;
  if (prev.heading !== l.heading) return true;
  const gap = prev.y - l.y;
  const pitch = Math.abs(prev.size - m.bodySize) < 0.6 ? m.pitch : prev.size * 1.2;
  if (gap > pitch * 1.35 || gap < -prev.size) return true;
  const startsItem = LIST_START.test(l.text);
  if (startsItem && (l.x < prev.x - 2 || TERMINAL.test(prev.text))) return true;
  // An indented first line after a short last line.
  if (TERMINAL.test(prev.text) && l.x > prev.x + l.size && prev.segments.length === 1) return true;
  return false;
}

/** Merge tables continued on the next page and paragraphs split by a page break. */
export function joinPages(blocks: PdfBlock[]): PdfBlock[] {
  const out: PdfBlock[] = [];
  const lastBody = (): { block: PdfBlock; index: number } | undefined => {
    for (let i = out.length - 1; i >= 0; i--) if (out[i]!.kind !== 'footnote') return { block: out[i]!, index: i };
    return undefined;
  };
  for (const b of blocks) {
    const prev = b.kind === 'footnote' ? undefined : lastBody();
    if (prev && prev.block.page < b.page) {
      const a = prev.block;
      const lastPage = a.lines[a.lines.length - 1]!.page;
      if (b.page === lastPage + 1) {
        if (a.kind === 'table' && b.kind === 'table' && a.table && b.table && continues(a.table, b.table)) {
          mergeTables(a.table, b.table);
          a.lines.push(...b.lines);
          continue;
        }
        if (
          a.kind === 'paragraph' &&
          b.kind === 'paragraph' &&
          Math.abs(a.size - b.size) < 0.6 &&
          a.bold === b.bold &&
          !TERMINAL.test(a.text) &&
          /^[a-z]/.test(b.text)
        ) {
          const joined = joinLines([...a.lines, ...b.lines]);
          a.lines.push(...b.lines);
          a.text = joined.text;
          a.refs = joined.refs;
          continue;
        }
      }
    }
    out.push(b);
  }
  return out;
}
