import fc from 'fast-check';
import type { History, Rating, SurveyAnswer, Ticket } from '../model.js';
import { aHistory } from './builders.js';

// Random histories and windows for property tests: small, so that requesters, agents and
// windows collide often (repeat contacts, shared agents, tickets on window edges).

export const START = Date.parse('2026-01-01T00:00:00Z');
export const SPAN = 90 * 24 * 60 * 60 * 1000;
const MIN = 60_000;

const ticketArb = (id: number): fc.Arbitrary<Ticket> =>
  fc
    .record({
      requester: fc.integer({ min: 0, max: 15 }),
      assignee: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      createdAt: fc.integer({ min: START, max: START + SPAN }),
      replyAfter: fc.option(fc.integer({ min: 0, max: 20 * 24 * 60 }), { nil: null }),
      solveAfter: fc.option(fc.integer({ min: 1, max: 30 * 24 * 60 }), { nil: null }),
      replies: fc.integer({ min: 0, max: 4 }),
      reopens: fc.integer({ min: 0, max: 2 }),
      groupStations: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      tags: fc.subarray(['tier2', 'billing', 'vip']),
      removed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      outbound: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      // Unsolved now; with a solve time, a ticket reopened since (the helpdesk keeps the old solve).
      unsolved: fc.boolean(),
      closed: fc.boolean(),
    })
    .map((t) => {
      const firstReplyAt = t.replyAfter === null ? null : t.createdAt + t.replyAfter * MIN;
      const solvedAt = t.solveAfter === null ? null : t.createdAt + t.solveAfter * MIN;
      return {
        id: String(id),
        requesterId: `r${t.requester}`,
        assigneeId: t.assignee === null ? null : `a${t.assignee}`,
        groupId: null,
        status: solvedAt === null || t.unsolved ? 'open' : t.closed ? 'closed' : 'solved',
        createdAt: t.createdAt,
        tags: t.tags,
        firstReplyAt,
        firstReplyMinutes: t.replyAfter,
        firstReplyBusinessMinutes: null,
        solvedAt,
        resolutionMinutes: t.solveAfter,
        resolutionBusinessMinutes: null,
        publicReplies: t.replies,
        reopens: t.reopens,
        groupStations: t.groupStations,
        removed: t.removed,
        outbound: t.outbound,
      } satisfies Ticket;
    });

export const historyArb: fc.Arbitrary<History> = fc.integer({ min: 0, max: 60 }).chain((n) =>
  fc
    .tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => ticketArb(i))),
      fc.array(
        fc.record({
          ticket: fc.integer({ min: 0, max: Math.max(0, n - 1) }),
          at: fc.integer({ min: START, max: START + SPAN }),
          answered: fc.boolean(),
          positive: fc.boolean(),
          agent: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        }),
        { maxLength: 30 },
      ),
      fc.array(
        fc.record({
          metric: fc.constantFrom('nps' as const, 'ces' as const),
          score: fc.integer({ min: 0, max: 10 }),
          at: fc.integer({ min: START, max: START + SPAN }),
          requester: fc.integer({ min: 0, max: 15 }),
        }),
        { maxLength: 30 },
      ),
      fc.boolean(),
    )
    .map(([tickets, ratings, answers, includeUnanswered]) =>
      aHistory({
        tickets,
        ratings: ratings
          .filter((r) => includeUnanswered || r.answered)
          .map((r, i): Rating => ({
            id: `rating${i}`,
            ticketId: String(r.ticket),
            agentId: r.agent === null ? null : `a${r.agent}`,
            requesterId: null,
            at: r.at,
            answered: r.answered,
            positive: r.answered && r.positive,
            comment: null,
          })),
        surveyAnswers: answers.map((a, i): SurveyAnswer => ({
          id: `answer${i}`,
          metric: a.metric,
          score: a.metric === 'ces' ? 1 + (a.score % 7) : a.score,
          at: a.at,
          requesterId: `r${a.requester}`,
          requesterEmail: null,
        })),
        ratingsIncludeUnanswered: includeUnanswered,
      }),
    ),
);

export const windowArb = fc
  .tuple(fc.integer({ min: START - SPAN / 3, max: START + SPAN }), fc.integer({ min: 1, max: SPAN }))
  .map(([from, length]) => ({ from, to: from + length }));
