import { describe, expect, it } from 'vitest';
import { generateHistory } from './history.js';

describe('generateHistory at benchmark scale', () => {
  it('generates 1,000,000 tickets in columns of well under 100 MB', () => {
    const before = process.memoryUsage();
    const started = performance.now();
    const history = generateHistory({ seed: 1, tickets: 1_000_000, days: 365, now: Date.UTC(2026, 2, 1) });
    const seconds = (performance.now() - started) / 1000;
    const after = process.memoryUsage();
    const heapMb = (after.heapUsed - before.heapUsed) / 1e6;
    const buffersMb = (after.arrayBuffers - before.arrayBuffers) / 1e6;
    console.log(
      `1M-ticket history: ${seconds.toFixed(2)} s, ticket columns ${(history.tickets.byteLength() / 1e6).toFixed(1)} MB, ` +
        `heap +${heapMb.toFixed(1)} MB, array buffers +${buffersMb.toFixed(1)} MB, ${history.agents.length} agents, ${history.requesters.count} requesters`,
    );
    expect(history.tickets.count).toBe(1_000_000);
    // The benchmarks' histories fit in memory beside the connector's: about 60 MB of columns.
    expect(history.tickets.byteLength()).toBeLessThan(100e6);
  });
});
