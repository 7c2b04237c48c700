import { defineRule } from '../../src/api/rule.js';
import type { Block, Section } from '../../src/model/types.js';
import {
  contributors as findContributors,
  groupOf,
  isKnownSector,
  isPseudoGroup,
  labelOf,
  mentionsOf,
  findAgencyMentions,
  onlyAgencyStatements,
  SECTORS,
  type LocalNames,
} from '../_shared/agencies.js';
import cues from './exclusions.json' with { type: 'json' };

interface Options {
  /** A sector above this share of the agency discussion dominates (0..1). */
  maxShare: number;
  /** A contributing sector below this share is barely analysed (0..1). */
  minShare: number;
  /** Count paragraphs that mention a sector, or every mention. */
  unit: 'paragraphs' | 'mentions';
  /** Section ids (TEMPLATES.md) whose paragraphs are counted. */
  scope: string[];
  /** Section ids never counted, even inside the scope (a chronology inside the overview). */
  exclude: string[];
  /** Compare groups (police, health, social care...) or fine sectors (GP, hospital, mental health...). */
  granularity: 'group' | 'sector';
  /** Fewer counted paragraphs than this: too little to judge balance. */
  minParagraphs: number;
  /**
   * A sector with several agencies (health: GP, hospital, mental health...) is expected to take more
   * room: it dominates only when its share also exceeds its fair share (its number of agencies over
   * all agencies) by at least this margin.
   */
  fairShareMargin: number;
  /** Sectors that contributed, when the report has no usable Contributors section (sector or group ids). */
  contributors: string[];
  /** Local agency names → sector or group id, added to `settings.agencies`. */
  sectors: Record<string, string>;
}

const SECTOR_IDS = new Set(SECTORS.keys());
const EXCLUSION = cues.exclusion.map((c) => new RegExp(c.pattern, 'i'));
const REASON = new RegExp(cues.reason.pattern, 'i');

/** Sections where agencies are said to have been left out of the review. */
const PROCESS_IDS = ['contributors', 'methodology', 'terms-of-reference', 'introduction', 'review-process', 'panel-members'];

function percent(share: number): string {
  const p = share * 100;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}

