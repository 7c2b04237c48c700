import { defineRule } from '../../src/api/rule.js';
import type { Block } from '../../src/model/types.js';
import data from './patterns.json' with { type: 'json' };

interface Options {
  /** Extra patterns (regular expressions, case-insensitive) to report as template text. */
  patterns: string[];
  /** Section ids (TEMPLATES.md) to skip. */
  ignoreSections: string[];
  /** Names of other areas (local authorities, CSPs) whose appearance suggests copy-paste residue. */
  otherAreas: string[];
}

type Kind = 'residue' | 'field' | 'tbc' | 'custom';

interface CompiledPattern {
  regex: RegExp;
  kind: Kind;
}

const BUILT_IN: CompiledPattern[] = data.patterns.map((p) => ({
  regex: new RegExp(p.pattern, (p as { caseSensitive?: boolean }).caseSensitive ? 'g' : 'gi'),
  kind: p.kind as Kind,
}));

// A CSP name with a word dropped ("Community Partnership (CSP)"): residue of an edited template.
const BROKEN_CSP = /\b(?<!Safety\s)Community Partnership\s*\(CSP\)/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineRule<Options>({
  meta: {
    id: 'template-residue',
    group: 'structure',
    description: 'Template instructions, placeholders and Word field errors left in the report',
    defaultLevel: 'error',
    sources: [
      { title: 'Central Bedfordshire "Andrew" executive summary (2019) kept "(Add issues as required)" in its contents', url: 'https://docslib.org/doc/2352837/central-bedfordshire-community-safety-partnership-domestic-homicide-review-executive-summary-report-into-the-death-of-andrew-march-2018' },
      { title: '"Mrs Z" overview report and summary (2015) published with "Error! Bookmark not defined."', url: 'https://paperzz.com/doc/7620279/domestic-homicide-review-overview-report-and-summary' },
      { title: 'Bassetlaw "Sarah" QA Panel letter (2023): follow the model layout of the statutory guidance', url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/' },
    ],
    messages: {
      residue: 'Template text "{{text}}" is still in the report: replace it or delete it.',
      fieldError: 'Word field error "{{text}}": update the fields in Word (select all, then F9) or remove the broken cross-reference.',
      unfinished: '"{{text}}" marks unfinished text: complete it before submission.',
      otherArea: '"{{text}}" is named here, but this review is for {{area}}: is this left over from another report?',
      brokenCspName: 'Partnership name "{{text}}" has a word missing (e.g. "Community Safety Partnership").',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        patterns: { type: 'array', items: { type: 'string', minLength: 1 } },
        ignoreSections: { type: 'array', items: { type: 'string' } },
        otherAreas: { type: 'array', items: { type: 'string', minLength: 2 } },
      },
    },
    defaultOptions: { patterns: [], ignoreSections: [], otherAreas: [] },
  },

  create(context) {
    const { document: doc, options, settings } = context;
    const custom: CompiledPattern[] = options.patterns.map((p) => {
      try {
        return { regex: new RegExp(p, 'gi'), kind: 'custom' as const };
      } catch {
        throw new Error(`option "patterns": "${p}" is not a valid regular expression`);
      }
    });
    const patterns = [...BUILT_IN, ...custom];
    const pseudonyms = new Set(settings.pseudonyms.flatMap((p) => [p.label, ...(p.aliases ?? [])]).map((s) => s.toLowerCase()));
    const ownArea = [settings.area.localAuthority, settings.area.csp].filter(Boolean).join(' / ');
    const otherArea =
      options.otherAreas.length > 0
        ? new RegExp(`\\b(?:${options.otherAreas.map(escapeRegExp).join('|')})\\b`, 'g')
        : undefined;

    function inActionPlan(block: Block): boolean {
      return block.section.part.kind === 'action-plan' || doc.isWithin(block.section, 'action-plan');
    }

    interface Match {
      messageId: 'residue' | 'fieldError' | 'unfinished' | 'otherArea' | 'brokenCspName';
      start: number;
      end: number;
      text: string;
      weaker?: boolean;
    }

    function findIn(text: string, block: Block): Match[] {
      const found: Match[] = [];
      for (const { regex, kind } of patterns) {
        regex.lastIndex = 0;
        for (let m = regex.exec(text); m; m = regex.exec(text)) {
          if (pseudonyms.has(m[0].toLowerCase())) continue; // a declared pseudonym is not a placeholder
          // "TBC" in the action plan is left to the action-plan rules.
          if (kind === 'tbc' && inActionPlan(block)) continue;
          const messageId = kind === 'field' ? 'fieldError' : kind === 'tbc' ? 'unfinished' : 'residue';
          found.push({ messageId, start: m.index, end: m.index + m[0].length, text: m[0] });
        }
      }
      BROKEN_CSP.lastIndex = 0;
      for (let m = BROKEN_CSP.exec(text); m; m = BROKEN_CSP.exec(text)) {
        found.push({ messageId: 'brokenCspName', start: m.index, end: m.index + m[0].length, text: m[0], weaker: true });
      }
      if (otherArea && ownArea) {
        otherArea.lastIndex = 0;
        for (let m = otherArea.exec(text); m; m = otherArea.exec(text)) {
          found.push({ messageId: 'otherArea', start: m.index, end: m.index + m[0].length, text: m[0], weaker: true });
        }
      }
      return found;
    }

    const SUGGESTION: Record<Match['messageId'], string> = {
      residue: 'Delete the template text or replace it with the real content.',
      fieldError: 'Update fields in Word, or delete the broken cross-reference.',
      unfinished: 'Complete the text, or move open points to the action plan.',
      otherArea: 'Check the name against this review; replace it if it came from another report.',
      brokenCspName: 'Write the partnership name in full.',
    };

    function skipped(block: Block): boolean {
      return options.ignoreSections.some((id) => doc.isWithin(block.section, id));
    }

    function checkText(block: Block): void {
      if (skipped(block)) return;
      for (const m of findIn(block.text, block)) {
        context.report({
          block,
          span: { start: m.start, end: m.end },
          messageId: m.messageId,
          data: { text: m.text, area: ownArea },
          level: m.weaker ? 'warn' : undefined,
          suggestions: [{ desc: SUGGESTION[m.messageId] }],
        });
      }
    }

    return {
      heading: checkText,
      paragraph: checkText,
      table(block) {
        // Cells are checked like text, and reported on their row (a placeholder in a table is still residue).
        const table = block.table!;
        if (skipped(block)) return;
        table.rows.forEach((row, index) => {
          for (const m of findIn(row.cells.join(' | '), block)) {
            context.report({
              row: { table, index },
              messageId: m.messageId,
              data: { text: m.text, area: ownArea },
              level: m.weaker ? 'warn' : undefined,
              suggestions: [{ desc: SUGGESTION[m.messageId] }],
            });
          }
        });
      },
    };
  },
});
