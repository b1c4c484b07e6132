import { PayloadError } from '../payload-error.js';
import { VendorUnavailableError } from '../vendor-unavailable-error.js';

/**
 * Runs a normalizer on a response body, naming the tenant and endpoint when the body does not
 * fit: a vendor that changed its payload is not going to change it back on a retry.
 */
export function readPayload<T>(tenant: string, endpoint: string, normalize: () => T): T {
  try {
    return normalize();
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    throw new VendorUnavailableError(
      `${tenant}: GET ${endpoint} returned a payload the connector cannot read: ${error.message}`,
      { cause: error },
    );
  }
}
