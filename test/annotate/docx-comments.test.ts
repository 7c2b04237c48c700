import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import { annotateDocx, ANNOTATION_AUTHOR, commentLines, type AnnotateResult } from '../../src/annotate/docx-comments.js';
import { lintBytes } from '../../src/core.js';
import { presetLayer, resolveConfig } from '../../src/config/resolve.js';
import { builtinRules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { readDocx } from '../../src/readers/docx/index.js';
import { ReadError } from '../../src/readers/errors.js';
import { parseXml, plainText, attr, type XNode } from '../../src/readers/docx/xml.js';
import { cli } from '../cli/helpers.js';
import { DELETED, exampleDocx, INSERTED, REVIEWER_COMMENT } from './example-docx.js';

const config = resolveConfig([presetLayer('dhr-lint:recommended', builtinRules)], builtinRules, { relativePath: () => 'overview.docx' });

async function lint(bytes: Uint8Array): Promise<Finding[]> {
  const { result } = await lintBytes(bytes, { filePath: 'overview.docx', format: 'docx', config });
  expect(result.fatal).toBeUndefined();
  return result.findings;
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const sha = (bytes: Uint8Array | Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Every `w:p` in document order with its text and the comment ids whose range starts in it; rows → first paragraph. */
function walk(documentXml: string): { paragraphs: { text: string; starts: string[]; refs: string[] }[]; rowFirst: number[] } {
  const root = parseXml(documentXml, 'word/document.xml')!;
  const paragraphs: { text: string; starts: string[]; refs: string[] }[] = [];
  const rowFirst: number[] = [];
  const stack: number[] = [];
  const openRows: number[] = [];
  const visit = (node: XNode): void => {
    if (node.tagName === 'w:p') {
      const index = paragraphs.length;
      paragraphs.push({ text: plainText(node).join(''), starts: [], refs: [] });
      for (const r of openRows) if (rowFirst[r] === -1) rowFirst[r] = index;
      stack.push(index);
    } else if (node.tagName === 'w:tr') {
      rowFirst.push(-1);
      openRows.push(rowFirst.length - 1);
    } else if (node.tagName === 'w:commentRangeStart') {
      paragraphs[stack[stack.length - 1]!]!.starts.push(attr(node, 'w:id')!);
    } else if (node.tagName === 'w:commentReference') {
      paragraphs[stack[stack.length - 1]!]!.refs.push(attr(node, 'w:id')!);
    }
    for (const c of node.children) if (typeof c === 'object') visit(c);
    if (node.tagName === 'w:p') stack.pop();
    if (node.tagName === 'w:tr') openRows.pop();
  };
  visit(root);
  return { paragraphs, rowFirst };
}

/** Comments of comments.xml: id, author, initials, text (paragraphs joined by newlines). */
function comments(xml: string): { id: string; author?: string; initials?: string; text: string }[] {
  const root = parseXml(xml, 'word/comments.xml')!;
  return root.children
    .filter((c): c is XNode => typeof c === 'object' && c.tagName === 'w:comment')
    .map((c) => ({
      id: attr(c, 'w:id')!,
      author: attr(c, 'w:author'),
      initials: attr(c, 'w:initials'),
      text: c.children
        .filter((p): p is XNode => typeof p === 'object' && p.tagName === 'w:p')
        .map((p) => plainText(p).join(''))
        .join('\n'),
    }));
}

/** The annotated document.xml with dhr-lint's markup taken out again. */
function stripOurs(xml: string, ids: string[]): string {
  let out = xml;
  for (const id of ids) {
    out = out
      .replace(`<w:commentRangeStart w:id="${id}"/>`, '')
      .replace(`<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`, '');
  }
  return out;
}

describe('annotateDocx: the example report as Word, with a reviewer comment and tracked changes', () => {
  let input: Uint8Array;
  let findings: Finding[];
  let annotated: AnnotateResult;
  let before: Record<string, Uint8Array>;
  let after: Record<string, Uint8Array>;
  let ours: ReturnType<typeof comments>;

  beforeAll(async () => {
    input = await exampleDocx({ commentOn: 'Maria', trackedIn: '5.2 The Chair met' });
    findings = await lint(input);
    annotated = annotateDocx(input, findings);
    before = unzipSync(input);
    after = unzipSync(annotated.bytes);
    ours = comments(text(after['word/comments.xml']!)).filter((c) => c.author === ANNOTATION_AUTHOR);
  });

  it('lints to findings of every kind: paragraphs, table rows, sections, the whole document', () => {
    expect(findings.length).toBeGreaterThan(10);
    expect(findings.some((f) => f.location.docxRow !== undefined)).toBe(true);
    expect(findings.some((f) => f.location.docxParagraph === undefined)).toBe(true);
  });

  it('adds one comment per finding: author dhr-lint, initials DL, "[rule-id] message", suggestions, docs link', () => {
    expect(annotated.comments).toBe(findings.length);
    expect(ours).toHaveLength(findings.length);
    expect(ours.every((c) => c.initials === 'DL')).toBe(true);
    const texts = ours.map((c) => c.text);
    for (const f of findings) expect(texts).toContain(commentLines(f).join('\n'));
    const residue = ours.find((c) => c.text.startsWith('[template-residue]') && c.text.includes('[Insert date]'))!;
    expect(residue.text).toMatch(/^\[template-residue\] Template text "\[Insert date\]"/);
    expect(residue.text).toContain('Why and how to fix it: https://');
    expect(residue.text).toContain('docs/rules/template-residue.md');
  });

  it('anchors each comment on its paragraph, on the first paragraph of its table row, or on the title', () => {
    const original = walk(text(before['word/document.xml']!));
    const { paragraphs } = walk(text(after['word/document.xml']!));
    expect(paragraphs.map((p) => p.text)).toEqual(original.paragraphs.map((p) => p.text));
    const where = new Map<string, number>();
    paragraphs.forEach((p, i) => {
      for (const id of p.starts) where.set(id, i);
      // range and reference in the same paragraph
      expect([...p.refs].sort()).toEqual([...p.starts].sort());
    });
    const byText = new Map(ours.map((c) => [c.text, c.id]));
    let onTitle = 0;
    for (const f of findings) {
      const at = where.get(byText.get(commentLines(f).join('\n'))!)!;
      const { docxRow, docxParagraph } = f.location;
      if (docxRow !== undefined) expect(at).toBe(original.rowFirst[docxRow]);
      else if (docxParagraph !== undefined) expect(at).toBe(docxParagraph);
      else {
        onTitle++;
        expect(paragraphs[at]!.text).toBe('Domestic Homicide Review: Overview Report');
      }
    }
    expect(annotated.onHeadingOrTitle).toBe(onTitle);
    // What the comments say matches what they sit on.
    const on = (rule: string, excerpt: string): string => {
      const f = findings.find((x) => x.ruleId === rule && (x.excerpt ?? '').includes(excerpt))!;
      return paragraphs[where.get(byText.get(commentLines(f).join('\n'))!)!]!.text;
    };
    expect(on('template-residue', '[Insert date]')).toContain('[Insert date]');
    expect(on('victim-blaming-language', 'volatile relationship')).toContain('volatile relationship');
    // an action-plan row: its first cell, in the row that holds "Raise awareness"
    const rowFinding = findings.find((f) => f.ruleId === 'action-plan-smart')!;
    const rowStart = original.rowFirst[rowFinding.location.docxRow!]!;
    expect(on('action-plan-smart', 'Raise awareness')).toBe('3');
    expect(paragraphs.slice(rowStart, rowStart + 3).map((p) => p.text)).toEqual(['3', 'Local', 'Raise awareness']);
  });

  it('uses comment ids that are unique and new', () => {
    const all = comments(text(after['word/comments.xml']!)).map((c) => c.id);
    expect(new Set(all).size).toBe(all.length);
    const used = new Set([...text(before['word/document.xml']!).matchAll(/:id="(\d+)"/g)].map((m) => m[1]));
    for (const c of ours) expect(used.has(c.id)).toBe(false);
  });

  it('keeps every other part byte for byte, the reviewer comment and the tracked changes', () => {
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) {
      if (name === 'word/document.xml' || name === 'word/comments.xml') continue;
      expect(sha(after[name]!), name).toBe(sha(before[name]!));
    }
    // document.xml is the original plus our ranges and references, nothing else
    expect(stripOurs(text(after['word/document.xml']!), ours.map((c) => c.id))).toBe(text(before['word/document.xml']!));
    // comments.xml: the original comments first, unchanged
    const oldComments = text(before['word/comments.xml']!);
    expect(text(after['word/comments.xml']!).startsWith(oldComments.slice(0, oldComments.lastIndexOf('</w:comments>')))).toBe(true);
    const reviewer = comments(text(after['word/comments.xml']!)).filter((c) => c.author === 'Chair');
    expect(reviewer.map((c) => c.text)).toEqual([REVIEWER_COMMENT]);
    const doc = text(after['word/document.xml']!);
    expect(doc).toMatch(/<w:ins [^>]*w:author="Chair"/);
    expect(doc).toMatch(/<w:del [^>]*w:author="Chair"/);
    expect(doc).toContain(INSERTED);
    expect(doc).toContain(DELETED);
  });

  it('is re-read by the reader (own comments ignored) and by mammoth, and linting it gives the same findings', async () => {
    const reread = await readDocx(annotated.bytes);
    expect(reread.comments).toEqual([{ author: 'Chair', text: REVIEWER_COMMENT }]);
    expect(await lint(annotated.bytes)).toEqual(findings);
    const html = await mammoth.convertToHtml({ buffer: Buffer.from(annotated.bytes) }, { styleMap: ['comment-reference => sup'] });
    expect(html.value).toContain('Raise awareness');
    expect(html.value).toContain('[template-residue]');
  });

  it('gives the same bytes for the same input and findings, and a plain copy when there is nothing to say', () => {
    expect(sha(annotateDocx(input, findings).bytes)).toBe(sha(annotated.bytes));
    const copy = annotateDocx(input, []);
    expect(copy.comments).toBe(0);
    expect(sha(copy.bytes)).toBe(sha(input));
    expect(copy.bytes).not.toBe(input);
  });

  it('puts a document-level finding that names a section on that section heading', () => {
    const f: Finding = { ...findings[0]!, ruleId: 'probe', message: 'About the whole section.', location: {}, section: ['6 Involvement of Family and Friends', '6.4 The perpetrator'] };
    const ours = (bytes: Uint8Array): string => walk(text(unzipSync(bytes)['word/document.xml']!)).paragraphs.find((p) => p.starts.some((id) => id !== '0'))!.text;
    expect(ours(annotateDocx(input, [f]).bytes)).toBe('6.4 The perpetrator');
    // Word's automatic numbers are not in the text: a heading matches without its number too
    expect(ours(annotateDocx(input, [{ ...f, section: ['Terms of Reference', 'Key lines of enquiry'] }]).bytes)).toBe('4.2 Key lines of enquiry');
    // a heading not found: the innermost one found, else the title
    expect(ours(annotateDocx(input, [{ ...f, section: ['5 Methodology', '5.9 Nowhere'] }]).bytes)).toBe('5. Methodology');
    expect(ours(annotateDocx(input, [{ ...f, section: ['Nowhere'] }]).bytes)).toBe('Domestic Homicide Review: Overview Report');
  });
});

describe('annotateDocx: a document with no comments yet, and awkward XML', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const documentXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
    '<w:p><w:pPr><w:pStyle w:val="Title"/><w:pPrChange w:id="7" w:author="A"><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Report &amp; title</w:t></w:r></w:p>' + // 0
    '<w:p/>' + // 1
    '<w:p w:rsidR="00AB"><w:r><w:t>Has a text box</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>' + // 2 (3, 4 inside)
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>' + // 5, 6
    '<w:tr><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' + // 7
    '<w:p><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>Last</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>' + // 8
    '<w:sectPr/></w:body></w:document>';
  const pkg = (): Uint8Array =>
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8(documentXml),
    });
  const f = (location: Finding['location'], section: string[] = []): Finding => ({
    ruleId: 'probe',
    messageId: 'm',
    level: 'warn',
    message: `At ${JSON.stringify(location)} <&> "quoted" \u0001`,
    location,
    section,
    docsUrl: 'https://example.org/docs/rules/probe.md',
    suggestions: [{ desc: 'Do this.', replacement: 'that' }],
  });

  it('creates comments.xml, its relationship and its content type; handles <w:p/>, pPrChange, text boxes, rows', async () => {
    const findings = [f({ docxParagraph: 0 }), f({ docxParagraph: 1 }), f({ docxParagraph: 4 }), f({ docxParagraph: 5, docxRow: 1 }), f({ docxParagraph: 8 }), f({}), f({ docxParagraph: 99 })];
    const out = annotateDocx(pkg(), findings, { date: new Date('2025-01-02T03:04:05.678Z') });
    const parts = unzipSync(out.bytes);
    const rels = text(parts['word/_rels/document.xml.rels']!);
    expect(rels).toMatch(/<Relationship Id="[^"]+" Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/comments" Target="comments.xml"\/>/);
    expect(text(parts['[Content_Types].xml']!)).toContain(
      '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>',
    );
    const list = comments(text(parts['word/comments.xml']!));
    expect(list).toHaveLength(7);
    expect(list[0]!.text).toBe(
      '[probe] At {"docxParagraph":0} <&> "quoted"\nSuggestion: Do this. (replace with "that")\nWhy and how to fix it: https://example.org/docs/rules/probe.md',
    );
    expect(text(parts['word/comments.xml']!)).toContain('w:date="2025-01-02T03:04:05Z"');
    // ids avoid the bookmark's 0 and the pPrChange's 7
    expect(list.map((c) => c.id)).toEqual(['1', '2', '3', '4', '5', '6', '8']);
    const xml = text(parts['word/document.xml']!);
    const { paragraphs } = walk(xml);
    const at = (id: string): number => paragraphs.findIndex((p) => p.starts.includes(id));
    expect(at('1')).toBe(0); // after the pPr (pPrChange nests a pPr)
    expect(xml).toMatch(/<\/w:pPrChange><\/w:pPr><w:commentRangeStart w:id="1"\/>/);
    expect(at('2')).toBe(1); // <w:p/> opened up
    expect(at('3')).toBe(2); // text-box paragraph → the body paragraph holding the text box
    expect(at('4')).toBe(7); // row 1 → its first paragraph "C", not paragraph 5
    expect(at('5')).toBe(8);
    expect(at('6')).toBe(0); // whole document → the title
    expect(at('8')).toBe(0); // out of range → the title
    expect(out.onHeadingOrTitle).toBe(2);
    expect(paragraphs.map((p) => p.text)).toEqual(['Report & title', '', 'Has a text boxBoxed', 'Boxed', 'Boxed', 'A', 'B', 'C', 'Last']);
    // The reader still reads it (comments ignored) with the same paragraphs.
    const before = await readDocx(pkg());
    const after = await readDocx(out.bytes);
    expect(after.comments).toEqual([]);
    expect(JSON.stringify(after.tree)).toBe(JSON.stringify(before.tree));
  });

  it('refuses what is not a Word file', () => {
    expect(() => annotateDocx(strToU8('# Markdown'), [f({})])).toThrow(ReadError);
    expect(() => annotateDocx(zipSync({ 'a.txt': strToU8('x') }), [f({})])).toThrow(/no word\/document.xml/);
  });
});

