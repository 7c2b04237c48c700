import { defineRule } from '../../src/api/rule.js';
import type { Level, Section } from '../../src/model/types.js';
import data from './templates.json' with { type: 'json' };
import {
  SECTIONS_SCHEMA,
  SYNONYMS_SCHEMA,
  TemplateCheck,
  hasTitlePage,
  isTitleHeading,
  placeOf,
  resolveTemplate,
  sectionName,
  type SectionOverride,
  type Status,
  type TemplateData,
} from '../_shared/template-sections.js';

interface Options {
  /** Template name in templates.json; default: the `guidance` setting if a template has that name, else home-office-2016. */
  template?: string;
  /** Replace the template's required ids (the others that were required become expected). */
  required?: string[];
  /** Replace the template's expected ids (the others that were expected become optional). */
  expected?: string[];
  /** Section id → status (or an object with a label and heading patterns for a new section); applied last. */
  sections: Record<string, Status | SectionOverride>;
  /** Section id → extra heading patterns (regular expressions on the normalised heading). */
  synonyms: Record<string, string[]>;
  minParagraphs: number;
  /** Below this number of recognised section headings the summary is read as numbered paragraphs without headings. */
  minHeadings: number;
}

const TEMPLATES = data.templates as unknown as Record<string, TemplateData>;
const LOWER: Record<Level, Level> = { error: 'warn', warn: 'info', info: 'info' };

