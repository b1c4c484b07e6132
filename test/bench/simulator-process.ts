/**
 * A simulated Zendesk account served over loopback HTTP in a process of its own, so a benchmark
 * measures its own process without the simulator's tables and page building. Prints the server's
 * URL as the first line of stdout, then answers each `stats` line on stdin with one JSON line
 * (the account's request counters, limits, ticket and rating counts, and this process's RSS). Stops on SIGTERM or when stdin closes.
 *
 * Configured by environment variables:
 * - FRONTLINE_BENCH_CLOCK=factor,start,origin (required): the scaled clock shared with the
 *   benchmark (see `scaledClock`).
 * - FRONTLINE_BENCH_TICKETS (default 1,000,000), FRONTLINE_BENCH_DAYS (default 365),
 *   FRONTLINE_BENCH_SEED (default 7): the generated history, which ends two simulated minutes
 *   before the clock's start.
 * - FRONTLINE_BENCH_RATE_LIMITS=incrementalPerMinute,perMinute (optional): limits raised above
 *   the Enterprise plan's (export 10, account 700 a minute).
 */
import { scaledClock } from '@frontline/connector/clock';
import { createInterface } from 'node:readline';
import {
  createSimulatedAccount,
  createZendeskHandlers,
  generateHistory,
  serveSimulator,
  type RateLimitOverrides,
} from '@frontline/simulators';

function numbers(name: string, count: number, required: boolean): number[] | null {
  const text = process.env[name];
  if (text === undefined || text === '') {
    if (required) throw new Error(`${name} is required`);
    return null;
  }
  const values = text.split(',').map(Number);
  if (values.length !== count || !values.every(Number.isFinite))
    throw new Error(`${name} must be ${count} comma-separated numbers, got "${text}"`);
  return values;
}

const [factor, start, origin] = numbers('FRONTLINE_BENCH_CLOCK', 3, true)!;
const tickets = Number(process.env['FRONTLINE_BENCH_TICKETS'] ?? 1_000_000);
const days = Number(process.env['FRONTLINE_BENCH_DAYS'] ?? 365);
const seed = Number(process.env['FRONTLINE_BENCH_SEED'] ?? 7);
const raised = numbers('FRONTLINE_BENCH_RATE_LIMITS', 2, false);
const rateLimits: RateLimitOverrides | undefined =
  raised === null ? undefined : { incrementalPerMinute: raised[0]!, perMinute: raised[1]! };

const clock = scaledClock(factor!, start!, origin!);
const history = generateHistory({ seed, tickets, days, now: start! - 2 * 60_000 });
const account = createSimulatedAccount({ vendor: 'zendesk', history, clock, ...(rateLimits ? { rateLimits } : {}) });
const server = await serveSimulator(createZendeskHandlers(account));
process.stdout.write(`${server.url}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.close();
  await account.stop();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const stats = account.stats();
  process.stdout.write(
    `${JSON.stringify({
      ...stats,
      limits: account.limits,
      rssBytes: process.memoryUsage().rss,
      tickets: account.state.table.count,
      ratings: account.state.ratings.length,
    })}\n`,
  );
});
input.on('close', () => void stop());
