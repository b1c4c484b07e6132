/** Connecting or disconnecting an account failed: said for the admin in the helpdesk, with what to do. */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(
    message: string,
    /** `refused`: the admin (or Zendesk on their behalf) said no or is not allowed; `failed`: try again. */
    readonly kind: 'refused' | 'failed' = 'failed',
  ) {
    super(message);
  }
}
