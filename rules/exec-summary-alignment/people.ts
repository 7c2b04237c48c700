/**
 * Who is named in one document of a review, read from its own text only (a summary and an overview
 * in one file are read separately): the labels it declares as pseudonyms ("'Maria' is a pseudonym",
 * "the man who killed her is called 'Adam'", "Mrs A (the victim)"), the labels configured in
 * `settings.pseudonyms`, and the role of each (victim, perpetrator, other) from nearby words.
 */
import type { Block } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import type { PseudonymSetting } from '../../src/config/settings.js';
import { squash } from '../_shared/squash.js';
import { memoByKey } from '../_shared/memo.js';

export type Role = 'victim' | 'perpetrator' | 'other' | 'unknown';

export interface Person {
  label: string;
  role: Role;
  /** Declared in this text (or configured), not only inferred. */
  declared: boolean;
  /** Where the label is declared, or first used. */
  block: Block;
}

const TITLE_LETTER = String.raw`(?:Mr|Mrs|Ms|Miss|Mx|Adult|Subject|Child|Person|Victim)\.?\s*[A-Z]{1,2}(?![\p{L}\p{N}])`;
const NAME = String.raw`[A-Z][a-z]+(?:-[A-Z][a-z]+)?`;
const LABEL = `(?:${TITLE_LETTER}|${NAME}|[A-Z]{1,3}(?![\\p{L}\\p{N}]))`;
const OPEN = `["“‘']`;
const CLOSE = `["”’']`;

const DECLARATION = /\b(?:pseudonyms?|not (?:her|his|their) real names?|known (?:only )?as|referred to as|(?:is|are|was|were|will be|has been|have been) (?:called|named)|chose(?:n)? the (?:name|pseudonym))\b/i;
const DECLARED = [
  new RegExp(`${OPEN}(${LABEL})${CLOSE}`, 'gu'),
  new RegExp(`\\b(?:known (?:only )?as|referred to as|called|named)\\s+${OPEN}?(${LABEL})`, 'gu'),
  new RegExp(`(${LABEL})${CLOSE}?,?\\s*\\(\\s*(?:not (?:her|his|their) real name|a pseudonym|pseudonym)`, 'gu'),
  new RegExp(`(${LABEL})${CLOSE}?\\s+(?:is|was)\\s+(?:a\\s+)?(?:pseudonym|not (?:her|his|their) real name)`, 'gu'),
];
const ROLE_PAREN = new RegExp(`(${LABEL})${CLOSE}?\\s*\\(\\s*(?:the\\s+)?(victim|deceased|perpetrator|alleged perpetrator|offender)\\b`, 'gu');
/** The end of every ROLE_PAREN match: a cheap test first spares most paragraphs the label search. */
const ROLE_PAREN_TAIL = /\(\s*(?:the\s+)?(?:victim|deceased|perpetrator|alleged perpetrator|offender)\b/;
const DEATH_OF = new RegExp(`\\b(?:death|killing|murder|homicide) of ${OPEN}?(${LABEL})`, 'gu');
const KILLED = new RegExp(`\\b(${LABEL}) (?:killed|murdered|stabbed|strangled) (${LABEL})\\b`, 'gu');
const KILLED_BY = new RegExp(`\\b(${LABEL}) was (?:killed|murdered|stabbed|strangled) by (${LABEL})\\b`, 'gu');
/** Words every match of DEATH_OF, and of KILLED and KILLED_BY, contains (same case: the patterns have no i flag). */
const DEATH_WORD = /(?:death|killing|murder|homicide) of /;
const KILL_WORD = / (?:killed|murdered|stabbed|strangled) /;
const ROLE_CUES: { role: Role; regex: RegExp }[] = [
  { role: 'perpetrator', regex: /\b(?:who killed|perpetrator|killer|offender|the (?:man|woman|person) who|defendant)\b/gi },
  { role: 'victim', regex: /\b(?:victim|deceased|who died|death of|killing of|murder of)\b/gi },
  { role: 'other', regex: /\b(?:children|child|sons?|daughters?|sisters?|brothers?|mother|father|parents?|friends?|colleagues?|neighbours?|previous partner|ex-partner|former partner)\b/gi },
];
const NOT_LABELS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'Her', 'His', 'She', 'He', 'They', 'It', 'In', 'All', 'A', 'An', 'I', 'Panel', 'Review', 'Chair',
  'Home', 'Office', 'Police', 'Report', 'Overview', 'Executive', 'Summary', 'None', 'Names', 'Pseudonyms', 'Both', 'Each', 'Their', 'We', 'Our',
  'DHR', 'CSP', 'IMR', 'GP', 'ToR', 'Mr', 'Mrs', 'Ms', 'Miss', 'Dr',
]);

function roleFromSetting(role: string | undefined): Role {
  if (!role) return 'unknown';
  if (/victim|deceased/i.test(role)) return 'victim';
  if (/perpetrator|offender|suspect|killer|abuser|defendant/i.test(role)) return 'perpetrator';
  return 'other';
}

