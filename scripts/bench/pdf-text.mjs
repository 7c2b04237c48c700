// Baseline: bare pdf.js text extraction of every page (through unpdf, as the reader uses it).
import { readFileSync } from 'node:fs';
import { getDocumentProxy } from 'unpdf';

const pdf = await getDocumentProxy(new Uint8Array(readFileSync(process.argv[2])), { isEvalSupported: false });
let chars = 0;
for (let i = 1; i <= pdf.numPages; i++) {
  const page = await pdf.getPage(i);
  const content = await page.getTextContent();
  for (const item of content.items) chars += item.str?.length ?? 0;
}
if (!chars) process.exit(3);
