/** PostgreSQL or Redis cannot be reached or used; `message` is one line saying what to do. The CLI exits with code 3. */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
}
