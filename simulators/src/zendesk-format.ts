/**
 * Account state -> Zendesk's JSON: tickets as the incremental export has them, their metric sets
 * (Zendesk computes business minutes with the account's schedule), users, legacy satisfaction
 * ratings and comments. The fields the connector reads are in connector/src/vendors/zendesk/schema.ts.
 */
import type { AccountState } from './account-state.js';
import { TOPICS } from './history.js';
import { isoRequired, isoSeconds } from './http-util.js';
import { ID_BASE } from './people.js';
import { messageBody, ratingComment } from './text-snippets.js';
import { latestOf } from './timeline.js';
import { NO_ASSIGNEE, RatingState, TicketFlag } from './ticket-table.js';

const STATUS_NAMES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const CHANNELS = ['email', 'web', 'chat', 'voice'] as const;
/** Metric set ids are this plus the ticket id. */
export const METRIC_ID_BASE = 8_000_000;

type Minutes = { calendar: number | null; business: number | null };

export interface ZendeskTicketJson {
  url: string;
  id: number;
  external_id: null;
  via: { channel: string };
  created_at: string;
  updated_at: string;
  type: string | null;
  subject: string;
  raw_subject: string;
  description: string;
  priority: string | null;
  status: string;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  has_incidents: boolean;
  is_public: boolean;
  due_at: null;
  tags: string[];
  custom_fields: unknown[];
  satisfaction_rating: { id?: number; score: string; comment?: string | null };
  generated_timestamp: number;
}

export interface ZendeskMetricSetJson {
  url: string;
  id: number;
  ticket_id: number;
  created_at: string;
  updated_at: string;
  group_stations: number;
  assignee_stations: number;
  reopens: number;
  replies: number;
  assignee_updated_at: string | null;
  requester_updated_at: string | null;
  status_updated_at: string | null;
  initially_assigned_at: string | null;
  assigned_at: string | null;
  solved_at: string | null;
  latest_comment_added_at: string | null;
  reply_time_in_minutes: Minutes;
  first_resolution_time_in_minutes: Minutes;
  full_resolution_time_in_minutes: Minutes;
  agent_wait_time_in_minutes: Minutes;
  requester_wait_time_in_minutes: Minutes;
  on_hold_time_in_minutes: Minutes;
}

export interface ZendeskUserJson {
  id: number;
  url: string;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  role_type: number | null;
  active: boolean;
  verified: boolean;
  suspended: boolean;
  time_zone: string;
  iana_time_zone: string;
  default_group_id: number | null;
  organization_id: null;
  created_at: string;
  updated_at: string;
}

export interface ZendeskRatingJson {
  url: string;
  id: number;
  assignee_id: number | null;
  group_id: number | null;
  requester_id: number;
  ticket_id: number;
  score: 'offered' | 'good' | 'bad';
  comment: string | null;
  created_at: string;
  updated_at: string;
}

export interface ZendeskCommentJson {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  audit_id: number;
  via: { channel: string };
  created_at: string;
  attachments: unknown[];
}

/** Zendesk's ticket status of a ticket; deleted and spam tickets are `deleted`. */
export function zendeskStatus(state: AccountState, index: number): string {
  if (state.isRemoved(index)) return 'deleted';
  return STATUS_NAMES[state.table.status[index] ?? 0] ?? 'open';
}

function agentId(state: AccountState, index: number): number | null {
  const assignee = state.table.assignee[index] ?? NO_ASSIGNEE;
  return assignee === NO_ASSIGNEE ? null : (state.history.agents[assignee - 1]?.id ?? null);
}

function groupId(state: AccountState, index: number): number | null {
  return state.history.groups[state.table.group[index] ?? 0]?.id ?? null;
}

function requesterId(state: AccountState, index: number): number {
  return state.history.requesters.id(state.table.requester[index] ?? 0);
}

/** A ticket's tags: its topic, plus `tier2`/`escalated` when escalated so. */
export function ticketTags(state: AccountState, index: number): string[] {
  const tags: string[] = [TOPICS[state.table.topic[index] ?? 0]?.tag ?? 'general'];
  if (state.table.hasFlag(index, TicketFlag.tagTier2)) tags.push('tier2');
  if (state.table.hasFlag(index, TicketFlag.tagEscalated)) tags.push('escalated');
  return tags;
}

/** The comment of a rating: live text if one was written, else a generated one (or none). */
export function ratingCommentOf(state: AccountState, index: number): string | null {
  if (state.ratingComments.has(index)) return state.ratingComments.get(index) ?? null;
  const rating = state.table.rating[index];
  if (!state.table.hasFlag(index, TicketFlag.ratingComment)) return null;
  return ratingComment(rating === RatingState.good, state.ticketId(index));
}

