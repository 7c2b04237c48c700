/**
 * The command line: arguments → files → config → engine → reporter → exit code.
 * The only module that touches `process`, the file system walk, colours and exit codes.
 */
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { Command, Option, CommanderError } from 'commander';
import type { Mode, Rule } from '../api/rule.js';
import { builtinRules } from '../../rules/index.js';
import { VERSION } from '../version.js';
import { formatFromPath } from '../readers/index.js';
import { lintDocuments, readDocument, type LoadedDocument } from '../core.js';
import { ConfigError } from '../config/validate.js';
import { parseCliRules, presetLayer, resolveConfig, type ConfigLayer, type ResolvedConfig } from '../config/resolve.js';
import { findConfigFile, loadConfigFile, loadPlugins, validateLoadedConfig, type LoadedConfig } from './config-files.js';
import { expandArguments } from './files.js';
import { DEFAULT_LIMITS, ReaderPool, type ReaderLimits } from './reader-pool.js';
import type { Reader } from '../core.js';
import { getReporter, reporters } from '../reporters/index.js';
import type { FileResult } from '../engine/finding.js';
import { RuleError } from '../engine/lint.js';
import { REVIEW_NOTICE_META } from '../engine/notices.js';
import { formatOutline } from './outline.js';
import { formatRuleList } from './list-rules.js';

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/** Biggest input read at all: a 150-page report is a few MB; this guards memory. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface CliOptions {
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
  mode?: Mode;
  listRules?: boolean;
  printConfig?: string;
  outline?: string;
  debug?: boolean;
  color?: boolean;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

const EXAMPLES = `
Examples:
  dhr-lint overview-report.docx                 lint one report
  dhr-lint reviews/case-23/                     lint every .md .txt .docx .pdf in a folder
  dhr-lint "drafts/**/*.docx" --format json     lint by glob, ESLint-style JSON on stdout
  dhr-lint report.pdf --mode publication        check a copy about to be published
  dhr-lint report.md --rule heading-numbering:off --max-warnings 0
  dhr-lint --format sarif -o results.sarif .    for code scanning in CI
  dhr-lint --outline report.docx                show the headings the reader found
  dhr-lint --print-config report.docx           show the config that applies to a file

Exit codes: 0 no errors (and warnings within --max-warnings), 1 error-level findings or too many
warnings, 2 the run could not be done (bad config, unreadable input, internal failure).
Config: dhr-lint.config.{json,yaml,yml}, found from each file's folder upward; .dhrlintignore.
Nothing is sent over the network; input files are never modified.`;

function positiveNumber(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${flag} "${v}": expected a positive number`);
    return n;
  };
}

function buildProgram(): Command {
  const program = new Command();
  program
    .name('dhr-lint')
    .description('Check Domestic Homicide Review reports for the concerns the Home Office QA Panel raises.')
    .usage('[options] [files | folders | globs...]')
    .argument('[paths...]', 'documents to lint (.md .txt .docx .pdf)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(reporters)).default('stylish'))
    .option('-o, --output-file <path>', 'write the report to a file instead of stdout')
    .option('-c, --config <path>', 'use this config file (no lookup of others)')
    .option('--no-config-lookup', 'do not look for dhr-lint.config.* files (use the recommended preset)')
    .option('--rule <id:level>', 'set a rule level, e.g. heading-numbering:off (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new ConfigError(`--max-warnings "${v}": expected a whole number`);
      return n;
    })
    .option('--quiet', 'report errors only')
    .option('--redact', 'mask personal data and configured real names in excerpts and messages (for CI logs and SARIF)')
    .addOption(new Option('--mode <mode>', 'which copy this is (default: settings.mode or submission)').choices(['draft', 'submission', 'publication']))
    .option('--max-read-seconds <n>', `stop reading a file after this many seconds (default ${DEFAULT_LIMITS.timeoutSeconds})`, positiveNumber('--max-read-seconds'))
    .option('--max-read-memory <mb>', `memory a reader may use for one file, in MB (default ${DEFAULT_LIMITS.memoryMb})`, positiveNumber('--max-read-memory'))
    .option('--list-rules', 'list the rules with their group, default level and description')
    .option('--print-config <file>', 'print the configuration that applies to a file')
    .option('--outline <file>', 'print the outline the reader built for a file (with --format json for JSON)')
    .option('--color', 'force colour output')
    .option('--no-color', 'disable colour output')
    .option('--debug', 'show stack traces and reader notes on stderr')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride();
  return program;
}

