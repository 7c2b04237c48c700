/**
 * What the page runs (inside its Web Worker): the CLI's core — readers, config resolution and
 * validation, review grouping, rules, the JSON and HTML reporters — on files given as bytes.
 * Environment-neutral: no DOM, no Node built-ins beyond what the shared modules import (the
 * browser build swaps those for small stand-ins), so the Node tests run it as it is.
 *
 * In the page files have names but no folders: all the files checked together are one folder, so
 * they are grouped into reviews exactly as the CLI groups the files of one folder.
 */
import type { Mode } from '../api/rule.js';
import type { DocumentKind, Format } from '../model/types.js';
import { builtinRules } from '../../rules/index.js';
import { readDocument, lintDocuments, type LoadedDocument } from '../core.js';
import { formatFromPath } from '../readers/index.js';
import { isPreset, presetLayer, resolveConfig, PRESETS, type ConfigLayer, type PresetName, type ResolvedConfig } from '../config/resolve.js';
import { ConfigError, validateConfig } from '../config/validate.js';
import type { FileResult } from '../engine/finding.js';
import { REVIEW_NOTICE_META } from '../engine/notices.js';
import type { RuleMeta } from '../api/rule.js';
import { json } from '../reporters/json.js';
import { html } from '../reporters/html.js';
import type { ReporterContext } from '../reporters/types.js';
import { VERSION } from '../version.js';
import { formatSize } from '../model/limits.js';

export { ConfigError, PRESETS, type PresetName };

/** Largest file read, in MB, by format (as the CLI's defaults). */
export const MAX_FILE_MB: Record<Format, number> = { markdown: 20, text: 20, docx: 200, pdf: 200 };

export interface PageFile {
  name: string;
  bytes: Uint8Array;
}

export interface PageConfig {
  /** The file name, as messages name it. */
  name: string;
  value: Record<string, unknown>;
  /** Presets the configuration extends; undefined when it does not say (the page's choice applies). */
  extends?: PresetName[];
}

export interface PageOptions {
  mode: Mode;
  /** Used when there is no configuration, or it has no `extends`. */
  preset: PresetName;
  config?: PageConfig;
  /** Mask personal data and configured real names in excerpts and messages (as --redact). */
  redact?: boolean;
}

export interface PageProgress {
  /** 0-based index of the file being read. */
  index: number;
  count: number;
  name: string;
  stage: 'reading' | 'checking';
  page?: number;
  pages?: number;
}

export interface PageRun {
  results: FileResult[];
  /** As `dhr-lint --format json`. */
  json: string;
  /** As `dhr-lint --format html`. */
  html: string;
  /** Milliseconds spent reading the documents and linting them. */
  readMs: number;
  lintMs: number;
}

/**
 * Parse and validate a dhr-lint.config.json (or .yaml) loaded in the page. Throws ConfigError with
 * a one-line message naming the key, as the CLI does; what only the CLI can do (extending other
 * files, plugins, which are code on the disk) is refused with a reason.
 */
export async function parsePageConfig(name: string, text: string): Promise<PageConfig> {
  let value: unknown;
  try {
    if (/\.ya?ml$/i.test(name)) value = ((await import('yaml')).parse(text) as unknown) ?? {};
    else value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`${name}: cannot parse: ${reason}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${name}: a config file must hold an object (keys such as extends, rules, settings)`);
  }
  validateConfig(value, builtinRules, name);
  const raw = value as Record<string, unknown>;
  if (Array.isArray(raw.plugins) && raw.plugins.length > 0) {
    throw new ConfigError(`${name}: plugins cannot be loaded in the page (they are programs on your disk): use the dhr-lint command for plugin rules`);
  }
  let presets: PresetName[] | undefined;
  if (raw.extends !== undefined) {
    const list = (Array.isArray(raw.extends) ? raw.extends : [raw.extends]) as string[];
    presets = [];
    for (const entry of list) {
      if (isPreset(entry)) presets.push(entry);
      else if (entry.startsWith('dhr-lint:')) throw new ConfigError(`${name}: unknown preset "${entry}" (presets: ${PRESETS.join(', ')})`);
      else {
        throw new ConfigError(
          `${name}: extends "${entry}": the page can only extend the built-in presets (${PRESETS.join(', ')}); copy that file's rules and settings into this one, or use the dhr-lint command`,
        );
      }
    }
  }
  const config: PageConfig = { name, value: raw, extends: presets };
  // Resolve once now, so bad rule options are reported when the file is loaded, not later.
  resolvePageConfig({ mode: 'submission', preset: 'dhr-lint:recommended', config }, 'report.docx');
  return config;
}

