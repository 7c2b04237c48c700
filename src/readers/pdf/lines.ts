/**
 * Positioned text items → lines. Items sharing a baseline form a line; small raised items
 * (superscripts) join the line below them and, when they are note markers ("practice.¹"), are
 * taken out of the text and kept as references. A line is also cut into segments at wide gaps,
 * which is what tables, contents entries and columns are recognised from.
 */
import type { TextItem } from './load.js';

export interface Segment {
  x: number;
  right: number;
  text: string;
  items: TextItem[];
  /** Main and superscript items, left to right. */
  parts: (TextItem & { sup?: boolean })[];
}

export interface Line {
  page: number;
  /** Baseline. */
  y: number;
  x: number;
  right: number;
  /** Dominant (character-weighted) font size of the line, superscripts left out. */
  size: number;
  /** Most of the line's characters are bold. */
  bold: boolean;
  text: string;
  segments: Segment[];
  items: TextItem[];
  /** Note reference markers taken out of the text, with the text offset they followed. */
  refs: { label: string; offset: number }[];
  /** The line starts with a raised marker ("¹ See the guidance"): a footnote body line. */
  noteLabel?: string;
  /** Heading structure element (tagged PDFs) most of the line belongs to. */
  heading?: number;
}

const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

export function cleanText(s: string): string {
  return s
    .replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u00a0\u2000-\u200a\u202f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff\u0000-\u0008\u000b-\u001f]/g, '');
}

const MARKER = /^[\s(]*(\d{1,3}|[*†‡§¶]{1,3}|[ivx]{1,4}|[a-z])[\s).,]*$/;

function weightedSize(items: TextItem[]): number {
  const s0 = items[0]?.size ?? 0;
  let uniform = true;
  for (let i = 1; i < items.length; i++) if (items[i]!.size !== s0) {
    uniform = false;
    break;
  }
  if (uniform) return s0;
  const bySize = new Map<number, number>();
  for (const it of items) bySize.set(it.size, (bySize.get(it.size) ?? 0) + it.str.length);
  let best = 0;
  let bestCount = -1;
  for (const [s, c] of bySize) if (c > bestCount || (c === bestCount && s > best)) [best, bestCount] = [s, c];
  return best;
}

interface RawLine {
  y: number;
  size: number;
  items: TextItem[];
  sup: TextItem[];
  weighted?: number;
}

function sizeOf(r: RawLine): number {
  return (r.weighted ??= weightedSize(r.items));
}

export function buildLines(page: number, input: TextItem[]): Line[] {
  if (input.length === 0) return [];
  const items = [...input].sort((a, b) => b.y - a.y || a.x - b.x);
  // 1. Cluster by baseline.
  const raw: RawLine[] = [];
  for (const it of items) {
    const last = raw[raw.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(0.3 * Math.min(Math.max(last.size, it.size), 40), 0.8)) {
      last.items.push(it);
      if (it.size > last.size) last.size = it.size;
      continue;
    }
    raw.push({ y: it.y, size: it.size, items: [it], sup: [] });
  }
  // 2. Small raised clusters (superscripts) join the line just below when they sit within its height.
  const kept: RawLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const below = raw[i + 1];
    if (below && r.items.length <= 6) {
      const rSize = sizeOf(r);
      const bSize = sizeOf(below);
      const rise = r.y - below.y;
      const textLen = r.items.reduce((n, it) => n + it.str.trim().length, 0);
      if (rSize < bSize * 0.85 && rise > 0 && rise < bSize * 0.75 && textLen <= 12) {
        const left = Math.min(...below.items.map((it) => it.x));
        const right = Math.max(...below.items.map((it) => it.x + it.w));
        if (r.items.every((it) => it.x >= left - bSize * 2 && it.x <= right + bSize * 2)) {
          below.sup.push(...r.items);
          continue;
        }
      }
    }
    kept.push(r);
  }
  // 3. Build lines.
  const lines: Line[] = [];
  for (const r of kept) {
    const size = sizeOf(r);
    // Inline superscripts in the same cluster: smaller and raised.
    const main: TextItem[] = [];
    const sup: TextItem[] = [...r.sup];
    for (const it of r.items) {
      if (it.size < size * 0.85 && it.y - r.y > size * 0.12 && it.str.trim().length <= 4) sup.push(it);
      else main.push(it);
    }
    if (main.length === 0) main.push(...sup.splice(0));
    const all = [...main, ...sup.map((s) => ({ ...s, sup: true }))].sort((a, b) => a.x - b.x) as (TextItem & { sup?: boolean })[];
    // Split into segments at wide gaps (between main items only).
    const segments: Segment[] = [];
    let cur: (TextItem & { sup?: boolean })[] = [];
    let end = -Infinity;
    const flush = (): void => {
      if (cur.length === 0) return;
      const mainItems = cur.filter((c) => !c.sup);
      segments.push({
        x: Math.min(...cur.map((c) => c.x)),
        right: Math.max(...cur.map((c) => c.x + c.w)),
        text: '',
        items: mainItems.length ? mainItems : cur,
        parts: cur,
      });
      cur = [];
    };
    for (const it of all) {
      const trimmedW = it.str.trim() === '' ? 0 : it.w;
      if (cur.length && !it.sup && it.x - end > Math.max(size * 0.8, 4)) flush();
      cur.push(it);
      if (trimmedW > 0) end = Math.max(end, it.x + it.w);
      else if (end === -Infinity) end = it.x;
    }
    flush();
    // Text: markers that are superscripts become references, other superscripts stay ("5th").
    const refs: { label: string; offset: number }[] = [];
    let noteLabel: string | undefined;
    let text = '';
    for (let si = 0; si < segments.length; si++) {
      const seg = segments[si]!;
      const segItems = seg.parts;
      let segText = '';
      let e = -Infinity;
      for (const it of segItems) {
        const s = cleanText(it.str);
        if (it.sup && MARKER.test(s)) {
          const label = s.replace(/[\s().,]/g, '');
          if (si === 0 && segText.trim() === '' && text === '') noteLabel = label;
          else refs.push({ label, offset: text.length + (text ? 1 : 0) + segText.trimEnd().length });
          continue;
        }
        if (segText && !/\s$/.test(segText) && !/^\s/.test(s) && it.x - e > it.size * 0.15 && !it.sup) segText += ' ';
        segText += s;
        e = Math.max(e, it.x + it.w);
      }
      seg.text = segText.replace(/\s+/g, ' ').trim();
      if (seg.text) text += (text ? ' ' : '') + seg.text;
    }
    const nonEmpty = segments.filter((s) => s.text !== '');
    if (nonEmpty.length === 0 && !noteLabel) continue;
    let boldChars = 0;
    let chars = 0;
    const headingVotes = new Map<number, number>();
    for (const it of main) {
      const n = it.str.trim().length;
      chars += n;
      if (it.bold) boldChars += n;
      if (it.heading !== undefined) headingVotes.set(it.heading, (headingVotes.get(it.heading) ?? 0) + n);
    }
    let heading: number | undefined;
    for (const [h, n] of headingVotes) if (n * 2 > chars) heading = h;
    lines.push({
      page,
      y: r.y,
      x: nonEmpty[0]?.x ?? Math.min(...main.map((m) => m.x)),
      right: nonEmpty[nonEmpty.length - 1]?.right ?? Math.max(...main.map((m) => m.x + m.w)),
      size,
      bold: chars > 0 && boldChars >= chars * 0.9,
      text,
      segments: nonEmpty,
      items: main,
      refs,
      noteLabel,
      heading,
    });
  }
  return lines;
}

