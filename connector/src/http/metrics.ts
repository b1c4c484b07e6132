import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RateLimitWaits } from '../live/rate-limit-waits.js';
import type { SyncStore } from '../store/sync-store.js';

/** The connector's Prometheus metrics, in a registry of their own (no global state). */
export interface ApiMetrics {
  readonly registry: Registry;
  readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly rateLimitWaitSeconds: Counter<'tenant'>;
}

export function createMetrics(deps: {
  queue: JobQueue;
  store: SyncStore;
  clock: Clock;
  rateLimitWaits?: RateLimitWaits;
}): ApiMetrics {
  const { queue, store, clock, rateLimitWaits } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestSeconds = new Histogram({
    name: 'frontline_http_request_duration_seconds',
    help: 'API request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const rateLimitWaitSeconds = new Counter({
    name: 'frontline_rate_limit_wait_seconds_total',
    help: 'Time vendor clients (every worker) waited for vendor rate limits',
    labelNames: ['tenant'] as const,
    registers: [registry],
    async collect() {
      if (rateLimitWaits === undefined) return;
      // The totals live outside this process (workers add to them): report them as they are.
      this.reset();
      for (const [tenant, seconds] of await rateLimitWaits.totals()) this.inc({ tenant }, seconds);
    },
  });
  new Gauge({
    name: 'frontline_jobs_waiting',
    help: 'Sync and refresh jobs waiting in the queue',
    registers: [registry],
    async collect() {
      this.set((await queue.counts()).waiting);
    },
  });
  new Gauge({
    name: 'frontline_sync_lag_seconds',
    help: "How far behind now each tenant's ticket stream is (0 once caught up)",
    labelNames: ['tenant'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const tenant of await store.listTenants()) {
        const checkpoint = await store.readCheckpoint(tenant.id, 'tickets');
        const reached = checkpoint?.done ? clock.now() : (checkpoint?.reachedTime ?? null);
        if (reached !== null) this.set({ tenant: tenant.name }, Math.max(0, (clock.now() - reached) / 1000));
      }
    },
  });
  return { registry, requestSeconds, rateLimitWaitSeconds };
}
