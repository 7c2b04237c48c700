/**
 * Tables from text positions: a run of lines cut into aligned segments is a table; its columns are
 * the clustered segment starts, its rows are the bands between horizontal ruling lines when the
 * page draws them (table borders), otherwise a vertical gap or a new first-column entry.
 * Tables continued on the next page (header row repeated, a row split over the break) are merged
 * by `mergeTables`.
 */
import type { Rule } from './load.js';
import type { Line } from './lines.js';

export interface TableRegion {
  start: number;
  end: number; // exclusive
  columns: number[];
  /** Two columns of running prose rather than a table. */
  prose: boolean;
}

export interface PdfTable {
  columns: number[];
  rows: { cells: string[]; page: number }[];
  page: number;
  /** Rows were cut without ruling lines where the text alone cannot tell (tight single-line rows). */
  ambiguous?: boolean;
}

const TOL = 6;

function clusterStarts(xs: number[]): { x: number; count: number }[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const out: { x: number; count: number; sum: number }[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x - last.x <= TOL) {
      last.count++;
      last.sum += x;
    } else out.push({ x, count: 1, sum: x });
  }
  return out.map((c) => ({ x: c.x, count: c.count }));
}

function columnOf(columns: number[], x: number): number {
  let best = 0;
  for (let i = 0; i < columns.length; i++) if (columns[i]! <= x + TOL) best = i;
  return best;
}

/** Find table regions among a page's body lines. `skip` marks lines already taken (contents). */
export function findTableRegions(lines: Line[], skip: Set<Line>, pageWidth: number): TableRegion[] {
  const regions: TableRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    if (skip.has(first) || first.segments.length < 2) {
      i++;
      continue;
    }
    const starts: number[] = first.segments.map((s) => s.x);
    let left = first.x;
    let right = first.right;
    let multi = 1;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const prev = lines[j - 1]!;
      if (skip.has(l)) break;
      if (prev.y - l.y > Math.max(prev.size, l.size) * 3.5) break;
      if (Math.abs(l.size - first.size) > 2.5) break;
      const cols = clusterStarts(starts).map((c) => c.x);
      if (l.segments.length >= 2) {
        const aligned = l.segments.filter((s) => cols.some((c) => Math.abs(c - s.x) <= TOL)).length;
        if (aligned === 0 && l.segments.length < 3) break;
        starts.push(...l.segments.map((s) => s.x));
        multi++;
      } else {
        const s = l.segments[0]!;
        const aligned = cols.some((c) => Math.abs(c - s.x) <= TOL);
        const tableWidth = Math.max(right, l.right) - Math.min(left, l.x);
        if (!aligned || s.right - s.x > tableWidth * 0.45) break;
        // A narrow line in the first column: a wrapped cell, unless it ends the table.
        starts.push(s.x);
      }
      left = Math.min(left, l.x);
      right = Math.max(right, l.right);
    }
    // Trailing single-segment lines in the first column are more likely text after the table.
    let end = j;
    while (end > i + 1 && lines[end - 1]!.segments.length === 1 && Math.abs(lines[end - 1]!.x - left) <= TOL && lines[end - 2]!.y - lines[end - 1]!.y > lines[end - 1]!.size * 1.6) end--;
    const clusters = clusterStarts(starts).filter((c) => c.count >= 2 || first.segments.some((s) => Math.abs(s.x - c.x) <= TOL));
    if (clusters.length >= 2 && (multi >= 2 || (first.segments.length >= 3 && end - i >= 2))) {
      const columns = clusters.map((c) => c.x);
      const regionLines = lines.slice(i, end);
      const avgSeg =
        regionLines.reduce((n, l) => n + l.segments.reduce((m, s) => m + (s.right - s.x), 0) / l.segments.length, 0) / regionLines.length;
      const prose = columns.length === 2 && regionLines.length >= 6 && avgSeg > pageWidth * 0.28;
      regions.push({ start: i, end, columns, prose });
      i = end;
    } else i = Math.max(i + 1, j === i + 1 ? i + 1 : i + 1);
  }
  return regions;
}

