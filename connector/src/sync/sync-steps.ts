/**
 * The order a sync works in: what makes a new tenant useful first. `recent` brings the last 60
 * days of tickets, ratings and reply counts together (one-touch and replies-per-ticket need the
 * counts), before any older history; `removals` (tickets deleted or marked spam since they were
 * stored) comes after the history, so on small links its polls never starve the backfill.
 */
export const SYNC_STEPS = [
  'setup',
  'recent',
  'history-tickets',
  'history-ratings',
  'history-replies',
  'removals',
  'surveys',
] as const;

export type SyncStep = (typeof SYNC_STEPS)[number];