describe('dhr-lint --annotate', () => {
  let dir: string;
  let input: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dhr-annotate-'));
    input = await exampleDocx({ commentOn: 'Maria' });
    writeFileSync(join(dir, 'overview.docx'), input);
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nText.\n');
  });
  const run = (args: string[]) => cli([...args, '--no-config-lookup'], dir);

  it('writes the named copy only, leaves the input unchanged, keeps the exit code and the report', async () => {
    const plain = await run(['overview.docx', '--format', 'json']);
    const r = await run(['overview.docx', '--format', 'json', '--annotate', 'overview-checked.docx']);
    expect(r.code).toBe(plain.code);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(plain.stdout);
    const count = (JSON.parse(r.stdout) as { messages: unknown[] }[])[0]!.messages.length;
    expect(r.stderr).toBe(`dhr-lint: wrote overview-checked.docx (${count} comments)\n`);
    expect(sha(readFileSync(join(dir, 'overview.docx')))).toBe(sha(input));
    const copy = readFileSync(join(dir, 'overview-checked.docx'));
    expect(comments(text(unzipSync(copy)['word/comments.xml']!)).filter((c) => c.author === ANNOTATION_AUTHOR)).toHaveLength(count);
    expect(existsSync(join(dir, '.dhrlintcache'))).toBe(false);
    // linting the copy gives the same report
    const again = await run(['overview-checked.docx', '--format', 'json']);
    expect(JSON.parse(again.stdout)[0].messages).toEqual(JSON.parse(plain.stdout)[0].messages);
  });

  it('refuses to overwrite the input, however it is named', async () => {
    mkdirp(join(dir, 'sub'));
    symlinkSync(join(dir, 'overview.docx'), join(dir, 'link.docx'));
    linkSync(join(dir, 'overview.docx'), join(dir, 'hard.docx'));
    for (const out of ['overview.docx', './sub/../overview.docx', join(dir, 'overview.docx'), 'link.docx', 'hard.docx']) {
      const r = await run(['overview.docx', '--annotate', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/refusing to overwrite the input file/);
      expect(r.stdout).toBe('');
    }
    expect(sha(readFileSync(join(dir, 'overview.docx')))).toBe(sha(input));
  });

  it('refuses a non-Word input, several inputs, an output not named .docx, a missing folder', async () => {
    const cases: [string[], RegExp][] = [
      [['notes.md', '--annotate', 'x.docx'], /notes\.md is not a Word \.docx file/],
      [['overview.docx', 'notes.md', '--annotate', 'x.docx'], /exactly one \.docx file/],
      [['overview.docx', '--annotate', 'x.pdf'], /must be named \*\.docx/],
      [['overview.docx', '--annotate', 'nowhere/x.docx'], /folder nowhere does not exist/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });
});

function mkdirp(path: string): void {
  mkdirSync(path, { recursive: true });
}

// ---- LibreOffice -------------------------------------------------------------------------------

const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));
// In CI the office check must run (.ci/run installs LibreOffice); elsewhere it is skipped without it.
const officeCheck = SOFFICE !== undefined || Boolean(process.env.CI);

