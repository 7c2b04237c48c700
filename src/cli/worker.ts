/**
 * Worker thread entry. Two kinds of job, one at a time: read a document's bytes (`read`, for
 * --outline and for retrying a folder file by file), or read and lint a folder's documents
 * (`lint`), so that both cores run rules and the main thread holds no document.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { formatFromPath, readBytes, readPart, readsInParts, type PartRead } from '../readers/index.js';
import { assertNesting } from '../model/limits.js';
import { lintDocuments, readDocument, type LoadedDocument } from '../core.js';
import { builtinRules } from '../../rules/index.js';
import { enableRuleTiming, RuleError } from '../engine/lint.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { FileResult } from '../engine/finding.js';
import type { LintJob, LintJobFile, LintJobResult, PeerMessage, PortableConfig, Reply, Request, SharedRead } from './worker-protocol.js';
import type { Format, ReaderResult } from '../model/types.js';
import { DEFAULT_SETTINGS } from '../config/settings.js';
import type { WorkerStart } from './early-worker.js';

const rulesById = new Map(builtinRules.map((r) => [r.meta.id, r]));

function resolved(config: PortableConfig): ResolvedConfig {
  return {
    rules: config.rules.map(({ id, level, options }) => {
      const rule = rulesById.get(id);
      if (!rule) throw new Error(`rule "${id}" is not built in (plugin rules run on the main thread)`);
      return { rule, level, options };
    }),
    settings: config.settings,
    mode: config.mode,
    ruleSettings: {},
  };
}

/** Messages from a peer worker, taken in order per kind. */
function receiver(port: MessagePort): <K extends PeerMessage['kind']>(kind: K) => Promise<Extract<PeerMessage, { kind: K }>> {
  const waiting = new Map<string, ((m: PeerMessage) => void)[]>();
  const arrived = new Map<string, PeerMessage[]>();
  port.on('message', (message: PeerMessage) => {
    const next = waiting.get(message.kind)?.shift();
    if (next) next(message);
    else arrived.set(message.kind, [...(arrived.get(message.kind) ?? []), message]);
  });
  return (kind) => {
    const queued = arrived.get(kind)?.shift();
    if (queued) return Promise.resolve(queued as never);
    return new Promise((resolve) => waiting.set(kind, [...(waiting.get(kind) ?? []), resolve as (m: PeerMessage) => void]));
  };
}

function failure(error: unknown): { ok: false; name: string; message: string } {
  return { ok: false, name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
}

/** A file read ahead of its job (WorkerStart.prefetch): its bytes, and what the reader made of them. */
let prefetched: { format: Format; bytes: Promise<Uint8Array | undefined>; result: Promise<ReaderResult> } | undefined;

function prefetch(path: string): void {
  const format = formatFromPath(path);
  if (!format) return;
  const bytes = readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength), () => undefined);
  const result = bytes.then((b) => (b ? readBytes(b, format) : Promise.reject(new Error('not read'))));
  // Its failure, if any, is met again when the job reads the same bytes.
  result.catch(() => undefined);
  prefetched = { format, bytes, result };
}

/**
 * Read a document's bytes, taking the early reading when it was of exactly these bytes (the file
 * may have changed since, or the job may be another file): the result is the same either way.
 */
async function read(bytes: Uint8Array, format: Format): Promise<ReaderResult> {
  const early = prefetched;
  prefetched = undefined;
  const own = early?.format === format ? await early.bytes : undefined;
  if (own && Buffer.from(own.buffer, own.byteOffset, own.byteLength).equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) return early!.result;
  return readBytes(bytes, format);
}

/** Read a whole file here (one worker, or after a part failed). */
async function readWhole(file: LintJobFile): Promise<SharedRead> {
  try {
    const result = await read(file.bytes!, file.format);
    // Checked before posting: a pathologically deep tree would overflow the serialiser.
    assertNesting(result.tree);
    return { ok: true, result };
  } catch (error) {
    return failure(error);
  }
}

/** Read this worker's part; the part (or why it failed) goes to `post`. */
async function ownPart(file: LintJobFile, index: number, count: number, post: (message: PeerMessage) => void): Promise<PartRead | undefined> {
  try {
    const read = await readPart(file.bytes!, file.format, index, count);
    post({ kind: 'part', ok: true, part: read.part });
    return read;
  } catch (error) {
    post({ kind: 'part', ...failure(error) });
    return undefined;
  }
}

/**
 * Join a file from every part (this worker's among them). If any part failed, every worker that
 * joins reads the whole file instead, so they all end with the same result.
 */
async function joinAll(file: LintJobFile, mine: PartRead | undefined, index: number, others: Promise<Extract<PeerMessage, { kind: 'part' }>>[]): Promise<SharedRead> {
  const received = await Promise.all(others);
  if (!mine || received.some((m) => !m.ok)) {
    await mine?.close();
    return readWhole(file);
  }
  const parts = received.map((m) => (m as { part: unknown }).part);
  parts.splice(index, 0, mine.part);
  try {
    const result = await mine.join(parts);
    assertNesting(result.tree);
    return { ok: true, result };
  } catch (error) {
    return failure(error);
  }
}

/**
 * A short made-up report linted while the reading worker is busy: rules compile their patterns
 * and the JIT warms up, so this worker's share of the rules starts at full speed.
 */
const WARM_UP = [
  '# Overview Report',
  '## 1. Introduction',
  'The review panel met six times. Adult A (the victim) was 34; the police, the GP practice and Children’s Social Care knew the family. She said he was controlling.',
  '## 2. Terms of Reference',
  'The review covered 1 March 2020 to 4 May 2023 (DHR, MARAC and IDVA as defined).',
  '## 3. Recommendations',
  '| No. | Recommendation | Action | Lead agency | Target date | Outcome |',
  '|---|---|---|---|---|---|',
  '| 1 | Train staff in coercive control | Deliver training | Police | March 2027 | Staff confident |',
].join('\n\n');

