import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/readers/index.js';
import { ReportDocument } from '../../src/model/document.js';
import data from './agencies.json' with { type: 'json' };
import {
  agencyIndex,
  contributors,
  findAgencyMentions,
  findMachinery,
  groupOf,
  isKnownSector,
  isPseudoGroup,
  labelOf,
  mentionsOf,
  onlyAgencyStatements,
} from './agencies.js';

function sectors(text: string, local?: Record<string, string>): string[] {
  return findAgencyMentions(text, local)
    .filter((m) => !m.employment)
    .map((m) => m.sector);
}

async function docOf(md: string): Promise<ReportDocument> {
  const result = await readBytes(new TextEncoder().encode(md), 'markdown');
  return new ReportDocument({ ...result, file: 'test.md', format: 'markdown' });
}

describe('agencies.json', () => {
  it('has a source and a confidence word for every pattern, and every pattern compiles', () => {
    const words = new Set(['verified', 'partial', 'unverified', 'heuristic']);
    for (const p of [...data.patterns, ...data.machinery]) {
      expect(p.source, p.pattern).toBeTruthy();
      expect(words.has(p.confidence), p.pattern).toBe(true);
      expect(() => new RegExp(p.pattern, 'g')).not.toThrow();
    }
  });
  it('maps every pattern to a known sector, and every sector to a known group', () => {
    for (const p of data.patterns) expect(isKnownSector(p.sector), p.sector).toBe(true);
    for (const s of data.sectors) expect(data.groups.some((g) => g.id === s.group), s.id).toBe(true);
  });
});

describe('findAgencyMentions: agency names and sectors', () => {
  it.each([
    ['Wendleshire Police attended the address.', ['police']],
    ['Devon and Cornwall Police and the Metropolitan Police shared records.', ['police', 'police']],
    ['The Senior Investigating Officer (SIO) met the family.', ['police', 'police']],
    ['The GP referred her to the community mental health team (CMHT).', ['health-primary', 'health-mental', 'health-mental']],
    ['Eastmere and Wendle Hospitals NHS Foundation Trust treated her in the Emergency Department.', ['health-acute', 'health-acute']],
    ['South Western Ambulance Service NHS Foundation Trust conveyed her.', ['health-ambulance']],
    ['Devon Partnership NHS Trust assessed him.', ['health-mental']],
    ['NHS Wendleshire Integrated Care Board commissions the service.', ['health-system']],
    ['The health visitor saw the baby.', ['health-community']],
    ['Wendleshire County Council Adult Social Care assessed him.', ['adult-social-care']],
    ["Children's Social Care held a child protection conference.", ['children-social-care', 'children-social-care']],
    ['Eastmere Borough Council Housing Options saw her once.', ['housing']],
    ['Sanctuary Housing and Ealing Homes were the landlords.', ['housing', 'housing']],
    ['The Independent Domestic Violence Advisor (IDVA) called her.', ['da-specialist', 'da-specialist']],
    ["She contacted Women's Aid.", ['da-specialist']],
    ['The drug and alcohol service discharged him.', ['substance-misuse']],
    ['The Crown Prosecution Service (CPS) charged him.', ['criminal-justice', 'criminal-justice']],
    ['The Probation Service supervised him.', ['criminal-justice']],
    ['The case was heard at MARAC.', ['multi-agency']],
    ['Her daughter attended Eastmere High School.', ['education']],
    ['The Department for Work and Pensions paid her benefits.', ['welfare-money']],
    ['The Trust did not see her alone; the Practice had no policy.', ['health', 'health-primary']],
  ])('%s', (text, expected) => {
    expect(sectors(text)).toEqual(expected);
  });

  it('widens a capitalised match to the whole agency name', () => {
    const [m] = findAgencyMentions('Later, Wendleshire Partnership NHS Foundation Trust saw him.');
    expect(m?.name).toBe('Wendleshire Partnership NHS Foundation Trust');
    expect(m?.text).toBe('Partnership NHS Foundation Trust');
  });

  it('gives the span of the match in the text', () => {
    const text = 'She was seen by the GP twice.';
    const [m] = findAgencyMentions(text);
    expect(text.slice(m!.start, m!.end)).toBe('GP');
  });
});

