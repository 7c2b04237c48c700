import { defineRule } from '../../src/api/rule.js';
import type { Block, Section } from '../../src/model/types.js';
import { normaliseHeading } from '../../src/api/text.js';
import { Prefilter } from '../_shared/prefilter.js';
import cues from './cues.json' with { type: 'json' };

type Element = 'contact' | 'participation' | 'advocacy' | 'draft-shared';

interface Options {
  /** What the account of the family's involvement must say. */
  require: Element[];
  /** Report a missing tribute or pen portrait at `info`, or not at all. */
  tribute: 'info' | 'off';
}

const re = (p: string, flags = 'i'): RegExp => new RegExp(p, flags);
const PEOPLE = re(cues.people.pattern);
const NOT_FAMILY = cues.notFamily.map((c) => re(c.pattern, 'gi'));
const REVIEW_ACTOR = re(cues.reviewActor.pattern);
const PERPETRATOR = re(cues.perpetrator.pattern);
const CONTACT = cues.contact.map((c) => re(c.pattern));
const PARTICIPATION = cues.participation.map((c) => re(c.pattern));
const DECLINE = cues.decline.map((c) => re(c.pattern));
const ADVOCACY = cues.advocacy.map((c) => re(c.pattern));
const NOT_ADVOCACY = re(cues.notAdvocacy.pattern, 'gi');
const DRAFT = cues.draftShared.map((c) => re(c.pattern));
const TRIBUTE = cues.tribute.map((c) => re(c.pattern));
/**
 * Which sentence tests can match somewhere in a paragraph (the sentences are pieces of it): PERPETRATOR,
 * REVIEW_ACTOR, then each of NOT_FAMILY. Most paragraphs name no one these blank out.
 */
const SENTENCE_FILTER = new Prefilter([PERPETRATOR, REVIEW_ACTOR, ...NOT_FAMILY]);
const PRONOUN_START = /^(?:he|she|they|his|her|their|him|it)\b/i;
const HEADINGS = cues.headings.patterns.map((p) => re(p));
const NOT_HEADING = re(cues.headings.not);

const ITEMS: Record<Element, string> = {
  contact: 'which family members and friends were contacted, and how',
  participation: 'who took part, and how (meetings, calls, written accounts)',
  advocacy: 'whether specialist advocacy (for example from AAFDA) was offered',
  'draft-shared': 'whether the family saw the draft report and could comment on it',
};

/** Sections where a tribute or pen portrait is usually written. */
const TRIBUTE_IDS = ['tribute', 'preface', 'introduction', 'family-involvement', 'background-facts', 'review-process'];
const SKIP_PARTS = new Set(['qa-letter', 'action-plan']);
/** Sections that name the family without telling what happened: a glossary entry for AAFDA, the
 * terms of reference's plans, the list of people who receive the final report. */
const SKIP_IDS = ['glossary', 'contents', 'terms-of-reference', 'dissemination', 'qa-letter', 'action-plan'];

/** The text with the matches of `patterns` blanked out; `possible` (by pattern) skips those that cannot match. */
function blank(text: string, patterns: RegExp[], possible?: Uint8Array): string {
  let out = text;
  patterns.forEach((r, i) => {
    if (possible && !possible[i]) return;
    out = out.replace(r, (m) => ' '.repeat(m.length));
  });
  return out;
}

