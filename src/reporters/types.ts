import type { FileResult } from '../engine/finding.js';
import type { RuleMeta } from '../api/rule.js';

export interface ReporterContext {
  /** Metadata of every rule that ran (for SARIF descriptors and docs links). */
  rules: ReadonlyMap<string, RuleMeta<object>>;
  /** Working directory: reporters print paths relative to it. */
  cwd: string;
  /** Colour output (stylish only): decided by the CLI from TTY, NO_COLOR and FORCE_COLOR. */
  color: boolean;
  /** dhr-lint's version (SARIF tool driver, JSON schema version). */
  version: string;
  /** Max warnings, to say in the summary when exceeded. */
  maxWarnings?: number;
}

/** A reporter turns results into the text to print or write; it never reads a document. */
export type Reporter = (results: FileResult[], context: ReporterContext) => string;
