/**
 * Character tests by code unit, for scanners that walk a text without regular expressions. Each
 * agrees exactly with the regular-expression class it names.
 */

/** `\s`: white space and line terminators (ECMAScript WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `\w` without the `u` flag: [A-Za-z0-9_]. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * No letter or number beyond ASCII: every code unit is ASCII, Latin-1 punctuation below ª (U+00AA),
 * or General Punctuation (U+2000–U+206F: spaces, dashes, quotation marks, bullets). In such a text
 * [A-Za-z] finds what \p{L} finds, and [0-9] what \p{N} finds, so rules may run ASCII forms of their
 * expressions, which compile several times faster (a Unicode class is hundreds of ranges).
 */
export function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xaa && (c < 0x2000 || c >= 0x2070)) return false;
  }
  return true;
}