describe.runIf(officeCheck)('LibreOffice opens the annotated copy', () => {
  it('converts it to ODT without error, with the dhr-lint comments on the right paragraphs and the old comment and revisions kept', async () => {
    expect(SOFFICE, 'soffice is required in CI (.ci/run installs libreoffice-writer-nogui)').toBeDefined();
    const input = await exampleDocx({ commentOn: 'Maria', trackedIn: '5.2 The Chair met' });
    const findings = await lint(input);
    const { bytes } = annotateDocx(input, findings, { date: new Date('2025-01-02T03:04:05Z') });
    const dir = mkdtempSync(join(tmpdir(), 'dhr-soffice-'));
    try {
      writeFileSync(join(dir, 'annotated.docx'), bytes);
      const r = spawnSync(
        SOFFICE!,
        [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'odt', '--outdir', join(dir, 'out'), join(dir, 'annotated.docx')],
        { encoding: 'utf8', timeout: 170_000, env: { ...process.env, HOME: dir } },
      );
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stderr).not.toMatch(/error/i);
      const odt = join(dir, 'out', 'annotated.odt');
      expect(existsSync(odt)).toBe(true);
      const content = text(unzipSync(readFileSync(odt))['content.xml']!);
      const annotations = [...content.matchAll(/<office:annotation(?=[\s>])[^>]*>([\s\S]*?)<\/office:annotation>/g)].map((m) => ({
        author: /<dc:creator>([^<]*)<\/dc:creator>/.exec(m[1]!)?.[1],
        text: [...m[1]!.matchAll(/<text:p[^>]*>([\s\S]*?)<\/text:p>/g)].map((p) => p[1]!.replace(/<[^>]+>/g, '')).join('\n'),
        at: m.index!,
      }));
      const ours = annotations.filter((a) => a.author === ANNOTATION_AUTHOR);
      expect(ours).toHaveLength(findings.length);
      expect(annotations.filter((a) => a.author === 'Chair').map((a) => a.text)).toEqual([REVIEWER_COMMENT]);
      const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      for (const f of findings) expect(ours.map((a) => unescape(a.text))).toContain(commentLines(f).join('\n'));
      // The residue comment sits in the paragraph that holds "[Insert date]".
      const residue = ours.find((a) => unescape(a.text).startsWith('[template-residue] Template text "[Insert date]"'))!;
      const paraStart = content.lastIndexOf('<text:p', residue.at);
      const paraEnd = content.indexOf('</text:p>', content.indexOf('</office:annotation>', residue.at));
      expect(content.slice(paraStart, paraEnd).replace(/<office:annotation\b[\s\S]*?<\/office:annotation>/g, '').replace(/<[^>]+>/g, '')).toContain('[Insert date]');
      // Tracked changes survive as LibreOffice change records.
      expect(content).toMatch(/<text:changed-region[\s\S]*<text:insertion>[\s\S]*<dc:creator>Chair<\/dc:creator>/);
      expect(content).toMatch(/<text:deletion>[\s\S]*<dc:creator>Chair<\/dc:creator>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
