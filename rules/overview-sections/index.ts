import { defineRule } from '../../src/api/rule.js';
import type { Section } from '../../src/model/types.js';
import data from './templates.json' with { type: 'json' };
import {
  BLOCK_NAMES,
  BLOCK_ORDER,
  SECTIONS_SCHEMA,
  SYNONYMS_SCHEMA,
  TemplateCheck,
  hasContent,
  hasTitlePage,
  inAppendix,
  isSeparateAppendix,
  longestOrdered,
  placeOf,
  resolveTemplate,
  sectionName,
  type Entry,
  type SectionOverride,
  type Status,
  type TemplateData,
} from '../_shared/template-sections.js';

interface Options {
  /** Template name in templates.json; default: the `guidance` setting if a template has that name, else home-office-2016. */
  template?: string;
  /** Section id → status (or an object that also gives a label, block and heading patterns for a new section). */
  sections: Record<string, Status | SectionOverride>;
  /** Section id → extra heading patterns (regular expressions on the normalised heading). */
  synonyms: Record<string, string[]>;
  /** Accept the process block (timescales, ToR, methodology, panel…) in an appendix. */
  allowProcessInAppendix: boolean;
  /** `blocks`: check the order of the template blocks; `strict`: the order of every section; `off`. */
  order: 'blocks' | 'strict' | 'off';
  /** Paragraphs a section needs to count as present. */
  minParagraphs: number;
  /** Below this number of recognised required sections, report once that headings were not recognised. */
  minRecognised: number;
}

const TEMPLATES = data.templates as unknown as Record<string, TemplateData>;

