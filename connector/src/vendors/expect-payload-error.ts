import { PayloadError } from './payload-error.js';

/** The {@link PayloadError} that `run` throws; fails the test when it throws nothing or something else. */
export function payloadErrorOf(run: () => unknown): PayloadError {
  try {
    run();
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error('expected a PayloadError, but nothing was thrown');
}
