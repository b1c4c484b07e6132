/** Every error the API can answer with, and its HTTP status: the one table. */
export const ERROR_STATUS = {
  bad_request: 400,
  malformed_json: 400,
  unknown_field: 400,
  unauthenticated: 401,
  forbidden: 403,
  proof_required: 403,
  not_found: 404,
  replayed: 409,
  conflict: 409,
  not_connected: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error meant for the caller: a code from the table and a message saying what to do. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
