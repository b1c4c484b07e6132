import { describe, expect, it } from 'vitest';
import { abortableClock, systemClock } from '../../clock.js';
import { createInstantClock } from './instant-clock.js';
import { RateBudget } from './rate-budget.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';

const START = Date.parse('2026-03-01T00:00:00Z');

/** Sends `n` requests to `endpoint` one after another, answering each at once; returns when each went. */
async function send(budget: RateBudget, clock: { now(): number }, n: number, endpoint = '/x'): Promise<number[]> {
  const sent: number[] = [];
  for (let i = 0; i < n; i++) {
    const { slot } = await budget.acquire(endpoint);
    sent.push(clock.now() - START);
    budget.settle(slot, null);
  }
  return sent;
}

describe('RateBudget', () => {
  it('lets the plan limit through at once, then waits for the oldest request to leave the minute', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 3 });
    expect(await send(budget, clock, 4)).toEqual([0, 0, 0, 60_000]);
  });

  it("ends a wait with the clock's error when the clock stops sleeping (its worker shutting down)", async () => {
    const shutdown = new AbortController();
    const clock = abortableClock(systemClock, shutdown.signal);
    const budget = new RateBudget({ clock, limitPerMinute: 1 });
    budget.settle((await budget.acquire('/x')).slot, null);
    const waiting = budget.acquire('/x');
    setTimeout(() => shutdown.abort(new Error('shutting down')), 20);
    await expect(waiting).rejects.toThrow('shutting down');
  });

  it('holds an endpoint to its own limit without holding the others', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 100, endpointLimits: { '/export': 2 } });
    expect(await send(budget, clock, 2, '/export')).toEqual([0, 0]);
    expect(await send(budget, clock, 1, '/users')).toEqual([0]);
    expect(await send(budget, clock, 1, '/export')).toEqual([60_000]);
  });

  it('learns the account limit from the headers', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 700 });
    const { slot } = await budget.acquire('/x');
    budget.settle(slot, readRateLimitHeaders({ 'x-rate-limit': '2', 'x-rate-limit-remaining': '1' }));
    expect(await send(budget, clock, 2)).toEqual([0, 60_000]);
  });

  it('waits for the reset the headers give once nothing remains', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 700 });
    const { slot } = await budget.acquire('/x');
    budget.settle(
      slot,
      readRateLimitHeaders({ 'x-rate-limit': '700', 'x-rate-limit-remaining': '0', 'ratelimit-reset': '12' }),
    );
    const { waitedMs } = await budget.acquire('/x');
    expect(waitedMs).toBe(12_000);
  });

  it('waits a whole minute when nothing remains, others used the budget, and no reset is given', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 200 });
    const { slot } = await budget.acquire('/x');
    budget.settle(slot, readRateLimitHeaders({ 'x-ratelimit-total': '200', 'x-ratelimit-remaining': '0' }));
    expect((await budget.acquire('/x')).waitedMs).toBe(60_000);
  });

  it('counts the credits a request costs', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 4 });
    const { slot } = await budget.acquire('/tickets');
    budget.settle(slot, readRateLimitHeaders({ 'x-ratelimit-used-currentrequest': '2' }));
    // 2 used, each further request costs 2: one more fits the minute.
    expect(await send(budget, clock, 2, '/tickets')).toEqual([0, 60_000]);
  });

  it('holds every request until a pause ends', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 100 });
    budget.pauseUntil(START + 30_000);
    expect((await budget.acquire('/x')).waitedMs).toBe(30_000);
  });

  it('counts a request in flight until it is answered', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 1 });
    const first = await budget.acquire('/x');
    let second = false;
    const waiting = budget.acquire('/x').then(() => (second = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    budget.settle(first.slot, null);
    await waiting;
    expect(clock.now() - START).toBe(60_000);
  });

  it('takes the endpoint limits of the plan whose account limit the headers report', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({
      clock,
      limitPerMinute: 200,
      endpointLimits: { '/list': 2 },
      endpointLimitsOfPlan: (accountLimit) => (accountLimit === 700 ? { '/list': 5 } : null),
    });
    const { slot } = await budget.acquire('/list');
    budget.settle(slot, readRateLimitHeaders({ 'x-ratelimit-total': '700', 'x-ratelimit-remaining': '699' }));
    // 1 sent + 4 = the plan's 5 in the minute; the sixth waits for the first to leave it.
    expect(await send(budget, clock, 5, '/list')).toEqual([0, 0, 0, 0, 60_000]);
  });

  it("lowers an endpoint's limit to what the minute held when it answers 429 with the account not spent", async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 100, endpointLimits: { '/list': 10 } });
    await send(budget, clock, 4, '/list');
    const { slot } = await budget.acquire('/list');
    budget.settle(slot, readRateLimitHeaders({ 'x-ratelimit-total': '100', 'x-ratelimit-remaining': '95' }), 1_000);
    budget.pauseUntil(clock.now() + 1_000);
    // The limit is now 4; the minute holds 5 (the refused one too): two must leave, at 60 s.
    // Under the old limit of 10 it would have gone after the 1 s pause.
    expect((await budget.acquire('/list')).waitedMs).toBe(60_000);
  });

  it('goes back to the plan ten minutes after a 429 lowered a limit', async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 100, endpointLimits: { '/list': 10 } });
    await send(budget, clock, 4, '/list');
    const { slot } = await budget.acquire('/list');
    budget.settle(slot, readRateLimitHeaders({ 'x-ratelimit-total': '100', 'x-ratelimit-remaining': '95' }), 1_000);
    await clock.sleep(10 * 60_000);
    // The minute is empty again, and the plan's 10 hold once more.
    const sent = await send(budget, clock, 11, '/list');
    expect(sent.map((t) => t - 10 * 60_000)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60_000]);
  });

  it("keeps an endpoint's limit after a 429 that the spent account explains", async () => {
    const clock = createInstantClock(START);
    const budget = new RateBudget({ clock, limitPerMinute: 100, endpointLimits: { '/list': 10 } });
    await send(budget, clock, 4, '/list');
    const { slot } = await budget.acquire('/list');
    budget.settle(slot, readRateLimitHeaders({ 'x-ratelimit-total': '100', 'x-ratelimit-remaining': '0' }), 1_000);
    budget.pauseUntil(clock.now() + 1_000);
    expect((await budget.acquire('/list')).waitedMs).toBe(1_000);
  });
});