export function zendeskTicket(state: AccountState, index: number, baseUrl: string): ZendeskTicketJson {
  const t = state.table;
  const id = state.ticketId(index);
  const topic = TOPICS[t.topic[index] ?? 0] ?? TOPICS[0];
  const requester = requesterId(state, index);
  const rating = t.rating[index] ?? RatingState.none;
  const position = state.ratings.positionOf(index);
  // A survey of the current CSAT has no legacy record. UNSURE: what such a ticket shows here.
  const satisfaction: ZendeskTicketJson['satisfaction_rating'] =
    rating === RatingState.none || position < 0
      ? { score: 'unoffered' }
      : {
          id: state.ratings.idAt(position),
          score: rating === RatingState.good ? 'good' : rating === RatingState.bad ? 'bad' : 'offered',
          comment: ratingCommentOf(state, index),
        };
  return {
    url: `${baseUrl}/api/v2/tickets/${id}.json`,
    id,
    external_id: null,
    via: { channel: CHANNELS[t.channel[index] ?? 0] ?? 'email' },
    created_at: isoRequired(t.createdAt[index] ?? 0),
    updated_at: isoRequired(t.updatedAt[index] ?? 0),
    type: t.topic[index] === 7 ? 'task' : 'question',
    subject: topic.subject,
    raw_subject: topic.subject,
    description: `${topic.subject}. Please help.`,
    priority: state.isRemoved(index) ? null : (PRIORITIES[t.priority[index] ?? 1] ?? 'normal'),
    status: zendeskStatus(state, index),
    requester_id: requester,
    submitter_id: requester,
    assignee_id: agentId(state, index),
    organization_id: null,
    group_id: groupId(state, index),
    collaborator_ids: [],
    follower_ids: [],
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: ticketTags(state, index),
    custom_fields: [],
    satisfaction_rating: satisfaction,
    generated_timestamp: t.updatedAt[index] ?? 0,
  };
}

export function zendeskMetricSet(state: AccountState, index: number, baseUrl: string): ZendeskMetricSetJson {
  const t = state.table;
  const id = state.ticketId(index);
  const created = t.createdAt[index] ?? 0;
  const firstReply = t.firstReplyAt[index] ?? 0;
  const firstSolved = t.firstSolvedAt[index] ?? 0;
  const solved = t.solvedAt[index] ?? 0;
  const clock = state.businessClock;
  const span = (to: number): Minutes =>
    to > 0
      ? {
          calendar: Math.round((to - created) / 60),
          business: Math.round(clock.minutesBetween(created * 1000, to * 1000)),
        }
      : { calendar: null, business: null };
  const messages = state.messages(index);
  const lastComment = Math.max(created, messages.length > 0 ? (messages[messages.length - 1]?.at ?? 0) : 0);
  const lastCustomer = Math.max(created, latestOf(messages, 'customer'));
  const assigned = (t.assignee[index] ?? NO_ASSIGNEE) !== NO_ASSIGNEE ? created : 0;
  const statusUpdated = Math.max(created, firstReply, solved, t.reopenedAt[index] ?? 0, t.closedAt[index] ?? 0);
  const full = span(solved);
  const reply = span(firstReply);
  return {
    url: `${baseUrl}/api/v2/ticket_metrics/${METRIC_ID_BASE + id}.json`,
    id: METRIC_ID_BASE + id,
    ticket_id: id,
    created_at: isoRequired(created),
    updated_at: isoRequired(t.updatedAt[index] ?? created),
    group_stations: t.groupStations[index] ?? 1,
    assignee_stations: t.assigneeStations[index] ?? 0,
    reopens: t.reopens[index] ?? 0,
    replies: t.replies[index] ?? 0,
    assignee_updated_at: isoSeconds(assigned),
    requester_updated_at: isoSeconds(lastCustomer),
    status_updated_at: isoSeconds(statusUpdated),
    initially_assigned_at: isoSeconds(assigned),
    assigned_at: isoSeconds(assigned),
    solved_at: isoSeconds(solved),
    latest_comment_added_at: isoSeconds(lastComment),
    reply_time_in_minutes: reply,
    first_resolution_time_in_minutes: span(firstSolved),
    full_resolution_time_in_minutes: full,
    agent_wait_time_in_minutes:
      full.calendar === null || reply.calendar === null
        ? { calendar: null, business: null }
        : {
            calendar: full.calendar - reply.calendar,
            business: Math.max(0, (full.business ?? 0) - (reply.business ?? 0)),
          },
    requester_wait_time_in_minutes: reply,
    on_hold_time_in_minutes: { calendar: 0, business: 0 },
  };
}

