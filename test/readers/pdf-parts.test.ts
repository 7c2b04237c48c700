import { describe, expect, it } from 'vitest';
import { addParts, pagesOfShare, type LoadedPdf, type PdfPart } from '../../src/readers/pdf/load.js';

const page = (n: number, heading?: number) => ({ page: n, width: 600, height: 800, bottom: 0, items: [{ str: `p${n}`, x: 0, y: 0, w: 10, size: 10, bold: false, heading }] });

describe('reading a PDF in parts', () => {
  it('splits the pages into contiguous ranges covering each page once', () => {
    for (const [pages, count] of [[1, 2], [2, 2], [115, 2], [115, 3], [7, 4]] as const) {
      const seen: number[] = [];
      for (let index = 0; index < count; index++) {
        const [from, to] = pagesOfShare(pages, { index, count });
        for (let n = from; n <= to; n++) seen.push(n);
      }
      expect(seen).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    }
    expect(pagesOfShare(10)).toEqual([1, 10]);
  });
  it('joins parts in page order, shifting heading-tag indices past the earlier parts', () => {
    const first = { pages: [page(1, 0), page(2, 1)], headingTags: [{ depth: 1 }, { depth: 2 }], tagged: true, notes: ['a'], numPages: 4, outline: [] } as unknown as LoadedPdf;
    const second: PdfPart = { pages: [page(3, 0), page(4)], headingTags: [{ depth: 3 }], tagged: true, notes: ['b'] };
    const joined = addParts(first, [second]);
    expect(joined.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(joined.pages.map((p) => p.items[0]!.heading)).toEqual([0, 1, 2, undefined]);
    expect(joined.headingTags[2]).toEqual({ depth: 3 });
    expect(joined.notes).toEqual(['a', 'b']);
    expect(joined.tagged).toBe(true);
  });
  it('is untagged when no part found heading tags', () => {
    const first = { pages: [page(1)], headingTags: [], tagged: true, notes: [] } as unknown as LoadedPdf;
    expect(addParts(first, [{ pages: [page(2)], headingTags: [], tagged: true, notes: [] }]).tagged).toBe(false);
  });
});
