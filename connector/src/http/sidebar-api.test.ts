import { aRating, aTicket, anAgent, at } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';

// What the sidebar reads at a glance (issue 14): the team's value beside the agent's, why a value
// is missing, the headline KPIs the admin chose. The account works in UTC; today is Friday the
// 20th, so today is [20th, 21st), the last 7 days [14th, 21st), the last 30 [Oct 22nd, Nov 21st).
const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };

// Ann (a1) and Bob (a2) answer; Lee leads; Ada is the admin. No survey tool is connected.
const history = {
  agents: [anAgent('a1', 'Ann'), anAgent('a2', 'Bob'), anAgent('lead', 'Lee'), anAgent('boss', 'Ada')],
  tickets: [
    // Today: Ann replied in 30 min and solved; Bob replied in 10 min (solved) and 40 min (open).
    aTicket({
      id: 't1',
      assigneeId: 'a1',
      requesterId: 'r1',
      createdAt: at('2026-11-20T09:00:00Z'),
      firstReplyAt: at('2026-11-20T09:30:00Z'),
      solvedAt: at('2026-11-20T11:00:00Z'),
    }),
    aTicket({
      id: 't4',
      assigneeId: 'a2',
      requesterId: 'r3',
      createdAt: at('2026-11-20T08:00:00Z'),
      firstReplyAt: at('2026-11-20T08:10:00Z'),
      solvedAt: at('2026-11-20T12:00:00Z'),
    }),
    aTicket({
      id: 't6',
      assigneeId: 'a2',
      requesterId: 'r5',
      createdAt: at('2026-11-20T10:00:00Z'),
      firstReplyAt: at('2026-11-20T10:40:00Z'),
    }),
    // Ann's open ticket from the 10th, and her solve of the 18th that was rated badly on the 19th.
    aTicket({ id: 't3', assigneeId: 'a1', requesterId: 'r1', createdAt: at('2026-11-10T09:00:00Z') }),
    aTicket({
      id: 't2',
      assigneeId: 'a1',
      requesterId: 'r2',
      createdAt: at('2026-11-17T09:00:00Z'),
      firstReplyAt: at('2026-11-17T10:00:00Z'),
      solvedAt: at('2026-11-18T09:00:00Z'),
      publicReplies: 3,
    }),
    // Two unassigned tickets waiting since the 19th, with numeric ids (#910 comes before #1192).
    aTicket({ id: '1192', requesterId: 'r6', createdAt: at('2026-11-19T08:00:00Z') }),
    aTicket({ id: '910', requesterId: 'r7', createdAt: at('2026-11-19T08:00:00Z') }),
    // Sam (r2) wrote again on the 19th, a day after Ann solved t2; Bob solved it without a reply.
    aTicket({
      id: 't40',
      assigneeId: 'a2',
      requesterId: 'r2',
      createdAt: at('2026-11-19T12:00:00Z'),
      solvedAt: at('2026-11-19T14:00:00Z'),
    }),
    // Bob's long thread since the 1st: nine replies, reopened twice, still open.
    aTicket({
      id: 't30',
      assigneeId: 'a2',
      requesterId: 'r8',
      createdAt: at('2026-11-01T09:00:00Z'),
      firstReplyAt: at('2026-11-01T09:45:00Z'),
      publicReplies: 9,
      reopens: 2,
    }),
    // r4: Ann solved on the 6th, r4 came back on the 8th (Bob solved that on the 9th, for good).
    aTicket({
      id: 't10',
      assigneeId: 'a1',
      requesterId: 'r4',
      createdAt: at('2026-11-05T09:00:00Z'),
      firstReplyAt: at('2026-11-05T10:00:00Z'),
      solvedAt: at('2026-11-06T09:00:00Z'),
    }),
    aTicket({
      id: 't11',
      assigneeId: 'a2',
      requesterId: 'r4',
      createdAt: at('2026-11-08T09:00:00Z'),
      firstReplyAt: at('2026-11-08T09:30:00Z'),
      solvedAt: at('2026-11-09T09:00:00Z'),
    }),
  ],
  ratings: [
    aRating({ id: 'bad', ticketId: 't2', agentId: 'a1', at: at('2026-11-19T10:00:00Z'), positive: false }),
    aRating({ id: 'good', ticketId: 't4', agentId: 'a2', at: at('2026-11-20T13:00:00Z'), comment: 'Great help!' }),
  ],
};

const labels = {
  subjects: { t1: 'Cannot log in', t2: 'Refund for order 1234', '910': 'Invoice missing' },
  requesterNames: { r1: 'Rita Reyes', r2: 'Sam Stone' },
};

