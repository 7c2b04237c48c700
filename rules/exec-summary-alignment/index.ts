import { defineRule, type RelatedLocation, type RuleContext } from '../../src/api/rule.js';
import type { Block, Level, Section } from '../../src/model/types.js';
import {
  contentWords,
  findReviewRecommendations,
  quote,
  recommendationName,
  recommendationSections,
  sharedCount,
  type ReviewRecommendation,
  type Scope,
} from '../_shared/review-recommendations.js';
import { mainLabel, peopleOf, usesLabel, type Person } from './people.js';
import {
  MILESTONE_LABELS,
  agesOf,
  compatible,
  deathDates,
  formatDate,
  milestoneDates,
  reviewPeriod,
  sameMonth,
  sentenceYears,
  type DatedMention,
  type ValueMention,
} from './facts.js';
import { squash } from '../_shared/squash.js';
import cues from './cues.json' with { type: 'json' };

const CHECKS = ['terms-of-reference', 'recommendations', 'pseudonyms', 'key-facts', 'conclusions', 'lessons', 'tribute'] as const;
type Check = (typeof CHECKS)[number];

interface Options {
  /** Which comparisons to run. */
  check: Check[];
  /** Dice similarity of normalised words above which two recommendations are the same one. */
  similarity: number;
}

type Review = NonNullable<RuleContext<Options>['review']>;
type View = NonNullable<ReturnType<Review['get']>>;

const TOR_CUES = new RegExp(cues.termsOfReference.map((c) => c.pattern).join('|'), 'i');
const CONCLUSION_CUES = new RegExp(cues.conclusions.map((c) => c.pattern).join('|'), 'i');
const LESSON_CUES = new RegExp(cues.lessons.map((c) => c.pattern).join('|'), 'i');
const TRIBUTE_CUES = cues.tribute.map((c) => new RegExp(c.pattern, (c as { caseSensitive?: boolean }).caseSensitive ? 'u' : 'iu'));
const isTribute = (text: string): boolean => TRIBUTE_CUES.some((re) => re.test(text));
const TRIBUTE_SECTIONS = cues.tributeSections.ids;

