import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { SyncStore } from '../../store/sync-store.js';
import { ApiError } from '../api-error.js';

export interface HealthPluginOptions {
  readonly store: SyncStore;
  readonly queue: JobQueue;
}

const Health = Type.Object({
  status: Type.Literal('ok'),
  store: Type.Literal('ok'),
  queue: Type.Literal('ok'),
});

/** Whether `work` answers, as 'ok' or null: a down server is an answer here, not an error. */
const reachable = (work: Promise<unknown>): Promise<'ok' | null> =>
  work.then(
    () => 'ok' as const,
    () => null,
  );

/**
 * GET /healthz: 200 while the store and the job queue answer, else 503 naming the one that does
 * not and what to check. A route of its own scope: it decorates and hooks nothing.
 */
export const healthPlugin: FastifyPluginAsyncTypebox<HealthPluginOptions> = async (app, { store, queue }) => {
  app.get(
    '/healthz',
    { schema: { summary: 'Whether the store and the job queue are reachable', response: { 200: Health } } },
    async () => {
      const [stored, queued] = await Promise.all([reachable(store.listTenants()), reachable(queue.counts())]);
      if (stored === null || queued === null) {
        const down = [stored === null ? 'the store' : null, queued === null ? 'the job queue' : null].filter(Boolean);
        throw new ApiError(
          'unavailable',
          `${down.join(' and ')} cannot be reached: check DATABASE_URL / REDIS_URL and that the servers run`,
        );
      }
      return { status: 'ok' as const, store: stored, queue: queued };
    },
  );
};
