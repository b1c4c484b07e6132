import type { Clock } from '../../clock.js';

/** A {@link Clock} whose `sleep` moves time forward at once, plus the total it was asked to sleep. */
export interface InstantClock extends Clock {
  readonly sleptMs: () => number;
}

/**
 * A clock for tests: time stands still until someone sleeps, then jumps by exactly that much, so
 * waits of minutes take no real time and tests can assert them to the millisecond. Each sleep
 * still yields to the event loop, so pending I/O gets to run.
 */
export function createInstantClock(start: number): InstantClock {
  let now = start;
  let slept = 0;
  return {
    now: () => now,
    sleptMs: () => slept,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const step = Math.max(0, ms);
        now += step;
        slept += step;
        setImmediate(resolve);
      }),
  };
}