export default defineRule<Options>({
  meta: {
    id: 'exec-summary-alignment',
    group: 'structure',
    description: 'The executive summary matches the overview report: terms of reference, recommendations, pseudonyms, key facts, conclusions, lessons and tribute',
    defaultLevel: 'warn',
    sources: [
      {
        title: 'Home Office QA Panel letter to Birmingham (15 February 2016): the executive summary "is missing key items of information, such as the terms of reference, and needs to be more closely aligned to the overview report"',
        url: 'https://www.gov.uk/government/publications/revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews',
      },
      {
        title: 'Home Office QA Panel letter, Devon case 23 "Neil" (September 2023): no family tribute in the executive summary or the overview report',
        url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-feedback-letter/',
      },
      { title: 'shared/domain/TEMPLATES.md §5: what "aligned" means (terms of reference, recommendations, pseudonyms, key facts, tribute)' },
    ],
    messages: {
      termsOfReferenceMissing:
        'The executive summary does not give the terms of reference, which the overview report sets out in {{overviewPlace}}. Add a "Terms of Reference" section to the summary {{where}}, with the review period and the key lines of enquiry.',
      reviewPeriodDiffers:
        'The review period differs: the executive summary gives {{summary}} ({{summaryPlace}}), the overview report {{overview}} ({{overviewPlace}}). Give the same period in both.',
      recommendationsNotListed:
        'The executive summary does not list the recommendations: the overview report makes {{count}} ({{overviewPlace}}). Set them out in the summary, in the same words or closely shortened.',
      recommendationCount:
        'The executive summary lists {{summary}} ({{summaryPlace}}) and the overview report {{overview}} ({{overviewPlace}}). The two lists should hold the same recommendations.',
      recommendationMissing:
        'The overview report\'s {{name}} ("{{quote}}", {{overviewPlace}}) is not in the executive summary. Add it to the summary\'s recommendations.',
      recommendationExtra:
        'The executive summary\'s {{name}} ("{{quote}}", {{summaryPlace}}) is not among the overview report\'s recommendations ({{overviewPlace}}). Add it to the overview report or remove it from the summary.',
      recommendationReworded:
        '{{name}} reads differently in the two documents: the executive summary ({{summaryPlace}}) says "{{summary}}", the overview report ({{overviewPlace}}) says "{{overview}}". Use the same wording, or shorten without changing what is asked.',
      pseudonymDiffers:
        'The executive summary calls the {{role}} "{{summary}}" ({{summaryPlace}}) but the overview report calls them "{{overview}}" ({{overviewPlace}}). Use the same pseudonym in both documents.',
      pseudonymUnknown:
        'The executive summary names "{{name}}" as a pseudonym ({{summaryPlace}}), but the overview report never uses that name. Use the overview report\'s pseudonyms in the summary.',
      factDiffers:
        'The {{fact}} differs: the executive summary gives {{summary}} ({{summaryPlace}}), the overview report {{overview}} ({{overviewPlace}}). Check which is right and make both documents say the same.',
      conclusionsMissing:
        'The executive summary has no conclusions, which the overview report draws in {{overviewPlace}}. Add a "Conclusions" section to the summary {{where}} that states them.',
      lessonsMissing:
        'The executive summary does not give the lessons to be learned, which the overview report sets out in {{overviewPlace}}. Add them to the summary {{where}}.',
      tributeMissingInSummary:
        'The overview report includes a tribute to the person who died ({{overviewPlace}}), but the executive summary does not. Add the family\'s tribute (or a shortened version agreed with them) {{where}}.',
      tributeMissingInOverview:
        'The executive summary includes a tribute to the person who died ({{summaryPlace}}), but the overview report does not. Add the tribute to the overview report too, near its start.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        check: { type: 'array', items: { enum: [...CHECKS] }, uniqueItems: true },
        similarity: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    defaultOptions: { check: [...CHECKS], similarity: 0.6 },
    review: { needs: ['overview', 'executive-summary'] },
  },

  create(context) {
    const { options, settings } = context;
    const enabled = new Set<Check>(options.check);

    function scopeOf(view: View): Scope {
      return { doc: view.document, blocks: view.blocks, key: `${view.role}:${view.ranges.map((r) => `${r.start}-${r.end}`).join(',')}` };
    }

    /** "19.1 Multi-agency recommendations, line 500" — where a version is, in plain words. */
    function placeOf(view: View, block: Block | undefined, row?: number): string {
      const doc = view.document;
      if (!block) return view.role === 'overview' ? 'the overview report' : 'the executive summary';
      const path = doc.sectionPath(block.section);
      const onTitle = !path.length || block.section === doc.titleSection || block.section.part.kind === 'front-matter';
      const section = onTitle ? 'the title page' : doc.sectionLabel(path[path.length - 1]!);
      const loc = row !== undefined && block.table ? block.table.rows[row]!.location : block.location;
      const where = loc.line !== undefined && (doc.format === 'markdown' || doc.format === 'text') ? `line ${loc.line}` : loc.page !== undefined ? `page ${loc.page}` : '';
      const parts = [onTitle ? 'on the title page' : block.kind === 'heading' && block.section.heading === block ? section : `in ${section}`, where].filter(Boolean);
      return parts.length ? parts.join(', ') : view.role === 'overview' ? 'the overview report' : 'the executive summary';
    }

    function related(view: View, block: Block | undefined, message: string, row?: number): RelatedLocation[] {
      if (!block) return [];
      const doc = view.document;
      const loc = row !== undefined && block.table ? block.table.rows[row]!.location : doc.locate(block);
      return [{ file: doc.file, message, location: { ...loc, section: doc.sectionPath(block.section).map((s) => doc.sectionLabel(s)) } }];
    }

    function sectionsWith(view: View, ids: string[]): Section[] {
      const doc = view.document;
      return view.sections.filter((s) => ids.some((id) => s.templateIds.includes(id)) && !doc.isWithin(s, 'contents') && s.part.kind !== 'qa-letter');
    }

    function contentOf(view: View, sections: Section[]): Block[] {
      const inside = new Set(view.blocks.map((b) => b.index));
      return sections.flatMap((s) => view.document.blocksOf(s).filter((b) => inside.has(b.index) && b.kind !== 'heading'));
    }

    function textBlocks(view: View): Block[] {
      const doc = view.document;
      return view.blocks.filter((b) => (b.kind === 'paragraph' || b.kind === 'heading') && !doc.isWithin(b.section, 'contents') && b.section.part.kind !== 'qa-letter');
    }

    /** Where a missing item belongs in the summary: before the first section that should follow it. */
    function anchor(view: View, followers: string[]): { block: Block | undefined; where: string } {
      const doc = view.document;
      const next = sectionsWith(view, followers).find((s) => s !== doc.titleSection);
      if (next?.heading) return { block: next.heading, where: `before "${doc.sectionLabel(next)}"` };
      const headed = view.sections.filter((s) => s !== doc.titleSection && !doc.isWithin(s, 'contents'));
      const last = headed[headed.length - 1];
      if (last?.heading) return { block: last.heading, where: `after "${doc.sectionLabel(last)}"` };
      const first = view.blocks.find((b) => b.kind === 'heading') ?? view.blocks[0];
      return { block: first, where: 'near its start' };
    }

    function report(
      view: View,
      block: Block | undefined,
      messageId: string,
      data: Record<string, string | number>,
      rel: RelatedLocation[],
      extra: { row?: number; level?: Level; section?: Section } = {},
    ): void {
      const row = extra.row !== undefined && block?.table ? { table: block.table, index: extra.row } : undefined;
      context.report({
        document: view.document,
        ...(row ? { row } : block ? { block } : extra.section ? { section: extra.section } : {}),
        messageId,
        data,
        related: rel,
        ...(extra.level ? { level: extra.level } : {}),
      });
    }

    // -------------------------------------------------------------------------------------------
    // Terms of reference

    function torBlocks(view: View): { sections: Section[]; blocks: Block[] } {
      const sections = sectionsWith(view, ['terms-of-reference']);
      const blocks = contentOf(view, sections);
      // Paragraphs that cue the terms of reference stand in only when no section holds them.
      if (blocks.length) return { sections, blocks };
      return { sections, blocks: textBlocks(view).filter((b) => b.kind === 'paragraph' && TOR_CUES.test(flat(b.text))) };
    }

    function checkTermsOfReference(overview: View, summary: View): void {
      const o = torBlocks(overview);
      if (!o.blocks.length && !o.sections.length) return;
      const oPlace = o.sections[0] ? placeOf(overview, o.sections[0].heading) : placeOf(overview, o.blocks[0]);
      const s = torBlocks(summary);
      if (!s.blocks.length) {
        const at = anchor(summary, ['summary-chronology', 'background-facts', 'chronology', 'overview', 'analysis', 'key-issues', 'conclusions', 'lessons', 'recommendations']);
        report(summary, at.block, 'termsOfReferenceMissing', { overviewPlace: oPlace, where: at.where }, related(overview, o.sections[0]?.heading ?? o.blocks[0], 'terms of reference in the overview report'));
        return;
      }
      const op = reviewPeriod(overview.document, o.blocks);
      const sp = reviewPeriod(summary.document, s.blocks);
      if (op && sp && !(compatible(op.from, sp.from) && compatible(op.to, sp.to))) {
        report(
          summary,
          sp.block,
          'reviewPeriodDiffers',
          {
            summary: `${formatDate(sp.from)} to ${formatDate(sp.to)}`,
            summaryPlace: placeOf(summary, sp.block),
            overview: `${formatDate(op.from)} to ${formatDate(op.to)}`,
            overviewPlace: placeOf(overview, op.block),
          },
          related(overview, op.block, 'review period in the overview report'),
        );
      }
    }

    // -------------------------------------------------------------------------------------------
    // Recommendations

    function numbersMatch(a: ReviewRecommendation, b: ReviewRecommendation): boolean {
      const x = a.number;
      const y = b.number;
      if (!x || !y) return false;
      if (x === y) return true;
      const last = (n: string): string => n.split('.').pop()!;
      if (x.includes('.') !== y.includes('.')) return last(x) === last(y) || (x.includes('.') ? y === String(a.ordinal) : x === String(b.ordinal));
      return false;
    }

    function checkRecommendations(overview: View, summary: View): void {
      const all = findReviewRecommendations(scopeOf(overview));
      const main = all.filter((r) => !r.inAppendix);
      const oRecs = main.length ? main : all;
      if (!oRecs.length) return;
      const appendixRecs = main.length ? all.filter((r) => r.inAppendix) : [];
      const sRecs = findReviewRecommendations(scopeOf(summary));
      const oHome = oRecs[0]!.home?.heading ?? oRecs[0]!.block;
      const oHomePlace = placeOf(overview, oHome);
      const sHomes = recommendationSections(scopeOf(summary));
      if (!sRecs.length) {
        const at = sHomes[0]?.heading ? { block: sHomes[0].heading, where: '' } : anchor(summary, []);
        report(summary, at.block, 'recommendationsNotListed', { count: plural(oRecs.length), overviewPlace: oHomePlace }, related(overview, oHome, 'recommendations in the overview report'));
        return;
      }
      // Prose read as recommendations is a weaker signal: findings one level lower.
      const weak = [...oRecs, ...sRecs].some((r) => r.method === 'prose');
      const level: Level | undefined = weak ? 'info' : undefined;
      const words = new Map<ReviewRecommendation, Set<string>>();
      for (const r of [...oRecs, ...sRecs, ...appendixRecs]) words.set(r, contentWords(r.text));
      const score = (a: ReviewRecommendation, b: ReviewRecommendation): number => {
        const wa = words.get(a)!;
        const wb = words.get(b)!;
        // dice() and containment() of the two sets, with their shared words counted once (every
        // pair of recommendations is scored).
        const shared = sharedCount(wa, wb);
        const d = wa.size + wb.size === 0 ? 1 : (2 * shared) / (wa.size + wb.size);
        // A shortened recommendation keeps most of its words: accept it when nearly all are in the other.
        const min = Math.min(wa.size, wb.size);
        const c = min >= 4 ? shared / min : 0;
        return Math.max(d, c >= 0.85 ? c : 0);
      };
      // Same number first among equal scores (worked out once per pair, not per comparison).
      const pairs: { o: ReviewRecommendation; s: ReviewRecommendation; score: number; numbered: number }[] = [];
      for (const o of oRecs) for (const s of sRecs) pairs.push({ o, s, score: score(o, s), numbered: numbersMatch(o, s) ? -1 : 0 });
      pairs.sort((a, b) => b.score - a.score || a.numbered - b.numbered);
      const matchedO = new Set<ReviewRecommendation>();
      const matchedS = new Set<ReviewRecommendation>();
      for (const p of pairs) {
        if (p.score < options.similarity || matchedO.has(p.o) || matchedS.has(p.s)) continue;
        matchedO.add(p.o);
        matchedS.add(p.s);
      }
      // Same number, different words: reworded (when they still share something).
      const reworded: { o: ReviewRecommendation; s: ReviewRecommendation }[] = [];
      for (const s of sRecs) {
        if (matchedS.has(s)) continue;
        const o = oRecs.find((x) => !matchedO.has(x) && numbersMatch(x, s));
        if (!o) continue;
        const shared = sharedCount(words.get(o)!, words.get(s)!);
        if (shared < 2 && score(o, s) < 0.25) continue;
        matchedO.add(o);
        matchedS.add(s);
        reworded.push({ o, s });
      }
      // Summary recommendations the overview keeps in an appendix (single-agency lists) are not extra.
      for (const s of sRecs) {
        if (!matchedS.has(s) && appendixRecs.some((a) => score(a, s) >= options.similarity)) matchedS.add(s);
      }
      const sCount = sRecs.length;
      const oCount = oRecs.length + appendixRecs.filter((a) => sRecs.some((s) => matchedS.has(s) && score(a, s) >= options.similarity)).length;
      const sHome = sHomes[0]?.heading ?? sRecs[0]!.home?.heading ?? sRecs[0]!.block;
      if (sCount !== oCount) {
        report(
          summary,
          sHome,
          'recommendationCount',
          { summary: plural(sCount), summaryPlace: placeOf(summary, sHome), overview: plural(oCount), overviewPlace: oHomePlace },
          related(overview, oHome, 'recommendations in the overview report'),
          { level },
        );
      }
      for (const { o, s } of reworded) {
        report(
          summary,
          s.block,
          'recommendationReworded',
          {
            name: capitalise(recommendationName(s)),
            summaryPlace: placeOf(summary, s.block, s.row),
            summary: quote(s.text, 12),
            overviewPlace: placeOf(overview, o.block, o.row),
            overview: quote(o.text, 12),
          },
          related(overview, o.block, `the overview report's ${recommendationName(o)}`, o.row),
          { row: s.row, level },
        );
      }
      for (const o of oRecs) {
        if (matchedO.has(o)) continue;
        report(
          summary,
          sHome,
          'recommendationMissing',
          { name: recommendationName(o), quote: quote(o.text), overviewPlace: placeOf(overview, o.block, o.row) },
          related(overview, o.block, `the overview report's ${recommendationName(o)}`, o.row),
          { level },
        );
      }
      for (const s of sRecs) {
        if (matchedS.has(s)) continue;
        report(
          summary,
          s.block,
          'recommendationExtra',
          { name: recommendationName(s), quote: quote(s.text), summaryPlace: placeOf(summary, s.block, s.row), overviewPlace: oHomePlace },
          related(overview, oHome, 'recommendations in the overview report'),
          { row: s.row, level },
        );
      }
    }

    // -------------------------------------------------------------------------------------------
    // Pseudonyms

    function checkPseudonyms(overview: View, summary: View): { oPeople: Person[]; sPeople: Person[] } {
      const oPeople = peopleOf(overview.document, textBlocks(overview), settings.pseudonyms ?? []);
      const sPeople = peopleOf(summary.document, textBlocks(summary), settings.pseudonyms ?? []);
      if (!enabled.has('pseudonyms')) return { oPeople, sPeople };
      const oText = textBlocks(overview);
      const sText = textBlocks(summary);
      const usedIn = (blocks: Block[], label: string): boolean => blocks.some((b) => usesLabel(b.text, label));
      const explained = new Set<string>();
      for (const role of ['victim', 'perpetrator'] as const) {
        const o = mainLabel(oPeople, role);
        const s = mainLabel(sPeople, role);
        if (!o || !s || !o.declared || !s.declared || o.label === s.label) continue;
        if (usedIn(sText, o.label) || usedIn(oText, s.label)) continue;
        explained.add(s.label);
        report(
          summary,
          s.block,
          'pseudonymDiffers',
          { role: role === 'victim' ? 'person who died' : 'perpetrator', summary: s.label, summaryPlace: placeOf(summary, s.block), overview: o.label, overviewPlace: placeOf(overview, o.block) },
          related(overview, o.block, `"${o.label}" in the overview report`),
        );
      }
      const configured = new Set((settings.pseudonyms ?? []).flatMap((p) => [p.label, ...(p.aliases ?? [])]));
      for (const p of sPeople) {
        if (!p.declared || explained.has(p.label) || configured.has(p.label)) continue;
        if (usedIn(oText, p.label)) continue;
        report(summary, p.block, 'pseudonymUnknown', { name: p.label, summaryPlace: placeOf(summary, p.block) }, []);
      }
      return { oPeople, sPeople };
    }

    // -------------------------------------------------------------------------------------------
    // Key facts

    function compareDates(
      overview: View,
      summary: View,
      fact: string,
      o: DatedMention[],
      s: DatedMention[],
      same: (a: DatedMention['date'], b: DatedMention['date']) => boolean,
      show: (d: DatedMention['date']) => string,
    ): void {
      if (!o.length || !s.length) return;
      if (s.some((x) => o.some((y) => same(x.date, y.date)))) return;
      const sFirst = s[0]!;
      const oFirst = o[0]!;
      report(
        summary,
        sFirst.block,
        'factDiffers',
        { fact, summary: show(sFirst.date), summaryPlace: placeOf(summary, sFirst.block), overview: show(oFirst.date), overviewPlace: placeOf(overview, oFirst.block) },
        related(overview, oFirst.block, `${fact} in the overview report`),
      );
    }

    function compareValues(overview: View, summary: View, fact: string, o: ValueMention[], s: ValueMention[], show: (n: number) => string): void {
      if (!o.length || !s.length) return;
      if (s.some((x) => o.some((y) => x.value === y.value))) return;
      report(
        summary,
        s[0]!.block,
        'factDiffers',
        { fact, summary: show(s[0]!.value), summaryPlace: placeOf(summary, s[0]!.block), overview: show(o[0]!.value), overviewPlace: placeOf(overview, o[0]!.block) },
        related(overview, o[0]!.block, `${fact} in the overview report`),
      );
    }

    function checkKeyFacts(overview: View, summary: View, oPeople: Person[], sPeople: Person[]): void {
      const od = overview.document;
      const sd = summary.document;
      const oBlocks = overview.blocks;
      const sBlocks = summary.blocks;
      const monthYear = (d: DatedMention['date']): string => formatDate({ year: d.year, month: d.month });
      compareDates(overview, summary, 'month and year of death', deathDates(od, oBlocks), deathDates(sd, sBlocks), sameMonth, monthYear);
      // Ages of the people both documents name (the victim and the perpetrator first).
      const labels = new Set<string>();
      for (const role of ['victim', 'perpetrator'] as const) {
        const o = mainLabel(oPeople, role);
        if (o && sPeople.some((p) => p.label === o.label) ) labels.add(o.label);
        else if (o && textBlocks(summary).some((b) => usesLabel(b.text, o.label))) labels.add(o.label);
      }
      const allLabels = [...new Set([...oPeople, ...sPeople].map((p) => p.label))];
      for (const label of labels) {
        const others = allLabels.filter((l) => l !== label);
        compareValues(overview, summary, `age of ${label}`, agesOf(od, oBlocks, label, others), agesOf(sd, sBlocks, label, others), (n) => String(n));
      }
      const om = milestoneDates(od, oBlocks);
      const sm = milestoneDates(sd, sBlocks);
      for (const [id, label] of Object.entries(MILESTONE_LABELS)) {
        compareDates(overview, summary, label, om.get(id) ?? [], sm.get(id) ?? [], compatible, (d) => formatDate(d));
      }
      compareValues(overview, summary, 'length of the sentence', sentenceYears(od, oBlocks), sentenceYears(sd, sBlocks), (n) => `${n} years`);
    }

    // -------------------------------------------------------------------------------------------
    // Conclusions, lessons, tribute

    function present(view: View, ids: string[], cue: RegExp): { section?: Section; block?: Block } | undefined {
      const sections = sectionsWith(view, ids).filter((s) => contentOf(view, [s]).length > 0 || s.children.length > 0);
      if (sections.length) return { section: sections[0], block: sections[0]!.heading };
      // A heading that names it ("Conclusions and Lessons") or a paragraph that states it.
      const block = textBlocks(view).find((b) => (b.kind === 'paragraph' || b.section.heading === b) && cue.test(flat(b.text)));
      return block ? { block } : undefined;
    }

    function checkOutcome(overview: View, summary: View, ids: string[], cue: RegExp, messageId: string, followers: string[]): void {
      const o = sectionsWith(overview, ids).filter((s) => contentOf(overview, [s]).length > 0 || s.children.length > 0);
      if (!o.length) return;
      if (present(summary, ids, cue)) return;
      const at = anchor(summary, followers);
      report(summary, at.block, messageId, { overviewPlace: placeOf(overview, o[0]!.heading), where: at.where }, related(overview, o[0]!.heading, 'in the overview report'));
    }

    function tributeOf(view: View): Block | undefined {
      const doc = view.document;
      const own = sectionsWith(view, ['tribute']).find((s) => contentOf(view, [s]).length > 0);
      if (own) return own.heading;
      const inside = new Set(view.blocks.map((b) => b.index));
      // The tribute sits before the account of the case: in the title pages, preface, introduction or
      // review process, or in a section of its own.
      const narrative = ['summary-chronology', 'background-facts', 'chronology', 'overview', 'analysis', 'key-issues', 'conclusions', 'lessons', 'recommendations'];
      const firstBody = view.sections.find((s) => s !== doc.titleSection && s.templateIds.some((id) => narrative.includes(id)));
      for (const b of view.blocks) {
        if (b.kind !== 'paragraph' || !inside.has(b.index)) continue;
        const early = !firstBody || b.index < firstBody.start;
        const inTributeSection = TRIBUTE_SECTIONS.some((id) => doc.isWithin(b.section, id));
        if (!(early || inTributeSection)) continue;
        if (isTribute(flat(b.text))) return b;
      }
      return undefined;
    }

    function checkTribute(overview: View, summary: View): void {
      const o = tributeOf(overview);
      const s = tributeOf(summary);
      if (o && !s) {
        const at = anchor(summary, ['review-process', 'introduction', 'contributors', 'panel-members', 'terms-of-reference', 'summary-chronology']);
        report(summary, at.block, 'tributeMissingInSummary', { overviewPlace: placeOf(overview, o), where: at.where.replace(/^near its start$/, 'near the start of the summary') }, related(overview, o, 'tribute in the overview report'));
      } else if (s && !o) {
        const first = overview.blocks.find((b) => b.kind === 'heading') ?? overview.blocks[0];
        report(overview, first, 'tributeMissingInOverview', { summaryPlace: placeOf(summary, s) }, related(summary, s, 'tribute in the executive summary'));
      }
    }

    return {
      document() {
        const review = context.review;
        const overview = review?.get('overview');
        const summary = review?.get('executive-summary');
        if (!overview || !summary) return;
        if (enabled.has('terms-of-reference')) checkTermsOfReference(overview, summary);
        if (enabled.has('recommendations')) checkRecommendations(overview, summary);
        const { oPeople, sPeople } = checkPseudonyms(overview, summary);
        if (enabled.has('key-facts')) checkKeyFacts(overview, summary, oPeople, sPeople);
        if (enabled.has('conclusions')) {
          checkOutcome(overview, summary, ['conclusions', 'key-issues'], CONCLUSION_CUES, 'conclusionsMissing', ['lessons', 'recommendations']);
        }
        if (enabled.has('lessons')) checkOutcome(overview, summary, ['lessons'], LESSON_CUES, 'lessonsMissing', ['recommendations']);
        if (enabled.has('tribute')) checkTribute(overview, summary);
      },
    };
  },
});

function plural(n: number): string {
  return `${n} recommendation${n === 1 ? '' : 's'}`;
}

function flat(text: string): string {
  return squash(text);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

