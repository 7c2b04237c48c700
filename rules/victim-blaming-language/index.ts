import { defineRule, type Suggestion } from '../../src/api/rule.js';
import type { Block, Level, Sentence, Span, Table } from '../../src/model/types.js';
import { splitSentences } from '../../src/api/text.js';
import {
  hasCritique,
  hasCritiqueScanned,
  inIgnoredSection,
  inSpans,
  nextSentenceText,
  partyIndex,
  reportedSpans,
  escapeRegExp,
  looseSpaces,
  type PartyIndex,
} from '../_shared/language.js';
import { Prefilter, prefilterFor } from '../_shared/prefilter.js';
import data from './phrases.json' with { type: 'json' };

type Requirement = 'parties' | 'violence' | 'killing' | 'person-subject' | 'victim-subject' | 'only-label';

interface Considerate {
  text: string;
  replaces: 'match' | 'sentence';
  /** The suggestion applies only when the matched text matches this expression. */
  only?: string;
}

interface PhraseData {
  id: string;
  level: string;
  inconsiderate: string[];
  caseSensitive?: boolean;
  exclude?: string[];
  skipIf?: string[];
  requires?: string;
  infoWithout?: string;
  reasonLowers?: boolean;
  note: string;
  noteWithReason?: string;
  considerate: Considerate[];
  source: string[];
  confidence: string;
}

interface ExtraTerm {
  id?: string;
  inconsiderate: string[];
  note: string;
  considerate?: string[];
  level?: 'warn' | 'info';
}

interface Options {
  /** How to treat quoted or attributed text: lower one level (default), skip it, or report it as usual. */
  quoted: 'info' | 'off' | 'same';
  /** Section ids (TEMPLATES.md), "definitions", or heading words, whose text is not checked. */
  ignoreSections: string[];
  /** Phrase family ids (phrases.json) or phrases that are never reported. */
  allow: string[];
  /** Extra phrase families. */
  terms: ExtraTerm[];
}

interface Family {
  id: string;
  /** A heuristic list (no published source): quoted uses are not reported. */
  heuristic: boolean;
  level: 'warn' | 'info';
  patterns: RegExp[];
  /** For a pattern that names the report's perpetrator: its stand-in in STAND_IN_FILTER (else -1). */
  standIns?: number[];
  exclude: RegExp[];
  skipIf: RegExp[];
  requires?: Requirement;
  infoWithoutViolence: boolean;
  reasonLowers: boolean;
  note: string;
  noteWithReason?: string;
  considerate: Considerate[];
}

const cues = data.cues;
const VIOLENCE = new RegExp(cues.violence, 'i');
const KILLING = new RegExp(cues.killing, 'i');
const NAMES_KILLING = new RegExp(looseSpaces(cues.namesKilling), 'i');
const CONDOLENCE = new RegExp(looseSpaces(cues.condolence), 'i');
const COUPLE = new RegExp(looseSpaces(cues.couple), 'i');
const THIRD_PARTY = new RegExp(looseSpaces(cues.thirdParty), 'i');
/** A word every match of THIRD_PARTY contains ("… with her neighbours", "… between the two men"). */
const THIRD_PARTY_WORD = /with|between|involving/i;
const AGENCY = new RegExp(looseSpaces(cues.agency), 'gi');
const REASON = new RegExp(looseSpaces(cues.reason), 'i');
const REPORTING_VERB = /\b(?:described|recorded|logged|characteri[sz]ed|referred to|seen|viewed|regarded|perceived)\b/i;

/** Compile a phrase family; `{perpetrator}` in a pattern stands for the names the report gives the perpetrator. */
function compileFamily(p: PhraseData, perpetrator = 'the perpetrator'): Family {
  const flags = p.caseSensitive ? 'g' : 'gi';
  const expand = (r: string): string => looseSpaces(r.replace(/\{perpetrator\}/g, perpetrator));
  return {
    id: p.id,
    heuristic: p.confidence === 'heuristic',
    level: p.level === 'info' ? 'info' : 'warn',
    patterns: p.inconsiderate.map((r) => new RegExp(expand(r), flags)),
    exclude: (p.exclude ?? []).map((r) => new RegExp(looseSpaces(r), flags)),
    skipIf: (p.skipIf ?? []).map((r) => new RegExp(looseSpaces(r), 'i')),
    requires: p.requires as Requirement | undefined,
    infoWithoutViolence: p.infoWithout === 'violence',
    reasonLowers: Boolean(p.reasonLowers),
    note: p.note,
    noteWithReason: p.noteWithReason,
    considerate: p.considerate as Considerate[],
  };
}

