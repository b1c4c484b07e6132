/**
 * A vendor payload that does not have the shape the normalizer reads. `path` points at the
 * offending field (`tickets[3].created_at`), `problem` says what is wrong with it; callers that
 * know where the payload came from (a file, an HTTP response) put that in front.
 */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path === '' ? problem : `${path}: ${problem}`);
  }
}
