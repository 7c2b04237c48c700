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
