import { Queue, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  shutdownReason,
  type AddOptions,
  type JobHandler,
  type JobQueue,
  type QueueCounts,
  type QueueWorker,
} from './job-queue.js';
import { silentLogger } from '../logger.js';
import { createRedisHealth, type RedisHealth } from '../redis-health.js';
import { jobKey, type SyncJob } from './sync-job.js';

const DEFAULT_QUEUE_NAME = 'frontline-sync';
/** BullMQ runs prioritized jobs lowest number first. */
const PRIORITY = { high: 1, normal: 10 } as const;

/**
 * The job queue on Redis: any number of worker processes on any hosts share it. A job that
 * throws is retried with exponential backoff; a worker killed mid-job leaves it to BullMQ's
 * stalled-job check, which hands it to another worker.
 */
export class BullmqQueue implements JobQueue {
  private readonly queue: Queue;
  private readonly connections: Redis[] = [];

  constructor(
    private readonly redisUrl: string,
    private readonly onError: (job: SyncJob, error: unknown, willRetry: boolean) => void = () => {},
    private readonly name = DEFAULT_QUEUE_NAME,
    /** How long a job stays claimed without a sign of life: a killed worker's job is retried after it. */
    private readonly lockMs = 30_000,
    /** Reports Redis outages; a queue nobody watches (tests) keeps them to itself. */
    private readonly health: RedisHealth = createRedisHealth(redisUrl, silentLogger),
  ) {
    this.queue = new Queue(name, { connection: this.connect() });
    // Without a listener, BullMQ prints each of its connection's errors with a stack trace.
    this.queue.on('error', (error) => this.health.failed(error));
  }

  /** The BullMQ queue itself, for the operators' dashboard (Bull Board); jobs go through `add`. */
  get bullQueue(): Queue {
    return this.queue;
  }

  async add(job: SyncJob, options: AddOptions = {}): Promise<void> {
    await this.queue.add(job.kind, job, {
      jobId: jobKey(job),
      priority: PRIORITY[options.priority ?? 'normal'],
      delay: options.delayMs,
      attempts: 12,
      backoff: { type: 'exponential', delay: 1_000, jitter: 1 },
      // Finished jobs go, so the same key can be queued again later.
      removeOnComplete: true,
      removeOnFail: { count: 1_000 },
    });
  }

  work(handler: JobHandler, options: { readonly concurrency: number }): QueueWorker {
    const shutdown = new AbortController();
    const run = async (job: Job<SyncJob>, token?: string) => {
      try {
        await handler(job.data, shutdown.signal);
      } catch (error) {
        if (!shutdown.signal.aborted) throw error;
        // Handed back, not failed: the job waits again with its attempts untouched, and BullMQ
        // takes a WaitingError as "moved", so no failure is logged for a shutdown.
        await job.moveToWait(token);
        throw new WaitingError();
      }
    };
    const worker = new Worker<SyncJob>(this.name, run, {
      connection: this.connect(),
      concurrency: options.concurrency,
      // A killed worker's job goes back to the queue after this long without a lock renewal.
      lockDuration: this.lockMs,
      stalledInterval: Math.max(1_000, this.lockMs / 2),
      maxStalledCount: 100,
    });
    worker.on('failed', (job, error) => {
      if (job) this.onError(job.data, error, job.attemptsMade < (job.opts.attempts ?? 1));
    });
    // Connection errors are retried by ioredis; an unhandled 'error' event would crash the process.
    worker.on('error', (error) => this.health.failed(error));
    return {
      // A job aborted by the shutdown goes back to the queue for another worker or a successor.
      async close() {
        shutdown.abort(shutdownReason());
        await worker.close();
      },
    };
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    return {
      waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
    };
  }

  async close(): Promise<void> {
    await this.queue.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }

  /** Removes every job (tests). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  private connect(): Redis {
    // BullMQ workers block on Redis; a null retry count lets them wait out a Redis restart.
    const connection = new Redis(this.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
    this.health.watch(connection);
    this.connections.push(connection);
    return connection;
  }
}
