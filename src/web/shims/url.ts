/** `node:url` for the browser build: only what the reporters use. */
export function pathToFileURL(path: string): URL {
  const abs = path.startsWith('/') ? path : `/${path}`;
  return new URL(`file://${abs.split('/').map(encodeURIComponent).join('/')}`);
}

export function fileURLToPath(url: string | URL): string {
  return decodeURIComponent(new URL(String(url)).pathname);
}

export default { pathToFileURL, fileURLToPath };
