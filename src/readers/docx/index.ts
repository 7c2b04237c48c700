/**
 * Word (.docx) reader. One unzip (fflate, sizes checked before inflating), then two views of the
 * same XML: mammoth's document model (text, runs, tables, notes, comments, tracked changes
 * accepted) and a raw txml pass (paragraph and row indexes, pages, numbering, comment ranges, TOC
 * fields, revisions). A marker bookmark injected into every `w:p` joins the two views exactly.
 *
 * Input is bytes only, so the same code runs in a browser.
 */
import { read as readDocxModel } from 'mammoth/lib/docx/docx-reader.js';
import type { ReaderResult } from '../../model/types.js';
import { ReadError } from '../errors.js';
import { DocxBuilder, type MDocument } from './build.js';
import { MARKER_PREFIX, walkDocument } from './raw.js';
import { Numbering, Styles } from './styles.js';
import { attr, parseXml, plainText, renamedRoots, type XNode } from './xml.js';
import { withParsedPart } from './mammoth-xml.js';
import { decodeXml, openPackage, type DocxLimits, type DocxPackage } from './zip.js';

export type { DocxLimits } from './zip.js';

const MAIN_NS = /xmlns:([\w.-]+)\s*=\s*["'](?:http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main|http:\/\/purl\.oclc\.org\/ooxml\/wordprocessingml\/main)["']/;

export async function readDocx(bytes: Uint8Array, limits?: DocxLimits): Promise<ReaderResult> {
  const pkg = openPackage(bytes, limits);
  const text = (name: string): string | undefined => {
    const b = pkg.parts.get(name);
    return b ? decodeXml(b) : undefined;
  };
  const xml = (name: string | undefined): XNode | undefined => {
    const t = name ? text(name) : undefined;
    return t === undefined ? undefined : parseXml(t, name!);
  };

  const mainPath = findMainDocument(pkg, xml);
  const documentXml = text(mainPath);
  if (documentXml === undefined) {
    throw new ReadError(
      pkg.names.size === 0 ? 'not a Word .docx file (an empty zip archive)' : 'not a Word .docx file (the zip has no word/document.xml)',
    );
  }
  const { text: marked, prefix } = injectMarkers(documentXml);
  if (!prefix) throw new ReadError(`not a Word .docx file (${mainPath} is not WordprocessingML)`);

  const rels = relationships(xml, mainPath);
  const styles = new Styles(xml(rels.byType('styles')[0] ?? 'word/styles.xml'));
  const numbering = new Numbering(xml(rels.byType('numbering')[0] ?? 'word/numbering.xml'), styles);
  const root = parseXml(marked, mainPath);
  const raw = walkDocument(root, numbering);

  // mammoth gets the tree just parsed rather than parsing the same text again.
  const model = await withParsedPart(marked, root && !renamedRoots.has(root) ? root : undefined, () => runMammoth(pkg, mainPath, marked));
  const built = new DocxBuilder(model, raw, styles).build();

  const furniture = {
    headers: partTexts(rels.byType('header'), pkg, /^word\/header\d*\.xml$/, xml),
    footers: partTexts(rels.byType('footer'), pkg, /^word\/footer\d*\.xml$/, xml),
  };
  const result: ReaderResult = { tree: built.tree, notes: built.notes, furniture, comments: built.comments };
  if (raw.pages !== undefined) result.pages = raw.pages;
  return result;
}

/** The main part named by _rels/.rels (officeDocument), else word/document.xml. */
function findMainDocument(pkg: DocxPackage, xml: (name: string) => XNode | undefined): string {
  let root: XNode | undefined;
  try {
    root = xml('_rels/.rels');
  } catch {
    root = undefined;
  }
  for (const r of relationshipNodes(root)) {
    if (/\/officeDocument$/.test(attr(r, 'Type') ?? '')) {
      const target = resolveTarget('', attr(r, 'Target') ?? '');
      if (pkg.parts.has(target)) return target;
    }
  }
  return 'word/document.xml';
}

function relationshipNodes(root: XNode | undefined): XNode[] {
  if (!root) return [];
  return root.children.filter((c): c is XNode => typeof c === 'object' && /(^|:)Relationship$/.test(c.tagName));
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base ? `${base}/${target}` : target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function relationships(xml: (name: string) => XNode | undefined, mainPath: string): { byType(suffix: string): string[] } {
  const slash = mainPath.lastIndexOf('/');
  const dir = slash < 0 ? '' : mainPath.slice(0, slash);
  const relsPath = `${dir ? `${dir}/` : ''}_rels/${mainPath.slice(slash + 1)}.rels`;
  let root: XNode | undefined;
  try {
    root = xml(relsPath);
  } catch {
    root = undefined;
  }
  const nodes = relationshipNodes(root).filter((r) => attr(r, 'TargetMode') !== 'External');
  return {
    byType(suffix: string): string[] {
      return nodes
        .filter((r) => (attr(r, 'Type') ?? '').endsWith(`/${suffix}`))
        .map((r) => resolveTarget(dir, attr(r, 'Target') ?? ''));
    },
  };
}

/** Text of each header or footer part (paragraphs joined by newlines), empty ones left out. */
function partTexts(
  fromRels: string[],
  pkg: DocxPackage,
  pattern: RegExp,
  xml: (name: string) => XNode | undefined,
): string[] {
  const names = fromRels.length ? fromRels : [...pkg.parts.keys()].filter((n) => pattern.test(n));
  const sorted = [...new Set(names)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const out: string[] = [];
  for (const name of sorted) {
    let root: XNode | undefined;
    try {
      root = xml(name);
    } catch {
      continue; // furniture is secondary: a damaged header does not stop the reading
    }
    if (!root) continue;
    const lines: string[] = [];
    const collect = (node: XNode): void => {
      for (const c of node.children) {
        if (typeof c !== 'object') continue;
        if (c.tagName === 'w:p') {
          const line = plainText(c).join('').replace(/\s+/g, ' ').trim();
          if (line) lines.push(line);
        } else collect(c);
      }
    };
    collect(root);
    if (lines.length) out.push(lines.join('\n'));
  }
  return out;
}

/**
 * Put a marker bookmark at the start of every `w:p` (N = its index in document order), so the
 * paragraphs of mammoth's model can be matched to the raw XML.
 */
export function injectMarkers(xml: string): { text: string; prefix?: string; count: number } {
  const m = MAIN_NS.exec(xml.slice(0, 20000));
  const prefix = m?.[1] ?? (/<w:(document|body)\b/.test(xml.slice(0, 20000)) ? 'w' : undefined);
  if (!prefix) return { text: xml, count: 0 };
  const p = prefix.replace(/[.-]/g, '\\$&');
  const open = new RegExp(`<${p}:p((?:\\s(?:[^>"']|"[^"]*"|'[^']*')*?)?)(/?)>`, 'g');
  let count = 0;
  const text = xml.replace(open, (_all, attrs: string, selfClosing: string) => {
    const mark = `<${prefix}:bookmarkStart ${prefix}:name="${MARKER_PREFIX}${count++}"/>`;
    return selfClosing ? `<${prefix}:p${attrs}>${mark}</${prefix}:p>` : `<${prefix}:p${attrs}>${mark}`;
  });
  return { text, prefix, count };
}

async function runMammoth(pkg: DocxPackage, mainPath: string, marked: string): Promise<MDocument> {
  const file = {
    exists: (name: string): boolean => pkg.parts.has(name),
    read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
      if (name === mainPath) return marked;
      const b = pkg.parts.get(name);
      if (!b) throw new Error(`missing part ${name}`);
      return encoding ? decodeXml(b) : b;
    },
  };
  let model: MDocument | undefined;
  try {
    // mammoth's own document reader on the already unzipped parts; external files never read.
    const result = await readDocxModel(file, {}, { externalFileAccess: false });
    model = result.value as MDocument | undefined;
  } catch (error) {
    const msg = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
    throw new ReadError(`damaged Word .docx file: ${msg}`, { cause: error });
  }
  if (!model) throw new ReadError('damaged Word .docx file: mammoth returned no document');
  return model;
}
