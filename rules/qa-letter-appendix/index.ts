import { defineRule, type Mode } from '../../src/api/rule.js';
import type { Block, Section } from '../../src/model/types.js';
import { normaliseHeading } from '../../src/api/text.js';
import data from './patterns.json' with { type: 'json' };
import { isSeparateAppendix } from '../_shared/template-sections.js';
import { Prefilter } from '../_shared/prefilter.js';

interface Options {
  /** Modes in which a missing letter is reported (a draft or submission copy has no letter yet). */
  onlyInMode: Mode | Mode[];
  /** The partnership publishes the letter as its own page (as Devon does): nothing to append. */
  letterPublishedSeparately: boolean;
  /** Extra heading patterns (regular expressions on the normalised heading) that name the letter's appendix. */
  headingPatterns: string[];
}

const HEADINGS = data.headings.map((h) => new RegExp(h.pattern, 'i'));
const CUES = data.letter.cues.map((c) => ({ kind: c.kind, regex: new RegExp(c.pattern, 'im') }));
const REFERENCES = data.references.map((r) => new RegExp(r.pattern, 'i'));
// Most blocks contain none of the cues' words: the expressions run only where they may match.
const CUE_FILTER = new Prefilter(CUES.map((c) => c.regex));
const REFERENCE_FILTER = new Prefilter(REFERENCES);
/** Blocks the letter may span (address, date, salutation, a dozen paragraphs, signature). */
const WINDOW = 40;

export default defineRule<Options>({
  meta: {
    id: 'qa-letter-appendix',
    group: 'structure',
    description: 'A publication copy of the overview report includes the Home Office QA Panel letter as an appendix',
    defaultLevel: 'info',
    presets: { recommended: 'info' },
    sources: [
      { title: 'Home Office QA Panel letter to Birmingham (15 February 2016): "I would be grateful if you could include our letter as an appendix to the report" (shared/reference/qa-panel-letter-birmingham-2016.txt)' },
      { title: 'Devon case 23 "Neil": the feedback letter published as its own page', url: 'https://saferdevon.co.uk/domestic-homicide-review-case-23-feedback-letter/' },
    ],
    messages: {
      missing: 'This publication copy has no appendix with the Home Office Quality Assurance Panel letter. Add the letter as an appendix{{where}}, as the Panel asks. If your partnership publishes the letter on its own page instead, set the option letterPublishedSeparately.',
      referencedButMissing: 'This sentence says the Quality Assurance Panel letter is appended, but no letter or letter heading was found in the report. Add the letter as that appendix, or correct the reference.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        onlyInMode: {
          anyOf: [
            { enum: ['draft', 'submission', 'publication'] },
            { type: 'array', items: { enum: ['draft', 'submission', 'publication'] }, uniqueItems: true },
          ],
        },
        letterPublishedSeparately: { type: 'boolean' },
        headingPatterns: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    defaultOptions: { onlyInMode: 'publication', letterPublishedSeparately: false, headingPatterns: [] },
  },

  create(context) {
    const { document: doc, options, settings, mode } = context;
    // The letter belongs with the overview report; an executive summary or an action plan on its own is not checked.
    if (!doc.parts.some((p) => p.kind === 'overview') || isSeparateAppendix(doc, settings.documents)) return {};
    if (options.letterPublishedSeparately || settings.qaLetter === 'separate') return {};
    const extra = options.headingPatterns.map((p) => {
      try {
        return new RegExp(p, 'i');
      } catch {
        throw new Error(`option "headingPatterns": "${p}" is not a valid regular expression`);
      }
    });
    const headingPatterns = [...HEADINGS, ...extra];
    const modes = Array.isArray(options.onlyInMode) ? options.onlyInMode : [options.onlyInMode];

    const namesLetter = (text: string): boolean => {
      const t = normaliseHeading(text);
      return t.length > 0 && t.length <= 160 && headingPatterns.some((r) => r.test(t));
    };

    function letterHeading(): boolean {
      if (doc.parts.some((p) => p.kind === 'qa-letter')) return true;
      if (doc.sectionsById('qa-letter').length > 0) return true;
      if (doc.sections.some((s) => s.level > 0 && namesLetter(s.title))) return true;
      // A contents entry naming the letter (the letter itself may be a scanned image).
      const contents = doc.sectionsById('contents')[0];
      if (contents) {
        for (const b of doc.blocksOf(contents)) if (b.text.split('\n').some((line) => namesLetter(line.replace(/\s*(\.{2,}|…+|\t)\s*\d+\s*$/, '')))) return true;
      }
      return false;
    }

    /** A run of blocks that reads like the letter: several kinds of cue close together, one naming the panel. */
    function letterText(): boolean {
      const hits: { index: number; kind: string }[] = [];
      for (const b of doc.blocks) {
        if (b.kind === 'table' || b.kind === 'code') continue;
        // Lines kept (the salutation starts a line), runs of spaces folded.
        const text = b.text.replace(/[ \t]+/g, ' ');
        const possible = CUE_FILTER.possible(text);
        CUES.forEach((c, k) => {
          if (possible[k] && c.regex.test(text)) hits.push({ index: b.index, kind: c.kind });
        });
      }
      for (let i = 0; i < hits.length; i++) {
        const kinds = new Set<string>();
        for (let j = i; j < hits.length && hits[j]!.index < hits[i]!.index + WINDOW; j++) kinds.add(hits[j]!.kind);
        if (kinds.has('panel') && kinds.size >= data.letter.minKinds) return true;
      }
      return false;
    }

    /** A sentence saying the letter is appended, with its span. */
    function reference(): { block: Block; span: { start: number; end: number } } | undefined {
      for (const b of doc.blocks) {
        if (b.kind !== 'paragraph') continue;
        // Same length as the block text, so the match index is a valid span.
        const text = b.text.replace(/\s/g, ' ');
        const possible = REFERENCE_FILTER.possible(text);
        for (const [k, r] of REFERENCES.entries()) {
          if (!possible[k]) continue;
          const m = r.exec(text);
          if (m) {
            const sentence = doc.sentences(b).find((x) => x.start <= m.index && x.end > m.index);
            return { block: b, span: sentence ? { start: sentence.start, end: sentence.end } : { start: m.index, end: m.index + m[0].length } };
          }
        }
      }
      return undefined;
    }

    return {
      'document:exit'() {
        if (letterHeading() || letterText()) return;
        const ref = reference();
        if (ref) {
          context.report({ messageId: 'referencedButMissing', block: ref.block, span: ref.span });
          return;
        }
        if (!modes.includes(mode)) return;
        // Expected at the end: after the last top-level section.
        const top = doc.sections.filter((s) => s.level > 0 && (s.parent === doc.root || s.parent === doc.titleSection));
        const last: Section | undefined = top[top.length - 1];
        context.report({
          messageId: 'missing',
          section: last,
          block: last ? undefined : doc.blocks[0],
          data: { where: last ? ` after "${doc.sectionLabel(last)}"` : '' },
        });
      },
    };
  },
});