export default defineRule<Options>({
  meta: {
    id: 'agency-balance',
    group: 'analysis',
    description: 'The analysis gives due weight to every agency that had contact: no single sector dominates, contributors are analysed, exclusions are explained',
    defaultLevel: 'warn',
    sources: [
      { title: 'Home Office QA Panel letter to Birmingham, 15 February 2016 (shared/reference/qa-panel-letter-birmingham-2016.txt): review "overly police focused"; health, social care and education to be "given similar weight in the analysis"' },
      { title: 'Devon case 17 "Louise" QA Panel letter (2022): praised "details given as to why where they are excluded"', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-17-feedback-letter/' },
      { title: 'Norfolk "April" overview (2018): analysis structured by sector (criminal justice, health, local authority...)', url: 'https://fdocuments.us/document/-web-viewnorfolk-county-community-safety-partnership-wishes-at-the-outset-to-express.html' },
    ],
    messages: {
      dominantSector:
        'Most of the agency discussion in {{where}} is about {{sector}} ({{shares}}): give the other agencies that had contact similar weight in the analysis, or state plainly that {{sector}} had the only significant contact.',
      unanalysedAgency:
        '{{agency}} contributed to the review ({{contribution}}), but {{where}} hardly discusses {{sector}} ({{share}} of the agency discussion; {{shares}}): analyse what {{sector}} knew and did, as for the other agencies.',
      exclusionWithoutReason:
        '{{agency}} is said to have been left out of the review, but no reason is given: say why (for example, no contact with the victim or perpetrator during the review period).',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxShare: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        minShare: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
        unit: { enum: ['paragraphs', 'mentions'] },
        scope: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
        granularity: { enum: ['group', 'sector'] },
        minParagraphs: { type: 'integer', minimum: 1 },
        fairShareMargin: { type: 'number', minimum: 0, maximum: 1 },
        contributors: { type: 'array', items: { type: 'string', minLength: 1 } },
        sectors: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
      },
    },
    defaultOptions: {
      maxShare: 0.6,
      minShare: 0.05,
      unit: 'paragraphs',
      scope: ['analysis', 'overview'],
      exclude: ['chronology', 'summary-chronology', 'glossary', 'contents', 'qa-letter', 'terms-of-reference', 'contributors', 'panel-members', 'action-plan', 'references', 'genogram'],
      granularity: 'group',
      minParagraphs: 6,
      fairShareMargin: 0.2,
      contributors: [],
      sectors: {},
    },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const local: LocalNames = { ...(settings.agencies ?? {}), ...options.sectors };
    const keyOf = (sector: string): string => (options.granularity === 'group' ? (groupOf(sector) ?? 'other') : sector);

    // Asked for every paragraph and each of its ancestors: one answer per section.
    const scopeOf = new Map<Section, boolean>();
    function inScope(section: Section): boolean {
      let yes = scopeOf.get(section);
      if (yes === undefined) {
        yes = options.scope.some((id) => doc.isWithin(section, id)) && !options.exclude.some((id) => doc.isWithin(section, id));
        scopeOf.set(section, yes);
      }
      return yes;
    }

    /** Top-most sections of the scope in the main report, for messages. */
    function scopeSections(): Section[] {
      return doc.sections.filter(
        (s) => s.level > 0 && s.part.kind === 'overview' && inScope(s) && !(s.parent && s.parent.level > 0 && inScope(s.parent)),
      );
    }

    function describe(sections: Section[]): string {
      const labels = sections.slice(0, 3).map((s) => `"${doc.sectionLabel(s)}"`);
      if (labels.length === 0) return 'the analysis';
      const more = sections.length > 3 ? ' and later sections' : '';
      return `the analysis (${labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}` : labels[0]}${more})`;
    }

    /** The sector keys a heading of the scope assigns to its whole section ("16.1 Wendleshire Police"). */
    const headingKeysOf = new Map<Section, string[]>();
    function headingKeys(section: Section): string[] {
      let keys = headingKeysOf.get(section);
      if (!keys) {
        keys = [];
        for (let s: Section | undefined = section; s && s.level > 0 && inScope(s); s = s.parent) {
          if (!s.heading) continue;
          const found = mentionsOf(doc, s.heading, local).map((m) => keyOf(m.sector));
          if (found.length) {
            keys = [...new Set(found)];
            break;
          }
        }
        headingKeysOf.set(section, keys);
      }
      return keys;
    }

    function checkExclusions(): void {
      const seen = new Set<number>();
      for (const id of PROCESS_IDS) {
        for (const section of doc.sectionsById(id)) {
          if (section.part.kind === 'qa-letter') continue;
          for (const block of doc.blocksOf(section)) {
            if (seen.has(block.index) || block.kind !== 'paragraph') continue;
            seen.add(block.index);
            const sentences = doc.sentences(block);
            sentences.forEach((sentence, i) => {
              if (!EXCLUSION.some((r) => r.test(sentence.text))) return;
              const mentions = findAgencyMentions(sentence.text, local).filter((m) => !m.employment && !isPseudoGroup(m.group));
              if (mentions.length === 0) return;
              const next = sentences[i + 1]?.text ?? '';
              if (REASON.test(sentence.text) || REASON.test(next)) return;
              const names = [...new Set(mentions.map((m) => m.name))];
              context.report({
                block,
                span: { start: sentence.start, end: sentence.end },
                messageId: 'exclusionWithoutReason',
                data: { agency: names.join(', ') },
                suggestions: [{ desc: 'Add the reason in the same paragraph, e.g. "…because it had no contact with Jane or John during the review period."' }],
              });
            });
          }
        }
      }
    }

    return {
      'document:exit'() {
        if (doc.kind === 'executive-summary' || doc.kind === 'action-plan') {
          // Exclusions are still worth explaining in a summary.
          checkExclusions();
          return;
        }
        checkExclusions();

        const weights = new Map<string, number>();
        const paragraphs = new Map<string, number>();
        let total = 0;
        let counted = 0;
        const mentionedSectors = new Set<string>();
        for (const block of doc.blocks) {
          if (block.kind !== 'paragraph' || block.within.note) continue;
          if (block.section.part.kind !== 'overview' || !inScope(block.section)) continue;
          const own = mentionsOf(doc, block, local);
          for (const m of own) mentionedSectors.add(m.sector);
          const keys = [...new Set([...own.map((m) => keyOf(m.sector)), ...headingKeys(block.section)])];
          if (keys.length === 0) continue;
          counted++;
          for (const k of keys) paragraphs.set(k, (paragraphs.get(k) ?? 0) + 1);
          if (options.unit === 'paragraphs') {
            for (const k of keys) weights.set(k, (weights.get(k) ?? 0) + 1 / keys.length);
            total += 1;
          } else {
            const list = own.length ? own.map((m) => keyOf(m.sector)) : keys;
            for (const k of list) weights.set(k, (weights.get(k) ?? 0) + 1);
            total += list.length;
          }
        }
        if (counted < options.minParagraphs || total === 0) return;

        const shares = [...weights.entries()].map(([key, w]) => ({ key, share: w / total })).sort((a, b) => b.share - a.share);
        const shareOf = (key: string): number => shares.find((s) => s.key === key)?.share ?? 0;
        const shown = shares.filter((s) => s.share >= 0.005).slice(0, 6);
        const rest = shares.slice(shown.length).reduce((n, s) => n + s.share, 0);
        const sharesText =
          shown.map((s) => `${labelOf(s.key)} ${percent(s.share)}`).join(', ') + (rest >= 0.005 ? `, others ${percent(rest)}` : '');
        const sections = scopeSections();
        const where = describe(sections);
        const anchor = sections[0];

        // Contributors: the section's list (only IMR authors when it marks them), or the option.
        const listed = findContributors(doc, local);
        let expected: { key: string; names: string[]; contribution: string; block?: Block }[];
        if (options.contributors.length) {
          expected = options.contributors
            .filter(isKnownSector)
            .map((id) => ({ key: options.granularity === 'group' ? (groupOf(id) ?? id) : id, names: [labelOf(id)], contribution: 'listed in the configuration' }));
        } else {
          const entries = [...listed.sectors.values()].filter((c) => !listed.imrMarked || c.imr);
          const section = listed.sections[0];
          const label = section ? `listed in "${doc.sectionLabel(section)}"` : 'listed as a contributor';
          expected = entries.map((c) => ({ key: keyOf(c.sector), names: c.names, contribution: c.imr ? `IMR; ${label}` : label, block: c.block }));
        }
        const byKey = new Map<string, { key: string; names: string[]; contribution: string; block?: Block }>();
        for (const e of expected) {
          if (isPseudoGroup(e.key)) continue;
          const prior = byKey.get(e.key);
          if (prior) prior.names.push(...e.names.filter((n) => !prior.names.includes(n)));
          else byKey.set(e.key, { ...e, names: [...e.names] });
        }
        const contributingGroups = new Set([...listed.sectors.values()].map((c) => c.group).filter((g) => !isPseudoGroup(g)));
        for (const id of options.contributors) if (isKnownSector(id) && !isPseudoGroup(id)) contributingGroups.add(groupOf(id)!);

        const details = {
          unit: options.unit,
          granularity: options.granularity,
          paragraphs: counted,
          total: Math.round(total * 1000) / 1000,
          shares: Object.fromEntries(shares.map((s) => [s.key, Math.round(s.share * 1000) / 1000])),
          paragraphsBySector: Object.fromEntries(paragraphs),
          contributors: [...byKey.keys()],
          sections: sections.map((s) => doc.sectionLabel(s)),
        };

        // The figures are useful even when nothing is wrong (JSON `facts`, HTML reports).
        context.publish('shares', details);

        // One sector dominating.
        const top = shares.find((s) => !isPseudoGroup(s.key));
        if (top && top.share > options.maxShare) {
          const topGroup = groupOf(top.key) ?? top.key;
          const statements = onlyAgencyStatements(doc, local);
          const explained = statements.some((s) => s.groups.length === 0 || s.groups.includes(topGroup));
          const singleSector = contributingGroups.size === 1 && contributingGroups.has(topGroup);
          // Fair share: the group's number of distinct agencies (fine sectors) among the contributors,
          // or among the sectors the analysis mentions when no contributors are known.
          const pool = new Set<string>(
            listed.sectors.size > 1 ? [...listed.sectors.keys()] : [...mentionedSectors],
          );
          for (const id of options.contributors) if (SECTOR_IDS.has(id)) pool.add(id);
          const poolReal = [...pool].filter((s) => !isPseudoGroup(s));
          const inGroup = poolReal.filter((s) => (options.granularity === 'group' ? groupOf(s) === top.key : s === top.key)).length;
          const fair = poolReal.length ? inGroup / poolReal.length : 0;
          const beyondFair = top.share - fair >= options.fairShareMargin;
          if (!explained && !singleSector && beyondFair) {
            context.report({
              section: anchor,
              messageId: 'dominantSector',
              data: { sector: labelOf(top.key), share: percent(top.share), shares: sharesText, where },
              details: { ...details, dominant: top.key, maxShare: options.maxShare, fairShare: Math.round(fair * 1000) / 1000 },
              suggestions: [
                { desc: `Add analysis of what the other agencies knew and did, or say in the report that ${labelOf(top.key)} had the only significant contact.` },
              ],
            });
          }
        }

        // Contributors the analysis barely covers.
        for (const e of byKey.values()) {
          const share = shareOf(e.key);
          if (share >= options.minShare) continue;
          context.report({
            section: anchor,
            messageId: 'unanalysedAgency',
            data: {
              agency: e.names.slice(0, 3).join(', '),
              contribution: e.contribution,
              sector: labelOf(e.key),
              share: percent(share),
              shares: sharesText,
              where,
            },
            details: { ...details, sector: e.key, share: Math.round(share * 1000) / 1000, minShare: options.minShare },
            related: e.block ? [{ message: 'listed here as a contributor', location: { ...e.block.location, section: doc.sectionPath(e.block.section).map((s) => doc.sectionLabel(s)) } }] : undefined,
          });
        }
      },
    };
  },
});