function joinCellText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  if (/[A-Za-z]-$/.test(a) && /^[a-z]/.test(b)) return a + b;
  return `${a} ${b}`;
}

/** Rows and cells of one table region. */
export function buildTable(lines: Line[], columns: number[], rules: Rule[], page: number): PdfTable {
  const left = Math.min(...lines.map((l) => l.x));
  const right = Math.max(...lines.map((l) => l.right));
  const top = Math.max(...lines.map((l) => l.y + l.size));
  const bottom = Math.min(...lines.map((l) => l.y));
  // Row separators: horizontal rules across most of the table, strictly inside its vertical span.
  const seps = rules
    .filter((r) => r.x1 - r.x0 >= (right - left) * 0.5 && r.x0 <= left + (right - left) * 0.5 && r.y < top && r.y > bottom)
    .map((r) => r.y)
    .sort((a, b) => b - a);
  const ys: number[] = [];
  for (const y of seps) if (!ys.length || ys[ys.length - 1]! - y > 2) ys.push(y);

  const rows: { cells: string[]; page: number }[] = [];
  let cells: string[] = [];
  let band = -1;
  let prevLine: Line | undefined;
  let prevHadFirst = false;
  let ambiguous = false;
  const pitch = (() => {
    const gaps: number[] = [];
    for (let k = 1; k < lines.length; k++) {
      const g = lines[k - 1]!.y - lines[k]!.y;
      if (g > 0.5) gaps.push(g);
    }
    return gaps.length ? Math.min(...gaps) : (lines[0]?.size ?? 10) * 1.2;
  })();
  const flush = (): void => {
    if (cells.some((c) => c !== '')) rows.push({ cells, page });
    cells = columns.map(() => '');
  };
  cells = columns.map(() => '');
  for (const l of lines) {
    const parts = l.segments.map((s) => ({ col: columnOf(columns, s.x), text: s.text }));
    const hasFirst = parts.some((p) => p.col === 0);
    let newRow = false;
    if (ys.length) {
      let b = 0;
      while (b < ys.length && l.y < ys[b]!) b++;
      if (band !== -1 && b !== band) newRow = true;
      band = b;
    } else if (prevLine) {
      const gap = prevLine.y - l.y;
      if (gap > pitch * 1.3) newRow = true;
      else if (l.bold !== prevLine.bold) newRow = true; // a bold header row above plain rows
      else if (hasFirst && !prevHadFirst && cells.some((c) => c !== '')) newRow = true;
      else if (hasFirst && prevHadFirst) {
        // Tight rows, or a first cell wrapped over two lines: only ruling lines can tell.
        newRow = true;
        ambiguous = true;
      }
    }
    if (newRow) flush();
    for (const p of parts) cells[p.col] = joinCellText(cells[p.col]!, p.text);
    prevLine = l;
    prevHadFirst = hasFirst;
  }
  flush();
  return { columns, rows, page, ambiguous: ambiguous && ys.length === 0 };
}

function headerKey(cells: string[]): string {
  return cells.join('|').toLowerCase().replace(/[\s-]+/g, '');
}

/** True when `next` (first table on the next page) continues `prev`. */
export function continues(prev: PdfTable, next: PdfTable): boolean {
  if (prev.columns.length !== next.columns.length) return false;
  return prev.columns.every((x, i) => Math.abs(x - next.columns[i]!) <= 12);
}

/** Append a continuation: drop a repeated header row, join a row split over the page break. */
export function mergeTables(prev: PdfTable, next: PdfTable): void {
  let rows = next.rows;
  const header = prev.rows[0];
  if (header && rows[0] && headerKey(rows[0].cells) === headerKey(header.cells)) rows = rows.slice(1);
  const first = rows[0];
  const last = prev.rows[prev.rows.length - 1];
  if (first && last && last !== header && first.cells[0] === '' && first.cells.some((c) => c !== '')) {
    last.cells = last.cells.map((c, i) => joinCellText(c, first.cells[i] ?? ''));
    rows = rows.slice(1);
  }
  prev.rows.push(...rows);
}
