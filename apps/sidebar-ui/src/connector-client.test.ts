import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectorError, createConnectorClient } from './connector-client.js';
import { FakeConnector } from './testing/fake-connector.js';
import * as fixtures from './testing/fixtures.js';

function setup(tokens: string[] = ['token-1']) {
  const connector = new FakeConnector();
  let signIns = 0;
  const client = createConnectorClient({
    baseUrl: 'https://connector.test/',
    signIn: async () => fixtures.session({ token: tokens[Math.min(signIns++, tokens.length - 1)]! }),
    fetch: connector.fetch,
    EventSource: connector.EventSource,
  });
  return { connector, client, signIns: () => signIns };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('connector client', () => {
  it('sends the session token as a bearer token and signs in once', async () => {
    const { connector, client, signIns } = setup();
    await client.dashboard();
    await client.alerts();
    expect(connector.requests.map((r) => [r.path, r.token])).toEqual([
      ['/v1/agents/me/dashboard', 'token-1'],
      ['/v1/alerts', 'token-1'],
    ]);
    expect(signIns()).toBe(1);
  });

  it('signs in again once on 401 and retries', async () => {
    const { connector, client, signIns } = setup(['stale', 'token-1']);
    connector.validTokens = new Set(['token-1']);
    expect((await client.notes()).notes).toHaveLength(1);
    expect(connector.requests.map((r) => r.token)).toEqual(['stale', 'token-1']);
    expect(signIns()).toBe(2);
  });

  it('renews a session about to expire at the connector instead of signing in again', async () => {
    let clock = Date.parse('2026-11-20T15:00:00Z');
    const session = (token: string, minutes: number) => ({
      token,
      expiresAt: new Date(clock + minutes * 60_000).toISOString(),
      tenant: 'acme',
      user: { id: 'a1', name: 'Ann', role: 'agent' as const },
    });
    const signIn = vi.fn(async () => session('signed', 15));
    const seen: string[] = [];
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      const path = new URL(String(url)).pathname;
      seen.push(`${path} ${new Headers(init?.headers).get('authorization')}`);
      const body = path === '/v1/auth/refresh' ? session('renewed', 15) : { notes: [] };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    const client = createConnectorClient({ baseUrl: 'https://c.example', signIn, fetch, now: () => clock });
    await client.notes();
    clock += 14 * 60_000 + 40_000; // within the last 30 s of the session
    await client.notes();
    expect(signIn).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['/v1/notes Bearer signed', '/v1/auth/refresh Bearer signed', '/v1/notes Bearer renewed']);
  });

  it("rejects with the API's message and code", async () => {
    const { connector, client } = setup();
    connector.fail('GET', '/v1/team', 403, 'forbidden', 'The team view is for leads.');
    const error = await client.team('today').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'The team view is for leads.' });
  });

  it('encodes queries and bodies as the API expects', async () => {
    const { connector, client } = setup();
    await client.team('last30Days', 'csat', 'desc');
    await client.requesterContext('r-1', '900');
    await client.setTarget('csat', { green: 0.9, amber: 0.8 });
    expect(connector.requests.map((r) => `${r.method} ${r.path}?${r.query.toString()}`)).toEqual([
      'GET /v1/team?period=last30Days&sort=csat&order=desc',
      'GET /v1/requesters/r-1/context?ticketId=900',
      'PUT /v1/targets/csat?',
    ]);
    expect(connector.requests[2]!.body).toEqual({ green: 0.9, amber: 0.8 });
  });

  it('streams events and reopens with a fresh token after a drop', async () => {
    vi.useFakeTimers();
    const { connector, client, signIns } = setup(['token-1', 'token-2']);
    const seen: string[] = [];
    const stream = client.stream({
      dashboard: (d) => seen.push(`dashboard ${d.revision}`),
      alert: (a) => seen.push(`alert ${a.ticketId}`),
      open: (again) => seen.push(again ? 'reopened' : 'open'),
      drop: () => seen.push('drop'),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(connector.streams[0]!.url).toBe('https://connector.test/v1/stream?access_token=token-1');
    connector.emit('dashboard', fixtures.dashboard());
    connector.emit('alert', fixtures.alert({ ticketId: '555' }));
    connector.dropStreams();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(10);
    // The session is still alive: renewed at the connector, not signed in again.
    expect(connector.streams[1]!.url).toBe('https://connector.test/v1/stream?access_token=renewed-1');
    expect(signIns()).toBe(1);
    expect(seen).toEqual(['open', 'dashboard 41', 'alert 555', 'drop', 'reopened']);
    stream.close();
    expect(connector.openStreams).toHaveLength(0);
  });

  it('renews its token and reopens the stream at once when the connector says reauth, signing in if refused', async () => {
    vi.useFakeTimers();
    const { connector, client, signIns } = setup(['token-1', 'token-2']);
    connector.validTokens = new Set(['token-1', 'token-2']);
    const seen: string[] = [];
    const stream = client.stream({
      dashboard: (d) => seen.push(`dashboard ${d.revision}`),
      open: (again) => seen.push(again ? 'reopened' : 'open'),
      drop: () => seen.push('drop'),
    });
    await vi.advanceTimersByTimeAsync(0);
    const reauth = { reason: 'role_changed', message: 'your role in Frontline changed since this stream was opened' };
    connector.emit('reauth', reauth);
    // No backoff: the renewed stream is open within the same tick.
    await vi.advanceTimersByTimeAsync(0);
    expect(connector.requests.map((r) => `${r.method} ${r.path} ${r.token}`)).toEqual([
      'POST /v1/auth/refresh token-1',
    ]);
    expect(connector.streams.map((s) => [s.url.split('=')[1], s.closed])).toEqual([
      ['token-1', true],
      ['renewed-1', false],
    ]);
    // Once refreshes are refused (the sign-in is 12 h old), it signs in again.
    connector.fail('POST', '/v1/auth/refresh', 401, 'unauthenticated', 'the session began more than 12 h ago');
    connector.emit('reauth', { ...reauth, reason: 'expired' });
    await vi.advanceTimersByTimeAsync(0);
    expect(connector.openStreams.map((s) => s.url.split('=')[1])).toEqual(['token-2']);
    expect(signIns()).toBe(2);
    expect(seen).toEqual(['open', 'reopened', 'reopened']);
    stream.close();
  });

  it('stays closed when a newer stream of its sign-in replaced it', async () => {
    vi.useFakeTimers();
    const { connector, client } = setup();
    const seen: string[] = [];
    const stream = client.stream({ open: () => seen.push('open'), drop: () => seen.push('drop') });
    await vi.advanceTimersByTimeAsync(0);
    connector.emit('replaced', { message: 'a newer stream took its place' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connector.streams).toHaveLength(1);
    expect(connector.openStreams).toHaveLength(0);
    expect(seen).toEqual(['open', 'drop']);
    stream.close();
  });
});
