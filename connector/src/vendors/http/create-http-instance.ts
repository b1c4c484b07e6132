import axios, { type AxiosInstance } from 'axios';

/** How long a request may take before it counts as failed (and is retried). */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpInstanceOptions {
  readonly baseUrl: string;
  /** Sent with every request; holds the credentials, so it is never logged or put in an error. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * One axios instance for one vendor account. Every status resolves and the body stays text, so
 * the caller classifies responses itself and can tell a truncated JSON body from a good one.
 */
export function createHttpInstance(options: HttpInstanceOptions): AxiosInstance {
  return axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    headers: { Accept: 'application/json', ...options.headers },
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    // Redirects could carry the Authorization header to another host.
    maxRedirects: 0,
  });
}
