import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { openTestTenant } from './open-test-tenant.js';
import { computeCompleteness } from './completeness.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T00:00:00Z');
const RECENT_START = NOW - 60 * DAY;

describe('computeCompleteness', () => {
  let store: SyncStore;
  let tenant: Tenant;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, tenant, close } = await openTestTenant({ shared: true }));
    await store.savePage(tenant.id, 'plan', {}, { cursor: String(RECENT_START), done: true, reachedTime: null });
  });

  afterAll(() => close());

  const checkpoint = (stream: string, reachedTime: number | null, done = false) =>
    store.savePage(tenant.id, stream, {}, { cursor: 'c', done, reachedTime });

  it('says how much of a window the streams have covered, per KPI', async () => {
    // Tickets synced from the recent start to 20 days ago; ratings caught up; nothing older.
    await checkpoint('tickets', NOW - 20 * DAY);
    await checkpoint('ratings', NOW, true);
    const last30 = { from: NOW - 30 * DAY, to: NOW };
    const c = await computeCompleteness(store, tenant.id, last30, NOW, false);
    expect(c.tickets).toBeCloseTo(10 / 30, 9);
    expect(c.byKpi.solved).toBeCloseTo(10 / 30, 9);
    expect(c.byKpi.csat).toBe(1);
    expect(c.byKpi.nps).toBe(1);
  });

  it('counts the older history once its stream is done', async () => {
    await checkpoint('tickets', NOW, true);
    await checkpoint('tickets:history', RECENT_START - 30 * DAY);
    const before = { from: RECENT_START - 60 * DAY, to: RECENT_START };
    expect((await computeCompleteness(store, tenant.id, before, NOW, false)).tickets).toBeCloseTo(0.5, 9);
    await checkpoint('tickets:history', RECENT_START, true);
    expect((await computeCompleteness(store, tenant.id, before, NOW, false)).tickets).toBe(1);
  });

  it('scales reply-based KPIs by the share of reply counts known', async () => {
    const c = await computeCompleteness(store, tenant.id, { from: NOW - 7 * DAY, to: NOW }, NOW, true);
    expect(c.byKpi.one_touch_rate).toBe(c.tickets * c.replyCounts);
    expect(c.byKpi.nps).toBe(0);
  });
});
