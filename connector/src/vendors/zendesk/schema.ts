/**
 * Zod schemas of the Zendesk payloads the normalizer reads: pages of the incremental cursor
 * export with `include=metric_sets,users`, pages of the legacy satisfaction ratings list and of
 * the current CSAT's survey responses.
 * Only the fields we use are declared; Zendesk's other fields pass unchecked (and are dropped).
 */
import { z } from 'zod';
import { count, isoTime, optionalIsoTime, optionalVendorId, vendorId } from '../payload-fields.js';

/** Ticket statuses of the incremental export; `deleted` appears only there. */
export const ZENDESK_TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'] as const;

export type ZendeskTicketStatus = (typeof ZENDESK_TICKET_STATUSES)[number];

export const zendeskTicketSchema = z.object({
  id: vendorId,
  requester_id: vendorId,
  assignee_id: optionalVendorId,
  group_id: optionalVendorId,
  // Any text: a status Zendesk adds later keeps its ticket (the normalizer reads it as open and reports it).
  status: z.string(),
  created_at: isoTime,
  tags: z.array(z.string()).nullish(),
  subject: z.string().nullish(),
});

/** `{ calendar, business }` minutes; both are null until the event happened. */
const minutesPair = z
  .object({
    calendar: z.number().nonnegative().nullish(),
    business: z.number().nonnegative().nullish(),
  })
  .nullish();

export const zendeskMetricSetSchema = z.object({
  ticket_id: vendorId,
  solved_at: optionalIsoTime,
  reply_time_in_minutes: minutesPair,
  full_resolution_time_in_minutes: minutesPair,
  replies: count.nullish(),
  reopens: count.nullish(),
  group_stations: count.nullish(),
});

/** One record of `GET /api/v2/ticket_metrics`: a metric set, with the time it last changed. */
export const zendeskTicketMetricSchema = zendeskMetricSetSchema.extend({ updated_at: optionalIsoTime });

/** One page of `GET /api/v2/ticket_metrics` (cursor or offset pagination; only the records are read). */
export const zendeskTicketMetricPageSchema = z.object(
  { ticket_metrics: z.array(zendeskTicketMetricSchema) },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'expected a ticket metrics page: an object with "ticket_metrics"' : undefined,
  },
);

export const ZENDESK_USER_ROLES = ['end-user', 'agent', 'admin'] as const;

export type ZendeskUserRole = (typeof ZENDESK_USER_ROLES)[number];

export const zendeskUserSchema = z.object({
  id: vendorId,
  name: z.string().nullish(),
  email: z.string().nullish(),
  // Any text, as for statuses: a role Zendesk adds later keeps its user (read as an end-user, reported).
  role: z.string(),
});

/** One page of `GET /api/v2/incremental/tickets/cursor.json?include=metric_sets,users`. */
export const zendeskTicketPageSchema = z.object(
  {
    tickets: z.array(zendeskTicketSchema),
    metric_sets: z.array(zendeskMetricSetSchema).nullish(),
    users: z.array(zendeskUserSchema).nullish(),
    after_cursor: z.string().nullish(),
    end_of_stream: z.boolean().nullish(),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'expected an incremental export page: an object with "tickets", "metric_sets" and "users"'
        : undefined,
  },
);

export const ZENDESK_RATING_SCORES = ['good', 'bad', 'offered', 'unoffered'] as const;

export const zendeskRatingSchema = z.object({
  id: vendorId,
  ticket_id: vendorId,
  assignee_id: optionalVendorId,
  requester_id: optionalVendorId,
  score: z.enum(ZENDESK_RATING_SCORES),
  comment: z.string().nullish(),
  created_at: isoTime,
  updated_at: optionalIsoTime,
});

/** `GET /api/v2/satisfaction_ratings/{id}`: one record, wrapped as `{ satisfaction_rating }`. */
export const zendeskShownRatingSchema = z.object(
  { satisfaction_rating: zendeskRatingSchema },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'expected a satisfaction rating: an object with "satisfaction_rating"'
        : undefined,
  },
);

/**
 * What `GET /api/v2/tickets/{id}` says of the ticket's rating: `{ id, score, comment }` once a
 * survey was offered, `{ score: 'unoffered' }` before, `null` on plans without CSAT. Only the id is read.
 */
export const zendeskShownTicketRatingSchema = z.object({
  ticket: z.object({ satisfaction_rating: z.object({ id: optionalVendorId }).nullish() }),
});

/** One page of `GET /api/v2/satisfaction_ratings`. */
export const zendeskRatingPageSchema = z.object(
  { satisfaction_ratings: z.array(zendeskRatingSchema) },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'expected a satisfaction ratings page: an object with "satisfaction_ratings"'
        : undefined,
  },
);

/**
 * One answer of a survey response (`GET /api/v2/guide/survey_responses`): `rating_scale`
 * (`rating`, `rating_category`), `open_ended` (`value`), `closed_ended` or `skipped`. Types and
 * categories stay strings: a kind Zendesk adds later must not fail the page (the normalizer
 * reports what it does not know).
 */
export const zendeskSurveyAnswerSchema = z.object({
  type: z.string(),
  rating_category: z.string().nullish(),
  value: z.string().nullish(),
  question: z.object({ sub_type: z.string().nullish(), type: z.string().nullish() }).nullish(),
  created_at: optionalIsoTime,
  updated_at: optionalIsoTime,
});

/**
 * A CSAT survey response. UNSURE: the reference names `subject_zrns` without saying whether it is
 * one ZRN or a list; both are read. `subjects[]` carries the same ZRN with its type.
 */
export const zendeskSurveyResponseSchema = z.object({
  id: vendorId,
  responder_id: optionalVendorId,
  subject_zrns: z.union([z.string(), z.array(z.string())]).nullish(),
  subjects: z.array(z.object({ type: z.string().nullish(), zrn: z.string().nullish() })).nullish(),
  answers: z.array(zendeskSurveyAnswerSchema),
});

/** One page of `GET /api/v2/guide/survey_responses` (current CSAT). */
export const zendeskSurveyResponsePageSchema = z.object(
  { survey_responses: z.array(zendeskSurveyResponseSchema) },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'expected a survey responses page: an object with "survey_responses"' : undefined,
  },
);

export type ZendeskTicket = z.infer<typeof zendeskTicketSchema>;
export type ZendeskMetricSet = z.infer<typeof zendeskMetricSetSchema>;
export type ZendeskTicketMetric = z.infer<typeof zendeskTicketMetricSchema>;
export type ZendeskUser = z.infer<typeof zendeskUserSchema>;
export type ZendeskTicketPage = z.infer<typeof zendeskTicketPageSchema>;
export type ZendeskRating = z.infer<typeof zendeskRatingSchema>;
export type ZendeskSurveyResponse = z.infer<typeof zendeskSurveyResponseSchema>;
export type ZendeskSurveyAnswer = z.infer<typeof zendeskSurveyAnswerSchema>;
