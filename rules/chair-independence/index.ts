import { defineRule } from '../../src/api/rule.js';
import type { Block, Section, Span } from '../../src/model/types.js';
import { normaliseHeading } from '../../src/api/text.js';
import cues from './cues.json' with { type: 'json' };

interface Options {
  /** Require the chair's background (career, experience, training). */
  requireBackground: boolean;
  /** Require the date or time elapsed when a past post in an agency is mentioned. */
  requireGapIfPriorService: boolean;
  /** Agency names involved in the review, in addition to `settings.agencies` and the contributors list. */
  agencies: string[];
}

const re = (p: string, flags = 'i'): RegExp => new RegExp(p, flags);
const NOT_STATEMENTS = cues.notStatements.map((c) => re(c.pattern, 'gi'));
const STATEMENTS = cues.statements.map((c) => re(c.pattern));
const BACKGROUND = cues.background.map((c) => re(c.pattern, 'gi'));
const PAST_POST = re(cues.pastPost.pattern, 'gi');
const AGENCY_WORDS = cues.agencyWords.map((c) => ({ id: c.id, regex: re(c.pattern, 'gi') }));
const TIME_MARKERS = cues.timeMarkers.map((c) => re(c.pattern));
const NOT_INVOLVED = re(cues.notInvolved.pattern);
const STOP_WORDS = new Set(cues.nameStopWords.map((w) => w.toLowerCase()));
const HEADINGS = cues.headings.patterns.map((p) => re(p));
const NOT_HEADING = re(cues.headings.not);

/** Headings the shared synonym table misses ("Independent Reviewer", "Author's statement"). */
function ownHeading(section: Section): boolean {
  const t = normaliseHeading(section.title);
  return HEADINGS.some((r) => r.test(t)) && !NOT_HEADING.test(t);
}