/** Run the CLI; returns the exit code instead of exiting (tests call this directly). */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s) => io.stderr(s) });
  let opts: CliOptions;
  let paths: string[];
  try {
    program.parse(argv, { from: 'user' });
    opts = program.opts<CliOptions>();
    paths = program.args;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (error instanceof ConfigError) {
      io.stderr(`dhr-lint: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
  try {
    return await execute(opts, paths, io);
  } catch (error) {
    if (error instanceof ConfigError) io.stderr(`dhr-lint: ${error.message}\n`);
    else if (error instanceof RuleError) io.stderr(`dhr-lint: internal error: ${error.message}\n`);
    else io.stderr(`dhr-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (opts.debug && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return EXIT.failure;
  }
}

function useColor(opts: CliOptions, io: Io): boolean {
  if (opts.outputFile) return false;
  if (opts.color !== undefined) return opts.color;
  if ('NO_COLOR' in io.env && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.isTTY;
}

/** Config state shared across the files of one run (configs cached by path). */
class ConfigSource {
  private readonly loaded = new Map<string, LoadedConfig>();
  rules: Rule<object>[] = [...builtinRules];

  constructor(
    private readonly opts: CliOptions,
    private readonly io: Io,
  ) {}

  /** Load the explicit config (if any) and validate it: bad config stops the run before any file. */
  async init(): Promise<void> {
    if (this.opts.config) await this.load(resolve(this.io.cwd, this.opts.config));
  }

  private async load(path: string): Promise<LoadedConfig> {
    let config = this.loaded.get(path);
    if (!config) {
      config = loadConfigFile(path, builtinRules, this.io.cwd);
      if (config.plugins.length) {
        const extra = await loadPlugins(config.plugins);
        const known = new Set(this.rules.map((r) => r.meta.id));
        for (const rule of extra) if (!known.has(rule.meta.id)) this.rules.push(rule);
      }
      validateLoadedConfig(config, this.rules);
      this.loaded.set(path, config);
    }
    return config;
  }

  async configPathFor(file: string): Promise<string | undefined> {
    if (this.opts.config) return resolve(this.io.cwd, this.opts.config);
    if (!this.opts.configLookup) return undefined;
    return findConfigFile(dirname(file));
  }

  async layersFor(file: string): Promise<{ layers: ConfigLayer[]; path?: string }> {
    const path = await this.configPathFor(file);
    if (!path) return { layers: [presetLayer('dhr-lint:recommended', this.rules)] };
    const config = await this.load(path);
    return { layers: config.layers, path };
  }

  async resolveFor(file: string): Promise<ResolvedConfig & { configPath?: string; ignores: string[] }> {
    const { layers, path } = await this.layersFor(file);
    const resolved = resolveConfig(layers, this.rules, {
      relativePath: (base) => relative(base ?? this.io.cwd, file).split('\\').join('/'),
      cliRules: parseCliRules(this.opts.rule),
      cliMode: this.opts.mode,
    });
    const ignores = layers.flatMap((l) => l.ignores ?? []);
    return { ...resolved, configPath: path, ignores };
  }

  /** `ignores` of the config that applies in the working directory. */
  async cwdIgnores(): Promise<string[]> {
    const path = this.opts.config ? resolve(this.io.cwd, this.opts.config) : this.opts.configLookup ? findConfigFile(this.io.cwd) : undefined;
    if (!path) return [];
    const config = await this.load(path);
    return config.layers.flatMap((l) => l.ignores ?? []);
  }
}

async function execute(opts: CliOptions, paths: string[], io: Io): Promise<number> {
  const configs = new ConfigSource(opts, io);
  await configs.init();
  // Command-line rule settings are checked up front so a typo fails before any work.
  const cliRules = parseCliRules(opts.rule);
  const ruleIds = new Set(configs.rules.map((r) => r.meta.id));
  for (const id of Object.keys(cliRules)) if (!ruleIds.has(id)) throw new ConfigError(`--rule: unknown rule "${id}" (see dhr-lint --list-rules)`);

  if (opts.listRules) {
    const text = formatRuleList(configs.rules, opts.format === 'json');
    return emit(text, opts, io);
  }
  if (opts.printConfig) {
    const file = resolve(io.cwd, opts.printConfig);
    const resolved = await configs.resolveFor(file);
    const printable = {
      configFile: resolved.configPath ?? null,
      mode: resolved.mode,
      rules: resolved.ruleSettings,
      settings: { ...resolved.settings, realNames: resolved.settings.realNames.map(() => '(hidden)') },
    };
    return emit(`${JSON.stringify(printable, null, 2)}\n`, opts, io);
  }
  if (opts.outline) {
    const file = resolve(io.cwd, opts.outline);
    const format = formatFromPath(file);
    if (!format) throw new ConfigError(`${opts.outline}: unsupported file type (expected .md, .txt, .docx or .pdf)`);
    const bytes = await readInput(file, opts.outline);
    if (typeof bytes === 'string') {
      io.stderr(`dhr-lint: ${opts.outline}: ${bytes}\n`);
      return EXIT.failure;
    }
    const pool = format === 'docx' || format === 'pdf' ? new ReaderPool(limitsOf(opts)) : undefined;
    try {
      const doc = await readDocument(bytes, relative(io.cwd, file), format, undefined, pool ? (b, f) => pool.read(b, f) : undefined);
      return emit(formatOutline(doc, opts.format === 'json'), opts, io);
    } catch (error) {
      if (error instanceof Error && error.name === 'ReadError') {
        io.stderr(`dhr-lint: ${opts.outline}: ${error.message}\n`);
        return EXIT.failure;
      }
      throw error;
    }
  }

  if (paths.length === 0) {
    io.stderr('dhr-lint: no files given. Try: dhr-lint report.docx (or dhr-lint --help)\n');
    return EXIT.failure;
  }
  const { files, missing } = await expandArguments(paths, io.cwd, await configs.cwdIgnores());
  const results: FileResult[] = [];
  for (const arg of missing) {
    results.push({ filePath: resolve(io.cwd, arg), findings: [], fatal: `no such file, or no .md .txt .docx .pdf files matched "${arg}"`, suppressedCount: 0 });
  }
  results.push(...(await lintFiles(files, configs, opts, io)));

  const reporter = getReporter(opts.format)!;
  const shown = opts.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.level === 'error') })) : results;
  const ruleMap = new Map([...configs.rules.map((r) => r.meta as Rule<object>['meta']), REVIEW_NOTICE_META].map((m) => [m.id, m]));
  const output = reporter(shown, {
    rules: ruleMap,
    cwd: io.cwd,
    color: useColor(opts, io),
    version: VERSION,
    maxWarnings: opts.maxWarnings,
  });
  await emit(output, opts, io);

  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.level === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.level === 'warn').length, 0);
  if (results.some((r) => r.fatal)) return EXIT.failure;
  if (errors > 0) return EXIT.findings;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr(`dhr-lint: ${warnings} warnings found; --max-warnings allows ${opts.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Bytes of an input file, or a one-line reason it cannot be read. */
async function readInput(file: string, shown: string): Promise<Uint8Array | string> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'is a folder';
    if (info.size > MAX_FILE_BYTES) return `too large (${Math.round(info.size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`;
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return `cannot read ${shown}${code ? ` (${code})` : ''}`;
  }
}

type Loaded = LoadedDocument | FileResult;

function limitsOf(opts: CliOptions): ReaderLimits {
  return { timeoutSeconds: opts.maxReadSeconds ?? DEFAULT_LIMITS.timeoutSeconds, memoryMb: opts.maxReadMemory ?? DEFAULT_LIMITS.memoryMb };
}

/** Read, configure and build the model of one file; a file that cannot be read becomes a fatal result. */
async function loadFile(file: string, configs: ConfigSource, opts: CliOptions, io: Io, read?: Reader): Promise<Loaded> {
  const format = formatFromPath(file);
  if (!format) {
    return { filePath: file, findings: [], fatal: 'unsupported file type (expected .md, .txt, .docx or .pdf)', suppressedCount: 0 };
  }
  const bytes = await readInput(file, file);
  if (typeof bytes === 'string') return { filePath: file, format, findings: [], fatal: bytes, suppressedCount: 0 };
  const config = await configs.resolveFor(file);
  const base = config.configPath ? dirname(config.configPath) : io.cwd;
  const documentSetting = config.settings.documents.find((d) => resolve(base, d.path) === file);
  const kind = documentSetting && documentSetting.kind !== 'appendix' ? documentSetting.kind : undefined;
  try {
    const document = await readDocument(bytes, file, format, kind, read);
    if (opts.debug) for (const note of document.notes) io.stderr(`dhr-lint: ${relative(io.cwd, file)}: ${note}\n`);
    return { filePath: file, document, config, group: documentSetting ? (config.configPath ?? base) : undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (error instanceof Error && error.name === 'ReadError') return { filePath: file, format, findings: [], fatal: message, suppressedCount: 0 };
    // An unexpected failure inside a reader: this file could not be linted; the others go on.
    if (opts.debug && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return { filePath: file, format, findings: [], fatal: `could not read the file: ${message}`, suppressedCount: 0 };
  }
}

/**
 * Lint files as reviews. Files are handled folder by folder (a review's documents sit together)
 * so memory holds one folder's documents at a time; files paired by configuration are kept for a
 * last batch since they may sit in different folders.
 */
async function lintFiles(files: string[], configs: ConfigSource, opts: CliOptions, io: Io): Promise<FileResult[]> {
  const results = new Map<string, FileResult>();
  const paired: LoadedDocument[] = [];
  const folders = new Map<string, string[]>();
  for (const file of files) folders.set(dirname(file), [...(folders.get(dirname(file)) ?? []), file]);
  const flush = (batch: LoadedDocument[]): void => {
    for (const r of lintDocuments(batch, { redact: opts.redact })) results.set(r.filePath, r);
  };
  // Word and PDF parsers (and any run of several files) read in worker threads, with a time and
  // memory limit per file; a single Markdown or text file is read in-process (faster start).
  const usePool = files.length > 1 || files.some((f) => /\.(docx|pdf)$/i.test(f)) || opts.maxReadSeconds !== undefined || opts.maxReadMemory !== undefined;
  const pool = usePool
    ? new ReaderPool(limitsOf(opts))
    : undefined;
  const read: Reader | undefined = pool ? (bytes, format) => pool.read(bytes, format) : undefined;
  for (const folderFiles of folders.values()) {
    const batch: LoadedDocument[] = [];
    // Start every read of the folder at once: the pool runs as many as there are cores.
    const loadedFiles = await Promise.all(folderFiles.map((file) => loadFile(file, configs, opts, io, read)));
    loadedFiles.forEach((loaded, i) => {
      if ('findings' in loaded) results.set(folderFiles[i]!, loaded);
      else if (loaded.group !== undefined) paired.push(loaded);
      else batch.push(loaded);
    });
    flush(batch);
  }
  flush(paired);
  return files.map((f) => results.get(f)!);
}

async function emit(text: string, opts: CliOptions, io: Io): Promise<number> {
  if (opts.outputFile) {
    const path = resolve(io.cwd, opts.outputFile);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } else if (text) {
    io.stdout(text);
  }
  return EXIT.ok;
}
