import type { Agent, History, Rating, SurveyAnswer, Ticket } from '../model.js';

let sequence = 0;
const nextId = (): string => String(++sequence);

/** Epoch milliseconds of an ISO time; short enough to keep test tables readable. */
export function at(iso: string): number {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO time: ${iso}`);
  return time;
}

/**
 * A ticket with sensible defaults: open, unassigned, no reply. Set `firstReplyAt` or `solvedAt`
 * and the calendar minutes follow from `createdAt` unless given.
 */
export function aTicket(fields: Partial<Ticket> = {}): Ticket {
  const createdAt = fields.createdAt ?? at('2026-01-05T09:00:00Z');
  const firstReplyAt = fields.firstReplyAt ?? null;
  const solvedAt = fields.solvedAt ?? null;
  return {
    id: nextId(),
    requesterId: `requester-${sequence}`,
    assigneeId: null,
    groupId: null,
    status: solvedAt === null ? 'open' : 'solved',
    tags: [],
    firstReplyMinutes: firstReplyAt === null ? null : (firstReplyAt - createdAt) / 60_000,
    firstReplyBusinessMinutes: null,
    resolutionMinutes: solvedAt === null ? null : (solvedAt - createdAt) / 60_000,
    resolutionBusinessMinutes: null,
    publicReplies: firstReplyAt === null ? 0 : 1,
    reopens: 0,
    groupStations: null,
    removed: false,
    outbound: false,
    ...fields,
    createdAt,
    firstReplyAt,
    solvedAt,
  };
}

/** An answered, positive rating unless told otherwise. */
export function aRating(fields: Partial<Rating> & Pick<Rating, 'ticketId' | 'at'>): Rating {
  return { id: nextId(), agentId: null, requesterId: null, answered: true, positive: true, comment: null, ...fields };
}

export function aSurveyAnswer(
  fields: Partial<SurveyAnswer> & Pick<SurveyAnswer, 'metric' | 'score' | 'at'>,
): SurveyAnswer {
  return { id: nextId(), requesterId: null, requesterEmail: null, ...fields };
}

export function anAgent(id: string, name = `Agent ${id}`): Agent {
  return { id, name, email: null };
}

/** A history with no schedule whose ratings include unanswered surveys. */
export function aHistory(fields: Partial<History> = {}): History {
  return {
    tickets: [],
    ratings: [],
    surveyAnswers: [],
    agents: [],
    requesters: [],
    schedule: null,
    ratingsIncludeUnanswered: true,
    ...fields,
  };
}
