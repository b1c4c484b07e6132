import type { KpiTarget } from '@frontline/kpi';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { silentLogger } from '../logger.js';
import type { SyncStore } from '../store/sync-store.js';
import { openTestTenant } from '../sync/open-test-tenant.js';
import { createMemoryChangeFeed, type ChangeFeed } from './change-feed.js';
import { LiveTenants } from './live-tenants.js';

/** One API process's live views, on the store and the feed every process shares. */
const apiProcess = (store: SyncStore, feed: ChangeFeed) =>
  new LiveTenants({
    store,
    feed,
    clock: systemClock,
    log: silentLogger,
    targetsOf: (tenantId) => store.coaching.listTargets(tenantId),
    headlineOf: async (tenantId) => (await store.coaching.settings(tenantId)).headline,
  });

describe('live views in two API processes', () => {
  it('shows a target saved through one process in the other at once, though no revision moved', async () => {
    const { store, tenant, close } = await openTestTenant({ shared: true });
    const feed = createMemoryChangeFeed();
    const [saving, other] = [apiProcess(store, feed), apiProcess(store, feed)];
    try {
      expect((await other.view(tenant)).targets).toEqual([]);
      await saving.view(tenant);
      const target: KpiTarget = { kpi: 'solved', green: 10, amber: 5 };
      await store.coaching.setTarget(tenant.id, target);
      saving.settingsChanged(tenant.id);
      // Sooner than the revision poll (5 s) would notice anything, were there anything to notice.
      await expect.poll(async () => (await other.view(tenant)).targets, { timeout: 2_000 }).toEqual([target]);
      expect((await saving.view(tenant)).targets).toEqual([target]);
    } finally {
      await saving.close();
      await other.close();
      await close();
    }
  });
});
