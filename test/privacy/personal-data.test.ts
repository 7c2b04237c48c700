import { describe, expect, it } from 'vitest';
import { createRedactor, findPersonalData, isValidNhsNumber } from '../../src/privacy/personal-data.js';

const kinds = (text: string, names: string[] = []) => findPersonalData(text, names).map((m) => [m.kind, m.text, m.valid, m.note ?? null]);

describe('personal-data detectors', () => {
  it('checks NHS numbers with modulus 11 (ANONYMISATION.md worked example)', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('2222222222')).toBe(false); // placeholder, though it passes the sum
    expect(kinds('Her NHS number was 943 476 5919.')).toEqual([['nhs-number', '943 476 5919', true, null]]);
    expect(kinds('Reference 943 476 5918 was used.')).toEqual([]);
    expect(kinds('NHS No. 943 476 5918')).toEqual([['nhs-number', '943 476 5918', false, 'cue-without-valid-number']]);
  });
  it('finds NI numbers by the prefix rules, not the HMRC example', () => {
    expect(kinds('NI number AB 12 34 56 C')).toEqual([['ni-number', 'AB 12 34 56 C', true, null]]);
    expect(kinds('The example QQ 12 34 56 A is never issued.')).toEqual([]);
  });
  it('finds full postcodes, not motorways or partial codes', () => {
    expect(kinds('She lived at 14 Orchard Road, Eastmere EM4 7QT.')).toEqual([
      ['address', '14 Orchard Road', true, null],
      ['postcode', 'EM4 7QT', true, null],
    ]);
    expect(kinds('They drove on the M1 towards B3 and QA1 1AA.')).toEqual([]);
  });
  it('finds phone numbers and marks organisational ones; ignores 999, times and dates', () => {
    expect(kinds('Call 07700 900123 or 01632 960000.')).toEqual([
      ['phone', '07700 900123', true, null],
      ['phone', '01632 960000', true, null],
    ]);
    expect(kinds('The helpline 0808 2000 247 is free.')).toEqual([['phone', '0808 2000 247', true, 'organisation-number']]);
    expect(kinds('She called 999 at 01:32hrs on 12/03/2021.')).toEqual([]);
  });
  it('finds e-mail addresses and marks generic mailboxes', () => {
    expect(kinds('Write to jane.doe@example.org or DHREnquiries@homeoffice.gsi.gov.uk')).toEqual([
      ['email', 'jane.doe@example.org', true, null],
      ['email', 'DHREnquiries@homeoffice.gsi.gov.uk', true, 'generic-mailbox'],
    ]);
  });
  it('finds dates of birth by their cue, full or month-year; not ages', () => {
    expect(kinds('Maria (DOB 12/03/1980) and Adam, born on 3 March 1975, aged 48.')).toEqual([
      ['dob', '12/03/1980', true, null],
      ['dob', '3 March 1975', true, null],
    ]);
    expect(kinds('Date of birth: March 1980')).toEqual([['dob', 'March 1980', true, 'month-year']]);
    expect(kinds('She was aged 54 when she died in March 2023.')).toEqual([]);
  });
  it('finds configured real names as whole words', () => {
    expect(kinds('Jane Realname met the officer; Janet did not.', ['Jane Realname', 'Jan'])).toEqual([['real-name', 'Jane Realname', true, null]]);
  });
});

describe('createRedactor', () => {
  it('masks personal data and real names, and leaves other text alone', () => {
    const redact = createRedactor(['Jane Realname']);
    expect(redact('Jane Realname (DOB 12/03/1980) lived at 14 Orchard Road, EM4 7QT; tel 07700 900123.')).toBe(
      '[redacted] (DOB [redacted]) lived at [redacted], [redacted]; tel [redacted].',
    );
    expect(redact('The panel met in May 2023.')).toBe('The panel met in May 2023.');
  });
});

describe('detector fixes reported by the personal-data rule', () => {
  it('reads +44 (0) numbers and leaves a closing bracket out', () => {
    expect(kinds('Call +44 (0)7700 900123 today.')).toEqual([['phone', '+44 (0)7700 900123', true, null]]);
    expect(kinds('(tel 07700 900123)')).toEqual([['phone', '07700 900123', true, null]]);
  });
  it('finds "born in March 1980" and "born on the 3rd of March 1975"', () => {
    expect(kinds('She was born in March 1980.')).toEqual([['dob', 'March 1980', true, 'month-year']]);
    expect(kinds('He was born on the 3rd of March 1975.')).toEqual([['dob', '3rd of March 1975', true, null]]);
  });
  it('does not read counts of things as street addresses', () => {
    expect(kinds('The NHS 5 Year Forward View and 3 Magistrates Court hearings.')).toEqual([]);
  });
});
