#!/usr/bin/env node
// Entry point. `--version` is answered here without loading the linter, so it starts as fast as
// Node itself; everything else loads the bundled CLI.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  // The rules hold some 600 regular expressions, most run a few times per report: compiled
  // straight to machine code, rather than first to bytecode and again once hot, a short report
  // lints about a third faster (V8 flag; it applies to the worker threads too).
  setFlagsFromString('--no-regexp-tier-up');
  // The first worker thread loads (and warms its rules up) while the CLI loads: see early-worker.ts.
  const { startWorkerEarly } = await import('../dist/early.js');
  startWorkerEarly(args);
  const { main } = await import('../dist/cli.js');
  await main(args);
}
