import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretKey } from '../secrets/index.js';
import { PgliteSyncStore } from '../store/index.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';

/** For tests: an embedded store in a temporary folder with one Freshdesk tenant, and its cleanup. */
export async function openTestTenant(): Promise<{ store: SyncStore; tenant: Tenant; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-test-store-'));
  const store = await PgliteSyncStore.open(dir, SecretKey.fromBytes(randomBytes(32)));
  await store.migrate();
  const tenant = await store.addTenant({
    name: 'acme',
    vendor: 'freshdesk',
    baseUrl: 'https://acme.freshdesk.com',
    credentials: { kind: 'freshdesk-key', apiKey: 'k' },
    zigpoll: null,
  });
  return {
    store,
    tenant,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
