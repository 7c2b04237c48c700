/**
 * Word review comments for findings: a COPY of a .docx with each finding attached as a comment
 * (author "dhr-lint", initials "DL") on the paragraph or table row it concerns.
 *
 * Pure and browser-safe: bytes in, bytes out (fflate for the zip, string-level insertion in the
 * XML). Only three parts change: word/document.xml (comment ranges and reference runs added to
 * the anchored paragraphs, nothing else moved), the comments part (created, or new comments
 * appended after the existing ones) and, when the comments part is new, the document's
 * relationships and [Content_Types].xml. Every other part keeps its exact bytes; existing comments
 * and tracked changes are untouched. No `w:p` is added or removed, so paragraph indexes — and the
 * findings of a second run, since the reader ignores comments authored "dhr-lint" — stay the same.
 *
 * Paragraphs are located exactly as the reader indexes them (`SourceLocation.docxParagraph`: the
 * N-th `w:p` start tag of word/document.xml, text boxes and tables included; `docxRow`: the N-th
 * `w:tr`). A paragraph inside a text box is annotated on the body paragraph holding the text box.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Finding } from '../engine/finding.js';
import { ReadError } from '../readers/errors.js';
import { openPackage, decodeXml, DEFAULT_LIMITS } from '../readers/docx/zip.js';
import { attr, parseXml, type XNode } from '../readers/docx/xml.js';

/** The author name the reader recognises and ignores (src/readers/docx/build.ts). */
export const ANNOTATION_AUTHOR = 'dhr-lint';
export const ANNOTATION_INITIALS = 'DL';

export interface AnnotateOptions {
  /** Comment date (Word shows it); omitted when not given, which keeps the output reproducible. */
  date?: Date;
}

export interface AnnotateResult {
  /** The annotated copy. */
  bytes: Uint8Array;
  /** Comments added (one per finding). */
  comments: number;
  /** Of those, how many had no paragraph of their own and went on a section heading or the title. */
  onHeadingOrTitle: number;
}