describe('findAgencyMentions: what is not an agency (AGENCIES.md §2–4)', () => {
  it.each([
    'The report was copied to the Police and Crime Commissioner for Wendleshire.',
    'The Office of the Police and Crime Commissioner (OPCC) funds the service.',
    "Adam's mental health deteriorated after 2020.",
    'She had a housing need and health problems.',
    'She left school at 16 and later had surgery on her wrist.',
    'The Community Safety Partnership (CSP) commissioned this Domestic Homicide Review (DHR).',
    'Each Individual Management Review (IMR) was read by the review panel.',
    'The Home Office Quality Assurance Panel considered the report.',
    'The DASH risk assessment was graded standard.',
    'The Domestic Abuse, Stalking and Harassment checklist was used.',
    'No Safeguarding Adults Review (SAR) or Serious Case Review (SCR) was held.',
    'The IOPC returned the referral for local handling.',
    'The Domestic Abuse Act 2021 and the Care Act 2014 apply.',
    'Her eating disorder (ED) was longstanding.',
    'Domestic abuse (DA) was not recognised.',
    'CPR was given at the scene.',
  ])('%s', (text) => {
    expect(sectors(text)).toEqual([]);
  });

  it('reads ambiguous abbreviations by context (AGENCIES.md §3)', () => {
    expect(sectors('She attended ED with a fracture.')).toEqual(['health-acute']);
    expect(sectors('A child protection (CP) plan was made; the CP plan ended.')).toContain('children-social-care');
    expect(sectors('The CP was unclear.')).toEqual([]);
    expect(sectors('PC Smith attended with a PC from the next town.')).toEqual(['police', 'police']);
    expect(sectors('He used NPS at weekends.')).toEqual([]);
    expect(sectors('NPS supervision ended in 2019.')).toEqual(['criminal-justice']);
    expect(sectors('He was referred to ASC for an assessment.')).toEqual(['adult-social-care']);
    expect(sectors('He has an ASC diagnosis.')).toEqual([]);
  });

  it('reads a social worker by who the sentence is about', () => {
    expect(sectors('The social worker visited the children at school.')).toContain('children-social-care');
    expect(sectors('The social worker completed a Care Act assessment.')).toEqual(['adult-social-care', 'adult-social-care']);
  });

  it('marks an agency named as an employer (West Northamptonshire DHR 001)', () => {
    const mentions = findAgencyMentions('Adam was a serving police officer. He worked for Wendleshire Police until 2019.');
    expect(mentions.map((m) => m.employment)).toEqual([true, true]);
    expect(findAgencyMentions('A police officer attended the flat.')[0]?.employment).toBe(false);
  });

  it('finds review machinery spans', () => {
    const text = 'The IMR and the DHR panel; the Police and Crime Commissioner.';
    const spans = findMachinery(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(expect.arrayContaining(['IMR', 'DHR', 'Police and Crime Commissioner']));
  });
});

describe('local names (settings.agencies)', () => {
  it('maps a local name to its sector, ahead of the built-in patterns', () => {
    expect(sectors('Splitz and the Haven Project supported her.', { 'Haven Project': 'da-specialist' })).toEqual(['da-specialist', 'da-specialist']);
    expect(sectors('The Blue Door saw her.', { 'Blue Door': 'housing' })).toEqual(['housing']);
  });
  it('accepts a group id and ignores unknown sector ids', () => {
    expect(sectors('Wellspring saw him.', { Wellspring: 'health' })).toEqual(['health']);
    expect(sectors('Wellspring saw him.', { Wellspring: 'nonsense' })).toEqual([]);
  });
});

describe('sector helpers', () => {
  it('groups fine sectors', () => {
    expect(groupOf('health-mental')).toBe('health');
    expect(groupOf('police')).toBe('police');
    expect(groupOf('health')).toBe('health');
    expect(groupOf('nope')).toBeUndefined();
    expect(labelOf('children-social-care')).toBe("children's social care");
    expect(isPseudoGroup('multi-agency')).toBe(true);
    expect(isPseudoGroup('police')).toBe(false);
  });
});

describe('per-document indexes', () => {
  const md = [
    '# Report',
    '',
    '## 7. Contributors to the Review',
    '',
    '| Agency | Contribution |',
    '|---|---|',
    '| Wendleshire Police | IMR |',
    '| Riverside Medical Practice (GP) | IMR |',
    '| Eastmere Recovery Partnership | Summary report |',
    '',
    "7.2 Children's social care checked its records and had no contact with Jane.",
    '',
    '## 16. Analysis',
    '',
    'Wendleshire Police were the only agency to have contact with Jane before 2020.',
  ].join('\n');

  it('caches mentions per document', async () => {
    const doc = await docOf(md);
    expect(agencyIndex(doc)).toBe(agencyIndex(doc));
    const block = doc.blocks.find((b) => b.text.startsWith('Wendleshire Police were'))!;
    expect(mentionsOf(doc, block).map((m) => m.sector)).toEqual(['police']);
  });

  it('reads the contributors list, IMR marks and nil returns', async () => {
    const doc = await docOf(md);
    const c = contributors(doc);
    expect([...c.sectors.keys()].sort()).toEqual(['health-primary', 'police', 'substance-misuse']);
    expect(c.sectors.get('police')?.imr).toBe(true);
    expect(c.sectors.get('substance-misuse')?.imr).toBe(false);
    expect(c.sectors.get('health-primary')?.names).toEqual(['Riverside Medical Practice']);
    expect(c.imrMarked).toBe(true);
    expect([...c.noContact.keys()]).toEqual(['children-social-care']);
  });

  it('reads a contributors table that reached the model as one paragraph (plain text)', async () => {
    const text = [
      '7. CONTRIBUTORS TO THE REVIEW',
      '',
      '| Wendleshire Police | IMR |',
      '| Eastmere Recovery Partnership | Summary report |',
      '| Eastmere Borough Council Housing Options | IMR |',
    ].join('\n');
    const result = await readBytes(new TextEncoder().encode(text), 'text');
    const doc = new ReportDocument({ ...result, file: 'test.txt', format: 'text' });
    const c = contributors(doc);
    expect(c.imrMarked).toBe(true);
    expect(c.sectors.get('substance-misuse')?.imr).toBe(false);
    expect(c.sectors.get('housing')?.imr).toBe(true);
  });

  it('finds statements that one agency was the only one in contact', async () => {
    const doc = await docOf(md);
    const s = onlyAgencyStatements(doc);
    expect(s).toHaveLength(1);
    expect(s[0]!.groups).toEqual(['police']);
  });
});
