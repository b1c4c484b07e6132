// The job layer's public surface: the queue contract, its two runners, the tenant lock.
export { BullmqQueue } from './bullmq-queue.js';
export { InProcessQueue } from './in-process-queue.js';
export {
  shutdownReason,
  type AddOptions,
  type JobHandler,
  type JobQueue,
  type QueueCounts,
  type QueueWorker,
} from './job-queue.js';
export { jobKey, type SyncJob } from './sync-job.js';
export { createMemoryTenantLock, createRedisTenantLock, type HeldLock, type TenantLock } from './tenant-lock.js';
