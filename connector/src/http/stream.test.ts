import { aRating, aTicket, anAgent, at } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionTokens } from '../auth/index.js';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';
import { openSseStream, type SseEvent, type SseStream } from './testing/sse-stream.js';

const NOW = at('2026-11-20T15:00:00Z');
/** The API's time: NOW, unless a test moves it. */
let now = NOW;
const clock: Clock = { now: () => now, sleep: async () => {} };
/** How often the API checks open streams against their sessions, here. */
const CHECK_MS = 100;

const solvedToday = (e: SseEvent) =>
  ((e.data['periods'] as Record<string, { kpis: Record<string, { value: number | null }> }>)['today']!.kpis['solved']!
    .value as number | null) ?? 0;

describe('GET /v1/stream', () => {
  let api: ApiHarness;
  let base: string;

  beforeEach(async () => {
    now = NOW;
    api = await openApiHarness(
      {
        agents: [anAgent('a1', 'Ann'), anAgent('a2', 'Bob'), anAgent('lead', 'Lee')],
        tickets: [
          aTicket({
            id: 't1',
            assigneeId: 'a1',
            createdAt: at('2026-11-20T09:00:00Z'),
            solvedAt: at('2026-11-20T10:00:00Z'),
          }),
        ],
      },
      clock,
      { streamCheckMs: CHECK_MS },
    );
    await api.store.coaching.setRole(api.tenant.id, 'lead', 'lead');
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterEach(async () => {
    await api.close();
  });

  const streamFor = (userId: string, role: 'agent' | 'lead') => streamWith(api.tokenFor(userId, role));
  const streamWith = (token: string) => openSseStream(`${base}/v1/stream?access_token=${token}`, { timeoutMs: 5_000 });
  /** The stream's last event, once the server ended it (fails if it is still open after 5 s). */
  const lastEventOf = async (stream: SseStream) => {
    await Promise.race([
      stream.ended,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the stream is still open after 5 s')), 5_000)),
    ]);
    return stream.events.at(-1);
  };
  const save = (rows: Parameters<ApiHarness['store']['savePage']>[2]) =>
    api.store.savePage(api.tenant.id, 'refresh', rows, { cursor: 'x', done: true, reachedTime: null });

  it("pushes the agent's new numbers when a ticket changes, without a reload", async () => {
    const stream = await streamFor('a1', 'agent');
    expect(stream.status).toBe(200);
    const first = await stream.next((e) => e.event === 'dashboard');
    expect(solvedToday(first)).toBe(1);
    await save({
      tickets: [
        {
          ticket: aTicket({
            id: 't2',
            assigneeId: 'a1',
            createdAt: at('2026-11-20T11:00:00Z'),
            solvedAt: at('2026-11-20T12:00:00Z'),
          }),
          updatedAt: NOW,
          repliesKnown: true,
        },
      ],
    });
    const updated = await stream.next((e) => e.event === 'dashboard' && solvedToday(e) === 2);
    expect(updated.data['agent']).toEqual({ id: 'a1', name: 'Ann' });
    stream.close();
  });

  it('escalates a new negative rating to the agent and the lead, not to another agent', async () => {
    const ann = await streamFor('a1', 'agent');
    const lead = await streamFor('lead', 'lead');
    const bob = await streamFor('a2', 'agent');
    await Promise.all([ann, lead, bob].map((s) => s.next((e) => e.event === 'dashboard')));
    await save({
      ratings: [
        aRating({
          id: 'r-bad',
          ticketId: 't1',
          agentId: 'a1',
          at: at('2026-11-20T14:00:00Z'),
          positive: false,
          comment: 'rude',
        }),
      ],
    });
    const alert = await ann.next((e) => e.event === 'alert');
    expect(alert.data).toMatchObject({ ratingId: 'r-bad', kind: 'escalation', ticketId: 't1', comment: 'rude' });
    expect((await lead.next((e) => e.event === 'alert')).data['ratingId']).toBe('r-bad');
    await ann.next(
      (e) =>
        e.event === 'dashboard' &&
        (e.data['periods'] as { today: { kpis: { csat: { value: number } } } }).today.kpis.csat.value === 0,
    );
    expect(bob.events.filter((e) => e.event === 'alert')).toEqual([]);
    // The same survey answered again with another comment is news again.
    await save({
      ratings: [
        aRating({
          id: 'r-bad',
          ticketId: 't1',
          agentId: 'a1',
          at: at('2026-11-20T14:30:00Z'),
          positive: false,
          comment: 'still rude',
        }),
      ],
    });
    expect((await ann.next((e) => e.event === 'alert' && e.data['comment'] === 'still rude')).data['ratingId']).toBe(
      'r-bad',
    );
    for (const s of [ann, lead, bob]) s.close();
  });

  it('delivers a coaching note to the agent as the lead writes it', async () => {
    const ann = await streamFor('a1', 'agent');
    await ann.next((e) => e.event === 'dashboard');
    await api.as('lead', 'lead', {
      method: 'POST',
      url: '/v1/notes',
      payload: { agentId: 'a1', body: 'Well handled t1' },
    });
    expect((await ann.next((e) => e.event === 'note')).data).toMatchObject({ agentId: 'a1', body: 'Well handled t1' });
    ann.close();
  });

  it('ends open streams when the server shuts down, so it does not hang', async () => {
    const ann = await streamFor('a1', 'agent');
    await ann.next((e) => e.event === 'dashboard');
    const started = Date.now();
    await api.app.close();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  describe('ends with a reauth event when its session no longer holds', () => {
    it("at its token's expiry", async () => {
      // Issued 14:58 before NOW, so it expires 2 s after it: the API's clock stands still here.
      const token = new SessionTokens(api.sessionKey, () => NOW - 15 * 60_000 + 2_000).issue({
        tenantId: api.tenant.id,
        userId: 'a1',
        role: 'agent',
      }).token;
      const stream = await streamWith(token);
      await stream.next((e) => e.event === 'dashboard');
      const opened = performance.now();
      expect(await lastEventOf(stream)).toMatchObject({
        event: 'reauth',
        data: {
          reason: 'expired',
          message:
            'the session token of this stream expired: renew the session token (POST /v1/auth/refresh) ' +
            'and open the stream again',
        },
      });
      expect(performance.now() - opened).toBeGreaterThan(1_000);
    });

    it("once the API's clock passes the token's expiry", async () => {
      const stream = await streamFor('a1', 'agent');
      await stream.next((e) => e.event === 'dashboard');
      now = NOW + 15 * 60_000 + 1;
      expect(await lastEventOf(stream)).toMatchObject({ event: 'reauth', data: { reason: 'expired' } });
    });

    it('when its lead is demoted, and then sends the team nothing more', async () => {
      const lead = await streamFor('lead', 'lead');
      const ann = await streamFor('a1', 'agent');
      // The lead signed in on Freshdesk without the personal key: an agent session, and a refresh
      // would give an agent token again, so the stored lead role is no reason to end it.
      const leadAsAgent = await streamFor('lead', 'agent');
      await Promise.all([lead, ann, leadAsAgent].map((s) => s.next((e) => e.event === 'dashboard')));
      await new Promise((resolve) => setTimeout(resolve, 10 * CHECK_MS));
      expect([lead, leadAsAgent].map((s) => s.events.map((e) => e.event))).toEqual([['dashboard'], ['dashboard']]);

      await api.store.coaching.setRole(api.tenant.id, 'lead', 'agent');
      expect(await lastEventOf(lead)).toMatchObject({
        event: 'reauth',
        data: { reason: 'role_changed', message: expect.stringMatching(/^your role in Frontline changed/) },
      });
      await save({
        ratings: [
          aRating({ id: 'r-late', ticketId: 't1', agentId: 'a1', at: at('2026-11-20T14:50:00Z'), positive: false }),
        ],
      });
      await ann.next((e) => e.event === 'alert');
      expect(lead.events.filter((e) => e.event === 'alert')).toEqual([]);
      expect(leadAsAgent.events.map((e) => e.event)).not.toContain('reauth');
      ann.close();
      leadAsAgent.close();
    });
  });

  it('keeps 5 streams open per sign-in, ending the oldest with a replaced event', async () => {
    const token = api.tokenFor('a1', 'agent');
    const streams: SseStream[] = [];
    for (let i = 0; i < 5; i++) {
      streams.push(await streamWith(token));
      await streams[i]!.next((e) => e.event === 'dashboard');
    }
    // A refresh keeps the sign-in: its token counts against the same five.
    const renewed = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { authorization: `Bearer ${token}` },
    });
    const sixth = await streamWith(renewed.json<{ token: string }>().token);
    await sixth.next((e) => e.event === 'dashboard');
    expect(await lastEventOf(streams[0]!)).toMatchObject({
      event: 'replaced',
      data: {
        message:
          'this sign-in opened more than 5 streams, and this one was the oldest: a newer stream took its place ' +
          '(a sidebar needs only one)',
      },
    });
    // Another sign-in of the same user has five of its own.
    const elsewhere = await streamFor('a1', 'agent');
    await elsewhere.next((e) => e.event === 'dashboard');
    await save({
      tickets: [
        {
          ticket: aTicket({
            id: 't3',
            assigneeId: 'a1',
            createdAt: at('2026-11-20T11:00:00Z'),
            solvedAt: at('2026-11-20T12:00:00Z'),
          }),
          updatedAt: NOW,
          repliesKnown: true,
        },
      ],
    });
    const open = [...streams.slice(1), sixth, elsewhere];
    await Promise.all(open.map((s) => s.next((e) => e.event === 'dashboard' && solvedToday(e) === 2)));
    expect(streams[0]!.events.map((e) => e.event)).toEqual(['dashboard', 'replaced']);
    for (const s of open) s.close();
  });

  it('refuses a stream without a valid session token', async () => {
    expect((await fetch(`${base}/v1/stream`)).status).toBe(400);
    expect((await fetch(`${base}/v1/stream?access_token=forged.token.here`)).status).toBe(401);
  });
});
