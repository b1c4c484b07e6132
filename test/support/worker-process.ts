/**
 * A `frontline worker` for end-to-end tests: the product's own worker (composition root, job
 * handler, scheduler) in a process of its own, on the test's fast clock and with short claim
 * times so a killed worker's jobs come back in seconds. Configured by environment variables:
 * DATABASE_URL, REDIS_URL, FRONTLINE_SECRET_KEY, and FRONTLINE_TEST_CLOCK=factor,start,origin.
 */
import { scaledClock } from '@frontline/connector/clock';
import { readEnv } from '@frontline/connector/env';
import { silentLogger } from '@frontline/connector/logger';
import { openRuntime } from '@frontline/connector/main';
import { createJobHandler, startSyncScheduler } from '@frontline/connector/sync';

const [factor, start, origin] = (process.env['FRONTLINE_TEST_CLOCK'] ?? '').split(',').map(Number);
if (factor === undefined || start === undefined || origin === undefined)
  throw new Error('FRONTLINE_TEST_CLOCK=factor,start,origin');
const clock = scaledClock(factor, start, origin);
const runtime = await openRuntime(readEnv(), { clock, log: silentLogger, claimMs: 2_000 });
const worker = runtime.queue.work(createJobHandler({ ...runtime, linkPages: 3 }), { concurrency: 1 });
// Every 2 real seconds, as the clock counts them: a chain broken by a kill is picked up again.
const scheduler = startSyncScheduler({ ...runtime, intervalMs: 2_000 * factor });
process.stdout.write('worker ready\n');
process.once('SIGTERM', () => {
  scheduler.stop();
  void worker
    .close()
    .then(() => runtime.close())
    .then(() => process.exit(0));
});
