import type { Clock } from '../clock.js';
import {
  shutdownReason,
  type AddOptions,
  type JobHandler,
  type JobQueue,
  type QueueCounts,
  type QueueWorker,
} from './job-queue.js';
import { jobKey, type SyncJob } from './sync-job.js';

interface Entry {
  readonly job: SyncJob;
  readonly key: string;
  readonly priority: number;
  readonly readyAt: number;
  readonly attempt: number;
}

const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 60_000;

/**
 * The embedded default's queue: jobs wait in memory and run in this process. Same contract as
 * BullMQ: deduplicated by key, high priority first, retried with exponential backoff. Jobs do
 * not survive a restart; they do not need to, as every sync resumes from its stored checkpoint.
 */
export class InProcessQueue implements JobQueue {
  private readonly entries: Entry[] = [];
  private readonly active = new Set<string>();
  private readonly wakeups = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (job: SyncJob, error: unknown, willRetry: boolean) => void = () => {},
  ) {}

  async add(job: SyncJob, options: AddOptions = {}): Promise<void> {
    const key = jobKey(job);
    if (this.closed || this.entries.some((e) => e.key === key)) return;
    this.push({
      job,
      key,
      priority: options.priority === 'high' ? 0 : 1,
      readyAt: this.clock.now() + (options.delayMs ?? 0),
      attempt: 1,
    });
  }

  work(handler: JobHandler, options: { readonly concurrency: number }): QueueWorker {
    const shutdown = new AbortController();
    const loops = Array.from({ length: options.concurrency }, () => this.loop(handler, shutdown.signal));
    return {
      close: async () => {
        this.closed = true;
        shutdown.abort(shutdownReason());
        this.wake();
        await Promise.all(loops);
      },
    };
  }

  async counts(): Promise<QueueCounts> {
    const now = this.clock.now();
    const delayed = this.entries.filter((e) => e.readyAt > now).length;
    return { waiting: this.entries.length - delayed, active: this.active.size, delayed };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
  }

  /** Resolves once nothing is waiting, delayed or running. */
  async drained(): Promise<void> {
    while (this.entries.length > 0 || this.active.size > 0) await this.clock.sleep(20);
  }

  private async loop(handler: JobHandler, shutdown: AbortSignal): Promise<void> {
    while (!this.closed) {
      const entry = this.take();
      if (entry === null) {
        await this.idle();
        continue;
      }
      this.active.add(entry.key);
      try {
        await handler(entry.job, shutdown);
      } catch (error) {
        // Stopped by the shutdown: nothing is lost, every sync resumes from its checkpoint.
        if (shutdown.aborted) continue;
        const willRetry = entry.attempt < MAX_ATTEMPTS && !this.closed;
        this.onError(entry.job, error, willRetry);
        if (willRetry) {
          const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (entry.attempt - 1));
          this.push({ ...entry, attempt: entry.attempt + 1, readyAt: this.clock.now() + Math.random() * backoff });
        }
      } finally {
        this.active.delete(entry.key);
      }
    }
  }

  /** The ready entry of highest priority, oldest first; `null` when none is ready. */
  private take(): Entry | null {
    const now = this.clock.now();
    let best = -1;
    this.entries.forEach((entry, i) => {
      if (entry.readyAt > now || this.active.has(entry.key)) return;
      if (best < 0 || entry.priority < this.entries[best]!.priority) best = i;
    });
    return best < 0 ? null : this.entries.splice(best, 1)[0]!;
  }

  private push(entry: Entry): void {
    this.entries.push(entry);
    this.wake();
  }

  private idle(): Promise<void> {
    const soonest = Math.min(...this.entries.map((e) => e.readyAt), this.clock.now() + 1_000);
    return new Promise((resolve) => {
      const done = () => {
        this.wakeups.delete(done);
        resolve();
      };
      this.wakeups.add(done);
      void this.clock.sleep(Math.max(5, soonest - this.clock.now())).then(done);
    });
  }

  private wake(): void {
    for (const wakeup of [...this.wakeups]) wakeup();
  }
}
