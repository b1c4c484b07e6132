/**
 * What a check of a tenant's URL and credentials found wrong, one kind per fix: the URL does not
 * answer (DNS, refused, timeout), answers but not as the vendor's API (404, a web page, a
 * redirect), refuses the credentials (401/403), signs them in as someone who is not an agent, or
 * is up but not serving now (429, 5xx).
 */
export type AccountCheckProblem = 'unreachable' | 'not-the-api' | 'credentials' | 'not-an-agent' | 'unavailable';

/** A tenant's URL or credentials failed `VendorClient.checkAccess`; `message` says what was found. */
export class AccountCheckError extends Error {
  override readonly name = 'AccountCheckError';
  constructor(
    readonly problem: AccountCheckProblem,
    message: string,
  ) {
    super(message);
  }
}
