/**
 * The page's Web Worker: everything heavy (pdf.js, mammoth, the rules) runs here, off the page's
 * thread, so the page stays responsive and can show progress. The page creates it from a Blob of
 * this bundle's source, which is inlined in the page (no file is fetched).
 */
import { lintInPage, parsePageConfig, ConfigError, type PageConfig, type PageOptions } from './engine.js';
import { onPdfPage } from './shims/unpdf.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

interface WorkerScope {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerRequest }) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

let config: PageConfig | undefined;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

async function handle(request: WorkerRequest): Promise<void> {
  const { id } = request;
  if (request.type === 'config') {
    if (request.text === undefined) {
      config = undefined;
      scope.postMessage({ type: 'config', id, ok: true });
      return;
    }
    try {
      config = await parsePageConfig(request.name, request.text);
      const settings = (config.value.settings ?? {}) as { mode?: string };
      scope.postMessage({ type: 'config', id, ok: true, extends: config.extends, mode: settings.mode as PageOptions['mode'] | undefined });
    } catch (error) {
      config = undefined;
      scope.postMessage({ type: 'config', id, ok: false, message: errorMessage(error) });
    }
    return;
  }
  const files = request.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
  let current = { index: 0, count: files.length, name: '' };
  onPdfPage((page, pages) => scope.postMessage({ type: 'progress', id, ...current, stage: 'reading', page, pages }));
  try {
    const run = await lintInPage(files, { mode: request.mode, preset: request.preset, redact: request.redact, config }, (p) => {
      current = { index: p.index, count: p.count, name: p.name };
      scope.postMessage({ type: 'progress', id, ...p });
    });
    scope.postMessage({ type: 'done', id, ...run });
  } catch (error) {
    scope.postMessage({ type: 'failed', id, config: error instanceof ConfigError, message: errorMessage(error) });
  } finally {
    onPdfPage(undefined);
  }
}

scope.addEventListener('message', (event) => {
  void handle(event.data);
});
scope.postMessage({ type: 'ready', id: 0 });
