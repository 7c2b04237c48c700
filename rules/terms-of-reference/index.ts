import { defineRule } from '../../src/api/rule.js';
import type { Block, PartKind, Section } from '../../src/model/types.js';
import { squash } from '../_shared/squash.js';
import cues from './cues.json' with { type: 'json' };
import { SYNONYMS_SCHEMA, blockWithin, hasContent, inAppendix, isSeparateAppendix, isTitleHeading, sectionIds, sectionName } from '../_shared/template-sections.js';

interface TermOption {
  term: string;
  patterns?: string[];
}

interface Options {
  /** `before-analysis`: the ToR (or a summary of it) must come before the analysis; `main-body`: not only in an appendix; `anywhere`. */
  position: 'before-analysis' | 'main-body' | 'anywhere';
  requirePeriod: boolean;
  requireSubjects: boolean;
  requireLinesOfEnquiry: boolean;
  /** When the victim died by suicide (settings.deathType, or the report says so), the ToR must name suicide. */
  requireSuicide: boolean;
  /** Forms of abuse the ToR must name when the report relies on them (names from cues.json, or { term, patterns }). */
  requireTerms: (string | TermOption)[];
  /** Mentions in the analysis and conclusions that count as "the report relies on it". */
  minMentions: number;
  /** A ToR that adopts the Domestic Abuse Act 2021 (or cross-government) definition names the forms it lists. */
  acceptDefinitionReference: boolean;
  /** Section id → extra heading patterns (for `terms-of-reference` and `analysis`). */
  synonyms: Record<string, string[]>;
}

interface Located {
  /** The ToR section, or the section holding an unheaded ToR paragraph. */
  section: Section;
  /** Set for an unheaded ToR (the paragraph that opens it). */
  block?: Block;
  blocks: Block[];
  start: number;
}

