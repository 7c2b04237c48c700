/**
 * Date parsing for rules: find the dates written in a report's text ("3 March 2023", "3rd of March
 * 2023", "March 3, 2023", "03/03/2023", "March 2023", "2023-03-03", and bare years on request),
 * each with its ISO form and its precision, so rules can compare them without pretending that
 * "March 2023" names a day.
 *
 * Numeric dates are read day-first by default (UK reports); `order: 'mdy'` reads them month-first.
 * A numeric date that is impossible in the configured order but possible in the other ("03/25/2023"
 * pasted from a US system) is read in the other order and marked with `order`.
 *
 * Pure functions, no state: safe to call from any rule (wrap in `doc.memo` for per-document work).
 */

export type DatePrecision = 'day' | 'month' | 'year';
export type DateOrder = 'dmy' | 'mdy';

export interface FoundDate {
  /** The text as written. */
  text: string;
  /** Character range in the searched text. */
  start: number;
  end: number;
  /** "2023-03-03" (day), "2023-03" (month) or "2023" (year). */
  iso: string;
  precision: DatePrecision;
  year: number;
  month?: number;
  day?: number;
  /** For numeric dates: the order used to read it. */
  order?: DateOrder;
  /** For numeric dates: true when both orders give a valid, different date ("03/04/2023"). */
  ambiguous?: boolean;
}

