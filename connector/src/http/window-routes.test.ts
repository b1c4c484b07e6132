import { aRating, aTicket, anAgent, at } from '@frontline/kpi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };

// Berlin (UTC+1 in winter): a day starts at 23:00 UTC the evening before. Ann solved t1 in
// March (resolution 120 min), t2 on 1 April at 00:30 local (still 31 March in UTC; 60 min),
// and t3 in February (30 min); Bob solved t4 in March (240 min). Ann's t1 was rated good,
// t2 bad.
const berlin = { timeZone: 'Europe/Berlin', intervals: [{ start: 0, end: 10080 }], holidays: [] };
const history = {
  agents: [anAgent('a1', 'Ann'), anAgent('a2', 'Bob')],
  schedule: berlin,
  tickets: [
    aTicket({
      id: 't1',
      assigneeId: 'a1',
      createdAt: at('2026-03-10T09:00:00Z'),
      firstReplyAt: at('2026-03-10T09:20:00Z'),
      solvedAt: at('2026-03-10T11:00:00Z'),
    }),
    aTicket({
      id: 't2',
      assigneeId: 'a1',
      createdAt: at('2026-03-31T21:30:00Z'),
      firstReplyAt: at('2026-03-31T21:40:00Z'),
      solvedAt: at('2026-03-31T22:30:00Z'),
    }),
    aTicket({
      id: 't3',
      assigneeId: 'a1',
      createdAt: at('2026-02-10T09:00:00Z'),
      firstReplyAt: at('2026-02-10T09:10:00Z'),
      solvedAt: at('2026-02-10T09:30:00Z'),
    }),
    aTicket({
      id: 't4',
      assigneeId: 'a2',
      createdAt: at('2026-03-05T09:00:00Z'),
      firstReplyAt: at('2026-03-05T10:00:00Z'),
      solvedAt: at('2026-03-05T13:00:00Z'),
    }),
  ],
  ratings: [
    aRating({ id: 'g', ticketId: 't1', agentId: 'a1', at: at('2026-03-11T10:00:00Z'), positive: true }),
    aRating({ id: 'b', ticketId: 't2', agentId: 'a1', at: at('2026-04-02T10:00:00Z'), positive: false }),
  ],
};

describe('any window from/to', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await openApiHarness(history, clock);
  });

  afterAll(async () => {
    await api.close();
  });

  it("gives an agent's numbers for a month cut in the account's time zone, against the month before", async () => {
    const response = await api.as('a1', 'agent', {
      method: 'GET',
      url: '/v1/agents/me/kpis?from=2026-03-01&to=2026-04-01',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // March in Berlin: 28 Feb 23:00 UTC to 31 Mar 22:00 UTC (summer time began on the 29th).
    expect(body.from).toBe('2026-02-28T23:00:00.000Z');
    expect(body.to).toBe('2026-03-31T22:00:00.000Z');
    // t2's solve at 22:30 UTC is 00:30 on 1 April in Berlin: not March.
    expect(body.kpis.solved).toMatchObject({ value: 1, sample: 1 });
    expect(body.kpis.full_resolution_time_median.value).toBe(120);
    expect(body.kpis.csat).toMatchObject({ value: 1, sample: 1 });
    // The 31 days before: t3 in February, 30 minutes; solved 1 against 1, no change.
    expect(body.kpis.full_resolution_time_median.previous).toEqual({ value: 30, sample: 1 });
    expect(body.kpis.solved.change).toBe(0);
    // The team's value beside it: t1 and Bob's t4, median of 120 and 240.
    expect(body.kpis.full_resolution_time_median.team).toEqual({ value: 180, sample: 2 });
    expect(body.timeZone).toBe('Europe/Berlin');
  });

  it('gives a lead the team table for any window, sorted', async () => {
    const response = await api.as('lead', 'lead', {
      method: 'GET',
      url: '/v1/team?from=2026-03-01&to=2026-04-03&sort=solved&order=desc',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toBeNull();
    expect(body.team.solved.value).toBe(3);
    expect(
      body.agents.map((row: { agent: { id: string }; kpis: { solved: { value: number } } }) => [
        row.agent.id,
        row.kpis.solved.value,
      ]),
    ).toEqual([
      ['a1', 2],
      ['a2', 1],
    ]);
    // Ann: one good and one bad rating in the window.
    expect(body.agents[0].kpis.csat).toMatchObject({ value: 0.5, sample: 2 });
  });

  it('takes ISO times with their offset', async () => {
    const response = await api.as('a1', 'agent', {
      method: 'GET',
      url: `/v1/agents/me/kpis?from=${encodeURIComponent('2026-03-31T22:00:00Z')}&to=${encodeURIComponent('2026-04-01T02:00:00+02:00')}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().kpis.solved.value).toBe(1);
  });

  it('refuses a window that is malformed, inverted, longer than a year or mixed with a period', async () => {
    const refused = async (url: string) => {
      const response = await api.as('lead', 'lead', { method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      return response.json().error.message as string;
    };
    expect(await refused('/v1/agents/me/kpis?from=March&to=2026-04-01')).toMatch(/from must be a date \(YYYY-MM-DD/);
    expect(await refused('/v1/agents/me/kpis?from=2026-02-30&to=2026-04-01')).toMatch(/from must be a date/);
    expect(await refused('/v1/agents/me/kpis?from=2026-03-01T08:00:00&to=2026-04-01')).toMatch(/with its offset/);
    expect(await refused('/v1/agents/me/kpis?from=2026-04-01&to=2026-03-01')).toMatch(/must be after from/);
    expect(await refused('/v1/team?from=2025-01-01&to=2026-03-01')).toMatch(/at most a year/);
    expect(await refused('/v1/team?from=2026-03-01&to=2026-04-01&period=today')).toMatch(/not both/);
    expect(await refused('/v1/team?from=2026-03-01')).toMatch(/both from and to/);
  });

  it('keeps an agent to their own window numbers', async () => {
    const response = await api.as('a1', 'agent', {
      method: 'GET',
      url: '/v1/agents/a2/kpis?from=2026-03-01&to=2026-04-01',
    });
    expect(response.statusCode).toBe(403);
  });
});
