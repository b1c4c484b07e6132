/**
 * Account state -> Freshdesk's JSON: tickets (with `include=stats` and `include=requester`),
 * conversations, satisfaction ratings (7-point `default_question`), agents and business hours.
 * The fields the connector reads are in connector/src/vendors/freshdesk/schema.ts.
 */
import type { AccountState } from './account-state.js';
import { TOPICS } from './history.js';
import { isoRequired, isoSeconds } from './http-util.js';
import { berlinSchedule, toFreshdeskBusinessHours, type FreshdeskBusinessHoursJson } from './schedule.js';
import { freshdeskScore, messageBody } from './text-snippets.js';
import { latestOf } from './timeline.js';
import { NO_ASSIGNEE, RatingState, TicketFlag, TicketState } from './ticket-table.js';
import { ratingCommentOf, ticketTags } from './zendesk-format.js';

/** Freshdesk status codes of the neutral states; "hold" is the default custom status 7 (Waiting on Third Party). */
const STATUS_CODES: Readonly<Record<number, number>> = {
  [TicketState.new]: 2,
  [TicketState.open]: 2,
  [TicketState.pending]: 3,
  [TicketState.hold]: 7,
  [TicketState.solved]: 4,
  [TicketState.closed]: 5,
};
/** 1 Email, 2 Portal, 7 Chat, 3 Phone. */
const SOURCES = [1, 2, 7, 3];
/** An e-mail the agent sent. */
const OUTBOUND_EMAIL = 10;
const TYPES = ['Question', 'Problem', 'Incident', 'Question', 'Question', 'Problem', 'Incident', 'Feature Request'];
/** Resolution targets by priority (hours), for `due_by`. */
const DUE_HOURS = [72, 48, 24, 8];

export interface FreshdeskStatsJson {
  agent_responded_at: string | null;
  requester_responded_at: string | null;
  first_responded_at: string | null;
  status_updated_at: string | null;
  reopened_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  pending_since: string | null;
}

export interface FreshdeskTicketJson {
  id: number;
  subject: string;
  description?: string;
  description_text?: string;
  status: number;
  priority: number;
  source: number;
  type: string;
  requester_id: number;
  responder_id: number | null;
  group_id: number | null;
  company_id: null;
  product_id: null;
  email_config_id: null;
  spam: boolean;
  deleted?: boolean;
  fr_escalated: boolean;
  is_escalated: boolean;
  due_by: string;
  fr_due_by: string;
  tags: string[];
  custom_fields: Record<string, unknown>;
  cc_emails: string[];
  fwd_emails: string[];
  reply_cc_emails: string[];
  created_at: string;
  updated_at: string;
  stats?: FreshdeskStatsJson;
  requester?: { id: number; name: string; email: string; mobile: null; phone: null };
}

export interface FreshdeskConversationJson {
  id: number;
  ticket_id: number;
  user_id: number;
  body: string;
  body_text: string;
  incoming: boolean;
  private: boolean;
  source: number;
  support_email: string | null;
  from_email: string | null;
  to_emails: string[];
  cc_emails: string[];
  bcc_emails: string[];
  attachments: unknown[];
  created_at: string;
  updated_at: string;
}

export interface FreshdeskRatingJson {
  id: number;
  survey_id: number;
  user_id: number;
  agent_id: number | null;
  group_id: number | null;
  ticket_id: number;
  feedback: string | null;
  ratings: { default_question: number };
  created_at: string;
  updated_at: string;
}

export interface FreshdeskAgentJson {
  id: number;
  available: boolean;
  occasional: boolean;
  ticket_scope: number;
  signature: null;
  group_ids: number[];
  role_ids: number[];
  skill_ids: number[];
  available_since: null;
  type: string;
  contact: {
    active: boolean;
    email: string;
    job_title: string;
    language: string;
    last_login_at: string | null;
    mobile: null;
    name: string;
    phone: null;
    time_zone: string;
    created_at: string;
    updated_at: string;
  };
  created_at: string;
  updated_at: string;
}

/** Which optional parts of a ticket to add (`include=stats,requester,description`). */
export interface FreshdeskIncludes {
  readonly stats?: boolean;
  readonly requester?: boolean;
  readonly description?: boolean;
}

