/**
 * Detectors for personal data in report text (shared/domain/ANONYMISATION.md §3). Used by the
 * `personal-data` rule (which adds context: the QA-letter appendix, organisational contacts) and
 * by `--redact`, which masks what they find in every reporter's output.
 */

export type PersonalDataKind = 'dob' | 'nhs-number' | 'ni-number' | 'postcode' | 'phone' | 'email' | 'address' | 'real-name';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
  /** False when the shape matches but validation fails (an NHS number with a bad check digit). */
  valid: boolean;
  /** Extra facts for the rule: a generic mailbox, a freephone number, a partial date. */
  note?: 'generic-mailbox' | 'organisation-number' | 'month-year' | 'cue-without-valid-number';
}

/** NHS Data Dictionary modulus 11 check (ANONYMISATION.md: verified). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(digits[9]);
}

const NI = /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const POSTCODE =
  /\b(?:GIR ?0AA|(?:[A-PR-UWYZ]\d{1,2}|[A-PR-UWYZ][A-HK-Y]\d{1,2}|[A-PR-UWYZ]\d[A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]) ?\d[ABD-HJLNP-UW-Z]{2})\b/g;
const NHS = /(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])/g;
const NHS_CUE = /\bNHS\s*(?:number|no\.?|num)\b/i;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const GENERIC_MAILBOX = /^(?:enquiries|enquiry|info|contact|admin|office|dhr\w*|safeguarding\w*|help|support|mail|reception|team|hello|communications|press|foi|customer\w*)@/i;
// Phone: +44 or 0, then digits with spaces, brackets or hyphens; normalised before checking length.
const PHONE = /(?<![\w.:/-])(?:\+44\s?(?:\(0\)\s?)?|0)(?:[\s-]?\(?\d\)?){9,10}(?![\w:])/g;
const STREET_SUFFIX =
  'Road|Street|Avenue|Lane|Close|Drive|Crescent|Way|Court|Gardens|Place|Terrace|Grove|Hill|Row|Square|Walk|Mews|Park|Rise|View|Green|Passage';
const ADDRESS = new RegExp(`\\b(?:Flat \\d+[A-Z]?,\\s*)?\\d{1,4}[A-Z]?,? (?:[A-Z][a-z']+ ){1,3}(?:${STREET_SUFFIX})\\b`, 'g');
/** "5 Year Forward View", "3 Magistrates Court hearings": a count of things, not a house number. */
const NOT_A_STREET = /^\d+[A-Z]?,? (?:Years?|Days?|Weeks?|Months?|Hours?|Minutes?|Times?|Magistrates'?|Crown|County|Family|Youth|Coroners?'?s?|Points?|Steps?|Stages?|Key|Main|Separate|Different|Further|Other|New)\b/;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE = `(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|(?:${MONTHS})\\s+\\d{4})`;
const DOB = new RegExp(`\\b(?:D\\.?O\\.?B\\.?|date of birth|born|b\\.)\\s*(?:was|is|:|-|–)?\\s*(?:(?:on|in)\\s+)?(?:the\\s+)?(${DATE})`, 'gi');

function push(out: PersonalDataMatch[], m: RegExpExecArray, kind: PersonalDataKind, valid = true, group = 0, note?: PersonalDataMatch['note']): void {
  const text = m[group]!;
  const start = group === 0 ? m.index : m.index + m[0].indexOf(text);
  out.push({ kind, start, end: start + text.length, text, valid, note });
}

/** The expression of each real name, compiled once (the same names are looked for in every text). */
const nameRegexes = new Map<string, RegExp>();

function nameRegex(trimmed: string): RegExp {
  let re = nameRegexes.get(trimmed);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
    if (nameRegexes.size >= 1000) nameRegexes.clear();
    nameRegexes.set(trimmed, re);
  }
  return re;
}

const DIGIT = /\d/g;

/**
 * How many ASCII digits a text has, up to `limit` (the detectors below need a few at least). The
 * expression's search runs faster than a loop over the characters of a long text.
 */
