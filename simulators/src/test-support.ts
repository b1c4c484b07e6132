/**
 * Helpers for the simulators' own tests (and for other tests that drive a simulator directly):
 * auth headers with the default credentials and a one-call way to run a request through handlers.
 */
import { getResponse, type RequestHandler } from 'msw';
import { DEFAULT_FRESHDESK_API_KEY } from './freshdesk-handlers.js';
import { DEFAULT_ZENDESK_CREDENTIALS } from './zendesk-handlers.js';
import { DEFAULT_ZIGPOLL_API_KEY } from './zigpoll-handlers.js';

/** `Authorization` headers the default simulated accounts accept. */
export const AUTH = {
  zendesk: `Basic ${Buffer.from(`${DEFAULT_ZENDESK_CREDENTIALS.email}/token:${DEFAULT_ZENDESK_CREDENTIALS.apiToken}`).toString('base64')}`,
  zendeskBearer: `Bearer ${DEFAULT_ZENDESK_CREDENTIALS.oauthToken ?? ''}`,
  freshdesk: `Basic ${Buffer.from(`${DEFAULT_FRESHDESK_API_KEY}:X`).toString('base64')}`,
  zigpoll: DEFAULT_ZIGPOLL_API_KEY,
} as const;

/** Runs a GET through the handlers in-process; throws when no handler matches. */
export async function call(
  handlers: readonly RequestHandler[],
  url: string,
  authorization: string | null,
  signal?: AbortSignal,
): Promise<Response> {
  const headers = new Headers();
  if (authorization !== null) headers.set('authorization', authorization);
  const response = await getResponse([...handlers], new Request(url, { headers, signal }));
  if (response === undefined) throw new Error(`no simulator handler for ${url}`);
  return response;
}

/** The JSON body of a response, typed by the caller. */
export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The `rel="next"` URL of a Link header, or null. */
export function nextLink(response: Response): string | null {
  const link = response.headers.get('link');
  const match = link === null ? null : /<([^>]+)>;\s*rel="next"/.exec(link);
  return match?.[1] ?? null;
}