const PHRASES = data.phrases as PhraseData[];
const BUILT_IN: Family[] = PHRASES.map((p) => compileFamily(p));
/** Which built-in patterns can match in a text (patterns compiled for a report's names have their own). */
const BUILT_IN_PATTERNS = BUILT_IN.flatMap((f) => f.patterns);
const BUILT_IN_FILTER = new Prefilter(BUILT_IN_PATTERNS);
const BUILT_IN_INDEX = new Map(BUILT_IN_PATTERNS.map((r, i) => [`${r.flags}/${r.source}`, i]));
/**
 * The built-in patterns that name the perpetrator, with any text in place of the names: every
 * match of such a pattern compiled for a report's names is a match of its stand-in, so the stand-in's
 * literals (shared filter, worked out ahead) filter it, without a filter of its own per report.
 */
const STAND_IN_PATTERNS: RegExp[] = [];
/** Per built-in family, the index of each pattern's stand-in (-1: the pattern names no one). */
const STAND_INS: number[][] = PHRASES.map((p) =>
  p.inconsiderate.map((r) => {
    if (!r.includes('{perpetrator}')) return -1;
    STAND_IN_PATTERNS.push(new RegExp(looseSpaces(r.replace(/\{perpetrator\}/g, '[\\s\\S]*')), p.caseSensitive ? 'g' : 'gi'));
    return STAND_IN_PATTERNS.length - 1;
  }),
);
const STAND_IN_FILTER = new Prefilter(STAND_IN_PATTERNS);

/**
 * The next match of a global expression (compiled without `u`) after `m`, stepping past an empty
 * match as `matchAll` does: an exec loop spares the copy of the expression `matchAll` makes per call.
 */
function nextMatch(re: RegExp, text: string, m: RegExpExecArray): RegExpExecArray | null {
  if (m[0].length === 0) re.lastIndex++;
  return re.exec(text);
}

/** Sections where a condolence may call the death a tragedy. */
const CONDOLENCE_SECTIONS = ['preface', 'tribute'];
/** Sections whose tables summarise agency records (LANGUAGE.md §3: record wording is reported speech). */
const CHRONOLOGY_SECTIONS = ['chronology', 'summary-chronology'];

const OTHER_PEOPLE = /\b(?:sons?|daughters?|child(?:ren)?|brothers?|sisters?|mother|father|parents?|friends?|colleagues?|neighbours?|aunt|uncle|cousins?|family|relatives?)\b/gi;

