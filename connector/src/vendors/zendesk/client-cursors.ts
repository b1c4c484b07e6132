import { z } from 'zod';

/** Where the ticket export stands: Zendesk's `after_cursor`, or the start time before the first page. */
export const zendeskTicketCursorSchema = z.union([
  z.object({ after: z.string().min(1) }),
  z.object({ startTime: z.number().int().nonnegative() }),
]);

/** Where the legacy ratings list stands: its `start_time` filter and the `page[after]` cursor, once there is one. */
const legacyRatingCursorSchema = z.object({
  startTime: z.number().int().nonnegative(),
  after: z.string().min(1).nullable(),
});

/** Where the survey responses list stands: its `filter[created_at_start]` (epoch ms) and `page[after]`. */
const surveyResponseCursorSchema = z.object({
  responsesFrom: z.number().int().nonnegative(),
  after: z.string().min(1).nullable(),
});

/**
 * The ratings stream: the legacy list, then (on an account that runs the current CSAT) the survey
 * responses from the same start, so one checkpoint covers an account that switched. Checkpoints
 * saved before survey responses were read are legacy positions and still resume.
 */
export const zendeskRatingCursorSchema = z.union([surveyResponseCursorSchema, legacyRatingCursorSchema]);

export type ZendeskTicketCursor = z.infer<typeof zendeskTicketCursorSchema>;
export type ZendeskLegacyRatingCursor = z.infer<typeof legacyRatingCursorSchema>;
export type ZendeskSurveyResponseCursor = z.infer<typeof surveyResponseCursorSchema>;
export type ZendeskRatingCursor = z.infer<typeof zendeskRatingCursorSchema>;
