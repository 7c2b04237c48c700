import { describe, expect, it } from 'vitest';
import { matchTemplateIds } from '../../src/model/templates.js';

/** Headings seen in real reports (TEMPLATES.md synonyms column) and the ids they must give. */
const OVERVIEW: [string, string[]][] = [
  ['Table of Contents', ['contents']],
  ['Glossary of Terms', ['glossary']],
  ['Key', ['glossary']],
  ['Foreword', ['preface']],
  ['A message of condolence', ['preface']],
  ['Pen portrait of Maria', ['tribute']],
  ['Summary of circumstances leading to the review', ['introduction']],
  ['Outline of the Incident', ['introduction']],
  ['Timescale for Review', ['timescales']],
  ['Review timescales', ['timescales']],
  ['Timeframe', ['timescales']],
  ['Family engagement', ['family-involvement']],
  ['Views of the family', ['family-involvement']],
  ['Independent Reviewer', ['chair-author']],
  ["Author's statement", ['chair-author']],
  ['Process and timescales for the Review', ['timescales']],
  ['Delays with the DHR', ['timescales']],
  ['Confidentiality', ['confidentiality']],
  ['ToR', ['terms-of-reference']],
  ['Terms of reference for the DHR', ['terms-of-reference']],
  ['Key Lines of Enquiry', ['terms-of-reference']],
  ['DHR methodology', ['methodology']],
  ['Conduct of Review', ['methodology']],
  ['Contact with family and friends', ['family-involvement']],
  ["The thoughts and feelings of Maria's family", ['family-involvement']],
  ['Agencies and other contributors to the review', ['contributors']],
  ['Composition of the DHR panel', ['panel-members']],
  ['Review Panel', ['panel-members']],
  ['Domestic Homicide Review Chair and Overview Report Author', ['chair-author']],
  ['Independent Chair', ['chair-author']],
  ['Criminal Proceedings', ['parallel-reviews']],
  ['Ethnicity, Cultural, and Equality Issues', ['equality-diversity']],
  ['Equalities', ['equality-diversity']],
  ['The Facts', ['background-facts']],
  ['Summary of Chronology', ['chronology']],
  ['Detailed chronology from 2015', ['chronology']],
  ['Contact with agencies and services', ['overview']],
  ['Key Issues and Analysis', ['analysis']],
  ['Analysis of Involvement', ['analysis']],
  ['Conclusions and key issues arising from the review', ['conclusions']],
  ['The issue of preventability', ['conclusions']],
  ['Lessons Learnt', ['lessons']],
  ['Effective Practice/Lessons Learnt', ['lessons']],
  ['IMR Recommendations (Single Agency)', ['recommendations']],
  ['Appendix B – Action Plan', ['action-plan']],
  ['Letter from Home Office Quality Assurance Group', ['qa-letter']],
  ['Home Office Quality Assurance Panel feedback letter', ['qa-letter']],
];

const COMBINED: [string, string[]][] = [
  ['Conclusions and Recommendations', ['conclusions', 'recommendations']],
  ['Lessons Learned and Recommendations', ['lessons', 'recommendations']],
  ['Overview and Analysis', ['overview', 'analysis']],
  ['The Review Process and Terms of Reference', ['terms-of-reference']],
  ['Background and Chronology', ['background-facts', 'chronology']],
  ['Review process and timescales', ['timescales']],
];

const NOT: string[] = ['Independence of IMR authors', 'Maria', 'Wendleshire Police', 'Key episodes in 2019', 'Good practice', 'Risk assessment'];

describe('matchTemplateIds', () => {
  for (const [heading, ids] of OVERVIEW) {
    it(`"${heading}"`, () => expect(matchTemplateIds(heading)).toEqual(expect.arrayContaining(ids)));
  }
  for (const [heading, ids] of COMBINED) {
    it(`combined: "${heading}"`, () => expect(matchTemplateIds(heading)).toEqual(expect.arrayContaining(ids)));
  }
  for (const heading of NOT) {
    it(`no id for "${heading}"`, () => expect(matchTemplateIds(heading)).toEqual([]));
  }
  it('summary-only ids apply inside an executive summary', () => {
    expect(matchTemplateIds('The Review Process', { summary: true })).toEqual(['review-process']);
    expect(matchTemplateIds('The Review Process')).toEqual([]);
    expect(matchTemplateIds('Summary of Chronology', { summary: true })).toEqual(['summary-chronology']);
    expect(matchTemplateIds('Brief facts leading to this DHR', { summary: true })).toContain('summary-chronology');
  });
  it('reads OCR noise "OHR" as DHR', () => {
    expect(matchTemplateIds('OHR methodology')).toEqual(['methodology']);
  });
});
