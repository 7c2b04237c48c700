/**
 * A short, stable key for a JSON Schema object: the build compiles each schema ahead of time and
 * the page looks the compiled validator up by this key (FNV-1a over the schema's JSON, 2 × 32 bits).
 */
export function schemaKey(schema: unknown): string {
  const text = JSON.stringify(schema);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(36)}-${h2.toString(36)}-${text.length.toString(36)}`;
}