const re = (p: string): RegExp => new RegExp(p, 'i');
const TOR_CUES = cues.tocCues.patterns.map(re);
const PERIOD = cues.period.patterns.map((p) => re(p.pattern));
const SUBJECTS = cues.subjects.patterns.map((p) => new RegExp(p)); // case matters ("Mr A", "Adult B")
const SUBJECT_WORDS = /\b(subjects?|victim|deceased|perpetrator|suspect|defendant)\b/i;
const LINES = cues.linesOfEnquiry.patterns.map(re);
const SUICIDE_IN_TOR = cues.suicideInToR.patterns.map(re);
const VICTIM_SUICIDE = cues.victimSuicide.patterns.map(re);
const HOMICIDE_WORDS = cues.victimSuicide.homicideWords.map(re);
const DEFINITION = cues.definitionReference.patterns.map(re);
const TERM_LIBRARY = new Map(cues.terms.map((t) => [t.term.toLowerCase(), t]));
const NUMBERED = /^\s*\(?(\d{1,2}(\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+\S/i;
const RELIANCE_IDS = ['analysis', 'conclusions', 'key-issues', 'lessons', 'overview', 'recommendations', 'background-facts', 'chronology', 'summary-chronology'];
// Capitalised words that are not people: used when looking for a named subject.
const NOT_NAMES = new Set(
  (
    'the this that these those there their review reviews panel agency agencies police council domestic abuse homicide home office act trust ' +
    'service services health care social safety community partnership board terms reference what how were was did does whether key lines ' +
    'enquiry inquiry independent chair guidance statutory national england wales united kingdom county borough city district nhs foundation ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday friday ' +
    'saturday sunday section appendix report overview executive summary court crown coroner probation prison housing adult adults children ' +
    'family friends were which where when who why each any all any also and for from with into within between during including include ' +
    'to of in on at by is are be it its as an a if or not no yes group team unit department local authority safeguarding commissioner'
  ).split(/\s+/),
);

/** Soft line breaks (Markdown, PDF lines) read as spaces, so phrases match across them. */
function flat(text: string): string {
  return squash(text);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineRule<Options>({
  meta: {
    id: 'terms-of-reference',
    group: 'structure',
    description: 'Terms of reference come before the analysis and give a review period, the subjects and key lines of enquiry, naming suicide and coercive control where they apply',
    defaultLevel: 'warn',
    sources: [
      { title: 'Bassetlaw "Sarah" QA Panel letter (2023): the terms of reference "should be brought forward" and mention suicide and coercive control', url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/' },
      { title: 'Criteria for considering DHR reports (QA Panel): adequate = "clear terms of reference have been drawn up"', url: 'https://vdocument.in/criteria-for-considering-domestic-homicide-review-reports-criteria-adequate-inadequate.html' },
      { title: 'Home Office QA Panel letter to Birmingham (2016): the executive summary lacked the terms of reference (shared/reference/qa-panel-letter-birmingham-2016.txt)' },
    ],
    messages: {
      missing: 'No terms of reference were found (no heading and no paragraph that sets them out), so their place and content were not checked. Add a Terms of Reference section before the analysis.',
      late: 'The terms of reference ({{section}}) come only {{where}}. Bring them forward into the review-process part of the report, before the analysis; a summary there is enough if the full text stays in an appendix.',
      noPeriod: 'The terms of reference ({{section}}) give no review period. State the period the review covers, for example "from 1 January 2019 to the date of her death".',
      noSubjects: 'The terms of reference ({{section}}) do not name the subjects of the review. Name them, by pseudonym, with their role (for example the victim and the perpetrator).',
      noLinesOfEnquiry: 'The terms of reference ({{section}}) set out no key lines of enquiry. List the questions the review was asked to answer.',
      noSuicide: 'The victim died by suicide ({{basis}}), but the terms of reference ({{section}}) do not mention suicide. Say that the review examines the death by suicide and the abuse that came before it.',
      termMissing: 'The report relies on {{term}} ({{count}} mentions in the facts, analysis and conclusions), but the terms of reference ({{section}}) do not name it. Add it to the key lines of enquiry.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        position: { enum: ['before-analysis', 'main-body', 'anywhere'] },
        requirePeriod: { type: 'boolean' },
        requireSubjects: { type: 'boolean' },
        requireLinesOfEnquiry: { type: 'boolean' },
        requireSuicide: { type: 'boolean' },
        requireTerms: {
          type: 'array',
          items: {
            anyOf: [
              { type: 'string', minLength: 1 },
              {
                type: 'object',
                additionalProperties: false,
                required: ['term'],
                properties: { term: { type: 'string', minLength: 1 }, patterns: { type: 'array', items: { type: 'string', minLength: 1 } } },
              },
            ],
          },
        },
        minMentions: { type: 'integer', minimum: 1 },
        acceptDefinitionReference: { type: 'boolean' },
        synonyms: SYNONYMS_SCHEMA,
      },
    },
    defaultOptions: {
      position: 'before-analysis',
      requirePeriod: true,
      requireSubjects: true,
      requireLinesOfEnquiry: true,
      requireSuicide: true,
      requireTerms: ['coercive control'],
      minMentions: 3,
      acceptDefinitionReference: true,
      synonyms: {},
    },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const hasOverview = doc.parts.some((p) => p.kind === 'overview');
    const main: PartKind | undefined = hasOverview ? 'overview' : doc.parts.some((p) => p.kind === 'executive-summary') || doc.kind === 'executive-summary' ? 'executive-summary' : undefined;
    if (!main || isSeparateAppendix(doc, settings.documents)) return {};
    const synonyms = new Map<string, RegExp[]>();
    for (const [id, patterns] of Object.entries(options.synonyms)) {
      synonyms.set(
        id,
        patterns.map((p) => {
          try {
            return re(p);
          } catch {
            throw new Error(`option "synonyms": "${p}" is not a valid regular expression`);
          }
        }),
      );
    }
    const matcher = { synonyms, compact: new Map([['terms-of-reference', ['termsofreference']]]) };
    const idCache = new Map<number, string[]>();
    const idsOf = (s: Section): string[] => {
      let ids = idCache.get(s.index);
      if (!ids) idCache.set(s.index, (ids = isTitleHeading(doc, s) ? [] : sectionIds(s, matcher)));
      return ids;
    };
    const terms = options.requireTerms.map((t) => {
      const spec = typeof t === 'string' ? { term: t } : t;
      const known = TERM_LIBRARY.get(spec.term.toLowerCase());
      const patterns = spec.patterns?.length ? spec.patterns.map(re) : known ? known.patterns.map(re) : [re(`\\b${escapeRegExp(spec.term)}\\b`)];
      return { term: spec.term, patterns, definitionCovers: Boolean(known?.definitionCovers) && !spec.patterns?.length };
    });

    return {
      'document:exit'() {
        const ownsFront = main === 'overview' ? doc.kind !== 'executive-summary' : doc.kind === 'executive-summary';
        const inScope = (s: Section): boolean =>
          s.level > 0 &&
          s !== doc.titleSection &&
          (s.part.kind === main || (s.part.kind === 'appendix' && (main === 'overview' || doc.kind === 'executive-summary'))) &&
          !doc.isWithin(s, 'contents');
        const scope = doc.sections.filter(inScope);
        const scopeSet = new Set(scope);
        const scopeBlocks = doc.blocks.filter(
          (b) => b.kind !== 'heading' && (scopeSet.has(b.section) || (ownsFront && (b.section.level === 0 || b.section === doc.titleSection))),
        );
        // "1.4 Summary of findings" inside the Introduction is not where the analysis starts.
        const hasIdAbove = (s: Section): boolean => {
          for (let p = s.parent; p && p.level > 0; p = p.parent) if (idsOf(p).length) return true;
          return false;
        };
        const nestedIn = (s: Section, id: string): boolean => {
          for (let p = s.parent; p && p.level > 0; p = p.parent) if (idsOf(p).includes(id)) return true;
          return false;
        };

        // 1. Where the ToR are: headed sections, else a paragraph that sets them out.
        const located: Located[] = scope
          .filter((s) => idsOf(s).includes('terms-of-reference') && !nestedIn(s, 'terms-of-reference'))
          .filter((s) => hasContent(doc, s, 1))
          .map((s) => ({ section: s, blocks: doc.blocksOf(s).filter((b) => b.kind !== 'heading'), start: s.start }));
        const emptyHeadings = scope.some((s) => idsOf(s).includes('terms-of-reference'));
        if (located.length === 0) {
          const cue = scopeBlocks.find((b) => b.kind === 'paragraph' && TOR_CUES.some((r) => r.test(flat(b.text))) && !doc.isWithin(b.section, 'glossary'));
          if (cue) {
            const blocks: Block[] = [];
            for (let i = cue.index; i < doc.blocks.length && blocks.length < 20; i++) {
              const b = doc.blocks[i]!;
              if (b.kind === 'heading') break;
              blocks.push(b);
            }
            located.push({ section: cue.section, block: cue, blocks, start: cue.index });
          }
        }
        if (located.length === 0) {
          // An empty ToR heading is overview-sections' (or exec-summary-sections') finding.
          if (!emptyHeadings) context.report({ messageId: 'missing', block: scope[0]?.heading ?? doc.blocks[0], level: 'info' });
          return;
        }
        const first = located[0]!;
        const anchor = first.block ? { block: first.block } : { section: first.section };
        const name = first.block ? (first.section.level > 0 ? `the paragraph in ${sectionName(doc, first.section)}` : 'the paragraph that sets them out') : sectionName(doc, first.section);

        // 2. Position.
        if (options.position !== 'anywhere') {
          const body = scope.filter((s) => s.part.kind === main && !inAppendix(s));
          const firstOf = (ids: string[]): Section | undefined =>
            body.find((s) => idsOf(s).some((id) => ids.includes(id)) && !hasIdAbove(s) && hasContent(doc, s, 1));
          const analysis = firstOf(['analysis']) ?? firstOf(['conclusions', 'key-issues', 'lessons', 'recommendations']);
          const inBody = located.filter((l) => l.section.level === 0 || !inAppendix(l.section));
          if (options.position === 'main-body' && inBody.length === 0) {
            context.report({ messageId: 'late', ...anchor, data: { section: name, where: 'in an appendix' } });
          } else if (options.position === 'before-analysis' && analysis && located.every((l) => l.start >= analysis.start)) {
            const where = inBody.length === 0 ? `in an appendix, after the analysis (${sectionName(doc, analysis)})` : `after the analysis (${sectionName(doc, analysis)})`;
            context.report({ messageId: 'late', ...anchor, data: { section: name, where } });
          }
        }

        // 3. Content.
        const torBlocks = located.flatMap((l) => l.blocks);
        const text = torBlocks.map((b) => flat(b.text)).join('\n');
        if (options.requirePeriod && !PERIOD.some((r) => r.test(text))) {
          context.report({ messageId: 'noPeriod', ...anchor, data: { section: name } });
        }
        if (options.requireSubjects && !namesSubjects(text)) {
          context.report({ messageId: 'noSubjects', ...anchor, data: { section: name } });
        }
        if (options.requireLinesOfEnquiry && !hasLinesOfEnquiry(torBlocks, text)) {
          context.report({ messageId: 'noLinesOfEnquiry', ...anchor, data: { section: name } });
        }
        if (options.requireSuicide) {
          const basis = suicideBasis(scopeBlocks);
          if (basis && !SUICIDE_IN_TOR.some((r) => r.test(text))) {
            context.report({ messageId: 'noSuicide', ...anchor, data: { section: name, basis } });
          }
        }
        const torSet = new Set(torBlocks);
        const reliance = scopeBlocks.filter((b) => {
          if (torSet.has(b) || b.section.level === 0) return false;
          if (blockWithin(b, ['terms-of-reference', 'glossary', 'qa-letter'], idsOf)) return false;
          const id = doc.templateIdOf(b.section);
          return id !== undefined && RELIANCE_IDS.includes(id);
        });
        const definitionAdopted = options.acceptDefinitionReference && DEFINITION.some((r) => r.test(text));
        for (const term of terms) {
          if (term.patterns.some((r) => r.test(text))) continue;
          if (term.definitionCovers && definitionAdopted) continue;
          let count = 0;
          for (const b of reliance) for (const r of term.patterns) count += (flat(b.text).match(new RegExp(r.source, 'gi')) ?? []).length;
          if (count >= options.minMentions) context.report({ messageId: 'termMissing', ...anchor, data: { section: name, term: term.term, count } });
        }
      },
    };

    function namesSubjects(text: string): boolean {
      if (SUBJECTS.some((r) => r.test(text)) || SUBJECT_WORDS.test(text)) return true;
      const labels = settings.pseudonyms.flatMap((p) => [p.label, ...(p.aliases ?? [])]).filter(Boolean);
      if (labels.some((l) => new RegExp(`\\b${escapeRegExp(l)}\\b`, 'i').test(text))) return true;
      // Pseudonym codes ("AA", "Mr X" is above) and given names used throughout the report.
      if (/\b(?!I\b|A\b)[A-Z]{1,2}\b/.test(text.replace(/\b(?:NHS|GP|IMR|DHR|CSP|MARAC|IDVA|DASH|ToR|TOR)\b/g, ''))) return true;
      const counts = doc.memo('terms-of-reference:capitalised-words', (d) => {
        const m = new Map<string, number>();
        for (const b of d.blocks) for (const w of b.text.match(/\b[A-Z][a-z]{2,}\b/g) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
        return m;
      });
      for (const w of text.match(/\b[A-Z][a-z]{2,}\b/g) ?? []) {
        if (NOT_NAMES.has(w.toLowerCase())) continue;
        if ((counts.get(w) ?? 0) >= 3) return true;
      }
      return false;
    }

    function hasLinesOfEnquiry(blocks: Block[], text: string): boolean {
      if (blocks.filter((b) => b.within.list).length >= 2) return true;
      if ((text.match(/\?/g) ?? []).length >= 2) return true;
      if (blocks.filter((b) => NUMBERED.test(b.text)).length >= 3) return true;
      return LINES.some((r) => r.test(text));
    }

    /** Why we think the victim died by suicide, or undefined. */
    function suicideBasis(blocks: Block[]): string | undefined {
      if (settings.deathType === 'suicide') return 'the deathType setting says so';
      if (settings.deathType) return undefined;
      for (const b of blocks) {
        const opening = b.section.level === 0 || b.section === doc.titleSection || blockWithin(b, cues.victimSuicide.in, idsOf);
        if (!opening || !VICTIM_SUICIDE.some((r) => r.test(flat(b.text)))) continue;
        const context = flat(b.section.level === 0 || b.section === doc.titleSection ? b.text : doc.textOf(b.section));
        if (HOMICIDE_WORDS.some((r) => r.test(context))) continue;
        return b.section.level > 0 ? `as ${sectionName(doc, b.section)} says` : 'as the opening of the report says';
      }
      return undefined;
    }
  },
});
