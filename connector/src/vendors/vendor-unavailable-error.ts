/** The vendor stayed unavailable (5xx, timeouts, malformed bodies) through every retry. */
export class VendorUnavailableError extends Error {
  override readonly name = 'VendorUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
