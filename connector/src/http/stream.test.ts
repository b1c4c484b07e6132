import { aRating, aTicket, anAgent, at } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';
import { openSseStream, type SseEvent } from './testing/sse-stream.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };

const solvedToday = (e: SseEvent) =>
  ((e.data['periods'] as Record<string, { kpis: Record<string, { value: number | null }> }>)['today']!.kpis['solved']!
    .value as number | null) ?? 0;

describe('GET /v1/stream', () => {
  let api: ApiHarness;
  let base: string;

  beforeEach(async () => {
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
    );
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterEach(async () => {
    await api.close();
  });

  const streamFor = (userId: string, role: 'agent' | 'lead') =>
    openSseStream(`${base}/v1/stream?access_token=${api.tokenFor(userId, role)}`, { timeoutMs: 5_000 });
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

  it('refuses a stream without a valid session token', async () => {
    expect((await fetch(`${base}/v1/stream`)).status).toBe(400);
    expect((await fetch(`${base}/v1/stream?access_token=forged.token.here`)).status).toBe(401);
  });
});
