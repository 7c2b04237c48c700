/**
 * A one-line progress bar on stderr while many files are read. Only on a terminal (never in a
 * pipe, a CI log or a redirected report) and only when the run is long enough to need it.
 */
import type { Io } from './options.js';

const MIN_FILES = 5;
const WIDTH = 24;

export class Progress {
  private count = 0;
  private readonly active: boolean;
  private drawn = false;

  constructor(
    private readonly io: Io,
    private readonly total: number,
  ) {
    this.active = Boolean(io.stderrIsTTY) && total >= MIN_FILES;
  }

  tick(files: number): void {
    this.count = Math.min(this.total, this.count + files);
    if (!this.active) return;
    const filled = Math.round((this.count / this.total) * WIDTH);
    this.io.stderr(`\r[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${this.count}/${this.total} files`);
    this.drawn = true;
  }

  /** Clear the bar so the report starts on a clean line. */
  done(): void {
    if (this.drawn) this.io.stderr('\r\u001b[2K');
    this.drawn = false;
  }
}