/** Mentions the chair or the (overview) author, not IMR authors. */
const CHAIR_MENTION = /\b(?:chair(?:ed|s|person|man|woman)?|(?<!(?:IMR|report|management review|IMRs)\s)author)\b/i;
const PRONOUN_START = /^(?:he|she|they|his|her|their|the chair|the author)\b/i;
const HONORIFIC = /\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Professor|Prof|Dame|Sir|Cllr|Councillor)\.?\s+(?:[A-Z]\.?\s+)*([A-Z][\p{Ll}'’-]+)/gu;
const CAPITALISED = /\b[A-Z][\p{Ll}'’-]+(?:\s+(?:[A-Z]\.?\s+)*[A-Z][\p{Ll}'’-]+){1,3}/gu;
const NARRATIVE_IDS = [
  'chronology', 'summary-chronology', 'background-facts', 'overview', 'analysis', 'key-issues', 'conclusions',
  'lessons', 'recommendations', 'action-plan', 'qa-letter', 'glossary', 'contents', 'tribute', 'equality-diversity',
  'family-involvement', 'parallel-reviews', 'dissemination',
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Remove titles and names that contain "independent" but state nothing. */
function stripTitles(text: string): string {
  let out = text;
  for (const r of NOT_STATEMENTS) out = out.replace(r, (m) => ' '.repeat(m.length));
  return out;
}

function negatedBefore(text: string, index: number): boolean {
  return /\b(?:never|not|no)\b[^.,;]{0,25}$/i.test(text.slice(Math.max(0, index - 30), index));
}

interface Unit {
  block: Block;
  /** Offset of the sentence in the block's text. */
  start: number;
  text: string;
}

export default defineRule<Options>({
  meta: {
    id: 'chair-independence',
    group: 'structure',
    description: 'The chair and author is named, with their background and a statement of independence; a past post in an agency says when it ended',
    defaultLevel: 'warn',
    sources: [
      {
        title: 'J. Rowlands, "What is independence anyway?": the statutory guidance expects an independence statement with career history, relevant experience, no direct association with the agencies involved, and the time elapsed since any past link',
        url: 'https://www.jhrowlands.co.uk/single-post/what-is-independence-anyway',
      },
      {
        title: 'Home Office, Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews (2016): the model report layout has a section on the chair and author',
        url: 'https://www.gov.uk/government/publications/revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews',
      },
      {
        title: 'Devon case 6 executive summary: a chair disclosing past service in the local police force, with dates; Devon case 3: a statement of no connection with any agency involved',
        url: 'https://saferdevon.co.uk/domestic-homicide-review-case-6-es/',
      },
      {
        title: 'Brighton & Hove "Mr C" executive summary (2014): a statement of no connection with any agency involved',
        url: 'https://mta-sts.brighton-hove.gov.uk/community-safety-partnership/published-domestic-homicide-reviews-dhrs/domestic-homicide-review-relating-death-mr-c-executive-summary',
      },
    ],
    messages: {
      missing:
        'The report has no section on the chair and author of the review. Add one (usually after the Review Panel members) giving their name, their background and a statement of their independence.',
      noName: 'Section {{section}} does not name the chair and author: give their name.',
      noStatement:
        'Section {{section}} has no statement of independence: say that the chair (and the author, if another person) has no connection with the Community Safety Partnership, the agencies involved or the people in the review. A title such as "Independent Chair" is not a statement.',
      noBackground:
        "Section {{section}} does not describe the chair's background: add their career history, relevant experience and any training as a review chair.",
      priorServiceNoDate:
        "Section {{section}} mentions the chair's past post with {{agency}} without saying when it ended: give the dates, or the time since they left, so that readers can judge the chair's independence.",
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requireBackground: { type: 'boolean' },
        requireGapIfPriorService: { type: 'boolean' },
        agencies: { type: 'array', items: { type: 'string', minLength: 2 } },
      },
    },
    defaultOptions: { requireBackground: true, requireGapIfPriorService: true, agencies: [] },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    /** Text before the first heading, or directly under a title heading that wraps the document. */
    const onTitlePage = (block: Block): boolean => block.section.level === 0 || block.section === doc.titleSection;
    const pseudonyms = new Set(
      settings.pseudonyms.flatMap((p) => [p.label, ...(p.aliases ?? [])]).map((s) => s.toLowerCase()),
    );

    const usable = (block: Block): boolean => block.section.part.kind !== 'qa-letter' && block.kind !== 'code';

    function units(block: Block): Unit[] {
      if (block.kind === 'table' && block.table) {
        return block.table.rows.map((r) => ({ block, start: 0, text: r.cells.join(' | ') }));
      }
      return doc.sentences(block).map((s) => ({ block, start: s.start, text: s.text }));
    }

    /** Sentences of paragraphs outside the chair section that speak about the chair. */
    function fallbackUnits(chairSections: Section[]): Unit[] {
      const out: Unit[] = [];
      for (const block of doc.blocks) {
        if (!usable(block) || block.kind === 'heading' || block.kind === 'table') continue;
        if (chairSections.some((s) => block.index >= s.start && block.index < s.end)) continue;
        if (onTitlePage(block)) continue; // title page: "Independent Chair: ..." is a title
        if (NARRATIVE_IDS.some((id) => doc.isWithin(block.section, id))) continue;
        let following = false;
        for (const u of units(block)) {
          if (CHAIR_MENTION.test(u.text)) {
            out.push(u);
            following = true;
          } else if (following && PRONOUN_START.test(u.text)) {
            out.push(u);
          } else {
            following = false;
          }
        }
      }
      return out;
    }

    function hasName(text: string): boolean {
      HONORIFIC.lastIndex = 0;
      for (let m = HONORIFIC.exec(text); m; m = HONORIFIC.exec(text)) {
        if (!STOP_WORDS.has(m[1]!.toLowerCase())) return true;
      }
      CAPITALISED.lastIndex = 0;
      for (let m = CAPITALISED.exec(text); m; m = CAPITALISED.exec(text)) {
        const words = m[0].split(/\s+/);
        // Longest run of words that are neither stop words nor pseudonyms.
        let run = 0;
        for (const w of words) {
          const lw = w.toLowerCase().replace(/['’]s$/, '');
          if (STOP_WORDS.has(lw) || pseudonyms.has(lw)) run = 0;
          else if (++run >= 2) return true;
        }
      }
      return false;
    }

    /** Names of agencies involved: settings, options, and the first column of contributor and panel tables. */
    function involvedNames(): string[] {
      const names = new Set<string>([...Object.keys(settings.agencies ?? {}), ...options.agencies]);
      for (const section of doc.sections) {
        if (!section.templateIds.some((id) => id === 'contributors' || id === 'panel-members')) continue;
        for (const block of doc.blocksOf(section)) {
          const table = block.table;
          if (!table) continue;
          const col = table.header.findIndex((h) => /\b(?:agency|organisation|organization|service)\b/i.test(h));
          const index = col >= 0 ? col : 0;
          for (const row of table.rows) {
            const name = row.cells[index]?.trim();
            if (name && name.length > 3 && !/^independent$/i.test(name)) names.add(name.replace(/\s*\(.*\)\s*$/, ''));
          }
        }
      }
      return [...names].filter((n) => n.length > 2);
    }

    function contributorsText(): string | undefined {
      const sections = doc.sections.filter((s) => s.templateIds.some((id) => id === 'contributors' || id === 'panel-members'));
      if (!sections.length) return undefined;
      return sections.map((s) => doc.textOf(s)).join('\n');
    }

    const areaWords = [settings.area?.csp, settings.area?.localAuthority]
      .flatMap((n) => (n ?? '').match(/\b[A-Z][\w'’-]{3,}\b/g) ?? [])
      .filter((w) => !STOP_WORDS.has(w.toLowerCase()));

    function checkPriorService(scope: Unit[]): void {
      const names = involvedNames();
      const nameRegex = names.length ? new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`, 'i') : undefined;
      const contributors = contributorsText();
      const reported = new Set<number>();
      scope.forEach((unit, i) => {
        if (unit.block.kind === 'table' || reported.has(unit.block.index)) return;
        if (NOT_INVOLVED.test(unit.text)) return;
        PAST_POST.lastIndex = 0;
        const post = PAST_POST.exec(unit.text);
        if (!post) return;
        const after = unit.text.slice(post.index);
        let agency: string | undefined;
        let end = post.index + post[0].length;
        let involved: boolean | undefined;
        const named = nameRegex?.exec(after);
        if (named) {
          agency = named[0];
          end = post.index + named.index + named[0].length;
          involved = true;
        } else {
          for (const { regex } of AGENCY_WORDS) {
            regex.lastIndex = 0;
            const m = regex.exec(after);
            if (m && m.index < 120) {
              // "ambulance" → "the ambulance service": take the organisation words that follow.
              const tail = /^(?:\s+(?:service|services|trust|team|force|council|department|unit|board))+/i.exec(after.slice(m.index + m[0].length));
              const before = after.slice(0, m.index);
              // "Police" → "Westshire Police", "Devon and Cornwall Police": the name's own capitalised words.
              const lead = /^[A-Z]/.test(m[0]) ? /(?:\b[A-Z][\w'’-]*\s+(?:(?:and|&)\s+)?){1,4}$/.exec(before) : null;
              const the = !lead && /\bthe\s+$/i.test(before) ? 'the ' : '';
              agency = `${the}${lead ? lead[0] : ''}${m[0]}${tail ? tail[0] : ''}`;
              end = post.index + m.index + m[0].length + (tail ? tail[0].length : 0);
              regex.lastIndex = 0;
              involved = contributors === undefined ? undefined : regex.test(contributors);
              regex.lastIndex = 0;
              // "Westshire Police" in a Westshire review: the area's own agency.
              if (lead && areaWords.some((w) => lead[0].includes(w))) involved = true;
              break;
            }
          }
        }
        if (!agency) return;
        const next = scope[i + 1];
        const nearby = next && next.block === unit.block ? `${unit.text} ${next.text}` : unit.text;
        if (TIME_MARKERS.some((t) => t.test(nearby))) return;
        reported.add(unit.block.index);
        const span: Span = { start: unit.start + post.index, end: unit.start + end };
        context.report({
          messageId: 'priorServiceNoDate',
          block: unit.block,
          span,
          data: {
            section: `"${doc.sectionLabel(unit.block.section)}"`,
            agency: /^(?:the|a|an)\s/i.test(agency) || /^[A-Z]/.test(agency) ? agency : `the ${agency}`,
          },
          // A post in an agency that is not shown to be involved in this review is a weaker signal.
          level: involved === true ? undefined : 'info',
        });
      });
    }

    return {
      'document:exit'() {
        const inSummary = (s: Section): boolean => doc.kind === 'executive-summary' || s.part.kind === 'executive-summary';
        // The overview's own sections first: they are where findings should point.
        const chairSections = doc.sections
          .filter((s) => s.level > 0 && (s.templateIds.includes('chair-author') || ownHeading(s)) && s.part.kind !== 'qa-letter')
          .sort((a, b) => Number(inSummary(a)) - Number(inSummary(b)) || a.index - b.index);
        const chairBlocks = new Set<Block>();
        for (const s of chairSections) for (const b of doc.blocksOf(s)) if (usable(b) && b.kind !== 'heading') chairBlocks.add(b);
        const sectionUnits = [...chairBlocks].sort((a, b) => a.index - b.index).flatMap(units);
        const fallback = fallbackUnits(chairSections);
        if (!chairSections.length && !fallback.length) {
          if (doc.kind === 'executive-summary') return; // the summary's sections are exec-summary-sections' business
          const anchor = doc.sectionsById('panel-members')[0] ?? doc.sectionsById('methodology')[0];
          context.report({ messageId: 'missing', ...(anchor ? { section: anchor } : {}) });
          return;
        }
        const scope = [...sectionUnits, ...fallback];
        const anchorSection = chairSections[0];
        const anchorBlock = anchorSection ? undefined : fallback[0]!.block;
        const where = anchorSection ? `"${doc.sectionLabel(anchorSection)}"` : `"${doc.sectionLabel(anchorBlock!.section)}"`;
        // An executive summary gives a shorter account of the chair: its gaps are advice, not defects.
        const at = {
          ...(anchorSection ? { section: anchorSection } : { block: anchorBlock! }),
          ...(inSummary(anchorSection ?? anchorBlock!.section) ? { level: 'info' as const } : {}),
        };

        // Name: in the chair's own text, a chair-related line of the front matter, or a panel table row.
        const nameSources = [
          ...scope.map((u) => u.text),
          ...doc.blocks
            .filter((b) => usable(b) && (onTitlePage(b) || b.kind === 'table'))
            .flatMap(units)
            .filter((u) => CHAIR_MENTION.test(u.text))
            .map((u) => u.text),
        ];
        if (!nameSources.some(hasName)) context.report({ messageId: 'noName', ...at, data: { section: where } });

        if (!scope.some((u) => STATEMENTS.some((r) => r.test(stripTitles(u.text))))) {
          context.report({ messageId: 'noStatement', ...at, data: { section: where } });
        }

        if (options.requireBackground) {
          const background = scope.some((u) =>
            BACKGROUND.some((r) => {
              r.lastIndex = 0;
              for (let m = r.exec(u.text); m; m = r.exec(u.text)) if (!negatedBefore(u.text, m.index)) return true;
              return false;
            }),
          );
          if (!background) context.report({ messageId: 'noBackground', ...at, data: { section: where } });
        }

        if (options.requireGapIfPriorService) checkPriorService(scope);
      },
    };
  },
});
