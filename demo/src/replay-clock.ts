import type { Clock } from '@frontline/connector/clock';
import { createManualClock } from '@frontline/simulators';

/** How often a following clock catches up with the wall clock. */
const FOLLOW_EVERY_MS = 100;

/**
 * The demo helpdesks' clock: a manual clock that replays earlier runs as fast as it can, then
 * follows the wall clock in small steps. Live or replayed, every change happens at its own due
 * time and in the same order, so a replay rebuilds exactly the helpdesk the store saw.
 */
export interface ReplayClock extends Clock {
  /** Moves time to `at` (never back), running everything due on the way in time order. */
  advanceTo(at: number): Promise<void>;
  /** Keeps up with the wall clock until the returned function is called (it resolves once stopped). */
  follow(): () => Promise<void>;
}

export function createReplayClock(start: number): ReplayClock {
  const manual = createManualClock(start);
  const advanceTo = (at: number) => manual.advance(Math.max(0, at - manual.now()));
  return {
    now: () => manual.now(),
    sleep: (ms, signal) => manual.sleep(ms, signal),
    advanceTo,
    follow() {
      let following = true;
      const loop = (async () => {
        while (following) {
          await advanceTo(Date.now());
          await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
        }
      })();
      return async () => {
        following = false;
        await loop;
      };
    },
  };
}
