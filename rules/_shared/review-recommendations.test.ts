import { describe, expect, it } from 'vitest';
import { readReviewDocument } from './review-testing.js';
import { containment, contentWords, dice, documentScope, findReviewRecommendations, stem } from './review-recommendations.js';

async function recs(md: string) {
  const doc = await readReviewDocument({ file: 'r.md', md });
  return findReviewRecommendations(documentScope(doc)).map((r) => [r.number, r.method, r.set, r.text]);
}

describe('stem and contentWords', () => {
  it.each([
    ['referrals', 'referral'],
    ['controlling', 'control'],
    ['controlled', 'control'],
    ['agencies', 'agency'],
    ['seeing', 'see'],
  ])('%s → %s', (word, expected) => expect(stem(word)).toBe(expected));
  it('drops numbers, stop-words and the word "recommendation"', () => {
    expect([...contentWords('Recommendation 3: the Police should review 12 DASH referrals.')]).toEqual(['police', 'review', 'dash', 'referral']);
  });
  it('measures similarity and containment', () => {
    const a = contentWords('Police checks the perpetrator history before grading the risk');
    const b = contentWords("Police checks the perpetrator's history with any previous partner before grading the risk");
    expect(dice(a, b)).toBeGreaterThan(0.6);
    expect(containment(a, b)).toBe(1);
  });
});

describe('findReviewRecommendations', () => {
  it('reads labels (also after a paragraph number) and keeps duplicates', async () => {
    expect(await recs('## 19. Recommendations\n\n19.1 Recommendation 1: The CSP agrees a protocol.\n\n**Recommendation 1.** The police train officers.\n')).toEqual([
      ['1', 'label', undefined, 'The CSP agrees a protocol.'],
      ['1', 'label', undefined, 'The police train officers.'],
    ]);
  });
  it('reads list items with their set from the sub-heading or the introduction', async () => {
    const md = '## Recommendations\n\n### Multi-agency recommendations\n\n1. The CSP agrees a protocol.\n\nThe single-agency recommendations below were made in the IMRs:\n\n2. The police train officers.\n   - within six months\n';
    expect(await recs(md)).toEqual([
      ['1', 'list', 'multi', 'The CSP agrees a protocol.'],
      ['2', 'list', 'single', 'The police train officers. within six months'],
    ]);
  });
  it('reads numbered paragraphs, not the introduction', async () => {
    expect(await recs('## 15. Recommendations\n\n15.1 The Panel makes the following recommendations:\n\n15.2 The CSP should agree a protocol with all agencies.\n\n15.3 The police should train officers in risk.\n')).toEqual([
      ['15.2', 'numbered', undefined, 'The CSP should agree a protocol with all agencies.'],
      ['15.3', 'numbered', undefined, 'The police should train officers in risk.'],
    ]);
  });
  it('reads bulleted labels from a PDF ("• Recommendation 2: …")', async () => {
    expect(await recs('## Recommendations\n\n• Recommendation 2: The CSP agrees a protocol with every agency.\n')).toEqual([['2', 'label', undefined, 'The CSP agrees a protocol with every agency.']]);
  });
  it('leaves out the executive summary part, the action plan and earlier reviews', async () => {
    const md = '# Overview Report\n\nCover.\n\n# Executive Summary\n\n## Recommendations\n\n1. Summary item.\n\n# 19. Recommendations\n\n1. The CSP agrees a protocol.\n\n## Progress on previous recommendations\n\n1. Old item.\n\n# Appendix A – Action Plan\n\n## Recommendations\n\n1. Plan item.\n';
    expect((await recs(md)).map((r) => r[3])).toEqual(['The CSP agrees a protocol.']);
  });
});
