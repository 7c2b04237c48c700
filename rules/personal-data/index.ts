import { defineRule } from '../../src/api/rule.js';
import { findPersonalData, type PersonalDataMatch } from '../../src/api/privacy.js';
import type { Block, Level, Span, Table } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import data from './patterns.json' with { type: 'json' };
import { Prefilter } from '../_shared/prefilter.js';

type KindOption = 'dateOfBirth' | 'nhsNumber' | 'niNumber' | 'postcode' | 'phone' | 'email' | 'address' | 'realName' | 'redaction';

interface Options {
  /** Switch single kinds of personal data off (all on by default). */
  kinds: Partial<Record<KindOption, boolean>>;
  /** Report an organisation's contact details (helplines, team mailboxes, offices) at info instead of error. */
  allowOrganisational: boolean;
  /** Texts that are allowed (an organisation's address, a published helpline), compared without case. */
  allow: string[];
  /** Section ids where contact details (addresses, postcodes, telephone numbers, e-mails) are not reported. */
  ignoreSections: string[];
  /** Full dates of death: not reported (`off`, the usual practice) or reported at `info`. */
  dateOfDeath: 'off' | 'info';
}

type MessageId =
  | 'dateOfBirth'
  | 'partialDateOfBirth'
  | 'possibleDateOfBirth'
  | 'nhsNumber'
  | 'nhsNumberUnchecked'
  | 'niNumber'
  | 'contactDetail'
  | 'organisationalContact'
  | 'realName'
  | 'inRunningText'
  | 'redactionMarker'
  | 'redactionBlank'
  | 'dateOfDeath';

interface Finding {
  messageId: MessageId;
  start: number;
  end: number;
  level?: Level;
  data?: Record<string, string | number>;
  /** Marker text is not personal data and may be shown; everything else is masked. */
  sensitive: boolean;
}

const CONTACT_KINDS = new Set(['postcode', 'phone', 'email', 'address']);
const KIND_OPTION: Record<PersonalDataMatch['kind'], KindOption> = {
  dob: 'dateOfBirth',
  'nhs-number': 'nhsNumber',
  'ni-number': 'niNumber',
  postcode: 'postcode',
  phone: 'phone',
  email: 'email',
  address: 'address',
  'real-name': 'realName',
};
const KIND_WORDS: Record<PersonalDataMatch['kind'], string> = {
  dob: 'a date of birth',
  'nhs-number': 'an NHS number',
  'ni-number': 'a National Insurance number',
  postcode: 'a postcode',
  phone: 'a telephone number',
  email: 'an e-mail address',
  address: 'a street address',
  'real-name': 'a real name listed in the settings',
};

