import { randomUUID } from 'node:crypto';
import { describeJobQueue } from './job-queue.contract.js';
import { BullmqQueue } from './bullmq-queue.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

// Each test gets a queue of its own name, so runs never see each other's jobs.
describeJobQueue('BullmqQueue (Redis)', async () => {
  const queue = new BullmqQueue(REDIS_URL, undefined, `test-${randomUUID()}`);
  await queue.obliterate();
  return queue;
});
