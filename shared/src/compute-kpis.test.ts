import { describe, expect, it } from 'vitest';
import { computeKpis, type KpiOptions } from './compute-kpis.js';
import { AGENT_KPI_KEYS, KPI_KEYS } from './kpi-keys.js';
import type { History } from './model.js';
import { aHistory, aRating, aSurveyAnswer, aTicket, anAgent, at } from './testing/index.js';
import type { TimeWindow } from './time-window.js';

const JANUARY: TimeWindow = { from: at('2026-01-01T00:00:00Z'), to: at('2026-02-01T00:00:00Z') };
const OPTIONS: KpiOptions = { now: at('2026-03-01T00:00:00Z') };
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function january(history: History, options: Partial<KpiOptions> = {}) {
  const [report] = computeKpis(history, [JANUARY], { ...OPTIONS, ...options });
  return report!;
}

describe('computeKpis', () => {
  it('gives null, never 0, for every rate, duration and score of an empty window', () => {
    const { team } = january(aHistory());
    for (const key of KPI_KEYS) {
      const expected = key === 'solved' || key === 'backlog' ? 0 : null;
      expect(team[key], key).toEqual({ value: expected, sample: 0 });
    }
  });

  it('lists every KPI for the team and every agent KPI for each known agent', () => {
    const { team, agents } = january(aHistory({ agents: [anAgent('7'), anAgent('8')] }));
    expect(Object.keys(team).sort()).toEqual([...KPI_KEYS].sort());
    expect([...agents.keys()].sort()).toEqual(['7', '8']);
    expect(Object.keys(agents.get('7')!).sort()).toEqual([...AGENT_KPI_KEYS].sort());
  });

  describe('solved', () => {
    it('counts tickets by their latest solve, with the window half-open', () => {
      const tickets = [
        aTicket({ createdAt: at('2025-12-20T00:00:00Z'), solvedAt: at('2026-01-01T00:00:00Z') }),
        aTicket({ solvedAt: at('2026-01-31T23:59:59Z') }),
        aTicket({ solvedAt: at('2026-02-01T00:00:00Z') }),
        aTicket({ createdAt: at('2025-12-01T00:00:00Z'), solvedAt: at('2025-12-31T23:59:59Z') }),
      ];
      expect(january(aHistory({ tickets })).team.solved).toEqual({ value: 2, sample: 2 });
    });

    it('counts a ticket solved several times once, in the window of its latest solve', () => {
      // Chatwoot counts every resolve event (case C11: 5 resolves -> 5); KPIS.md counts tickets.
      const reopened = aTicket({ solvedAt: at('2026-01-20T00:00:00Z'), reopens: 4, publicReplies: 5 });
      expect(january(aHistory({ tickets: [reopened] })).team.solved.value).toBe(1);
    });
  });

  describe('first reply time', () => {
    const created = at('2026-01-10T08:00:00Z');
    const replied = (minutes: number, fields = {}) =>
      aTicket({ createdAt: created, firstReplyAt: created + minutes * MIN, ...fields });

    it('takes the median and mean over tickets whose first reply is in the window', () => {
      const tickets = [replied(10), replied(20), replied(30), replied(100), aTicket({ createdAt: created })];
      const { team } = january(aHistory({ tickets }));
      expect(team.first_reply_time_median).toEqual({ value: 25, sample: 4 });
      expect(team.first_reply_time_mean).toEqual({ value: 40, sample: 4 });
    });

    it('counts a ticket in the window of its first reply, not of its creation', () => {
      const lateDecember = at('2025-12-31T23:00:00Z');
      const ticket = aTicket({ createdAt: lateDecember, firstReplyAt: lateDecember + 2 * HOUR });
      expect(january(aHistory({ tickets: [ticket] })).team.first_reply_time_median).toEqual({ value: 120, sample: 1 });
    });

    it('re-encodes Papercups P1: median of an even count is the mean of the middle two', () => {
      // Papercups reports seconds: 31, 671, 3665, 90000 -> mean 23591.75 s, median 2168 s.
      const tickets = [31, 671, 3665, 90000].map((s) => replied(s / 60));
      const { team } = january(aHistory({ tickets }));
      expect(team.first_reply_time_mean.value! * 60).toBeCloseTo(23591.75, 9);
      expect(team.first_reply_time_median.value! * 60).toBeCloseTo(2168, 9);
    });

    it('re-encodes Papercups P2 with half-open bounds: a reply exactly at `from` counts', () => {
      // Papercups filters strictly (from < t < to) and drops the item at `from`, giving median 140 over
      // [5, 20, 140, 330, 615]; KPIS.md windows are [from, to), so the sixth item (at `from`) is in.
      const window = { from: at('2020-09-28T10:00:00Z'), to: at('2020-10-04T00:00:00Z') };
      const base = window.from + HOUR;
      const tickets = [5, 20, 140, 330, 615].map((s) => aTicket({ createdAt: base, firstReplyAt: base + s * 1000 }));
      tickets.push(aTicket({ createdAt: window.from - 50_000, firstReplyAt: window.from }));
      const [report] = computeKpis(aHistory({ tickets }), [window], OPTIONS);
      expect(report!.team.first_reply_time_median.sample).toBe(6);
      expect(report!.team.first_reply_time_median.value! * 60).toBeCloseTo((50 + 140) / 2, 9);
    });

    it('uses business minutes from the helpdesk when given, else the schedule, else calendar minutes', () => {
      const schedule = {
        timeZone: 'UTC',
        intervals: [0, 1, 2, 3, 4].map((d) => ({ start: d * 1440 + 9 * 60, end: d * 1440 + 17 * 60 })),
        holidays: [],
      };
      // Friday 16:00 -> Monday 10:00: 60 + 60 business minutes, 3960 calendar minutes.
      const friday = at('2026-01-09T16:00:00Z');
      const monday = at('2026-01-12T10:00:00Z');
      const fromHelpdesk = aTicket({ createdAt: friday, firstReplyAt: monday, firstReplyBusinessMinutes: 689.46 });
      const fromSchedule = aTicket({ createdAt: friday, firstReplyAt: monday });
      expect(january(aHistory({ tickets: [fromHelpdesk], schedule })).team.first_reply_time_business_median.value).toBe(
        689.46,
      );
      expect(january(aHistory({ tickets: [fromSchedule], schedule })).team.first_reply_time_business_median.value).toBe(
        120,
      );
      expect(january(aHistory({ tickets: [fromSchedule] })).team.first_reply_time_business_median.value).toBe(3960);
    });
  });

  describe('resolution', () => {
    it('takes the median calendar minutes from creation to the latest solve', () => {
      // Chatwoot C4: created -> resolved 20 minutes is 20, whatever happened to the ticket later.
      const created = at('2026-01-10T08:00:00Z');
      const tickets = [20, 40, 600].map((m) => aTicket({ createdAt: created, solvedAt: created + m * MIN }));
      const { team } = january(aHistory({ tickets }));
      expect(team.full_resolution_time_median).toEqual({ value: 40, sample: 3 });
      expect(team.full_resolution_time_business_median).toEqual({ value: 40, sample: 3 });
    });
  });

  describe('one-touch, reopens and replies', () => {
    const solvedAt = at('2026-01-15T12:00:00Z');
    const tickets = [
      aTicket({ solvedAt, publicReplies: 1, reopens: 0 }),
      aTicket({ solvedAt, publicReplies: 1, reopens: 1 }),
      aTicket({ solvedAt, publicReplies: 2, reopens: 0 }),
      aTicket({ solvedAt, publicReplies: 0, reopens: 0 }),
    ];
    const { team } = january(aHistory({ tickets }));

    it('counts one-touch over solved tickets with at least one public reply', () => {
      expect(team.one_touch_rate).toEqual({ value: 1 / 3, sample: 3 });
    });

    it('counts reopened tickets over all solved tickets', () => {
      expect(team.reopen_rate).toEqual({ value: 1 / 4, sample: 4 });
    });

    it('averages public replies over solved tickets that have one', () => {
      expect(team.replies_per_ticket).toEqual({ value: 4 / 3, sample: 3 });
    });
  });

  describe('CSAT', () => {
    const ticket = aTicket({ assigneeId: 'a1', solvedAt: at('2026-01-05T00:00:00Z') });
    const when = at('2026-01-06T00:00:00Z');
    const ratings = [
      aRating({ ticketId: ticket.id, at: when, positive: true }),
      aRating({ ticketId: ticket.id, at: when, positive: true, agentId: 'a2' }),
      aRating({ ticketId: ticket.id, at: when, positive: false }),
      aRating({ ticketId: ticket.id, at: when, answered: false, positive: false }),
      aRating({ ticketId: ticket.id, at: at('2026-02-01T00:00:00Z'), positive: false }),
    ];

    it('counts positive over answered ratings given in the window', () => {
      expect(january(aHistory({ tickets: [ticket], ratings })).team.csat).toEqual({ value: 2 / 3, sample: 3 });
    });

    it('counts answered over sent surveys for the response rate', () => {
      expect(january(aHistory({ tickets: [ticket], ratings })).team.csat_response_rate).toEqual({
        value: 3 / 4,
        sample: 4,
      });
    });

    it('re-encodes Chatwoot C12: 27 of 54 positive is 50%, 20 answers of 50 sent is 40%', () => {
      const many = [
        ...Array.from({ length: 27 }, () => aRating({ ticketId: ticket.id, at: when, positive: true })),
        ...Array.from({ length: 27 }, () => aRating({ ticketId: ticket.id, at: when, positive: false })),
      ];
      expect(january(aHistory({ tickets: [ticket], ratings: many })).team.csat.value).toBe(0.5);
      const sent = [
        ...Array.from({ length: 20 }, () => aRating({ ticketId: ticket.id, at: when })),
        ...Array.from({ length: 30 }, () =>
          aRating({ ticketId: ticket.id, at: when, answered: false, positive: false }),
        ),
      ];
      expect(january(aHistory({ tickets: [ticket], ratings: sent })).team.csat_response_rate.value).toBe(0.4);
    });

    it('attributes a rating to the agent on it, else to the ticket assignee', () => {
      const { agents } = january(aHistory({ tickets: [ticket], ratings }));
      expect(agents.get('a1')!.csat).toEqual({ value: 1 / 2, sample: 2 });
      expect(agents.get('a2')!.csat).toEqual({ value: 1, sample: 1 });
    });

    it('leaves the response rate unknown when unanswered surveys are not reported', () => {
      const history = aHistory({
        tickets: [ticket],
        ratings: ratings.filter((r) => r.answered),
        ratingsIncludeUnanswered: false,
      });
      expect(january(history).team.csat_response_rate).toEqual({ value: null, sample: 0 });
    });
  });

  describe('repeat contacts', () => {
    const solvedAt = at('2026-01-10T12:00:00Z');
    const solved = (requesterId: string, fields = {}) =>
      aTicket({ requesterId, assigneeId: 'a1', createdAt: solvedAt - DAY, solvedAt, ...fields });
    const contact = (requesterId: string, createdAt: number) => aTicket({ requesterId, createdAt });

    it('counts requesters who opened another ticket within 168 hours after the solve', () => {
      const tickets = [
        solved('back'),
        contact('back', solvedAt + 6 * DAY),
        solved('edge'),
        contact('edge', solvedAt + 7 * DAY),
        solved('gone'),
        contact('gone', solvedAt - 2 * DAY),
      ];
      const { team, agents } = january(aHistory({ tickets }));
      expect(team.repeat_contact_rate).toEqual({ value: 1 / 3, sample: 3 });
      expect(agents.get('a1')!.repeat_contact_rate).toEqual({ value: 1 / 3, sample: 3 });
    });

    it('leaves out solves whose 7 days have not fully passed by now', () => {
      const tickets = [solved('back'), contact('back', solvedAt + DAY)];
      const notYet = { now: solvedAt + 7 * DAY - 1 };
      expect(january(aHistory({ tickets }), notYet).team.repeat_contact_rate).toEqual({ value: null, sample: 0 });
      expect(january(aHistory({ tickets }), { now: solvedAt + 7 * DAY }).team.repeat_contact_rate.value).toBe(1);
    });
  });

  describe('escalations', () => {
    it('counts tickets created in the window that moved groups or carry an escalation tag', () => {
      const tickets = [
        aTicket({ groupStations: 2 }),
        aTicket({ tags: ['Tier2'] }),
        aTicket({ tags: ['billing'], groupStations: 1 }),
        aTicket({ tags: ['vip'] }),
      ];
      expect(january(aHistory({ tickets })).team.escalation_rate).toEqual({ value: 2 / 4, sample: 4 });
      expect(january(aHistory({ tickets }), { escalationTags: ['vip'] }).team.escalation_rate.value).toBe(2 / 4);
    });
  });

  describe('backlog', () => {
    it('counts the agent tickets unsolved at the end of the window', () => {
      const end = JANUARY.to;
      const tickets = [
        aTicket({ assigneeId: 'a1', status: 'open' }),
        aTicket({ assigneeId: 'a1', status: 'pending' }),
        aTicket({ assigneeId: 'a1', solvedAt: end + DAY }),
        aTicket({ assigneeId: 'a1', solvedAt: end - DAY }),
        aTicket({ assigneeId: 'a1', status: 'open', createdAt: end }),
        aTicket({ assigneeId: null, status: 'hold' }),
      ];
      const { team, agents } = january(aHistory({ tickets }));
      expect(agents.get('a1')!.backlog).toEqual({ value: 3, sample: 3 });
      expect(team.backlog).toEqual({ value: 4, sample: 4 });
    });
  });

  describe('NPS and CES', () => {
    const solvedAt = at('2026-01-10T00:00:00Z');
    const ticket = aTicket({ requesterId: 'r1', assigneeId: 'a1', solvedAt });
    const answer = (metric: 'nps' | 'ces', score: number, when = solvedAt + DAY) =>
      aSurveyAnswer({ metric, score, at: when, requesterId: 'r1' });

    it('computes NPS as % promoters minus % detractors, passives in the denominator', () => {
      const surveyAnswers = [answer('nps', 10), answer('nps', 10), answer('nps', 7), answer('nps', 3)];
      expect(january(aHistory({ tickets: [ticket], surveyAnswers })).team.nps).toEqual({ value: 25, sample: 4 });
    });

    it('averages CES answers', () => {
      const surveyAnswers = [answer('ces', 7), answer('ces', 5), answer('ces', 3)];
      expect(january(aHistory({ tickets: [ticket], surveyAnswers })).team.ces).toEqual({ value: 5, sample: 3 });
    });

    it('credits an answer to the agent of the requester ticket solved within 7 days before it', () => {
      const late = solvedAt + 8 * DAY;
      const surveyAnswers = [answer('nps', 10), answer('nps', 0, late)];
      const { team, agents } = january(aHistory({ tickets: [ticket], surveyAnswers }));
      expect(team.nps).toEqual({ value: 0, sample: 2 });
      expect(agents.get('a1')!.nps).toEqual({ value: 100, sample: 1 });
    });

    it('matches an answer known only by e-mail through the requesters', () => {
      const surveyAnswers = [
        aSurveyAnswer({ metric: 'ces', score: 6, at: solvedAt + HOUR, requesterEmail: 'Ana@Example.com' }),
      ];
      const history = aHistory({
        tickets: [ticket],
        surveyAnswers,
        requesters: [{ id: 'r1', email: 'ana@example.com' }],
      });
      expect(january(history).agents.get('a1')!.ces).toEqual({ value: 6, sample: 1 });
    });
  });

  describe('contact ratio', () => {
    it('divides tickets created in the window by the distinct requesters, for the team only', () => {
      const tickets = [
        aTicket({ requesterId: 'r1', assigneeId: 'a1' }),
        aTicket({ requesterId: 'r1' }),
        aTicket({ requesterId: 'r2' }),
      ];
      const { team, agents } = january(aHistory({ tickets }));
      expect(team.contact_ratio).toEqual({ value: 1.5, sample: 2 });
      expect(agents.get('a1')).not.toHaveProperty('contact_ratio');
    });
  });

  it('leaves deleted and spam tickets, and their ratings, out of everything', () => {
    const removed = aTicket({
      removed: true,
      assigneeId: 'a1',
      solvedAt: at('2026-01-09T00:00:00Z'),
      firstReplyAt: at('2026-01-06T00:00:00Z'),
    });
    const ratings = [aRating({ ticketId: removed.id, at: at('2026-01-10T00:00:00Z'), positive: false })];
    const { team } = january(aHistory({ tickets: [removed], ratings }));
    expect(team.solved.value).toBe(0);
    expect(team.first_reply_time_median.sample).toBe(0);
    expect(team.csat.sample).toBe(0);
    expect(team.backlog.value).toBe(0);
    expect(team.escalation_rate.sample).toBe(0);
  });

  describe('real accounts: solved means solved now', () => {
    // Reopened on Jan 20: Open again, but the helpdesk still reports the Jan 15 solve.
    const reopened = aTicket({
      assigneeId: 'a1',
      requesterId: 'r1',
      status: 'open',
      createdAt: at('2026-01-14T12:00:00Z'),
      solvedAt: at('2026-01-15T12:00:00Z'),
      publicReplies: 2,
      reopens: 1,
    });
    const solved = aTicket({
      assigneeId: 'a1',
      requesterId: 'r2',
      createdAt: at('2026-01-16T12:00:00Z'),
      solvedAt: at('2026-01-16T13:00:00Z'),
      publicReplies: 1,
    });
    const report = january(aHistory({ tickets: [reopened, solved] }), { drillDown: true });

    it('counts a reopened ticket in backlog, not in solved', () => {
      expect(report.team.solved).toEqual({ value: 1, sample: 1 });
      expect(report.team.backlog).toEqual({ value: 1, sample: 1 });
      expect(report.teamTickets.solved!.sample).toEqual([solved.id]);
      expect(report.teamTickets.backlog!.sample).toEqual([reopened.id]);
      expect(report.agents.get('a1')!.backlog).toEqual({ value: 1, sample: 1 });
    });

    it('leaves a reopened ticket out of every resolution KPI', () => {
      const { team } = report;
      // Only `solved` is left: 60 minutes, 1 reply, never reopened.
      expect(team.full_resolution_time_median).toEqual({ value: 60, sample: 1 });
      expect(team.one_touch_rate).toEqual({ value: 1, sample: 1 });
      expect(team.reopen_rate).toEqual({ value: 0, sample: 1 });
      expect(team.replies_per_ticket).toEqual({ value: 1, sample: 1 });
      expect(team.repeat_contact_rate).toEqual({ value: 0, sample: 1 });
    });

    it('counts the ticket again once it is solved again', () => {
      const again = aTicket({
        ...reopened,
        status: 'solved',
        solvedAt: at('2026-01-22T12:00:00Z'),
        resolutionMinutes: null,
      });
      const { team } = january(aHistory({ tickets: [again, solved] }));
      expect(team.solved).toEqual({ value: 2, sample: 2 });
      expect(team.backlog).toEqual({ value: 0, sample: 0 });
      // Jan 14 12:00 -> Jan 22 12:00 = 8 days = 11520 minutes; median of 60 and 11520.
      expect(team.full_resolution_time_median).toEqual({ value: (60 + 11520) / 2, sample: 2 });
      expect(team.reopen_rate).toEqual({ value: 1 / 2, sample: 2 });
    });
  });

  describe('real accounts: outbound tickets', () => {
    const created = at('2026-01-10T09:00:00Z');
    // A customer's ticket: 30 minutes to the first reply, 2 replies, solved after 1 day.
    const contact = aTicket({
      assigneeId: 'a1',
      requesterId: 'r1',
      createdAt: created,
      firstReplyAt: created + 30 * MIN,
      solvedAt: created + DAY,
      publicReplies: 2,
    });
    // The agent's outbound e-mail to the same customer, created closed: 0 minutes to everything.
    const outboundClosed = aTicket({
      assigneeId: 'a1',
      requesterId: 'r1',
      outbound: true,
      status: 'closed',
      createdAt: created + 2 * DAY,
      firstReplyAt: created + 2 * DAY,
      solvedAt: created + 2 * DAY,
      publicReplies: 1,
      tags: ['escalated'],
    });
    // Another outbound e-mail that is still waiting for the customer.
    const outboundOpen = aTicket({
      assigneeId: 'a2',
      requesterId: 'r2',
      outbound: true,
      createdAt: created + 3 * DAY,
      firstReplyAt: created + 3 * DAY,
    });
    const ratings = [aRating({ ticketId: outboundClosed.id, at: created + 4 * DAY, positive: true })];
    const history = aHistory({ tickets: [contact, outboundClosed, outboundOpen], ratings });

    it('leaves them out of volume, replies, resolution, one-touch, reopens, escalation and contact ratio', () => {
      const { team } = january(history);
      expect(team.solved).toEqual({ value: 1, sample: 1 });
      expect(team.first_reply_time_median).toEqual({ value: 30, sample: 1 });
      expect(team.full_resolution_time_median).toEqual({ value: 1440, sample: 1 });
      // The contact had 2 replies: not one-touch; 2 replies over 1 ticket.
      expect(team.one_touch_rate).toEqual({ value: 0, sample: 1 });
      expect(team.replies_per_ticket).toEqual({ value: 2, sample: 1 });
      expect(team.reopen_rate).toEqual({ value: 0, sample: 1 });
      // 1 ticket created (the contact), not escalated, from 1 requester.
      expect(team.escalation_rate).toEqual({ value: 0, sample: 1 });
      expect(team.contact_ratio).toEqual({ value: 1, sample: 1 });
    });

    it('keeps an open one in the backlog and a rating on one in CSAT', () => {
      const { team, agents } = january(history);
      expect(team.backlog).toEqual({ value: 1, sample: 1 });
      expect(agents.get('a2')!.backlog).toEqual({ value: 1, sample: 1 });
      expect(agents.get('a2')!.solved).toEqual({ value: 0, sample: 0 });
      expect(team.csat).toEqual({ value: 1, sample: 1 });
      expect(agents.get('a1')!.csat).toEqual({ value: 1, sample: 1 });
    });

    it('never counts one as the requester coming back', () => {
      // r1's contact was solved Jan 11 09:00; the outbound e-mail of Jan 12 is within 7 days.
      expect(january(history).team.repeat_contact_rate).toEqual({ value: 0, sample: 1 });
      const cameBack = aTicket({ requesterId: 'r1', createdAt: created + 2 * DAY });
      expect(january(aHistory({ tickets: [contact, cameBack] })).team.repeat_contact_rate.value).toBe(1);
    });

    it('matches an NPS or CES answer to the customer contact, not to a later outbound ticket', () => {
      // Before the answer (Jan 15), r1's latest solve is the outbound e-mail (Jan 12, by a3): it would win on time.
      const outboundByOther = { ...outboundClosed, assigneeId: 'a3' };
      const surveyAnswers = [aSurveyAnswer({ metric: 'nps', score: 10, at: created + 5 * DAY, requesterId: 'r1' })];
      const agentsKnown = [anAgent('a1'), anAgent('a3')];
      const { agents } = january(aHistory({ tickets: [contact, outboundByOther], surveyAnswers, agents: agentsKnown }));
      expect(agents.get('a1')!.nps).toEqual({ value: 100, sample: 1 });
      expect(agents.get('a3')!.nps).toEqual({ value: null, sample: 0 });
    });
  });

  it('never counts a deleted or spam ticket as the requester coming back', () => {
    const solvedAt = at('2026-01-10T12:00:00Z');
    const tickets = [
      aTicket({ requesterId: 'r1', createdAt: solvedAt - DAY, solvedAt }),
      aTicket({ requesterId: 'r1', createdAt: solvedAt + DAY, removed: true }),
    ];
    expect(january(aHistory({ tickets })).team.repeat_contact_rate).toEqual({ value: 0, sample: 1 });
  });

  it('matches a survey answer to a ticket reopened since: its solve came before the answer', () => {
    const solvedAt = at('2026-01-10T12:00:00Z');
    const reopened = aTicket({ requesterId: 'r1', assigneeId: 'a1', status: 'open', solvedAt, reopens: 1 });
    const surveyAnswers = [aSurveyAnswer({ metric: 'ces', score: 2, at: solvedAt + DAY, requesterId: 'r1' })];
    expect(january(aHistory({ tickets: [reopened], surveyAnswers })).agents.get('a1')!.ces).toEqual({
      value: 2,
      sample: 1,
    });
  });

  it('computes team values over all tickets, not as an average of agent values', () => {
    const solvedAt = at('2026-01-15T00:00:00Z');
    const tickets = [
      aTicket({ assigneeId: 'a1', solvedAt, publicReplies: 1 }),
      aTicket({ assigneeId: 'a2', solvedAt, publicReplies: 2 }),
      aTicket({ assigneeId: 'a2', solvedAt, publicReplies: 2 }),
      aTicket({ assigneeId: 'a2', solvedAt, publicReplies: 2 }),
    ];
    const { team, agents } = january(aHistory({ tickets }));
    expect(agents.get('a1')!.one_touch_rate.value).toBe(1);
    expect(agents.get('a2')!.one_touch_rate.value).toBe(0);
    expect(team.one_touch_rate.value).toBe(1 / 4);
  });

  it('reports only the agents asked for', () => {
    const tickets = [
      aTicket({ assigneeId: 'a1', solvedAt: at('2026-01-15T00:00:00Z') }),
      aTicket({ assigneeId: 'a2', solvedAt: at('2026-01-15T00:00:00Z') }),
    ];
    const { team, agents } = january(aHistory({ tickets, agents: [anAgent('a3')] }), { agentIds: ['a2'] });
    expect([...agents.keys()]).toEqual(['a2']);
    expect(team.solved.value).toBe(2);
  });

  it('lists the tickets behind each value when asked, from the same pass', () => {
    const solvedAt = at('2026-01-15T00:00:00Z');
    const one = aTicket({ assigneeId: 'a1', solvedAt, publicReplies: 1 });
    const two = aTicket({ assigneeId: 'a1', solvedAt, publicReplies: 2 });
    const report = january(aHistory({ tickets: [one, two] }), { drillDown: true });
    expect(report.teamTickets.one_touch_rate).toEqual({ sample: [one.id, two.id], matching: [one.id] });
    expect(report.agentTickets.get('a1')!.solved).toEqual({ sample: [one.id, two.id], matching: [] });
    expect(january(aHistory({ tickets: [one] })).teamTickets).toEqual({});
  });

  it('computes several windows in one pass exactly as one at a time', () => {
    const tickets = Array.from({ length: 40 }, (_, i) =>
      aTicket({
        assigneeId: `a${i % 3}`,
        requesterId: `r${i % 7}`,
        createdAt: at('2025-12-01T00:00:00Z') + i * 1.5 * DAY,
        firstReplyAt: at('2025-12-01T00:00:00Z') + i * 1.5 * DAY + (i % 5) * HOUR,
        solvedAt: i % 4 === 0 ? null : at('2025-12-01T00:00:00Z') + i * 1.5 * DAY + i * HOUR,
        publicReplies: i % 3,
        reopens: i % 5 === 0 ? 1 : 0,
      }),
    );
    const history = aHistory({ tickets });
    const december = { from: at('2025-12-01T00:00:00Z'), to: JANUARY.from };
    const both = computeKpis(history, [JANUARY, december], OPTIONS);
    expect(both[0]!.team).toEqual(january(history).team);
    expect(both[1]!.team).toEqual(computeKpis(history, [december], OPTIONS)[0]!.team);
    expect(both[1]!.agents).toEqual(computeKpis(history, [december], OPTIONS)[0]!.agents);
  });

  it('refuses an inverted window', () => {
    expect(() => computeKpis(aHistory(), [{ from: JANUARY.to, to: JANUARY.from }], OPTIONS)).toThrow(
      /window end must be after its start/,
    );
  });
});
