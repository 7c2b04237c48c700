/**
 * The worker thread's entry point. It runs the worker's code (`worker-main.cjs`, one CommonJS
 * bundle of worker.ts) through V8's code cache, `worker-main.cache`, which the build writes after
 * a worker run over sample documents: the worker then starts with its functions already compiled,
 * instead of parsing and compiling some 4 MB of JavaScript in every run (about 100 ms).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import { compileCommonJs, readBundle, readCodeCache, runCommonJs, stampBundle, writeCodeCache } from './code-cache.js';
import type { WorkerStart } from './early-worker.js';

const WORKER_MAIN = fileURLToPath(new URL('./worker-main.cjs', import.meta.url));
const WORKER_CACHE = fileURLToPath(new URL('./worker-main.cache', import.meta.url));

/**
 * Below this heap limit (MB; --max-read-memory) the worker runs from the ES module build, which
 * loads only the reader it needs: the whole bundle's source, and its compiled code taken in at
 * once, need some 10 MB more heap. It does so too when no cache was made for this very bundle.
 */
const CACHE_MIN_HEAP_MB = 64;

// The build's run (WorkerStart.samples): stamp the bundle, compile it afresh, lint the samples,
// then write the cache for that stamp.
const writing = Boolean((workerData as WorkerStart | undefined)?.samples);
const roomy = (resourceLimits.maxOldGenerationSizeMb ?? Infinity) >= CACHE_MIN_HEAP_MB;
if (writing) stampBundle(WORKER_MAIN);
const bundle = writing || (roomy && existsSync(WORKER_CACHE)) ? readBundle(WORKER_MAIN) : undefined;
const cachedData = bundle && !writing ? readCodeCache(WORKER_CACHE, bundle.stamp) : undefined;
if (bundle && (writing || cachedData)) {
  const script = compileCommonJs(WORKER_MAIN, bundle.source, cachedData);
  const exported = runCommonJs(script, WORKER_MAIN);
  if (writing) {
    await exported.samplesLinted;
    writeCodeCache(WORKER_CACHE, bundle.stamp!, script.createCachedData());
    parentPort!.postMessage({ codeCache: WORKER_CACHE });
  }
} else {
  // A specifier the bundler leaves alone: worker-esm.js is its own entry point.
  await import(new URL('./worker-esm.js', import.meta.url).href);
}
