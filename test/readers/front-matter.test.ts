/** The shared cover-page heuristic (src/model/headings.ts) used by the Word and PDF readers. */
import { describe, expect, it } from 'vitest';
import { frontMatterLength, guessHeading, type FrontMatterItem } from '../../src/model/headings.js';

const PROSE = 'The review panel examined the contact that each agency had with Rose and with Dan during the period under review, and what each knew.';
const title = (text: string, page?: number): FrontMatterItem => ({ text, page, emphasised: true, anchor: false });
const plain = (text: string, page?: number): FrontMatterItem => ({ text, page, emphasised: false, anchor: false });
const anchor = (text: string, page?: number): FrontMatterItem => ({ text, page, emphasised: true, anchor: true });

describe('frontMatterLength', () => {
  it('takes the first page before the contents, prose included, when a page break ends it', () => {
    const items = [title('Domestic Homicide Review', 1), title('Overview Report', 1), plain(PROSE, 1), anchor('Contents', 2), plain('1. Introduction\t4', 2)];
    expect(frontMatterLength(items)).toBe(3);
  });

  it('stops at the end of the first page even when the first section comes later', () => {
    const items = [title('Domestic Homicide Review', 1), title('Overview Report', 1), title('Foreword by the chair', 2), plain(PROSE, 2), anchor('1. Introduction', 3)];
    expect(frontMatterLength(items)).toBe(2);
  });

  it('takes a title block on the page of the first section, but not one with prose', () => {
    expect(frontMatterLength([title('Domestic Homicide Review', 1), title('Overview Report', 1), anchor('1. Introduction', 1)])).toBe(2);
    expect(frontMatterLength([title('Domestic Homicide Review', 1), plain(PROSE, 1), anchor('1. Introduction', 1)])).toBe(0);
  });

  it('works without pages: a short title block before the first section', () => {
    expect(frontMatterLength([title('Domestic Homicide Review'), plain('May 2025'), anchor('Contents')])).toBe(2);
    expect(frontMatterLength([title('Background'), plain(PROSE), anchor('1. Introduction')])).toBe(0);
  });

  it('finds none when a heading follows prose, nothing is emphasised, there is no anchor, or it is too long', () => {
    expect(frontMatterLength([title('Review', 1), plain(PROSE, 1), title('Her life', 1), anchor('Contents', 2)])).toBe(0);
    expect(frontMatterLength([plain('Domestic Homicide Review', 1), plain('Overview Report', 1), anchor('Contents', 2)])).toBe(0);
    expect(frontMatterLength([title('Domestic Homicide Review', 1), title('Overview Report', 1)])).toBe(0);
    expect(frontMatterLength([anchor('Contents', 1), title('Overview Report', 1)])).toBe(0);
    const many = Array.from({ length: 30 }, (_, i) => title(`Line ${i}`, 1));
    expect(frontMatterLength([...many, anchor('Contents', 2)])).toBe(0);
  });
});

describe('guessHeading: dates', () => {
  it('does not read a date line as a numbered heading', () => {
    expect(guessHeading('12 May 2025')).toBeUndefined();
    expect(guessHeading('1 September 2024', { bold: true })).toBeUndefined();
    expect(guessHeading('12 Sept. 2024')).toBeUndefined();
    expect(guessHeading('4 Terms of Reference')?.number?.raw).toBe('4');
    expect(guessHeading('5 Marchmont Road', { bold: true })?.source).toBe('numbering');
  });
});
