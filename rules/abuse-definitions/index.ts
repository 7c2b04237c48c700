import { defineRule, type Suggestion } from '../../src/api/rule.js';
import { countWords } from '../../src/api/text.js';
import type { Block, Section, Span } from '../../src/model/types.js';
import { Prefilter, prefilterFor } from '../_shared/prefilter.js';
import termData from './terms.json' with { type: 'json' };
import defData from './definitions.json' with { type: 'json' };

type Place = 'body' | 'glossary' | 'footnote' | 'appendix';
type Source = 'auto' | 'either' | 'da-act-2021' | 'cross-gov-2013';

interface CustomTerm {
  label?: string;
  /** Regular expressions (case-insensitive) that find uses of the term. */
  triggers?: string[];
  /** Regular expressions that, in a sentence naming the term, show it is defined. */
  definitionCues?: string[];
  /** What definition to add, in plain words. */
  suggest?: string;
}

interface Options {
  /** Extra terms, or changes to built-in ones, by id. */
  terms: Record<string, CustomTerm>;
  /** Built-in term ids not to check. */
  ignoreTerms: string[];
  /** Which definition of domestic abuse the report should give: by date of death (auto), either, or one. */
  definitionSource: Source;
  /** Where a definition counts. */
  definitionPlaces: Place[];
  /** Uses outside the key sections before a term counts as relied on. */
  minUses: number;
  /** Sections (ids) where a single use means the report relies on the term. */
  keySections: string[];
  /** Also check that the report states its definition of domestic abuse. */
  requireDomesticAbuseDefinition: boolean;
  /** Level of findings in an executive summary (which may rely on the overview's definitions). */
  executiveSummary: 'info' | 'same' | 'off';
}

interface Trigger {
  regex: RegExp;
  keySectionsOnly: boolean;
}

interface Term {
  id: string;
  label: string;
  triggers: Trigger[];
  cues: RegExp[];
  excludeSentence?: RegExp;
  suggest: string;
  listItem: RegExp;
}

const IGNORE = termData.ignore.patterns.map((p) => new RegExp(p, 'gi'));
const AFTER = new RegExp(termData.definitionPhrases.after, 'i');
const BEFORE = new RegExp(termData.definitionPhrases.before, 'i');
const NEXT_PARAGRAPH = new RegExp(termData.definitionPhrases.nextParagraph, 'i');
const NEG_BEFORE = new RegExp(termData.negation.before, 'i');
const NEG_AFTER = new RegExp(termData.negation.after, 'i');
const DEFINITION_SECTION = new RegExp(termData.definitionSections.pattern, 'i');
const DA_CUES = defData.domesticAbuse.cues.map((c) => new RegExp(c.pattern, 'i'));
const DEFINITIONS = defData.definitions.map((d) => ({
  id: d.id as 'cross-gov-2013' | 'da-act-2021',
  label: d.label,
  from: d.from,
  royalAssent: (d as { royalAssent?: string }).royalAssent,
  cues: d.cues.map((c) => ({ regex: new RegExp(c.pattern, 'i'), with: (c as { with?: string }).with ? new RegExp((c as { with: string }).with, 'i') : undefined })),
}));
const DEATH_DATE = new RegExp(defData.deathDate.pattern, 'i');
/**
 * Which IGNORE patterns can match in a text. Literals without white space or boundaries stay sound
 * on the partly masked text each later pattern runs on (masking only turns characters into spaces).
 */
const IGNORE_FILTER = new Prefilter(IGNORE, { spaces: false, boundaries: false });
/**
 * The same patterns in the shared filter (sound on the unmasked text only): when none can match
 * the text, none matches, so nothing is masked and no later pattern sees a masked text either. Most
 * texts end there, with the scan the shared filter makes of them anyway.
 */
