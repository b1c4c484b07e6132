// The sync's public surface: bring a tenant up to date, run its jobs, say how complete it is.
export { computeCompleteness, type Completeness } from './completeness.js';
export { createJobHandler, type JobDeps } from './handle-sync-job.js';
export type { SurveySource } from './survey-source.js';
export { SYNC_INTERVAL_MS, startSyncScheduler } from './sync-scheduler.js';
export { SYNC_STEPS, type SyncStep } from './sync-steps.js';
export {
  RECENT_DAYS,
  syncTenant,
  type SyncDeps,
  type SyncOptions,
  type SyncOutcome,
  type SyncProgress,
} from './sync-tenant.js';
