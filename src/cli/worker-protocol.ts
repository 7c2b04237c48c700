/**
 * Messages between the CLI and its worker threads. Everything here survives structured cloning:
 * rules travel as ids (the worker has the same built-in rules), findings come back as plain data.
 */
import type { MessagePort } from 'node:worker_threads';
import type { DocumentKind, Format, Level, ReaderResult } from '../model/types.js';
import type { Mode } from '../api/rule.js';
import type { Settings } from '../config/settings.js';
import type { RuleShard } from '../engine/lint.js';
import type { FileResult } from '../engine/finding.js';

/** A resolved config without functions: rule ids, levels and validated options. */
export interface PortableConfig {
  rules: { id: string; level: Level; options: object }[];
  settings: Settings;
  mode: Mode;
}

export interface LintJobFile {
  filePath: string;
  format: Format;
  /** Absent when the job receives what was read from another worker (`from`). */
  bytes?: Uint8Array;
  kind?: DocumentKind;
  /** Index into `LintJob.configs`. */
  config: number;
}

/** Read and lint the documents of one folder (one review) in a worker. */
export interface LintJob {
  files: LintJobFile[];
  configs: PortableConfig[];
  redact: boolean;
  shard?: RuleShard;
  /**
   * Sharing one folder between workers, it is read once: the reading worker posts each file's
   * reader result (or failure) to the others (`to`), which receive them (`from`).
   */
  to?: MessagePort[];
  from?: MessagePort;
  /** Collect time per rule (TIMING). */
  timing: boolean;
}

/** What a reading worker passes on for each file, in order. */
export type SharedRead = { ok: true; result: ReaderResult } | { ok: false; name: string; message: string };

/**
 * Between the workers sharing a folder: the reading worker sends each file's reader result
 * (`read`); for formats read in parts, the others first send it the part they read (`part`).
 * Two workers sharing a Markdown file swap their parts and each joins the document.
 */
export type PeerMessage = { kind: 'read'; read: SharedRead } | { kind: 'part'; ok: true; part: unknown } | { kind: 'part'; ok: false; name: string; message: string };

export interface LintJobResult {
  results: FileResult[];
  /** Reader notes per file (shown with --debug). */
  notes: string[][];
  timing?: [string, number][];
}

export type Request = { id: number; type: 'read'; bytes: Uint8Array; format: Format } | ({ id: number; type: 'lint' } & LintJob);

export type Reply =
  | { id: number; ok: true; result: ReaderResult | LintJobResult }
  | { id: number; ok: false; name: string; message: string; ruleId?: string };
