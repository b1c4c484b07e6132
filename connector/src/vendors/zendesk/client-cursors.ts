import { z } from 'zod';

/** Where the ticket export stands: Zendesk's `after_cursor`, or the start time before the first page. */
export const zendeskTicketCursorSchema = z.union([
  z.object({ after: z.string().min(1) }),
  z.object({ startTime: z.number().int().nonnegative() }),
]);

/** Where the ratings list stands: its `start_time` filter and the `page[after]` cursor, once there is one. */
export const zendeskRatingCursorSchema = z.object({
  startTime: z.number().int().nonnegative(),
  after: z.string().min(1).nullable(),
});

export type ZendeskTicketCursor = z.infer<typeof zendeskTicketCursorSchema>;
export type ZendeskRatingCursor = z.infer<typeof zendeskRatingCursorSchema>;
