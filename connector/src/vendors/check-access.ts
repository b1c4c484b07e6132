import type { Agent } from '@frontline/kpi';
import { AccountCheckError } from './account-check-error.js';
import { describeErrorBody } from './http/describe-failure.js';
import type { VendorHttp, VendorRequest } from './http/vendor-http.js';
import { PayloadError } from './payload-error.js';

/** How long a check waits for its one answer: long enough for a slow link, short for an operator. */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/** What a vendor reads from its "who am I" answer: an agent, or who the user is instead. */
export type SignedIn = { readonly agent: Agent } | { readonly notAnAgent: string };

export interface AccessCheck {
  readonly http: VendorHttp;
  /** The vendor's name in messages: `Zendesk`, `Freshdesk`. */
  readonly helpdesk: string;
  readonly baseUrl: string;
  /** The vendor's "who am I" endpoint. */
  readonly request: VendorRequest;
  readonly timeoutMs: number;
  /** Reads a 2xx JSON body; throws `PayloadError` when it is not this vendor's answer. */
  read(body: unknown): SignedIn;
}

/**
 * The check behind `VendorClient.checkAccess`: one GET of the vendor's "who am I" endpoint,
 * without retries, classified into one {@link AccountCheckError} per fix. Statuses are read the
 * way every vendor answers them (401/403 credentials, 404 no such API, 429/5xx not now).
 */
export async function checkAccess(check: AccessCheck): Promise<Agent> {
  const { baseUrl, helpdesk, request } = check;
  const answer = await check.http.probe(request, check.timeoutMs);
  if (!answer.answered) throw new AccountCheckError('unreachable', `${baseUrl} does not answer: ${answer.reason}`);
  const { status, json, headers } = answer;
  const where = `GET ${request.endpoint}`;
  const notTheApi = (what: string) =>
    new AccountCheckError('not-the-api', `${baseUrl} answers, but not as the ${helpdesk} API: ${where} ${what}`);
  const detail = describeErrorBody(json);
  if (status === 401) {
    throw new AccountCheckError('credentials', `${baseUrl} refused the credentials (HTTP 401${detail})`);
  }
  if (status === 403) {
    throw new AccountCheckError('credentials', `${baseUrl} denied these credentials access (HTTP 403${detail})`);
  }
  if (status === 429) {
    const wait = headers['retry-after'];
    throw new AccountCheckError(
      'unavailable',
      `${baseUrl} is rate limiting the account (HTTP 429)${wait === undefined ? '' : `; it asks to wait ${wait} s`}`,
    );
  }
  if (status >= 500) {
    throw new AccountCheckError(
      'unavailable',
      `${baseUrl} is failing right now (${where} answered HTTP ${status}${detail})`,
    );
  }
  if (status >= 300 && status < 400) {
    const location = headers.location;
    throw notTheApi(
      `redirects (HTTP ${status})${location === undefined ? '' : ` to ${withoutQuery(location, baseUrl)}`}`,
    );
  }
  if (status === 404) throw notTheApi('is not there (HTTP 404)');
  if (status < 200 || status >= 300) throw notTheApi(`answered HTTP ${status}${detail}`);
  if (!json.ok) {
    const type = headers['content-type']?.split(';')[0]?.trim();
    throw notTheApi(
      `answered ${type === 'text/html' ? 'a web page' : 'something'} that is not JSON (HTTP ${status}${type === undefined ? '' : `, ${type}`})`,
    );
  }
  let signedIn: SignedIn;
  try {
    signedIn = check.read(json.value);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    throw notTheApi(`answered JSON that is not its answer: ${error.message}`);
  }
  if ('notAnAgent' in signedIn) {
    throw new AccountCheckError(
      'not-an-agent',
      `the credentials sign in to ${baseUrl} as ${signedIn.notAnAgent}, not as an agent or admin`,
    );
  }
  return signedIn.agent;
}

/** A redirect's target without its query (which may carry anything), resolved against the base URL. */
function withoutQuery(location: string, baseUrl: string): string {
  try {
    const url = new URL(location, baseUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'an address that is not a URL';
  }
}
