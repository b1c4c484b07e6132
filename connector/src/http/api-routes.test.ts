import { aRating, aTicket, anAgent, at } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };

// Ann (a1) and Bob (a2); Lee (lead) leads them. Requester r1 came back today after Bob solved
// their ticket yesterday; r2 rated Ann's ticket badly yesterday; r3 praised Bob today.
const history = {
  agents: [anAgent('a1', 'Ann'), anAgent('a2', 'Bob'), anAgent('lead', 'Lee')],
  tickets: [
    aTicket({
      id: 't1',
      assigneeId: 'a1',
      requesterId: 'r1',
      createdAt: at('2026-11-20T09:00:00Z'),
      firstReplyAt: at('2026-11-20T09:30:00Z'),
      solvedAt: at('2026-11-20T11:00:00Z'),
    }),
    aTicket({
      id: 't2',
      assigneeId: 'a1',
      requesterId: 'r2',
      createdAt: at('2026-11-17T09:00:00Z'),
      firstReplyAt: at('2026-11-17T10:00:00Z'),
      solvedAt: at('2026-11-18T09:00:00Z'),
    }),
    aTicket({ id: 't3', assigneeId: 'a1', requesterId: 'r1', createdAt: at('2026-11-10T09:00:00Z') }),
    aTicket({
      id: 't4',
      assigneeId: 'a2',
      requesterId: 'r3',
      createdAt: at('2026-11-20T08:00:00Z'),
      firstReplyAt: at('2026-11-20T08:10:00Z'),
      solvedAt: at('2026-11-20T12:00:00Z'),
    }),
    aTicket({
      id: 't5',
      assigneeId: 'a2',
      requesterId: 'r1',
      createdAt: at('2026-11-18T09:00:00Z'),
      firstReplyAt: at('2026-11-18T09:20:00Z'),
      solvedAt: at('2026-11-19T16:00:00Z'),
    }),
  ],
  ratings: [
    aRating({
      id: 'bad',
      ticketId: 't2',
      agentId: 'a1',
      at: at('2026-11-19T10:00:00Z'),
      positive: false,
      comment: 'too slow',
    }),
    aRating({ id: 'good', ticketId: 't4', agentId: 'a2', at: at('2026-11-20T13:00:00Z'), comment: 'Great help!' }),
  ],
};

