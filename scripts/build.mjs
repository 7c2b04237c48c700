// Bundle the CLI (and the library entry) with esbuild. One bundle starts faster than hundreds of
// ESM files (PARSING-NOTES.md §3); readers stay in their own chunks, loaded only when needed.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';

// Start from a clean dist/, but keep the browser page (dist/web, built by `npm run build:web`).
const dist = new URL('../dist/', import.meta.url);
if (existsSync(dist)) for (const entry of readdirSync(dist)) if (entry !== 'web') rmSync(new URL(entry, dist), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/index.ts', index: 'src/index.ts', worker: 'src/cli/worker.ts', early: 'src/cli/early-worker.ts' },
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
