/** `serve` cannot listen on its port; `message` says why and what to do. The CLI exits with code 4. */
export class PortUnavailableError extends Error {
  override readonly name = 'PortUnavailableError';
}
