/**
 * The one place reporters hash text. Kept apart because reporters may later run in a browser,
 * where `node:crypto` is missing: a browser build swaps this module for a small synchronous
 * SHA-256 (WebCrypto's digest is async, which a Reporter cannot be).
 */
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