export default defineRule<Options>({
  meta: {
    id: 'exec-summary-sections',
    group: 'structure',
    description: 'The executive summary has the sections of the 2016 template; terms of reference and recommendations are mandatory',
    defaultLevel: 'error',
    sources: [
      { title: 'Home Office QA Panel letter to Birmingham (15 February 2016): the executive summary "is missing key items of information, such as the terms of reference"', url: 'https://www.gov.uk/government/publications/revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews' },
      { title: 'Central Bedfordshire "Andrew" executive summary (2019): the 2016 template headings', url: 'https://docslib.org/doc/2352837/central-bedfordshire-community-safety-partnership-domestic-homicide-review-executive-summary-report-into-the-death-of-andrew-march-2018' },
      { title: 'Devon case 23 executive summary (2023): numbered paragraphs without sub-headings', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-executive-summary/' },
    ],
    messages: {
      missingRequired: 'The executive summary has no {{label}} section. Add one {{where}}, setting out {{what}}.',
      missingExpected: 'The executive summary has no {{label}} section, which the template expects. Add one {{where}}, setting out {{what}}.',
      noTitlePage: 'The executive summary does not open with a title: no partnership name, review type or document name was found before the first section. Add one setting out {{what}}.',
      emptySection: '{{section}} has a heading but no text. Write the {{label}} section of the summary, setting out {{what}}, or remove the heading.',
      foundWithoutHeading: 'The executive summary has no {{label}} heading, but {{section}} seems to cover it. Give it its own "{{label}}" heading so readers and the QA Panel can find it.',
      notFoundInText: 'The executive summary has no {{label}} heading and no paragraph that reads like one. Add {{what}}.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        template: { type: 'string', minLength: 1 },
        required: { type: 'array', items: { type: 'string', minLength: 1 } },
        expected: { type: 'array', items: { type: 'string', minLength: 1 } },
        sections: SECTIONS_SCHEMA,
        synonyms: SYNONYMS_SCHEMA,
        minParagraphs: { type: 'integer', minimum: 1 },
        minHeadings: { type: 'integer', minimum: 0 },
      },
    },
    defaultOptions: { sections: {}, synonyms: {}, minParagraphs: 1, minHeadings: 3 },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const isSummaryFile = doc.kind === 'executive-summary';
    // The summary part of a combined file, or the whole file when it is an executive summary. A short
    // "Executive summary" section at the top of an overview report is not the separate summary document.
    const summaryParts = doc.parts.filter((p) => p.kind === 'executive-summary');
    let scope: Section[];
    if (isSummaryFile) {
      scope = doc.sections.filter((s) => s.level > 0 && s !== doc.titleSection && ['executive-summary', 'appendix'].includes(s.part.kind) && !doc.isWithin(s, 'contents'));
    } else {
      const substantial = summaryParts.filter((p) => {
        const sections = doc.sections.filter((s) => s.level > 0 && s.start > p.start && s.start < p.end);
        const paragraphs = doc.blocks.slice(p.start, p.end).filter((b) => b.kind !== 'heading').length;
        return sections.length >= 3 || paragraphs >= 15;
      });
      if (substantial.length === 0) return {};
      scope = doc.sections.filter((s) => s.level > 0 && s !== doc.titleSection && substantial.includes(s.part) && !doc.isWithin(s, 'contents'));
    }

    const templateName = options.template ?? (TEMPLATES[settings.guidance] ? settings.guidance : 'home-office-2016');
    const statuses: Record<string, Status | SectionOverride> = {};
    const base = TEMPLATES[templateName];
    if (base && (options.required || options.expected)) {
      for (const s of base.sections) {
        let status = s.status;
        if (options.required) status = options.required.includes(s.id) ? 'required' : status === 'required' ? 'expected' : status;
        if (options.expected && !options.required?.includes(s.id)) status = options.expected.includes(s.id) ? 'expected' : status === 'expected' ? 'optional' : status;
        statuses[s.id] = status;
      }
      for (const id of options.required ?? []) statuses[id] ??= 'required';
      for (const id of options.expected ?? []) statuses[id] ??= 'expected';
    }
    const template = resolveTemplate(TEMPLATES, 'home-office-2016', { ...options, sections: { ...statuses, ...options.sections } }, settings.guidance);

    return {
      'document:exit'() {
        const check = new TemplateCheck(doc, template, scope, options.minParagraphs, isSummaryFile);
        const active = template.entries.filter((e) => e.status === 'required' || e.status === 'expected');
        const headed = template.entries.filter((e) => e.status !== 'off' && e.block !== 'front' && !e.detect && check.state(e).sections.length > 0);
        // Devon-style summaries: one run of numbered paragraphs under "Introduction".
        const headingless = headed.length < options.minHeadings;

        for (const entry of active) {
          const expected = entry.status === 'expected';
          let level: Level | undefined = expected ? 'warn' : undefined;
          if (entry.detect === 'title-page') {
            if (!hasTitlePage(doc)) context.report({ messageId: 'noTitlePage', block: doc.blocks[0], level, data: { what: entry.what } });
            continue;
          }
          const state = check.state(entry);
          if (state.withContent.length > 0) continue;
          const cue = check.findCue(entry);
          if (cue) {
            // Found in a paragraph: a real variant for expected sections and for summaries written as
            // numbered paragraphs without headings (Devon); a softer note when only this heading is missing.
            if (entry.cues?.accept === 'silent' || expected || headingless) continue;
            context.report({ messageId: 'foundWithoutHeading', block: cue, level: 'info', data: { label: entry.label, section: placeOf(doc, cue) } });
            continue;
          }
          if (state.sections.length > 0) {
            const s = state.sections[0]!;
            context.report({ messageId: 'emptySection', section: s, level, data: { section: sectionName(doc, s), label: entry.label, what: entry.what } });
            continue;
          }
          if (headingless) {
            // Weaker evidence without headings: one level lower.
            level = expected ? 'info' : LOWER[level ?? 'error'];
            const at = scope.find((sec) => sec.blocks.length > 0 && !isTitleHeading(doc, sec)) ?? scope[0];
            context.report({ messageId: 'notFoundInText', block: at?.heading ?? doc.blocks[0], level, data: { label: entry.label, what: entry.what } });
            continue;
          }
          const where = check.where(entry);
          context.report({
            messageId: expected ? 'missingExpected' : 'missingRequired',
            section: where.section,
            block: where.section ? undefined : scope[0]?.heading ?? doc.blocks[0],
            level,
            data: { label: entry.label, where: where.text, what: entry.what },
          });
        }
      },
    };
  },
});
