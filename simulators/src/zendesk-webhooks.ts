/**
 * The webhooks a Zendesk account sends for one ticket change (shared/reference/zendesk.md §5):
 * event webhooks (`zen:event-type:ticket.*`, fixed JSON) for a new ticket, an assignment, a status
 * change, a deletion or spam; for a legacy satisfaction rating, which has no event type, the
 * webhook of a trigger ("Satisfaction changed"), whose body the admin writes; for a survey
 * response of the current CSAT, a `ticket.csat_received` event (UNSURE, see {@link csatEvents}).
 * Every request is signed: base64(HMAC-SHA256(signing secret, timestamp + raw body)).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { AccountState } from './account-state.js';
import { isoRequired } from './http-util.js';
import { NO_ASSIGNEE, RatingState, TicketState } from './ticket-table.js';
import type { TicketEvent, TicketSnapshot } from './ticket-events.js';
import type { WebhookRequest } from './webhook-request.js';
import { ratingCommentOf, zendeskTicket } from './zendesk-format.js';

/** The account's webhook setup: one webhook subscribed to ticket events, one a CSAT trigger notifies. */
export interface ZendeskWebhookSetup {
  /** Signing secret of the event webhook. */
  readonly secret: string;
  /** Signing secret of the ratings trigger's webhook (a webhook of its own); default `secret`. */
  readonly ratingsSecret?: string;
  readonly webhookId?: string;
  readonly ratingsWebhookId?: string;
  readonly accountId?: number;
  /** The ratings trigger's body before its placeholders render; default {@link ZENDESK_RATING_TRIGGER_BODY}. */
  readonly ratingsBody?: string;
}

export const DEFAULT_ZENDESK_WEBHOOK_ID = '01HZFRNTL1NEEVENTS0000000A';
export const DEFAULT_ZENDESK_RATINGS_WEBHOOK_ID = '01HZFRNTL1NERAT1NGS000000B';
export const DEFAULT_ZENDESK_ACCOUNT_ID = 9_100_001;

/**
 * The body of the ratings trigger's webhook (Admin Center: trigger "Ticket > Satisfaction |
 * Changed" -> "Notify active webhook"), before Zendesk renders its placeholders. Ours to choose:
 * Zendesk event webhooks have no CSAT event type. UNSURE: how `{{satisfaction.current_rating}}`
 * renders (read here as "Bad, I'm unsatisfied" / "Good, I'm satisfied") and that Zendesk
 * JSON-escapes placeholder values in a JSON body.
 */
export const ZENDESK_RATING_TRIGGER_BODY =
  '{"ticket_id": "{{ticket.id}}", "satisfaction_rating": "{{satisfaction.current_rating}}", ' +
  '"satisfaction_comment": "{{satisfaction.current_comment}}"}';

/** UNSURE: the event version ticket events carry (user events show `2022-06-20`). */
const EVENT_VERSION = '2022-11-06';
const BRAND_ID = '360000000001';
const FORM_ID = '360000000002';
/** Custom status ids of the built-in statuses are this plus the status code. */
const CUSTOM_STATUS_BASE = 360_000_000_100;
const STATUS_NAMES = ['NEW', 'OPEN', 'PENDING', 'HOLD', 'SOLVED', 'CLOSED'] as const;

/** base64(HMAC-SHA256(key = secret, message = timestamp + body)), Zendesk's webhook signature. */
export function signZendeskWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('base64');
}

/** `2026-03-01T09:30:00Z`: the signature timestamp, to the second. */
const secondsIso = (ms: number): string => isoRequired(Math.floor(ms / 1000));

/** UNSURE: event payloads write statuses, priorities and types in capitals (`OPEN`), unlike the REST API. */
const statusName = (status: number): string => STATUS_NAMES[status] ?? 'OPEN';

const idText = (id: number | null): string | null => (id === null ? null : String(id));

/** The `detail` of a ticket event: the ticket now, its ids as strings. */
function detailOf(state: AccountState, index: number, actorId: number): Record<string, unknown> {
  // The detail carries no URLs, so any base URL will do.
  const ticket = zendeskTicket(state, index, '');
  const status = state.table.status[index] ?? TicketState.open;
  return {
    actor_id: String(actorId),
    assignee_id: idText(ticket.assignee_id),
    brand_id: BRAND_ID,
    created_at: ticket.created_at,
    custom_status: String(CUSTOM_STATUS_BASE + status),
    description: ticket.description,
    external_id: null,
    form_id: FORM_ID,
    group_id: idText(ticket.group_id),
    id: String(ticket.id),
    is_public: ticket.is_public,
    organization_id: null,
    priority: ticket.priority?.toUpperCase() ?? null,
    requester_id: String(ticket.requester_id),
    status: statusName(status),
    subject: ticket.subject,
    submitter_id: String(ticket.submitter_id),
    tags: ticket.tags,
    type: ticket.type?.toUpperCase() ?? null,
    updated_at: ticket.updated_at,
    via: ticket.via,
  };
}

const agentIdOf = (state: AccountState, assignee: number): string | null =>
  assignee === NO_ASSIGNEE ? null : idText(state.history.agents[assignee - 1]?.id ?? null);