const DEFAULT_HEADLINE = [
  'csat',
  'repeat_contact_rate',
  'first_reply_time_median',
  'full_resolution_time_median',
  'one_touch_rate',
  'backlog',
];

describe('the sidebar at a glance', () => {
  let api: ApiHarness;

  beforeEach(async () => {
    api = await openApiHarness(history, clock, {}, labels);
  });

  afterEach(async () => {
    await api.close();
  });

  const dashboard = async (userId = 'a1') =>
    (await api.as(userId, 'agent', { method: 'GET', url: '/v1/agents/me/dashboard' })).json();

  describe('dashboard', () => {
    it("puts the whole team's value beside the agent's, not the median of the agents", async () => {
      const today = (await dashboard()).periods.today.kpis;
      // First replies today: Ann 30; Bob 10 and 40. The team's median of 30, 10, 40 is 30; the
      // median of the agents' medians (30 and 25) would be 27.5.
      expect(today.first_reply_time_median).toMatchObject({
        value: 30,
        sample: 1,
        team: { value: 30, sample: 3 },
        teamMedian: 27.5,
        reason: null,
      });
      // Solved today: t1 (Ann) and t4 (Bob); t4's rating is the team's only one today.
      expect(today.solved.team).toEqual({ value: 2, sample: 2 });
      expect(today.csat.team).toEqual({ value: 1, sample: 1 });
      // Open now: Ann's t3, Bob's t6 and t30, and the unassigned 910 and 1192.
      expect(today.backlog).toMatchObject({ value: 1, team: { value: 5, sample: 5 } });
    });

    it('says why a value is missing', async () => {
      const { today, last30Days } = (await dashboard()).periods;
      // Ann solved t1 today: it has no rating yet, and its 7 days are not over.
      expect(today.kpis.csat).toMatchObject({ value: null, reason: 'no_responses' });
      expect(today.kpis.repeat_contact_rate).toMatchObject({ value: null, reason: 'waiting_period' });
      // No survey tool is connected.
      expect(today.kpis.nps).toMatchObject({ value: null, reason: 'no_survey_source' });
      expect(today.kpis.ces.reason).toBe('no_survey_source');
      // Over 30 days t10's 7 days are over (r4 came back: t11); t2 and t1 are too recent.
      expect(last30Days.kpis.repeat_contact_rate).toMatchObject({
        value: 1,
        sample: 1,
        reason: null,
        // The team: t10 came back, t11 did not; t2, t1 and t4 are too recent.
        team: { value: 0.5, sample: 2 },
      });
      // Bob solved t4 today: waiting as well. Lee has no ticket at all: nothing in the window.
      const bob = (await dashboard('a2')).periods.today.kpis;
      expect(bob.repeat_contact_rate.reason).toBe('waiting_period');
      const stranger = (await api.as('lead', 'lead', { method: 'GET', url: '/v1/agents/lead/dashboard' })).json();
      expect(stranger.periods.today.kpis.solved).toMatchObject({ value: 0, reason: null });
      expect(stranger.periods.today.kpis.first_reply_time_median).toMatchObject({
        value: null,
        reason: 'empty_window',
      });
      expect(stranger.periods.today.kpis.csat.reason).toBe('empty_window');
      expect(stranger.periods.today.kpis.repeat_contact_rate.reason).toBe('empty_window');
    });

    it('carries the default headline until the admin chooses one', async () => {
      expect((await dashboard()).headline).toEqual(DEFAULT_HEADLINE);
    });
  });

  describe('team view', () => {
    it("gives the team block its own value as the team's, with reasons", async () => {
      const body = (await api.as('lead', 'lead', { method: 'GET', url: '/v1/team?period=today' })).json();
      expect(body.team.first_reply_time_median).toMatchObject({ value: 30, team: { value: 30, sample: 3 } });
      expect(body.team.nps.reason).toBe('no_survey_source');
      expect(body.team.contact_ratio.reason).toBeNull();
      const ann = body.agents.find((row: { agent: { id: string } }) => row.agent.id === 'a1');
      expect(ann.kpis.csat).toMatchObject({ value: null, reason: 'no_responses', team: { value: 1, sample: 1 } });
    });
  });

  describe('drill-down rows', () => {
    const drill = async (url: string, userId = 'a1', role: 'agent' | 'lead' = 'agent') => {
      const response = await api.as(userId, role, { method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().tickets as { id: string; value: number | null; matching: boolean }[];
    };
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

    it('gives each ticket its subject, requester, the moment and the minutes that counted', async () => {
      // Ann's first replies in the last 7 days: t2 after 60 min (the 17th), t1 after 30 (today).
      const rows = await drill('/v1/agents/me/kpis/first_reply_time_median/tickets?period=last7Days');
      expect(rows).toEqual([
        {
          id: 't1',
          subject: 'Cannot log in',
          requester: { id: 'r1', name: 'Rita Reyes' },
          at: '2026-11-20T09:30:00.000Z',
          value: 30,
          matching: false,
        },
        {
          id: 't2',
          subject: 'Refund for order 1234',
          requester: { id: 'r2', name: 'Sam Stone' },
          at: '2026-11-17T10:00:00.000Z',
          value: 60,
          matching: false,
        },
      ]);
      const byValue = await drill('/v1/agents/me/kpis/first_reply_time_median/tickets?period=last7Days&sort=value');
      expect(ids(byValue)).toEqual(['t2', 't1']);
      const fastest = await drill(
        '/v1/agents/me/kpis/first_reply_time_median/tickets?period=last7Days&sort=value&order=asc',
      );
      expect(ids(fastest)).toEqual(['t1', 't2']);
    });

    it('says good or bad for a rating, at the time it was given', async () => {
      const rows = await drill('/v1/agents/me/kpis/csat/tickets?period=last7Days');
      expect(rows).toEqual([expect.objectContaining({ id: 't2', at: '2026-11-19T10:00:00.000Z', matching: false })]);
      const team = await drill('/v1/agents/team/kpis/csat/tickets?period=today', 'lead', 'lead');
      // t4's requester r3 has no name stored.
      expect(team).toEqual([
        {
          id: 't4',
          subject: null,
          requester: { id: 'r3', name: null },
          at: '2026-11-20T13:00:00.000Z',
          value: null,
          matching: true,
        },
      ]);
    });

    it('sorts yes/no KPIs by the answer and replies by their count', async () => {
      // t1: one reply, one touch; t2: three replies.
      const touch = await drill('/v1/agents/me/kpis/one_touch_rate/tickets?period=last7Days&sort=value');
      expect(touch.map((r) => [r.id, r.matching])).toEqual([
        ['t1', true],
        ['t2', false],
      ]);
      const asc = await drill('/v1/agents/me/kpis/one_touch_rate/tickets?period=last7Days&sort=value&order=asc');
      expect(ids(asc)).toEqual(['t2', 't1']);
      const replies = await drill('/v1/agents/me/kpis/replies_per_ticket/tickets?period=last7Days&sort=value');
      expect(replies.map((r) => [r.id, r.value])).toEqual([
        ['t2', 3],
        ['t1', 1],
      ]);
    });

    it('sorts the backlog by creation, ids as numbers where the time is the same', async () => {
      const url = '/v1/agents/team/kpis/backlog/tickets?period=today';
      // t30 (the 1st), t3 (the 10th), 910 and 1192 (the 19th, 08:00), t6 (today).
      expect(ids(await drill(url, 'lead', 'lead'))).toEqual(['t6', '1192', '910', 't3', 't30']);
      expect(ids(await drill(`${url}&order=asc`, 'lead', 'lead'))).toEqual(['t30', 't3', '910', '1192', 't6']);
      const rows = await drill(`${url}&order=asc`, 'lead', 'lead');
      expect(rows[2]).toMatchObject({ subject: 'Invoice missing', at: '2026-11-19T08:00:00.000Z', value: null });
    });

    it('refuses a sort it does not know', async () => {
      const response = await api.as('a1', 'agent', {
        method: 'GET',
        url: '/v1/agents/me/kpis/csat/tickets?sort=subject',
      });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('requester context', () => {
    const context = async (requesterId: string, ticket: string) => {
      const response = await api.as('a1', 'agent', {
        method: 'GET',
        url: `/v1/requesters/${requesterId}/context?ticket=${ticket}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const ids = (tickets: { id: string }[]) => tickets.map((t) => t.id);

    it('counts the ticket in view while it is open', async () => {
      // Rita (r1) wrote t3 on the 10th (open, in view) and t1 today (solved).
      const body = await context('r1', 't3');
      expect(body).toMatchObject({ requesterId: 'r1', requesterName: 'Rita Reyes', contactsLast30Days: 2 });
      expect(ids(body.recentTickets)).toEqual(['t1', 't3']);
      expect(ids(body.openTickets)).toEqual(['t3']);
      expect(body.repeatContact).toBeNull();
      expect(api.queued).toEqual([]);
    });

    it('counts the ticket in view once it is solved, as a contact and not as open', async () => {
      const body = await context('r1', 't1');
      expect(body.contactsLast30Days).toBe(2);
      expect(ids(body.openTickets)).toEqual(['t3']);
      // The older t3 is open: no solve came before t1.
      expect(body.repeatContact).toBeNull();
      // The name the sidebar first used for the parameter still works.
      const old = await api.as('a1', 'agent', { method: 'GET', url: '/v1/requesters/r1/context?ticketId=t1' });
      expect(old.json().contactsLast30Days).toBe(2);
    });

    it('counts a ticket the store has not synced yet as a new open contact, and fetches it', async () => {
      // r5 has Bob's t6 open; t99 was created in the helpdesk moments ago.
      const body = await context('r5', 't99');
      expect(body.contactsLast30Days).toBe(2);
      expect(body.openTickets).toEqual([
        { id: 't99', status: 'new', createdAt: '2026-11-20T15:00:00.000Z', solvedAt: null, assigneeId: null },
        expect.objectContaining({ id: 't6', status: 'open' }),
      ]);
      expect(body.requesterName).toBeNull();
      expect(api.queued).toEqual([{ kind: 'refresh-ticket', tenant: 'acme', ticketId: 't99' }]);
    });

    it('counts the ticket in view for the requester the helpdesk shows, when the store has another', async () => {
      // t4 is r3's in the store (solved today); the helpdesk now shows it as r5's.
      const body = await context('r5', 't4');
      expect(body.contactsLast30Days).toBe(2);
      expect(ids(body.recentTickets)).toEqual(['t6', 't4']);
      expect(ids(body.openTickets)).toEqual(['t6']);
      expect(api.queued).toEqual([{ kind: 'refresh-ticket', tenant: 'acme', ticketId: 't4' }]);
    });
  });

  describe('what to do next', () => {
    it('asks first to follow up a negative rating nobody answered yet', async () => {
      // Ann's t2 was rated badly on the 19th at 10:00 and is still solved as it was (the 18th).
      expect((await dashboard()).next).toEqual({ kind: 'follow_up_rating', kpi: null, ticketIds: ['t2'] });
    });

    it('then points to a requester who came back', async () => {
      // Ann answers the rating and solves t2 again at 11:00: followed up. Sam came back the day
      // after her solve with t40.
      const t2 = history.tickets.find((t) => t.id === 't2')!;
      await api.store.savePage(
        api.tenant.id,
        'test',
        {
          tickets: [
            {
              ticket: { ...t2, solvedAt: at('2026-11-19T11:00:00Z'), resolutionMinutes: null },
              updatedAt: at('2026-11-19T11:00:00Z'),
              repliesKnown: true,
            },
          ],
        },
        { cursor: 'test', done: true, reachedTime: null },
      );
      await expect
        .poll(async () => (await dashboard()).next)
        .toEqual({ kind: 'repeat_contact', kpi: null, ticketIds: ['t40'] });
    });

    it('then names a headline KPI off target, with the tickets that pull it down, worst first', async () => {
      // Bob has no rating to follow up and nobody came back to him.
      expect((await dashboard('a2')).next).toBeNull();
      // His first replies in the last 7 days: t4 after 10 min, t6 after 40: a median of 25, red
      // above 20.
      const set = await api.as('lead', 'lead', {
        method: 'PUT',
        url: '/v1/targets/first_reply_time_median',
        payload: { green: 10, amber: 20 },
      });
      expect(set.statusCode).toBe(200);
      await expect
        .poll(async () => (await dashboard('a2')).next)
        .toEqual({ kind: 'target_slipping', kpi: 'first_reply_time_median', ticketIds: ['t6', 't4'] });
    });

    it('leaves a target met or amber and improving alone', async () => {
      // 25 is amber up to 30; the week before Bob's one reply (t11) took 30 min: improving.
      await api.as('lead', 'lead', {
        method: 'PUT',
        url: '/v1/targets/first_reply_time_median',
        payload: { green: 15, amber: 30 },
      });
      await expect
        .poll(async () => (await dashboard('a2')).periods.last7Days.kpis.first_reply_time_median.status)
        .toBe('amber');
      expect((await dashboard('a2')).next).toBeNull();
    });
  });

  describe('ticket summary', () => {
    const summary = (ticketId: string) =>
      api.as('a1', 'agent', { method: 'GET', url: `/v1/tickets/${ticketId}/summary` });

    it("sets the ticket in view against the team's typical replies", async () => {
      // Solved with a reply in the last 30 days: t1, t4, t10, t11 (one reply each) and t2 (three):
      // the median is 1. t2's three replies are three times that, but fewer than 8.
      const response = await summary('t2');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        ticketId: 't2',
        subject: 'Refund for order 1234',
        rating: { positive: false, comment: null, at: '2026-11-19T10:00:00.000Z' },
        replies: 3,
        typicalReplies: 1,
        firstReplyMinutes: 60,
        reopens: 0,
        outlier: false,
      });
    });

    it('flags a thread of nine replies where one is typical', async () => {
      expect((await summary('t30')).json()).toEqual({
        ticketId: 't30',
        subject: null,
        rating: null,
        replies: 9,
        typicalReplies: 1,
        firstReplyMinutes: 45,
        reopens: 2,
        outlier: true,
      });
    });

    it('answers 404 for a ticket not synced yet, and fetches it', async () => {
      const response = await summary('t99');
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/t99/) });
      expect(api.queued).toEqual([{ kind: 'refresh-ticket', tenant: 'acme', ticketId: 't99' }]);
    });
  });

  describe('names', () => {
    it("names a note's author and the agent, never ids alone", async () => {
      const written = await api.as('lead', 'lead', {
        method: 'POST',
        url: '/v1/notes',
        payload: { agentId: 'a1', ticketId: 't2', body: 'Call Sam back about the refund.' },
      });
      expect(written.statusCode).toBe(201);
      expect(written.json()).toMatchObject({ authorId: 'lead', authorName: 'Lee' });
      const [mine] = (await api.as('a1', 'agent', { method: 'GET', url: '/v1/notes' })).json().notes;
      expect(mine).toMatchObject({ authorId: 'lead', authorName: 'Lee' });
      expect((await dashboard()).agent).toEqual({ id: 'a1', name: 'Ann' });
    });
  });

  describe('settings', () => {
    // An admin's route reads the role now, not the token's: Ada is the admin Frontline keeps.
    beforeEach(() => api.store.coaching.setRole(api.tenant.id, 'boss', 'admin'));

    it('gives everyone the headline and lets the admin alone change it', async () => {
      const read = await api.as('a1', 'agent', { method: 'GET', url: '/v1/settings' });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual({ headline: DEFAULT_HEADLINE });

      const put = (role: 'agent' | 'lead' | 'admin', headline: unknown) =>
        api.as(role === 'admin' ? 'boss' : role === 'lead' ? 'lead' : 'a1', role, {
          method: 'PUT',
          url: '/v1/settings/headline',
          payload: { headline },
        });
      const byLead = await put('lead', ['backlog']);
      expect(byLead.statusCode).toBe(403);
      expect(byLead.json().error.message).toMatch(/admin role/);
      expect((await put('agent', ['backlog'])).statusCode).toBe(403);

      const saved = await put('admin', ['backlog', 'csat', 'solved']);
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toEqual({ headline: ['backlog', 'csat', 'solved'] });
      expect((await api.as('a2', 'agent', { method: 'GET', url: '/v1/settings' })).json()).toEqual({
        headline: ['backlog', 'csat', 'solved'],
      });
      // At once, not at the next recomputation.
      expect((await dashboard()).headline).toEqual(['backlog', 'csat', 'solved']);
    });

    it('refuses an empty headline, more than 8, a repeat, and a team-only KPI', async () => {
      const eight = ['solved', 'csat', 'nps', 'ces', 'backlog', 'reopen_rate', 'one_touch_rate', 'escalation_rate'];
      for (const headline of [[], [...eight, 'csat_response_rate'], ['csat', 'csat'], ['contact_ratio'], ['joy']]) {
        const response = await api.as('boss', 'admin', {
          method: 'PUT',
          url: '/v1/settings/headline',
          payload: { headline },
        });
        expect(response.statusCode, JSON.stringify(headline)).toBe(400);
      }
      expect((await api.as('boss', 'admin', { method: 'GET', url: '/v1/settings' })).json().headline).toEqual(
        DEFAULT_HEADLINE,
      );
    });
  });

  it('describes the new routes in /openapi.json', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/v1/tickets/{ticketId}/summary']).toHaveProperty('get');
    expect(doc.paths['/v1/settings']).toHaveProperty('get');
    expect(doc.paths['/v1/settings/headline']).toHaveProperty('put');
    const drill = doc.paths['/v1/agents/{agentId}/kpis/{kpi}/tickets'].get;
    expect(drill.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['period', 'sort', 'order']),
    );
  });
});