function listOf(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join('; ')}; or ${items[items.length - 1]}` : items[0]!;
}

export default defineRule<Options>({
  meta: {
    id: 'family-involvement',
    group: 'structure',
    description:
      "The report says which family members and friends were contacted, who took part and how, whether advocacy was offered and whether they saw the draft; or that they declined",
    defaultLevel: 'warn',
    sources: [
      {
        title: 'Devon case 17 QA Panel letter (2022): praised input from family, friends and ex-partners; Bassetlaw "Sarah" letter (2023): "a strong sense of Sarah\'s voice"',
        url: 'https://saferdevon.co.uk/domestic-homicide-review-case-17-feedback-letter/',
      },
      {
        title: 'Devon case 23 QA Panel letter (2023): no family tribute in the executive summary or the overview report',
        url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-feedback-letter/',
      },
      {
        title: 'J. Rowlands, "What makes a DHR?": family involvement, specialist advocacy and the victim\'s voice in the statutory guidance',
        url: 'https://www.jhrowlands.co.uk/single-post/2018/06/27/What-makes-a-DHR',
      },
      {
        title: 'Home Office, Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews (2016): the model layout has a section on the involvement of family and friends',
        url: 'https://www.gov.uk/government/publications/revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews',
      },
    ],
    messages: {
      missing:
        "The report does not describe the involvement of the victim's family and friends. Add a section (usually in the review process part) saying who was contacted, who took part and how, whether specialist advocacy was offered and whether they saw the draft report; or that they chose not to take part.",
      incomplete: 'Section {{section}} does not say {{items}}. Add this, or say why it did not happen (for example, that the family chose not to take part).',
      noTribute:
        'The report has no tribute or pen portrait of the victim. If the family wished to give one, add it (usually after the preface), so that the reader meets the person and not only the case.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        require: { type: 'array', uniqueItems: true, items: { enum: ['contact', 'participation', 'advocacy', 'draft-shared'] } },
        tribute: { enum: ['info', 'off'] },
      },
    },
    defaultOptions: { require: ['contact', 'participation', 'advocacy', 'draft-shared'], tribute: 'info' },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    /** Text before the first heading, or directly under a title heading that wraps the document. */
    const onTitlePage = (block: Block): boolean => block.section.level === 0 || block.section === doc.titleSection;
    const perpetratorNames = settings.pseudonyms
      .filter((p) => /perpetrator|offender|suspect|killer/i.test(p.role ?? ''))
      .flatMap((p) => [p.label, ...(p.aliases ?? [])]);
    const perpetratorName = perpetratorNames.length
      ? new RegExp(`\\b(?:${perpetratorNames.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`)
      : undefined;

    const usable = (b: Block): boolean =>
      !SKIP_PARTS.has(b.section.part.kind) &&
      b.kind !== 'code' &&
      b.kind !== 'heading' &&
      !SKIP_IDS.some((id) => doc.isWithin(b.section, id));
    const aboutPerpetrator = (s: Section): boolean =>
      PERPETRATOR.test(s.title) || (perpetratorName?.test(s.title) ?? false);

    interface Unit {
      block: Block;
      text: string;
      /** Names a family member or friend (after removing "Family Court" and the like). */
      people: boolean;
    }

    function sentencesOf(block: Block): string[] {
      if (block.kind === 'table' && block.table) return block.table.rows.map((r) => r.cells.join(' | '));
      return doc.sentences(block).map((s) => s.text);
    }

    /** Sentences of a block, without those about the perpetrator (and pronoun sentences that follow them). */
    function unitsOf(block: Block, inSection: boolean): Unit[] {
      const out: Unit[] = [];
      let perpetratorRun = false;
      let familyRun = false;
      // A table's rows are not pieces of its text: they are tested without the filter.
      const possible = block.kind === 'table' ? undefined : SENTENCE_FILTER.possible(block.text);
      const notFamily = possible?.subarray(2);
      for (const text of sentencesOf(block)) {
        const pronoun = PRONOUN_START.test(text);
        const isPerpetrator = (possible?.[0] !== 0 && PERPETRATOR.test(text)) || (perpetratorName?.test(text) ?? false);
        if (isPerpetrator || (perpetratorRun && pronoun)) {
          perpetratorRun = true;
          familyRun = false;
          continue;
        }
        perpetratorRun = false;
        const actor = possible?.[1] !== 0 && REVIEW_ACTOR.test(text);
        // "The Chair met Helen's sister. She read the draft report. The Chair met them again.":
        // a pronoun carries the family on to the next sentences.
        const carried: boolean = familyRun && (pronoun || (actor && /\b(?:they|them|their|she|her|he|him)\b/i.test(text)));
        // Whether it names the family matters only when it can be kept (most sentences cannot).
        if (!inSection && !actor && !carried) {
          familyRun = false;
          continue;
        }
        const people = PEOPLE.test(blank(text, NOT_FAMILY, notFamily));
        if (inSection || (people && actor) || carried) {
          out.push({ block, text, people: people || carried });
          familyRun = people || carried;
        } else {
          familyRun = false;
        }
      }
      return out;
    }

    return {
      'document:exit'() {
        // Headings matched to the template id, or variants the shared table misses ("Family engagement").
        const ownHeading = (s: Section): boolean => {
          const t = normaliseHeading(s.title);
          return HEADINGS.some((r) => r.test(t)) && !NOT_HEADING.test(t);
        };
        const familySections = doc.sections.filter(
          (s) =>
            s.level > 0 &&
            (s.templateIds.includes('family-involvement') || ownHeading(s)) &&
            !SKIP_PARTS.has(s.part.kind) &&
            !SKIP_IDS.some((id) => doc.isWithin(s, id)),
        );
        const inFamilySection = (b: Block): boolean => familySections.some((s) => b.index >= s.start && b.index < s.end);
        const units: Unit[] = [];
        for (const block of doc.blocks) {
          if (!usable(block)) continue;
          const inSection = inFamilySection(block);
          // Subsections about the perpetrator ("6.4 The perpetrator") are not the family's involvement.
          let perpetratorSection = false;
          for (let s: Section | undefined = block.section; s && s.level > 0; s = s.parent) if (aboutPerpetrator(s)) perpetratorSection = true;
          if (perpetratorSection) continue;
          units.push(...unitsOf(block, inSection));
        }

        function checkTribute(): void {
          if (doc.sectionsById('tribute').some((s) => doc.blocksOf(s).some((b) => b.kind !== 'heading'))) return;
          for (const block of doc.blocks) {
            if (block.kind === 'heading' && /\b(?:tribute|pen portrait|in memory of)\b/i.test(block.text)) return;
            if (!usable(block)) continue;
            const inTributePlace =
              onTitlePage(block) ||
              TRIBUTE_IDS.some((id) => doc.isWithin(block.section, id)) ||
              inFamilySection(block) ||
              block.section.part.kind === 'executive-summary';
            if (!inTributePlace) continue;
            if (sentencesOf(block).some((t) => TRIBUTE.some((r) => r.test(t)))) return;
          }
          const anchor = doc.sectionsById('preface')[0] ?? doc.sectionsById('introduction')[0];
          context.report({ messageId: 'noTribute', level: 'info', ...(anchor ? { section: anchor } : {}) });
        }

        const isOverview = doc.kind !== 'executive-summary';
        const has = (patterns: RegExp[], u: Unit): boolean => patterns.some((r) => r.test(u.text));

        // A decline, or no family to contact: nothing more can be asked of the report.
        let generalDecline = false;
        const satisfied = new Set<Element>();
        for (const u of units) {
          if (!has(DECLINE, u)) continue;
          if (!u.people && !inFamilySection(u.block)) continue;
          satisfied.add('contact');
          satisfied.add('participation');
          const specific = /\b(?:draft|report|advoca\w*|AAFDA|support|leaflet|interpreter|meet|meeting)\b/i.test(u.text);
          if (/\b(?:draft|report)\b/i.test(u.text)) satisfied.add('draft-shared');
          if (/\b(?:advoca\w*|AAFDA|support)\b/i.test(u.text)) satisfied.add('advocacy');
          if (!specific) generalDecline = true;
        }

        if (options.tribute === 'info' && isOverview && !generalDecline) checkTribute();

        if (units.length === 0 && familySections.length === 0) {
          if (!isOverview) return; // an executive summary may be silent about the family
          const anchor = doc.sectionsById('methodology')[0] ?? doc.sectionsById('terms-of-reference')[0];
          context.report({ messageId: 'missing', ...(anchor ? { section: anchor } : {}) });
          return;
        }
        if (generalDecline) return;

        for (const u of units) {
          if (has(CONTACT, u)) satisfied.add('contact');
          if (has(PARTICIPATION, u)) {
            satisfied.add('participation');
            satisfied.add('contact'); // they could not take part without being contacted
          }
          if (ADVOCACY.some((r) => r.test(blank(u.text, [NOT_ADVOCACY])))) satisfied.add('advocacy');
          if (has(DRAFT, u)) satisfied.add('draft-shared');
        }
        const missing = options.require.filter((e) => !satisfied.has(e));
        if (!missing.length) return;
        // A summary without its own family section may mention the family briefly: do not ask it for every detail.
        if (!isOverview && familySections.length === 0) return;
        const section = familySections[0];
        // Without a family section, point at the paragraph that tells of the contact (not a condolence).
        const anchorUnit = units.find((u) => has(CONTACT, u) || has(PARTICIPATION, u)) ?? units[0]!;
        const where = `"${doc.sectionLabel(section ?? anchorUnit.block.section)}"`;
        context.report({
          messageId: 'incomplete',
          ...(section ? { section } : { block: anchorUnit.block }),
          data: { section: where, items: listOf(missing.map((e) => ITEMS[e])) },
          details: { missing },
        });
      },
    };
  },
});