/** The ticket events one change makes, in the order of their sequence. */
function eventTypes(
  state: AccountState,
  change: TicketEvent['change'],
  before: TicketSnapshot | null,
  after: TicketSnapshot,
): { type: string; event: Record<string, unknown> }[] {
  if (before === null) return [{ type: 'ticket.created', event: {} }];
  if (!before.removed && after.removed)
    return [{ type: change.kind === 'spam' ? 'ticket.marked_as_spam' : 'ticket.soft_deleted', event: {} }];
  const events: { type: string; event: Record<string, unknown> }[] = [];
  if (before.assignee !== after.assignee) {
    events.push({
      type: 'ticket.agent_assignment_changed',
      event: { previous: agentIdOf(state, before.assignee), current: agentIdOf(state, after.assignee) },
    });
  }
  if (before.status !== after.status) {
    events.push({
      type: 'ticket.status_changed',
      event: { previous: statusName(before.status), current: statusName(after.status) },
    });
  }
  return events;
}

/**
 * The event of a survey response on the current CSAT. UNSURE: `zen:event-type:ticket.csat_received`
 * is what public code subscribes to, not confirmed on Zendesk's event-type page; its own fields are
 * left out (the connector reads only which ticket it names and refreshes it; polling stays the truth).
 */
function csatEvents(state: AccountState, index: number, change: TicketEvent['change']) {
  if (change.kind !== 'rate' || change.score === 'offered' || state.isLegacySurvey(index)) return [];
  return [{ type: 'ticket.csat_received', event: {} }];
}

/** Whether a change answers a legacy survey, which the ratings trigger reports. */
function answersLegacySurvey(state: AccountState, index: number, change: TicketEvent['change']): boolean {
  if (change.kind !== 'rate' || !state.isLegacySurvey(index)) return false;
  return change.score !== 'offered' && change.score !== 'skipped';
}

/** Who made the change: the requester for what they do, else the assignee (or the requester). */
function actorOf(state: AccountState, index: number, change: TicketEvent['change']): number {
  const requester = state.history.requesters.id(state.table.requester[index] ?? 0);
  const byRequester = ['create', 'customer-message', 'reopen', 'rate'].includes(change.kind);
  const assignee = state.table.assignee[index] ?? NO_ASSIGNEE;
  if (byRequester || assignee === NO_ASSIGNEE) return requester;
  return state.history.agents[assignee - 1]?.id ?? requester;
}

function signed(kind: string, webhookId: string, secret: string, body: string, nowMs: number): WebhookRequest {
  const timestamp = secondsIso(nowMs);
  return {
    kind,
    body,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Zendesk Webhook',
      'X-Zendesk-Webhook-Id': webhookId,
      'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
      'X-Zendesk-Webhook-Signature': signZendeskWebhook(secret, timestamp, body),
    },
  };
}

/** The rendered ratings trigger body: placeholders replaced by JSON-escaped text. */
function ratingTriggerBody(state: AccountState, index: number, ticketId: number, template: string): string {
  const good = state.table.rating[index] === RatingState.good;
  const values: Record<string, string> = {
    'ticket.id': String(ticketId),
    'satisfaction.current_rating': good ? "Good, I'm satisfied" : "Bad, I'm unsatisfied",
    'satisfaction.current_comment': ratingCommentOf(state, index) ?? '',
  };
  return template.replace(/\{\{([a-z_.]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
}

/** The signed requests Zendesk sends for one change (none when nothing covers it). */
export function zendeskWebhookRequests(
  state: AccountState,
  event: TicketEvent,
  setup: ZendeskWebhookSetup,
  nowMs: number,
): WebhookRequest[] {
  const index = state.indexOf(event.ticketId);
  if (index < 0) return [];
  const requests: WebhookRequest[] = [];
  const payloads = [
    ...eventTypes(state, event.change, event.before, event.after),
    ...csatEvents(state, index, event.change),
  ];
  if (payloads.length > 0) {
    const detail = detailOf(state, index, actorOf(state, index, event.change));
    // One action's events share a sequence id; Zendesk does not promise their order.
    const sequence = randomUUID().replaceAll('-', '').toUpperCase();
    payloads.forEach(({ type, event: changed }, i) => {
      const kind = `zen:event-type:${type}`;
      const body = JSON.stringify({
        type: kind,
        account_id: setup.accountId ?? DEFAULT_ZENDESK_ACCOUNT_ID,
        id: randomUUID(),
        time: isoRequired(event.atSec),
        zendesk_event_version: EVENT_VERSION,
        subject: `zen:ticket:${event.ticketId}`,
        detail,
        event: { ...changed, meta: { sequence: { id: sequence, position: i + 1 } } },
      });
      requests.push(signed(kind, setup.webhookId ?? DEFAULT_ZENDESK_WEBHOOK_ID, setup.secret, body, nowMs));
    });
  }
  if (answersLegacySurvey(state, index, event.change)) {
    requests.push(
      signed(
        'trigger:satisfaction-changed',
        setup.ratingsWebhookId ?? DEFAULT_ZENDESK_RATINGS_WEBHOOK_ID,
        setup.ratingsSecret ?? setup.secret,
        ratingTriggerBody(state, index, event.ticketId, setup.ratingsBody ?? ZENDESK_RATING_TRIGGER_BODY),
        nowMs,
      ),
    );
  }
  return requests;
}
