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
 * A clock that runs `factor` times faster than the wall clock, starting at `start`: a minute of
 * rate-limit window passes in 60/factor real seconds. Share one between a simulator and a client.
 */
export function scaledClock(factor: number, start = Date.now()): Clock {
  if (!(factor > 0)) throw new RangeError(`clock factor must be positive, got ${factor}`);
  const realStart = performance.now();
  return {
    now: () => start + (performance.now() - realStart) * factor,
    sleep: (ms, signal) => sleepReal(ms / factor, signal),
  };
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
