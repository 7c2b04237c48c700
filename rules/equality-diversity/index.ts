import { defineRule } from '../../src/api/rule.js';
import type { Block, Section } from '../../src/model/types.js';
import data from './characteristics.json' with { type: 'json' };

interface CharacteristicOption {
  id: string;
  label: string;
  patterns: string[];
  exclude?: string[];
}

interface Options {
  /** The characteristics to look for (default: the nine of the Equality Act 2010, with synonyms). */
  characteristics?: CharacteristicOption[];
  /** `mention`: report characteristics the section never mentions (info); `off`: do not. */
  requireEach: 'mention' | 'off';
  /** Extra words that show a characteristic's impact was considered (regular expressions). */
  impactTerms: string[];
  /** Below this many words the section is reported as too short to analyse anything. */
  minWords: number;
}

interface Characteristic {
  id: string;
  label: string;
  patterns: RegExp[];
  exclude: RegExp[];
}

const compile = (c: CharacteristicOption): Characteristic => ({
  id: c.id,
  label: c.label,
  patterns: c.patterns.map((p) => new RegExp(p, 'i')),
  exclude: (c.exclude ?? []).map((p) => new RegExp(p, 'gi')),
});

const DEFAULT_CHARACTERISTICS: Characteristic[] = data.characteristics.map(compile);
const IMPACT = new RegExp(data.impactTerms.pattern, 'i');
const VERDICT = new RegExp(data.verdictTerms.pattern, 'i');
const DISCUSSION = new RegExp(data.discussion.pattern, 'i');
const SKIP_IDS = ['terms-of-reference', 'glossary', 'contents', 'qa-letter', 'action-plan', 'recommendations'];

function listOf(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0]!;
}

