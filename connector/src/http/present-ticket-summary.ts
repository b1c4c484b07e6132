import type { History } from '@frontline/kpi';
import type { Static } from 'typebox';
import type { TicketSummary } from './schemas/kpi-schemas.js';
import { ratingsByTicket, ticketsById } from './tickets-by-id.js';

const MINUTE_MS = 60_000;
/** A thread this much longer than the team's typical one, and at least this long, is worth a look. */
const OUTLIER_FACTOR = 3;
const OUTLIER_MIN_REPLIES = 8;

/**
 * The ticket in view at a glance: its rating, replies so far against the team's typical count,
 * first reply time, reopens, and whether its thread is an outlier. `typical` is the team's
 * median of public replies per ticket solved in the last 30 days (the store computes it). `null` when the store does not
 * have the ticket (not synced yet, or removed).
 */
export function ticketSummaryJson(
  history: History,
  ticketId: string,
  subject: string | null,
  typical: number | null,
): Static<typeof TicketSummary> | null {
  const ticket = ticketsById(history).get(ticketId);
  if (ticket === undefined || ticket.removed) return null;
  let rating: Static<typeof TicketSummary>['rating'] = null;
  let ratedAt = -Infinity;
  for (const r of ratingsByTicket(history).get(ticketId) ?? []) {
    if (!r.answered || r.at < ratedAt) continue;
    ratedAt = r.at;
    rating = { positive: r.positive, comment: r.comment, at: new Date(r.at).toISOString() };
  }
  const replies = ticket.publicReplies;
  const firstReplyMinutes =
    ticket.firstReplyAt === null
      ? null
      : (ticket.firstReplyMinutes ?? (ticket.firstReplyAt - ticket.createdAt) / MINUTE_MS);
  return {
    ticketId,
    subject,
    rating,
    replies,
    typicalReplies: typical,
    firstReplyMinutes,
    reopens: ticket.reopens,
    outlier: typical !== null && replies >= OUTLIER_FACTOR * typical && replies >= OUTLIER_MIN_REPLIES,
  };
}
