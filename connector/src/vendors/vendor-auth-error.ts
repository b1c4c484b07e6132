/** The vendor refused the credentials (401/403): the tenant stops syncing until they are fixed. */
export class VendorAuthError extends Error {
  override readonly name = 'VendorAuthError';
  constructor(
    readonly tenant: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(
      `${status === 401 ? 'token revoked or wrong' : 'access denied'} for ${tenant} (HTTP ${status}): ` +
        `give it new credentials with \`frontline tenant update ${tenant} ...\` and sync again`,
      options,
    );
  }
}
