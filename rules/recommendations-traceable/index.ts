import { defineRule } from '../../src/api/rule.js';
import type { Block, Section } from '../../src/model/types.js';
import {
  contentWords,
  documentScope,
  findReviewRecommendations,
  quote,
  recommendationName,
  sharedCount,
  type ReviewRecommendation,
} from '../_shared/review-recommendations.js';
import { isPlain } from '../_shared/chars.js';
import { squash } from '../_shared/squash.js';
import cues from './cues.json' with { type: 'json' };
import themeData from './themes.json' with { type: 'json' };

interface ThemeOption {
  id: string;
  label: string;
  patterns: string[];
}

interface Options {
  /** Key terms a recommendation must share with one finding paragraph when it has no cross-reference. */
  minSharedTerms: number;
  /** Every recommendation must cite the paragraph it arises from ("see 16.3"). */
  requireCrossReference: boolean;
  /** Single-agency and multi-agency recommendations must both be in the main report. */
  requireConsolidated: boolean;
  /** Themes that need a system-wide recommendation when the analysis raises them: ids of themes.json, or your own. */
  themes: (string | ThemeOption)[];
}

const FINDING_IDS = cues.findingSections.ids;
const CROSS_REFERENCE = cues.crossReference.map((c) => new RegExp(c.pattern, 'i'));
const GENERIC = new Set(cues.genericTerms.words.split(/\s+/).flatMap((w) => [...contentWords(w)]));
const COMMON_SHARE = cues.commonShare.value;
const GOOD_PRACTICE = new RegExp(cues.goodPractice.pattern, 'i');
const SINGLE_MENTION = new RegExp(cues.singleAgencyMention.pattern, 'i');
/** Every SINGLE_MENTION match holds the word (no white space in it: collapsing a sentence's spaces keeps it). */
const SINGLE_LITERAL = /recommendation/i;
const ELSEWHERE = new RegExp(cues.elsewhere.pattern, 'i');
const APPENDIX_TARGET = new RegExp(cues.appendixTarget.pattern, 'i');
const SYSTEM_WIDE = new RegExp(cues.systemWideAddressee.pattern, 'i');
const DISTRIBUTION = new RegExp(cues.distribution.pattern, 'i');
const SUBSTANTIVE = new RegExp(cues.substantive.pattern, 'i');
const LESSON_INTRO = new RegExp(cues.intro.pattern, 'i');
const GENERAL = new RegExp(cues.general.pattern, 'i');
const THEMES = new Map(themeData.themes.map((t) => [t.id, { id: t.id, label: t.label, patterns: t.patterns }]));
const DEFAULT_THEMES = themeData.themes.filter((t) => t.default).map((t) => t.id);
const MIN_MENTIONS = themeData.minMentions;

/** Collapsed white space, cached: the same recommendations and findings are tested many times. */
const flat = squash;

