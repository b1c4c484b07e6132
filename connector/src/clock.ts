/**
 * Time as the sync sees it. Rate-limit windows, `Retry-After` waits and backoff all go through
 * a clock, so tests and benchmarks can run the vendors' real limits on a faster clock.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason on abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepReal(ms, signal),
};

/**
 * A clock that runs `factor` times faster than the wall clock, reading `start` at the real
 * epoch-millisecond `origin`: a minute of rate-limit window passes in 60/factor real seconds.
 * Processes given the same three numbers agree on the time, so a simulator and workers in other
 * processes can share one.
 */
export function scaledClock(factor: number, start = Date.now(), origin = realNow()): Clock {
  if (!(factor > 0)) throw new RangeError(`clock factor must be positive, got ${factor}`);
  return {
    // Whole milliseconds, as Date.now() gives: times are stored as integers.
    now: () => Math.floor(start + (realNow() - origin) * factor),
    sleep: (ms, signal) => sleepReal(ms / factor, signal),
  };
}

/**
 * `clock` whose sleeps also end, rejecting, when `signal` aborts: a job's rate-limit and retry
 * waits stop the moment its worker shuts down.
 */
export function abortableClock(clock: Clock, signal: AbortSignal): Clock {
  return {
    now: () => clock.now(),
    sleep: (ms, own) => clock.sleep(ms, own === undefined ? signal : AbortSignal.any([own, signal])),
  };
}

/** High-resolution epoch milliseconds, comparable across processes. */
function realNow(): number {
  return performance.timeOrigin + performance.now();
}

function sleepReal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
