import { KPI_KEYS, type KpiKey, type TimeWindow } from '@frontline/kpi';
import type { StreamCheckpoint, SyncStore } from '../store/sync-store.js';

/** How much of the data behind each KPI of a window is synced: 0..1 per KPI. */
export interface Completeness {
  readonly tickets: number;
  readonly ratings: number;
  /** Reply counts known for the window's tickets (Freshdesk counts them per ticket). */
  readonly replyCounts: number;
  readonly surveys: number;
  readonly byKpi: Readonly<Record<KpiKey, number>>;
}

/** KPIs computed from public reply counts. */
const REPLY_KPIS: readonly KpiKey[] = ['one_touch_rate', 'replies_per_ticket'];
const RATING_KPIS: readonly KpiKey[] = ['csat', 'csat_response_rate'];
const SURVEY_KPIS: readonly KpiKey[] = ['nps', 'ces'];

/**
 * Share of `window` each KPI's data covers, from the streams' checkpoints: the recent stream
 * covers its start up to the change time it reached (up to now once caught up), the history
 * stream everything before the recent start once done (or up to where it reached). So the API can
 * say "one-touch rate: 40% synced" instead of showing a number computed from part of the data.
 */
export async function computeCompleteness(
  store: SyncStore,
  tenantId: string,
  window: TimeWindow,
  now: number,
  hasSurveys: boolean,
): Promise<Completeness> {
  const read = (stream: string) => store.readCheckpoint(tenantId, stream);
  const [plan, tickets, ticketsHistory, ratings, ratingsHistory, surveys] = await Promise.all([
    read('plan'),
    read('tickets'),
    read('tickets:history'),
    read('ratings'),
    read('ratings:history'),
    read('surveys'),
  ]);
  const recentStart = plan === null ? now : Number(plan.cursor);
  const ticketShare = coverage(window, covered(tickets, ticketsHistory, recentStart, now));
  const ratingShare = coverage(window, covered(ratings, ratingsHistory, recentStart, now));
  const replyShare = await store.replyCountCoverage(tenantId, window.from);
  const surveyShare = !hasSurveys ? 1 : surveys?.done ? 1 : 0;
  const byKpi = Object.fromEntries(
    KPI_KEYS.map((key) => {
      if (REPLY_KPIS.includes(key)) return [key, ticketShare * replyShare];
      if (RATING_KPIS.includes(key)) return [key, ratingShare];
      if (SURVEY_KPIS.includes(key)) return [key, surveyShare];
      return [key, ticketShare];
    }),
  ) as Record<KpiKey, number>;
  return { tickets: ticketShare, ratings: ratingShare, replyCounts: replyShare, surveys: surveyShare, byKpi };
}

/** The time ranges a recent stream and a history stream have covered. */
function covered(
  recent: StreamCheckpoint | null,
  history: StreamCheckpoint | null,
  recentStart: number,
  now: number,
): TimeWindow[] {
  const ranges: TimeWindow[] = [];
  if (recent !== null) ranges.push({ from: recentStart, to: recent.done ? now : (recent.reachedTime ?? recentStart) });
  if (history !== null)
    ranges.push({ from: -Infinity, to: history.done ? recentStart : (history.reachedTime ?? -Infinity) });
  return ranges;
}

/** Share of the window inside the (non-overlapping) ranges. */
function coverage(window: TimeWindow, ranges: readonly TimeWindow[]): number {
  let inside = 0;
  for (const range of ranges) {
    const from = Math.max(window.from, range.from);
    const to = Math.min(window.to, range.to);
    if (to > from) inside += to - from;
  }
  return Math.min(1, inside / (window.to - window.from));
}
