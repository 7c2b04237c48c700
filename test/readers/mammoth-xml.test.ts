import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { read as readOfficeXml } from 'mammoth/lib/docx/office-xml-reader.js';
import { convertedParts, withParsedPart } from '../../src/readers/docx/mammoth-xml.js';
import { parseXml } from '../../src/readers/docx/xml.js';
import { decodeXml, openPackage } from '../../src/readers/docx/zip.js';
import { injectMarkers } from '../../src/readers/docx/index.js';

/** Every .docx of the fixtures and of the shared real-world corpus. */
function docxFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.docx')) files.push(path);
    }
  };
  walk(new URL('../../fixtures', import.meta.url).pathname);
  walk('/work/shared/real-docs/docx');
  return files;
}

/** mammoth's element tree as comparable data. */
const plain = (value: unknown): string => JSON.stringify(value);

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

describe('mammoth reads the main part from the tree the raw pass parsed', () => {
  it('gives the element tree mammoth builds with its own parser, for every Word file here', async () => {
    const files = docxFiles();
    expect(files.length).toBeGreaterThan(10);
    let compared = 0;
    for (const file of files) {
      let text: string;
      try {
        const pkg = openPackage(new Uint8Array(readFileSync(file)));
        const bytes = pkg.parts.get('word/document.xml');
        if (!bytes) continue;
        text = injectMarkers(decodeXml(bytes)).text;
      } catch {
        continue; // broken on purpose: the reader refuses it before mammoth
      }
      let root;
      let own: unknown;
      try {
        root = parseXml(text, 'word/document.xml');
        own = await readOfficeXml(text);
      } catch {
        continue;
      }
      const before = convertedParts.count;
      const converted = await withParsedPart(text, root, () => readOfficeXml(text));
      expect(plain(converted), file).toBe(plain(own));
      if (convertedParts.count > before) compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });
  it('resolves prefixes through their declarations, default namespaces and unknown namespaces included', async () => {
    const xml = `<w:document xmlns:w="${W}" xmlns:x="urn:example">\r\n<w:body><p xmlns="${W}" x:flag="1" plain="2"><w:r><w:t xml:space="preserve"> a &amp; b\r\nc\rd </w:t></w:r></p><x:thing/></w:body></w:document>`;
    const own = await readOfficeXml(xml);
    const before = convertedParts.count;
    const converted = await withParsedPart(xml, parseXml(xml, 'test'), () => readOfficeXml(xml));
    expect(convertedParts.count).toBe(before + 1);
    expect(plain(converted)).toBe(plain(own));
  });
  it('leaves what it cannot convert to mammoth: CDATA, undeclared prefixes, escaped line ends', async () => {
    for (const xml of [
      `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t><![CDATA[x < y]]></w:t></w:r></w:p></w:body></w:document>`,
      `<w:document xmlns:w="${W}"><w:body><q:p/></w:body></w:document>`,
      `<w:document xmlns:w="${W}"><w:body><w:p w:val="a\tb"/></w:body></w:document>`,
      `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>a&#13;b</w:t></w:r></w:p></w:body></w:document>`,
    ]) {
      const before = convertedParts.count;
      let root;
      try {
        root = parseXml(xml, 'test');
      } catch {
        root = undefined;
      }
      await withParsedPart(xml, root, () => readOfficeXml(xml).catch(() => undefined));
      expect(convertedParts.count).toBe(before);
    }
  });
});
