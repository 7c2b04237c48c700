import { defineRule, type Mode } from '../../src/api/rule.js';
import type { Block, Level } from '../../src/model/types.js';
import type { ReportDocument } from '../../src/model/document.js';
import { Prefilter } from '../_shared/prefilter.js';
import data from './markings.json' with { type: 'json' };

type Kind = 'handling' | 'classification' | 'confidential' | 'official' | 'draft';
type Evidence = 'header' | 'footer' | 'running' | 'title' | 'line';

interface CustomMarking {
  /** Regular expression (case-insensitive), matched in marking lines, the title page and running headers. */
  pattern: string;
  /** Level of a finding (never above the rule's level). */
  level?: Level;
}

interface Options {
  /** Override the shared `mode` setting for this rule only. */
  mode?: Mode;
  /** Extra markings to report, each with its level. */
  markings: CustomMarking[];
  /** Report only markings that run on every page (header/footer parts, lines repeated on 3+ pages). */
  runningTextOnly: boolean;
  /** Sections (template ids) whose text is not searched for markings. */
  ignoreSections: string[];
}

interface Marking {
  regex: RegExp;
  kind: Kind | 'custom';
  casing: 'upper' | 'start' | 'any';
  fused: boolean;
  level?: Level;
}

const BUILT_IN: Marking[] = data.markings.map((m) => {
  const casing = m.case as Marking['casing'];
  const source = casing === 'start' ? `^(?:[\\s\\W]*(?:(?:security |protective )?(?:classification|marking)\\s*:\\s*)?)(${m.pattern})` : `(${m.pattern})`;
  return { regex: new RegExp(source, casing === 'upper' ? 'g' : 'gi'), kind: m.kind as Kind, casing, fused: Boolean((m as { fused?: boolean }).fused) };
});
/** Which built-in markings can occur in a block's text: most long paragraphs hold none. */
const BUILT_IN_FILTER = new Prefilter(BUILT_IN.map((m) => m.regex));
const LEVELS = data.levels as unknown as Record<Kind | 'word', Record<Mode, Level | 'off'>>;

/** At most this many words makes a block a marking line (a title line, a running header kept in the text). */
const MARKING_LINE_WORDS = 15;
/** A line repeated this often is a running header or footer. */
const RUNNING = 3;
const DOCUMENT_CONTROL = /\b(?:version|status|document control|revision|classification|protective marking)\b/i;

