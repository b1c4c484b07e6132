import {
  createBusinessClock,
  type BusinessClock,
  type History,
  type KpiKey,
  type KpiTickets,
  type Rating,
  type Ticket,
  type TimeWindow,
} from '@frontline/kpi';
import type { Static } from 'typebox';
import type { TicketLabel } from '../store/sync-store.js';
import type { DrillDownTicket } from './schemas/kpi-schemas.js';
import { ratingsByTicket, ticketsById } from './tickets-by-id.js';

export type DrillDownRow = Static<typeof DrillDownTicket>;
export type DrillDownSortKey = 'value' | 'time';
export type SortOrder = 'asc' | 'desc';

const MINUTE_MS = 60_000;

const clocks = new WeakMap<NonNullable<History['schedule']>, BusinessClock>();

/** The business clock of the history's schedule (one per schedule), `null` without one. */
function clockOf(history: History): BusinessClock | null {
  if (history.schedule === null) return null;
  let clock = clocks.get(history.schedule);
  if (clock === undefined) clocks.set(history.schedule, (clock = createBusinessClock(history.schedule)));
  return clock;
}

/** What counted for one ticket in one KPI: when (`at`) and how much (`value`, null for yes/no KPIs). */
function measure(
  kpi: KpiKey,
  ticket: Ticket | undefined,
  ratings: readonly Rating[],
  window: TimeWindow,
  clock: BusinessClock | null,
): { at: number | null; value: number | null } {
  const replied = ticket?.firstReplyAt ?? null;
  const solved = ticket?.solvedAt ?? null;
  // The same minutes the engine counts (compute-kpis.ts): the helpdesk's, else from the times.
  const replyMinutes =
    ticket && replied !== null ? (ticket.firstReplyMinutes ?? (replied - ticket.createdAt) / MINUTE_MS) : null;
  const solveMinutes =
    ticket && solved !== null ? (ticket.resolutionMinutes ?? (solved - ticket.createdAt) / MINUTE_MS) : null;
  switch (kpi) {
    case 'first_reply_time_median':
    case 'first_reply_time_mean':
      return { at: replied, value: replyMinutes };
    case 'first_reply_time_business_median':
      return {
        at: replied,
        value:
          ticket && replied !== null
            ? (ticket.firstReplyBusinessMinutes ?? clock?.minutesBetween(ticket.createdAt, replied) ?? replyMinutes)
            : null,
      };
    case 'full_resolution_time_median':
      return { at: solved, value: solveMinutes };
    case 'full_resolution_time_business_median':
      return {
        at: solved,
        value:
          ticket && solved !== null
            ? (ticket.resolutionBusinessMinutes ?? clock?.minutesBetween(ticket.createdAt, solved) ?? solveMinutes)
            : null,
      };
    case 'replies_per_ticket':
      return { at: solved, value: ticket?.publicReplies ?? null };
    case 'solved':
    case 'reopen_rate':
    case 'one_touch_rate':
    case 'repeat_contact_rate':
    case 'nps':
    case 'ces':
      // NPS and CES answers are tied to the requester's latest solve before them.
      return { at: solved, value: null };
    case 'csat':
    case 'csat_response_rate': {
      // The latest rating of the ticket in the window: the one that counted.
      let at: number | null = null;
      for (const r of ratings) {
        if (r.at >= window.from && r.at < window.to && (kpi === 'csat_response_rate' || r.answered)) {
          if (at === null || r.at > at) at = r.at;
        }
      }
      return { at, value: null };
    }
    case 'backlog':
    case 'escalation_rate':
    case 'contact_ratio':
      return { at: ticket?.createdAt ?? null, value: null };
  }
}

/** Ids as numbers when both are numeric (#910 before #1192), else as text. */
export function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Missing values go last whichever the order. */
function compareNullable(x: number | null, y: number | null, sign: number): number | null {
  if (x === null || y === null) return x === y ? null : x === null ? 1 : -1;
  return x === y ? null : sign * (x - y);
}

/**
 * The tickets behind one KPI value as rows a person reads: subject, requester, the moment that
 * counted and the value (minutes, replies), whether it counts towards a rate's numerator;
 * sorted by that value (yes/no KPIs: matching first in `desc`) or by time, ties by id.
 */
export function drillDownRows(
  history: History,
  request: {
    readonly kpi: KpiKey;
    readonly window: TimeWindow;
    readonly tickets: KpiTickets | undefined;
    readonly labels: ReadonlyMap<string, TicketLabel>;
    readonly sort: DrillDownSortKey;
    readonly order: SortOrder;
  },
): DrillDownRow[] {
  const tickets = ticketsById(history);
  const ratings = ratingsByTicket(history);
  const clock = clockOf(history);
  const matching = new Set(request.tickets?.matching ?? []);
  const seen = new Set<string>();
  const rows: { row: DrillDownRow; at: number | null }[] = [];
  for (const id of request.tickets?.sample ?? []) {
    // A ticket rated twice in the window is in the sample twice: one row.
    if (seen.has(id)) continue;
    seen.add(id);
    const ticket = tickets.get(id);
    const { at, value } = measure(request.kpi, ticket, ratings.get(id) ?? [], request.window, clock);
    const label = request.labels.get(id);
    const requesterId = label?.requesterId ?? ticket?.requesterId ?? null;
    rows.push({
      at,
      row: {
        id,
        subject: label?.subject ?? null,
        requester: requesterId === null ? null : { id: requesterId, name: label?.requesterName ?? null },
        at: at === null ? null : new Date(at).toISOString(),
        value,
        matching: matching.has(id),
      },
    });
  }
  const sign = request.order === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    if (request.sort === 'value') {
      const byValue =
        a.row.value === null && b.row.value === null
          ? a.row.matching === b.row.matching
            ? null
            : sign * (Number(a.row.matching) - Number(b.row.matching))
          : compareNullable(a.row.value, b.row.value, sign);
      if (byValue !== null) return byValue;
    }
    return compareNullable(a.at, b.at, sign) ?? sign * compareIds(a.row.id, b.row.id);
  });
  return rows.map((r) => r.row);
}