/** The configuration one file is linted with: presets, the config file, its overrides, the mode. */
export function resolvePageConfig(options: PageOptions, fileName: string): ResolvedConfig {
  const presets = options.config?.extends ?? [options.preset];
  const layers: ConfigLayer[] = presets.map((p) => presetLayer(p, builtinRules));
  if (options.config) {
    const { extends: _extends, plugins: _plugins, ...rest } = options.config.value;
    layers.push({ ...(rest as Omit<ConfigLayer, 'source'>), source: options.config.name, base: '' });
  }
  return resolveConfig(layers, builtinRules, { relativePath: () => fileName, cliMode: options.mode });
}

/** settings.documents paths are relative to the config file; in the page, files match by name. */
function documentSetting(config: ResolvedConfig, name: string): { kind?: DocumentKind; paired: boolean } {
  const base = (p: string): string => p.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  const entry = config.settings.documents.find((d) => base(d.path) === name.toLowerCase());
  if (!entry) return { paired: false };
  return { kind: entry.kind !== 'appendix' ? entry.kind : undefined, paired: true };
}

function fatal(filePath: string, message: string, format?: Format): FileResult {
  return { filePath, format, findings: [], fatal: message, suppressedCount: 0 };
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function reporterContext(): ReporterContext {
  const metas = [...builtinRules.map((r) => r.meta), REVIEW_NOTICE_META] as RuleMeta<object>[];
  return { rules: new Map(metas.map((m) => [m.id, m])), cwd: '', color: false, version: VERSION };
}

/**
 * Read and lint files as the CLI reads and lints the files of one folder (`lintFiles`): files the
 * configuration pairs in settings.documents form one review, the others are grouped by kind.
 */
export async function lintInPage(files: PageFile[], options: PageOptions, onProgress?: (p: PageProgress) => void): Promise<PageRun> {
  const started = now();
  const results = new Map<number, FileResult>();
  const batch: { index: number; loaded: LoadedDocument }[] = [];
  const paired: { index: number; loaded: LoadedDocument }[] = [];
  for (const [index, file] of files.entries()) {
    const { name, bytes } = file;
    onProgress?.({ index, count: files.length, name, stage: 'reading' });
    const format = formatFromPath(name);
    if (!format) {
      results.set(index, fatal(name, 'unsupported file type (expected .md, .txt, .docx or .pdf)'));
      continue;
    }
    if (bytes.length > MAX_FILE_MB[format] * 1048576) {
      results.set(index, fatal(name, `too large (${formatSize(bytes.length)}; the limit for this kind of file is ${MAX_FILE_MB[format]} MB)`, format));
      continue;
    }
    const config = resolvePageConfig(options, name);
    const { kind, paired: isPaired } = documentSetting(config, name);
    try {
      const document = await readDocument(bytes, name, format, kind);
      const loaded: LoadedDocument = { filePath: name, document, config, group: isPaired ? options.config?.name ?? 'config' : undefined };
      (isPaired ? paired : batch).push({ index, loaded });
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      if (error instanceof Error && error.name === 'ReadError') results.set(index, fatal(name, message, format));
      else results.set(index, fatal(name, `could not read the file: ${message}`, format));
    }
  }
  const read = now();
  onProgress?.({ index: files.length - 1, count: files.length, name: files.at(-1)?.name ?? '', stage: 'checking' });
  for (const group of [batch, paired]) {
    const linted = lintDocuments(
      group.map((g) => g.loaded),
      { redact: options.redact },
    );
    linted.forEach((r, i) => results.set(group[i]!.index, r));
  }
  const ordered = files.map((_, i) => results.get(i)!);
  const lintMs = now() - read;
  const context = reporterContext();
  return { results: ordered, json: json(ordered, context), html: html(ordered, context), readMs: read - started, lintMs };
}
