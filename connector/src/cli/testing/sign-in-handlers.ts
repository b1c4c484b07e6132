import { http, HttpResponse, type HttpHandler } from 'msw';

/** Who the test helpdesks say the right credentials belong to. */
export const SIGNED_IN_AGENT = { name: 'Ana Agent', email: 'ana@acme.example' } as const;

/** The user and password of a Basic authorization header, or null. */
function basic(request: Request): { user: string; password: string } | null {
  const header = request.headers.get('authorization');
  if (header === null || !header.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * A Zendesk account's `GET /api/v2/users/me.json`, as the simulators answer it: an API token of
 * `tokens` (Basic `email/token:TOKEN` for the agent's address) signs in as the admin Ana Agent;
 * any other gets Zendesk's 401.
 */
export function zendeskSignIn(baseUrl: string, tokens: ReadonlySet<string>): HttpHandler {
  return http.get(`${baseUrl}/api/v2/users/me.json`, ({ request }) => {
    const given = basic(request);
    if (given === null || given.user !== `${SIGNED_IN_AGENT.email}/token` || !tokens.has(given.password)) {
      return HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 });
    }
    return HttpResponse.json({ user: { id: 9001, ...SIGNED_IN_AGENT, role: 'admin' } });
  });
}

/** A Freshdesk account's `GET /api/v2/agents/me`: the key `apiKey` (Basic `KEY:X`) is Ana Agent's. */
export function freshdeskSignIn(baseUrl: string, apiKey: string): HttpHandler {
  return http.get(`${baseUrl}/api/v2/agents/me`, ({ request }) => {
    if (basic(request)?.user !== apiKey) {
      return HttpResponse.json(
        { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' },
        { status: 401 },
      );
    }
    return HttpResponse.json({ id: 77, contact: SIGNED_IN_AGENT });
  });
}
