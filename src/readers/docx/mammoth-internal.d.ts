/**
 * mammoth's docx reader, used directly (mammoth is pinned at 1.13.0): it takes an opened package
 * (`exists`/`read`), so the zip is unzipped once by fflate, and it works the same in a browser,
 * where mammoth's public entry points only accept an ArrayBuffer they unzip again.
 */
declare module 'mammoth/lib/docx/docx-reader.js' {
  interface DocxFile {
    exists(name: string): boolean;
    read(name: string, encoding?: string): Promise<string | Uint8Array>;
  }
  export function read(
    docxFile: DocxFile,
    input?: Record<string, unknown>,
    options?: { externalFileAccess?: boolean },
  ): Promise<{ value: unknown; messages: { type: string; message: string }[] }>;
}

/** mammoth's XML layer (CommonJS: its exports object, which the office reader looks `readString` up on). */
declare module 'mammoth/lib/xml/index.js' {
  interface MammothNode {
    type: 'element' | 'text';
  }
  interface MammothXml {
    Element: new (name: string, attributes: Record<string, string>, children: MammothNode[]) => MammothNode;
    text(value: string): MammothNode;
    readString: (xml: string, namespaceMap?: Record<string, string>) => Promise<MammothNode>;
  }
  const xml: MammothXml;
  export default xml;
}

/** mammoth's reader of one Office XML part (namespaces mapped to its prefixes). */
declare module 'mammoth/lib/docx/office-xml-reader.js' {
  export function read(xml: string): Promise<unknown>;
}
