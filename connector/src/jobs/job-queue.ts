import type { SyncJob } from './sync-job.js';

export interface AddOptions {
  /** Webhook refreshes jump ahead of sync links. */
  readonly priority?: 'high' | 'normal';
  readonly delayMs?: number;
}

export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
}

/** Runs a job; `signal` aborts when the worker shuts down (the job then throws and is handed back). */
export type JobHandler = (job: SyncJob, signal?: AbortSignal) => Promise<void>;

/** Why a worker's running jobs abort when it shuts down. */
export function shutdownReason(): Error {
  return new Error('the worker is shutting down: the job goes back to the queue');
}

/** A running consumer of the queue. */
export interface QueueWorker {
  /** Stops taking jobs, aborts the running ones' waits, and resolves once they have ended. */
  close(): Promise<void>;
}

/**
 * The job contract shared by BullMQ on Redis (any number of worker processes) and the in-process
 * runner of the embedded default. A job whose key (`jobKey`) is already waiting is not added
 * again. A handler that throws is retried with backoff. Not in the contract: where jobs live,
 * how workers are scheduled, retention of finished jobs.
 */
export interface JobQueue {
  add(job: SyncJob, options?: AddOptions): Promise<void>;
  work(handler: JobHandler, options: { readonly concurrency: number }): QueueWorker;
  counts(): Promise<QueueCounts>;
  close(): Promise<void>;
}
