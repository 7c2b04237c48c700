/**
 * Running headers and footers: lines at the top or bottom of pages that repeat (digits
 * normalised) on at least 40% of the pages, and page numbers ("Page 3 of 22", "2 | P a g e", "- 4 -").
 */
import type { Line } from './lines.js';

export interface PageLines {
  page: number;
  width: number;
  height: number;
  bottom: number;
  lines: Line[];
}

const PAGE_NUMBER = [
  /^(page|p\.?|pg\.?)?#+((of|\/)#+)?$/, // "Page 3 of 22", "3/22", "3"
  /^#+\|?page$/, // "2 | P a g e"
  /^page\|?#+$/, // "P a g e | 2"
  /^[-–—]#+[-–—]$/, // "- 4 -"
  /^[ivxlc]+$/, // roman page numbers
];

export function furnitureKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, '');
}

function isPageNumber(key: string): boolean {
  return key.length <= 24 && PAGE_NUMBER.some((re) => re.test(key));
}

const ZONE_LINES = 3;

/** Remove running headers and footers from the pages (in place); return their texts. */
export function removeFurniture(pages: PageLines[]): { headers: string[]; footers: string[] } {
  const withText = pages.filter((p) => p.lines.length > 0);
  const threshold = Math.max(2, Math.ceil(withText.length * 0.4));
  const topCount = new Map<string, number>();
  const bottomCount = new Map<string, number>();
  // A running header or footer stands apart from the body: a clear gap separates it from the
  // next line (a table's repeated header row does not).
  const apart = (a: Line, b: Line | undefined): boolean => !b || Math.abs(a.y - b.y) > Math.max(a.size, b.size) * 1.45;
  const zones = (p: PageLines): { top: Line[]; bottom: Line[] } => {
    const top: Line[] = [];
    for (let i = 0; i < Math.min(ZONE_LINES, p.lines.length); i++) {
      const l = p.lines[i]!;
      if (l.y < p.bottom + p.height * 0.8 || l.segments.length > 3) break;
      top.push(l);
    }
    const bottom: Line[] = [];
    for (let i = p.lines.length - 1; i >= Math.max(0, p.lines.length - ZONE_LINES); i--) {
      const l = p.lines[i]!;
      if (l.y > p.bottom + p.height * 0.2 || l.segments.length > 3 || top.includes(l)) break;
      bottom.unshift(l);
    }
    return { top, bottom };
  };
  for (const p of withText) {
    const { top, bottom } = zones(p);
    for (const key of new Set(top.map((l) => furnitureKey(l.text)))) topCount.set(key, (topCount.get(key) ?? 0) + 1);
    for (const key of new Set(bottom.map((l) => furnitureKey(l.text)))) bottomCount.set(key, (bottomCount.get(key) ?? 0) + 1);
  }
  const headers = new Map<string, string>();
  const footers = new Map<string, string>();
  const isFurniture = (l: Line, counts: Map<string, number>, edge: boolean): boolean => {
    if (l.noteLabel !== undefined) return false; // a footnote, however often repeated
    const key = furnitureKey(l.text);
    return (withText.length > 1 && (counts.get(key) ?? 0) >= threshold) || (edge && isPageNumber(key));
  };
  for (const p of withText) {
    const { top, bottom } = zones(p);
    const drop = new Set<Line>();
    // Top: the longest run of furniture lines from the first line that ends with a gap.
    let take = 0;
    for (let i = 0; i < top.length; i++) {
      if (!isFurniture(top[i]!, topCount, i === 0)) break;
      if (apart(top[i]!, p.lines[i + 1])) take = i + 1;
    }
    for (const l of top.slice(0, take)) {
      drop.add(l);
      const key = furnitureKey(l.text);
      if (!headers.has(key)) headers.set(key, l.text);
    }
    // Bottom: likewise from the last line up.
    take = 0;
    for (let i = bottom.length - 1, k = 0; i >= 0; i--, k++) {
      const l = bottom[i]!;
      if (drop.has(l) || !isFurniture(l, bottomCount, k === 0)) break;
      if (apart(l, p.lines[p.lines.length - 2 - k])) take = k + 1;
    }
    for (const l of bottom.slice(bottom.length - take)) {
      drop.add(l);
      const key = furnitureKey(l.text);
      if (!footers.has(key)) footers.set(key, l.text);
    }
    if (drop.size) p.lines = p.lines.filter((l) => !drop.has(l));
  }
  return { headers: [...headers.values()], footers: [...footers.values()] };
}