/** A capitalised word (a name); and the same for plain texts (see isPlain), which compiles several times faster. */
const NAME = /(?<![\p{L}])[A-Z][a-z][\p{L}'’-]*/gu;
const PLAIN_NAME = /(?<![A-Za-z])[A-Z][a-z][A-Za-z'’-]*/gu;

/** Key terms of a text: content words without names (capitalised words), generic DHR words or numbers. */
function keyTerms(text: string): Set<string> {
  // Capitalised words are names of people, places and agencies: they link everything to everything.
  const flattened = flat(text);
  const withoutNames = flattened.replace(isPlain(flattened) ? PLAIN_NAME : NAME, ' ');
  return contentWords(withoutNames, GENERIC);
}

export default defineRule<Options>({
  meta: {
    id: 'recommendations-traceable',
    group: 'action-plan',
    description: 'Each recommendation traces to a finding or lesson, each lesson leads to a recommendation, numbering is unique, single- and multi-agency recommendations are together, themes of the analysis get a system-wide recommendation',
    defaultLevel: 'warn',
    sources: [
      {
        title: 'Home Office QA Panel letter, Bassetlaw "Sarah" (30 March 2023): bring the single-agency and multi-agency recommendations together in the main report',
        url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/',
      },
      {
        title: 'Home Office QA Panel letter, Devon case 23 "Neil" (September 2023): bias noted in the analysis but not carried into "any system-wide recommendation"',
        url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-feedback-letter/',
      },
      { title: 'Devon case 17 "Louise" QA letter (31 October 2022): praise for a specific recommendation tied to a health finding', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-17-feedback-letter/' },
      { title: 'Northampton summary of a published DHR: every recommendation numbered "1"', url: 'https://www.accountabilityindex.uk/sources/dhr/64be5459-northampton/' },
      { title: 'Scottish Government review of DHR practice: few, evidence-based recommendations (CLEAR)', url: 'https://www.gov.scot/publications/domestic-homicide-reviews-identifying-best-practice-learning-lessons-implementing-change/pages/2/' },
    ],
    messages: {
      untraced:
        '{{name}} ("{{quote}}") does not point back to a finding: it has no cross-reference and shares fewer than {{min}} key terms with any paragraph of the analysis, conclusions or lessons. Say which finding it answers, for example "(see 16.3)".',
      noCrossReference:
        '{{name}} ("{{quote}}") does not cite the finding it arises from. Add a cross-reference to the paragraph of the analysis, conclusions or lessons, for example "(see 16.3)".',
      lessonWithoutRecommendation:
        'The lesson in {{section}} ("{{quote}}") does not lead to any recommendation: no recommendation shares its key terms or refers to it. Add a recommendation that acts on it, or say why none is needed.',
      duplicateNumber:
        'Recommendation number {{number}} is used more than once ({{count}} times in {{section}}). Number each recommendation once, so the action plan and the Home Office can refer to it.',
      numberingRestarts:
        'The recommendations in {{section}} start again at {{number}}, so "recommendation {{number}}" names two different recommendations ({{other}}). Number them in one sequence, or prefix each set (for example M1, S1).',
      singleAgencyElsewhere:
        'The single-agency recommendations are not in the main report: {{section}} says they are kept elsewhere. List them in the report with the multi-agency recommendations, as the QA Panel asked (Bassetlaw, 2023).',
      singleAgencyInAppendix:
        'The single-agency recommendations are only in {{section}}, and the main recommendations section does not point to them. Bring them into the main report with the multi-agency recommendations, or at least refer to the appendix there.',
      themeWithoutSystemRecommendation:
        'The analysis raises {{theme}} ({{places}}), but no multi-agency or national recommendation addresses it. Consider a system-wide recommendation, or explain why none is needed.',
      distributionOnly:
        '{{name}} ("{{quote}}") only asks for the report to be shared or circulated. That is a dissemination step, not a recommendation: move it to the dissemination section, or say what should change as a result.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minSharedTerms: { type: 'integer', minimum: 1, maximum: 10 },
        requireCrossReference: { type: 'boolean' },
        requireConsolidated: { type: 'boolean' },
        themes: {
          type: 'array',
          items: {
            oneOf: [
              { type: 'string', minLength: 1 },
              {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'label', 'patterns'],
                properties: {
                  id: { type: 'string', minLength: 1 },
                  label: { type: 'string', minLength: 1 },
                  patterns: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
                },
              },
            ],
          },
        },
      },
    },
    defaultOptions: { minSharedTerms: 2, requireCrossReference: false, requireConsolidated: true, themes: DEFAULT_THEMES },
  },

  create(context) {
    const { document: doc, options } = context;

    function label(section: Section): string {
      return doc.sectionLabel(section);
    }

    function relatedTo(block: Block, message: string) {
      return [{ message, location: { ...doc.locate(block), section: doc.sectionPath(block.section).map((s) => doc.sectionLabel(s)) } }];
    }

    interface LessonUnit {
      section: Section;
      blocks: Block[];
      number?: string;
      quoteText: string;
    }

    function lessonUnits(scopeBlocks: Block[], recBlocks: Set<Block>): LessonUnit[] {
      const inScope = new Set(scopeBlocks);
      const units: LessonUnit[] = [];
      const tops = doc.sectionsById('lessons').filter((s) => s.heading && inScope.has(s.heading) && !s.parent?.templateIds.includes('lessons'));
      const isGood = (s: Section): boolean => GOOD_PRACTICE.test(s.title) && !/lesson|learn/i.test(s.title.replace(GOOD_PRACTICE, ''));
      const usable = (b: Block): boolean => b.kind === 'paragraph' && !recBlocks.has(b) && !b.within.note && inScope.has(b);
      for (const top of tops) {
        if (isGood(top)) continue;
        const subs = top.children.filter((c) => !c.templateIds.includes('recommendations'));
        // Direct paragraphs (or all of them when there are no sub-sections): one lesson each.
        for (const b of top.blocks) {
          if (!usable(b)) continue;
          const text = flat(b.text);
          if (GOOD_PRACTICE.test(text.slice(0, 60)) || (LESSON_INTRO.test(text) && doc.wordCount(b) < 30)) continue;
          if (b.within.list && b.listItem && b.listItem.depth > 1) continue;
          units.push({ section: top, blocks: [b], number: /^\s*\(?(\d{1,3}(?:\.\d{1,3}){0,3})/.exec(text)?.[1], quoteText: text });
        }
        for (const sub of subs) {
          if (isGood(sub)) continue;
          const blocks = doc.blocksOf(sub).filter(usable);
          if (!blocks.length) continue;
          units.push({ section: sub, blocks: [sub.heading ?? blocks[0]!, ...blocks], number: sub.number, quoteText: sub.title });
        }
      }
      return units;
    }

    return {
      document() {
        // The overview report (and its appendices); an executive summary or action plan on its own is not checked here.
        if (doc.kind === 'executive-summary' || doc.kind === 'action-plan') return;
        const scope = documentScope(doc, ['executive-summary', 'action-plan', 'qa-letter']);
        const recs = findReviewRecommendations(scope);
        if (!recs.length) return;
        const recBlocks = new Set(recs.map((r) => r.block));
        const homes = [...new Set(recs.map((r) => r.home).filter((h): h is Section => Boolean(h)))];

        // Paragraphs of the analysis, conclusions, lessons and equality sections.
        // Whether a section holds findings, worked out once per section.
        const findingSection = new Map<Section, boolean>();
        const holdsFindings = (section: Section): boolean => {
          let yes = findingSection.get(section);
          if (yes === undefined) {
            yes =
              FINDING_IDS.some((id) => doc.isWithin(section, id)) &&
              !homes.some((h) => isInside(section, h) && !FINDING_IDS.some((id) => h.templateIds.includes(id)));
            findingSection.set(section, yes);
          }
          return yes;
        };
        const findings = scope.blocks.filter((b) => b.kind === 'paragraph' && !recBlocks.has(b) && !b.within.note && holdsFindings(b.section));
        const termsOf = new Map<Block, Set<string>>(findings.map((b) => [b, keyTerms(b.text)]));
        // Terms found in a large share of the finding paragraphs cannot tie a recommendation to one of them.
        const frequency = new Map<string, number>();
        for (const terms of termsOf.values()) for (const t of terms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
        const common = new Set([...frequency].filter(([, n]) => findings.length >= 6 && n > Math.max(3, findings.length * COMMON_SHARE)).map(([t]) => t));
        // (The set itself when none of its terms is common: the sets are only read.)
        const distinctive = (terms: Set<string>): Set<string> => {
          if (common.size === 0) return terms;
          let any = false;
          for (const t of terms) {
            if (common.has(t)) {
              any = true;
              break;
            }
          }
          return any ? new Set([...terms].filter((t) => !common.has(t))) : terms;
        };
        for (const [b, t] of termsOf) termsOf.set(b, distinctive(t));
        const recTerms = new Map<ReviewRecommendation, Set<string>>(recs.map((r) => [r, distinctive(keyTerms(r.text))]));
        const main = recs.filter((r) => !r.inAppendix);
        let termIndex: TermIndex | undefined;

        // 1. Each recommendation traces to a finding.
        if (findings.length) {
          for (const rec of main) {
            if (DISTRIBUTION.test(flat(rec.text)) && !SUBSTANTIVE.test(flat(rec.text))) continue;
            const cited = CROSS_REFERENCE.some((re) => re.test(flat(rec.text)));
            if (cited) continue;
            // Monitoring the whole review's recommendations arises from all findings, not one.
            if (GENERAL.test(flat(rec.text))) continue;
            const data = { name: capitalise(recommendationName(rec)), quote: quote(rec.text) };
            if (options.requireCrossReference) {
              report(rec, 'noCrossReference', data);
              continue;
            }
            const terms = recTerms.get(rec)!;
            const best = bestMatch(terms, (termIndex ??= indexTerms(termsOf)));
            if (best.shared >= options.minSharedTerms) continue;
            // Too few words to judge ("Police to review DASH training."): no finding.
            if (terms.size < options.minSharedTerms) continue;
            report(rec, 'untraced', { ...data, min: options.minSharedTerms });
          }
        }

        // 2. Each lesson leads to a recommendation. A lesson is a sub-section of the lessons (its
        //    heading and text), or one paragraph or list item when the lessons have no sub-headings.
        const lessonMin = Math.max(1, options.minSharedTerms - 1);
        for (const unit of lessonUnits(scope.blocks, recBlocks)) {
          const text = flat(unit.blocks.map((b) => b.text).join(' '));
          const terms = distinctive(keyTerms(text));
          if (terms.size < 3) continue;
          const number = unit.number;
          const referred = number && main.some((r) => new RegExp(`(?<![\\d.])${number.replace(/\./g, '\\.')}(?![\\d])`).test(flat(r.text)));
          if (referred || /\brecommendations?\s+\d/i.test(text)) continue;
          if (main.some((r) => sharedCount(terms, recTerms.get(r)!) >= lessonMin)) continue;
          const first = unit.blocks[0]!;
          context.report({ block: first, messageId: 'lessonWithoutRecommendation', data: { section: label(unit.section), quote: quote(unit.quoteText) } });
        }

        // 3. Numbering unique.
        checkNumbering(main);

        // 4. Single-agency and multi-agency recommendations together in the main report.
        if (options.requireConsolidated) checkConsolidated(recs, main, homes);

        // 5. Themes raised by the analysis with no system-wide recommendation.
        checkThemes(findings, main, homes);

        // 6. Distribution-only "recommendations".
        for (const rec of main) {
          const text = flat(rec.text);
          if (DISTRIBUTION.test(text) && !SUBSTANTIVE.test(text)) report(rec, 'distributionOnly', { name: capitalise(recommendationName(rec)), quote: quote(rec.text) }, 'info');
        }
      },
    };

    function report(rec: ReviewRecommendation, messageId: string, data: Record<string, string | number>, level?: 'info'): void {
      if (rec.row !== undefined && rec.block.table) context.report({ row: { table: rec.block.table, index: rec.row }, messageId, data, ...(level ? { level } : {}) });
      else context.report({ block: rec.block, messageId, data, ...(level ? { level } : {}) });
    }

    function checkNumbering(main: ReviewRecommendation[]): void {
      const byNumber = new Map<string, ReviewRecommendation[]>();
      for (const r of main) {
        if (!r.number) continue;
        const list = byNumber.get(r.number) ?? [];
        list.push(r);
        byNumber.set(r.number, list);
      }
      const restartsReported = new Set<Section>();
      for (const [number, list] of byNumber) {
        if (list.length < 2) continue;
        const first = list[0]!;
        for (const r of list.slice(1)) {
          // A second set numbered from 1 again (single-agency after multi-agency): one note per set.
          const otherSet = r.section !== first.section && (r.positional || first.positional || r.set !== first.set || r.section.title !== first.section.title);
          if (otherSet) {
            // One note per report is enough: every set after the first restarts the same way.
            if (restartsReported.size > 0) continue;
            restartsReported.add(r.section);
            const firstOfSet = main.find((x) => x.section === r.section && x.number) ?? r;
            context.report({
              block: firstOfSet.block,
              messageId: 'numberingRestarts',
              data: { section: label(r.section), number: firstOfSet.number ?? number, other: `also in ${label(first.section)}` },
              level: 'info',
              related: relatedTo(first.block, `recommendation ${number} in ${label(first.section)}`),
            });
          } else {
            context.report({
              block: r.block,
              ...(r.row !== undefined && r.block.table ? { row: { table: r.block.table, index: r.row } } : {}),
              messageId: 'duplicateNumber',
              data: { number, count: list.length, section: label(r.home ?? r.section) },
              related: relatedTo(first.block, `first recommendation numbered ${number}`),
            });
          }
        }
      }
    }

    function checkConsolidated(recs: ReviewRecommendation[], main: ReviewRecommendation[], homes: Section[]): void {
      const appendixRecs = recs.filter((r) => r.inAppendix);
      const bodyBlocks = doc.blocks.filter((b) => b.kind === 'paragraph' && !['executive-summary', 'qa-letter'].includes(b.section.part.kind) && !doc.isWithin(b.section, 'contents'));
      // "Single-agency recommendations are contained in the IMRs / the action plan / Appendix C."
      let pointer = false;
      for (const b of bodyBlocks) {
        // Most paragraphs cannot hold a SINGLE_MENTION sentence (their collapsed sentences are pieces
        // of the paragraph, and every match holds "recommendation").
        if (!SINGLE_LITERAL.test(b.text)) continue;
        for (const s of doc.sentences(b)) {
          const text = flat(s.text);
          if (!SINGLE_MENTION.test(text) || !ELSEWHERE.test(text)) continue;
          if (APPENDIX_TARGET.test(text) && appendixRecs.length) {
            pointer = true;
            continue;
          }
          // The list itself follows in the main report ("… are set out below") or sits beside it.
          if (main.some((r) => r.set === 'single')) continue;
          const section = b.section;
          context.report({ block: b, span: { start: s.start, end: s.end }, messageId: 'singleAgencyElsewhere', data: { section: label(section) } });
          return;
        }
      }
      const singleInAppendix = appendixRecs.filter((r) => r.set === 'single' || (r.home && /single|imr|individual/i.test(r.home.title)));
      if (singleInAppendix.length && !main.some((r) => r.set === 'single') && !pointer) {
        const pointed = homes
          .filter((h) => !appendixRecs.some((r) => r.home === h))
          .some((h) => doc.blocksOf(h).some((b) => APPENDIX_TARGET.test(b.text)));
        if (!pointed) {
          const home = singleInAppendix[0]!.home ?? singleInAppendix[0]!.section;
          context.report({ section: home, ...(home.heading ? { block: home.heading } : {}), messageId: 'singleAgencyInAppendix', data: { section: label(home) } });
        }
      }
    }

    function checkThemes(findings: Block[], main: ReviewRecommendation[], homes: Section[]): void {
      const selected = options.themes
        .map((t) => (typeof t === 'string' ? THEMES.get(t) : t))
        .filter((t): t is ThemeOption => Boolean(t));
      // The paragraphs that can raise a theme, the same for every theme.
      const candidates = findings.filter((b) => !doc.isWithin(b.section, 'terms-of-reference') && !/definition/i.test(b.section.title));
      for (const theme of selected) {
        const patterns = theme.patterns.map((p) => new RegExp(p, 'i'));
        // One expression for all the patterns, one pass over each paragraph, when joining them keeps
        // their meaning (no back-reference, whose group number would change; no named group, whose
        // name another pattern may repeat).
        const joinable = patterns.length > 1 && !theme.patterns.some((p) => /\\(?:[1-9]|k<)|\(\?<(?![=!])/.test(p));
        const joined = joinable ? [new RegExp(theme.patterns.map((p) => `(?:${p})`).join('|'), 'i')] : patterns;
        const matches = (text: string): boolean => {
          const t = flat(text);
          return joined.some((re) => re.test(t));
        };
        const raised = candidates.filter((b) => matches(b.text));
        if (raised.length < MIN_MENTIONS) continue;
        const addressed = main.some((r) => matches(r.text) && (r.set === 'multi' || r.set === 'national' || (r.set === undefined && SYSTEM_WIDE.test(flat(r.text)))));
        if (addressed) continue;
        const places = [...new Set(raised.map((b) => doc.sectionPath(b.section).map((s) => s.number ?? s.title).pop() ?? ''))].filter(Boolean).slice(0, 3);
        const home = homes[0];
        const anchor = home?.heading ?? main[0]!.block;
        context.report({
          block: anchor,
          messageId: 'themeWithoutSystemRecommendation',
          data: { theme: theme.label, places: places.length ? `in ${places.join(', ')}` : 'in the analysis' },
          level: 'info',
          related: relatedTo(raised[0]!, `${theme.label} in the analysis`),
        });
      }
    }
  },
});

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isInside(section: Section, ancestor: Section): boolean {
  for (let s: Section | undefined = section; s; s = s.parent) if (s === ancestor) return true;
  return false;
}

/** Finding paragraphs in order, and for each term the indexes of the paragraphs holding it. */
interface TermIndex {
  blocks: Block[];
  byTerm: Map<string, number[]>;
}

function indexTerms(termsOf: Map<Block, Set<string>>): TermIndex {
  const blocks: Block[] = [];
  const byTerm = new Map<string, number[]>();
  for (const [b, terms] of termsOf) {
    const i = blocks.push(b) - 1;
    for (const t of terms) {
      const list = byTerm.get(t);
      if (list) list.push(i);
      else byTerm.set(t, [i]);
    }
  }
  return { blocks, byTerm };
}

/** The first finding paragraph sharing the most terms (counted through the index, not paragraph by paragraph). */
function bestMatch(terms: Set<string>, index: TermIndex): { shared: number; block?: Block } {
  const counts = new Uint32Array(index.blocks.length);
  for (const t of terms) for (const i of index.byTerm.get(t) ?? []) counts[i]!++;
  let best: { shared: number; block?: Block } = { shared: 0 };
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! > best.shared) best = { shared: counts[i]!, block: index.blocks[i] };
  }
  return best;
}


