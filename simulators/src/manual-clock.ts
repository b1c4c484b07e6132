/**
 * A clock that only moves when told to, for tests: `advance()` wakes every sleeper in time order
 * and lets each run before moving on, so live traffic and Retry-After waits happen exactly.
 */
import type { Clock } from '@frontline/connector/clock';

/** A {@link Clock} under the test's control. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, waking sleepers on the way; resolves when they have run. */
  advance(ms: number): Promise<void>;
}

interface Sleeper {
  readonly at: number;
  readonly resolve: () => void;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A manual clock starting at `start` (epoch ms). */
export function createManualClock(start: number): ManualClock {
  let now = start;
  let sleepers: Sleeper[] = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper: Sleeper = {
          at: now + Math.max(0, ms),
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
      });
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        let next: Sleeper | undefined;
        for (const sleeper of sleepers)
          if (sleeper.at <= target && (next === undefined || sleeper.at < next.at)) next = sleeper;
        if (next === undefined) break;
        sleepers = sleepers.filter((s) => s !== next);
        now = Math.max(now, next.at);
        next.resolve();
        await settle();
      }
      now = target;
      await settle();
    },
  };
}
