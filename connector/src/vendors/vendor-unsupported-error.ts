/** The account lacks what the sync needs (a feature, a plan, an endpoint): not worth retrying. */
export class VendorUnsupportedError extends Error {
  override readonly name = 'VendorUnsupportedError';
  constructor(message: string) {
    super(message);
  }
}
