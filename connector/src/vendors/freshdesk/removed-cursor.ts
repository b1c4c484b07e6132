import { z } from 'zod';
import { freshdeskWindowCursorSchema } from './client-paging.js';

/**
 * Where the stream of removed tickets stands: the list filter being read (`spam`, then
 * `deleted`), each filter's `updated_since` for its next pass, and the window within the filter
 * being read (`null` between passes).
 */
export const freshdeskRemovedCursorSchema = z.object({
  filter: z.enum(['spam', 'deleted']),
  since: z.object({ spam: z.number().int().nonnegative(), deleted: z.number().int().nonnegative() }),
  window: freshdeskWindowCursorSchema.nullable(),
});

export type FreshdeskRemovedCursor = z.infer<typeof freshdeskRemovedCursorSchema>;
