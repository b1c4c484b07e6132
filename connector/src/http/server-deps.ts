import type { SessionTokens } from '../auth/index.js';
import type { ConnectServices } from '../connect/connect-services.js';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { LiveTenants } from '../live/live-tenants.js';
import type { WindowCards } from '../live/window-cards.js';
import type { Logger } from '../logger.js';
import type { SyncStore } from '../store/sync-store.js';
import type { Authenticator } from './authenticate.js';
import type { ReplayGuard } from './replay-guard.js';
import type { StreamHub } from './stream-hub.js';
import type { TenantDirectory } from './tenant-directory.js';

/** What the API's routes run on; built by `createServer` from {@link ServerParts}. */
export interface ServerDeps {
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly log: Logger;
  readonly live: LiveTenants;
  /** Scorecards of windows other than the views' own, per revision. */
  readonly windows: WindowCards;
  readonly sessions: SessionTokens;
  readonly tenants: TenantDirectory;
  readonly auth: Authenticator;
  readonly replay: ReplayGuard;
  readonly hub: StreamHub;
  readonly connect: ConnectServices;
}
