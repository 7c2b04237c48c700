/**
 * Hand mammoth the main document part already parsed. The raw pass parses `word/document.xml`
 * with txml anyway; mammoth would parse the same text again with xmldom, which costs more than
 * the rest of the reading. Converting the txml tree into mammoth's element tree (names resolved
 * through namespaces exactly as mammoth does) skips that second parse. Any part this cannot
 * convert faithfully (CDATA, undeclared prefixes, renamed prefixes) goes to mammoth's own parser.
 */
import mammothXml from 'mammoth/lib/xml/index.js';
import type { XNode } from './xml.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Parts already parsed, by their text (mammoth reads parts by name and passes the text on). */
const parsed = new Map<string, XNode>();
let original: MammothXml['readString'] | undefined;
type MammothXml = typeof mammothXml;
type MammothNode = ReturnType<MammothXml['text']>;

class Unconvertible extends Error {}

/** How many parts were converted rather than parsed again (for tests). */
export const convertedParts = { count: 0 };

function install(): void {
  if (original) return;
  original = mammothXml.readString;
  const fallback = original;
  // mammoth's office reader looks `readString` up on the module at each call.
  mammothXml.readString = (xml, namespaceMap = {}) => {
    const root = parsed.get(xml);
    if (root) {
      try {
        const element = convert(root, namespaceMap, new Map());
        convertedParts.count++;
        return Promise.resolve(element);
      } catch (error) {
        if (!(error instanceof Unconvertible)) throw error;
      }
    }
    return fallback(xml, namespaceMap);
  };
}

/** Run `read` (mammoth) with `root` standing for the part whose text is `xml`. */
export async function withParsedPart<T>(xml: string, root: XNode | undefined, read: () => Promise<T>): Promise<T> {
  // CDATA, and carriage returns written as character references, read differently in xmldom.
  if (!root || xml.includes('<![CDATA[') || /&#(?:13|x0*d);/i.test(xml)) return read();
  install();
  parsed.set(xml, root);
  try {
    return await read();
  } finally {
    parsed.delete(xml);
  }
}

function resolveName(qname: string, scope: Map<string, string>, namespaceMap: Record<string, string>, element: boolean): string {
  const colon = qname.indexOf(':');
  let uri: string | undefined;
  let local: string;
  if (colon < 0) {
    local = qname;
    if (qname === 'xmlns') uri = XMLNS_NS;
    else if (!element) return qname; // unprefixed attributes are in no namespace
    else uri = scope.get('');
    if (!uri) return qname;
  } else {
    const prefix = qname.slice(0, colon);
    local = qname.slice(colon + 1);
    uri = prefix === 'xml' ? XML_NS : prefix === 'xmlns' ? XMLNS_NS : scope.get(prefix);
    if (!uri) throw new Unconvertible(`undeclared prefix ${prefix}`);
  }
  const mapped = namespaceMap[uri];
  return mapped ? `${mapped}:${local}` : `{${uri}}${local}`;
}

/** Resolved names by scope (a new scope comes only with namespace declarations, so rarely). */
type NameCache = WeakMap<Map<string, string>, { elements: Map<string, string>; attributes: Map<string, string> }>;

function cachedName(qname: string, scope: Map<string, string>, namespaceMap: Record<string, string>, element: boolean, cache: NameCache): string {
  let names = cache.get(scope);
  if (!names) cache.set(scope, (names = { elements: new Map(), attributes: new Map() }));
  const byName = element ? names.elements : names.attributes;
  let resolved = byName.get(qname);
  if (resolved === undefined) byName.set(qname, (resolved = resolveName(qname, scope, namespaceMap, element)));
  return resolved;
}

/** Whether an attribute value holds a literal tab or line break. */
function hasLineWhitespace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

function convert(node: XNode, namespaceMap: Record<string, string>, outer: Map<string, string>, cache: NameCache = new WeakMap()): MammothNode {
  let scope = outer;
  const given = node.attributes;
  for (const name in given) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === outer) scope = new Map(outer);
      scope.set(name === 'xmlns' ? '' : name.slice(6), given[name] ?? '');
    }
  }
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name in given) {
    const value = given[name];
    // xmldom turns literal tabs and line breaks in attribute values into spaces, but keeps them
    // when written as character references; decoded values no longer tell the two apart.
    if (value && hasLineWhitespace(value)) throw new Unconvertible('whitespace in an attribute value');
    attributes[cachedName(name, scope, namespaceMap, false, cache)] = value ?? '';
  }
  const children: MammothNode[] = [];
  for (const child of node.children) {
    // XML line-end normalisation, as xmldom does it.
    if (typeof child === 'string') children.push(mammothXml.text(child.includes('\r') ? child.replace(/\r\n?/g, '\n') : child));
    else if (!child.tagName.startsWith('?') && !child.tagName.startsWith('!')) children.push(convert(child, namespaceMap, scope, cache));
  }
  return new mammothXml.Element(cachedName(node.tagName, scope, namespaceMap, true, cache), attributes, children);
}
