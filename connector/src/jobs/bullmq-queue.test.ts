import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { describeJobQueue } from './job-queue.contract.js';
import { BullmqQueue } from './bullmq-queue.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

// Each test gets a queue of its own name, so runs never see each other's jobs.
describeJobQueue('BullmqQueue (Redis)', async () => {
  const queue = new BullmqQueue(REDIS_URL, undefined, `test-${randomUUID()}`);
  await queue.obliterate();
  return queue;
});

describe('BullmqQueue shutdown', () => {
  let queue: BullmqQueue | null = null;
  afterEach(async () => {
    await queue?.obliterate();
    await queue?.close();
  });

  it('hands a job aborted by a closing worker back to the queue, neither failed nor charged an attempt', async () => {
    const failures: unknown[] = [];
    queue = new BullmqQueue(REDIS_URL, (_job, error) => failures.push(error), `test-${randomUUID()}`);
    await queue.add({ kind: 'sync', tenant: 'acme' });
    let started = false;
    const first = queue.work(
      (_job, signal) =>
        new Promise<void>((_resolve, reject) => {
          started = true;
          signal?.addEventListener('abort', () => reject(signal.reason as Error));
        }),
      { concurrency: 1 },
    );
    await expect.poll(() => started).toBe(true);
    await first.close();
    expect(failures).toEqual([]);
    const [job] = await queue.bullQueue.getJobs(['waiting', 'prioritized']);
    expect(job?.data).toEqual({ kind: 'sync', tenant: 'acme' });
    expect(job?.attemptsMade).toBe(0);

    // The next worker runs it to the end.
    const done: string[] = [];
    const second = queue.work(async (next) => void done.push(next.tenant), { concurrency: 1 });
    await expect.poll(() => done, { timeout: 10_000 }).toEqual(['acme']);
    await second.close();
    expect(failures).toEqual([]);
  });
});
