/**
 * The order a sync works in: what makes a new tenant useful first. `recent` brings the last 60
 * days of tickets, ratings and reply counts together (one-touch and replies-per-ticket need the
 * counts), before any older history.
 */
export const SYNC_STEPS = [
  'setup',
  'recent',
  'history-tickets',
  'history-ratings',
  'history-replies',
  'surveys',
] as const;

export type SyncStep = (typeof SYNC_STEPS)[number];
