/**
 * A `frontline worker` for end-to-end tests: the product's own worker (composition root, job
 * handler, scheduler) in a process of its own, on the test's fast clock and with short claim
 * times so a killed worker's jobs come back in seconds. Configured by environment variables:
 * DATABASE_URL, REDIS_URL, FRONTLINE_SECRET_KEY, and FRONTLINE_TEST_CLOCK=factor,start,origin;
 * optionally FRONTLINE_WORKER_LOG_LEVEL (default silent): the product's JSON log lines on stderr
 * at that level (`sync link done` at info names the tenant; pino adds the process id), and
 * FRONTLINE_WORKER_SCHEDULE_MS (default 2000): real ms between the scheduler's rounds.
 */
import { scaledClock } from '@frontline/connector/clock';
import { readEnv } from '@frontline/connector/env';
import { createLogger, silentLogger } from '@frontline/connector/logger';
import { openRuntime } from '@frontline/connector/main';
import { createJobHandler, startSyncScheduler } from '@frontline/connector/sync';

const [factor, start, origin] = (process.env['FRONTLINE_TEST_CLOCK'] ?? '').split(',').map(Number);
if (factor === undefined || start === undefined || origin === undefined)
  throw new Error('FRONTLINE_TEST_CLOCK=factor,start,origin');
const clock = scaledClock(factor, start, origin);
const logLevel = process.env['FRONTLINE_WORKER_LOG_LEVEL'];
const log = logLevel === undefined || logLevel === '' ? silentLogger : createLogger({ level: logLevel });
const runtime = await openRuntime(readEnv(), { clock, log, claimMs: 2_000 });
const worker = runtime.queue.work(createJobHandler({ ...runtime, linkPages: 3 }), { concurrency: 1 });
// Every 2 real seconds by default, as the clock counts them: a chain broken by a kill is picked
// up again. A benchmark that queues the syncs itself sets it longer than its run.
const scheduleMs = Number(process.env['FRONTLINE_WORKER_SCHEDULE_MS'] || 2_000);
const scheduler = startSyncScheduler({ ...runtime, intervalMs: scheduleMs * factor });
process.stdout.write('worker ready\n');
process.once('SIGTERM', () => {
  scheduler.stop();
  void worker
    .close()
    .then(() => runtime.close())
    .then(() => process.exit(0));
});
