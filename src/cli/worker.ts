/**
 * Worker thread entry. Two kinds of job, one at a time: read a document's bytes (`read`, for
 * --outline and for retrying a folder file by file), or read and lint a folder's documents
 * (`lint`), so that both cores run rules and the main thread holds no document.
 */
import { parentPort } from 'node:worker_threads';
import { readBytes } from '../readers/index.js';
import { assertNesting } from '../model/limits.js';
import { lintDocuments, readDocument, type LoadedDocument } from '../core.js';
import { builtinRules } from '../../rules/index.js';
import { enableRuleTiming, RuleError } from '../engine/lint.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { FileResult } from '../engine/finding.js';
import type { LintJob, LintJobResult, PortableConfig, Reply, Request } from './worker-protocol.js';

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

async function lintJob(job: LintJob): Promise<LintJobResult> {
  const timing = job.timing ? enableRuleTiming() : undefined;
  timing?.clear();
  const configs = job.configs.map(resolved);
  const loaded: LoadedDocument[] = [];
  const results: (FileResult | undefined)[] = [];
  const notes: string[][] = [];
  for (const [i, file] of job.files.entries()) {
    notes.push([]);
    try {
      const document = await readDocument(file.bytes, file.filePath, file.format, file.kind);
      notes[i] = document.notes;
      loaded.push({ filePath: file.filePath, document, config: configs[file.config]! });
      results.push(undefined);
    } catch (error) {
      // A file that cannot be read is reported and the others of the folder go on.
      if (!(error instanceof Error) || error.name !== 'ReadError') throw error;
      results.push({ filePath: file.filePath, format: file.format, findings: [], fatal: error.message, suppressedCount: 0 });
    }
  }
  const linted = lintDocuments(loaded, { redact: job.redact, shard: job.shard });
  let next = 0;
  return { results: results.map((r) => r ?? linted[next++]!), notes, timing: timing ? [...timing] : undefined };
}

async function handle(request: Request): Promise<void> {
  try {
    let result;
    if (request.type === 'read') {
      result = await readBytes(request.bytes, request.format);
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
