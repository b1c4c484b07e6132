import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { CursorExpiredError } from '../cursor-expired-error.js';
import { createInstantClock } from '../http/instant-clock.js';
import { CONTRACT_NOW, serveDuringTests } from '../vendor-client.contract.js';
import { VendorUnavailableError } from '../vendor-unavailable-error.js';
import { createZendeskClient } from './client.js';

const BASE_URL = 'https://acme.zendesk.test';
/** UNSURE: the body Zendesk sends with a refused cursor; the reference gives none. */
const REFUSED = { error: 'InvalidPaginationParameter', description: 'cursor is invalid' };

const server = setupServer();
serveDuringTests(server);

const client = () =>
  createZendeskClient({
    tenant: 'acme',
    baseUrl: BASE_URL,
    credentials: { kind: 'zendesk-token', email: 'admin@acme.example', token: 't' },
    clock: createInstantClock(CONTRACT_NOW),
  });

/** Answers every request to `path` with 400 and keeps the URLs asked for. */
function refuse(path: string): URL[] {
  const asked: URL[] = [];
  server.use(
    http.get(`${BASE_URL}${path}`, ({ request }) => {
      asked.push(new URL(request.url));
      return HttpResponse.json(REFUSED, { status: 400 });
    }),
  );
  return asked;
}

describe('a Zendesk cursor the API refuses', () => {
  it('is a CursorExpiredError on the ticket export, after one request', async () => {
    const asked = refuse('/api/v2/incremental/tickets/cursor.json');
    const read = client().ticketsChangedSince({ cursor: JSON.stringify({ after: 'MTc2Njk.0||42|' }) });
    await expect(read).rejects.toThrow(
      new CursorExpiredError(
        "acme: GET /api/v2/incremental/tickets/cursor.json refused the stream's cursor (HTTP 400: cursor is invalid)",
      ),
    );
    expect(asked.map((url) => url.searchParams.get('cursor'))).toEqual(['MTc2Njk.0||42|']);
  });

  it('is a CursorExpiredError on the satisfaction ratings list', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v2/account/settings`, () =>
        HttpResponse.json({ settings: { active_features: { customer_satisfaction: true } } }),
      ),
    );
    const asked = refuse('/api/v2/satisfaction_ratings');
    const read = client().ratingsSince({ cursor: JSON.stringify({ startTime: 1767225600, after: 'a100' }) });
    await expect(read).rejects.toBeInstanceOf(CursorExpiredError);
    expect(asked.map((url) => url.searchParams.get('page[after]'))).toEqual(['a100']);
  });

  it('leaves a 400 to a request without a cursor the failure it was', async () => {
    const asked = refuse('/api/v2/incremental/tickets/cursor.json');
    const read = client().ticketsChangedSince({ since: CONTRACT_NOW - 3_600_000 });
    await expect(read).rejects.toThrow(VendorUnavailableError);
    await expect(read).rejects.toThrow(
      'acme: GET /api/v2/incremental/tickets/cursor.json was refused (HTTP 400: cursor is invalid)',
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]!.searchParams.has('cursor')).toBe(false);
  });
});
