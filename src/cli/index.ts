/** Process wiring for the CLI: real stdout/stderr, exit code, no stack traces unless --debug. */
import { run } from './main.js';

export async function main(args: string[]): Promise<void> {
  const code = await run(args, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  }).catch((error: unknown) => {
    process.stderr.write(`dhr-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (args.includes('--debug') && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return 2;
  });
  // Let pending stdout writes drain (large JSON to a pipe) before exiting.
  process.exitCode = code;
}
