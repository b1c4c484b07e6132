/** A command line that cannot run as given (a bad or missing option); the CLI exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
