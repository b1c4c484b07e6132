import { countedSolveTime, median, type History, type TimeWindow } from '@frontline/kpi';
import type { Static } from 'typebox';
import type { TicketSummary } from './schemas/kpi-schemas.js';
import { ratingsByTicket, ticketsById } from './tickets-by-id.js';

const MINUTE_MS = 60_000;
/** A thread this much longer than the team's typical one, and at least this long, is worth a look. */
const OUTLIER_FACTOR = 3;
const OUTLIER_MIN_REPLIES = 8;

// The typical reply count moves with the history, not with each request: one per snapshot and window.
const typicalCache = new WeakMap<History['tickets'], { from: number; to: number; value: number | null }>();

/**
 * The team's median of public agent replies per ticket solved in `window`, over the tickets the
 * replies-per-ticket KPI counts (solved customer contacts with a reply: a count not read yet is no
 * zero); `null` with none.
 */
export function typicalReplies(history: History, window: TimeWindow): number | null {
  const cached = typicalCache.get(history.tickets);
  if (cached !== undefined && cached.from === window.from && cached.to === window.to) return cached.value;
  const counts: number[] = [];
  for (const ticket of history.tickets) {
    const solvedAt = countedSolveTime(ticket);
    if (solvedAt === null || solvedAt < window.from || solvedAt >= window.to || ticket.publicReplies < 1) continue;
    counts.push(ticket.publicReplies);
  }
  const value = counts.length === 0 ? null : median(counts);
  typicalCache.set(history.tickets, { from: window.from, to: window.to, value });
  return value;
}

/**
 * The ticket in view at a glance: its rating, replies so far against the team's typical count,
 * first reply time, reopens, and whether its thread is an outlier. `null` when the store does not
 * have the ticket (not synced yet, or removed).
 */
export function ticketSummaryJson(
  history: History,
  ticketId: string,
  subject: string | null,
  typicalWindow: TimeWindow,
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
  const typical = typicalReplies(history, typicalWindow);
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
