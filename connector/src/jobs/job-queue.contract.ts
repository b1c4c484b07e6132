import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue, QueueWorker } from './job-queue.js';
import type { SyncJob } from './sync-job.js';

/** The one suite every JobQueue passes: the in-process runner and BullMQ on Redis. */
export function describeJobQueue(name: string, makeQueue: () => Promise<JobQueue>): void {
  describe(`${name} (JobQueue contract)`, () => {
    let queue: JobQueue | null = null;
    let worker: QueueWorker | null = null;

    afterEach(async () => {
      await worker?.close();
      await queue?.close();
      worker = null;
      queue = null;
    });

    const until = async (check: () => boolean, timeoutMs = 15_000) => {
      const started = Date.now();
      while (!check()) {
        if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the queue');
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    it('runs each added job once, collapsing a duplicate that is still waiting', async () => {
      queue = await makeQueue();
      const refresh: SyncJob = { kind: 'refresh-ticket', tenant: 'acme', ticketId: '7' };
      await queue.add(refresh);
      await queue.add(refresh);
      await queue.add({ kind: 'refresh-ticket', tenant: 'acme', ticketId: '8' });
      const seen: string[] = [];
      worker = queue.work(async (job) => void seen.push(job.kind === 'refresh-ticket' ? job.ticketId : 'sync'), {
        concurrency: 1,
      });
      await until(() => seen.length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(seen.sort()).toEqual(['7', '8']);
    });

    it('runs high-priority jobs before waiting normal ones', async () => {
      queue = await makeQueue();
      await queue.add({ kind: 'sync', tenant: 'acme', link: 1 });
      await queue.add({ kind: 'sync', tenant: 'acme', link: 2 });
      await queue.add({ kind: 'refresh-ticket', tenant: 'acme', ticketId: '1' }, { priority: 'high' });
      const seen: string[] = [];
      worker = queue.work(async (job) => void seen.push(job.kind), { concurrency: 1 });
      await until(() => seen.length === 3);
      expect(seen[0]).toBe('refresh-ticket');
    });

    it('retries a failing job until it succeeds', async () => {
      queue = await makeQueue();
      let attempts = 0;
      await queue.add({ kind: 'sync', tenant: 'flaky' });
      worker = queue.work(
        async () => {
          attempts++;
          if (attempts < 3) throw new Error('vendor unavailable');
        },
        { concurrency: 1 },
      );
      await until(() => attempts >= 3, 30_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(attempts).toBe(3);
    });

    it('lets a running job finish when the worker closes', async () => {
      queue = await makeQueue();
      let finished = false;
      let started = false;
      await queue.add({ kind: 'sync', tenant: 'slow' });
      const running = queue.work(
        async () => {
          started = true;
          await new Promise((r) => setTimeout(r, 300));
          finished = true;
        },
        { concurrency: 1 },
      );
      await until(() => started);
      await running.close();
      expect(finished).toBe(true);
    });

    it('aborts a running job that waits when the worker closes, without waiting out the wait', async () => {
      queue = await makeQueue();
      let started = false;
      let reason: unknown = null;
      await queue.add({ kind: 'sync', tenant: 'rate-limited' });
      const running = queue.work(
        async (_job, signal) => {
          started = true;
          // A rate-limit wait of a minute, as a vendor's Retry-After can ask.
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, 60_000);
            signal?.addEventListener('abort', () => {
              clearTimeout(timer);
              reason = signal.reason;
              reject(signal.reason as Error);
            });
          });
        },
        { concurrency: 1 },
      );
      await until(() => started);
      const closing = Date.now();
      await running.close();
      expect(Date.now() - closing).toBeLessThan(5_000);
      expect(String(reason)).toContain('shutting down');
    });

    it('counts waiting jobs', async () => {
      queue = await makeQueue();
      await queue.add({ kind: 'sync', tenant: 'a' });
      await queue.add({ kind: 'sync', tenant: 'b' });
      expect((await queue.counts()).waiting).toBe(2);
    });
  });
}