export interface DateOptions {
  /** Order of numeric dates: day first (default) or month first. */
  order?: DateOrder;
  /** Also return bare years ("in 2023") as year-precision dates. Default false. */
  years?: boolean;
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1,
  february: 2, feb: 2,
  march: 3, mar: 3,
  april: 4, apr: 4,
  may: 5,
  june: 6, jun: 6,
  july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  october: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const ORD = '(?:st|nd|rd|th)?';
const YEAR = "(\\d{4}|['’]\\d{2})";

interface Pattern {
  regex: RegExp;
  read(m: RegExpExecArray, options: DateOptions): Omit<FoundDate, 'text' | 'start' | 'end'> | undefined;
}

function yearOf(raw: string): number {
  if (/^['’]/.test(raw)) {
    const two = Number(raw.slice(1));
    return two < 50 ? 2000 + two : 1900 + two;
  }
  if (raw.length === 2) {
    const two = Number(raw);
    return two < 50 ? 2000 + two : 1900 + two;
  }
  return Number(raw);
}

function monthOf(raw: string): number | undefined {
  return MONTHS[raw.toLowerCase().replace(/\.$/, '')];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validYear(year: number): boolean {
  return year >= 1900 && year <= 2100;
}

function validDay(year: number, month: number, day: number): boolean {
  return validYear(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dayDate(year: number, month: number, day: number): Omit<FoundDate, 'text' | 'start' | 'end'> | undefined {
  if (!validDay(year, month, day)) return undefined;
  return { iso: `${year}-${pad(month)}-${pad(day)}`, precision: 'day', year, month, day };
}

const PATTERNS: Pattern[] = [
  // 2023-03-03 (ISO)
  {
    regex: /(?<![\d./-])(\d{4})-(\d{2})-(\d{2})(?![\d/-]|\.\d)/g,
    read: (m) => dayDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  // 3 March 2023, 3rd of March 2023, 3-Mar-2023, 3March 2023 (OCR), 3 March, 2023
  {
    regex: new RegExp(`(?<![\\d.])(\\d{1,2})${ORD}(?:\\s+of)?[\\s-]*${MONTH}[\\s,-]*${YEAR}(?![\\d])`, 'gi'),
    read: (m) => {
      const month = monthOf(m[2]!);
      return month ? dayDate(yearOf(m[3]!), month, Number(m[1])) : undefined;
    },
  },
  // March 3, 2023 / March 3rd 2023
  {
    regex: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORD},?\\s+${YEAR}(?![\\d])`, 'gi'),
    read: (m) => {
      const month = monthOf(m[1]!);
      return month ? dayDate(yearOf(m[3]!), month, Number(m[2])) : undefined;
    },
  },
  // 03/03/2023, 3/3/23, 03.03.2023, 03-03-2023 (four-digit years only with "." and "-",
  // so that paragraph numbers such as "2.2.10" are never read as dates)
  {
    regex: /(?<![\d./-])(\d{1,2})(?:(\/)(\d{1,2})\/(\d{4}|\d{2})|([.-])(\d{1,2})\5(\d{4}))(?![\d]|[./-]\d)/g,
    read: (m, options) => {
      const a = Number(m[1]);
      const b = Number(m[3] ?? m[6]);
      const year = yearOf(m[4] ?? m[7]!);
      const order = options.order ?? 'dmy';
      const dmy = dayDate(year, b, a);
      const mdy = dayDate(year, a, b);
      const preferred = order === 'dmy' ? dmy : mdy;
      const other = order === 'dmy' ? mdy : dmy;
      const otherOrder: DateOrder = order === 'dmy' ? 'mdy' : 'dmy';
      if (preferred) return { ...preferred, order, ambiguous: !!other && a !== b };
      if (other) return { ...other, order: otherOrder, ambiguous: false };
      return undefined;
    },
  },
  // March 2023, Mar. 2023, March, 2023
  {
    regex: new RegExp(`\\b${MONTH},?\\s+${YEAR}(?![\\d])`, 'gi'),
    read: (m) => {
      const month = monthOf(m[1]!);
      const year = yearOf(m[2]!);
      if (!month || !validYear(year)) return undefined;
      return { iso: `${year}-${pad(month)}`, precision: 'month', year, month };
    },
  },
];

// A bare year: not part of a longer number, a money amount, a financial year ("2023/24"), a
// statute's title ("Act 2004") or a range written with digits on both sides of a slash.
const BARE_YEAR = /(?<![\d£$€.,/-])\b(19\d{2}|20\d{2})\b(?![\d]|[/-]\d|,\d{3})/g;
const HAS_DIGIT = /\d/;
const STATUTE_BEFORE = /\b(?:Act|Regulations|Order|Rules|Code)\s*$/;

/** Every date written in `text`, in order of position. Overlapping forms keep the longest. */
export function findDates(text: string, options: DateOptions = {}): FoundDate[] {
  // Every form has a year written in digits: most sentences have none.
  if (!HAS_DIGIT.test(text)) return [];
  const found: FoundDate[] = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      const value = pattern.read(m, options);
      if (!value) continue;
      const start = m.index;
      const end = m.index + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ ...value, text: m[0], start, end });
    }
  }
  if (options.years) {
    BARE_YEAR.lastIndex = 0;
    for (let m = BARE_YEAR.exec(text); m; m = BARE_YEAR.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      if (STATUTE_BEFORE.test(text.slice(Math.max(0, start - 16), start))) continue;
      const year = Number(m[1]);
      found.push({ text: m[0], start, end, iso: String(year), precision: 'year', year });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Read a string that is one date and nothing else ("3 March 2023", "2023-03-03", "2023"). */
export function parseDate(text: string, options: DateOptions = {}): FoundDate | undefined {
  const trimmed = text.trim();
  const dates = findDates(trimmed, { ...options, years: true });
  const only = dates.length === 1 ? dates[0]! : undefined;
  if (!only || only.start !== 0 || only.end !== trimmed.length) return undefined;
  return only;
}

/** The first and last day (ISO) a date may stand for: "March 2023" = 2023-03-01 … 2023-03-31. */
export function dateBounds(date: Pick<FoundDate, 'year' | 'month' | 'day'>): { first: string; last: string } {
  const { year, month, day } = date;
  if (month === undefined) return { first: `${year}-01-01`, last: `${year}-12-31` };
  if (day === undefined) return { first: `${year}-${pad(month)}-01`, last: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` };
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return { first: iso, last: iso };
}

/** True when `a` is certainly earlier than `b` whatever days the less precise one stands for. */
export function isCertainlyBefore(a: FoundDate, b: FoundDate): boolean {
  return dateBounds(a).last < dateBounds(b).first;
}

/** The ISO day `months` calendar months after an ISO day (31 January + 1 month = 28/29 February). */
export function addMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** Calendar months from one ISO day to another, with a fraction for the remaining days. */
export function monthsBetween(fromIsoDay: string, toIsoDay: string): number {
  const [y1, m1, d1] = fromIsoDay.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = toIsoDay.split('-').map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1);
  let days = d2 - d1;
  if (days < 0) {
    months -= 1;
    // days left in the start month's anniversary month
    const anchor = addMonths(fromIsoDay, months);
    const [ay, am, ad] = anchor.split('-').map(Number) as [number, number, number];
    days = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
    return months + days / daysInMonth(ay, am);
  }
  return months + days / daysInMonth(y2, m2);
}

/** "4 April 2023", "April 2023" or "2023": how a date reads in a message. */
export function formatDate(date: Pick<FoundDate, 'year' | 'month' | 'day'>): string {
  if (date.month === undefined) return String(date.year);
  const month = MONTH_NAMES[date.month - 1]!;
  return date.day === undefined ? `${month} ${date.year}` : `${date.day} ${month} ${date.year}`;
}