const GENERIC_LOCAL = new Set(data.genericLocalParts.map((p) => p.word));
const NOT_ADDRESS = data.notAddresses.map((p) => new RegExp(p.pattern, 'i'));
const ORGANISATION = new RegExp(data.organisationContext.map((p) => p.pattern).join('|'));
const PERSON = new RegExp(data.personContext.map((p) => p.pattern).join('|'));
const DOB_HEADER = data.dobHeaders.map((p) => new RegExp(p.pattern, 'i'));
const BORN = data.bornCues.map((p) => ({ regex: new RegExp(p.pattern, 'gi'), kind: p.kind as 'full' | 'month-year' }));
/** `needs`: a string every match contains, so that most texts are spared the expression (some have a lookbehind at every position). */
const REDACTION = data.redaction.map((p) => ({ regex: new RegExp(p.pattern, p.flags), kind: p.kind as 'marker' | 'blank', needs: (p as { needs?: string }).needs }));

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const FULL_DATE = `(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;
const FULL_DATE_ONLY = new RegExp(`^\\s*${FULL_DATE}\\s*$`, 'i');
const MONTH_YEAR_ONLY = new RegExp(`^\\s*(?:(?:${MONTHS})\\.?\\s+\\d{4}|\\d{1,2}[/.-]\\d{4})\\s*$`, 'i');
// A full date (or a life span of two) in brackets right after a person label.
const BRACKETED_DATE = new RegExp(`\\(\\s*(?:d\\.?o\\.?b\\.?\\s*:?\\s*)?${FULL_DATE}(?:\\s*[-–—]\\s*${FULL_DATE})?\\s*\\)`, 'gi');
const TITLE_LETTER = /(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Adult|Subject|Child|Person)\.?\s*['‘"“]?[A-Z]{1,2}['’"”]?|['‘"“][A-Z][a-z]+['’"”])\s*$/;
const DEATH_NEAR = /\b(?:death|died|dies|killed|murder(?:ed)?|homicide|incident|attended)\b[^.]{0,40}$/i;
const HAS_DIGIT = /\d/;
const DATE_OF_DEATH = new RegExp(`\\b(?:date of death\\s*:?\\s*|(?:died|was killed|was murdered|was found dead|death)\\b[^.;]{0,40}?\\bon\\s+(?:the\\s+)?)(${FULL_DATE})`, 'gi');
/** Which of the born cues, BRACKETED_DATE and DATE_OF_DEATH can match in a text (most match nowhere). */
const DATE_FILTER = new Prefilter([...BORN.map((b) => b.regex), BRACKETED_DATE, DATE_OF_DEATH]);
const BRACKETED_INDEX = BORN.length;
const DEATH_INDEX = BORN.length + 1;

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Appendices that are the QA Panel's letter, whatever their heading (cached per document). */
function qaLetterBlocks(doc: ReportDocument): Set<number> {
  return doc.memo('personal-data:qa-letter', () => {
    const inside = new Set<number>();
    const looksLikeLetter = (text: string): boolean =>
      /quality assurance(?: \(qa\))? panel/i.test(text) && /\bDear\b/.test(text) && /\bYours (?:sincerely|faithfully)\b/i.test(text);
    for (const part of doc.parts) {
      const blocks = doc.blocks.slice(part.start, part.end);
      if (part.kind === 'qa-letter' || (part.kind === 'appendix' && looksLikeLetter(blocks.map((b) => b.text).join('\n')))) {
        for (const b of blocks) inside.add(b.index);
      }
    }
    // A document that is nothing but the letter.
    if (inside.size === 0 && doc.blocks.length < 80 && looksLikeLetter(doc.blocks.map((b) => b.text).join('\n'))) {
      for (const b of doc.blocks) inside.add(b.index);
    }
    return inside;
  });
}

export default defineRule<Options>({
  meta: {
    id: 'personal-data',
    group: 'anonymisation',
    description: 'Dates of birth, NHS and National Insurance numbers, addresses, telephone numbers, e-mails, configured real names and redaction residue',
    defaultLevel: 'error',
    sources: [
      {
        title: 'Bassetlaw "Sarah" QA Panel letter (2023): real names and dates of birth in the terms of reference to be removed before publication',
        url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/',
      },
      { title: 'Preston City Council: reports are published anonymised to protect victims and contributors', url: 'https://preston.gov.uk/article/1153/Domestic-homicide-reviews' },
      {
        title: 'Scottish Government, DHR best practice: media coverage lets readers re-identify people from residual detail',
        url: 'https://gov.scot/publications/domestic-homicide-reviews-identifying-best-practice-learning-lessons-implementing-change/pages/4',
      },
      {
        title: 'Brighton & Hove published reviews ("Mrs A", "Mrs B", "Mr C"): "[redacted]", "REDACTED", "who lives in _" left in the text',
        url: 'https://www.brighton-hove.gov.uk/community-safety-partnership/published-domestic-homicide-reviews-dhrs/',
      },
      { title: 'NHS number modulus 11 check (NHS Data Dictionary method)', url: 'https://rdrr.io/cran/epidm/man/valid_nhs.html' },
      { title: 'HMRC National Insurance Manual NIM39110: prefixes never allocated', url: 'http://www.hmrc.gov.uk/manuals/nimmanual/NIM39110.htm' },
    ],
    messages: {
      dateOfBirth: 'A date of birth is given here: remove it. If age matters, give the age instead ("aged 38").',
      partialDateOfBirth: 'A month and year of birth is given here: give the age instead ("aged 38"), which identifies less.',
      possibleDateOfBirth: 'A full date in brackets after a person\'s name looks like a date of birth: remove it, or give the age instead.',
      nhsNumber: 'An NHS number (check digit valid) is given here: remove it.',
      nhsNumberUnchecked: 'A 10-digit number is labelled as an NHS number (its check digit does not match): remove it, or correct the label if it is another reference.',
      niNumber: 'A National Insurance number is given here: remove it.',
      contactDetail: 'The report gives {{kind}} here: remove it or describe the place in general terms ("her flat in Eastmere").',
      organisationalContact: 'The report gives {{kind}} that looks like an organisation\'s: check that it is not a person\'s before publication.',
      realName: 'A real name (entry {{entry}} of the realNames setting) appears here: replace it with the pseudonym or a role ("her sister").',
      inRunningText: 'The running {{where}} contains {{kind}}: remove it (it is printed on every page).',
      redactionMarker: 'Redaction marker "{{text}}" left in the text: rewrite the sentence with a pseudonym or a role, so that it reads naturally and the words around it do not give the removed detail away.',
      redactionBlank: 'Text seems to have been blanked out here ("{{text}}"): rewrite the sentence with a pseudonym or a role instead of leaving a gap.',
      dateOfDeath: 'A full date of death is given here: this partnership publishes only the month and year.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kinds: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(
            ['dateOfBirth', 'nhsNumber', 'niNumber', 'postcode', 'phone', 'email', 'address', 'realName', 'redaction'].map((k) => [k, { type: 'boolean' }]),
          ),
        },
        allowOrganisational: { type: 'boolean' },
        allow: { type: 'array', items: { type: 'string', minLength: 1 } },
        ignoreSections: { type: 'array', items: { type: 'string' } },
        dateOfDeath: { enum: ['off', 'info'] },
      },
    },
    defaultOptions: { kinds: {}, allowOrganisational: true, allow: [], ignoreSections: ['qa-letter'], dateOfDeath: 'off' },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const on = (k: KindOption): boolean => options.kinds[k] !== false;
    const allowed = new Set(options.allow.map(normalise));
    const realNames = (settings.realNames ?? []).filter((n) => typeof n === 'string' && n.trim().length >= 2);
    const letter = qaLetterBlocks(doc);
    const pseudonymLabels = (settings.pseudonyms ?? []).flatMap((p) => [p.label, ...(p.aliases ?? [])]).filter(Boolean);

    function contactsIgnored(block: Block): boolean {
      return options.ignoreSections.some((id) => (id === 'qa-letter' ? letter.has(block.index) : false) || doc.isWithin(block.section, id));
    }

    function organisational(m: PersonalDataMatch, text: string, block: Block | undefined): boolean {
      if (m.note === 'organisation-number' || m.note === 'generic-mailbox') return true;
      if (m.kind === 'email') {
        const local = m.text.split('@')[0]!.toLowerCase();
        if (local.split(/[._\-+\d]+/).some((w) => GENERIC_LOCAL.has(w))) return true;
      }
      if (m.kind === 'email' || m.kind === 'real-name') return false;
      // An organisation named just before, with no sign of a person's home in the same sentence.
      const sentenceStart = Math.max(text.lastIndexOf('. ', m.start) + 1, 0);
      const before = text.slice(Math.max(0, m.start - 120), m.start);
      const sentence = text.slice(sentenceStart, m.start);
      let org = ORGANISATION.test(before);
      if (!org && block && block.text.length < 60) {
        // Letterhead lines: the organisation is on the line above.
        const prev = doc.blocks[block.index - 1];
        org = !!prev && prev.kind === 'paragraph' && prev.text.length < 120 && ORGANISATION.test(prev.text);
      }
      return org && !PERSON.test(sentence);
    }

    /** Everything to report in one run of text (a paragraph, a heading, a table row). */
    function scan(text: string, block: Block | undefined, opts: { contacts: boolean; labelAware: boolean }): Finding[] {
      const out: Finding[] = [];
      const taken: Span[] = [];
      const overlaps = (s: number, e: number): boolean => taken.some((t) => s < t.end && e > t.start);
      for (const m of findPersonalData(text, realNames)) {
        const kindOption = KIND_OPTION[m.kind];
        if (!on(kindOption)) continue;
        if (allowed.has(normalise(m.text))) continue;
        if (m.kind === 'real-name') {
          const entry = realNames.findIndex((n) => normalise(n) === normalise(m.text)) + 1;
          out.push({ messageId: 'realName', start: m.start, end: m.end, data: { entry: entry || '?' }, sensitive: true });
        } else if (m.kind === 'dob') {
          const partial = m.note === 'month-year';
          out.push({ messageId: partial ? 'partialDateOfBirth' : 'dateOfBirth', start: m.start, end: m.end, level: partial ? 'warn' : undefined, sensitive: true });
        } else if (m.kind === 'nhs-number') {
          if (m.valid) out.push({ messageId: 'nhsNumber', start: m.start, end: m.end, sensitive: true });
          else out.push({ messageId: 'nhsNumberUnchecked', start: m.start, end: m.end, level: 'warn', sensitive: true });
        } else if (m.kind === 'ni-number') {
          out.push({ messageId: 'niNumber', start: m.start, end: m.end, sensitive: true });
        } else if (CONTACT_KINDS.has(m.kind)) {
          if (!opts.contacts) continue;
          if (m.kind === 'address' && NOT_ADDRESS.some((re) => re.test(m.text))) continue;
          const org = options.allowOrganisational && organisational(m, text, block);
          out.push({
            messageId: org ? 'organisationalContact' : 'contactDetail',
            start: m.start,
            end: m.end,
            level: org ? 'info' : undefined,
            data: { kind: KIND_WORDS[m.kind] },
            sensitive: true,
          });
        }
        taken.push({ start: m.start, end: m.end });
      }
      // Dates of birth and death are written with digits (the born cues of patterns.json and FULL_DATE
      // all end in a year of digits), and the prefilter rules out the cues a text lacks.
      const digits = HAS_DIGIT.test(text);
      const possible = digits ? DATE_FILTER.possible(text) : undefined;
      if (on('dateOfBirth') && possible) {
        for (let k = 0; k < BORN.length; k++) {
          if (!possible[k]) continue;
          const { regex, kind } = BORN[k]!;
          regex.lastIndex = 0;
          for (let m = regex.exec(text); m; m = regex.exec(text)) {
            const start = m.index + m[0].indexOf(m[1]!);
            const end = start + m[1]!.length;
            if (overlaps(start, end)) continue;
            const partial = kind === 'month-year';
            out.push({ messageId: partial ? 'partialDateOfBirth' : 'dateOfBirth', start, end, level: partial ? 'warn' : undefined, sensitive: true });
            taken.push({ start, end });
          }
        }
        // BRACKETED_DATE opens with a bracket (too common a literal for the prefilter to keep).
        if (opts.labelAware && possible[BRACKETED_INDEX] && text.includes('(')) {
          BRACKETED_DATE.lastIndex = 0;
          for (let m = BRACKETED_DATE.exec(text); m; m = BRACKETED_DATE.exec(text)) {
            const start = m.index;
            const end = start + m[0].length;
            if (overlaps(start, end)) continue;
            const before = text.slice(Math.max(0, start - 60), start);
            if (DEATH_NEAR.test(before.slice(-45))) continue;
            const label = TITLE_LETTER.test(before) || pseudonymLabels.some((l) => before.trimEnd().endsWith(l));
            if (!label) continue;
            out.push({ messageId: 'possibleDateOfBirth', start, end, level: 'warn', sensitive: true });
            taken.push({ start, end });
          }
        }
      }
      if (options.dateOfDeath === 'info' && possible?.[DEATH_INDEX]) {
        DATE_OF_DEATH.lastIndex = 0;
        for (let m = DATE_OF_DEATH.exec(text); m; m = DATE_OF_DEATH.exec(text)) {
          const start = m.index + m[0].lastIndexOf(m[1]!);
          const end = start + m[1]!.length;
          if (overlaps(start, end)) continue;
          out.push({ messageId: 'dateOfDeath', start, end, level: 'info', sensitive: true });
        }
      }
      if (on('redaction')) {
        for (const { regex, kind, needs } of REDACTION) {
          if (needs && !text.includes(needs)) continue;
          regex.lastIndex = 0;
          for (let m = regex.exec(text); m; m = regex.exec(text)) {
            const start = m.index;
            const end = start + m[0].length;
            if (overlaps(start, end)) continue;
            // A line that is only a mask or a divider ("*****") is layout, not a blanked word.
            if (text.trim() === m[0]) continue;
            const marker = kind === 'marker';
            out.push({
              messageId: marker ? 'redactionMarker' : 'redactionBlank',
              start,
              end,
              level: marker ? 'info' : 'warn',
              data: { text: m[0] },
              sensitive: false,
            });
            taken.push({ start, end });
          }
        }
      }
      return out.sort((a, b) => a.start - b.start);
    }

    function reportText(block: Block): void {
      const contacts = !contactsIgnored(block);
      for (const f of scan(block.text, block, { contacts, labelAware: true })) {
        context.report({ block, span: { start: f.start, end: f.end }, messageId: f.messageId, data: f.data, level: f.level, sensitive: f.sensitive });
      }
    }

    function dobColumns(table: Table): number[] {
      const cols: number[] = [];
      table.header.forEach((cell, i) => {
        if (DOB_HEADER.some((re) => re.test(cell.replace(/[*_:]/g, '').trim()))) cols.push(i);
      });
      return cols;
    }

    function reportTable(block: Block): void {
      const table = block.table!;
      const contacts = !contactsIgnored(block);
      // The header row sits at the start of block.text, so its spans are exact.
      for (const f of scan(table.header.join(' | '), block, { contacts, labelAware: false })) {
        context.report({ block, span: { start: f.start, end: f.end }, messageId: f.messageId, data: f.data, level: f.level, sensitive: f.sensitive });
      }
      const dob = on('dateOfBirth') ? dobColumns(table) : [];
      table.rows.forEach((row, index) => {
        const found = scan(row.cells.join(' | '), undefined, { contacts, labelAware: true });
        for (const col of dob) {
          const cell = row.cells[col] ?? '';
          if (allowed.has(normalise(cell))) continue;
          const full = FULL_DATE_ONLY.test(cell);
          const partial = !full && MONTH_YEAR_ONLY.test(cell);
          if ((full || partial) && !found.some((f) => f.messageId === 'dateOfBirth' || f.messageId === 'partialDateOfBirth')) {
            found.push({ messageId: full ? 'dateOfBirth' : 'partialDateOfBirth', start: 0, end: 0, level: full ? undefined : 'warn', sensitive: true });
          }
        }
        for (const f of found) {
          context.report({ row: { table, index }, messageId: f.messageId, data: f.data, level: f.level, sensitive: f.sensitive });
        }
      });
    }

    return {
      heading: reportText,
      paragraph: reportText,
      table: reportTable,
      'document:exit'() {
        // Running headers and footers (Word header parts, repeated PDF lines): identifiers only,
        // since an organisation's letterhead may legitimately carry an address.
        const furniture = doc.furniture;
        if (!furniture) return;
        const seen = new Set<string>();
        for (const [where, lines] of [['header', furniture.headers], ['footer', furniture.footers]] as const) {
          for (const line of lines) {
            for (const f of scan(line, undefined, { contacts: false, labelAware: false })) {
              if (f.messageId === 'redactionMarker' || f.messageId === 'redactionBlank' || f.messageId === 'dateOfDeath') continue;
              const kind =
                f.messageId === 'realName'
                  ? 'a real name listed in the settings'
                  : f.messageId === 'nhsNumber' || f.messageId === 'nhsNumberUnchecked'
                    ? 'an NHS number'
                    : f.messageId === 'niNumber'
                      ? 'a National Insurance number'
                      : 'a date of birth';
              const key = `${where}:${kind}`;
              if (seen.has(key)) continue;
              seen.add(key);
              context.report({ messageId: 'inRunningText', data: { where, kind }, level: f.level, sensitive: true });
            }
          }
        }
      },
    };
  },
});