const IGNORE_ANY = new Prefilter(IGNORE);
/** Which definition cues can match in a text: DA_CUES, then each definition's cues and their `with`. */
const CUE_REGEXES = [...DA_CUES, ...DEFINITIONS.flatMap((d) => d.cues.flatMap((c) => (c.with ? [c.regex, c.with] : [c.regex])))];
const CUE_FILTER = new Prefilter(CUE_REGEXES);
/** Where each cue sits in CUE_REGEXES (the first place, as indexOf gives). */
const CUE_INDEX = new Map<RegExp, number>();
CUE_REGEXES.forEach((r, i) => {
  if (!CUE_INDEX.has(r)) CUE_INDEX.set(r, i);
});
/**
 * The triggers of the built-in terms, as create() compiles them when the options change none: their
 * filter joins the shared ones (one scan per text for all rules, literals worked out ahead).
 */
const BUILT_IN_TRIGGERS = termData.terms.flatMap((t) => t.triggers.map((tr) => new RegExp(tr.pattern, (tr as { caseSensitive?: boolean }).caseSensitive ? 'g' : 'gi')));
const BUILT_IN_TRIGGER_FILTER = new Prefilter(BUILT_IN_TRIGGERS);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function escapeAlternatives(triggers: Trigger[]): string {
  return triggers.map((t) => `(?:${t.regex.source})`).join('|');
}

function compileTerm(
  id: string,
  label: string,
  triggers: { pattern: string; caseSensitive?: boolean; keySectionsOnly?: boolean }[],
  cues: string[],
  suggest: string,
  excludeSentence?: string,
): Term {
  const compiled = triggers.map((t) => ({ regex: new RegExp(t.pattern, t.caseSensitive ? 'g' : 'gi'), keySectionsOnly: Boolean(t.keySectionsOnly) }));
  return {
    id,
    label,
    triggers: compiled,
    cues: cues.map((c) => new RegExp(c, 'i')),
    excludeSentence: excludeSentence ? new RegExp(excludeSentence, 'i') : undefined,
    suggest,
    listItem: new RegExp(termData.definitionPhrases.listItem.replace('{{term}}', escapeAlternatives(compiled)), 'i'),
  };
}

function formatDate(iso: string, dayKnown: boolean): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = MONTHS[(m ?? 1) - 1]!;
  const name = month[0]!.toUpperCase() + month.slice(1);
  return dayKnown ? `${d} ${name} ${y}` : `${name} ${y}`;
}

function mask(text: string): string {
  if (!IGNORE_ANY.any(text)) return text;
  let out = text;
  const possible = IGNORE_FILTER.possible(text);
  for (let i = 0; i < IGNORE.length; i++) {
    if (!possible[i]) continue;
    const r = IGNORE[i]!;
    r.lastIndex = 0;
    out = out.replace(r, (m) => ' '.repeat(m.length));
  }
  return out;
}

/** `[.!?\n]`, by code unit. */
function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 10;
}

