import { randomBytes } from 'node:crypto';
import type { History } from '@frontline/kpi';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SessionTokens, type Role } from '../auth/index.js';
import type { Clock } from '../clock.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import type { SyncJob } from '../jobs/sync-job.js';
import { announcingWrites } from '../live/announcing-store.js';
import { createMemoryChangeFeed } from '../live/change-feed.js';
import { createLogger, type Logger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { openTestTenant } from '../sync/open-test-tenant.js';
import { createServer, type ServerParts } from './create-server.js';

/** Every line the API logged in a test, as text: to assert what was logged and that no secret was. */
export class LogLines {
  readonly lines: string[] = [];
  readonly stream = {
    write: (chunk: string) => {
      this.lines.push(...chunk.split('\n').filter((l) => l !== ''));
      return true;
    },
  } as unknown as NodeJS.WritableStream;

  get text(): string {
    return this.lines.join('\n');
  }
}

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly store: SyncStore;
  readonly tenant: Tenant;
  readonly log: LogLines;
  /** Jobs the API queued (webhook refreshes). */
  readonly queued: SyncJob[];
  /** The key the API signs session tokens with. */
  readonly sessionKey: Buffer;
  /** A session token as the sign-in routes would issue it. */
  tokenFor(userId: string, role: Role, tenant?: Tenant): string;
  /** `inject` with the caller's bearer token. */
  as(userId: string, role: Role, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Server options a test may set. */
export type HarnessOptions = Pick<
  ServerParts,
  'streamCheckMs' | 'sessionMaxAgeMs' | 'appsDir' | 'adminToken' | 'frameAncestors' | 'attempts' | 'trustProxy'
>;

/** What the store keeps beside the history for a person to read: ticket subjects, requester names. */
export interface HarnessLabels {
  readonly subjects?: Readonly<Record<string, string>>;
  readonly requesterNames?: Readonly<Record<string, string>>;
}

/**
 * For tests: the API over an embedded store holding `history` (and `labels`) for a Freshdesk tenant `acme`,
 * with a memory change feed and a queue that records jobs instead of running them; `parts`
 * replaces the defaults of the other server parts (e.g. a Redis attempt counter).
 */
export async function openApiHarness(
  history: Partial<History>,
  clock: Clock,
  options: HarnessOptions = {},
  labels: HarnessLabels = {},
): Promise<ApiHarness> {
  const opened = await openTestTenant({ shared: true });
  const feed = createMemoryChangeFeed();
  const store = announcingWrites(opened.store, feed, () => {});
  const { tenant } = opened;
  await store.savePage(
    tenant.id,
    'seed',
    {
      tickets: (history.tickets ?? []).map((ticket) => ({
        ticket,
        updatedAt: ticket.createdAt,
        repliesKnown: true,
        subject: labels.subjects?.[ticket.id] ?? null,
      })),
      ratings: history.ratings ?? [],
      agents: history.agents ?? [],
      requesters: [
        ...(history.requesters ?? []),
        ...Object.entries(labels.requesterNames ?? {}).map(([id, name]) => ({ id, email: null, name })),
      ],
      surveyAnswers: history.surveyAnswers ?? [],
    },
    { cursor: 'seed', done: true, reachedTime: null },
  );
  if (history.schedule) await store.saveSchedule(tenant.id, history.schedule);
  const log = new LogLines();
  const logger: Logger = createLogger({ level: 'info', destination: log.stream });
  const queue = new InProcessQueue(clock);
  const queued: SyncJob[] = [];
  const recordingQueue = Object.assign(Object.create(queue) as InProcessQueue, {
    add: async (job: SyncJob) => {
      queued.push(job);
    },
  });
  const sessionKey = randomBytes(32);
  const app = await createServer({ ...options, store, queue: recordingQueue, clock, log: logger, feed, sessionKey });
  const sessions = new SessionTokens(sessionKey, () => clock.now());
  const tokenFor = (userId: string, role: Role, forTenant: Tenant = tenant) =>
    sessions.issue({ tenantId: forTenant.id, userId, role }).token;
  return {
    app,
    store,
    tenant,
    log,
    queued,
    sessionKey,
    tokenFor,
    as: (userId, role, options) =>
      app.inject({
        ...options,
        headers: { ...options.headers, authorization: `Bearer ${tokenFor(userId, role)}` },
      }),
    async close() {
      await app.close();
      await queue.close();
      await opened.close();
    },
  };
}
