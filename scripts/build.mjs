// Bundle the CLI (and the library entry) with esbuild. One bundle starts faster than hundreds of
// ESM files (PARSING-NOTES.md §3); readers stay in their own chunks, loaded only when needed.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

// Start from a clean dist/, but keep the browser page (dist/web, built by `npm run build:web`).
const dist = new URL('../dist/', import.meta.url);
if (existsSync(dist)) for (const entry of readdirSync(dist)) if (entry !== 'web') rmSync(new URL(entry, dist), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/index.ts', index: 'src/index.ts', worker: 'src/cli/worker-loader.ts', 'worker-esm': 'src/cli/worker.ts', early: 'src/cli/early-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (mammoth) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __dhrCreateRequire } from 'node:module'; const require = __dhrCreateRequire(import.meta.url);" },
});

// The worker's own code as one CommonJS file, so that it can run through V8's code cache
// (src/cli/worker-loader.ts); then the cache, from a worker run over the example reports.
await build({
  entryPoints: { 'worker-main': 'src/cli/worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
await writeCodeCache();

async function writeCodeCache() {
  const cache = new URL('../dist/worker-main.cache', import.meta.url);
  // The flags the CLI sets (bin/dhr-lint.js): V8 takes a cache only if they match.
  setFlagsFromString('--no-regexp-tier-up');
  // One document per reader (and the long PDF's ruled tables), so their code is in the cache too.
  const samples = ['examples/overview-report.md', 'fixtures/long-report/report-unstyled.docx', 'fixtures/pdf/report-tagged.pdf', 'fixtures/long-report/report.pdf']
    .map((f) => fileURLToPath(new URL(`../${f}`, import.meta.url)))
    .filter((f) => existsSync(f));
  const worker = new Worker(new URL('../dist/worker.js', import.meta.url), { workerData: { warmUp: false, samples } });
  try {
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the worker stopped (exit ${code})`)));
    });
  } catch (error) {
    // Without a cache the CLI works, only starts slower; the tests will show what failed.
    rmSync(cache, { force: true });
    console.warn(`build: no code cache for the worker: ${error.message}`);
  } finally {
    await worker.terminate();
  }
}
