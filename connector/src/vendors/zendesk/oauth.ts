/**
 * Zendesk's OAuth authorization-code flow, as a global OAuth client of a Marketplace app uses it
 * for any account: the admin consents at `https://<subdomain>.zendesk.com/oauth/authorizations/new`,
 * Zendesk redirects back with a code, and the connector swaps it for an access token at
 * `/oauth/tokens`. PKCE (S256) binds the code to the connector that started the flow.
 * UNSURE: the reference has no section on Zendesk OAuth; these are Zendesk's documented paths and
 * parameters as the simulator plays them.
 */
import axios from 'axios';
import { z } from 'zod';
import { describeNetworkError } from '../http/describe-failure.js';
import { parseJson } from '../http/vendor-http.js';

/** What Frontline asks for: reading history, and writing its webhooks and trigger. */
export const ZENDESK_OAUTH_SCOPE = 'read write';

export interface ZendeskOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The connector's callback, exactly as registered with the OAuth client. */
  readonly redirectUri: string;
}

/** The consent page of the account at `accountUrl` for this client. */
export function zendeskAuthorizeUrl(
  accountUrl: string,
  client: Pick<ZendeskOAuthClient, 'clientId' | 'redirectUri'>,
  request: { readonly state: string; readonly codeChallenge: string },
): string {
  const url = new URL('/oauth/authorizations/new', accountUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('scope', ZENDESK_OAUTH_SCOPE);
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

/** Zendesk refused the code or the client, or did not answer: said for the admin who clicked Connect. */
export class ZendeskOAuthError extends Error {
  override readonly name = 'ZendeskOAuthError';
}

const tokenAnswer = z.object({ access_token: z.string().min(1), scope: z.string().optional() });
const errorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

/** Swaps the code Zendesk redirected with for an access token. Throws {@link ZendeskOAuthError}. */
export async function exchangeZendeskCode(
  accountUrl: string,
  client: ZendeskOAuthClient,
  grant: { readonly code: string; readonly codeVerifier: string },
  timeoutMs = 15_000,
): Promise<{ readonly accessToken: string }> {
  let status: number;
  let text: unknown;
  try {
    const response = await axios.post(
      new URL('/oauth/tokens', accountUrl).href,
      JSON.stringify({
        grant_type: 'authorization_code',
        code: grant.code,
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uri: client.redirectUri,
        scope: ZENDESK_OAUTH_SCOPE,
        code_verifier: grant.codeVerifier,
      }),
      {
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        timeout: timeoutMs,
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        maxRedirects: 0,
      },
    );
    status = response.status;
    text = response.data;
  } catch (error) {
    throw new ZendeskOAuthError(`Zendesk did not answer the token request: ${describeNetworkError(error, timeoutMs)}`);
  }
  const json = parseJson(text);
  if (status === 200 && json.ok) {
    const parsed = tokenAnswer.safeParse(json.value);
    if (parsed.success) return { accessToken: parsed.data.access_token };
  }
  const refused = json.ok ? errorAnswer.safeParse(json.value).data : undefined;
  throw new ZendeskOAuthError(
    refused === undefined
      ? `Zendesk answered the token request with HTTP ${status} and no token`
      : `Zendesk refused the token request (${refused.error}${refused.error_description ? `: ${refused.error_description}` : ''})`,
  );
}
