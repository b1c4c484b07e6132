/**
 * Zod schemas of the Freshdesk payloads the normalizer reads: pages (arrays) of tickets with
 * `include=stats`, of a ticket's conversations, of satisfaction ratings and of agents, and the
 * business hours list. Only the fields we use are declared; other fields pass unchecked.
 */
import { z } from 'zod';
import { describeValue } from '../parse-payload.js';
import { isoTime, optionalIsoTime, optionalVendorId, vendorId } from '../payload-fields.js';

/** An array page; `what` names the endpoint so a wrong file is easy to spot. */
function pageOf<T extends z.ZodType>(item: T, what: string) {
  return z.array(item, {
    error: (issue) =>
      issue.code === 'invalid_type' ? `expected ${what} (an array), got ${describeValue(issue.input)}` : undefined,
  });
}

export const freshdeskTicketStatsSchema = z.object(
  {
    first_responded_at: optionalIsoTime,
    resolved_at: optionalIsoTime,
    closed_at: optionalIsoTime,
    reopened_at: optionalIsoTime,
  },
  {
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? 'missing: export the tickets with include=stats'
        : `expected an object, got ${describeValue(issue.input)}`,
  },
);

export const freshdeskTicketSchema = z.object({
  id: vendorId,
  requester_id: vendorId,
  responder_id: optionalVendorId,
  group_id: optionalVendorId,
  status: z.number().int(),
  /** Missing or null in old records: read as a customer contact. */
  source: z.number().int().nullish(),
  created_at: isoTime,
  tags: z.array(z.string()).nullish(),
  spam: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  stats: freshdeskTicketStatsSchema,
  subject: z.string().nullish(),
  /** Present with `include=requester`. */
  requester: z.object({ email: z.string().nullish(), name: z.string().nullish() }).nullish(),
});

/** One page of `GET /api/v2/tickets?include=stats`. */
export const freshdeskTicketPageSchema = pageOf(freshdeskTicketSchema, 'a page of GET /api/v2/tickets?include=stats');

/** A ticket of `GET /api/v2/tickets?filter=spam|deleted`: which one, and when it last changed. */
export const freshdeskTicketRefSchema = z.object({ id: vendorId, updated_at: isoTime });

/** One page of `GET /api/v2/tickets?filter=spam` (or `filter=deleted`). */
export const freshdeskTicketRefPageSchema = pageOf(
  freshdeskTicketRefSchema,
  'a page of GET /api/v2/tickets?filter=spam (or deleted)',
);

export const freshdeskConversationSchema = z.object({
  ticket_id: optionalVendorId,
  incoming: z.boolean(),
  private: z.boolean(),
  created_at: isoTime,
});

/** One page of `GET /api/v2/tickets/<id>/conversations`. */
export const freshdeskConversationPageSchema = pageOf(
  freshdeskConversationSchema,
  'a page of GET /api/v2/tickets/<id>/conversations',
);

export const freshdeskRatingSchema = z.object({
  id: vendorId,
  ticket_id: vendorId,
  agent_id: optionalVendorId,
  user_id: optionalVendorId,
  ratings: z.object({ default_question: z.number().int() }),
  feedback: z.string().nullish(),
  created_at: isoTime,
  updated_at: optionalIsoTime,
});

/** One page of `GET /api/v2/surveys/satisfaction_ratings`. */
export const freshdeskRatingPageSchema = pageOf(
  freshdeskRatingSchema,
  'a page of GET /api/v2/surveys/satisfaction_ratings',
);

export const freshdeskAgentSchema = z.object({
  id: vendorId,
  contact: z.object({ name: z.string().nullish(), email: z.string().nullish() }),
});

/** One page of `GET /api/v2/agents`. */
export const freshdeskAgentPageSchema = pageOf(freshdeskAgentSchema, 'a page of GET /api/v2/agents');

const dayHours = z.object({ start_time: z.string(), end_time: z.string() });

/** UNSURE: the holiday list's field name and shape; both spellings seen in the wild are read. */
const holiday = z.object({ name: z.string().nullish(), date: z.string() });

export const FRESHDESK_WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export const freshdeskBusinessHoursSchema = z.object({
  id: optionalVendorId,
  name: z.string().nullish(),
  is_default: z.boolean().nullish(),
  time_zone: z.string(),
  business_hours: z.object({
    monday: dayHours.nullish(),
    tuesday: dayHours.nullish(),
    wednesday: dayHours.nullish(),
    thursday: dayHours.nullish(),
    friday: dayHours.nullish(),
    saturday: dayHours.nullish(),
    sunday: dayHours.nullish(),
  }),
  holidays: z.array(holiday).nullish(),
  holiday_list: z.array(holiday).nullish(),
});

/** `GET /api/v2/business_hours`: every business hours entry of the account. */
export const freshdeskBusinessHoursListSchema = pageOf(
  freshdeskBusinessHoursSchema,
  'the list of GET /api/v2/business_hours',
);

export type FreshdeskTicket = z.infer<typeof freshdeskTicketSchema>;
export type FreshdeskRating = z.infer<typeof freshdeskRatingSchema>;
export type FreshdeskAgent = z.infer<typeof freshdeskAgentSchema>;
export type FreshdeskBusinessHours = z.infer<typeof freshdeskBusinessHoursSchema>;