export default defineRule<Options>({
  meta: {
    id: 'overview-sections',
    group: 'structure',
    description: 'The overview report has the sections of the model layout (matched by meaning), each with some text, in a sensible order',
    defaultLevel: 'error',
    sources: [
      { title: 'Bassetlaw "Sarah" QA Panel letter (2023): follow the model layout at Appendix 4 of the statutory guidance', url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/' },
      { title: 'Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews (Home Office, December 2016)', url: 'https://www.gov.uk/government/publications/revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews' },
      { title: 'Criteria for considering DHR reports (QA Panel criteria): clear terms of reference', url: 'https://vdocument.in/criteria-for-considering-domestic-homicide-review-reports-criteria-adequate-inadequate.html' },
      { title: 'Norfolk "April" overview report (2018): process block in "Appendix One – The Process", published', url: 'https://fdocuments.us/document/-web-viewnorfolk-county-community-safety-partnership-wishes-at-the-outset-to-express.html' },
    ],
    messages: {
      missingRequired: 'The overview report has no {{label}} section. Add one {{where}}, setting out {{what}}.',
      missingExpected: 'The overview report has no {{label}} section, which the model layout expects. Add one {{where}}, setting out {{what}}.',
      noTitlePage: 'The report does not open with a title page: no partnership name, review type or document name was found before the first section. Add one setting out {{what}}.',
      emptySection: '{{section}} has a heading but no text. Write the {{label}} section, setting out {{what}}, or remove the heading.',
      foundWithoutHeading: 'There is no {{label}} heading, but {{section}} seems to hold this content. Give it its own "{{label}}" heading so the QA Panel can find it.',
      outOfOrder: '{{section}} comes {{relation}} {{other}}, but the model layout puts {{block}} {{expected}} {{otherBlock}}. Move the section, or check its heading.',
      inAppendix: '{{section}} ({{label}}) is only in an appendix. Move it into the main report, before the facts and the analysis.',
      fewHeadings: 'Only {{count}} of the sections the model layout requires were recognised in this overview report ({{found}}), so missing sections are not listed one by one. Check that section titles are real headings (Word heading styles, or numbered headings on their own line); dhr-lint --outline shows what was read.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        template: { type: 'string', minLength: 1 },
        sections: SECTIONS_SCHEMA,
        synonyms: SYNONYMS_SCHEMA,
        allowProcessInAppendix: { type: 'boolean' },
        order: { enum: ['blocks', 'strict', 'off'] },
        minParagraphs: { type: 'integer', minimum: 1 },
        minRecognised: { type: 'integer', minimum: 0 },
      },
    },
    defaultOptions: { sections: {}, synonyms: {}, allowProcessInAppendix: true, order: 'blocks', minParagraphs: 1, minRecognised: 4 },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    // Only an overview report (or the overview part of a combined file) is checked.
    if (!doc.parts.some((p) => p.kind === 'overview') || isSeparateAppendix(doc, settings.documents)) return {};
    const template = resolveTemplate(TEMPLATES, 'home-office-2016', options, settings.guidance);

    return {
      'document:exit'() {
        const scope = doc.sections.filter(
          (s) => s.level > 0 && s !== doc.titleSection && ['overview', 'appendix', 'action-plan'].includes(s.part.kind) && !doc.isWithin(s, 'contents'),
        );
        const check = new TemplateCheck(doc, template, scope, options.minParagraphs, doc.kind !== 'executive-summary');
        const active = template.entries.filter((e) => e.status !== 'off');

        // Headings not recognised at all (an unstyled Word file, a scanned PDF): one finding, not twenty.
        const recognised = active.filter((e) => e.status === 'required' && !e.detect && check.state(e).sections.length > 0);
        const requiredCount = active.filter((e) => e.status === 'required' && !e.detect).length;
        if (recognised.length < Math.min(options.minRecognised, requiredCount)) {
          context.report({
            messageId: 'fewHeadings',
            block: doc.titleSection?.heading ?? doc.blocks[0],
            level: 'warn',
            data: { count: recognised.length, found: recognised.map((e) => e.label).join(', ') || 'none' },
          });
          return;
        }

        for (const entry of active) {
          if (entry.status === 'optional') continue;
          const expected = entry.status === 'expected';
          const level = expected ? ('warn' as const) : undefined;
          if (entry.detect === 'title-page') {
            if (!hasTitlePage(doc)) context.report({ messageId: 'noTitlePage', block: doc.blocks[0], level, data: { what: entry.what } });
            continue;
          }
          const state = check.state(entry);
          if (state.withContent.length > 0) {
            if (!options.allowProcessInAppendix && entry.block === 'process' && state.withContent.every(inAppendix)) {
              const s = state.withContent[0]!;
              context.report({ messageId: 'inAppendix', section: s, level: 'warn', data: { section: sectionName(doc, s), label: entry.label } });
            }
            continue;
          }
          const cue = check.findCue(entry);
          if (cue) {
            if (entry.cues?.accept === 'silent' || expected) continue;
            context.report({
              messageId: 'foundWithoutHeading',
              block: cue,
              level: 'info',
              data: { label: entry.label, section: placeOf(doc, cue) },
            });
            continue;
          }
          if (state.sections.length > 0) {
            const s = state.sections[0]!;
            context.report({ messageId: 'emptySection', section: s, level, data: { section: sectionName(doc, s), label: entry.label, what: entry.what } });
            continue;
          }
          const where = check.where(entry);
          context.report({
            messageId: expected ? 'missingExpected' : 'missingRequired',
            section: where.section,
            block: where.section ? undefined : doc.titleSection?.heading ?? doc.blocks[0],
            level,
            data: { label: entry.label, where: where.text, what: entry.what },
          });
        }

        if (options.order !== 'off') checkOrder(check, active);
      },
    };

    function checkOrder(check: TemplateCheck, active: Entry[]): void {
      const ordered = active.filter((e) => !e.anywhere && !e.detect && e.id !== 'terms-of-reference' && e.block !== 'appendix');
      const orderedIds = new Map(ordered.map((e) => [e.id, e]));
      const seen = new Set<string>();
      const items: { section: Section; value: number; entry: Entry }[] = [];
      for (const section of check.scope) {
        if (section.part.kind !== 'overview' || inAppendix(section) || check.isNested(section)) continue;
        const entries = check
          .idsOf(section)
          .map((id) => orderedIds.get(id))
          .filter((e): e is Entry => e !== undefined);
        // Only the first section of each id places it (a later "Recommendations" under an agency is not misplaced).
        if (entries.length === 0 || entries.every((e) => seen.has(e.id))) continue;
        // An empty heading (a contents entry read as a heading) places nothing.
        if (!hasContent(doc, section, options.minParagraphs)) continue;
        for (const e of entries) seen.add(e.id);
        const valueOf = (e: Entry): number => (options.order === 'strict' ? e.order : BLOCK_ORDER.indexOf(e.block));
        // A combined heading ("Overview and Analysis") sits where its earliest part belongs.
        const entry = entries.reduce((a, b) => (valueOf(a) <= valueOf(b) ? a : b));
        items.push({ section, value: valueOf(entry), entry });
      }
      const keep = longestOrdered(items.map((i) => i.value));
      items.forEach((item, i) => {
        if (keep.has(i)) return;
        // The in-order section it clashes with: an earlier one placed later in the layout, else a later one placed earlier.
        let other: (typeof items)[number] | undefined;
        let relation: 'after' | 'before' = 'after';
        for (let j = i - 1; j >= 0 && !other; j--) if (keep.has(j) && items[j]!.value > item.value) other = items[j];
        if (!other) {
          relation = 'before';
          for (let j = i + 1; j < items.length && !other; j++) if (keep.has(j) && items[j]!.value < item.value) other = items[j];
        }
        if (!other) return;
        const strict = options.order === 'strict';
        context.report({
          messageId: 'outOfOrder',
          section: item.section,
          data: {
            section: sectionName(doc, item.section),
            relation,
            other: sectionName(doc, other.section),
            block: strict ? `"${item.entry.label}"` : BLOCK_NAMES[item.entry.block],
            expected: relation === 'after' ? 'before' : 'after',
            otherBlock: strict ? `"${other.entry.label}"` : BLOCK_NAMES[other.entry.block],
          },
          level: 'warn',
        });
      });
    }
  },
});
