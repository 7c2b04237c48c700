import { defineRule, type Suggestion } from '../../src/api/rule.js';
import type { Block, Sentence, Span, Table } from '../../src/model/types.js';
import { splitSentences } from '../../src/api/text.js';
import { escapeRegExp, looseSpaces, inIgnoredSection, inSpans, partyIndex, reportedSpans, type PartyIndex } from '../_shared/language.js';
import { Prefilter } from '../_shared/prefilter.js';
import data from './terms.json' with { type: 'json' };

interface TermData {
  id: string;
  inconsiderate: string[];
  considerate: string[];
  replacements?: Record<string, string>;
  appendToMatch?: string;
  note: string;
  source: string[];
  confidence: string;
}

interface Term {
  id: string;
  patterns: RegExp[];
  considerate: string[];
  replacements: Record<string, string>;
  appendToMatch?: string;
  note: string;
}

interface Options {
  /** Quoted or attributed text: 'info' lowers it one level (this rule is info, so it is dropped), 'off' drops it, 'same' reports it. */
  quoted: 'info' | 'off' | 'same';
  /** Section ids (TEMPLATES.md), "definitions", or heading words, whose text is not checked. */
  ignoreSections: string[];
  /** Extra names (statutes, schemes, organisations) in which a term must not be reported; plain text, any case. */
  ignoreNames: string[];
  /** Term ids (terms.json) not to check. */
  disable: string[];
  /** "alleged perpetrator" after a conviction: 'auto' finds the conviction in the report; 'convicted' / 'not-convicted' say it; 'off' skips the check. */
  conviction: 'auto' | 'convicted' | 'not-convicted' | 'off';
}

const TERMS: Term[] = (data.terms as TermData[]).map((t) => ({
  id: t.id,
  patterns: t.inconsiderate.map((r) => new RegExp(looseSpaces(r), 'gi')),
  considerate: t.considerate,
  replacements: t.replacements ?? {},
  appendToMatch: t.appendToMatch,
  note: t.note,
}));
const NAMES: RegExp[] = data.ignoreNames.map((n) => new RegExp(looseSpaces(n.pattern), 'gi'));
const ALLEGED = new RegExp(looseSpaces(data.alleged.pattern), 'gi');
/** Which term patterns (in TERMS order), and then ALLEGED, can match in a text. */
const ALL_PATTERNS = [...TERMS.flatMap((t) => t.patterns), ALLEGED];
const FILTER = new Prefilter(ALL_PATTERNS);
const FIRST_PATTERN = new Map<Term, number>();
TERMS.reduce((n, t) => (FIRST_PATTERN.set(t, n), n + t.patterns.length), 0);
const CONVICTED = new RegExp(looseSpaces(data.alleged.convicted), 'i');

/** The sentence talks about the word rather than using it ("uses X rather than Y", "defined as"). */
const MENTION = /\b(?:defin\w*|the (?:term|phrase|word|expression|label)s?|rather than|instead of|in place of|(?:also|formerly|previously) (?:known|called|referred to) as|refer(?:s|red)? to (?:it )?as|replaced|renamed|used to be called)\b/i;

/** Small words allowed inside a Title Case name ("Standing Together Against Domestic Violence", "Crime and Victims Act"). */
const CONNECTOR = /^(?:and|of|for|the|against|on|in|&|to)$/i;

