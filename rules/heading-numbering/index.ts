import { defineRule } from '../../src/api/rule.js';
import type { Block, Section } from '../../src/model/types.js';
import { normaliseHeading, parseHeadingNumber, type HeadingNumber } from '../../src/api/text.js';

interface Options {
  /** Accept gaps such as 6.2 → 6.4 (sections removed on purpose). */
  allowGaps: boolean;
  /** Compare the contents list with the headings of the body. */
  checkContents: boolean;
  /** Accept more than one numbering style at one heading level. */
  allowMixedStyles: boolean;
}

/** A numbered heading or numbered body paragraph, in reading order. */
interface Numbered {
  block: Block;
  number: HeadingNumber;
  isHeading: boolean;
}

const STYLE_NAMES: Record<HeadingNumber['style'], string> = {
  decimal: 'decimal numbers (4.1)',
  words: 'words (Section Four)',
  roman: 'roman numerals ((ii))',
  letter: 'letters (B.)',
  appendix: 'appendix labels',
};

/** A contents line: "4.2 Terms of Reference ......... 12", "Introduction\t3", "Introduction 72.2 Chronology" (PDF). */
function parseContentsLine(line: string): { number?: string; title: string } | undefined {
  const cleaned = line
    .replace(/\s*(?:\.{2,}|…+|_{2,}|\s{2,}|\t)\s*\d{1,3}\s*$/, '') // leader + page
    .replace(/\s+\d{1,3}$/, '') // bare page number
    .trim();
  if (!cleaned || cleaned.length > 150) return undefined;
  const parsed = parseHeadingNumber(cleaned);
  if (parsed?.rest) return { number: parsed.raw, title: parsed.rest };
  return { title: cleaned };
}

