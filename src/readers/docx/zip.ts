/**
 * Open a .docx package safely: recognise what the bytes are, refuse zip bombs before inflating
 * (declared sizes from the central directory), and inflate only the XML parts the reader needs.
 */
import { unzipSync } from 'fflate';
import { ReadError } from '../errors.js';

export interface DocxLimits {
  /** Largest uncompressed size accepted for one part (word/document.xml included). Default 200 MB. */
  maxPartBytes?: number;
  /** Largest uncompressed size accepted for all the XML parts together. Default 400 MB. */
  maxTotalBytes?: number;
}

export const DEFAULT_LIMITS: Required<DocxLimits> = {
  maxPartBytes: 200 * 1024 * 1024,
  maxTotalBytes: 400 * 1024 * 1024,
};

export interface DocxPackage {
  /** Inflated XML parts (and `.rels`), by zip entry name. */
  parts: Map<string, Uint8Array>;
  /** Every entry name in the archive (including the ones not inflated). */
  names: Set<string>;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

/** Search for an ASCII name stored as UTF-16LE (how OLE directory entries name their streams). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const pattern = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) pattern[i * 2] = name.charCodeAt(i);
  const first = pattern[0]!;
  const last = bytes.length - pattern.length;
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** Parts the reader (or mammoth) reads: XML, relationships and mammoth's embedded style map. */
function wanted(name: string): boolean {
  return /\.(xml|rels)$/i.test(name) || name === 'mammoth/style-map';
}

export function openPackage(bytes: Uint8Array, limits: DocxLimits = {}): DocxPackage {
  const maxPart = limits.maxPartBytes ?? DEFAULT_LIMITS.maxPartBytes;
  const maxTotal = limits.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes;
  if (bytes.length === 0) throw new ReadError('the file is empty');
  if (startsWith(bytes, OLE)) {
    if (hasUtf16Name(bytes, 'EncryptionInfo') || hasUtf16Name(bytes, 'EncryptedPackage')) {
      throw new ReadError('the Word file is password-protected (encrypted): save an unprotected copy and lint that');
    }
    if (hasUtf16Name(bytes, 'WordDocument')) {
      throw new ReadError('an old Word 97-2003 .doc file, not a .docx: open it in Word and save it as .docx');
    }
    throw new ReadError(
      'not a Word .docx file (an OLE compound file: an old .doc or a password-protected .docx; save an unprotected .docx)',
    );
  }
  // Local file header, or the end record of an empty archive.
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw new ReadError('not a Word .docx file (not a zip archive)');
  }
  const names = new Set<string>();
  let total = 0;
  let tooBig: string | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(info) {
        names.add(info.name);
        if (!wanted(info.name)) return false;
        // Declared sizes are checked before anything is inflated; fflate then inflates into a
        // buffer of exactly the declared size, so a lying header cannot make it grow past it.
        if (info.originalSize > maxPart) {
          tooBig ??= `${info.name} would inflate to ${mb(info.originalSize)} (limit ${mb(maxPart)})`;
          return false;
        }
        total += info.originalSize;
        if (total > maxTotal) {
          tooBig ??= `its XML parts would inflate to more than ${mb(maxTotal)}`;
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    if (tooBig) throw new ReadError(`refused: the Word file looks like a zip bomb: ${tooBig}`);
    const msg = error instanceof Error ? error.message : String(error);
    throw new ReadError(`damaged Word .docx file: the zip archive is truncated or corrupt (${msg})`, { cause: error });
  }
  if (tooBig) throw new ReadError(`refused: the Word file looks like a zip bomb: ${tooBig}`);
  return { parts: new Map(Object.entries(files)), names };
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

/** Decode an XML part: UTF-8 (BOM stripped) or UTF-16 with a BOM. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}
