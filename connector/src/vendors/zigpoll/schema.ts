/**
 * Zod schema of Zigpoll's `GET /responses` pages (`{ data, hasNextPage, endCursor }`).
 *
 * UNSURE: Zigpoll documents `_id`, `createdAt`, `accountId`, `pollId`, `slideId` and
 * `participantId` on a response; everything else read here is assumed:
 * - the answer is `response` or `value`, a number or a numeric string;
 * - `metadata` is the free-form object a poll is embedded with; we expect our own embed to put
 *   `metric` ("nps"/"ces"), `requester_id` and/or `email` there;
 * - `slide` carries the slide's `type` and `handle` (e.g. "nps", "customer-effort");
 * - `participant` may carry the respondent's `email`.
 */
import { z } from 'zod';
import { isoTime, optionalVendorId, vendorId } from '../payload-fields.js';

const text = z.string().nullish();

export const zigpollResponseSchema = z.object({
  _id: vendorId,
  createdAt: isoTime,
  response: z.union([z.number(), z.string()]).nullish(),
  value: z.union([z.number(), z.string()]).nullish(),
  metadata: z.object({ metric: text, requester_id: optionalVendorId, email: text }).nullish(),
  slide: z.object({ type: text, handle: text }).nullish(),
  participant: z.object({ email: text }).nullish(),
});

/** One page of `GET /responses`. */
export const zigpollResponsePageSchema = z.object(
  {
    data: z.array(zigpollResponseSchema),
    hasNextPage: z.boolean().nullish(),
    endCursor: z.string().nullish(),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'expected a Zigpoll responses page: an object with "data"' : undefined,
  },
);

export type ZigpollResponse = z.infer<typeof zigpollResponseSchema>;