function clean(label: string): string {
  return label.replace(/^["“‘']|["”’']$/g, '').replace(/\s+/g, ' ').trim();
}

/** People of a text (blocks of one review role). */
export function peopleOf(doc: ReportDocument, blocks: Block[], pseudonyms: readonly PseudonymSetting[]): Person[] {
  const votes = new Map<string, { role: Record<Role, number>; declared: boolean; block: Block }>();
  const vote = (label: string, role: Role, weight: number, block: Block, declared = false): void => {
    const l = clean(label);
    if (!l || NOT_LABELS.has(l) || l.length < 2) return;
    const v = votes.get(l) ?? { role: { victim: 0, perpetrator: 0, other: 0, unknown: 0 }, declared: false, block };
    v.role[role] += weight;
    if (declared && !v.declared) {
      v.declared = true;
      v.block = block;
    }
    votes.set(l, v);
  };
  const text = blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'heading');
  for (const p of pseudonyms) {
    const first = text.find((b) => usesLabel(b.text, p.label)) ?? blocks[0];
    if (!first) continue;
    for (const label of [p.label, ...(p.aliases ?? [])]) vote(label, roleFromSetting(p.role), 100, first, true);
  }
  for (const block of text) {
    const flat = squash(block.text);
    // Each pattern holds words most paragraphs lack: a plain test first spares the label search.
    if (DEATH_WORD.test(flat)) for (const m of flat.matchAll(DEATH_OF)) vote(m[1]!, 'victim', 1, block);
    if (KILL_WORD.test(flat)) {
      for (const m of flat.matchAll(KILLED)) {
        vote(m[1]!, 'perpetrator', 1, block);
        vote(m[2]!, 'victim', 1, block);
      }
      for (const m of flat.matchAll(KILLED_BY)) {
        vote(m[1]!, 'victim', 1, block);
        vote(m[2]!, 'perpetrator', 1, block);
      }
    }
    if (ROLE_PAREN_TAIL.test(flat)) for (const m of flat.matchAll(ROLE_PAREN)) vote(m[1]!, /victim|deceased/i.test(m[2]!) ? 'victim' : 'perpetrator', 3, block, true);
    // A sentence's squashed text is a piece of the paragraph's between white space: a declaration
    // in no part of the paragraph is in none of its sentences (most paragraphs).
    if (!DECLARATION.test(flat)) continue;
    for (const sentence of doc.sentences(block)) {
      const s = { text: squash(sentence.text) };
      if (!DECLARATION.test(s.text)) continue;
      const found: { label: string; at: number }[] = [];
      for (const re of DECLARED) {
        re.lastIndex = 0;
        for (const m of s.text.matchAll(re)) found.push({ label: m[1]!, at: m.index! + m[0].indexOf(m[1]!) });
      }
      for (const f of found) {
        let best: { role: Role; dist: number } = { role: 'unknown', dist: Infinity };
        for (const cue of ROLE_CUES) {
          cue.regex.lastIndex = 0;
          for (const m of s.text.matchAll(cue.regex)) {
            const end = m.index! + m[0].length;
            const after = m.index! >= f.at + f.label.length;
            // A cue after the label counts only in the same clause ("Mrs A, the victim"), not across "; her partner…".
            if (after && /[;,:]/.test(s.text.slice(f.at + f.label.length, m.index!))) continue;
            const dist = end <= f.at ? f.at - end : after ? (m.index! - f.at - f.label.length) * 3 : Infinity;
            if (dist < best.dist && dist < 90) best = { role: cue.role, dist };
          }
        }
        vote(f.label, best.role, 2, block, true);
      }
    }
  }
  const people: Person[] = [];
  for (const [label, v] of votes) {
    const ranked = (['victim', 'perpetrator', 'other'] as Role[]).sort((a, b) => v.role[b] - v.role[a]);
    const top = ranked[0]!;
    people.push({ label, role: v.role[top] > 0 ? top : 'unknown', declared: v.declared, block: v.block });
  }
  // Reports declare the victim first: with no victim cue, the first declared person of unknown role.
  if (!people.some((p) => p.role === 'victim')) {
    const first = people.filter((p) => p.role === 'unknown' && p.declared).sort((a, b) => a.block.index - b.block.index)[0];
    if (first) first.role = 'victim';
  }
  return people;
}

/** The label of the victim or perpetrator with the most evidence. */
export function mainLabel(people: Person[], role: Role): Person | undefined {
  const list = people.filter((p) => p.role === role);
  return list.find((p) => p.declared) ?? list[0];
}

/**
 * The expression of each label, compiled once (labels are tested against every paragraph), and the
 * longest run of the label without white space: every match contains it as written (the expression
 * has no i flag), so a text without it is spared the expression and its lookbehind.
 */
const labelRegex = memoByKey((label) => {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
  const needle = label.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
  return { regex, needle };
}, 1000);

export function usesLabel(text: string, label: string): boolean {
  const entry = labelRegex(label);
  return text.includes(entry.needle) && entry.regex.test(text);
}

export function firstUse(blocks: Block[], label: string): Block | undefined {
  return blocks.find((b) => (b.kind === 'paragraph' || b.kind === 'heading') && usesLabel(b.text, label));
}
