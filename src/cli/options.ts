/** Parsed command-line options and the process handles the CLI works with. */
import type { Mode } from '../api/rule.js';

export interface CliOptions {
  format: string;
  outputFile?: string;
  config?: string;
  configLookup: boolean;
  rule: string[];
  maxWarnings?: number;
  quiet?: boolean;
  redact?: boolean;
  maxReadSeconds?: number;
  maxReadMemory?: number;
  maxFileSize?: number;
  concurrency?: number;
  cache?: boolean;
  cacheLocation?: string;
  mode?: Mode;
  listRules?: boolean;
  printConfig?: string;
  outline?: string;
  /** Write a copy of the one .docx input with the findings as Word comments. */
  annotate?: string;
  debug?: boolean;
  color?: boolean;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal (colours). */
  isTTY: boolean;
  /** stderr is a terminal (progress bar). */
  stderrIsTTY?: boolean;
}