describe('the /v1 API', () => {
  let api: ApiHarness;

  beforeEach(async () => {
    api = await openApiHarness(history, clock);
  });

  afterEach(async () => {
    await api.close();
  });

  describe('agent dashboard', () => {
    it("gives an agent their own numbers for today, 7 and 30 days, with the team's median", async () => {
      const response = await api.as('a1', 'agent', { method: 'GET', url: '/v1/agents/me/dashboard' });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.agent).toEqual({ id: 'a1', name: 'Ann' });
      expect(body.periods.today.from).toBe('2026-11-20T00:00:00.000Z');
      expect(body.periods.today.kpis.solved).toMatchObject({ value: 1, sample: 1 });
      expect(body.periods.today.kpis.first_reply_time_median).toMatchObject({ value: 30, sample: 1 });
      // Ann 30 min, Bob 10 min today: the median of the two agents is 20.
      expect(body.periods.today.kpis.first_reply_time_median.teamMedian).toBe(20);
      expect(body.periods.last7Days.kpis.solved.value).toBe(2);
      expect(body.periods.last7Days.kpis.csat).toMatchObject({ value: 0, sample: 1 });
      expect(body.periods.last30Days.kpis.backlog.value).toBe(1);
      expect(Object.keys(body.periods.today.kpis)).not.toContain('contact_ratio');
      // One value per local day of the last 30, oldest first: Ann solved t2 on the 18th and t1 today.
      expect(body.trend.solved).toHaveLength(30);
      expect(body.trend.solved[29]).toBe(1);
      expect(body.trend.solved[27]).toBe(1);
      expect(body.trend.first_reply_time_median[29]).toBe(30);
    });

    it('shows target status once a lead sets a target, and the trend against the period before', async () => {
      const set = await api.as('lead', 'lead', {
        method: 'PUT',
        url: '/v1/targets/first_reply_time_median',
        payload: { green: 15, amber: 60 },
      });
      expect(set.statusCode).toBe(200);
      expect(set.json().targets).toEqual([{ kpi: 'first_reply_time_median', green: 15, amber: 60 }]);
      await expect
        .poll(
          async () =>
            (await api.as('a1', 'agent', { method: 'GET', url: '/v1/agents/me/dashboard' })).json().periods.today.kpis
              .first_reply_time_median.status,
        )
        .toBe('amber');
      const bob = await api.as('a2', 'agent', { method: 'GET', url: '/v1/agents/me/dashboard' });
      expect(bob.json().periods.today.kpis.first_reply_time_median.status).toBe('green');
    });

    it('lists the tickets behind a value on request', async () => {
      const response = await api.as('a1', 'agent', {
        method: 'GET',
        url: '/v1/agents/me/kpis/solved/tickets?period=last7Days',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ kpi: 'solved', agentId: 'a1', value: 2 });
      expect([...response.json().sample].sort()).toEqual(['t1', 't2']);
    });

    it('lets a lead open any agent, and refuses an agent who asks for another', async () => {
      expect((await api.as('lead', 'lead', { method: 'GET', url: '/v1/agents/a2/dashboard' })).json().agent.name).toBe(
        'Bob',
      );
      const refused = await api.as('a1', 'agent', { method: 'GET', url: '/v1/agents/a2/dashboard' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toMatch(/only their own/);
      const drill = await api.as('a1', 'agent', { method: 'GET', url: '/v1/agents/a2/kpis/csat/tickets' });
      expect(drill.statusCode).toBe(403);
    });

    it('answers 404 for an agent the account does not have', async () => {
      const response = await api.as('lead', 'lead', { method: 'GET', url: '/v1/agents/nobody/dashboard' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.message).toMatch(/GET \/v1\/team/);
    });
  });

  describe('team view', () => {
    it("lists every agent's numbers sorted by a KPI, for leads only", async () => {
      const response = await api.as('lead', 'lead', {
        method: 'GET',
        url: '/v1/team?period=today&sort=first_reply_time_median&order=asc',
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.agents.map((row: { agent: { id: string } }) => row.agent.id)).toEqual(['a2', 'a1', 'lead']);
      expect(body.team.solved.value).toBe(2);
      expect(body.team).toHaveProperty('contact_ratio');
      expect((await api.as('a1', 'agent', { method: 'GET', url: '/v1/team' })).statusCode).toBe(403);
    });

    it('drills into a team value', async () => {
      const response = await api.as('lead', 'lead', {
        method: 'GET',
        url: '/v1/agents/team/kpis/solved/tickets?period=today',
      });
      expect(response.statusCode).toBe(200);
      expect([...response.json().sample].sort()).toEqual(['t1', 't4']);
    });
  });

  describe('requester context', () => {
    it('shows contacts, open tickets, the last rating and a repeat-contact warning', async () => {
      const response = await api.as('a1', 'agent', { method: 'GET', url: '/v1/requesters/r1/context?ticketId=t1' });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.contactsLast30Days).toBe(3);
      expect(body.openTickets.map((t: { id: string }) => t.id)).toEqual(['t3']);
      expect(body.repeatContact).toMatchObject({ solvedTicketId: 't5', solvedAt: '2026-11-19T16:00:00.000Z' });
      expect(body.lastRating).toBeNull();
    });

    it('shows the last rating and no warning for a first contact', async () => {
      const body = (
        await api.as('a1', 'agent', { method: 'GET', url: '/v1/requesters/r2/context?ticketId=t2' })
      ).json();
      expect(body.lastRating).toMatchObject({ ticketId: 't2', positive: false, comment: 'too slow' });
      expect(body.repeatContact).toBeNull();
      const stranger = (await api.as('a1', 'agent', { method: 'GET', url: '/v1/requesters/r9/context' })).json();
      expect(stranger).toMatchObject({ contactsLast30Days: 0, openTickets: [], lastRating: null, repeatContact: null });
    });
  });

  describe('alerts', () => {
    it('escalates a negative rating to the agent and the lead, and tells the agent of a success', async () => {
      const ann = (await api.as('a1', 'agent', { method: 'GET', url: '/v1/alerts' })).json().alerts;
      expect(ann).toEqual([
        expect.objectContaining({ ratingId: 'bad', kind: 'escalation', ticketId: 't2', comment: 'too slow' }),
      ]);
      const bob = (await api.as('a2', 'agent', { method: 'GET', url: '/v1/alerts' })).json().alerts;
      expect(bob).toEqual([expect.objectContaining({ ratingId: 'good', kind: 'success', comment: 'Great help!' })]);
      const lead = (await api.as('lead', 'lead', { method: 'GET', url: '/v1/alerts' })).json().alerts;
      expect(lead.map((a: { ratingId: string }) => a.ratingId)).toEqual(['good', 'bad']);
    });
  });

  describe('coaching notes', () => {
    it('goes round the loop: a lead writes, edits; the agent reads and acknowledges; history is kept', async () => {
      const written = await api.as('lead', 'lead', {
        method: 'POST',
        url: '/v1/notes',
        payload: { agentId: 'a1', ticketId: 't2', kpi: 'csat', body: 'Let us look at t2 together.' },
      });
      expect(written.statusCode).toBe(201);
      const note = written.json();
      expect(note).toMatchObject({
        agentId: 'a1',
        authorId: 'lead',
        ticketId: 't2',
        kpi: 'csat',
        acknowledgedAt: null,
        history: [],
      });

      const edited = await api.as('lead', 'lead', {
        method: 'PATCH',
        url: `/v1/notes/${note.id}`,
        payload: { body: 'Let us look at t2 together on Monday.' },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json().body).toBe('Let us look at t2 together on Monday.');
      expect(edited.json().history.map((v: { body: string }) => v.body)).toEqual(['Let us look at t2 together.']);

      const mine = (await api.as('a1', 'agent', { method: 'GET', url: '/v1/notes' })).json().notes;
      expect(mine.map((n: { id: string }) => n.id)).toEqual([note.id]);
      const ack = await api.as('a1', 'agent', { method: 'POST', url: `/v1/notes/${note.id}/acknowledge` });
      expect(ack.statusCode).toBe(200);
      expect(ack.json().acknowledgedAt).toBe(new Date(NOW).toISOString());
      const leadView = (await api.as('lead', 'lead', { method: 'GET', url: '/v1/notes?agentId=a1' })).json().notes;
      expect(leadView[0].acknowledgedAt).toBe(new Date(NOW).toISOString());
    });

    it("keeps an agent out of another agent's notes, and agents from writing notes", async () => {
      const note = (
        await api.as('lead', 'lead', {
          method: 'POST',
          url: '/v1/notes',
          payload: { agentId: 'a2', body: 'Nice work' },
        })
      ).json();
      expect((await api.as('a1', 'agent', { method: 'GET', url: '/v1/notes' })).json().notes).toEqual([]);
      expect((await api.as('a1', 'agent', { method: 'GET', url: '/v1/notes?agentId=a2' })).statusCode).toBe(403);
      expect(
        (await api.as('a1', 'agent', { method: 'POST', url: `/v1/notes/${note.id}/acknowledge` })).statusCode,
      ).toBe(404);
      const write = await api.as('a1', 'agent', {
        method: 'POST',
        url: '/v1/notes',
        payload: { agentId: 'a2', body: 'hi' },
      });
      expect(write.statusCode).toBe(403);
    });
  });

  it('describes every route in /openapi.json', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of [
      'GET /v1/agents/{agentId}/dashboard',
      'GET /v1/agents/{agentId}/kpis/{kpi}/tickets',
      'GET /v1/team',
      'GET /v1/requesters/{requesterId}/context',
      'GET /v1/alerts',
      'GET /v1/notes',
      'POST /v1/notes',
      'PATCH /v1/notes/{noteId}',
      'POST /v1/notes/{noteId}/acknowledge',
      'GET /v1/targets',
      'PUT /v1/targets/{kpi}',
      'DELETE /v1/targets/{kpi}',
      'GET /v1/stream',
      'GET /v1/people',
      'PUT /v1/people/{userId}/role',
      'POST /v1/auth/zendesk',
      'POST /v1/auth/freshdesk',
      'POST /v1/auth/refresh',
      'POST /v1/webhooks/zendesk/{tenant}',
      'POST /v1/webhooks/freshdesk/{tenant}',
      'GET /healthz',
      'GET /metrics',
    ]) {
      expect(routes).toContain(route);
    }
    expect(
      doc.paths['/v1/agents/{agentId}/dashboard'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('periods');
  });
});
