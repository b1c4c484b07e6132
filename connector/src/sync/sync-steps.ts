/**
 * The order a sync works in: what makes a new tenant useful first. Reply counts for recent
 * tickets come before older history because one-touch and replies-per-ticket need them.
 */
export const SYNC_STEPS = [
  'setup',
  'recent-tickets',
  'recent-ratings',
  'recent-replies',
  'history-tickets',
  'history-ratings',
  'history-replies',
  'surveys',
] as const;

export type SyncStep = (typeof SYNC_STEPS)[number];