function isCapitalised(word: string | undefined): boolean {
  return !!word && /^[A-Z][\w'’-]*/.test(word) && !/^(?:The|This|That|A|An|In|On|At|For|Of|And|By|Under|From|To|As)$/.test(word);
}

/**
 * A term written in Title Case inside a longer Title Case run is part of a name: "Eastmere Domestic
 * Violence Service", "Domestic Violence Forum". Plain capitalised text at a sentence start is not.
 */
function inTitleCaseName(text: string, span: Span): boolean {
  const matched = text.slice(span.start, span.end);
  const words = matched.split(/[\s-]+/);
  if (!words.every((w) => /^[A-Z]/.test(w))) return false;
  const before = text.slice(0, span.start).split(/\s+/).filter(Boolean);
  const after = text.slice(span.end).split(/\s+/).filter(Boolean);
  const prev = before[before.length - 1];
  const atSentenceStart = !prev || /[.!?:]["”’)]*$/.test(prev);
  if (!atSentenceStart && prev && isCapitalised(prev.replace(/[^\w'’-]/g, ''))) return true;
  let i = 0;
  while (i < after.length && CONNECTOR.test(after[i]!)) i++;
  const next = after[i]?.replace(/^[("“‘']+/, '');
  return !!next && /^[A-Z][a-z]/.test(next) && (i === 0 || i <= 2);
}

export default defineRule<Options>({
  meta: {
    id: 'abuse-terminology',
    group: 'language',
    description: 'Preferred terms: "domestic abuse" over "domestic violence", "abusive partner" over "abusive relationship", "died by suicide" over "committed suicide", no "domestic" as a noun, consistent use of "alleged"',
    defaultLevel: 'info',
    sources: [
      { title: 'Shelter design system: writing about domestic abuse ("domestic abuse" rather than "domestic violence")', url: 'https://design.shelter.org.uk/digital-framework/writing-about-domestic-abuse' },
      { title: 'CPOMS: why language matters in safeguarding', url: 'https://www.cpoms.co.uk/why-language-matters-in-safeguarding' },
      { title: 'Domestic Abuse Act 2021, section 1 (definition of domestic abuse)', url: 'https://www.legislation.gov.uk/ukpga/2021/17/section/1' },
      { title: 'A glossary of domestic violence terms: "a person is abusive, not a relationship"', url: 'https://hydecounty-hotline.org/a-glossary-of-domestic-violence-terms' },
      { title: 'retext-equality suicide word list (after AFSP reporting guidance): "died by suicide"', url: 'https://github.com/retextjs/retext-equality/blob/main/data/en/suicide.yml' },
      { title: 'Devon case 23 QA Panel letter: a clear definition of coercive control (shared/domain/PANEL-CONCERNS.md, concern 6)', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-executive-summary/' },
    ],
    messages: {
      term: 'Prefer "{{preferred}}" to "{{text}}": {{note}}{{context}}',
      alleged: '"{{text}}": the report says the perpetrator was convicted, so "alleged" is no longer needed here.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        quoted: { enum: ['info', 'off', 'same'] },
        ignoreSections: { type: 'array', items: { type: 'string', minLength: 1 } },
        ignoreNames: { type: 'array', items: { type: 'string', minLength: 2 } },
        disable: { type: 'array', items: { type: 'string', minLength: 1 } },
        conviction: { enum: ['auto', 'convicted', 'not-convicted', 'off'] },
      },
    },
    defaultOptions: {
      quoted: 'info',
      ignoreSections: ['glossary', 'contents', 'qa-letter', 'references', 'definitions'],
      ignoreNames: [],
      disable: [],
      conviction: 'auto',
    },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const terms = TERMS.filter((t) => !options.disable.includes(t.id));
    const names = [...NAMES, ...options.ignoreNames.map((n) => new RegExp(`(?<![\\w])${escapeRegExp(n).replace(/\s+/g, '\\s+')}(?![\\w])`, 'gi'))];
    let parties: PartyIndex | undefined;
    const partiesOf = (): PartyIndex => (parties ??= partyIndex(doc, settings));
    let convicted: boolean | undefined;
    const isConvicted = (): boolean => {
      if (options.conviction === 'convicted') return true;
      if (options.conviction !== 'auto') return false;
      convicted ??= doc.blocks.some((b) => b.kind !== 'table' && CONVICTED.test(b.text));
      return convicted;
    };

    function nameSpans(text: string): Span[] {
      const spans: Span[] = [];
      for (const re of names) {
        re.lastIndex = 0;
        for (const m of text.matchAll(re)) spans.push({ start: m.index!, end: m.index! + m[0].length });
      }
      return spans;
    }

    function fill(t: string): string {
      const idx = partiesOf();
      return t.replace(/\{perpetrator\}/g, idx.perpetrator ?? 'the perpetrator').replace(/\{victim\}/g, idx.victim ?? 'the victim');
    }

    function matchCase(replacement: string, original: string): string {
      return /^[A-Z]/.test(original) ? replacement.replace(/^./, (c) => c.toUpperCase()) : replacement;
    }

    function replacementFor(term: Term, matched: string): string | undefined {
      const key = matched.toLowerCase().replace(/\s+/g, ' ');
      const direct = term.replacements[key];
      if (direct) return matchCase(direct, matched);
      if (term.appendToMatch) return `${matched}${term.appendToMatch}`;
      return undefined;
    }

    interface Hit {
      span: Span;
      text: string;
      messageId: 'term' | 'alleged';
      term?: Term;
      quoted: boolean;
    }

    function scan(text: string, sentences: Sentence[], reported: Span[] | (() => Span[])): Hit[] {
      const hits: Hit[] = [];
      // Which patterns can match anywhere in the text: most paragraphs have none.
      const possible = FILTER.possible(text);
      const allegedPossible = possible[ALL_PATTERNS.length - 1] === 1;
      const termsPossible = terms.some((t) => t.patterns.some((_, i) => possible[FIRST_PATTERN.get(t)! + i]));
      if (!termsPossible && !(allegedPossible && isConvicted())) return hits;
      if (typeof reported === 'function') reported = reported();
      const spans = reported;
      let namesHere: Span[] | undefined;
      const overlapsName = (span: Span): boolean => (namesHere ??= nameSpans(text)).some((n) => n.start < span.end && n.end > span.start);
      for (const sentence of sentences) {
        // A sentence that talks about a term ("the term 'domestic violence'…") is not reported: asked
        // only of a sentence with a hit (most have none), its hits dropped then.
        const before = hits.length;
        for (const term of terms) {
          const first = FIRST_PATTERN.get(term)!;
          for (let p = 0; p < term.patterns.length; p++) {
            if (!possible[first + p]) continue;
            const re = term.patterns[p]!;
            re.lastIndex = 0;
            for (const m of sentence.text.matchAll(re)) {
              const span = { start: sentence.start + m.index!, end: sentence.start + m.index! + m[0].length };
              if (overlapsName(span) || inTitleCaseName(text, span)) continue;
              hits.push({ span, text: m[0], messageId: 'term', term, quoted: inSpans(spans, span) });
            }
          }
        }
        if (allegedPossible && isConvicted()) {
          ALLEGED.lastIndex = 0;
          for (const m of sentence.text.matchAll(ALLEGED)) {
            const span = { start: sentence.start + m.index!, end: sentence.start + m.index! + m[0].length };
            hits.push({ span, text: m[0], messageId: 'alleged', quoted: inSpans(spans, span) });
          }
        }
        if (hits.length > before && MENTION.test(sentence.text)) hits.length = before;
      }
      hits.sort((a, b) => a.span.start - b.span.start);
      return hits.filter((h, i) => !hits.slice(0, i).some((k) => k.span.start < h.span.end && k.span.end > h.span.start));
    }

    function emit(hit: Hit, where: { block?: Block; span?: Span; row?: { table: Table; index: number } }): void {
      // This rule reports at info: a quotation lowered one level is not reported (LANGUAGE.md §3).
      if (hit.quoted && options.quoted !== 'same') return;
      const context_ = hit.quoted ? ' (this is in a quotation: keep the quoted words, but use the preferred term in the report\'s own text)' : '';
      if (hit.messageId === 'alleged') {
        context.report({
          ...where,
          messageId: 'alleged',
          data: { text: hit.text },
          suggestions: [{ desc: `Replace "${hit.text}" with "${hit.text.replace(/^alleged\s+/i, '')}".`, replacement: hit.text.replace(/^alleged\s+/i, '') }],
          details: { term: 'alleged' },
        });
        return;
      }
      const term = hit.term!;
      const preferred = term.considerate.map(fill);
      const replacement = replacementFor(term, hit.text);
      const suggestions: Suggestion[] = [];
      if (replacement) suggestions.push({ desc: `Replace "${hit.text}" with "${replacement}".`, replacement });
      for (const p of preferred) if (!replacement || p.toLowerCase() !== replacement.toLowerCase()) suggestions.push({ desc: `Reword using "${p}".` });
      context.report({
        ...where,
        messageId: 'term',
        data: { text: hit.text, preferred: replacement && !term.considerate[0]!.includes('{') ? replacement : preferred.join('" or "'), note: term.note, context: context_ },
        suggestions,
        details: { term: term.id, quoted: hit.quoted },
      });
    }

    function skipped(block: Block): boolean {
      return block.kind === 'code' || inIgnoredSection(doc, block.section, options.ignoreSections);
    }

    function checkText(block: Block): void {
      if (skipped(block)) return;
      const reported = (): Span[] => reportedSpans(block.text, doc.quotations(block));
      for (const hit of scan(block.text, doc.sentences(block), reported)) emit(hit, { block, span: hit.span });
    }

    return {
      heading: checkText,
      paragraph: checkText,
      table(block) {
        if (skipped(block)) return;
        const table = block.table!;
        // A chronology table summarises agency records: its wording is the records' (reported speech).
        const records = doc.isWithin(block.section, 'chronology') || doc.isWithin(block.section, 'summary-chronology');
        table.rows.forEach((row, index) => {
          for (const cell of row.cells) {
            if (!cell) continue;
            if (!FILTER.any(cell)) continue;
            for (const hit of scan(cell, splitSentences(cell), () => reportedSpans(cell))) emit(records ? { ...hit, quoted: true } : hit, { row: { table, index } });
          }
        });
      },
    };
  },
});
