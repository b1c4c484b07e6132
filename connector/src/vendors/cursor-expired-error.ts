/**
 * The vendor refused a stream's saved cursor (expired or invalid). Not worth retrying: the sync
 * starts that stream again from the time it had reached, which is safe because pages upsert.
 * Thrown only by a paged read called with `{ cursor }`; a read from `{ since }` carries none.
 */
export class CursorExpiredError extends Error {
  override readonly name = 'CursorExpiredError';
  constructor(message: string) {
    super(message);
  }
}