export function freshdeskStatusCode(state: AccountState, index: number): number {
  return STATUS_CODES[state.table.status[index] ?? 0] ?? 2;
}

export function freshdeskStats(state: AccountState, index: number): FreshdeskStatsJson {
  const t = state.table;
  const messages = state.messages(index);
  const status = t.status[index] ?? 0;
  const lastReply = latestOf(messages, 'reply');
  const created = t.createdAt[index] ?? 0;
  return {
    agent_responded_at: isoSeconds(lastReply),
    requester_responded_at: isoSeconds(latestOf(messages, 'customer')),
    first_responded_at: t.hasFlag(index, TicketFlag.firstReplyUnstamped)
      ? null
      : isoSeconds(t.firstReplyAt[index] ?? 0),
    status_updated_at: isoSeconds(
      Math.max(created, lastReply, t.solvedAt[index] ?? 0, t.reopenedAt[index] ?? 0, t.closedAt[index] ?? 0),
    ),
    reopened_at: isoSeconds(t.reopenedAt[index] ?? 0),
    resolved_at: isoSeconds(t.solvedAt[index] ?? 0),
    closed_at: isoSeconds(t.closedAt[index] ?? 0),
    pending_since: status === TicketState.pending ? isoSeconds(lastReply || created) : null,
  };
}

export function freshdeskTicket(state: AccountState, index: number, include: FreshdeskIncludes): FreshdeskTicketJson {
  const t = state.table;
  const id = state.ticketId(index);
  const topic = TOPICS[t.topic[index] ?? 0] ?? TOPICS[0];
  const assignee = t.assignee[index] ?? NO_ASSIGNEE;
  const created = t.createdAt[index] ?? 0;
  const priority = t.priority[index] ?? 1;
  const dueBy = created + (DUE_HOURS[priority] ?? 24) * 3600;
  const frDueBy = created + Math.max(1, 8 - priority * 2) * 3600;
  const firstReply = t.firstReplyAt[index] ?? 0;
  const solved = t.solvedAt[index] ?? 0;
  const nowSec = state.nowSec();
  const requesterIndex = t.requester[index] ?? 0;
  const requesters = state.history.requesters;
  const ticket: FreshdeskTicketJson = {
    id,
    subject: topic.subject,
    status: freshdeskStatusCode(state, index),
    priority: priority + 1,
    source: t.hasFlag(index, TicketFlag.outbound) ? OUTBOUND_EMAIL : (SOURCES[t.channel[index] ?? 0] ?? 1),
    type: TYPES[t.topic[index] ?? 0] ?? 'Question',
    requester_id: requesters.id(requesterIndex),
    responder_id: assignee === NO_ASSIGNEE ? null : (state.history.agents[assignee - 1]?.id ?? null),
    group_id: state.history.groups[t.group[index] ?? 0]?.id ?? null,
    company_id: null,
    product_id: null,
    email_config_id: null,
    spam: t.hasFlag(index, TicketFlag.spam),
    fr_escalated: (firstReply || nowSec) > frDueBy,
    is_escalated: (solved || nowSec) > dueBy,
    due_by: isoRequired(dueBy),
    fr_due_by: isoRequired(frDueBy),
    tags: ticketTags(state, index),
    custom_fields: {},
    cc_emails: [],
    fwd_emails: [],
    reply_cc_emails: [],
    created_at: isoRequired(created),
    updated_at: isoRequired(t.updatedAt[index] ?? created),
  };
  if (t.hasFlag(index, TicketFlag.deleted)) ticket.deleted = true;
  if (include.description) {
    ticket.description = `<div>${topic.subject}. Please help.</div>`;
    ticket.description_text = `${topic.subject}. Please help.`;
  }
  if (include.stats) ticket.stats = freshdeskStats(state, index);
  if (include.requester) {
    ticket.requester = {
      id: requesters.id(requesterIndex),
      name: requesters.name(requesterIndex),
      email: requesters.email(requesterIndex),
      mobile: null,
      phone: null,
    };
  }
  return ticket;
}