export default defineRule<Options>({
  meta: {
    id: 'equality-diversity',
    group: 'analysis',
    description: 'Equality and diversity is considered: the protected characteristics are analysed for their impact, not merely listed',
    defaultLevel: 'warn',
    sources: [
      {
        title: 'Devon case 23 "Neil" QA Panel letter (2023): the equality and diversity section was "underdeveloped"; disability, chronic pain, long-term conditions and age, and bias about a male victim, needed exploring',
        url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-feedback-letter/',
      },
      {
        title: 'Equality Act 2010, section 4: the nine protected characteristics',
        url: 'https://www.legislation.gov.uk/ukpga/2010/15/section/4',
      },
      {
        title: 'Home Office, Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews (2016): the model layout has an Equality and Diversity section',
        url: 'https://www.gov.uk/government/publications/revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews',
      },
    ],
    messages: {
      missing:
        "The report does not consider equality and diversity. Add a section (usually in the review process part, or with the conclusions) that takes each protected characteristic in turn and says whether and how it affected {{victim}}'s access to help and the agencies' responses, including any assumptions or unconscious bias.",
      listedNotAnalysed:
        "Section {{section}} names {{list}} without analysing them: for each that is relevant, say how it affected {{victim}}'s access to help and the agencies' responses (including assumptions or bias); for the others, say why they were not relevant.",
      notMentioned:
        'Section {{section}} does not mention {{list}}: say whether each was relevant to {{victim}} or to the way agencies responded.',
      tooShort:
        "Section {{section}} has only {{words}} words: analyse how the protected characteristics that apply affected {{victim}}'s access to help and the agencies' responses.",
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        characteristics: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'label', 'patterns'],
            properties: {
              id: { type: 'string', minLength: 1 },
              label: { type: 'string', minLength: 1 },
              patterns: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
            },
          },
        },
        requireEach: { enum: ['mention', 'off'] },
        impactTerms: { type: 'array', items: { type: 'string', minLength: 1 } },
        minWords: { type: 'integer', minimum: 0 },
      },
    },
    defaultOptions: { requireEach: 'mention', impactTerms: [], minWords: 40 },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const characteristics = options.characteristics ? options.characteristics.map(compile) : DEFAULT_CHARACTERISTICS;
    const extraImpact = options.impactTerms.map((p) => new RegExp(p, 'i'));
    const victim = settings.pseudonyms.find((p) => /victim|deceased/i.test(p.role ?? ''))?.label ?? 'the victim';

    /** Characteristics found in a text, by text: the same headings are read for every block under them (do not change the sets). */
    const detected = new Map<string, Set<string>>();
    function detect(text: string): Set<string> {
      let found = detected.get(text);
      if (!found) {
        found = detectIn(text);
        detected.set(text, found);
      }
      return found;
    }

    function detectIn(text: string): Set<string> {
      const found = new Set<string>();
      for (const c of characteristics) {
        let t = text;
        for (const x of c.exclude) t = t.replace(x, (m) => ' '.repeat(m.length));
        if (c.patterns.some((p) => p.test(t))) found.add(c.id);
      }
      return found;
    }

    const impact = (text: string): boolean => IMPACT.test(text) || extraImpact.some((r) => r.test(text));
    const usable = (b: Block): boolean =>
      b.kind !== 'heading' && b.kind !== 'code' && !SKIP_IDS.some((id) => doc.isWithin(b.section, id)) && b.section.part.kind !== 'qa-letter';

    interface Unit {
      block: Block;
      text: string;
      /** Characteristics named by the headings between the block and the equality section. */
      inherited: Set<string>;
    }

    function unitsOf(block: Block, stopAt?: Section): Unit[] {
      const inherited = new Set<string>();
      for (let s: Section | undefined = block.section; s && s.level > 0; s = s.parent) {
        for (const id of detect(s.title)) inherited.add(id);
        if (s === stopAt) break;
      }
      if (block.kind === 'table' && block.table) {
        return block.table.rows.map((r) => ({ block, text: r.cells.join(' | '), inherited }));
      }
      return [{ block, text: block.text, inherited }];
    }

    return {
      'document:exit'() {
        const edSections = doc.sections.filter(
          (s) => s.level > 0 && s.templateIds.includes('equality-diversity') && s.part.kind !== 'qa-letter',
        );
        // Outermost equality sections only (a subsection "Equality issues" inside one is part of it).
        const roots = edSections.filter((s) => !edSections.some((o) => o !== s && s.start >= o.start && s.end <= o.end && o.level < s.level));
        const units: Unit[] = [];
        for (const section of roots) {
          for (const block of doc.blocksOf(section)) if (usable(block)) units.push(...unitsOf(block, section));
        }
        let anchorBlock: Block | undefined;
        if (roots.length === 0) {
          // Equality discussed under another heading (Conclusions, Overview): the paragraph that says so
          // and the paragraphs after it in the same section that go on to name characteristics.
          for (let i = 0; i < doc.blocks.length; i++) {
            const block = doc.blocks[i]!;
            if (!usable(block) || !DISCUSSION.test(block.text)) continue;
            anchorBlock ??= block;
            units.push(...unitsOf(block));
            for (let j = i + 1; j < doc.blocks.length; j++) {
              const next = doc.blocks[j]!;
              if (next.section !== block.section || !usable(next)) break;
              if (detect(next.text).size === 0) break;
              units.push(...unitsOf(next));
              i = j;
            }
          }
        }

        const isSummary = doc.kind === 'executive-summary';
        if (units.length === 0) {
          if (isSummary) return;
          if (roots.length) {
            // A heading with nothing under it.
            context.report({ messageId: 'tooShort', section: roots[0]!, data: { section: `"${doc.sectionLabel(roots[0]!)}"`, words: 0, victim } });
            return;
          }
          const anchor = doc.sectionsById('parallel-reviews')[0] ?? doc.sectionsById('panel-members')[0] ?? doc.sectionsById('conclusions')[0];
          context.report({ messageId: 'missing', ...(anchor ? { section: anchor } : {}), data: { victim } });
          return;
        }

        const mentioned = new Set<string>();
        const considered = new Set<string>();
        let words = 0;
        for (const u of units) {
          words += u.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
          const own = detect(u.text);
          const all = new Set([...own, ...u.inherited]);
          if (all.size === 0) continue;
          for (const id of all) mentioned.add(id);
          // A run of four or more characteristics is a list: it counts only with a finding about them.
          const ok = own.size >= 4 ? VERDICT.test(u.text) : impact(u.text);
          if (ok) for (const id of all) considered.add(id);
        }

        // Equality named in passing ("the review had regard to the Equality Act") with no characteristic
        // discussed anywhere: as good as no consideration at all.
        if (roots.length === 0 && mentioned.size === 0) {
          if (!isSummary) context.report({ messageId: 'missing', block: anchorBlock!, data: { victim } });
          return;
        }
        const target = roots[0] ? { section: roots[0] } : { block: anchorBlock! };
        const where = `"${doc.sectionLabel(roots[0] ?? anchorBlock!.section)}"`;
        const label = (id: string): string => characteristics.find((c) => c.id === id)?.label ?? id;
        const listedOnly = [...mentioned].filter((id) => !considered.has(id));
        if (listedOnly.length) {
          context.report({
            messageId: 'listedNotAnalysed',
            ...target,
            data: { section: where, list: listOf(listedOnly.map(label)), victim },
            // Some characteristics analysed, others only named: a weaker concern.
            level: considered.size > 0 ? 'info' : undefined,
            details: { listed: listedOnly, considered: [...considered] },
          });
        }
        if (options.requireEach === 'mention') {
          const absent = characteristics.filter((c) => !mentioned.has(c.id)).map((c) => c.label);
          if (absent.length) {
            context.report({ messageId: 'notMentioned', ...target, level: 'info', data: { section: where, list: listOf(absent), victim } });
          }
        }
        if (!isSummary && roots.length && words < options.minWords) {
          context.report({ messageId: 'tooShort', ...target, data: { section: where, words, victim } });
        }
      },
    };
  },
});
