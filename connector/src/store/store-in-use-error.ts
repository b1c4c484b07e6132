/** The embedded store's folder is held by another process; the CLI exits with code 5. */
export class StoreInUseError extends Error {
  override readonly name = 'StoreInUseError';
}