function countDigits(text: string, limit: number): number {
  let n = 0;
  DIGIT.lastIndex = 0;
  while (n < limit && DIGIT.test(text)) n++;
  DIGIT.lastIndex = 0;
  return n;
}

/**
 * Every match of a global expression, from the start (what `matchAll` gives, without the copy of
 * the expression `matchAll` makes on each call). None of the expressions here matches empty text.
 */
function execAll(re: RegExp, text: string, each: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) each(m);
}

/** Every personal-data candidate in a text, in order of position, without overlaps. */
export function findPersonalData(text: string, realNames: readonly string[] = []): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  // Most texts have few digits: a date of birth has at least four, an NI number six, an NHS or phone
  // number ten, a postcode or an address one ("GIR 0AA"); an e-mail address has an @.
  const digitCount = countDigits(text, 10);
  if (digitCount >= 4) {
    execAll(DOB, text, (m) => {
      const date = m[1]!;
      const partial = !/\d{1,2}(?:st|nd|rd|th)?\s+\D|\d[/.-]\d/.test(date) ? 'month-year' : undefined;
      push(found, m, 'dob', true, 1, partial);
    });
  }
  if (digitCount >= 10) {
    execAll(NHS, text, (m) => {
      const digits = `${m[1]}${m[2]}${m[3]}`;
      const before = text.slice(Math.max(0, m.index - 25), m.index);
      // A phone number starting 0 is left to the phone detector.
      if (digits.startsWith('0')) return;
      if (isValidNhsNumber(digits)) push(found, m, 'nhs-number');
      else if (NHS_CUE.test(before)) push(found, m, 'nhs-number', false, 0, 'cue-without-valid-number');
    });
  }
  if (digitCount >= 6) execAll(NI, text, (m) => push(found, m, 'ni-number'));
  if (digitCount >= 1) execAll(POSTCODE, text, (m) => push(found, m, 'postcode'));
  if (text.includes('@')) execAll(EMAIL, text, (m) => push(found, m, 'email', true, 0, GENERIC_MAILBOX.test(m[0]) ? 'generic-mailbox' : undefined));
  if (digitCount >= 10) {
    execAll(PHONE, text, (m) => {
      // "+44 (0)7700 900123": the "(0)" is dropped before the digits are counted.
      const digits = m[0].replace(/\(0\)/, '').replace(/\D/g, '').replace(/^44/, '0');
      if (!/^0[1-357-9]\d{8,9}$/.test(digits)) return;
      const organisation = /^0(?:800|808|3\d\d)/.test(digits) ? 'organisation-number' : undefined;
      // A closing bracket belongs to the sentence unless the number opened one: "(tel 01632 960000)".
      let text = m[0];
      if (text.endsWith(')') && (text.match(/\(/g) ?? []).length < (text.match(/\)/g) ?? []).length) text = text.slice(0, -1);
      found.push({ kind: 'phone', start: m.index, end: m.index + text.length, text, valid: true, note: organisation });
    });
  }
  if (digitCount >= 1) {
    execAll(ADDRESS, text, (m) => {
      if (!NOT_A_STREET.test(m[0])) push(found, m, 'address');
    });
  }
  for (const name of realNames) {
    const trimmed = name.trim();
    if (trimmed.length < 2) continue;
    for (const m of text.matchAll(nameRegex(trimmed))) push(found, m as RegExpExecArray, 'real-name');
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // Keep the first (longest) of overlapping matches: a postcode inside an address, a date inside a DOB.
  const kept: PersonalDataMatch[] = [];
  for (const m of found) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  return kept;
}

export const REDACTED = '[redacted]';

/** A function that masks personal data and the configured real names in a text. */
export function createRedactor(realNames: readonly string[]): (text: string) => string {
  return (text: string): string => {
    const matches = findPersonalData(text, realNames).filter((m) => m.valid);
    if (matches.length === 0) return text;
    let out = '';
    let at = 0;
    for (const m of matches) {
      out += text.slice(at, m.start) + REDACTED;
      at = m.end;
    }
    return out + text.slice(at);
  };
}
