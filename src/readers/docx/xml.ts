/** A small XML layer over txml: element helpers and canonical namespace prefixes (w:, r:, mc:...). */
import { parse, type TNode } from 'txml/txml';
import { ReadError } from '../errors.js';

export type XNode = TNode;

/** Namespace URIs mapped to the prefixes the reader uses (transitional and strict OOXML). */
const CANONICAL: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'urn:schemas-microsoft-com:vml': 'v',
};

/** Roots whose prefixes were renamed to the canonical ones (no longer as the text declares them). */
export const renamedRoots = new WeakSet<XNode>();

/** Parse an XML part. Throws ReadError on a DTD (never in real parts; entity bombs) or a parse failure. */
export function parseXml(text: string, part: string): XNode | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(text.slice(0, 4096))) throw new ReadError(`damaged Word file: ${part} declares a DTD`);
  let nodes: (XNode | string)[];
  try {
    nodes = parse(text, { keepWhitespace: true, decodeEntities: true, selfClosingTags: [] }) as (XNode | string)[];
  } catch (error) {
    throw new ReadError(`damaged Word file: ${part} is not well-formed XML`, { cause: error });
  }
  const root = nodes.find((n): n is XNode => typeof n === 'object' && !n.tagName.startsWith('?'));
  if (!root) return undefined;
  const renames = prefixRenames(root);
  if (renames) {
    rename(root, renames);
    renamedRoots.add(root);
  }
  return root;
}

/** Prefixes that differ from the canonical ones, or undefined when the part already uses them. */
function prefixRenames(root: XNode): Map<string, string> | undefined {
  let map: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(root.attributes)) {
    if (!name.startsWith('xmlns:') || !value) continue;
    const prefix = name.slice(6);
    const canonical = CANONICAL[value];
    if (canonical && canonical !== prefix) (map ??= new Map()).set(prefix, canonical);
  }
  // A default namespace (no prefix) that is WordprocessingML.
  const def = root.attributes.xmlns;
  if (def && CANONICAL[def]) (map ??= new Map()).set('', CANONICAL[def]!);
  return map;
}

function renameName(name: string, renames: Map<string, string>): string {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const to = renames.get(prefix);
  if (to === undefined || name.startsWith('xmlns')) return name;
  return `${to}:${colon < 0 ? name : name.slice(colon + 1)}`;
}

function rename(node: XNode, renames: Map<string, string>): void {
  node.tagName = renameName(node.tagName, renames);
  const attrs: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(node.attributes)) attrs[k.includes(':') ? renameName(k, renames) : k] = v;
  node.attributes = attrs;
  for (const c of node.children) if (typeof c === 'object') rename(c, renames);
}

export function child(node: XNode | undefined, tag: string): XNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) if (typeof c === 'object' && c.tagName === tag) return c;
  return undefined;
}

export function children(node: XNode | undefined, tag: string): XNode[] {
  if (!node) return [];
  const out: XNode[] = [];
  for (const c of node.children) if (typeof c === 'object' && c.tagName === tag) out.push(c);
  return out;
}

export function attr(node: XNode | undefined, name: string): string | undefined {
  const v = node?.attributes[name];
  return v === null || v === undefined ? undefined : v;
}

/** `<w:b/>`, `<w:b w:val="true"/>` are on; `w:val="0"|"false"|"off"` is off; absent is undefined. */
export function onOff(node: XNode | undefined): boolean | undefined {
  if (!node) return undefined;
  const v = attr(node, 'w:val');
  return !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}

/** Concatenated `w:t` text of an element (tabs as spaces), for headers, footers and field codes. */
export function plainText(node: XNode, out: string[] = []): string[] {
  for (const c of node.children) {
    if (typeof c === 'string') continue;
    switch (c.tagName) {
      case 'w:t':
        for (const s of c.children) if (typeof s === 'string') out.push(s);
        break;
      case 'w:tab':
        out.push(' ');
        break;
      case 'w:br':
      case 'w:cr':
        out.push(' ');
        break;
      case 'w:del':
      case 'w:moveFrom':
      case 'w:instrText':
      case 'w:delText':
      case 'mc:Choice':
        break;
      default:
        plainText(c, out);
    }
  }
  return out;
}