function key(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

function lower(level: Level): Level {
  return level === 'error' ? 'warn' : 'info';
}

/** Blocks of the title page: before the first section (and under a wrapping document title). */
function titleBlocks(doc: ReportDocument): Set<number> {
  return doc.memo('publication-markings:title', () => {
    const out = new Set<number>();
    const firstSection = doc.titleSection ? doc.titleSection.children[0] : doc.root.children[0];
    const end = Math.min(firstSection?.start ?? doc.blocks.length, 40);
    for (let i = 0; i < end; i++) out.add(i);
    // A first top-level heading that is the report's title (no template id) belongs to the title page.
    const first = doc.root.children[0];
    if (first && first !== doc.titleSection && first.templateIds.length === 0 && first.start < 3) {
      for (let i = first.start; i < Math.min(first.end, first.start + 12); i++) {
        const b = doc.blocks[i]!;
        if (b.kind === 'heading' && i > first.start) break;
        out.add(i);
      }
    }
    return out;
  });
}

export default defineRule<Options>({
  meta: {
    id: 'publication-markings',
    group: 'anonymisation',
    description: 'Protective markings, "not to be published" notices, draft and version labels, Word comments and tracked changes left in a publication copy',
    defaultLevel: 'warn',
    presets: { recommended: 'warn', strict: 'error', publication: 'error' },
    sources: [
      {
        title: 'Central Bedfordshire "Andrew" executive summary (2019): "OFFICIAL GPMS", "not to be published or circulated until permission granted" and "FINAL VERSION POST QA" on every page of the published copy',
        url: 'https://docslib.org/doc/2352837/central-bedfordshire-community-safety-partnership-domestic-homicide-review-executive-summary-report-into-the-death-of-andrew-march-2018',
      },
      { title: 'Southampton "TL" (2016): "RESTRICTED Final Version & Exec Summary" on the published report', url: 'https://pdfslide.us/documents/domestic-homicide-review.html' },
      { title: '"Mrs Z" overview report and summary (2015): "Restricted Until Publication", "Confidential", "FINAL Version"', url: 'https://paperzz.com/doc/7620279/domestic-homicide-review-overview-report-and-summary' },
      {
        title: 'Safer Plymouth: "OFFICIAL:SENSITIVE", "Restricted / Official Sensitive Please do not circulate", "Final Draft January 2018"',
        url: 'https://fdocuments.us/document/safer-plymouth-smart-specific-measurable-achievable-realistic-and-timely-.html',
      },
    ],
    messages: {
      protectiveMarking: 'The protective marking "{{marking}}" {{where}}: remove it from the publication copy.',
      handlingInstruction: 'The notice "{{marking}}" {{where}}: a published report must not tell readers that it may not be published or circulated; remove it.',
      draftLabel: 'The draft or version label "{{marking}}" {{where}}: remove it from the publication copy (give the publication date instead, if needed).',
      customMarking: 'The marking "{{marking}}" {{where}}: remove it from the publication copy.',
      wordComments: 'The Word file still holds {{count}} comment(s): delete them before publication (Word: Review › Delete › Delete All Comments in Document, or File › Info › Inspect Document).',
      trackedChanges: '{{count}} paragraph(s) still hold tracked changes, the first here: accept or reject all changes before publication, since deleted text stays in the file.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: { enum: ['draft', 'submission', 'publication'] },
        markings: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['pattern'],
            properties: { pattern: { type: 'string', minLength: 1 }, level: { enum: ['error', 'warn', 'info'] } },
          },
        },
        runningTextOnly: { type: 'boolean' },
        ignoreSections: { type: 'array', items: { type: 'string' } },
      },
    },
    defaultOptions: { markings: [], runningTextOnly: false, ignoreSections: ['glossary', 'confidentiality', 'references', 'contents'] },
  },

  create(context) {
    const { document: doc, options } = context;
    const mode: Mode = options.mode ?? context.mode;
    const custom: Marking[] = options.markings.map((m) => {
      try {
        return { regex: new RegExp(`(${m.pattern})`, 'gi'), kind: 'custom' as const, casing: 'any' as const, fused: false, level: m.level ?? 'warn' };
      } catch {
        throw new Error(`option "markings": "${m.pattern}" is not a valid regular expression`);
      }
    });
    const markings = [...BUILT_IN, ...custom];
    const title = titleBlocks(doc);

    function levelOf(kind: Marking['kind'], marking: Marking): Level | 'off' {
      if (kind === 'custom') return marking.level ?? 'warn';
      return LEVELS[kind][mode];
    }

    interface Hit {
      marking: Marking;
      text: string;
      start: number;
      end: number;
    }

    /**
     * Markings in one line of text (a whole short block, a cell, a running header). `possible`: the
     * built-in markings that BUILT_IN_FILTER says can occur in the line (the others are not run).
     */
    function find(line: string, fusedOnly = false, possible?: Uint8Array): Hit[] {
      const hits: Hit[] = [];
      for (let i = 0; i < markings.length; i++) {
        const marking = markings[i]!;
        if (fusedOnly && !marking.fused) continue;
        if (possible && i < possible.length && !possible[i]) continue;
        const regex = marking.regex;
        regex.lastIndex = 0;
        for (let m = regex.exec(line); m; m = regex.exec(line)) {
          if (m[0].length === 0) regex.lastIndex++;
          const text = m[1]!;
          const start = m.index + m[0].length - text.length;
          // Inside a long paragraph only capitals count: a running header fused into the text.
          if (fusedOnly && text !== text.toUpperCase()) continue;
          hits.push({ marking, text: text.trim(), start, end: start + text.length });
        }
      }
      // Overlapping matches: the longest wins ("Restricted Until Publication" over "Restricted").
      hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: Hit[] = [];
      for (const h of hits) if (!kept.some((k) => h.start < k.end && h.end > k.start)) kept.push(h);
      // One finding per kind of marking in a line ("not to be published or circulated until permission granted").
      kept.sort((a, b) => a.start - b.start);
      return kept.filter((h, i) => !kept.slice(0, i).some((o) => o.marking.kind === h.marking.kind));
    }

    const WHERE: Record<Evidence, string> = {
      header: 'is in the page header',
      footer: 'is in the page footer',
      running: 'is repeated {{count}} times, like a running header or footer',
      title: 'is on the title page',
      line: 'is in the text',
    };

    const reported = new Set<string>();
    function report(hit: Hit, evidence: Evidence, at: { block?: Block; count?: number }): void {
      if (options.runningTextOnly && (evidence === 'title' || evidence === 'line')) return;
      const base = levelOf(hit.marking.kind, hit.marking);
      if (base === 'off') return;
      // A single line in the body is weaker evidence than a running header or the title page.
      const level = evidence === 'line' ? lower(base) : base;
      const dedupe = `${evidence}:${key(hit.text)}:${evidence === 'line' ? at.block?.index : ''}`;
      if (reported.has(dedupe)) return;
      reported.add(dedupe);
      const kind = hit.marking.kind;
      const messageId =
        kind === 'custom' ? 'customMarking' : kind === 'handling' ? 'handlingInstruction' : kind === 'draft' ? 'draftLabel' : 'protectiveMarking';
      context.report({
        messageId,
        data: { marking: hit.text, where: WHERE[evidence].replace('{{count}}', String(at.count ?? RUNNING)) },
        block: at.block,
        span: at.block && at.block.kind !== 'table' ? { start: hit.start, end: hit.end } : undefined,
        level,
      });
    }

    function ignored(block: Block): boolean {
      return options.ignoreSections.some((id) => doc.isWithin(block.section, id));
    }

    /** The lines of a block that may carry a marking: short blocks, and cells of a document-control table. */
    function markingLines(block: Block): string[] {
      if (block.kind === 'table') {
        const table = block.table!;
        const control = title.has(block.index) || table.header.some((h) => DOCUMENT_CONTROL.test(h));
        return control ? [...table.header, ...table.rows.flatMap((r) => r.cells)].filter(Boolean) : [];
      }
      if (block.kind === 'code') return [];
      return doc.wordCount(block) <= MARKING_LINE_WORDS ? [block.text] : [];
    }

    return {
      'document:exit'() {
        // 1. Running headers and footers (Word header/footer parts, repeated PDF lines).
        for (const [evidence, lines] of [['header', doc.furniture?.headers ?? []], ['footer', doc.furniture?.footers ?? []]] as const) {
          for (const line of lines) for (const hit of find(line)) report(hit, evidence, {});
        }

        // 2. Body: marking lines, repeated lines, and capitals fused into long paragraphs.
        const repeated = new Map<string, { first: Block; hits: Hit[]; count: number }>();
        const fused = new Map<string, { first: Block; hit: Hit; count: number }>();
        const single: { block: Block; hit: Hit; titlePage: boolean }[] = [];
        for (const block of doc.blocks) {
          if (ignored(block)) continue;
          const lines = markingLines(block);
          for (const line of lines) {
            // A whole block's text (not a table cell) has its flags in the shared filter's scan.
            const hits = find(line, false, line === block.text && block.kind !== 'table' ? BUILT_IN_FILTER.possible(line) : undefined);
            if (hits.length === 0) continue;
            const k = key(line);
            const entry = repeated.get(k) ?? { first: block, hits, count: 0 };
            entry.count++;
            repeated.set(k, entry);
            for (const hit of hits) single.push({ block, hit, titlePage: title.has(block.index) });
          }
          if (lines.length === 0 && block.kind !== 'table' && block.kind !== 'code') {
            for (const hit of find(block.text, true, BUILT_IN_FILTER.possible(block.text))) {
              const k = key(hit.text);
              const entry = fused.get(k) ?? { first: block, hit, count: 0 };
              entry.count++;
              fused.set(k, entry);
            }
          }
        }
        const running = new Set<string>();
        for (const { first, hits, count } of repeated.values()) {
          if (count < RUNNING) continue;
          for (const hit of hits) {
            running.add(key(hit.text));
            report(hit, 'running', { block: first, count });
          }
        }
        for (const [k, { first, hit, count }] of fused) {
          const total = count + single.filter((s) => key(s.hit.text) === k).length;
          if (total >= RUNNING && !running.has(k)) {
            running.add(k);
            report(hit, 'running', { block: first, count: total });
          }
        }
        for (const { block, hit, titlePage } of single) {
          if (running.has(key(hit.text))) continue;
          report(hit, titlePage ? 'title' : 'line', { block });
        }

        // 3. Word comments and tracked changes.
        const word = LEVELS.word[mode];
        if (word === 'off') return;
        const comments = doc.comments.filter((c) => !/^\s*dhr-lint-(?:disable|enable)/i.test(c.text));
        if (comments.length) context.report({ messageId: 'wordComments', data: { count: comments.length }, level: word });
        const tracked = doc.blocks.filter((b) => b.data.trackedChanges);
        if (tracked.length) context.report({ messageId: 'trackedChanges', data: { count: tracked.length }, block: tracked[0], level: word });
      },
    };
  },
});

