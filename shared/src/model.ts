/**
 * The normalized, vendor-neutral ticket history that every KPI is computed from.
 *
 * Times are milliseconds since the Unix epoch (numbers, not Dates: the engine scans millions of
 * tickets and compares times in a tight loop). Ids are the vendor's ids as strings. Nothing here
 * names a vendor field; each vendor's normalizer maps its own payloads onto these types.
 */

/** Where a ticket stands now. `new`, `open`, `pending` and `hold` are unsolved. */
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface Ticket {
  readonly id: string;
  readonly requesterId: string;
  /** The agent the ticket is assigned to; KPIs are attributed to this agent (CSAT aside). */
  readonly assigneeId: string | null;
  readonly groupId: string | null;
  readonly status: TicketStatus;
  readonly createdAt: number;
  readonly tags: readonly string[];
  /** First public agent reply. */
  readonly firstReplyAt: number | null;
  /** Calendar minutes from creation to the first public agent reply. */
  readonly firstReplyMinutes: number | null;
  /** The same in business minutes, when the helpdesk computes it; otherwise the engine does. */
  readonly firstReplyBusinessMinutes: number | null;
  /** Latest solve. */
  readonly solvedAt: number | null;
  /** Calendar minutes from creation to the latest solve. */
  readonly resolutionMinutes: number | null;
  /** The same in business minutes, when the helpdesk computes it; otherwise the engine does. */
  readonly resolutionBusinessMinutes: number | null;
  /** Public replies by agents over the ticket's life. */
  readonly publicReplies: number;
  /** Times the ticket went from solved back to unsolved (at least 1 when the helpdesk only says "reopened"). */
  readonly reopens: number;
  /** Distinct groups the ticket has been in; `null` when the helpdesk does not say. */
  readonly groupStations: number | null;
  /** Deleted or spam: left out of everything. */
  readonly removed: boolean;
  /**
   * Started by an agent towards a customer (an outbound message), not a customer contact: left out
   * of every ticket KPI but the backlog, and never "another ticket" of its requester. A rating on
   * it still counts.
   */
  readonly outbound: boolean;
}

/** A satisfaction survey on a ticket: sent and unanswered, or answered. */
export interface Rating {
  readonly id: string;
  readonly ticketId: string;
  /** The agent recorded on the rating; `null` falls back to the ticket's assignee. */
  readonly agentId: string | null;
  readonly requesterId: string | null;
  /** When it was answered (or sent, while unanswered). */
  readonly at: number;
  readonly answered: boolean;
  /** Only answered ratings can be positive. */
  readonly positive: boolean;
  readonly comment: string | null;
}

export type SurveyMetric = 'nps' | 'ces';

/** One answer to a pulse survey (NPS 0-10 or CES 1-7), tied to a requester. */
export interface SurveyAnswer {
  readonly id: string;
  readonly metric: SurveyMetric;
  readonly score: number;
  readonly at: number;
  readonly requesterId: string | null;
  readonly requesterEmail: string | null;
}

export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  /**
   * Set (true) when the helpdesk makes this agent an administrator of the account, as Zendesk's
   * admin role does; absent otherwise, and where the source does not say (exports, Freshdesk).
   */
  readonly administersHelpdesk?: true;
}

export interface Requester {
  readonly id: string;
  readonly email: string | null;
}

/** Weekly open hours in one time zone, with holidays. See business-hours.ts. */
export interface BusinessSchedule {
  /** IANA time zone name, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  /**
   * Open intervals in wall-clock minutes from Monday 00:00 (0) to the end of Sunday (10080).
   * `end` may pass 10080 to wrap into Monday; an interval may span midnight.
   */
  readonly intervals: readonly { readonly start: number; readonly end: number }[];
  /** Whole local dates (`YYYY-MM-DD`) on which nothing is open. */
  readonly holidays: readonly string[];
}

/** Everything the engine knows about one helpdesk account. */
export interface History {
  readonly tickets: readonly Ticket[];
  readonly ratings: readonly Rating[];
  readonly surveyAnswers: readonly SurveyAnswer[];
  readonly agents: readonly Agent[];
  readonly requesters: readonly Requester[];
  /** The default business hours; `null` means business minutes equal calendar minutes. */
  readonly schedule: BusinessSchedule | null;
  /**
   * Whether unanswered surveys are part of `ratings`. When they are not, the number of surveys
   * sent is unknown and the response rate is `null`.
   */
  readonly ratingsIncludeUnanswered: boolean;
}
