import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryTenantLock, createRedisTenantLock, type TenantLock } from './tenant-lock.js';

const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
afterAll(() => redis.quit());

for (const [name, makeLock] of [
  ['memory', () => createMemoryTenantLock()],
  ['redis', () => createRedisTenantLock(redis)],
] as [string, () => TenantLock][]) {
  describe(`TenantLock (${name})`, () => {
    it('lets one holder at a time sync a tenant', async () => {
      const lock = makeLock();
      const tenant = randomUUID();
      const first = await lock.tryAcquire(tenant);
      expect(first).not.toBeNull();
      expect(await lock.tryAcquire(tenant)).toBeNull();
      expect(await lock.tryAcquire(randomUUID())).not.toBeNull();
      await first!.release();
      const again = await lock.tryAcquire(tenant);
      expect(again).not.toBeNull();
      await again!.release();
    });
  });
}

describe('TenantLock (redis) across processes', () => {
  it('is shared by two connections, as two workers share it', async () => {
    const other = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    const tenant = randomUUID();
    const held = await createRedisTenantLock(redis).tryAcquire(tenant);
    expect(await createRedisTenantLock(other).tryAcquire(tenant)).toBeNull();
    await held!.release();
    expect(await createRedisTenantLock(other).tryAcquire(tenant)).not.toBeNull();
    await other.quit();
  });
});
