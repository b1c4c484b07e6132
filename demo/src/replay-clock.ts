import { systemClock, type Clock } from '@frontline/connector/clock';
import { createManualClock } from '@frontline/simulators';

/**
 * The demo helpdesks' clock: it first replays earlier runs on a manual clock (so a restarted
 * helpdesk is the one the store remembers), then follows the wall clock.
 */
export interface ReplayClock extends Clock {
  /** While replaying: moves time to `at`, running everything due on the way. */
  advanceTo(at: number): Promise<void>;
  /** From now on, the wall clock. */
  goLive(): void;
}

export function createReplayClock(start: number): ReplayClock {
  const manual = createManualClock(start);
  let live = false;
  return {
    now: () => (live ? systemClock.now() : manual.now()),
    sleep: (ms, signal) => (live ? systemClock.sleep(ms, signal) : manual.sleep(ms, signal)),
    advanceTo: (at) => manual.advance(Math.max(0, at - manual.now())),
    goLive() {
      live = true;
    },
  };
}
