/**
 * A file that cannot be read. The message is one line for the user ("not a Word file: ..."),
 * never a stack trace; the CLI prints it and exits 2.
 */
export class ReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadError';
  }
}