/** Sentence bounds around a span (simple, offsets kept). */
function sentenceAround(text: string, start: number, end: number): Span {
  // By code unit: [.!?;\n] before, [.!?\n] after (no one-character strings and expressions per step).
  let s = start;
  while (s > 0 && !isStop(text.charCodeAt(s - 1)) && text.charCodeAt(s - 1) !== 59) s--;
  let e = end;
  while (e < text.length && !isStop(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

export default defineRule<Options>({
  meta: {
    id: 'abuse-definitions',
    group: 'analysis',
    description: 'Forms of abuse the report relies on (coercive control, economic abuse, stalking, so-called honour-based abuse, non-fatal strangulation) are defined, and the definition of domestic abuse fits the period',
    defaultLevel: 'warn',
    sources: [
      { title: 'Devon case 23 "Neil" QA Panel letter (2023): "A clear definition within the report of coercive control"; financial abuse "not sufficiently explored"', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-feedback-letter/' },
      { title: 'Devon case 17 "Louise" QA Panel letter (2022): praised recognition of economic abuse and the use of research on non-fatal strangulation', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-17-feedback-letter/' },
      { title: 'Domestic Abuse Act 2021, section 1 (statutory definition of domestic abuse)', url: 'https://www.legislation.gov.uk/ukpga/2021/17/section/1' },
      { title: 'Domestic Abuse Act 2021 (Commencement No. 1 and Saving Provisions) Regulations 2021 (SI 2021/797): section 1 in force for specified purposes from 5 July 2021', url: 'https://www.legislation.gov.uk/uksi/2021/797/made' },
      { title: 'Epping Forest "Susan" overview (2018): the 2013 cross-government definition quoted', url: 'https://docslib.org/doc/12206740/report-of-the-domestic-homicide-review-panel-into-the-death-of-susan' },
    ],
    messages: {
      undefinedTerm:
        'The report relies on "{{term}}" but does not define it: add a clear definition ({{suggest}}) in a definitions section, the glossary, a footnote or next to its first use.',
      noDomesticAbuseDefinition:
        'The report does not state the definition of domestic abuse it uses: quote {{expected}}, for example with the terms of reference or in a definitions section.',
      outdatedDefinition:
        'The report gives only the 2013 cross-government definition of domestic abuse, but {{reason}}: quote the statutory definition in section 1 of the Domestic Abuse Act 2021, or explain why the older definition is used.',
      laterDefinition:
        'The report gives only the Domestic Abuse Act 2021 definition, but {{reason}}: say which definition the agencies worked to at the time (the 2013 cross-government definition) and why the later one is used.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        terms: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: {
              label: { type: 'string', minLength: 1 },
              triggers: { type: 'array', items: { type: 'string', minLength: 1 } },
              definitionCues: { type: 'array', items: { type: 'string', minLength: 1 } },
              suggest: { type: 'string', minLength: 1 },
            },
          },
        },
        ignoreTerms: { type: 'array', items: { type: 'string' } },
        definitionSource: { enum: ['auto', 'either', 'da-act-2021', 'cross-gov-2013'] },
        definitionPlaces: { type: 'array', items: { enum: ['body', 'glossary', 'footnote', 'appendix'] }, minItems: 1 },
        minUses: { type: 'integer', minimum: 1 },
        keySections: { type: 'array', items: { type: 'string', minLength: 1 } },
        requireDomesticAbuseDefinition: { type: 'boolean' },
        executiveSummary: { enum: ['info', 'same', 'off'] },
      },
    },
    defaultOptions: {
      terms: {},
      ignoreTerms: [],
      definitionSource: 'auto',
      definitionPlaces: ['body', 'glossary', 'footnote', 'appendix'],
      minUses: 2,
      keySections: ['analysis', 'key-issues', 'conclusions', 'lessons', 'recommendations'],
      requireDomesticAbuseDefinition: true,
      executiveSummary: 'off',
    },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const summaryDoc = doc.kind === 'executive-summary';

    const terms: Term[] = [];
    for (const t of termData.terms) {
      if (options.ignoreTerms.includes(t.id)) continue;
      const custom = options.terms[t.id];
      terms.push(
        compileTerm(
          t.id,
          custom?.label ?? t.label,
          custom?.triggers ? custom.triggers.map((p) => ({ pattern: p })) : t.triggers,
          [...t.definitionCues, ...(custom?.definitionCues ?? [])],
          custom?.suggest ?? t.suggest,
          (t as { excludeSentence?: string }).excludeSentence,
        ),
      );
    }
    for (const [id, custom] of Object.entries(options.terms)) {
      if (termData.terms.some((t) => t.id === id) || options.ignoreTerms.includes(id)) continue;
      if (!custom.triggers?.length) continue;
      terms.push(compileTerm(id, custom.label ?? id, custom.triggers.map((p) => ({ pattern: p })), custom.definitionCues ?? [], custom.suggest ?? 'a definition in plain words'));
    }

    // Which triggers (in term order) can match in a text.
    const allTriggers = terms.flatMap((t) => t.triggers.map((tr) => tr.regex));
    const builtIn =
      allTriggers.length === BUILT_IN_TRIGGERS.length &&
      allTriggers.every((r, i) => r.source === BUILT_IN_TRIGGERS[i]!.source && r.flags === BUILT_IN_TRIGGERS[i]!.flags);
    const triggerFilter = builtIn ? BUILT_IN_TRIGGER_FILTER : prefilterFor(allTriggers);
    const firstTrigger = new Map<Term, number>();
    terms.reduce((n, t) => (firstTrigger.set(t, n), n + t.triggers.length), 0);

    const QA_LETTER = ['qa-letter'];
    const GLOSSARY = ['glossary'];
    const RELIANCE_EXCLUDED = ['terms-of-reference', 'glossary', 'contents', 'qa-letter', 'references', 'action-plan', 'title-page'];

    // Asked several times for every block: one answer per section.
    const definitionSections = new Map<Section, boolean>();
    function inDefinitionSection(section: Section): boolean {
      let yes = definitionSections.get(section);
      if (yes === undefined) {
        yes = false;
        for (let s: Section | undefined = section; s && s.level > 0; s = s.parent) {
          if (DEFINITION_SECTION.test(s.title)) {
            yes = true;
            break;
          }
        }
        definitionSections.set(section, yes);
      }
      return yes;
    }

    /** Whether a section is within one of the ids (a constant list below), by list and section. */
    const withinCache = new Map<readonly string[], Map<Section, boolean>>();
    function within(section: Section, ids: readonly string[]): boolean {
      let bySection = withinCache.get(ids);
      if (!bySection) withinCache.set(ids, (bySection = new Map()));
      let yes = bySection.get(section);
      if (yes === undefined) {
        yes = ids.some((id) => doc.isWithin(section, id));
        bySection.set(section, yes);
      }
      return yes;
    }

    function placeOf(block: Block): Place {
      if (block.within.note) return 'footnote';
      if (within(block.section, GLOSSARY)) return 'glossary';
      if (block.section.part.kind === 'appendix') return 'appendix';
      return 'body';
    }

    const inKeySection = (block: Block): boolean => options.keySections.some((id) => doc.isWithin(block.section, id));

    interface Use {
      block: Block;
      span: Span;
    }

    // Both checks read the units of every block: a table's rows are joined once (the same strings
    // also find the shared prefilter's cached scans).
    const tableUnits = new Map<Block, string[]>();
    function unitsOf(block: Block): string[] {
      if (block.kind === 'table' && block.table) {
        let units = tableUnits.get(block);
        if (!units) {
          units = [block.table.header.join(' | '), ...block.table.rows.map((r) => r.cells.join(' | '))];
          tableUnits.set(block, units);
        }
        return units;
      }
      return [block.text];
    }

    /** Does this unit of text define the term (a match at `start`..`end`)? */
    function definesAt(term: Term, text: string, start: number, end: number, glossaryLike: boolean, footnote: boolean): boolean {
      if (glossaryLike && countWords(text) >= 5) return true;
      if (footnote && countWords(text) >= 6) return true;
      if (term.listItem.test(text.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, ''))) return true;
      const sentence = sentenceAround(text, start, end);
      const s = text.slice(sentence.start, sentence.end);
      if (term.cues.some((c) => c.test(s))) return true;
      if (AFTER.test(text.slice(end, sentence.end))) return true;
      if (BEFORE.test(text.slice(sentence.start, start))) return true;
      return false;
    }

    function report(messageId: string, descriptor: { block?: Block; span?: Span; section?: Section; data: Record<string, string | number>; weaker?: boolean; suggestions?: Suggestion[]; details?: Record<string, unknown> }): void {
      let level: 'info' | undefined = descriptor.weaker ? 'info' : undefined;
      const summary = summaryDoc || descriptor.block?.section.part.kind === 'executive-summary';
      if (summary && !hasOverviewPart) {
        if (options.executiveSummary === 'off') return;
        if (options.executiveSummary === 'info') level = 'info';
      }
      context.report({ messageId, block: descriptor.block, span: descriptor.span, section: descriptor.section, data: descriptor.data, level, suggestions: descriptor.suggestions, details: descriptor.details });
    }

    const hasOverviewPart = !summaryDoc && doc.parts.some((p) => p.kind === 'overview');

    function checkTerms(): void {
      const uses = new Map<string, Use[]>();
      const defined = new Set<string>();
      for (const block of doc.blocks) {
        if (block.kind === 'code' || block.section.part.kind === 'qa-letter' || within(block.section, QA_LETTER)) continue;
        const place = placeOf(block);
        const placeAllowed = options.definitionPlaces.includes(place) || (place === 'body' && inDefinitionSection(block.section));
        const glossaryLike = place === 'glossary' || inDefinitionSection(block.section) || (block.kind === 'table' && DEFINITION_SECTION.test(block.table?.header.join(' ') ?? ''));
        const relianceOk =
          block.kind !== 'table' && !block.within.note && !within(block.section, RELIANCE_EXCLUDED) && !inDefinitionSection(block.section);
        for (const unit of unitsOf(block)) {
          const text = mask(unit);
          const possible = triggerFilter.possible(text);
          for (const term of terms) {
            const first = firstTrigger.get(term)!;
            for (let k = 0; k < term.triggers.length; k++) {
              if (!possible[first + k]) continue;
              const trigger = term.triggers[k]!;
              trigger.regex.lastIndex = 0;
              for (let m = trigger.regex.exec(text); m; m = trigger.regex.exec(text)) {
                const start = m.index;
                const end = m.index + m[0].length;
                if (placeAllowed && block.kind !== 'heading' && !defined.has(term.id) && definesAt(term, text, start, end, glossaryLike, place === 'footnote')) {
                  defined.add(term.id);
                }
                if (!relianceOk || unit !== block.text) continue;
                if (trigger.keySectionsOnly && !inKeySection(block)) continue;
                if (doc.isQuoted(block, { start, end })) continue;
                const sentence = sentenceAround(text, start, end);
                const s = text.slice(sentence.start, sentence.end);
                if (term.excludeSentence && term.excludeSentence.test(s)) continue;
                if (NEG_BEFORE.test(text.slice(sentence.start, start)) || NEG_AFTER.test(text.slice(end, sentence.end))) continue;
                const list = uses.get(term.id) ?? [];
                list.push({ block, span: { start, end } });
                uses.set(term.id, list);
              }
            }
          }
        }
      }
      for (const term of terms) {
        if (defined.has(term.id)) continue;
        const list = (uses.get(term.id) ?? []).sort((a, b) => a.block.index - b.block.index || a.span.start - b.span.start);
        if (list.length === 0) continue;
        const relied = list.length >= options.minUses || list.some((u) => inKeySection(u.block));
        if (!relied) continue;
        const first = list[0]!;
        // A definition in the paragraph right after the first use ("This is behaviour that…").
        const next = doc.blocks[first.block.index + 1];
        if (next && next.kind === 'paragraph' && NEXT_PARAGRAPH.test(next.text)) continue;
        report('undefinedTerm', {
          block: first.block,
          span: first.span,
          data: { term: term.label, suggest: term.suggest },
          details: { term: term.id, uses: list.length },
          suggestions: [{ desc: `Define "${term.label}": ${term.suggest}.` }],
        });
      }
    }

    interface DeathDate {
      iso: string;
      dayKnown: boolean;
      inferred: boolean;
    }

    function deathDate(): DeathDate | undefined {
      const configured = settings.dates?.death;
      if (configured && /^\d{4}-\d{2}(?:-\d{2})?$/.test(configured)) {
        return { iso: configured.length === 7 ? `${configured}-01` : configured, dayKnown: configured.length > 7, inferred: false };
      }
      const limit = Math.min(doc.blocks.length, 80);
      for (let i = 0; i < limit; i++) {
        const b = doc.blocks[i]!;
        if (b.kind === 'table' || b.kind === 'code' || doc.isWithin(b.section, 'contents')) continue;
        // Only the title page and the introduction: a preface may mention other deaths.
        const titleOrIntro = b.section.part.kind === 'front-matter' || b.section.level === 0 || b.section === doc.titleSection || doc.isWithin(b.section, 'title-page') || doc.isWithin(b.section, 'introduction');
        if (!titleOrIntro) continue;
        const m = DEATH_DATE.exec(b.text);
        if (!m) continue;
        const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
        const day = m[1] ? Number(m[1]) : 1;
        return { iso: `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, dayKnown: Boolean(m[1]), inferred: true };
      }
      return undefined;
    }

    function checkDomesticAbuse(): void {
      const found = new Map<string, Block>();
      let anyDefinition: Block | undefined;
      for (const block of doc.blocks) {
        if (block.kind === 'code' || block.kind === 'heading' || block.section.part.kind === 'qa-letter') continue;
        for (const unit of unitsOf(block)) {
          // Most texts contain no cue at all.
          const possible = CUE_FILTER.possible(unit);
          const can = (r: RegExp): boolean => possible[CUE_INDEX.get(r) ?? -1] === 1;
          if (!possible.includes(1)) {
            if (block.kind !== 'table') break;
            continue;
          }
          const sentences = block.kind === 'table' ? [unit] : doc.sentences(block).map((s) => s.text);
          for (const s of sentences) {
            let hit = DA_CUES.some((r) => can(r) && r.test(s));
            for (const d of DEFINITIONS) {
              if (d.cues.some((c) => can(c.regex) && c.regex.test(s) && (!c.with || (can(c.with) && c.with.test(s))))) {
                if (!found.has(d.id)) found.set(d.id, block);
                hit = true;
              }
            }
            if (hit && !anyDefinition) anyDefinition = block;
          }
          if (block.kind !== 'table') break;
        }
      }
      const da2021 = DEFINITIONS.find((d) => d.id === 'da-act-2021')!;
      const cross2013 = DEFINITIONS.find((d) => d.id === 'cross-gov-2013')!;

      // Which definition fits the period.
      let expected: Source = options.definitionSource;
      const configured = settings.abuseDefinition;
      if (expected === 'auto' && (configured === 'da-act-2021' || configured === 'cross-gov-2013' || configured === 'either')) expected = configured;
      const date = expected === 'auto' ? deathDate() : undefined;
      let reason = 'the configuration asks for it';
      if (expected === 'auto') {
        expected = 'either';
        if (date) {
          const when = formatDate(date.iso, date.dayKnown);
          if (date.iso >= da2021.from) {
            expected = 'da-act-2021';
            reason = `the death (${when}${date.inferred ? ', as read from the report' : ''}) came after the 2021 definition took effect on ${formatDate(da2021.from, true)}`;
          } else if (da2021.royalAssent && date.iso < da2021.royalAssent && date.iso >= cross2013.from) {
            expected = 'cross-gov-2013';
            reason = `the death (${when}${date.inferred ? ', as read from the report' : ''}) came before the Domestic Abuse Act 2021 received Royal Assent on ${formatDate(da2021.royalAssent, true)}`;
          }
        }
      }

      if (!anyDefinition) {
        if (!options.requireDomesticAbuseDefinition) return;
        const anchor = [...doc.sectionsById('terms-of-reference'), ...doc.sectionsById('introduction')].find((s) => s.part.kind !== 'qa-letter');
        const what =
          expected === 'cross-gov-2013'
            ? cross2013.label
            : expected === 'da-act-2021'
              ? da2021.label
              : `${da2021.label}, or ${cross2013.label} for events before it took effect`;
        report('noDomesticAbuseDefinition', { section: anchor, data: { expected: what }, details: { expected } });
        return;
      }
      const weaker = Boolean(date?.inferred);
      if (expected === 'da-act-2021' && found.has('cross-gov-2013') && !found.has('da-act-2021')) {
        report('outdatedDefinition', { block: found.get('cross-gov-2013'), data: { reason }, weaker, details: { expected, found: [...found.keys()] } });
      } else if (expected === 'cross-gov-2013' && found.has('da-act-2021') && !found.has('cross-gov-2013')) {
        // Using the current definition in a review written later is common: a note, not a warning.
        report('laterDefinition', { block: found.get('da-act-2021'), data: { reason }, weaker: true, details: { expected, found: [...found.keys()] } });
      }
    }

    return {
      'document:exit'() {
        if (doc.kind === 'action-plan') return;
        checkTerms();
        checkDomesticAbuse();
      },
    };
  },
});
