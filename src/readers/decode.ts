import { ReadError } from './errors.js';

/**
 * Decode text bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM. Invalid bytes are an error,
 * not silently replaced, so a binary file renamed .md is refused rather than linted as noise.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict('utf-16be', bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = decodeStrict('utf-8', bytes.subarray(start));
  if (text.includes('\u0000')) throw new ReadError('binary data in a text file (NUL bytes); is this really a text or Markdown file?');
  return text;
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError(`not valid ${encoding.toUpperCase()} text; save the file as UTF-8`);
  }
}
