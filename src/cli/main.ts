/**
 * The command line: arguments → files → config → engine → reporter → exit code.
 * The only module that touches `process`, the file system walk, colours and exit codes.
 */
import { writeFile, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Command, Option, CommanderError } from 'commander';
import type { Rule } from '../api/rule.js';
import { VERSION } from '../version.js';
import { formatFromPath } from '../readers/index.js';
import { readDocument } from '../core.js';
import { ConfigError } from '../config/validate.js';
import { parseCliRules } from '../config/resolve.js';
import { expandArguments } from './files.js';
import { DEFAULT_LIMITS, WorkerPool } from './worker-pool.js';
import { ConfigSource } from './config-source.js';
import { lintFiles, limitsOf, readInput } from './lint-files.js';
import type { CliOptions, Io } from './options.js';
import { getReporter, reporters } from '../reporters/index.js';
import type { FileResult } from '../engine/finding.js';
import { RuleError, enableRuleTiming } from '../engine/lint.js';
import { REVIEW_NOTICE_META } from '../engine/notices.js';
import { formatOutline } from './outline.js';
import { formatRuleList } from './list-rules.js';
import { annotateDocx } from '../annotate/docx-comments.js';

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;




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
  dhr-lint report.docx --annotate checked.docx  a copy of the report with the findings as Word comments
  dhr-lint report.docx -f html -o report.html   one HTML page to read, print or share

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
    .option('--max-read-seconds <n>', `stop reading and checking a file after this many seconds (default ${DEFAULT_LIMITS.timeoutSeconds})`, positiveNumber('--max-read-seconds'))
    .option('--max-read-memory <mb>', `heap a worker may use for one file, in MB (default ${DEFAULT_LIMITS.memoryMb})`, positiveNumber('--max-read-memory'))
    .option('--max-file-size <mb>', 'largest file to read, in MB (default 20 for .md/.txt, 200 for .docx/.pdf)', positiveNumber('--max-file-size'))
    .option('--concurrency <n>', 'worker threads that read and lint at once (default: the number of cores, at most 8)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`--concurrency "${v}": expected a whole number from 1 to 64`);
      return n;
    })
    .option('--annotate <out.docx>', 'write a copy of the (one) .docx input with each finding as a Word comment')
    .option('--cache', 'reuse results of unchanged files (stored in .dhrlintcache; holds short excerpts of the reports)')
    .option('--cache-location <path>', 'where --cache keeps its file')
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
    const bytes = await readInput(file, format, opts.maxFileSize);
    if (typeof bytes === 'string') {
      io.stderr(`dhr-lint: ${opts.outline}: ${bytes}\n`);
      return EXIT.failure;
    }
    const pool = format === 'docx' || format === 'pdf' ? new WorkerPool(limitsOf(opts)) : undefined;
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
  const timing = io.env.TIMING ? enableRuleTiming() : undefined;
  const { files, missing } = await expandArguments(paths, io.cwd, await configs.cwdIgnores());
  const annotateTo = opts.annotate !== undefined ? await checkAnnotate(opts, files, missing, io) : undefined;
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
  if (timing) io.stderr(formatTiming(timing, Number(io.env.TIMING) || 10));

  let annotateFailed = false;
  if (annotateTo && files.length === 1 && results.length === 1 && results[0]!.fatal === undefined) {
    annotateFailed = !(await writeAnnotated(files[0]!, annotateTo, shown[0]!.findings, io));
  }

  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.level === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.level === 'warn').length, 0);
  if (results.some((r) => r.fatal) || annotateFailed) return EXIT.failure;
  if (errors > 0) return EXIT.findings;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr(`dhr-lint: ${warnings} warnings found; --max-warnings allows ${opts.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** The slowest rules, as ESLint prints them with TIMING=N. */
function formatTiming(timing: Map<string, number>, count: number): string {
  const total = [...timing.values()].reduce((a, b) => a + b, 0) || 1;
  const rows = [...timing.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  const width = Math.max(4, ...rows.map(([id]) => id.length));
  const lines = rows.map(([id, ms]) => `${id.padEnd(width)}  ${ms.toFixed(1).padStart(9)}  ${((ms / total) * 100).toFixed(1).padStart(5)}%`);
  return `${'Rule'.padEnd(width)}  ${'Time (ms)'.padStart(9)}  ${'Share'.padStart(6)}\n${lines.join('\n')}\n`;
}

/**
 * `--annotate <out.docx>`: one .docx input, a .docx output in an existing folder, and never the
 * input itself (same real path, or the same file through a hard link). Returns the output path.
 */
async function checkAnnotate(opts: CliOptions, files: string[], missing: string[], io: Io): Promise<string> {
  const given = opts.annotate!;
  if (files.length + missing.length !== 1) {
    throw new ConfigError(`--annotate takes exactly one .docx file to copy with comments (${files.length + missing.length} given)`);
  }
  const input = files[0];
  if (input !== undefined && formatFromPath(input) !== 'docx') {
    throw new ConfigError(`--annotate: ${relative(io.cwd, input) || input} is not a Word .docx file (comments can only be added to .docx files)`);
  }
  const out = resolve(io.cwd, given);
  if (!/\.docx$/i.test(out)) throw new ConfigError(`--annotate "${given}": the copy must be named *.docx`);
  if (opts.outputFile !== undefined && resolve(io.cwd, opts.outputFile) === out) {
    throw new ConfigError(`--annotate "${given}": the same file as --output-file`);
  }
  let folder: string;
  try {
    folder = await realpath(dirname(out));
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new ConfigError(`--annotate "${given}": the folder ${dirname(given) || '.'} does not exist`);
  }
  if (input !== undefined) {
    const outStat = await stat(out).catch(() => undefined);
    const inStat = await stat(input).catch(() => undefined);
    const sameInode = outStat && inStat && outStat.dev === inStat.dev && outStat.ino === inStat.ino;
    const inputReal = await realpath(input).catch(() => resolve(input));
    const outReal = outStat ? await realpath(out).catch(() => out) : join(folder, basename(out));
    if (sameInode || inputReal === outReal) {
      throw new ConfigError(`--annotate "${given}": refusing to overwrite the input file; name a new file for the annotated copy`);
    }
    if (outStat?.isDirectory()) throw new ConfigError(`--annotate "${given}": is a folder`);
  }
  return out;
}

/** Write the annotated copy; false (after one line on stderr) when it cannot be made. */
async function writeAnnotated(input: string, out: string, findings: FileResult['findings'], io: Io): Promise<boolean> {
  const shownOut = relative(io.cwd, out) || out;
  try {
    const bytes = new Uint8Array(await readFile(input));
    const result = annotateDocx(bytes, findings, { date: new Date() });
    await writeFile(out, result.bytes);
    const what = result.comments === 0 ? 'no findings: an unchanged copy' : `${result.comments} comment${result.comments === 1 ? '' : 's'}`;
    io.stderr(`dhr-lint: wrote ${shownOut} (${what})\n`);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    io.stderr(`dhr-lint: --annotate ${shownOut}: ${message}\n`);
    return false;
  }
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
