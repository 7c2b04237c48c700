import { describe, expect, it } from 'vitest';
import { addMonths, dateBounds, findDates, formatDate, isCertainlyBefore, monthsBetween, parseDate } from './dates.js';

const iso = (text: string, options = {}) => findDates(text, options).map((d) => `${d.iso}/${d.precision}`);

describe('parseDate', () => {
  it.each([
    ['3 March 2023', '2023-03-03', 'day'],
    ['3rd March 2023', '2023-03-03', 'day'],
    ['the 3rd of March 2023'.replace('the ', ''), '2023-03-03', 'day'],
    ['03/03/2023', '2023-03-03', 'day'],
    ['3/3/23', '2023-03-03', 'day'],
    ['03.03.2023', '2023-03-03', 'day'],
    ['03-03-2023', '2023-03-03', 'day'],
    ['2023-03-03', '2023-03-03', 'day'],
    ['March 3, 2023', '2023-03-03', 'day'],
    ['March 3rd 2023', '2023-03-03', 'day'],
    ['3 Mar 2023', '2023-03-03', 'day'],
    ['3-Mar-2023', '2023-03-03', 'day'],
    ['3 Sept. 2023', '2023-09-03', 'day'],
    ['March 2023', '2023-03', 'month'],
    ['Mar. 2023', '2023-03', 'month'],
    ["March '23", '2023-03', 'month'],
    ['2023', '2023', 'year'],
  ])('%s → %s (%s)', (text, expected, precision) => {
    const d = parseDate(text);
    expect(d?.iso).toBe(expected);
    expect(d?.precision).toBe(precision);
  });

  it('rejects impossible dates and non-dates', () => {
    expect(parseDate('31 February 2023')).toBeUndefined();
    expect(parseDate('29/02/2023')).toBeUndefined();
    expect(parseDate('29/02/2024')?.iso).toBe('2024-02-29');
    expect(parseDate('Thirteenth of Smarch')).toBeUndefined();
    expect(parseDate('3 March 2023 and 4 March 2023')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });

  it('reads numeric dates day first unless told otherwise', () => {
    expect(parseDate('03/04/2023')?.iso).toBe('2023-04-03');
    expect(parseDate('03/04/2023')?.ambiguous).toBe(true);
    expect(parseDate('03/04/2023', { order: 'mdy' })?.iso).toBe('2023-03-04');
    expect(parseDate('04/04/2023')?.ambiguous).toBe(false);
  });

  it('reads a US date pasted into a UK report in the only order that works', () => {
    const d = parseDate('03/25/2023');
    expect(d?.iso).toBe('2023-03-25');
    expect(d?.order).toBe('mdy');
    expect(d?.ambiguous).toBe(false);
    expect(parseDate('25/03/2023', { order: 'mdy' })?.iso).toBe('2023-03-25');
  });
});

describe('findDates', () => {
  it('finds every date in running text with its position', () => {
    const text = 'The CSP decided on 4 April 2023 and the Panel first met in June 2023; completed 30/04/2024.';
    const dates = findDates(text);
    expect(dates.map((d) => d.iso)).toEqual(['2023-04-04', '2023-06', '2024-04-30']);
    expect(text.slice(dates[0]!.start, dates[0]!.end)).toBe('4 April 2023');
  });

  it('keeps the longest reading where forms overlap', () => {
    expect(iso('on 9 March 2023')).toEqual(['2023-03-09/day']);
    expect(iso('on March 9, 2023')).toEqual(['2023-03-09/day']);
  });

  it('tolerates OCR-joined day and month and a comma before the year', () => {
    expect(iso('on 9March 2023')).toEqual(['2023-03-09/day']);
    expect(iso('on 9 March, 2023')).toEqual(['2023-03-09/day']);
  });

  it('does not read paragraph numbers, section references or amounts as dates', () => {
    expect(iso('see 2.2.10 and 4.1.12; paragraph 15.10.1')).toEqual([]);
    expect(iso('an award of £2023 and 3.5 hours', { years: true })).toEqual([]);
    expect(iso('in March 23 people attended')).toEqual([]);
  });

  it('returns bare years only when asked, and not in statute titles or financial years', () => {
    const text = 'Under the Domestic Violence, Crime and Victims Act 2004 the review began in 2023 (budget 2023/24).';
    expect(iso(text)).toEqual([]);
    expect(iso(text, { years: true })).toEqual(['2023/year']);
  });

  it('finds a year-only date next to precise ones', () => {
    expect(iso('decided in 2023 and completed on 2 May 2024', { years: true })).toEqual(['2023/year', '2024-05-02/day']);
  });
});

describe('comparisons and arithmetic', () => {
  it('gives the days a less precise date may stand for', () => {
    expect(dateBounds({ year: 2024, month: 2 })).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(dateBounds({ year: 2023 })).toEqual({ first: '2023-01-01', last: '2023-12-31' });
  });

  it('knows when one date is certainly before another', () => {
    const [feb, oct] = findDates('February 2014 and October 2014');
    expect(isCertainlyBefore(feb!, oct!)).toBe(true);
    expect(isCertainlyBefore(oct!, feb!)).toBe(false);
    const [month, day] = findDates('March 2023 and 15 March 2023');
    expect(isCertainlyBefore(month!, day!)).toBe(false);
    expect(isCertainlyBefore(day!, month!)).toBe(false);
  });

  it('adds calendar months, clamping to the end of a month', () => {
    expect(addMonths('2023-04-04', 6)).toBe('2023-10-04');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2023-12-15', 1)).toBe('2024-01-15');
  });

  it('counts months between two days', () => {
    expect(monthsBetween('2023-04-04', '2023-10-04')).toBe(6);
    expect(monthsBetween('2023-04-04', '2024-04-30')).toBeCloseTo(12.87, 1);
    expect(monthsBetween('2023-03-02', '2024-06-28')).toBeGreaterThan(15.8);
    expect(monthsBetween('2023-01-31', '2023-02-28')).toBeLessThan(1);
  });

  it('formats dates for messages at their own precision', () => {
    expect(formatDate({ year: 2023, month: 4, day: 4 })).toBe('4 April 2023');
    expect(formatDate({ year: 2023, month: 4 })).toBe('April 2023');
    expect(formatDate({ year: 2023 })).toBe('2023');
  });
});