const TRANSITIONAL = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const REL_TRANSITIONAL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
/** The same namespace test the reader uses to find the main-document prefix. */
const MAIN_NS = /xmlns:([\w.-]+)\s*=\s*["'](http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main|http:\/\/purl\.oclc\.org\/ooxml\/wordprocessingml\/main)["']/;
/** Attributes of a start tag, quotes respected (as in the reader's marker injection). */
const ATTRS = `((?:\\s(?:[^>"']|"[^"]*"|'[^']*')*?)?)`;

/** Return a copy of `bytes` (a .docx) with one Word comment per finding. */
export function annotateDocx(bytes: Uint8Array, findings: readonly Finding[], options: AnnotateOptions = {}): AnnotateResult {
  // Validate with the reader's own checks first: not a zip, an old .doc, encrypted, a zip bomb.
  openPackage(bytes);
  const entries = unzipAll(bytes);
  const names = [...entries.keys()];

  const mainPath = mainDocumentPath(entries);
  const mainEntry = entries.get(mainPath);
  if (!mainEntry) throw new ReadError('not a Word .docx file (the zip has no word/document.xml)');
  const documentXml = decodeXml(mainEntry.data);
  const ns = MAIN_NS.exec(documentXml.slice(0, 20000));
  const prefix = ns?.[1] ?? (/<w:(document|body)\b/.test(documentXml.slice(0, 20000)) ? 'w' : undefined);
  if (!prefix) throw new ReadError(`not a Word .docx file (${mainPath} is not WordprocessingML)`);
  const mainNs = ns?.[2] ?? TRANSITIONAL;
  const strict = mainNs === STRICT;

  const layout = scan(documentXml, prefix);
  // Nothing to say, or nowhere to say it (a body with no paragraph): an exact copy.
  if (layout.paragraphs.length === 0 || findings.length === 0) return { bytes: bytes.slice(), comments: 0, onHeadingOrTitle: 0 };

  // Comment ids: unused by any annotation id anywhere in the Word parts (comments, bookmarks,
  // revisions share the id space in practice), smallest first.
  const used = new Set<number>();
  for (const [name, entry] of entries) {
    if (!/^word\/.*\.xml$/i.test(name)) continue;
    for (const m of decodeXml(entry.data).matchAll(/:id\s*=\s*["'](-?\d+)["']/g)) used.add(Number(m[1]));
  }
  let nextId = 0;
  const newId = (): number => {
    while (used.has(nextId)) nextId++;
    used.add(nextId);
    return nextId;
  };

  // Where each finding goes.
  const placed: { anchor: number; id: number; finding: Finding }[] = [];
  let onHeadingOrTitle = 0;
  const titleAnchor = layout.firstText ?? 0;
  for (const finding of findings) {
    let anchor = anchorOf(finding, layout);
    if (anchor === undefined) {
      anchor = headingFor(finding.section, layout, documentXml, prefix) ?? titleAnchor;
      onHeadingOrTitle++;
    }
    placed.push({ anchor, id: newId(), finding });
  }

  // 1. word/document.xml: ranges and references, inserted from the end so offsets stay valid.
  const byAnchor = new Map<number, number[]>();
  for (const p of placed) byAnchor.set(p.anchor, [...(byAnchor.get(p.anchor) ?? []), p.id]);
  const edits: { at: number; end: number; text: string }[] = [];
  for (const [anchor, ids] of byAnchor) {
    const para = layout.paragraphs[anchor]!;
    const starts = ids.map((id) => `<${prefix}:commentRangeStart ${prefix}:id="${id}"/>`).join('');
    const ends = ids
      .map((id) => `<${prefix}:commentRangeEnd ${prefix}:id="${id}"/><${prefix}:r><${prefix}:commentReference ${prefix}:id="${id}"/></${prefix}:r>`)
      .join('');
    if (para.close === undefined) {
      // <w:p/> or <w:p w:rsidR="…"/>: open it up.
      const open = documentXml.slice(para.open, para.openEnd).replace(/\s*\/>$/, '>');
      edits.push({ at: para.open, end: para.openEnd, text: `${open}${starts}${ends}</${prefix}:p>` });
    } else {
      edits.push({ at: afterParagraphProperties(documentXml, para.openEnd, para.close, prefix), end: -1, text: starts });
      edits.push({ at: para.close, end: -1, text: ends });
    }
  }
  edits.sort((a, b) => b.at - a.at);
  let annotated = documentXml;
  for (const e of edits) annotated = annotated.slice(0, e.at) + e.text + annotated.slice(e.end < 0 ? e.at : e.end);
  const changed = new Map<string, Uint8Array>([[mainPath, encodeXml(annotated, mainEntry.data)]]);

  // 2. The comments part.
  const date = options.date ? options.date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  const commentXml = (w: string, declare: boolean): string =>
    placed.map((p) => commentElement(p.id, p.finding, w, declare ? ` xmlns:${w}="${mainNs}"` : '', date)).join('');
  const relsPath = relationshipsPath(mainPath);
  const relsEntry = entries.get(relsPath);
  const relsXml = relsEntry ? decodeXml(relsEntry.data) : undefined;
  const existing = relsXml ? commentsTarget(relsXml, mainPath, entries) : undefined;
  if (existing) {
    const entry = entries.get(existing)!;
    const xml = decodeXml(entry.data);
    const root = /<(?:([\w.-]+):)?comments\b[^>]*?(\/?)>/.exec(xml);
    if (!root) throw new ReadError(`damaged Word .docx file: ${existing} has no comments element`);
    const rootPrefix = root[1];
    // The prefix bound to the main namespace on the root element (the new comments use it).
    const bound = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${escapeRegExp(mainNs)}["']`).exec(root[0])?.[1];
    const w = bound ?? 'w';
    const body = commentXml(w, bound === undefined);
    let out: string;
    if (root[2]) {
      const open = root[0].replace(/\s*\/>$/, '>');
      out = `${xml.slice(0, root.index)}${open}${body}</${rootPrefix ? `${rootPrefix}:` : ''}comments>${xml.slice(root.index + root[0].length)}`;
    } else {
      const closeTag = `</${rootPrefix ? `${rootPrefix}:` : ''}comments>`;
      const close = xml.lastIndexOf(closeTag);
      if (close < 0) throw new ReadError(`damaged Word .docx file: ${existing} is not closed`);
      out = xml.slice(0, close) + body + xml.slice(close);
    }
    changed.set(existing, encodeXml(out, entry.data));
  } else {
    const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
    let partName = `${dir}comments.xml`;
    for (let i = 1; entries.has(partName); i++) partName = `${dir}comments${i}.xml`;
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:comments xmlns:w="${mainNs}">${commentXml('w', false)}</w:comments>`;
    changed.set(partName, new TextEncoder().encode(xml));
    names.push(partName);

    // Relationship from the main document.
    const relType = `${strict ? REL_STRICT : REL_TRANSITIONAL}/comments`;
    const target = partName.slice(dir.length);
    let rels = relsXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="${PKG_RELS}"></Relationships>`;
    const relRoot = /<(?:([\w.-]+):)?Relationships\b[^>]*?(\/?)>/.exec(rels);
    if (!relRoot) throw new ReadError(`damaged Word .docx file: ${relsPath} has no Relationships element`);
    const rp = relRoot[1] ? `${relRoot[1]}:` : '';
    const ids = new Set([...rels.matchAll(/\bId\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]));
    let rId = 'rIdDhrLintComments';
    for (let i = 1; ids.has(rId); i++) rId = `rIdDhrLintComments${i}`;
    const rel = `<${rp}Relationship Id="${rId}" Type="${relType}" Target="${target}"/>`;
    rels = insertBeforeClose(rels, relRoot, `${rp}Relationships`, rel);
    changed.set(relsPath, relsEntry ? encodeXml(rels, relsEntry.data) : new TextEncoder().encode(rels));
    if (!relsEntry) names.push(relsPath);

    // Content type override.
    const ctEntry = entries.get('[Content_Types].xml');
    if (!ctEntry) throw new ReadError('damaged Word .docx file: no [Content_Types].xml');
    let ct = decodeXml(ctEntry.data);
    if (!new RegExp(`PartName\\s*=\\s*["']/${escapeRegExp(partName)}["']`, 'i').test(ct)) {
      const ctRoot = /<(?:([\w.-]+):)?Types\b[^>]*?(\/?)>/.exec(ct);
      if (!ctRoot) throw new ReadError('damaged Word .docx file: [Content_Types].xml has no Types element');
      const cp = ctRoot[1] ? `${ctRoot[1]}:` : '';
      ct = insertBeforeClose(ct, ctRoot, `${cp}Types`, `<${cp}Override PartName="/${partName}" ContentType="${COMMENTS_CT}"/>`);
      changed.set('[Content_Types].xml', encodeXml(ct, ctEntry.data));
    }
  }

  return { bytes: rezip(entries, names, changed), comments: placed.length, onHeadingOrTitle };
}

// ---- the zip --------------------------------------------------------------------------------

interface Entry {
  data: Uint8Array;
  /** Zip compression method of the original entry (0 = stored). */
  method: number;
}

function unzipAll(bytes: Uint8Array): Map<string, Entry> {
  const methods = new Map<string, number>();
  let total = 0;
  let tooBig = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(info) {
        methods.set(info.name, info.compression);
        total += info.originalSize;
        // Images and embedded files are copied too: the same caps as the reader, on everything.
        if (info.originalSize > DEFAULT_LIMITS.maxPartBytes || total > DEFAULT_LIMITS.maxTotalBytes * 2) tooBig = true;
        return !tooBig;
      },
    });
  } catch (error) {
    throw new ReadError(`damaged Word .docx file: the zip archive is truncated or corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
  if (tooBig) throw new ReadError('refused: the Word file would inflate to more than the size limits');
  return new Map(Object.entries(files).map(([name, data]) => [name, { data, method: methods.get(name) ?? 8 }]));
}

/** A new archive in the original entry order; untouched entries keep their exact content. */
function rezip(entries: Map<string, Entry>, names: string[], changed: Map<string, Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  // Fixed timestamps: the same input and findings give the same bytes.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  for (const name of names) {
    const data = changed.get(name) ?? entries.get(name)!.data;
    const stored = entries.get(name)?.method === 0;
    zippable[name] = [data, { level: stored ? 0 : 6, mtime }];
  }
  return zipSync(zippable);
}

/** Re-encode an edited part as UTF-8; a part that declared another encoding now declares UTF-8. */
function encodeXml(text: string, original: Uint8Array): Uint8Array {
  const wasUtf16 = (original[0] === 0xff && original[1] === 0xfe) || (original[0] === 0xfe && original[1] === 0xff);
  const hadBom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  let out = text;
  if (wasUtf16) out = out.replace(/^(<\?xml[^>]*encoding\s*=\s*["'])[^"']*(["'])/, '$1UTF-8$2');
  const encoded = new TextEncoder().encode(out);
  if (!hadBom) return encoded;
  const withBom = new Uint8Array(encoded.length + 3);
  withBom.set([0xef, 0xbb, 0xbf]);
  withBom.set(encoded, 3);
  return withBom;
}

// ---- package parts --------------------------------------------------------------------------

function relationshipNodes(xml: string | undefined, part: string): XNode[] {
  if (xml === undefined) return [];
  let root: XNode | undefined;
  try {
    root = parseXml(xml, part);
  } catch {
    return [];
  }
  return (root?.children ?? []).filter((c): c is XNode => typeof c === 'object' && /(^|:)Relationship$/.test(c.tagName));
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out: string[] = [];
  for (const p of (base ? `${base}/${target}` : target).split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The main part named by _rels/.rels (officeDocument), else word/document.xml (as the reader). */
function mainDocumentPath(entries: Map<string, Entry>): string {
  const rels = entries.get('_rels/.rels');
  for (const r of relationshipNodes(rels ? decodeXml(rels.data) : undefined, '_rels/.rels')) {
    if (/\/officeDocument$/.test(attr(r, 'Type') ?? '')) {
      const target = resolveTarget('', attr(r, 'Target') ?? '');
      if (entries.has(target)) return target;
    }
  }
  return 'word/document.xml';
}

function relationshipsPath(mainPath: string): string {
  const slash = mainPath.lastIndexOf('/');
  return `${slash < 0 ? '' : `${mainPath.slice(0, slash)}/`}_rels/${mainPath.slice(slash + 1)}.rels`;
}

/** The existing comments part of the main document, if its relationship points at one. */
function commentsTarget(relsXml: string, mainPath: string, entries: Map<string, Entry>): string | undefined {
  const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/')) : '';
  for (const r of relationshipNodes(relsXml, 'rels')) {
    if (attr(r, 'TargetMode') === 'External' || !(attr(r, 'Type') ?? '').endsWith('/comments')) continue;
    const target = resolveTarget(dir, attr(r, 'Target') ?? '');
    if (entries.has(target)) return target;
  }
  return undefined;
}

function insertBeforeClose(xml: string, root: RegExpExecArray, qname: string, text: string): string {
  if (root[2]) {
    const open = root[0].replace(/\s*\/>$/, '>');
    return `${xml.slice(0, root.index)}${open}${text}</${qname}>${xml.slice(root.index + root[0].length)}`;
  }
  const close = xml.lastIndexOf(`</${qname}`);
  if (close < 0) throw new ReadError(`damaged Word .docx file: <${qname}> is not closed`);
  return xml.slice(0, close) + text + xml.slice(close);
}

// ---- locating paragraphs ----------------------------------------------------------------------

interface ParagraphPosition {
  /** Offset of `<w:p`. */
  open: number;
  /** Offset just after the start tag's `>`. */
  openEnd: number;
  /** Offset of `</w:p>`; undefined for an empty `<w:p/>`. */
  close?: number;
  /** Index of the outermost paragraph holding this one (itself when not inside a text box). */
  top: number;
}

interface Layout {
  paragraphs: ParagraphPosition[];
  /** For each `w:tr` (in order), the index of its first paragraph. */
  rowFirstParagraph: (number | undefined)[];
  /** The first outermost paragraph with text: the title, usually. */
  firstText?: number;
}

/** Every `w:p` and `w:tr` of document.xml, counted as the reader counts them. */
function scan(xml: string, prefix: string): Layout {
  const p = prefix.replace(/[.-]/g, '\\$&');
  const tag = new RegExp(`<(/?)${p}:(p|tr)${ATTRS}(/?)>`, 'g');
  const paragraphs: ParagraphPosition[] = [];
  const rowFirstParagraph: (number | undefined)[] = [];
  const paraStack: number[] = [];
  const rowStack: number[] = [];
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const closing = m[1] === '/';
    const isParagraph = m[2] === 'p';
    const selfClosing = m[4] === '/';
    if (isParagraph) {
      if (closing) {
        const index = paraStack.pop();
        if (index !== undefined) paragraphs[index]!.close = m.index;
        continue;
      }
      const index = paragraphs.length;
      paragraphs.push({ open: m.index, openEnd: m.index + m[0].length, top: paraStack[0] ?? index });
      for (const row of rowStack) if (rowFirstParagraph[row] === undefined) rowFirstParagraph[row] = index;
      if (!selfClosing) paraStack.push(index);
    } else if (closing) {
      rowStack.pop();
    } else {
      rowFirstParagraph.push(undefined);
      if (!selfClosing) rowStack.push(rowFirstParagraph.length - 1);
    }
  }
  const layout: Layout = { paragraphs, rowFirstParagraph };
  for (let i = 0; i < paragraphs.length; i++) {
    const para = paragraphs[i]!;
    if (para.top === i && para.close !== undefined && paragraphText(xml, para, prefix).trim()) {
      layout.firstText = i;
      break;
    }
  }
  return layout;
}

/** The outermost paragraph a finding is about, from its Word location. */
function anchorOf(finding: Finding, layout: Layout): number | undefined {
  const { docxRow, docxParagraph } = finding.location;
  let index: number | undefined;
  if (docxRow !== undefined) index = layout.rowFirstParagraph[docxRow];
  if (index === undefined && docxParagraph !== undefined) index = docxParagraph;
  if (index === undefined || !Number.isInteger(index) || index < 0 || index >= layout.paragraphs.length) return undefined;
  return layout.paragraphs[index]!.top;
}

/** After the paragraph's `w:pPr` (which must stay its first child), else right after the start tag. */
function afterParagraphProperties(xml: string, from: number, limit: number, prefix: string): number {
  const lead = /^\s*/.exec(xml.slice(from, Math.min(limit, from + 200)))![0].length;
  const at = from + lead;
  const name = `${prefix}:pPr`;
  if (!xml.startsWith(`<${name}`, at) || !/[\s/>]/.test(xml[at + name.length + 1] ?? '')) return from;
  // pPr may nest another pPr (w:pPrChange): count depth.
  const re = new RegExp(`<(/?)${prefix.replace(/[.-]/g, '\\$&')}:pPr${ATTRS}(/?)>`, 'g');
  re.lastIndex = at;
  let depth = 0;
  for (let m = re.exec(xml); m && m.index < limit; m = re.exec(xml)) {
    if (m[1] === '/') depth--;
    else if (m[3] !== '/') depth++;
    if (depth === 0) return m.index + m[0].length;
  }
  return from;
}

function paragraphText(xml: string, para: ParagraphPosition, prefix: string): string {
  if (para.close === undefined) return '';
  const inner = xml.slice(para.openEnd, para.close);
  const p = prefix.replace(/[.-]/g, '\\$&');
  const parts: string[] = [];
  for (const m of inner.matchAll(new RegExp(`<${p}:t(?:\\s[^>]*)?>([^<]*)</${p}:t>|<${p}:tab\\b[^>]*/>`, 'g'))) {
    parts.push(m[1] === undefined ? ' ' : decodeEntities(m[1]));
  }
  return parts.join('');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (all, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? all;
  });
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function withoutNumber(text: string): string {
  return text.replace(/^(?:\d+(?: \d+)*|[ivxlc]+)\s+/, '');
}

/**
 * The heading paragraph of the section a document-level finding names: each heading of the path
 * in turn, after the previous one, matched on its text (numbers from Word's automatic numbering
 * are not in the text, so a match without the number counts too). Contents entries are skipped.
 */
function headingFor(section: readonly string[], layout: Layout, xml: string, prefix: string): number | undefined {
  const p = prefix.replace(/[.-]/g, '\\$&');
  const tocStyle = new RegExp(`<${p}:pStyle\\s+${p}:val\\s*=\\s*["'](?:TOC|Contents)`, 'i');
  const headingStyle = new RegExp(`<${p}:pStyle\\s+${p}:val\\s*=\\s*["'][^"']*(?:heading|title)|<${p}:outlineLvl\\b`, 'i');
  let from = 0;
  let found: number | undefined;
  for (const label of section) {
    const want = normalise(label);
    const bare = withoutNumber(want);
    if (!want) break;
    // A heading-styled match first; else the first plain match (a typed contents list can repeat
    // the title before the heading itself).
    let styled: number | undefined;
    let plain: number | undefined;
    for (let i = from; i < layout.paragraphs.length && styled === undefined; i++) {
      const para = layout.paragraphs[i]!;
      if (para.top !== i || para.close === undefined) continue;
      const text = normalise(paragraphText(xml, para, prefix));
      if (!text || (text !== want && !(bare && withoutNumber(text) === bare))) continue;
      const props = xml.slice(para.openEnd, afterParagraphProperties(xml, para.openEnd, para.close, prefix));
      if (tocStyle.test(props)) continue;
      if (headingStyle.test(props)) styled = i;
      else plain ??= i;
    }
    const hit = styled ?? plain;
    if (hit === undefined) break;
    found = hit;
    from = hit + 1;
  }
  return found;
}

// ---- the comment ------------------------------------------------------------------------------

/** Characters XML 1.0 does not allow, and lone surrogates. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The lines of a finding's comment: `[rule-id] message`, each suggestion, the docs link. */
export function commentLines(finding: Finding): string[] {
  const lines = [`[${finding.ruleId}] ${finding.message}`];
  for (const s of finding.suggestions ?? []) {
    lines.push(`Suggestion: ${s.desc}${s.replacement !== undefined ? ` (replace with "${s.replacement}")` : ''}`);
  }
  if (finding.docsUrl) lines.push(`Why and how to fix it: ${finding.docsUrl}`);
  return lines
    .flatMap((l) => l.split(/\r?\n/))
    .map((l) => l.replace(INVALID_XML, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function commentElement(id: number, finding: Finding, w: string, declare: string, date?: string): string {
  const run = (text: string, bold = false): string =>
    `<${w}:r>${bold ? `<${w}:rPr><${w}:b/></${w}:rPr>` : ''}<${w}:t xml:space="preserve">${escapeXml(text)}</${w}:t></${w}:r>`;
  const [first, ...rest] = commentLines(finding);
  const head = /^(\[[^\]]+\])( [\s\S]*)?$/.exec(first!);
  const firstRuns = head ? run(head[1]!, true) + (head[2] ? run(head[2]) : '') : run(first!);
  const paragraphs = [
    `<${w}:p><${w}:r><${w}:annotationRef/></${w}:r>${firstRuns}</${w}:p>`,
    ...rest.map((line) => `<${w}:p>${run(line)}</${w}:p>`),
  ];
  return `<${w}:comment${declare} ${w}:id="${id}" ${w}:author="${ANNOTATION_AUTHOR}"${date ? ` ${w}:date="${date}"` : ''} ${w}:initials="${ANNOTATION_INITIALS}">${paragraphs.join('')}</${w}:comment>`;
}
