/** The built-in output formats, by the name given to `--format`. */
import type { Reporter } from './types.js';
import { stylish } from './stylish.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { github } from './github.js';
import { html } from './html.js';

export type { Reporter, ReporterContext } from './types.js';

export const reporters: Record<string, Reporter> = { stylish, json, sarif, github, html };

export function getReporter(name: string): Reporter | undefined {
  // Own keys only: "constructor" or "toString" are not formats.
  return Object.hasOwn(reporters, name) ? reporters[name] : undefined;
}
