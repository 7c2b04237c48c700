/**
 * Helpers shared by the language rules (victim-blaming-language, abuse-terminology): who the
 * victim and the perpetrator are (from settings and from the report's own declarations), reported
 * speech (the model's quotations plus the attribution cues of LANGUAGE.md §3 that need no colon),
 * critique of a quoted phrase, and section skipping. Per-document work is cached with `doc.memo`.
 */
import type { ReportDocument } from '../../src/model/document.js';
import type { Block, Quotation, Section, Sentence, Span } from '../../src/model/types.js';
import type { Settings } from '../../src/config/settings.js';
import { findQuotations, splitSentences, templateSection } from '../../src/api/text.js';
import { Prefilter } from './prefilter.js';

export type PartyRole = 'victim' | 'perpetrator' | 'other' | 'unknown';

export interface Party {
  label: string;
  role: PartyRole;
}

export interface PartyIndex {
  parties: Party[];
  /** Preferred label of the victim / perpetrator, when known. */
  victim?: string;
  perpetrator?: string;
  /** "she" when the report says he "killed her" more often than "killed him", and so on. */
  victimPronoun?: 'she' | 'he';
}

/**
 * Let a space in a data pattern match any run of white space (line breaks inside a Markdown
 * paragraph, double spaces from PDF text). Spaces inside character classes are left alone.
 */
export function looseSpaces(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    if (ch === ' ' && !inClass) {
      // A quantified space (" ?", " *") stays one white-space character under its quantifier.
      if (/[?*+{]/.test(pattern[i + 1] ?? '')) {
        out += '\\s';
        continue;
      }
      while (pattern[i + 1] === ' ') i++;
      out += '\\s+';
      continue;
    }
    out += ch;
  }
  return out;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LABEL = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Adult|Child|Subject|Person|Victim)\.?\s+[A-Z]{1,2}\b|[A-Z][a-z][\w'’-]*|[A-Z]{2,3}\b)`;
const Q_OPEN = `["“‘']?`;
const Q_CLOSE = `["”’']?`;
const DECLARATION = /\b(?:pseudonyms?|not (?:her|his|their) real names?|known (?:only )?as|referred to as|(?:is|are|was|were|will be|has been|have been) (?:called|named)|chose(?:n)? the (?:name|pseudonym))\b/i;
const ROLE_CUES: { role: PartyRole; regex: RegExp }[] = [
  { role: 'perpetrator', regex: /\b(?:who killed|perpetrator|killer|offender|the man who|the woman who|alleged perpetrator|defendant)\b/gi },
  { role: 'victim', regex: /\b(?:victim|deceased|who died|death of|killing of|murder of)\b/gi },
  {
    role: 'other',
    regex: /\b(?:children|child|sons?|daughters?|sisters?|brothers?|mother|father|parents?|friends?|colleagues?|neighbours?|aunt|uncle|cousins?|grandmother|grandfather|niece|nephew|previous partner|ex-partner|former partner)\b/gi,
  },
];
const NOT_LABELS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'Her', 'His', 'She', 'He', 'They', 'It', 'In', 'All', 'A', 'An', 'Panel', 'Review', 'Chair',
  'Home', 'Office', 'Police', 'Report', 'Overview', 'Executive', 'Summary', 'None', 'Names', 'Pseudonyms', 'Both', 'Each', 'Their',
]);

/** Role of a settings pseudonym from its free-text role. */
function roleFromSetting(role: string | undefined): PartyRole {
  if (!role) return 'unknown';
  if (/victim|deceased/i.test(role)) return 'victim';
  if (/perpetrator|offender|suspect|killer|abuser|defendant/i.test(role)) return 'perpetrator';
  return 'other';
}

/** Victim, perpetrator and other people named in the report (cached per document). */
export function partyIndex(doc: ReportDocument, settings: Settings): PartyIndex {
  const key = `language:parties:${JSON.stringify(settings.pseudonyms ?? [])}`;
  return doc.memo(key, () => buildPartyIndex(doc, settings));
}

const KILLED_PRONOUN = /\b(?:killed|murdered|strangled|stabbed) (her|him)\b/gi;
const ROLE_PAREN = new RegExp(`(${LABEL})${Q_CLOSE}\\s*\\((?:[Tt]he\\s+)?([Vv]ictim|[Dd]eceased|[Pp]erpetrator|[Aa]lleged perpetrator|[Oo]ffender)\\b`, 'g');
const DEATH_OF = new RegExp(`\\b(?:death|killing|murder|homicide) of ${Q_OPEN}(${LABEL})`, 'g');
const KILLED = new RegExp(`\\b(${LABEL}) (?:killed|murdered|stabbed|strangled|fatally \\w+) (${LABEL})`, 'g');
const KILLED_BY = new RegExp(`\\b(${LABEL}) was (?:killed|murdered|stabbed|strangled) by (${LABEL})`, 'g');
/** Which of the block-level patterns (and DECLARATION, for the sentences) can match in a block. */
const PARTY_FILTER = new Prefilter([KILLED_PRONOUN, DEATH_OF, KILLED, KILLED_BY, ROLE_PAREN, DECLARATION]);

