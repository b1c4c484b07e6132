import type { SyncProgress } from '../sync/sync-tenant.js';

/** What the progress line knows beyond the sync's own counts. */
export interface ProgressExtras {
  readonly rateLimitWaitMs: number;
  readonly elapsedMs: number;
}

const BAR_WIDTH = 20;

/** Share of the current step done, from how far its change time has come towards now. */
export function stepFraction(progress: SyncProgress): number | null {
  if (progress.reachedTime === null || progress.stepTo <= progress.stepFrom) return null;
  return Math.min(1, Math.max(0, (progress.reachedTime - progress.stepFrom) / (progress.stepTo - progress.stepFrom)));
}

/** Remaining time of the step at the pace so far; `null` until there is a pace to go by. */
export function etaMs(progress: SyncProgress, stepElapsedMs: number): number | null {
  const fraction = stepFraction(progress);
  if (fraction === null || fraction <= 0 || fraction >= 1) return null;
  return (stepElapsedMs * (1 - fraction)) / fraction;
}

/** One line: step, bar, pages, tickets, rate-limit waits and ETA. */
export function formatProgress(
  progress: SyncProgress,
  extras: ProgressExtras,
  eta: number | null,
  bar: boolean,
): string {
  const fraction = stepFraction(progress);
  const parts = [
    progress.step,
    bar && fraction !== null
      ? `${'#'.repeat(Math.round(fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, '.')} ${Math.round(fraction * 100)}%`
      : null,
    `pages ${progress.pages}`,
    `tickets ${progress.tickets}`,
    `ratings ${progress.ratings}`,
    progress.replyCounts > 0 ? `reply counts ${progress.replyCounts}` : null,
    `rate-limit waits ${formatDuration(extras.rateLimitWaitMs)}`,
    eta === null ? null : `ETA ${formatDuration(eta)}`,
  ];
  return parts.filter((p) => p !== null).join('  ');
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
