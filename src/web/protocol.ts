/** Messages between the page and its Web Worker (structured-cloned plain data). */
import type { Mode } from '../api/rule.js';
import type { PresetName } from '../config/resolve.js';
import type { FileResult } from '../engine/finding.js';

export type WorkerRequest =
  | { type: 'config'; id: number; name: string; text?: string }
  | {
      type: 'lint';
      id: number;
      files: { name: string; bytes: ArrayBuffer }[];
      mode: Mode;
      preset: PresetName;
      redact: boolean;
    };

export type WorkerResponse =
  | { type: 'ready'; id: 0 }
  | { type: 'config'; id: number; ok: true; extends?: PresetName[]; mode?: Mode }
  | { type: 'config'; id: number; ok: false; message: string }
  | { type: 'progress'; id: number; index: number; count: number; name: string; stage: 'reading' | 'checking'; page?: number; pages?: number }
  | { type: 'done'; id: number; results: FileResult[]; json: string; html: string; readMs: number; lintMs: number }
  | { type: 'failed'; id: number; config: boolean; message: string };