function warmUp(config: ResolvedConfig, shard: LintJob['shard']): void {
  const bytes = new TextEncoder().encode(WARM_UP);
  void readDocument(bytes, 'warm-up.md', 'markdown').then((document) => {
    lintDocuments([{ filePath: 'warm-up.md', document, config }], { shard });
  }).catch(() => undefined);
}

/** Lint sample documents of every format (the build's run that fills the code cache: worker-loader.ts). */
async function lintSamples(paths: string[], config: ResolvedConfig): Promise<void> {
  for (const path of paths) {
    const format = formatFromPath(path);
    if (!format) continue;
    const document = await readDocument(new Uint8Array(await readFile(path)), path, format);
    lintDocuments([{ filePath: path, document, config }]);
  }
}

async function lintJob(job: LintJob): Promise<LintJobResult> {
  const timing = job.timing ? enableRuleTiming() : undefined;
  timing?.clear();
  const configs = job.configs.map(resolved);
  const count = job.shard?.count ?? 1;
  const peers = (job.to ?? []).map(receiver);
  const source = job.from ? receiver(job.from) : undefined;
  // A worker that waits for another's reading warms its rules up meanwhile (once; not when timing).
  let warm = !source || timing !== undefined || !configs[0];
  const warmOnce = (): void => {
    if (warm) return;
    warm = true;
    warmUp(configs[0]!, job.shard);
  };
  const loaded: LoadedDocument[] = [];
  const results: (FileResult | undefined)[] = [];
  const notes: string[][] = [];
  try {
    for (const [i, file] of job.files.entries()) {
      notes.push([]);
      let read: SharedRead;
      const index = job.shard?.index ?? 0;
      if (count > 1 && file.bytes && readsInParts(file.format)) {
        if (count === 2) {
          // Two workers swap parts and each joins the file: no whole document is posted.
          const port = job.from ?? job.to![0]!;
          const mine = await ownPart(file, index, 2, (m) => port.postMessage(m));
          read = await joinAll(file, mine, index, [(source ?? peers[0]!)('part')]);
        } else if (source) {
          // More workers: parts go to the reading worker, which joins and posts the result.
          const mine = await ownPart(file, index, count, (m) => job.from!.postMessage(m));
          await mine?.close();
          warmOnce();
          read = (await source('read')).read;
        } else {
          const mine = await ownPart(file, 0, count, () => undefined);
          read = await joinAll(file, mine, 0, peers.map((peer) => peer('part')));
          for (const port of job.to ?? []) port.postMessage({ kind: 'read', read } satisfies PeerMessage);
        }
      } else if (source) {
        // Warm the rules up while the reading worker reads the whole file.
        warmOnce();
        read = (await source('read')).read;
      } else {
        read = await readWhole(file);
        for (const port of job.to ?? []) port.postMessage({ kind: 'read', read } satisfies PeerMessage);
      }
      try {
        if (!read.ok) throw Object.assign(new Error(read.message), { name: read.name });
        const result: ReaderResult = read.result;
        const document = await readDocument(new Uint8Array(), file.filePath, file.format, file.kind, async () => result);
        notes[i] = document.notes;
        loaded.push({ filePath: file.filePath, document, config: configs[file.config]! });
        results.push(undefined);
      } catch (error) {
        // A file that cannot be read is reported and the others of the folder go on.
        if (!(error instanceof Error) || error.name !== 'ReadError') throw error;
        results.push({ filePath: file.filePath, format: file.format, findings: [], fatal: error.message, suppressedCount: 0 });
      }
    }
  } finally {
    job.from?.close();
    for (const port of job.to ?? []) port.close();
  }
  const linted = lintDocuments(loaded, { redact: job.redact, shard: job.shard });
  let next = 0;
  return { results: results.map((r) => r ?? linted[next++]!), notes, timing: timing ? [...timing] : undefined };
}

async function handle(request: Request): Promise<void> {
  try {
    let result;
    if (request.type === 'read') {
      result = await read(request.bytes, request.format);
      // Checked before posting: a pathologically deep tree would overflow the serialiser.
      assertNesting(result.tree);
    } else {
      result = await lintJob(request);
    }
    parentPort!.postMessage({ id: request.id, ok: true, result } satisfies Reply);
  } catch (error) {
    parentPort!.postMessage({
      id: request.id,
      ok: false,
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof RuleError && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error),
      ruleId: error instanceof RuleError ? error.ruleId : undefined,
    } satisfies Reply);
  }
}

parentPort!.on('message', (request: Request) => void handle(request));

const allRules = (): ResolvedConfig =>
  resolved({
    rules: builtinRules.map((r) => ({ id: r.meta.id, level: 'warn', options: r.meta.defaultOptions ?? {} })),
    settings: DEFAULT_SETTINGS,
    mode: DEFAULT_SETTINGS.mode,
  });

// Started ahead of the CLI (early-worker.ts): read the file named on the command line, or else warm
// every built-in rule up, while the CLI loads.
const start = workerData as WorkerStart | undefined;
if (start?.prefetch) prefetch(start.prefetch);
else if (start?.warmUp) warmUp(allRules(), undefined);

/** Settled once the samples asked for (WorkerStart.samples) are linted. */
export const samplesLinted: Promise<void> = start?.samples ? lintSamples(start.samples, allRules()) : Promise.resolve();