export default defineRule<Options>({
  meta: {
    id: 'heading-numbering',
    group: 'structure',
    description: 'Numbered headings run in order: no duplicates, gaps or decreases, children match parents, one style per level, contents list matches the body',
    defaultLevel: 'warn',
    sources: [
      { title: '"Mrs Z" overview report (2015): contents numbered 7, 8, 7, 8, 9, 11', url: 'https://paperzz.com/doc/7620279/domestic-homicide-review-overview-report-and-summary' },
      { title: 'Bassetlaw "Sarah" QA Panel letter (2023): follow the model layout of the statutory guidance', url: 'https://www.bassetlaw.gov.uk/community-and-living/community-safety/domestic-abuse-and-violence/domestic-homicide-reviews/domestic-homicide-review-sarah/domestic-homicide-review-feedback-letter-sarah/' },
    ],
    messages: {
      duplicate: 'Number {{number}} is used twice: "{{title}}" repeats the number of "{{firstTitle}}".',
      decrease: 'Number {{number}} comes after {{previous}}: numbering goes backwards.',
      gap: 'Number {{number}} follows {{previous}}: {{missing}} is missing.',
      parentMismatch: 'Heading {{number}} sits under section {{parent}}: its number does not belong to that section.',
      mixedStyle: 'Level-{{level}} headings mix numbering styles: this one uses {{style}}, most use {{usual}}.',
      contentsMissing: 'The contents list names "{{title}}", but no heading with that title is in the body.',
      contentsNumber: 'The contents list numbers "{{title}}" as {{contents}}, but the body numbers it {{body}}.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowGaps: { type: 'boolean' },
        checkContents: { type: 'boolean' },
        allowMixedStyles: { type: 'boolean' },
      },
    },
    defaultOptions: { allowGaps: false, checkContents: true, allowMixedStyles: false },
  },

  create(context) {
    const { document: doc, options } = context;

    /** Decimal-numbered items (headings and numbered paragraphs) of one part, in order. */
    function numberedItems(): Map<number, Numbered[]> {
      const byPart = new Map<number, Numbered[]>();
      const partIndex = (b: Block): number => doc.parts.indexOf(b.section.part);
      for (const block of doc.blocks) {
        if (block.kind === 'table' || block.kind === 'code') continue;
        if (block.within.list || block.within.note || block.within.quote) continue;
        if (doc.isWithin(block.section, 'contents')) continue;
        const isHeading = block.kind === 'heading';
        const number = isHeading && block.section.number ? parseHeadingNumber(`${block.section.number} x`) : parseHeadingNumber(block.text);
        if (!number || number.style !== 'decimal') continue;
        // Body text counts as numbered only with a dotted number ("3." or "3.1"), not "3 officers attended".
        if (!isHeading && number.parts.length < 2 && block.text.trimStart()[number.raw.length] !== '.') continue;
        // Word auto-numbering recovered by the reader counts like typed numbers.
        const list = byPart.get(partIndex(block)) ?? [];
        list.push({ block, number, isHeading });
        byPart.set(partIndex(block), list);
      }
      return byPart;
    }

    function checkSequence(items: Numbered[]): void {
      const seen = new Map<string, Numbered>();
      const lastByPrefix = new Map<string, Numbered>();
      // Paragraph numbering shared with headings: a prefix whose sequence includes paragraphs is
      // only checked for duplicates and decreases (RULES.md, heading-numbering).
      const prefixesWithParagraphs = new Set(items.filter((i) => !i.isHeading).map((i) => i.number.parts.slice(0, -1).join('.')));
      for (const item of items) {
        const parts = item.number.parts;
        const key = parts.join('.');
        const prefix = parts.slice(0, -1).join('.');
        const last = parts[parts.length - 1]!;
        const first = seen.get(key);
        const title = item.isHeading ? item.block.section.title : item.block.text.slice(0, 60);
        if (first) {
          context.report({
            block: item.block,
            span: item.isHeading ? undefined : { start: 0, end: item.number.raw.length },
            messageId: 'duplicate',
            data: { number: key, title, firstTitle: first.isHeading ? first.block.section.title : first.block.text.slice(0, 60) },
            related: [{ message: 'first use of this number', location: { ...first.block.location, section: doc.sectionPath(first.block.section).map((s) => doc.sectionLabel(s)) } }],
          });
        } else {
          seen.set(key, item);
        }
        const previous = lastByPrefix.get(prefix);
        if (previous && !first) {
          const prevLast = previous.number.parts[previous.number.parts.length - 1]!;
          if (last < prevLast) {
            context.report({ block: item.block, messageId: 'decrease', data: { number: key, previous: previous.number.parts.join('.') } });
          } else if (last > prevLast + 1 && item.isHeading && !options.allowGaps && !prefixesWithParagraphs.has(prefix)) {
            const missing = prefix ? `${prefix}.${prevLast + 1}` : String(prevLast + 1);
            context.report({ block: item.block, messageId: 'gap', data: { number: key, previous: previous.number.parts.join('.'), missing } });
          }
        } else if (!previous && item.isHeading && parts.length > 1 && last > 1 && !options.allowGaps && !prefixesWithParagraphs.has(prefix)) {
          // The first child of a section starts past 1 ("4.2" with no "4.1").
          context.report({ block: item.block, messageId: 'gap', data: { number: key, previous: prefix, missing: `${prefix}.1` } });
        }
        if (!first && (!previous || last >= (previous.number.parts[previous.number.parts.length - 1] ?? 0))) lastByPrefix.set(prefix, item);
        if (item.isHeading) checkParent(item);
      }
    }

    function checkParent(item: Numbered): void {
      const parts = item.number.parts;
      if (parts.length < 2) return;
      const parent = item.block.section.parent;
      if (!parent?.number) return;
      const parentNumber = parseHeadingNumber(`${parent.number} x`);
      if (!parentNumber || parentNumber.style === 'appendix' || parentNumber.parts.length === 0) return;
      const expected = parts.slice(0, -1);
      const same = expected.length === parentNumber.parts.length && expected.every((p, i) => p === parentNumber.parts[i]);
      if (!same) {
        context.report({ block: item.block, messageId: 'parentMismatch', data: { number: parts.join('.'), parent: parent.number.replace(/\.$/, '') } });
      }
    }

    function checkStyles(): void {
      const byLevel = new Map<number, { section: Section; style: HeadingNumber['style'] }[]>();
      for (const section of doc.sections) {
        if (!section.number || !section.heading) continue;
        const parsed = parseHeadingNumber(`${section.number} x`);
        if (!parsed || parsed.style === 'appendix') continue;
        // Decimal depth says the level better than the heading style does (4.1 is level 2).
        const list = byLevel.get(section.level) ?? [];
        list.push({ section, style: parsed.style });
        byLevel.set(section.level, list);
      }
      for (const [level, entries] of byLevel) {
        const counts = new Map<string, number>();
        for (const e of entries) counts.set(e.style, (counts.get(e.style) ?? 0) + 1);
        if (counts.size < 2) continue;
        const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0] as HeadingNumber['style'];
        for (const e of entries) {
          if (e.style === usual) continue;
          // Roman-numbered prefatory sections ("(i) Preface") before the main sequence are a known style.
          if (e.style === 'roman' && e.section.part.kind !== 'overview') continue;
          context.report({
            block: e.section.heading!,
            messageId: 'mixedStyle',
            data: { level, style: STYLE_NAMES[e.style], usual: STYLE_NAMES[usual] },
          });
        }
      }
    }

    function checkContents(): void {
      const contents = doc.sectionsById('contents')[0];
      if (!contents) return;
      const bodyHeadings = doc.sections.filter((s) => s.level > 0 && s !== contents && !doc.isWithin(s, 'contents'));
      const byTitle = new Map<string, Section>();
      for (const s of bodyHeadings) if (!byTitle.has(normaliseHeading(s.title))) byTitle.set(normaliseHeading(s.title), s);
      const blocks = doc.blocksOf(contents).filter((b) => b.kind !== 'heading');
      for (const block of blocks) {
        const lines = block.kind === 'table' ? block.table!.rows.map((r) => r.cells.filter(Boolean).join(' ')) : block.text.split('\n');
        for (const line of lines) {
          const entry = parseContentsLine(line);
          if (!entry) continue;
          const key = normaliseHeading(entry.title);
          if (key.length < 3 || /^(page|contents|section)$/.test(key)) continue;
          const match = byTitle.get(key);
          if (!match) {
            // Word field errors in a contents list are template-residue's, not a missing heading.
            if (/error bookmark|reference source/.test(key)) continue;
            context.report({ block, messageId: 'contentsMissing', data: { title: entry.title } });
          } else if (entry.number && match.number) {
            const a = entry.number.replace(/\.$/, '');
            const b = match.number.replace(/\.$/, '');
            if (a.toLowerCase() !== b.toLowerCase()) {
              context.report({ block, messageId: 'contentsNumber', data: { title: entry.title, contents: a, body: b } });
            }
          }
        }
      }
    }

    return {
      'document:exit'() {
        for (const items of numberedItems().values()) checkSequence(items);
        if (!options.allowMixedStyles) checkStyles();
        if (options.checkContents) checkContents();
      },
    };
  },
});
