import type { Agent, Rating, Requester, SurveyAnswer, SurveyMetric, Ticket, TicketStatus } from '@frontline/kpi';

/** A row of the tickets query in {@link TICKET_COLUMNS}. */
export interface TicketRow {
  readonly id: string;
  readonly requester_id: string;
  readonly assignee_id: string | null;
  readonly group_id: string | null;
  readonly status: string;
  readonly created_at: number;
  readonly tags: string[];
  readonly first_reply_at: number | null;
  readonly first_reply_minutes: number | null;
  readonly first_reply_business_minutes: number | null;
  readonly solved_at: number | null;
  readonly resolution_minutes: number | null;
  readonly resolution_business_minutes: number | null;
  readonly public_replies: number;
  readonly reopens: number;
  readonly group_stations: number | null;
  readonly removed: boolean;
  readonly outbound: boolean;
}

/** The ticket columns history reads, in model order. */
export const TICKET_COLUMNS = `id, requester_id, assignee_id, group_id, status, created_at, tags, first_reply_at,
  first_reply_minutes, first_reply_business_minutes, solved_at, resolution_minutes, resolution_business_minutes,
  public_replies, reopens, group_stations, removed, outbound`;

const NO_TAGS: readonly string[] = Object.freeze([]);
const MAX_SHARED_TAG_LISTS = 10_000;

const STATUSES: Readonly<Record<string, TicketStatus>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'hold',
  solved: 'solved',
  closed: 'closed',
};

/**
 * Builds model objects from rows, sharing what repeats across a large history: one frozen empty
 * tag list, one frozen list per recurring tag combination, one string per distinct assignee,
 * group and tag (a million tickets name a few dozen agents and groups, and each driver row
 * carries its own copy of every string).
 */
export class HistoryRowReader {
  private readonly strings = new Map<string, string>();
  private readonly tagLists = new Map<string, readonly string[]>();

  /** A ticket from its row. */
  ticket(row: TicketRow): Ticket {
    const status = STATUSES[row.status];
    if (status === undefined) throw new Error(`ticket ${row.id} has an unknown status ${row.status}`);
    // Every field in the same order, so all tickets share one object shape.
    return {
      id: row.id,
      requesterId: row.requester_id,
      assigneeId: row.assignee_id === null ? null : this.shared(row.assignee_id),
      groupId: row.group_id === null ? null : this.shared(row.group_id),
      status,
      createdAt: row.created_at,
      tags: this.tags(row.tags),
      firstReplyAt: row.first_reply_at,
      firstReplyMinutes: row.first_reply_minutes,
      firstReplyBusinessMinutes: row.first_reply_business_minutes,
      solvedAt: row.solved_at,
      resolutionMinutes: row.resolution_minutes,
      resolutionBusinessMinutes: row.resolution_business_minutes,
      publicReplies: row.public_replies,
      reopens: row.reopens,
      groupStations: row.group_stations,
      removed: row.removed,
      outbound: row.outbound,
    };
  }

  /** A rating from its row. */
  rating(row: RatingRow): Rating {
    return {
      id: row.id,
      ticketId: row.ticket_id,
      agentId: row.agent_id === null ? null : this.shared(row.agent_id),
      requesterId: row.requester_id,
      at: row.at,
      answered: row.answered,
      positive: row.positive,
      comment: row.comment,
    };
  }

  private tags(tags: readonly string[]): readonly string[] {
    if (tags.length === 0) return NO_TAGS;
    // PostgreSQL text cannot contain NUL, so joining on it names each list unambiguously.
    const key = tags.join('\0');
    const known = this.tagLists.get(key);
    if (known !== undefined) return known;
    const list = Object.freeze(tags.map((tag) => this.shared(tag)));
    // Tickets mostly repeat a few tag combinations; unbounded variety is not worth a map entry each.
    if (this.tagLists.size < MAX_SHARED_TAG_LISTS) this.tagLists.set(key, list);
    return list;
  }

  private shared(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }
}

/** A row of the ratings query in {@link RATING_COLUMNS}. */
export interface RatingRow {
  readonly id: string;
  readonly ticket_id: string;
  readonly agent_id: string | null;
  readonly requester_id: string | null;
  readonly at: number;
  readonly answered: boolean;
  readonly positive: boolean;
  readonly comment: string | null;
}

/** The rating columns history reads. */
export const RATING_COLUMNS = 'id, ticket_id, agent_id, requester_id, at, answered, positive, comment';

/** A row of the survey answers query in {@link SURVEY_ANSWER_COLUMNS}. */
export interface SurveyAnswerRow {
  readonly id: string;
  readonly metric: SurveyMetric;
  readonly score: number;
  readonly at: number;
  readonly requester_id: string | null;
  readonly requester_email: string | null;
}

/** The survey answer columns history reads. */
export const SURVEY_ANSWER_COLUMNS = 'id, metric, score, at, requester_id, requester_email';

/** A survey answer from its row. */
export function surveyAnswerOf(row: SurveyAnswerRow): SurveyAnswer {
  return {
    id: row.id,
    metric: row.metric,
    score: row.score,
    at: row.at,
    requesterId: row.requester_id,
    requesterEmail: row.requester_email,
  };
}

/** An agent from its row (the row has the model's shape already). */
export function agentOf(row: Agent & { readonly administers_helpdesk?: boolean }): Agent {
  const agent = { id: row.id, name: row.name, email: row.email };
  return row.administers_helpdesk === true ? { ...agent, administersHelpdesk: true } : agent;
}

/** A requester from its row (the row has the model's shape already). */
export function requesterOf(row: Requester): Requester {
  return { id: row.id, email: row.email };
}
