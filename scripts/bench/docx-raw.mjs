// Baseline: mammoth's own conversion of a .docx (raw text extraction and HTML conversion).
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';

const buffer = readFileSync(process.argv[3]);
const result = process.argv[2] === 'html' ? await mammoth.convertToHtml({ buffer }) : await mammoth.extractRawText({ buffer });
if (!result.value) process.exit(3);