/** Conversations of a ticket (the opening description is not one): replies, notes, customer messages. */
export function freshdeskConversations(
  state: AccountState,
  index: number,
  supportEmail: string,
): FreshdeskConversationJson[] {
  const id = state.ticketId(index);
  const requesterIndex = state.table.requester[index] ?? 0;
  const requesterId = state.history.requesters.id(requesterIndex);
  const requesterEmail = state.history.requesters.email(requesterIndex);
  return state.messages(index).map((message, k) => {
    const body = messageBody(message.kind, id, k);
    const agent = state.history.agents[message.agent];
    const incoming = message.kind === 'customer';
    return {
      id: id * 1000 + k + 1,
      ticket_id: id,
      user_id: incoming ? requesterId : (agent?.id ?? requesterId),
      body: `<div>${body}</div>`,
      body_text: body,
      incoming,
      private: message.kind === 'note',
      source: message.kind === 'note' ? 2 : 0,
      support_email: message.kind === 'reply' ? supportEmail : null,
      from_email: incoming ? requesterEmail : message.kind === 'reply' ? supportEmail : null,
      to_emails: message.kind === 'reply' ? [requesterEmail] : incoming ? [supportEmail] : [],
      cc_emails: [],
      bcc_emails: [],
      attachments: [],
      created_at: isoRequired(message.at),
      updated_at: isoRequired(message.at),
    };
  });
}

export function freshdeskRating(state: AccountState, position: number): FreshdeskRatingJson {
  const index = state.ratings.ticketAt(position);
  const t = state.table;
  const id = state.ticketId(index);
  const good = t.rating[index] === RatingState.good;
  const assignee = t.assignee[index] ?? NO_ASSIGNEE;
  const created = state.ratings.createdAt(position);
  return {
    id: state.ratings.idAt(position),
    survey_id: 1,
    user_id: state.history.requesters.id(t.requester[index] ?? 0),
    agent_id:
      assignee === NO_ASSIGNEE || t.hasFlag(index, TicketFlag.ratingWithoutAgent)
        ? null
        : (state.history.agents[assignee - 1]?.id ?? null),
    group_id: state.history.groups[t.group[index] ?? 0]?.id ?? null,
    ticket_id: id,
    feedback: ratingCommentOf(state, index) || null,
    ratings: { default_question: freshdeskScore(good, id) },
    created_at: isoRequired(created),
    updated_at: isoRequired(Math.max(created, t.ratingAnsweredAt[index] ?? 0)),
  };
}

export function freshdeskAgent(state: AccountState, agentIndex: number): FreshdeskAgentJson {
  const agent = state.history.agents[agentIndex];
  if (agent === undefined) throw new RangeError(`no agent ${agentIndex}`);
  const since = isoRequired(Math.floor(state.history.from / 1000) - 30 * 86_400);
  return {
    id: agent.id,
    available: agentIndex % 5 !== 4,
    occasional: false,
    ticket_scope: 1,
    signature: null,
    group_ids: [state.history.groups[agent.group]?.id ?? 0],
    role_ids: [agent.role === 'admin' ? 2 : 1],
    skill_ids: [],
    available_since: null,
    type: 'support_agent',
    contact: {
      active: true,
      email: agent.email,
      job_title: 'Support',
      language: 'en',
      last_login_at: isoRequired(Math.floor(state.history.now / 1000) - 3600),
      mobile: null,
      name: agent.name,
      phone: null,
      time_zone: state.history.schedule.freshdeskTimeZone,
      created_at: since,
      updated_at: since,
    },
    created_at: since,
    updated_at: since,
  };
}

/** `GET /api/v2/business_hours`: the account's default hours and a second, non-default entry. */
export function freshdeskBusinessHours(state: AccountState): FreshdeskBusinessHoursJson[] {
  const since = isoRequired(Math.floor(state.history.from / 1000) - 30 * 86_400);
  const other = {
    ...berlinSchedule('2000-01-03'),
    name: 'Weekend cover',
    weekdays: [5, 6],
    openMinute: 600,
    closeMinute: 960,
  };
  return [
    toFreshdeskBusinessHours(other, 2001, false, since),
    toFreshdeskBusinessHours(state.history.schedule, 2002, true, since),
  ];
}
