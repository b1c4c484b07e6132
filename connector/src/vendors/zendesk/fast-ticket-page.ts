/**
 * A zod-free reader for the common shape of an incremental export page, because the export of a
 * large account is hundreds of thousands of tickets and zod's checks cost more than the rest of
 * the normalizer together. It accepts only what `zendeskTicketPageSchema` accepts and returns the
 * same value; anything unusual (string ids, a malformed field) gets `null`, and the caller falls
 * back to the schema, which words the error. normalize.test.ts holds the two to each other.
 */
import { parseIsoTime } from '../payload-fields.js';
import { type ZendeskMetricSet, type ZendeskTicket, type ZendeskTicketPage, type ZendeskUser } from './schema.js';

/** Thrown inside the reader to give up; never escapes it. */
const DECLINE = Symbol('decline');

type Fields = Record<string, unknown>;

function object(value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw DECLINE;
  return value as Fields;
}

function array(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw DECLINE;
  return value;
}

function id(value: unknown): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw DECLINE;
  return String(value);
}

const optionalId = (value: unknown): string | null => (value === null || value === undefined ? null : id(value));

function time(value: unknown): number {
  const parsed = typeof value === 'string' ? parseIsoTime(value) : NaN;
  if (Number.isNaN(parsed)) throw DECLINE;
  return parsed;
}

const optionalTime = (value: unknown): number | null => (value === null || value === undefined ? null : time(value));

/** Absent and null stay as they are, as zod's `nullish()` leaves them. */
function nullish<T>(value: unknown, read: (value: unknown) => T): T | null | undefined {
  return value === null || value === undefined ? (value as null | undefined) : read(value);
}

function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw DECLINE;
  return value;
}

function minutes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw DECLINE;
  return value;
}

function string(value: unknown): string {
  if (typeof value !== 'string') throw DECLINE;
  return value;
}

function strings(value: unknown): string[] {
  return array(value).map(string);
}

function ticket(value: unknown): ZendeskTicket {
  const t = object(value);
  return {
    id: id(t.id),
    requester_id: id(t.requester_id),
    assignee_id: optionalId(t.assignee_id),
    group_id: optionalId(t.group_id),
    status: string(t.status),
    created_at: time(t.created_at),
    tags: nullish(t.tags, strings),
    subject: nullish(t.subject, string),
  };
}

function minutesPair(value: unknown): { calendar?: number | null; business?: number | null } {
  const pair = object(value);
  return { calendar: nullish(pair.calendar, minutes), business: nullish(pair.business, minutes) };
}

function metricSet(value: unknown): ZendeskMetricSet {
  const m = object(value);
  return {
    ticket_id: id(m.ticket_id),
    solved_at: optionalTime(m.solved_at),
    reply_time_in_minutes: nullish(m.reply_time_in_minutes, minutesPair),
    full_resolution_time_in_minutes: nullish(m.full_resolution_time_in_minutes, minutesPair),
    replies: nullish(m.replies, count),
    reopens: nullish(m.reopens, count),
    group_stations: nullish(m.group_stations, count),
  };
}

function user(value: unknown): ZendeskUser {
  const u = object(value);
  return {
    id: id(u.id),
    name: nullish(u.name, string),
    email: nullish(u.email, string),
    role: string(u.role),
  };
}

/** The page as `zendeskTicketPageSchema` would parse it, or `null` when it needs the schema. */
export function readZendeskTicketPageFast(page: unknown): ZendeskTicketPage | null {
  try {
    const p = object(page);
    return {
      tickets: array(p.tickets).map(ticket),
      metric_sets: nullish(p.metric_sets, (sets) => array(sets).map(metricSet)),
      users: nullish(p.users, (users) => array(users).map(user)),
      after_cursor: nullish(p.after_cursor, string),
      end_of_stream: nullish(p.end_of_stream, (value) => {
        if (typeof value !== 'boolean') throw DECLINE;
        return value;
      }),
    };
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  }
}