interface Candidate {
  family: Family;
  span: Span;
  text: string;
  level: 'warn' | 'info';
  quoted: boolean;
  /** The words come from a chronology of agency records rather than from quotation marks. */
  records: boolean;
  withReason: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'victim-blaming-language',
    group: 'language',
    description: 'Mutualising, romanticising, excusing and victim-responsibility phrasing in the author\'s own voice, with a suggested rewording',
    defaultLevel: 'warn',
    sources: [
      { title: 'Level Up, media guidelines for reporting domestic abuse killings (responsibility, "snapped", "tragedy")', url: 'https://www.welevelup.org/media-guidelines' },
      { title: 'The Independent: call a violent relationship "volatile" and your sympathy is with the perpetrator', url: 'https://www.independent.co.uk/voices/comment/call-a-domestically-violent-and-abusive-relationship-volatile-your-sympathy-is-with-the-perpetrator-8695837.html' },
      { title: 'Queensland practice kit: recording violence (who did what to whom; not "fight" or "argument")', url: 'https://cspm.csyw.qld.gov.au/practice-kits/domestic-and-family-violence/working-with-men/responding/recording-violence' },
      { title: 'Brighton & Hove "Mrs B" overview report: a police IMR quoted calling a 999 call a "verbal dispute"', url: 'https://www.brighton-hove.gov.uk/community-safety-partnership/published-domestic-homicide-reviews-dhrs/domestic-homicide-review-relating-death-mrs-b-overview-report' },
      { title: 'Norfolk "April" overview report (2018): heading "So, why did April continue her relationship"', url: 'https://fdocuments.us/document/-web-viewnorfolk-county-community-safety-partnership-wishes-at-the-outset-to-express.html' },
      { title: 'The Children\'s Society, child exploitation language guide ("putting themselves at risk")', url: 'https://www.childrenssociety.org.uk/information/professionals/resources/child-exploitation-language-guide' },
      { title: 'J. H. Rowlands, "What makes a DHR?" (a published review leaning towards blaming the victim)', url: 'https://www.jhrowlands.co.uk/single-post/2018/06/27/What-makes-a-DHR' },
    ],
    messages: {
      phrase: '"{{text}}" {{note}} Consider instead: {{suggestion}}.',
      quoted: '"{{text}}" is {{how}}, but it {{note}} If the report keeps these words, say whether the Panel accepts this description.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        quoted: { enum: ['info', 'off', 'same'] },
        ignoreSections: { type: 'array', items: { type: 'string', minLength: 1 } },
        allow: { type: 'array', items: { type: 'string', minLength: 1 } },
        terms: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['inconsiderate', 'note'],
            properties: {
              id: { type: 'string' },
              inconsiderate: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
              note: { type: 'string', minLength: 1 },
              considerate: { type: 'array', items: { type: 'string' } },
              level: { enum: ['warn', 'info'] },
            },
          },
        },
      },
    },
    defaultOptions: {
      quoted: 'info',
      ignoreSections: ['glossary', 'contents', 'qa-letter', 'references', 'definitions'],
      allow: [],
      terms: [],
    },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    let parties: PartyIndex | undefined;
    const partiesOf = (): PartyIndex => (parties ??= partyIndex(doc, settings));
    const extra: Family[] = options.terms.map((t, i) => {
      try {
        return compileFamily({
          id: t.id ?? `custom-${i + 1}`,
          level: t.level ?? 'warn',
          inconsiderate: t.inconsiderate,
          note: t.note,
          considerate: (t.considerate ?? []).map((c) => ({ text: c, replaces: 'sentence' as const })),
          source: ['configuration'],
          confidence: 'heuristic',
        });
      } catch {
        throw new Error(`option "terms": an expression in ${t.id ?? `entry ${i + 1}`} is not a valid regular expression`);
      }
    });
    const allowIds = new Set(options.allow.map((a) => a.toLowerCase()));
    // Families that name the perpetrator carry their stand-ins: until a text can match one, the
    // report's names (the party index, a pass over the whole report) are not needed.
    const builtIn = BUILT_IN.map((f, k) => (STAND_INS[k]!.some((i) => i >= 0) ? { ...f, standIns: STAND_INS[k] } : f));
    const families = [...builtIn, ...extra].filter((f) => !allowIds.has(f.id.toLowerCase()));
    // Patterns in family order, and where each family's patterns start in that list.
    const allPatterns = families.flatMap((f) => f.patterns);
    /** The family of each pattern of that list. */
    const familyOf = families.flatMap((f) => f.patterns.map(() => f));
    // Patterns as built in use the shared filter; those naming the perpetrator their stand-in's flag;
    // the others (options) a filter of their own.
    const standInIndex = families.flatMap((f) => f.patterns.map((_, p) => f.standIns?.[p] ?? -1));
    const builtInIndex = allPatterns.map((r, k) => (standInIndex[k]! >= 0 ? -1 : (BUILT_IN_INDEX.get(`${r.flags}/${r.source}`) ?? -1)));
    const ownPatterns = allPatterns.filter((_, k) => builtInIndex[k] === -1 && standInIndex[k] === -1);
    const ownFilter = ownPatterns.length ? prefilterFor(ownPatterns) : undefined;
    /** The patterns that name the perpetrator, by position in the list. */
    let standInSlots = standInIndex.flatMap((s, k) => (s >= 0 ? [k] : []));
    // The built-in patterns in order: the shared filter's flags serve, but for the stand-ins' flags.
    const sameLayout = allPatterns.length === BUILT_IN_PATTERNS.length && allPatterns.every((r, k) => r === BUILT_IN_PATTERNS[k]);
    // ...and once the report is known to name no perpetrator, as they are.
    let sameAsBuiltIn = false;
    let namesResolved = false;
    /**
     * Compiles the families that name the perpetrator for this report's names (once, when a text
     * can first match one of them). A report that names no perpetrator keeps the built-in patterns.
     */
    function resolveNames(): void {
      namesResolved = true;
      const perpetrators = partiesOf()
        .parties.filter((p) => p.role === 'perpetrator')
        .map((p) => escapeRegExp(p.label));
      if (perpetrators.length === 0) {
        for (const k of standInSlots) {
          standInIndex[k] = -1;
          builtInIndex[k] = BUILT_IN_INDEX.get(`${allPatterns[k]!.flags}/${allPatterns[k]!.source}`)!;
        }
        standInSlots = [];
        sameAsBuiltIn = sameLayout;
        return;
      }
      const perpetrator = `(?:${[...perpetrators, 'the perpetrator'].join('|')})`;
      let start = 0;
      for (const f of families) {
        if (f.standIns) {
          const compiled = { ...compileFamily(PHRASES[BUILT_IN.findIndex((b) => b.id === f.id)]!, perpetrator), standIns: f.standIns };
          compiled.patterns.forEach((re, p) => {
            allPatterns[start + p] = re;
            familyOf[start + p] = compiled;
          });
        }
        start += f.patterns.length;
      }
    }
    // A table cell is asked about twice in a row (any, then scan): the last answer is kept.
    let lastText: string | undefined;
    let lastFlags: Uint8Array | undefined;
    const filter = {
      possible(text: string): Uint8Array {
        if (text === lastText && lastFlags) return lastFlags;
        const shared = BUILT_IN_FILTER.possible(text);
        let out = shared;
        if (!sameAsBuiltIn) {
          const standIn = STAND_IN_FILTER.possible(text);
          if (sameLayout) {
            // Only the patterns that name the perpetrator take another flag (on a copy, when it differs).
            for (const k of standInSlots) {
              const flag = standIn[standInIndex[k]!]!;
              if (flag === out[k]) continue;
              if (out === shared) out = shared.slice();
              out[k] = flag;
            }
          } else {
            const own = ownFilter?.possible(text);
            out = new Uint8Array(allPatterns.length);
            let o = 0;
            for (let k = 0; k < out.length; k++) {
              if (builtInIndex[k]! >= 0) out[k] = shared[builtInIndex[k]!]!;
              else if (standInIndex[k]! >= 0) out[k] = standIn[standInIndex[k]!]!;
              else out[k] = own![o++]!;
            }
          }
          if (!namesResolved && standInSlots.some((k) => out[k])) resolveNames();
        }
        lastText = text;
        lastFlags = out;
        return out;
      },
      any(text: string): boolean {
        return this.possible(text).includes(1);
      },
    };
    const allowText = options.allow.map((a) => a.toLowerCase());

    const labelsCache = new Map<string, RegExp | undefined>();
    function labelsRegex(role: 'victim' | 'perpetrator' | 'other' | 'unknown' | 'any'): RegExp | undefined {
      if (labelsCache.has(role)) {
        const cached = labelsCache.get(role);
        if (cached) cached.lastIndex = 0;
        return cached;
      }
      const labels = partiesOf()
        .parties.filter((p) => role === 'any' || p.role === role)
        .map((p) => p.label);
      const regex = labels.length === 0 ? undefined : new RegExp(`(?<![\\w'’])(?:${labels.map(escapeRegExp).join('|')})(?![\\w])`, 'g');
      labelsCache.set(role, regex);
      return regex;
    }

    /** Both partners (or a couple cue) in the sentence, and no third party right after the phrase. */
    function partiesPresent(sentence: string, matchEnd: number): boolean {
      // THIRD_PARTY is large to compile and needs one of these words: most sentences spare it.
      const rest = sentence.slice(matchEnd);
      if (THIRD_PARTY_WORD.test(rest) && THIRD_PARTY.test(rest)) return false;
      if (COUPLE.test(sentence)) return true;
      const any = labelsRegex('any');
      if (any) {
        const found = new Set([...sentence.matchAll(any)].map((m) => m[0]));
        if (found.size >= 2) return true;
      }
      // One partner named and the other as a pronoun, or both pronouns.
      const male = /\b(?:he|him|his)\b/i.test(sentence);
      const female = /\b(?:she|her|hers)\b/i.test(sentence);
      if (male && female) return true;
      if (any) any.lastIndex = 0;
      if (any && (male || female) && any.test(sentence)) return true;
      return false;
    }

    type Who = 'agency' | 'perpetrator' | 'other' | 'victim' | 'unknown';

    function pronounKind(p: string): 'victim' | 'perpetrator' | 'unknown' {
      const idx = partiesOf();
      if (!idx.victimPronoun) return 'unknown';
      const female = /^(?:she|her)$/i.test(p);
      return (idx.victimPronoun === 'she') === female ? 'victim' : 'perpetrator';
    }

    /** People and agencies named in a stretch of text, with their positions. */
    function mentionsIn(text: string): { at: number; kind: Who }[] {
      const mentions: { at: number; kind: Who }[] = [];
      const push = (re: RegExp | undefined, kind: Who): void => {
        if (!re) return;
        re.lastIndex = 0;
        for (const m of text.matchAll(re)) mentions.push({ at: m.index!, kind });
      };
      push(AGENCY, 'agency');
      push(OTHER_PEOPLE, 'other');
      push(/\b(?:victim|deceased)\b/gi, 'victim');
      push(/\b(?:perpetrator|offender|suspect|defendant|killer|abuser)\b/gi, 'perpetrator');
      push(labelsRegex('victim'), 'victim');
      push(labelsRegex('perpetrator'), 'perpetrator');
      push(labelsRegex('other'), 'other');
      push(labelsRegex('unknown'), 'unknown');
      for (const m of text.matchAll(/\b(?:she|he)\b/gi)) mentions.push({ at: m.index!, kind: pronounKind(m[0]) });
      return mentions.sort((a, b) => a.at - b.at);
    }

    /** Who does the engaging: the nearest person or agency before the phrase, in the same clause. */
    function subjectOf(sentence: string, start: number, matchText: string): Who {
      const clauseStart = Math.max(
        0,
        ...[...sentence.slice(0, start).matchAll(/[;:]|\b(?:but|while|whereas|although|when|after|before|because)\b/gi)].map((m) => m.index! + m[0].length),
      );
      const before = sentence.slice(clauseStart, start);
      const mentions = mentionsIn(before);
      // A possessive right before the phrase ("her non-engagement").
      const poss = /\b(her|his)\s+(?:\w+\s+)?$/i.exec(before);
      if (poss) mentions.push({ at: poss.index, kind: pronounKind(poss[1]!) });
      if (mentions.length === 0) {
        // "non-engagement by Mark", "disengagement of the victim"
        const after = /^\s+(?:by|of|from)\s+(.{1,40})/i.exec(sentence.slice(start + matchText.length));
        const first = after ? mentionsIn(after[1]!)[0] : undefined;
        return first && first.at < 8 ? first.kind : 'unknown';
      }
      return mentions.reduce((a, b) => (b.at >= a.at ? b : a)).kind;
    }

    /**
     * The victim (or someone unknown) is the subject, not an agency, the perpetrator or another
     * person: "why did she stay" yes, "why did the officers not stay" or "her mother let him back" no.
     */
    function victimSubject(sentence: string, start: number, matchText: string): boolean {
      const subject = /^why\b/i.test(matchText) ? (mentionsIn(matchText)[0]?.kind ?? 'unknown') : subjectOf(sentence, start, matchText);
      return subject === 'victim' || subject === 'unknown';
    }

    function fill(text: string): string {
      const idx = partiesOf();
      return text
        .replace(/\{perpetrator\}/g, idx.perpetrator ?? 'the perpetrator')
        .replace(/\{victim\}/g, idx.victim ?? 'the victim');
    }

    function applies(c: Considerate, matched: string): boolean {
      return !c.only || new RegExp(c.only, 'i').test(matched);
    }

    function suggestionText(family: Family, matched: string): string {
      const list = family.considerate.filter((c) => applies(c, matched)).map((c) => fill(c.text));
      if (list.length === 0) return 'say who did what to whom';
      return list.map((t) => (/[.…]$/.test(t) && !/…$/.test(t) ? t.replace(/\.$/, '').replace(/^./, (ch) => ch.toLowerCase()) : `"${t}"`)).join(' or ');
    }

    function suggestions(family: Family, matched: string): Suggestion[] {
      return family.considerate
        .filter((c) => applies(c, matched))
        .map((c) => {
          const t = fill(c.text);
          if (c.replaces === 'match') {
            const replacement = /^[A-Z]/.test(matched) ? t.replace(/^./, (ch) => ch.toUpperCase()) : t;
            return { desc: `Replace "${matched}" with "${replacement}".`, replacement };
          }
          return { desc: /\.$/.test(t) ? t : `Reword the sentence, for example: "${t}".` };
        });
    }

    function overlapsAny(res: RegExp[], text: string, span: Span): boolean {
      for (const re of res) {
        re.lastIndex = 0;
        for (const m of text.matchAll(re)) {
          const s = m.index!;
          const e = s + m[0].length;
          if (s < span.end && e > span.start) return true;
        }
      }
      return false;
    }

    /** Findings in one text (a paragraph, heading or table cell). */
    function scan(
      text: string,
      sentences: Sentence[],
      reported: Span[] | (() => Span[]),
      block: Block,
      nextOf: (i: number) => string,
      recordsQuoted = false,
    ): Candidate[] {
      const found: Candidate[] = [];
      // Which patterns can match anywhere in the text: most paragraphs have none.
      const possible = filter.possible(text);
      // The patterns to run on each sentence, in order (few: a sentence is not asked about the rest).
      const run: number[] = [];
      for (let k = 0; k < possible.length; k++) if (possible[k]) run.push(k);
      if (run.length === 0) return found;
      if (typeof reported === 'function') reported = reported();
      const spans = reported;
      const paragraphNamesKilling = NAMES_KILLING.test(text);
      // The filter above has scanned the text.
      const paragraphCritique = hasCritiqueScanned(text);
      sentences.forEach((sentence, i) => {
        const s = sentence.text;
        for (const k of run) {
          const family = familyOf[k]!;
          const re = allPatterns[k]!;
          re.lastIndex = 0;
          for (let m = re.exec(s); m; m = nextMatch(re, s, m)) {
            const local: Span = { start: m.index!, end: m.index! + m[0].length };
            const matched = m[0];
            if (allowText.some((a) => matched.toLowerCase().includes(a))) continue;
            if (overlapsAny(family.exclude, s, local)) continue;
            if (family.skipIf.some((r) => r.test(s))) continue;
            let level = family.level;
            let withReason = false;
            switch (family.requires) {
              case 'parties':
                if (!partiesPresent(s, local.end)) continue;
                break;
              case 'violence':
                if (!VIOLENCE.test(s)) continue;
                break;
              case 'killing':
                if (!KILLING.test(s)) continue;
                break;
              case 'only-label':
                if (paragraphNamesKilling || CONDOLENCE.test(text)) continue;
                if (CONDOLENCE_SECTIONS.some((id) => doc.isWithin(block.section, id))) continue;
                break;
              case 'victim-subject':
                if (!victimSubject(s, local.start, matched)) continue;
                break;
              case 'person-subject': {
                const subject = subjectOf(s, local.start, matched);
                if (subject === 'agency' || subject === 'perpetrator' || subject === 'other') continue;
                if (subject === 'unknown') level = 'info';
                break;
              }
              default:
                break;
            }
            if (family.infoWithoutViolence && !VIOLENCE.test(s)) level = 'info';
            if (family.reasonLowers && REASON.test(s.slice(local.end))) {
              level = 'info';
              withReason = true;
            }
            // The author comments on the wording in this or the next sentence (LANGUAGE.md §3 rule 4);
            // for a quotation, anywhere in the paragraph that quotes it.
            if (hasCritique(s) || hasCritique(nextOf(i))) continue;
            const span = { start: sentence.start + local.start, end: sentence.start + local.end };
            // "relationship was described by friends as volatile": the phrase itself reports someone's words.
            const quotedHere = inSpans(spans, span) || REPORTING_VERB.test(matched);
            const quoted = recordsQuoted || quotedHere;
            if (quoted && paragraphCritique) continue;
            found.push({ family, span, text: matched, level, quoted, records: recordsQuoted && !quotedHere, withReason });
          }
        }
      });
      // One finding per stretch of text: the earliest match wins, then the longest.
      found.sort((a, b) => a.span.start - b.span.start || b.span.end - b.span.start - (a.span.end - a.span.start));
      const kept: Candidate[] = [];
      for (const c of found) {
        if (kept.some((k) => k.span.start < c.span.end && k.span.end > c.span.start)) continue;
        kept.push(c);
      }
      return kept;
    }

    /** The level to report at, or undefined to drop the finding. */
    function finalLevel(c: Candidate): Level | 'configured' | undefined {
      let level: 'warn' | 'info' | 'off' = c.level;
      if (c.quoted) {
        if (options.quoted === 'off') return undefined;
        // Lowered one level; a heuristic phrase list is already weak evidence, so its quoted uses go.
        if (options.quoted === 'info') level = level === 'warn' && !c.family.heuristic ? 'info' : 'off';
      }
      if (level === 'off') return undefined;
      return level === 'warn' ? 'configured' : 'info';
    }

    /**
     * Phrases the report itself criticises somewhere (a paragraph about language that contains the
     * phrase): quoting them elsewhere, e.g. in the chronology, needs no further comment.
     */
    function critiquedPhrases(): Set<string> {
      return doc.memo(`victim-blaming-language:critiqued:${families.map((f) => f.id).join(',')}`, () => {
        const set = new Set<string>();
        for (const block of doc.blocks) {
          if (block.kind !== 'paragraph') continue;
          const possible = filter.possible(block.text);
          if (!possible.includes(1) || !hasCritiqueScanned(block.text)) continue;
          allPatterns.forEach((re, k) => {
            if (!possible[k]) return;
            re.lastIndex = 0;
            for (const m of block.text.matchAll(re)) set.add(m[0].toLowerCase());
          });
        }
        return set;
      });
    }

    function emit(c: Candidate, where: { block?: Block; span?: Span; row?: { table: Table; index: number } }): void {
      const level = finalLevel(c);
      if (!level) return;
      if (c.quoted && critiquedPhrases().has(c.text.toLowerCase())) return;
      const note = c.withReason && c.family.noteWithReason ? c.family.noteWithReason : c.family.note;
      context.report({
        ...where,
        messageId: c.quoted ? 'quoted' : 'phrase',
        data: c.quoted
          ? { text: c.text, note, how: c.records ? 'the wording of an agency record in the chronology' : 'quoted or reported speech' }
          : { text: c.text, note, suggestion: suggestionText(c.family, c.text) },
        level: level === 'configured' ? undefined : level,
        suggestions: suggestions(c.family, c.text),
        details: { phrase: c.family.id, quoted: c.quoted },
      });
    }

    function skipped(block: Block): boolean {
      return block.kind === 'code' || inIgnoredSection(doc, block.section, options.ignoreSections);
    }

    function checkText(block: Block): void {
      if (skipped(block)) return;
      // Most paragraphs can hold no phrase: they need no sentences (scan would find nothing).
      if (!filter.any(block.text)) return;
      const sentences = doc.sentences(block);
      const reported = (): Span[] => reportedSpans(block.text, doc.quotations(block));
      for (const c of scan(block.text, sentences, reported, block, (i) => nextSentenceText(doc, block, sentences, i))) {
        emit(c, { block, span: c.span });
      }
    }

    return {
      heading: checkText,
      paragraph: checkText,
      table(block) {
        if (skipped(block)) return;
        const table = block.table!;
        // A chronology table summarises agency records: its wording is the records', reported as quoted.
        const records = CHRONOLOGY_SECTIONS.some((id) => doc.isWithin(block.section, id));
        table.rows.forEach((row, index) => {
          for (const cell of row.cells) {
            if (!cell || !filter.any(cell)) continue;
            const sentences = splitSentences(cell);
            const reported = reportedSpans(cell);
            for (const c of scan(cell, sentences, reported, block, (i) => sentences[i + 1]?.text ?? '', records)) {
              emit(c, { row: { table, index } });
            }
          }
        });
      },
    };
  },
});