/** Users are agents (by agent index) or requesters (by requester index). */
export type UserRef = { readonly agent: number } | { readonly requester: number };

export function zendeskUser(state: AccountState, user: UserRef, baseUrl: string): ZendeskUserJson {
  const history = state.history;
  const since = isoRequired(Math.floor(history.from / 1000) - 30 * 86_400);
  const common = {
    active: true,
    verified: true,
    suspended: false,
    time_zone: history.schedule.freshdeskTimeZone,
    iana_time_zone: history.schedule.timeZone,
    organization_id: null,
    created_at: since,
    updated_at: since,
  };
  if ('agent' in user) {
    const agent = history.agents[user.agent];
    if (agent === undefined) throw new RangeError(`no agent ${user.agent}`);
    return {
      id: agent.id,
      url: `${baseUrl}/api/v2/users/${agent.id}.json`,
      name: agent.name,
      email: agent.email,
      role: agent.role,
      role_type: agent.role === 'admin' ? 4 : 0,
      default_group_id: history.groups[agent.group]?.id ?? null,
      ...common,
    };
  }
  const id = history.requesters.id(user.requester);
  return {
    id,
    url: `${baseUrl}/api/v2/users/${id}.json`,
    name: history.requesters.name(user.requester),
    email: history.requesters.email(user.requester),
    role: 'end-user',
    role_type: null,
    default_group_id: null,
    ...common,
  };
}

/** The users a ticket mentions: its requester and its assignee. */
export function ticketUsers(state: AccountState, index: number): UserRef[] {
  const users: UserRef[] = [{ requester: state.table.requester[index] ?? 0 }];
  const assignee = state.table.assignee[index] ?? NO_ASSIGNEE;
  if (assignee !== NO_ASSIGNEE) users.push({ agent: assignee - 1 });
  return users;
}

/** User ids of {@link ticketUsers}, for de-duplicating a page's sideload. */
export function userRefId(state: AccountState, user: UserRef): number {
  return 'agent' in user ? ID_BASE.agent + user.agent + 1 : state.history.requesters.id(user.requester);
}

export function zendeskRating(state: AccountState, position: number, baseUrl: string): ZendeskRatingJson {
  const index = state.ratings.ticketAt(position);
  const t = state.table;
  const rating = t.rating[index] ?? RatingState.offered;
  const id = state.ratings.idAt(position);
  const created = state.ratings.createdAt(position);
  const answered = t.ratingAnsweredAt[index] ?? 0;
  return {
    url: `${baseUrl}/api/v2/satisfaction_ratings/${id}.json`,
    id,
    assignee_id: agentId(state, index),
    group_id: groupId(state, index),
    requester_id: requesterId(state, index),
    ticket_id: state.ticketId(index),
    score: rating === RatingState.good ? 'good' : rating === RatingState.bad ? 'bad' : 'offered',
    comment: rating === RatingState.offered ? null : ratingCommentOf(state, index),
    created_at: isoRequired(created),
    updated_at: isoRequired(Math.max(created, answered)),
  };
}

/** The ticket's comments: the requester's description first, then every message. */
export function zendeskComments(state: AccountState, index: number): ZendeskCommentJson[] {
  const id = state.ticketId(index);
  const t = state.table;
  const channel = CHANNELS[t.channel[index] ?? 0] ?? 'email';
  const requester = requesterId(state, index);
  const topic = TOPICS[t.topic[index] ?? 0] ?? TOPICS[0];
  const comment = (k: number, author: number, body: string, isPublic: boolean, at: number): ZendeskCommentJson => ({
    id: id * 1000 + k,
    type: 'Comment',
    author_id: author,
    body,
    html_body: `<div class="zd-comment"><p>${body}</p></div>`,
    plain_body: body,
    public: isPublic,
    audit_id: id * 1000 + 500 + k,
    via: { channel: k === 0 ? channel : 'web' },
    created_at: isoRequired(at),
    attachments: [],
  });
  const comments = [comment(0, requester, `${topic.subject}. Please help.`, true, t.createdAt[index] ?? 0)];
  state.messages(index).forEach((message, k) => {
    const author = message.agent < 0 ? requester : (state.history.agents[message.agent]?.id ?? requester);
    comments.push(comment(k + 1, author, messageBody(message.kind, id, k), message.kind !== 'note', message.at));
  });
  return comments;
}