function buildPartyIndex(doc: ReportDocument, settings: Settings): PartyIndex {
  const votes = new Map<string, Record<PartyRole, number>>();
  const vote = (label: string, role: PartyRole, weight = 1): void => {
    const clean = label.replace(/^["“‘']|["”’']$/g, '').trim();
    if (!clean || NOT_LABELS.has(clean)) return;
    const v = votes.get(clean) ?? { victim: 0, perpetrator: 0, other: 0, unknown: 0 };
    v[role] += weight;
    votes.set(clean, v);
  };
  for (const p of settings.pseudonyms ?? []) {
    const role = roleFromSetting(p.role);
    for (const label of [p.label, ...(p.aliases ?? [])]) vote(label, role, 100);
  }
  const labelIn = new RegExp(`["“‘'](${LABEL}(?:\\s+[A-Z][a-z][\\w'’-]*)?)["”’']`, 'g');
  const afterCue = new RegExp(`\\b(?:known (?:only )?as|referred to as|called|named|pseudonyms?(?: of)?)\\s+${Q_OPEN}(${LABEL})${Q_CLOSE}`, 'g');
  const beforeNote = new RegExp(`(${LABEL})${Q_CLOSE}\\s*\\((?:not (?:her|his|their) real name|a pseudonym)`, 'g');
  let her = 0;
  let him = 0;
  const declared = new Set<string>();
  const textBlocks = doc.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'heading');
  for (const block of textBlocks) {
    const text = block.text;
    // Most blocks contain none of these patterns.
    const possible = PARTY_FILTER.possible(text);
    if (possible[0]) {
      for (const m of text.matchAll(KILLED_PRONOUN)) {
        if (m[1]!.toLowerCase() === 'her') her++;
        else him++;
      }
    }
    if (possible[1]) for (const m of text.matchAll(DEATH_OF)) vote(m[1]!, 'victim');
    if (possible[2]) {
      for (const m of text.matchAll(KILLED)) {
        vote(m[1]!, 'perpetrator');
        vote(m[2]!, 'victim');
      }
    }
    if (possible[3]) {
      for (const m of text.matchAll(KILLED_BY)) {
        vote(m[1]!, 'victim');
        vote(m[2]!, 'perpetrator');
      }
    }
    if (possible[4]) for (const m of text.matchAll(ROLE_PAREN)) vote(m[1]!, /victim|deceased/i.test(m[2]!) ? 'victim' : 'perpetrator', 3);
    if (!possible[5]) continue;
    for (const s of doc.sentences(block)) {
      if (!DECLARATION.test(s.text)) continue;
      const found: { label: string; at: number }[] = [];
      for (const re of [labelIn, afterCue, beforeNote]) {
        re.lastIndex = 0;
        for (const m of s.text.matchAll(re)) found.push({ label: m[1]!, at: m.index! + m[0].indexOf(m[1]!) });
      }
      for (const f of found) {
        // The role cue nearest before the label (or just after it) names its role.
        let best: { role: PartyRole; dist: number } = { role: 'unknown', dist: Infinity };
        for (const cue of ROLE_CUES) {
          cue.regex.lastIndex = 0;
          for (const m of s.text.matchAll(cue.regex)) {
            const end = m.index! + m[0].length;
            const dist = end <= f.at ? f.at - end : m.index! >= f.at + f.label.length ? (m.index! - f.at - f.label.length) * 3 : Infinity;
            if (dist < best.dist && dist < 90) best = { role: cue.role, dist };
          }
        }
        vote(f.label, best.role, 2);
        declared.add(f.label.replace(/^["“‘']|["”’']$/g, '').trim());
      }
    }
  }
  const parties: Party[] = [];
  for (const [label, v] of votes) {
    const total = v.victim + v.perpetrator + v.other + v.unknown;
    // A label seen only once outside a declaration ("death of Maria" alone) still counts: it is a person.
    if (total === 0) continue;
    const ranked = (['victim', 'perpetrator', 'other'] as PartyRole[]).sort((a, b) => v[b] - v[a]);
    const top = ranked[0]!;
    parties.push({ label, role: v[top] > 0 ? top : 'unknown' });
  }
  const byRole = (role: PartyRole): string | undefined => {
    const list = parties.filter((p) => p.role === role).sort((a, b) => votes.get(b.label)![role] - votes.get(a.label)![role]);
    return list[0]?.label;
  };
  // Reports declare the victim first ("'Maria' is a pseudonym…"): with no victim cue, take the first
  // declared person whose role is unknown.
  if (!parties.some((p) => p.role === 'victim')) {
    const first = parties.find((p) => p.role === 'unknown' && declared.has(p.label));
    if (first) first.role = 'victim';
  }
  return {
    parties,
    victim: byRole('victim'),
    perpetrator: byRole('perpetrator'),
    victimPronoun: her > him ? 'she' : him > her ? 'he' : undefined,
  };
}

/**
 * Reported-speech spans in a piece of text: the model's quotations (quotation marks, block quotes
 * and the attribution cues of LANGUAGE.md §3, each running to the end of its sentence).
 */
export function reportedSpans(text: string, quotations?: Quotation[]): Span[] {
  return [...(quotations ?? findQuotations(text))];
}

export function inSpans(spans: Span[], span: Span): boolean {
  return spans.some((q) => q.start <= span.start && q.end >= span.end);
}

/** Cues that the author comments on the wording (LANGUAGE.md §3 rule 4). */
const CRITIQUE =
  /\b(?:minimi[sz]\w*|mutuali[sz]\w*|victim[- ]blam\w*|language|framing|framed|wording|terminology|(?:does|did|do) not accept|inappropriate\w*|should not (?:have been|be) (?:described|recorded|called|used|written|characteri[sz]ed|referred)|misleading|(?:not an?|in)accurate(?:ly)?|unhelpful|the (?:term|phrase|word|expression|label|description)s?\b|(?:words|terms|phrases|language|expressions|labels) (?:such as|like)\b|shifts? (?:the )?(?:blame|responsibility)|blames? (?:her|him|the victim))/i;

export function hasCritique(text: string): boolean {
  return CRITIQUE.test(text);
}

const CRITIQUE_FILTER = new Prefilter([CRITIQUE]);

/**
 * hasCritique for a text the shared prefilter has scanned already (a block's text, a table cell):
 * its answer is then at hand, and most texts hold no cue.
 */
export function hasCritiqueScanned(text: string): boolean {
  return CRITIQUE_FILTER.any(text) && CRITIQUE.test(text);
}

/** Sentences of a text (tables: each cell on its own). */
export function sentencesOf(doc: ReportDocument, block: Block): Sentence[] {
  return block.kind === 'table' ? [] : doc.sentences(block);
}

/** The text of the sentence after `index` in the block, or the first sentence of the next text block. */
export function nextSentenceText(doc: ReportDocument, block: Block, sentences: Sentence[], index: number): string {
  if (index + 1 < sentences.length) return sentences[index + 1]!.text;
  const next = doc.blocks[block.index + 1];
  if (!next || next.kind === 'table' || next.kind === 'heading') return '';
  return splitSentences(next.text)[0]?.text ?? '';
}

/** Heading words that mark a definitions section even without a template id. */
const DEFINITIONS_HEADING = /\b(?:definitions?|glossary|abbreviations|acronyms|terminology|terms used|key terms|language used)\b/i;

/**
 * Is the section (or an ancestor) one to skip? Each entry of `ids` is a template id (TEMPLATES.md;
 * "qa-letter" also matches the QA-letter part), the pseudo-id "definitions" (any heading naming
 * definitions, terminology or a glossary), or else words matched against the headings of the
 * section and its ancestors.
 */
export function inIgnoredSection(doc: ReportDocument, section: Section, ids: string[]): boolean {
  // Rules ask once per block with the same list (their options): the blocks of a section share the answer.
  let bySection = ignoredCache.get(ids);
  if (!bySection) ignoredCache.set(ids, (bySection = new WeakMap()));
  let ignored = bySection.get(section);
  if (ignored === undefined) bySection.set(section, (ignored = sectionIgnored(doc, section, ids)));
  return ignored;
}

const ignoredCache = new WeakMap<string[], WeakMap<Section, boolean>>();

function sectionIgnored(doc: ReportDocument, section: Section, ids: string[]): boolean {
  const words: string[] = [];
  for (const id of ids) {
    if (id === 'qa-letter' && section.part.kind === 'qa-letter') return true;
    if (templateSection(id)) {
      if (doc.isWithin(section, id)) return true;
    } else {
      words.push(id);
    }
  }
  if (words.length === 0) return false;
  for (let s: Section | undefined = section; s && s.level > 0; s = s.parent) {
    for (const w of words) {
      if (w === 'definitions' ? DEFINITIONS_HEADING.test(s.title) : new RegExp(`\\b${escapeRegExp(w)}\\b`, 'i').test(s.title)) return true;
    }
  }
  return false;
}
